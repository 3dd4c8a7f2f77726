"""Deterministic synthetic data: organizations, networks, bodies, roles, memberships, good
practices, the knowledge library, events and a work plan.

Import only after django.setup(). Everything random comes from one random.Random(seed), so
the same size and seed give the same rows (except timestamps) on SQLite and PostgreSQL.
"""

import bisect
import itertools
import random
import time
from collections.abc import Callable
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import Count, Q
from django.utils import timezone, translation
from django.utils.text import slugify

from bench import networks as network_data
from bench import words
from bench.eventdata import generate_events
from bench.library import generate_library
from bench.practices import generate_practices
from bench.workplans import counts as workplan_counts
from bench.workplans import generate_workplans
from bench.workplans import targets as workplan_targets
from intercambio.events.models import Event, Registration, Session
from intercambio.library.models import Lesson, Resource, ResourceFile
from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person
from intercambio.practices.models import Practice

# Bump when the generator changes, so an older generated database is not reused.
# 2: good practices, one per organization; 3: their country; 4: the library (size // 5);
# 5: events (size // 50, at least 200), their programmes and registrations; 6: a work plan
# of 200 activities.
GENERATOR_VERSION = 6
BATCH = 2000
LANGUAGES = ("pt-br", "es", "en")
FAMILY_LANGUAGE = {"pt": "pt-br", "es": "es", "fr": "en"}

# Rough centre and spread of each country, for plausible coordinates.
COORDINATES = {
    "BR": (-14.0, -51.0, 9.0, 9.0), "AR": (-34.0, -64.0, 8.0, 4.0),
    "UY": (-32.8, -56.0, 1.5, 1.5), "PY": (-23.4, -58.4, 2.0, 2.0),
    "CL": (-33.0, -71.0, 10.0, 1.0), "BO": (-16.5, -64.5, 4.0, 4.0),
    "PE": (-9.2, -75.0, 5.0, 3.0), "CO": (4.6, -74.1, 4.0, 3.0),
    "MX": (23.6, -102.5, 6.0, 8.0), "ES": (40.4, -3.7, 3.0, 4.0),
    "PT": (39.5, -8.0, 2.0, 0.8), "FR": (46.6, 2.2, 3.0, 4.0),
}  # fmt: skip
TLD = {
    "BR": "gov.br", "AR": "gob.ar", "UY": "gub.uy", "PY": "gov.py", "CL": "cl", "BO": "gob.bo",
    "PE": "gob.pe", "CO": "gov.co", "MX": "gob.mx", "ES": "es", "PT": "pt", "FR": "fr",
}  # fmt: skip
# Default membership role by kind of organization.
MEMBER_ROLE = {
    "municipality": "member", "association": "associate", "secretariat": "associate",
    "international": "partner", "bank": "partner", "national": "observer", "ngo": "associate",
    "university": "associate", "company": "partner",
}  # fmt: skip


class Weighted:
    """A weighted choice with precomputed cumulative weights (random.choices recomputes them)."""

    def __init__(self, weights: dict) -> None:
        self.items = list(weights)
        self.cumulative = list(itertools.accumulate(weights.values()))

    def pick(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]


COUNTRY_CHOICE = Weighted({code: spec[0] for code, spec in words.COUNTRIES.items()})
KIND_CHOICE = Weighted(words.KIND_WEIGHTS)
REGIONS = {code: sorted({region for _, region in cities}) for code, cities in words.CITIES.items()}


def invented_place(rng: random.Random, family: str) -> str:
    parts = words.PLACE_PARTS[family]
    shape = rng.random()
    if shape < 0.3:
        name = rng.choice(parts["saint"])
    elif shape < 0.6:
        joiner = "-" if family == "fr" else " "
        name = f"{rng.choice(parts['head'])}{joiner}{rng.choice(parts['core'])}"
    else:
        name = rng.choice(parts["native_a"]) + rng.choice(parts["native_b"])
    if rng.random() < 0.35:
        name += ("-" if family == "fr" else " ") + rng.choice(parts["tail"])
    return name


