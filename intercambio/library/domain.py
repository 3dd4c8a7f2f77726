"""Every write to the library: saving resources and their files, reading the files' text,
the review workflow (the practices' one), and lesson progress."""

import datetime
import logging
from pathlib import Path

from django.db import IntegrityError, transaction
from django.utils import timezone

from intercambio.common.domain import save_with_audit
from intercambio.common.workflow import transition
from intercambio.library.extract import ExtractionError, extract
from intercambio.library.models import Lesson, LessonCompletion, Resource, ResourceFile
from intercambio.practices.domain import editor_ids, notify, reviewer_ids

logger = logging.getLogger(__name__)
Status = Resource.Status
State = ResourceFile.State
# A file still "processing" after this long lost its worker (a crash, a restart): the
# secretariat may start it again.
STALLED_AFTER = datetime.timedelta(minutes=15)


def save_resource(*, resource: Resource, by, changed_fields: list[str]) -> Resource:
    """Save the resource's own data. Side effects: one audited save."""
    resource.languages = _languages(resource)
    save_with_audit(record=resource, by=by, changed_fields=[*changed_fields, "languages"])
    return resource


def _languages(resource: Resource) -> str:
    codes = {resource.original_language}
    if resource.pk:
        codes |= set(resource.files.values_list("language", flat=True))
    return "|" + "|".join(sorted(codes)) + "|"


def attach_file(
    *, resource: Resource, language: str, upload, content_type: str, by
) -> ResourceFile:
    """Store `upload` as the resource's file in `language` (replacing the one it had) and
    have the worker read it. Side effects: the file written under MEDIA_ROOT with a
    generated name, the row saved in state "processing", the old file removed once the
    transaction commits, an extraction task queued, the resource's languages updated."""
    with transaction.atomic():
        previous = resource.files.filter(language=language).first()
        old_name = previous.file.name if previous else None
        stored = previous or ResourceFile(resource=resource, language=language)
        stored.file = upload
        stored.original_name = Path(upload.name).name[:255]
        stored.content_type = content_type
        stored.size = upload.size
        stored.state = State.PROCESSING
        stored.failure = ""
        stored.text = stored.excerpt = stored.detected_language = ""
        stored.page_count = stored.processed_at = None
        stored.attempts = 0
        stored.save()
        Resource.objects.filter(pk=resource.pk).update(
            languages=_languages(resource), updated_at=timezone.now()
        )
        if old_name and old_name != stored.file.name:
            storage = stored.file.storage
            transaction.on_commit(lambda: storage.delete(old_name))
        _queue_extraction(stored)
    return stored


def _queue_extraction(stored: ResourceFile) -> None:
    from intercambio.library.tasks import extract_file

    # With the database queue the task row commits with the file row: the worker never
    # sees one without the other.
    extract_file.enqueue(file_id=stored.pk)


def read_file(*, file_id: int) -> str:
    """Read the text, page count and language out of a stored file (run by the worker).

    Ends in "ready" or "failed" with the reason, whatever the file holds: an unexpected error
    is logged and recorded as an internal failure, never left "processing". Returns the
    state reached; a file already read (a duplicate task) is left alone."""
    stored = ResourceFile.objects.filter(pk=file_id, state=State.PROCESSING).first()
    if stored is None:
        return "skipped"
    ResourceFile.objects.filter(pk=stored.pk).update(attempts=stored.attempts + 1)
    fields = {"processed_at": timezone.now()}
    try:
        path = Path(stored.file.path)
        if not path.exists():
            raise ExtractionError(ResourceFile.Failure.MISSING)
        found = extract(path=path, name=stored.original_name)
    except ExtractionError as error:
        fields |= {"state": State.FAILED, "failure": error.failure}
    except Exception:
        logger.exception("reading library file %s failed", stored.pk)
        fields |= {"state": State.FAILED, "failure": ResourceFile.Failure.INTERNAL}
    else:
        fields |= {
            "state": State.READY, "failure": "", "text": found.text, "excerpt": found.excerpt,
            "page_count": found.page_count, "detected_language": found.language,
        }  # fmt: skip
    # Only if nobody replaced the file meanwhile (its row went back to a fresh "processing").
    updated = ResourceFile.objects.filter(pk=stored.pk, file=stored.file.name).update(
        **fields, updated_at=timezone.now()
    )
    if updated and fields["state"] == State.READY:
        from intercambio.search.index import index_record  # the search app builds on this one

        index_record("resource", stored.resource_id)
    return fields["state"]


