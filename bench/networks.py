"""The three networks of the data set and their bodies (thematic units, committees, groups).

Names are (pt-br, es, en); each network was written in its own original language.
"""

NETWORKS = [
    {
        "slug": "mercociudades",
        "acronym": "",
        "founded": 1995,
        "original_language": "es",
        "website": "https://mercociudades.org",
        "name": ("Mercocidades", "Mercociudades", "Mercocities"),
        "description": (
            "Principal rede de governos locais da América do Sul. Promove a **integração "
            "regional** e a cooperação horizontal entre cidades por meio de unidades temáticas.",
            "Principal red de gobiernos locales de América del Sur. Promueve la **integración "
            "regional** y la cooperación horizontal entre ciudades mediante unidades temáticas.",
            "The leading network of local governments in South America. It promotes **regional "
            "integration** and horizontal cooperation between cities through thematic units.",
        ),
        "body_kind": "thematic_unit",
        "roles": ("coordination", "sub_coordination"),
        "bodies": [
            ("Cultura", "Cultura", "Culture"),
            ("Desenvolvimento Econômico Local", "Desarrollo Económico Local", "Local Economic Development"),
            ("Educação", "Educación", "Education"),
            ("Gênero e Município", "Género y Municipio", "Gender and Municipality"),
            ("Ambiente e Desenvolvimento Sustentável", "Ambiente y Desarrollo Sostenible", "Environment and Sustainable Development"),
            ("Ciência, Tecnologia e Capacitação", "Ciencia, Tecnología y Capacitación", "Science, Technology and Training"),
            ("Cooperação Internacional", "Cooperación Internacional", "International Cooperation"),
            ("Desenvolvimento Social", "Desarrollo Social", "Social Development"),
            ("Juventudes", "Juventudes", "Youth"),
            ("Planejamento Estratégico e Áreas Metropolitanas", "Planificación Estratégica y Áreas Metropolitanas", "Strategic Planning and Metropolitan Areas"),
            ("Segurança Cidadã", "Seguridad Ciudadana", "Community Safety"),
            ("Turismo", "Turismo", "Tourism"),
            ("Autonomia, Gestão e Financiamento Municipal", "Autonomía, Gestión y Financiamiento Municipal", "Municipal Autonomy, Management and Finance"),
            ("Comunicação", "Comunicación", "Communication"),
            ("Esporte", "Deporte", "Sport"),
            ("Integração Fronteiriça", "Integración Fronteriza", "Cross-border Integration"),
            ("Direitos Humanos", "Derechos Humanos", "Human Rights"),
            ("Deficiência e Inclusão", "Discapacidad e Inclusión", "Disability and Inclusion"),
            ("Economia Social e Solidária", "Economía Social y Solidaria", "Social and Solidarity Economy"),
            ("Participação Cidadã", "Participación Ciudadana", "Citizen Participation"),
            ("Segurança Alimentar", "Seguridad Alimentaria", "Food Security"),
            ("Patrimônio Cultural", "Patrimonio Cultural", "Cultural Heritage"),
        ],
    },
    {
        "slug": "uclg",
        "acronym": "UCLG",
        "founded": 2004,
        "original_language": "en",
        "website": "https://www.uclg.org",
        "name": (
            "Cidades e Governos Locais Unidos",
            "Ciudades y Gobiernos Locales Unidos",
            "United Cities and Local Governments",
        ),
        "description": (
            "Organização mundial que representa e defende os **governos locais e regionais** "
            "perante a comunidade internacional.",
            "Organización mundial que representa y defiende a los **gobiernos locales y "
            "regionales** ante la comunidad internacional.",
            "The world organization that represents and defends **local and regional "
            "governments** before the international community.",
        ),
        "body_kind": "committee",
        "roles": ("chair", "vice_presidency"),
        "bodies": [
            ("Comissão de Cultura", "Comisión de Cultura", "Committee on Culture"),
            ("Desenvolvimento Econômico e Social Local", "Desarrollo Económico y Social Local", "Local Economic and Social Development"),
            ("Inclusão Social, Democracia Participativa e Direitos Humanos", "Inclusión Social, Democracia Participativa y Derechos Humanos", "Social Inclusion, Participatory Democracy and Human Rights"),
            ("Planejamento Urbano Estratégico", "Planificación Urbana Estratégica", "Urban Strategic Planning"),
            ("Finanças Locais para o Desenvolvimento", "Finanzas Locales para el Desarrollo", "Local Finance for Development"),
            ("Cidades Digitais e do Conhecimento", "Ciudades Digitales y del Conocimiento", "Digital and Knowledge-Based Cities"),
            ("Mobilidade Urbana", "Movilidad Urbana", "Urban Mobility"),
            ("Cooperação para o Desenvolvimento e Diplomacia de Cidades", "Cooperación al Desarrollo y Diplomacia de Ciudades", "Development Cooperation and City Diplomacy"),
            ("Cidades Periféricas", "Ciudades Periféricas", "Peripheral Cities"),
            ("Cidades Intermediárias", "Ciudades Intermedias", "Intermediary Cities"),
            ("Migração", "Migración", "Migration"),
            ("Saúde Urbana", "Salud Urbana", "Urban Health"),
            ("Sistemas Alimentares", "Sistemas Alimentarios", "Food Systems"),
            ("Igualdade de Gênero", "Igualdad de Género", "Gender Equality"),
            ("Prevenção e Gestão Territorial de Crises", "Prevención y Gestión Territorial de Crisis", "Territorial Prevention and Management of Crises"),
        ],
    },
    {
        "slug": "cc4dr",
        "acronym": "CC4DR",
        "founded": 2018,
        "original_language": "en",
        "website": "https://citiesfordigitalrights.org",
        "name": (
            "Coalizão de Cidades pelos Direitos Digitais",
            "Coalición de Ciudades por los Derechos Digitales",
            "Cities Coalition for Digital Rights",
        ),
        "description": (
            "Cidades que se comprometem a proteger e promover os **direitos digitais** dos "
            "seus habitantes.",
            "Ciudades que se comprometen a proteger y promover los **derechos digitales** de "
            "sus habitantes.",
            "Cities committed to protecting and upholding the **digital rights** of their "
            "residents.",
        ),
        "body_kind": "working_group",
        "roles": ("coordination", "sub_coordination"),
        "bodies": [
            ("Inclusão Digital", "Inclusión Digital", "Digital Inclusion"),
            ("Transparência Algorítmica", "Transparencia Algorítmica", "Algorithmic Transparency"),
            ("Privacidade de Dados", "Privacidad de Datos", "Data Privacy"),
            ("Padrões Abertos", "Estándares Abiertos", "Open Standards"),
            ("Participação Digital", "Participación Digital", "Digital Participation"),
            ("Compras Públicas de Tecnologia", "Compra Pública de Tecnología", "Technology Procurement"),
        ],
    },
]  # fmt: skip

BODY_DESCRIPTIONS = (
    "Reúne as cidades da rede que trabalham em {name_pt}: intercâmbio de experiências, "
    "seminários anuais e um plano de trabalho com objetivos, eixos e atividades.",
    "Reúne a las ciudades de la red que trabajan en {name_es}: intercambio de experiencias, "
    "seminarios anuales y un plan de trabajo con objetivos, ejes y actividades.",
    "Brings together the network's cities working on {name_en}: exchange of experience, "
    "yearly seminars and a work plan with objectives, axes and activities.",
)

# Terms of office of the bodies: the last one is open-ended (current).
TERMS = [("2019-01-01", "2020-12-31"), ("2021-01-01", "2022-12-31"), ("2023-01-01", "2024-12-31"),
         ("2025-01-01", None)]  # fmt: skip
