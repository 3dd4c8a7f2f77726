"""E-mails written in the recipient's own language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def send_message(
    *, to: str, language: str, template: str, context: dict, reply_to: str = "",
    attachments: list[tuple[str, bytes, str]] | None = None,
) -> int:  # fmt: skip
    """Render `<template>_subject.txt` and `<template>.txt` in `language` and send them to one
    address, with (filename, content, mimetype) attachments. Returns 1 when sent."""
    with translation.override(language):
        context = {
            **context,
            "PLATFORM_NAME": settings.PLATFORM_NAME,
            "SITE_URL": settings.SITE_URL,
        }
        subject = render_to_string(f"{template}_subject.txt", context)
        body = render_to_string(f"{template}.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[to],
        reply_to=[reply_to] if reply_to else None,
        attachments=attachments,
    )
    return message.send()


def send_in_own_language(
    *, user_ids: list[int], template: str, context: dict, reply_to: str = ""
) -> int:
    """One message per active account, each in the account's preferred language."""
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    return sum(
        send_message(
            to=user.email,
            language=user.preferred_language or settings.LANGUAGE_CODE,
            template=template,
            context={**context, "recipient": user},
            reply_to=reply_to,
        )
        for user in users
    )
