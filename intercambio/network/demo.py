"""Demo data: the networks, bodies, cities and contacts named in the seed documents, plus a
few dozen real cities of the region so that the directory's filters have something to show.

Facts come from the seed documents (UTPEAM work plan 2016, the Vice-presidency of Innovation
and Governance work plan 2018, the UCLG digital cities seminar of 2015, the Maceió conference
of 2024) and from the networks' own public pages. Where a fact could not be checked (who
coordinates a thematic unit this year, exact membership dates) it is left out rather than
invented: most memberships are plain "member" without dates.

`load_demo()` is idempotent: records are found by their natural keys and only saved when a
value differs, so a second run writes nothing. Existing accounts keep their passwords.
"""

import datetime
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, TextIO

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.utils import translation
from django.utils.text import slugify
from django_countries import countries

from intercambio.common.i18n import language_columns
from intercambio.network.models import Body, BodyRole, Membership, Network, Organization, Person

DEMO_PASSWORD = "intercambio-demo"
Kind = Organization.Kind
Role = BodyRole.Role


@dataclass(frozen=True)
class Org:
    name: str
    country: str = ""
    region: str = ""
    coords: tuple[float, float] | None = None
    population: int | None = None  # rounded census figure, only where well known
    website: str = ""
    kind: str = Kind.MUNICIPALITY
    short_name: str = ""
    city: str = ""  # a municipality's city is its name
    slug: str = ""  # default: slugify(name)
    language: str = ""  # default: the country's language among pt-br, es and en

    @property
    def key(self) -> str:
        return self.slug or slugify(self.name)

    @property
    def original_language(self) -> str:
        if self.language or self.country in {"BR", "PT"}:
            return self.language or "pt-br"
        spanish = {"AR", "BO", "CL", "CO", "EC", "ES", "MX", "PE", "PY", "UY", "VE"}
        return "es" if self.country in spanish else "en"


