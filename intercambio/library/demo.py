"""Demo library: documents of several kinds whose files (PDF, DOCX, ODT, Markdown, CSV) are
written at demo time from the text below, then read like any upload."""

import datetime
from collections import Counter

from django.core.files.base import ContentFile
from django.db import transaction

from intercambio.common.i18n import field_suffix
from intercambio.library import domain
from intercambio.library.documents import docx_bytes, odt_bytes, pdf_bytes
from intercambio.library.extract import LIBRARY_TYPES
from intercambio.library.models import Lesson, Resource, ResourceFile
from intercambio.network.models import Body, Network, Organization
from intercambio.taxonomy.models import Goal, Theme

# Fixed dates keep the loader idempotent: a second run finds nothing to change.
FIRST_PUBLISHED = datetime.datetime(2026, 11, 2, 12, 0, tzinfo=datetime.UTC)

OPEN_GOVERNMENT_PT = [
    "Governo aberto é uma forma de governar em que a prefeitura publica o que faz, presta "
    "contas à população e convida os cidadãos a participar das decisões. Este guia reúne, "
    "em linguagem simples, os passos que municípios da rede seguiram para começar.",
    "1. Transparência ativa. Publique no portal da prefeitura o orçamento, os contratos, as "
    "licitações e a folha de pagamento em formatos abertos, atualizados todos os meses. "
    "Dados abertos permitem que jornalistas, universidades e a sociedade civil acompanhem "
    "a gestão pública e criem novos serviços.",
    "2. Participação cidadã. O orçamento participativo, as audiências públicas e as consultas "
    "on-line aproximam a população das decisões. Defina regras claras, devolva à população o "
    "que foi decidido e mostre como as propostas foram executadas.",
    "3. Prestação de contas. Indicadores simples, publicados em painéis, mostram o avanço das "
    "metas do plano de governo. A ouvidoria municipal responde às reclamações em prazos "
    "conhecidos.",
    "4. Integridade. Códigos de conduta, declarações de conflito de interesses e canais de "
    "denúncia protegidos reduzem o risco de corrupção.",
    "5. Cooperação entre cidades. Compartilhe as suas práticas na rede: outra cidade pode "
    "adaptar o que deu certo na sua e evitar os erros do caminho.",
]
OPEN_GOVERNMENT_ES = [
    "El gobierno abierto es una forma de gobernar en la que el municipio publica lo que hace, "
    "rinde cuentas a la ciudadanía e invita a los vecinos a participar en las decisiones. "
    "Esta guía reúne los pasos que siguieron municipios de la red para empezar.",
    "1. Transparencia activa. Publique en el portal municipal el presupuesto, los contratos y "
    "las licitaciones en formatos abiertos, actualizados cada mes. Los datos abiertos permiten "
    "a periodistas, universidades y organizaciones sociales controlar la gestión pública.",
    "2. Participación ciudadana. El presupuesto participativo, las audiencias públicas y las "
    "consultas en línea acercan a la población a las decisiones.",
    "3. Rendición de cuentas. Indicadores sencillos, publicados en tableros, muestran el avance "
    "de las metas del plan de gobierno.",
    "4. Integridad y cooperación entre ciudades: comparta sus prácticas en la red.",
]
SURVEY_ES = [
    "Entre marzo y junio de 2024 la Secretaría Técnica Permanente consultó a las ciudades "
    "miembro sobre el estado del gobierno electrónico municipal. Respondieron 74 ciudades de "
    "ocho países.",
    "El 81 % de las ciudades ofrece al menos un trámite completamente en línea; el 46 % publica "
    "datos abiertos con regularidad y solo el 23 % cuenta con una política de protección de "
    "datos personales aprobada por el concejo.",
    "Las principales dificultades señaladas son la falta de personal capacitado, la "
    "conectividad desigual en los barrios periféricos y la integración de los sistemas "
    "heredados. Las ciudades piden formación para equipos técnicos y directivos, modelos de "
    "normativa y el intercambio de soluciones de software libre entre municipios.",
    "Recomendaciones: crear un programa de formación en gobierno electrónico para decisores "
    "locales, publicar una guía de protección de datos para municipios y promover acuerdos de "
    "cooperación técnica entre ciudades con experiencias complementarias.",
]
DECREE_PT = [
    "Modelo de decreto municipal que institui a Política de Dados Abertos do Município.",
    "Art. 1º Fica instituída a Política de Dados Abertos do Poder Executivo municipal, com o "
    "objetivo de promover a publicação de dados em formato aberto, a transparência ativa e o "
    "controle social da gestão pública.",
    "Art. 2º Os órgãos da administração municipal publicarão, no portal de dados abertos, as "
    "bases de dados sob sua gestão que não sejam sigilosas, observada a Lei Geral de Proteção "
    "de Dados Pessoais.",
    "Art. 3º Cada órgão elaborará um Plano de Dados Abertos com o inventário das bases, o "
    "cronograma de publicação e os responsáveis pela atualização.",
    "Art. 4º Este decreto entra em vigor na data de sua publicação.",
]
BROCHURE_ES = [
    "Proyecto de apoyo a la e-gobernanza en municipios de África, América Latina y el Caribe.",
    "El proyecto promueve el uso de las tecnologías de la información y la comunicación en los "
    "municipios para fortalecer el buen gobierno: mejores servicios, más transparencia y más "
    "participación ciudadana en las decisiones locales.",
    "Los módulos de formación para decisores locales se elaboran a partir de una evaluación "
    "previa de necesidades y oportunidades en cada región participante.",
]
WORK_PLAN_MD = """# Plano de Trabalho 2016 — UTPEAM

Unidade Temática de Planejamento Estratégico e Áreas Metropolitanas da Rede Mercocidades.

**Coordenação:** Canoas, Brasil.
**Sub-coordenações:** São Paulo (Brasil), El Bosque e Lo Prado (Chile), Canelones (Uruguai),
Esteban Echeverría (Argentina).

## Objetivos

1. Avançar na criação de espaços de reflexão e construção de ferramentas que contribuam com o
   desenho e a execução de planos estratégicos regionais.
2. Reforçar o trabalho de instalar na agenda pública a necessidade do planejamento estratégico
   das áreas metropolitanas.
3. Incorporar a reflexão e o debate sobre as problemáticas das fronteiras.
4. Promover instâncias de articulação com outras redes.
5. Realizar um levantamento de instâncias de governança metropolitana da região.

## Eixos de trabalho

1. As cidades de periferias, as áreas metropolitanas e seu planejamento estratégico.
2. O desenvolvimento local policêntrico e a inclusão social.
3. As fronteiras locais e o planejamento do trânsito nas áreas metropolitanas binacionais.
4. O direito à cidade e a centralidade, visto desde as periferias.

## Atividades programadas

- Abril: reunião virtual da coordenação e das sub-coordenações.
- Junho: primeira reunião anual e missão técnica, em Canoas, Brasil.
- Julho: segunda reunião anual e missão técnica, em Lo Prado, Chile.
- Novembro: terceira reunião, na Cúpula de 2016, em Santa Fe, Argentina.
"""
INDICATORS_CSV = """cidade,país,população metropolitana,órgão de governança metropolitana,plano estratégico
Canoas,Brasil,4300000,sim,2015
São Paulo,Brasil,21900000,sim,2016
Canelones,Uruguai,1900000,não,2014
Esteban Echeverría,Argentina,15600000,sim,2013
Lo Prado,Chile,7100000,não,2012
El Bosque,Chile,7100000,não,2012
"""

