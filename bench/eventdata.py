"""Deterministic synthetic events for `make bench`: size // 50 events (at least 200), three
quarters past and a quarter upcoming, of every kind and format, organized by 3–8
organizations, most of them in a network (some in a committee's series), with a programme of
5–15 sessions on 1–3 days and their speakers, and registrations: most upcoming published
events take them on the platform (50–300 each, every status, seats counted against the
capacity), as a third of the past ones did.

Dates are days from an anchor, the day of generation: `align_dates` moves a reused data set
forward by whole weeks so that the share of upcoming events stays the same.
"""

import datetime
import math
import random
import uuid
import zoneinfo
from collections.abc import Callable

from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify

from bench import words
from intercambio.common.i18n import field_suffix
from intercambio.events.models import (
    Event,
    EventOrganization,
    EventSeries,
    Registration,
    Session,
    SessionSpeaker,
    language_set,
)
from intercambio.library.models import Resource
from intercambio.network.models import Body, Membership, Network, Organization, Person
from intercambio.taxonomy.models import Theme

BATCH = 2000
EVENTS_PER_ORGANIZATIONS = 50
MIN_EVENTS = 200
UPCOMING_SHARE = 0.25
PAST_DAYS, UPCOMING_DAYS = 4 * 365, 540
LANGUAGES = ("pt-br", "es", "en")
FAMILY_LANGUAGE = {"pt": "pt-br", "es": "es", "fr": "en"}
ZONES = {
    "BR": "America/Sao_Paulo", "AR": "America/Argentina/Buenos_Aires",
    "UY": "America/Montevideo", "PY": "America/Asuncion", "CL": "America/Santiago",
    "BO": "America/La_Paz", "PE": "America/Lima", "CO": "America/Bogota",
    "MX": "America/Mexico_City", "ES": "Europe/Madrid", "PT": "Europe/Lisbon",
    "FR": "Europe/Paris",
}  # fmt: skip
KINDS = [
    ("seminar", 24), ("workshop", 14), ("virtual_meeting", 15), ("conference", 10),
    ("forum", 8), ("annual_meeting", 6), ("consultation", 6), ("technical_mission", 7),
    ("fair", 5), ("summit", 3),
]  # fmt: skip
KIND_NAMES = {
    "seminar": ("Seminário", "Seminario", "Seminar"),
    "workshop": ("Oficina", "Taller", "Workshop"),
    "virtual_meeting": ("Reunião virtual", "Reunión virtual", "Online meeting"),
    "conference": ("Conferência", "Conferencia", "Conference"),
    "forum": ("Fórum", "Foro", "Forum"),
    "annual_meeting": ("Assembleia anual", "Asamblea anual", "Annual meeting"),
    "consultation": ("Consulta pública", "Consulta pública", "Public consultation"),
    "technical_mission": ("Missão técnica", "Misión técnica", "Technical mission"),
    "fair": ("Feira", "Feria", "Fair"),
    "summit": ("Cúpula", "Cumbre", "Summit"),
}
TITLES = [
    ("{kind}: {t1} nas cidades", "{kind}: {t1} en las ciudades", "{kind}: {t1} in cities"),
    ("{kind} sobre {t1} e {t2}", "{kind} sobre {t1} y {t2}", "{kind} on {t1} and {t2}"),
    ("{kind} {city} {year}: {t1}", "{kind} {city} {year}: {t1}", "{kind} {city} {year}: {t1}"),
    ("{kind} de {dept}: {t1}", "{kind} de {dept}: {t1}", "{kind} of {dept} teams: {t1}"),
]  # fmt: skip
DESCRIPTIONS = [
    ("{organizer} convida os governos locais a debater {t1} e {t2}.",
     "{organizer} invita a los gobiernos locales a debatir {t1} y {t2}.",
     "{organizer} invites local governments to discuss {t1} and {t2}."),
    ("O encontro reúne equipes de {dept} para trocar experiências e conhecer práticas premiadas.",
     "El encuentro reúne equipos de {dept} para intercambiar experiencias y conocer prácticas premiadas.",
     "The meeting brings together {dept} teams to exchange experiences and learn from award-winning practices."),
    ("As conclusões alimentarão o plano de trabalho {year} da rede.",
     "Las conclusiones alimentarán el plan de trabajo {year} de la red.",
     "The conclusions will feed into the network's {year} work plan."),
    ("Prefeitos, técnicos e universidades apresentam resultados de {t1} em {city}.",
     "Alcaldes, técnicos y universidades presentan resultados de {t1} en {city}.",
     "Mayors, officials and universities present results on {t1} in {city}."),
]  # fmt: skip
SESSIONS = {
    "plenary": [("Plenária: {t1}", "Plenaria: {t1}", "Plenary: {t1}"),
                ("Balanço e próximos passos", "Balance y próximos pasos",
                 "Taking stock and next steps")],
    "roundtable": [("Mesa-redonda: {t1} e {t2}", "Mesa redonda: {t1} y {t2}",
                    "Roundtable: {t1} and {t2}")],
    "lecture": [("Palestra: o futuro de {t1}", "Conferencia: el futuro de {t1}",
                 "Keynote: the future of {t1}")],
    "showcase": [("Experiências de {city}", "Experiencias de {city}", "Experiences from {city}")],
    "working_session": [("Grupo de trabalho sobre {t2}", "Grupo de trabajo sobre {t2}",
                         "Working group on {t2}")],
}  # fmt: skip
OPENING = ("Abertura oficial", "Apertura oficial", "Official opening")
CLOSING = ("Encerramento e conclusões", "Clausura y conclusiones", "Closing and conclusions")
COFFEE = ("Pausa para o café", "Pausa para el café", "Coffee break")
LUNCH = ("Almoço", "Almuerzo", "Lunch")
SESSION_KINDS = [
    ("roundtable", 30), ("plenary", 15), ("lecture", 15), ("showcase", 20),
    ("working_session", 20),
]  # fmt: skip
MINUTES = {"plenary": 60, "roundtable": 90, "lecture": 45, "showcase": 60, "working_session": 90}
VENUES = {
    "pt": ("Centro de Convenções de {city}", "Paço Municipal de {city}", "Teatro Municipal"),
    "es": ("Centro de Convenciones de {city}", "Palacio Municipal de {city}", "Casa de la Cultura"),
    "fr": ("Hôtel de Ville de {city}", "Palais des Congrès de {city}", "Maison des Associations"),
}  # fmt: skip
STREETS = {"pt": "Avenida Central", "es": "Avenida del Libertador", "fr": "Rue de la République"}
POSITIONS = {
    "pt": ("Prefeita", "Secretário de Planejamento", "Coordenadora técnica", "Pesquisador"),
    "es": ("Alcaldesa", "Secretario de Planificación", "Coordinadora técnica", "Investigador"),
    "fr": ("Maire", "Directeur de l'urbanisme", "Chargée de mission", "Chercheur"),
}  # fmt: skip
STATUSES_UPCOMING = [("published", 88), ("draft", 6), ("postponed", 3), ("cancelled", 3)]
STATUSES_PAST = [("published", 96), ("cancelled", 4)]


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def event_count(size: int) -> int:
    return max(MIN_EVENTS, size // EVENTS_PER_ORGANIZATIONS)


def anchor_day() -> datetime.date:
    return timezone.localdate()


def generate_events(
    *, size: int, seed: int, log: Callable[[str], None] = print
) -> dict[str, int | str]:
    """Create the events of a data set of `size` organizations. Returns the counts and the
    anchor day (ISO) the dates count from."""
    rng = random.Random(seed + 4)
    anchor = anchor_day()
    world = _World.load(rng)
    series = _create_series(world)
    total = event_count(size)
    plans = [_plan(rng, world, index, anchor, series) for index in range(total)]
    counts = {"events": 0, "event_organizations": 0, "sessions": 0, "session_speakers": 0,
              "registrations": 0, "speakers": 0}  # fmt: skip
    slugs: set[str] = set()
    for start in range(0, total, 500):
        _write(rng, world, plans[start : start + 500], counts, slugs)
        log(f"  {counts['events']:>7} events, {counts['sessions']:>7} sessions, "
            f"{counts['registrations']:>7} registrations")  # fmt: skip
    return {**counts, "event_series": len(series), "events_anchor": anchor.isoformat()}


class _World:
    """What the events are drawn from: organizations, networks and their members, bodies,
    themes, documents."""

    @classmethod
    def load(cls, rng: random.Random) -> "_World":
        world = cls()
        world.organizations = {
            pk: (name, country, kind, city)
            for pk, name, country, kind, city in Organization.objects.order_by("pk").values_list(
                "pk", "name", "country", "kind", "city"
            )
        }
        world.organization_ids = list(world.organizations)
        world.municipalities_by_country: dict[str, list[int]] = {}
        for pk, (_name, country, kind, _city) in world.organizations.items():
            if kind == "municipality":
                world.municipalities_by_country.setdefault(country, []).append(pk)
        world.networks = list(Network.objects.order_by("pk"))
        world.members: dict[int, list[int]] = {network.pk: [] for network in world.networks}
        for organization_id, network_id in (
            Membership.objects.filter(until__isnull=True)
            .order_by("pk")
            .values_list("organization_id", "network_id")
        ):
            world.members[network_id].append(organization_id)
        world.bodies: dict[int, list[Body]] = {network.pk: [] for network in world.networks}
        for body in Body.objects.order_by("pk"):
            world.bodies[body.network_id].append(body)
        world.theme_ids = list(
            Theme.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True)
        )
        world.resource_ids = list(
            Resource.objects.filter(status=Resource.Status.PUBLISHED)
            .order_by("pk")
            .values_list("pk", flat=True)[:5000]
        )
        return world

    def name(self, pk: int) -> str:
        return self.organizations[pk][0]

    def country(self, pk: int) -> str:
        return self.organizations[pk][1]


