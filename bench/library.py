"""Deterministic synthetic knowledge library for `make bench`: one published document per five
organizations (20 000 at the default size) plus a few drafts, submissions and archived ones,
published by a long tail of organizations (a few publish hundreds), written in the publisher's
language with some translations, filed under themes and SDGs, most with a file already read
("ready": excerpt, page count, detected language; no file on disk, the pages never open it).

The text of the documents (`paragraphs`) also feeds the extraction benchmark (extraction.py).
"""

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from django.utils.text import slugify

from bench import words
from intercambio.common.i18n import field_suffix
from intercambio.library.extract import LIBRARY_TYPES, excerpt
from intercambio.library.models import Lesson, Resource, ResourceFile
from intercambio.network.models import Body, Membership, Organization
from intercambio.practices.models import Practice
from intercambio.taxonomy.models import Theme

BATCH = 2000
LANGUAGES = ("pt-br", "es", "en")
FAMILY_LANGUAGE = {"pt": "pt-br", "es": "es", "fr": "en"}
ORGANIZATIONS_PER_DOCUMENT = 5
UNPUBLISHED_SHARE = 0.04  # drafts, submissions, changes requested, archived: on top
UNPUBLISHED = [("submitted", 40), ("draft", 30), ("changes_requested", 10), ("archived", 20)]
KINDS = [
    ("report", 22), ("guide", 18), ("presentation", 12), ("norm", 10), ("training", 8),
    ("work_plan", 8), ("survey", 6), ("brochure", 6), ("dataset", 4), ("video", 4), ("link", 2),
]  # fmt: skip
LICENCES = [("cc-by-4.0", 60), ("cc-by-sa-4.0", 12), ("cc-by-nc-4.0", 10), ("cc0-1.0", 5),
            ("all-rights-reserved", 13)]  # fmt: skip
# Share of each kind that has a file (the others are a link to the publisher's site).
FILE_SHARE = {"video": 0.1, "link": 0.1, "dataset": 0.6}
DOCUMENT_TYPES = [("pdf", 70), ("docx", 20), ("odt", 10)]
DATA_TYPES = [("xlsx", 70), ("csv", 30)]
# A file's stored text is cut here: enough rows to be realistic without a gigabyte database.
STORED_TEXT_CHARACTERS = 9000
PARAGRAPH_POOL = 400  # paragraphs per language the stored texts are drawn from

ThemeLink = Resource.themes.through
GoalLink = Resource.goals.through
CoPublisher = Resource.co_publishers.through
PracticeLink = Resource.related_practices.through
LINKS = (ThemeLink, GoalLink, CoPublisher, PracticeLink)

