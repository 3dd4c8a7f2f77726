"""Reads of the consultation pages: the public list, an event's consultations, the answers as
the organizers read and export them."""

from django.db.models import Q, QuerySet

from intercambio.consultations.models import Answer, Consultation, Question
from intercambio.events.models import Event


def public_consultations() -> QuerySet[Consultation]:
    """Open and closed ones; an event's only while the event itself is public."""
    return (
        Consultation.objects.exclude(status=Consultation.Status.DRAFT)
        .filter(Q(event__isnull=True) | Q(event__status__in=Event.PUBLIC_STATUSES))
        .select_related("event", "network")
    )


def consultations_of_event(event: Event) -> list[Consultation]:
    """What the event page links to: its consultations that are not drafts."""
    return list(
        event.consultations.exclude(status=Consultation.Status.DRAFT).order_by("created_at", "pk")
    )


def answers_by_question(consultation: Consultation) -> list[tuple[Question, list[Answer]]]:
    """Every question (the unanswered too) with its answers, oldest first. Two queries
    whatever the number of respondents."""
    questions = list(consultation.questions.all())
    grouped: dict[int, list[Answer]] = {question.pk: [] for question in questions}
    answers = (
        Answer.objects.filter(consultation=consultation)
        .select_related("user__organization", "registration__organization")
        .order_by("created_at", "pk")
    )
    for answer in answers:
        grouped.setdefault(answer.question_id, []).append(answer)
    return [(question, grouped[question.pk]) for question in questions]


def respondent_count(grouped: list[tuple[Question, list[Answer]]]) -> int:
    """People who answered at least one question (an erased one counts once per answer)."""
    keys = {
        (answer.registration_id, answer.user_id) if answer.registration_id or answer.user_id
        else ("erased", answer.pk)
        for _question, answers in grouped for answer in answers
    }  # fmt: skip
    return len(keys)
