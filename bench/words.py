"""Vocabulary for the synthetic data set: places, governance themes and sentence templates.

Every translated phrase is a (pt-br, es, en) triple so one random choice yields the same
sentence in the three languages, as a translated record would.
"""

# country code -> (weight, family of place names, names of the country in pt-br / es / en)
COUNTRIES: dict[str, tuple[int, str, tuple[str, str, str]]] = {
    "BR": (30, "pt", ("Brasil", "Brasil", "Brazil")),
    "AR": (12, "es", ("Argentina", "Argentina", "Argentina")),
    "UY": (5, "es", ("Uruguai", "Uruguay", "Uruguay")),
    "PY": (4, "es", ("Paraguai", "Paraguay", "Paraguay")),
    "CL": (8, "es", ("Chile", "Chile", "Chile")),
    "BO": (4, "es", ("Bolívia", "Bolivia", "Bolivia")),
    "PE": (6, "es", ("Peru", "Perú", "Peru")),
    "CO": (8, "es", ("Colômbia", "Colombia", "Colombia")),
    "MX": (9, "es", ("México", "México", "Mexico")),
    "ES": (7, "es", ("Espanha", "España", "Spain")),
    "PT": (3, "pt", ("Portugal", "Portugal", "Portugal")),
    "FR": (4, "fr", ("França", "Francia", "France")),
}

LATIN_AMERICA = {"BR", "AR", "UY", "PY", "CL", "BO", "PE", "CO", "MX"}

