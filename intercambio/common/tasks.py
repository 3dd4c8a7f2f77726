"""Background delivery of e-mails (`context` must be JSON-serializable)."""

from django_tasks import task

from intercambio.common.mail import send_in_own_language, send_message


@task()
def send_notification(user_ids: list[int], template: str, context: dict, reply_to: str = "") -> int:
    return send_in_own_language(
        user_ids=user_ids, template=template, context=context, reply_to=reply_to
    )


@task()
def send_to_address(
    address: str, language: str, template: str, context: dict, reply_to: str = ""
) -> int:
    """For people without an account (e.g. a practice's contact person)."""
    return send_message(
        to=address, language=language, template=template, context=context, reply_to=reply_to
    )