# Parallel templates: the same title in pt-br, es and en. Slots: {city} {country} {t1} {t2}
# {dept} {programme} {year} {next}.
TITLES: dict[str, list[tuple[str, str, str]]] = {
    "guide": [
        ("Guia de {t1} para governos locais", "Guía de {t1} para gobiernos locales",
         "A guide to {t1} for local governments"),
        ("Guia prático: {t1} e {t2}", "Guía práctica: {t1} y {t2}", "Practical guide: {t1} and {t2}"),
        ("Como implementar {t1} em cidades médias", "Cómo implementar {t1} en ciudades medianas",
         "How to put {t1} in place in mid-sized cities"),
    ],
    "report": [
        ("Relatório {year}: {t1} em {city}", "Informe {year}: {t1} en {city}",
         "{year} report: {t1} in {city}"),
        ("Avaliação do programa {programme}", "Evaluación del programa {programme}",
         "Evaluation of the {programme} programme"),
        ("Estado de {t1} nas cidades de {country}", "Estado de {t1} en las ciudades de {country}",
         "The state of {t1} in the cities of {country}"),
    ],
    "survey": [
        ("Pesquisa sobre {t1} nos municípios de {country}",
         "Encuesta sobre {t1} en los municipios de {country}",
         "Survey of {t1} in the municipalities of {country}"),
        ("Diagnóstico de {t2} em {city} ({year})", "Diagnóstico de {t2} en {city} ({year})",
         "{t2} baseline in {city} ({year})"),
    ],
    "norm": [
        ("Lei municipal de {t1} de {city} ({year})", "Ordenanza de {t1} de {city} ({year})",
         "{city} by-law on {t1} ({year})"),
        ("Decreto que regulamenta {t1} em {city}", "Decreto que reglamenta {t1} en {city}",
         "Decree regulating {t1} in {city}"),
    ],
    "training": [
        ("Curso: introdução a {t1}", "Curso: introducción a {t1}", "Course: an introduction to {t1}"),
        ("Formação em {t1} para equipes de {dept}", "Formación en {t1} para equipos de {dept}",
         "Training in {t1} for {dept} teams"),
    ],
    "presentation": [
        ("Apresentação: {t1} em {city}", "Presentación: {t1} en {city}",
         "Presentation: {t1} in {city}"),
        ("{programme}: resultados e próximos passos", "{programme}: resultados y próximos pasos",
         "{programme}: results and next steps"),
    ],
    "work_plan": [
        ("Plano de trabalho {year}–{next}: {t1}", "Plan de trabajo {year}–{next}: {t1}",
         "Work plan {year}–{next}: {t1}"),
    ],
    "brochure": [
        ("Folheto do programa {programme}", "Folleto del programa {programme}",
         "The {programme} programme leaflet"),
        ("{t1} em {city}: o que muda para você", "{t1} en {city}: qué cambia para usted",
         "{t1} in {city}: what changes for you"),
    ],
    "dataset": [
        ("Dados de {t1} de {city}, {year}", "Datos de {t1} de {city}, {year}",
         "Data on {t1} in {city}, {year}"),
    ],
    "video": [
        ("Vídeo: {city} e {t1}", "Video: {city} y {t1}", "Video: {city} and {t1}"),
    ],
    "link": [
        ("Portal de {t1} de {city}", "Portal de {t1} de {city}", "{city} portal on {t1}"),
    ],
}  # fmt: skip
# Sentences of a description (and of the documents' text). Slots as above plus {org} {n}.
DESCRIPTIONS = [
    ("Este documento reúne a experiência de {org} em {t1}, com recomendações para outros governos locais.",
     "Este documento reúne la experiencia de {org} en {t1}, con recomendaciones para otros gobiernos locales.",
     "This document brings together the experience of {org} with {t1}, with recommendations for other local governments."),
    ("Apresenta os resultados do programa {programme}, que chegou a {n} famílias desde {year}.",
     "Presenta los resultados del programa {programme}, que llegó a {n} familias desde {year}.",
     "It presents the results of the {programme} programme, which has reached {n} families since {year}."),
    ("Inclui indicadores de {t2}, um calendário de atividades e os contatos das equipes de {dept}.",
     "Incluye indicadores de {t2}, un calendario de actividades y los contactos de los equipos de {dept}.",
     "It includes {t2} indicators, a calendar of activities and contacts for the {dept} teams."),
    ("Foi elaborado com a participação de {n} pessoas em oficinas realizadas em {city}.",
     "Fue elaborado con la participación de {n} personas en talleres realizados en {city}.",
     "It was prepared with {n} people taking part in workshops held in {city}."),
    ("Destina-se a equipes técnicas municipais, conselhos e organizações da sociedade civil.",
     "Está dirigido a equipos técnicos municipales, consejos y organizaciones de la sociedad civil.",
     "It is meant for municipal technical teams, councils and civil society organisations."),
    ("A edição de {year} atualiza a metodologia e acrescenta estudos de caso de {country}.",
     "La edición de {year} actualiza la metodología y añade estudios de caso de {country}.",
     "The {year} edition updates the method and adds case studies from {country}."),
]  # fmt: skip
AUDIENCES = [
    ("Servidores municipais da área de {dept}", "Funcionarios municipales del área de {dept}",
     "Municipal staff working in {dept}"),
    ("Conselheiros e lideranças comunitárias", "Consejeros y referentes comunitarios",
     "Council members and community leaders"),
]  # fmt: skip
HEADINGS = [
    ("Introdução", "Introducción", "Introduction"), ("Contexto", "Contexto", "Background"),
    ("Metodologia", "Metodología", "Method"), ("Resultados", "Resultados", "Results"),
    ("Lições aprendidas", "Lecciones aprendidas", "Lessons learnt"),
    ("Recomendações", "Recomendaciones", "Recommendations"),
]  # fmt: skip
BODY_SENTENCES = [
    ("A equipe de {dept} acompanhou cada etapa com visitas mensais aos bairros e reuniões abertas.",
     "El equipo de {dept} acompañó cada etapa con visitas mensuales a los barrios y reuniones abiertas.",
     "The {dept} team followed every stage with monthly visits to the neighbourhoods and open meetings."),
    ("Os dados foram coletados entre {year} e {next} e publicados em formato aberto.",
     "Los datos fueron recogidos entre {year} y {next} y publicados en formato abierto.",
     "The data were collected between {year} and {next} and published in an open format."),
    ("O orçamento do programa cresceu a cada ano, mas a falta de pessoal técnico ainda é o principal obstáculo.",
     "El presupuesto del programa creció cada año, pero la falta de personal técnico sigue siendo el principal obstáculo.",
     "The programme's budget grew every year, but the lack of technical staff is still the main obstacle."),
    ("As escolas, os centros de saúde e as associações de moradores foram os primeiros parceiros.",
     "Las escuelas, los centros de salud y las asociaciones vecinales fueron los primeros socios.",
     "Schools, health centres and residents' associations were the first partners."),
    ("Recomenda-se começar por um projeto piloto pequeno e medir os resultados desde o primeiro dia.",
     "Se recomienda empezar por un proyecto piloto pequeño y medir los resultados desde el primer día.",
     "We recommend starting with a small pilot project and measuring the results from the first day."),
    ("A experiência mostra que a continuidade depende de um acordo entre os partidos no conselho municipal.",
     "La experiencia muestra que la continuidad depende de un acuerdo entre los partidos en el concejo municipal.",
     "Experience shows that continuity depends on an agreement between the parties on the city council."),
]  # fmt: skip
LESSON_TITLES = [
    ("Por que {t1}?", "¿Por qué {t1}?", "Why {t1}?"),
    ("Diagnóstico do território", "Diagnóstico del territorio", "Assessing the territory"),
    ("Ferramentas e metodologias", "Herramientas y metodologías", "Tools and methods"),
    ("Estudo de caso: {city}", "Estudio de caso: {city}", "Case study: {city}"),
    ("Financiamento e parcerias", "Financiamiento y alianzas", "Funding and partnerships"),
    ("Monitoramento de {t2}", "Monitoreo de {t2}", "Monitoring {t2}"),
    ("Plano de ação", "Plan de acción", "Action plan"),
]  # fmt: skip


