"""Cited origins: the outside outlets a news text names as the source of what it reports.

"Xinhua reported", "told the Global Times", "laut Reuters", "selon l'agence Chine nouvelle",
"сообщает ТАСС", "sipas agjencisë Xinhua" and the "(Reuters) -" of a wire dateline each name an
outlet that the text's facts or quotes come from. :func:`find_cited_origins` finds them in en, de,
fr, es, it, ru and sq text; :func:`canonical_outlet` gives one name per outlet ("Xinhua News
Agency", "Chine nouvelle" and "Синьхуа" are all "Xinhua"), so that a cited name can be matched to
the source of an article in the corpus.

How: one scan finds cue words (a reporting verb, "according to", "told", "citing", ...). At each
cue a small anchored pattern reads the outlet slot after the cue ("told the Global Times") or
before it ("Xinhua News Agency reported"). The slot holds a known alias, a quoted title or a
capitalised span. A capitalised span counts as an outlet only with some evidence: a known alias,
an outlet word in it (News, Times, Wire, Zeitung, ...), a descriptor beside it ("news agency X",
"X newspaper", "l'agence X", "агентство X") or, after a media cue such as "reported" or "told",
an all-caps acronym. That keeps speakers out: "Lavrov told a news conference" and "Lavrov said"
cite nothing, while "Lavrov told RIA Novosti" cites RIA Novosti. Outlets the alias table does not
know (the demo's Kestrel Wire) are found by the same general patterns.

Decisions:
    - Generic references ("state media said", "Staatsmedien", "госСМИ") name no outlet, so they
      are left out unless ``include_generic=True``; then they come with ``generic=True`` and the
      phrase as written as their name.
    - Photo credits ("[Photo/Xinhua]", "foto nga CMG") and bylines credit a picture or a
      writer, not the text's facts: they are not cited origins.
    - Cue labels are the same in every language: "according to", "reported", "told", "citing",
      "said", "dateline", "source" ("Source: X") and "sign-off" (a paragraph that ends with the
      bare outlet name, "... partnership. Xinhua News Agency.").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from newsweave.text.tags import language_tag

__all__ = ["CitedOrigin", "canonical_outlet", "find_cited_origins"]


@dataclass(frozen=True, slots=True)
class CitedOrigin:
    """An outlet a text cites: canonical ``name``, the ``surface`` at ``text[start:end]``, the cue."""

    name: str
    surface: str
    start: int
    end: int
    cue: str
    generic: bool = False


# Canonical name -> other names across languages and scripts. Small on purpose: outlets not
# listed are still found by the general patterns and normalised by canonical_outlet.
_OUTLETS: dict[str, tuple[str, ...]] = {
    "Xinhua": ("Xinhua News Agency", "Xinhua News", "Xinhuanet", "Chine nouvelle", "Chine Nouvelle",
               "Nuova Cina", "Neues China", "Синьхуа", "新华社"),
    "RIA Novosti": ("RIA", "RIA-Novosti", "RIA Nowosti", "РИА Новости", "РИА «Новости»", "РИА"),
    "Reuters": ("Thomson Reuters", "Рейтер", "Рейтерс", "路透社"),
    "AFP": ("Agence France-Presse", "Agence France Presse", "France-Presse", "France Presse",
            "Франс Пресс", "Франс-Пресс", "АФП"),
    "AP": ("Associated Press", "Ассошиэйтед Пресс", "Ассошиэйтед пресс"),
    "TASS": ("Tass", "ITAR-TASS", "ТАСС", "ИТАР-ТАСС"),
    "dpa": ("DPA", "Deutsche Presse-Agentur", "Deutschen Presse-Agentur"),
    "ANSA": ("Ansa", "Agenzia Nazionale Stampa Associata"),
    "EFE": ("Efe", "Agencia EFE"),
    "Interfax": ("Интерфакс", "Интерфакса", "Интерфаксу"),
    "Global Times": ("Глобал таймс", "Huanqiu Shibao", "环球时报"),
    "CMG": ("China Media Group", "Grupi Mediatik i Kinës", "Медиакорпорация Китая"),
    "CCTV": ("China Central Television",),
    "CGTN": (),
    "People's Daily": ("Renmin Ribao", "Жэньминь жибао"),
    "China Daily": (),
    "Sputnik": ("Спутник",),
    "RT": ("Russia Today",),
    "Kyodo": ("Kyodo News",),
    "Yonhap": ("Yonhap News Agency",),
    "KCNA": ("Korean Central News Agency", "ЦТАК"),
    "Anadolu Agency": ("Anadolu", "Anadolu Ajansı"),
    "IRNA": (),
    "ATA": ("Albanian Telegraphic Agency", "Agjencia Telegrafike Shqiptare"),
    "Ukrinform": ("Укрінформ", "Укринформ"),
    "Bloomberg": ("Блумберг",),
    "BBC": ("Би-би-си",),
    "CNN": (),
    "Al Jazeera": ("Аль-Джазира",),
    "New York Times": ("NYT",),
    "Washington Post": (),
    "Wall Street Journal": ("WSJ",),
    "Financial Times": (),
    "ARD": (),
    "ZDF": (),
    "Der Spiegel": ("Spiegel",),
    "Le Monde": (),
    "Le Figaro": (),
    "El País": (),
    "Europa Press": (),
    "Corriere della Sera": (),
}

def _words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a block of text."""
    return frozenset(text.split())


