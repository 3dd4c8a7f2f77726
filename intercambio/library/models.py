import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intercambio.common.models import LANGUAGE_CHOICES, TimeStampedModel, TranslatableContent
from intercambio.common.workflow import ReviewStatus, WorkflowStep
from intercambio.network.models import Body, Network, Organization
from intercambio.practices.models import Practice
from intercambio.taxonomy.models import Goal, Theme

# The text of a resource, written once per language (modeltranslation columns).
TEXT_FIELDS = ("title", "description", "audience")
EXCERPT_LENGTH = 3000


class Resource(TranslatableContent):
    """A document, dataset, video or link the network keeps: a guide, a norm, a report…

    Belongs to the organization that publishes it, never to the person who uploaded it.
    """

    class Kind(models.TextChoices):
        GUIDE = "guide", _("Guide")
        REPORT = "report", _("Report")
        SURVEY = "survey", _("Survey")
        NORM = "norm", _("Norm or regulation")
        TRAINING = "training", _("Training module")
        PRESENTATION = "presentation", _("Presentation")
        WORK_PLAN = "work_plan", _("Work plan")
        BROCHURE = "brochure", _("Brochure")
        DATASET = "dataset", _("Dataset")
        VIDEO = "video", _("Video")
        LINK = "link", _("Link")

    Status = ReviewStatus
    Licence = Practice.Licence
    # How a network finds the resources filed under it (practices.rules.reviewing_networks).
    FILED_UNDER = "resources"

    slug = models.SlugField(_("address"), max_length=140, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(
        _("target audience"), max_length=300, blank=True,
        help_text=_("For training modules: who it is for."),
    )  # fmt: skip
    organization = models.ForeignKey(
        Organization, verbose_name=_("published by"), on_delete=models.PROTECT,
        related_name="resources",
    )  # fmt: skip
    co_publishers = models.ManyToManyField(
        Organization, verbose_name=_("also published by"), related_name="co_published_resources",
        blank=True,
    )  # fmt: skip
    authors = models.CharField(
        _("authors"), max_length=500, blank=True, help_text=_("Separated by commas.")
    )
    year = models.PositiveSmallIntegerField(
        _("year"), null=True, blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )  # fmt: skip
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="resources")
    goals = models.ManyToManyField(
        Goal, verbose_name=_("Sustainable Development Goals"), related_name="resources",
        blank=True,
    )  # fmt: skip
    network = models.ForeignKey(
        Network, verbose_name=_("network"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="resources",
    )  # fmt: skip
    body = models.ForeignKey(
        Body, verbose_name=_("thematic unit or committee"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="resources",
    )  # fmt: skip
    licence = models.CharField(
        _("licence"), max_length=30, choices=Licence.choices, default=Licence.CC_BY
    )
    external_url = models.URLField(_("external address"), max_length=500, blank=True)
    related_practices = models.ManyToManyField(
        Practice, verbose_name=_("related practices"), related_name="resources", blank=True
    )
    # "|es|pt-br|": the languages it can be read in (its files' and its own), copied here by
    # domain.update_languages so that the language facet filters and counts on one column.
    languages = models.CharField(max_length=20, blank=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)

    class Meta:
        verbose_name = _("library resource")
        verbose_name_plural = _("library resources")
        ordering = ["-published_at", "-id"]
        indexes = [
            # The public list's default order, read in index order.
            models.Index(fields=["status", "-published_at", "-id"], name="resource_list_order"),
            # Facet counts read these indexes alone.
            models.Index(fields=["status", "kind"], name="resource_facet_kind"),
            models.Index(fields=["status", "year"], name="resource_facet_year"),
            models.Index(fields=["status", "organization"], name="resource_facet_org"),
            # The facet cache's version: the latest change.
            models.Index(fields=["updated_at"], name="resource_updated"),
            # The review queue: submitted resources, oldest first.
            models.Index(fields=["status", "submitted_at"], name="resource_status_submitted"),
        ]

    def __str__(self) -> str:
        return getattr(self, f"title_{self.original_language.replace('-', '_')}") or self.slug

    def get_absolute_url(self) -> str:
        return reverse("library:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_training(self) -> bool:
        return self.kind == self.Kind.TRAINING

    @property
    def author_list(self) -> list[str]:
        return [name.strip() for name in self.authors.split(",") if name.strip()]

    @property
    def language_list(self) -> list[str]:
        return [code for code in self.languages.split("|") if code]


def file_path(instance: "ResourceFile", filename: str) -> str:
    # A generated name: the original one is kept in `original_name` for the download.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"library/{instance.resource_id}/{uuid.uuid4().hex}.{extension[:8]}"


class ResourceFile(TimeStampedModel):
    """One file of a resource, in one language, with the text read out of it."""

    class State(models.TextChoices):
        PROCESSING = "processing", _("Processing")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    class Failure(models.TextChoices):
        """Why a file could not be read; the label is what the person sees."""

        BROKEN = "broken", _("The file is damaged and cannot be read.")
        ENCRYPTED = "encrypted", _("The file is protected by a password. Upload it unprotected.")
        TOO_LARGE_INSIDE = (
            "bomb",
            _("The file expands to far more data than its size: it was not opened."),
        )
        EMPTY = "empty", _("The file is empty.")
        MISMATCH = "mismatch", _("The content of the file does not match its type.")
        NO_TEXT = (
            "no_text",
            _("No text was found in the file (a scanned document?). It can still be downloaded."),
        )
        MISSING = "missing", _("The stored file is missing. Upload it again.")
        INTERNAL = "internal", _("The file could not be read. The secretariat can try again.")

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=5, choices=LANGUAGE_CHOICES)
    file = models.FileField(_("file"), upload_to=file_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PROCESSING
    )
    failure = models.CharField(_("problem"), max_length=12, choices=Failure.choices, blank=True)
    # Read out by the worker (tasks.extract_file). The full text is only read for search and
    # indexing: pages use the excerpt (queries.py defers `text`).
    text = models.TextField(_("text"), blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    page_count = models.PositiveIntegerField(_("pages"), null=True, blank=True)
    detected_language = models.CharField(_("detected language"), max_length=5, blank=True)
    processed_at = models.DateTimeField(_("processed"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("file")
        verbose_name_plural = _("files")
        ordering = ["resource", "language"]
        constraints = [
            models.UniqueConstraint(fields=["resource", "language"], name="one_file_per_language")
        ]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse(
            "library:download", kwargs={"slug": self.resource.slug, "language": self.language}
        )


class Lesson(models.Model):
    """One step of a training module."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="lessons")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    title = models.CharField(_("title"), max_length=200, blank=True)
    body = models.TextField(_("content"), blank=True, help_text=_("Markdown."))
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"), default=30, validators=[MinValueValidator(1)]
    )

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")
        ordering = ["resource", "position", "id"]

    def __str__(self) -> str:
        return self.title or f"{self.resource} #{self.position}"


class LessonCompletion(models.Model):
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="completions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="completed_lessons"
    )
    completed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # A second click on "done" adds nothing.
            models.UniqueConstraint(fields=["lesson", "user"], name="lesson_done_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} ✓ {self.lesson}"


class Transition(WorkflowStep):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="transitions")

    class Meta(WorkflowStep.Meta):
        pass

    def __str__(self) -> str:
        return f"{self.resource}: {self.from_status} → {self.to_status}"
