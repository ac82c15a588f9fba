"""Rules applied to the tagger's spans; they hold in every language the lexicon covers.

A title announces a person and is not part of the name ("President Xi Jinping" -> "Xi Jinping"),
nor are the words naming its office ("Maritime Minister", "Ministrja e Detarisë");
sentence-initial function words, weekdays, nationality adjectives and a sentence's first word
never capitalised elsewhere are not names; a cue word heading the name (at the end in English,
at the front in Albanian or French, or a class noun before it) decides between organisation and
place; a name after a vessel noun is a ship's (MISC); "China-Russia" is two places; an exonym at
the head of a titled run ("presidenti i Kinës Xi Jinping") is a place, the rest a person.
"""

from __future__ import annotations

from newsweave.entities.canonical import EXONYM_KEYS, exonym_of, name_tokens, transliterate
from newsweave.entities.features import Document
from newsweave.entities.gazetteer import exonym_type
from newsweave.entities.lexicon import (
    APPOSITIVE_LOC_SET,
    APPOSITIVE_ORG_SET,
    ARTICLE_SET,
    CONNECTOR_SET,
    DEMONYM_SET,
    FUNCTION_WORD_SET,
    GERMAN_CLASS_ORG_SET,
    HEAD_FIRST_LANGUAGES,
    LOC_CUE_SET,
    LOC_PREFIX_SET,
    ORG_CUE_SET,
    TITLE_MODIFIER_SET,
    TITLE_SET,
    VESSEL_SET,
)
from newsweave.entities.tokens import Run
from newsweave.quotes.grammar import word_tag

Span = tuple[int, int, str, str]  # first token, end token, type, evidence
PERSON, ORG, LOC, MISC = "PER", "ORG", "LOC", "MISC"
_TITLE_LOOKBACK = 4
_MAX_TITLED_TOKENS = 4
# Below this many sentences a text is not an article (a headline, a WikiANN line), and where a
# word occurs in it says nothing about whether the word is a name.
_DOCUMENT_SENTENCES = 3
_ACRONYM_LETTERS = (2, 6)
_ALBANIAN_LINKERS = frozenset({"i", "e", "te", "se"})  # folded: i, e, të, së
_NOT_NAMES = DEMONYM_SET | TITLE_SET | TITLE_MODIFIER_SET | CONNECTOR_SET | {"-", "'", "’", "s"}


def apply_rules(doc: Document, run: Run, spans: list[Span]) -> list[Span]:
    """The run's spans after every rule."""
    spans = [part for span in spans for part in split_at_titles(doc, span)]
    spans = [part for span in spans for part in split_hyphenated(doc, span)]
    spans = [part for span in spans for part in split_places_from_people(doc, span)]
    spans = [trimmed for span in spans if (trimmed := trim(doc, span))]
    spans = [with_place_prefix(doc, run, span) for span in spans]
    if titled(doc, run.start) and not any(span[0] == run.start for span in spans):
        spans = person_after_title(doc, run) or spans
    if not spans:
        spans = acronym_alone(doc, run)
    spans = [retype(doc, span) for span in spans
             if not _lone_sentence_opener(doc, span) and not _german_common_noun(doc, span)]
    spans = [ship_name(doc, without_german_class_noun(doc, span)) for span in spans]
    return [part for span in spans if (part := without_title_parts(doc, span))]


def without_german_class_noun(doc: Document, span: Span) -> Span:
    """The name without a German noun for its kind before it: "Reederei Corvane Shipping" ->
    "Corvane Shipping", an organisation."""
    first, end, _, _ = span
    if doc.language != "de" or end - first < 2 or not doc.words[first + 1][:1].isupper():
        return span
    return (first + 1, end, ORG, "cue") if doc.folded[first] in GERMAN_CLASS_ORG_SET else span


def ship_name(doc: Document, span: Span) -> Span:
    """A name after a vessel noun is a ship's ("the tanker Marisol Dawn", "Cisterna Marisol
    Dawn"): MISC, which the corpus's votes carry to its other mentions."""
    first, end, kind, why = span
    if why == "exonym":
        return span
    if first > 0 and doc.folded[first - 1] in VESSEL_SET:
        return first, end, MISC, "cue"
    if doc.folded[first] in VESSEL_SET:  # also the noun alone ("dem brennenden Tanker")
        return first + (end - first > 1), end, MISC, "cue"
    return span


