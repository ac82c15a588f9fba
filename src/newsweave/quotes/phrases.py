"""Parts of a quote being built (``Span``, ``Draft``) and the phrases around a cue.

Used by the tagger's decoder (``extract``) and the rules (``rules``) alike: where a cue's phrase
ends, and which noun phrase beside a cue is its speaker when the tagger marked none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate

from newsweave.quotes.cues import ACCORDING, COMPLEMENT, CUE, PRONOUN, word_set
from newsweave.quotes.features import Analysis

# The longest speaker phrase taken beside a cue when the tagger marked none.
PHRASE_TOKENS = 6
POSTPOSITIONS = frozenset({"zufolge", "göre", "aldus"})
# German pronouns that can only be a subject: "sie" and "es" may be objects ("Die Polizei warnte sie").
NOMINATIVE = frozenset({"er", "ich", "wir", "man"})
# Tags of a name, or of a capitalised word outside the lexicon (most often a name).
NAME_TAGS = ("NE", "UNKC")
# Words before which a phrase is an object or an adjunct, not a speaker.
_PREPOSITIONS = word_set("""in on at to for from with by about of into over under after before during
    against between without within through among per via im am an auf aus bei mit nach von vom zu zum zur
    vor über unter gegen für durch ohne seit gegenüber dans sur avec pour par chez à en de du des
    con por para sobre entre desde hacia hasta su nel nella con per tra fra dal dalla nei sui""")
_DETERMINERS = word_set("""the a an his her their its der die das den dem des ein eine einer eines
    einem einen sein seine ihr ihre le la les un une el los las il lo gli i una uno""")


# German articles of the accusative or dative only: an object, where the genitive ("des") may
# open the owner of a speech noun ("die Entscheidung des Gerichts").
_OBJECT_ARTICLES = word_set("den dem einen einem")
# German articles of the accusative, dative or genitive only: they never open a subject.
_OBLIQUE_ARTICLES = word_set("den dem des einen einem eines")


# Tags of verbs: a speaker's phrase ends before its verb ("Die Stadtverwaltung | machte …"), so
# no speaker reads "Die Stadtverwaltung machte dafür die Baufirma".
_VERB_TAGS = ("VV", "VA", "VM")


@dataclass(slots=True)
class Span:
    """Tokens ``first`` .. ``last`` (inclusive) of one part of an attribution."""

    kind: str  # "S", "C" or "Q"
    first: int
    last: int


@dataclass(slots=True)
class Draft:
    """A quote being built: content tokens ``first`` .. ``last`` (inclusive), its cue and source."""

    first: int
    last: int
    cue: Span | None = None
    source: Span | None = None


def sentences_with_speech(analysis: Analysis, drafts: list[Draft]) -> set[int]:
    """The numbers of the sentences that the drafts' content touches (rules that look for speech
    in a sentence where nothing was found skip these)."""
    sentence_of = analysis.tokens.sentence_of
    return {n for d in drafts for n in range(sentence_of[d.first], sentence_of[d.last] + 1)}


def overlap_test(ranges: Iterable[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether tokens ``first`` .. ``last`` overlap one of ``ranges`` (token ranges,
    inclusive), by bisect over their starts and the farthest end up to each: a long text has many
    drafts, and comparing each candidate with all of them was quadratic."""
    ranges = sorted(ranges)
    firsts = [first for first, _ in ranges]
    reach = list(accumulate((last for _, last in ranges), max))

    def overlaps(first: int, last: int) -> bool:
        before = bisect_right(firsts, last)  # the ranges that start by ``last``
        return before > 0 and reach[before - 1] >= first

    return overlaps


