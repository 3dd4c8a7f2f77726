"""A body's work plan for a year or a term (seeds 003 and 004): objectives, axes of work and
programmed activities by month and place, followed up until the end of the period."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intercambio.common.models import TimeStampedModel, TranslatableContent
from intercambio.network.models import Body, Organization, Person

PLAN_TEXT_FIELDS = ("title", "introduction")
OBJECTIVE_TEXT_FIELDS = ("text",)
AXIS_TEXT_FIELDS = ("title", "description")
ACTIVITY_TEXT_FIELDS = ("title", "description")

# Words the work plans' own addresses use (see workplans/urls.py).
RESERVED_SLUGS = {"calendar", "new"}


def validate_plan_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved; choose another."))


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


class WorkPlan(TranslatableContent):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        CLOSED = "closed", _("Closed")

    slug = models.SlugField(
        _("address"), max_length=140, unique=True, validators=[validate_plan_slug]
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="work_plans"
    )
    title = models.CharField(_("title"), max_length=250, blank=True)
    introduction = models.TextField(_("introduction"), blank=True)
    # A year is 1 January to 31 December; a term may run across years.
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    presented_by_organization = models.ForeignKey(
        Organization, verbose_name=_("presented by (organization)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="presented_work_plans",
    )  # fmt: skip
    presented_by_person = models.ForeignKey(
        Person, verbose_name=_("presented by (person)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="presented_work_plans",
    )  # fmt: skip
    presented_on = models.DateField(_("date of presentation"), null=True, blank=True)
    presented_at = models.CharField(_("place of presentation"), max_length=200, blank=True)
    source_document = models.ForeignKey(
        "library.Resource", verbose_name=_("source document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="work_plans",
    )  # fmt: skip

    class Meta:
        verbose_name = _("work plan")
        verbose_name_plural = _("work plans")
        ordering = ["-starts_on", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="workplan_ends_after_start"
            )
        ]
        indexes = [
            # The body page's current plan, and the list filtered by body, newest first.
            models.Index(fields=["body", "-starts_on"], name="workplan_body_start"),
            # The list filtered by year: plans whose period overlaps it, newest first.
            models.Index(fields=["status", "-starts_on"], name="workplan_status_start"),
        ]

    def __str__(self) -> str:
        return getattr(self, f"title_{self.original_language.replace('-', '_')}") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("workplans:detail", kwargs={"slug": self.slug})

    def clean(self) -> None:
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The period must end on or after its start.")})

    @property
    def is_public(self) -> bool:
        return self.status != self.Status.DRAFT

    @property
    def years(self) -> range:
        return range(self.starts_on.year, self.ends_on.year + 1)

    @property
    def is_whole_years(self) -> bool:
        return (self.starts_on.month, self.starts_on.day, self.ends_on.month, self.ends_on.day) == (
            1, 1, 12, 31,
        )  # fmt: skip

    def contains(self, day: datetime.date) -> bool:
        return self.starts_on <= day <= self.ends_on

    def months(self) -> list[datetime.date]:
        """The first day of every month of the period, in order."""
        month, last = first_of_month(self.starts_on), first_of_month(self.ends_on)
        months = []
        while month <= last:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


class Objective(TranslatableContent):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="objectives")
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    text = models.TextField(_("objective"), blank=True)

    class Meta:
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return getattr(self, f"text_{self.original_language.replace('-', '_')}")[:80] or "—"


class Axis(TranslatableContent):
    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="axes")
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("axis of work")
        verbose_name_plural = _("axes of work")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return getattr(self, f"title_{self.original_language.replace('-', '_')}")[:80] or "—"


class Activity(TranslatableContent):
    class Kind(models.TextChoices):
        MEETING = "meeting", _("Meeting")
        VIRTUAL_MEETING = "virtual_meeting", _("Virtual meeting")
        TECHNICAL_MISSION = "technical_mission", _("Technical mission")
        SEMINAR = "seminar", _("Seminar")
        FORUM = "forum", _("Forum")
        FAIR = "fair", _("Fair")
        PUBLICATION = "publication", _("Publication")
        AGREEMENT = "agreement", _("Agreement")
        TRAINING = "training", _("Training")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    plan = models.ForeignKey(WorkPlan, on_delete=models.CASCADE, related_name="activities")
    position = models.PositiveSmallIntegerField(_("number"), default=1)
    title = models.CharField(_("title"), max_length=400, blank=True)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    # Planned by month ("June") or by date ("13 to 16 June"); without either, the activity
    # runs through the period. planned_month is always the first day of the month, and is
    # set from planned_on when a date is given (see domain.save_activity).
    planned_month = models.DateField(_("planned month"), null=True, blank=True)
    planned_on = models.DateField(_("planned date"), null=True, blank=True)
    planned_until = models.DateField(_("until"), null=True, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    responsible = models.ManyToManyField(
        Organization, verbose_name=_("responsible organizations"), blank=True,
        related_name="workplan_activities",
    )  # fmt: skip
    axes = models.ManyToManyField(
        Axis, verbose_name=_("axes of work"), blank=True, related_name="activities"
    )
    objectives = models.ManyToManyField(
        Objective, verbose_name=_("objectives"), blank=True, related_name="activities"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    status_on = models.DateField(_("status date"), null=True, blank=True)
    status_note = models.TextField(_("note on the status"), max_length=2000, blank=True)
    # Outputs.
    event = models.ForeignKey(
        "events.Event", verbose_name=_("event"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="workplan_activities",
    )  # fmt: skip
    practices = models.ManyToManyField(
        "practices.Practice", verbose_name=_("practices"), blank=True,
        related_name="workplan_activities",
    )  # fmt: skip
    resources = models.ManyToManyField(
        "library.Resource", verbose_name=_("library documents"), blank=True,
        related_name="workplan_activities",
    )  # fmt: skip

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        # Activities of the whole period (no month) come last, on both databases.
        ordering = [F("planned_month").asc(nulls_last=True), "planned_on", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_until__isnull=True)
                | Q(planned_on__isnull=False, planned_until__gte=F("planned_on")),
                name="activity_until_after_date",
            )
        ]
        indexes = [
            # The plan page reads a plan's activities in timeline order.
            models.Index(fields=["plan", "planned_month"], name="activity_plan_month"),
            # The network-wide calendar reads activities by month across plans.
            models.Index(fields=["planned_month"], name="activity_month"),
        ]

    def __str__(self) -> str:
        return getattr(self, f"title_{self.original_language.replace('-', '_')}")[:80] or "—"

    def get_absolute_url(self) -> str:
        return reverse("workplans:activity", kwargs={"slug": self.plan.slug, "pk": self.pk})

    def clean(self) -> None:
        errors = {}
        if self.planned_until and not self.planned_on:
            errors["planned_until"] = _("Give the first day too.")
        elif self.planned_until and self.planned_until < self.planned_on:
            errors["planned_until"] = _("The activity must end on or after its first day.")
        plan = self.plan if self.plan_id else None
        if plan is not None:
            outside = _("This date is outside the plan's period (%(period)s).") % {
                "period": f"{plan.starts_on:%Y-%m-%d} – {plan.ends_on:%Y-%m-%d}"
            }
            for name in ("planned_on", "planned_until"):
                day = getattr(self, name)
                if day and not plan.contains(day) and name not in errors:
                    errors[name] = outside
            month = self.planned_month
            if month and not (
                first_of_month(plan.starts_on) <= first_of_month(month) <= plan.ends_on
            ):
                errors["planned_month"] = _("This month is outside the plan's period.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class StatusProposal(TimeStampedModel):
    """A status update or note proposed by a sub-coordinating city, which a coordinator
    accepts (it then becomes the activity's status) or declines."""

    class State(models.TextChoices):
        PENDING = "pending", _("Awaiting a decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="proposals")
    organization = models.ForeignKey(
        Organization, verbose_name=_("proposed on behalf of"), on_delete=models.CASCADE,
        related_name="workplan_proposals",
    )  # fmt: skip
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), null=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=20, choices=Activity.Status.choices)
    status_on = models.DateField(_("status date"), null=True, blank=True)
    note = models.TextField(_("note"), max_length=2000, blank=True)
    state = models.CharField(
        _("decision"), max_length=10, choices=State.choices, default=State.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("proposed status update")
        verbose_name_plural = _("proposed status updates")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A double click proposes once: one pending proposal per city and activity.
            models.UniqueConstraint(
                fields=["activity", "organization"],
                condition=Q(state="pending"),
                name="proposal_pending_once",
            )  # fmt: skip
        ]
        indexes = [
            # The plan page counts the pending proposals of its activities.
            models.Index(fields=["activity", "state"], name="proposal_activity_state"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} → {self.get_status_display()} ({self.get_state_display()})"