# Words that make a capitalised span an outlet name (compared case-folded, token by token).
# "Agency" alone is not one: the IAEA and ESA are agencies too.
_OUTLET_WORDS = _words("""
    news times post press presse prensa stampa wire newswire media tv radio daily herald journal
    gazette gazzetta gaceta gazeta tribune tribuna courier courrier corriere kurier telegraph
    observer chronicle guardian mail express mirror monitor broadcasting television télévision
    televisión televisione televizioni zeitung nachrichten rundschau nachrichtenagentur
    presseagentur diario periódico noticias notizie nouvelles quotidien quotidiano giornale
    lajme lajmet новости газета вести агентство телеканал радио тв
""")

# All-caps acronyms that name institutions, countries or groupings rather than outlets.
_NOT_OUTLETS = _words("""
    UN EU US USA UK NATO SCO BRICS WHO IMF WTO OPEC ASEAN OSCE IAEA UNSC UNICEF UNHCR OCHA CIA FBI
    KGB FSB NASA PLA CPC CCP GDP COVID OK PM MP CEO ID UAE DPRK PRC ROK ICC ICJ ECB NGO
    ONU UE OTAN EEUU OMS BCE ООН ЕС США НАТО ШОС БРИКС МИД ВОЗ МВФ ФСБ КНР РФ ЕС OKB BE SHBA OBSH
    BND CDU CSU SPD FDP AFD
""")

# Words that make a span a person's role or an institution even beside an outlet word
# ("Press Secretary", "National Press Club", "Media Office").
_ROLE_WORDS = _words("""
    secretary minister ministry spokesman spokeswoman spokesperson office officer director
    conference briefing council committee department club freedom release secretariat sprecher
    ministerium ministre ministro министр ministri zëdhënës portavoz portavoce porte-parole
""")

# Case-folded words trimmed from either end of a captured span: articles, sentence openers and
# time words that sit next to a name without being part of it ("The", "On Tuesday", "Yesterday").
_STOP_WORDS = _words("""
    the a an and but on in at as for by from it he she they we this that yesterday today tonight
    earlier later meanwhile also however monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    die der das den dem am heute gestern le la les hier el los las ayer hoy il lo gli ieri oggi
    вчера сегодня dje sot
""")

_UPPER = "".join(ch for ch in map(chr, range(0x41, 0x530)) if ch.isupper())
_TOKEN = rf"[{_UPPER}](?:[\w&+]|[-.](?=\w)|['’](?!s\b)(?=\w))*"
_CONNECTOR = r"(?:of|de|des|du|di|del|della|dello|dei|degli|da|do|dos|i|të|für)"
_GENERIC_NAME = rf"{_TOKEN}(?:[ \t]+(?:{_CONNECTOR}[ \t]+)?(?:{_TOKEN}|\d+(?!\w))){{0,5}}"
_QUOTE_OPEN, _QUOTE_CLOSE = "«„“\"‚‘", "»“”\"‘’"
# Only the aliases a capitalised span cannot capture ("dpa", "Chine nouvelle", "新华社") are
# spelled out in the slot patterns; the others are recognised after capture.
_ODD_ALIASES = sorted(
    {n for canonical, aliases in _OUTLETS.items() for n in (canonical, *aliases)
     if not re.fullmatch(_GENERIC_NAME, n)}, key=lambda n: (-len(n), n))