ORGANIZATIONS = [
    # Institutions
    Org("Confederação Nacional de Municípios", "BR", "Distrito Federal", kind=Kind.ASSOCIATION,
        short_name="CNM", city="Brasília", website="https://cnm.org.br", slug="cnm"),
    Org("Federación Latinoamericana de Ciudades, Municipios y Asociaciones de Gobiernos Locales",
        kind=Kind.ASSOCIATION, short_name="FLACMA", slug="flacma", language="es"),
    Org("Organization of American States", "US", "District of Columbia", kind=Kind.INTERNATIONAL,
        short_name="OAS", city="Washington, D.C.", website="https://www.oas.org", slug="oas"),
    Org("CAF – Banco de Desarrollo de América Latina y el Caribe", "VE", "Distrito Capital",
        kind=Kind.BANK, short_name="CAF", city="Caracas", website="https://www.caf.com",
        slug="caf"),
    Org("United Nations Human Settlements Programme", "KE", kind=Kind.INTERNATIONAL,
        short_name="UN-Habitat", city="Nairobi", website="https://unhabitat.org",
        slug="un-habitat"),
    Org("United Nations Educational, Scientific and Cultural Organization", "FR",
        "Île-de-France", kind=Kind.INTERNATIONAL, short_name="UNESCO", city="Paris",
        website="https://www.unesco.org", slug="unesco"),
    Org("Fórum IBGP", "BR", kind=Kind.NGO),
    Org("Eurocities", "BE", "Brussels-Capital Region", kind=Kind.ASSOCIATION, city="Brussels",
        website="https://eurocities.eu"),
    Org("Frente Nacional de Prefeitos", "BR", "Distrito Federal", kind=Kind.ASSOCIATION,
        short_name="FNP", city="Brasília", website="https://fnp.org.br", slug="fnp"),
    Org("Secretaría Técnica Permanente de Mercociudades", "UY", "Montevideo",
        kind=Kind.SECRETARIAT, short_name="STPM", city="Montevideo",
        website="https://mercociudades.org", slug="mercociudades-secretariat"),
    # Brazil
    Org("Canoas", "BR", "Rio Grande do Sul", (-29.92, -51.18), 348_000,
        "https://www.canoas.rs.gov.br"),
    Org("São Paulo", "BR", "São Paulo", (-23.55, -46.63), 11_451_000,
        "https://www.prefeitura.sp.gov.br"),
    Org("Santana de Parnaíba", "BR", "São Paulo", (-23.44, -46.92), 154_000,
        "https://www.santanadeparnaiba.sp.gov.br"),
    Org("Maceió", "BR", "Alagoas", (-9.67, -35.74), 958_000, "https://maceio.al.gov.br"),
    Org("Porto Alegre", "BR", "Rio Grande do Sul", (-30.03, -51.23), 1_333_000,
        "https://prefeitura.poa.br"),
    Org("Belo Horizonte", "BR", "Minas Gerais", (-19.92, -43.94), 2_316_000),
    Org("Curitiba", "BR", "Paraná", (-25.43, -49.27), 1_774_000, "https://www.curitiba.pr.gov.br"),
    Org("Recife", "BR", "Pernambuco", (-8.05, -34.88), 1_489_000),
    Org("Salvador", "BR", "Bahia", (-12.97, -38.50), 2_418_000),
    Org("Fortaleza", "BR", "Ceará", (-3.73, -38.53), 2_429_000),
    Org("Niterói", "BR", "Rio de Janeiro", (-22.88, -43.10), 482_000),
    Org("Guarulhos", "BR", "São Paulo", (-23.45, -46.53), 1_292_000),
    # Uruguay
    Org("Montevideo", "UY", "Montevideo", (-34.90, -56.19), 1_303_000, "https://montevideo.gub.uy"),
    Org("Canelones", "UY", "Canelones", (-34.52, -56.28), website="https://www.imcanelones.gub.uy"),
    Org("Maldonado", "UY", "Maldonado", (-34.90, -54.95)),
    Org("Salto", "UY", "Salto", (-31.38, -57.96)),
    # Argentina
    Org("Buenos Aires", "AR", "Ciudad Autónoma de Buenos Aires", (-34.60, -58.38), 3_122_000,
        "https://buenosaires.gob.ar"),
    Org("Rosario", "AR", "Santa Fe", (-32.95, -60.64), website="https://www.rosario.gob.ar"),
    Org("Córdoba", "AR", "Córdoba", (-31.42, -64.18), 1_505_000, "https://cordoba.gob.ar"),
    Org("Santa Fe", "AR", "Santa Fe", (-31.63, -60.70)),
    Org("Mendoza", "AR", "Mendoza", (-32.89, -68.84)),
    Org("La Plata", "AR", "Buenos Aires", (-34.92, -57.95)),
    Org("Esteban Echeverría", "AR", "Buenos Aires", (-34.82, -58.47)),
    Org("Tandil", "AR", "Buenos Aires", (-37.32, -59.13)),
    Org("Ayacucho", "AR", "Buenos Aires", (-37.15, -58.49)),
    Org("Concordia", "AR", "Entre Ríos", (-31.39, -58.02)),
    Org("Villa Carlos Paz", "AR", "Córdoba", (-31.42, -64.50)),
    # Paraguay, Chile, Andean countries
    Org("Asunción", "PY", "Distrito Capital", (-25.26, -57.58)),
    Org("Encarnación", "PY", "Itapúa", (-27.33, -55.87)),
    Org("Santiago", "CL", "Región Metropolitana de Santiago", (-33.44, -70.65), 503_000),
    Org("El Bosque", "CL", "Región Metropolitana de Santiago", (-33.56, -70.68), 163_000),
    Org("Lo Prado", "CL", "Región Metropolitana de Santiago", (-33.44, -70.72), 96_000),
    Org("Valparaíso", "CL", "Valparaíso", (-33.05, -71.62), 297_000),
    Org("Concepción", "CL", "Biobío", (-36.83, -73.05), 224_000),
    Org("Quito", "EC", "Pichincha", (-0.18, -78.47), 2_680_000, "https://www.quito.gob.ec"),
    Org("Cuenca", "EC", "Azuay", (-2.90, -79.00)),
    Org("Lima", "PE", "Lima", (-12.05, -77.04)),
    Org("La Paz", "BO", "La Paz", (-16.50, -68.15)),
    Org("Cochabamba", "BO", "Cochabamba", (-17.39, -66.16)),
    Org("Bogotá", "CO", "Bogotá, D.C.", (4.71, -74.07), website="https://bogota.gov.co"),
    Org("Medellín", "CO", "Antioquia", (6.25, -75.56)),
    Org("Caracas", "VE", "Distrito Capital", (10.49, -66.88)),
    Org("Guadalajara", "MX", "Jalisco", (20.67, -103.35)),
    # Europe and North America
    Org("Bilbao", "ES", "País Vasco", (43.26, -2.93), 346_000, "https://www.bilbao.eus"),
    Org("Barcelona", "ES", "Cataluña", (41.39, 2.17), website="https://www.barcelona.cat"),
    Org("Bordeaux Métropole", "FR", "Nouvelle-Aquitaine", (44.84, -0.58),
        website="https://www.bordeaux-metropole.fr", city="Bordeaux"),
    Org("Amsterdam", "NL", "Noord-Holland", (52.37, 4.90), website="https://www.amsterdam.nl"),
    Org("New York", "US", "New York", (40.71, -74.01), 8_804_000, "https://www.nyc.gov"),
]  # fmt: skip