LESSONS = [
    {
        "en": ("What is e-governance?",
               "e-Governance is the public sector's use of information and communication "
               "technologies to improve information and service delivery, encourage citizen "
               "participation in decision-making and make government more accountable, "
               "transparent and effective."),
        "es": ("¿Qué es la e-gobernanza?",
               "La e-gobernanza es el uso de las tecnologías de la información y la "
               "comunicación por el sector público para mejorar la información y los "
               "servicios, fomentar la participación ciudadana y hacer al gobierno más "
               "transparente y eficaz."),
        "pt-br": ("O que é governança eletrônica?",
                  "Governança eletrônica é o uso das tecnologias de informação e comunicação "
                  "pelo setor público para melhorar a informação e os serviços, estimular a "
                  "participação cidadã e tornar o governo mais transparente e eficaz."),
        "minutes": 20,
    },
    {
        "en": ("The goals of e-governance",
               "- Improve the internal processes of government\n"
               "- Provide better information and service delivery\n"
               "- Increase transparency to reduce corruption\n"
               "- Reinforce political credibility and accountability\n"
               "- Promote democratic practices through participation and consultation"),
        "es": ("Los objetivos de la e-gobernanza",
               "- Mejorar los procesos internos del gobierno\n"
               "- Ofrecer mejor información y mejores servicios\n"
               "- Aumentar la transparencia para reducir la corrupción\n"
               "- Promover la participación y la consulta ciudadana"),
        "pt-br": ("Os objetivos da governança eletrônica",
                  "- Melhorar os processos internos do governo\n"
                  "- Oferecer melhor informação e melhores serviços\n"
                  "- Aumentar a transparência para reduzir a corrupção\n"
                  "- Promover a participação e a consulta cidadã"),
        "minutes": 25,
    },
    {
        "en": ("Why the municipal level?",
               "Local governments are close to citizens and are, for many, the main face of "
               "government. It is at the local level that technology can most change the "
               "relationship between government and citizens: public services, urban "
               "development, education, transport and the environment."),
        "es": ("¿Por qué el nivel municipal?",
               "Los gobiernos locales están cerca de la ciudadanía y son, para muchos, la "
               "principal representación del Estado. Es en lo local donde la tecnología más "
               "puede cambiar la relación entre gobierno y ciudadanía."),
        "pt-br": ("Por que o nível municipal?",
                  "Os governos locais estão perto dos cidadãos e são, para muitos, a principal "
                  "face do Estado. É no nível local que a tecnologia mais pode mudar a relação "
                  "entre governo e cidadãos."),
        "minutes": 20,
    },
    {
        "en": ("Planning your first digital service",
               "Choose one frequent procedure, map it with the staff who run it, remove the "
               "steps that add nothing, then put it online with a paper alternative. Measure "
               "the time a citizen saves and publish the result."),
        "es": ("Planificar su primer servicio digital",
               "Elija un trámite frecuente, descríbalo con el personal que lo atiende, elimine "
               "los pasos innecesarios y publíquelo en línea manteniendo una alternativa "
               "presencial. Mida el tiempo que ahorra la ciudadanía."),
        "pt-br": ("Planejar o seu primeiro serviço digital",
                  "Escolha um serviço frequente, descreva-o com a equipe que o atende, elimine "
                  "etapas desnecessárias e coloque-o on-line mantendo o atendimento "
                  "presencial. Meça o tempo que o cidadão economiza."),
        "minutes": 40,
    },
]  # fmt: skip


