"""Work plan pages for everyone: the list of plans, a plan with its progress and timeline,
and the network-wide calendar of planned activities. Editing lives in editing.py, the annual
report in report.py."""

import datetime
import html
import itertools
from dataclasses import dataclass, field

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET

from intercambio.common.i18n import translated
from intercambio.network.models import Network, Person
from intercambio.network.queries import visible_people
from intercambio.practices.views import PAGE_SIZE, is_number, requested_page
from intercambio.workplans import queries
from intercambio.workplans.domain import progress_by_axis, progress_of
from intercambio.workplans.models import PLAN_TEXT_FIELDS, Activity, Axis, WorkPlan

FIRST_YEAR, LAST_YEAR = 1900, 2100
_throughout = gettext_lazy("Throughout the period")


def _text_filter(request: HttpRequest, name: str) -> str:
    """A slug filter of the query string, cut to a sane length; an unknown one matches
    nothing (an empty list), never an error."""
    return request.GET.get(name, "").strip()[:120]


def _year_filter(request: HttpRequest) -> int | None:
    """?year=2016, or None when absent or not a plausible year (ignored, never a 500)."""
    value = request.GET.get("year", "").strip()
    if is_number(value) and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return None


@require_GET
def plan_list(request: HttpRequest) -> HttpResponse:
    filters = {
        "network": _text_filter(request, "network"),
        "body": _text_filter(request, "body"),
        "year": _year_filter(request),
    }
    base = queries.public_plans()
    plans = base
    if filters["network"]:
        plans = plans.filter(body__network__slug=filters["network"])
    if filters["body"]:
        plans = plans.filter(body__slug=filters["body"])
    if filters["year"]:
        plans = queries.overlapping_year(plans, filters["year"])
    page = Paginator(queries.plan_list_rows(plans), PAGE_SIZE).get_page(requested_page(request))
    page.object_list = list(page.object_list)
    for plan in page.object_list:
        plan.progress = queries.annotated_progress(plan)
    context = {
        "page": page,
        "filters": filters,
        "active_filters": {name: value for name, value in filters.items() if value},
        "options": queries.plan_filter_options(base),
        "may_start": queries.may_start_a_plan(request.user),
    }
    return render(request, "workplans/list.html", context)


@dataclass
class MonthGroup:
    """A month of the timeline with its activities, or a run of months without any
    (`last` is then the run's last month)."""

    month: datetime.date
    activities: list[Activity] = field(default_factory=list)
    last: datetime.date | None = None
    items: list[SafeString] = field(default_factory=list)  # the activities' cards

    @property
    def is_empty(self) -> bool:
        return not self.activities


def timeline(plan: WorkPlan, activities: list[Activity]) -> list[MonthGroup]:
    """Every month of the period in order; consecutive months without activities are folded
    into one line, so that a year with three meetings is not nine "nothing" headings. An
    activity filed under a month outside the period (edited dates) still shows."""
    by_month: dict[datetime.date, list[Activity]] = {}
    for activity in activities:
        if activity.planned_month:
            by_month.setdefault(activity.planned_month.replace(day=1), []).append(activity)
    groups: list[MonthGroup] = []
    for month in sorted(set(plan.months()) | set(by_month)):
        listed = by_month.get(month, [])
        if not listed and groups and groups[-1].is_empty:
            groups[-1].last = month
        else:
            groups.append(MonthGroup(month=month, activities=listed, last=month))
    return groups


