from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intercambio.common.models import TimeStampedModel, TranslatableContent

# Words the directory's own addresses use (see network/urls.py).
RESERVED_NETWORK_SLUGS = {"organizations", "people", "new", "edit"}
RESERVED_BODY_SLUGS = {"edit", "bodies", "members", "new"}


def validate_network_slug(value: str) -> None:
    if value in RESERVED_NETWORK_SLUGS:
        raise ValidationError(_("This address is reserved; choose another."))


def validate_body_slug(value: str) -> None:
    if value in RESERVED_BODY_SLUGS:
        raise ValidationError(_("This address is reserved; choose another."))


class Organization(TranslatableContent):
    """A member city or any other institution: content belongs to it, not to a person."""

    class Kind(models.TextChoices):
        MUNICIPALITY = "municipality", _("Municipality")
        ASSOCIATION = "association", _("Association of municipalities")
        SECRETARIAT = "secretariat", _("Network secretariat")
        INTERNATIONAL = "international", _("International organization")
        BANK = "bank", _("Development bank")
        NATIONAL = "national", _("National government")
        NGO = "ngo", _("NGO")
        UNIVERSITY = "university", _("University")
        COMPANY = "company", _("Company")

    slug = models.SlugField(_("address"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    country = CountryField(_("country"), blank=True)
    region = models.CharField(_("region or state"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=120, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    website = models.URLField(_("website"), blank=True)
    logo = models.ImageField(_("logo"), upload_to="logos/", blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=8,
        decimal_places=5,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    description = models.TextField(_("description"), blank=True)
    editors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("editors"),
        blank=True,
        related_name="edited_organizations",
    )

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name"]
        indexes = [
            # Directory filters: by country and kind, listed by name.
            models.Index(fields=["country", "name"], name="org_country_name"),
            models.Index(fields=["kind", "name"], name="org_kind_name"),
            # The unfiltered directory, listed by name (then id: the row id is in every SQLite
            # index): the first page reads 50 entries, a deep page steps over its OFFSET in
            # the index without reading the skipped rows.
            models.Index(fields=["name"], name="org_name"),
            # Country and kind together, listed by name.
            models.Index(fields=["country", "kind", "name"], name="org_country_kind_name"),
            # The directory's facet counts and the home figures: GROUP BY country, kind over
            # this narrow index, no row read. Within a group the ids come in order, so testing
            # them against a network's members walks the membership index forward.
            models.Index(fields=["country", "kind"], name="org_country_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("network:organization", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class Network(TranslatableContent):
    slug = models.SlugField(
        _("address"), max_length=80, unique=True, validators=[validate_network_slug]
    )
    name = models.CharField(_("name"), max_length=200)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    founded = models.PositiveSmallIntegerField(
        _("year founded"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1800), MaxValueValidator(2100)],
    )
    secretariat = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("secretariat staff"),
        blank=True,
        related_name="secretariat_of",
    )
    members = models.ManyToManyField(
        Organization, through="Membership", related_name="networks", blank=True
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("network:network", kwargs={"slug": self.slug})


class Membership(TimeStampedModel):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        PRESIDENCY = "presidency", _("Presidency")
        VICE_PRESIDENCY = "vice_presidency", _("Vice-presidency")
        EXECUTIVE_SECRETARIAT = "executive_secretariat", _("Executive secretariat")
        COUNCIL = "council", _("Council member")
        ASSOCIATE = "associate", _("Associate member")
        PARTNER = "partner", _("Partner")
        OBSERVER = "observer", _("Observer")

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="memberships",
    )  # fmt: skip
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("since"), null=True, blank=True)
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["network", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "network", "role", "since"], name="membership_once"
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(since__isnull=True) | Q(until__gte=F("since")),
                name="membership_until_after_since",
            ),
        ]
        indexes = [
            # A network's members: the directory's network filter (EXISTS per organization)
            # and the member counts (COUNT DISTINCT organization) read this index alone.
            models.Index(fields=["network", "organization"], name="membership_network_org"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.network} ({self.get_role_display()})"

    def clean(self) -> None:
        if self.since and self.until and self.until < self.since:
            raise ValidationError({"until": _("The end date must be on or after the start date.")})


class Body(TranslatableContent):
    """A thematic unit, committee, commission, vice-presidency or working group of a network."""

    class Kind(models.TextChoices):
        THEMATIC_UNIT = "thematic_unit", _("Thematic unit")
        COMMITTEE = "committee", _("Committee")
        COMMISSION = "commission", _("Commission")
        VICE_PRESIDENCY = "vice_presidency", _("Vice-presidency")
        WORKING_GROUP = "working_group", _("Working group")

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="bodies"
    )
    slug = models.SlugField(_("address"), max_length=120, validators=[validate_body_slug])
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=250)
    acronym = models.CharField(_("acronym"), max_length=30, blank=True)
    description = models.TextField(_("description"), blank=True)
    active = models.BooleanField(_("active"), default=True)
    contacts = models.ManyToManyField(
        "Person", verbose_name=_("contacts"), blank=True, related_name="bodies"
    )

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["network", "-active", "name"]
        constraints = [
            models.UniqueConstraint(fields=["network", "slug"], name="body_slug_per_network")
        ]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "network:body", kwargs={"network_slug": self.network.slug, "slug": self.slug}
        )


class BodyRole(TimeStampedModel):
    """An organization's role in a body for a term: who coordinates a thematic unit, and when."""

    class Role(models.TextChoices):
        COORDINATION = "coordination", _("Coordination")
        SUB_COORDINATION = "sub_coordination", _("Sub-coordination")
        PRESIDENCY = "presidency", _("Presidency")
        VICE_PRESIDENCY = "vice_presidency", _("Vice-presidency")
        CHAIR = "chair", _("Chair")
        MEMBER = "member", _("Member")

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="roles"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="body_roles",
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("For example: for Latin America.")
    )
    term_start = models.DateField(_("term start"))
    term_end = models.DateField(_("term end"), null=True, blank=True)

    class Meta:
        verbose_name = _("role in a body")
        verbose_name_plural = _("roles in bodies")
        ordering = ["-term_start", "role", "organization__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["body", "organization", "role", "term_start"], name="bodyrole_once"
            ),
            models.CheckConstraint(
                condition=Q(term_end__isnull=True) | Q(term_end__gte=F("term_start")),
                name="bodyrole_end_after_start",
            ),
        ]
        indexes = [
            # The body page reads roles by body, newest term first.
            models.Index(fields=["body", "-term_start"], name="bodyrole_body_term"),
        ]

    def __str__(self) -> str:
        return f"{self.organization} — {self.get_role_display()} — {self.body}"

    def clean(self) -> None:
        if self.term_start and self.term_end and self.term_end < self.term_start:
            raise ValidationError({"term_end": _("The term must end on or after its start.")})


class Person(TimeStampedModel):
    """A contact at an organization. May exist without an account; details shown by visibility."""

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Everyone")
        MEMBERS = "members", _("Signed-in members")
        PRIVATE = "private", _("Secretariat and the organization's editors only")

    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE,
        related_name="people",
    )  # fmt: skip
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    visibility = models.CharField(
        _("visibility"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contact",
    )

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
