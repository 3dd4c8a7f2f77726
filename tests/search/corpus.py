"""A small trilingual corpus for the search tests: practices written in Portuguese, Spanish
and English by cities of the region, two library documents with the text read out of their
files, organizations and a thematic unit. Every record has a short key, which the judged query
set (test_search.py) names.

Written as public records would be: each practice in its own language (one of them translated
into the two others), with the words people actually use, not the glossary's exact labels
everywhere.
"""

from dataclasses import dataclass, field

from django.core.files.base import ContentFile

from intercambio.library.models import Resource, ResourceFile
from intercambio.network.models import Body, Organization
from intercambio.practices.models import TEXT_FIELDS, Practice
from intercambio.search import index
from tests import factories
from tests.factories import theme

LANGUAGES = ("pt-br", "es", "en")

ORGANIZATIONS = {
    "montevideo": dict(
        name="Intendencia de Montevideo", country="UY", city="Montevideo", original_language="es",
        description_es="Gobierno departamental de la capital de Uruguay, miembro fundador de la "
        "red de ciudades del Mercosur.",
    ),
    "porto-alegre": dict(
        name="Prefeitura de Porto Alegre", country="BR", city="Porto Alegre",
        original_language="pt-br",
        description_pt_br="Capital do Rio Grande do Sul, às margens do Guaíba.",
    ),
    "rosario": dict(
        name="Municipalidad de Rosario", country="AR", city="Rosario", original_language="es",
        description_es="Ciudad a orillas del río Paraná, en la provincia de Santa Fe.",
    ),
    "bogota": dict(
        name="Alcaldía Mayor de Bogotá", country="CO", city="Bogotá", original_language="es",
        description_es="Capital de Colombia, en la sabana andina.",
    ),
    "belo-horizonte": dict(
        name="Prefeitura de Belo Horizonte", country="BR", city="Belo Horizonte",
        original_language="pt-br",
        description_pt_br="Capital de Minas Gerais, cidade planejada no fim do século XIX.",
    ),
    "quito": dict(
        name="Municipio del Distrito Metropolitano de Quito", country="EC", city="Quito",
        original_language="es", description_es="Capital de Ecuador, a 2 850 metros de altura.",
    ),
    "asuncion": dict(
        name="Municipalidad de Asunción", country="PY", city="Asunción", original_language="es",
        description_es="Capital de Paraguay, sobre la bahía del río Paraguay.",
    ),
    "canelones": dict(
        name="Intendencia de Canelones", country="UY", city="Canelones", original_language="es",
        description_es="Departamento agrícola vecino de la capital uruguaya.",
    ),
    "recife": dict(
        name="Prefeitura do Recife", country="BR", city="Recife", original_language="pt-br",
        description_pt_br="Capital de Pernambuco, cortada pelos rios Capibaribe e Beberibe.",
    ),
    "bristol": dict(
        name="Bristol City Council", country="GB", city="Bristol", original_language="en",
        description_en="A port city in the south-west of England, partner of Latin American "
        "cities on climate resilience.",
    ),
}  # fmt: skip


@dataclass
class PracticeSpec:
    key: str
    language: str
    organization: str
    year: int
    themes: list[str]
    goals: list[int]
    # language → {field: text}
    texts: dict[str, dict[str, str]] = field(default_factory=dict)


