"""One corpus per test module: built once inside a transaction that every test of the module
runs within (each test in its own savepoint, rolled back after it), and rolled back at the end
of the module. Building it takes about a second; once per test, the suite would take minutes."""

import pytest
from django.db import transaction
from django.test import override_settings

from intercambio.search import index
from tests.search import corpus as corpus_module


@pytest.fixture(scope="module")
def shared_corpus(django_db_setup, django_db_blocker, tmp_path_factory):
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        with django_db_blocker.unblock():
            index.glossary.cache_clear()  # built from this database's glossary
            atomic = transaction.atomic()
            atomic.__enter__()
            built = corpus_module.build()
        try:
            yield built
        finally:
            with django_db_blocker.unblock():
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)


@pytest.fixture
def corpus(db, shared_corpus) -> corpus_module.Corpus:
    return shared_corpus
