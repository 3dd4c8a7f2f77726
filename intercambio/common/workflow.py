"""The review workflow shared by practices and library resources.

draft → submitted → changes requested ⇄ submitted → published → archived. Each step locks
the row, checks the status it starts from (so a double click acts once) and logs a step in
the record's `transitions`.
"""

from django.conf import settings
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class ReviewStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class WorkflowStep(models.Model):
    """One step of the review workflow, with the note the reviewer wrote to the editors.
    Each app's concrete model adds the foreign key to its record (related_name
    "transitions")."""

    at = models.DateTimeField(_("when"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )  # fmt: skip
    from_status = models.CharField(_("from"), max_length=20, choices=ReviewStatus.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=ReviewStatus.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        abstract = True
        verbose_name = _("workflow step")
        verbose_name_plural = _("workflow steps")
        ordering = ["-at", "-id"]


class WorkflowError(Exception):
    """The record is no longer in a state that allows this step (e.g. a second click)."""


def not_applied(record) -> WorkflowError:
    return WorkflowError(
        _("This is now “%(status)s”: the step was not applied.")
        % {"status": record.get_status_display()}
    )


def transition(*, record, by, allowed_from: set[str], to: str, note: str = "", **fields):
    """Move `record` to `to` if its current status (read under a row lock) allows it, set
    `fields` with it, and log the step. Raises WorkflowError otherwise.

    Side effects: one row update and one transition row, in one transaction; the caller's
    instance reflects the change too."""
    with transaction.atomic():
        locked = type(record).objects.select_for_update().get(pk=record.pk)
        if locked.status not in allowed_from:
            raise not_applied(locked)
        from_status = locked.status
        locked.status = to
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save(update_fields=["status", "updated_at", *fields])
        locked.transitions.create(by=by, from_status=from_status, to_status=to, note=note)
    record.status = to
    for name, value in fields.items():
        setattr(record, name, value)
    return record
