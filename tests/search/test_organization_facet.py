"""The search page's publisher facet: counts by organization, filters by it."""

import pytest

from intercambio.practices.models import Practice
from intercambio.search import queries
from tests import factories
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_organization_facet_counts_and_filters(bob):
    canoas = factories.OrganizationFactory(name="Canoas")
    rosario = factories.OrganizationFactory(name="Rosario")
    for organization, count in ((canoas, 2), (rosario, 1)):
        for n in range(count):
            factories.PracticeFactory(
                organization=organization, status=Practice.Status.PUBLISHED,
                title_en=f"Recycling cooperative {organization.name} {n}",
            )  # fmt: skip
    found = queries.search(text="recycling", filters={}, language="en")
    assert found.facets["organization"] == {str(canoas.pk): 2, str(rosario.pk): 1}
    only = queries.search(
        text="recycling", filters={"organization": str(rosario.pk)}, language="en"
    )
    assert [r.title for r in only.results] == ["Recycling cooperative Rosario 0"]
    page = login(bob).get(f"/en/search/?q=recycling&organization={rosario.pk}").content.decode()
    assert f'<option value="{rosario.pk}" selected>Rosario (1)</option>' in page
    assert f'<option value="{canoas.pk}">Canoas (2)</option>' in page
    assert login(bob).get("/en/search/?q=recycling&organization=x%00").status_code == 200
