"""Shared fixtures: personas for every permission test, and a clean media folder; helpers of
the page tests."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests import factories


@pytest.fixture(autouse=True)
def _isolated_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    # Tests render templates without `collectstatic`.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.SECURE_SSL_REDIRECT = False
    # Tests create many accounts and never need slow password hashes.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background tasks (e-mails) run at once, inside the request, so tests see their effect.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    # Counts cached by one test must not answer another's (e.g. the practice facets).
    cache.clear()


@pytest.fixture
def network(db):
    return factories.NetworkFactory(slug="mercociudades", name_en="Mercociudades")


@pytest.fixture
def organization(network):
    organization = factories.OrganizationFactory(slug="canoas", name="Canoas")
    factories.MembershipFactory(organization=organization, network=network)
    return organization


@pytest.fixture
def alice(organization):
    """Owner: an editor of the organization."""
    user = factories.UserFactory(email="alice@canoas.example", name="Alice")
    organization.editors.add(user)
    return user


@pytest.fixture
def bob(db):
    """Member: signed in, no special role."""
    return factories.UserFactory(email="bob@example.org", name="Bob")


@pytest.fixture
def charlie(db):
    """Outsider: an editor of another organization in no shared network."""
    user = factories.UserFactory(email="charlie@elsewhere.example", name="Charlie")
    factories.OrganizationFactory(slug="elsewhere").editors.add(user)
    return user


@pytest.fixture
def secretariat(network):
    user = factories.UserFactory(email="secretaria@mercociudades.example", name="Secretaria")
    network.secretariat.add(user)
    return user


@pytest.fixture
def staff(db):
    return factories.UserFactory(email="staff@example.org", name="Staff", is_staff=True)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def count_queries(client: Client, url: str) -> int:
    """The SQL queries of a page once the process is warm (the first request of a process fills
    caches: facet counts, sessions)."""
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(context.captured_queries)


def facet_counts(response) -> dict[str, dict[str, int]]:
    """facet → value → count, as a list page offers them."""
    return {
        name: {option.value: option.count for option in options}
        for name, options in response.context["facets"].items()
    }