# Descriptions of the institutions and the cities the seed documents talk about; every other
# city gets a one-line description built from its place (see _description).
ABOUT = {
    "cnm": {
        "pt-br": "Entidade que representa os municípios brasileiros, com sede em Brasília. Em "
        "2015 ocupava a vice-presidência para a América Latina da Comissão de Cidades Digitais "
        "e do Conhecimento da CGLU.",
        "es": "Entidad que representa a los municipios brasileños, con sede en Brasilia. En "
        "2015 ocupaba la vicepresidencia para América Latina de la Comisión de Ciudades "
        "Digitales y del Conocimiento de CGLU.",
        "en": "The national body representing Brazil's municipalities, based in Brasília. In "
        "2015 it held the Latin American vice-presidency of the UCLG Committee of Digital and "
        "Knowledge-based Cities.",
    },
    "flacma": {
        "es": "Federación latinoamericana de ciudades, municipios y asociaciones de gobiernos "
        "locales; sección regional de CGLU para América Latina.",
        "pt-br": "Federação latino-americana de cidades, municípios e associações de governos "
        "locais; seção regional da CGLU para a América Latina.",
        "en": "Latin American federation of cities, municipalities and local government "
        "associations; the Latin American regional section of UCLG.",
    },
    "oas": {
        "en": "Regional organization of the states of the Americas, headquartered in "
        "Washington, D.C. (OEA in Spanish and Portuguese).",
        "es": "Organización de los Estados Americanos (OEA), con sede en Washington, D.C.",
        "pt-br": "Organização dos Estados Americanos (OEA), com sede em Washington, D.C.",
    },
    "caf": {
        "es": "Banco de desarrollo de América Latina y el Caribe; financia proyectos de los "
        "sectores público y privado de sus países miembros.",
        "pt-br": "Banco de desenvolvimento da América Latina e do Caribe; financia projetos dos "
        "setores público e privado de seus países membros.",
        "en": "Development bank of Latin America and the Caribbean, financing public and "
        "private projects in its member countries.",
    },
    "un-habitat": {
        "en": "The United Nations programme for sustainable cities and human settlements, "
        "headquartered in Nairobi. It prepares the International Guidelines on People-Centred "
        "Smart Cities.",
        "es": "Programa de las Naciones Unidas para ciudades y asentamientos humanos "
        "sostenibles, con sede en Nairobi. Prepara las Directrices Internacionales sobre "
        "Ciudades Inteligentes Centradas en las Personas.",
        "pt-br": "Programa das Nações Unidas para cidades e assentamentos humanos sustentáveis, "
        "com sede em Nairóbi. Prepara as Diretrizes Internacionais sobre Cidades Inteligentes "
        "Centradas nas Pessoas.",
    },
    "unesco": {
        "en": "United Nations agency for education, science and culture. Its e-governance "
        "project trained local decision-makers in Africa, Latin America and the Caribbean.",
        "es": "Agencia de las Naciones Unidas para la educación, la ciencia y la cultura. Su "
        "proyecto de gobernanza electrónica formó a autoridades locales de África, América "
        "Latina y el Caribe.",
        "pt-br": "Agência das Nações Unidas para a educação, a ciência e a cultura. Seu projeto "
        "de governança eletrônica capacitou gestores locais da África, da América Latina e do "
        "Caribe.",
    },
    "forum-ibgp": {
        "pt-br": "Espaço para disponibilizar conhecimento, boas práticas, normas e orientações "
        "sobre temas relacionados à governança pública.",
        "es": "Espacio para compartir conocimiento, buenas prácticas, normas y orientaciones "
        "sobre gobernanza pública.",
        "en": "A space for knowledge, good practices, norms and guidance on public governance.",
    },
    "eurocities": {
        "en": "Network of major European cities, based in Brussels; a partner of the Cities "
        "Coalition for Digital Rights.",
        "es": "Red de grandes ciudades europeas, con sede en Bruselas; socia de la Coalición de "
        "Ciudades por los Derechos Digitales.",
        "pt-br": "Rede de grandes cidades europeias, com sede em Bruxelas; parceira da Coalizão "
        "de Cidades pelos Direitos Digitais.",
    },
    "mercociudades-secretariat": {
        "es": "Secretaría Técnica Permanente de la red Mercociudades, en Montevideo: da apoyo "
        "a la presidencia, al consejo y a las unidades temáticas de la red.",
        "pt-br": "Secretaria Técnica Permanente da rede Mercocidades, em Montevidéu: apoia a "
        "presidência, o conselho e as unidades temáticas da rede.",
        "en": "The Mercociudades permanent technical secretariat in Montevideo, supporting the "
        "network's presidency, council and thematic units.",
    },
    "canoas": {
        "pt-br": "Município da região metropolitana de Porto Alegre. Coordenou em 2016 a "
        "Unidade Temática de Planejamento Estratégico e Áreas Metropolitanas da Mercocidades.",
        "es": "Municipio del área metropolitana de Porto Alegre. Coordinó en 2016 la Unidad "
        "Temática de Planificación Estratégica y Áreas Metropolitanas de Mercociudades.",
        "en": "Municipality in the Porto Alegre metropolitan area. In 2016 it coordinated the "
        "Mercociudades Thematic Unit on Strategic Planning and Metropolitan Areas.",
    },
    "sao-paulo": {
        "pt-br": "Capital do estado de São Paulo e maior cidade do Brasil. Sediou em 2015 o II "
        "Seminário de Modernização da Gestão Municipal.",
        "es": "Capital del estado de São Paulo y mayor ciudad de Brasil. Sede del II Seminario "
        "de Modernización de la Gestión Municipal en 2015.",
        "en": "Capital of the state of São Paulo and Brazil's largest city. Host of the II "
        "Seminar on the Modernization of the Municipal Management in 2015.",
    },
    "santana-de-parnaiba": {
        "pt-br": "Município da região metropolitana de São Paulo. Exerceu em 2018 a "
        "vice-presidência de Inovação e Governança da Mercocidades.",
        "es": "Municipio del área metropolitana de São Paulo. Ejerció en 2018 la "
        "vicepresidencia de Innovación y Gobernanza de Mercociudades.",
        "en": "Municipality in the São Paulo metropolitan area. It held the Mercociudades "
        "Vice-presidency of Innovation and Governance in 2018.",
    },
    "maceio": {
        "pt-br": "Capital do estado de Alagoas. Coordena a Coalizão de Cidades pelos Direitos "
        "Digitais e sediou em 2024 o encontro anual da coalizão.",
        "es": "Capital del estado de Alagoas. Coordina la Coalición de Ciudades por los "
        "Derechos Digitales y fue sede de su encuentro anual en 2024.",
        "en": "Capital of the state of Alagoas. Coordinator of the Cities Coalition for "
        "Digital Rights and host of its 2024 annual meeting.",
    },
    "fnp": {
        "pt-br": "Associação dos prefeitos e prefeitas das cidades brasileiras, com sede em "
        "Brasília; coordena fóruns de secretários municipais como o Fórum Inova Cidades. "
        "Organizou com Maceió a conferência Connected People Integrated Cities (2024).",
        "es": "Asociación de alcaldes y alcaldesas de las ciudades brasileñas, con sede en "
        "Brasilia; coordina foros de secretarios municipales como el Foro Inova Cidades. "
        "Organizó con Maceió la conferencia Connected People Integrated Cities (2024).",
        "en": "The national coalition of mayors of Brazilian cities, based in Brasília; it "
        "runs forums of municipal secretaries such as Forum Inova Cidades. It organized the "
        "Connected People Integrated Cities conference (2024) with Maceió.",
    },
    "montevideo": {
        "es": "Capital de Uruguay y ciudad fundadora de Mercociudades; sede de la Secretaría "
        "Técnica Permanente de la red.",
        "pt-br": "Capital do Uruguai e cidade fundadora da Mercocidades; sede da Secretaria "
        "Técnica Permanente da rede.",
        "en": "Capital of Uruguay and a founding city of Mercociudades; home of the network's "
        "permanent technical secretariat.",
    },
    "bilbao": {
        "es": "Capital de Bizkaia. Preside la Comisión de Ciudades Digitales y del Conocimiento "
        "de CGLU desde su creación en 2005.",
        "pt-br": "Capital da Biscaia. Preside a Comissão de Cidades Digitais e do Conhecimento "
        "da CGLU desde a sua criação, em 2005.",
        "en": "Capital of Biscay. Chair of the UCLG Committee of Digital and Knowledge-based "
        "Cities since its creation in 2005.",
    },
    "bordeaux-metropole": {
        "en": "Metropolitan authority of Bordeaux. It hosted the UCLG digital cities "
        "committee's first annual event (2013) and the 2023 annual meeting of the Cities "
        "Coalition for Digital Rights.",
        "es": "Metrópolis de Burdeos. Fue sede del primer evento anual de la comisión de "
        "ciudades digitales de CGLU (2013) y del encuentro anual 2023 de la Coalición de "
        "Ciudades por los Derechos Digitales.",
        "pt-br": "Metrópole de Bordeaux. Sediou o primeiro evento anual da comissão de cidades "
        "digitais da CGLU (2013) e o encontro anual de 2023 da Coalizão de Cidades pelos "
        "Direitos Digitais.",
    },
    **{
        slug: {
            "en": "A founding city of the Cities Coalition for Digital Rights (2018).",
            "es": "Ciudad fundadora de la Coalición de Ciudades por los Derechos Digitales (2018).",
            "pt-br": "Cidade fundadora da Coalizão de Cidades pelos Direitos Digitais (2018).",
        }
        for slug in ("amsterdam", "barcelona", "new-york")
    },
}

