"""Who said what: tag a text, group the tagged spans into quotes, resolve their speakers.

Steps: tokens and quotation passages (``tokens``, ``marks``) -> token features -> the CRF
tagger's source / cue / content spans per paragraph -> quotes: a content run, the cue nearest it
and the source nearest that cue -> the named passes of the language's family (``PASSES``,
``OTHERS``: quotes found by rule, their edges, their speakers) -> the speaker's name
(``speakers``). Quoted passages with a reporting verb beside them that the tagger missed are
added by rule, so every quotation-mark style works in every language (English leaves them to
its tagger, trained on PolNeAR). The rules that read German grammar (where reported speech
begins and ends, speech acts, German speaker patterns) are in ``german``.

An interrupted direct quote ("…," he said, "…") is one quote whose content runs from the first
fragment's start to the last fragment's end (the contract has one range per quote, and this is
how both dev sets count a content in fragments); its cue and speaker are those of the
interruption; both fragments stand in one sentence. Reported speech is never joined that way.
A quote over several paragraphs is one quote, and in English (PolNeAR) so is a direct quote
that goes on in the sentence after its attribution ("“…,” she said. “…”"), as PolNeAR
counts it; German annotates each sentence as a quote of its own. The figures behind each
rule are in bench/RESULTS.md ("Quotes", "Rule history").

``speaker_span`` is the mention the cue attaches to: for "he said" the pronoun itself, as both
dev sets annotate the source; ``speaker`` is the name that mention resolves to ("Xi Jinping").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from newsweave.quotes.arabic import ArabicResolver
from newsweave.quotes.arabic import attribute as attribute_arabic
from newsweave.quotes.context import context_features
from newsweave.quotes.cues import (
    ACCORDING,
    COMPLEMENT,
    CUE,
    NAMING,
    PRONOUN,
    Lexicon,
    lexicon,
    past_time,
)
from newsweave.quotes.features import Analysis, analyse, incise_verb, stacked_features, token_features
from newsweave.quotes.german.acts import attach_act_verb, attach_passive_act, attach_reported_act
from newsweave.quotes.german.boundaries import (
    act_before_reason,
    cut_narration_after,
    cut_reporting_clause,
    fit_according_clause,
    widen_act_from_verb,
    widen_to_act_sentence,
)
from newsweave.quotes.german.clauses import (
    complement_clauses,
    demand_clauses,
    intention_clauses,
    narrow_to_claim_clauses,
    subjunctive_clauses,
)
from newsweave.quotes.german.sentences import (
    anaphoric_sentences,
    attributed_after,
    hearsay_sentences,
    join_free_indirect_runs,
    quoted_name,
    take_anaphoric_sources,
)
from newsweave.quotes.german.speakers import (
    inverted_sentence_subject,
    narrator,
    take_as_clause_subject,
    take_impersonal_source,
    take_passive_agent,
    take_quoted_person,
    take_speaker_after_perfect,
    take_speaker_after_quote,
    take_speaker_before_colon,
    take_subject_after_adjunct,
)
from newsweave.quotes.hints import hint_features
from newsweave.quotes.marks import pair_marks
from newsweave.quotes.model import tagger_for
from newsweave.quotes.phrases import (
    NAME_TAGS,
    NOMINATIVE,
    PHRASE_TOKENS,
    POSTPOSITIONS,
    Draft,
    Span,
    is_according,
    nominal,
    oblique_article,
    phrase_beside,
    run_from,
    sentences_with_speech,
    starts_phrase,
    whole_phrase,
)
from newsweave.quotes.rules import (
    before_contrast,
    continued_quotations,
    framed_quotes,
    marked_quotes,
    reported_acts,
    sentence_patterns,
    transcript_turns,
    whole_according_source,
)
from newsweave.quotes.speakers import SpeakerResolver
from newsweave.quotes.tokens import NO_ORDINAL_DOT, tokenize
from newsweave.quotes.unsaid import drop_unsaid

# Tokens allowed between the two halves of an interrupted quote ("…," said the minister, "…").
_MAX_INTERRUPTION = 12
# A content without a cue of its own continues the previous quote's speech this many sentences on.
_CONTINUATION_SENTENCES = 2
# Of several tagged sources in a sentence, the one that opens it (its subject, most of the time)
# counts as this many tokens nearer the cue: "Die Polizisten forderten die Schüler auf, …".
_SUBJECT_BONUS = 6
# ... and a tagged source after a preposition counts as this many tokens farther: "Nach der
# Sitzung sagte Ministerin Weber: …" is Weber's. Not left out: the speaker after "in", "aus"
# ("in einem Bericht …", "aus Regierungskreisen") is no adjunct.
_PREPOSITION_COST = 20


@dataclass(frozen=True, slots=True)
class Quote:
    """One attributed statement; spans are character ranges of the text, end exclusive.

    ``kind`` is "direct" (inside quotation marks), "indirect" (reported speech), "mixed"
    (reported speech carrying a quoted fragment) or "according_to" (a source adposition: "according
    to", "laut", "selon", "sipas", "göre").
    """

    content: tuple[int, int]
    speaker: str | None
    speaker_span: tuple[int, int] | None
    cue: tuple[int, int] | None
    kind: str


def find_quotes_in_text(text: str, language: str = "und") -> list[Quote]:
    """Quotes of a plain text, offsets into that text (the text is not changed)."""
    attribution = attribute(text, language)
    return [attribution.quote(draft) for draft in attribution.drafts] if attribution else []


@dataclass(frozen=True, slots=True)
class Attribution:
    """A text's quotes before they become ``Quote``s: the drafts after every pass, the tagger's
    spans they came from and the resolver that names their speakers (for tools that study a
    step, e.g. bench/rank_sources.py)."""

    analysis: Analysis
    tagged: list[Span]
    drafts: list[Draft]
    resolver: SpeakerResolver

    def quote(self, draft: Draft) -> Quote:
        return _quote(self.analysis, draft, self.resolver)


def attribute(text: str, language: str = "und") -> Attribution | None:
    """Tagger, drafts and passes over a plain text; None for a text without words."""
    tokens = tokenize(text, headings=language == "de", ordinals=language not in NO_ORDINAL_DOT)
    if not tokens.words:
        return None
    lex = lexicon(language)
    analysis = analyse(tokens, lex, pair_marks(tokens))
    passes = passes_for(language)
    tagged = _tag(analysis, language, lex)
    drafts = _drafts(analysis, tagged, passes.per_sentence, lex)
    for step in passes.steps:
        drafts = step(analysis, lex, drafts)
    return Attribution(analysis, tagged, drafts, RESOLVERS.get(language, SpeakerResolver)(analysis, lex))


# -- passes: the steps after the tagger, named, in order, per language --------------------------

Pass = Callable[[Analysis, Lexicon, list[Draft]], list[Draft]]


@dataclass(frozen=True, slots=True)
class Passes:
    """How quotes are found in one family of languages after the tagger.

    ``per_sentence``: reported speech is one quote per sentence and a quoted fragment inside it
    is also a direct quote of its own (german_news_quotes); else one quote per attribution
    (PolNeAR, English). ``steps`` run in order, each taking and returning the drafts."""

    per_sentence: bool
    steps: tuple[Pass, ...]

    def names(self) -> list[str]:
        return [step.__name__ for step in self.steps]


def _adds(rule: Callable[..., list[Draft]], lexical: bool = False) -> Pass:
    """A pass that adds what ``rule(analysis, drafts[, lex])`` finds to the drafts found so far
    (each rule sees what the rules before it found)."""
    def step(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
        return drafts + (rule(analysis, drafts, lex) if lexical else rule(analysis, drafts))
    step.__name__ = rule.__name__
    return step


def _each(rule: Callable[..., None], lexical: bool = False) -> Pass:
    """A pass that changes every draft by ``rule(analysis, draft[, lex])``, which reads no other
    draft."""
    def step(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
        for draft in drafts:
            if lexical:
                rule(analysis, draft, lex)
            else:
                rule(analysis, draft)
        return drafts
    step.__name__ = rule.__name__
    return step


def _all(rule: Callable[[Analysis, list[Draft]], list[Draft] | None]) -> Pass:
    """A pass that gives ``rule(analysis, drafts)`` all drafts: it changes them in place
    (returns None) or returns the new list."""
    def step(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
        changed = rule(analysis, drafts)
        return drafts if changed is None else changed
    step.__name__ = rule.__name__
    return step


def _with_transcript_turns(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
    """The turns of a transcript ("MERKEL: …") replace the drafts they overlap."""
    labelled = transcript_turns(analysis, lex.language)
    if not labelled:
        return drafts
    taken = [(d.first, d.last) for d in labelled]
    return [d for d in drafts if not any(a <= d.last and d.first <= b for a, b in taken)] + labelled


def _cut_reporting_clauses(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
    """Reported speech loses its reporting clause (``cut_reporting_clause``; a speech act cut
    off before the reason given for it becomes a quote of its own) and the narration after it
    (``cut_narration_after``). After the fragments: a quoted passage in the clause stays a quote."""
    acts = []
    for draft in drafts:
        first = draft.first
        cut_reporting_clause(analysis, draft)
        acts.append(act_before_reason(analysis, draft, first, lex))
        cut_narration_after(analysis, draft)
    return drafts + [act for act in acts if act is not None]


def _keep_statements(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
    """Drop what is no statement (``_without_speakers_as_content``, ``_says_something``); the
    rest in text order."""
    kept = [d for d in _without_speakers_as_content(drafts) if _says_something(analysis, d)]
    return sorted(kept, key=lambda d: d.first)



def _carry_speakers(analysis: Analysis, drafts: list[Draft]) -> None:
    """A quote still without a speaker after every rule continues the previous quote's speech
    (``_continues_speech``)."""
    previous: Draft | None = None
    for draft in drafts:
        if draft.source is None and _continues_speech(analysis, previous, draft):
            draft.source = previous.source
        if draft.source is not None:
            previous = draft


def _give_narrated_speakers(analysis: Analysis, drafts: list[Draft]) -> None:
    """Speech with no cue in its sentence that took the speaker of a quote two or more
    sentences back belongs to whom the sentence between names: the speaker of a quote there
    ("…“, sagte der Minister. Die Opposition lehnt den Haushalt ab. Die Kosten seien zu
    hoch."), else, where that sentence is narration, its subject: of reported speech where
    German tags tell narration ("Die Ministerin kritisierte den Plan."), of a quotation where
    a full name opens it ("Club chairman Ian Doyle was angrier. \"This is not acceptable.\"")."""
    sentence_of = analysis.tokens.sentence_of
    quoted = sentences_with_speech(analysis, drafts)
    speakers = {sentence_of[d.first]: d.source for d in drafts
                if d.source is not None and sentence_of[d.source.first] == sentence_of[d.first]}
    for draft in drafts:
        number = sentence_of[draft.first]
        if not _speaker_from_afar(analysis, draft):
            continue
        subject = speakers.get(number - 1)
        direct = analysis.passage[draft.first] >= 0
        if subject is None and number - 1 not in quoted and (direct or analysis.tags is not None):
            subject = _previous_subject(analysis, draft)
            told = _full_name_in if direct else narrator  # (only German has tags)
            subject = subject if subject is not None and told(analysis, subject) else None
        if subject is not None:
            draft.cue, draft.source = None, subject  # the far quote's cue is not this speech's


def _full_name_in(analysis: Analysis, span: Span) -> bool:
    """True for a phrase that holds two capitalised words in a row after its first word."""
    words = analysis.tokens.words
    return any(words[i][0].isupper() and words[i + 1][0].isupper() for i in range(span.first + 1, span.last))


def _speaker_from_afar(analysis: Analysis, draft: Draft) -> bool:
    """True for speech that opens its sentence, with no cue there, and took the speaker of a
    quote two or more sentences back."""
    tokens = analysis.tokens
    number = tokens.sentence_of[draft.first]
    return draft.source is not None and tokens.sentence_of[draft.source.first] < number - 1 and \
        draft.first == tokens.sentences[number][0] and \
        (draft.cue is None or tokens.sentence_of[draft.cue.first] != number)


def _continues_speech(analysis: Analysis, previous: Draft | None, draft: Draft) -> bool:
    """True when ``draft``, which names no speaker, goes on with the speech of ``previous``, a
    quote with a speaker at most ``_CONTINUATION_SENTENCES`` before it: speech goes on in a
    report more often than it changes hands unannounced. Used twice: by ``_attach`` for a
    content without a cue (which also takes the previous cue), and by ``_carry_speakers`` for
    what every other rule left without a speaker."""
    sentence_of = analysis.tokens.sentence_of
    return previous is not None and previous.source is not None and \
        sentence_of[draft.first] - sentence_of[previous.last] <= _CONTINUATION_SENTENCES


def _distinct(analysis: Analysis, lex: Lexicon, drafts: list[Draft]) -> list[Draft]:
    """One draft per content range (two runs of one clause may have grown into the same), the
    one with a source first."""
    kept: dict[tuple[int, int], Draft] = {}
    for draft in sorted(drafts, key=lambda d: d.source is None):
        kept.setdefault((draft.first, draft.last), draft)
    return list(kept.values())


# Words of a subject between a semicolon and its reporting verb ("; die Ministerin konterte").
_FRAME_SUBJECT_WORDS = 4


def _split_at_new_frames(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """A draft that runs past a semicolon into a reporting frame of its own ("Er warf ihr vor,
    …; sie konterte, …") is two quotes: the words after that frame are its subject's."""
    return [part for draft in drafts for part in _at_new_frame(analysis, draft)]


def _at_new_frame(analysis: Analysis, draft: Draft) -> list[Draft]:
    words, classes = analysis.tokens.words, analysis.classes
    for semicolon in range(draft.first + 1, draft.last):
        if words[semicolon] != ";" or analysis.passage[semicolon] >= 0:
            continue
        last = min(semicolon + 1 + _FRAME_SUBJECT_WORDS, draft.last - 2)  # the verb's furthest place
        cue, subject = _frame(analysis, semicolon + 1, last)
        if subject is None or not (words[cue.last + 1] in (",", ":") or COMPLEMENT in classes[cue.last + 1]):
            continue
        before = Draft(draft.first, semicolon - 1, draft.cue, draft.source)
        if draft.cue is not None and draft.cue.first > semicolon:
            # the tagger gave the whole draft the later frame: the first part has the one before
            start = analysis.tokens.sentence_around(draft.first)[0]
            before.cue, before.source = _frame(analysis, start, draft.first - 1)
        return [before, *_at_new_frame(analysis, Draft(cue.last + 2, draft.last, cue, subject))]
    return [draft]


def _frame(analysis: Analysis, first: int, last: int) -> tuple[Span | None, Span | None]:
    """The reporting verb and its subject in tokens ``first`` .. ``last`` ("Er warf ihr vor,"):
    the first verb, and the words before it where they are a short phrase."""
    words, classes = analysis.tokens.words, analysis.classes
    verb = next((i for i in range(first, last + 1) if CUE in classes[i]), None)
    if verb is None:
        return None, None
    subject = range(first, verb)
    if not subject or len(subject) > _FRAME_SUBJECT_WORDS or not all(words[i][0].isalnum() for i in subject):
        return Span("C", verb, verb), None
    return Span("C", verb, verb), Span("S", first, verb - 1)


def _join_continued(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """A quote that goes on after its attribution ("“…,” she said. “…”") is one quote, as
    PolNeAR counts it: the next quoted passage joins it when it has the same cue and speaker and
    nothing but that cue, that speaker and punctuation stands between them. Not where each
    sentence is a quote of its own (german_news_quotes: "„…“, so die Sprecherin. „…“" are two
    quotes; ``_joins`` keeps to one sentence for the same reason)."""
    passage = analysis.passage
    kept: list[Draft] = []
    for draft in drafts:
        before = kept[-1] if kept else None
        if before is not None and before.cue is not None and draft.cue == before.cue and \
                draft.source == before.source and passage[draft.first] >= 0 and \
                before.last < draft.first and _only_between(
                    analysis, before.last, draft.first, [before.cue, before.source]):
            before.last = max(before.last, draft.last)
            continue
        kept.append(draft)
    return kept


def _only_between(analysis: Analysis, left: int, right: int, spans: list[Span | None]) -> bool:
    """True when every word strictly between tokens ``left`` and ``right`` lies in one of
    ``spans``: nothing else but punctuation stands there."""
    taken = {i for s in spans if s is not None for i in range(s.first, s.last + 1)}
    words = analysis.tokens.words
    return all(i in taken or not words[i][0].isalnum() for i in range(left + 1, right))


def _without_speakers_as_content(drafts: list[Draft]) -> list[Draft]:
    """Drop a content that lies inside another quote's speaker ("— said minister Petrov": the
    name after the cue is that quote's speaker, not something said). A content that holds its
    own speaker stays: a reported speech act ("Sie nannte das Urteil falsch.") names its subject,
    whom the next sentence's speech may also be given to."""
    sources = sorted((d.source for d in drafts if d.source is not None), key=lambda s: s.first)
    firsts = [s.first for s in sources]
    longest = max((s.last - s.first for s in sources), default=0)

    def overlapping(d: Draft) -> list[Span]:  # the sources that may overlap ``d``, by bisect
        return sources[bisect_left(firsts, d.first - longest) : bisect_right(firsts, d.last)]

    return [d for d in drafts if not (d.last - d.first < PHRASE_TOKENS and not _holds_own_source(d) and any(
        s.first <= d.last and d.first <= s.last and s is not d.source for s in overlapping(d)))]


def _holds_own_source(draft: Draft) -> bool:
    source = draft.source
    return source is not None and draft.first <= source.first and source.last <= draft.last


def _says_something(analysis: Analysis, draft: Draft) -> bool:
    """False for reported speech of one word ("Dies", "it"): a tagging slip, not a statement;
    and for a quoted name of several words ("„Black Lion Hospital“", "„Hvalur 9“"): a name, not
    speech. A quoted word ("„Gesindel“") is a quote when a cue goes with it, else a scare quote
    or a name ("die „Spreizung“ der Preise")."""
    words, passage = analysis.tokens.words, analysis.passage
    inside = [i for i in range(draft.first, draft.last + 1) if words[i][0].isalnum()]
    if len(inside) > 1 and all(passage[i] >= 0 and (words[i][0].isupper() or words[i][0].isdigit())
                               for i in inside):
        return False
    if quoted_name(analysis, inside) or _named_by_word(analysis, inside):
        return False
    return len(inside) > 1 or (draft.cue is not None and any(passage[i] >= 0 for i in inside))


_NAMING_ARTICLES = frozenset({"le", "la", "les", "el", "los", "las", "il", "lo"})  # "surnommé | le «…»"


def _named_by_word(analysis: Analysis, inside: list[int]) -> bool:
    """True for a quoted passage right after a naming word, or its article ("surnommé le «
    petit Avignon du Sud »", "the so-called "…""): an epithet, not speech."""
    if not inside or any(analysis.passage[i] < 0 for i in inside):
        return False
    before = analysis.quotes[analysis.passage[inside[0]]].open - 1
    if before > 0 and analysis.lower[before] in _NAMING_ARTICLES:
        before -= 1
    return before >= 0 and analysis.lower[before] in NAMING


def _tag(analysis: Analysis, language: str, lex: Lexicon) -> list[Span]:
    """Tagged spans of the whole text, paragraph by paragraph, in two passes."""
    taggers = tagger_for(language)
    features = token_features(analysis, taggers.lexical)
    if taggers.hints:
        for feats, hints in zip(features, hint_features(analysis, lex), strict=True):
            feats.extend(hints)
    if taggers.context is not None:
        for feats, read in zip(features, context_features(analysis, taggers.context), strict=True):
            feats.extend(read)
    paragraphs = analysis.tokens.paragraphs
    labels = taggers.first.tag_spans(features, paragraphs)
    if taggers.second is not None:
        for first, last in paragraphs:
            extra = stacked_features(analysis, first, last, labels[first:last])
            for offset, feats in enumerate(extra):
                features[first + offset].extend(feats)
        labels = taggers.second.tag_spans(features, paragraphs)
    spans: list[Span] = []
    for index, label in enumerate(labels):
        if label == "O":
            continue
        kind = label[2:]
        if label[0] == "I" and spans and spans[-1].kind == kind and spans[-1].last == index - 1:
            spans[-1].last = index
        else:
            spans.append(Span(kind, index, index))
    return _without_leading_time(analysis, spans)


def _without_leading_time(analysis: Analysis, spans: list[Span]) -> list[Span]:
    """Reported speech that opens on the day it was said, before its complementiser ("anunció
    | esta mañana | que …", "njoftoi | të hënën | se …"): the speech starts at the complementiser."""
    for before, span in zip([None, *spans], spans, strict=False):
        if span.kind == "Q":
            start = past_time(analysis.lower, span.first, span.last + 1)
            if start > span.first and COMPLEMENT in analysis.classes[start]:
                if before is not None and before.kind == "C" and before.last == span.first - 1:
                    before.last = start - 1  # the cue stays beside its speech: "informó el jueves"
                span.first = start
    return spans


def _drafts(analysis: Analysis, spans: list[Span], per_sentence: bool, lex: Lexicon) -> list[Draft]:
    """Content runs joined over interruptions and paragraph breaks, with a cue and a source.
    ``per_sentence``: German-style annotation, reported speech is one quote per sentence, an
    inserted source ("nach Angaben des Roten Kreuzes") inside it; PolNeAR annotates the inner
    attribution apart."""
    contents = [span for span in spans if span.kind == "Q"]
    words = analysis.tokens.words
    # A source of punctuation alone ("—") is a tagging slip: the fallback phrase does better.
    # (A cue may be punctuation: "Fact-Check: …".)
    others = [span for span in spans if span.kind == "C" or (
        span.kind == "S" and any(words[i][0].isalnum() for i in range(span.first, span.last + 1))
        and nominal(analysis, span))]
    groups: list[list[Span]] = []
    for span in contents:
        if groups and (_joins(analysis, groups[-1][-1], span, others) or (
                per_sentence and _around_source(analysis, groups[-1][-1], span, others))):
            groups[-1].append(span)
        else:
            groups.append([span])
    drafts = [part for group in groups
              for part in _split_at_marks(analysis, group[0].first, group[-1].last, per_sentence)]
    for draft in drafts:  # "…, mientras que el alcalde, X, advirtió: …"
        draft.last = max(draft.first, before_contrast(analysis, draft.first, draft.last + 1) - 1)
    _attach(analysis, drafts, others, lex)
    return drafts


def _split_at_marks(analysis: Analysis, first: int, last: int, per_sentence: bool) -> list[Draft]:
    """A content cut where a sentence boundary is also a quotation's edge: a direct quote and the
    reported speech that follows it are two quotes, and so are two quotations one after the
    other (“… rushed.” “Nobody asked us,” she said). ``per_sentence``: reported speech is also cut
    at every sentence boundary outside quotation marks, one quote per sentence; PolNeAR
    (English) keeps a multi-sentence attribution whole."""
    tokens, passage = analysis.tokens, analysis.passage
    parts = []
    begin = first
    for number in range(tokens.sentence_of[first] + 1, tokens.sentence_of[last] + 1):
        boundary = tokens.sentences[number][0]
        if boundary <= begin or boundary > last:
            continue
        inside = passage[boundary] >= 0 and passage[boundary - 1] == passage[boundary]
        if passage[boundary - 1] != passage[boundary] or (per_sentence and not inside):
            parts.append(Draft(begin, boundary - 1))
            begin = boundary
    parts.append(Draft(begin, last))
    return parts


def _fragments(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """The quoted passages inside reported speech, as direct quotes of the same speaker; not
    one quoted capitalised word, a name or a term ("auf der Insel „Hvalur“"), not words said."""
    words = analysis.tokens.words
    quotes = []
    for quote in analysis.quotes:
        inside = [words[i] for i in range(quote.first, quote.last + 1) if words[i][0].isalnum()]
        if not (len(inside) == 1 and inside[0][0].isupper()):
            quotes.append(quote)
    # The passages that open inside a draft, by bisect over their opening marks, taken in the
    # order of ``analysis.quotes`` (a nested passage may come before the one around it).
    by_open = sorted(range(len(quotes)), key=lambda n: quotes[n].open)
    opens = [quotes[n].open for n in by_open]
    found = []
    for draft in drafts:
        for n in sorted(by_open[bisect_left(opens, draft.first) : bisect_right(opens, draft.last)]):
            quote = quotes[n]
            if (quote.close or quote.last) <= draft.last and (
                    quote.first > draft.first + 1 or quote.last < draft.last - 1):
                found.append(Draft(quote.first, quote.last, draft.cue, draft.source))
    return found


def _attach(analysis: Analysis, drafts: list[Draft], others: list[Span], lex: Lexicon) -> None:
    """Give every content its cue and source.

    The cue is a tagged one in the content's sentences, else a listed reporting word there;
    without either, a content right after another quote continues that quote's speech (German
    "FreeIndirect": "Er sagte, … . Die Lage sei ernst.") and takes its cue and source, unless its
    own sentence has a source (tagged, or the phrase that opens it), which it then takes with no
    cue; else the nearest tagged cue of a neighbouring sentence. The source is the tagged source
    nearest the cue, else a pronoun inside the cue, else the noun phrase beside the cue, else the
    phrase that opens the content's sentence, its subject most of the time, else, for a
    content with no cue at all, the phrase that opens the sentence before.
    """
    used: set[int] = set()
    previous: Draft | None = None
    sentence_of, sentences = analysis.tokens.sentence_of, analysis.tokens.sentences
    firsts = [span.first for span in others]  # in text order, as ``_tag`` found them
    for draft in drafts:
        # Every cue and source these rules may pick stands in the content's sentences or one
        # beside them: only those spans are looked at (a scan of all of them made a long text's
        # quotes quadratic).
        low = sentences[max(0, sentence_of[draft.first] - 1)][0]
        high = sentences[min(len(sentences) - 1, sentence_of[draft.last] + 1)][1]
        nearby = others[bisect_left(firsts, low) : bisect_left(firsts, high)]
        inner = [s for s in nearby if s.kind == "C" and draft.first < s.first and s.last < draft.last]
        cue = _pick_cue(analysis, draft, inner or nearby, used, 0) or _listed_cue(analysis, draft)
        if cue is None and (incise := _incise_frame(analysis, draft)):
            draft.cue, draft.source = incise
            previous = draft
            continue
        if cue is None and (attach_reported_act(analysis, draft) or
                            attach_passive_act(analysis, draft, lex) or
                            attach_act_verb(analysis, draft, lex)):
            previous = draft
            continue
        if cue is None:
            # A source of the content's own sentence (tagged, or its opening phrase) beats the
            # previous quote's speaker and a cue of a neighbouring sentence.
            own = _pick_source(analysis, draft, nearby) or _subject(analysis, draft)
            if own is not None:
                draft.source, previous = own, draft
                continue
            if _continues_speech(analysis, previous, draft):
                draft.cue, draft.source = previous.cue, previous.source
                continue
        draft.cue = whole_phrase(analysis, cue or _pick_cue(analysis, draft, nearby, used, 1))
        draft.source = _according_source(analysis, draft.cue, others, firsts) or \
            _pick_source(analysis, draft, nearby)
        if draft.source is None and draft.cue is not None:
            draft.source = _pronoun_in_cue(analysis, draft.cue) or phrase_beside(analysis, draft.cue, draft)
        if draft.source is None:
            draft.source = _subject(analysis, draft)
        if draft.source is None and draft.cue is None:
            draft.source = _previous_subject(analysis, draft)
        if draft.source is not None:
            previous = draft


def _joins(analysis: Analysis, left: Span, right: Span, others: list[Span]) -> bool:
    """True when two content runs are one quote: the same quoted passage (also over a paragraph
    break), or an interrupted direct quote ("…," he said, "…"): both runs in quotation marks
    and nothing between them but one cue, at most one source and punctuation. Reported speech
    is not joined: each part is its own attribution.
    """
    passage = analysis.passage
    if passage[left.last] >= 0 and passage[left.last] == passage[right.first]:
        return True
    if passage[left.last] < 0 or passage[right.first] < 0:
        return False
    # Not over a sentence end: "„…“, so die Sprecherin. „…“" is a quote and the next one.
    sentence_of = analysis.tokens.sentence_of
    if right.first - left.last - 1 > _MAX_INTERRUPTION or sentence_of[left.last] != sentence_of[right.first]:
        return False
    inside = [s for s in others if left.last < s.first and s.last < right.first]
    kinds = [s.kind for s in inside]
    if kinds.count("C") != 1 or kinds.count("S") > 1:
        return False
    return _only_between(analysis, left.last, right.first, inside)


def _around_source(analysis: Analysis, left: Span, right: Span, others: list[Span]) -> bool:
    """True when reported speech goes on, in the same sentence, after an inserted source ("…
    sind nach Angaben des Roten Kreuzes 800 Menschen …"): nothing but tagged cues and sources
    and punctuation stand between the two runs. A quoted passage before the source is a direct
    quote, and what follows its source narration ("„…“, so der Trainer nach dem Spiel.")."""
    sentence_of, passage = analysis.tokens.sentence_of, analysis.passage
    if sentence_of[left.last] != sentence_of[right.first] or passage[left.last] >= 0 or \
            passage[right.first] >= 0:
        return False
    inside = [s for s in others if left.last < s.first and s.last < right.first]
    return any(s.kind == "S" for s in inside) and _only_between(analysis, left.last, right.first, inside)


def _pick_cue(analysis: Analysis, draft: Draft, cues: list[Span], used: set[int],
              reach: int) -> Span | None:
    """The cue span nearest the content, in the content's sentences or ``reach`` sentences
    around them."""
    sentence_of = analysis.tokens.sentence_of
    low, high = sentence_of[draft.first], sentence_of[draft.last]
    best, best_cost = None, None
    for span in cues:
        if span.kind != "C":
            continue
        sentence = sentence_of[span.first]
        if not low - reach <= sentence <= high + reach:
            continue
        distance = draft.first - span.last if span.last < draft.first else max(0, span.first - draft.last)
        cost = distance + (0 if low <= sentence <= high else 40) + (25 if span.first in used else 0)
        if best_cost is None or cost < best_cost:
            best, best_cost = span, cost
    if best is not None:
        used.add(best.first)
    return best


def _pick_source(analysis: Analysis, draft: Draft, spans: list[Span]) -> Span | None:
    """The source span nearest the cue (or the content when there is no cue), same sentence,
    the sentence's opening phrase counted nearer."""
    sentence_of = analysis.tokens.sentence_of
    anchor = draft.cue or Span("Q", draft.first, draft.last)
    sentence = sentence_of[anchor.first]
    opening = analysis.tokens.sentences[sentence][0]
    best, best_cost = None, None
    for span in spans:
        if span.kind != "S" or sentence_of[span.first] != sentence:
            continue
        if draft.first <= span.first and span.last <= draft.last and draft.cue is None:
            continue
        distance = anchor.first - span.last if span.last < anchor.first else span.first - anchor.last
        bonus = _SUBJECT_BONUS + 1 if _subject_after_cue(analysis, draft.cue, span) else \
            _SUBJECT_BONUS if span.first == opening and not oblique_article(analysis, opening) else 0
        cost = abs(distance) - bonus + (_PREPOSITION_COST if _after_preposition(analysis, span.first) else 0)
        if best_cost is None or cost < best_cost:
            best, best_cost = span, cost
    return best


def _subject_after_cue(analysis: Analysis, cue: Span | None, span: Span) -> bool:
    """A name or a subject pronoun right after a finite reporting verb: the subject, when an
    object opens the sentence ("Der Zeitung sagte Anna Petrow", "Dem Sender sagte er"). Only
    where tags tell the finite verb. Not a name in the genitive before its noun ("nannte
    Patersons Entscheidung …": the object)."""
    tags, first = analysis.tags, span.first
    if tags is None or cue is None or first != cue.last + 1:
        return False
    if not any("FIN" in tags[i] for i in range(cue.first, cue.last + 1)):
        return False
    genitive = analysis.lower[first].endswith("s") and first + 1 < len(tags) and tags[first + 1] == "NN"
    return analysis.lower[first] in NOMINATIVE or (tags[first].startswith(NAME_TAGS) and not genitive)


def _after_preposition(analysis: Analysis, index: int) -> bool:
    """A phrase after a preposition ("Nach der Sitzung sagte …"): an adjunct, seldom the
    speaker; not after "von" (the agent of a passive: "von der Polizei bestätigt") nor after
    an "according to" word. Only where tags tell the preposition."""
    tags = analysis.tags
    return tags is not None and index > 0 and tags[index - 1].startswith("APPR") and \
        analysis.lower[index - 1] not in ("von", "vom") and ACCORDING not in analysis.classes[index - 1]


def _according_source(analysis: Analysis, cue: Span | None, spans: list[Span],
                      firsts: list[int]) -> Span | None:
    """The source right beside an "according to" cue, tagged or not: after it ("laut
    Polizei"), before a postposition ("Medienberichten zufolge"); not a subject farther away.
    ``spans`` are the tagged ones, in text order and not overlapping, ``firsts`` their first
    tokens: the one beside the cue is found by bisect."""
    if cue is None or not is_according(analysis, cue):
        return None
    after = analysis.lower[cue.last] not in POSTPOSITIONS
    at = bisect_left(firsts, cue.last + 1 if after else cue.first)  # after: the span there
    beside = spans[at] if after and at < len(spans) else spans[at - 1] if not after and at else None
    if beside is not None and beside.kind == "S" and (
            beside.first == cue.last + 1 if after else beside.last == cue.first - 1):
        return beside
    start, end = analysis.tokens.sentence_around(cue.first)
    if after:
        return run_from(analysis, cue.last + 1, end, 1, range(0))
    return run_from(analysis, cue.first - 1, start - 1, -1, range(0))


def _pronoun_in_cue(analysis: Analysis, cue: Span) -> Span | None:
    """A pronoun the tagger took into the cue ("verkündete er"): the speaker."""
    for index in range(cue.first + 1, cue.last + 1):
        if PRONOUN in analysis.classes[index]:
            return Span("S", index, index)
    return None


def _subject(analysis: Analysis, draft: Draft) -> Span | None:
    """The phrase that opens the content's sentence, when it stands outside the content."""
    start = analysis.tokens.sentence_around(draft.first)[0]
    if draft.first <= start or not starts_phrase(analysis, start):
        return None
    return run_from(analysis, start, draft.first, 1, range(draft.first, draft.last + 1))


def _previous_subject(analysis: Analysis, draft: Draft) -> Span | None:
    """The phrase that opens the sentence before the content's: speech without a cue that
    follows a sentence about someone is theirs ("Greenpeace-Experte Edler sieht darin
    Parallelen. Die Ursache sei nie gefunden worden."); where an adjunct opens that sentence,
    the subject after its verb."""
    tokens = analysis.tokens
    number = tokens.sentence_of[draft.first]
    if number == 0:
        return None
    start, end = tokens.sentences[number - 1]
    if not starts_phrase(analysis, start) or not tokens.words[start][0].isupper():
        return inverted_sentence_subject(analysis, start, end)
    return run_from(analysis, start, end, 1, range(0))


def _listed_cue(analysis: Analysis, draft: Draft) -> Span | None:
    """A listed reporting word in the content's sentences, outside the content, nearest it."""
    tokens = analysis.tokens
    low = tokens.sentence_around(draft.first)[0]
    high = tokens.sentence_around(draft.last)[1]
    best = None
    cues = analysis.cues
    for index in cues[bisect_left(cues, low) : bisect_left(cues, high)]:
        if not draft.first <= index <= draft.last:
            distance = draft.first - index if index < draft.first else index - draft.last
            if best is None or distance < best[0]:
                best = (distance, index)
    return Span("C", best[1], best[1]) if best else None


def _incise_frame(analysis: Analysis, draft: Draft) -> tuple[Span, Span | None] | None:
    """The cue and source of a reporting incise inside the content's quoted passage
    (``Analysis.incises``: « …, a affirmé l'avocate, … », « …, a-t-elle dit, … »)."""
    inside = sorted(i for i in analysis.incises if draft.first <= i <= draft.last)
    if not inside:
        return None
    comma, closing = inside[0], inside[-1]
    classes, words = analysis.classes, analysis.tokens.words
    verb = incise_verb(classes, comma)
    last = verb
    while last + 1 < closing and CUE in classes[last + 1]:
        last += 1
    if last + 1 < closing:
        return Span("C", comma + 1, last), Span("S", last + 1, closing - 1)
    if verb > comma + 1 and "-" in words[comma + 1]:
        return Span("C", verb, last), Span("S", comma + 1, comma + 1)  # "a-t-elle | dit"
    return Span("C", comma + 1, last), None


# Punctuation that ends a reporting frame before its content.
_FRAME_PUNCTUATION = frozenset({",", ":", "-", "–", "—"})


def _quote(analysis: Analysis, draft: Draft, resolver: SpeakerResolver) -> Quote:
    tokens = analysis.tokens
    first = draft.first
    while first < draft.last and tokens.words[first] in _FRAME_PUNCTUATION:
        first += 1  # "Dazu erklärte sie, man habe …": the comma is the frame's, not the content's
    content = tokens.span(first, draft.last)
    cue = tokens.span(draft.cue.first, draft.cue.last) if draft.cue else None
    source = draft.source
    speaker_span = tokens.span(source.first, source.last) if source else None
    cue_range = (draft.cue.first, draft.cue.last) if draft.cue else None
    opening = draft.first - 1 if draft.first > 0 and analysis.shapes[draft.first] != "QO" else draft.first
    speaker = resolver.named_before(opening) or resolver.before_cue(opening, cue_range) or \
        resolver.after_contrast(opening, cue_range) or resolver.incise_after(draft.last, cue_range)
    if speaker is None and draft.cue is None:
        speaker = resolver.before_colon(opening)
    if speaker is None and source is not None:
        speaker = resolver.resolve(source.first, source.last, cue_range)
    elif speaker is None and cue_range is not None:
        speaker = resolver.unsourced(cue_range)
    return Quote(content, speaker, speaker_span, cue, _kind(analysis, draft))


def _kind(analysis: Analysis, draft: Draft) -> str:
    if draft.cue is not None and is_according(analysis, draft.cue):
        return "according_to"
    passage = analysis.passage
    inside = sum(1 for i in range(draft.first, draft.last + 1) if passage[i] >= 0)
    size = draft.last - draft.first + 1
    if inside >= 0.8 * size:
        return "direct"
    return "mixed" if inside else "indirect"


# Quotes every language finds by rule beside the tagger's.
_FOUND_BY_RULE: tuple[Pass, ...] = (
    _with_transcript_turns, _adds(marked_quotes), _adds(sentence_patterns, lexical=True),
    _adds(reported_acts, lexical=True))

# English leaves quoted passages beside a reporting word to its tagger, trained on PolNeAR's
# own annotation: the rule's extra finds there are mostly quotes PolNeAR does not count. Only
# those a frame holds tight ("“…”, warned X") are found by rule (``framed_quotes``).
ENGLISH = Passes(per_sentence=False, steps=(
    _with_transcript_turns, _adds(framed_quotes), _adds(sentence_patterns, lexical=True),
    _adds(reported_acts, lexical=True), _adds(continued_quotations),
    drop_unsaid, _keep_statements, _all(_join_continued), _all(_carry_speakers),
    _all(_give_narrated_speakers)))

GERMAN = Passes(per_sentence=True, steps=(
    *_FOUND_BY_RULE, _adds(continued_quotations),
    _adds(attributed_after, lexical=True), _adds(hearsay_sentences), _adds(anaphoric_sentences),
    _adds(intention_clauses), _adds(demand_clauses), _adds(subjunctive_clauses),
    _adds(complement_clauses, lexical=True),
    _each(fit_according_clause, lexical=True), _each(whole_according_source), _each(widen_to_act_sentence),
    _each(widen_act_from_verb),
    _all(_split_at_new_frames), _distinct, _adds(_fragments), _cut_reporting_clauses,
    drop_unsaid, _keep_statements,
    _all(take_anaphoric_sources),
    _each(take_subject_after_adjunct), _each(take_as_clause_subject), _each(take_speaker_before_colon),
    _each(take_speaker_after_quote), _each(take_speaker_after_perfect), _each(take_passive_agent),
    _each(take_quoted_person), _each(take_impersonal_source), _all(narrow_to_claim_clauses),
    _all(_carry_speakers), _all(_give_narrated_speakers),
    _all(join_free_indirect_runs)))

# Every other language (and "und", none detected): annotated per sentence as German is, without
# the rules that read German tags or German words.
OTHERS = Passes(per_sentence=True, steps=(
    *_FOUND_BY_RULE, _adds(continued_quotations),
    _each(fit_according_clause, lexical=True), _each(whole_according_source), _all(_split_at_new_frames),
    _distinct, _adds(_fragments),
    drop_unsaid, _keep_statements, _all(_carry_speakers), _all(_give_narrated_speakers),
    _all(join_free_indirect_runs)))

# Arabic: ``OTHERS``, then the cues and subjects that the Arabic rules read (``arabic``), which
# the tagger, blind to Arabic words, does not find.
ARABIC = Passes(per_sentence=True, steps=(*OTHERS.steps, attribute_arabic))

PASSES = {"en": ENGLISH, "de": GERMAN, "ar": ARABIC}
# Speaker resolvers of the languages that have their own; the others use ``SpeakerResolver``.
RESOLVERS = {"ar": ArabicResolver}


def passes_for(language: str) -> Passes:
    """The passes of ``language``'s family: its own where it has one, else ``OTHERS``."""
    return PASSES.get(language, OTHERS)
