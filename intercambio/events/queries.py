"""Reads of events. Every list is built with a fixed number of queries, whatever its size."""

import calendar
import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django_countries import countries

from intercambio.common.models import LANGUAGE_CHOICES
from intercambio.common.queries import FacetOption, count_from_facet
from intercambio.events.models import (
    Event,
    EventOrganization,
    Registration,
    Session,
    SessionSpeaker,
)
from intercambio.network.models import Network
from intercambio.taxonomy.models import Theme
from intercambio.taxonomy.queries import filter_by_theme, theme_counts

FACETS = ("kind", "country", "network", "theme", "language", "online")
# Filters of the calendar feed (its address is what a person subscribes to).
FEED_FILTERS = ("kind", "network", "body", "theme")
LANGUAGE_CODES = [code for code, _name in LANGUAGE_CHOICES]
ONLINE_FORMATS = (Event.Format.ONLINE, Event.Format.HYBRID)


def public_events() -> QuerySet[Event]:
    return Event.objects.filter(status__in=Event.PUBLIC_STATUSES)


def upcoming_or_past(queryset: QuerySet[Event], *, past: bool, now) -> QuerySet[Event]:
    """Upcoming: not over yet, soonest first (an event under way is upcoming). Past: over,
    latest first."""
    if past:
        return queryset.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    return queryset.filter(ends_at__gte=now).order_by("starts_at", "pk")


def filter_events(queryset: QuerySet[Event], filters: dict[str, str]) -> QuerySet[Event]:
    for name, value in filters.items():
        if not value:
            continue
        if name == "theme":
            queryset = filter_by_theme(queryset, value)
        elif name == "language":
            # Spoken on the floor or interpreted into: either way a person follows it.
            wanted = f"|{value}|"
            queryset = queryset.filter(
                Q(floor_languages__contains=wanted) | Q(interpretation_languages__contains=wanted)
            )
        elif name == "online":
            queryset = queryset.filter(format__in=ONLINE_FORMATS)
        elif name in {"network", "body"}:
            queryset = queryset.filter(**{f"{name}__slug": value})
        else:
            queryset = queryset.filter(**{name: value})
    return queryset


def with_list_data(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """What a list row shows: its organizations (two queries for any number of rows)."""
    return queryset.prefetch_related(
        Prefetch("roles", queryset=EventOrganization.objects.select_related("organization"))
    )


def facet_options(
    base: QuerySet[Event], filters: dict[str, str]
) -> tuple[dict[str, list[FacetOption]], int]:
    """The menu of each facet with its counts, each counted with the *other* filters applied,
    and the number of events matching all of them. The lists hold hundreds of events, not
    hundreds of thousands: counted on each request, one GROUP BY per facet."""
    counts: dict[str, dict[str, int]] = {}
    for name in FACETS:
        others = {key: value for key, value in filters.items() if key != name}
        queryset = filter_events(base, others).order_by()
        if name == "theme":
            counts[name] = theme_counts(queryset)
        elif name == "language":
            counts[name] = queryset.aggregate(**{
                code: Count("pk", filter=Q(floor_languages__contains=f"|{code}|")
                            | Q(interpretation_languages__contains=f"|{code}|"))
                for code in LANGUAGE_CODES
            })  # fmt: skip
        elif name == "online":
            counts[name] = {"1": queryset.filter(format__in=ONLINE_FORMATS).count()}
        else:
            column = "network__slug" if name == "network" else name
            rows = queryset.values(column).annotate(n=Count("pk"))
            counts[name] = {str(row[column]): row["n"] for row in rows if row[column]}
    # Each event has one type: the type facet, which ignores only the type, counts them all.
    return _options(counts, filters), count_from_facet(counts["kind"], filters.get("kind"))


def _options(counts: dict[str, dict], filters: dict[str, str]) -> dict[str, list[FacetOption]]:
    def option(name: str, value: str, label: str) -> FacetOption:
        return FacetOption(value, label, counts[name].get(value, 0), filters.get(name) == value)

    themes = Theme.objects.filter(slug__in=counts["theme"]).order_by("position")
    networks = Network.objects.filter(slug__in=counts["network"]).only("slug", "name")
    languages = dict(LANGUAGE_CHOICES)
    return {
        "kind": [option("kind", value, label) for value, label in Event.Kind.choices
                 if value in counts["kind"]],
        "country": sorted((option("country", code, countries.name(code))
                           for code in counts["country"]), key=lambda o: o.label),
        "network": sorted((option("network", n.slug, str(n)) for n in networks),
                          key=lambda o: o.label),
        "theme": [option("theme", t.slug, t.label if t.parent_id is None else f"— {t.label}")
                  for t in themes],
        "language": [option("language", code, languages[code]) for code in LANGUAGE_CODES
                     if counts["language"].get(code)],
        "online": [option("online", "1", "")],  # a checkbox: the template has its label
    }  # fmt: skip


@dataclass
class Day:
    date: datetime.date
    in_month: bool
    events: list[Event] = field(default_factory=list)


def month_weeks(*, year: int, month: int) -> list[list[datetime.date]]:
    """The weeks (Monday first) a month view shows, days of the months around included."""
    return calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def month_events(queryset: QuerySet[Event], weeks: list[list[datetime.date]]) -> list[Event]:
    """The events overlapping those weeks (a day of margin on each side for time zones)."""
    start = datetime.datetime.combine(weeks[0][0], datetime.time.min, tzinfo=datetime.UTC)
    end = datetime.datetime.combine(weeks[-1][-1], datetime.time.max, tzinfo=datetime.UTC)
    margin = datetime.timedelta(days=1)
    return list(
        queryset.filter(starts_at__lte=end + margin, ends_at__gte=start - margin).order_by(
            "starts_at", "pk"
        )
    )


def month_grid(
    events: list[Event], weeks: list[list[datetime.date]], month: int
) -> list[list[Day]]:
    """Those weeks, each day with the events under way on it, in each event's own time zone:
    a seminar in São Paulo on the 1st is on the 1st wherever it is read."""
    days = {day: Day(day, day.month == month) for week in weeks for day in week}
    for event in events:
        first = event.starts_at.astimezone(event.zone).date()
        last = event.ends_at.astimezone(event.zone).date()
        day = max(first, weeks[0][0])
        while day <= min(last, weeks[-1][-1]):
            days[day].events.append(event)
            day += datetime.timedelta(days=1)
    return [[days[day] for day in week] for week in weeks]


def programme(event: Event) -> list[tuple[datetime.date, list[Session]]]:
    """The event's sessions by day (in the venue's time zone), each with its speakers and
    their organizations (three queries)."""
    sessions = event.sessions.prefetch_related(
        Prefetch(
            "speaker_roles",
            queryset=SessionSpeaker.objects.select_related("person__organization"),
        )
    ).order_by("starts_at", "pk")
    days: dict[datetime.date, list[Session]] = {}
    for session in sessions:
        session.local_start = session.starts_at.astimezone(event.zone)
        session.local_end = session.ends_at.astimezone(event.zone)
        days.setdefault(session.local_start.date(), []).append(session)
    return list(days.items())


def other_events_of_series(event: Event) -> list[Event]:
    if event.series_id is None:
        return []
    return list(
        public_events().filter(series_id=event.series_id).exclude(pk=event.pk).order_by("starts_at")
    )


def registrations_of(user) -> QuerySet[Registration]:
    """A member's registrations: made with their account, or as a guest with their address
    before they had one."""
    return Registration.objects.filter(Q(user=user) | Q(email=user.email.lower()))