_ALIAS = r"(?<!\w)(?:" + "|".join(map(re.escape, _ODD_ALIASES)) + r")(?![\w-])"
_QUOTED_TITLE = rf"[{_UPPER}][^{_QUOTE_OPEN}{_QUOTE_CLOSE}\n]{{0,40}}?"
_NAME = rf"(?:{_ALIAS}|[{_QUOTE_OPEN}]{_QUOTED_TITLE}[{_QUOTE_CLOSE}]|{_GENERIC_NAME})"
_ONE_NAME = re.compile(rf"{_ALIAS}|[{_QUOTE_OPEN}](?P<q>{_QUOTED_TITLE})[{_QUOTE_CLOSE}]|{_GENERIC_NAME}")
_CONJ = r"(?:and|und|et|y|e|ed|и|dhe)"
_ARTICLES = r"(?:(?i:the|l['’]|la|le|les|die|der|das|el|il|lo)(?:[ \t]+|(?<=['’])))?"
_NAME_LIST = rf"{_NAME}(?:(?:[ \t]*,[ \t]*{_NAME})*[ \t]*,?[ \t]+{_CONJ}[ \t]+{_ARTICLES}{_NAME})?"

# Articles, prepositions and pronouns between a cue and its outlet: "told the", "à l'", "all'",
# "sagte er der", "tha për". Matched case-insensitively.
_PREP = (r"(?i:the|an|a|to|by|with|con|à|au|aux|l['’]|la|le|les|lo|il|gli|el|los|las|al|all['’]|"
         r"alla|allo|ai|agli|alle|del|dello|della|dem|den|der|die|das|des|von|vom|er|sie|es|për|së|të)")
_PREPS = rf"(?:{_PREP}(?:[ \t]+|(?<=['’]))){{0,3}}?"
# Descriptors before a name ("news agency RIA Novosti", "Nachrichtenagentur dpa", "l'agence
# Reuters"). Case-sensitive: a capitalised "Radio" or "Daily" is part of a name.
_DESC_WORDS = (
    r"news[ \t]+agency|press[ \t]+agency|news[ \t]+service|wire[ \t]+service|agency|newspaper|"
    r"daily|paper|tabloid|broadcaster|channel|network|magazine|weekly|outlet|website|portal|"
    r"television|radio|station|"
    r"Nachrichtenagentur|Presseagentur|Agentur|Staatsagentur|Zeitung|Tageszeitung|Wochenzeitung|"
    r"Boulevardzeitung|Zeitschrift|Blatt|Sender|Fernsehsender|Radiosender|Staatssender|Magazin|"
    r"Nachrichtenmagazin|Nachrichtenportal|Onlineportal|"
    r"agence[ \t]+de[ \t]+presse|agence|journal|quotidien|hebdomadaire|chaîne|télévision|site|"
    r"agencia[ \t]+de[ \t]+noticias|agencia|diario|periódico|cadena|canal|televisión|emisora|"
    r"revista|medio|"
    r"agenzia[ \t]+di[ \t]+stampa|agenzia|quotidiano|giornale|settimanale|emittente|tv|televisione|"
    r"rivista|testata|"
    r"(?:информационное[ \t]+)?агентств(?:ом|о|а|у)|информагентств[оау]|газет[аеуы]|издани[еяю]|"
    r"телеканал[ау]?|радиостанци[ияю]|радио|телекомпани[ияю]|"
    r"agjenci(?:a|së|në|ja)?(?:[ \t]+(?:e|së|të)[ \t]+lajmeve)?|gazet(?:a|ës|ën)|"
    r"televizion(?:i|it|in)?|media(?:t|s)?")
