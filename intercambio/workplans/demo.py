"""Demo work plans (demo.json): the UTPEAM work plan 2016 (seed 004) and the 2018 work plan
of the Vice-presidency of Innovation and Governance (seed 003), in their original Portuguese
and translated into Spanish and English.

Objectives, axes and activities come from the seeds; what a seed does not say (the follow-up
of each activity: its status, status date and note; the kind of an activity; the links
between activities, objectives and axes) is ours, and a "_comment" in the JSON says so.

In a plan of the JSON:

- "body" is "network/body"; "presented_by" is [organization slug, contact name];
  "source_document" is the slug of a library document;
- "title", "introduction", each objective, each axis's "title" and "description" and each
  activity's "title" and "description" are {language: text};
- an activity is planned by "month" ("2016-06"), or by "date" (and "until" for several days),
  or by neither (it runs through the period); "responsible" are organization slugs;
  "objectives" and "axes" are numbers in the plan (from 1); "event" is a demo event's slug;
  "status_on" is a date, or "event" for the local first day of the linked event.
"""

import datetime
import json
from collections import Counter
from pathlib import Path

from django.db import transaction

from intercambio.common.i18n import item_language_columns, language_columns
from intercambio.events.models import Event
from intercambio.library.models import Resource
from intercambio.network.models import Body, Organization, Person
from intercambio.workplans.domain import save_activity
from intercambio.workplans.models import (
    ACTIVITY_TEXT_FIELDS,
    AXIS_TEXT_FIELDS,
    PLAN_TEXT_FIELDS,
    Activity,
    Axis,
    Objective,
    WorkPlan,
)

DATA_FILE = Path(__file__).resolve().parent / "demo.json"


def _day(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def load_demo_workplans(*, path: Path = DATA_FILE) -> Counter:
    """Create the demo work plans that are missing, with their objectives, axes and
    activities (existing ones, found by slug, are left as their secretariat edited them).
    Returns a tally ("plans" in the demo, "created" now, "activities" created, "skipped" for
    want of their body). Needs the network, library and events demo; a missing event,
    document or organization is left out rather than failing the demo."""
    data = json.loads(path.read_text(encoding="utf-8"))
    tally: Counter = Counter()
    bodies = {f"{b.network.slug}/{b.slug}": b for b in Body.objects.select_related("network")}
    organizations = {org.slug: org for org in Organization.objects.all()}
    for item in data["plans"]:
        tally["plans"] += 1
        if WorkPlan.objects.filter(slug=item["slug"]).exists():
            continue
        body = bodies.get(item["body"])
        if body is None:
            tally["skipped"] += 1
            continue
        with transaction.atomic():
            plan = _create_plan(item, body, organizations)
            tally["activities"] += _create_structure(plan, item, organizations)
        tally["created"] += 1
    return tally


def _create_plan(item: dict, body: Body, organizations: dict) -> WorkPlan:
    organization_slug, person_name = item.get("presented_by") or ("", "")
    organization = organizations.get(organization_slug)
    person = (
        Person.objects.filter(organization=organization, name=person_name).order_by("pk").first()
        if organization
        else None
    )
    source = item.get("source_document")
    plan = WorkPlan(
        slug=item["slug"], body=body, status=item["status"],
        original_language=item["original_language"],
        starts_on=_day(item["starts_on"]), ends_on=_day(item["ends_on"]),
        presented_by_organization=organization, presented_by_person=person,
        presented_on=_day(item.get("presented_on")), presented_at=item.get("presented_at", ""),
        source_document=Resource.objects.filter(slug=source).first() if source else None,
        **item_language_columns(PLAN_TEXT_FIELDS, item),
    )  # fmt: skip
    plan.full_clean()
    plan.save()
    return plan


def _create_structure(plan: WorkPlan, item: dict, organizations: dict) -> int:
    language = item["original_language"]
    objectives = Objective.objects.bulk_create(
        Objective(plan=plan, position=n, original_language=language,
                  **language_columns("text", texts))
        for n, texts in enumerate(item["objectives"], 1)
    )  # fmt: skip
    axes = Axis.objects.bulk_create(
        Axis(plan=plan, position=n, original_language=language,
             **item_language_columns(AXIS_TEXT_FIELDS, axis))
        for n, axis in enumerate(item["axes"], 1)
    )  # fmt: skip
    events = {
        event.slug: event
        for event in Event.objects.filter(
            slug__in=[a["event"] for a in item["activities"] if a.get("event")]
        )
    }
    for position, part in enumerate(item["activities"], 1):
        event = events.get(part.get("event", ""))
        status_on = part.get("status_on")
        if status_on == "event":
            status_on = event.starts_at.astimezone(event.zone).date() if event else None
        else:
            status_on = _day(status_on)
        activity = Activity(
            plan=plan, position=position, original_language=language, kind=part["kind"],
            planned_month=_day(f"{part['month']}-01") if part.get("month") else None,
            planned_on=_day(part.get("date")), planned_until=_day(part.get("until")),
            city=part.get("city", ""), country=part.get("country", ""),
            status=part.get("status", Activity.Status.PLANNED), status_on=status_on,
            status_note=part.get("status_note", ""), event=event,
            **item_language_columns(ACTIVITY_TEXT_FIELDS, part),
        )  # fmt: skip
        # The domain's write: a planned date files the activity under its month.
        save_activity(activity=activity, by=None)
        activity.responsible.set(
            organizations[slug] for slug in part.get("responsible", []) if slug in organizations
        )
        activity.objectives.set(objectives[n - 1] for n in part.get("objectives", []))
        activity.axes.set(axes[n - 1] for n in part.get("axes", []))
    return len(item["activities"])
