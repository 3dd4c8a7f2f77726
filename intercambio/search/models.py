from django.db import models
from django.utils.translation import gettext_lazy as _

from intercambio.common.models import LANGUAGE_CHOICES


class Entry(models.Model):
    """One language version of one public record, as the search index knows it.

    The analyzed tokens live in the engine's own structure, keyed by this row's id: an FTS5
    table on SQLite (search_fts), a tsvector column with a GIN index on PostgreSQL (see the
    migration and backends.py). The text here is the original, for titles and snippets.
    """

    class Kind(models.TextChoices):
        PRACTICE = "practice", _("Good practice")
        RESOURCE = "resource", _("Library document")
        ORGANIZATION = "organization", _("Organization")
        BODY = "body", _("Thematic unit or committee")
        EVENT = "event", _("Event")

    kind = models.CharField(max_length=20, choices=Kind.choices)
    record_id = models.PositiveBigIntegerField()
    # "practice:12": one value per record, for counting records rather than versions.
    record_key = models.CharField(max_length=40)
    language = models.CharField(max_length=5, choices=LANGUAGE_CHOICES)
    is_original = models.BooleanField(default=True)
    title = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    # Facet values, copied from the record.
    organization_id = models.PositiveBigIntegerField(null=True)
    country = models.CharField(max_length=2, blank=True)
    year = models.PositiveSmallIntegerField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "record_id", "language"], name="search_entry_once"
            )
        ]
        indexes = [
            # Removing or replacing the entries of one record.
            models.Index(fields=["kind", "record_id"], name="search_entry_record"),
            # Reading the versions of the records a search or a related list shows.
            models.Index(fields=["record_key"], name="search_entry_key"),
        ]

    def __str__(self) -> str:
        return f"{self.record_key} ({self.language})"


class Tag(models.Model):
    """A theme ("theme:open-data", its broad theme too) or SDG ("sdg:11") of an entry, for
    the theme and SDG facets."""

    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="tags")
    value = models.CharField(max_length=90)

    class Meta:
        indexes = [
            # Counting and filtering by tag over the matching entries.
            models.Index(fields=["value", "entry"], name="search_tag_value"),
            models.Index(fields=["entry", "value"], name="search_tag_entry"),
        ]

    def __str__(self) -> str:
        return self.value


class Word(models.Model):
    """A word seen in the index (normalized, unstemmed): the vocabulary of "did you mean"."""

    word = models.CharField(max_length=40, primary_key=True)

    def __str__(self) -> str:
        return self.word


class Revision(models.Model):
    """One row, given a new token by every change to the index: search counts are cached
    under it, so that they are reused until the index changes and never after."""

    token = models.CharField(max_length=32)

    def __str__(self) -> str:
        return self.token
