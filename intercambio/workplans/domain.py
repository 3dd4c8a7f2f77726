"""Every write to a work plan, and its progress figures.

Progress counts what a secretariat reports at the end of the year: the activities done
against those still to be done. A cancelled activity leaves the count (it will not be done,
and is reported apart); a postponed one stays in it, not done.
"""

import datetime
import zoneinfo
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intercambio.common.domain import delete_with_audit, record_audit, save_with_audit
from intercambio.common.forms import unique_slug
from intercambio.common.i18n import field_suffix
from intercambio.common.models import AuditEntry
from intercambio.events.models import RESERVED_SLUGS as EVENT_RESERVED_SLUGS
from intercambio.events.models import Event, EventOrganization
from intercambio.workplans.models import (
    ACTIVITY_TEXT_FIELDS,
    Activity,
    StatusProposal,
    first_of_month,
)

LANGUAGES = ("pt-br", "es", "en")


class ProposalError(Exception):
    """A proposal that cannot be made or decided, with the reason to show the person."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


# --- progress -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Progress:
    done: int
    counted: int  # every activity but the cancelled ones
    cancelled: int

    @property
    def percent(self) -> int:
        """Whole percent done, rounded down: 99.6 % is not "100 %" while one is left."""
        return self.done * 100 // self.counted if self.counted else 0


def progress_of(activities) -> Progress:
    statuses = [activity.status for activity in activities]
    cancelled = statuses.count(Activity.Status.CANCELLED)
    return Progress(
        done=statuses.count(Activity.Status.DONE),
        counted=len(statuses) - cancelled,
        cancelled=cancelled,
    )


def progress_by_axis(axes, activities, axes_of: dict[int, list[int]] | None = None) -> list[tuple]:
    """(axis, Progress) for each axis; an activity linked to two axes counts in both. The
    links are `axes_of` (activity pk → axis pks) when given, else the activities' prefetched
    `axes`."""
    linked: dict[int, list] = {axis.pk: [] for axis in axes}
    for activity in activities:
        if axes_of is not None:
            axis_ids = axes_of.get(activity.pk, [])
        else:
            axis_ids = [axis.pk for axis in activity.axes.all()]
        for axis_id in axis_ids:
            linked.setdefault(axis_id, []).append(activity)
    return [(axis, progress_of(linked[axis.pk])) for axis in axes]


# --- editing ------------------------------------------------------------------------------


def save_activity(*, activity: Activity, by, changed_fields: list[str] | None = None) -> None:
    """Validate and save an activity (and its audit entry). A planned date sets the planned
    month, so that the timeline files the activity under it.

    Raises ValidationError when a date is outside the plan's period."""
    if activity.planned_on:
        activity.planned_month = first_of_month(activity.planned_on)
    elif activity.planned_month:
        activity.planned_month = first_of_month(activity.planned_month)
    activity.full_clean(exclude=["plan"])
    save_with_audit(record=activity, by=by, changed_fields=changed_fields)


def set_status(
    *, activity: Activity, status: str, status_on: datetime.date | None, note: str, by
) -> None:
    """Set an activity's status, its date (today when none is given) and note.
    Side effects: the activity row and one audit entry."""
    activity.status = status
    activity.status_on = status_on or timezone.localdate()
    activity.status_note = note
    save_with_audit(record=activity, by=by, changed_fields=["status", "status_on", "status_note"])


def propose_status(
    *, activity: Activity, organization, status: str, status_on, note: str, by
) -> StatusProposal:
    """A sub-coordinating city proposes a status update; it waits for a coordinator.

    Raises ProposalError when the city already has a proposal waiting for this activity (a
    double click proposes once)."""
    try:
        with transaction.atomic():
            proposal = StatusProposal.objects.create(
                activity=activity, organization=organization, proposed_by=by,
                status=status, status_on=status_on, note=note,
            )  # fmt: skip
    except IntegrityError:
        raise ProposalError(
            _("%(city)s already has a proposal waiting for a decision on this activity.")
            % {"city": organization}
        ) from None
    record_audit(record=proposal, by=by, action=AuditEntry.Action.CREATED)
    return proposal


def _decide(*, proposal: StatusProposal, state: str, by, now) -> StatusProposal:
    with transaction.atomic():
        locked = (
            StatusProposal.objects.select_for_update()
            .select_related("activity")
            .get(pk=proposal.pk)
        )
        if locked.state != StatusProposal.State.PENDING:
            raise ProposalError(
                _("This proposal was already %(decision)s.")
                % {"decision": locked.get_state_display().lower()}
            )
        locked.state, locked.decided_by, locked.decided_at = state, by, now or timezone.now()
        save_with_audit(record=locked, by=by, changed_fields=["state", "decided_by", "decided_at"])
        if state == StatusProposal.State.ACCEPTED:
            set_status(
                activity=locked.activity, status=locked.status,
                status_on=locked.status_on or locked.created_at.date(), note=locked.note, by=by,
            )  # fmt: skip
    return locked


def accept_proposal(*, proposal: StatusProposal, by, now=None) -> StatusProposal:
    """The proposal's status, date and note become the activity's. Raises ProposalError when
    it was decided already (two coordinators clicking at once decide once)."""
    return _decide(proposal=proposal, state=StatusProposal.State.ACCEPTED, by=by, now=now)


