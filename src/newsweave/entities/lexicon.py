"""Hand-written word lists for the entity recogniser, in several languages.

Kept general on purpose: titles, honorifics, organisation and place cue words, the function words
that start sentences, and a small exonym table for major countries, capitals and organisations.
Languages: en de fr es it pt nl sq ru pl tr (add a word to a list; the sets below follow).
All entries are compared case-folded and without diacritics (see ``fold``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Titles that announce a person's name ("President Xi", "ministrin e Jashtëm rus Lavrov").
# Inflected forms are listed where they are common in news (Albanian definite/oblique forms).
TITLES = (
    # en
    "president", "minister", "premier", "chancellor", "secretary", "spokesman", "spokeswoman",
    "spokesperson", "ambassador", "envoy", "king", "queen", "prince", "princess", "pope", "senator",
    "governor", "mayor", "general", "colonel", "commander", "chairman", "chairwoman", "chair",
    "director", "professor", "prof", "dr", "mr", "mrs", "ms", "miss", "sir", "lord", "lady",
    "judge", "justice", "rep", "sen", "gov", "gen", "col", "lt", "capt", "sgt", "rev", "father",
    "sheikh", "emir", "sultan", "ayatollah", "cardinal", "archbishop", "bishop", "patriarch",
    "researcher", "analyst", "professor", "economist", "ceo", "founder", "coach", "counterpart",
    "deputy", "vice-president", "leader", "diplomat",
    # de
    "präsident", "präsidentin", "ministerin", "bundeskanzler", "bundeskanzlerin", "kanzler",
    "kanzlerin", "außenminister", "aussenminister", "außenministerin", "regierungschef",
    "ministerpräsident", "bürgermeister", "bürgermeisterin", "sprecher", "sprecherin", "herr",
    "frau", "botschafter", "könig", "königin", "papst", "staatschef", "generalsekretär",
    # fr
    "président", "présidente", "ministre", "premier-ministre", "chancelier", "chancelière",
    "porte-parole", "ambassadeur", "ambassadrice", "roi", "reine", "pape", "maire", "général",
    "m", "mme", "mlle", "monsieur", "madame", "secrétaire", "chef", "homologue", "professeur",
    # es / pt / it
    "presidente", "presidenta", "ministro", "ministra", "canciller", "portavoz", "embajador",
    "embajadora", "rey", "reina", "papa", "alcalde", "alcaldesa", "secretario", "secretaria",
    "señor", "señora", "sr", "sra", "don", "doña", "primer", "primeiro-ministro", "porta-voz",
    "embaixador", "prefeito", "senhor", "senhora", "premier", "portavoce", "ambasciatore",
    "sindaco", "signor", "signora", "re", "regina", "segretario", "cancelliere",
    # nl
    "minister-president", "premier", "woordvoerder", "burgemeester", "koning", "koningin",
    "staatssecretaris", "voorzitter", "dhr", "mevrouw", "meneer",
    # sq (indefinite, definite and oblique forms)
    "president", "presidenti", "presidentin", "presidentit", "presidentja", "presidentes",
    "minister", "ministri", "ministrin", "ministrit", "ministrja", "ministres",
    "kryeministër", "kryeministri", "kryeministrin", "kryeministrit", "kryeministrja",
    "kryeministres", "zëdhënës", "zëdhënësi",
    "zëdhënësja", "ambasador", "ambasadori", "ambasadorin", "ambasadorit", "kryetar",
    "kryetari", "kryetarin", "kryetarit", "sekretar", "sekretari", "sekretarin", "sekretarit",
    "zoti", "zonja", "mbret", "mbreti", "profesor", "profesori", "kancelar", "kancelari",
    "kancelarja", "homologu", "homologun", "homologut", "lideri", "liderin", "liderit",
    # ru (nominative and common oblique forms)
    "президент", "президента", "президентом", "президенту", "министр", "министра",
    "министром", "министру", "премьер", "премьер-министр", "канцлер", "глава", "главы",
    "посол", "пресс-секретарь", "спикер", "мэр", "губернатор", "король", "генсек",
    "господин", "госпожа",
    # pl / tr
    "prezydent", "prezydenta", "premier", "minister", "ministra", "rzecznik", "ambasador",
    "kanclerz", "pan", "pani", "cumhurbaşkanı", "bakanı", "bakan", "başbakan", "sözcüsü",
    "büyükelçi", "lideri",
)

# Words that sit between a title and a name without ending the title: "Foreign Minister",
# "ministrin e Jashtëm rus", "ministre russe des Affaires étrangères".
TITLE_MODIFIERS = (
    "foreign", "prime", "vice", "deputy", "defence", "defense", "finance", "interior", "chief",
    "executive", "general", "state", "former", "acting", "senior", "top", "first", "assistant",
    "affairs", "russian", "chinese", "american", "us", "u.s", "french", "german", "british",
    "ukrainian", "of", "the", "for", "e", "i", "të", "së", "i", "jashtëm", "jashtme", "rus",
    "kinez", "amerikan", "des", "affaires", "étrangères", "étrangères", "russe", "chinois",
    "de", "la", "del", "do", "da", "dos", "der", "des", "van", "auswärtigen", "russische",
    "russischen", "chinesische", "chinesischen", "exteriores", "asuntos", "ruso", "chino",
    "esteri", "degli", "russo", "cinese", "buitenlandse", "zaken", "russische", "chinese",
    "иностранных", "дел", "рф", "россии", "китая", "кнр", "dışişleri", "rus", "çin",
)

# Words that end or head an organisation's name.
ORG_CUES = (
    # en
    "ministry", "department", "agency", "university", "college", "institute", "institution",
    "organization", "organisation", "bank", "council", "committee", "commission", "party",
    "union", "association", "corporation", "corp", "company", "co", "inc", "ltd", "llc", "plc",
    "group", "foundation", "academy", "court", "parliament", "congress", "senate", "assembly",
    "office", "bureau", "authority", "federation", "alliance", "fund", "forum", "society",
    "army", "navy", "force", "forces", "police", "service", "news", "times", "post", "press",
    "television", "radio", "network", "club", "fc", "league", "school", "hospital", "board",
    "centre", "center", "administration", "government", "cabinet", "politburo", "xinhua",
    "media", "daily", "tribune", "herald", "journal", "gazette", "airlines", "motors",
    "shipping", "wire", "airways", "airline", "logistics", "holdings", "industries",
    "ledger", "chronicle", "observer", "bulletin", "clinic", "infirmary",
    # de
    "ministerium", "bundesministerium", "universität", "hochschule", "akademie", "bank",
    "gesellschaft", "stiftung", "verein", "verband", "partei", "gericht", "bundestag", "rat",
    "ausschuss", "kommission", "agentur", "institut", "behörde", "amt", "gmbh", "ag", "kg",
    "zeitung", "konzern", "regierung", "rundschau",
    # fr
    "ministère", "université", "agence", "organisation", "banque", "conseil", "comité",
    "commission", "parti", "union", "association", "société", "fondation", "académie", "cour",
    "tribunal", "assemblée", "sénat", "institut", "office", "groupe", "fédération", "sa",
    "gouvernement", "école", "lycée", "hôpital", "clinique", "compagnie", "autorité",
    "gendarmerie", "mairie",
    # es / pt / it
    "ministerio", "ministério", "universidad", "universidade", "università", "agencia",
    "agência", "agenzia", "organización", "organização", "organizzazione", "banco", "banca",
    "consejo", "conselho", "consiglio", "comité", "comitê", "comitato", "comisión", "comissão",
    "commissione", "partido", "partito", "unión", "união", "unione", "asociación", "associação",
    "associazione", "sociedad", "sociedade", "società", "fundación", "fundação", "fondazione",
    "academia", "accademia", "tribunal", "tribunale", "congreso", "congresso", "senado",
    "senato", "instituto", "istituto", "grupo", "gruppo", "federación", "federação",
    "federazione", "gobierno", "governo", "ayuntamiento", "prefeitura", "comune", "sa", "spa",
    "ejército", "exército", "esercito", "policía", "polícia", "polizia", "compañía",
    "companhia", "compagnia", "autoridad", "autoridade", "autorità", "servicio", "serviço",
    "servizio", "empresa", "ospedale",
    # nl
    "ministerie", "universiteit", "hogeschool", "bank", "raad", "commissie", "partij", "unie",
    "vereniging", "stichting", "instituut", "rechtbank", "kamer", "regering", "bv", "nv",
    # sq
    "ministria", "ministrisë", "ministrinë", "universiteti", "universitetit", "agjencia",
    "agjencisë", "organizata", "organizatës", "organizatën", "banka", "bankës", "këshilli",
    "këshillit", "komiteti", "komitetit", "komisioni", "komisionit", "partia", "partisë",
    "bashkimi", "bashkimit", "shoqata", "shoqatës", "instituti", "institutit", "gjykata",
    "gjykatës", "kuvendi", "kuvendit", "parlamenti", "parlamentit", "qeveria", "qeverisë",
    "akademia", "akademisë", "policia", "policisë", "ushtria", "ushtrisë", "bordi", "bordit",
    "spitali", "spitalit", "spitalin", "autoriteti", "autoritetit", "autoritetin", "agjencinë",
    "universitetin", "bankën", "kompania", "kompanisë", "kompaninë", "shërbimi", "shërbimit",
    "shërbimin", "drejtoria", "drejtorisë", "drejtorinë", "klinika", "klinikës", "gazeta",
    "gazetës", "korporata", "korporatës", "fondacioni", "fondacionit", "federata", "federatës",
    "gjykatën", "policinë", "ushtrinë", "qeverinë", "parlamentin", "kuvendin", "komitetin",
    "këshillin", "institutin", "partinë", "komisionin",
    # ru
    "министерство", "министерства", "мид", "университет", "университета", "агентство",
    "агентства", "организация", "организации", "банк", "банка", "совет", "совета", "комитет",
    "комитета", "комиссия", "партия", "партии", "союз", "союза", "институт", "института",
    "суд", "дума", "думы", "правительство", "правительства", "академия", "ассоциация",
    "фонд", "служба", "компания",
    # pl / tr
    "ministerstwo", "uniwersytet", "agencja", "organizacja", "rada", "komisja", "partia",
    "bakanlığı", "üniversitesi", "ajansı", "örgütü", "bankası", "partisi", "meclisi",
)

# Words that end or head a place's name.
LOC_CUES = (
    "city", "republic", "kingdom", "state", "states", "province", "county", "district",
    "region", "island", "islands", "river", "lake", "mountain", "mountains", "mount", "mt",
    "sea", "ocean", "bay", "gulf", "valley", "peninsula", "strait", "desert", "coast",
    "street", "avenue", "square", "airport", "port", "village", "town", "oblast", "krai",
    "territory", "strip", "bank", "heights", "canal", "harbour", "harbor", "cape",
    "isle",
    "stadt", "republik", "königreich", "provinz", "kreis", "landkreis", "bezirk", "insel",
    "fluss", "see", "gebirge", "tal", "straße", "platz", "flughafen", "dorf", "küste",
    "ville", "république", "royaume", "province", "département", "région", "île", "îles",
    "fleuve", "rivière", "lac", "mont", "mer", "golfe", "vallée", "rue", "place", "aéroport",
    "baie", "côte", "cap",
    "ciudad", "cidade", "città", "república", "república", "repubblica", "reino", "regno",
    "provincia", "província", "región", "região", "regione", "isla", "ilha", "isola", "río",
    "rio", "fiume", "lago", "monte", "mar", "mare", "golfo", "valle", "vale", "calle", "rua",
    "via", "plaza", "praça", "piazza", "aeropuerto", "aeroporto", "estado", "municipio",
    "município", "puerto", "bahía", "baía", "cabo", "estrecho", "estreito", "península",
    "stad", "republiek", "koninkrijk", "provincie", "eiland", "rivier", "meer",
    "gemeente", "straat", "plein", "dorp",
    "qyteti", "qytetit", "republika", "republikës", "mbretëria", "mbretërisë", "provinca",
    "krahina", "rajoni", "rajonit", "ishulli", "lumi", "liqeni", "mali", "deti", "detit",
    "bregu", "bregut", "bregun", "porti", "portit", "portin", "kanali", "kanalit", "kanalin",
    "gjiri", "gjirit", "gjirin", "detin", "ishullit", "ishullin", "lumit", "lumin", "liqenit",
    "malit", "qytetin", "rajonin", "fshati", "fshatit", "fshatin", "rruga", "rrugës", "sheshi", "sheshit",
    "aeroporti", "aeroportit", "aeroportin", "krahinës", "lugina", "luginës", "gadishulli",
    "ngushtica", "ngushticës",
    "город", "города", "республика", "республики", "область", "области", "край", "район",
    "остров", "река", "озеро", "море", "улица", "площадь",
    "miasto", "republika", "województwo", "wyspa", "rzeka", "morze", "ulica",
    "şehri", "cumhuriyeti", "ili", "adası", "nehri", "denizi", "bölgesi",
)

# Place words that head a name in English, German and Dutch, where other cue words end one
# ("Port Vellara", "Lake Ohrid", "Mount Everest", but "Sorrel Coast").
LOC_PREFIXES = ("port", "lake", "mount", "mt", "cape", "isle", "fort", "sankt")

# Languages whose names put the head word first ("Bordi i Aksidenteve Detare", "Spitalin Shën
# Aurel", "Banque de France", "Puerto Rico"): a cue word there types the name from the front.
HEAD_FIRST_LANGUAGES = frozenset({"sq", "fr", "es", "pt", "it", "ro", "ca"})

# Class nouns that stand in lower case right before a name of their kind ("në fshatin
# Sheqerdol", "the village of Tarvos", "kompanisë Corvane Shipping", "la ville de Lyon").
APPOSITIVE_LOC = (
    "city", "town", "village", "region", "province", "district", "county", "island", "river",
    "lake", "port", "harbour", "coast", "bay", "ville", "village", "région", "département",
    "commune", "île", "fleuve", "ciudad", "pueblo", "provincia", "región", "isla", "río",
    "cidade", "vila", "província", "região", "ilha", "città", "paese", "regione", "isola",
    "stad", "dorp", "provincie", "eiland", "rivier",
    "qyteti", "qytetit", "qytetin", "fshati", "fshatit", "fshatin", "rajoni", "rajonit",
    "rajonin", "porti", "portit", "portin", "kanali", "kanalit", "kanalin", "ishulli",
    "ishullit", "ishullin", "lumi", "lumit", "lumin", "bregu", "bregut", "bregun",
)
APPOSITIVE_ORG = (
    "company", "agency", "firm", "airline", "bank", "newspaper", "broadcaster", "group",
    "compagnie", "société", "agence", "entreprise", "journal", "empresa", "compañía", "agencia",
    "companhia", "agência", "società", "azienda", "agenzia", "bedrijf",
    "kompania", "kompanisë", "kompaninë", "agjencia", "agjencisë", "agjencinë", "gazeta",
    "gazetës", "banka", "bankës",
)

# German nouns for kinds of organisation, capitalised like names, that stand before one ("die
# Reederei Corvane Shipping"): not part of it. Not places: "Region Hannover" is one name.
GERMAN_CLASS_ORG = ("reederei", "firma", "unternehmen", "konzern", "fluggesellschaft",
                    "nachrichtenagentur", "zeitung", "bank", "partei")

# Vessel nouns before a ship's name ("the tanker Marisol Dawn", "Cisterna Marisol Dawn"): the
# name is no person, organisation or place.
VESSELS = (
    "ship", "vessel", "tanker", "feeder", "freighter", "ferry", "trawler", "yacht", "frigate",
    "destroyer", "submarine", "cruiser", "liner", "schiff", "containerschiff",
    "frachter", "fähre", "pétrolier", "navire", "cargo", "paquebot", "chalutier", "buque",
    "petrolero", "carguero", "barco", "navio", "petroleiro", "nave", "petroliera", "schip",
    "tanker", "anija", "anijen", "anijes", "cisterna", "cisternë", "cisternën", "cisternës",
    "tankeri", "tankerin", "tankerit",
)

# Lower-case words allowed inside a name between capitalised words ("Bank of England",
# "Organizatës së Bashkëpunimit të Shangait", "Charles de Gaulle").
# Not "and", "in" or "at": in news they join two names far more often than they sit inside one
# ("China and Russia", "University of Kent in the United Kingdom").
CONNECTORS = (
    "of", "the", "for", "upon", "&", "de", "del", "della", "delle", "dei", "degli", "di", "da",
    "do", "dos", "das", "du", "des", "la", "las", "los", "le", "les", "el", "e", "van", "von",
    "der", "den", "dem", "het", "ten", "ter", "zu", "zum", "zur", "für", "i", "të", "së", "bin",
    "ibn", "al", "ul", "op", "aan", "am", "d", "l",
)

# Articles may start a name anywhere ("The Hague", "Der Spiegel", "Los Angeles"); other function
# words only start sentences.
ARTICLES = ("the", "la", "le", "les", "los", "las", "el", "der", "die", "das", "il", "lo", "het",
            "de", "al")

# Weekdays and months are capitalised in English but name nothing the recogniser wants.
CALENDAR = (
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "montag", "dienstag", "mittwoch", "donnerstag", "freitag",
    "samstag", "sonntag", "januar", "februar", "märz", "juni", "juli", "oktober", "dezember",
    "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
)

# Nationality adjectives: capitalised in English, tagged by WikiANN-trained taggers as places.
DEMONYMS = (
    "chinese", "russian", "american", "british", "french", "german", "italian", "spanish",
    "japanese", "indian", "ukrainian", "israeli", "palestinian", "iranian", "turkish",
    "european", "asian", "african", "western", "eastern", "northern", "southern", "soviet",
    "sino", "arab", "arabic", "korean", "syrian", "iraqi", "afghan", "pakistani", "polish",
    "dutch", "belgian", "swiss", "austrian", "greek", "albanian", "serbian", "kosovar",
    "canadian", "australian", "mexican", "brazilian", "argentine", "egyptian", "saudi",
    "taiwanese", "vietnamese", "thai", "indonesian", "filipino", "nigerian", "kenyan",
    "muslim", "christian", "jewish", "catholic", "islamic", "latin", "nordic", "baltic",
    "english", "scottish", "irish", "welsh", "portuguese", "swedish", "norwegian", "danish",
    "finnish", "hungarian", "czech", "slovak", "romanian", "bulgarian", "croatian", "belarusian",
    "georgian", "armenian", "kazakh", "uzbek", "mongolian", "north", "south", "east", "west",
    "russians", "chinese", "americans", "europeans", "ukrainians", "israelis", "palestinians",
    "russisch", "russische", "chinesisch", "chinesische", "russe", "chinois", "chinoise",
    "ruso", "rusa", "chino", "russo", "cinese",
)

# Capitalised words that begin sentences without being names: articles, pronouns,
# conjunctions, prepositions and frequent adverbs, in all the listed languages.
FUNCTION_WORDS = (
    "the", "a", "an", "in", "on", "at", "of", "for", "to", "from", "by", "with", "as", "but",
    "and", "or", "if", "when", "while", "after", "before", "since", "during", "this", "that",
    "these", "those", "there", "here", "it", "its", "he", "she", "they", "we", "i", "you",
    "his", "her", "their", "our", "my", "your", "what", "who", "which", "where", "how", "why",
    "yet", "also", "so", "however", "meanwhile", "according", "earlier", "later", "today",
    "yesterday", "tomorrow", "on", "some", "many", "most", "all", "both", "each", "every",
    "no", "not", "more", "one", "two", "three", "first", "last", "read", "see", "photo",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "mr", "mrs", "ms", "dr", "st",
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einen", "im", "am", "zum",
    "zur", "und", "oder", "aber", "auch", "nach", "vor", "bei", "mit", "für", "auf", "aus",
    "er", "sie", "es", "wir", "ich", "ihr", "sein", "seine", "dies", "diese", "dieser", "wie",
    "wenn", "als", "dass", "doch", "so", "nun", "dann", "heute", "gestern", "laut", "zudem",
    "le", "la", "les", "un", "une", "des", "du", "au", "aux", "en", "dans", "sur", "pour",
    "par", "avec", "et", "mais", "ou", "il", "elle", "ils", "elles", "nous", "ce", "cette",
    "ces", "selon", "lors", "depuis", "après", "avant", "pendant", "quand", "si", "alors",
    "el", "los", "las", "una", "unos", "unas", "del", "al", "con", "por", "para", "pero",
    "según", "tras", "desde", "este", "esta", "estos", "estas", "ese", "esa", "ellos", "ellas",
    "o", "os", "as", "um", "uma", "do", "da", "dos", "das", "no", "na", "nos", "nas", "em",
    "com", "segundo", "ele", "ela", "eles", "elas", "isso", "esse", "essa", "il", "lo", "gli",
    "uno", "della", "nel", "nella", "secondo", "questo", "questa", "lui", "lei", "loro",
    "de", "het", "een", "van", "in", "op", "met", "voor", "door", "naar", "en", "maar", "ook",
    "hij", "zij", "ze", "wij", "dit", "dat", "deze", "volgens", "na",
    "në", "të", "së", "i", "e", "dhe", "me", "nga", "për", "pas", "para", "gjatë", "ai", "ajo",
    "ata", "ato", "ne", "ky", "kjo", "këto", "këta", "sipas", "por", "edhe", "si", "se", "kur",
    "në", "mbi", "nën", "deri", "pra", "sot", "dje", "të", "martën", "hënën",
    "в", "во", "на", "с", "со", "по", "для", "от", "до", "из", "и", "а", "но", "он", "она",
    "они", "мы", "это", "этот", "эта", "как", "когда", "после", "по", "при", "также", "однако",
    "w", "z", "na", "do", "od", "po", "i", "oraz", "ale", "to", "ten", "ta", "według",
    "bu", "ve", "ile", "için", "ama", "da", "de", "o", "bir",
)

# Major countries, capitals and organisations: canonical English name -> names and spellings
# in other languages and scripts. Albanian inflections are joined by the inflection rule, so only
# base forms are needed here.
EXONYMS = {
    "Beijing": ("Peking", "Pekin", "Pékin", "Pequim", "Pequín", "Pechino", "Пекин", "Pekín",
                "北京", "Pekini", "Pekinit"),
    "China": ("Kina", "Kinë", "Chine", "Cina", "Китай", "Chiny", "Çin", "中国", "Chinas"),
    "Russia": ("Rusia", "Rusi", "Rusisë", "Russie", "Russland", "Rusland", "Rússia", "Россия",
               "Rosja", "Rusya", "RF", "Российская Федерация", "Russian Federation"),
    "Moscow": ("Moskë", "Moska", "Moskva", "Moscou", "Moskau", "Moscú", "Mosca", "Москва",
               "Moskwa", "Moskova"),
    "United States": ("USA", "US", "U.S.", "U.S.A.", "SHBA", "Estados Unidos", "États-Unis",
                      "Etats-Unis", "Vereinigte Staaten", "Stati Uniti", "США",
                      "Stany Zjednoczone", "ABD", "Verenigde Staten", "EUA", "EEUU", "EE.UU.",
                      "United States of America", "Shtetet e Bashkuara"),
    "Washington": ("Uashington", "Вашингтон", "Waszyngton", "Vaşington"),
    "Ukraine": ("Ukrainë", "Ukraina", "Ukrainën", "Украина", "Ucrania", "Ucraina", "Ukraina",
                "Ucrânia", "Oekraïne", "Ukrayna"),
    "Kyiv": ("Kiev", "Kiew", "Kijów", "Киев", "Київ", "Kiev", "Kijev", "Kiïv", "Kyïv", "Kievi"),
    "Germany": ("Deutschland", "Allemagne", "Alemania", "Germania", "Gjermani", "Gjermania",
                "Германия", "Niemcy", "Almanya", "Duitsland", "Alemanha"),
    "Berlin": ("Berlino", "Берлин", "Berlín", "Berlini"),
    "France": ("Frankreich", "Francia", "França", "Francë", "Franca", "Франция", "Francja",
               "Fransa", "Frankrijk"),
    "Paris": ("Parigi", "Париж", "Paryż", "Parisi", "París"),
    "United Kingdom": ("UK", "U.K.", "Britain", "Great Britain", "Royaume-Uni", "Reino Unido",
                       "Vereinigtes Königreich", "Regno Unito", "Mbretëria e Bashkuar",
                       "Великобритания", "Wielka Brytania", "Birleşik Krallık",
                       "Verenigd Koninkrijk", "Britania e Madhe"),
    "London": ("Londres", "Londra", "Londër", "Londra", "Лондон", "Londyn", "Londen"),
    "Italy": ("Italia", "Italie", "Italien", "Itali", "Италия", "Włochy", "İtalya", "Itália",
              "Italië"),
    "Rome": ("Roma", "Romë", "Rom", "Рим", "Rzym"),
    "Spain": ("España", "Espagne", "Spanien", "Spagna", "Spanjë", "Spanja", "Испания",
              "Hiszpania", "İspanya", "Espanha", "Spanje"),
    "Japan": ("Japon", "Japón", "Giappone", "Japoni", "Япония", "Japonia", "Japonya", "Japão"),
    "Tokyo": ("Tokio", "Токио", "Tōkyō", "東京"),
    "India": ("Inde", "Indien", "Indi", "Indie", "Индия", "Indie", "Hindistan", "Índia"),
    "Turkey": ("Türkiye", "Turquie", "Turquía", "Turchia", "Turqi", "Turqia", "Турция",
               "Turcja", "Türkei", "Turquia", "Turkije"),
    "Albania": ("Shqipëri", "Shqipëria", "Albanie", "Albanien", "Албания", "Arnavutluk",
                "Albânia", "Albanië"),
    "Kosovo": ("Kosova", "Kosovë", "Kosowo", "Косово"),
    "Serbia": ("Serbie", "Serbien", "Serbi", "Serbia", "Сербия", "Sérvia", "Sırbistan",
               "Servië"),
    "Israel": ("Izrael", "Izraeli", "Израиль", "Israël", "İsrail"),
    "Iran": ("Irani", "Иран", "İran", "Irán", "Irã"),
    "North Korea": ("Korea e Veriut", "Corée du Nord", "Nordkorea", "Corea del Norte",
                    "Corea del Nord", "КНДР", "Северная Корея", "Coreia do Norte",
                    "Noord-Korea", "Kuzey Kore", "DPRK"),
    "South Korea": ("Korea e Jugut", "Corée du Sud", "Südkorea", "Corea del Sur",
                    "Corea del Sud", "Южная Корея", "Coreia do Sul", "Zuid-Korea",
                    "Güney Kore"),
    "Taiwan": ("Tajvan", "Taïwan", "Taiwán", "Тайвань", "Tayvan"),
    "Brussels": ("Bruxelles", "Brüssel", "Bruselas", "Bruxelas", "Brukseli", "Bruksel",
                 "Брюссель", "Brussel"),
    "Gaza": ("Gazë", "Gazës", "Газа", "Gazze"),
    "European Union": ("EU", "Union européenne", "Europäische Union", "Unión Europea",
                       "Unione Europea", "Unione europea", "Bashkimi Evropian", "BE", "UE",
                       "ЕС", "Евросоюз", "Unia Europejska", "Avrupa Birliği", "AB",
                       "União Europeia", "Europese Unie"),
    "NATO": ("OTAN", "НАТО", "NATO-ja", "North Atlantic Treaty Organization"),
    "United Nations": ("UN", "U.N.", "ONU", "OKB", "ООН", "Vereinte Nationen", "Nations unies",
                       "Naciones Unidas", "Nazioni Unite", "Organizata e Kombeve të Bashkuara",
                       "ONZ", "BM", "Birleşmiş Milletler", "Verenigde Naties", "Nações Unidas"),
    "Shanghai Cooperation Organization": (
        "SCO", "Shanghai Cooperation Organisation", "Organizata e Bashkëpunimit të Shangait",
        "Organisation de coopération de Shanghai", "OCS", "Shanghaier Organisation für "
        "Zusammenarbeit", "SOZ", "Organización de Cooperación de Shanghái",
        "Organizzazione per la cooperazione di Shanghai", "Шанхайская организация "
        "сотрудничества", "ШОС", "Szanghajska Organizacja Współpracy", "Şanghay İşbirliği "
        "Örgütü", "ŞİÖ", "Organização para Cooperação de Xangai", "OBSH"),
    "BRICS": ("БРИКС",),
    "Xinhua": ("Xinhua News Agency", "Синьхуа", "Sinhua", "Xinhua News"),
}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Case-folded text without diacritics: the form every lexicon look-up uses."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


TITLE_SET = frozenset(map(fold, TITLES))
TITLE_MODIFIER_SET = frozenset(map(fold, TITLE_MODIFIERS))
ORG_CUE_SET = frozenset(map(fold, ORG_CUES))
LOC_CUE_SET = frozenset(map(fold, LOC_CUES))
LOC_PREFIX_SET = frozenset(map(fold, LOC_PREFIXES))
VESSEL_SET = frozenset(map(fold, VESSELS))
GERMAN_CLASS_ORG_SET = frozenset(map(fold, GERMAN_CLASS_ORG))
APPOSITIVE_LOC_SET = frozenset(map(fold, APPOSITIVE_LOC))
APPOSITIVE_ORG_SET = frozenset(map(fold, APPOSITIVE_ORG))
CONNECTOR_SET = frozenset(map(fold, CONNECTORS))
ARTICLE_SET = frozenset(map(fold, ARTICLES))
CALENDAR_SET = frozenset(map(fold, CALENDAR))
DEMONYM_SET = frozenset(map(fold, DEMONYMS))
FUNCTION_WORD_SET = frozenset(map(fold, FUNCTION_WORDS))