NETWORKS = [
    {
        "slug": "mercociudades",
        "acronym": "",
        "founded": 1995,
        "website": "https://mercociudades.org",
        "original_language": "es",
        "name": {"pt-br": "Mercocidades", "es": "Mercociudades", "en": "Mercociudades"},
        "description": {
            "es": "Principal red de gobiernos locales de América del Sur, fundada en 1995 en "
            "Asunción para impulsar la participación de las ciudades en la integración regional "
            "y la cooperación horizontal entre gobiernos locales. Reúne a más de 300 ciudades "
            "de diez países; su Secretaría Técnica Permanente funciona en Montevideo.",
            "pt-br": "Principal rede de governos locais da América do Sul, fundada em 1995 em "
            "Assunção para promover a participação das cidades na integração regional e a "
            "cooperação horizontal entre governos locais. Reúne mais de 300 cidades de dez "
            "países; sua Secretaria Técnica Permanente funciona em Montevidéu.",
            "en": "The leading network of local governments in South America, founded in 1995 "
            "in Asunción to bring cities into regional integration and foster horizontal "
            "cooperation between local governments. More than 300 cities in ten countries; its "
            "permanent technical secretariat is in Montevideo.",
        },
    },
    {
        "slug": "uclg",
        "acronym": "UCLG",
        "founded": 2004,
        "website": "https://www.uclg.org",
        "original_language": "en",
        "name": {
            "pt-br": "Cidades e Governos Locais Unidos",
            "es": "Ciudades y Gobiernos Locales Unidos",
            "en": "United Cities and Local Governments",
        },
        "description": {
            "en": "The world organization of local and regional governments and their "
            "associations, founded in 2004. Its world secretariat is in Barcelona.",
            "es": "Organización mundial de los gobiernos locales y regionales y de sus "
            "asociaciones, fundada en 2004. Su secretariado mundial está en Barcelona.",
            "pt-br": "Organização mundial dos governos locais e regionais e de suas "
            "associações, fundada em 2004. Seu secretariado mundial fica em Barcelona.",
        },
    },
    {
        "slug": "cc4dr",
        "acronym": "CC4DR",
        "founded": 2018,
        "website": "https://citiesfordigitalrights.org",
        "original_language": "en",
        "name": {
            "pt-br": "Coalizão de Cidades pelos Direitos Digitais",
            "es": "Coalición de Ciudades por los Derechos Digitales",
            "en": "Cities Coalition for Digital Rights",
        },
        "description": {
            "en": "Network of cities launched in November 2018 by Amsterdam, Barcelona and New "
            "York to protect and promote human rights in the digital environment, supported by "
            "UN-Habitat, Eurocities and UCLG. It has more than sixty member cities.",
            "es": "Red de ciudades lanzada en noviembre de 2018 por Ámsterdam, Barcelona y Nueva "
            "York para proteger y promover los derechos humanos en el entorno digital, con el "
            "apoyo de ONU-Hábitat, Eurocities y CGLU. Cuenta con más de sesenta ciudades.",
            "pt-br": "Rede de cidades lançada em novembro de 2018 por Amsterdã, Barcelona e Nova "
            "York para proteger e promover os direitos humanos no ambiente digital, com o apoio "
            "do ONU-Habitat, da Eurocities e da CGLU. Reúne mais de sessenta cidades.",
        },
    },
]