PRACTICES = [
    PracticeSpec("pb-montevideo", "es", "montevideo", 2019, ["participation"], [16, 11], {"es": {
        "title": "Presupuesto participativo en los barrios de Montevideo",
        "summary": "Cada dos años los vecinos proponen y votan obras para su barrio con una "
                   "parte del presupuesto departamental.",
        "context": "Los barrios periféricos tenían poca voz en las decisiones de inversión.",
        "actions": "Se abrieron asambleas barriales y una votación en línea y presencial; los "
                   "concejos vecinales acompañan la ejecución de las obras ganadoras.",
        "results": "Más de 120 000 personas votaron en la última edición y se construyeron "
                   "plazas, policlínicas y veredas.",
        "lessons": "El seguimiento público de cada obra sostiene la confianza de los vecinos.",
    }}),
    PracticeSpec("pb-youth", "pt-br", "porto-alegre", 2021, ["participation"], [16], {"pt-br": {
        "title": "Orçamento participativo jovem nas escolas",
        "summary": "Estudantes do ensino médio decidem como investir uma verba anual em "
                   "melhorias nas suas escolas.",
        "context": "Os jovens raramente participavam das assembleias do orçamento da cidade.",
        "actions": "Cada escola elege delegados, que apresentam propostas e organizam a votação "
                   "entre os colegas.",
        "results": "Quarenta escolas participaram e 85 propostas foram executadas em dois anos.",
        "lessons": "O apoio dos professores é essencial para manter o protagonismo juvenil.",
    }}),
    PracticeSpec("open-data-portal", "pt-br", "porto-alegre", 2017, ["open-data"], [16, 9], {
        "pt-br": {
            "title": "Portal de dados abertos da cidade",
            "summary": "A prefeitura publica conjuntos de dados abertos sobre transporte, saúde "
                       "e orçamento em formatos legíveis por máquina.",
            "context": "Os pedidos de informação se repetiam e os dados ficavam presos em "
                       "planilhas internas.",
            "actions": "Foi criado um catálogo com licença aberta, uma API pública e um "
                       "calendário de atualização de cada conjunto.",
            "results": "Mais de 300 conjuntos publicados e aplicativos feitos por "
                       "desenvolvedores locais.",
            "lessons": "Publicar com frequência vale mais do que publicar tudo de uma vez.",
        },
        "es": {
            "title": "Portal de datos abiertos de la ciudad",
            "summary": "La alcaldía publica conjuntos de datos abiertos sobre transporte, salud y "
                       "presupuesto en formatos legibles por máquina.",
            "context": "Las solicitudes de información se repetían y los datos quedaban en "
                       "planillas internas.",
            "actions": "Se creó un catálogo con licencia abierta, una API pública y un calendario "
                       "de actualización de cada conjunto.",
            "results": "Más de 300 conjuntos publicados y aplicaciones de desarrolladores locales.",
            "lessons": "Publicar a menudo vale más que publicarlo todo de una vez.",
        },
        "en": {
            "title": "The city's open data portal",
            "summary": "The city publishes open data sets on transport, health and the budget in "
                       "machine-readable formats.",
            "context": "Information requests kept repeating and data was stuck in internal "
                       "spreadsheets.",
            "actions": "A catalogue with an open licence, a public API and an update calendar for "
                       "each data set.",
            "results": "Over 300 data sets published and apps built by local developers.",
            "lessons": "Publishing often is worth more than publishing everything at once.",
        },
    }),
    PracticeSpec("air-quality", "es", "quito", 2020, ["environmental-technologies"], [3, 11], {
        "es": {
            "title": "Mediciones de contaminación en tiempo real",
            "summary": "Las estaciones de monitoreo publican cada hora las mediciones de material "
                       "particulado y ozono.",
            "context": "Los vecinos del centro histórico se quejaban del humo de los buses.",
            "actions": "Las mediciones se publican como datos abiertos y en un mapa de colores.",
            "results": "Escuelas y hospitales consultan el mapa antes de las actividades al aire "
                       "libre.",
            "lessons": "Explicar qué significa cada color es tan importante como medir.",
        },
    }),
    PracticeSpec("dp-bristol", "en", "bristol", 2018, ["data-protection"], [16], {"en": {
        "title": "Data protection by default in council services",
        "summary": "Every new digital service is assessed for privacy risks before launch, and "
                   "residents can see what personal data the council holds about them.",
        "context": "Residents did not trust online services with their personal information.",
        "actions": "A data protection officer reviews each project; staff follow a short "
                   "privacy checklist.",
        "results": "Complaints about misuse of personal data fell by half in three years.",
        "lessons": "Privacy training for all staff matters more than new software.",
    }}),
    PracticeSpec("lgpd-recife", "pt-br", "recife", 2021, ["data-protection"], [16], {"pt-br": {
        "title": "Adequação da prefeitura à Lei Geral de Proteção de Dados",
        "summary": "Um programa de proteção de dados pessoais mapeou os cadastros da prefeitura "
                   "e nomeou um encarregado em cada secretaria.",
        "context": "Cada secretaria guardava cadastros de cidadãos sem regras comuns.",
        "actions": "Inventário dos tratamentos de dados, cláusulas nos contratos com "
                   "fornecedores e cursos para os servidores.",
        "results": "Todos os sistemas novos passam por uma avaliação de impacto.",
        "lessons": "Começar pelo inventário evita políticas que ninguém aplica.",
    }}),
    PracticeSpec("dp-asuncion", "es", "asuncion", 2022, ["data-protection"], [16], {"es": {
        "title": "Protección de datos personales en los trámites municipales",
        "summary": "La municipalidad adoptó reglas para recoger solo los datos personales "
                   "necesarios en cada trámite y borrarlos a tiempo.",
        "context": "Los formularios pedían información que nadie usaba.",
        "actions": "Se revisaron los formularios uno por uno con cada dirección.",
        "results": "Los formularios tienen un tercio menos de campos.",
        "lessons": "Menos datos recogidos es menos riesgo para todos.",
    }}),
    PracticeSpec("di-rosario", "es", "rosario", 2021, ["digital-inclusion"], [10, 4], {"es": {
        "title": "Inclusión digital de personas mayores en los centros barriales",
        "summary": "Talleres gratuitos enseñan a usar el teléfono celular, las videollamadas y "
                   "los trámites en línea.",
        "context": "Durante la pandemia muchos abuelos quedaron aislados por la brecha digital.",
        "actions": "Jóvenes voluntarios acompañan a los participantes en grupos pequeños, una "
                   "vez por semana.",
        "results": "Dos mil participantes completaron el curso y la mitad ya pide turnos "
                   "médicos por internet.",
        "lessons": "La paciencia de los voluntarios importa más que los equipos.",
    }}),
    PracticeSpec("di-libraries", "en", "bogota", 2019, ["digital-inclusion"], [4, 10], {"en": {
        "title": "Free internet and laptops in public libraries",
        "summary": "Libraries lend laptops, offer free wifi and run digital literacy courses "
                   "for job seekers.",
        "context": "Half of the households in the southern districts had no computer.",
        "actions": "A digital inclusion plan equipped twenty libraries and trained librarians "
                   "as tutors.",
        "results": "Thirty thousand people took a course in the first year.",
        "lessons": "Librarians were the most trusted guides.",
    }}),
    PracticeSpec("selective-collection", "pt-br", "belo-horizonte", 2016, ["waste-management"],
                 [12, 11], {"pt-br": {
        "title": "Coleta seletiva com cooperativas de catadores",
        "summary": "A coleta seletiva porta a porta é feita por cooperativas de catadores, que "
                   "recebem por tonelada de material triado.",
        "context": "Os catadores trabalhavam no lixão sem renda estável.",
        "actions": "A prefeitura contratou as cooperativas, entregou galpões de triagem e "
                   "caminhões, dentro do plano de gestão de resíduos sólidos.",
        "results": "A reciclagem triplicou e 400 catadores têm renda fixa.",
        "lessons": "Pagar pelo serviço prestado, e não só doar equipamentos.",
    }}),
    PracticeSpec("composting", "es", "canelones", 2020, ["waste-management"], [12, 13], {"es": {
        "title": "Compostaje en cada casa",
        "summary": "Las familias reciben composteras y asesoramiento para transformar los "
                   "residuos orgánicos en abono para la huerta.",
        "context": "La mitad de la basura que llegaba al vertedero era orgánica.",
        "actions": "Promotores ambientales visitan los hogares y enseñan a compostar.",
        "results": "Cinco mil hogares compostan y el vertedero recibe menos toneladas.",
        "lessons": "Las visitas de seguimiento evitan que se abandonen las composteras.",
    }}),
    PracticeSpec("food-waste", "en", "bristol", 2015, ["waste-management"], [12], {"en": {
        "title": "Weekly food waste collection for every household",
        "summary": "Households put food scraps in a small caddy that is collected every week "
                   "and turned into biogas and fertiliser.",
        "context": "Food scraps made up a third of the black bins.",
        "actions": "Caddies were delivered to every home with a leaflet in eight languages.",
        "results": "Household residual waste fell by a fifth.",
        "lessons": "A weekly collection is what makes people keep separating.",
    }}),
    PracticeSpec("metro-bh", "pt-br", "belo-horizonte", 2014, ["strategic-planning"], [11], {
        "pt-br": {
            "title": "Plano diretor integrado da região metropolitana",
            "summary": "Os 34 municípios da região metropolitana elaboraram juntos um plano de "
                       "desenvolvimento integrado.",
            "context": "Transporte, habitação e saneamento eram planejados por cada município "
                       "separadamente.",
            "actions": "Uma agência coordenou oficinas em todos os municípios e audiências "
                       "públicas.",
            "results": "O plano criou um sistema de governança metropolitana com fundo próprio.",
            "lessons": "Sem fundo comum, as decisões metropolitanas não saem do papel.",
        },
    }),
    PracticeSpec("metro-rosario", "es", "rosario", 2012, ["strategic-planning"], [11, 16], {
        "es": {
            "title": "Ente de coordinación metropolitana",
            "summary": "Veinticinco localidades del área metropolitana planifican juntas el "
                       "suelo, el transporte y los residuos.",
            "context": "Los municipios vecinos competían por inversiones sin un plan común.",
            "actions": "Un ente público con representantes de cada localidad redactó directrices "
                       "de ordenamiento territorial.",
            "results": "Directrices aprobadas por todos los concejos.",
            "lessons": "La confianza se construye con proyectos pequeños y visibles.",
        },
    }),
    PracticeSpec("bike-bogota", "es", "bogota", 2018, ["sustainable-mobility"], [11, 13], {"es": {
        "title": "Ciclovías y bicicletas compartidas",
        "summary": "La ciudad amplió la red de ciclovías e instaló estaciones de bicicletas "
                   "compartidas cerca del transporte masivo.",
        "context": "Los viajes cortos en carro congestionaban los barrios.",
        "actions": "Cien kilómetros de carriles protegidos y trescientas estaciones.",
        "results": "Los viajes en bicicleta se duplicaron en cuatro años.",
        "lessons": "La red tiene que ser continua para que la gente confíe en ella.",
    }}),
    PracticeSpec("bus-recife", "pt-br", "recife", 2019, ["sustainable-mobility"], [11], {"pt-br": {
        "title": "Faixas exclusivas para ônibus nas avenidas",
        "summary": "Novas faixas exclusivas reduziram em um quinto o tempo de viagem do "
                   "transporte público.",
        "context": "Os ônibus ficavam presos nos engarrafamentos.",
        "actions": "Pintura, fiscalização por câmeras e semáforos com prioridade.",
        "results": "Passageiros ganharam vinte minutos por dia.",
        "lessons": "Fiscalizar desde o primeiro dia.",
    }}),
    PracticeSpec("flood-warning", "en", "quito", 2022, ["climate-action"], [11, 13], {"en": {
        "title": "Flood early warning by text message",
        "summary": "Rain gauges in the hills send readings to a monitoring centre that alerts "
                   "residents of risk areas by SMS.",
        "context": "Landslides and floods hit the hillside neighbourhoods every rainy season.",
        "actions": "Sixty rain gauges, a control room and volunteer brigades in each district.",
        "results": "Evacuations now start hours before the water arrives.",
        "lessons": "Drills with residents make the alerts credible.",
    }}),
    PracticeSpec("school-gardens", "pt-br", "recife", 2020, ["social-inclusion"], [2, 4], {"pt-br": {
        "title": "Hortas comunitárias nas escolas municipais",
        "summary": "Alunos, famílias e professores cultivam hortaliças que reforçam a "
                   "alimentação das crianças.",
        "context": "Muitas crianças comiam poucos legumes em casa.",
        "actions": "Canteiros, sementes e uma agrônoma para cada grupo de escolas.",
        "results": "Oitenta escolas com canteiros produtivos.",
        "lessons": "Envolver as famílias mantém as hortas nas férias.",
    }}),
    PracticeSpec("one-stop", "es", "asuncion", 2019, ["e-government"], [16], {"es": {
        "title": "Ventanilla única para abrir un comercio",
        "summary": "Los emprendedores inician y siguen desde su casa la habilitación de su "
                   "comercio, sin hacer filas.",
        "context": "Habilitar un local exigía visitar siete oficinas.",
        "actions": "Un solo formulario reemplaza los siete expedientes.",
        "results": "El plazo bajó de noventa a doce días.",
        "lessons": "Simplificar antes de digitalizar.",
    }}),
    PracticeSpec("telehealth", "pt-br", "porto-alegre", 2020, ["e-government"], [3], {"pt-br": {
        "title": "Teleconsultas nos postos de saúde",
        "summary": "Médicos de família atendem por vídeo pacientes com doenças crônicas, "
                   "evitando deslocamentos.",
        "context": "Pacientes do interior viajavam horas para uma consulta de rotina.",
        "actions": "Salas com computador e câmera em cada posto e agenda compartilhada.",
        "results": "Doze mil consultas no primeiro ano.",
        "lessons": "Uma enfermeira ao lado do paciente faz toda a diferença.",
    }}),
    PracticeSpec("gender-budget", "es", "montevideo", 2016, ["gender-equality"], [5], {"es": {
        "title": "Presupuesto con perspectiva de género",
        "summary": "Cada dirección etiqueta sus gastos según su efecto en la igualdad entre "
                   "mujeres y varones.",
        "context": "No se sabía cuánto invertía la ciudad en políticas de igualdad.",
        "actions": "Un clasificador común y talleres con los equipos de finanzas.",
        "results": "El informe anual muestra la inversión en igualdad por programa.",
        "lessons": "El apoyo del área de finanzas es decisivo.",
    }}),
    PracticeSpec("transparency-portal", "en", "asuncion", 2017, ["transparency"], [16], {"en": {
        "title": "Transparency portal for public contracts",
        "summary": "Every contract, payment and supplier of the municipality is published on "
                   "the transparency portal within 24 hours.",
        "context": "Journalists had to file requests to learn who won a tender.",
        "actions": "The accounting system feeds the portal every night.",
        "results": "Requests for contract information fell by 70%.",
        "lessons": "Automatic publication beats manual uploads.",
    }}),
]  # fmt: skip


