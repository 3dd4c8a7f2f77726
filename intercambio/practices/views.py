"""Practice pages: list with facets, detail, feed, editor forms, workflow actions, queue."""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlencode

import rules
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intercambio.common.i18n import current_language, translated
from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.workflow import WorkflowError
from intercambio.network.views import permission_view, require_permission
from intercambio.practices import domain, queries
from intercambio.practices.forms import ContactForm, NoteForm, PartnerFormSet, PracticeForm
from intercambio.practices.models import Practice
from intercambio.practices.rules import may_confirm, may_submit, moderator
from intercambio.search.related import related_items

PAGE_SIZE = 20
MAX_PAGE = 500  # bounded pagination: deep pages are for the feed and the API, not for people
LANGUAGE_CODES = [code for code, _name in LANGUAGE_CHOICES]


def is_number(value: str) -> bool:
    # str.isdigit() alone accepts "²" or "٣", which int() or the database then refuse (a 500);
    # thousands of digits are beyond int() and any column.
    return value.isascii() and value.isdigit() and len(value) <= 18


def edited_language(request: HttpRequest, record) -> str:
    """The version an editor asked for (?language=es), else the record's original."""
    language = request.GET.get("language", "")
    return language if language in LANGUAGE_CODES else record.original_language


def requested_page(request: HttpRequest) -> int:
    """The ?page= number, bounded; anything else is the first page."""
    number = request.GET.get("page", "1")
    return min(int(number), MAX_PAGE) if is_number(number) else 1


def read_filters(request: HttpRequest) -> dict[str, str]:
    """The facet values of the query string, each cut to a sane length; unknown ones dropped."""
    filters = {}
    for name in queries.FACETS:
        value = request.GET.get(name, "").strip()[:80]
        # Numbers beyond what the columns hold would be a database error, not "no results".
        if name == "sdg" and not (is_number(value) and 1 <= int(value) <= 17):
            value = ""
        if name == "year" and not (is_number(value) and len(value) == 4):
            value = ""
        if name == "language" and value not in LANGUAGE_CODES:
            value = ""
        if name == "stage" and value not in Practice.Stage.values:
            value = ""
        filters[name] = value
    return filters


@require_GET
def practice_list(request: HttpRequest) -> HttpResponse:
    filters = read_filters(request)
    sort = request.GET.get("sort", "newest")
    sort = sort if sort in queries.SORTS else "newest"
    base = queries.published_practices()
    matching = queries.filter_practices(base, filters)
    ordered = queries.sort_practices(matching, sort, current_language())
    facets, total = queries.facet_options(base, filters)
    paginator = Paginator(queries.with_list_data(ordered), PAGE_SIZE)
    paginator.count = total  # known from the facet counts: no COUNT over the filtered rows
    page = paginator.get_page(requested_page(request))
    active = {name: value for name, value in filters.items() if value}
    context = {
        "page": page,
        "facets": facets,
        "filters": filters,
        "active_filters": active,
        "sort": sort,
        "feed_query": urlencode(active),
    }
    return render(request, "practices/list.html", context)