def _weighted(rng: random.Random, pairs: list[tuple[str, int]]) -> str:
    return rng.choices([value for value, _ in pairs], [weight for _, weight in pairs])[0]


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def slots(
    rng: random.Random, *, country: str, org: str = "", year: int | None = None
) -> list[dict]:
    """Random facts for one text, in each language's wording (pt-br, es, en)."""
    family = words.COUNTRIES[country][1]
    city, region = rng.choice(words.CITIES[country])
    t1, t2 = rng.sample(words.THEMES, 2)
    department = rng.choice(words.DEPARTMENTS)
    programme = rng.choice(words.PROGRAMMES[family])
    year = year or rng.randint(2005, 2025)
    families = rng.randint(120, 48_000)
    return [
        {"city": city, "region": region, "country": words.COUNTRIES[country][2][i],
         "t1": t1[i], "t2": t2[i],
         "dept": department[i], "programme": programme, "year": year, "next": year + 2,
         "org": org or city, "n": f"{families:,}".replace(",", "." if i < 2 else ",")}
        for i in range(3)
    ]  # fmt: skip


def paragraphs(
    rng: random.Random, *, language: str, characters: int, country: str = ""
) -> list[str]:
    """Paragraphs of a document in `language` (headings between sections), about `characters`
    long: the text of the bench's files and of the extraction corpus."""
    index = LANGUAGES.index(language)
    sentences = words.SENTENCES + DESCRIPTIONS + BODY_SENTENCES
    out: list[str] = []
    size = 0
    while size < characters:
        if len(out) % 6 == 0:
            out.append(rng.choice(HEADINGS)[index])
        facts = slots(rng, country=country or rng.choice(list(words.COUNTRIES)))[index]
        text = " ".join(
            s[index].format(name=facts["org"], population=facts["n"], **facts)
            for s in rng.sample(sentences, rng.randint(3, 6))
        )
        out.append(text)
        size += len(text) + 2
    return out


