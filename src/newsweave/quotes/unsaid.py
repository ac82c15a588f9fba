"""Found "quotes" that nobody said: parts of the text the tagger or a rule took for speech that
are the frame of a quote, not its words.

- the subject after a reporting verb that follows what it reports ("«…», dijo [el ministro de
  Salud].", "…” – napisał [prezydent na Twitterze]", "…, powiedział [minister zdrowia]"): the
  quote's speaker, which the tagger took for its content. Where no quote holds the words before
  the verb, they become the content and the subject its source.
- an attribution across the end of an English headline in title case that runs into the first
  sentence ("5 Unusual Places To Promote Your Business | You also need to consider …"): a
  headline's words are no speaker of the body, nor the body's words a headline's quote; the
  side of the cue keeps its part. A quote within the headline stays ("Mayor Says Harbour Will
  Reopen").
"""

from __future__ import annotations

from newsweave.quotes.cues import AUXILIARIES, COMPLEMENT, PRONOUN, VERB_FIRST, Lexicon, word_set
from newsweave.quotes.features import Analysis
from newsweave.quotes.phrases import Draft, Span, is_according, overlap_test, without_final_stop

# Punctuation before a reporting verb that follows the words it reports ("«…», dijo …",
# "„…” – powiedział …").
_FRAME_BEFORE_VERB = frozenset({",", "-", "–", "—"})


def drop_unsaid(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
    """Drop the drafts that nobody said (``subject_after_verb``, ``across_headline``); a subject
    after its verb speaks the words before the verb where no other draft holds them
    (``_speech_before``)."""
    body = title_case_headline(analysis) if lex.language == "en" else None
    if body is not None:
        drafts = [d for d in (clip_to_side(d, body) for d in drafts) if d is not None]
    verb_first = lex.language in VERB_FIRST  # English and German seldom put a subject there
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
    frame = cue.first - 1
    if words[frame] in AUXILIARIES and frame > 1:
        frame -= 1  # "», a | assuré l'avocat"
    if not words[first][0].isalnum() or PRONOUN in classes[first] or words[frame] not in _FRAME_BEFORE_VERB:
        return False
    inside = range(first, draft.last + 1)
    if any(passage[i] >= 0 or _complementiser(analysis, lex, i) for i in inside):
        return False
    if analysis.shapes[frame - 1] == "QC":
        return True
    if _closes_apposition(analysis, draft.source, frame):
        return False  # "El presidente, Ramiro Echevarne, | defendió …": the comma closes the subject
    start, end = analysis.tokens.sentence_around(first)
    return verb_first and draft.last + 1 >= without_final_stop(analysis, start, end)


def _closes_apposition(analysis: Analysis, source: Span | None, comma: int) -> bool:
    """True where the source ends at ``comma`` with a name set off by a comma before it ("El
    presidente del Gobierno, Ramiro Echevarne,"): the subject of the verb after the comma."""
    words = analysis.tokens.words
    return source is not None and source.first < comma <= source.last + 1 and \
        words[comma - 1][0].isupper() and "," in words[source.first : comma - 1]


# Lower-case words of an English headline in title case ("Why Trump is Winding Up Tensions with
# North Korea").
_TITLE_CASE_SMALL = word_set("""a an the and but or nor for so yet as at by in of off on per to up
    via with from into onto over than vs is are was be""")
# A headline in title case has at least this many capitalised words.
_HEADLINE_WORDS = 4
# ... and, after its first word, a function word written with a capital ("Lays On Her Stomach",
# "Places To Promote Your Business"), which names, titles and datelines seldom hold.
_FUNCTION_WORDS = _TITLE_CASE_SMALL | word_set("""her his their your our its my this that these those
    after before about despite against amid are will has have had can could should would not
    does did""")


def title_case_headline(analysis: Analysis) -> int | None:
    """The first token of the body where the text opens with a headline in title case that runs
    into the first sentence without a stop ("Norwegian Skier Wins Gold In Oslo Norwegian skier
    Kari Lund won …"): the words are capitalised but for short function words up to the first
    other lower-case word, and the body begins at the last capitalised word before it. None
    where the first sentence has no such word, or the run has fewer than ``_HEADLINE_WORDS``
    capitalised words or no capitalised function word after its first (``_FUNCTION_WORDS``:
    "PORT SELIN — Harbour Master Ann Cole opened …" is a dateline and a name)."""
    tokens = analysis.tokens
    start, end = tokens.sentences[0]
    capitalised, function = [], False
    for index in range(start, end):
        word = tokens.words[index]
        if not word[0].isalnum():
            continue
        if word[0].isupper() or word[0].isdigit():
            if word[0].isupper():
                function = function or (bool(capitalised) and analysis.lower[index] in _FUNCTION_WORDS)
                capitalised.append(index)
            continue
        if analysis.lower[index] in _TITLE_CASE_SMALL:
            continue
        if len(capitalised) <= _HEADLINE_WORDS or not function:
            return None
        return capitalised[-1]
    return None


def clip_to_side(draft: Draft, body: int) -> Draft | None:
    """The draft with what stands on the other side of the headline's end (``body``, the body's
    first token) from its cue (else its content's start) cut off: a source or a content that
    lies there wholly goes (the draft goes without its content)."""
    anchor = draft.cue.first if draft.cue is not None else draft.first
    low, high = (body, None) if anchor >= body else (None, body - 1)

    def clip(first: int, last: int) -> tuple[int, int] | None:
        first = max(first, low) if low is not None else first
        last = min(last, high) if high is not None else last
        return (first, last) if first <= last else None

    content = clip(draft.first, draft.last)
    if content is None:
        return None
    draft.first, draft.last = content
    if draft.source is not None:
        source = clip(draft.source.first, draft.source.last)
        draft.source = Span("S", *source) if source is not None else None
    return draft