def _create_series(world: _World) -> dict[int, EventSeries]:
    """The annual meeting of each thematic unit or committee, a series of events."""
    rows = []
    for bodies in world.bodies.values():
        for body in bodies:
            names = [getattr(body, f"name_{field_suffix(code)}") for code in LANGUAGES]
            texts = (f"Encontro anual: {names[0]}", f"Encuentro anual: {names[1]}",
                     f"Annual meeting: {names[2]}")  # fmt: skip
            rows.append(
                EventSeries(
                    slug=f"annual-{slugify(body.slug)}-{body.pk}"[:120],
                    body=body,
                    original_language=body.original_language,
                    **{f"name_{field_suffix(code)}": texts[i] for i, code in enumerate(LANGUAGES)},
                )
            )
    EventSeries.objects.bulk_create(rows)
    return {series.body_id: series for series in rows}


def _plan(rng, world: _World, index: int, anchor: datetime.date, series: dict) -> dict:
    """One event's facts, before any row is written."""
    upcoming = rng.random() < UPCOMING_SHARE
    if upcoming:
        offset = 1 + int(UPCOMING_DAYS * rng.random() ** 1.6)  # more in the coming months
    else:
        offset = -1 - int(PAST_DAYS * rng.random() ** 1.3)  # more in the recent years
    first_day = anchor + datetime.timedelta(days=offset)
    while first_day.weekday() > 3:  # Monday to Thursday, as the demo events
        first_day += datetime.timedelta(days=1)
    kind = _weighted(rng, KINDS)
    if kind == "virtual_meeting":
        form = "online"
    else:
        form = _weighted(rng, [("in_person", 60), ("hybrid", 30), ("online", 10)])
    network = rng.choice(world.networks) if rng.random() < 0.85 else None
    members = world.members[network.pk] if network else []
    organizer = rng.choice(members) if members else rng.choice(world.organization_ids)
    country = world.country(organizer)
    hosts = world.municipalities_by_country.get(country) or [organizer]
    host = organizer if world.organizations[organizer][2] == "municipality" else rng.choice(hosts)
    body = None
    if network and world.bodies[network.pk] and rng.random() < 0.5:
        body = rng.choice(world.bodies[network.pk])
    status = _weighted(rng, STATUSES_UPCOMING if upcoming else STATUSES_PAST)
    return {
        "index": index,
        "upcoming": upcoming,
        "first_day": first_day,
        "kind": kind,
        "format": form,
        "network": network,
        "body": body,
        "series": series.get(body.pk) if body and kind == "annual_meeting" else None,
        "organizer": organizer,
        "host": host,
        "country": country,
        "status": status,
    }


