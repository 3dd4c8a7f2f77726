from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Coalesce, Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from intercambio.common.models import LANGUAGE_CHOICES, TimeStampedModel, TranslatableContent
from intercambio.common.workflow import ReviewStatus, WorkflowStep
from intercambio.network.models import Body, Network, Organization, Person
from intercambio.taxonomy.models import Goal, Theme

SUMMARY_MAX_LENGTH = 300
# The text of a practice, written once per language (modeltranslation columns).
TEXT_FIELDS = ("title", "summary", "context", "actions", "results", "lessons", "beneficiaries")


def title_sort_expression(language: str) -> Lower:
    """The title a visitor sees, lower-cased: their language first, then the others."""
    codes = [language] + [code for code, _name in LANGUAGE_CHOICES if code != language]
    return Lower(Coalesce(*[F(f"title_{code.replace('-', '_')}") for code in codes]))


class Practice(TranslatableContent):
    """What a city did, written up so that another city can judge whether it fits them.

    Belongs to the owning organization, never to the person who typed it.
    """

    Status = ReviewStatus
    # How a network finds the practices filed under it (rules.reviewing_networks).
    FILED_UNDER = "practices"

    class Stage(models.TextChoices):
        IDEA = "idea", _("Idea")
        PILOT = "pilot", _("Pilot")
        IMPLEMENTED = "implemented", _("Implemented")
        SCALED = "scaled", _("Scaled up")
        DISCONTINUED = "discontinued", _("Discontinued")

    class BudgetRange(models.TextChoices):
        UNDER_10K = "under_10k", _("Under US$ 10,000")
        FROM_10K = "10k_100k", _("US$ 10,000 – 100,000")
        FROM_100K = "100k_1m", _("US$ 100,000 – 1 million")
        FROM_1M = "1m_10m", _("US$ 1 – 10 million")
        OVER_10M = "over_10m", _("Over US$ 10 million")
        UNKNOWN = "unknown", _("Not known")

    class FundingSource(models.TextChoices):
        OWN_BUDGET = "own_budget", _("The city's own budget")
        NATIONAL = "national", _("National or state government")
        INTERNATIONAL = "international_cooperation", _("International cooperation")
        BANK = "development_bank", _("Development bank")
        PRIVATE = "private", _("Private sector")
        MIXED = "mixed", _("Mixed")

    class Evidence(models.TextChoices):
        SELF_REPORTED = "self_reported", _("Self-reported")
        EVALUATED = "evaluated", _("Evaluated")
        EXTERNALLY_EVALUATED = "externally_evaluated", _("Externally evaluated")

    class Licence(models.TextChoices):
        CC_BY = "cc-by-4.0", "CC BY 4.0"
        CC_BY_SA = "cc-by-sa-4.0", "CC BY-SA 4.0"
        CC_BY_NC = "cc-by-nc-4.0", "CC BY-NC 4.0"
        CC0 = "cc0-1.0", "CC0 1.0"
        RESERVED = "all-rights-reserved", _("All rights reserved")

    slug = models.SlugField(_("address"), max_length=140, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    featured = models.BooleanField(_("featured"), default=False)

    title = models.CharField(_("title"), max_length=200, blank=True)
    summary = models.TextField(_("summary"), max_length=SUMMARY_MAX_LENGTH, blank=True)
    context = models.TextField(_("context and problem"), blank=True)
    actions = models.TextField(_("what was done"), blank=True)
    results = models.TextField(_("results"), blank=True)
    lessons = models.TextField(_("lessons and transferability"), blank=True)
    beneficiaries = models.CharField(_("beneficiaries"), max_length=300, blank=True)
    # {"es": "translated", "en": "reviewed"}: the status of each version other than the original.
    translation_status = models.JSONField(_("translation status"), default=dict, blank=True)

    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="practices",
    )  # fmt: skip
    # The owner's country, copied here (domain.save_practice, and signals.py when an
    # organization moves) so that lists filter and count by country without a join.
    country = CountryField(_("country"), blank=True, editable=False)
    partners = models.ManyToManyField(
        Organization, through="Partnership", related_name="partner_practices", blank=True
    )
    networks = models.ManyToManyField(
        Network, verbose_name=_("networks"), related_name="practices", blank=True
    )
    body = models.ForeignKey(
        Body, verbose_name=_("thematic unit or committee"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="practices",
    )  # fmt: skip
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="practices")
    goals = models.ManyToManyField(
        Goal, verbose_name=_("Sustainable Development Goals"), related_name="practices",
        blank=True,
    )  # fmt: skip
    tags = models.CharField(
        _("keywords"), max_length=300, blank=True, help_text=_("Separated by commas.")
    )
    start_year = models.PositiveSmallIntegerField(
        _("start year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )  # fmt: skip
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.IMPLEMENTED
    )
    budget_range = models.CharField(
        _("budget"), max_length=20, choices=BudgetRange.choices, default=BudgetRange.UNKNOWN
    )
    funding_source = models.CharField(
        _("funding source"), max_length=30, choices=FundingSource.choices, blank=True
    )
    funder = models.ForeignKey(
        Organization, verbose_name=_("development bank"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="funded_practices",
        limit_choices_to={"kind": Organization.Kind.BANK},
    )  # fmt: skip
    evidence_level = models.CharField(
        _("evidence"), max_length=30, choices=Evidence.choices, default=Evidence.SELF_REPORTED
    )
    contact = models.ForeignKey(
        Person, verbose_name=_("contact person"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="practices",
        help_text=_("Never shown: visitors write to this person through a form."),
    )  # fmt: skip
    links = models.TextField(
        _("links"), blank=True, help_text=_("One per line: the address, then an optional title.")
    )
    adapted_from = models.ForeignKey(
        "self", verbose_name=_("adapted from"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="adaptations",
    )  # fmt: skip
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )

    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    revalidate_by = models.DateField(
        _("check again by"), null=True, blank=True,
        help_text=_("The owner is asked once a year whether the practice is still running."),
    )  # fmt: skip
    reminded_at = models.DateField(_("last reminder"), null=True, blank=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The public list's default order (featured first, then newest): read in index
            # order, so a page costs the same at any size.
            models.Index(
                fields=["status", "-featured", "-published_at", "-id"],
                name="practice_list_order",
            ),
            # The Atom feed: newest published first, whatever is featured.
            models.Index(
                fields=["status", "-published_at", "-id"], name="practice_published_order"
            ),
            # Facet counts read these indexes alone, never the wide rows (see queries.py).
            models.Index(fields=["status", "stage"], name="practice_facet_stage"),
            models.Index(fields=["status", "original_language"], name="practice_facet_language"),
            models.Index(fields=["status", "start_year"], name="practice_facet_year"),
            models.Index(fields=["status", "country"], name="practice_facet_country"),
            # Sorting by title in each interface language (queries.title_sort_key).
            *[
                models.Index(
                    F("status"),
                    title_sort_expression(code),
                    F("id"),
                    name=f"practice_title_{code.replace('-', '_')}",
                )
                for code, _name in LANGUAGE_CHOICES
            ],
            # The facet cache's version: the latest change.
            models.Index(fields=["updated_at"], name="practice_updated"),
            # The moderation queue: submitted practices, oldest first.
            models.Index(fields=["status", "submitted_at"], name="practice_status_submitted"),
            # "My organization's practices".
            models.Index(fields=["organization", "status"], name="practice_org_status"),
            # The daily revalidation reminder.
            models.Index(fields=["status", "revalidate_by"], name="practice_revalidate"),
        ]

    def __str__(self) -> str:
        return getattr(self, f"title_{self.original_language.replace('-', '_')}") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("practices:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def tag_list(self) -> list[str]:
        return [tag.strip() for tag in self.tags.split(",") if tag.strip()]

    @property
    def link_list(self) -> list[tuple[str, str]]:
        pairs = []
        for line in self.links.splitlines():
            url, _space, title = line.strip().partition(" ")
            if url:
                pairs.append((url, title.strip() or url))
        return pairs

    def has_language(self, language: str) -> bool:
        return bool(getattr(self, f"title_{language.replace('-', '_')}", ""))

    def language_versions(self) -> list[tuple[str, str]]:
        """(language code, status) of each version that has text, the original first."""
        versions = [(self.original_language, "original")]
        for code, _name in LANGUAGE_CHOICES:
            if code != self.original_language and self.has_language(code):
                versions.append((code, self.translation_status.get(code, "translated")))
        return versions


class Partnership(models.Model):
    class Role(models.TextChoices):
        CO_IMPLEMENTER = "co_implementer", _("Co-implementer")
        FUNDER = "funder", _("Funder")
        TECHNICAL = "technical_partner", _("Technical partner")
        KNOWLEDGE = "knowledge_partner", _("Knowledge partner")

    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="partnerships")
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT,
        related_name="partnerships",
    )  # fmt: skip
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        constraints = [
            models.UniqueConstraint(fields=["practice", "organization"], name="partner_once")
        ]

    def __str__(self) -> str:
        return f"{self.organization} ({self.get_role_display()})"


def attachment_path(instance: "Attachment", filename: str) -> str:
    # A generated name: the original one is kept in `original_name` for the download.
    import uuid

    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"practices/{instance.practice_id}/{uuid.uuid4().hex}.{extension}"


class Attachment(TimeStampedModel):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    title = models.CharField(_("title"), max_length=200, blank=True)
    alt_text = models.CharField(
        _("text alternative"), max_length=300, blank=True,
        help_text=_("What the image shows, for people who cannot see it. Required for images."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title or self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Transition(WorkflowStep):
    practice = models.ForeignKey(Practice, on_delete=models.CASCADE, related_name="transitions")

    class Meta(WorkflowStep.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.practice}: {self.from_status} → {self.to_status}"