def timeline_items(
    plan: WorkPlan,
    activities: list[Activity],
    links: queries.TimelineLinks,
    *,
    axes: list[Axis],
    can_change: bool,
) -> dict[int, SafeString]:
    """activity pk → its card on the plan page, as HTML. The cards are written here rather
    than by a template: with 200 activities, a template per card (even with every value
    worked out in Python) took two thirds of the page's time and put the page at twice its
    budget, and format_html per piece still cost a third (measured with `make bench`).
    Every value put into the markup goes through `e` (escaping quotes too)."""
    e = html.escape
    positions = {axis.pk: axis.position for axis in axes}
    kinds = {code: e(str(label)) for code, label in Activity.Kind.choices}
    statuses = {code: e(str(label)) for code, label in Activity.Status.choices}
    labels = {
        "responsible": e(_("Responsible:")),
        "axis": e(_("Axis:")),
        "axes": e(_("Axes:")),
        "status": e(_("Status:")),
        "event": e(_("Event:")),
        "outputs": e(_("Outputs:")),
    }
    activity_base = reverse("workplans:detail", kwargs={"slug": plan.slug}) + "activities/"
    # Reversed once: a city's address differs from another's by its slug only.
    organization_base = reverse("network:organization", kwargs={"slug": "slug"})[: -len("slug/")]
    dates: dict[tuple[datetime.date, str], str] = {}

    def formatted(day: datetime.date, format_name: str = "DATE_FORMAT") -> str:
        if (day, format_name) not in dates:
            dates[day, format_name] = e(date_format(day, format_name))
        return dates[day, format_name]

    countries: dict[str, str] = {}
    items = {}
    for activity in activities:
        url = e(f"{activity_base}{activity.pk}/")
        kind = kinds.get(activity.kind) or e(activity.kind)
        status_label = statuses.get(activity.status) or e(activity.status)
        if activity.planned_on:
            when = formatted(activity.planned_on)
            if activity.planned_until and activity.planned_until != activity.planned_on:
                when += " – " + formatted(activity.planned_until)
        elif activity.planned_month:
            when = formatted(activity.planned_month, "YEAR_MONTH_FORMAT")
        else:
            when = e(str(_throughout))
        code = activity.country.code or ""
        if code and code not in countries:
            countries[code] = str(activity.country.name)
        place = ", ".join(part for part in (activity.city, countries.get(code, "")) if part)
        facts = []
        responsible = links.responsible_of.get(activity.pk)
        if responsible:
            names = ", ".join(
                f'<a href="{e(organization_base + slug)}/">{e(name)}</a>'
                for slug, name in responsible
            )
            facts.append((labels["responsible"], names))
        numbers = [str(positions[axis_id]) for axis_id in links.axes_of.get(activity.pk, [])]
        if numbers:
            facts.append((labels["axis" if len(numbers) == 1 else "axes"], ", ".join(numbers)))
        if activity.status_on or activity.status_note:
            status = status_label
            if activity.status_on:
                status += ", " + formatted(activity.status_on)
            if activity.status_note:
                status += f' — <span class="status-note">{e(activity.status_note)}</span>'
            facts.append((labels["status"], status))
        event = activity.event
        if event is not None and (event.is_public or can_change):
            title = translated(event, "title")
            link = f'<a href="{e(event.get_absolute_url())}" lang="{e(title.language)}">{e(title.text)}</a>'
            if not event.is_public:
                link += f' <span class="meta">({e(event.get_status_display())})</span>'
            facts.append((labels["event"], link))
        outputs = []
        if activity.practice_count:
            n = activity.practice_count
            outputs.append(ngettext("%(n)s practice", "%(n)s practices", n) % {"n": n})
        if activity.resource_count:
            n = activity.resource_count
            outputs.append(ngettext("%(n)s document", "%(n)s documents", n) % {"n": n})
        if outputs:
            facts.append((labels["outputs"], e(", ".join(outputs))))
        lines = [
            f'<li><span class="fact-label">{label}</span> {value}</li>' for label, value in facts
        ]
        if can_change and activity.pending_proposals:
            n = activity.pending_proposals
            pending = ngettext(
                "%(n)s proposed update awaiting your decision",
                "%(n)s proposed updates awaiting your decision", n,
            ) % {"n": n}  # fmt: skip
            lines.append(f'<li><a class="pending" href="{url}">{e(pending)}</a></li>')
        title = translated(activity, "title")
        heading = (
            f'<a href="{url}" lang="{e(title.language)}">{e(title.text)}</a>'
            if title.text
            else f'<a href="{url}">{kind}</a>'
        )
        meta = " · ".join(part for part in (kind, when, e(place)) if part)
        card = (
            '<li class="practice-card timeline-activity">\n'
            f'  <h4>{heading} <span class="status-tag status-{e(activity.status)}">{status_label}</span></h4>\n'
            f'  <p class="meta">{meta}</p>\n'
            + (f'  <ul class="activity-facts">{"".join(lines)}</ul>\n' if lines else "")
            + "</li>"
        )
        items[activity.pk] = mark_safe(card)  # noqa: S308 (every value above is escaped)
    return items


def _visible_presenter(request: HttpRequest, plan: WorkPlan) -> Person | None:
    """The person who presented the plan, if their record may be shown to this visitor."""
    if plan.presented_by_person_id is None:
        return None
    queryset = Person.objects.filter(pk=plan.presented_by_person_id)
    visible = visible_people(user=request.user, queryset=queryset).exists()
    return plan.presented_by_person if visible else None


@require_GET
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = queries.plan_or_404(request, slug)
    activities = list(queries.timeline_activities(plan))
    axes = list(plan.axes.all())
    document = plan.source_document
    can_change = request.user.has_perm("workplans.change_plan", plan)
    links = queries.timeline_links(plan)
    items = timeline_items(plan, activities, links, axes=axes, can_change=can_change)
    groups = timeline(plan, activities)
    for group in groups:
        group.items = [items[activity.pk] for activity in group.activities]
    context = {
        "plan": plan,
        "text": {name: translated(plan, name) for name in PLAN_TEXT_FIELDS},
        "objectives": list(plan.objectives.all()),
        "axes": axes,
        "progress": progress_of(activities),
        "axes_progress": progress_by_axis(axes, activities, links.axes_of),
        "cancelled": [a for a in activities if a.status == Activity.Status.CANCELLED],
        "timeline": groups,
        "throughout": [items[a.pk] for a in activities if a.planned_month is None],
        "activity_count": len(activities),
        "presenter": _visible_presenter(request, plan),
        "source_document": document if document is not None and document.is_public else None,
        "can_change": can_change,
        "can_propose": request.user.has_perm("workplans.propose_update", plan),
    }
    return render(request, "workplans/plan.html", context)


@dataclass
class CalendarMonth:
    month: datetime.date | None  # None: activities that run through their plan's period
    activities: list[Activity]


@require_GET
def activity_calendar(request: HttpRequest) -> HttpResponse:
    network = _text_filter(request, "network")
    this_year = timezone.localdate().year
    year = _year_filter(request) or this_year
    activities = list(queries.calendar_activities(year=year, network_slug=network))
    months = [
        CalendarMonth(month=month, activities=list(grouped))
        for month, grouped in itertools.groupby(activities, key=lambda a: a.planned_month)
    ]
    years = queries.calendar_years(network_slug=network)
    context = {
        "year": year,
        "network": network,
        "months": months,
        "activity_count": len(activities),
        "years": years,
        "year_options": sorted(set(years) | {year, this_year}, reverse=True),
        "networks": list(
            Network.objects.filter(pk__in=queries.public_plans().values("body__network_id"))
        ),
    }
    return render(request, "workplans/calendar.html", context)
