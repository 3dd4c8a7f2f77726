"""SQLite: an entry's FTS5 row goes with the entry, whoever deletes it (a flushed database, a
bulk delete). Search ranks inside FTS5 before joining the entries, so an FTS5 row without
its entry would take a place on the page and show nothing. PostgreSQL keeps the tokens in
the entry's own row."""

from django.db import migrations

FORWARD = (
    "CREATE TRIGGER search_entry_fts_delete AFTER DELETE ON search_entry "
    "BEGIN DELETE FROM search_fts WHERE rowid = old.id; END"
)
# Rows left behind before the trigger existed.
CLEAN = "DELETE FROM search_fts WHERE rowid NOT IN (SELECT id FROM search_entry)"
BACKWARD = "DROP TRIGGER search_entry_fts_delete"


def _run(apps, schema_editor, *, forward: bool) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    if forward:
        schema_editor.execute(CLEAN)
        schema_editor.execute(FORWARD)
    else:
        schema_editor.execute(BACKWARD)


class Migration(migrations.Migration):
    dependencies = [("search", "0004_revision")]

    operations = [
        migrations.RunPython(
            lambda apps, editor: _run(apps, editor, forward=True),
            lambda apps, editor: _run(apps, editor, forward=False),
        )
    ]
