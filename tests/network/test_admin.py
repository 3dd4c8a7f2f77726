"""Changes made in the Django admin are audited like changes made on the pages."""

import datetime

import pytest

from intercambio.common.models import AuditEntry
from intercambio.network.models import BodyRole, Membership, Network, Organization, Person
from tests import factories


@pytest.fixture
def staff_client(admin_client):
    """pytest-django's signed-in superuser, on the admin's English pages."""
    return admin_client


def form_data(response) -> dict:
    """What the admin form would send back unchanged: the main form and every inline."""
    forms = [response.context["adminform"].form]
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        data |= {
            management.add_prefix(name): management[name].value() for name in management.fields
        }
        forms.extend(inline.formset.forms)
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = [str(item) for item in value]
            else:
                value = str(value)
            data[form.add_prefix(name)] = value
    return data


def entries(action: str, model) -> list[AuditEntry]:
    """The entries of one action about records of `model`, oldest first."""
    return [
        entry
        for entry in AuditEntry.objects.filter(action=action).order_by("id")
        if entry.content_type.model_class() is model
    ]


def test_admin_change_is_audited(staff_client, admin_user, organization):
    url = f"/en/admin/network/organization/{organization.pk}/change/"
    data = form_data(staff_client.get(url)) | {
        "name": "Prefeitura de Canoas",
        "population": "347657",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target) == (admin_user, "changed", organization)
    assert entry.changes["name"] == ["Canoas", "Prefeitura de Canoas"]
    assert entry.changes["population"] == [None, 347657]


def test_admin_unchanged_save_writes_no_entry(staff_client, organization):
    url = f"/en/admin/network/organization/{organization.pk}/change/"
    assert staff_client.post(url, form_data(staff_client.get(url))).status_code == 302
    assert not AuditEntry.objects.exists()


def test_admin_grant_of_editor_rights_is_audited(
    staff_client, admin_user, alice, bob, organization
):
    url = f"/en/admin/network/organization/{organization.pk}/change/"
    data = form_data(staff_client.get(url)) | {"editors": [str(alice.pk), str(bob.pk)]}
    assert staff_client.post(url, data).status_code == 302
    assert organization.editors.filter(pk=bob.pk).exists()
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action) == (admin_user, "changed")
    assert entry.changes == {"editors": [[alice.email], sorted([alice.email, bob.email])]}


def test_admin_creation_is_audited(staff_client, admin_user, organization):
    response = staff_client.post(
        "/en/admin/network/person/add/",
        {"name": "Deise Martins", "organization": organization.pk, "visibility": "public"},
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action, entry.target) == (
        admin_user,
        "created",
        Person.objects.get(),
    )


def test_admin_inline_changes_are_audited(staff_client, admin_user, network, organization):
    rosario = factories.OrganizationFactory(slug="rosario", name="Rosario")
    leaving = factories.MembershipFactory(organization=rosario, network=network)
    montevideo = factories.OrganizationFactory(slug="montevideo", name="Montevideo")
    url = f"/en/admin/network/network/{network.pk}/change/"
    data = form_data(staff_client.get(url))
    forms = {data[f"memberships-{n}-id"]: n for n in range(2)}
    canoas_form = forms[str(organization.memberships.get().pk)]
    data |= {
        f"memberships-{canoas_form}-until": "2020-12-31",
        f"memberships-{forms[str(leaving.pk)]}-DELETE": "on",
        "memberships-TOTAL_FORMS": "3",
        "memberships-2-organization": str(montevideo.pk),
        "memberships-2-role": "member",
        "memberships-2-network": str(network.pk),
    }
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert organization.memberships.get().until == datetime.date(2020, 12, 31)
    assert not Membership.objects.filter(pk=leaving.pk).exists()
    assert Membership.objects.filter(organization=montevideo).exists()

    changed = entries("changed", Membership)
    assert [entry.changes for entry in changed] == [{"until": [None, "2020-12-31"]}]
    deleted = entries("deleted", Membership)
    assert [entry.object_id for entry in deleted] == [str(leaving.pk)]
    assert deleted[0].changes["organization"] == ["Rosario", None]
    assert len(entries("created", Membership)) == 1
    # The network's history keeps the removal of the membership.
    assert entries("changed", Network)[0].changes == {
        "memberships": [str(deleted[0].object_repr), None]
    }
    assert {entry.actor for entry in AuditEntry.objects.all()} == {admin_user}


def test_admin_body_role_inline_deletion_is_audited(staff_client, network, organization):
    body = factories.BodyFactory(network=network, slug="utpeam")
    role = factories.BodyRoleFactory(body=body, organization=organization)
    url = f"/en/admin/network/body/{body.pk}/change/"
    data = form_data(staff_client.get(url)) | {"roles-0-DELETE": "on"}
    assert staff_client.post(url, data).status_code == 302
    assert not BodyRole.objects.exists()
    assert [entry.object_id for entry in entries("deleted", BodyRole)] == [str(role.pk)]


def test_admin_deletion_is_audited(staff_client, admin_user, organization):
    person = factories.PersonFactory(organization=organization, name="Deise Martins")
    response = staff_client.post(f"/en/admin/network/person/{person.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Person.objects.exists()
    deleted = AuditEntry.objects.get(action="deleted")
    assert (deleted.actor, deleted.object_id, deleted.object_repr) == (
        admin_user,
        str(person.pk),
        "Deise Martins",
    )
    assert "email" not in deleted.changes
    on_organization = AuditEntry.objects.get(action="changed")
    assert on_organization.target == organization
    assert on_organization.changes == {"people": ["Deise Martins", None]}


def test_admin_bulk_deletion_is_audited(staff_client, admin_user, network):
    cities = [factories.OrganizationFactory(slug=f"city-{n}") for n in range(3)]
    response = staff_client.post(
        "/en/admin/network/organization/",
        {"action": "delete_selected", "_selected_action": [c.pk for c in cities], "post": "yes"},
    )
    assert response.status_code == 302
    assert not Organization.objects.filter(pk__in=[c.pk for c in cities]).exists()
    deleted = AuditEntry.objects.filter(action="deleted")
    assert sorted(deleted.values_list("object_id", flat=True)) == sorted(str(c.pk) for c in cities)
    assert {entry.actor for entry in deleted} == {admin_user}