_DESC = rf"(?:[\w-]+[ \t]+){{0,3}}?(?:{_DESC_WORDS})[ \t]+{_PREPS}"
# Descriptors after a name: "the Xinhua news agency", "the Kestrel Wire newspaper".
_SUFFIX = r"news[ \t]+agency|press[ \t]+agency|news[ \t]+service|agency|newspaper|daily|news|website"
# Generic references that name no outlet (kept only with include_generic=True).
_GENERIC_PHRASE = (
    rf"(?:[{_UPPER}]\w+[ \t]+)?(?i:(?:state|state-run|state-owned|state-controlled|official|"
    r"government|government-run|local|national|pro-government|pro-kremlin)[ \t]+(?:media|news[ \t]+"
    r"agency|news[ \t]+agencies|press|television|tv|broadcaster|newspapers?|outlets?))|"
    r"(?i:staatsmedien|staatliche[nm]?[ \t]+(?:medien|nachrichtenagentur|fernsehen|sender)|"
    r"staatsfernsehen|medienberichte[n]?|(?:örtliche|lokale)[n]?[ \t]+medien|"
    r"(?:les[ \t]+)?médias[ \t]+(?:d['’]état|officiels|locaux|publics|étatiques)|"
    r"(?:la[ \t]+)?(?:presse|télévision)[ \t]+(?:locale|officielle|d['’]état|publique)|"
    r"(?:los[ \t]+)?medios[ \t]+(?:estatales|oficiales|locales|oficialistas)|"
    r"(?:la[ \t]+)?(?:prensa|televisión)[ \t]+(?:local|oficial|estatal)|"
    r"(?:i[ \t]+)?media[ \t]+(?:statali|di[ \t]+stato|locali|ufficiali)|"
    r"(?:la[ \t]+)?(?:stampa|televisione)[ \t]+(?:locale|statale|di[ \t]+stato)|"
    r"(?:государственные|местные|официальные|провластные|китайские|российские)[ \t]+СМИ|"
    r"госСМИ|госмедиа|гостелевидение|государственное[ \t]+телевидение|"
    r"media(?:t)?[ \t]+(?:shtetërore|zyrtare|lokale|vendase))")
# Words allowed between an outlet and a verb after it: "Xinhua has reported", "Xinhua on Tuesday
# reported", "dpa hatte gemeldet".
_FILLER = (rf"(?i:has|had|have|also|both|first|earlier|previously|later|already|reportedly|hat|hatte|"
           rf"außerdem|avait|aussi|également|ha|había|también|aveva|anche|также|ранее|уже|ka|"
           rf"kishte|gjithashtu|a)|on[ \t]+[{_UPPER}]\w+|am[ \t]+[{_UPPER}]\w+")

_SLOT = (rf"(?:(?P<generic>{_GENERIC_PHRASE})|(?P<desc>{_DESC})?(?P<names>{_NAME_LIST})"
         rf"(?P<suffix>[ \t]+(?:{_SUFFIX})(?!\w))?)")
_AFTER = re.compile(rf"[ \t]*{_PREPS}{_SLOT}")
_BEFORE = re.compile(rf"{_SLOT}[ \t]*,?(?:[ \t]+(?:{_FILLER}))*[ \t]*\Z")
# Lowercase words that may stand in a slot before its verb; the backward walk that finds where
# such a slot can start stops at any other lowercase word.
_SLOT_WORDS = frozenset(
    w.lower() for source in (_DESC_WORDS, _SUFFIX, _GENERIC_PHRASE, _FILLER, _CONNECTOR, _CONJ, _PREP,
                             " ".join(_ODD_ALIASES))
    for w in re.findall(r"[^\W\d_]+", source))
# How far back (characters, chunks) a slot before its verb may start: names are short.
_BEFORE_WINDOW, _BEFORE_CHUNKS = 120, 10
_CHUNK = re.compile(r"\S+")
_ELISION = re.compile(r"(?i:l|d|all|dell)['’](?=\w)")
_SOURCE = re.compile(
    r"(?<!\w)(?i:source|sources|quelle|quellen|fuente|fuentes|fonte|fonti|источник|burimi)"
    rf"[ \t]*:[ \t]*{_SLOT}")
_SIGN_OFF = re.compile(rf"(?<=[.!?”\"»])[ \t]+{_SLOT}\.?[ \t\r]*(?=\n|\Z)")
_DATELINE = re.compile(
    rf"(?m)^[ \t]*(?P<pre>[{_UPPER}][^\n()]{{0,60}}?)?[ \t]*\((?P<inner>[^()\n]{{2,60}})\)"
    r"[ \t]*(?:[-—–]+|\.[-—–]|:)")
_DATELINE_SPLIT = re.compile(r"[ \t]*(?:[/,;+]|[ \t](?:and|und|et|y|e|и)[ \t])[ \t]*")
_ACRONYM = re.compile(rf"[{_UPPER}\d]{{2,6}}(?:-[{_UPPER}\d]{{1,6}})?")
_ACRONYM_CUES = frozenset({"reported", "told", "citing", "dateline", "source"})

_AFTER_ONLY, _BEFORE_ONLY, _BOTH = "after", "before", "both"


@dataclass(frozen=True, slots=True)
class _Cue:
    """Cue phrases: what they are called and on which side of them the outlet stands."""

    label: str
    side: str
    phrases: tuple[str, ...]


def _cue(label: str, side: str, phrases: str) -> _Cue:
    """A cue from its phrases written as "a|b|c"."""
    return _Cue(label, side, tuple(p.strip() for p in phrases.split("|")))