@dataclass
class ResourceSpec:
    key: str
    language: str
    organization: str
    year: int
    themes: list[str]
    goals: list[int]
    texts: dict[str, dict[str, str]]
    files: dict[str, str]  # language → the text read out of the file


RESOURCES = [
    ResourceSpec("contracting-guide", "es", "montevideo", 2023, ["transparency"], [16],
        {"es": {"title": "Guía para publicar las compras públicas",
                "description": "Cómo publicar cada etapa de las compras del municipio."}},
        {"es": "Capítulo 1. Por qué abrir las compras. Las licitaciones concentran el mayor "
               "riesgo de corrupción en los gobiernos locales. Capítulo 2. Publicar cada etapa "
               "con el estándar de datos para las contrataciones abiertas: planificación, "
               "licitación, adjudicación, contrato e implementación. Capítulo 3. Casos de "
               "ciudades que redujeron los sobrecostos de sus obras."}),
    ResourceSpec("emissions-report", "en", "bristol", 2022, ["climate-action"], [13],
        {"en": {"title": "Measuring city emissions: a practical report",
                "description": "Methods and lessons from ten cities that measured what they "
                               "emit."}},
        {"en": "Chapter 1. Why a greenhouse gas inventory. Transport is responsible for half "
               "of the emissions of the cities studied, followed by landfills.",
         "pt-br": "Capítulo 1. Por que um inventário de emissões. O transporte responde por "
                  "metade das emissões das cidades estudadas, seguido pelos aterros "
                  "sanitários, que liberam metano."}),
]  # fmt: skip

