"""Editing the directory: valid writes are audited; bad input gets a 400 and loses nothing."""

import datetime

from django.utils import translation
from django.utils.translation import gettext

from intercambio.common.models import AuditEntry
from intercambio.network.models import Body, BodyRole, Membership, Organization
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
