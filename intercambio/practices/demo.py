"""Demo practices (demo_practices.json), written for the demo in pt-BR, es and en."""

import datetime
import json
from collections import Counter
from pathlib import Path

from django.db import transaction

from intercambio.common.i18n import field_suffix
from intercambio.network.models import Body, Network, Organization, Person
from intercambio.practices.models import TEXT_FIELDS, Partnership, Practice, Transition
from intercambio.taxonomy.models import Goal, Theme

DATA_FILE = Path(__file__).resolve().parent / "demo_practices.json"
# Fixed dates keep the loader idempotent: a second run finds nothing to change.
FIRST_PUBLISHED = datetime.datetime(2026, 10, 20, 14, 0, tzinfo=datetime.UTC)


def _text_columns(texts: dict[str, dict[str, str]]) -> dict[str, str]:
    columns = {}
    for code in ("pt-br", "es", "en"):
        for name in TEXT_FIELDS:
            columns[f"{name}_{field_suffix(code)}"] = texts.get(code, {}).get(name, "")
    return columns


def load_demo_practices(*, path: Path = DATA_FILE) -> Counter:
    """Create or bring up to date the demo practices. Returns a tally (created/updated)."""
    items = json.loads(path.read_text(encoding="utf-8"))
    tally: Counter = Counter()
    organizations = {org.slug: org for org in Organization.objects.all()}
    networks = {network.slug: network for network in Network.objects.all()}
    bodies = {f"{b.network.slug}/{b.slug}": b for b in Body.objects.select_related("network")}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    goals = {goal.number: goal for goal in Goal.objects.all()}
    with transaction.atomic():
        practices = {}
        for index, item in enumerate(items):
            owner = organizations[item["organization"]]
            published = item["status"] == Practice.Status.PUBLISHED
            published_at = FIRST_PUBLISHED - datetime.timedelta(days=11 * index)
            values = {
                "organization": owner,
                "country": owner.country,
                "original_language": item["original_language"],
                "translation_status": item["translations"],
                "status": item["status"],
                "featured": item["featured"],
                "body": bodies.get(item["body"]) if item["body"] else None,
                "tags": ", ".join(item["tags"]),
                "start_year": item["start_year"],
                "stage": item["stage"],
                "budget_range": item["budget_range"],
                "funding_source": item["funding_source"],
                "funder": organizations.get(item["funder"]) if item["funder"] else None,
                "evidence_level": item["evidence_level"],
                "links": "\n".join(f"{link['url']} {link.get('title', '')}".strip()
                                   for link in item["links"]),
                "contact": Person.objects.filter(organization=owner).order_by("pk").first(),
                "published_at": published_at if published else None,
                "submitted_at": published_at - datetime.timedelta(days=3)
                if item["status"] != Practice.Status.DRAFT else None,
                "revalidate_by": (published_at + datetime.timedelta(days=365)).date()
                if published else None,
                **_text_columns(item["text"]),
            }  # fmt: skip
            practice, created = Practice.objects.get_or_create(slug=item["slug"], defaults=values)
            if not created:
                changed = [
                    name for name, value in values.items() if getattr(practice, name) != value
                ]
                for name in changed:
                    setattr(practice, name, values[name])
                if changed:
                    practice.save(update_fields=changed)
                    tally["updated"] += 1
            else:
                tally["created"] += 1
            practice.networks.set([networks[slug] for slug in item["networks"]])
            practice.themes.set([themes[slug] for slug in item["themes"]])
            practice.goals.set([goals[number] for number in item["goals"]])
            for partner in item["partners"]:
                Partnership.objects.update_or_create(
                    practice=practice, organization=organizations[partner["organization"]],
                    defaults={"role": partner["role"]},
                )  # fmt: skip
            if item["status"] != Practice.Status.DRAFT and not practice.transitions.exists():
                Transition.objects.create(
                    practice=practice, from_status=Practice.Status.DRAFT,
                    to_status=Practice.Status.SUBMITTED,
                )  # fmt: skip
                if item["status"] != Practice.Status.SUBMITTED:
                    Transition.objects.create(
                        practice=practice, from_status=Practice.Status.SUBMITTED,
                        to_status=item["status"],
                        note="Por favor, acrescente os resultados medidos e a fonte dos dados."
                        if item["status"] == Practice.Status.CHANGES_REQUESTED else "",
                    )  # fmt: skip
            practices[item["slug"]] = (practice, item)
        for practice, item in practices.values():
            source = practices[item["adapted_from"]][0] if item["adapted_from"] else None
            if practice.adapted_from_id != (source.pk if source else None):
                practice.adapted_from = source
                practice.save(update_fields=["adapted_from"])
    tally["practices"] = len(items)
    return tally
