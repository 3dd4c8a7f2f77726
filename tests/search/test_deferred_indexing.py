"""indexing_deferred(): changes made within are indexed once, at the end, as if each had been
indexed when it happened; a block that fails indexes nothing."""

import pytest

from intercambio.practices.models import Practice
from intercambio.search import queries
from intercambio.search.models import Entry
from intercambio.search.signals import indexing_deferred
from tests import factories

pytestmark = pytest.mark.django_db


def found(text: str) -> int:
    return queries.search(text=text, filters={}, language="en").count


def test_changes_are_indexed_once_at_the_end_of_the_block():
    withdrawn = factories.PracticeFactory(status=Practice.Status.PUBLISHED, title_en="Solar roofs")
    assert found("solar") == 1
    with indexing_deferred():
        practice = factories.PracticeFactory(
            status=Practice.Status.PUBLISHED, title_en="Rainwater tanks"
        )
        practice.title_en = "Rainwater tanks for schools"
        practice.save()
        withdrawn.status = Practice.Status.SUBMITTED
        withdrawn.save()
        assert found("rainwater") == 0  # not yet
        assert found("solar") == 1
    assert found("rainwater schools") == 1
    assert found("solar") == 0  # no longer public: its entries are gone
    assert (
        Entry.objects.filter(kind="practice", record_id=practice.pk, is_original=True).count() == 1
    )


def test_a_block_that_fails_indexes_nothing():
    with pytest.raises(RuntimeError), indexing_deferred():
        factories.PracticeFactory(status=Practice.Status.PUBLISHED, title_en="Bike lanes")
        raise RuntimeError
    assert found("bike") == 0
    factories.PracticeFactory(status=Practice.Status.PUBLISHED, title_en="Bike sharing")
    assert found("bike") == 1  # outside the block, indexed at once again
