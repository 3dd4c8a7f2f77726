"""Who may edit what: owner (alice), member (bob), outsider (charlie), secretariat, staff."""

import pytest
from django.test import Client

from intercambio.network.models import Person
from tests import factories
from tests.conftest import login


@pytest.fixture
def body(network, organization):
    body = factories.BodyFactory(network=network, slug="utpeam", name_en="UTPEAM")
    factories.BodyRoleFactory(body=body, organization=organization)
    return body


def status(user, url: str) -> int:
    client = login(user) if user else Client()
    return client.get(url).status_code


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("alice", 200), ("secretariat", 200), ("staff", 200), ("bob", 403), ("charlie", 403)],
)
def test_organization_edit_by_persona(request, organization, persona, expected):
    user = request.getfixturevalue(persona)
    assert status(user, "/en/network/organizations/canoas/edit/") == expected


def test_organization_edit_sends_visitor_to_sign_in(organization):
    response = Client().get("/en/network/organizations/canoas/edit/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/?next=")


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("secretariat", 200), ("staff", 200), ("alice", 403), ("bob", 403), ("charlie", 403)],
)
def test_network_and_body_management_by_persona(request, body, persona, expected):
    user = request.getfixturevalue(persona)
    for url in [
        "/en/network/mercociudades/edit/",
        "/en/network/mercociudades/bodies/new/",
        "/en/network/mercociudades/members/new/",
        "/en/network/mercociudades/utpeam/edit/",
        "/en/network/mercociudades/utpeam/roles/new/",
    ]:
        assert status(user, url) == expected, url


def test_secretariat_of_another_network_cannot_edit_this_one(body):
    other = factories.UserFactory()
    factories.NetworkFactory(slug="uclg").secretariat.add(other)
    assert status(other, "/en/network/mercociudades/utpeam/edit/") == 403
    assert status(other, "/en/network/organizations/canoas/edit/") == 403


@pytest.mark.parametrize(
    ("persona", "sees"),
    [
        (None, {"public"}),
        ("bob", {"public", "members"}),
        ("charlie", {"public", "members"}),
        ("alice", {"public", "members", "private"}),
        ("secretariat", {"public", "members", "private"}),
        ("staff", {"public", "members", "private"}),
    ],
)
def test_contact_visibility_by_persona(request, organization, persona, sees):
    for visibility in Person.Visibility.values:
        factories.PersonFactory(
            organization=organization, name=f"Contact {visibility}", visibility=visibility
        )
    user = request.getfixturevalue(persona) if persona else None
    page = (login(user) if user else Client()).get("/en/network/organizations/canoas/")
    shown = {v for v in Person.Visibility.values if f"Contact {v}" in page.content.decode()}
    assert shown == sees


def test_only_editors_see_the_change_history(alice, bob, organization):
    client = login(alice)
    client.post(
        "/en/network/organizations/canoas/edit/",
        {"name": "Canoas", "slug": "canoas", "kind": "municipality", "original_language": "pt-br",
         "city": "Canoas", "country": "BR"},
    )  # fmt: skip
    assert "Change history" in client.get("/en/network/organizations/canoas/").content.decode()
    assert (
        "Change history" not in login(bob).get("/en/network/organizations/canoas/").content.decode()
    )


def test_editor_can_add_and_remove_an_editor(alice, bob, organization):
    client = login(alice)
    response = client.post("/en/network/organizations/canoas/editors/", {"email": bob.email})
    assert response.status_code == 302
    assert organization.editors.filter(pk=bob.pk).exists()
    client.post(f"/en/network/organizations/canoas/editors/{bob.pk}/remove/")
    assert not organization.editors.filter(pk=bob.pk).exists()


def test_member_cannot_grant_themselves_editor_rights(bob, organization):
    response = login(bob).post("/en/network/organizations/canoas/editors/", {"email": bob.email})
    assert response.status_code == 403
    assert not organization.editors.filter(pk=bob.pk).exists()


def test_unknown_editor_email_gets_a_message_not_an_error(alice, organization):
    client = login(alice)
    response = client.post(
        "/es/network/organizations/canoas/editors/", {"email": "nadie@example.org"}, follow=True
    )
    assert response.status_code == 200
    assert "nadie@example.org" not in response.content.decode()
    assert organization.editors.count() == 1