BODY = dict(
    slug="environment-unit", original_language="es",
    name="Unidad Temática de Ambiente y Desarrollo Sostenible",
    name_es="Unidad Temática de Ambiente y Desarrollo Sostenible",
    name_pt_br="Unidade Temática de Ambiente e Desenvolvimento Sustentável",
    name_en="Environment and Sustainable Development Thematic Unit",
    description_es="Reúne a los equipos ambientales de las ciudades de la red.",
)  # fmt: skip


@dataclass
class Corpus:
    # key → (model, id)
    records: dict[str, tuple[type, int]]
    # (kind, id) → key
    keys: dict[tuple[str, int], str]

    def key(self, kind: str, record_id: int) -> str:
        return self.keys.get((kind, record_id), f"{kind}:{record_id}")

    def __getitem__(self, key: str):
        """The record as the database has it now (tests share one corpus and change it)."""
        model, pk = self.records[key]
        return model.objects.get(pk=pk)


def _texts(texts: dict[str, dict[str, str]], names) -> dict[str, str]:
    """Every translated field, blank unless written: the factories' English defaults must not
    become a fourth version."""
    fields = {
        f"{name}_{language.replace('-', '_')}": "" for name in names for language in LANGUAGES
    }
    for language, values in texts.items():
        for name, value in values.items():
            fields[f"{name}_{language.replace('-', '_')}"] = value
    return fields


