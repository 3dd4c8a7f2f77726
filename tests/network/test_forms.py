"""Editing the directory: valid writes are audited; bad input gets a 400 and loses nothing."""

import datetime

from django.utils import translation
from django.utils.translation import gettext

from intercambio.common.models import AuditEntry
from intercambio.network.models import Body, BodyRole, Membership, Organization, Person
from tests import factories
from tests.conftest import login

ORGANIZATION = {
    "name": "Prefeitura de Canoas",
    "slug": "canoas",
    "kind": "municipality",
    "country": "BR",
    "region": "Rio Grande do Sul",
    "city": "Canoas",
    "population": "347657",
    "original_language": "pt-br",
    "description_pt_br": "Cidade da região metropolitana de Porto Alegre.",
}


def test_editor_updates_organization_and_change_is_audited(alice, organization):
    response = login(alice).post("/en/network/organizations/canoas/edit/", ORGANIZATION)
    assert response.status_code == 302
    organization.refresh_from_db()
    assert (organization.name, organization.population) == ("Prefeitura de Canoas", 347657)
    entry = AuditEntry.objects.get()
    assert entry.actor == alice
    assert entry.changes["name"] == ["Canoas", "Prefeitura de Canoas"]


def test_bad_values_get_400_with_messages_in_the_person_language_and_nothing_saved(
    alice, organization
):
    bad = ORGANIZATION | {"population": "muitos", "website": "not a url", "latitude": "123"}
    response = login(alice).post("/pt-br/network/organizations/canoas/edit/", bad)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Informe um número inteiro." in page
    assert "Informe uma URL válida." in page
    organization.refresh_from_db()
    assert organization.name == "Canoas"
    assert not AuditEntry.objects.exists()


def test_logo_that_is_not_an_image_is_refused(alice, organization):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile(
        "logo.png", b"MZ\x90\x00 this is an executable", content_type="image/png"
    )
    response = login(alice).post(
        "/en/network/organizations/canoas/edit/", ORGANIZATION | {"logo": fake}
    )
    assert response.status_code == 400
    assert not Organization.objects.get().logo


def test_secretariat_adds_body_role_and_rejects_term_ending_before_start(
    secretariat, network, organization
):
    body = factories.BodyFactory(network=network, slug="utpeam")
    client = login(secretariat)
    url = "/es/network/mercociudades/utpeam/roles/new/"
    bad = {
        "organization": organization.pk,
        "role": "coordination",
        "term_start": "2016-06-01",
        "term_end": "2016-01-01",
    }
    response = client.post(url, bad)
    assert response.status_code == 400
    with translation.override("es"):
        message = gettext("The term must end on or after its start.")
    assert message != "The term must end on or after its start."
    assert message in response.content.decode()
    assert not BodyRole.objects.exists()
    response = client.post(url, bad | {"term_end": "2016-12-31"})
    assert response.status_code == 302
    assert BodyRole.objects.get().body == body
    duplicate = client.post(url, bad | {"term_end": "2016-12-31"})
    assert duplicate.status_code == 400
    assert BodyRole.objects.count() == 1


def test_secretariat_creates_body_with_unique_address(secretariat, network):
    client = login(secretariat)
    data = {"name_pt_br": "Unidade Temática de Cultura", "slug": "cultura", "kind": "thematic_unit",
            "original_language": "pt-br", "active": "on"}  # fmt: skip
    assert client.post("/en/network/mercociudades/bodies/new/", data).status_code == 302
    again = client.post("/en/network/mercociudades/bodies/new/", data)
    assert again.status_code == 400
    assert "already uses this address" in again.content.decode()
    reserved = client.post("/en/network/mercociudades/bodies/new/", data | {"slug": "edit"})
    assert reserved.status_code == 400
    assert Body.objects.count() == 1


def test_body_needs_a_name_in_some_language(secretariat, network):
    data = {"slug": "x", "kind": "committee", "original_language": "en"}
    response = login(secretariat).post("/en/network/mercociudades/bodies/new/", data)
    assert response.status_code == 400
    assert "at least one language" in response.content.decode()


def test_secretariat_adds_member_and_dates_are_checked(secretariat, network):
    city = factories.OrganizationFactory(name="Rosario", country="AR")
    client = login(secretariat)
    url = "/en/network/mercociudades/members/new/"
    bad = client.post(
        url,
        {"organization": city.pk, "role": "member", "since": "2020-01-01", "until": "2019-01-01"},
    )
    assert bad.status_code == 400
    good = client.post(url, {"organization": city.pk, "role": "member", "since": "1995-03-11"})
    assert good.status_code == 302
    assert Membership.objects.filter(organization=city, since=datetime.date(1995, 3, 11)).exists()