_CUES: dict[str, tuple[_Cue, ...]] = {
    "en": (
        _cue("according to", _AFTER_ONLY, "according to"),
        _cue("told", _AFTER_ONLY, "told|in an interview with|speaking to|spoke to"),
        _cue("citing", _AFTER_ONLY, "citing|quoting|cited by|quoted by"),
        _cue("reported", _BOTH, "reported|reports|wrote|writes|quoted"),
        _cue("said", _BOTH, "said|says"),
    ),
    "de": (
        _cue("according to", _AFTER_ONLY, "laut|nach Angaben|nach Informationen"),
        _cue("according to", _BEFORE_ONLY, "zufolge"),
        _cue("citing", _AFTER_ONLY, "unter Berufung auf|zitierte|zitiert"),
        _cue("reported", _BOTH, "berichteten|berichtete|berichtet|meldeten|meldete|meldet|schrieb|"
                                "schreibt|veröffentlichte"),
        _cue("told", _AFTER_ONLY, "sagte|sagt|erklärte|erklärt|bestätigte|betonte|gegenüber|"
                                  "im Interview mit|im Gespräch mit"),
    ),
    "fr": (
        _cue("according to", _AFTER_ONLY, "selon|d'après"),
        _cue("citing", _AFTER_ONLY, "cité par|citée par|cités par|citées par|citant|relayé par|"
                                    "relayée par"),
        _cue("reported", _BOTH, "rapporté|rapportée|rapporte|rapportait|indiqué|indique|annoncé|"
                                "annonce|écrit|révélé|révèle|publié"),
        _cue("told", _AFTER_ONLY, "déclaré|dit|confié|affirmé|expliqué|assuré|précisé|raconté|"
                                  "interrogé par|interrogée par"),
    ),
    "es": (
        _cue("according to", _AFTER_ONLY, "según|de acuerdo con"),
        _cue("citing", _AFTER_ONLY, "citado por|citada por|citados por|citadas por|citando a|citando"),
        _cue("reported", _BOTH, "informó|informaron|informa|reportó|reporta|publicó|publica|difundió|"
                                "recogió|recoge|señaló|indicó"),
        _cue("told", _AFTER_ONLY, "dijo|declaró|afirmó|explicó|aseguró|contó|manifestó|detalló|"
                                  "confirmó|en una entrevista con|en entrevista con"),
    ),
    "it": (
        _cue("according to", _AFTER_ONLY, "secondo|stando a"),
        _cue("citing", _AFTER_ONLY, "citato da|citata da|citati da|citate da|citando"),
        _cue("reported", _BOTH, "riferisce|riportato da|riporta|scrive|riferito|riportato|scritto|"
                                "rende noto|reso noto|annuncia|annunciato"),
        _cue("told", _AFTER_ONLY, "detto|dichiarato|spiegato|raccontato|affermato|confermato|"
                                  "assicurato|in un'intervista"),
    ),
    "ru": (
        _cue("according to", _AFTER_ONLY, "по данным|по сообщению|по информации|согласно данным"),
        _cue("citing", _AFTER_ONLY, "со ссылкой на|цитирует|цитируют"),
        _cue("reported", _BOTH, "сообщает|сообщают|сообщило|сообщила|сообщили|сообщил|передает|"
                                "передаёт|передало|передала|передал|пишет|написало|написала|"
                                "информирует|уточняет"),
        _cue("told", _AFTER_ONLY, "заявил|заявила|заявили|рассказал|рассказала|рассказали|сказал|"
                                  "сказала|сказали|в интервью"),
    ),
    "sq": (
        _cue("according to", _AFTER_ONLY, "sipas"),
        _cue("citing", _AFTER_ONLY, "duke cituar|cituar nga"),
        _cue("reported", _BOTH, "raportoi|raporton|raportuan|njoftoi|njofton|njoftuan|shkruan|shkroi|"
                                "bëri të ditur|bën të ditur|transmeton|transmetoi"),
        _cue("told", _AFTER_ONLY, "tha|deklaroi|u shpreh|pohoi|theksoi|shpjegoi|konfirmoi|"
                                  "në një intervistë për"),
    ),
}


def _phrase_key(phrase: str) -> str:
    """A cue phrase as matched, lower-cased, one space between words, straight apostrophes."""
    return " ".join(phrase.lower().replace("’", "'").split())


@dataclass(frozen=True, slots=True)
class _Scanner:
    """A language's cues: their first words (a cheap filter), one phrase regex, cue by phrase."""

    first_words: frozenset[str]
    regex: re.Pattern[str]
    cues: dict[str, _Cue]