def whole_phrase(analysis: Analysis, cue: Span | None) -> Span | None:
    """The cue with the rest of a listed phrase after it ("u shpreh", "vuri në dukje")."""
    if cue is None:
        return None
    last = cue.last
    kind = ACCORDING if ACCORDING in analysis.classes[last] else CUE
    while last + 1 < len(analysis.classes) and kind in analysis.classes[last + 1] and \
            analysis.passage[last + 1] < 0 and analysis.shapes[last + 1] not in ("X", "XX"):
        last += 1
    return Span("C", cue.first, last) if last != cue.last else cue


def phrase_beside(analysis: Analysis, cue: Span, draft: Draft) -> Span | None:
    """The noun phrase that speaks through ``cue``, when the tagger marked none.

    Candidates are the phrases of the cue's sentence outside the content that do not follow a
    preposition or an article; a pronoun, a person's name and the sentence's first phrase
    score up, distance from the cue scores down ("Rice hatte in Kiew erklärt, …" -> Rice, not
    "in Kiew"; ", sagte der Minister" -> der Minister). Postpositions ("Berichten zufolge")
    take the phrase right before them.
    """
    tokens = analysis.tokens
    start, end = tokens.sentence_around(cue.first)
    blocked = range(draft.first, draft.last + 1)
    if analysis.lower[cue.last] in POSTPOSITIONS:
        return run_from(analysis, cue.first - 1, start - 1, -1, blocked)
    best, best_score = None, None
    for first in range(start, end):
        if first in blocked or cue.first <= first <= cue.last or not _opens_phrase(analysis, first, start):
            continue
        span = phrase_at(analysis, first, end, blocked)
        if span is None or span.last >= cue.first > span.first:
            continue
        score = _phrase_score(analysis, span, cue, start)
        if best_score is None or score > best_score:
            best, best_score = span, score
    return best


def _opens_phrase(analysis: Analysis, index: int, start: int) -> bool:
    word, lower = analysis.tokens.words[index], analysis.lower[index]
    if not word[0].isalnum() or analysis.passage[index] >= 0 or not may_open_phrase(analysis, index):
        return False
    if analysis.tags is not None and lower in _OBJECT_ARTICLES:  # an object: "biss den Fluggast"
        return False
    classes = analysis.classes[index]
    if classes and (CUE in classes or COMPLEMENT in classes or ACCORDING in classes):
        return False
    if index > start:
        before = analysis.lower[index - 1]
        if before in _PREPOSITIONS or before in _DETERMINERS or (
                analysis.tokens.words[index - 1][0].isupper() and word[0].isupper()):
            return False
    return PRONOUN in classes or lower in _DETERMINERS or word[0].isupper() or caseless(word)


def phrase_at(analysis: Analysis, first: int, end: int, blocked: range) -> Span | None:
    """The phrase from ``first``: a pronoun alone; an article with the words up to its noun (a
    capitalised word, or the last before a verb-like stop); a run of capitalised words."""
    words, classes = analysis.tokens.words, analysis.classes
    if PRONOUN in classes[first]:
        return Span("S", first, first)
    last = first
    if analysis.lower[first] in _DETERMINERS:
        while last + 1 < end and last + 1 not in blocked and words[last + 1][0].isalnum() and \
                last - first < PHRASE_TOKENS and not (classes[last + 1] and CUE in classes[last + 1]):
            last += 1
            if words[last][0].isupper():
                break
    while last + 1 < end and last + 1 not in blocked and words[last + 1][0].isupper() and \
            not (classes[last + 1] and CUE in classes[last + 1]) and last - first < PHRASE_TOKENS:
        last += 1
    return Span("S", first, last)


def _phrase_score(analysis: Analysis, span: Span, cue: Span, start: int) -> float:
    distance = cue.first - span.last if span.last < cue.first else span.first - cue.last
    score = -distance / 4
    if PRONOUN in analysis.classes[span.first]:
        score += 2.0
    if span.last > span.first and all(analysis.tokens.words[i][0].isupper() for i in (span.first, span.last)):
        score += 1.5  # a name of two words or more
    if span.first == start:
        score += 1.5  # the sentence's first phrase: the subject, most of the time
    if distance == 1:
        score += 1.0  # "Wang said", "sagte er"
    return score


