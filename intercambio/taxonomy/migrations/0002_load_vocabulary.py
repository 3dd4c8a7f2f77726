from django.db import migrations


def load(apps, schema_editor):
    # Reference data every installation needs (themes, the 17 SDGs, the glossary); records
    # that exist are left alone, so staff corrections survive.
    from intercambio.taxonomy.domain import load_taxonomy

    load_taxonomy(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
