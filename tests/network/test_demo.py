import datetime
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from intercambio.network.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, load_demo
from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person

pytestmark = pytest.mark.django_db
MODELS = [Network, Body, Organization, Membership, BodyRole, Person]


@pytest.fixture
def demo():
    load_demo()


def snapshot() -> dict:
    """Every demo row and its last change, plus the account tables' sizes."""
    rows = {model.__name__: set(model.objects.values_list("pk", "updated_at")) for model in MODELS}
    rows["users"] = set(get_user_model().objects.values_list("pk", "password", "name"))
    rows["addresses"] = set(EmailAddress.objects.values_list("pk", "verified", "primary"))
    return rows


def roles(network: str, body: str, role: str, year: int) -> set[str]:
    return set(
        BodyRole.objects.filter(
            body__network__slug=network, body__slug=body, role=role, term_start__year=year
        ).values_list("organization__slug", flat=True)
    )


def test_demo_loads_networks_bodies_organizations_and_people(demo):
    assert set(Network.objects.values_list("slug", flat=True)) == {"mercociudades", "uclg", "cc4dr"}
    assert Body.objects.count() >= 8
    assert Organization.objects.filter(kind=Organization.Kind.MUNICIPALITY).count() >= 40
    assert Membership.objects.filter(network__slug="mercociudades").count() >= 30
    assert Person.objects.count() >= 5


def test_demo_network_names_in_three_languages(demo):
    mercociudades = Network.objects.get(slug="mercociudades")
    assert (mercociudades.name_pt_br, mercociudades.name_es, mercociudades.name_en) == (
        "Mercocidades",
        "Mercociudades",
        "Mercociudades",
    )
    assert mercociudades.founded == 1995
    uclg = Network.objects.get(slug="uclg")
    assert (uclg.acronym, uclg.name_es) == ("UCLG", "Ciudades y Gobiernos Locales Unidos")
    assert Network.objects.get(slug="cc4dr").founded == 2018


def test_demo_loaded_twice_changes_nothing(demo):
    before = snapshot()
    out = StringIO()
    load_demo(stdout=out)
    assert snapshot() == before
    assert "(0 records created, 0 updated)" in out.getvalue()


def test_demo_utpeam_coordination_2016(demo):
    utpeam = Body.objects.get(network__slug="mercociudades", slug="utpeam")
    assert (utpeam.original_language, utpeam.name_pt_br) == (
        "pt-br",
        "Unidade Temática de Planejamento Estratégico e Áreas Metropolitanas",
    )
    assert roles("mercociudades", "utpeam", BodyRole.Role.COORDINATION, 2016) == {"canoas"}
    assert roles("mercociudades", "utpeam", BodyRole.Role.SUB_COORDINATION, 2016) == {
        "sao-paulo",
        "el-bosque",
        "lo-prado",
        "canelones",
        "esteban-echeverria",
    }
    assert set(utpeam.roles.values_list("term_start", "term_end")) == {
        (datetime.date(2016, 1, 1), datetime.date(2016, 12, 31))
    }
    contact = utpeam.contacts.get()
    assert (contact.name, contact.email, contact.organization.slug, contact.visibility) == (
        "Deise Martins",
        "deise.martins@canoas.rs.gov.br",
        "canoas",
        Person.Visibility.PUBLIC,
    )


def test_demo_innovation_governance_vice_presidency_2018(demo):
    body = Body.objects.get(network__slug="mercociudades", slug="innovation-governance")
    assert body.kind == Body.Kind.VICE_PRESIDENCY
    assert set(body.roles.filter(term_start__year=2018).values_list("organization__slug", flat=True)) == {
        "santana-de-parnaiba"
    }  # fmt: skip


def test_demo_uclg_committee_presidency_and_vice_presidency(demo):
    committee = Body.objects.get(network__slug="uclg", slug="digital-knowledge-cities")
    assert committee.kind == Body.Kind.COMMITTEE
    presidency = committee.roles.get(role=BodyRole.Role.PRESIDENCY)
    vice = committee.roles.get(role=BodyRole.Role.VICE_PRESIDENCY)
    assert presidency.organization.slug == "bilbao"
    assert (vice.organization.slug, vice.note) == ("cnm", "Latin America")
    assert committee.contacts.get().name == "Tatiane de Jesus"


def test_demo_cc4dr_coordination_maceio_2024(demo):
    assert roles("cc4dr", "board", BodyRole.Role.COORDINATION, 2024) == {"maceio"}
    maceio = Organization.objects.get(slug="maceio")
    assert (maceio.country.code, maceio.region) == ("BR", "Alagoas")


def test_demo_contacts_show_every_visibility(demo):
    assert set(Person.objects.values_list("visibility", flat=True)) == set(Person.Visibility.values)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.role)
def test_demo_account_can_log_in(demo, account):
    assert Client().login(email=account.email, password=DEMO_PASSWORD)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS, ids=lambda account: account.role)
def test_demo_account_signs_in_through_the_login_page(demo, account):
    client = Client()
    response = client.post(
        "/en/accounts/login/", {"login": account.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert "confirm-email" not in response.url
    assert client.session["_auth_user_id"] == str(
        get_user_model().objects.get(email=account.email).pk
    )


def test_demo_accounts_have_their_roles(demo):
    User = get_user_model()
    admin = User.objects.get(email="admin@intercambio.example")
    assert admin.is_staff and admin.is_superuser
    secretaria = User.objects.get(email="secretaria@mercociudades.example")
    assert list(secretaria.secretariat_of.values_list("slug", flat=True)) == ["mercociudades"]
    editor = User.objects.get(email="editor@canoas.example")
    assert editor.organization.slug == "canoas"
    assert list(editor.edited_organizations.values_list("slug", flat=True)) == ["canoas"]
    member = User.objects.get(email="membro@intercambio.example")
    assert not (
        member.is_staff or member.edited_organizations.exists() or member.secretariat_of.exists()
    )


def test_demo_keeps_a_changed_password(demo):
    user = get_user_model().objects.get(email="membro@intercambio.example")
    user.set_password("a new password of mine")
    user.save()
    load_demo()
    assert Client().login(email=user.email, password="a new password of mine")
    assert not Client().login(email=user.email, password=DEMO_PASSWORD)


def test_demo_command_accounts_lists_each_role_and_loads_nothing():
    out = StringIO()
    call_command("demo", "--accounts", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines == [f"{account.role}: {account.email}" for account in DEMO_ACCOUNTS]
    for role in ("staff admin", "network secretariat", "organization editor", "member"):
        assert any(line.startswith(f"{role}: ") for line in lines)
    assert not Network.objects.exists()


def test_demo_command_loads_then_once_skips():
    out = StringIO()
    call_command("demo", stdout=out)
    assert "3 networks" in out.getvalue()
    before = snapshot()
    out = StringIO()
    call_command("demo", "--once", stdout=out)
    assert "already loaded" in out.getvalue()
    assert snapshot() == before