MEMBERSHIPS = {
    "mercociudades": {
        Membership.Role.EXECUTIVE_SECRETARIAT: ["mercociudades-secretariat"],
        Membership.Role.MEMBER: [
            "montevideo", "canelones", "maldonado", "salto",
            "buenos-aires", "rosario", "cordoba", "santa-fe", "mendoza", "la-plata",
            "esteban-echeverria", "tandil", "ayacucho", "concordia", "villa-carlos-paz",
            "canoas", "sao-paulo", "santana-de-parnaiba", "porto-alegre", "belo-horizonte",
            "curitiba", "recife", "salvador", "fortaleza", "niteroi", "guarulhos",
            "asuncion", "encarnacion", "santiago", "el-bosque", "lo-prado", "valparaiso",
            "concepcion", "quito", "cuenca", "la-paz", "cochabamba", "caracas",
        ],
    },
    "uclg": {
        Membership.Role.MEMBER: [
            "cnm", "flacma", "bilbao", "barcelona", "sao-paulo", "montevideo", "bogota",
        ],
    },
    "cc4dr": {
        Membership.Role.MEMBER: [
            "amsterdam", "barcelona", "new-york", "bordeaux-metropole", "sao-paulo", "maceio",
            "guadalajara",
        ],
        Membership.Role.PARTNER: ["un-habitat", "eurocities"],
    },
}  # fmt: skip


def _unit(pt: str, es: str, en: str) -> dict[str, str]:
    return {"pt-br": pt, "es": es, "en": en}