# Real cities and the state, province, department or region they are in.
CITIES: dict[str, list[tuple[str, str]]] = {
    "BR": [
        ("São Paulo", "São Paulo"), ("Rio de Janeiro", "Rio de Janeiro"),
        ("Belo Horizonte", "Minas Gerais"), ("Porto Alegre", "Rio Grande do Sul"),
        ("Curitiba", "Paraná"), ("Salvador", "Bahia"), ("Recife", "Pernambuco"),
        ("Fortaleza", "Ceará"), ("Belém", "Pará"), ("Manaus", "Amazonas"),
        ("Goiânia", "Goiás"), ("Florianópolis", "Santa Catarina"), ("Campinas", "São Paulo"),
        ("Santos", "São Paulo"), ("Niterói", "Rio de Janeiro"), ("Contagem", "Minas Gerais"),
        ("Canoas", "Rio Grande do Sul"), ("Guarulhos", "São Paulo"),
        ("São Leopoldo", "Rio Grande do Sul"), ("Vitória", "Espírito Santo"),
        ("João Pessoa", "Paraíba"), ("Natal", "Rio Grande do Norte"), ("Maceió", "Alagoas"),
        ("Aracaju", "Sergipe"), ("Teresina", "Piauí"), ("São Luís", "Maranhão"),
        ("Campo Grande", "Mato Grosso do Sul"), ("Cuiabá", "Mato Grosso"),
        ("Londrina", "Paraná"), ("Maringá", "Paraná"), ("Foz do Iguaçu", "Paraná"),
        ("Caxias do Sul", "Rio Grande do Sul"), ("Pelotas", "Rio Grande do Sul"),
        ("Santa Maria", "Rio Grande do Sul"), ("Diadema", "São Paulo"), ("Osasco", "São Paulo"),
        ("Santo André", "São Paulo"), ("São Bernardo do Campo", "São Paulo"),
        ("Juiz de Fora", "Minas Gerais"), ("Uberlândia", "Minas Gerais"),
    ],
    "AR": [
        ("Buenos Aires", "Ciudad Autónoma de Buenos Aires"), ("Rosario", "Santa Fe"),
        ("Córdoba", "Córdoba"), ("Mendoza", "Mendoza"), ("La Plata", "Buenos Aires"),
        ("Mar del Plata", "Buenos Aires"), ("Tandil", "Buenos Aires"), ("Morón", "Buenos Aires"),
        ("Quilmes", "Buenos Aires"), ("Avellaneda", "Buenos Aires"),
        ("San Miguel de Tucumán", "Tucumán"), ("Salta", "Salta"), ("Neuquén", "Neuquén"),
        ("Bahía Blanca", "Buenos Aires"), ("Santa Fe", "Santa Fe"), ("Paraná", "Entre Ríos"),
        ("Resistencia", "Chaco"), ("Posadas", "Misiones"), ("Corrientes", "Corrientes"),
        ("San Juan", "San Juan"), ("Río Cuarto", "Córdoba"), ("Rafaela", "Santa Fe"),
        ("Ushuaia", "Tierra del Fuego"), ("Comodoro Rivadavia", "Chubut"),
    ],
    "UY": [
        ("Montevideo", "Montevideo"), ("Canelones", "Canelones"), ("Maldonado", "Maldonado"),
        ("Paysandú", "Paysandú"), ("Salto", "Salto"), ("Rivera", "Rivera"),
        ("Colonia del Sacramento", "Colonia"), ("Tacuarembó", "Tacuarembó"),
        ("Melo", "Cerro Largo"), ("Florida", "Florida"), ("Durazno", "Durazno"),
        ("Minas", "Lavalleja"), ("Mercedes", "Soriano"), ("Fray Bentos", "Río Negro"),
        ("Artigas", "Artigas"), ("Rocha", "Rocha"), ("Treinta y Tres", "Treinta y Tres"),
        ("San José de Mayo", "San José"), ("Trinidad", "Flores"),
    ],
    "PY": [
        ("Asunción", "Capital"), ("Ciudad del Este", "Alto Paraná"), ("Encarnación", "Itapúa"),
        ("San Lorenzo", "Central"), ("Luque", "Central"), ("Fernando de la Mora", "Central"),
        ("Lambaré", "Central"), ("Capiatá", "Central"), ("Villarrica", "Guairá"),
        ("Concepción", "Concepción"), ("Pedro Juan Caballero", "Amambay"),
        ("Coronel Oviedo", "Caaguazú"), ("Pilar", "Ñeembucú"),
    ],
    "CL": [
        ("Santiago", "Región Metropolitana"), ("Valparaíso", "Valparaíso"),
        ("Viña del Mar", "Valparaíso"), ("Concepción", "Biobío"), ("La Serena", "Coquimbo"),
        ("Antofagasta", "Antofagasta"), ("Temuco", "La Araucanía"), ("Rancagua", "O'Higgins"),
        ("Talca", "Maule"), ("Arica", "Arica y Parinacota"), ("Iquique", "Tarapacá"),
        ("Puerto Montt", "Los Lagos"), ("Valdivia", "Los Ríos"), ("Punta Arenas", "Magallanes"),
        ("Peñalolén", "Región Metropolitana"), ("Providencia", "Región Metropolitana"),
        ("Maipú", "Región Metropolitana"), ("Recoleta", "Región Metropolitana"),
    ],
    "BO": [
        ("La Paz", "La Paz"), ("El Alto", "La Paz"), ("Santa Cruz de la Sierra", "Santa Cruz"),
        ("Cochabamba", "Cochabamba"), ("Sucre", "Chuquisaca"), ("Oruro", "Oruro"),
        ("Potosí", "Potosí"), ("Tarija", "Tarija"), ("Trinidad", "Beni"), ("Cobija", "Pando"),
        ("Quillacollo", "Cochabamba"), ("Sacaba", "Cochabamba"),
    ],
    "PE": [
        ("Lima", "Lima"), ("Arequipa", "Arequipa"), ("Trujillo", "La Libertad"),
        ("Chiclayo", "Lambayeque"), ("Piura", "Piura"), ("Cusco", "Cusco"),
        ("Huancayo", "Junín"), ("Iquitos", "Loreto"), ("Tacna", "Tacna"), ("Puno", "Puno"),
        ("Cajamarca", "Cajamarca"), ("Ayacucho", "Ayacucho"), ("Miraflores", "Lima"),
        ("San Isidro", "Lima"), ("Callao", "Callao"),
    ],
    "CO": [
        ("Bogotá", "Bogotá D.C."), ("Medellín", "Antioquia"), ("Cali", "Valle del Cauca"),
        ("Barranquilla", "Atlántico"), ("Cartagena de Indias", "Bolívar"),
        ("Bucaramanga", "Santander"), ("Manizales", "Caldas"), ("Pereira", "Risaralda"),
        ("Ibagué", "Tolima"), ("Pasto", "Nariño"), ("Santa Marta", "Magdalena"),
        ("Villavicencio", "Meta"), ("Montería", "Córdoba"), ("Armenia", "Quindío"),
        ("Popayán", "Cauca"),
    ],
    "MX": [
        ("Ciudad de México", "Ciudad de México"), ("Guadalajara", "Jalisco"),
        ("Monterrey", "Nuevo León"), ("Puebla", "Puebla"), ("Mérida", "Yucatán"),
        ("Querétaro", "Querétaro"), ("Oaxaca de Juárez", "Oaxaca"), ("León", "Guanajuato"),
        ("Tijuana", "Baja California"), ("Morelia", "Michoacán"),
        ("San Luis Potosí", "San Luis Potosí"), ("Toluca", "Estado de México"),
        ("Xalapa", "Veracruz"), ("Aguascalientes", "Aguascalientes"),
        ("Chihuahua", "Chihuahua"),
    ],
    "ES": [
        ("Madrid", "Comunidad de Madrid"), ("Barcelona", "Cataluña"),
        ("Valencia", "Comunitat Valenciana"), ("Sevilla", "Andalucía"), ("Bilbao", "País Vasco"),
        ("Málaga", "Andalucía"), ("Zaragoza", "Aragón"), ("Vigo", "Galicia"),
        ("Gijón", "Asturias"), ("Granada", "Andalucía"), ("Palma", "Illes Balears"),
        ("Las Palmas de Gran Canaria", "Canarias"), ("Valladolid", "Castilla y León"),
        ("Pamplona", "Navarra"), ("Murcia", "Región de Murcia"),
        ("Santiago de Compostela", "Galicia"), ("Donostia-San Sebastián", "País Vasco"),
        ("Terrassa", "Cataluña"), ("Sabadell", "Cataluña"),
    ],
    "PT": [
        ("Lisboa", "Lisboa"), ("Porto", "Porto"), ("Braga", "Braga"), ("Coimbra", "Coimbra"),
        ("Aveiro", "Aveiro"), ("Évora", "Évora"), ("Faro", "Faro"), ("Setúbal", "Setúbal"),
        ("Funchal", "Madeira"), ("Guimarães", "Braga"), ("Viseu", "Viseu"),
        ("Leiria", "Leiria"), ("Cascais", "Lisboa"), ("Amadora", "Lisboa"),
        ("Matosinhos", "Porto"), ("Ponta Delgada", "Açores"),
    ],
    "FR": [
        ("Paris", "Île-de-France"), ("Lyon", "Auvergne-Rhône-Alpes"),
        ("Marseille", "Provence-Alpes-Côte d'Azur"), ("Bordeaux", "Nouvelle-Aquitaine"),
        ("Lille", "Hauts-de-France"), ("Nantes", "Pays de la Loire"),
        ("Strasbourg", "Grand Est"), ("Toulouse", "Occitanie"), ("Montpellier", "Occitanie"),
        ("Rennes", "Bretagne"), ("Grenoble", "Auvergne-Rhône-Alpes"),
        ("Nice", "Provence-Alpes-Côte d'Azur"), ("Dijon", "Bourgogne-Franche-Comté"),
        ("Rouen", "Normandie"), ("Villeurbanne", "Auvergne-Rhône-Alpes"),
        ("Saint-Denis", "Île-de-France"),
    ],
}  # fmt: skip

