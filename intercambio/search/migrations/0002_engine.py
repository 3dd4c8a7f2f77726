"""The engine's side of the index: an FTS5 table on SQLite, a tsvector column with a GIN
index on PostgreSQL (search/backends.py)."""

from django.db import migrations

SQLITE = (
    "CREATE VIRTUAL TABLE search_fts USING fts5(title, summary, body, "
    "tokenize = 'unicode61 remove_diacritics 0')",
    "DROP TABLE search_fts",
)
POSTGRES = (
    "ALTER TABLE search_entry ADD COLUMN document tsvector;"
    "CREATE INDEX search_entry_document ON search_entry USING GIN (document)",
    "DROP INDEX search_entry_document;ALTER TABLE search_entry DROP COLUMN document",
)


def _run(apps, schema_editor, *, forward: bool) -> None:
    vendor = schema_editor.connection.vendor
    statements = {"sqlite": SQLITE, "postgresql": POSTGRES}.get(vendor)
    if statements is None:
        raise RuntimeError(f"search needs SQLite or PostgreSQL, not {vendor}")
    for statement in statements[0 if forward else 1].split(";"):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: _run(apps, editor, forward=True),
            lambda apps, editor: _run(apps, editor, forward=False),
        )
    ]
