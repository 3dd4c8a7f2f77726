"""The organizers' pages of an event: registrations, exports, check-in, certificates,
messages.

Open to the event's managers (rules: events.manage_event). Others get a 404 for an event
they cannot see at all (a draft), else a 403; anonymous visitors are sent to sign in."""

import uuid
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intercambio.common.i18n import translated
from intercambio.events import domain, exports
from intercambio.events.models import Event, Registration
from intercambio.network.views import permission_view, require_permission
from intercambio.practices.views import requested_page
from intercambio.search.analyzer import normalize

Status = Registration.Status
Attendance = Registration.Attendance
PAGE_SIZE = 100
# The check-in desk shows at most this many names: past it, type more of the name.
CHECK_IN_LIMIT = 100


def _managed_event(request: HttpRequest, slug: str) -> Event:
    event = get_object_or_404(Event.objects.select_related("network"), slug=slug)
    if not request.user.has_perm("events.view_event", event):
        raise Http404  # a draft stays invisible to those who may not see it
    require_permission(request, "events.manage_event", event)
    return event


def _registration(event: Event, pk: int) -> Registration:
    return get_object_or_404(event.registrations.select_related("organization"), pk=pk)


def _status_table(event: Event) -> tuple[list[dict], dict[str, int]]:
    """One row per status: counts in person, online and in all; and the totals. One query."""
    counts = {
        (row["status"], row["attendance"]): row["n"]
        for row in event.registrations.order_by()
        .values("status", "attendance")
        .annotate(n=Count("pk"))
    }
    rows = []
    for value, label in Status.choices:
        in_person = counts.get((value, Attendance.IN_PERSON), 0)
        online = counts.get((value, Attendance.ONLINE), 0)
        rows.append(
            {"status": value, "label": label, "in_person": in_person, "online": online,
             "total": in_person + online}
        )  # fmt: skip
    totals = {key: sum(row[key] for row in rows) for key in ("in_person", "online", "total")}
    return rows, totals


def _seats(event: Event, rows: list[dict]) -> list[dict]:
    """Seats taken and left for each kind that has a capacity (the domain's seat rule:
    confirmed and awaiting approval hold a seat)."""
    seats = []
    for attendance, label, limit in (
        (Attendance.IN_PERSON, Attendance.IN_PERSON.label, event.capacity_in_person),
        (Attendance.ONLINE, Attendance.ONLINE.label, event.capacity_online),
    ):
        if limit is None:
            continue
        taken = sum(row[attendance] for row in rows if row["status"] in Registration.HOLDING_A_SEAT)
        seats.append(
            {"label": label, "capacity": limit, "taken": taken, "left": max(limit - taken, 0)}
        )
    return seats


