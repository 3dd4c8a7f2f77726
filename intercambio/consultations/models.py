import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intercambio.common.models import TimeStampedModel, TranslatableContent
from intercambio.events.models import Event, Registration
from intercambio.network.models import Body, Network

# The text of a consultation and of a question, written once per language.
CONSULTATION_TEXT_FIELDS = ("title", "description", "outcome")
QUESTION_TEXT_FIELDS = ("text", "help_text")
# Long enough for a considered contribution, short enough that one answer cannot fill a disk
# or a spreadsheet cell (32 767 characters in the common spreadsheets).
ANSWER_MAX_LENGTH = 10_000


class Consultation(TranslatableContent):
    """Guiding questions put to the participants of an event (UN-Habitat's consultation at
    Maceió 2024, seed 001) or, standing alone, to every member; the organizers then publish
    what came out of it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(_("address"), max_length=140, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Attached to an event, only its confirmed participants answer and its organizers manage
    # it; without one, every member answers and the network's secretariat manages it.
    event = models.ForeignKey(
        Event, verbose_name=_("event"), null=True, blank=True, on_delete=models.CASCADE,
        related_name="consultations",
    )  # fmt: skip
    network = models.ForeignKey(
        Network, verbose_name=_("network"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="consultations", help_text=_("For a consultation without an event."),
    )  # fmt: skip
    body = models.ForeignKey(
        Body, verbose_name=_("thematic unit or committee"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="consultations",
    )  # fmt: skip
    # No dates: open for as long as the status says so.
    opens_at = models.DateTimeField(_("takes answers from"), null=True, blank=True)
    closes_at = models.DateTimeField(_("takes answers until"), null=True, blank=True)
    outcome = models.TextField(_("outcome summary"), blank=True)
    outcome_published_at = models.DateTimeField(
        _("outcome published"), null=True, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__isnull=True)
                | models.Q(opens_at__isnull=True)
                | models.Q(closes_at__gt=models.F("opens_at")),
                name="consultation_closes_after_opening",
            )
        ]
        indexes = [
            # The public list: open ones, then past ones, newest first.
            models.Index(fields=["status", "created_at"], name="consultation_list"),
        ]

    def __str__(self) -> str:
        return getattr(self, f"title_{self.original_language.replace('-', '_')}") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"slug": self.slug})

    def get_guest_url(self, registration: Registration) -> str:
        """Where a registrant without an account answers: the token is the credential."""
        return reverse(
            "consultations:guest", kwargs={"slug": self.slug, "token": registration.token}
        )

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("A consultation must close after it opens.")})

    def takes_answers(self, now: datetime.datetime) -> bool:
        if self.status != self.Status.OPEN:
            return False
        if self.opens_at is not None and now < self.opens_at:
            return False
        return self.closes_at is None or now < self.closes_at

    @property
    def is_public(self) -> bool:
        if self.status == self.Status.DRAFT:
            return False
        return self.event is None or self.event.is_public

    @property
    def outcome_is_published(self) -> bool:
        return self.outcome_published_at is not None

    @property
    def organizing_network(self) -> Network | None:
        """The event's network for an event consultation (the event is the reference)."""
        return self.event.network if self.event_id else self.network


class Question(TranslatableContent):
    """One guiding question; answered in free text."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    text = models.TextField(_("question"), max_length=1000, blank=True)
    help_text = models.TextField(_("explanation"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return getattr(self, f"text_{self.original_language.replace('-', '_')}") or str(self.pk)


class Answer(TimeStampedModel):
    """One respondent's answer to one question; saving again replaces it while the
    consultation is open.

    The respondent of an event consultation is their registration (a guest has no account;
    the account, when there is one, is kept too); of a standalone one, their account. Both
    links survive the person's erasure as null: the text, an input to a published outcome, is
    kept without a name."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="consultation_answers",
    )  # fmt: skip
    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="consultation_answers",
    )  # fmt: skip
    text = models.TextField(_("answer"), max_length=ANSWER_MAX_LENGTH)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        # By question: queries order with question__order, which a default would join always.
        ordering = ["created_at", "id"]
        constraints = [
            # The backstop of "one answer per respondent per question" (a double submit).
            models.UniqueConstraint(
                fields=["question", "registration"], condition=models.Q(registration__isnull=False),
                name="answer_once_per_registration",
            ),
            models.UniqueConstraint(
                fields=["question", "user"], condition=models.Q(user__isnull=False),
                name="answer_once_per_account",
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        return f"{self.respondent_name}: {self.text[:60]}"

    @property
    def respondent_name(self) -> str:
        """select_related("registration", "user") first."""
        if self.registration is not None:
            return self.registration.name
        if self.user is not None:
            return str(self.user)
        return str(_("(erased)"))

    @property
    def respondent_organization(self) -> str:
        """select_related("registration__organization", "user__organization") first."""
        if self.registration is not None:
            organization = self.registration.organization
            return organization.name if organization else self.registration.organization_name
        if self.user is not None and self.user.organization is not None:
            return self.user.organization.name
        return ""
