"""The work plans' editing pages and actions: the plan, its objectives and axes, its
activities, and the follow-up of an activity (status updates, proposals from the
sub-coordinating cities, the event made from it).

Anonymous visitors are sent to sign in; a plan they may not see is a 404; seeing it without
the right to act on it is a 403 (queries.plan_or_404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from intercambio.common.i18n import current_language, translated
from intercambio.network.models import Organization
from intercambio.workplans import domain
from intercambio.workplans.forms import (
    ActivityForm,
    AxisFormSet,
    ObjectiveFormSet,
    PlanForm,
    ProposalForm,
    StatusForm,
    bodies_for,
    save_structure,
)
from intercambio.workplans.models import Activity, StatusProposal, WorkPlan
from intercambio.workplans.queries import plan_or_404
from intercambio.workplans.rules import sub_coordinating_organizations

CHANGE, PROPOSE = "workplans.change_plan", "workplans.propose_update"
STATUS_PREFIX, PROPOSAL_PREFIX = "status", "proposal"


# --- the plan --------------------------------------------------------------------------------


def _plan_form_page(
    request: HttpRequest, *, form: PlanForm, plan: WorkPlan | None, title: str
) -> HttpResponse:
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = form.save_by(request.user)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("The work plan was created.")
                    if plan is None
                    else _("Your changes were saved."),
                )
                return redirect(saved)
        status = 400
    else:
        status = 200
    context = {"form": form, "plan": plan, "title": title, "language": form.language}
    return render(request, "workplans/edit/plan.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def new_plan(request: HttpRequest) -> HttpResponse:
    if not bodies_for(request.user).exists():
        raise PermissionDenied
    form = PlanForm(
        request.POST or None, user=request.user, language=current_language(), instance=WorkPlan()
    )
    return _plan_form_page(request, form=form, plan=None, title=_("New work plan"))


@login_required
@require_http_methods(["GET", "POST"])
def edit_plan(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug, permission=CHANGE)
    form = PlanForm(
        request.POST or None, user=request.user, language=current_language(), instance=plan
    )
    return _plan_form_page(request, form=form, plan=plan, title=_("Edit the work plan"))


@login_required
@require_http_methods(["GET", "POST"])
def edit_structure(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug, permission=CHANGE)
    language = current_language()
    data = request.POST or None
    objectives = ObjectiveFormSet(data, plan=plan, language=language, prefix="objectives")
    axes = AxisFormSet(data, plan=plan, language=language, prefix="axes")
    status = 200
    if request.method == "POST":
        if objectives.is_valid() and axes.is_valid():
            save_structure(objectives=objectives, axes=axes, user=request.user)
            messages.success(request, _("The objectives and axes were saved."))
            return redirect(plan)
        status = 400
    context = {"plan": plan, "objectives": objectives, "axes": axes, "language": language}
    return render(request, "workplans/edit/structure.html", context, status=status)


# --- activities ------------------------------------------------------------------------------


def _activity(plan: WorkPlan, pk: int) -> Activity:
    return get_object_or_404(
        plan.activities.select_related("event").prefetch_related(
            Prefetch("responsible", queryset=Organization.objects.order_by("name")),
            "axes",
            "objectives",
            "practices",
            "resources",
        ),
        pk=pk,
    )


def _activity_form_page(
    request: HttpRequest, *, plan: WorkPlan, activity: Activity
) -> HttpResponse:
    creating = activity.pk is None
    form = ActivityForm(
        request.POST or None, plan=plan, language=current_language(), instance=activity
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                saved = form.save_by(request.user)
            except ValidationError as error:
                form.add_model_errors(error)
            else:
                messages.success(
                    request,
                    _("The activity was added.") if creating else _("Your changes were saved."),
                )
                return redirect(saved)
        status = 400
    context = {"plan": plan, "activity": activity, "form": form, "creating": creating}
    return render(request, "workplans/edit/activity.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def new_activity(request: HttpRequest, slug: str) -> HttpResponse:
    plan = plan_or_404(request, slug, permission=CHANGE)
    return _activity_form_page(request, plan=plan, activity=Activity(plan=plan))


@login_required
@require_http_methods(["GET", "POST"])
def edit_activity(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, permission=CHANGE)
    return _activity_form_page(request, plan=plan, activity=_activity(plan, pk))


# --- the activity page -----------------------------------------------------------------------


def _my_cities(request: HttpRequest, plan: WorkPlan):
    """The sub-coordinating cities of the plan the person edits (for their proposals)."""
    return sub_coordinating_organizations(plan).filter(editors=request.user).order_by("name")


def _activity_page(
    request: HttpRequest,
    *,
    plan: WorkPlan,
    activity: Activity,
    status: int = 200,
    status_form: StatusForm | None = None,
    proposal_form: ProposalForm | None = None,
    error: str = "",
) -> HttpResponse:
    can_change = request.user.has_perm(CHANGE, plan)
    can_propose = not can_change and request.user.has_perm(PROPOSE, plan)
    context = {
        "plan": plan,
        "activity": activity,
        "title": translated(activity, "title"),
        "plan_title": translated(plan, "title"),
        "can_change": can_change,
        "can_propose": can_propose,
        "error": error,
        "can_create_event": can_change
        and activity.event_id is None
        and activity.kind in domain.EVENT_KINDS,
    }
    if can_change:
        context["status_form"] = status_form or StatusForm(
            prefix=STATUS_PREFIX,
            initial={
                "status": activity.status,
                "status_on": activity.status_on,
                "note": activity.status_note,
            },
        )
    if can_change or can_propose:
        proposals = list(
            activity.proposals.select_related("organization").order_by("-created_at", "-id")
        )
        context["proposals"] = proposals
        context["pending"] = [p for p in proposals if p.state == StatusProposal.State.PENDING]
    if can_propose:
        cities = list(_my_cities(request, plan))
        context["my_cities"] = cities
        context["my_proposals"] = [
            p for p in context["proposals"] if p.organization_id in {c.pk for c in cities}
        ]
        context["proposal_form"] = proposal_form or ProposalForm(
            prefix=PROPOSAL_PREFIX,
            organizations=_my_cities(request, plan),
            initial={"status": activity.status},
        )
    return render(request, "workplans/activity.html", context, status=status)


@require_http_methods(["GET", "HEAD"])
def activity_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug)
    return _activity_page(request, plan=plan, activity=_activity(plan, pk))


@require_POST
@login_required
def update_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, permission=CHANGE)
    activity = _activity(plan, pk)
    form = StatusForm(request.POST, prefix=STATUS_PREFIX)
    if not form.is_valid():
        return _activity_page(request, plan=plan, activity=activity, status=400, status_form=form)
    form.save_by(request.user, activity=activity)
    messages.success(
        request, _("The status is now: %(status)s.") % {"status": activity.get_status_display()}
    )
    return redirect(activity)


@require_POST
@login_required
def propose_update(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, permission=PROPOSE)
    activity = _activity(plan, pk)
    form = ProposalForm(
        request.POST, prefix=PROPOSAL_PREFIX, organizations=_my_cities(request, plan)
    )
    if not form.is_valid():
        return _activity_page(request, plan=plan, activity=activity, status=400, proposal_form=form)
    try:
        form.save_by(request.user, activity=activity)
    except domain.ProposalError as error:
        return _activity_page(
            request, plan=plan, activity=activity, status=409, error=str(error.message)
        )
    messages.success(
        request, _("Your proposal was sent. A coordinator of the plan will accept or decline it.")
    )
    return redirect(activity)


@require_POST
@login_required
def create_event(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    plan = plan_or_404(request, slug, permission=CHANGE)
    activity = _activity(plan, pk)
    if activity.event_id is None and activity.kind not in domain.EVENT_KINDS:
        return _activity_page(
            request, plan=plan, activity=activity, status=409,
            error=_("No event is made for an activity of this type (%(type)s).")
            % {"type": activity.get_kind_display()},
        )  # fmt: skip
    try:
        event, created = domain.create_event_for(activity=activity, by=request.user)
    except ValidationError as error:
        return _activity_page(
            request, plan=plan, activity=activity, status=409,
            error=_("The event could not be made from this activity: %(reasons)s")
            % {"reasons": " ".join(error.messages)},
        )  # fmt: skip
    if created:
        messages.success(
            request,
            _("The event was created as a draft: complete its details and publish it."),
        )
    else:
        messages.info(request, _("This activity already has an event."))
    if request.user.has_perm("events.view_event", event):
        return redirect(reverse("events:detail", kwargs={"slug": event.slug}))
    return redirect(activity)


def _decide(request: HttpRequest, slug: str, pk: int, *, accept: bool) -> HttpResponse:
    plan = plan_or_404(request, slug, permission=CHANGE)
    proposal = get_object_or_404(StatusProposal, pk=pk, activity__plan=plan)
    decide = domain.accept_proposal if accept else domain.decline_proposal
    try:
        decide(proposal=proposal, by=request.user)
    except domain.ProposalError as error:
        return _activity_page(
            request, plan=plan, activity=_activity(plan, proposal.activity_id), status=409,
            error=str(error.message),
        )  # fmt: skip
    activity = _activity(plan, proposal.activity_id)
    if accept:
        message = _("The proposal of %(city)s was accepted: the status is now %(status)s.") % {
            "city": proposal.organization, "status": activity.get_status_display(),
        }  # fmt: skip
    else:
        message = _("The proposal of %(city)s was declined; the activity is unchanged.") % {
            "city": proposal.organization
        }
    messages.success(request, message)
    return redirect(activity)


@require_POST
@login_required
def accept(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, accept=True)


@require_POST
@login_required
def decline(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _decide(request, slug, pk, accept=False)