@permission_view
@require_GET
def registrations(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    status = request.GET.get("status", "")
    status = status if status in Status.values else ""
    rows, totals = _status_table(event)
    listed = event.registrations.select_related("organization").order_by("created_at", "pk")
    if status:
        listed = listed.filter(status=status)
    page = Paginator(listed, PAGE_SIZE).get_page(requested_page(request))
    for registration in page:
        registration.organization_label = exports.organization_of(registration)
    seat_holders = event.registrations.filter(status__in=Registration.HOLDING_A_SEAT)
    context = {
        "event": event,
        "title": translated(event, "title"),
        "status": status,
        "status_label": Status(status).label if status else "",
        "status_rows": rows,
        "totals": totals,
        "hybrid": event.format == Event.Format.HYBRID,
        "seats": _seats(event, rows),
        "summary": exports.needs_summary(registrations=seat_holders),
        "page": page,
        "awaiting_approval": Status.AWAITING_APPROVAL,
    }
    return render(request, "events/organize/dashboard.html", context)


def _awaiting_decision(request: HttpRequest, slug: str, pk: int) -> Registration | None:
    """The registration to approve or decline; None (with a message) when it no longer waits
    for a decision — a second click, or another organizer was quicker."""
    event = _managed_event(request, slug)
    registration = _registration(event, pk)
    if registration.status != Status.AWAITING_APPROVAL:
        messages.info(
            request,
            _("%(name)s is not awaiting approval any more (status: %(status)s).")
            % {"name": registration.name, "status": registration.get_status_display()},
        )
        return None
    return registration


def _back(request: HttpRequest, slug: str) -> HttpResponse:
    url = reverse("events:registrations", kwargs={"slug": slug})
    status = request.POST.get("status", "")
    return redirect(f"{url}?{urlencode({'status': status})}" if status in Status.values else url)


def _report_promoted(request: HttpRequest, promoted: list[Registration]) -> None:
    if promoted:
        messages.info(
            request,
            ngettext(
                "%(n)s person moved up from the waitlist: %(names)s.",
                "%(n)s people moved up from the waitlist: %(names)s.",
                len(promoted),
            )
            % {"n": len(promoted), "names": ", ".join(r.name for r in promoted)},
        )


@permission_view
@require_POST
def approve_registration(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    registration = _awaiting_decision(request, slug, pk)
    if registration is not None:
        domain.approve(registration=registration)
        messages.success(request, _("%(name)s is confirmed.") % {"name": registration.name})
    return _back(request, slug)


@permission_view
@require_POST
def decline_registration(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    registration = _awaiting_decision(request, slug, pk)
    if registration is not None:
        promoted = domain.decline(registration=registration)
        messages.success(request, _("%(name)s was declined.") % {"name": registration.name})
        _report_promoted(request, promoted)
    return _back(request, slug)


def _all_registrations(event: Event):
    return event.registrations.select_related("organization").order_by("created_at", "pk")


@permission_view
@require_GET
def registrations_csv(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    body = exports.registrations_csv(event=event, registrations=_all_registrations(event))
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    return response


@permission_view
@require_GET
def registrations_xlsx(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    body = exports.registrations_xlsx(event=event, registrations=_all_registrations(event))
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.xlsx"'
    return response


# --- check-in -----------------------------------------------------------------------------


def _matches(registration: Registration, wanted: str) -> bool:
    return wanted in normalize(registration.name) or wanted in registration.email


@permission_view
@require_GET
def check_in(request: HttpRequest, slug: str) -> HttpResponse:
    """Find a confirmed registration by name (case and accents ignored: "joao" finds
    "João") or e-mail address, and mark it attended."""
    event = _managed_event(request, slug)
    query = request.GET.get("q", "").strip()[:100]
    confirmed = list(
        event.registrations.filter(status=Status.CONFIRMED)
        .select_related("organization")
        .order_by("name", "pk")
    )
    # Compared in Python: SQLite has no accent-insensitive comparison, and an event's
    # confirmed list is at most a few thousand rows.
    wanted = normalize(query)
    found = [r for r in confirmed if _matches(r, wanted)] if wanted else confirmed
    for registration in found:
        registration.organization_label = exports.organization_of(registration)
    context = {
        "event": event,
        "title": translated(event, "title"),
        "query": query,
        "found": found[:CHECK_IN_LIMIT],
        "found_count": len(found),
        "more": len(found) > CHECK_IN_LIMIT,
        "confirmed_count": len(confirmed),
        "checked_in_count": sum(r.checked_in_at is not None for r in confirmed),
    }
    return render(request, "events/organize/check_in.html", context)


@permission_view
@require_POST
def mark_attended(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """attended=1 marks the person attended, attended=0 undoes it. Either twice is the same
    as once: the first arrival time is kept."""
    event = _managed_event(request, slug)
    registration = _registration(event, pk)
    attended = request.POST.get("attended", "1") != "0"
    now = timezone.now()
    if attended:
        if registration.status != Status.CONFIRMED:
            return HttpResponse(
                _("Only confirmed registrations can be marked attended."),
                status=409, content_type="text/plain; charset=utf-8",
            )  # fmt: skip
        domain.mark_attended(registration=registration, attended=True, now=now)
        messages.success(request, _("%(name)s attended.") % {"name": registration.name})
    else:
        domain.mark_attended(registration=registration, attended=False, now=now)
        messages.success(
            request, _("%(name)s is no longer marked attended.") % {"name": registration.name}
        )
    url = reverse("events:check_in", kwargs={"slug": event.slug})
    query = request.POST.get("q", "").strip()[:100]
    return redirect(f"{url}?{urlencode({'q': query})}#registration-{registration.pk}")


@permission_view
@require_GET
def certificate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    event = _managed_event(request, slug)
    registration = _registration(event, pk)
    if registration.checked_in_at is None:
        raise Http404
    registration.event = event
    response = HttpResponse(exports.certificate_pdf(registration), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="certificate-{event.slug}-{registration.pk}.pdf"'
    )
    return response


# --- message to the registrants -----------------------------------------------------------

MESSAGE_STATUSES = (Status.CONFIRMED, Status.AWAITING_APPROVAL, Status.WAITLISTED)


class MessageForm(forms.Form):
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=150)
    body = forms.CharField(label=gettext_lazy("Message"), max_length=10_000, widget=forms.Textarea)
    recipients = forms.MultipleChoiceField(
        label=gettext_lazy("Send to those whose registration is"),
        widget=forms.CheckboxSelectMultiple,
        initial=[Status.CONFIRMED, Status.AWAITING_APPROVAL],
    )

    # One token per form shown: a second submit of the same form (a double click, the back
    # button) is recognised and sends nothing more.
    sending = forms.CharField(required=False, widget=forms.HiddenInput, max_length=40)

    def __init__(self, *args, counts: dict[str, int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.counts = counts
        self.fields["sending"].initial = uuid.uuid4().hex
        self.fields["recipients"].choices = [
            (status, f"{status.label} ({counts.get(status, 0)})") for status in MESSAGE_STATUSES
        ]

    def clean_recipients(self) -> list[str]:
        chosen = self.cleaned_data["recipients"]
        if not sum(self.counts.get(status, 0) for status in chosen):
            raise forms.ValidationError(
                _("Nobody is registered with the chosen statuses: the message would reach no one.")
            )
        return chosen


@permission_view
@require_http_methods(["GET", "POST"])
def message(request: HttpRequest, slug: str) -> HttpResponse:
    event = _managed_event(request, slug)
    counts = dict(event.registrations.order_by().values_list("status").annotate(n=Count("pk")))
    form = MessageForm(request.POST if request.method == "POST" else None, counts=counts)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            token = form.cleaned_data["sending"]
            if token and not cache.add(f"events:message:{event.pk}:{token}", True, 24 * 3600):
                messages.info(request, _("This message was sent already."))
                return redirect("events:registrations", slug=event.slug)
            sent = domain.message_registrants(
                event=event,
                statuses=form.cleaned_data["recipients"],
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
            )
            messages.success(
                request,
                ngettext("Sent to %(n)s person.", "Sent to %(n)s people.", sent) % {"n": sent},
            )
            return redirect("events:registrations", slug=event.slug)
        status = 400
    context = {"event": event, "title": translated(event, "title"), "form": form}
    return render(request, "events/organize/message.html", context, status=status)


urlpatterns = [
    path("<slug:slug>/registrations/", registrations, name="registrations"),
    path("<slug:slug>/registrations.csv", registrations_csv, name="registrations_csv"),
    path("<slug:slug>/registrations.xlsx", registrations_xlsx, name="registrations_xlsx"),
    path("<slug:slug>/registrations/check-in/", check_in, name="check_in"),
    path("<slug:slug>/registrations/message/", message, name="message_registrants"),
    path(
        "<slug:slug>/registrations/<int:pk>/approve/",
        approve_registration,
        name="approve_registration",
    ),
    path(
        "<slug:slug>/registrations/<int:pk>/decline/",
        decline_registration,
        name="decline_registration",
    ),
    path("<slug:slug>/registrations/<int:pk>/attended/", mark_attended, name="mark_attended"),
    path("<slug:slug>/registrations/<int:pk>/certificate.pdf", certificate, name="certificate"),
]