def place(rng: random.Random, country: str) -> tuple[str, str, bool]:
    """A (city, region, is_real) in the country: a real city a quarter of the time."""
    if rng.random() < 0.25:
        city, region = rng.choice(words.CITIES[country])
        return city, region, True
    family = words.COUNTRIES[country][1]
    return invented_place(rng, family), rng.choice(REGIONS[country]), False


def organization_name(rng: random.Random, kind: str, country: str, city: str, region: str) -> str:
    if kind == "municipality":
        template = rng.choice(words.MUNICIPALITY_NAMES[country])
    else:
        family = words.COUNTRIES[country][1]
        template = rng.choice(words.OTHER_NAMES[kind][family])
    core = rng.choice(words.PLACE_PARTS[words.COUNTRIES[country][1]]["core"])
    return template.format(city=city, region=region, core=core)


def short_name(name: str) -> str:
    initials = "".join(word[0] for word in name.split() if word[:1].isupper())
    return initials if 2 <= len(initials) <= 8 else ""


def number(value: int, language: str) -> str:
    text = f"{value:,}"
    return text if language == "en" else text.replace(",", ".")


def descriptions(
    rng: random.Random, *, name: str, kind: str, country: str, city: str, region: str,
    population: int | None,
) -> tuple[str, str, str]:  # fmt: skip
    """The same 2–4 sentences in pt-br, es and en, built from parallel templates."""
    if kind == "municipality":
        opening = rng.choice(words.MUNICIPALITY_OPENINGS)
    else:
        opening = rng.choice(words.OTHER_OPENINGS)
    sentences = [opening, *rng.sample(words.SENTENCES, rng.randint(1, 3))]
    t1, t2 = rng.sample(words.THEMES, 2)
    department = rng.choice(words.DEPARTMENTS)
    programme = rng.choice(words.PROGRAMMES[words.COUNTRIES[country][1]])
    year = rng.randint(1998, 2025)
    families = rng.randint(120, 48_000)
    texts = []
    for index, language in enumerate(LANGUAGES):
        slots = {
            "name": name,
            "city": city,
            "region": region,
            "country": words.COUNTRIES[country][2][index],
            "t1": t1[index],
            "t2": t2[index],
            "dept": department[index],
            "programme": programme,
            "year": year,
            "population": number(population or 0, language),
            "n": number(families, language),
        }
        texts.append(" ".join(sentence[index].format(**slots) for sentence in sentences))
    return tuple(texts)


class SlugMaker:
    def __init__(self) -> None:
        self.used: set[str] = set()

    def __call__(self, text: str, max_length: int = 120) -> str:
        base = slugify(text)[: max_length - 8].strip("-")
        slug, n = base, 1
        while slug in self.used:
            n += 1
            slug = f"{base}-{n}"
        self.used.add(slug)
        return slug


def build_organization(rng: random.Random, slugs: SlugMaker) -> Organization:
    country = COUNTRY_CHOICE.pick(rng)
    kind = KIND_CHOICE.pick(rng)
    city, region, is_real = place(rng, country)
    name = organization_name(rng, kind, country, city, region)
    population = None
    if kind == "municipality":
        mu = 13.0 if is_real else 10.2
        population = max(800, min(int(rng.lognormvariate(mu, 1.1)), 22_000_000))
    family = words.COUNTRIES[country][1]
    original = FAMILY_LANGUAGE[family]
    if kind in {"international", "bank"} and rng.random() < 0.5:
        original = "en"
    texts = descriptions(
        rng, name=name, kind=kind, country=country, city=city, region=region,
        population=population,
    )  # fmt: skip
    # The original text is always there; each translation exists three times out of four.
    text = {
        language: value if language == original or rng.random() < 0.75 else ""
        for language, value in zip(LANGUAGES, texts, strict=True)
    }
    slug = slugs(name)
    lat, lon, dlat, dlon = COORDINATES[country]
    website = ""
    if rng.random() < 0.6:
        host = slugify(city) if kind == "municipality" else slug[:40]
        website = (
            f"https://www.{host}.{TLD[country]}"
            if kind == "municipality"
            else (f"https://{host}.org")
        )
    return Organization(
        slug=slug,
        kind=kind,
        name=name,
        short_name=short_name(name) if kind in {"association", "university", "bank"} else "",
        country=country,
        region=region,
        city=city,
        population=population,
        website=website,
        latitude=Decimal(f"{lat + rng.uniform(-dlat, dlat):.5f}"),
        longitude=Decimal(f"{lon + rng.uniform(-dlon, dlon):.5f}"),
        original_language=original,
        description_pt_br=text["pt-br"],
        description_es=text["es"],
        description_en=text["en"],
    )


