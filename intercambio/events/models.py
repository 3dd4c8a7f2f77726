import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intercambio.common.models import LANGUAGE_CHOICES, TimeStampedModel, TranslatableContent
from intercambio.library.models import Resource
from intercambio.network.models import Body, Network, Organization, Person
from intercambio.taxonomy.models import Goal, Theme

# The text of an event, a series and a session, written once per language.
EVENT_TEXT_FIELDS = ("title", "description")
SERIES_TEXT_FIELDS = ("name", "description")
SESSION_TEXT_FIELDS = ("title", "description")
LANGUAGE_CODES = [code for code, _name in LANGUAGE_CHOICES]


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a time zone."), params={"value": value})


class EventSeries(TranslatableContent):
    """Events held again and again under one name: "the annual event of the committee"
    (Bordeaux 2013, Bilbao 2014, São Paulo 2015)."""

    slug = models.SlugField(_("address"), max_length=120, unique=True)
    name = models.CharField(_("name"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    body = models.ForeignKey(
        Body, verbose_name=_("thematic unit or committee"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="event_series",
    )  # fmt: skip

    class Meta:
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        ordering = ["slug"]

    def __str__(self) -> str:
        return getattr(self, f"name_{self.original_language.replace('-', '_')}") or self.slug


# /events/mine/ and /events/registrations/… are pages, not events.
RESERVED_SLUGS = {"mine", "registrations"}


class Event(TranslatableContent):
    """A seminar, meeting, consultation or mission: when and where, who organizes it, in
    which languages, and how to take part."""

    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Seminar")
        CONFERENCE = "conference", _("Conference")
        SUMMIT = "summit", _("Summit")
        ANNUAL_MEETING = "annual_meeting", _("Annual meeting")
        MEETING = "meeting", _("Meeting")
        FORUM = "forum", _("Forum")
        WORKSHOP = "workshop", _("Workshop")
        VIRTUAL_MEETING = "virtual_meeting", _("Virtual meeting")
        CONSULTATION = "consultation", _("Consultation")
        TECHNICAL_MISSION = "technical_mission", _("Technical mission")
        FAIR = "fair", _("Fair")

    class Format(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("In person and online")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")

    # Shown to everyone: a postponed or cancelled event keeps its page, saying so.
    PUBLIC_STATUSES = (Status.PUBLISHED, Status.POSTPONED, Status.CANCELLED)

    slug = models.SlugField(_("address"), max_length=140, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    # Stored in UTC; entered and shown in the venue's time zone.
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=60, default="America/Sao_Paulo",
        validators=[validate_time_zone],
    )  # fmt: skip
    format = models.CharField(
        _("format"), max_length=20, choices=Format.choices, default=Format.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    country = CountryField(_("country"), blank=True)
    # Shown only to confirmed registrants.
    online_url = models.URLField(_("online meeting link"), max_length=500, blank=True)
    organizations = models.ManyToManyField(
        Organization, through="EventOrganization", verbose_name=_("organizations"),
        related_name="events",
    )  # fmt: skip
    network = models.ForeignKey(
        Network, verbose_name=_("network"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="events",
    )  # fmt: skip
    body = models.ForeignKey(
        Body, verbose_name=_("thematic unit or committee"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="events",
    )  # fmt: skip
    series = models.ForeignKey(
        EventSeries, verbose_name=_("series"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="events",
    )  # fmt: skip
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="events", blank=True
    )
    goals = models.ManyToManyField(
        Goal, verbose_name=_("Sustainable Development Goals"), related_name="events", blank=True
    )
    # "|es|pt-br|", as Resource.languages: filtered and counted on one column.
    floor_languages = models.CharField(_("floor languages"), max_length=20, blank=True)
    interpretation_languages = models.CharField(_("interpretation into"), max_length=20, blank=True)
    contact_name = models.CharField(_("contact"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact e-mail address"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    resources = models.ManyToManyField(
        Resource, verbose_name=_("library documents"), related_name="events", blank=True
    )
    external_url = models.URLField(_("more information"), max_length=500, blank=True)
    # Registration: free; no dates means open from publication until the event starts; no
    # capacity means no limit.
    registration_enabled = models.BooleanField(_("registration on the platform"), default=False)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    capacity_in_person = models.PositiveIntegerField(_("seats in the room"), null=True, blank=True)
    capacity_online = models.PositiveIntegerField(_("places online"), null=True, blank=True)
    requires_approval = models.BooleanField(
        _("organizers approve each registration"), default=False
    )
    quota_per_organization = models.PositiveSmallIntegerField(
        _("at most per organization"), null=True, blank=True,
        help_text=_("For example 3: at most three people of one city."),
    )  # fmt: skip
    reminder_days = models.PositiveSmallIntegerField(
        _("reminder, days before"), null=True, blank=True, default=3
    )
    # Raised on every change, for the calendars (iCalendar SEQUENCE).
    sequence = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]
        indexes = [
            # Upcoming and past lists read in date order.
            models.Index(fields=["status", "starts_at"], name="event_list_order"),
            models.Index(fields=["status", "ends_at"], name="event_list_end"),
            models.Index(fields=["updated_at"], name="event_updated"),
        ]

    def __str__(self) -> str:
        return getattr(self, f"title_{self.original_language.replace('-', '_')}") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"slug": self.slug})

    def save(self, *args, **kwargs) -> None:
        # Every change raises the calendars' SEQUENCE, so that subscribed calendars take the
        # new version (the admin and every form save through here).
        if self.pk is not None:
            self.sequence += 1
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "sequence"}
        super().save(*args, **kwargs)

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at < self.starts_at:
            raise ValidationError({"ends_at": _("An event cannot end before it starts.")})
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is taken by a page of the events.")})

    @property
    def is_public(self) -> bool:
        return self.status in self.PUBLIC_STATUSES

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def floor_language_list(self) -> list[str]:
        return [code for code in LANGUAGE_CODES if f"|{code}|" in self.floor_languages]

    @property
    def interpretation_language_list(self) -> list[str]:
        return [code for code in LANGUAGE_CODES if f"|{code}|" in self.interpretation_languages]


def language_set(codes) -> str:
    """ "|es|pt-br|" from language codes, in a fixed order (see Event.floor_languages)."""
    chosen = [code for code in LANGUAGE_CODES if code in set(codes)]
    return f"|{'|'.join(chosen)}|" if chosen else ""


class EventOrganization(TimeStampedModel):
    """An organization's part in an event: several organize one seminar (seed 000)."""

    class Role(models.TextChoices):
        ORGANIZER = "organizer", _("Organizer")
        CO_ORGANIZER = "co_organizer", _("Co-organizer")
        HOST_CITY = "host_city", _("Host city")
        SUPPORTER = "supporter", _("Supporter")
        SPONSOR = "sponsor", _("Sponsor")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="roles")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="event_roles",
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("organization of an event")
        verbose_name_plural = _("organizations of an event")
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization", "role"], name="event_organization_role_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


class Session(TranslatableContent):
    """One item of the programme: a plenary, a roundtable, a break…"""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        ROUNDTABLE = "roundtable", _("Roundtable")
        LECTURE = "lecture", _("Lecture")
        SHOWCASE = "showcase", _("Showcase")
        WORKING_SESSION = "working_session", _("Working session")
        BREAK = "break", _("Break")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.CharField(_("room"), max_length=120, blank=True)
    language = models.CharField(
        _("language spoken"), max_length=5, choices=LANGUAGE_CHOICES, blank=True
    )
    interpretation_languages = models.CharField(_("interpretation into"), max_length=20, blank=True)
    speakers = models.ManyToManyField(
        Person, through="SessionSpeaker", verbose_name=_("speakers"), related_name="sessions"
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="session_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return getattr(self, f"title_{self.original_language.replace('-', '_')}") or self.kind

    @property
    def interpretation_language_list(self) -> list[str]:
        return [code for code in LANGUAGE_CODES if f"|{code}|" in self.interpretation_languages]


class SessionSpeaker(models.Model):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="speaker_roles")
    person = models.ForeignKey(Person, verbose_name=_("speaker"), on_delete=models.CASCADE)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="session_speaker_once")
        ]

    def __str__(self) -> str:
        return str(self.person)


class Registration(TimeStampedModel):
    """One person's place at an event, in the room or online.

    Holding a seat: confirmed, or awaiting the organizers' approval. A guest's registration
    holds nothing until their e-mail address is confirmed; then it takes a seat or joins the
    waitlist, first in, first out (waitlisted_at)."""

    class Status(models.TextChoices):
        AWAITING_EMAIL = "awaiting_email", _("Awaiting e-mail confirmation")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting the organizers' approval")
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waitlist")
        CANCELLED = "cancelled", _("Cancelled")
        DECLINED = "declined", _("Declined by the organizers")

    class Attendance(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")

    HOLDING_A_SEAT = (Status.CONFIRMED, Status.AWAITING_APPROVAL)
    ACTIVE = (*HOLDING_A_SEAT, Status.WAITLISTED, Status.AWAITING_EMAIL)

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="event_registrations",
    )  # fmt: skip
    # Where the links of the e-mails point: confirm, cancel.
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    attendance = models.CharField(
        _("taking part"), max_length=10, choices=Attendance.choices, default=Attendance.IN_PERSON
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))  # lower case: one registration per address
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="event_registrations",
    )  # fmt: skip
    organization_name = models.CharField(
        _("organization, if not listed"), max_length=200, blank=True
    )
    position = models.CharField(_("position"), max_length=200, blank=True)
    country = CountryField(_("country"), blank=True)
    language = models.CharField(
        _("language you will follow in"), max_length=5, choices=LANGUAGE_CHOICES
    )
    needs_interpretation = models.BooleanField(_("I need interpretation"), default=False)
    accessibility_needs = models.TextField(_("accessibility needs"), blank=True)
    consented_at = models.DateTimeField(_("consent to the processing of the data"))
    listed_publicly = models.BooleanField(
        _("appear in the public list of participants"), default=False
    )
    waitlisted_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)  # a reminder goes out once

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            # The backstop behind the lock: never two registrations of one address.
            models.UniqueConstraint(fields=["event", "email"], name="registration_once_per_email")
        ]
        indexes = [
            # Counting seats and finding the first of the waitlist.
            models.Index(fields=["event", "status", "attendance"], name="registration_seats"),
            models.Index(fields=["event", "organization"], name="registration_organization"),
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"