def without_title_parts(doc: Document, span: Span) -> Span | None:
    """A person's span without the words that belong to a title: words right before one name
    the office ("Maritime Minister Teodora Halvik"), and in Albanian a word after a title
    and its linker names the office too ("Ministrja e Detarisë, Teodora Halvik")."""
    first, end, kind, why = span
    if kind != PERSON:
        return span
    if end < len(doc.words) and doc.folded[end] in TITLE_SET:
        return None
    if _albanian_title_complement(doc, first):
        first += 1
    return (first, end, kind, why) if first < end else None


def _albanian_title_complement(doc: Document, i: int) -> bool:
    """True for the word after "ministri i", "Ministrja e": a person's name never takes a linker."""
    return (doc.language == "sq" and i >= 2 and doc.folded[i - 1] in _ALBANIAN_LINKERS
            and doc.folded[i - 2] in TITLE_SET)


def acronym_alone(doc: Document, run: Run) -> list[Span]:
    """A lone all-capital word the tagger left out ("The BSA declined"): most are organisations."""
    first = run.start + (doc.folded[run.start] in ARTICLE_SET)
    word = doc.words[first] if first < run.end else ""
    if run.end - first != 1 or not word.isalpha() or not word.isupper():
        return []
    if not _ACRONYM_LETTERS[0] <= len(word) <= _ACRONYM_LETTERS[1] or doc.folded[first] in _NOT_NAMES:
        return []
    place = exonym_of((transliterate(word),), doc.language)
    return [(first, first + 1, exonym_type(place) if place else ORG, "exonym" if place else "model")]


def split_at_titles(doc: Document, span: Span) -> list[Span]:
    """"President Xi Jinping" -> "Xi Jinping" (a person); "Russian Foreign Minister Lavrov"
    -> "Russian" (as the tagger typed it) and "Lavrov"."""
    first, end, kind, why = span
    titles = [i for i in range(first, end - 1) if doc.folded[i] in TITLE_SET]
    if not titles or _has_cue(doc, titles[-1] + 1, end):
        return [span]
    last = titles[-1]
    head_end = last
    while head_end > first and doc.folded[head_end - 1] in TITLE_MODIFIER_SET | TITLE_SET:
        head_end -= 1
    out = [(first, head_end, kind, why)] if head_end > first and kind != PERSON else []
    out.append((last + 1, end, PERSON, "title"))
    return out


def split_hyphenated(doc: Document, span: Span) -> list[Span]:
    """"China-Russia" -> China, Russia; "Sino-Russian" -> nothing; "Baden-Württemberg" kept."""
    first, end, kind, why = span
    dashes = [i for i in range(first + 1, end - 1) if doc.words[i] == "-"]
    if not dashes:
        return [span]
    bounds = [first, *dashes, end]
    parts = [(bounds[0], bounds[1])] + [(a + 1, b) for a, b in zip(bounds[1:-1], bounds[2:], strict=True)]
    if all(all(doc.folded[i] in DEMONYM_SET for i in range(a, b)) for a, b in parts):
        return []
    places = [exonym_of(name_tokens(" ".join(doc.words[a:b])), doc.language) for a, b in parts]
    if all(places):
        return [(a, b, exonym_type(place), "exonym") for (a, b), place in zip(parts, places, strict=True)
                if place]
    return [span]


def split_places_from_people(doc: Document, span: Span) -> list[Span]:
    """A country or capital inside a person's span is a place: "Kinës Xi Jinping" -> Kinës,
    Xi Jinping; "Vitit Kulturor Kinë" -> Kinë (the rest is no person's name)."""
    first, end, kind, why = span
    if kind != PERSON or end - first < 2:
        return [span]
    places = [i for i in range(first, end) if exonym_of((transliterate(doc.words[i]),), doc.language)]
    if not places:
        return [span]
    out: list[Span] = []
    for i in places:
        place = exonym_of((transliterate(doc.words[i]),), doc.language)
        out.append((i, i + 1, exonym_type(place or ""), "exonym"))
    if places == [first]:
        out.append((first + 1, end, PERSON, why))
    return out


