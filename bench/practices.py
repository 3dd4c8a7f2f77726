"""Deterministic synthetic good practices for `make bench`: one per organization by default,
owned by municipalities, written in the owner's language, a third translated, with themes,
SDGs and the review statuses a real network has (most published)."""

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bench import words
from intercambio.common.i18n import field_suffix
from intercambio.network.models import Membership, Organization
from intercambio.practices.models import Practice
from intercambio.taxonomy.models import Theme

BATCH = 2000
LANGUAGES = ("pt-br", "es", "en")
FAMILY_LANGUAGE = {"pt": "pt-br", "es": "es", "fr": "en"}
STATUSES = [("published", 94), ("submitted", 3), ("draft", 2), ("changes_requested", 1)]
STAGES = [("implemented", 45), ("scaled", 20), ("pilot", 20), ("idea", 8), ("discontinued", 7)]

# Parallel templates: the same sentence in pt-br, es and en.
TITLES = [
    ("{programme}: {t1} nos bairros de {city}", "{programme}: {t1} en los barrios de {city}",
     "{programme}: {t1} in the neighbourhoods of {city}"),
    ("{t1} e {t2} em {city}", "{t1} y {t2} en {city}", "{t1} and {t2} in {city}"),
    ("Como {city} levou {t1} a todos os bairros", "Cómo {city} llevó {t1} a todos los barrios",
     "How {city} took {t1} to every neighbourhood"),
    ("Rede municipal de {t1}", "Red municipal de {t1}", "A municipal network for {t1}"),
]  # fmt: skip
SUMMARIES = [
    ("A secretaria de {dept} de {city} criou o programa {programme} para {t1}, com {n} famílias atendidas.",
     "La secretaría de {dept} de {city} creó el programa {programme} para {t1}, con {n} familias atendidas.",
     "The {dept} department of {city} created the {programme} programme for {t1}, reaching {n} families."),
    ("Desde {year}, {city} combina {t1} e {t2} num plano com metas públicas.",
     "Desde {year}, {city} combina {t1} y {t2} en un plan con metas públicas.",
     "Since {year}, {city} has combined {t1} and {t2} in a plan with public targets."),
]  # fmt: skip
SECTIONS = {
    "context": [
        ("Em {year}, os bairros periféricos de {city} tinham pouco acesso a {t1}.",
         "En {year}, los barrios periféricos de {city} tenían poco acceso a {t1}.",
         "In {year}, the outlying neighbourhoods of {city} had little access to {t1}."),
    ],
    "actions": [
        ("- Diagnóstico participativo com moradores\n- Equipe de {dept} em cada distrito\n"
         "- Convênios com universidades e organizações sociais",
         "- Diagnóstico participativo con vecinos\n- Equipo de {dept} en cada distrito\n"
         "- Convenios con universidades y organizaciones sociales",
         "- A participatory assessment with residents\n- A {dept} team in every district\n"
         "- Agreements with universities and community organisations"),
    ],
    "results": [
        ("Em três anos, {n} famílias participaram e os indicadores de {t2} melhoraram.",
         "En tres años, {n} familias participaron y los indicadores de {t2} mejoraron.",
         "In three years, {n} families took part and the {t2} indicators improved."),
    ],
    "lessons": [
        ("O apoio político e uma equipe técnica estável foram decisivos; o modelo serve a cidades médias.",
         "El apoyo político y un equipo técnico estable fueron decisivos; el modelo sirve a ciudades medianas.",
         "Political backing and a stable technical team were decisive; the model suits mid-sized cities."),
    ],
}  # fmt: skip


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def generate_practices(*, size: int, seed: int, log: Callable[[str], None] = print) -> int:
    """Create `size` practices owned by the generated municipalities. Returns the count."""
    rng = random.Random(seed + 1)
    owners = list(
        Organization.objects.filter(kind="municipality")
        .order_by("pk")
        .values_list("pk", "name", "city", "country")
    )
    networks_of: dict[int, list[int]] = {}
    for organization_id, network_id in Membership.objects.values_list(
        "organization_id", "network_id"
    ):
        networks_of.setdefault(organization_id, []).append(network_id)
    theme_ids = list(Theme.objects.filter(parent__isnull=False).values_list("pk", flat=True))
    start = datetime(2015, 1, 1, tzinfo=UTC)
    done = 0
    while done < size:
        rows, plans = [], []
        for index in range(done, min(done + BATCH, size)):
            owner_id, _name, city, country = owners[rng.randrange(len(owners))]
            practice, plan = _build(rng, index, owner_id, city, country, start, theme_ids)
            rows.append(practice)
            plans.append(plan)
        Practice.objects.bulk_create(rows, batch_size=BATCH)
        themes, goals, networks = [], [], []
        for practice, (chosen_themes, chosen_goals) in zip(rows, plans, strict=True):
            themes += [
                Practice.themes.through(practice_id=practice.pk, theme_id=t) for t in chosen_themes
            ]
            goals += [
                Practice.goals.through(practice_id=practice.pk, goal_id=g) for g in chosen_goals
            ]
            networks += [Practice.networks.through(practice_id=practice.pk, network_id=n)
                         for n in networks_of.get(practice.organization_id, [])[:1]]  # fmt: skip
        Practice.themes.through.objects.bulk_create(themes, batch_size=BATCH)
        Practice.goals.through.objects.bulk_create(goals, batch_size=BATCH)
        Practice.networks.through.objects.bulk_create(networks, batch_size=BATCH)
        done += len(rows)
        if done % 20_000 == 0 or done == size:
            log(f"  {done:>7} practices")
    return done


