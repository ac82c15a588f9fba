"""Names in a text, as speaker resolution reads them: runs of capitalised words, the titles
before them, organisation words, and the people mentioned (``person_mentions``).

There is no named-entity model for most of our languages, so a person mention is a run of
capitalised words that looks like a person: it carries a title or honorific ("Foreign Minister
Wang Yi", "Herr Schmidt", "presidenti Xi"), or has two or more words and no organisation word
("Sergei Lavrov", not "Great Hall"), or is one word that is part of such a name elsewhere in the
text ("Xi", "Lavrov", also inflected: "Lavrovi"), or stands right before a reporting verb. Names
keep their hyphens and lose their titles and function nouns (``speakers`` says more).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from newsweave.entities.lexicon import (
    DEMONYM_SET,
    FUNCTION_WORD_SET,
    ORG_CUE_SET,
    TITLE_SET,
    fold,
)
from newsweave.quotes.cues import (
    CUE,
    PRONOUN,
    TITLE,
    Lexicon,
    word_set,
)
from newsweave.quotes.features import Analysis
from newsweave.quotes.grammar import word_tag
from newsweave.quotes.phrases import NAME_TAGS

# Lower-case words allowed inside a name ("Ursula von der Leyen", "Osama bin Laden"), the
# ampersand of a firm's ("Hartwig & Söhne") and a plural possessive's mark ("Workers' Federation").
PARTICLES = frozenset({"von", "van", "der", "de", "den", "la", "le", "di", "da", "del", "dos", "bin",
                       "al", "el", "ibn", "zu", "ten", "ter", "&", "'", "’"})
# Capitalised words that start sentences or name times often enough to never be a name.
NOT_NAMES = word_set("""the a an this that these those he she it they we i you his her their our in
    how why what where
    on at for from with by as but and or if when while after before since during however der die das dem
    ein eine dieser diese dieses er sie es wir ich man niemand jemand im am auf bei mit nach von vor
    zu und oder aber le la les il elle un
    une el los las en y pero lo gli lui lei ai ajo ata në të me dhe vetë état monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december montag dienstag mittwoch donnerstag freitag samstag sonntag januar
    februar märz juni juli oktober dezember jak gdy kiedy także również allí así además asimismo
    aquí ahora entonces también tampoco luego después finalmente ensuite enfin puis außerdem
    then finally anche poi inoltre gjithashtu ainsi alors aussi enero febrero marzo abril mayo
    junio julio agosto septiembre octubre noviembre diciembre lunes martes miércoles jueves
    viernes sábado domingo
    janvier février mars avril mai juin juillet août octobre novembre décembre lundi mardi
    mercredi jeudi vendredi samedi dimanche styczeń luty marzec kwiecień maj czerwiec lipiec
    sierpień wrzesień październik listopad grudzień stycznia lutego marca kwietnia maja czerwca
    lipca sierpnia września października listopada grudnia poniedziałek wtorek środa czwartek
    piątek sobota niedziela ocak şubat mart nisan mayıs haziran temmuz ağustos eylül ekim kasım
    aralık pazartesi salı çarşamba perşembe cuma cumartesi pazar""")
# Common nouns that, after a definite article or a demonstrative, stand for an organisation named
# before ("the company", "das Unternehmen", "la dependencia"); German compounds end in them.
ORGANISATION_KINDS = word_set("""company firm group team club league agency body service platform
    network operator airline maker manufacturer retailer broadcaster unternehmen konzern firma gruppe
    verein klub mannschaft liga verband verbund sender hersteller anbieter betreiber plattform
    fluggesellschaft entreprise société groupe équipe ligue organisme plateforme empresa compañía
    grupo equipo organismo órgano entidad dependencia plataforma azienda società gruppo squadra
    constructora aseguradora aerolínea naviera petrolera farmacéutica compagnie constructeur assureur
    kompania chain cadena chaîne kette party partei parti partido partito partia department
    departamento département dipartimento cuerpo corps ligist leitung direction dirección enseigne
    marca fabricant fabricante centro centre center behörde""")
_GERMAN_ARTICLE_PARTICLES = frozenset({"der", "den", "des", "dem"})
_MAX_PARTICLES = 2  # "von der", "de la"
KIND_REACH = 3  # lower-case words from a kind to the name it introduces ("la cadena de supermercados")
# Plural nouns of groups of people that open sentences ("Residents describe …"): no names.
GROUP_NOUNS = word_set("""residents locals witnesses neighbours neighbors protesters critics experts
    officials analysts doctors scientists researchers students parents farmers workers officers
    investigators authorities people voters fans users survivors victims relatives families
    activists lawmakers economists observers sources insiders anwohner bewohner experten kritiker
    zeugen nachbarn demonstranten riverains habitants témoins manifestants voisins vecinos residentes
    testigos expertos manifestantes banorët qytetarët ekspertët dëshmitarët protestuesit""")
NOT_NAMES = NOT_NAMES | GROUP_NOUNS
# Words that make a capitalised run an organisation or a place rather than a person.
_ORGANISATION_WORDS = word_set("""hall organization organisation university institute ministry party trust
    council committee agency news times post academy bank association union court house department
    office republic kingdom states nations security initiative forum center centre group company
    république república repubblica republik republiek republika republikës royaume reino regno
    königreich koninkrijk mbretëria
    corporation inc corp ltd airlines airport station school college foundation church army navy force
    forces police service services media network press journal daily television radio tv club team
    league federation commission parliament senate congress government administration city county
    province region river sea ocean street square cooperation relations affairs global south north east
    west people's stadt gemeinde stadtverwaltung landkreis polizei polizia policía policja policji
    komenda komendy komendzie prokuratura prokuratury urząd urzędu sąd sądu straż straży trybunał
    trybunału municipality municipio municipalité préfecture prefectura
    prefettura mairie ayuntamiento alcaldía gendarmerie belediye belediyesi müdürlüğü müdürlüğünce
    müdürlüğünden idaresi valiliği başkanlığı secretaría secretariat sekretariat feuerwehr olympique
    rectorat dogana
    rettungsdienst stadtwerke bundeswehr pompiers bomberos gjykata gjykatës policia policisë bashkia
    bashkisë ministria ministrisë qeveria qeverisë prokuroria prokurorisë sindikata sindikatës
    partia partisë spitali spitalit agjencia agjencisë drejtoria drejtorisë parquet alliance allianz
    alianza aleanca aleancës lëvizja lëvizjes shoqata shoqatës autoriteti autoritetit qendra qendrës
    département""")
# Albanian case endings of a name ("Lavrovi", "Lavrovit", "Lavrovin"), longest first.
_SQ_ENDINGS = ("it", "in", "ut", "un", "ës", "së", "i", "u", "n", "s")
_HYPHEN_ENDING = re.compile(r"-(?:u|i|it|ut|in|un|së|ës|në|s)$")
# An elided article or preposition glued to a name: "l'Organisation", "dell'Agenzia".
ELISION = re.compile(r"^(?:[ldLD]|dell|all|dall|nell|sull|Dell|All)['’](?=\w)")
# Prepositions that start sentences and never a name ("Au Canada"; "von" can: "von der Leyen").
PREPOSITIONS = word_set("""au aux à dans sur pour par avec in im at on for from with by bei mit nach aus
    zum zur w we na do z ze od en con por para desde pas nga për gjatë pranë après avant pendant lors
    tras durante después antes after before during côté""")
CONJUNCTIONS = frozenset({"and", "und", "et", "y", "dhe", "or", "oder", "ou", "o"})
_CIRCLES = ("kreisen", "kreise")  # German "Regierungskreisen": the circles sources come from
_WEEKDAY_TIME = re.compile(r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)s?"
                           r"(?:abend|morgen|mittag|nachmittag|vormittag|nacht)?$")
# Languages whose nouns join into compounds: "Seeverkehrsministerin" is a minister.
COMPOUNDING = frozenset({"de", "nl"})
# Words a title is joined to its complement by: "ministre de la Mer", "Ministrja e Detarisë".
OF_WORDS = word_set("of de del della des du di la le l e të së i der des von van")
LONGEST_ACRONYM = 5  # an all-capital word longer than this is shouting, not an acronym
APPOSITION_REACH = 8  # tokens from a title phrase to the comma before its name
_ORGANISATION_NAME_WORDS = 3  # capitalised words from an organisation word to its complement
# Titles and function nouns of people beside the entity recogniser's title list.
_MORE_TITLES = word_set("""machthaber abp bp ks kommandant kommandantin commandant commandante
    comandante commissaire directeur directrice director directora drejtor drejtori komandant komandanti
    komendant rzecznik rzeczniczka nadkomisarz inspector inspektor superintendent wiceminister
    wicepremier wiceprezydent prezes szef szefowa poseł posłanka marszałek wojewoda burmistrz prokurator
    kandidat author bourgmestre vicepresidente vicepresidenta politiker polityk politician político
    política kommissar commissioner komisarz comisario vocero vocera concejal concejala diputado
    diputada gobernador gobernadora consejero consejera adjoint adjointe conseiller conseillère député
    députée préfet üyesi direktörü yardımcısı başkanı başkan müdürü valisi vali milletvekili başsavcı
    başsavcısı attorney defender prosecutor lawyer owner manager trainer trainerin boss arzt ärztin
    chefarzt chefärztin oberarzt oberärztin anwalt anwältin verteidiger verteidigerin bischof direktor
    direktorin intendant
    intendantin geschäftsführer geschäftsführerin managerin subdirector subdirectora abogado abogada
    entrenador entrenadora obispo avocat avocate entraîneur évêque procureur trener biskup dyrektor
    adwokat direktör antrenör antrenörü avukat savcı leiter leiterin analisti analistja eksperti
    ekspertja profesori profesoresha gazetari gazetarja trajneri trajnerja responsable captain
    capitán capitana capitaine kapitän kapitänin kapiteni kapitenja councillor councilor councilman
    councilwoman alderman técnico técnica sélectionneur sélectionneuse gjykatësi gjykatësja élu élue
    magistrat magistrate magistrado magistrada edil edila vorsitzender vorsitzende obmann obfrau besitzer
    besitzerin inhaber inhaberin
    avokati avokatja prokurori prokurorja executive deputy chief landrat landrätin dezernent sänger
    sängerin musiker musikerin schauspieler schauspielerin künstler künstlerin autorin springer
    springerin spieler spielerin sportler sportlerin lehrer lehrerin stadträtin farmer teacher
    nurse driver pensioner student shopkeeper fisherman engineer architect economist scientist
    researcher historian campaigner këngëtari këngëtarja aktori aktorja shkrimtari shkrimtarja
    mjeku mjekja mësuesi mësuesja studenti studentja shkencëtari shkencëtarja ekonomisti
    ekonomistja striker midfielder sheriff gp këshilltari këshilltarja parashikuesi parashikuesja
    mbrojtësi mbrojtësja prefekti prefektja
    goalkeeper winger delantero delantera portero portera centrocampista attaquant attaquante
    gardien sulmuesi portieri mesfushori entraîneuse regjisori regjisorja bevollmächtigter
    bevollmächtigte accusé accusée prévenu prévenue detective sergeant constable
    kroate kroatin serbe serbin niederländer niederländerin franzose französin italiener italienerin
    spanier spanierin portugiese portugiesin brite britin schwede schwedin norweger norwegerin däne
    dänin pole polin tscheche tschechin österreicher österreicherin schweizer schweizerin banori
    banorja coureur coureuse resident""")
# A Turkish case ending after an apostrophe ("Fenerbahçe’nin", "Yaman'ın", "MESKİ'den"): the
# word is inflected, so it ends a name; the ending is no part of the name.
_TURKISH_ENDING = re.compile(r"['’][a-zçğıöşü]+$")
# A case ending on the possessive of a Turkish compound, written without an apostrophe
# ("Valiliğinden", "Müdürlüğünce", "Bakanlığına"): the organisation's name ends before it.
_TURKISH_ORGANISATION_CASE = re.compile(r"(?<=[ıiuü])n(?:dan|den|da|de|ca|ce|a|e)$")
# An Arabic article or kinship word joined to a name: "al-Hachemi", "bin-Salman", "Abu-Bakr".
_ARABIC_PARTICLE = re.compile(r"(?:al|el|ul|bin|ben|ibn|abu)-[A-Z]")
# A name joined to a participle is an adjective: "UN-recognised", "Tripoli-based", "US-led".
HYPHENATED_ADJECTIVE = re.compile(r"-(?:[a-z]+ed|born|run|made|held|style|speaking|friendly)$")
_MIN_DERIVED = 9  # letters of a derived noun ("Anwohnerin"); shorter ones may be first names
MIN_COMPOUND_PART = 5  # "minister", "sprecher", "behörde": shorter endings match by chance
_POSSESSIVE = re.compile(r"['’]s$")
# The possessive ending as a token of its own ("Ashford | 's captain", "the Sheriff | 's Office").
GENITIVE_MARKS = frozenset({"'s", "’s"})
# An English contraction ("I’m", "We've", "There’d"): a pronoun or a verb, never a name.
_CONTRACTION = re.compile(r"['’](?:m|re|ve|ll|d)$", re.IGNORECASE)
_PARTICLE = re.compile(r"(?<=[\u3040-\u30ff\u4e00-\u9fff])[はがも]$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A person mention: token range of its name (inclusive), the name, title keys, gender, and
    the index of its first title word (or of the name)."""

    first: int
    last: int
    name: str
    titles: frozenset[str]
    gender: str  # "m", "f" or "" (unknown)
    head: int