def trim(doc: Document, span: Span) -> Span | None:
    """The span without leading function words and trailing titles or connectors; ``None`` when
    nothing name-like is left."""
    first, end, kind, why = span
    while first < end and (_droppable_head(doc, first) or (kind == PERSON and _title_word(doc, first))):
        first += 1
    while end > first and _droppable_tail(doc, end - 1):
        end -= 1
    if end <= first or all(doc.folded[i] in _NOT_NAMES for i in range(first, end)):
        return None
    if not doc.words[first][:1].isupper() and not doc.words[first][:1].isdigit():
        return None
    return first, end, kind, why


def with_place_prefix(doc: Document, run: Run, span: Span) -> Span:
    """The span with the place word the tagger left before it ("PORT VELLARA" for "VELLARA")."""
    first, end, kind, why = span
    if first > run.start and doc.folded[first - 1] in LOC_PREFIX_SET and doc.words[first - 1][:1].isupper():
        return first - 1, end, kind, why
    return span


def _droppable_head(doc: Document, i: int) -> bool:
    word = doc.folded[i]
    if word == "st" and i + 1 < len(doc.words) and (doc.words[i + 1] in (".", "-")
                                                    or doc.words[i + 1][:1].isupper()):
        return False  # "St. Aurel Hospital", "St Aurel": Saint, part of the name
    if word in FUNCTION_WORD_SET and (i in doc.starts or word not in ARTICLE_SET):
        return True
    return word in CONNECTOR_SET or word in ("-", "'", "’")


def _title_word(doc: Document, i: int) -> bool:
    return doc.folded[i] in TITLE_SET or doc.folded[i] in TITLE_MODIFIER_SET


def _droppable_tail(doc: Document, i: int) -> bool:
    word = doc.folded[i]
    return (word in TITLE_SET or word in CONNECTOR_SET or word in ("-", "'", "’", "s")
            or (word in FUNCTION_WORD_SET and not doc.words[i][:1].isupper())
            or doc.words[i] == "I")


def _lone_sentence_opener(doc: Document, span: Span) -> bool:
    """A span whose one capitalised word opens a sentence, also after a quote mark, and is never
    written capitalised elsewhere in the article ("Noting", "Prioriteti", "“Ekipet e mia",
    "“Kanali do të mbetet"): a sentence opener, not a name."""
    first, end, _, why = span
    if first not in doc.openers or why in ("title", "exonym", "gazetteer"):
        return False
    if any(doc.words[i][:1].isupper() for i in range(first + 1, end)):
        return False
    if len(doc.starts) < _DOCUMENT_SENTENCES or transliterate(doc.words[first]) in EXONYM_KEYS:
        return False
    return doc.capitalised_elsewhere(first) == 0


def _german_common_noun(doc: Document, span: Span) -> bool:
    """A one-word span that only the tagger found in German, where every noun is capitalised,
    and that German's lexicon knows as a common noun first ("in Brand geraten", "die Region",
    "der Kanal"): no name."""
    first, end, _, why = span
    return doc.language == "de" and end - first == 1 and why == "model" and \
        word_tag(doc.words[first], "de") == "NN"


def _has_cue(doc: Document, first: int, end: int) -> bool:
    return any(word in ORG_CUE_SET or word in LOC_CUE_SET for word in doc.folded[first:end])


def titled(doc: Document, start: int) -> bool:
    """True when a title (and only title modifiers) stands right before token ``start``."""
    for back in range(1, _TITLE_LOOKBACK + 1):
        j = start - back
        if j < 0 or j + 1 in doc.starts:
            return False
        if doc.folded[j] in TITLE_SET:
            return True
        if doc.folded[j] not in TITLE_MODIFIER_SET:
            return False
    return False


