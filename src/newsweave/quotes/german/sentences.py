"""German speech over several sentences: free indirect speech, the "sollen" of hearsay, a
sentence attributed by the next one ("Dies bestätigte …"), an adverb that stands for a source
named before ("Demnach …"); and quoted names, which are no speech."""

from __future__ import annotations

from bisect import bisect_left

from newsweave.quotes.cues import ANAPHORIC_SOURCES, Lexicon
from newsweave.quotes.features import Analysis
from newsweave.quotes.german.syntax import reporting_verb
from newsweave.quotes.phrases import (
    Draft,
    Span,
    may_open_phrase,
    phrase_at,
    sentences_with_speech,
    starts_phrase,
    without_final_stop,
)
from newsweave.quotes.rules import main_verb


def take_anaphoric_sources(analysis: Analysis, drafts: list[Draft]) -> None:
    """A content whose sentence holds an adverb that stands for a source named before ("Demnach
    soll …") is that adverb's: it is the source mention, and the cue when there is no other, as
    german_news_quotes annotates it ("wonach", "danach" are not such adverbs often enough)."""
    tokens, lower = analysis.tokens, analysis.lower
    adverbs = [i for i, word in enumerate(lower) if word in ANAPHORIC_SOURCES and analysis.passage[i] < 0]
    for draft in drafts:
        low = tokens.sentence_around(draft.first)[0]
        high = tokens.sentence_around(draft.last)[1]
        at = bisect_left(adverbs, low)
        found = adverbs[at] if at < len(adverbs) and adverbs[at] < high else None
        if found is not None:
            draft.source = Span("S", found, found)
            draft.cue = draft.cue or Span("C", found, found)