def person_mentions(analysis: Analysis, lexicon: Lexicon) -> list[Mention]:
    """Capitalised runs of the text that look like people, with their titles, in text order."""
    runs = [_without_titles(analysis, *_without_acronyms(analysis, first, _once(analysis, first, last),
                                                         lexicon), lexicon)
            for first, last in capitalised_runs(analysis, lexicon)]
    multiword = {word for first, last, _, _ in runs if last > first
                 and not organisation(analysis, first, last, lexicon.language)
                 and not _modifies_title(analysis, last, lexicon)
                 for word in analysis.tokens.words[first : last + 1]}
    mentions = []
    pending: tuple[int, list[str], str, int] | None = None  # titles an apposition hands on
    for first, last, own_titles, own_gender in runs:
        titles, gender, head = _titles_before(analysis, first, lexicon)
        titles, gender = titles + own_titles, gender or own_gender
        if own_titles:
            head = min(head, first - 1)
        if pending is not None and pending[0] == first:
            titles, gender, head = titles + pending[1], gender or pending[2], min(head, pending[3])
        pending = None
        if organisation(analysis, first, last, lexicon.language) or \
                _modifies_title(analysis, last, lexicon) or (last == first and (
                fold(analysis.lower[first]) in DEMONYM_SET or title_of(analysis, first, lexicon))):
            continue  # a title alone ("Polityk podkreślił") is no name
        first_of = _conjoined_from(analysis, first)  # "de Asuntos Exteriores y | Cooperación Regional"
        if _of_organisation(analysis, first_of, lexicon.language) or \
                conjoined_organisation_after(analysis, last, lexicon):
            continue  # "Ministry of | Defence", "Ministerio de | Sanidad": what it is of
        if (titles or _after_title_word(analysis, first_of, lexicon)) and _complement(analysis, first_of):
            # "ministre de la Mer, Teodora Halvik", "presidente de la Asamblea Nacional
            # Constituyente (ANC) de Venezuela, Diosdado Cabello": the title is the name's
            # after the comma; what it is of is no person.
            comma = comma_after(analysis, last)
            if comma is not None:
                pending = (comma + 1, titles, gender, head)
            continue
        word = normalise_name(analysis.tokens.words[first], lexicon.language)
        single_known = last == first and (word in multiword or any(
            base in multiword for base in base_forms(word)))
        if last > first or titles or gender or single_known or (
                _followed_by_cue(analysis, last) and _may_name_alone(analysis, first)):
            name = normalise_name(" ".join(analysis.tokens.words[first : last + 1]), lexicon.language)
            mentions.append(Mention(first, last, name, frozenset(titles), gender, head))
    return mentions


