"""Reads shared by the work plans' pages."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest

from intercambio.common.i18n import field_suffix
from intercambio.common.workflow import ReviewStatus
from intercambio.network.models import Body, BodyRole, Network, Organization
from intercambio.workplans.domain import Progress
from intercambio.workplans.models import Activity, StatusProposal, WorkPlan
from intercambio.workplans.rules import COORDINATING_ROLES


def plan_or_404(request: HttpRequest, slug: str, *, permission: str = "workplans.view_plan"):
    """The plan at `slug` if the person may see it (404 for a draft they may not see, so
    its existence is not revealed), and 403 when they may see it but lack `permission`."""
    plan = (
        WorkPlan.objects.select_related(
            "body__network",
            "presented_by_organization",
            "presented_by_person",
            "source_document",
        )  # fmt: skip
        .filter(slug=slug)
        .first()
    )
    if plan is None or not request.user.has_perm("workplans.view_plan", plan):
        raise Http404
    if permission != "workplans.view_plan" and not request.user.has_perm(permission, plan):
        raise PermissionDenied
    return plan


def plan_activities(plan: WorkPlan) -> QuerySet[Activity]:
    """The plan's activities in timeline order, with everything the plan page and the
    report show, in a fixed number of queries whatever their number."""
    return plan.activities.select_related("event").prefetch_related(
        Prefetch(
            "responsible", queryset=Organization.objects.only("pk", "slug", "name", "short_name")
        ),
        "axes",
        "objectives",
    )


# --- the list, the plan page, the calendar and the body page ----------------------------------

PUBLIC_STATUSES = (WorkPlan.Status.APPROVED, WorkPlan.Status.CLOSED)


def public_plans() -> QuerySet[WorkPlan]:
    return WorkPlan.objects.filter(status__in=PUBLIC_STATUSES)


def overlapping_year(queryset: QuerySet[WorkPlan], year: int) -> QuerySet[WorkPlan]:
    """Plans whose period has at least one day in `year` (a 2017–2018 term is in 2018)."""
    return queryset.filter(
        starts_on__lte=datetime.date(year, 12, 31), ends_on__gte=datetime.date(year, 1, 1)
    )


def count_of(model, key: str, condition: Q):
    """A correlated COUNT of the `model` rows whose `key` is the outer row, matching
    `condition`, as an integer annotation: a subquery, not a join, so that several counts on
    one queryset never multiply each other, and one query serves every row."""
    rows = (
        model.objects.filter(condition, **{key: OuterRef("pk")})
        .order_by()
        .values(key)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)


def with_progress(queryset: QuerySet[WorkPlan]) -> QuerySet[WorkPlan]:
    """The counts of domain.Progress, in the same query as the plans (see annotated_progress)."""
    cancelled = Q(status=Activity.Status.CANCELLED)
    return queryset.annotate(
        activities_done=count_of(Activity, "plan", Q(status=Activity.Status.DONE)),
        activities_counted=count_of(Activity, "plan", ~cancelled),
        activities_cancelled=count_of(Activity, "plan", cancelled),
    )


def annotated_progress(plan: WorkPlan) -> Progress:
    """The Progress of a plan read through with_progress()."""
    return Progress(
        done=plan.activities_done,
        counted=plan.activities_counted,
        cancelled=plan.activities_cancelled,
    )


def plan_list_rows(queryset: QuerySet[WorkPlan]) -> QuerySet[WorkPlan]:
    return with_progress(
        queryset.select_related("body__network").order_by("-starts_on", "body__name", "slug")
    )


def plan_filter_options(queryset: QuerySet[WorkPlan]) -> dict:
    """The networks, bodies and years the public plans offer as filters (three queries)."""
    bodies = list(
        Body.objects.filter(pk__in=queryset.values("body_id"))
        .select_related("network")
        .order_by("network__name", "name")
    )
    networks = list(Network.objects.filter(pk__in=queryset.values("body__network_id")))
    span = queryset.aggregate(first=Min("starts_on"), last=Max("ends_on"))
    years = list(range(span["last"].year, span["first"].year - 1, -1)) if span["first"] else []
    return {"networks": networks, "bodies": bodies, "years": years}


def timeline_activities(plan: WorkPlan) -> QuerySet[Activity]:
    """The plan's activities with their event and the counts the plan page shows on each:
    proposals awaiting a decision, published practices and library documents. Their axes
    and responsible cities come from timeline_links()."""
    published = ReviewStatus.PUBLISHED
    # Only what the page shows: descriptions and the event's dozens of other columns would
    # be read and converted for every row, a fifth of the page's time with 200 activities.
    titles = [f"title_{field_suffix(code)}" for code, _ in settings.LANGUAGES]
    shown = (
        ["plan", "kind", "status", "status_on", "status_note", "city", "country"]
        + ["planned_month", "planned_on", "planned_until", "original_language", *titles]
        + ["event__slug", "event__status", "event__original_language"]
        + [f"event__{title}" for title in titles]
    )
    return (
        plan.activities.select_related("event")
        .only(*shown)
        .annotate(
            pending_proposals=count_of(
                StatusProposal, "activity", Q(state=StatusProposal.State.PENDING)
            ),
            practice_count=count_of(
                Activity.practices.through, "activity", Q(practice__status=published)
            ),
            resource_count=count_of(
                Activity.resources.through, "activity", Q(resource__status=published)
            ),
        )
    )


@dataclass
class TimelineLinks:
    axes_of: dict[int, list[int]]  # activity pk → axis pks
    responsible_of: dict[int, list[tuple[str, str]]]  # activity pk → (slug, name) of cities


def timeline_links(plan: WorkPlan) -> TimelineLinks:
    """The activities' axes and responsible cities in two queries of plain rows: with 200
    activities, building model instances for them took longer than the page's SQL itself."""
    axes_of: dict[int, list[int]] = defaultdict(list)
    through = Activity.axes.through.objects.filter(activity__plan=plan)
    for activity_id, axis_id in through.order_by("axis__position", "axis_id").values_list(
        "activity_id", "axis_id"
    ):
        axes_of[activity_id].append(axis_id)
    responsible_of: dict[int, list[tuple[str, str]]] = defaultdict(list)
    rows = (
        Activity.responsible.through.objects.filter(activity__plan=plan)
        .order_by("organization__name")
        .values_list("activity_id", "organization__slug", "organization__name",
                     "organization__short_name")
    )  # fmt: skip
    for activity_id, slug, name, short_name in rows:
        responsible_of[activity_id].append((slug, short_name or name))
    return TimelineLinks(axes_of=axes_of, responsible_of=responsible_of)


