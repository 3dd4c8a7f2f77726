"""Three interface languages: prefixes, the switcher, Accept-Language, localized formats."""

import pytest
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from tests import factories


@pytest.mark.parametrize(
    ("accept", "prefix"),
    [
        ("pt-BR,pt;q=0.9", "/pt-br/"),
        ("es-AR,es;q=0.8", "/es/"),
        ("en-US", "/en/"),
        ("de-DE", "/en/"),
    ],
)
def test_first_visit_follows_accept_language(db, accept, prefix):
    response = Client().get("/", headers={"accept-language": accept})
    assert response.status_code == 302
    assert response.url == prefix


def test_language_switch_keeps_the_current_page_and_is_remembered(network):
    client = Client()
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "/en/network/mercociudades/?country=BR"}
    )
    assert response.status_code == 302
    assert response.url == "/es/network/mercociudades/?country=BR"
    # The choice now wins over the browser's Accept-Language on the next visit.
    assert client.get("/", headers={"accept-language": "en"}).url == "/es/"


def test_language_switch_refuses_a_foreign_next_url(db):
    response = Client().post(
        "/i18n/setlang/", {"language": "pt-br", "next": "https://evil.example/"}
    )
    assert response.status_code == 302
    assert "evil.example" not in response.url


@pytest.mark.parametrize(
    ("prefix", "heading"), [("en", "Network directory"), ("es", None), ("pt-br", None)]
)
def test_pages_render_in_the_prefix_language(network, prefix, heading):
    page = Client().get(f"/{prefix}/network/").content.decode()
    with translation.override(prefix):
        expected = translation.gettext("Network directory")
    assert f'<html lang="{prefix}">' in page
    assert f"<h1>{expected}</h1>" in page
    if heading is None:
        assert expected != "Network directory", f"{prefix} catalog lacks the heading"


def test_every_language_switch_button_names_its_language_in_itself(db):
    page = Client().get("/en/").content.decode()
    for code, name in [("pt-br", "Português (Brasil)"), ("es", "Español"), ("en", "English")]:
        assert f'value="{code}" lang="{code}"' in page
        assert name in page


def test_dates_are_localized(db):
    import datetime

    day = datetime.date(2016, 6, 15)
    with translation.override("pt-br"):
        assert date_format(day, "DATE_FORMAT") == "15 de Junho de 2016"
    with translation.override("es"):
        assert date_format(day, "SHORT_DATE_FORMAT") == "15/06/2016"
    with translation.override("en"):
        assert date_format(day, "DATE_FORMAT") == "June 15, 2016"


def test_membership_year_shown_in_organization_page(network):
    import datetime

    organization = factories.OrganizationFactory(slug="montevideo", name="Montevideo")
    factories.MembershipFactory(
        organization=organization, network=network, since=datetime.date(1995, 3, 11)
    )
    page = Client().get("/en/network/organizations/montevideo/").content.decode()
    assert "since 1995" in page


@pytest.mark.parametrize("prefix", ["pt-br", "es", "en"])
def test_language_names_are_not_translated_into_the_page_language(db, prefix):
    page = Client().get(f"/{prefix}/").content.decode()
    assert '<button type="submit" name="language" value="en" lang="en"' in page
    assert ">English</button>" in page
    assert ">Español</button>" in page
