"""Who may edit what: owner (alice), member (bob), outsider (charlie), secretariat, staff."""

import pytest
from django.test import Client
from django.urls import URLPattern

from intercambio.common.models import AuditEntry
from intercambio.network import urls as network_urls
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


# --- Every edit view × every persona ------------------------------------------------------
# Expected outcomes. A page (GET) the persona may use answers 200; an action (POST) the
# persona may take is done and redirects back to a page (DONE). Nobody else changes anything.
OK = 200
DONE = "302 back"
NO = 403
SIGN_IN = "302 to sign-in"

PERSONAS = ["alice", "bob", "charlie", "secretariat", "other_secretariat", "staff", None]
PERSONA_IDS = [
    "owner",
    "member",
    "outsider",
    "secretariat",
    "other-secretariat",
    "staff",
    "visitor",
]

# The paths use the records of the `records` fixture: {person}, {editor}, {membership}, {role}.
# fmt: off
EDIT_VIEWS = [
    # url name            method  path                                                  owner    member  outsider secretariat other-sec. staff  visitor
    ("organization_create", "get",  "/en/network/organizations/new/",                    NO,      NO,     NO,      OK,         OK,        OK,    SIGN_IN),
    ("organization_edit",   "get",  "/en/network/organizations/canoas/edit/",            OK,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("editor_add",          "post", "/en/network/organizations/canoas/editors/",         DONE,    NO,     NO,      DONE,       NO,        DONE,  SIGN_IN),
    ("editor_remove",       "post", "/en/network/organizations/canoas/editors/{editor}/remove/",
                                                                                         DONE,    NO,     NO,      DONE,       NO,        DONE,  SIGN_IN),
    ("person_add",          "get",  "/en/network/organizations/canoas/people/new/",      OK,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("person_edit",         "get",  "/en/network/people/{person}/edit/",                 OK,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("person_remove",       "post", "/en/network/people/{person}/remove/",               DONE,    NO,     NO,      DONE,       NO,        DONE,  SIGN_IN),
    ("network_edit",        "get",  "/en/network/mercociudades/edit/",                   NO,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("membership_add",      "get",  "/en/network/mercociudades/members/new/",            NO,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("membership_edit",     "get",  "/en/network/mercociudades/members/{membership}/edit/",
                                                                                         NO,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("membership_remove",   "post", "/en/network/mercociudades/members/{membership}/remove/",
                                                                                         NO,      NO,     NO,      DONE,       NO,        DONE,  SIGN_IN),
    ("body_create",         "get",  "/en/network/mercociudades/bodies/new/",             NO,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("body_edit",           "get",  "/en/network/mercociudades/utpeam/edit/",            NO,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("role_add",            "get",  "/en/network/mercociudades/utpeam/roles/new/",       NO,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("role_edit",           "get",  "/en/network/mercociudades/utpeam/roles/{role}/edit/",
                                                                                         NO,      NO,     NO,      OK,         NO,        OK,    SIGN_IN),
    ("role_remove",         "post", "/en/network/mercociudades/utpeam/roles/{role}/remove/",
                                                                                         NO,      NO,     NO,      DONE,       NO,        DONE,  SIGN_IN),
]
# fmt: on
READ_VIEWS = {"directory", "organization", "network", "body"}


@pytest.fixture
def other_secretariat(db):
    """The secretariat of another network, of which Canoas is not a member."""
    user = factories.UserFactory(email="secretaria@uclg.example", name="Other secretariat")
    factories.NetworkFactory(slug="uclg").secretariat.add(user)
    return user


@pytest.fixture
def records(organization, body):
    """What the edit views act on: a contact, a second editor, the membership, the role."""
    editor = factories.UserFactory(email="dora@canoas.example")
    organization.editors.add(editor)
    return {
        "person": factories.PersonFactory(organization=organization).pk,
        "editor": editor.pk,
        "membership": organization.memberships.get().pk,
        "role": body.roles.get().pk,
    }


PERMISSION_CASES = [
    pytest.param(method, path, persona, expected, id=f"{name}-{persona_id}")
    for name, method, path, *outcomes in EDIT_VIEWS
    for persona, persona_id, expected in zip(PERSONAS, PERSONA_IDS, outcomes, strict=True)
]


@pytest.mark.parametrize(("method", "path", "persona", "expected"), PERMISSION_CASES)
def test_edit_view_by_persona(request, records, method, path, persona, expected):
    user = request.getfixturevalue(persona) if persona else None
    client = login(user) if user else Client()
    url = path.format(**records)
    factories.UserFactory(email="bob@example.org")  # editor_add grants rights to an account
    entries_before = AuditEntry.objects.count()
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, {"email": "bob@example.org"})
    if expected == SIGN_IN:
        assert response.status_code == 302
        assert response.url.startswith("/en/accounts/login/?next=")
    elif expected == DONE:
        assert response.status_code == 302
        assert not response.url.startswith("/en/accounts/login/")
        assert AuditEntry.objects.count() > entries_before, "the action was not recorded"
    else:
        assert response.status_code == expected
    if expected != DONE:
        assert AuditEntry.objects.count() == entries_before, "something changed"


def test_permission_table_covers_every_edit_view():
    names = {
        pattern.name for pattern in network_urls.urlpatterns if isinstance(pattern, URLPattern)
    }
    assert {name for name, *_ in EDIT_VIEWS} == names - READ_VIEWS


def test_remove_actions_are_post_only(secretariat, records):
    client = login(secretariat)
    for name, method, path, *_ in EDIT_VIEWS:
        if method == "post":
            assert client.get(path.format(**records)).status_code == 405, name
    assert not AuditEntry.objects.exists()