def test_forged_organization_id_is_a_form_error(secretariat, network):
    factories.BodyFactory(network=network, slug="utpeam")
    response = login(secretariat).post(
        "/en/network/mercociudades/utpeam/roles/new/",
        {"organization": "999999", "role": "coordination", "term_start": "2016-01-01"},
    )
    assert response.status_code == 400


def test_editor_adds_a_contact_person(alice, organization):
    response = login(alice).post(
        "/en/network/organizations/canoas/people/new/",
        {"name": "Deise Martins", "position": "Secretária de Relações Internacionais",
         "email": "deise.martins@canoas.rs.gov.br", "visibility": "public"},
    )  # fmt: skip
    assert response.status_code == 302
    assert organization.people.get().name == "Deise Martins"


def test_body_history_shows_role_changes_to_the_secretariat(secretariat, network, organization):
    factories.BodyFactory(network=network, slug="utpeam")
    client = login(secretariat)
    client.post(
        "/en/network/mercociudades/utpeam/roles/new/",
        {"organization": organization.pk, "role": "coordination", "term_start": "2016-01-01"},
    )
    role = BodyRole.objects.get()
    client.post(
        f"/en/network/mercociudades/utpeam/roles/{role.pk}/edit/",
        {"organization": organization.pk, "role": "coordination", "term_start": "2016-01-01",
         "term_end": "2016-12-31"},
    )  # fmt: skip
    history = (
        client.get("/en/network/mercociudades/utpeam/").content.decode().split("Change history")[1]
    )
    assert "created" in history
    assert "changed: term end" in history


# --- Editing and removing memberships, roles and contacts ----------------------------------


def history_of(page) -> str:
    return page.content.decode().split("Change history")[1]


def test_secretariat_records_that_a_city_left_the_network(secretariat, network, organization):
    membership = organization.memberships.get()
    other = factories.OrganizationFactory(slug="rosario")
    response = login(secretariat).post(
        f"/en/network/mercociudades/members/{membership.pk}/edit/",
        # The organization of a membership is not editable: a forged value is ignored.
        {"organization": other.pk, "role": "member", "since": "1995-03-11", "until": "2020-12-31"},
    )
    assert response.status_code == 302
    assert response.url == "/en/network/mercociudades/"
    membership.refresh_from_db()
    assert (membership.organization, membership.since, membership.until) == (
        organization,
        datetime.date(1995, 3, 11),
        datetime.date(2020, 12, 31),
    )
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.action) == (secretariat, "changed")
    assert entry.changes["until"] == [None, "2020-12-31"]
    history = history_of(login(secretariat).get("/en/network/mercociudades/"))
    assert "changed: since, until" in history


def test_membership_edit_checks_dates_and_duplicates(secretariat, network, organization):
    membership = organization.memberships.get()
    factories.MembershipFactory(
        organization=organization, network=network, role="presidency",
        since=datetime.date(2010, 1, 1),
    )  # fmt: skip
    client = login(secretariat)
    url = f"/es/network/mercociudades/members/{membership.pk}/edit/"
    backwards = client.post(url, {"role": "member", "since": "2020-01-01", "until": "2019-01-01"})
    assert backwards.status_code == 400
    with translation.override("es"):
        message = gettext("The end date must be on or after the start date.")
    assert message in backwards.content.decode()
    duplicate = client.post(url, {"role": "presidency", "since": "2010-01-01"})
    assert duplicate.status_code == 400
    membership.refresh_from_db()
    assert (membership.role, membership.since, membership.until) == ("member", None, None)
    assert not AuditEntry.objects.exists()


def test_secretariat_removes_a_membership_and_the_removal_is_audited(
    secretariat, network, organization
):
    membership = organization.memberships.get()
    with translation.override("en"):  # as the record is named in an /en/ request
        description = str(membership)
    client = login(secretariat)
    response = client.post(f"/en/network/mercociudades/members/{membership.pk}/remove/")
    assert response.status_code == 302
    assert response.url == "/en/network/mercociudades/"
    assert not Membership.objects.exists()
    assert Organization.objects.filter(pk=organization.pk).exists()
    deleted = AuditEntry.objects.get(action="deleted")
    assert (deleted.actor, deleted.object_id, deleted.object_repr) == (
        secretariat,
        str(membership.pk),
        description,
    )
    assert deleted.content_type.model_class() is Membership
    assert deleted.changes["organization"] == ["Canoas", None]
    assert deleted.changes["role"] == ["member", None]
    on_network = AuditEntry.objects.get(action="changed")
    assert on_network.target == network
    assert on_network.changes == {"memberships": [description, None]}
    page = client.get("/en/network/mercociudades/")
    assert "The membership of Canoas was removed." in page.content.decode()
    assert "changed: memberships" in history_of(page)