@require_GET
def practice_detail(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(
        Practice.objects.select_related(
            "organization", "body__network", "adapted_from", "funder"
        ).prefetch_related("themes", "goals", "networks", "attachments"),
        slug=slug,
    )
    if not request.user.has_perm("practices.view_practice", practice):
        raise Http404
    language = current_language()
    version = request.GET.get("version", "")
    if version not in LANGUAGE_CODES or not practice.has_language(version):
        version = language if practice.has_language(language) else practice.original_language
    user = request.user
    can_edit = user.has_perm("practices.change_practice", practice)
    context = {
        "practice": practice,
        "version": version,
        "text": {name: translated(practice, name, version) for name in
                 ("title", "summary", "context", "actions", "results", "lessons", "beneficiaries")},
        "versions": practice.language_versions(),
        "partnerships": practice.partnerships.select_related("organization"),
        "related": related_items(kind="practice", record_id=practice.pk, language=language)
        if practice.is_public else [],
        "adaptations": practice.adaptations.filter(status=Practice.Status.PUBLISHED)
        .select_related("organization")
        # By city: a date order would lure SQLite into reading every published practice.
        .order_by("organization__name", "pk"),
        "can_edit": can_edit,
        "can_submit": user.has_perm("practices.submit_practice", practice),
        "can_review": user.has_perm("practices.review_practice", practice),
        "can_curate": user.has_perm("practices.curate_practice", practice),
        "can_confirm": user.has_perm("practices.confirm_practice", practice),
        "transitions": practice.transitions.select_related("by")[:10]
        if not practice.is_public or can_edit else [],
        "note_form": NoteForm(),
        "contact_form": ContactForm() if user.is_authenticated else None,
        "absolute_url": request.build_absolute_uri(practice.get_absolute_url()),
    }  # fmt: skip
    context["json_ld"] = _json_ld(practice, context["text"], version, context["absolute_url"])
    return render(request, "practices/detail.html", context)


def _json_ld(practice: Practice, text: dict, version: str, url: str) -> dict:
    """schema.org CreativeWork of the version shown, with its language and the others."""
    return {
        "@context": "https://schema.org",
        "@type": "CreativeWork",
        "name": text["title"].text,
        "abstract": text["summary"].text,
        "inLanguage": version,
        "url": url,
        "author": {"@type": "Organization", "name": practice.organization.name},
        "datePublished": practice.published_at.date().isoformat()
        if practice.published_at
        else None,
        "dateModified": practice.updated_at.date().isoformat(),
        "keywords": [theme.label for theme in practice.themes.all()] + practice.tag_list,
        "license": LICENCE_URLS.get(practice.licence, ""),
        "workTranslation" if version == practice.original_language else "translationOfWork": [
            {"@type": "CreativeWork", "inLanguage": code, "url": f"{url}?version={code}"}
            for code, _status in practice.language_versions()
            if code != version
        ],
    }


LICENCE_URLS = {
    "cc-by-4.0": "https://creativecommons.org/licenses/by/4.0/",
    "cc-by-sa-4.0": "https://creativecommons.org/licenses/by-sa/4.0/",
    "cc-by-nc-4.0": "https://creativecommons.org/licenses/by-nc/4.0/",
    "cc0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
}


@permission_view
@require_http_methods(["GET", "POST"])
def practice_create(request: HttpRequest) -> HttpResponse:
    require_permission(request, "practices.create_practice")
    return _edit(request, practice=Practice(), language=current_language())


@permission_view
@require_http_methods(["GET", "POST"])
def practice_edit(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(Practice.objects.select_related("organization"), slug=slug)
    require_permission(request, "practices.change_practice", practice)
    return _edit(request, practice=practice, language=edited_language(request, practice))


def _edit(request: HttpRequest, *, practice: Practice, language: str) -> HttpResponse:
    creating = practice.pk is None
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    form = PracticeForm(data, files, instance=practice, user=request.user, language=language)
    partners = PartnerFormSet(data, instance=practice, prefix="partners")
    preview = None
    status = 200
    if request.method == "POST":
        if form.is_valid() and partners.is_valid():
            if request.POST.get("action") == "preview":
                preview = form.preview()
            else:
                practice = form.save_by(request.user)
                partners.instance = practice
                partners.save()
                messages.success(request, _("The practice was saved."))
                return redirect(practice)
        else:
            status = 400
    context = {
        "form": form,
        "partners": partners,
        "practice": practice,
        "creating": creating,
        "language": language,
        "language_name": dict(LANGUAGE_CHOICES)[language],
        "other_languages": [] if creating else [
            (code, name) for code, name in LANGUAGE_CHOICES if code != language],
        "preview": preview,
        "preview_text": {name: translated(preview, name, form.language) for name in
                         ("title", "summary", "context", "actions", "results", "lessons")}
        if preview else None,
    }  # fmt: skip
    return render(request, "practices/edit.html", context, status=status)


@dataclass(frozen=True)
class WorkflowAction:
    """A button of the review workflow: who may press it, whether it needs the reviewer's
    note, what is said afterwards, and the domain step it takes: step(record, by, note)."""

    actor: rules.Predicate
    needs_note: bool
    done: str
    step: Callable


ACTIONS = {
    "submit": WorkflowAction(may_submit, False, gettext_lazy("The practice was sent to the secretariat for review."),
                             lambda p, by, note: domain.submit_practice(practice=p, by=by)),
    "request-changes": WorkflowAction(moderator, True, gettext_lazy("The editors were asked for changes."),
                                      lambda p, by, note: domain.request_changes(practice=p, by=by, note=note)),
    "publish": WorkflowAction(moderator, False, gettext_lazy("The practice is published."),
                              lambda p, by, note: domain.publish_practice(practice=p, by=by)),
    "archive": WorkflowAction(moderator, False, gettext_lazy("The practice was archived."),
                              lambda p, by, note: domain.archive_practice(practice=p, by=by)),
    "feature": WorkflowAction(moderator, False, gettext_lazy("The practice is featured."),
                              lambda p, by, note: domain.feature_practice(practice=p, by=by, featured=True)),
    "unfeature": WorkflowAction(moderator, False, gettext_lazy("The practice is no longer featured."),
                                lambda p, by, note: domain.feature_practice(practice=p, by=by, featured=False)),
    "confirm": WorkflowAction(may_confirm, False, gettext_lazy("Thank you: we will ask again in a year."),
                              lambda p, by, note: domain.confirm_still_running(practice=p, by=by)),
}  # fmt: skip


def take_workflow_step(
    request: HttpRequest, *, record, action: str, actions: dict[str, WorkflowAction]
) -> HttpResponse:
    """One workflow step on a practice or library resource. Who may take it is checked here;
    whether the record's status still allows it is checked by the domain under a row lock (a
    second click gets a 409)."""
    if action not in actions:
        raise Http404
    chosen = actions[action]
    if not chosen.actor.test(request.user, record):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
    note = ""
    if chosen.needs_note:
        form = NoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write a note telling the editors what to change."))
            return redirect(record)
        note = form.cleaned_data["note"]
    try:
        chosen.step(record, request.user, note)
    except WorkflowError as error:
        context = {"record": record, "error": error}
        return render(request, "common/conflict.html", context, status=409)
    messages.success(request, chosen.done)
    return redirect(record)


@permission_view
@require_POST
def practice_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    practice = get_object_or_404(Practice.objects.select_related("organization"), slug=slug)
    return take_workflow_step(request, record=practice, action=action, actions=ACTIONS)


@permission_view
@require_http_methods(["GET", "POST"])
def practice_contact(request: HttpRequest, slug: str) -> HttpResponse:
    practice = get_object_or_404(
        Practice.objects.select_related("organization", "contact"), slug=slug
    )
    if not practice.is_public:
        raise Http404
    if not request.user.is_authenticated:
        # A verified address to answer to, and no open relay for spam.
        return redirect_to_login(request.get_full_path())
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        domain.contact_owner(
            practice=practice, sender=request.user, message=form.cleaned_data["message"]
        )
        messages.success(
            request, _("Your message was sent. The city will answer to your e-mail address.")
        )
        return redirect(practice)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "practices/contact.html", {"practice": practice, "form": form}, status=status
    )


@require_GET
def attachment_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    practice = get_object_or_404(Practice.objects.select_related("organization"), slug=slug)
    if not request.user.has_perm("practices.view_practice", practice):
        raise Http404
    attachment = get_object_or_404(practice.attachments, pk=pk)
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle, as_attachment=not attachment.is_image, filename=attachment.original_name,
        content_type=attachment.content_type,
    )  # fmt: skip