# Roles are (year, role, organization slugs, note); a term is the calendar year it is attested.
BODIES = [
    {
        "network": "mercociudades",
        "slug": "utpeam",
        "kind": Body.Kind.THEMATIC_UNIT,
        "acronym": "UTPEAM",
        "original_language": "pt-br",
        "name": _unit(
            "Unidade Temática de Planejamento Estratégico e Áreas Metropolitanas",
            "Unidad Temática de Planificación Estratégica y Áreas Metropolitanas",
            "Thematic Unit on Strategic Planning and Metropolitan Areas",
        ),
        "description": _unit(
            "Planejamento estratégico das cidades e das áreas metropolitanas: governança "
            "metropolitana, desenvolvimento local policêntrico, fronteiras e direito à cidade.",
            "Planificación estratégica de las ciudades y las áreas metropolitanas: gobernanza "
            "metropolitana, desarrollo local policéntrico, fronteras y derecho a la ciudad.",
            "Strategic planning of cities and metropolitan areas: metropolitan governance, "
            "polycentric local development, borders and the right to the city.",
        ),
        "roles": [
            (2016, Role.COORDINATION, ["canoas"], ""),
            (
                2016,
                Role.SUB_COORDINATION,
                ["sao-paulo", "el-bosque", "lo-prado", "canelones", "esteban-echeverria"],
                "",
            ),
        ],  # fmt: skip
    },
    {
        "network": "mercociudades",
        "slug": "innovation-governance",
        "kind": Body.Kind.VICE_PRESIDENCY,
        "acronym": "",
        "original_language": "pt-br",
        "name": _unit(
            "Vice-presidência de Inovação e Governança",
            "Vicepresidencia de Innovación y Gobernanza",
            "Vice-presidency of Innovation and Governance",
        ),
        "description": _unit(
            "Promove a cooperação entre as cidades da rede, novos modelos de gestão pública, o "
            "diálogo com bancos de desenvolvimento e uma plataforma de boas práticas de "
            "governança com aprendizagem entre pares.",
            "Promueve la cooperación entre las ciudades de la red, nuevos modelos de gestión "
            "pública, el diálogo con bancos de desarrollo y una plataforma de buenas prácticas "
            "de gobernanza con aprendizaje entre pares.",
            "Promotes cooperation between the network's cities, new models of public "
            "management, dialogue with development banks and a platform of good governance "
            "practices with peer-to-peer learning.",
        ),
        "roles": [(2018, Role.VICE_PRESIDENCY, ["santana-de-parnaiba"], "")],
    },
    {
        "network": "mercociudades",
        "slug": "culture",
        "kind": Body.Kind.THEMATIC_UNIT,
        "acronym": "UTC",
        "original_language": "es",
        "name": _unit(
            "Unidade Temática de Cultura",
            "Unidad Temática de Cultura",
            "Thematic Unit on Culture",
        ),
        "description": _unit(
            "Desenho e difusão de políticas culturais para a região, ligadas ao desenvolvimento "
            "integral das cidades.",
            "Diseño y difusión de políticas culturales para la región, vinculadas al desarrollo "
            "integral de las ciudades.",
            "Designing and sharing cultural policies for the region, tied to the integral "
            "development of cities.",
        ),
        "roles": [
            (2008, Role.COORDINATION, ["buenos-aires", "caracas"], ""),
            (2008, Role.SUB_COORDINATION, ["concordia", "maldonado", "salto"], ""),
        ],
    },
    {
        "network": "mercociudades",
        "slug": "social-development",
        "kind": Body.Kind.THEMATIC_UNIT,
        "acronym": "UTDS",
        "original_language": "es",
        "name": _unit(
            "Unidade Temática de Desenvolvimento Social",
            "Unidad Temática de Desarrollo Social",
            "Thematic Unit on Social Development",
        ),
        "description": _unit(
            "Intercâmbio de políticas sociais locais para a inclusão e a redução das "
            "desigualdades.",
            "Intercambio de políticas sociales locales para la inclusión y la reducción de las "
            "desigualdades.",
            "Exchange of local social policies for inclusion and for reducing inequalities.",
        ),
        "roles": [
            (2024, Role.COORDINATION, ["villa-carlos-paz"], ""),
            (2024, Role.SUB_COORDINATION, ["ayacucho"], ""),
        ],
    },
    {
        "network": "mercociudades",
        "slug": "autonomy-management-participation",
        "kind": Body.Kind.THEMATIC_UNIT,
        "acronym": "",
        "original_language": "es",
        "name": _unit(
            "Unidade Temática de Autonomia, Gestão e Participação",
            "Unidad Temática de Autonomía, Gestión y Participación",
            "Thematic Unit on Autonomy, Management and Participation",
        ),
        "description": _unit(
            "Autonomia e financiamento dos governos locais, gestão pública e participação cidadã.",
            "Autonomía y financiamiento de los gobiernos locales, gestión pública y "
            "participación ciudadana.",
            "Local government autonomy and finance, public management and citizen participation.",
        ),
        "roles": [(2024, Role.COORDINATION, ["ayacucho"], "")],
    },
    {
        "network": "mercociudades",
        "slug": "local-economic-development",
        "kind": Body.Kind.THEMATIC_UNIT,
        "acronym": "UTDEL",
        "original_language": "es",
        "name": _unit(
            "Unidade Temática de Desenvolvimento Econômico Local",
            "Unidad Temática de Desarrollo Económico Local",
            "Thematic Unit on Local Economic Development",
        ),
        "description": _unit(
            "Emprego, empreendedorismo, economia social e integração produtiva entre as "
            "cidades da rede.",
            "Empleo, emprendimiento, economía social e integración productiva entre las "
            "ciudades de la red.",
            "Employment, entrepreneurship, social economy and productive integration between "
            "the network's cities.",
        ),
        "roles": [],
    },
    {
        "network": "mercociudades",
        "slug": "gender-municipality",
        "kind": Body.Kind.THEMATIC_UNIT,
        "acronym": "UTGM",
        "original_language": "es",
        "name": _unit(
            "Unidade Temática de Gênero e Município",
            "Unidad Temática de Género y Municipio",
            "Thematic Unit on Gender and Municipality",
        ),
        "description": _unit(
            "Políticas locais de igualdade de gênero e a perspectiva de gênero em toda a gestão "
            "municipal.",
            "Políticas locales de igualdad de género y la perspectiva de género en toda la "
            "gestión municipal.",
            "Local gender equality policies and a gender perspective across municipal management.",
        ),
        "roles": [],
    },
    {
        "network": "mercociudades",
        "slug": "environment-sustainable-development",
        "kind": Body.Kind.THEMATIC_UNIT,
        "acronym": "UTADS",
        "original_language": "es",
        "name": _unit(
            "Unidade Temática de Ambiente e Desenvolvimento Sustentável",
            "Unidad Temática de Ambiente y Desarrollo Sostenible",
            "Thematic Unit on Environment and Sustainable Development",
        ),
        "description": _unit(
            "Gestão ambiental urbana, mudança do clima e desenvolvimento sustentável das cidades.",
            "Gestión ambiental urbana, cambio climático y desarrollo sostenible de las ciudades.",
            "Urban environmental management, climate change and the sustainable development "
            "of cities.",
        ),
        "roles": [],
    },
    {
        "network": "uclg",
        "slug": "digital-knowledge-cities",
        "kind": Body.Kind.COMMITTEE,
        "acronym": "",
        "original_language": "en",
        "name": _unit(
            "Comissão de Cidades Digitais e do Conhecimento",
            "Comisión de Ciudades Digitales y del Conocimiento",
            "Committee of Digital and Knowledge-based Cities",
        ),
        "description": _unit(
            "Criada em 2005 e presidida pela cidade de Bilbao, trabalha para reduzir a exclusão "
            "digital e promover agendas digitais locais, a inovação e o conhecimento. Organiza "
            "um evento temático anual: Bordeaux 2013, Bilbao 2014, São Paulo 2015.",
            "Creada en 2005 y presidida por la ciudad de Bilbao, trabaja para reducir la brecha "
            "digital e impulsar agendas digitales locales, la innovación y el conocimiento. "
            "Organiza un evento temático anual: Burdeos 2013, Bilbao 2014, São Paulo 2015.",
            "Created in 2005 and chaired by the City of Bilbao, it works to reduce the digital "
            "divide and to promote digital local agendas, innovation and knowledge. It holds a "
            "yearly thematic event: Bordeaux 2013, Bilbao 2014, São Paulo 2015.",
        ),
        "roles": [
            (2015, Role.PRESIDENCY, ["bilbao"], ""),
            (2015, Role.VICE_PRESIDENCY, ["cnm"], "Latin America"),
        ],
    },
    {
        "network": "cc4dr",
        "slug": "board",
        "kind": Body.Kind.COMMITTEE,
        "acronym": "",
        "original_language": "en",
        "name": _unit("Conselho da Coalizão", "Junta de la Coalición", "Coalition board"),
        "description": _unit(
            "As cidades membros coordenam a coalizão; o seu conselho inclui também a "
            "Eurocities, o ONU-Habitat e a CGLU. Em 2024, Maceió é a cidade coordenadora.",
            "Las ciudades miembro coordinan la coalición; su junta incluye también a "
            "Eurocities, ONU-Hábitat y CGLU. En 2024 Maceió es la ciudad coordinadora.",
            "Member cities coordinate the coalition; its board also includes Eurocities, "
            "UN-Habitat and UCLG. In 2024 Maceió is the coordinating city.",
        ),
        "roles": [
            (
                2024,
                Role.COORDINATION,
                ["maceio"],
                "Through the city's Institute for Research and Urban Planning; host of the 2024 "
                "annual meeting",
            ),
            (2024, Role.MEMBER, ["eurocities", "un-habitat"], ""),
        ],  # fmt: skip
    },
]