RESOURCES = [
    {
        "slug": "guia-governo-aberto-municipios",
        "kind": Resource.Kind.GUIDE,
        "organization": "cnm",
        "co_publishers": ["forum-ibgp"],
        "original_language": "pt-br",
        "title": {"pt-br": "Guia prático de governo aberto para municípios",
                  "es": "Guía práctica de gobierno abierto para municipios",
                  "en": "A practical guide to open government for municipalities"},
        "description": {
            "pt-br": "Transparência ativa, dados abertos, participação cidadã, prestação de "
                     "contas e integridade: os primeiros passos, com exemplos de cidades da rede.",
            "es": "Transparencia activa, datos abiertos, participación ciudadana y rendición de "
                  "cuentas: los primeros pasos, con ejemplos de ciudades de la red.",
            "en": "Proactive transparency, open data, citizen participation, accountability and "
                  "integrity: the first steps, with examples from cities of the network."},
        "authors": "Fórum IBGP, Equipe técnica da CNM",
        "year": 2025, "network": "mercociudades", "body": "innovation-governance",
        "themes": ["open-government", "transparency", "open-data", "participation"],
        "goals": [16, 11],
        "files": {"pt-br": ("guia-governo-aberto.pdf", "pdf", OPEN_GOVERNMENT_PT),
                  "es": ("guia-gobierno-abierto.docx", "docx", OPEN_GOVERNMENT_ES)},
    },
    {
        "slug": "encuesta-gobierno-electronico-2024",
        "kind": Resource.Kind.SURVEY,
        "organization": "mercociudades-secretariat",
        "original_language": "es",
        "title": {"es": "Encuesta sobre gobierno electrónico en las ciudades de Mercociudades 2024",
                  "pt-br": "Pesquisa sobre governo eletrônico nas cidades da Mercocidades 2024",
                  "en": "Survey of e-government in Mercociudades cities, 2024"},
        "description": {
            "es": "Resultados de la consulta a 74 ciudades miembro: trámites en línea, datos "
                  "abiertos, protección de datos y necesidades de formación.",
            "en": "Results of a survey of 74 member cities: online services, open data, data "
                  "protection and training needs."},
        "authors": "Secretaría Técnica Permanente de Mercociudades",
        "year": 2024, "network": "mercociudades", "body": "innovation-governance",
        "themes": ["e-government", "data-protection", "training-public-servants"],
        "goals": [16, 9],
        "files": {"es": ("encuesta-gobierno-electronico-2024.pdf", "pdf", SURVEY_ES)},
    },
    {
        "slug": "modelo-decreto-dados-abertos",
        "kind": Resource.Kind.NORM,
        "organization": "canoas",
        "original_language": "pt-br",
        "title": {"pt-br": "Modelo de decreto municipal de dados abertos",
                  "en": "Model municipal decree on open data"},
        "description": {
            "pt-br": "Texto-base que as prefeituras podem adaptar para instituir a sua política "
                     "de dados abertos, em conformidade com a LGPD."},
        "year": 2023, "network": "mercociudades",
        "themes": ["open-data", "transparency"], "goals": [16],
        "licence": Resource.Licence.CC0,
        "files": {"pt-br": ("modelo-decreto-dados-abertos.odt", "odt", DECREE_PT)},
    },
    {
        "slug": "e-governance-for-local-decision-makers",
        "kind": Resource.Kind.TRAINING,
        "organization": "unesco",
        "co_publishers": ["forum-ibgp"],
        "original_language": "en",
        "title": {"en": "E-governance for local decision-makers",
                  "es": "E-gobernanza para decisores locales",
                  "pt-br": "Governança eletrônica para gestores locais"},
        "description": {
            "en": "A training module built from a prior assessment of needs and opportunities in "
                  "the participating regions: what e-governance is, what it is for, why it "
                  "matters most in municipalities, and how to plan a first digital service.",
            "es": "Un módulo de formación elaborado a partir de una evaluación previa de "
                  "necesidades: qué es la e-gobernanza, para qué sirve y cómo planificar un "
                  "primer servicio digital.",
            "pt-br": "Um módulo de formação elaborado a partir de um diagnóstico prévio de "
                     "necessidades: o que é governança eletrônica, para que serve e como "
                     "planejar um primeiro serviço digital."},
        "audience": {"en": "Mayors, secretaries and municipal managers",
                     "es": "Intendentes, secretarios y directivos municipales",
                     "pt-br": "Prefeitos, secretários e gestores municipais"},
        "year": 2024, "themes": ["e-government", "training-public-servants"], "goals": [16, 4],
        "lessons": LESSONS,
    },
    {
        "slug": "folleto-proyecto-e-gobernanza",
        "kind": Resource.Kind.BROCHURE,
        "organization": "unesco",
        "original_language": "es",
        "title": {"es": "Folleto del proyecto de apoyo a la e-gobernanza",
                  "en": "Brochure of the e-governance support project"},
        "description": {"es": "Presentación del proyecto (solo disponible en español).",
                        "en": "An overview of the project (only available in Spanish)."},
        "year": 2023, "themes": ["e-government"], "goals": [16],
        "files": {"es": ("folleto-e-gobernanza.pdf", "pdf", BROCHURE_ES)},
    },
    {
        "slug": "plano-de-trabalho-utpeam-2016",
        "kind": Resource.Kind.WORK_PLAN,
        "organization": "canoas",
        "co_publishers": ["sao-paulo"],
        "original_language": "pt-br",
        "title": {"pt-br": "Plano de Trabalho 2016 da UTPEAM",
                  "es": "Plan de Trabajo 2016 de la UTPEAM",
                  "en": "UTPEAM work plan 2016"},
        "description": {
            "pt-br": "Objetivos, eixos de trabalho e atividades programadas da Unidade Temática "
                     "de Planejamento Estratégico e Áreas Metropolitanas.",
            "es": "Objetivos, ejes de trabajo y actividades programadas de la Unidad Temática de "
                  "Planificación Estratégica y Áreas Metropolitanas."},
        "authors": "Deise Martins",
        "year": 2016, "network": "mercociudades", "body": "utpeam",
        "themes": ["strategic-planning", "cross-border-cooperation"], "goals": [11, 17],
        "files": {"pt-br": ("plano-de-trabalho-utpeam-2016.md", "md", WORK_PLAN_MD)},
    },
    {
        "slug": "indicadores-governanca-metropolitana",
        "kind": Resource.Kind.DATASET,
        "organization": "canoas",
        "original_language": "pt-br",
        "title": {"pt-br": "Indicadores de governança metropolitana das cidades da UTPEAM",
                  "en": "Metropolitan governance indicators of UTPEAM cities"},
        "description": {"pt-br": "Levantamento de instâncias de governança metropolitana e "
                                 "planos estratégicos (objetivo 5 do plano de 2016)."},
        "year": 2016, "network": "mercociudades", "body": "utpeam",
        "themes": ["strategic-planning"], "goals": [11],
        "files": {"pt-br": ("indicadores-metropolitanos.csv", "csv", INDICATORS_CSV)},
    },
    {
        "slug": "practical-guides-digital-transformation",
        "kind": Resource.Kind.LINK,
        "organization": "eurocities",
        "original_language": "en",
        "title": {"en": "Practical guides for digital transformation in Latin America and the world",
                  "es": "Guías prácticas para la transformación digital en América Latina y el mundo"},
        "description": {"en": "Guides gathered for the Connected People Integrated Cities "
                              "conference, Maceió 2024."},
        "year": 2024, "themes": ["digital-rights", "smart-cities"], "goals": [11],
        "external_url": "https://citiesfordigitalrights.org/",
    },
]  # fmt: skip


