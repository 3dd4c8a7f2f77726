"""Library pages: list with facets, detail, downloads, editor forms, workflow, lessons."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import F
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intercambio.common.i18n import current_language, translated
from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.queries import KeysFirstPaginator
from intercambio.library import domain, queries
from intercambio.library.forms import LessonFormSet, ResourceForm
from intercambio.library.models import Lesson, Resource, ResourceFile
from intercambio.network.views import permission_view, require_permission
from intercambio.practices.forms import NoteForm
from intercambio.practices.rules import may_submit, moderator
from intercambio.practices.views import (
    LICENCE_URLS,
    PAGE_SIZE,
    WorkflowAction,
    edited_language,
    is_number,
    requested_page,
    take_workflow_step,
)
from intercambio.search.related import related_items

LANGUAGE_CODES = [code for code, _name in LANGUAGE_CHOICES]
SORTS = ("newest", "year")


def read_filters(request: HttpRequest) -> dict[str, str]:
    """The facet values of the query string, each cut to a sane length; unknown ones dropped."""
    filters = {}
    for name in queries.FACETS:
        value = request.GET.get(name, "").strip()[:80]
        valid = {
            "kind": value in Resource.Kind.values,
            "sdg": is_number(value) and 1 <= int(value) <= 17,
            "year": is_number(value) and len(value) == 4,
            "language": value in LANGUAGE_CODES,
        }.get(name, True)
        filters[name] = value if valid else ""
    return filters


@require_GET
def resource_list(request: HttpRequest) -> HttpResponse:
    filters = read_filters(request)
    sort = request.GET.get("sort", "newest")
    sort = sort if sort in SORTS else "newest"
    base = queries.published_resources()
    matching = queries.filter_resources(base, filters)
    if sort == "year":
        # Undated last on every database (PostgreSQL puts NULLs first in a descending order).
        matching = matching.order_by(F("year").desc(nulls_last=True), "-published_at", "-pk")
    else:
        matching = matching.order_by("-published_at", "-pk")
    facets, total = queries.facet_options(base, filters)
    paginator = KeysFirstPaginator(queries.with_list_data(matching), PAGE_SIZE)
    paginator.count = total  # known from the facet counts: no COUNT over the filtered rows
    page = paginator.get_page(requested_page(request))
    context = {
        "page": page,
        "facets": facets,
        "filters": filters,
        "active_filters": {name: value for name, value in filters.items() if value},
        "sort": sort,
    }
    return render(request, "library/list.html", context)


def _resource_or_404(request: HttpRequest, slug: str) -> Resource:
    resource = get_object_or_404(
        Resource.objects.select_related("organization", "network", "body"), slug=slug
    )
    if not request.user.has_perm("library.view_resource", resource):
        raise Http404
    return resource


@require_GET
def resource_detail(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_object_or_404(
        Resource.objects.select_related("organization", "network", "body").prefetch_related(
            "themes", "goals", "co_publishers"
        ),
        slug=slug,
    )
    user = request.user
    if not user.has_perm("library.view_resource", resource):
        raise Http404
    language = current_language()
    files = list(queries.files_without_text().filter(resource=resource))
    # The visitor's language first, then the original's, then the others.
    order = [language, resource.original_language, *LANGUAGE_CODES]
    files.sort(key=lambda f: order.index(f.language))
    can_retry = user.has_perm("library.retry_file", resource)
    for stored in files:
        # get_absolute_url (download links, JSON-LD) reads the resource's slug: without this,
        # one query per file.
        stored.resource = resource
        stored.may_retry = can_retry and domain.may_retry(stored)
    lessons, progress = ([], 0)
    if resource.is_training:
        lessons, progress = queries.lessons_with_progress(resource=resource, user=user)
    can_edit = user.has_perm("library.change_resource", resource)
    absolute_url = request.build_absolute_uri(resource.get_absolute_url())
    text = {name: translated(resource, name) for name in ("title", "description", "audience")}
    context = {
        "resource": resource,
        "text": text,
        "files": files,
        "first_text": next((f for f in files if f.state == ResourceFile.State.READY), None),
        "processing": any(f.state == ResourceFile.State.PROCESSING for f in files),
        "lessons": lessons,
        "progress": progress,
        "done_count": sum(lesson.done for lesson in lessons),
        "related": related_items(kind="resource", record_id=resource.pk, language=language)
        if resource.is_public
        else [],
        "related_practices": queries.related_practices(resource=resource),
        "can_edit": can_edit,
        "can_submit": user.has_perm("library.submit_resource", resource),
        "can_review": user.has_perm("library.review_resource", resource),
        "can_archive": user.has_perm("library.archive_resource", resource),
        "transitions": resource.transitions.select_related("by")[:10]
        if not resource.is_public or can_edit
        else [],
        "note_form": NoteForm(),
        "absolute_url": absolute_url,
    }
    context["json_ld"] = _json_ld(resource, text, files, absolute_url, request)
    return render(request, "library/detail.html", context)


SCHEMA_TYPES = {
    Resource.Kind.DATASET: "Dataset",
    Resource.Kind.VIDEO: "VideoObject",
    Resource.Kind.TRAINING: "Course",
    Resource.Kind.REPORT: "Report",
    Resource.Kind.PRESENTATION: "PresentationDigitalDocument",
    Resource.Kind.NORM: "Legislation",
}


def _json_ld(resource: Resource, text: dict, files: list, url: str, request) -> dict:
    """schema.org description of the resource, with one encoding per file."""
    return {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(resource.kind, "CreativeWork"),
        "name": text["title"].text,
        "description": text["description"].text,
        "inLanguage": [f.language for f in files] or [resource.original_language],
        "url": url,
        "publisher": [{"@type": "Organization", "name": org.name}
                      for org in [resource.organization, *resource.co_publishers.all()]],
        "author": [{"@type": "Person", "name": name} for name in resource.author_list],
        "copyrightYear": resource.year,
        "keywords": [theme.label for theme in resource.themes.all()],
        "license": LICENCE_URLS.get(resource.licence, ""),
        "sameAs": resource.external_url or None,
        "encoding": [
            {"@type": "MediaObject", "encodingFormat": f.content_type, "inLanguage": f.language,
             "contentUrl": request.build_absolute_uri(f.get_absolute_url()),
             "contentSize": f.size, "name": f.original_name}
            for f in files
        ],
    }  # fmt: skip


@require_GET
def file_download(request: HttpRequest, slug: str, language: str) -> FileResponse:
    resource = _resource_or_404(request, slug)
    stored = get_object_or_404(
        ResourceFile.objects.defer("text", "excerpt"), resource=resource, language=language
    )
    try:
        handle = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # Always a download, never shown inline: an uploaded HTML page must not run as ours.
    return FileResponse(
        handle, as_attachment=True, filename=stored.original_name,
        content_type=stored.content_type,
    )  # fmt: skip


@require_GET
def file_states(request: HttpRequest, slug: str) -> JsonResponse:
    """{"processing": n}: the detail page's script reloads once nothing is processing."""
    resource = _resource_or_404(request, slug)
    processing = resource.files.filter(state=ResourceFile.State.PROCESSING).count()
    return JsonResponse({"processing": processing})