def _without_acronyms(analysis: Analysis, first: int, last: int, lexicon: Lexicon) -> tuple[int, int]:
    """A run of a person's name without an organisation's acronym before it or a post-nominal
    after it ("le délégué CFDT | Karim Benali", "Leah Adeyemi | KC"): two name words stay. An
    organisation's run keeps them ("FC Eintracht Wallenburg", "Manchester City FC")."""
    if organisation(analysis, first, last, lexicon.language):
        return first, last
    words = analysis.tokens.words
    if last - first >= 2 and _acronym(words[first]):
        first += 1
    if last - first >= 2 and _acronym(words[last]):
        end = last - 1
        while end > first and analysis.lower[end] in PARTICLES:
            end -= 1  # ("Mayawati del | BSP" keeps its acronym: one name word would stay)
        if sum(words[i][0].isupper() for i in range(first, end + 1)) >= 2:
            last = end
    return first, last


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= LONGEST_ACRONYM and word.isalpha() and word.isupper()


def _once(analysis: Analysis, first: int, last: int) -> int:
    """The end of a run that says a name twice over ("Joe Root Joe Root", a photo caption's
    name beside the text's): its first saying."""
    words = analysis.tokens.words[first : last + 1]
    half = len(words) // 2
    return first + half - 1 if half > 1 and len(words) % 2 == 0 and words[:half] == words[half:] else last