def _texts(templates, slots: list[dict]) -> list[str]:
    return [template.format(**slots[i]) for i, template in enumerate(templates)]


def _build_event(rng, world: _World, plan: dict, slugs: set[str]) -> tuple[Event, dict]:
    organizer, host, country = plan["organizer"], plan["host"], plan["country"]
    family = words.COUNTRIES[country][1]
    original = FAMILY_LANGUAGE[family]
    if world.organizations[organizer][2] in {"international", "bank"} and rng.random() < 0.5:
        original = "en"
    city = world.organizations[host][3]
    t1, t2 = rng.sample(words.THEMES, 2)
    department = rng.choice(words.DEPARTMENTS)
    year = plan["first_day"].year
    slots = [
        {"kind": KIND_NAMES[plan["kind"]][i], "t1": t1[i], "t2": t2[i], "dept": department[i],
         "city": city, "year": year, "organizer": world.name(organizer)}
        for i in range(3)
    ]  # fmt: skip
    # An online meeting is not named after a city.
    titles = [t for t in TITLES if "{city}" not in t[2]] if plan["format"] == "online" else TITLES
    title = _texts(rng.choice(titles), slots)
    sentences = [DESCRIPTIONS[0], *rng.sample(DESCRIPTIONS[1:], rng.randint(1, 2))]
    description = [" ".join(s[i].format(**slots[i]) for s in sentences) for i in range(3)]
    translated = {code for code in LANGUAGES if code != original and rng.random() < 0.6}
    present = {original, *translated}
    columns = {}
    for i, code in enumerate(LANGUAGES):
        suffix = field_suffix(code)
        columns[f"title_{suffix}"] = title[i][:250] if code in present else ""
        columns[f"description_{suffix}"] = description[i] if code in present else ""
    base = slugify(title[LANGUAGES.index(original)])[:110].strip("-") or "event"
    if str(year) not in base:
        base = f"{base}-{year}"
    slug, n = base, 1
    while slug in slugs:
        n += 1
        slug = f"{base}-{n}"
    slugs.add(slug)
    floor = {original} | ({rng.choice(LANGUAGES)} if rng.random() < 0.3 else set())
    interpretation = set()
    if rng.random() < 0.4:
        interpretation = {code for code in LANGUAGES if code not in floor and rng.random() < 0.7}
    zone = ZONES[country]
    online = plan["format"] != "in_person"
    venue = address = ""
    if plan["format"] != "online":
        venue = rng.choice(VENUES[family]).format(city=city)
        address = f"{STREETS[family]} {rng.randint(10, 3000)}"
    domain = slugify(world.name(organizer))[:30] or "network"
    event = Event(
        slug=slug,
        status=plan["status"],
        kind=plan["kind"],
        original_language=original,
        time_zone=zone,
        format=plan["format"],
        venue=venue,
        address=address,
        city=city if plan["format"] != "online" else "",
        country=country if plan["format"] != "online" else "",
        online_url=f"https://meet.example.org/{slug[:60]}" if online else "",
        network=plan["network"],
        body=plan["body"],
        series=plan["series"],
        floor_languages=language_set(floor),
        interpretation_languages=language_set(interpretation),
        contact_name="",
        contact_email=f"eventos@{domain}.example.org",
        external_url=f"https://{domain}.example.org/events" if rng.random() < 0.3 else "",
        reminder_days=rng.choice([None, 1, 3, 3, 7]),
        # starts_at, ends_at and registration: from the programme, below.
        starts_at=None,
        ends_at=None,
        **columns,
    )
    facts = {"slots": slots, "present": present, "original": original, "family": family,
             "zone": zoneinfo.ZoneInfo(zone)}  # fmt: skip
    return event, facts