def network_plan(rng: random.Random, organization: Organization) -> list[str]:
    """Slugs of the networks the organization belongs to (most belong to at least one)."""
    latin = organization.country in words.LATIN_AMERICA
    municipal = organization.kind == "municipality"
    chosen = []
    if latin and rng.random() < (0.8 if municipal else 0.35):
        chosen.append("mercociudades")
    if rng.random() < (0.35 if municipal else 0.2):
        chosen.append("uclg")
    if rng.random() < (0.25 if not latin else 0.04):
        chosen.append("cc4dr")
    if not chosen and rng.random() < 0.8:
        chosen.append("uclg")
    return chosen


def random_date(rng: random.Random, first_year: int, last_year: int = 2025) -> date:
    return date(rng.randint(first_year, last_year), rng.randint(1, 12), 1)


def generate(*, size: int, seed: int, log: Callable[[str], None] = print) -> dict[str, int]:
    """Write the whole data set in one transaction; the database must hold no network rows."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with translation.override("en"), transaction.atomic():
        networks = _create_networks()
        bodies = _create_bodies(networks)
        pools, membership_count = _create_organizations(rng, size, networks, log)
        _assign_network_offices(rng, networks, pools)
        roles = _create_body_roles(rng, bodies, pools)
        _create_contacts(rng, bodies)
        practices = generate_practices(size=size, seed=seed, log=log)
        library = generate_library(size=size, seed=seed, log=log)
        events = generate_events(size=size, seed=seed, log=log)
        workplans = generate_workplans(seed=seed, log=log)
    if connection.vendor == "postgresql":
        # After a bulk load autovacuum would soon do this; measure the steady state.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    elif connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    log(f"  generated in {time.perf_counter() - started:.1f} s")
    return {
        "organizations": size,
        "memberships": membership_count,
        "networks": len(networks),
        "bodies": len(bodies),
        "body_roles": roles,
        "practices": practices,
        **library,
        **events,
        **workplans,
    }


def _create_networks() -> dict[str, Network]:
    rows = []
    for spec in network_data.NETWORKS:
        names, texts = spec["name"], spec["description"]
        rows.append(
            Network(
                slug=spec["slug"],
                acronym=spec["acronym"],
                founded=spec["founded"],
                website=spec["website"],
                original_language=spec["original_language"],
                **{f"name_{code.replace('-', '_')}": names[i] for i, code in enumerate(LANGUAGES)},
                **{
                    f"description_{code.replace('-', '_')}": texts[i]
                    for i, code in enumerate(LANGUAGES)
                },
            )
        )
    Network.objects.bulk_create(rows)
    return {network.slug: network for network in rows}


def _create_bodies(networks: dict[str, Network]) -> list[Body]:
    rows = []
    for spec in network_data.NETWORKS:
        network = networks[spec["slug"]]
        original = LANGUAGES.index(spec["original_language"])
        for names in spec["bodies"]:
            texts = [
                template.format(name_pt=names[0].lower(), name_es=names[1].lower(),
                                name_en=names[2].lower())
                for template in network_data.BODY_DESCRIPTIONS
            ]  # fmt: skip
            rows.append(
                Body(
                    network=network,
                    slug=slugify(names[original]),
                    kind=spec["body_kind"],
                    original_language=spec["original_language"],
                    **{f"name_{c.replace('-', '_')}": names[i] for i, c in enumerate(LANGUAGES)},
                    **{
                        f"description_{c.replace('-', '_')}": texts[i]
                        for i, c in enumerate(LANGUAGES)
                    },
                )
            )
    Body.objects.bulk_create(rows)
    return rows


def _create_organizations(
    rng: random.Random, size: int, networks: dict[str, Network], log: Callable[[str], None]
) -> tuple[dict[str, list[int]], int]:
    """Organizations and their memberships, in batches. Returns the municipalities of each
    network (candidates for offices and body roles) and the number of memberships."""
    slugs = SlugMaker()
    pools: dict[str, list[int]] = {slug: [] for slug in networks}
    membership_count = 0
    done = 0
    while done < size:
        batch = [build_organization(rng, slugs) for _ in range(min(BATCH, size - done))]
        Organization.objects.bulk_create(batch, batch_size=BATCH)
        memberships = []
        for organization in batch:
            for slug in network_plan(rng, organization):
                network = networks[slug]
                since = random_date(rng, max(network.founded, 1995))
                until = None
                if rng.random() < 0.04:
                    until = date(min(since.year + rng.randint(1, 8), 2025), 12, 31)
                memberships.append(
                    Membership(
                        organization_id=organization.pk,
                        network=network,
                        role=MEMBER_ROLE[organization.kind],
                        since=since,
                        until=until,
                    )
                )
                if organization.kind == "municipality" and until is None:
                    pools[slug].append(organization.pk)
        Membership.objects.bulk_create(memberships, batch_size=BATCH)
        membership_count += len(memberships)
        done += len(batch)
        if done % 20_000 == 0 or done == size:
            log(f"  {done:>7} organizations, {membership_count:>7} memberships")
    return pools, membership_count


def _assign_network_offices(
    rng: random.Random, networks: dict[str, Network], pools: dict[str, list[int]]
) -> None:
    for slug, network in networks.items():
        pool = pools[slug]
        offices = ["presidency"] + ["vice_presidency"] * 3 + ["executive_secretariat"]
        offices += ["council"] * 8
        for role, organization_id in zip(
            offices, rng.sample(pool, min(len(pool), len(offices))), strict=False
        ):
            Membership.objects.filter(network=network, organization_id=organization_id).update(
                role=role
            )  # fmt: skip


def _create_body_roles(rng: random.Random, bodies: list[Body], pools: dict[str, list[int]]) -> int:
    role_names = {spec["slug"]: spec["roles"] for spec in network_data.NETWORKS}
    rows = []
    for body in bodies:
        lead, deputy = role_names[body.network.slug]
        pool = pools[body.network.slug]
        for start, end in network_data.TERMS:
            count = min(len(pool), rng.randint(1, 3) + 1 + rng.randint(6, 18))
            chosen = rng.sample(pool, count)
            for index, organization_id in enumerate(chosen):
                role = lead if index == 0 else deputy if index <= 3 else "member"
                rows.append(
                    BodyRole(
                        body=body,
                        organization_id=organization_id,
                        role=role,
                        note="",
                        term_start=date.fromisoformat(start),
                        term_end=date.fromisoformat(end) if end else None,
                    )
                )
    BodyRole.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _create_contacts(rng: random.Random, bodies: list[Body]) -> None:
    """One public contact per body, at the organization coordinating its current term."""
    current = date.fromisoformat(network_data.TERMS[-1][0])
    people = []
    for body in bodies:
        lead = (
            BodyRole.objects.filter(body=body, term_start=current)
            .order_by("id")
            .values_list("organization_id", "organization__country")
            .first()
        )
        if lead is None:
            continue
        family = words.COUNTRIES[lead[1]][1]
        name = f"{rng.choice(words.FIRST_NAMES[family])} {rng.choice(words.LAST_NAMES[family])}"
        people.append(
            (
                body,
                Person(
                    name=name,
                    position="Coordination",
                    organization_id=lead[0],
                    email=f"{slugify(name)}@example.org",
                    visibility=Person.Visibility.PUBLIC,
                ),
            )
        )
    Person.objects.bulk_create([person for _, person in people])
    Body.contacts.through.objects.bulk_create(
        [Body.contacts.through(body_id=body.pk, person_id=person.pk) for body, person in people]
    )


def counts() -> dict[str, int]:
    return {
        "organizations": Organization.objects.count(),
        "memberships": Membership.objects.count(),
        "networks": Network.objects.count(),
        "bodies": Body.objects.count(),
        "body_roles": BodyRole.objects.count(),
        "practices": Practice.objects.count(),
        "library_resources": Resource.objects.count(),
        "library_published": Resource.objects.filter(status="published").count(),
        "library_files": ResourceFile.objects.count(),
        "library_lessons": Lesson.objects.count(),
        "events": Event.objects.count(),
        "sessions": Session.objects.count(),
        "registrations": Registration.objects.count(),
        **workplan_counts(),
    }


def targets() -> dict[str, str]:
    """Records the scenarios visit: the largest network, its first body, and the
    organization coordinating that body now (a page with networks, roles and a contact)."""
    network = Network.objects.get(slug="mercociudades")
    body = Body.objects.filter(network=network).order_by("id").first()
    role = BodyRole.objects.filter(body=body).order_by("-term_start", "id").first()
    if role is None:  # tiny data sets: any organization will do
        organization = Organization.objects.order_by("id").first()
    else:
        organization = role.organization
    # A published practice with translations and related practices, as visitors mostly see.
    practice = (
        Practice.objects.filter(status="published")
        .exclude(translation_status={})
        .order_by("id")
        .values_list("slug", flat=True)
        .first()
    ) or Practice.objects.order_by("id").values_list("slug", flat=True).first()
    # A published document read from a file (excerpt shown), translated, with related
    # documents; and a published training module (its lessons).
    documents = Resource.objects.filter(status="published").order_by("id")
    resource = (
        documents.filter(files__state="ready", languages__contains="|en|")
        .exclude(kind="training")
        .exclude(original_language="en")
        .values_list("slug", flat=True)
        .first()
    ) or documents.values_list("slug", flat=True).first()
    module = (
        documents.filter(kind="training", files__state="ready")
        .values_list("slug", flat=True)
        .first()
    ) or resource
    return {
        "network": network.slug,
        "body": body.slug,
        "organization": organization.slug,
        "practice": practice or "",
        "resource": resource or "",
        "module": module or "",
        **event_targets(),
        **workplan_targets(),
    }


def event_targets() -> dict[str, str]:
    """{event}: an upcoming event open for registration with the fullest programme (then the
    most registrations); {event_network}: its network, whose calendar feed is measured;
    {event_month}: the coming month with the most events (the month view)."""
    now = timezone.now()
    public = Event.objects.filter(status__in=Event.PUBLIC_STATUSES)
    open_now = (
        public.filter(status=Event.Status.PUBLISHED, registration_enabled=True, starts_at__gt=now)
        .filter(Q(registration_opens_at__isnull=True) | Q(registration_opens_at__lte=now))
        .filter(Q(registration_closes_at__isnull=True) | Q(registration_closes_at__gt=now))
    )
    candidates = list(open_now.values_list("pk", "slug", "network__slug"))
    # order_by(): a translated model's default ordering would otherwise join the GROUP BY.
    sessions = _count_by_event(Session.objects.filter(event__in=open_now))
    registrations = _count_by_event(Registration.objects.filter(event__in=open_now))
    candidates.sort(
        key=lambda row: (-sessions.get(row[0], 0), -registrations.get(row[0], 0), row[0])
    )
    if not candidates:  # no event open now (a tiny data set): any upcoming, else any event
        candidates = list(
            (public.filter(ends_at__gte=now) or public or Event.objects.all())
            .order_by("starts_at", "pk").values_list("pk", "slug", "network__slug")[:1]
        )  # fmt: skip
    _pk, event, event_network = candidates[0] if candidates else (None, "", "")
    months: dict[str, int] = {}
    zone = timezone.get_current_timezone()
    for starts_at in public.filter(ends_at__gte=now).values_list("starts_at", flat=True):
        month = starts_at.astimezone(zone).strftime("%Y-%m")
        months[month] = months.get(month, 0) + 1
    busiest = min(months.items(), key=lambda item: (-item[1], item[0]))[0] if months else ""
    return {
        "event": event,
        "event_network": event_network or "mercociudades",
        "event_month": busiest or timezone.localdate().strftime("%Y-%m"),
    }


def _count_by_event(queryset) -> dict[int, int]:
    rows = queryset.order_by().values("event").annotate(n=Count("pk")).values_list("event", "n")
    return dict(rows)