def comma_after(analysis: Analysis, last: int) -> int | None:
    """The next comma of the sentence, at most ``APPOSITION_REACH`` tokens after ``last``."""
    tokens = analysis.tokens
    end = tokens.reach(last, 1 + APPOSITION_REACH)
    return next((i for i in range(last + 1, end) if tokens.words[i] == ","), None)


def _modifies_title(analysis: Analysis, last: int, lexicon: Lexicon) -> bool:
    """True for a run right before a title: "Chinese Foreign | Minister Wang Yi", "Maritime |
    Minister", also before a lower-case title and the name it gives: "Harbour Books | owner Tom
    Ridley": it says what the title is of, it names no one."""
    following = last + 1
    words = analysis.tokens.words
    if following >= len(analysis.lower) or title_of(analysis, following, lexicon) in (None, ""):
        return False
    if words[following][0].isupper():
        return True
    while following + 1 < len(words) and words[following + 1].islower() and \
            title_of(analysis, following + 1, lexicon):
        following += 1  # "Skyline Atlantic | chief executive Priya Ramanathan"
    return following + 1 < len(words) and words[following + 1][0].isupper() and words[following + 1].isalpha()


def _may_name_alone(analysis: Analysis, index: int) -> bool:
    """A lone capitalised word before a reporting verb may be a person's name, unless it is a
    function word ("Jak zaznaczył …") or German tags call it a common noun ("Die Anwendungen
    erklären")."""
    tags = analysis.tags
    return fold(analysis.lower[index]) not in FUNCTION_WORD_SET and (tags is None or tags[index] != "NN")


def _without_titles(analysis: Analysis, first: int, last: int,
                    lexicon: Lexicon) -> tuple[int, int, list[str], str]:
    """A capitalised run without the titles and function nouns it opens with ("Commander Ruvim
    Ostrakis", "Ex-Nissan-Chef Ghosn"), also with what stands before its last title ("Nordkoreas
    Machthaber Kim Jong-un"), their title keys and gender."""
    titles: list[str] = []
    gender = ""
    start = first
    last_title = next((i for i in range(last - 1, first - 1, -1) if title_of(analysis, i, lexicon)), None)
    if last_title is not None:
        for index in range(first, last_title):
            title = title_of(analysis, index, lexicon)
            if title:
                titles.append(lexicon.titles.get(title, title))
                gender = gender or _title_gender(analysis.lower[index], title, lexicon)
        first = last_title
    while first < last:
        title = title_of(analysis, first, lexicon)
        if title is None:
            break
        if title:
            titles.append(lexicon.titles.get(title, title))
            gender = gender or _title_gender(analysis.lower[first], title, lexicon)
        first += 1
    if titles or first > start:
        # "Secretaría de | Seguridad Pública": a particle after the title opens its complement.
        while first < last and analysis.lower[first] in PARTICLES:
            first += 1
    return first, last, titles, gender


def _title_gender(word: str, title: str, lexicon: Lexicon) -> str:
    """The gender a title gives its bearer: the lexicon's, or in German a feminine ending on a
    title ("Bürgermeisterin", "Seeverkehrsministerin": "f")."""
    listed = lexicon.gendered_titles.get(title) or lexicon.gendered_titles.get(word)
    if listed:
        return listed
    # "-in" on a title word ("Seeverkehrsministerin": minister), or a listed title in "-in"
    # longer than five letters ("Kommandantin"); a title in "-in" is always the word's ending.
    feminine = word.endswith("in") and (len(title) > 5 or not title.endswith("in"))
    return "f" if lexicon.language == "de" and feminine else ""


# Endings of German nouns of trades and sciences that the tagger may not know.
_ROLE_ENDINGS = ("ologe", "ologin", "istin")
# Prefixes of a deputy's title written as one word ("Zëvendësministrja", "viceministro").
_DEPUTY = ("zevendes", "vice", "vize", "wice")  # folded
# Titles that are other words in other languages: Italian "re" (king) is Albanian "new" ("e Re").
_ONE_LANGUAGE_TITLES = {"re": "it"}
# Titles that German compounds end in: the long ones, and "chef" ("Festivalchef", "Parteichef").
LONG_TITLES = tuple(sorted({fold(t) for t in TITLE_SET | _MORE_TITLES if len(t) >= MIN_COMPOUND_PART} |
                            {"chef"}))