# Pieces of invented but plausible place names, by family of names.
PLACE_PARTS: dict[str, dict[str, list[str]]] = {
    "pt": {
        "saint": [
            "São João", "São José", "São Pedro", "São Francisco", "São Sebastião", "São Miguel",
            "São Bento", "São Lourenço", "São Vicente", "São Gabriel", "Santa Maria",
            "Santa Rita", "Santa Luzia", "Santa Cruz", "Santa Helena", "Santa Teresa",
            "Santa Bárbara", "Santa Clara", "Santo Antônio", "Santo André", "Santo Amaro",
        ],
        "head": [
            "Nova", "Porto", "Vila", "Campo", "Rio", "Serra", "Barra", "Lagoa", "Morro",
            "Ponte", "Bom Jardim", "Monte", "Alto", "Vale", "Cachoeira", "Pedra",
        ],
        "core": [
            "Alegre", "Verde", "Bonito", "Grande", "Belo", "Formoso", "Claro", "Branco",
            "Esperança", "Aurora", "Prata", "Seco", "Novo", "Dourado", "Azul",
        ],
        "tail": [
            "do Sul", "do Norte", "da Serra", "do Oeste", "de Minas", "das Flores",
            "dos Campos", "do Rio", "da Mata", "das Pedras", "do Araguaia", "da Estrela",
        ],
        "native_a": [
            "Ita", "Ibi", "Ara", "Pira", "Para", "Guara", "Caru", "Jaca", "Uba", "Maca",
            "Tabo", "Itaqua", "Jabo", "Pinda", "Ipa", "Inda",
        ],
        "native_b": [
            "cicaba", "quara", "tinga", "juba", "peva", "rana", "nduba", "guaçu", "mirim",
            "tuba", "ruaru", "raí", "tiba", "piranga", "iatuba", "baí",
        ],
    },
    "es": {
        "saint": [
            "San Martín", "San José", "San Juan", "San Pedro", "San Miguel", "San Carlos",
            "San Lorenzo", "San Rafael", "San Fernando", "San Isidro", "San Nicolás",
            "San Vicente", "San Antonio", "Santa Fe", "Santa Rosa", "Santa Lucía", "Santa Ana",
            "Santa Cruz", "Santa María", "Santa Clara", "Santa Teresa", "Santa Catalina",
        ],
        "head": [
            "Villa", "Puerto", "Río", "Cerro", "Laguna", "Valle", "Llano", "Campo", "Loma",
            "Paso", "Arroyo", "Ciudad", "Pueblo", "General", "Colonia", "Nueva",
        ],
        "core": [
            "Blanco", "Negro", "Verde", "Colorado", "Grande", "Hondo", "Seco", "Largo",
            "Claro", "Alto", "Hermosa", "Esperanza", "Dolores", "Alegre", "Belgrano",
        ],
        "tail": [
            "del Sur", "del Norte", "del Este", "del Oeste", "del Valle", "del Monte",
            "del Mar", "de la Sierra", "de los Andes", "de la Frontera", "de las Flores",
            "de la Costa", "de los Ríos",
        ],
        "native_a": [
            "Hua", "Cha", "Pu", "Colla", "Tia", "Qui", "Ayacu", "Anda", "Tla", "Tepe",
            "Xochi", "Ocot", "Teo", "Chil", "Temu", "Lonco", "Itá", "Caa", "Yaca", "Mara",
        ],
        "native_b": [
            "cayo", "huasi", "pampa", "marca", "bamba", "tepec", "tlán", "huacán", "co",
            "quén", "huaca", "guazú", "mí", "caraí", "cuyo", "llanca",
        ],
    },
    "fr": {
        "saint": [
            "Saint-Étienne", "Saint-Malo", "Saint-Nazaire", "Saint-Quentin", "Saint-Priest",
            "Saint-Brieuc", "Saint-Omer", "Saint-Dizier", "Sainte-Foy", "Sainte-Marie",
        ],
        "head": [
            "Villeneuve", "Bourg", "Mont", "Château", "Pont", "Roche", "Fontaine", "Beau",
            "Vaux", "Neuville", "Champ", "Val",
        ],
        "core": ["lès-Prés", "Blanc", "Vert", "Fleuri", "Doré", "Joli", "Clair", "Saint-Jean"],
        "tail": [
            "sur-Mer", "sur-Loire", "en-Provence", "sur-Seine", "les-Bains", "la-Forêt",
            "le-Château", "sur-Saône", "en-Bresse", "du-Lac",
        ],
        "native_a": ["Ker", "Plou", "Lan", "Tré", "Pen", "Gui"],
        "native_b": ["mor", "gastel", "nilis", "gor", "vern", "dalmézeau", "lan"],
    },
}  # fmt: skip

