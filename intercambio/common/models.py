from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGE_CHOICES = [("pt-br", "Português (Brasil)"), ("es", "Español"), ("en", "English")]


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class TranslatableContent(TimeStampedModel):
    """A record whose text was written in one language and may be translated into the others."""

    original_language = models.CharField(
        _("original language"), max_length=5, choices=LANGUAGE_CHOICES, default="en"
    )

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """Who changed what, when. Kept when the person is erased: the actor becomes null."""

    class Action(models.TextChoices):
        CREATED = "created", _("created")
        CHANGED = "changed", _("changed")
        DELETED = "deleted", _("deleted")

    at = models.DateTimeField(_("when"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.CharField(max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField(_("record"), max_length=300)
    changes = models.JSONField(_("changes"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            # The history of one record, newest first, is the only way this table is read.
            models.Index(fields=["content_type", "object_id", "-at"], name="audit_by_record"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_repr}"

    @property
    def changed_field_labels(self) -> list[str]:
        """Human names of the changed fields (select_related("content_type") first)."""
        model = self.content_type.model_class()
        labels = []
        for name in self.changes:
            try:
                labels.append(str(model._meta.get_field(name.removesuffix("_id")).verbose_name))
            except (FieldDoesNotExist, AttributeError):
                labels.append(name)
        return labels