def may_retry(stored: ResourceFile) -> bool:
    return stored.state == State.FAILED or (
        stored.state == State.PROCESSING and stored.updated_at < timezone.now() - STALLED_AFTER
    )


def retry_file(*, stored: ResourceFile, by) -> bool:
    """Read a failed (or stalled) file again. Returns False when it is not in such a state
    any more (a second click). Side effects: state back to "processing", a task queued."""
    with transaction.atomic():
        locked = ResourceFile.objects.select_for_update().get(pk=stored.pk)
        if not may_retry(locked):
            return False
        locked.state = State.PROCESSING
        locked.failure = ""
        locked.save(update_fields=["state", "failure", "updated_at"])
        _queue_extraction(locked)
    stored.state, stored.failure = State.PROCESSING, ""
    return True


def remove_file(*, stored: ResourceFile, by) -> None:
    """Delete one language's file. Side effects: row and stored file removed."""
    resource = stored.resource
    name, storage = stored.file.name, stored.file.storage
    with transaction.atomic():
        stored.delete()
        Resource.objects.filter(pk=resource.pk).update(
            languages=_languages(resource), updated_at=timezone.now()
        )
        transaction.on_commit(lambda: storage.delete(name))


# ---- review workflow (see common.workflow) -------------------------------------------------


def submit_resource(*, resource: Resource, by) -> Resource:
    """Send the resource to the secretariat for review; e-mails the reviewers."""
    transition(
        record=resource, by=by, allowed_from={Status.DRAFT, Status.CHANGES_REQUESTED},
        to=Status.SUBMITTED, submitted_at=timezone.now(),
    )  # fmt: skip
    notify(user_ids=reviewer_ids(resource), template="library/email/submitted", record=resource,
           by=by)  # fmt: skip
    return resource


def request_changes(*, resource: Resource, by, note: str) -> Resource:
    """Return the resource to its editors with the reviewer's note; e-mails the editors."""
    transition(
        record=resource, by=by, allowed_from={Status.SUBMITTED}, to=Status.CHANGES_REQUESTED,
        note=note,
    )  # fmt: skip
    notify(user_ids=editor_ids(resource), template="library/email/changes_requested",
           record=resource, by=by, note=note)  # fmt: skip
    return resource


def publish_resource(*, resource: Resource, by) -> Resource:
    """Make the resource public; e-mails the editors."""
    transition(
        record=resource, by=by, allowed_from={Status.SUBMITTED}, to=Status.PUBLISHED,
        published_at=resource.published_at or timezone.now(),
    )  # fmt: skip
    notify(user_ids=editor_ids(resource), template="library/email/published", record=resource,
           by=by)  # fmt: skip
    return resource


def archive_resource(*, resource: Resource, by) -> Resource:
    """Withdraw a published resource from the public pages (it is kept)."""
    transition(record=resource, by=by, allowed_from={Status.PUBLISHED}, to=Status.ARCHIVED)
    return resource


# ---- training modules ----------------------------------------------------------------------


def mark_lesson_done(*, lesson: Lesson, user, done: bool = True) -> None:
    """Record (or forget) that `user` finished `lesson`; a second click changes nothing."""
    if not done:
        LessonCompletion.objects.filter(lesson=lesson, user=user).delete()
        return
    try:
        with transaction.atomic():
            LessonCompletion.objects.get_or_create(lesson=lesson, user=user)
    except IntegrityError:
        pass  # the same click arrived twice at once: the other one recorded it
