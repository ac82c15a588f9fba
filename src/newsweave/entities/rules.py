"""Rules applied to the tagger's spans; they hold in every language the lexicon covers.

A title announces a person and is not part of the name ("President Xi Jinping" -> "Xi Jinping");
sentence-initial function words, weekdays and nationality adjectives are not names; a cue word
at the end decides between organisation and place; "China-Russia" is two places; an exonym at
the head of a titled run ("presidenti i Kinës Xi Jinping") is a place, the rest a person.
"""

from __future__ import annotations

from newsweave.entities.canonical import EXONYM_KEYS, exonym_of, name_tokens, transliterate
from newsweave.entities.features import Document
from newsweave.entities.gazetteer import exonym_type
from newsweave.entities.lexicon import (
    ARTICLE_SET,
    CONNECTOR_SET,
    DEMONYM_SET,
    FUNCTION_WORD_SET,
    LOC_CUE_SET,
    ORG_CUE_SET,
    TITLE_MODIFIER_SET,
    TITLE_SET,
)
from newsweave.entities.tokens import Run

Span = tuple[int, int, str, str]  # first token, end token, type, evidence
PERSON, ORG, LOC = "PER", "ORG", "LOC"
_TITLE_LOOKBACK = 4
_MAX_TITLED_TOKENS = 4
# Below this many sentences a text is not an article (a headline, a WikiANN line), and where a
# word occurs in it says nothing about whether the word is a name.
_DOCUMENT_SENTENCES = 3
_ACRONYM_LETTERS = (2, 6)
_NOT_NAMES = DEMONYM_SET | TITLE_SET | TITLE_MODIFIER_SET | CONNECTOR_SET | {"-", "'", "’", "s"}


def apply_rules(doc: Document, run: Run, spans: list[Span]) -> list[Span]:
    """The run's spans after every rule."""
    spans = [part for span in spans for part in split_at_titles(doc, span)]
    spans = [part for span in spans for part in split_hyphenated(doc, span)]
    spans = [part for span in spans for part in split_places_from_people(doc, span)]
    spans = [trimmed for span in spans if (trimmed := trim(doc, span))]
    if titled(doc, run.start) and not any(span[0] == run.start for span in spans):
        spans = person_after_title(doc, run) or spans
    if not spans:
        spans = acronym_alone(doc, run)
    return [retype(doc, span) for span in spans if not _lone_sentence_opener(doc, span)]


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


def _droppable_head(doc: Document, i: int) -> bool:
    word = doc.folded[i]
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
    """A one-word span at a sentence start whose word the article never writes capitalised
    elsewhere ("Noting", "Prioriteti"): a sentence opener, not a name."""
    first, end, _, why = span
    if end - first != 1 or first not in doc.starts or why in ("title", "exonym", "gazetteer"):
        return False
    if len(doc.starts) < _DOCUMENT_SENTENCES or transliterate(doc.words[first]) in EXONYM_KEYS:
        return False
    return doc.capitalised_elsewhere(first) == 0


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
    """A cue word at the end makes an organisation; a title before it makes a person."""
    first, end, kind, why = span
    if why in ("title", "exonym") or kind == "MISC":
        return span
    if kind == PERSON and titled(doc, first):
        return first, end, PERSON, "title"
    last = doc.folded[end - 1]
    if kind != ORG and last in ORG_CUE_SET and last not in LOC_CUE_SET:
        return first, end, ORG, "cue"
    surface = " ".join(doc.words[first:end])
    if (kind != PERSON and titled(doc, first) and not _has_cue(doc, first, end)
            and exonym_of(name_tokens(surface), doc.language) is None):
        return first, end, PERSON, "title"
    return span