def test_membership_is_found_only_under_its_own_network(secretariat, network, organization):
    membership = organization.memberships.get()
    other = factories.NetworkFactory(slug="uclg")
    other.secretariat.add(secretariat)
    client = login(secretariat)
    assert client.post(f"/en/network/uclg/members/{membership.pk}/remove/").status_code == 404
    assert client.get(f"/en/network/uclg/members/{membership.pk}/edit/").status_code == 404
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_secretariat_removes_a_body_role_and_the_removal_is_audited(
    secretariat, network, organization
):
    body = factories.BodyFactory(network=network, slug="utpeam", name_en="UTPEAM")
    role = factories.BodyRoleFactory(body=body, organization=organization)
    client = login(secretariat)
    response = client.post(f"/en/network/mercociudades/utpeam/roles/{role.pk}/remove/")
    assert response.status_code == 302
    assert response.url == "/en/network/mercociudades/utpeam/"
    assert not BodyRole.objects.exists()
    deleted = AuditEntry.objects.get(action="deleted")
    assert deleted.content_type.model_class() is BodyRole
    assert (deleted.actor, deleted.object_id) == (secretariat, str(role.pk))
    assert deleted.changes["role"] == ["coordination", None]
    assert deleted.changes["term_start"] == ["2016-01-01", None]
    assert AuditEntry.objects.get(action="changed").target == body
    assert "changed: roles" in history_of(client.get("/en/network/mercociudades/utpeam/"))


def test_role_of_another_body_is_not_found(secretariat, network, organization):
    factories.BodyFactory(network=network, slug="utpeam")
    other_body = factories.BodyFactory(network=network, slug="cultura")
    role = factories.BodyRoleFactory(body=other_body, organization=organization)
    response = login(secretariat).post(f"/en/network/mercociudades/utpeam/roles/{role.pk}/remove/")
    assert response.status_code == 404
    assert BodyRole.objects.filter(pk=role.pk).exists()


def test_editor_removes_a_contact_and_its_details_leave_with_it(alice, network, organization):
    body = factories.BodyFactory(network=network, slug="utpeam")
    person = factories.PersonFactory(
        organization=organization, name="Deise Martins", position="Secretária",
        email="deise@canoas.example", phone="+55 51 0000-0000", user=factories.UserFactory(),
    )  # fmt: skip
    body.contacts.add(person)
    client = login(alice)
    response = client.post(f"/en/network/people/{person.pk}/remove/")
    assert response.status_code == 302
    assert response.url == "/en/network/organizations/canoas/"
    assert not Person.objects.exists()
    assert not body.contacts.exists()
    deleted = AuditEntry.objects.get(action="deleted")
    assert (deleted.actor, deleted.object_repr) == (alice, "Deise Martins")
    assert deleted.changes["position"] == ["Secretária", None]
    assert {"email", "phone", "user"}.isdisjoint(deleted.changes)
    assert "deise@canoas.example" not in str(list(AuditEntry.objects.values()))
    assert AuditEntry.objects.get(action="changed").changes == {"people": ["Deise Martins", None]}
    page = client.get("/en/network/organizations/canoas/")
    assert "Deise Martins was removed from the contacts." in page.content.decode()
    assert "changed: people" in history_of(page)


def test_secretariat_removes_a_contact(secretariat, organization):
    person = factories.PersonFactory(organization=organization)
    response = login(secretariat).post(f"/en/network/people/{person.pk}/remove/")
    assert response.status_code == 302
    assert not Person.objects.exists()
    assert AuditEntry.objects.get(action="deleted").actor == secretariat


def test_pages_offer_edit_and_remove_to_those_who_may(
    alice, bob, secretariat, network, organization
):
    body = factories.BodyFactory(network=network, slug="utpeam")
    role = factories.BodyRoleFactory(body=body, organization=organization)
    person = factories.PersonFactory(organization=organization, name="Deise Martins")
    membership = organization.memberships.get()
    links = {
        "/en/network/mercociudades/": [
            f'href="/en/network/mercociudades/members/{membership.pk}/edit/"',
            f'action="/en/network/mercociudades/members/{membership.pk}/remove/"',
        ],
        "/en/network/mercociudades/utpeam/": [
            f'href="/en/network/mercociudades/utpeam/roles/{role.pk}/edit/"',
            f'action="/en/network/mercociudades/utpeam/roles/{role.pk}/remove/"',
        ],
        "/en/network/organizations/canoas/": [
            f'href="/en/network/people/{person.pk}/edit/"',
            f'action="/en/network/people/{person.pk}/remove/"',
            ">Remove Deise Martins</button>",
        ],
    }
    may = {"/en/network/organizations/canoas/": alice}
    for url, expected in links.items():
        page = login(may.get(url, secretariat)).get(url).content.decode()
        for html in expected:
            assert html in page, (url, html)
        visitor_page = login(bob).get(url).content.decode()
        for html in expected:
            assert html not in visitor_page, (url, html)