@permission_view
@require_POST
def file_retry(request: HttpRequest, slug: str, language: str) -> HttpResponse:
    resource = _resource_or_404(request, slug)
    require_permission(request, "library.retry_file", resource)
    stored = get_object_or_404(resource.files.defer("text"), language=language)
    if domain.retry_file(stored=stored, by=request.user):
        messages.success(request, _("The file is being read again."))
    else:
        messages.info(request, _("The file is not in a failed state: nothing to retry."))
    return redirect(resource)


@permission_view
@require_http_methods(["GET", "POST"])
def resource_create(request: HttpRequest) -> HttpResponse:
    require_permission(request, "library.create_resource")
    return _edit(request, resource=Resource(), language=current_language())


@permission_view
@require_http_methods(["GET", "POST"])
def resource_edit(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("organization"), slug=slug)
    require_permission(request, "library.change_resource", resource)
    return _edit(request, resource=resource, language=edited_language(request, resource))


def _edit(request: HttpRequest, *, resource: Resource, language: str) -> HttpResponse:
    creating = resource.pk is None
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = ResourceForm(data, files, instance=resource, user=request.user, language=language)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            resource = form.save_by(request.user)
            if form.uploads():
                messages.success(
                    request, _("Saved. The files are being read: their state is shown below.")
                )
            else:
                messages.success(request, _("The document was saved."))
            return redirect(resource)
        status = 400
    context = {
        "form": form,
        "resource": resource,
        "creating": creating,
        "language": language,
        "language_name": dict(LANGUAGE_CHOICES)[language],
        "cancel_url": reverse("library:mine") if creating else resource.get_absolute_url(),
        "other_languages": []
        if creating
        else [(code, name) for code, name in LANGUAGE_CHOICES if code != language],
    }
    return render(request, "library/edit.html", context, status=status)


