"""Found "quotes" that nobody said: parts of the text the tagger or a rule took for speech that
are the frame of a quote, not its words.

- the subject after a reporting verb that follows what it reports ("«…», dijo [el ministro de
  Salud].", "…” – napisał [prezydent na Twitterze]", "…, powiedział [minister zdrowia]"): the
  quote's speaker, which the tagger took for its content. Where no quote holds the words before
  the verb, they become the content and the subject its source.
"""

from __future__ import annotations

from newsweave.quotes.cues import COMPLEMENT, PRONOUN, Lexicon
from newsweave.quotes.features import Analysis
from newsweave.quotes.phrases import Draft, Span, is_according, overlap_test, without_final_stop

# Punctuation before a reporting verb that follows the words it reports ("«…», dijo …",
# "„…” – powiedział …").
_FRAME_BEFORE_VERB = frozenset({",", "-", "–", "—"})
# Languages whose reporting verb comes before its subject after the speech ("…, dijo el
# ministro"); English and German put a subject there only seldom ("…, the minister said").
_VERB_FIRST = frozenset({"fr", "es", "it", "pt", "pl", "ru", "sq"})


def drop_unsaid(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
    """Drop the drafts that nobody said (``subject_after_verb``); a subject after its verb
    speaks the words before the verb where no other draft holds them (``_speech_before``)."""
    verb_first = lex.language in _VERB_FIRST
    subjects = [d for d in drafts if subject_after_verb(analysis, lex, d, verb_first)]
    if not subjects:
        return drafts
    kept = [d for d in drafts if not any(d is s for s in subjects)]
    covered = overlap_test((d.first, d.last) for d in kept)
    for subject in subjects:
        speech = _speech_before(analysis, subject)
        if speech is not None and not covered(speech.first, speech.last):
            kept.append(speech)
    return kept


def _complementiser(analysis: Analysis, lex: Lexicon, index: int) -> bool:
    """A complementiser, also elided before the next word ("qu'aucune")."""
    if COMPLEMENT in analysis.classes[index]:
        return True
    word = analysis.lower[index]
    cut = min((word.find(mark) for mark in _APOSTROPHES if mark in word), default=-1)
    return cut > 0 and COMPLEMENT in lex.classes(word[: cut + 1])


_APOSTROPHES = ("'", "’")


def _speech_before(analysis: Analysis, subject: Draft) -> Draft | None:
    """The words from the sentence's start to the comma or dash before the reporting verb, said
    by the subject after it; none when they stand in quotation marks."""
    cue = subject.cue
    start = analysis.tokens.sentence_around(cue.first)[0]
    last = cue.first - 2
    if last < start or any(analysis.passage[i] >= 0 for i in range(start, last + 1)):
        return None
    end = without_final_stop(analysis, subject.first, subject.last + 1)
    return Draft(start, last, cue, Span("S", subject.first, end - 1))


def subject_after_verb(analysis: Analysis, lex: Lexicon, draft: Draft, verb_first: bool) -> bool:
    """True for a content that is the subject of the reporting verb right before it, which
    follows the words it reports and a comma or dash: after a quoted passage in every language
    ("«…», dijo el ministro", "”, a déclaré le commandant"), after any words where the verb comes
    first (``verb_first``: "…, powiedział minister Kowalski"), up to the sentence's end. Not a
    content with quoted words in it ("», a déclaré la ministre, « et …»": the quote goes on), nor
    one that a complementiser or a pronoun opens or holds ("…, saying it would …", "…, afirmó
    este lunes que …": a clause of its own)."""
    cue, words, classes, passage = draft.cue, analysis.tokens.words, analysis.classes, analysis.passage
    first = draft.first
    if cue is None or first != cue.last + 1 or cue.first < 2 or is_according(analysis, cue):
        return False
    if not words[first][0].isalnum() or PRONOUN in classes[first] or \
            words[cue.first - 1] not in _FRAME_BEFORE_VERB:
        return False
    inside = range(first, draft.last + 1)
    if any(passage[i] >= 0 or _complementiser(analysis, lex, i) for i in inside):
        return False
    if analysis.shapes[cue.first - 2] == "QC":
        return True
    start, end = analysis.tokens.sentence_around(first)
    return verb_first and draft.last + 1 >= without_final_stop(analysis, start, end)
