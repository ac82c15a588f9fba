"""Who said what: tag a text, group the tagged spans into quotes, resolve their speakers.

Steps: tokens and quotation passages (``tokens``, ``marks``) -> token features -> the CRF
tagger's source / cue / content spans per paragraph -> quotes: a content run, the cue nearest it
and the source nearest that cue -> the speaker's name (``speakers``). Quoted passages with a
reporting verb beside them that the tagger missed are added by rule, so every quotation-mark
style works in every language.

An interrupted direct quote ("…," he said, "…") is one quote whose content runs from the first
fragment's start to the last fragment's end (the contract has one range per quote, and this is
how both dev sets count a content in fragments); its cue and speaker are those of the
interruption. Reported speech is never joined that way. A quote over several paragraphs is one
quote, and so is a direct quote that goes on in the sentence after its attribution ("“…,” she
said. “…”"; PolNeAR dev attribution F1 0.589 -> 0.614, German unchanged).

``speaker_span`` is the mention the cue attaches to: for "he said" the pronoun itself, as both
dev sets annotate the source; ``speaker`` is the name that mention resolves to ("Xi Jinping").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.quotes.cues import (
    ACCORDING,
    ANAPHORIC_SOURCES,
    COMPLEMENT,
    CUE,
    NOUN,
    PRONOUN,
    Lexicon,
    lexicon,
)
from newsweave.quotes.features import Analysis, analyse, stacked_features, token_features
from newsweave.quotes.grammar import SUBJUNCTIVE
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
    phrase_at,
    phrase_beside,
    run_from,
    starts_phrase,
    whole_phrase,
    without_final_stop,
)
from newsweave.quotes.rules import (
    FINITE_WERDEN,
    act_subject,
    inverted_subject,
    main_verb,
    marked_quotes,
    name_after,
    passive_act,
    reported_acts,
    sentence_patterns,
    transcript_turns,
)
from newsweave.quotes.speakers import SpeakerResolver
from newsweave.quotes.tokens import tokenize

# Tokens allowed between the two halves of an interrupted quote ("…," said the minister, "…").
_MAX_INTERRUPTION = 12
# Languages whose quotes keep a quoted fragment inside reported speech as part of that speech
# only (PolNeAR, English: every token belongs to one attribution); elsewhere the fragment is
# also a direct quote of its own, as german_news_quotes annotates it.
_ONE_SPAN_LANGUAGES = frozenset({"en"})
# A content without a cue of its own continues the previous quote's speech this many sentences on.
_CONTINUATION_SENTENCES = 2
# Of several tagged sources in a sentence, the one that opens it (its subject, most of the time)
# counts as this many tokens nearer the cue: "Die Polizisten forderten die Schüler auf, …"
# (German dev attribution F1 0.506 -> 0.515, train 0.581 -> 0.584; PolNeAR dev 0.618 both ways,
# train 0.698 -> 0.697).
_SUBJECT_BONUS = 6
# ... and a tagged source after a preposition counts as this many tokens farther: "Nach der
# Sitzung sagte Ministerin Weber: …" is Weber's (German train attribution F1 0.634 -> 0.635,
# dev 0.594 both ways; PolNeAR unchanged). Leaving such a source out did worse (train 0.629):
# the speaker after "in", "aus" ("in einem Bericht …", "aus Regierungskreisen") is no adjunct.
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
    tokens = tokenize(text)
    if not tokens.words:
        return []
    lex = lexicon(language)
    analysis = analyse(tokens, lex, pair_marks(tokens))
    spans = _tag(analysis, language)
    per_sentence = language not in _ONE_SPAN_LANGUAGES
    drafts = _drafts(analysis, spans, per_sentence, lex)
    labelled = transcript_turns(analysis)
    if labelled:
        taken = [(d.first, d.last) for d in labelled]
        drafts = [d for d in drafts if not any(a <= d.last and d.first <= b for a, b in taken)] + labelled
    drafts.extend(marked_quotes(analysis, drafts))
    drafts.extend(sentence_patterns(analysis, drafts, lex))
    drafts.extend(reported_acts(analysis, drafts, lex))
    if per_sentence:
        for draft in drafts:
            _according_clause(analysis, draft, lex.according_after_comma)
            _reported_act_sentence(analysis, draft)
        drafts = _distinct(drafts)
        drafts.extend(_fragments(analysis, drafts))
        for draft in drafts:  # after the fragments: a quoted passage in the clause stays a quote
            _without_reporting_clause(analysis, draft)
            _without_narration_after(analysis, draft)
    drafts = [d for d in _without_speakers_as_content(drafts) if _says_something(analysis, d)]
    drafts.sort(key=lambda d: d.first)
    drafts = _continued(analysis, drafts, per_sentence)
    _anaphoric_sources(analysis, drafts)
    if analysis.tags is not None:
        for draft in drafts:
            _subject_after_adjunct(analysis, draft)
            _quoted_person(analysis, draft)
            _impersonal_source(analysis, draft)
    _carry_speakers(analysis, drafts)
    if per_sentence:
        drafts = _free_indirect_runs(analysis, drafts)
    resolver = SpeakerResolver(analysis, lex)
    return [_quote(analysis, draft, resolver) for draft in drafts]


def _subject_after_adjunct(analysis: Analysis, draft: Draft) -> None:
    """A sentence that opens with a prepositional adjunct puts its subject after the finite
    verb ("Nach dem Treffen sagte der Minister: …", "In seiner Rede warnte sie …"): that
    subject is the speaker when the verb is the cue, not a phrase of the adjunct."""
    cue, tokens = draft.cue, analysis.tokens
    if cue is None:
        return
    start, end = tokens.sentences[tokens.sentence_of[cue.first]]
    if not analysis.tags[start].startswith("APPR"):
        return
    verb = main_verb(analysis, start, end)
    if verb is None or not (cue.first <= verb <= cue.last or CUE in analysis.classes[verb]) or \
            draft.first <= verb <= draft.last:
        return
    subject = inverted_subject(analysis, verb, start, end) or _name_after(analysis, verb, end)
    source = draft.source
    if subject is not None and not (source is not None and subject.first <= source.last and
                                    source.first <= subject.last):
        draft.source = subject


def _quoted_person(analysis: Analysis, draft: Draft) -> None:
    """Who an active "zitieren" quotes is its object, not its subject ("Die Zeitung zitiert
    einen Zeugen mit den Worten: …", "…, zitiert ihn das Blatt"): the one who said it."""
    tokens, lower = analysis.tokens, analysis.lower
    anchor = draft.cue.first if draft.cue is not None else draft.first
    start, end = tokens.sentences[tokens.sentence_of[anchor]]
    verb = next((i for i in range(start, end) if lower[i] in _QUOTES_VERBS and analysis.passage[i] < 0
                 and not draft.first <= i <= draft.last), None)
    if verb is None or any(lower[i] in _PASSIVE_WERDEN for i in range(start, end)):
        return
    blocked = range(draft.first, draft.last + 1)
    index = verb + 1
    for _ in range(2):  # the subject may come first: "…, zitiert die Zeitung den Minister"
        if index >= end or index in blocked or not starts_phrase(analysis, index) and \
                not oblique_article(analysis, index):
            return
        phrase = phrase_at(analysis, index, end, blocked)
        subject = lower[index] in _SUBJECT_ONLY or _followed_by_object(analysis, phrase, end)
        if not subject:
            draft.source = phrase
            return
        index = phrase.last + 1


def _followed_by_object(analysis: Analysis, phrase: Span, end: int) -> bool:
    """An accusative phrase after ``phrase``: ``phrase`` is the subject."""
    after = phrase.last + 1
    return after < end and (oblique_article(analysis, after) or analysis.lower[after] in _ACCUSATIVE)


# Finite active forms of "zitieren" (the passive "wird … zitiert" names the quoted as subject).
_QUOTES_VERBS = frozenset({"zitiert", "zitierte", "zitierten", "zitieren"})
_PASSIVE_WERDEN = FINITE_WERDEN | {"worden"}
# Words that open a subject only.
_SUBJECT_ONLY = frozenset({"der", "ein", "er", "ich", "wir"})
_ACCUSATIVE = frozenset({"ihn", "sie", "mich", "uns"})


def _impersonal_source(analysis: Analysis, draft: Draft) -> None:
    """"heißt es" names no speaker but where it was said: the prepositional phrase beside it
    ("Aus Paris hieß es, …", "In dem Bericht heißt es: …", "…, heißt es in der Mitteilung")
    is the source; the one that opens the sentence first ("Auf der Webseite heißt es zur
    Begründung: …")."""
    cue, tokens, lower, tags = draft.cue, analysis.tokens, analysis.lower, analysis.tags
    if cue is None:
        return
    verb = next((i for i in range(cue.first, cue.last + 1) if lower[i] in _HEISSEN), None)
    if verb is None or verb + 1 >= len(lower) or lower[verb + 1] != "es":
        return
    start, end = tokens.sentences[tokens.sentence_of[verb]]
    blocked = range(draft.first, draft.last + 1)
    if tags[start].startswith("APPR") and not draft.first <= start <= draft.last:
        place = run_from(analysis, start, verb, 1, blocked)
    elif verb + 2 < end and tags[verb + 2].startswith("APPR"):
        place = run_from(analysis, verb + 2, end, 1, blocked)
    else:
        return
    if place is not None:
        draft.source = place


_HEISSEN = frozenset({"heißt", "hieß", "hiess", "heisst"})


def _name_after(analysis: Analysis, verb: int, end: int) -> Span | None:
    """A pronoun or a name right after the verb (``rules.name_after``), outside quotation marks."""
    after = verb + 1
    return name_after(analysis, verb, end) if after < end and analysis.passage[after] < 0 else None


def _carry_speakers(analysis: Analysis, drafts: list[Draft]) -> None:
    """A quote still without a speaker is the previous quote's speaker's, within
    ``_CONTINUATION_SENTENCES``: speech goes on in a report more often than it changes hands
    unannounced (German dev attribution F1 0.593 -> 0.594, train 0.631 -> 0.634; PolNeAR
    unchanged)."""
    sentence_of = analysis.tokens.sentence_of
    previous: Draft | None = None
    for draft in drafts:
        if draft.source is None and previous is not None and \
                sentence_of[draft.first] - sentence_of[previous.last] <= _CONTINUATION_SENTENCES:
            draft.source = previous.source
        if draft.source is not None:
            previous = draft


def _free_indirect_runs(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """Reported speech that goes on sentence after sentence with no reporting word of its own
    ("Er kritisierte den Plan. Die Kosten seien zu hoch. Außerdem fehle Personal.") is one
    quote from its first such sentence to its last, as german_news_quotes annotates free
    indirect speech; the sentence with the cue stays a quote of its own. The run is its first
    sentence's speaker's, even where a later sentence found another: a phrase that opens that
    sentence is its subject more often than a new speaker (German dev attribution F1 0.633 ->
    0.636, train 0.657 -> 0.660)."""
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


def _anaphoric_sources(analysis: Analysis, drafts: list[Draft]) -> None:
    """A content whose sentence holds an adverb that stands for a source named before ("Demnach
    soll …") is that adverb's: it is the source mention, and the cue when there is no other, as
    german_news_quotes annotates it (German dev attribution F1 0.586 -> 0.591, train 0.628 ->
    0.631; "wonach", "danach" did worse)."""
    tokens, lower = analysis.tokens, analysis.lower
    for draft in drafts:
        low = tokens.sentences[tokens.sentence_of[draft.first]][0]
        high = tokens.sentences[tokens.sentence_of[draft.last]][1]
        found = next((i for i in range(low, high)
                      if lower[i] in ANAPHORIC_SOURCES and analysis.passage[i] < 0), None)
        if found is not None:
            draft.source = Span("S", found, found)
            draft.cue = draft.cue or Span("C", found, found)


def _distinct(drafts: list[Draft]) -> list[Draft]:
    """One draft per content range (two runs of one clause may have grown into the same), the
    one with a source first."""
    kept: dict[tuple[int, int], Draft] = {}
    for draft in sorted(drafts, key=lambda d: d.source is None):
        kept.setdefault((draft.first, draft.last), draft)
    return list(kept.values())


def _continued(analysis: Analysis, drafts: list[Draft], per_sentence: bool) -> list[Draft]:
    """A direct quote that goes on after its attribution ("“…,” she said. “…”") is one quote:
    the next quoted passage joins it when it has the same cue and speaker and nothing but that
    cue, that speaker and punctuation stands between them. ``per_sentence``: only a direct
    quote is continued so, not reported speech (German dev quote F1 0.689 -> 0.691; PolNeAR,
    which counts "X said that … . “…”" as one attribution, 0.621 -> 0.619 if it were done there)."""
    passage = analysis.passage
    kept: list[Draft] = []
    for draft in drafts:
        before = kept[-1] if kept else None
        if before is not None and before.cue is not None and draft.cue == before.cue and \
                draft.source == before.source and passage[draft.first] >= 0 and \
                (passage[before.first] >= 0 or not per_sentence) and \
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
    sources = [d.source for d in drafts if d.source is not None]
    return [d for d in drafts if not (d.last - d.first < PHRASE_TOKENS and not _holds_own_source(d) and any(
        s.first <= d.last and d.first <= s.last and s is not d.source for s in sources))]


def _holds_own_source(draft: Draft) -> bool:
    source = draft.source
    return source is not None and draft.first <= source.first and source.last <= draft.last


def _says_something(analysis: Analysis, draft: Draft) -> bool:
    """False for reported speech of one word ("Dies", "it"): a tagging slip, not a statement;
    and for a quoted name of several words ("„Black Lion Hospital“", "„Hvalur 9“"): a name, not
    speech (German dev attribution F1 0.578 -> 0.583, train 0.625 -> 0.629; PolNeAR 0.621
    both ways). A quoted word ("„Gesindel“") is a quote when a cue goes with it, else a scare
    quote or a name ("die „Spreizung“ der Preise"; German dev 0.591 -> 0.593, train 0.631 both
    ways, precision up; PolNeAR unchanged)."""
    words, passage = analysis.tokens.words, analysis.passage
    inside = [i for i in range(draft.first, draft.last + 1) if words[i][0].isalnum()]
    if len(inside) > 1 and all(passage[i] >= 0 and (words[i][0].isupper() or words[i][0].isdigit())
                               for i in inside):
        return False
    if _quoted_name(analysis, inside):
        return False
    return len(inside) > 1 or (draft.cue is not None and any(passage[i] >= 0 for i in inside))


def _quoted_name(analysis: Analysis, inside: list[int]) -> bool:
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


def _tag(analysis: Analysis, language: str) -> list[Span]:
    """Tagged spans of the whole text, paragraph by paragraph, in two passes."""
    taggers = tagger_for(language)
    features = token_features(analysis, taggers.lexical)
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
    return spans


def _drafts(analysis: Analysis, spans: list[Span], per_sentence: bool, lex: Lexicon) -> list[Draft]:
    """Content runs joined over interruptions and paragraph breaks, with a cue and a source.
    ``per_sentence``: German-style annotation, reported speech is one quote per sentence, an
    inserted source ("nach Angaben des Roten Kreuzes") inside it (German dev attribution F1
    0.480 -> 0.505; PolNeAR, which annotates the inner attribution apart, 0.615 -> 0.603 with
    the join)."""
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
    _attach(analysis, drafts, others, lex)
    return drafts


def _split_at_marks(analysis: Analysis, first: int, last: int, per_sentence: bool) -> list[Draft]:
    """A content cut where a sentence boundary is also a quotation's edge: a direct quote and the
    reported speech that follows it are two quotes. ``per_sentence``: reported speech is also cut
    at every sentence boundary outside quotation marks, one quote per sentence (German dev
    attribution F1 0.480 -> 0.490); PolNeAR (English) keeps a multi-sentence attribution whole."""
    tokens, passage = analysis.tokens, analysis.passage
    parts = []
    begin = first
    for number in range(tokens.sentence_of[first] + 1, tokens.sentence_of[last] + 1):
        boundary = tokens.sentences[number][0]
        if boundary <= begin or boundary > last:
            continue
        inside = passage[boundary] >= 0 and passage[boundary - 1] == passage[boundary]
        if (passage[boundary - 1] >= 0) != (passage[boundary] >= 0) or (per_sentence and not inside):
            parts.append(Draft(begin, boundary - 1))
            begin = boundary
    parts.append(Draft(begin, last))
    return parts


def _fragments(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """The quoted passages inside reported speech, as direct quotes of the same speaker."""
    found = []
    for draft in drafts:
        for quote in analysis.quotes:
            if draft.first <= quote.open and (quote.close or quote.last) <= draft.last and (
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
    phrase that opens the content's sentence, its subject most of the time (German dev
    attribution F1 0.448 -> 0.454, train 0.528 -> 0.541; PolNeAR unchanged), else, for a
    content with no cue at all, the phrase that opens the sentence before.
    """
    used: set[int] = set()
    previous: Draft | None = None
    sentence_of = analysis.tokens.sentence_of
    for draft in drafts:
        inner = [s for s in others if s.kind == "C" and draft.first < s.first and s.last < draft.last]
        cue = _pick_cue(analysis, draft, inner or others, used, 0) or _listed_cue(analysis, draft)
        if cue is None and (_reported_act(analysis, draft) or _passive_act(analysis, draft, lex)):
            previous = draft
            continue
        if cue is None:
            # A source of the content's own sentence (tagged, or its opening phrase) beats the
            # previous quote's speaker and a cue of a neighbouring sentence (German dev
            # attribution F1 0.515 -> 0.536, train 0.584 -> 0.615; PolNeAR dev 0.618 -> 0.620).
            own = _pick_source(analysis, draft, others) or _subject(analysis, draft)
            if own is not None:
                draft.source, previous = own, draft
                continue
            if previous is not None and previous.source is not None and \
                    sentence_of[draft.first] - sentence_of[previous.last] <= _CONTINUATION_SENTENCES:
                draft.cue, draft.source = previous.cue, previous.source
                continue
        draft.cue = whole_phrase(analysis, cue or _pick_cue(analysis, draft, others, used, 1))
        draft.source = _according_source(analysis, draft.cue, others) or _pick_source(analysis, draft, others)
        if draft.source is None and draft.cue is not None:
            draft.source = _pronoun_in_cue(analysis, draft.cue) or phrase_beside(analysis, draft.cue, draft)
        if draft.source is None:
            draft.source = _subject(analysis, draft)
        if draft.source is None and draft.cue is None:
            draft.source = _previous_subject(analysis, draft)
        previous = draft


def _reported_act(analysis: Analysis, draft: Draft) -> bool:
    """Give a content that is a whole sentence reporting a speech act ("Als Grund gab die
    Behörde die mangelnde Sicherheit an.") its verb as cue and that verb's subject as source:
    the sentence's first finite verb, a listed reporting verb inside the content. Only where
    tags tell the finite verb."""
    tokens, tags = analysis.tokens, analysis.tags
    start, end = tokens.sentences[tokens.sentence_of[draft.first]]
    if tags is None or draft.first != start:
        return False
    verb = main_verb(analysis, start, end)
    if verb is None or verb > draft.last or verb not in analysis.cues:
        return False
    source = act_subject(analysis, verb, start, end) or inverted_subject(analysis, verb, start, end)
    if source is None:
        return False
    draft.cue, draft.source = Span("C", verb, verb), source
    return True


def _passive_act(analysis: Analysis, draft: Draft, lex: Lexicon) -> bool:
    """Give a content that is a whole sentence reporting a speech act in the passive ("Von der
    Opposition wurde der Plan kritisiert.") its participle as cue and its agent as source."""
    number = analysis.tokens.sentence_of[draft.first]
    if draft.first != analysis.tokens.sentences[number][0]:
        return False
    act = passive_act(analysis, lex, number)
    if act is None or not draft.first <= act[0] <= draft.last:
        return False
    draft.cue, draft.source = Span("C", act[0], act[0]), act[1]
    return True


def _joins(analysis: Analysis, left: Span, right: Span, others: list[Span]) -> bool:
    """True when two content runs are one quote: the same quoted passage (also over a paragraph
    break), or an interrupted direct quote ("…," he said, "…"): both runs in quotation marks
    and nothing between them but one cue, at most one source and punctuation.

    Joining only quoted runs scored best on the dev sets (PolNeAR attribution F1 0.588, against
    0.576 never joining and 0.494 joining reported speech as well; German unchanged).
    """
    passage = analysis.passage
    if passage[left.last] >= 0 and passage[left.last] == passage[right.first]:
        return True
    if passage[left.last] < 0 or passage[right.first] < 0:
        return False
    if right.first - left.last - 1 > _MAX_INTERRUPTION:
        return False
    inside = [s for s in others if left.last < s.first and s.last < right.first]
    kinds = [s.kind for s in inside]
    if kinds.count("C") != 1 or kinds.count("S") > 1:
        return False
    return _only_between(analysis, left.last, right.first, inside)


def _around_source(analysis: Analysis, left: Span, right: Span, others: list[Span]) -> bool:
    """True when reported speech goes on, in the same sentence, after an inserted source ("…
    sind nach Angaben des Roten Kreuzes 800 Menschen …"): nothing but tagged cues and sources
    and punctuation stand between the two runs."""
    sentence_of = analysis.tokens.sentence_of
    if sentence_of[left.last] != sentence_of[right.first] or analysis.passage[right.first] >= 0:
        return False
    inside = [s for s in others if left.last < s.first and s.last < right.first]
    return any(s.kind == "S" for s in inside) and _only_between(analysis, left.last, right.first, inside)


def _is_postposed(analysis: Analysis, cue: Span, postposed: frozenset[str]) -> bool:
    """A cue of a source named after the speech and a comma ("…, so der Sprecher")."""
    return cue.first > 0 and analysis.tokens.words[cue.first - 1] == "," and \
        analysis.lower[cue.first] in postposed and ACCORDING in analysis.classes[cue.first]


def _according_clause(analysis: Analysis, draft: Draft, postposed: frozenset[str]) -> None:
    """Reported speech with an inline source ("In den Pyrenäen kam es Berichten zufolge zu
    Felsstürzen", "Heute wurden nach Armeeangaben 40 Ziele angegriffen") is the whole clause
    around that source, as german_news_quotes annotates it; a source that opens or closes the
    clause ("Laut Polizei …", "…, so der Sprecher.") is left out of it. Left alone where a
    reporting verb of the sentence says where the speech is ("X bestätigte laut Reuters, dass
    …"). German dev attribution F1 0.536 -> 0.540 alone. A postposed source ("…, dass … sei, so
    Müller") closes the whole statement, its "dass" clause included (German dev 0.582 -> 0.586,
    train 0.628 both ways)."""
    cue, words, passage = draft.cue, analysis.tokens.words, analysis.passage
    if cue is None or passage[draft.first] >= 0 or not is_according(analysis, cue):
        return
    tokens = analysis.tokens
    number = tokens.sentence_of[cue.first]
    if not tokens.sentence_of[draft.first] == number == tokens.sentence_of[draft.last]:
        return
    start, end = tokens.sentences[number]
    inline = [cue] + ([draft.source] if draft.source is not None else [])
    if any(_reporting_verb(analysis, i) and not any(s.first <= i <= s.last for s in inline)
           for i in range(start, end)):
        return
    end = without_final_stop(analysis, start, end)
    # A source after the speech ("…, dass … sei, so Müller") follows the whole statement: a
    # subordinate clause before it is part of that statement, not the clause the source stands in.
    after_speech = _is_postposed(analysis, cue, postposed)
    opens = _ends_clause if after_speech else _opens_clause
    left = max((i + 1 for i in range(start, cue.first) if opens(analysis, i)), default=start)
    right = min((i - 1 for i in range(cue.last + 1, end) if _ends_clause(analysis, i)), default=end - 1)
    if left > start and analysis.tokens.words[left - 1] == ",":
        right = _verb_final_end(analysis, cue.last + 1, right)
    phrase_first, phrase_last = min(s.first for s in inline), max(s.last for s in inline)
    first, last = left, right
    if _only_marks(words, left, phrase_first):  # "Laut Polizei wurden …"
        first = draft.first if draft.first > phrase_last else phrase_last + 1
    elif _only_marks(words, phrase_last + 1, right + 1) or (  # "…, so der Sprecher."
            after_speech and _clause_after(analysis, cue.last + 1, right + 1)):
        last = draft.last if draft.last < phrase_first else phrase_first - 1
    while last > first and not words[last][0].isalnum() and passage[last] < 0:
        last -= 1
    while first < last and not words[first][0].isalnum() and passage[first] < 0:
        first += 1
    if first <= last:
        draft.first, draft.last = first, last


def _reported_act_sentence(analysis: Analysis, draft: Draft) -> None:
    """A speech act reported by its object, not by words ("Der Minister nannte den Plan einen
    Kompromiss.", "Am Montag kündigte die Firma Entlassungen an."), is the whole sentence, its
    speaker and verb included, as german_news_quotes annotates it: the content follows its
    verb with nothing between them but the speaker, and runs to the sentence's end. Only where
    tags tell the verb."""
    cue, tokens = draft.cue, analysis.tokens
    if cue is None or analysis.passage[draft.first] >= 0 or is_according(analysis, cue):
        return
    number = tokens.sentence_of[draft.first]
    start, end = tokens.sentences[number]
    if not start < cue.last < draft.first or tokens.sentence_of[cue.first] != number or \
            draft.last < without_final_stop(analysis, start, end) - 1:
        return
    source = draft.source
    between = [i for i in range(cue.last + 1, draft.first)
               if source is None or not source.first <= i <= source.last]
    if between or not _has_verb(analysis, cue) or COMPLEMENT in analysis.classes[draft.first]:
        return
    if analysis.tags[start].startswith("PDS"):  # "Das berichtete …": speech given before
        return
    inside = range(draft.first, draft.last + 1)
    # A clause after the object ("…, dass …", "… zu erhöhen") is speech reported in words.
    if any(tokens.words[i] == "," or analysis.tags[i] == "PTKZU" for i in inside):
        return
    draft.first = _main_clause_start(analysis, start, cue.first)


def _without_reporting_clause(analysis: Analysis, draft: Draft) -> None:
    """Reported speech that took in its reporting clause ("Der Minister kündigte an, die Steuern
    zu senken", "Von der Polizei wird vermutet, dass …") is the clause after the comma that
    follows the reporting verb, when that clause is speech: opened by a complementiser, or
    holding a zu-infinitive or a verb in the subjunctive."""
    cue, tags, words = draft.cue, analysis.tags, analysis.tokens.words
    if tags is None or cue is None or analysis.passage[draft.first] >= 0 or is_according(analysis, cue):
        return
    if not (draft.first <= cue.first and cue.last < draft.last) or not _has_verb(analysis, cue):
        return
    comma = next((i for i in range(cue.last + 1, draft.last) if words[i] == ","), None)
    # Not a comma inside quotation marks, nor an inserted clause before the verb's particle
    # ("lehnte die Forderung, … zu prüfen, ab"), nor a purpose clause ("…, um … zu …").
    last_word = without_final_stop(analysis, draft.first, draft.last + 1) - 1
    if comma is None or analysis.passage[comma] >= 0 or tags[last_word] == "PTKVZ" or \
            tags[comma + 1] == "KOUI" or analysis.lower[comma + 1] in _PURPOSE:
        return
    clause = range(comma + 1, next((i for i in range(comma + 1, draft.last + 1) if words[i] == ","),
                                   draft.last + 1))
    if COMPLEMENT in analysis.classes[comma + 1] or any(
            tags[i] == "PTKZU" or tags[i].endswith(SUBJUNCTIVE) for i in clause):
        draft.first = comma + 1


def _without_narration_after(analysis: Analysis, draft: Draft) -> None:
    """Reported speech ends where the narrator's sentence goes on: at a comma followed by a
    finite verb in the indicative ("Er sagte, er sei unschuldig, weigerte sich aber …", "…, dass
    das Haus eingestürzt sei, hatte sich später herausgestellt"), after speech marked as such (a
    subjunctive or a complementiser). A subjunctive verb after the comma goes on with the speech
    ("…, er sei unschuldig, habe aber Fehler gemacht")."""
    tags, words, passage = analysis.tags, analysis.tokens.words, analysis.passage
    if tags is None or passage[draft.first] >= 0:
        return
    # Only after an "according to" source, whose clause is the speech ("Dass …, soll einer
    # Rednerin zufolge …"); a reporting verb after the comma is no speech ("…, sagte sie").
    inline = [draft.cue, draft.source] if draft.cue is not None and is_according(analysis, draft.cue) else []
    begin = max([s.last + 1 for s in inline if s is not None and draft.first <= s.first <= draft.last]
                + [draft.first + 1])
    marked = COMPLEMENT in analysis.classes[draft.first] or any(
        _subjunctive(analysis, i) for i in range(draft.first, begin))
    for i in range(begin, draft.last):
        marked = marked or _subjunctive(analysis, i)
        if marked and words[i] == "," and passage[i] < 0 and "FIN" in tags[i + 1] and \
                not _subjunctive(analysis, i + 1):
            draft.last = i - 1
            return


def _subjunctive(analysis: Analysis, index: int) -> bool:
    """A verb in the subjunctive I (tagged) or in an unambiguous form of the subjunctive II."""
    return analysis.tags[index].endswith(SUBJUNCTIVE) or \
        _SUBJUNCTIVE_II.fullmatch(analysis.lower[index]) is not None


# Forms of the subjunctive II that are no past indicative ("hätte", "würden", "bestünde").
_SUBJUNCTIVE_II = re.compile(r"(hätt|wär|würd|könnt|müsst|dürft|gäb|käm|stünd|bestünd|ging)"
                             r"e(n|st|t)?")


# Conjunctions of a purpose or manner clause, whatever their tag.
_PURPOSE = frozenset({"um", "ohne", "statt", "anstatt"})


def _main_clause_start(analysis: Analysis, start: int, verb: int) -> int:
    """Where the main clause of a sentence begins: after a subordinate clause that opens it
    ("Während die Opposition schweigt, fordert …"), else at ``start``."""
    if not analysis.tags[start].startswith("KOUS"):
        return start
    return next((i + 1 for i in range(start, verb) if analysis.tokens.words[i] == ","), start)


def _has_verb(analysis: Analysis, span: Span) -> bool:
    tags = analysis.tags
    return tags is not None and any(tags[i].startswith("V") for i in range(span.first, span.last + 1))


def _clause_after(analysis: Analysis, begin: int, end: int) -> bool:
    """True when the first comma in tokens ``begin`` .. ``end - 1`` opens a relative clause on
    the source that runs to the end: "…, so Müller, der auch sagte, dass …" closes the statement
    before "so"; "…, so Müller, habe …", "…, so Müller, der dort lebt, habe …" put the source
    inside it."""
    comma = next((i for i in range(begin, end) if analysis.tokens.words[i] == ","), None)
    if comma is None or comma + 1 >= end:
        return False
    tags, words = analysis.tags, analysis.tokens.words
    relative = tags[comma + 1].startswith("PREL") or _opens_relative(analysis, comma + 1)
    # A finite verb right after a later comma goes on with the statement.
    return relative and not any(words[i] == "," and "FIN" in tags[i + 1] for i in range(comma + 2, end - 1))


def _reporting_verb(analysis: Analysis, index: int) -> bool:
    """A listed reporting word that is not a capitalised speech noun ("Berichten zufolge")."""
    classes = analysis.classes[index]
    return CUE in classes and not (NOUN in classes and analysis.tokens.words[index][0].isupper())


def _ends_clause(analysis: Analysis, index: int) -> bool:
    """A semicolon, or a colon followed by a space (not the one of "15:00")."""
    word, tokens = analysis.tokens.words[index], analysis.tokens
    if word == ":":
        return index + 1 < len(tokens) and tokens.starts[index + 1] > tokens.ends[index]
    return word == ";"


def _opens_clause(analysis: Analysis, index: int) -> bool:
    """A clause end, or a comma that opens the subordinate clause the source stands in ("…, da
    nach Angaben der Fluggesellschaft …"; only where tags tell the clause). A subordinate
    clause after the source stays in the speech ("…, bevor sie davon erfuhren")."""
    word, tags = analysis.tokens.words[index], analysis.tags
    if word == "," and tags is not None and index + 1 < len(tags):
        return tags[index + 1].startswith(_SUBORDINATE) or COMPLEMENT in analysis.classes[index + 1] \
            or analysis.lower[index + 1] in _SUBORDINATORS or _opens_relative(analysis, index + 1)
    return _ends_clause(analysis, index)


def _opens_relative(analysis: Analysis, index: int) -> bool:
    """A relative clause after a comma: "die" read as an article but followed by no noun
    phrase ("…, die nach Angaben der Polizei …", "…, der sich …"), or a preposition before a
    relative pronoun ("…, unter denen nach Angaben …", "…, mit dem er …")."""
    tags, lower = analysis.tags, analysis.lower
    if index + 1 >= len(tags):
        return False
    if tags[index].startswith("APPR"):
        return tags[index + 1].startswith("PREL") or (
            not tags[index + 1].startswith("APPR") and _opens_relative(analysis, index + 1))
    return lower[index] in _RELATIVE_PRONOUNS and tags[index + 1].startswith(_NO_NOUN_AFTER)


def _verb_final_end(analysis: Analysis, begin: int, right: int) -> int:
    """The last token of a subordinate clause that runs from before ``begin``: its finite
    verb, when a comma follows it ("…, die nach Angaben der Polizei geflohen sein sollen, wurden
    …") that opens no further subordinate clause ("…, mit dem …"); else ``right``."""
    tags, words = analysis.tags, analysis.tokens.words
    for index in range(begin, right):
        if "FIN" in tags[index] and words[index + 1] == "," and not _opens_clause(analysis, index + 1):
            return index
    return right


def _only_marks(words: list[str], begin: int, end: int) -> bool:
    return all(not words[i][0].isalnum() for i in range(begin, end))


_SUBORDINATE = ("KOUS", "PRELS", "PWAV")
_RELATIVE_PRONOUNS = frozenset({"der", "die", "das", "dem", "den", "denen", "deren", "dessen"})
# What follows a relative pronoun but never an article: an adverb, a pronoun, a preposition.
_NO_NOUN_AFTER = ("ADV", "APPR", "PPER", "PRF", "PTKNEG", "ART", "PIS", "PROAV")
# Subordinating conjunctions that the lexicon tags as something else more often ("da": ADV).
_SUBORDINATORS = frozenset({"da", "während", "damit"})


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


def _according_source(analysis: Analysis, cue: Span | None, spans: list[Span]) -> Span | None:
    """The source right beside an "according to" cue, tagged or not: after it ("laut
    Polizei"), before a postposition ("Medienberichten zufolge"); not a subject farther away
    (German dev attribution F1 0.571 -> 0.578, train 0.619 -> 0.623; PolNeAR unchanged)."""
    if cue is None or not is_according(analysis, cue):
        return None
    after = analysis.lower[cue.last] not in POSTPOSITIONS
    for span in spans:
        if span.kind == "S" and (span.first == cue.last + 1 if after else span.last == cue.first - 1):
            return span
    start, end = analysis.tokens.sentences[analysis.tokens.sentence_of[cue.first]]
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
    start = analysis.tokens.sentences[analysis.tokens.sentence_of[draft.first]][0]
    if draft.first <= start or not starts_phrase(analysis, start):
        return None
    return run_from(analysis, start, draft.first, 1, range(draft.first, draft.last + 1))


def _previous_subject(analysis: Analysis, draft: Draft) -> Span | None:
    """The phrase that opens the sentence before the content's: speech without a cue that
    follows a sentence about someone is theirs ("Greenpeace-Experte Edler sieht darin
    Parallelen. Die Ursache sei nie gefunden worden."; German dev attribution F1 0.558 ->
    0.571, train 0.610 -> 0.619)."""
    tokens = analysis.tokens
    number = tokens.sentence_of[draft.first]
    if number == 0:
        return None
    start, end = tokens.sentences[number - 1]
    if not starts_phrase(analysis, start) or not tokens.words[start][0].isupper():
        return None
    return run_from(analysis, start, end, 1, range(0))


def _listed_cue(analysis: Analysis, draft: Draft) -> Span | None:
    """A listed reporting word in the content's sentences, outside the content, nearest it."""
    tokens = analysis.tokens
    low = tokens.sentences[tokens.sentence_of[draft.first]][0]
    high = tokens.sentences[tokens.sentence_of[draft.last]][1]
    best = None
    for index in analysis.cues:
        if low <= index < high and not draft.first <= index <= draft.last:
            distance = draft.first - index if index < draft.first else index - draft.last
            if best is None or distance < best[0]:
                best = (distance, index)
    return Span("C", best[1], best[1]) if best else None


def _quote(analysis: Analysis, draft: Draft, resolver: SpeakerResolver) -> Quote:
    tokens = analysis.tokens
    content = tokens.span(draft.first, draft.last)
    cue = tokens.span(draft.cue.first, draft.cue.last) if draft.cue else None
    source = draft.source
    speaker_span = tokens.span(source.first, source.last) if source else None
    speaker = resolver.resolve(source.first, source.last) if source else None
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