def _scanner(cues: tuple[_Cue, ...]) -> _Scanner:
    """Compile cues; longer phrases first, so "quoted by" wins over "quoted"."""
    by_phrase: dict[str, _Cue] = {}
    for cue in cues:
        for phrase in cue.phrases:
            by_phrase.setdefault(_phrase_key(phrase), cue)
    ordered = sorted(by_phrase, key=len, reverse=True)
    pattern = "|".join(r"[ \t]+".join(map(re.escape, p.split())).replace("'", "['’]") for p in ordered)
    first = frozenset(re.findall(r"\w+", p)[0] for p in ordered)
    return _Scanner(first, re.compile(rf"(?i:{pattern})(?!\w)"), by_phrase)


_SCANNERS = {language: _scanner(cues) for language, cues in _CUES.items()}
_SCANNERS[""] = _scanner(tuple(cue for cues in _CUES.values() for cue in cues))
_WORD = re.compile(r"\w+")


def _key(name: str) -> str:
    """A lookup key: case-folded, accents dropped, punctuation and quotes as spaces."""
    plain = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return " ".join(re.split(r"[\s\-‐–—'’`\".,«»„“”()]+", plain)).strip()


_ARTICLE = re.compile(
    r"^(?i:the|le|la|les|l['’]|die|der|das|den|dem|des|el|los|las|il|lo|gli)(?:\s+|(?<=['’]))")
_LEADING_DESC = re.compile(rf"^(?:{_DESC_WORDS}|(?i:news agency|agency|agence|agentur|agenzia|agencia))\s+")
_TRAILING_DESC = re.compile(r"\s+(?i:news agency|press agency|news service|wire service|newspaper|agency)$")
_TRAILING_NEWS = re.compile(r"\s+(?i:news|daily|tv)$")
_INFLECTION = re.compile(r"-(?:it|in|i|së|s|në|n|ja|ës|а|у|ом|е)$")


def _alias_keys() -> dict[str, str]:
    """Lookup key -> canonical name, for every alias and its form without a leading article."""
    keys: dict[str, str] = {}
    for canonical, aliases in _OUTLETS.items():
        for alias in (canonical, *aliases):
            keys[_key(alias)] = canonical
            bare = _ARTICLE.sub("", alias)
            if bare != alias and len(bare) > 3:
                keys.setdefault(_key(bare), canonical)
    return keys


_ALIAS_KEYS = _alias_keys()


def _strip_name(name: str) -> str:
    """Drop quotes, articles, descriptors and the possessive around an outlet name."""
    name = " ".join(name.strip(_QUOTE_OPEN + _QUOTE_CLOSE + " \t\n.,:;").split())
    name = re.sub(r"['’]s$", "", name)
    for _ in range(3):
        before = name
        name = _ARTICLE.sub("", name)
        name = _LEADING_DESC.sub("", name)
        name = _TRAILING_DESC.sub("", name).strip(_QUOTE_OPEN + _QUOTE_CLOSE + " ")
        if name == before:
            break
    return name


def _known(name: str) -> str | None:
    """The canonical name of a listed outlet, also behind "news"/"-s" endings; else None."""
    for candidate in (name, _TRAILING_NEWS.sub("", name), _INFLECTION.sub("", name)):
        hit = _ALIAS_KEYS.get(_key(candidate))
        if hit is not None:
            return hit
    return None


def _fold_case(name: str) -> str:
    """One spelling for an unknown name: "KESTREL WIRE", "Kestrel wire" -> "Kestrel Wire"."""
    shouting = name.isupper() and len(name) > 6
    words = []
    for word in name.split():
        if re.fullmatch(_CONNECTOR, word):
            words.append(word)
        elif word.islower() or (shouting and len(word) > 3):
            words.append(word[:1].upper() + word[1:].lower())
        else:
            words.append(word)
    return " ".join(words)


def _resolve(name: str) -> tuple[str, bool]:
    """The canonical name, and whether it came from the alias table."""
    known = _known(name)
    if known is None:
        stripped = _strip_name(name)
        known = _known(stripped)
        if known is None:
            return _fold_case(stripped or " ".join(name.split())), False
    return known, True


