"""Loading the shipped vocabulary (data/taxonomy.json) into the database."""

import json
from pathlib import Path

from django.apps import apps as installed_apps

DATA_FILE = Path(__file__).resolve().parent / "data" / "taxonomy.json"
LANGUAGES = ("pt-br", "es", "en")


def _columns(field: str, values: dict[str, str]) -> dict[str, str]:
    """{"en": "x", …} → {"field_en": "x", …, "field": English text} (the untranslated column)."""
    columns = {f"{field}_{code.replace('-', '_')}": values.get(code, "") for code in LANGUAGES}
    columns[field] = values.get("en", "")
    return columns


def load_taxonomy(*, apps=installed_apps, path: Path = DATA_FILE) -> dict[str, int]:
    """Create the themes, SDGs and concepts of the shipped file that are not in the database.

    Records that exist (by slug or number) are left as they are, so a staff member's
    corrections survive upgrades. `apps` is a migration's app registry when called from one.
    Returns how many of each were created.
    """
    Theme = apps.get_model("taxonomy", "Theme")
    Goal = apps.get_model("taxonomy", "Goal")
    Concept = apps.get_model("taxonomy", "Concept")
    data = json.loads(path.read_text(encoding="utf-8"))
    created = {"themes": 0, "goals": 0, "concepts": 0}

    themes = {theme.slug: theme for theme in Theme.objects.all()}
    # Parents come before their children in the file; positions keep the file's order.
    for position, item in enumerate(data["themes"]):
        if item["slug"] in themes:
            continue
        themes[item["slug"]] = Theme.objects.create(
            slug=item["slug"],
            parent=themes[item["parent"]] if item["parent"] else None,
            position=position,
            **_columns("label", item["label"]),
            **_columns("description", item["description"]),
        )
        created["themes"] += 1

    goals = {goal.number: goal for goal in Goal.objects.all()}
    for item in data["goals"]:
        if item["number"] in goals:
            continue
        goals[item["number"]] = Goal.objects.create(
            number=item["number"],
            colour=item["colour"],
            **_columns("short_title", item["short"]),
            **_columns("title", item["title"]),
        )
        created["goals"] += 1

    existing = set(Concept.objects.values_list("slug", flat=True))
    for item in data["concepts"]:
        if item["slug"] in existing:
            continue
        synonyms = {code: "\n".join(words) for code, words in item["synonyms"].items()}
        concept = Concept.objects.create(
            slug=item["slug"], **_columns("label", item["label"]), **_columns("synonyms", synonyms)
        )
        concept.themes.set([themes[slug] for slug in item["themes"]])
        concept.goals.set([goals[number] for number in item["goals"]])
        created["concepts"] += 1
    return created
