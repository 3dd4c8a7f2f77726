from html.parser import HTMLParser

import pytest
from django.test import Client

from intercambio.common.domain import save_with_audit
from intercambio.common.markdown import render_markdown
from intercambio.common.middleware import CONTENT_SECURITY_POLICY
from intercambio.common.models import AuditEntry
from tests import factories


def test_markdown_renders_formatting_and_links():
    html = render_markdown("**Canoas** coordinates [UTPEAM](https://mercociudades.org)")
    assert "<strong>Canoas</strong>" in html
    assert '<a href="https://mercociudades.org" rel="nofollow noopener">UTPEAM</a>' in html


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "[click](javascript:alert(1))",
        '<a href="https://x.example" onclick="steal()">x</a>',
    ],
)
def test_markdown_never_lets_script_through(hostile):
    elements = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            elements.append((tag, dict(attrs)))

    Collector().feed(render_markdown(hostile))
    assert all(tag in {"p", "a"} for tag, _ in elements)
    for _tag, attributes in elements:
        assert not any(name.startswith("on") for name in attributes)
        assert not attributes.get("href", "").startswith("javascript")


def test_markdown_headings_start_below_the_page_title():
    assert render_markdown("# Title").strip() == "<h2>Title</h2>"


def test_healthz_answers_when_the_database_does(db):
    response = Client().get("/healthz")
    assert (response.status_code, response.content) == (200, b"ok\n")


def test_every_page_has_a_strict_content_security_policy(db):
    response = Client().get("/en/")
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "'unsafe-inline'" not in CONTENT_SECURITY_POLICY
    assert response.headers["X-Frame-Options"] == "DENY"


def test_unknown_url_gets_a_translated_404_page(db):
    response = Client().get("/es/no-existe/")
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()
    assert 'lang="es"' in response.content.decode()


def test_save_with_audit_logs_creation_and_changed_fields_only(db):
    user = factories.UserFactory()
    organization = factories.OrganizationFactory.build(slug="rosario", name="Rosario")
    save_with_audit(record=organization, by=user)
    organization.city = "Rosario, Santa Fe"
    organization.name = "Rosario"  # unchanged value: not logged
    save_with_audit(record=organization, by=user, changed_fields=["city", "name"])
    created, changed = AuditEntry.objects.order_by("at", "id")
    assert (created.action, created.actor, created.object_repr) == ("created", user, "Rosario")
    assert changed.changes == {"city": ["Rosario", "Rosario, Santa Fe"]}


def test_audit_entry_survives_erasure_of_the_person(db):
    user = factories.UserFactory()
    organization = factories.OrganizationFactory.build(slug="cuenca")
    save_with_audit(record=organization, by=user)
    user.delete()
    entry = AuditEntry.objects.get()
    assert entry.actor is None
    assert entry.object_repr == organization.name


def test_stylesheet_and_icon_are_found_by_the_static_pipeline():
    from django.contrib.staticfiles import finders

    assert finders.find("intercambio/site.css")
    assert finders.find("intercambio/icon.svg")