_FEMININE_TITLES = tuple(t + "in" for t in LONG_TITLES)  # "Senatorin", "Kommandantin"
# German institutions that compounds end in beside the entity lexicon's ("Staatsanwaltschaft").
_GERMAN_ORG_ENDINGS = frozenset({"anwaltschaft", "gewerkschaft", "botschaft", "präsidium", "direktion",
                                 "inspektion", "genossenschaft"})
_LONG_ORG_CUES = tuple(sorted({t for t in ORG_CUE_SET if len(t) >= MIN_COMPOUND_PART} |
                              {fold(t) for t in _GERMAN_ORG_ENDINGS}))


def _org_stems() -> dict[int, frozenset[str]]:
    """Stems of the longer organisation words, by length: an inflected form ("ministerstwa",
    "ministero", "bakanlığa") shares all but the last two letters of its listed form."""
    stems: dict[int, set[str]] = {}
    for cue in ORG_CUE_SET:
        if len(cue) >= 7:
            size = max(6, len(cue) - 2)
            stems.setdefault(size, set()).add(cue[:size])
    return {size: frozenset(found) for size, found in stems.items()}


_ORG_STEMS = _org_stems()


def _office_of(analysis: Analysis, index: int, language: str) -> bool:
    """True for a word before a possessive and an organisation word ("Attorney | 's Office")."""
    return index + 2 < len(analysis.lower) and analysis.lower[index + 1] in GENITIVE_MARKS and \
        organisation_word(analysis.lower[index + 2], language)


def title_of(analysis: Analysis, index: int, lexicon: Lexicon) -> str | None:
    """The title a word is ("Commander" -> "commander", "Seeverkehrsministerin" -> "ministerin",
    "Ex-Umwelt-Minister" -> "minister"), "" for another word that is no part of a name (a
    German common noun: "Fraktionsleiter"), None for a word that may be part of a name. An
    elided article goes: "l'avocat" is "avocat"."""
    lower = ELISION.sub("", analysis.lower[index])
    folded = fold(lower)
    if lower in _ORGANISATION_WORDS or analysis.tags and organisation_word(lower, lexicon.language):
        return None  # "Secretaría" (a ministry), not "secretaria"; "Staatsanwaltschaft Kiel" whole
    if _office_of(analysis, index, lexicon.language):
        return None  # "the County Sheriff's Office": an organisation's name
    if lower in lexicon.titles or folded in TITLE_SET or lower in _MORE_TITLES:
        bound = _ONE_LANGUAGE_TITLES.get(lower)
        return lower if bound is None or lexicon.language in (bound, "und") else None
    parts = folded.split("-")
    for part in reversed(parts[1:] if len(parts) > 1 else ()):
        if part in TITLE_SET:
            return part
    deputy = next((folded.removeprefix(p) for p in _DEPUTY if folded.startswith(p)), None)
    if deputy and (deputy in lexicon.titles or deputy in TITLE_SET or deputy in _MORE_TITLES):
        return lexicon.titles.get(deputy, deputy)  # "Zëvendësministrja": a minister's deputy
    if lexicon.language in COMPOUNDING and folded.endswith(LONG_TITLES + _FEMININE_TITLES):
        return next(t for t in LONG_TITLES if folded.endswith((t, t + "in")))
    if lexicon.language in COMPOUNDING and folded.endswith(_ROLE_ENDINGS):
        return ""  # "Virologin", "Journalistin": a role, no name
    if ELIDED_ARTICLE.match(analysis.lower[index]) and _capitalised(analysis, index + 1, index + 3):
        return ""  # "L'océanographe | Anaïs Le Goff": a name takes no article, a role does
    tags = analysis.tags
    if tags is not None and (tags[index] == "NN" or _role_adjective(tags, index) or tags[index] == "UNKC"
                             and _unknown_noun(analysis, index, lexicon.language)):
        return ""
    return None


# An elided definite article (French, Italian) glued to a word ("l'opérateur").
ELIDED_ARTICLE = re.compile(r"^l['’](?=\w)")


def _capitalised(analysis: Analysis, start: int, end: int) -> bool:
    """True where every token from ``start`` to ``end`` (exclusive) is a capitalised word."""
    words = analysis.tokens.words
    return end <= len(words) and all(word[0].isupper() for word in words[start:end])


def _unknown_noun(analysis: Analysis, index: int, language: str) -> bool:
    """A capitalised word outside the tagger's lexicon that is a common noun: a derived one
    ("Anwohnerin"), or a compound before a name ("Bäckermeister | Karl Huber")."""
    word = analysis.tokens.words[index]
    if _derived_noun(word, language):
        return True
    tags = analysis.tags
    if index + 1 >= len(tags) or not tags[index + 1].startswith(NAME_TAGS):
        return False
    return _compound_noun(word, language) or _before_full_name(analysis, index)


def _before_full_name(analysis: Analysis, index: int) -> bool:
    """A long word outside the lexicon right before a first name the lexicon knows and a
    surname ("Liftbetreiber | Florian Gstrein", "Sportvorständin | Katrin Oberländer"): German
    writes a name first name first, so the word before is a role whose compound the lexicon
    cannot split."""
    words, tags = analysis.tokens.words, analysis.tags
    return (len(words[index]) >= _MIN_DERIVED and tags[index + 1] == "NE"
            and index + 2 < len(words) and words[index + 2][0].isupper())