def _file_bytes(kind: str, title: str, content) -> bytes:
    if kind == "pdf":
        return pdf_bytes(title=title, paragraphs=content)
    if kind == "docx":
        return docx_bytes(title=title, paragraphs=content)
    if kind == "odt":
        return odt_bytes(title=title, paragraphs=content)
    return content.encode("utf-8")


def load_demo_library() -> Counter:
    """Create the demo documents that are missing (existing ones are left as staff edited
    them) and read their files at once. Returns a tally."""
    tally: Counter = Counter()
    organizations = {org.slug: org for org in Organization.objects.all()}
    networks = {network.slug: network for network in Network.objects.all()}
    bodies = {body.slug: body for body in Body.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    goals = {goal.number: goal for goal in Goal.objects.all()}
    to_read = []
    for index, item in enumerate(RESOURCES):
        tally["resources"] += 1
        if Resource.objects.filter(slug=item["slug"]).exists():
            continue
        with transaction.atomic():
            columns = {}
            for field in ("title", "description", "audience"):
                for code, text in item.get(field, {}).items():
                    columns[f"{field}_{field_suffix(code)}"] = text
            resource = Resource.objects.create(
                slug=item["slug"], kind=item["kind"], status=Resource.Status.PUBLISHED,
                organization=organizations[item["organization"]],
                original_language=item["original_language"],
                languages=f"|{item['original_language']}|",
                authors=item.get("authors", ""), year=item.get("year"),
                network=networks.get(item.get("network", "")),
                body=bodies.get(item.get("body", "")),
                licence=item.get("licence", Resource.Licence.CC_BY),
                external_url=item.get("external_url", ""),
                published_at=FIRST_PUBLISHED - datetime.timedelta(days=5 * index),
                **columns,
            )  # fmt: skip
            resource.co_publishers.set(
                organizations[slug] for slug in item.get("co_publishers", [])
            )
            resource.themes.set(themes[slug] for slug in item["themes"])
            resource.goals.set(goals[number] for number in item["goals"])
            for position, lesson in enumerate(item.get("lessons", []), start=1):
                Lesson.objects.create(
                    resource=resource, position=position, duration_minutes=lesson["minutes"],
                    **{f"title_{field_suffix(code)}": lesson[code][0] for code in ("en", "es", "pt-br")},
                    **{f"body_{field_suffix(code)}": lesson[code][1] for code in ("en", "es", "pt-br")},
                )  # fmt: skip
            for language, (name, kind, content) in item.get("files", {}).items():
                title = item["title"].get(language) or item["title"][item["original_language"]]
                upload = ContentFile(_file_bytes(kind, title, content), name=name)
                to_read.append(domain.attach_file(
                    resource=resource, language=language, upload=upload,
                    content_type=LIBRARY_TYPES[kind], by=None,
                ))  # fmt: skip
            tally["created"] += 1
    # Read now, so the demo shows ready files even before the worker starts (the queued
    # tasks then find nothing left to do).
    for stored in to_read:
        domain.read_file(file_id=stored.pk)
    tally["files"] = ResourceFile.objects.filter(
        resource__slug__in=[r["slug"] for r in RESOURCES]
    ).count()
    return tally