def run_from(analysis: Analysis, index: int, stop: int, step: int, blocked: range) -> Span | None:
    """Up to ``PHRASE_TOKENS`` words from ``index`` towards ``stop``, up to a punctuation mark,
    a cue, a complementiser, a verb (where tags tell one) or the content."""
    words, classes, tags = analysis.tokens.words, analysis.classes, analysis.tags
    taken = []
    while index != stop and len(taken) < PHRASE_TOKENS:
        if index in blocked or not words[index][0].isalnum() or analysis.passage[index] >= 0:
            break
        if classes[index] and (CUE in classes[index] or COMPLEMENT in classes[index]):
            break
        if tags is not None and tags[index].startswith(_VERB_TAGS):
            break
        taken.append(index)
        index += step
    if not taken:
        return None
    return Span("S", min(taken), max(taken))


def starts_phrase(analysis: Analysis, index: int) -> bool:
    """True when a subject may start at ``index``: a pronoun, an article or a capitalised word;
    not a German article that cannot be nominative ("Den Plan lehnte der Rat ab", "Einen Tag
    später …"; only where tags tell German)."""
    word = analysis.tokens.words[index]
    if not may_open_phrase(analysis, index):
        return False
    if oblique_article(analysis, index):
        return False
    return PRONOUN in analysis.classes[index] or analysis.lower[index] in _DETERMINERS or word[0].isupper()


def oblique_article(analysis: Analysis, index: int) -> bool:
    """A German article that cannot be nominative ("den", "einem"; only where tags tell German)."""
    return analysis.tags is not None and analysis.lower[index] in _OBLIQUE_ARTICLES


def may_open_phrase(analysis: Analysis, index: int) -> bool:
    """False when the word's tag says it cannot open a noun phrase (only where tags exist)."""
    tags, tag_set = analysis.tags, analysis.tag_set
    return tags is None or tag_set is None or not tags[index].startswith(tag_set.not_opening)


def nominal(analysis: Analysis, span: Span) -> bool:
    """False when the tags say no word of ``span`` is a noun or a pronoun (only where tags
    exist): a tagger's source label on "Bei" or "Nachdem" is a slip."""
    tags, tag_set = analysis.tags, analysis.tag_set
    return tags is None or tag_set is None or any(
        tags[i].startswith(tag_set.nominal) for i in range(span.first, span.last + 1))


def without_final_stop(analysis: Analysis, start: int, end: int) -> int:
    """``end`` moved back over the punctuation that closes tokens ``start`` .. ``end - 1``
    outside quotation marks (a sentence's final stop)."""
    words, passage = analysis.tokens.words, analysis.passage
    while end > start and not words[end - 1][0].isalnum() and passage[end - 1] < 0:
        end -= 1
    return end


def is_according(analysis: Analysis, span: Span) -> bool:
    """A cue span that holds an "according to" form ("laut", "nach Angaben", "zufolge")."""
    return any(ACCORDING in analysis.classes[i] for i in range(span.first, span.last + 1))


def caseless(word: str) -> bool:
    """A word of a script without capitals (Chinese, Japanese): its names cannot be seen by case."""
    return word[0].isalpha() and not word[0].isupper() and not word[0].islower()


def name_run(analysis: Analysis, index: int) -> Span:
    """A pronoun alone, or the run of capitalised words around ``index``."""
    words = analysis.tokens.words
    first = last = index
    if PRONOUN in analysis.classes[index]:
        return Span("S", index, index)
    while first > 0 and words[first - 1][0].isupper() and analysis.passage[first - 1] < 0:
        first -= 1
    while last + 1 < len(words) and words[last + 1][0].isupper() and analysis.passage[last + 1] < 0:
        last += 1
    return Span("S", first, last)