@require_GET
def my_practices(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    practices = list(queries.practices_of_editor(user=request.user))
    return render(
        request, "practices/mine.html",
        {"practices": practices, "can_create": request.user.has_perm("practices.create_practice")},
    )  # fmt: skip


@require_GET
def review_queue(request: HttpRequest) -> HttpResponse:
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not (user.is_staff or user.secretariat_of.exists()):
        raise PermissionDenied
    items = list(queries.review_queue(user=user))
    for item in items:
        item.age_days = queries.age_in_days(item.submitted_at)
    return render(
        request, "practices/queue.html", {"items": items, "counts": queries.queue_counts(user=user)}
    )


class PracticeFeed(Feed):
    """Atom feed of newly published practices; the list's facet parameters filter it."""

    feed_type = Atom1Feed

    def get_object(self, request: HttpRequest) -> dict[str, str]:
        return read_filters(request)

    def title(self, filters: dict[str, str]) -> str:
        return _("New good practices")

    def subtitle(self, filters: dict[str, str]) -> str:
        return _("Good practices of governance and innovation shared by cities.")

    def link(self, filters: dict[str, str]) -> str:
        return reverse("practices:list")

    def items(self, filters: dict[str, str]) -> QuerySet[Practice]:
        matching = queries.filter_practices(queries.published_practices(), filters)
        return matching.select_related("organization").order_by("-published_at", "-pk")[:50]

    def item_title(self, item: Practice) -> str:
        return translated(item, "title").text

    def item_description(self, item: Practice) -> str:
        return translated(item, "summary").text

    def item_author_name(self, item: Practice) -> str:
        return item.organization.name

    def item_pubdate(self, item: Practice):
        return item.published_at

    def item_updateddate(self, item: Practice):
        return item.updated_at


practice_feed = PracticeFeed()
