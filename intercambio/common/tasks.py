from django_tasks import task

from intercambio.common.mail import send_in_own_language


@task()
def send_notification(user_ids: list[int], template: str, context: dict, reply_to: str = "") -> int:
    """Background delivery of `mail.send_in_own_language`; `context` must be JSON-serializable."""
    return send_in_own_language(
        user_ids=user_ids, template=template, context=context, reply_to=reply_to
    )