@permission_view
@require_http_methods(["GET", "POST"])
def lessons_edit(request: HttpRequest, slug: str) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("organization"), slug=slug)
    require_permission(request, "library.change_resource", resource)
    if not resource.is_training:
        raise Http404
    language = edited_language(request, resource)
    formset = LessonFormSet(
        request.POST if request.method == "POST" else None, instance=resource,
        queryset=resource.lessons.order_by("position", "pk"), form_kwargs={"language": language},
    )  # fmt: skip
    if request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, _("The lessons were saved."))
        return redirect(resource)
    status = 400 if request.method == "POST" else 200
    context = {
        "resource": resource,
        "formset": formset,
        "language": language,
        "language_name": dict(LANGUAGE_CHOICES)[language],
        "other_languages": [(code, name) for code, name in LANGUAGE_CHOICES if code != language],
    }
    return render(request, "library/lessons_edit.html", context, status=status)


@permission_view
@require_POST
def lesson_done(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    resource = _resource_or_404(request, slug)
    lesson = get_object_or_404(Lesson, pk=pk, resource=resource)
    done = request.POST.get("done", "1") == "1"
    domain.mark_lesson_done(lesson=lesson, user=request.user, done=done)
    return redirect(f"{resource.get_absolute_url()}#lesson-{lesson.pk}")


ACTIONS = {
    "submit": WorkflowAction(may_submit, False, gettext_lazy("The document was sent to the secretariat for review."),
                             lambda r, by, note: domain.submit_resource(resource=r, by=by)),
    "request-changes": WorkflowAction(moderator, True, gettext_lazy("The editors were asked for changes."),
                                      lambda r, by, note: domain.request_changes(resource=r, by=by, note=note)),
    "publish": WorkflowAction(moderator, False, gettext_lazy("The document is published."),
                              lambda r, by, note: domain.publish_resource(resource=r, by=by)),
    "archive": WorkflowAction(moderator, False, gettext_lazy("The document was archived."),
                              lambda r, by, note: domain.archive_resource(resource=r, by=by)),
}  # fmt: skip


@permission_view
@require_POST
def resource_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    resource = get_object_or_404(Resource.objects.select_related("organization"), slug=slug)
    return take_workflow_step(request, record=resource, action=action, actions=ACTIONS)


@require_GET
def my_resources(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    resources = list(queries.resources_of_editor(user=request.user))
    return render(
        request, "library/mine.html",
        {"resources": resources, "can_create": request.user.has_perm("library.create_resource")},
    )  # fmt: skip


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (user.is_staff or user.secretariat_of.exists()):
        raise PermissionDenied
    return render(request, "library/queue.html", {"items": list(queries.review_queue(user=user))})