# Contacts: the first three are named, with their public details, in the seed documents.
PEOPLE = [
    {
        "name": "Deise Martins",
        "organization": "canoas",
        "position": "Secretária de Relações Internacionais e Cooperação",
        "email": "deise.martins@canoas.rs.gov.br",
        "visibility": Person.Visibility.PUBLIC,
        "bodies": [("mercociudades", "utpeam")],
    },
    {
        "name": "Tatiane de Jesus",
        "organization": "cnm",
        "position": "Departamento Internacional",
        "email": "internacional@cnm.org.br",
        "phone": "+55 61 2101-6032",
        "visibility": Person.Visibility.PUBLIC,
        "bodies": [("uclg", "digital-knowledge-cities")],
    },
    {
        "name": "Elvis Leonardo Cezar",
        "organization": "santana-de-parnaiba",
        "position": "Prefeito",
        "email": "semedes@santanadeparnaiba.sp.gov.br",
        "phone": "+55 11 4622-8250",
        "visibility": Person.Visibility.PUBLIC,
        "bodies": [("mercociudades", "innovation-governance")],
    },
    # Demo people (fictitious, .example addresses) showing the other two visibilities.
    {
        "name": "Marcos Oliveira",
        "organization": "canoas",
        "position": "Assessor de Relações Internacionais",
        "email": "editor@canoas.example",
        "phone": "+55 51 0000-0000",
        "visibility": Person.Visibility.MEMBERS,
        "user": "editor@canoas.example",
    },
    {
        "name": "Lucía Fernández",
        "organization": "mercociudades-secretariat",
        "position": "Técnica de la Secretaría Técnica Permanente",
        "email": "secretaria@mercociudades.example",
        "phone": "+598 0000 0000",
        "visibility": Person.Visibility.PRIVATE,
        "user": "secretaria@mercociudades.example",
    },
    # Demo speakers of the events (fictitious, like the two above): the seed documents name no
    # speaker. Public, since a programme shows who speaks; no e-mail or phone to expose.
    {
        "name": "Carolina Vasconcelos",
        "organization": "maceio",
        "position": "Coordenadora de Relações Internacionais",
        "email": "",
        "visibility": Person.Visibility.PUBLIC,
    },
    {
        "name": "Rafael Moura",
        "organization": "fnp",
        "position": "Assessor de Inovação e Governo Digital",
        "email": "",
        "visibility": Person.Visibility.PUBLIC,
    },
    {
        "name": "Grace Wanjiru",
        "organization": "un-habitat",
        "position": "Programme Officer, People-Centred Smart Cities",
        "email": "",
        "visibility": Person.Visibility.PUBLIC,
    },
    {
        "name": "Pieter Janssen",
        "organization": "eurocities",
        "position": "Policy Advisor, Digital Transition",
        "email": "",
        "visibility": Person.Visibility.PUBLIC,
    },
    {
        "name": "Marta Puig",
        "organization": "barcelona",
        "position": "Oficina de Innovación Digital",
        "email": "",
        "visibility": Person.Visibility.PUBLIC,
    },
]


@dataclass(frozen=True)
class DemoAccount:
    role: str
    email: str
    name: str
    position: str
    preferred_language: str
    languages_spoken: tuple[str, ...]
    organization: str = ""  # slug; the account is also made an editor of it when `editor`
    editor: bool = False
    secretariat_of: str = ""  # network slug
    staff: bool = False


DEMO_ACCOUNTS = [
    DemoAccount("staff admin", "admin@intercambio.example", "Helena Costa",
                "Platform administrator", "en", ("en", "pt-br", "es"), staff=True),
    DemoAccount("network secretariat", "secretaria@mercociudades.example", "Lucía Fernández",
                "Técnica de la Secretaría Técnica Permanente", "es", ("es", "pt-br"),
                organization="mercociudades-secretariat", secretariat_of="mercociudades"),
    DemoAccount("organization editor", "editor@canoas.example", "Marcos Oliveira",
                "Assessor de Relações Internacionais", "pt-br", ("pt-br", "es"),
                organization="canoas", editor=True),
    DemoAccount("member", "membro@intercambio.example", "Sofía Benítez",
                "Urbanista", "es", ("es", "en")),
]  # fmt: skip


def demo_accounts_lines() -> list[str]:
    return [f"{account.role}: {account.email}" for account in DEMO_ACCOUNTS]


def is_demo_loaded() -> bool:
    return Network.objects.filter(slug="mercociudades").exists()


def _description(org: Org) -> dict[str, str]:
    if org.key in ABOUT:
        return ABOUT[org.key]
    templates = {
        "pt-br": "Governo local de {place}.",
        "es": "Gobierno local de {place}.",
        "en": "Local government of {place}.",
    }
    texts = {}
    for code, template in templates.items():
        with translation.override(code):
            country = str(countries.name(org.country))
        place = ", ".join(part for part in (org.name, org.region, country) if part)
        texts[code] = template.format(place=place)
    return texts


def _same(current: Any, wanted: Any) -> bool:
    if isinstance(current, models.Model) or isinstance(wanted, models.Model):
        return getattr(current, "pk", None) == getattr(wanted, "pk", None)
    return getattr(current, "code", current) == wanted  # a CountryField gives a Country


def _upsert(model: type[models.Model], lookup: dict, values: dict, tally: Counter):
    """Create the record, or update only the fields that differ; never save an unchanged row."""
    record = model.objects.filter(**lookup).first()
    if record is None:
        record = model(**lookup, **values)
        record.full_clean()
        record.save()
        tally["created"] += 1
        return record
    changed = [field for field, value in values.items() if not _same(getattr(record, field), value)]
    if changed:
        for field in changed:
            setattr(record, field, values[field])
        record.full_clean()
        record.save()
        tally["updated"] += 1
    return record