def practice(spec: PracticeSpec, organization: Organization, **extra) -> Practice:
    created = factories.PracticeFactory(
        slug=spec.key, organization=organization, original_language=spec.language,
        start_year=spec.year, themes=[theme(slug) for slug in spec.themes],
        **{"status": Practice.Status.PUBLISHED, **_texts(spec.texts, TEXT_FIELDS), **extra},
    )  # fmt: skip
    created.goals.set(spec.goals)
    return created


def resource(spec: ResourceSpec, organization: Organization) -> Resource:
    created = factories.ResourceFactory(
        slug=spec.key, organization=organization, original_language=spec.language,
        year=spec.year, themes=[theme(slug) for slug in spec.themes],
        status=Resource.Status.PUBLISHED, languages="|" + "|".join(spec.files) + "|",
        **_texts(spec.texts, ("title", "description", "audience")),
    )  # fmt: skip
    created.goals.set(spec.goals)
    for language, text in spec.files.items():
        add_file(created, language, text)
    # The worker's own save of a read file reindexes the document; done here explicitly, as
    # a file created already "ready" never passes through the worker.
    index.index_record("resource", created.pk)
    return created


def add_file(resource: Resource, language: str, text: str, *, state="ready") -> ResourceFile:
    content = text.encode()
    return ResourceFile.objects.create(
        resource=resource, language=language, file=ContentFile(content, name="doc.txt"),
        original_name=f"{resource.slug}-{language}.txt", content_type="text/plain",
        size=len(content), state=state, text=text,
    )  # fmt: skip