# How an organization of each kind is named, by family of names.
MUNICIPALITY_NAMES: dict[str, list[str]] = {
    "BR": ["Prefeitura de {city}", "Prefeitura Municipal de {city}", "Município de {city}"],
    "AR": ["Municipalidad de {city}", "Municipio de {city}"],
    "UY": ["Intendencia de {city}", "Municipio de {city}"],
    "PY": ["Municipalidad de {city}"],
    "CL": ["Municipalidad de {city}", "Ilustre Municipalidad de {city}"],
    "BO": ["Gobierno Autónomo Municipal de {city}"],
    "PE": ["Municipalidad Provincial de {city}", "Municipalidad Distrital de {city}"],
    "CO": ["Alcaldía de {city}"],
    "MX": ["Ayuntamiento de {city}", "Municipio de {city}"],
    "ES": ["Ayuntamiento de {city}", "Ajuntament de {city}"],
    "PT": ["Câmara Municipal de {city}", "Município de {city}"],
    "FR": ["Ville de {city}", "Mairie de {city}"],
}
OTHER_NAMES: dict[str, dict[str, list[str]]] = {
    "association": {
        "pt": ["Associação dos Municípios de {region}", "Consórcio Intermunicipal {region}"],
        "es": ["Asociación de Municipios de {region}", "Mancomunidad de {region}"],
        "fr": ["Association des maires de {region}", "Communauté d'agglomération de {city}"],
    },
    "secretariat": {
        "pt": ["Secretaria Técnica da Rede {region}"],
        "es": ["Secretaría Técnica Permanente {region}"],
        "fr": ["Secrétariat du réseau {region}"],
    },
    "international": {
        "pt": ["Escritório Regional de Cooperação Urbana em {city}"],
        "es": ["Oficina Regional de Cooperación Urbana en {city}"],
        "fr": ["Bureau régional de coopération urbaine à {city}"],
    },
    "bank": {
        "pt": ["Banco de Desenvolvimento de {region}", "Agência de Fomento de {region}"],
        "es": ["Banco de Desarrollo de {region}", "Fondo de Inversión Municipal de {region}"],
        "fr": ["Caisse de développement de {region}"],
    },
    "national": {
        "pt": ["Secretaria Nacional de Desenvolvimento Urbano ({city})"],
        "es": ["Subsecretaría de Desarrollo Regional ({city})", "Ministerio de Vivienda ({city})"],
        "fr": ["Agence nationale de la cohésion des territoires ({city})"],
    },
    "ngo": {
        "pt": ["Instituto Cidade {core}", "Observatório Social de {city}", "Fundação {city} Viva"],
        "es": ["Fundación Ciudad {core}", "Observatorio Ciudadano de {city}", "Red Vecinal {city}"],
        "fr": ["Association {city} Solidaire", "Observatoire citoyen de {city}"],
    },
    "university": {
        "pt": ["Universidade Federal de {city}", "Universidade Estadual de {region}"],
        "es": ["Universidad Nacional de {city}", "Universidad de {city}"],
        "fr": ["Université de {city}", "Institut d'études urbaines de {city}"],
    },
    "company": {
        "pt": ["{city} Tecnologia Urbana Ltda.", "Saneamento {city} S.A."],
        "es": ["Servicios Urbanos {city} S.A.", "{city} Movilidad S.A.S."],
        "fr": ["{city} Mobilité SAS", "Eaux de {city}"],
    },
}  # fmt: skip

