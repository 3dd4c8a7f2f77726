from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task


@task()
def send_contact_email(address: str, language: str, context: dict) -> int:
    """A visitor's message to a practice's contact person who has no account."""
    with translation.override(language):
        context = {
            **context,
            "PLATFORM_NAME": settings.PLATFORM_NAME,
            "SITE_URL": settings.SITE_URL,
        }
        subject = render_to_string("practices/email/contact_subject.txt", context).strip()
        body = render_to_string("practices/email/contact.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        to=[address],
        reply_to=[context["sender_email"]],
    )
    return message.send()
