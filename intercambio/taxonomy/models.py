"""Shared vocabulary: themes, the UN Sustainable Development Goals, and the glossary of concepts.

All three are written in every interface language (they are reference data, not content with
an original language); search maps words of any language to a concept through the glossary.
"""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """A subject of practices and documents, in two levels (e.g. Digital → Open data)."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("broader theme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"parent__isnull": True},
    )
    label = models.CharField(_("label"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.label


class Goal(models.Model):
    """One of the 17 UN Sustainable Development Goals; the number is the key."""

    number = models.PositiveSmallIntegerField(
        _("number"), primary_key=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    short_title = models.CharField(_("short title"), max_length=80)
    title = models.CharField(_("title"), max_length=250)
    colour = models.CharField(
        _("colour"), max_length=7, validators=[RegexValidator(r"^#[0-9A-Fa-f]{6}$")]
    )

    class Meta:
        verbose_name = _("Sustainable Development Goal")
        verbose_name_plural = _("Sustainable Development Goals")
        ordering = ["number"]

    def __str__(self) -> str:
        return _("SDG %(number)s: %(title)s") % {"number": self.number, "title": self.short_title}


class Concept(models.Model):
    """A glossary entry: its label and synonyms in each language, linked to themes and goals."""

    slug = models.SlugField(_("address"), max_length=80, unique=True)
    label = models.CharField(_("label"), max_length=150)
    synonyms = models.TextField(_("synonyms"), blank=True, help_text=_("One per line."))
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), blank=True)
    goals = models.ManyToManyField(Goal, verbose_name=_("SDGs"), blank=True)

    class Meta:
        verbose_name = _("concept")
        verbose_name_plural = _("glossary")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.label

    def synonym_list(self, language: str) -> list[str]:
        text = getattr(self, f"synonyms_{language.replace('-', '_')}", "") or ""
        return [line.strip() for line in text.splitlines() if line.strip()]
