"""E-mails to people with accounts, each written in the recipient's own language."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation


def send_in_own_language(
    *, user_ids: list[int], template: str, context: dict, reply_to: str = ""
) -> int:
    """Render `<template>_subject.txt` and `<template>.txt` once per recipient, inside their
    preferred language, and send one message each. Returns how many were sent."""
    users = get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    sent = 0
    for user in users:
        with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
            context_for_user = {
                **context,
                "recipient": user,
                "PLATFORM_NAME": settings.PLATFORM_NAME,
                "SITE_URL": settings.SITE_URL,
            }
            subject = render_to_string(f"{template}_subject.txt", context_for_user).strip()
            body = render_to_string(f"{template}.txt", context_for_user)
        message = EmailMessage(
            subject=" ".join(subject.split()),
            body=body,
            to=[user.email],
            reply_to=[reply_to] if reply_to else None,
        )
        sent += message.send()
    return sent
