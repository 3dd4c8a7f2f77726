"""`intercambio reindex --if-empty`: what `make run` and an upgrade call after migrating."""

from io import StringIO

import pytest
from django.core.management import call_command

from intercambio.practices.models import Practice
from intercambio.search import queries
from intercambio.search.models import Entry
from tests import factories

pytestmark = pytest.mark.django_db


def test_reindex_if_empty_builds_a_missing_index_and_leaves_a_full_one_alone():
    factories.PracticeFactory(status=Practice.Status.PUBLISHED, title_en="Solar schools")
    Entry.objects.all().delete()  # as after upgrading: records, no index
    assert queries.search(text="solar", filters={}, language="en").count == 0
    out = StringIO()
    call_command("reindex", "--if-empty", stdout=out, stderr=StringIO())
    assert "Indexed" in out.getvalue()
    assert queries.search(text="solar", filters={}, language="en").count == 1
    out = StringIO()
    call_command("reindex", "--if-empty", stdout=out, stderr=StringIO())
    assert out.getvalue().strip() == "The search index is not empty; skipped."
