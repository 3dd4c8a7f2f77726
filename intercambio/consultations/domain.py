"""Answering a consultation, opening and closing it, publishing its outcome.

Who answers an event's consultation: the people whose registration for the event is
confirmed — a member through the registration made with their account, a guest through the
link carrying their registration's token (an unguessable UUID: the link is the credential).
Who answers a standalone consultation: any signed-in member.

Answers are saved with the consultation's row locked and its state read again inside the
lock: a consultation closed a moment before the click takes nothing, and two clicks of one
respondent never make two answers (the unique constraints are the backstop).
"""

import datetime
import uuid
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intercambio.common.domain import record_audit
from intercambio.common.i18n import field_suffix
from intercambio.common.models import AuditEntry
from intercambio.consultations.models import Answer, Consultation
from intercambio.events.models import Registration


class ConsultationError(Exception):
    """A change that cannot be made, with the reason to show the person."""

    def __init__(self, message) -> None:
        super().__init__(message)
        self.message = message


class ConsultationClosed(ConsultationError):
    pass


@dataclass(frozen=True)
class Respondent:
    """Who answers: a registration (event consultations) or an account (standalone ones)."""

    user: object | None = None
    registration: Registration | None = None

    @property
    def answers(self) -> Q:
        if self.registration is not None:
            return Q(registration=self.registration)
        return Q(user=self.user)

    @property
    def name(self) -> str:
        return self.registration.name if self.registration is not None else str(self.user)


@dataclass(frozen=True)
class Eligibility:
    """The respondent, or why there is none: "sign_in", "register", "not_confirmed",
    "bad_link". `registration` is the one found, for the explanation."""

    respondent: Respondent | None
    reason: str = ""
    registration: Registration | None = None


def _parse_token(token: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(token))
    except ValueError:
        return None


def respondent_for(*, consultation: Consultation, user, token: str | None = None) -> Eligibility:
    """Who the visitor answers as, if anyone. Reads only; the window (open, closed) is the
    consultation's own business: a respondent of a closed consultation still sees their
    answers."""
    if token is not None:
        parsed = _parse_token(token)
        registration = (
            Registration.objects.select_related("organization")
            .filter(token=parsed, event_id=consultation.event_id)
            .first()
            if parsed is not None and consultation.event_id is not None
            else None
        )
        if registration is None:
            return Eligibility(None, "bad_link")
        return _eligible_registration(registration)
    if not user.is_authenticated:
        return Eligibility(None, "sign_in")
    if consultation.event_id is None:
        return Eligibility(Respondent(user=user))
    registrations = list(
        consultation.event.registrations.filter(user=user)
        .select_related("organization")
        .order_by("-created_at")
    )
    if not registrations:
        return Eligibility(None, "register")
    confirmed = [r for r in registrations if r.status == Registration.Status.CONFIRMED]
    return _eligible_registration(confirmed[0] if confirmed else registrations[0])


def _eligible_registration(registration: Registration) -> Eligibility:
    # Only a confirmed seat: one awaiting approval may still be declined, and a waitlisted
    # person has not been admitted to the event whose participants are consulted.
    if registration.status != Registration.Status.CONFIRMED:
        return Eligibility(None, "not_confirmed", registration)
    return Eligibility(Respondent(user=registration.user, registration=registration))


def answers_of(*, consultation: Consultation, respondent: Respondent) -> dict[int, Answer]:
    """The respondent's answers, by question id."""
    answers = Answer.objects.filter(respondent.answers, consultation=consultation)
    return {answer.question_id: answer for answer in answers}


def save_answers(
    *,
    consultation: Consultation,
    respondent: Respondent,
    texts: dict[int, str],
    now: datetime.datetime | None = None,
) -> int:
    """Make `texts` (question id → text) the respondent's answers: new ones created, changed
    ones replaced, a blank text removes that question's answer. Returns how many answers the
    respondent now has.

    Raises ConsultationError when every text is blank (nothing is changed then: clearing the
    whole form by mistake must not erase what was saved) and ConsultationClosed when the
    consultation does not take answers now.
    """
    now = now or timezone.now()
    texts = {question_id: (text or "").strip() for question_id, text in texts.items()}
    if not any(texts.values()):
        raise ConsultationError(_("Write an answer to at least one question."))
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if not locked.takes_answers(now):
            raise ConsultationClosed(_("This consultation does not take answers now."))
        question_ids = set(locked.questions.values_list("pk", flat=True))
        existing = answers_of(consultation=locked, respondent=respondent)
        for question_id, text in texts.items():
            if question_id not in question_ids:
                continue  # a question removed since the form was shown
            answer = existing.pop(question_id, None)
            if not text:
                if answer is not None:
                    answer.delete()
                continue
            if answer is None:
                existing[question_id] = Answer.objects.create(
                    consultation=locked, question_id=question_id, user=respondent.user,
                    registration=respondent.registration, text=text,
                )  # fmt: skip
            else:
                if answer.text != text:
                    answer.text = text
                    answer.save(update_fields=["text", "updated_at"])
                existing[question_id] = answer
        return len(existing)


def _set_status(*, consultation: Consultation, status: str, by) -> Consultation:
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        if locked.status == status:
            return locked
        before = locked.status
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
        record_audit(
            record=locked, by=by, action=AuditEntry.Action.CHANGED,
            changes={"status": [before, status]},
        )  # fmt: skip
    return locked


def open_consultation(*, consultation: Consultation, by) -> Consultation:
    """Start taking answers (within opens_at/closes_at when set). Side effect: an audit entry."""
    if not consultation.questions.exists():
        raise ConsultationError(_("Add at least one question before opening the consultation."))
    return _set_status(consultation=consultation, status=Consultation.Status.OPEN, by=by)


def close_consultation(*, consultation: Consultation, by) -> Consultation:
    """Stop taking answers; those given are kept. Side effect: an audit entry."""
    return _set_status(consultation=consultation, status=Consultation.Status.CLOSED, by=by)


def save_outcome(
    *,
    consultation: Consultation,
    language: str,
    text: str,
    publish: bool | None,
    by,
    now: datetime.datetime | None = None,
) -> Consultation:
    """Write the outcome summary in `language`. publish=True shows it on the consultation's
    page (outcome_published_at set the first time, kept afterwards), False withdraws it, None
    leaves it as it is. Raises ConsultationError when publishing a summary without text in
    any language. Side effect: an audit entry."""
    now = now or timezone.now()
    column = f"outcome_{field_suffix(language)}"
    with transaction.atomic():
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        before = getattr(locked, column) or ""  # translation columns are null when unwritten
        setattr(locked, column, text.strip())
        has_text = any(
            getattr(locked, f"outcome_{field_suffix(code)}") for code in ("pt-br", "es", "en")
        )
        if publish and not has_text:
            raise ConsultationError(_("Write the summary before publishing it."))
        # Cut: the audit log says what changed, the record keeps the text.
        changes: dict[str, list] = {column: [before[:200], getattr(locked, column)[:200]]}
        if publish and locked.outcome_published_at is None:
            locked.outcome_published_at = now
            changes["outcome_published_at"] = [None, now.isoformat()]
        elif publish is False and locked.outcome_published_at is not None:
            changes["outcome_published_at"] = [locked.outcome_published_at.isoformat(), None]
            locked.outcome_published_at = None
        locked.save(update_fields=[column, "outcome_published_at", "updated_at"])
        record_audit(record=locked, by=by, action=AuditEntry.Action.CHANGED, changes=changes)
    return locked