# Kinds of organization and how often each occurs (weights).
KIND_WEIGHTS = {
    "municipality": 58,
    "association": 7,
    "secretariat": 1,
    "international": 2,
    "bank": 2,
    "national": 3,
    "ngo": 12,
    "university": 9,
    "company": 6,
}

THEMES: list[tuple[str, str, str]] = [
    ("mobilidade urbana sustentável", "movilidad urbana sostenible", "sustainable urban mobility"),
    ("orçamento participativo", "presupuesto participativo", "participatory budgeting"),
    ("governo aberto", "gobierno abierto", "open government"),
    ("transparência fiscal", "transparencia fiscal", "fiscal transparency"),
    ("inclusão digital", "inclusión digital", "digital inclusion"),
    ("economia social e solidária", "economía social y solidaria", "social and solidarity economy"),
    ("igualdade de gênero", "igualdad de género", "gender equality"),
    ("segurança cidadã", "seguridad ciudadana", "community safety"),
    ("gestão de resíduos sólidos", "gestión de residuos sólidos", "solid waste management"),
    ("adaptação às mudanças climáticas", "adaptación al cambio climático", "climate change adaptation"),
    ("habitação social", "vivienda social", "social housing"),
    ("saúde pública", "salud pública", "public health"),
    ("educação inclusiva", "educación inclusiva", "inclusive education"),
    ("cultura e patrimônio", "cultura y patrimonio", "culture and heritage"),
    ("turismo sustentável", "turismo sostenible", "sustainable tourism"),
    ("desenvolvimento econômico local", "desarrollo económico local", "local economic development"),
    ("cooperação descentralizada", "cooperación descentralizada", "decentralised cooperation"),
    ("integração fronteiriça", "integración fronteriza", "cross-border integration"),
    ("planejamento estratégico urbano", "planificación estratégica urbana", "strategic urban planning"),
    ("direitos humanos", "derechos humanos", "human rights"),
    ("participação da juventude", "participación juvenil", "youth participation"),
    ("acessibilidade universal", "accesibilidad universal", "universal accessibility"),
    ("segurança alimentar", "seguridad alimentaria", "food security"),
    ("dados abertos", "datos abiertos", "open data"),
    ("gestão de riscos de desastres", "gestión del riesgo de desastres", "disaster risk management"),
    ("mobilidade ativa", "movilidad activa", "active mobility"),
    ("eficiência energética", "eficiencia energética", "energy efficiency"),
    ("saneamento básico", "saneamiento básico", "basic sanitation"),
    ("regularização fundiária", "regularización dominial", "land tenure regularisation"),
    ("atenção à primeira infância", "atención a la primera infancia", "early childhood care"),
    ("envelhecimento ativo", "envejecimiento activo", "active ageing"),
    ("acolhimento de migrantes", "acogida de personas migrantes", "reception of migrants"),
    ("direitos digitais", "derechos digitales", "digital rights"),
    ("finanças municipais", "finanzas municipales", "municipal finance"),
]  # fmt: skip

