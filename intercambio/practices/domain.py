"""Every write to practices: saving, the review workflow, reminders and contact messages.

Workflow: draft → submitted → changes requested ⇄ submitted → published → archived.
Each transition locks the row, checks the status it starts from (so a double click acts
once), logs a Transition and e-mails the people concerned in their own language.
"""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import F
from django.utils import timezone

from intercambio.common.domain import save_with_audit
from intercambio.common.tasks import send_notification, send_to_address
from intercambio.common.workflow import not_applied, transition
from intercambio.practices.models import Practice
from intercambio.practices.rules import reviewing_networks

Status = Practice.Status
REVALIDATION_INTERVAL = datetime.timedelta(days=365)


def save_practice(
    *, practice: Practice, by, changed_fields: list[str], language: str, reviewed: bool = False
) -> Practice:
    """Save the practice as edited in `language`, recording the translation's status.

    Editing a version other than the original marks it "translated", or "reviewed" when the
    editor says they checked it. Side effects: one audited save.
    """
    practice.country = practice.organization.country
    if language != practice.original_language and practice.has_language(language):
        status = "reviewed" if reviewed else "translated"
        if practice.translation_status.get(language) != status:
            practice.translation_status = {**practice.translation_status, language: status}
            changed_fields = [*changed_fields, "translation_status"]
    save_with_audit(record=practice, by=by, changed_fields=changed_fields)
    return practice


def editor_ids(record) -> list[int]:
    """The editors of the organization owning a practice or library resource."""
    return list(record.organization.editors.values_list("pk", flat=True))


def reviewer_ids(record) -> list[int]:
    """The secretariat members who review a practice or library resource."""
    reviewers = get_user_model().objects.filter(secretariat_of__in=reviewing_networks(record))
    return list(reviewers.values_list("pk", flat=True).distinct())


def notify(*, user_ids: list[int], template: str, record, by, note: str = "") -> None:
    """E-mail a practice's or resource's news to these people (not to `by`, who did it),
    each in their own language, from the worker."""
    recipients = [pk for pk in dict.fromkeys(user_ids) if by is None or pk != by.pk]
    if not recipients:
        return
    send_notification.enqueue(
        user_ids=recipients,
        template=template,
        context={
            "slug": record.slug,
            "title": str(record),
            "organization": record.organization.name,
            "actor": str(by) if by is not None else "",
            "note": note,
        },
    )


def submit_practice(*, practice: Practice, by) -> Practice:
    """Send the practice to the secretariat for review; e-mails the reviewers."""
    transition(
        record=practice, by=by, allowed_from={Status.DRAFT, Status.CHANGES_REQUESTED},
        to=Status.SUBMITTED, submitted_at=timezone.now(),
    )  # fmt: skip
    notify(
        user_ids=reviewer_ids(practice),
        template="practices/email/submitted",
        record=practice,
        by=by,
    )
    return practice


def request_changes(*, practice: Practice, by, note: str) -> Practice:
    """Return the practice to its editors with the reviewer's note; e-mails the editors."""
    transition(
        record=practice, by=by, allowed_from={Status.SUBMITTED},
        to=Status.CHANGES_REQUESTED, note=note,
    )  # fmt: skip
    notify(
        user_ids=editor_ids(practice), template="practices/email/changes_requested", record=practice,
        by=by, note=note,
    )  # fmt: skip
    return practice


def publish_practice(*, practice: Practice, by) -> Practice:
    """Make the practice public; sets the first publication date and the yearly check."""
    now = timezone.now()
    transition(
        record=practice, by=by, allowed_from={Status.SUBMITTED}, to=Status.PUBLISHED,
        published_at=practice.published_at or now,
        revalidate_by=practice.revalidate_by or (now + REVALIDATION_INTERVAL).date(),
    )  # fmt: skip
    notify(
        user_ids=editor_ids(practice), template="practices/email/published", record=practice, by=by
    )
    return practice


def archive_practice(*, practice: Practice, by, note: str = "") -> Practice:
    """Withdraw a published practice from the public pages (it is kept); e-mails the editors."""
    transition(
        record=practice, by=by, allowed_from={Status.PUBLISHED}, to=Status.ARCHIVED,
        note=note, featured=False,
    )  # fmt: skip
    notify(
        user_ids=editor_ids(practice),
        template="practices/email/archived",
        record=practice,
        by=by,
        note=note,
    )
    return practice


def _require_published(practice: Practice) -> None:
    if practice.status != Status.PUBLISHED:
        raise not_applied(practice)


def feature_practice(*, practice: Practice, by, featured: bool) -> Practice:
    """Show (or stop showing) the practice first in lists and on the home page."""
    _require_published(practice)
    practice.featured = featured
    save_with_audit(record=practice, by=by, changed_fields=["featured"])
    return practice


def confirm_still_running(*, practice: Practice, by) -> Practice:
    """The owner says the practice still runs: the next question comes a year from today."""
    _require_published(practice)
    practice.revalidate_by = timezone.localdate() + REVALIDATION_INTERVAL
    save_with_audit(record=practice, by=by, changed_fields=["revalidate_by"])
    return practice


def send_revalidation_reminders(*, today: datetime.date | None = None) -> int:
    """Ask the editors of every published practice due for its yearly check whether it still
    runs. Each practice is reminded once per due date. Returns how many practices."""
    today = today or timezone.localdate()
    due = Practice.objects.filter(status=Status.PUBLISHED, revalidate_by__lte=today).exclude(
        reminded_at__gte=F("revalidate_by")
    )
    practices = list(due.select_related("organization"))
    for practice in practices:
        notify(
            user_ids=editor_ids(practice),
            template="practices/email/revalidate",
            record=practice,
            by=None,
        )
    Practice.objects.filter(pk__in=[practice.pk for practice in practices]).update(
        reminded_at=today
    )
    return len(practices)


def contact_owner(*, practice: Practice, sender, message: str) -> int:
    """Forward a visitor's message to the practice's contact person (or, without one, to the
    organization's editors). The contact's address is never shown: replies go to the sender."""
    context = {
        "slug": practice.slug,
        "title": str(practice),
        "organization": practice.organization.name,
        "sender_name": sender.name or sender.email,
        "sender_email": sender.email,
        "sender_organization": str(sender.organization or ""),
        "message": message,
    }
    template = "practices/email/contact"
    contact = practice.contact
    if contact is not None and not contact.user_id and contact.email:
        # A contact without an account gets it directly, in the practice's language.
        send_to_address.enqueue(
            address=contact.email, language=practice.original_language, template=template,
            context=context, reply_to=sender.email,
        )  # fmt: skip
        return 1
    user_ids = (
        [contact.user_id] if contact is not None and contact.user_id else editor_ids(practice)
    )
    if user_ids:
        send_notification.enqueue(
            user_ids=user_ids, template=template, context=context, reply_to=sender.email
        )
    return len(user_ids)
