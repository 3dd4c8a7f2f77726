from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_countries import countries

from intercambio.common.queries import recent_changes
from intercambio.network import domain, queries
from intercambio.network.forms import (
    BodyForm,
    BodyRoleForm,
    EditorForm,
    MembershipEditForm,
    MembershipForm,
    NetworkForm,
    OrganizationForm,
    PersonForm,
)
from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person

PAGE_SIZE = 50


def require_permission(request: HttpRequest, permission: str, obj=None) -> None:
    """Anonymous visitors are sent to sign in; signed-in people without the right get a 403."""
    if not request.user.has_perm(permission, obj):
        if not request.user.is_authenticated:
            raise _LoginRequired
        raise PermissionDenied


class _LoginRequired(Exception):
    pass


def permission_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except _LoginRequired:
            return redirect_to_login(request.get_full_path())

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped


def _filters(request: HttpRequest) -> dict[str, str]:
    country = request.GET.get("country", "")
    kind = request.GET.get("kind", "")
    return {
        "country": country if country in dict(countries) else "",
        "kind": kind if kind in Organization.Kind.values else "",
        "text": request.GET.get("q", "").strip()[:100],
    }


def _page(request: HttpRequest, queryset):
    # Bounded pagination: a hand-typed page number beyond the end shows the last page.
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def _filter_context(base_queryset, filters: dict[str, str]) -> dict:
    country_counts = queries.facet_counts(base_queryset, "country")
    kind_counts = queries.facet_counts(base_queryset, "kind")
    return {
        "filters": filters,
        "country_options": sorted(
            ((code, countries.name(code), n) for code, n in country_counts.items()),
            key=lambda option: option[1],
        ),
        "kind_options": [
            (value, label, kind_counts[value])
            for value, label in Organization.Kind.choices
            if value in kind_counts
        ],
    }


@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    filters = _filters(request)
    network_slug = request.GET.get("network", "")
    networks = list(queries.networks_with_bodies())
    network = next((n for n in networks if n.slug == network_slug), None)
    page = _page(request, queries.organizations(network=network, **filters))
    context = {
        "networks": networks,
        "selected_network": network,
        "page": page,
        **_filter_context(queries.organizations(network=network), filters),
    }
    return render(request, "network/directory.html", context)


@require_GET
def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    filters = _filters(request)
    members = queries.organizations(network=network, **filters)
    can_manage = request.user.has_perm("network.manage_network", network)
    context = {
        "network": network,
        "bodies": list(network.bodies.all()),
        "page": _page(request, members),
        "can_manage": can_manage,
        "history": recent_changes(
            record=network, related=(network.memberships.all(), network.bodies.all())
        )
        if can_manage
        else [],
        **_filter_context(queries.organizations(network=network), filters),
    }
    return render(request, "network/network_detail.html", context)


@require_GET
def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    can_edit = request.user.has_perm("network.change_organization", organization)
    context = {
        "organization": organization,
        "memberships": organization.memberships.select_related("network"),
        "body_roles": organization.body_roles.select_related("body__network").order_by(
            "-term_start"
        ),
        "people": queries.visible_people(user=request.user, queryset=organization.people.all()),
        "can_edit": can_edit,
        "editors": organization.editors.all() if can_edit else [],
        "editor_form": EditorForm() if can_edit else None,
        "history": recent_changes(record=organization, related=(organization.people.all(),))
        if can_edit
        else [],
    }
    return render(request, "network/organization_detail.html", context)


@require_GET
def body_detail(request: HttpRequest, network_slug: str, slug: str) -> HttpResponse:
    # Imported here: the work plans app builds on the network app, not the other way round.
    from django.utils import timezone

    from intercambio.workplans.queries import annotated_progress, current_plan_of

    body = get_object_or_404(
        Body.objects.select_related("network"), network__slug=network_slug, slug=slug
    )
    current, earlier = queries.split_terms(queries.body_terms(body=body))
    can_manage = request.user.has_perm("network.change_body", body)
    context = {
        "body": body,
        "current_term": current,
        "earlier_terms": earlier,
        "contacts": queries.visible_people(
            user=request.user, queryset=body.contacts.select_related("organization")
        ),
        "can_manage": can_manage,
        "history": recent_changes(record=body, related=(body.roles.all(),)) if can_manage else [],
    }
    today = timezone.localdate()
    work_plan = current_plan_of(body, today)
    if work_plan is not None:
        work_plan.progress = annotated_progress(work_plan)
        work_plan.is_current = work_plan.contains(today)
    context["work_plan"] = work_plan
    return render(request, "network/body_detail.html", context)