DEPARTMENTS: list[tuple[str, str, str]] = [
    ("meio ambiente", "medio ambiente", "environment"),
    ("desenvolvimento social", "desarrollo social", "social development"),
    ("planejamento", "planificación", "planning"),
    ("cultura", "cultura", "culture"),
    ("inovação", "innovación", "innovation"),
    ("mobilidade", "movilidad", "mobility"),
    ("saúde", "salud", "health"),
    ("educação", "educación", "education"),
    ("fazenda", "hacienda", "finance"),
    ("relações internacionais", "relaciones internacionales", "international relations"),
    ("direitos humanos", "derechos humanos", "human rights"),
    ("habitação", "vivienda", "housing"),
]

# Programme names stay in the language they were given in.
PROGRAMMES: dict[str, list[str]] = {
    "pt": ["Bairro Vivo", "Mais Cidadania", "Praça Viva", "Escola Aberta", "Bem Viver",
           "Cidade Acolhedora", "Território de Direitos", "Rede Cuidar"],
    "es": ["Barrio Vivo", "Ciudad Abierta", "Plaza Activa", "Calles Seguras", "Mi Barrio Verde",
           "Vecinos en Red", "Buen Vivir", "Presupuesto Joven"],
    "fr": ["Quartiers Solidaires", "Ville Ouverte", "Place aux Jeunes", "Territoires Zéro Chômeur"],
}  # fmt: skip