def calendar_activities(*, year: int, network_slug: str = "") -> QuerySet[Activity]:
    """Activities of public plans planned in `year`, then those of the plans overlapping it
    that run through their period (no month), with their plan, body and network."""
    plans = overlapping_year(public_plans(), year)
    if network_slug:
        plans = plans.filter(body__network__slug=network_slug)
    return (
        Activity.objects.filter(plan__in=plans.values("pk"))
        .filter(
            Q(planned_month__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 1)))
            | Q(planned_month__isnull=True)
        )
        .select_related("plan__body__network")
    )


def calendar_years(*, network_slug: str = "") -> list[int]:
    """The years in which public plans have activities planned, newest first."""
    activities = Activity.objects.filter(plan__status__in=PUBLIC_STATUSES)
    if network_slug:
        activities = activities.filter(plan__body__network__slug=network_slug)
    return [day.year for day in activities.dates("planned_month", "year", order="DESC")]


def current_plan_of(body: Body, today: datetime.date) -> WorkPlan | None:
    """The body's public plan whose period contains today, else its most recent public one;
    with its progress counts, in one query."""
    contains_today = Case(
        When(starts_on__lte=today, ends_on__gte=today, then=Value(0)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return (
        with_progress(public_plans().filter(body=body))
        .annotate(is_current=contains_today)
        .order_by("is_current", "-starts_on", "slug")
        .first()
    )


def may_start_a_plan(user) -> bool:
    """Whether to offer "Start a work plan": staff, a network's secretariat, or an editor of
    a city holding a coordinating role in a body (rules.may_start_plan_for, for any body)."""
    if not user.is_authenticated:
        return False
    if user.is_staff:
        return True
    secretariat = Network.objects.filter(secretariat=user)
    coordinating = BodyRole.objects.filter(role__in=COORDINATING_ROLES, organization__editors=user)
    return secretariat.exists() or coordinating.exists()