def _edit(
    request: HttpRequest,
    *,
    form: "OrganizationForm | NetworkForm | BodyForm | BodyRoleForm | MembershipForm | PersonForm",
    title: str,
    cancel_url: str,
    success_message: str,
    next_url: Callable[[object], str],
) -> HttpResponse:
    """Show the form; on a valid POST save it through the audited domain write."""
    if request.method == "POST":
        if form.is_valid():
            record = form.save_by(request.user)
            messages.success(request, success_message)
            return redirect(next_url(record))
        status = 400
    else:
        status = 200
    context = {"form": form, "title": title, "cancel_url": cancel_url}
    return render(request, "network/edit.html", context, status=status)


@permission_view
@require_http_methods(["GET", "POST"])
def organization_create(request: HttpRequest) -> HttpResponse:
    require_permission(request, "network.create_organization")
    form = OrganizationForm(request.POST or None, request.FILES or None)
    return _edit(
        request,
        form=form,
        title=_("New organization"),
        cancel_url="/",
        success_message=_("The organization was created."),
        next_url=lambda record: record.get_absolute_url(),
    )


@permission_view
@require_http_methods(["GET", "POST"])
def organization_edit(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    require_permission(request, "network.change_organization", organization)
    form = OrganizationForm(request.POST or None, request.FILES or None, instance=organization)
    return _edit(
        request,
        form=form,
        title=_("Edit %(name)s") % {"name": organization.name},
        cancel_url=organization.get_absolute_url(),
        success_message=_("Your changes were saved."),
        next_url=lambda record: record.get_absolute_url(),
    )


@permission_view
@require_POST
def organization_editor_add(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    require_permission(request, "network.change_organization", organization)
    form = EditorForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid e-mail address."))
        return redirect(organization)
    if domain.grant_editor(
        organization=organization, email=form.cleaned_data["email"], by=request.user
    ):
        messages.success(request, _("The account can now edit this organization."))
    else:
        messages.error(
            request, _("No account uses this e-mail address. Ask the person to sign up first.")
        )
    return redirect(organization)


@permission_view
@require_POST
def organization_editor_remove(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    require_permission(request, "network.change_organization", organization)
    editor = get_object_or_404(organization.editors, pk=user_id)
    domain.revoke_editor(organization=organization, user=editor, by=request.user)
    messages.success(request, _("The account can no longer edit this organization."))
    return redirect(organization)


@permission_view
@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    require_permission(request, "network.change_network", network)
    return _edit(
        request,
        form=NetworkForm(request.POST or None, instance=network),
        title=_("Edit %(name)s") % {"name": network.name},
        cancel_url=network.get_absolute_url(),
        success_message=_("Your changes were saved."),
        next_url=lambda record: record.get_absolute_url(),
    )


@permission_view
@require_http_methods(["GET", "POST"])
def membership_add(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    require_permission(request, "network.manage_network", network)
    return _edit(
        request,
        form=MembershipForm(request.POST or None, network=network),
        title=_("Add a member to %(name)s") % {"name": network.name},
        cancel_url=network.get_absolute_url(),
        success_message=_("The membership was recorded."),
        next_url=lambda record: network.get_absolute_url(),
    )


@permission_view
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("network", "organization"), network__slug=slug, pk=pk
    )
    require_permission(request, "network.change_membership", membership)
    network = membership.network
    return _edit(
        request,
        form=MembershipEditForm(request.POST or None, instance=membership, network=network),
        title=_("Membership of %(organization)s in %(network)s")
        % {"organization": membership.organization.name, "network": network},
        cancel_url=network.get_absolute_url(),
        success_message=_("Your changes were saved."),
        next_url=lambda record: network.get_absolute_url(),
    )


@permission_view
@require_POST
def membership_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    membership = get_object_or_404(
        Membership.objects.select_related("network", "organization"), network__slug=slug, pk=pk
    )
    require_permission(request, "network.delete_membership", membership)
    domain.remove_membership(membership=membership, by=request.user)
    messages.success(
        request,
        _("The membership of %(name)s was removed.") % {"name": membership.organization.name},
    )
    return redirect(membership.network)


@permission_view
@require_http_methods(["GET", "POST"])
def body_create(request: HttpRequest, slug: str) -> HttpResponse:
    network = get_object_or_404(Network, slug=slug)
    require_permission(request, "network.manage_network", network)
    return _edit(
        request,
        form=BodyForm(request.POST or None, network=network),
        title=_("New body in %(name)s") % {"name": network.name},
        cancel_url=network.get_absolute_url(),
        success_message=_("The body was created."),
        next_url=lambda record: record.get_absolute_url(),
    )


@permission_view
@require_http_methods(["GET", "POST"])
def body_edit(request: HttpRequest, network_slug: str, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, network__slug=network_slug, slug=slug)
    require_permission(request, "network.change_body", body)
    return _edit(
        request,
        form=BodyForm(request.POST or None, instance=body, network=body.network),
        title=_("Edit %(name)s") % {"name": body},
        cancel_url=body.get_absolute_url(),
        success_message=_("Your changes were saved."),
        next_url=lambda record: record.get_absolute_url(),
    )


@permission_view
@require_http_methods(["GET", "POST"])
def body_role_add(request: HttpRequest, network_slug: str, slug: str) -> HttpResponse:
    body = get_object_or_404(Body, network__slug=network_slug, slug=slug)
    require_permission(request, "network.change_body", body)
    return _edit(
        request,
        form=BodyRoleForm(request.POST or None, body=body),
        title=_("Add a role in %(name)s") % {"name": body},
        cancel_url=body.get_absolute_url(),
        success_message=_("The role was recorded."),
        next_url=lambda record: body.get_absolute_url(),
    )


@permission_view
@require_http_methods(["GET", "POST"])
def body_role_edit(request: HttpRequest, network_slug: str, slug: str, pk: int) -> HttpResponse:
    role = get_object_or_404(
        BodyRole.objects.select_related("body__network"),
        body__network__slug=network_slug, body__slug=slug, pk=pk,
    )  # fmt: skip
    require_permission(request, "network.change_body", role.body)
    return _edit(
        request,
        form=BodyRoleForm(request.POST or None, instance=role, body=role.body),
        title=_("Edit a role in %(name)s") % {"name": role.body},
        cancel_url=role.body.get_absolute_url(),
        success_message=_("Your changes were saved."),
        next_url=lambda record: role.body.get_absolute_url(),
    )


@permission_view
@require_POST
def body_role_remove(request: HttpRequest, network_slug: str, slug: str, pk: int) -> HttpResponse:
    role = get_object_or_404(
        BodyRole.objects.select_related("body__network", "organization"),
        body__network__slug=network_slug, body__slug=slug, pk=pk,
    )  # fmt: skip
    require_permission(request, "network.delete_bodyrole", role)
    domain.remove_body_role(role=role, by=request.user)
    messages.success(
        request, _("The role of %(name)s was removed.") % {"name": role.organization.name}
    )
    return redirect(role.body)


@permission_view
@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, slug: str) -> HttpResponse:
    organization = get_object_or_404(Organization, slug=slug)
    require_permission(request, "network.change_organization", organization)
    return _edit(
        request,
        form=PersonForm(request.POST or None, organization=organization),
        title=_("Add a contact at %(name)s") % {"name": organization.name},
        cancel_url=organization.get_absolute_url(),
        success_message=_("The contact was added."),
        next_url=lambda record: organization.get_absolute_url(),
    )


@permission_view
@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk)
    require_permission(request, "network.change_person", person)
    return _edit(
        request,
        form=PersonForm(request.POST or None, instance=person, organization=person.organization),
        title=_("Edit %(name)s") % {"name": person.name},
        cancel_url=person.organization.get_absolute_url(),
        success_message=_("Your changes were saved."),
        next_url=lambda record: person.organization.get_absolute_url(),
    )


@permission_view
@require_POST
def person_remove(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("organization"), pk=pk)
    require_permission(request, "network.delete_person", person)
    domain.remove_contact(person=person, by=request.user)
    messages.success(request, _("%(name)s was removed from the contacts.") % {"name": person.name})
    return redirect(person.organization)