def canonical_outlet(name: str) -> str:
    """One name per outlet, to match a cited name to a corpus source.

    Known outlets map to their canonical name whatever the language or script; other names lose
    articles, descriptors ("news agency", "newspaper") and the possessive, and get one casing.

    Args:
        name: an outlet name as written ("the Xinhua news agency", "Синьхуа", "Kestrel Wire's").

    Returns:
        The canonical name ("Xinhua", "Kestrel Wire").

    Raises:
        TypeError: if ``name`` is not a str.

    Example:
        >>> canonical_outlet("Chine nouvelle"), canonical_outlet("the KESTREL WIRE news agency")
        ('Xinhua', 'Kestrel Wire')
    """
    if not isinstance(name, str):
        raise TypeError(f"canonical_outlet() takes the name as a str, not {type(name).__name__}")
    return _resolve(name)[0]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a span's ends past stop words and elided articles ("The ", "On Tuesday ", "L'")."""
    words = [(start + m.start(), start + m.end()) for m in _CHUNK.finditer(text[start:end])]
    while words and text[words[0][0]:words[0][1]].casefold() in _STOP_WORDS:
        words.pop(0)
    while words and text[words[-1][0]:words[-1][1]].casefold() in _STOP_WORDS:
        words.pop()
    if not words:
        return start, start
    elided = _ELISION.match(text, words[0][0])
    return (elided.end() if elided else words[0][0]), words[-1][1]


def _known_tail(text: str, start: int, end: int) -> int | None:
    """Where a known alias that ends the span starts ("Chinese Xinhua" -> "Xinhua"), if one does."""
    for word in _CHUNK.finditer(text, start + 1, end):
        if text[word.start() - 1].isspace() and _known(text[word.start():end]) is not None:
            return word.start()
    return None


def _is_outlet(surface: str, *, evidence: bool, cue: str) -> bool:
    """Whether an unknown capitalised span is an outlet rather than a person or institution."""
    parts = [p.casefold() for p in re.split(r"[\s-]+", surface) if p]
    if len(parts) > 6 or any(p in _ROLE_WORDS for p in parts):
        return False
    if evidence:
        return True
    # An outlet word needs a name beside it: "Media" in "Media reports say" is not an outlet.
    if any(p in _OUTLET_WORDS for p in parts) and any(p not in _OUTLET_WORDS for p in parts):
        return True
    return cue in _ACRONYM_CUES and bool(_ACRONYM.fullmatch(surface)) and surface not in _NOT_OUTLETS


def _origin(text: str, start: int, end: int, cue: str, evidence: bool) -> CitedOrigin | None:
    """The cited origin at ``text[start:end]``, or None when the span is not an outlet."""
    if _known(text[start:end]) is None:
        start, end = _trim(text, start, end)
        start = _known_tail(text, start, end) or start
    if start >= end:
        return None
    surface = text[start:end]
    name, known = _resolve(surface)
    if not known and not _is_outlet(surface, evidence=evidence, cue=cue):
        return None
    return CitedOrigin(name, surface, start, end, cue)


def _slot_origins(text: str, slot: re.Match[str], cue: str) -> list[CitedOrigin]:
    """The outlets (or the generic reference) in a matched slot."""
    if slot.group("generic"):
        start, end = slot.span("generic")
        phrase = _ARTICLE.sub("", " ".join(text[start:end].split()))
        return [CitedOrigin(phrase, text[start:end], start, end, cue, generic=True)]
    evidence = bool(slot.group("desc") or slot.group("suffix"))
    found = []
    for name in _ONE_NAME.finditer(text, *slot.span("names")):
        quoted = name.group("q") is not None
        start, end = name.span("q") if quoted else name.span()
        origin = _origin(text, start, end, cue, evidence or quoted)
        if origin is not None:
            found.append(origin)
    return found


def _may_be_in_slot(chunk: str) -> bool:
    """Whether a whitespace-separated chunk can be part of a slot before a verb."""
    chunk = _ELISION.sub("", chunk.strip(","))
    if not chunk or chunk[0].isupper() or chunk[0].isdigit() or chunk[0] in _QUOTE_OPEN:
        return True
    words = re.findall(r"[^\W\d_]+", chunk.lower())
    return bool(words) and all(w in _SLOT_WORDS for w in words)