def decline_proposal(*, proposal: StatusProposal, by, now=None) -> StatusProposal:
    """The activity stays as it is. Raises ProposalError when decided already."""
    return _decide(proposal=proposal, state=StatusProposal.State.DECLINED, by=by, now=now)


# --- the event of an activity ----------------------------------------------------------------

# The activity types an event is made for, and the event type each becomes.
EVENT_KINDS = {
    Activity.Kind.MEETING: Event.Kind.MEETING,
    Activity.Kind.VIRTUAL_MEETING: Event.Kind.VIRTUAL_MEETING,
    Activity.Kind.TECHNICAL_MISSION: Event.Kind.TECHNICAL_MISSION,
    Activity.Kind.SEMINAR: Event.Kind.SEMINAR,
    Activity.Kind.FORUM: Event.Kind.FORUM,
    Activity.Kind.FAIR: Event.Kind.FAIR,
    Activity.Kind.TRAINING: Event.Kind.WORKSHOP,
}
DEFAULT_START, DEFAULT_END = datetime.time(9), datetime.time(18)


def _event_days(activity: Activity) -> tuple[datetime.date, datetime.date]:
    first = activity.planned_on or activity.planned_month or activity.plan.starts_on
    return first, activity.planned_until or first


def create_event_for(*, activity: Activity, by) -> tuple[Event, bool]:
    """A draft event made from the activity (title, description, type, days, city, the
    responsible cities as organizers, the plan's network and body), linked to it.

    Returns (event, created). Clicking twice makes one event: the activity's row is locked and
    an event already linked is returned. Side effects: the event, its organizers, the link and
    audit entries."""
    with transaction.atomic():
        locked = (
            Activity.objects.select_for_update().select_related("plan__body").get(pk=activity.pk)
        )
        if locked.event_id is not None:
            return locked.event, False
        zone = zoneinfo.ZoneInfo(Event._meta.get_field("time_zone").default)
        first, last = _event_days(locked)
        texts = {
            f"{name}_{field_suffix(code)}": getattr(locked, f"{name}_{field_suffix(code)}")
            for name in ACTIVITY_TEXT_FIELDS
            for code in LANGUAGES
        }
        # An activity's title may be longer than an event's: cut it rather than fail.
        title_limit = Event._meta.get_field("title").max_length
        for code in LANGUAGES:
            key = f"title_{field_suffix(code)}"
            if texts[key] and len(texts[key]) > title_limit:
                texts[key] = texts[key][: title_limit - 1] + "…"
        title = str(locked) or locked.get_kind_display()
        event = Event(
            slug=unique_slug(
                model=Event, title=f"{title} {first.year}", fallback="event",
                reserved=EVENT_RESERVED_SLUGS,
            ),
            status=Event.Status.DRAFT,
            kind=EVENT_KINDS.get(locked.kind, Event.Kind.MEETING),
            original_language=locked.original_language,
            starts_at=datetime.datetime.combine(first, DEFAULT_START, zone),
            ends_at=datetime.datetime.combine(last, DEFAULT_END, zone),
            format=(
                Event.Format.ONLINE
                if locked.kind == Activity.Kind.VIRTUAL_MEETING
                else Event.Format.IN_PERSON
            ),
            city=locked.city,
            country=locked.country,
            network=locked.plan.body.network,
            body=locked.plan.body,
            **texts,
        )  # fmt: skip
        event.full_clean()
        save_with_audit(record=event, by=by)
        EventOrganization.objects.bulk_create(
            EventOrganization(
                event=event,
                organization=organization,
                order=n,
                role=EventOrganization.Role.ORGANIZER,
            )  # fmt: skip
            for n, organization in enumerate(locked.responsible.all())
        )
        locked.event = event
        save_with_audit(record=locked, by=by, changed_fields=["event"])
    return event, True


# --- the editing pages -----------------------------------------------------------------------


def save_plan(*, plan, by, changed_fields: list[str] | None = None) -> None:
    """Validate and save a work plan (and its audit entry).

    Raises ValidationError when the period ends before it starts."""
    plan.full_clean()
    save_with_audit(record=plan, by=by, changed_fields=changed_fields)


def save_plan_part(*, record, by, changed_fields: list[str] | None = None) -> None:
    """Save an objective or an axis of a plan, with its audit entry."""
    save_with_audit(record=record, by=by, changed_fields=changed_fields)


def delete_plan_part(*, record, by) -> None:
    """Delete an objective or an axis; the plan's history keeps the removal. Activities lose
    the link, not themselves."""
    delete_with_audit(record=record, by=by, parent_field="plan")


def save_activity_with_links(
    *, activity: Activity, by, changed_fields: list[str] | None = None, links: dict
) -> None:
    """save_activity, then its many-to-many links (`links`: field name → records), in one
    transaction; links that changed are logged in one audit entry (old → new names).

    Raises ValidationError (nothing saved) when a date is outside the plan's period."""
    with transaction.atomic():
        creating = activity._state.adding
        before = (
            {}
            if creating
            else {name: sorted(str(r) for r in getattr(activity, name).all()) for name in links}
        )
        save_activity(activity=activity, by=by, changed_fields=changed_fields)
        changes = {}
        for name, records in links.items():
            getattr(activity, name).set(records)
            after = sorted(str(record) for record in records)
            if not creating and before[name] != after:
                changes[name] = ["; ".join(before[name]), "; ".join(after)]
        if changes:
            record_audit(record=activity, by=by, action=AuditEntry.Action.CHANGED, changes=changes)