def person_after_title(doc: Document, run: Run) -> list[Span]:
    """The run as one person when a title announces it and nothing says it is a place or body;
    a leading exonym ("i Kinës Xi Jinping") is split off as a place."""
    first, end = run.start, run.end
    while end > first and not doc.words[end - 1][:1].isupper():
        end -= 1
    out: list[Span] = []
    place = exonym_of(name_tokens(doc.words[first]), doc.language)
    if place and end - first > 1:
        out.append((first, first + 1, exonym_type(place), "exonym"))
        first += 1
    key = " ".join(name_tokens(" ".join(doc.words[first:end])))
    if end - first > _MAX_TITLED_TOKENS or _has_cue(doc, first, end) or key in EXONYM_KEYS:
        return []
    if any(doc.folded[i] in FUNCTION_WORD_SET | _NOT_NAMES for i in range(first, end)):
        return []
    return [*out, (first, end, PERSON, "title")]


def retype(doc: Document, span: Span) -> Span:
    """A cue word heading the name types it ("Corvane Shipping", "Bordi i Aksidenteve Detare",
    "Porti i Vellarës"), then a class noun before it ("në fshatin Sheqerdol"); else a title
    before it makes a person."""
    first, end, kind, why = span
    if why in ("title", "exonym") or kind == MISC:
        return span
    cue = cue_type(doc, first, end)
    if (cue == ORG and kind != ORG) or (cue == LOC and kind == PERSON):
        return first, end, cue, "cue"
    before = appositive_cue(doc, first)
    if before and kind not in (PERSON, before) and cue is None:
        return first, end, before, "cue"
    if kind == PERSON and titled(doc, first):
        return first, end, PERSON, "title"
    surface = " ".join(doc.words[first:end])
    if (kind != PERSON and titled(doc, first) and not _has_cue(doc, first, end)
            and exonym_of(name_tokens(surface), doc.language) is None):
        return first, end, PERSON, "title"
    return span


def appositive_cue(doc: Document, first: int) -> str | None:
    """The type a lower-case class noun right before a name gives it ("në fshatin Sheqerdol",
    "kompanisë Corvane Shipping"; after a connector only places: "the village of Sheqerdol",
    while "the government of Cuba" says nothing of Cuba)."""
    j = first - 1
    linked = j > 0 and doc.folded[j] in CONNECTOR_SET and doc.words[j].islower()
    j -= linked
    if j < 0 or not doc.words[j].islower():
        return None
    if doc.folded[j] in APPOSITIVE_LOC_SET:
        return LOC
    return ORG if doc.folded[j] in APPOSITIVE_ORG_SET and not linked else None


def cue_type(doc: Document, first: int, end: int) -> str | None:
    """ORG or LOC when a cue word heads the name: an organisation word at the end ("Corvane
    Shipping"), or a cue word at the front in languages that put the head first ("Bordi i
    Aksidenteve Detare", "Porti i Vellarës"), before a connector ("University of Kent") or as a
    place prefix ("Port Vellara"). A place word at the end says little: "Hull City" is a club,
    "Hugo de la Calle" a person."""
    last = doc.folded[end - 1]
    tail = ORG if last in ORG_CUE_SET and last not in LOC_CUE_SET else None
    start = first + (doc.folded[first] in ARTICLE_SET)
    head = _cue_of(doc.folded[start]) if start < end - 1 and _heads_name(doc, start) else None
    return (head or tail) if doc.language in HEAD_FIRST_LANGUAGES else (tail or head)


def _cue_of(word: str) -> str | None:
    """The type a cue word gives, if it is one of one kind only ("bank" is both)."""
    if word in ORG_CUE_SET:
        return None if word in LOC_CUE_SET else ORG
    return LOC if word in LOC_CUE_SET else None


def _heads_name(doc: Document, i: int) -> bool:
    """True when the cue word at ``i`` heads the name after it: always in head-first languages,
    elsewhere before a connector or as a place prefix ("Port Vellara", "Lake Ohrid")."""
    if doc.language in HEAD_FIRST_LANGUAGES or doc.folded[i] in LOC_PREFIX_SET:
        return True
    return doc.folded[i + 1] in CONNECTOR_SET