@lru_cache(maxsize=1 << 14)
def _compound_noun(word: str, language: str) -> bool:
    """A long compound whose last part is a known common noun of five letters or more
    ("Bäckermeister", "Klimaforscherin": "Meister", "Forscher"), not an organisation's
    ("Kantonspolizei")."""
    if language not in COMPOUNDING or len(word) < _MIN_DERIVED:
        return False
    for stem in {word, word[:-2] if word.endswith("in") else word}:
        for cut in range(3, len(stem) - MIN_COMPOUND_PART + 1):
            part = stem[cut:]
            if organisation_word(part.lower(), language) or part.lower() in ORGANISATION_KINDS:
                return False  # "Kantonspolizei", "Verkehrsverbund": an organisation
            if word_tag(part.capitalize(), language) == "NN":
                return True
    return False


def _role_adjective(tags: list[str], index: int) -> bool:
    """A nominalised adjective before a name ("der Angeklagte | Sven Rieder"), not one that
    opens a name of its own before a noun ("Deutschen Bahn")."""
    return tags[index] == "NNA" and index + 1 < len(tags) and tags[index + 1].startswith(NAME_TAGS)


@lru_cache(maxsize=1 << 14)
def _derived_noun(word: str, language: str) -> bool:
    """A capitalised word outside the lexicon that is a known common noun with a feminine or
    genitive ending ("Meteorologin", "Anwohnerin", "Verbraucherschützers"): a noun, not a name.
    Long words only: "Christin" is a first name too."""
    if len(word) < _MIN_DERIVED or not word.endswith(("in", "s")):
        return False
    stems = (word[:-2], word[:-2] + "e") if word.endswith("in") else (word[:-1], word[:-2])
    return any(word_tag(stem, language) == "NN" for stem in stems)


def _complement(analysis: Analysis, index: int) -> bool:
    """True for a word right after a preposition or an article after one: the complement of a
    title ("presidente del Gobierno", "Ministrja e Detarisë"), not a name of its own."""
    return index > 0 and analysis.lower[index - 1] in OF_WORDS


def _conjoined_from(analysis: Analysis, first: int) -> int:
    """The first word of the capitalised run that a conjunction joins the run at ``first`` to
    ("Asuntos Exteriores y | Cooperación Regional"), else ``first``: both are what one title or
    organisation is of."""
    words = analysis.tokens.words
    if first < 2 or analysis.lower[first - 1] not in CONJUNCTIONS or not words[first - 2][0].isupper():
        return first
    start = first - 2
    sentence_of = analysis.tokens.sentence_of
    while start > 0 and words[start - 1][0].isupper() and sentence_of[start - 1] == sentence_of[first]:
        start -= 1
    return start


def conjoined_organisation_after(analysis: Analysis, last: int, lexicon: Lexicon) -> bool:
    """True where a conjunction joins the run ending at ``last`` to a capitalised run with an
    organisation word that is no title: both are one organisation's name ("Harlow Fire | and |
    Rescue Service"; "Xi Jinping and | Foreign Minister Wang Yi" are two people)."""
    words = analysis.tokens.words
    end = last + 2
    if end >= len(words) or analysis.lower[last + 1] not in CONJUNCTIONS:
        return False
    while end < len(words) and words[end][0].isupper():
        if title_of(analysis, end, lexicon) is not None:
            return False
        if organisation_word(analysis.lower[end], lexicon.language):
            return True
        end += 1
    return False


def _before_connectors(analysis: Analysis, index: int) -> int | None:
    """The word before the connectors ("of", "de la", "të") that precede ``index``, or None
    where no connector (or nothing) stands before it."""
    before = index - 1
    while before >= 0 and analysis.lower[before] in OF_WORDS:
        before -= 1
    return before if 0 <= before < index - 1 else None


def _after_title_word(analysis: Analysis, index: int, lexicon: Lexicon) -> bool:
    """True for a word after a title of a trade or office and its connector ("El entrenador
    del | Deportivo Almenar", "Trajneri i | KF Malësia"): what the title is of."""
    before = _before_connectors(analysis, index)
    return before is not None and bool(title_of(analysis, before, lexicon))


def _of_organisation(analysis: Analysis, index: int, language: str) -> bool:
    """True for a word right after an organisation's name and a connector ("Ministry of |
    Defence", "Ministerio de | Sanidad", "Organización Mundial de la | Salud", "Sindikata e
    Pavarur e | Mësuesve"): the organisation's complement, no person."""
    at = _before_connectors(analysis, index)
    words = analysis.tokens.words
    for _ in range(_ORGANISATION_NAME_WORDS):
        if at is None or at < 0:
            return False
        if organisation_word(analysis.lower[at], language):
            return True
        if not words[at][0].isupper():
            return False
        before = _before_connectors(analysis, at)
        at = at - 1 if before is None else before
    return False


def kind_before(analysis: Analysis, index: int) -> bool:
    """True for a kind of organisation among the lower-case words right before ``index``."""
    for at in range(index - 1, max(-1, index - 1 - KIND_REACH), -1):
        word = ELISION.sub("", analysis.tokens.words[at])  # ("L'enseigne | Bricomax")
        if not word.isalpha() or not word.islower():
            return False
        if word in ORGANISATION_KINDS:
            return True
    return False


# Ends of German nouns for a company's trade ("Maschinenbauer", "Autozulieferer", "Energieversorger").
_COMPANY_KINDS = ("konzern", "hersteller", "zulieferer", "versorger", "maschinenbauer", "autobauer",
                  "anbieter", "betreiber", "dienstleister", "unternehmen")