def build() -> Corpus:
    records: dict[str, object] = {}
    network = factories.NetworkFactory(slug="mercociudades", name="Mercociudades",
                                       name_en="Mercociudades")  # fmt: skip
    for key, fields in ORGANIZATIONS.items():
        records[key] = factories.OrganizationFactory(slug=key, **fields)
    for spec in PRACTICES:
        records[spec.key] = practice(spec, records[spec.organization])
    for spec in RESOURCES:
        records[spec.key] = resource(spec, records[spec.organization])
    records["environment-unit"] = factories.BodyFactory(network=network, **BODY)
    kinds = {Practice: "practice", Resource: "resource", Organization: "organization",
             Body: "body"}  # fmt: skip
    return Corpus(
        {key: (type(record), record.pk) for key, record in records.items()},
        {(kinds[type(record)], record.pk): key for key, record in records.items()},
    )


def _languages() -> dict[str, set[str]]:
    """The languages each record is written in, any version."""
    found = {key: {fields["original_language"]} | {
        language for language in LANGUAGES
        if fields.get(f"description_{language.replace('-', '_')}")
    } for key, fields in ORGANIZATIONS.items()}  # fmt: skip
    found |= {spec.key: set(spec.texts) for spec in PRACTICES}
    found |= {spec.key: set(spec.texts) | set(spec.files) for spec in RESOURCES}
    found["environment-unit"] = set(LANGUAGES)
    return found


LANGUAGES_OF = _languages()
KEYS = frozenset(LANGUAGES_OF)


def languages(key: str) -> set[str]:
    return LANGUAGES_OF[key]
