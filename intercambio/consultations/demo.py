"""Demo consultations (demo.json): UN-Habitat's consultation at the Maceió conference of 2024
(seed 001), attached to its demo event, with its guiding questions in their original
language and translated into the other two.

In a consultation of the JSON: "event" is the slug of a demo event (the event's time zone
reads "opens", "closes" and "outcome_published", written in local time as the organizers
announce them); "title", "description", "outcome" and each question's "text" and
"help_text" are {language: text}.
"""

import datetime
import json
import zoneinfo
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import transaction

from intercambio.common.i18n import item_language_columns
from intercambio.consultations.models import (
    CONSULTATION_TEXT_FIELDS,
    QUESTION_TEXT_FIELDS,
    Consultation,
    Question,
)
from intercambio.events.models import Event

DATA_FILE = Path(__file__).resolve().parent / "demo.json"


def _local(value: str | None, zone: zoneinfo.ZoneInfo) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value).replace(tzinfo=zone) if value else None


def load_demo_consultations(*, path: Path = DATA_FILE) -> Counter:
    """Create the demo consultations that are missing, with their questions (existing ones,
    found by slug, are left as their organizers edited them). Returns a tally
    ("consultations" in the demo, "created" now, "skipped" for want of their event). Needs
    the events demo."""
    data = json.loads(path.read_text(encoding="utf-8"))
    tally: Counter = Counter()
    for item in data["consultations"]:
        tally["consultations"] += 1
        if Consultation.objects.filter(slug=item["slug"]).exists():
            continue
        event = Event.objects.filter(slug=item["event"]).first() if item.get("event") else None
        if item.get("event") and event is None:
            tally["skipped"] += 1
            continue
        zone = zoneinfo.ZoneInfo(event.time_zone if event else settings.TIME_ZONE)
        with transaction.atomic():
            consultation = Consultation(
                slug=item["slug"], event=event, status=item["status"],
                original_language=item["original_language"],
                opens_at=_local(item.get("opens"), zone),
                closes_at=_local(item.get("closes"), zone),
                outcome_published_at=_local(item.get("outcome_published"), zone),
                **item_language_columns(CONSULTATION_TEXT_FIELDS, item),
            )  # fmt: skip
            consultation.full_clean()
            consultation.save()
            Question.objects.bulk_create(
                Question(consultation=consultation, order=order,
                         original_language=item["original_language"],
                         **item_language_columns(QUESTION_TEXT_FIELDS, question))
                for order, question in enumerate(item["questions"], 1)
            )  # fmt: skip
        tally["created"] += 1
    return tally