def _load_organizations(tally: Counter) -> dict[str, Organization]:
    organizations = {}
    for org in ORGANIZATIONS:
        latitude, longitude = org.coords or (None, None)
        values = {
            "kind": org.kind,
            "name": org.name,
            "short_name": org.short_name,
            "country": org.country,
            "region": org.region,
            "city": org.city or (org.name if org.kind == Kind.MUNICIPALITY else ""),
            "population": org.population,
            "website": org.website,
            "latitude": None if latitude is None else Decimal(str(latitude)),
            "longitude": None if longitude is None else Decimal(str(longitude)),
            "original_language": org.original_language,
            **language_columns("description", _description(org)),
        }
        organizations[org.key] = _upsert(Organization, {"slug": org.key}, values, tally)
    return organizations


def _load_networks(organizations: dict[str, Organization], tally: Counter) -> dict:
    networks = {}
    for data in NETWORKS:
        values = {key: data[key] for key in ("acronym", "founded", "website", "original_language")}
        values |= language_columns("name", data["name"]) | language_columns(
            "description", data["description"]
        )
        network = _upsert(Network, {"slug": data["slug"]}, values, tally)
        networks[network.slug] = network
        for role, slugs in MEMBERSHIPS[network.slug].items():
            for slug in slugs:
                lookup = {
                    "network": network,
                    "organization": organizations[slug],
                    "role": role,
                    "since": None,
                }
                _upsert(Membership, lookup, {"until": None}, tally)
    return networks


def _load_bodies(networks: dict, organizations: dict[str, Organization], tally: Counter) -> dict:
    bodies = {}
    for data in BODIES:
        values = {"kind": data["kind"], "acronym": data["acronym"]}
        values |= {"original_language": data["original_language"], "active": True}
        values |= language_columns("name", data["name"]) | language_columns(
            "description", data["description"]
        )
        lookup = {"network": networks[data["network"]], "slug": data["slug"]}
        body = _upsert(Body, lookup, values, tally)
        bodies[(data["network"], data["slug"])] = body
        for year, role, slugs, note in data["roles"]:
            for slug in slugs:
                lookup = {
                    "body": body,
                    "organization": organizations[slug],
                    "role": role,
                    "term_start": datetime.date(year, 1, 1),
                }
                values = {"term_end": datetime.date(year, 12, 31), "note": note}
                _upsert(BodyRole, lookup, values, tally)
    return bodies


def _load_accounts(networks: dict, organizations: dict[str, Organization], tally: Counter):
    User = get_user_model()
    users, password = {}, ""
    for account in DEMO_ACCOUNTS:
        organization = organizations.get(account.organization)
        values = {
            "name": account.name,
            "position": account.position,
            "organization": organization,
            "preferred_language": account.preferred_language,
            "languages_spoken": list(account.languages_spoken),
            "is_staff": account.staff,
            "is_superuser": account.staff,
            "is_active": True,
        }
        if not User.objects.filter(email=account.email).exists():
            # Only a new account gets the demo password: an existing one keeps whatever its
            # owner set. One hash serves every new account (the password is public anyway, and
            # hashing is the slowest step of the load).
            password = password or make_password(DEMO_PASSWORD)
            values["password"] = password
        user = _upsert(User, {"email": account.email}, values, tally)
        _upsert(
            EmailAddress,
            {"user": user, "email": account.email},
            {"verified": True, "primary": True},
            tally,
        )
        if account.editor and organization is not None:
            organization.editors.add(user)
        if account.secretariat_of:
            networks[account.secretariat_of].secretariat.add(user)
        users[account.email] = user
    return users


def _load_people(users: dict, bodies: dict, organizations: dict, tally: Counter) -> None:
    for data in PEOPLE:
        lookup = {"organization": organizations[data["organization"]], "name": data["name"]}
        values = {
            "position": data["position"],
            "email": data["email"],
            "phone": data.get("phone", ""),
            "visibility": data["visibility"],
            "user": users.get(data.get("user")),
        }
        person = _upsert(Person, lookup, values, tally)
        for key in data.get("bodies", []):
            bodies[key].contacts.add(person)


def load_demo(*, stdout: TextIO | None = None) -> None:
    """Load (or bring up to date) the demo networks, bodies, organizations, contacts and
    accounts. Side effects: rows created or updated in one transaction; a summary written to
    `stdout` when given. Existing rows that already match are not saved again."""
    tally: Counter = Counter()
    with transaction.atomic():
        organizations = _load_organizations(tally)
        networks = _load_networks(organizations, tally)
        bodies = _load_bodies(networks, organizations, tally)
        users = _load_accounts(networks, organizations, tally)
        _load_people(users, bodies, organizations, tally)
    if stdout is not None:
        counts = {
            "networks": len(NETWORKS),
            "bodies": len(BODIES),
            "organizations": len(ORGANIZATIONS),
            "memberships": sum(len(slugs) for roles in MEMBERSHIPS.values() for slugs in roles.values()),
            "roles in bodies": sum(len(slugs) for body in BODIES for _, _, slugs, _ in body["roles"]),
            "contacts": len(PEOPLE),
            "accounts": len(DEMO_ACCOUNTS),
        }  # fmt: skip
        summary = ", ".join(f"{count} {label}" for label, count in counts.items())
        stdout.write(
            f"Demo data: {summary} ({tally['created']} records created, "
            f"{tally['updated']} updated).\n"
        )