def anaphoric_sentences(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """A sentence that opens with an adverb standing for a source named before ("Demnach hat
    die Koalition gewonnen.") reports that source, in the indicative too: the rest of the
    sentence is the quote, the adverb its source and cue, where nothing else was found in it."""
    tokens = analysis.tokens
    busy = sentences_with_speech(analysis, drafts)
    found = []
    for number, (start, end) in enumerate(tokens.sentences):
        last = without_final_stop(analysis, start, end) - 1
        if number not in busy and analysis.lower[start] in ANAPHORIC_SOURCES and last > start + 1:
            found.append(Draft(start + 1, last, Span("C", start, start), Span("S", start, start)))
    return found


def hearsay_sentences(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """A sentence whose finite verb is the "sollen" of hearsay ("Der Täter soll geflohen
    sein.") right after a sentence with a quote that has a speaker goes on with that speaker's
    report, as free indirect speech, where nothing else was found in it. Only where tags tell
    the finite verb; on its own, without a report just before it, such a sentence is the
    narrator's more often than not."""
    if analysis.tags is None:
        return []
    tokens, sentence_of = analysis.tokens, analysis.tokens.sentence_of
    busy = sentences_with_speech(analysis, drafts)
    reported = {sentence_of[d.last]: d for d in sorted(drafts, key=lambda d: d.last) if d.source is not None}
    found = []
    for number, (start, end) in enumerate(tokens.sentences):
        previous = reported.get(number - 1)
        verb = main_verb(analysis, start, end)
        if number in busy or previous is None or verb is None or analysis.lower[verb] not in _HEARSAY:
            continue
        draft = Draft(start, without_final_stop(analysis, start, end) - 1, previous.cue, previous.source)
        reported[number] = draft
        found.append(draft)
    return found


def attributed_after(analysis: Analysis, drafts: list[Draft], lex: Lexicon) -> list[Draft]:
    """A sentence (or two) attributed by the next one through a demonstrative ("Die Fabrik
    schließt im Mai. Dies bestätigte der Betriebsrat am Montag."): the speech runs from them to
    that demonstrative, as german_news_quotes annotates it, its speaker the subject after the
    reporting verb, or the source it emerges from ("Dies geht aus dem Bericht hervor."), where
    nothing else was found in the sentence. Only where tags tell."""
    if analysis.tags is None:
        return []
    tokens, lower = analysis.tokens, analysis.lower
    busy = sentences_with_speech(analysis, drafts)
    found = []
    for number in range(1, len(tokens.sentences)):
        start, end = tokens.sentences[number]
        verb = start + 1
        if number - 1 in busy or verb + 1 >= end or lower[start] not in _DEMONSTRATIVES:
            continue
        # The source of "Dies geht aus dem Bericht hervor" is the phrase after "aus".
        emerges = lower[verb] in _EMERGES and lower[verb + 1] == "aus" and \
            lower[without_final_stop(analysis, start, end) - 1] == "hervor"
        if not (emerges or reporting_verb(analysis, verb) or lower[verb] in lex.acts):
            continue
        first = verb + 2 if emerges else verb + 1  # after "aus" a dative opens the phrase
        opens = may_open_phrase(analysis, first) if emerges else starts_phrase(analysis, first)
        source = phrase_at(analysis, first, end, range(0)) if opens else None
        # The demonstrative may stand for the two sentences before it, where nothing was found in
        # them.
        opening = number - 1
        if opening > 0 and opening - 1 not in busy and \
                _same_paragraph(analysis, tokens.sentences[opening - 1][0], start):
            opening -= 1
        previous = tokens.sentences[opening][0]
        if source is not None and _same_paragraph(analysis, previous, start):
            busy.update(range(opening, number))
            found.append(Draft(previous, start, Span("C", verb, verb), source))
    return found


def _same_paragraph(analysis: Analysis, first: int, last: int) -> bool:
    return any(begin <= first and last < end for begin, end in analysis.tokens.paragraphs)


# Finite forms of "hervorgehen" ("Dies geht aus dem Bericht hervor").
_EMERGES = frozenset({"geht", "ging", "gehen", "gingen"})

# Demonstratives that stand for what the sentence before said.
_DEMONSTRATIVES = frozenset({"das", "dies"})

# Finite forms of "sollen" that report what others say ("soll", not "sollte": a wish).
_HEARSAY = frozenset({"soll", "sollen"})


def join_free_indirect_runs(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """Reported speech that goes on sentence after sentence with no reporting word of its own
    ("Er kritisierte den Plan. Die Kosten seien zu hoch. Außerdem fehle Personal.") is one
    quote from its first such sentence to its last, as german_news_quotes annotates free
    indirect speech; the sentence with the cue stays a quote of its own. The run is its first
    sentence's speaker's, even where a later sentence found another: a phrase that opens that
    sentence is its subject more often than a new speaker."""
    kept: list[Draft] = []
    run: Draft | None = None
    for draft in drafts:
        if run is not None and run.first <= draft.first and draft.last <= run.last:
            kept.append(draft)  # a quoted fragment inside the run: a direct quote of its own
            continue
        free = _free_indirect(analysis, draft)
        if run is not None and free and _next_sentence(analysis, run, draft):
            run.last = draft.last
            continue
        kept.append(draft)
        run = draft if free else None
    return kept


def _free_indirect(analysis: Analysis, draft: Draft) -> bool:
    """Reported speech of whole sentences, outside quotation marks, with no cue in them."""
    tokens = analysis.tokens
    low, high = tokens.sentence_of[draft.first], tokens.sentence_of[draft.last]
    if analysis.passage[draft.first] >= 0 or draft.first != tokens.sentences[low][0]:
        return False
    return draft.cue is None or not low <= tokens.sentence_of[draft.cue.first] <= high


def _next_sentence(analysis: Analysis, before: Draft, after: Draft) -> bool:
    """True when ``after`` opens the sentence right after the one ``before`` ends."""
    tokens = analysis.tokens
    number = tokens.sentence_of[before.last] + 1
    return number < len(tokens.sentences) and tokens.sentences[number][0] == after.first


def quoted_name(analysis: Analysis, inside: list[int]) -> bool:
    """A short quoted passage of words outside the German lexicon or tagged as names
    ("„Parchin“", "„iPod nano“", "„Deus caritas est“"): a name or a title, not speech. Only
    where tags tell German words."""
    tags = analysis.tags
    if tags is None or not 0 < len(inside) <= _NAME_WORDS or any(analysis.passage[i] < 0 for i in inside):
        return False
    # One unknown capitalised word is as often a new compound noun ("„Zeitungsente“").
    known = ("NE", "FM") if len(inside) == 1 else ("NE", "FM", "UNK")
    return all(tags[i].startswith(known) for i in inside)


# The most words of a quoted name.
_NAME_WORDS = 3