def generate_library(*, size: int, seed: int, log: Callable[[str], None] = print) -> dict[str, int]:
    """Create size // 5 published resources (and a few unpublished ones) with their themes,
    goals, co-publishers, related practices, lessons and files. Returns the counts."""
    rng = random.Random(seed + 2)
    published = max(1, size // ORGANIZATIONS_PER_DOCUMENT)
    total = published + int(published * UNPUBLISHED_SHARE)
    unpublished = set(rng.sample(range(total), total - published))
    organizations = list(
        Organization.objects.order_by("pk").values_list("pk", "name", "country", "kind")
    )
    # A long tail of publishers: one in ten organizations publishes, a few of them a lot.
    publishers = rng.sample(organizations, max(1, len(organizations) // 10))
    cumulative, running = [], 0.0
    for rank in range(len(publishers)):
        running += 1 / (rank + 1) ** 0.8
        cumulative.append(running)
    networks_of: dict[int, list[int]] = {}
    for organization_id, network_id in Membership.objects.order_by("pk").values_list(
        "organization_id", "network_id"
    ):
        networks_of.setdefault(organization_id, []).append(network_id)
    bodies_of: dict[int, list[int]] = {}
    for body_id, network_id in Body.objects.order_by("pk").values_list("pk", "network_id"):
        bodies_of.setdefault(network_id, []).append(body_id)
    theme_ids = list(
        Theme.objects.filter(parent__isnull=False).order_by("pk").values_list("pk", flat=True)
    )
    practice_ids = list(
        Practice.objects.filter(status="published").order_by("pk").values_list("pk", flat=True)
    )
    pool = {
        code: paragraphs(rng, language=code, characters=PARAGRAPH_POOL * 450) for code in LANGUAGES
    }
    context = {"networks_of": networks_of, "bodies_of": bodies_of, "slugs": set()}
    counts = {"library_resources": 0, "library_published": 0, "library_files": 0,
              "library_lessons": 0}  # fmt: skip
    done = 0
    while done < total:
        plans = []
        for index in range(done, min(done + BATCH, total)):
            publisher = rng.choices(publishers, cum_weights=cumulative)[0]
            status = _weighted(rng, UNPUBLISHED) if index in unpublished else "published"
            plans.append(_build(rng, publisher, status, context))
        rows = [plan["resource"] for plan in plans]
        Resource.objects.bulk_create(rows, batch_size=BATCH)
        links: dict[type, list] = {model: [] for model in LINKS}
        files, lessons = [], []
        for plan, resource in zip(plans, rows, strict=True):
            pk = resource.pk
            links[ThemeLink] += [ThemeLink(resource_id=pk, theme_id=t)
                                 for t in rng.sample(theme_ids, rng.randint(1, 3))]  # fmt: skip
            if rng.random() < 0.7:
                links[GoalLink] += [GoalLink(resource_id=pk, goal_id=g)
                                    for g in rng.sample(range(1, 18), rng.randint(1, 3))]  # fmt: skip
            if rng.random() < 0.08:
                others = sorted({rng.choice(organizations)[0] for _ in range(rng.randint(1, 2))})
                links[CoPublisher] += [CoPublisher(resource_id=pk, organization_id=o)
                                       for o in others if o != resource.organization_id]  # fmt: skip
            if practice_ids and rng.random() < 0.12:
                chosen = rng.sample(practice_ids, min(len(practice_ids), rng.randint(1, 3)))
                links[PracticeLink] += [PracticeLink(resource_id=pk, practice_id=p)
                                        for p in chosen]  # fmt: skip
            files += _files(rng, resource, plan, pool)
            if resource.kind == "training":
                lessons += _lessons(rng, resource, plan)
        for model, objects in links.items():
            model.objects.bulk_create(objects, batch_size=BATCH)
        ResourceFile.objects.bulk_create(files, batch_size=500)
        Lesson.objects.bulk_create(lessons, batch_size=BATCH)
        done += len(rows)
        counts["library_resources"] += len(rows)
        counts["library_published"] += sum(r.status == "published" for r in rows)
        counts["library_files"] += len(files)
        counts["library_lessons"] += len(lessons)
        if done % 10_000 == 0 or done == total:
            log(f"  {done:>7} library resources, {counts['library_files']:>7} files")
    return counts


def _build(rng: random.Random, publisher: tuple, status: str, context: dict) -> dict:
    organization_id, organization_name, country, organization_kind = publisher
    family = words.COUNTRIES[country][1]
    original = FAMILY_LANGUAGE[family]
    if organization_kind in {"international", "bank"} and rng.random() < 0.5:
        original = "en"
    kind = _weighted(rng, KINDS)
    published_at = datetime(2015, 1, 1, tzinfo=UTC) + timedelta(
        minutes=rng.randrange(60 * 24 * 365 * 10 + 60 * 24 * 150)
    )
    # The document's own year: mostly the year it was shared, older for norms and reports.
    back = rng.choice([0, 0, 0, 1, 1, 2, 3]) + (rng.randint(0, 15) if kind == "norm" else 0)
    year = published_at.year - back if rng.random() > 0.03 else None
    facts = slots(rng, country=country, org=organization_name, year=year or published_at.year)
    title = rng.choice(TITLES[kind])
    description = rng.sample(DESCRIPTIONS, rng.randint(2, 3))
    audience = rng.choice(AUDIENCES) if kind == "training" else None
    translated = {code for code in LANGUAGES if code != original and rng.random() < 0.3}
    columns = {}
    for i, code in enumerate(LANGUAGES):
        present = code == original or code in translated
        suffix = field_suffix(code)
        columns[f"title_{suffix}"] = (
            _capitalized(title[i].format(**facts[i]))[:250] if present else ""
        )
        columns[f"description_{suffix}"] = (
            " ".join(s[i].format(**facts[i]) for s in description) if present else ""
        )
        columns[f"audience_{suffix}"] = (
            audience[i].format(**facts[i])[:300] if present and audience else ""
        )
    slug = base = slugify(columns[f"title_{field_suffix(original)}"])[:120].strip("-")
    n = 1
    while slug in context["slugs"]:
        n += 1
        slug = f"{base}-{n}"
    context["slugs"].add(slug)
    authors = ""
    if rng.random() < 0.55:
        authors = ", ".join(
            f"{rng.choice(words.FIRST_NAMES[family])} {rng.choice(words.LAST_NAMES[family])}"
            for _ in range(rng.randint(1, 3))
        )
    has_file = rng.random() < FILE_SHARE.get(kind, 0.85)
    external_url = ""
    if kind in {"video", "link"} or (kind == "dataset" and not has_file) or rng.random() < 0.08:
        external_url = f"https://{slugify(facts[2]['city'])}.example.org/{slug[:60]}"
    submitted_at = published_at - timedelta(days=rng.randint(1, 30))
    network_id = body_id = None
    network_ids = context["networks_of"].get(organization_id)
    if network_ids and rng.random() < 0.45:
        network_id = rng.choice(network_ids)
        if context["bodies_of"].get(network_id) and rng.random() < 0.5:
            body_id = rng.choice(context["bodies_of"][network_id])
    file_languages = []
    if has_file:
        file_languages = [original] + [code for code in sorted(translated) if rng.random() < 0.4]
    resource = Resource(
        slug=slug,
        status=status,
        kind=kind,
        organization_id=organization_id,
        original_language=original,
        authors=authors,
        year=year,
        licence=_weighted(rng, LICENCES),
        external_url=external_url,
        network_id=network_id,
        body_id=body_id,
        # As domain._languages: its own language and its files'.
        languages="|" + "|".join(sorted({original, *file_languages})) + "|",
        submitted_at=submitted_at if status != "draft" else None,
        published_at=published_at if status in {"published", "archived"} else None,
        **columns,
    )
    return {"resource": resource, "facts": facts, "present": {original, *translated},
            "file_languages": file_languages, "title": title,
            "uploaded_at": submitted_at - timedelta(hours=rng.randint(1, 72))}  # fmt: skip


def _files(rng: random.Random, resource: Resource, plan: dict, pool: dict) -> list[ResourceFile]:
    rows = []
    kind = resource.kind
    extension = _weighted(rng, DATA_TYPES if kind == "dataset" else DOCUMENT_TYPES)
    for code in plan["file_languages"]:
        index = LANGUAGES.index(code)
        pages = None
        if extension == "pdf":
            pages = max(1, min(int(rng.lognormvariate(2.6, 0.9)), 400))
        elif extension in {"docx", "odt"} and rng.random() < 0.7:
            pages = max(1, min(int(rng.lognormvariate(2.0, 0.8)), 120))
        title = _capitalized(plan["title"][index].format(**plan["facts"][index]))
        heading = [title, getattr(resource, f"description_{field_suffix(code)}")]
        body = rng.sample(pool[code], min(len(pool[code]), 24))
        text = "\n\n".join(part for part in heading + body if part)[:STORED_TEXT_CHARACTERS]
        state, failure, roll = "ready", "", rng.random()
        if roll < 0.02:  # a scanned PDF, a damaged office file
            state, failure = "failed", "no_text" if extension == "pdf" else "broken"
        elif roll < 0.025:
            state = "processing"
        ready = state == "ready"
        rows.append(
            ResourceFile(
                resource_id=resource.pk,
                language=code,
                file=f"library/{resource.pk}/{rng.getrandbits(128):032x}.{extension}",
                original_name=f"{resource.slug[:80]}-{code}.{extension}",
                content_type=LIBRARY_TYPES[extension],
                size=(pages or 3) * rng.randint(20_000, 160_000),
                state=state,
                failure=failure,
                text=text if ready else "",
                excerpt=excerpt(text) if ready else "",
                page_count=pages if ready else None,
                detected_language=code if ready else "",
                processed_at=plan["uploaded_at"] if state != "processing" else None,
                attempts=1 if state != "processing" else 0,
            )
        )
    return rows


def _lessons(rng: random.Random, resource: Resource, plan: dict) -> list[Lesson]:
    rows = []
    titles = rng.sample(LESSON_TITLES, rng.randint(3, 6))
    for position, title in enumerate(titles, start=1):
        columns = {}
        for i, code in enumerate(LANGUAGES):
            present = code in plan["present"]
            facts = plan["facts"][i]
            body = " ".join(s[i].format(**facts) for s in rng.sample(BODY_SENTENCES, 3))
            columns[f"title_{field_suffix(code)}"] = title[i].format(**facts) if present else ""
            columns[f"body_{field_suffix(code)}"] = body if present else ""
        rows.append(
            Lesson(
                resource_id=resource.pk,
                position=position,
                duration_minutes=rng.choice([15, 20, 30, 45, 60, 90]),
                **columns,
            )
        )
    return rows