def _programme(rng, event: Event, plan: dict, facts: dict) -> list[Session]:
    """5–15 sessions on 1–3 days, 09:00 onwards in the venue's time, with breaks."""
    count = rng.randint(5, 7) if plan["kind"] == "virtual_meeting" else rng.randint(5, 15)
    days = 1 if plan["kind"] == "virtual_meeting" else max(rng.randint(1, 3), math.ceil(count / 7))
    per_day = [count // days + (1 if d < count % days else 0) for d in range(days)]
    sessions: list[Session] = []
    rooms = ("Auditório", "Sala 1", "Sala 2", "Plenário") if facts["family"] == "pt" else (
        "Auditorio", "Sala 1", "Sala 2", "Salón de plenos")  # fmt: skip
    slots = facts["slots"]
    for day, number in enumerate(per_day):
        clock = datetime.datetime.combine(
            plan["first_day"] + datetime.timedelta(days=day), datetime.time(9, 0),
            tzinfo=facts["zone"],
        )  # fmt: skip
        for position in range(number):
            first, last = day == 0 and position == 0, day == days - 1 and position == number - 1
            if first:
                kind, texts, minutes = "plenary", OPENING, 45
            elif last:
                kind, texts, minutes = "plenary", CLOSING, 45
            elif position and position % 3 == 0:
                lunch = clock.hour >= 12
                kind, texts, minutes = "break", LUNCH if lunch else COFFEE, 60 if lunch else 30
            else:
                kind = _weighted(rng, SESSION_KINDS)
                texts, minutes = rng.choice(SESSIONS[kind]), MINUTES[kind]
            title = _texts(texts, slots)
            columns = {
                f"title_{field_suffix(code)}": title[i][:250] if code in facts["present"] else ""
                for i, code in enumerate(LANGUAGES)
            }
            end = clock + datetime.timedelta(minutes=minutes)
            sessions.append(
                Session(
                    event=event,
                    kind=kind,
                    original_language=facts["original"],
                    starts_at=clock,
                    ends_at=end,
                    room="" if event.format == "online" else rng.choice(rooms),
                    language="" if kind == "break" else facts["original"],
                    interpretation_languages=event.interpretation_languages,
                    **columns,
                )
            )
            clock = end + datetime.timedelta(minutes=rng.choice([0, 0, 15]))
    return sessions


def _roles(rng, world: _World, plan: dict) -> list[tuple[int, str]]:
    """3–8 (organization, role): the organizer first, co-organizers, the host city of an event
    held somewhere, supporters and sometimes a sponsor."""
    wanted = rng.randint(3, 8)
    network = plan["network"]
    pool = world.members[network.pk] if network else world.organization_ids
    chosen = [(plan["organizer"], "organizer")]
    if plan["format"] != "online" and plan["host"] != plan["organizer"]:
        chosen.append((plan["host"], "host_city"))
    roles = ["co_organizer"] * rng.randint(0, 2) + ["sponsor"] * (rng.random() < 0.3)
    roles += ["supporter"] * max(0, wanted - len(chosen) - len(roles))
    taken = {pk for pk, _role in chosen}
    for role in roles[: max(0, wanted - len(chosen))]:
        source = world.organization_ids if role == "sponsor" or not pool else pool
        for _attempt in range(10):
            pk = rng.choice(source)
            if pk not in taken:
                taken.add(pk)
                chosen.append((pk, role))
                break
    return chosen


def _person(rng, world: _World, organization_id: int, public: bool) -> Person:
    family = words.COUNTRIES[world.country(organization_id)][1]
    name = f"{rng.choice(words.FIRST_NAMES[family])} {rng.choice(words.LAST_NAMES[family])}"
    return Person(
        name=name,
        position=rng.choice(POSITIONS[family]),
        organization_id=organization_id,
        email=f"{slugify(name)}@example.org",
        visibility=Person.Visibility.PUBLIC if public else Person.Visibility.MEMBERS,
    )


def _registration_settings(rng, event: Event, plan: dict, now: datetime.datetime) -> None:
    """Most upcoming published events and a third of the past ones take registrations; some with
    a capacity, an approval step, a quota per organization or a closing date."""
    enabled_share = 0.75 if plan["upcoming"] else 0.35
    if event.status == "draft" or rng.random() >= enabled_share:
        return
    event.registration_enabled = True
    if rng.random() < 0.6 and event.format != "online":
        event.capacity_in_person = rng.choice([60, 80, 100, 120, 150, 200, 250])
    if rng.random() < 0.5 and event.format != "in_person":
        event.capacity_online = rng.choice([100, 200, 300, 500])
    event.requires_approval = rng.random() < 0.15
    if rng.random() < 0.1:
        event.quota_per_organization = rng.choice([3, 5])
    if rng.random() < 0.3:
        event.registration_closes_at = event.starts_at - datetime.timedelta(days=2)
    opens = event.starts_at - datetime.timedelta(days=rng.choice([45, 60, 90]))
    # Opening dates in the future are few: most upcoming events are open now.
    if rng.random() < 0.4 and (opens <= now or rng.random() < 0.2):
        event.registration_opens_at = opens


def _registrations(rng, world: _World, event: Event, plan: dict, now) -> list[Registration]:
    """50–300 registrations in every status, the seats never over the capacity."""
    if not event.registration_enabled or event.status != "published":
        return []
    if event.registration_opens_at and event.registration_opens_at > now:
        return []  # not open yet
    count = rng.randint(50, 300)
    pool = world.members[plan["network"].pk] if plan["network"] else world.organization_ids
    floor = event.floor_language_list + event.interpretation_language_list
    taken = {"in_person": 0, "online": 0}
    per_organization: dict[int, int] = {}
    rows = []
    started = event.registration_opens_at or (event.starts_at - datetime.timedelta(days=60))
    started = min(started, now) if plan["upcoming"] else started
    span = max((min(now, event.starts_at) - started).total_seconds(), 3600.0)
    for n in range(count):
        if rng.random() < 0.75 and pool:
            organization_id = rng.choice(pool)
            quota = event.quota_per_organization
            if quota and per_organization.get(organization_id, 0) >= quota:
                organization_id = None
        else:
            organization_id = None
        country = world.country(organization_id) if organization_id else rng.choice(
            list(words.COUNTRIES))  # fmt: skip
        family = words.COUNTRIES[country][1]
        first, last = rng.choice(words.FIRST_NAMES[family]), rng.choice(words.LAST_NAMES[family])
        if organization_id:
            per_organization[organization_id] = per_organization.get(organization_id, 0) + 1
        attendance = {"in_person": "in_person", "online": "online"}.get(event.format) or (
            "online" if rng.random() < 0.4 else "in_person"
        )
        language = FAMILY_LANGUAGE[family]
        if language not in floor and floor and rng.random() < 0.5:
            language = rng.choice(floor)
        at = started + datetime.timedelta(seconds=span * n / count)
        registration = Registration(
            event=event,
            token=uuid.UUID(int=rng.getrandbits(128), version=4),
            attendance=attendance,
            name=f"{first} {last}",
            email=f"{_ascii(first)}.{_ascii(last)}.{n}@{country.lower()}.example.org",
            organization_id=organization_id,
            organization_name="" if organization_id else f"Instituto {last}",
            position=rng.choice(POSITIONS[family]) if rng.random() < 0.7 else "",
            country=country,
            language=language,
            needs_interpretation=bool(event.interpretation_languages) and rng.random() < 0.2,
            accessibility_needs="Cadeira de rodas" if rng.random() < 0.02 else "",
            consented_at=at,
            listed_publicly=rng.random() < 0.3,
        )
        _status(rng, event, registration, plan, taken, at)
        rows.append(registration)
    return rows


_ASCII: dict[str, str] = {}


def _ascii(name: str) -> str:
    """The name as in an e-mail address (slugify, remembered: it is asked for every row)."""
    if name not in _ASCII:
        _ASCII[name] = slugify(name)
    return _ASCII[name]


def _status(rng, event: Event, registration: Registration, plan: dict, taken, at) -> None:
    Status = Registration.Status
    roll = rng.random()
    if plan["upcoming"] and roll < 0.08:
        registration.status = Status.AWAITING_EMAIL
        return
    if roll < 0.14:
        registration.status, registration.cancelled_at = Status.CANCELLED, at
        return
    if event.requires_approval and roll < 0.17:
        registration.status = Status.DECLINED
        return
    limit = (event.capacity_online if registration.attendance == "online"
             else event.capacity_in_person)  # fmt: skip
    if limit is not None and taken[registration.attendance] >= limit:
        registration.status, registration.waitlisted_at = Status.WAITLISTED, at
        return
    taken[registration.attendance] += 1
    if event.requires_approval and plan["upcoming"] and rng.random() < 0.4:
        registration.status = Status.AWAITING_APPROVAL
        return
    registration.status, registration.confirmed_at = Status.CONFIRMED, at
    if not plan["upcoming"] and rng.random() < 0.75:
        registration.checked_in_at = event.starts_at


def _write(rng, world: _World, plans: list[dict], counts: dict, slugs: set[str]) -> None:
    """One batch of events with everything that hangs from them."""
    now = timezone.now()
    built, chosen_roles, people = [], [], []
    for plan in plans:
        event, facts = _build_event(rng, world, plan, slugs)
        sessions = _programme(rng, event, plan, facts)
        event.starts_at, event.ends_at = sessions[0].starts_at, sessions[-1].ends_at
        _registration_settings(rng, event, plan, now)
        chosen = _roles(rng, world, plan)
        speakers = [_person(rng, world, rng.choice(chosen)[0], rng.random() < 0.6)
                    for _ in range(rng.randint(3, 8))]  # fmt: skip
        event.contact_name = speakers[0].name
        built.append((plan, event, facts, sessions))
        chosen_roles.append(chosen)
        people.append(speakers)
    Event.objects.bulk_create([event for _plan, event, _facts, _sessions in built])

    roles, themes, goals, resources = [], [], [], []
    for (_plan, event, _facts, _sessions), chosen in zip(built, chosen_roles, strict=True):
        roles += [EventOrganization(event=event, organization_id=pk, role=role, order=order)
                  for order, (pk, role) in enumerate(chosen)]  # fmt: skip
        themes += [Event.themes.through(event_id=event.pk, theme_id=t)
                   for t in rng.sample(world.theme_ids, rng.randint(1, 3))]  # fmt: skip
        goals += [Event.goals.through(event_id=event.pk, goal_id=g)
                  for g in rng.sample(range(1, 18), rng.randint(0, 2))]  # fmt: skip
        if world.resource_ids and rng.random() < 0.2:
            resources += [Event.resources.through(event_id=event.pk, resource_id=r)
                          for r in rng.sample(world.resource_ids,
                                              min(len(world.resource_ids), rng.randint(1, 3)))]  # fmt: skip
    EventOrganization.objects.bulk_create(roles, batch_size=BATCH)
    Person.objects.bulk_create([p for group in people for p in group], batch_size=BATCH)
    Event.themes.through.objects.bulk_create(themes, batch_size=BATCH)
    Event.goals.through.objects.bulk_create(goals, batch_size=BATCH)
    Event.resources.through.objects.bulk_create(resources, batch_size=BATCH)

    all_sessions = [session for _p, _event, _f, sessions in built for session in sessions]
    Session.objects.bulk_create(all_sessions, batch_size=BATCH)
    speakers = []
    for (_plan, _event, _facts, sessions), pool in zip(built, people, strict=True):
        for session in sessions:
            if session.kind == "break":
                continue
            chosen = rng.sample(pool, min(len(pool), 1 if session.kind == "lecture"
                                          else rng.randint(1, 4)))  # fmt: skip
            speakers += [SessionSpeaker(session_id=session.pk, person_id=person.pk, order=i)
                         for i, person in enumerate(chosen)]  # fmt: skip
    SessionSpeaker.objects.bulk_create(speakers, batch_size=BATCH)

    registrations = []
    for plan, event, _facts, _sessions in built:
        registrations += _registrations(rng, world, event, plan, now)
    Registration.objects.bulk_create(registrations, batch_size=BATCH)

    counts["events"] += len(built)
    counts["event_organizations"] += len(roles)
    counts["speakers"] += sum(len(group) for group in people)
    counts["sessions"] += len(all_sessions)
    counts["session_speakers"] += len(speakers)
    counts["registrations"] += len(registrations)


def align_dates(anchor: str | None) -> dict | None:
    """Move every event (sessions, registration dates, registrations) forward by the whole
    weeks since `anchor`, the day the data set was generated. Returns the new anchor and the
    shift, or None when nothing moved."""
    if not anchor:
        return None
    weeks = (anchor_day() - datetime.date.fromisoformat(anchor)).days // 7
    if weeks <= 0:
        return None
    shift = datetime.timedelta(weeks=weeks)
    moved = {}
    for model, columns in (
        (Event, ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")),
        (Session, ("starts_at", "ends_at")),
        (Registration, ("consented_at", "waitlisted_at", "confirmed_at", "cancelled_at",
                        "checked_in_at", "reminded_at")),
    ):  # fmt: skip
        # Nullable columns stay null (NULL + interval is NULL).
        moved[model.__name__] = model.objects.update(**{c: F(c) + shift for c in columns})
    new_anchor = datetime.date.fromisoformat(anchor) + shift
    return {"anchor": new_anchor.isoformat(), "shifted_days": shift.days, "rows": moved}


def counts() -> dict[str, int]:
    return {
        "events": Event.objects.count(),
        "events_upcoming": Event.objects.filter(ends_at__gte=timezone.now()).count(),
        "sessions": Session.objects.count(),
        "registrations": Registration.objects.count(),
    }