def _build(rng, index, owner_id, city, country, start, theme_ids):
    family = words.COUNTRIES[country][1]
    original = FAMILY_LANGUAGE[family]
    # The same facts in every language; only their wording changes.
    t1, t2 = rng.sample(words.THEMES, 2)
    department = rng.choice(words.DEPARTMENTS)
    programme = rng.choice(words.PROGRAMMES[family])
    year, families = rng.randint(1995, 2024), rng.randint(120, 48_000)
    slots = [
        {"city": city, "t1": t1[i], "t2": t2[i], "dept": department[i], "programme": programme,
         "year": year, "n": f"{families:,}".replace(",", "." if i < 2 else ",")}
        for i in range(3)
    ]  # fmt: skip
    title, summary = rng.choice(TITLES), rng.choice(SUMMARIES)
    sections = {name: rng.choice(options) for name, options in SECTIONS.items()}
    translated = {code for code in LANGUAGES if code != original and rng.random() < 0.33}
    columns = {}
    for i, code in enumerate(LANGUAGES):
        present = code == original or code in translated
        suffix = field_suffix(code)
        columns[f"title_{suffix}"] = title[i].format(**slots[i])[:200] if present else ""
        columns[f"summary_{suffix}"] = summary[i].format(**slots[i])[:300] if present else ""
        for name, texts in sections.items():
            columns[f"{name}_{suffix}"] = texts[i].format(**slots[i]) if present else ""
    status = _weighted(rng, STATUSES)
    published_at = start + timedelta(minutes=rng.randrange(60 * 24 * 365 * 11))
    practice = Practice(
        slug=f"practice-{index + 1}",
        organization_id=owner_id,
        country=country,
        original_language=original,
        translation_status={code: "translated" for code in translated},
        status=status,
        featured=status == "published" and rng.random() < 0.002,
        start_year=year,
        stage=_weighted(rng, STAGES),
        published_at=published_at if status == "published" else None,
        submitted_at=published_at - timedelta(days=rng.randint(1, 30))
        if status != "draft"
        else None,
        revalidate_by=(published_at + timedelta(days=365)).date()
        if status == "published"
        else None,
        **columns,
    )
    chosen_themes = rng.sample(theme_ids, rng.randint(1, 3))
    chosen_goals = rng.sample(range(1, 18), rng.randint(1, 3))
    return practice, (chosen_themes, chosen_goals)