def company_kind(lower: str, language: str) -> bool:
    """True for a German noun of a company's trade, which opens a run of capitals before the
    company's name ("Maschinenbauer | Kessler & Voigt", "Chemiekonzern | Rheintal AG")."""
    return language in COMPOUNDING and fold(lower).endswith(_COMPANY_KINDS)


def capitalised_runs(analysis: Analysis, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Token ranges of capitalised words (with name particles), outside quotation marks."""
    tokens, lower = analysis.tokens, analysis.lower
    words = tokens.words
    runs = []
    index, size = 0, len(words)
    while index < size:
        # (a run may open on an elided article or preposition: "de | l'US Châteaubriant")
        if analysis.passage[index] >= 0 and index not in analysis.incises or \
                not _name_word(ELISION.sub("", words[index]), ELISION.sub("", lower[index]), lexicon):
            index += 1
            continue
        end = index
        while end + 1 < size and _run_goes_on(analysis, end, lexicon):
            end += 1
        runs.append((index, end))
        index = end + 1
    return runs


def _run_goes_on(analysis: Analysis, end: int, lexicon: Lexicon) -> bool:
    """True where the name word at ``end`` is followed, after at most a space, by another (or by
    a particle and another: "Ursula von der Leyen"), and does not end in a Turkish case ending."""
    tokens, lower = analysis.tokens, analysis.lower
    words, size = tokens.words, len(tokens.words)
    if _inflected(words[end], lexicon.language) or \
            tokens.text[tokens.ends[end] : tokens.starts[end + 1]] not in ("", " "):
        return False
    if _noun_after_name(analysis, end, lexicon):
        return False
    if lexicon.language == "de" and lower[end + 1] in _GERMAN_ARTICLE_PARTICLES and \
            lower[end] not in ("von", "zu", "van"):
        return False  # "Sprechers | der Polizei": German nouns; "von der Leyen", "van der Linden" go on
    # A capitalised word that is a preposition in some language, inside a name ("Coordinadora
    # Portuaria del | Sur", "Federación Vecinal | Sur"); English title case keeps "On", "For" out.
    inside = lower[end] in PARTICLES or lexicon.language != "en"
    if inside and _capitalised_preposition(words[end + 1], lower[end + 1]):
        return True
    if _name_word(words[end + 1], lower[end + 1], lexicon) or _last_syllable(analysis, end, lexicon):
        return True
    if lexicon.language not in COMPOUNDING and words[end + 1][0].isupper() and \
            organisation_word(lower[end + 1], lexicon.language) and \
            title_of(analysis, end + 1, lexicon) is None:
        # A word of some class that ends an organisation's name ("Harlow Vale | Police"); not
        # where every noun is capitalised.
        return True
    following = end + 1  # past one or two particles ("Ursula | von der | Leyen")
    while following < size and following - end <= _MAX_PARTICLES and lower[following] in PARTICLES:
        following += 1
    if analysis.tags is not None and following < size and analysis.tags[following].startswith("NN") and \
            words[end + 1].isalpha():
        return False  # "Sabine Fischer-Volk | von der Kanzlei": a German common noun ("& Söhne" goes on)
    return end + 1 < following < size and (_name_word(words[following], lower[following], lexicon)
                                           or _capitalised_preposition(words[following], lower[following]))


# Syllables that close Korean names and are articles elsewhere ("Kim Jong Un", "Kim Jong Il").
_LAST_SYLLABLES = frozenset({"un", "il"})


def _last_syllable(analysis: Analysis, end: int, lexicon: Lexicon) -> bool:
    """True for "Un" or "Il" closing a name of two name words before it ("Kim Jong | Un"): a
    syllable of the name, as no article is capitalised inside a sentence nor ends a phrase."""
    words, lower = analysis.tokens.words, analysis.lower
    after = end + 2
    named = end > 0 and all(_name_word(words[i], lower[i], lexicon) for i in (end - 1, end))
    return named and words[end + 1].istitle() and lower[end + 1] in _LAST_SYLLABLES and (
        after >= len(words) or not words[after][:1].isalnum() or words[after].islower())


def _capitalised_preposition(word: str, lower: str) -> bool:
    return word[0].isupper() and lower in PREPOSITIONS


def german_non_name(lower: str, language: str) -> bool:
    """True for German words that look like names and never are: the circles unnamed sources
    come from ("aus Verhandlungskreisen") and times of a weekday ("Am Montagabend betonte …")."""
    return language == "de" and (lower.endswith(_CIRCLES) or _WEEKDAY_TIME.match(lower) is not None)


def _noun_after_name(analysis: Analysis, end: int, lexicon: Lexicon) -> bool:
    """True for a German common noun after a first name and a surname ("räumte Petra Lindner |
    Fehler ein"): the object, no part of the name ("Carla | Winter" after a title is)."""
    tags = analysis.tags
    return tags is not None and end > 0 and tags[end + 1] == "NN" and \
        tags[end].startswith(NAME_TAGS) and tags[end - 1].startswith(NAME_TAGS) and \
        title_of(analysis, end - 1, lexicon) is None and \
        not organisation_word(analysis.lower[end + 1], lexicon.language)


def _inflected(word: str, language: str) -> bool:
    return language == "tr" and _TURKISH_ENDING.search(word) is not None


def _name_word(word: str, lower: str, lexicon: Lexicon) -> bool:
    if not (word[0].isupper() or _ARABIC_PARTICLE.match(word)) or lower in NOT_NAMES:
        return False
    if _CONTRACTION.search(word):
        return False
    if german_non_name(lower, lexicon.language):
        return False
    if lower in PREPOSITIONS or lexicon.classes(lower) or HYPHENATED_ADJECTIVE.search(word):
        return False
    return not (word.isupper() and len(word) > LONGEST_ACRONYM)


# Abbreviations that open a sports club's name ("SV Rot-Weiß Lüdenscheid", "l'US Châteaubriant",
# "KF Adriatiku"), by language, as the same letters are a country or a word elsewhere ("US", "AS").
_CLUB_PREFIXES = {language: frozenset(words.split()) for language, words in {
    "de": "FC SV TSV VfB VfL TuS SC FSV SpVgg SG", "fr": "FC US AS RC OGC SCO ESTAC AJ",
    "es": "CD UD CF SD RCD CA FC", "it": "AC AS SS SSC US FC", "sq": "KF FK KS", "en": "FC AFC"}.items()}


def organisation(analysis: Analysis, first: int, last: int, language: str) -> bool:
    """True for a phrase with an organisation word or that a club's abbreviation opens."""
    clubs = _CLUB_PREFIXES.get(language, frozenset())
    return any(organisation_word(ELISION.sub("", analysis.lower[i]), language)
               or ELISION.sub("", analysis.tokens.words[i]) in clubs for i in range(first, last + 1))


@lru_cache(maxsize=1 << 16)
def organisation_word(lower: str, language: str) -> bool:
    """A word that makes a phrase an organisation ("Authority", "Ministerio", "Hafenbehörde"),
    also inflected ("ministerstwa", "Bakanlığa")."""
    folded = fold(lower)
    if folded in ORG_CUE_SET or lower in _ORGANISATION_WORDS:
        return True
    if language in COMPOUNDING and folded.endswith(_LONG_ORG_CUES):
        return True
    if language == "de" and len(folded) >= 6 and folded.endswith("amt") and not folded.endswith("gesamt"):
        return True  # "Landratsamt", "Gesundheitsamt": an office ("insgesamt" is none)
    return any(folded[:size] in prefixes and len(folded) <= size + 4 for size, prefixes in _ORG_STEMS.items())


def _titles_before(analysis: Analysis, index: int, lexicon: Lexicon) -> tuple[list[str], str, int]:
    """Title keys and gender of the words before a name ("Chinese Foreign Minister"), and the
    index where the title phrase starts."""
    titles: list[str] = []
    gender = ""
    head = index
    position = index - 1
    budget = 2  # other words allowed between titles: "Russian Foreign Minister"
    while position >= 0 and budget >= 0:
        word = analysis.lower[position]
        if TITLE in analysis.classes[position]:
            key = lexicon.titles.get(word, "")
            if key:
                titles.append(key)
            gender = gender or _title_gender(word, word, lexicon)
            head = position
            budget = 2
        elif not analysis.tokens.words[position][0].isalpha() or word in CONJUNCTIONS:
            break  # "Bürgermeisterin Eva Brunner und | der Kämmerer": another person's title
        elif not (position > 0 and _capitalised_pair(analysis.tokens.words, position)):
            # A name of several words between titles counts once: "rzecznik Komendy Stołecznej
            # Policji nadkomisarz Sylwester Marczak".
            budget -= 1
        position -= 1
    return titles, gender, head


def _capitalised_pair(words: list[str], index: int) -> bool:
    return words[index][0].isupper() and words[index - 1][0].isupper()


def _followed_by_cue(analysis: Analysis, end: int) -> bool:
    """A word right before a reporting verb, unless a pronoun follows the verb: in "in Zacatecas
    verkündete er" the pronoun is the subject and "Zacatecas" is not a person."""
    following = end + 1
    classes = analysis.classes
    if following >= len(classes) or CUE not in classes[following]:
        return False
    return following + 1 >= len(classes) or PRONOUN not in classes[following + 1]


def normalise_name(name: str, language: str = "sq") -> str:
    """A name without a possessive, an Albanian hyphenated ending ("Xi Jinping-u", in Albanian
    text only: "Kim Jong-un" keeps its hyphen) or a Japanese topic or subject particle
    ("田中氏は")."""
    name = ELISION.sub("", _POSSESSIVE.sub("", name))  # ("l'US Châteaubriant", "d'Emmanuel Macron")
    if language == "sq":
        name = _HYPHEN_ENDING.sub("", name)
    elif language == "de":
        name = _organisation_nominative(name)
    elif language == "tr":
        name = _TURKISH_ENDING.sub("", name)
        case = _TURKISH_ORGANISATION_CASE.search(name)
        if case is not None and organisation_word(name[name.rfind(" ") + 1 : case.start()].lower(), language):
            name = name[: case.start()]  # "Valiliğinden" -> "Valiliği"
    return _PARTICLE.sub("", name)


def _organisation_nominative(name: str) -> str:
    """A German organisation's name without the genitive ending of its first word ("des
    Landesamts für Umwelt" -> "Landesamt für Umwelt", "des Ministeriums" -> "Ministerium")."""
    first, _, rest = name.partition(" ")
    for ending in ("es", "s"):
        stem = first[: -len(ending)]
        if first.endswith(ending) and len(stem) > 4 and organisation_word(stem.lower(), "de"):
            return f"{stem} {rest}".rstrip()
    return name


def base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected (Albanian) name: "Lavrovit" -> "Lavrov"."""
    return [word[: -len(ending)] for ending in _SQ_ENDINGS
            if word.endswith(ending) and len(word) - len(ending) >= 3]