def _slot_before(text: str, end: int) -> re.Match[str] | None:
    """The slot that ends right before a verb at ``end``, leftmost start first.

    A backward walk over the chunks before the verb finds where a slot can start, so the
    anchored pattern is tried at a few chunk starts instead of at every character.
    """
    low = max(0, end - _BEFORE_WINDOW)
    low = max(low, *(text.rfind(stop, low, end) + 1 for stop in ".!?;\n"))
    chunks = [m.span() for m in _CHUNK.finditer(text, low, end)][-_BEFORE_CHUNKS:]
    first = len(chunks)
    while first > 0 and _may_be_in_slot(text[chunks[first - 1][0]:chunks[first - 1][1]]):
        first -= 1
    for chunk_start, _ in chunks[first:]:
        slot = _BEFORE.match(text, chunk_start, end)
        if slot is not None:
            return slot
    return None


def _cue_origins(text: str, cue_match: re.Match[str], cue: _Cue) -> list[CitedOrigin]:
    """The outlets a cue names, reading the slot after and/or before it."""
    found: list[CitedOrigin] = []
    if cue.side != _BEFORE_ONLY:
        slot = _AFTER.match(text, cue_match.end())
        if slot is not None:
            found += _slot_origins(text, slot, cue.label)
    if cue.side != _AFTER_ONLY:
        slot = _slot_before(text, cue_match.start())
        if slot is not None:
            found += _slot_origins(text, slot, cue.label)
    return found


def _scan_cues(text: str, scanner: _Scanner) -> list[CitedOrigin]:
    """Origins at every cue; words are checked against the cues' first words before any regex."""
    found: list[CitedOrigin] = []
    resume = 0
    for word in _WORD.finditer(text):
        if word.start() < resume or word.group().lower() not in scanner.first_words:
            continue
        cue_match = scanner.regex.match(text, word.start())
        if cue_match is not None:
            resume = cue_match.end()
            found += _cue_origins(text, cue_match, scanner.cues[_phrase_key(cue_match.group())])
    return found


def _dateline_origins(text: str) -> list[CitedOrigin]:
    """Agencies in a wire dateline: "BEIJING, April 9 (Reuters) -", "Berlin (dpa/AFP) –"."""
    found = []
    for line in _DATELINE.finditer(text):
        pre = line.group("pre") or ""
        dated = bool(re.search(r"\d", pre)) or pre.split(",")[0].isupper()
        start = line.start("inner")
        for piece in _DATELINE_SPLIT.split(line.group("inner")):
            offset = text.index(piece, start) if piece else start
            start = offset + len(piece)
            short_name = bool(re.fullmatch(_GENERIC_NAME, piece)) and len(piece.split()) <= 3
            origin = _origin(text, offset, start, "dateline", dated and short_name)
            if origin is not None:
                found.append(origin)
    return found


def _framed_origins(text: str, regex: re.Pattern[str], cue: str) -> list[CitedOrigin]:
    """Outlets after "Source:" or alone at the end of a paragraph."""
    return [origin for slot in regex.finditer(text) for origin in _slot_origins(text, slot, cue)]


def _without_overlaps(found: list[CitedOrigin]) -> list[CitedOrigin]:
    """In text order; of overlapping finds, the earliest-starting, longest one."""
    kept: list[CitedOrigin] = []
    for origin in sorted(found, key=lambda o: (o.start, -o.end)):
        if not kept or origin.start >= kept[-1].end:
            kept.append(origin)
    return kept


def find_cited_origins(text: str, language: str | None = None, *,
                       include_generic: bool = False) -> list[CitedOrigin]:
    """The outlets a text cites as its sources, in text order.

    Args:
        text: the article text.
        language: ISO 639-1 code ("en", "de", "fr", "es", "it", "ru", "sq"; "de-AT" works too).
            None, or a language without cues of its own, uses the cues of all of them.
        include_generic: also return generic references ("state media said"), with
            ``generic=True`` and the phrase as their name.

    Returns:
        One CitedOrigin per mention; spans point into ``text``.

    Raises:
        TypeError: if ``text`` or ``language`` is not a str.

    Example:
        >>> [o.name for o in find_cited_origins("Lavrov told RIA Novosti, Xinhua reported.")]
        ['RIA Novosti', 'Xinhua']
    """
    if not isinstance(text, str):
        raise TypeError(f"find_cited_origins() takes the text as a str, not {type(text).__name__}")
    if language is not None and not isinstance(language, str):
        raise TypeError(f"language is an ISO 639-1 code such as 'en', or None; not {language!r}")
    base = language_tag(language) or ""
    scanner = _SCANNERS.get(base, _SCANNERS[""])
    found = _dateline_origins(text) + _scan_cues(text, scanner)
    found += _framed_origins(text, _SOURCE, "source") + _framed_origins(text, _SIGN_OFF, "sign-off")
    return _without_overlaps([o for o in found if include_generic or not o.generic])