# Sentences of a description: (pt-br, es, en). Slots: {name} {city} {region} {country}
# {t1} {t2} (themes) {dept} {programme} {year} {population} {n}.
MUNICIPALITY_OPENINGS = [
    (
        "{name} é o governo local de {city}, em {region} ({country}), com cerca de {population} habitantes.",
        "{name} es el gobierno local de {city}, en {region} ({country}), con unos {population} habitantes.",
        "{name} is the local government of {city}, in {region} ({country}), with about {population} inhabitants.",
    ),
    (
        "{city} é um município de {region}, {country}, com {population} habitantes segundo o último censo.",
        "{city} es un municipio de {region}, {country}, con {population} habitantes según el último censo.",
        "{city} is a municipality in {region}, {country}, with {population} inhabitants at the last census.",
    ),
]
OTHER_OPENINGS = [
    (
        "{name} trabalha com governos locais de {region} ({country}) em {t1} e {t2}.",
        "{name} trabaja con gobiernos locales de {region} ({country}) en {t1} y {t2}.",
        "{name} works with local governments in {region} ({country}) on {t1} and {t2}.",
    ),
    (
        "Com sede em {city}, {name} apoia municípios em projetos de {t1} desde {year}.",
        "Con sede en {city}, {name} apoya a municipios en proyectos de {t1} desde {year}.",
        "Based in {city}, {name} has supported municipalities with {t1} projects since {year}.",
    ),
]
SENTENCES = [
    (
        "Desde {year}, a cidade desenvolve uma política de {t1} articulada com programas de {t2}.",
        "Desde {year}, la ciudad desarrolla una política de {t1} articulada con programas de {t2}.",
        "Since {year}, the city has run a {t1} policy linked to its {t2} programmes.",
    ),
    (
        "A secretaria de {dept} coordena o programa {programme}, que já atendeu {n} famílias.",
        "La secretaría de {dept} coordina el programa {programme}, que ya atendió a {n} familias.",
        "The {dept} department runs the {programme} programme, which has already reached {n} families.",
    ),
    (
        "Participa de redes de cidades para trocar experiências em {t1} e {t2}.",
        "Participa en redes de ciudades para intercambiar experiencias en {t1} y {t2}.",
        "It takes part in city networks to exchange experience on {t1} and {t2}.",
    ),
    (
        "O plano diretor aprovado em {year} prioriza {t1} nos bairros periféricos.",
        "El plan de ordenamiento territorial aprobado en {year} prioriza {t1} en los barrios periféricos.",
        "The master plan adopted in {year} gives priority to {t1} in outlying neighbourhoods.",
    ),
    (
        "Em {year}, recebeu um prêmio internacional por sua experiência em {t1}.",
        "En {year}, recibió un premio internacional por su experiencia en {t1}.",
        "In {year}, it received an international award for its work on {t1}.",
    ),
    (
        "Busca parceiros para projetos de {t1} e oferece assistência técnica em {t2}.",
        "Busca socios para proyectos de {t1} y ofrece asistencia técnica en {t2}.",
        "It is looking for partners on {t1} projects and offers technical assistance on {t2}.",
    ),
    (
        "Mais de {n} pessoas participaram das audiências públicas sobre {t1} no último ano.",
        "Más de {n} personas participaron en las audiencias públicas sobre {t1} el último año.",
        "More than {n} people took part in the public hearings on {t1} last year.",
    ),
    (
        "O conselho municipal de {dept} acompanha os indicadores de {t2} e publica um relatório anual.",
        "El consejo municipal de {dept} sigue los indicadores de {t2} y publica un informe anual.",
        "The municipal {dept} council monitors the {t2} indicators and publishes a yearly report.",
    ),
]  # fmt: skip

FIRST_NAMES = {
    "pt": ["Ana", "Beatriz", "Carla", "Fernanda", "Juliana", "Marcos", "Paulo", "Rafael",
           "Tiago", "Luíza", "Gustavo", "Helena"],
    "es": ["María", "Lucía", "Sofía", "Valentina", "Camila", "Martín", "Diego", "Javier",
           "Andrés", "Carolina", "Matías", "Gabriela"],
    "fr": ["Camille", "Claire", "Julien", "Mathieu", "Sophie", "Thomas"],
}  # fmt: skip
LAST_NAMES = {
    "pt": ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Rodrigues", "Almeida",
           "Nascimento", "Carvalho", "Ribeiro", "Moreira"],
    "es": ["González", "Rodríguez", "Fernández", "López", "Martínez", "García", "Pérez",
           "Sánchez", "Romero", "Álvarez", "Torres", "Castro"],
    "fr": ["Martin", "Bernard", "Dubois", "Laurent", "Moreau", "Lefèvre"],
}  # fmt: skip
