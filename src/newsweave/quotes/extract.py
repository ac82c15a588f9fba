"""Who said what: tag a text, group the tagged spans into quotes, resolve their speakers.

Steps: tokens and quotation passages (``tokens``, ``marks``) -> token features -> the CRF
tagger's source / cue / content spans per paragraph -> quotes: a content run, the cue nearest it
and the source nearest that cue -> the speaker's name (``speakers``). Quoted passages with a
reporting verb beside them that the tagger missed are added by rule, so every quotation-mark
style works in every language.

An interrupted quote ("…," he said, "…") is two quotes with the same cue and speaker (the
contract has one content range per quote, and two ranges match the dev sets better than one
range over the interruption). A quote over several paragraphs is one quote.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.quotes.cues import ACCORDING, COMPLEMENT, CUE, NOUN, PRONOUN, lexicon, word_set
from newsweave.quotes.features import Analysis, analyse, stacked_features, token_features
from newsweave.quotes.marks import MARKS, pair_marks
from newsweave.quotes.model import tagger_for
from newsweave.quotes.speakers import SpeakerResolver
from newsweave.quotes.tokens import tokenize

# How far (tokens) a rule-found passage's reporting verb may stand from its marks.
_RULE_CUE_WINDOW = 4
# Quoted passages shorter than this are names, titles or scare quotes, not quotes, for the rules.
_RULE_MIN_TOKENS = 4
# ... unless a reporting verb stands right beside it and it has three words, or is written without
# spaces (a Japanese clause is one token) and has this many characters.
_RULE_MIN_CHARS = 8
# Languages whose quotes keep a quoted fragment inside reported speech as part of that speech
# only (PolNeAR, English: every token belongs to one attribution); elsewhere the fragment is
# also a direct quote of its own, as german_news_quotes annotates it.
_ONE_SPAN_LANGUAGES = frozenset({"en"})
# A content without a cue of its own continues the previous quote's speech this many sentences on.
_CONTINUATION_SENTENCES = 2
# The most words of a transcript's speaker label ("WALLACE:", "SEN. JOHN DOE:").
_LABEL_WORDS = 3
# The longest speaker phrase taken beside a cue when the tagger marked none.
_PHRASE_TOKENS = 6
_POSTPOSITIONS = frozenset({"zufolge", "göre", "aldus"})
# Words before which a phrase is an object or an adjunct, not a speaker.
_PREPOSITIONS = word_set("""in on at to for from with by about of into over under after before during
    against between without within through among per via im am an auf aus bei mit nach von vom zu zum zur
    vor über unter gegen für durch ohne seit gegenüber dans sur avec pour par chez à en de du des
    con por para sobre entre desde hacia hasta su nel nella con per tra fra dal dalla nei sui""")
_DETERMINERS = word_set("""the a an his her their its der die das den dem des ein eine einer eines
    einem einen sein seine ihr ihre le la les un une el los las il lo gli i una uno""")


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


@dataclass(slots=True)
class _Span:
    kind: str  # "S", "C" or "Q"
    first: int
    last: int


@dataclass(slots=True)
class _Draft:
    first: int
    last: int
    cue: _Span | None = None
    source: _Span | None = None


def find_quotes_in_text(text: str, language: str = "und") -> list[Quote]:
    """Quotes of a plain text, offsets into that text (the text is not changed)."""
    tokens = tokenize(text)
    if not tokens.words:
        return []
    lex = lexicon(language)
    analysis = analyse(tokens, lex, pair_marks(tokens))
    spans = _tag(analysis, language)
    drafts = _drafts(analysis, spans)
    labelled = _transcript_turns(analysis)
    if labelled:
        taken = [(d.first, d.last) for d in labelled]
        drafts = [d for d in drafts if not any(a <= d.last and d.first <= b for a, b in taken)] + labelled
    drafts.extend(_rule_drafts(analysis, drafts))
    drafts.extend(_sentence_rules(analysis, drafts))
    if language not in _ONE_SPAN_LANGUAGES:
        drafts.extend(_fragments(analysis, drafts))
    drafts.sort(key=lambda d: d.first)
    resolver = SpeakerResolver(analysis, lex)
    return [_quote(analysis, draft, resolver) for draft in drafts]


def _tag(analysis: Analysis, language: str) -> list[_Span]:
    """Tagged spans of the whole text, paragraph by paragraph, in two passes."""
    taggers = tagger_for(language)
    features = token_features(analysis, taggers.lexical)
    spans: list[_Span] = []
    for first, last in analysis.tokens.paragraphs:
        labels = taggers.first.tag(features[first:last])
        if taggers.second is not None:
            extra = stacked_features(analysis, first, last, labels)
            labels = taggers.second.tag([a + b for a, b in zip(features[first:last], extra, strict=True)])
        for offset, label in enumerate(labels):
            index = first + offset
            if label == "O":
                continue
            kind = label[2:]
            if label[0] == "I" and spans and spans[-1].kind == kind and spans[-1].last == index - 1:
                spans[-1].last = index
            else:
                spans.append(_Span(kind, index, index))
    return spans


def _drafts(analysis: Analysis, spans: list[_Span]) -> list[_Draft]:
    """Content runs joined over interruptions and paragraph breaks, with a cue and a source."""
    contents = [span for span in spans if span.kind == "Q"]
    others = [span for span in spans if span.kind != "Q"]
    groups: list[list[_Span]] = []
    for span in contents:
        if groups and _joins(analysis, groups[-1][-1], span):
            groups[-1].append(span)
        else:
            groups.append([span])
    drafts = [part for group in groups for part in _split_at_marks(analysis, group[0].first, group[-1].last)]
    _attach(analysis, drafts, others)
    return drafts


def _split_at_marks(analysis: Analysis, first: int, last: int) -> list[_Draft]:
    """A content cut where a sentence boundary is also a quotation's edge: a direct quote and the
    reported speech that follows it are two quotes."""
    tokens, passage = analysis.tokens, analysis.passage
    parts = []
    begin = first
    for number in range(tokens.sentence_of[first] + 1, tokens.sentence_of[last] + 1):
        boundary = tokens.sentences[number][0]
        if boundary <= begin or boundary > last:
            continue
        if (passage[boundary - 1] >= 0) != (passage[boundary] >= 0):
            parts.append(_Draft(begin, boundary - 1))
            begin = boundary
    parts.append(_Draft(begin, last))
    return parts


def _fragments(analysis: Analysis, drafts: list[_Draft]) -> list[_Draft]:
    """The quoted passages inside reported speech, as direct quotes of the same speaker."""
    found = []
    for draft in drafts:
        for quote in analysis.quotes:
            if draft.first <= quote.open and (quote.close or quote.last) <= draft.last and (
                    quote.first > draft.first + 1 or quote.last < draft.last - 1):
                found.append(_Draft(quote.first, quote.last, draft.cue, draft.source))
    return found


def _attach(analysis: Analysis, drafts: list[_Draft], others: list[_Span]) -> None:
    """Give every content its cue and source.

    The cue is a tagged one in the content's sentences, else a listed reporting word there;
    without either, a content right after another quote continues that quote's speech (German
    "FreeIndirect": "Er sagte, … . Die Lage sei ernst.") and takes its cue and source; else the
    nearest tagged cue of a neighbouring sentence. The source is the tagged source nearest the
    cue, else the noun phrase beside the cue.
    """
    used: set[int] = set()
    previous: _Draft | None = None
    sentence_of = analysis.tokens.sentence_of
    for draft in drafts:
        inner = [s for s in others if s.kind == "C" and draft.first < s.first and s.last < draft.last]
        cue = _pick_cue(analysis, draft, inner or others, used, 0) or _listed_cue(analysis, draft)
        if cue is None and previous is not None and previous.source is not None and \
                sentence_of[draft.first] - sentence_of[previous.last] <= _CONTINUATION_SENTENCES:
            draft.cue, draft.source = previous.cue, previous.source
            continue
        draft.cue = _whole_phrase(analysis, cue or _pick_cue(analysis, draft, others, used, 1))
        draft.source = _pick_source(analysis, draft, others)
        if draft.source is None and draft.cue is not None:
            draft.source = _phrase_beside(analysis, draft.cue, draft)
        previous = draft


def _joins(analysis: Analysis, left: _Span, right: _Span) -> bool:
    """True when two content runs are one quote: the same quoted passage (also over a paragraph
    break). An interrupted quote stays two quotes (scored better on both dev sets than joining
    them: 0.532 vs 0.517 attribution F1 on PolNeAR, 0.336 vs 0.340 on German)."""
    passage = analysis.passage
    return passage[left.last] >= 0 and passage[left.last] == passage[right.first]


def _pick_cue(analysis: Analysis, draft: _Draft, cues: list[_Span], used: set[int],
              reach: int) -> _Span | None:
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


def _pick_source(analysis: Analysis, draft: _Draft, spans: list[_Span]) -> _Span | None:
    """The source span nearest the cue (or the content when there is no cue), same sentence."""
    sentence_of = analysis.tokens.sentence_of
    anchor = draft.cue or _Span("Q", draft.first, draft.last)
    sentence = sentence_of[anchor.first]
    best, best_cost = None, None
    for span in spans:
        if span.kind != "S" or sentence_of[span.first] != sentence:
            continue
        if draft.first <= span.first and span.last <= draft.last and draft.cue is None:
            continue
        distance = anchor.first - span.last if span.last < anchor.first else span.first - anchor.last
        if best_cost is None or abs(distance) < best_cost:
            best, best_cost = span, abs(distance)
    return best


def _transcript_turns(analysis: Analysis) -> list[_Draft]:
    """Turns of a transcript: a paragraph that opens with a speaker label in capitals and a colon
    ("WALLACE: …", "Q: …") is what that speaker said."""
    tokens, words = analysis.tokens, analysis.tokens.words
    found = []
    for first, last in tokens.paragraphs:
        begin = first + 1 if words[first] in MARKS else first
        colon = next((i for i in range(begin, min(last, begin + _LABEL_WORDS + 1)) if words[i] == ":"), None)
        if colon is None or colon == begin or colon + 1 >= last:
            continue
        label = words[begin:colon]
        if not all(w.isupper() and (len(w) > 1 or len(label) == 1) for w in label):
            continue
        end = last - 1 if words[last - 1] in MARKS else last
        found.append(_Draft(colon + 1, max(colon + 1, end - 1), _Span("C", colon, colon),
                            _Span("S", begin, colon - 1)))
    return found


def _listed_cue(analysis: Analysis, draft: _Draft) -> _Span | None:
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
    return _Span("C", best[1], best[1]) if best else None


def _whole_phrase(analysis: Analysis, cue: _Span | None) -> _Span | None:
    """The cue with the rest of a listed phrase after it ("u shpreh", "vuri në dukje")."""
    if cue is None:
        return None
    last = cue.last
    kind = ACCORDING if ACCORDING in analysis.classes[last] else CUE
    while last + 1 < len(analysis.classes) and kind in analysis.classes[last + 1] and \
            analysis.passage[last + 1] < 0 and analysis.shapes[last + 1] not in ("X", "XX"):
        last += 1
    return _Span("C", cue.first, last) if last != cue.last else cue


def _phrase_beside(analysis: Analysis, cue: _Span, draft: _Draft) -> _Span | None:
    """The noun phrase that speaks through ``cue``, when the tagger marked none.

    Candidates are the phrases of the cue's sentence outside the content that do not follow a
    preposition or an article; a pronoun, a person's name and the sentence's first phrase
    score up, distance from the cue scores down ("Rice hatte in Kiew erklärt, …" -> Rice, not
    "in Kiew"; ", sagte der Minister" -> der Minister). Postpositions ("Berichten zufolge")
    take the phrase right before them.
    """
    tokens = analysis.tokens
    start, end = tokens.sentences[tokens.sentence_of[cue.first]]
    blocked = range(draft.first, draft.last + 1)
    if analysis.lower[cue.last] in _POSTPOSITIONS:
        return _run(analysis, cue.first - 1, start - 1, -1, blocked)
    best, best_score = None, None
    for first in range(start, end):
        if first in blocked or cue.first <= first <= cue.last or not _opens_phrase(analysis, first, start):
            continue
        span = _phrase_at(analysis, first, end, blocked)
        if span is None or span.last >= cue.first > span.first:
            continue
        score = _phrase_score(analysis, span, cue, start)
        if best_score is None or score > best_score:
            best, best_score = span, score
    return best


def _opens_phrase(analysis: Analysis, index: int, start: int) -> bool:
    word, lower = analysis.tokens.words[index], analysis.lower[index]
    if not word[0].isalnum() or analysis.passage[index] >= 0:
        return False
    classes = analysis.classes[index]
    if classes and (CUE in classes or COMPLEMENT in classes or ACCORDING in classes):
        return False
    if index > start:
        before = analysis.lower[index - 1]
        if before in _PREPOSITIONS or before in _DETERMINERS or (
                analysis.tokens.words[index - 1][0].isupper() and word[0].isupper()):
            return False
    return PRONOUN in classes or lower in _DETERMINERS or word[0].isupper() or _caseless(word)


def _phrase_at(analysis: Analysis, first: int, end: int, blocked: range) -> _Span | None:
    """The phrase from ``first``: a pronoun alone; an article with the words up to its noun (a
    capitalised word, or the last before a verb-like stop); a run of capitalised words."""
    words, classes = analysis.tokens.words, analysis.classes
    if PRONOUN in classes[first]:
        return _Span("S", first, first)
    last = first
    if analysis.lower[first] in _DETERMINERS:
        while last + 1 < end and last + 1 not in blocked and words[last + 1][0].isalnum() and \
                last - first < _PHRASE_TOKENS and not (classes[last + 1] and CUE in classes[last + 1]):
            last += 1
            if words[last][0].isupper():
                break
    while last + 1 < end and last + 1 not in blocked and words[last + 1][0].isupper() and \
            not (classes[last + 1] and CUE in classes[last + 1]) and last - first < _PHRASE_TOKENS:
        last += 1
    return _Span("S", first, last)


def _phrase_score(analysis: Analysis, span: _Span, cue: _Span, start: int) -> float:
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


def _run(analysis: Analysis, index: int, stop: int, step: int, blocked: range) -> _Span | None:
    """Up to ``_PHRASE_TOKENS`` words from ``index`` towards ``stop``, up to a punctuation mark,
    a cue, a complementiser or the content."""
    words, classes = analysis.tokens.words, analysis.classes
    taken = []
    while index != stop and len(taken) < _PHRASE_TOKENS:
        if index in blocked or not words[index][0].isalnum() or analysis.passage[index] >= 0:
            break
        if classes[index] and (CUE in classes[index] or COMPLEMENT in classes[index]):
            break
        taken.append(index)
        index += step
    if not taken:
        return None
    return _Span("S", min(taken), max(taken))


def _starts_phrase(analysis: Analysis, index: int) -> bool:
    word = analysis.tokens.words[index]
    return PRONOUN in analysis.classes[index] or analysis.lower[index] in _DETERMINERS or word[0].isupper()


def _rule_drafts(analysis: Analysis, drafts: list[_Draft]) -> list[_Draft]:
    """Quoted passages next to a reporting verb that no tagged content covers."""
    covered = [(d.first, d.last) for d in drafts]
    found = []
    tokens = analysis.tokens
    for quote in analysis.quotes:
        if any(first <= quote.last and quote.first <= last for first, last in covered):
            continue
        cue = _rule_cue(analysis, quote.open, quote.close)
        if cue is None:
            continue
        size = quote.last - quote.first + 1
        chars = tokens.ends[quote.last] - tokens.starts[quote.first]
        adjacent = cue - (quote.close or quote.last) <= 2 or quote.open - cue <= 2
        caseless = _caseless(tokens.words[quote.first]) and chars >= _RULE_MIN_CHARS
        if size < _RULE_MIN_TOKENS and not (adjacent and (size >= 3 or caseless)):
            continue
        draft = _Draft(quote.first, quote.last, _Span("C", cue, cue))
        draft.source = _rule_source(analysis, cue, quote.open, quote.close)
        found.append(draft)
    return found


def _sentence_rules(analysis: Analysis, drafts: list[_Draft]) -> list[_Draft]:
    """Reported speech by pattern, in sentences where nothing was found: "X said that …",
    "X said: …", "according to X, …", "X'e göre …", "…, X said." and "X, … söyledi." (the
    tagger learned English and German; these patterns carry the other languages)."""
    tokens = analysis.tokens
    busy = {tokens.sentence_of[i] for d in drafts for i in (d.first, d.last)}
    found = []
    for cue in analysis.cues:
        number = tokens.sentence_of[cue]
        if number in busy:
            continue
        draft = _pattern(analysis, cue, *tokens.sentences[number])
        if draft is not None:
            busy.add(number)
            found.append(draft)
    return found


def _pattern(analysis: Analysis, cue: int, start: int, end: int) -> _Draft | None:
    """The quote that one listed cue opens in its sentence, if a pattern fits."""
    words, classes = analysis.tokens.words, analysis.classes
    while end > start and not words[end - 1][0].isalnum() and analysis.passage[end - 1] < 0:
        end -= 1  # the final stop
    cue_span = _whole_phrase(analysis, _Span("C", cue, cue))
    after = cue_span.last + 1
    if ACCORDING in classes[cue]:
        return _according(analysis, cue_span, start, end)
    if after < end and (COMPLEMENT in classes[after] or words[after] == ":" or (
            words[after] == "," and after + 1 < end and COMPLEMENT in classes[after + 1])):
        begin = after + 1 if words[after] in (":", ",") else after
        if words[after] == "," and words[begin] != ",":
            begin = after + 1
        draft = _Draft(begin, end - 1, cue_span)
        draft.source = _run(analysis, cue - 1, start - 1, -1, range(0))
        return draft if draft.first <= draft.last else None
    if after == end:
        return _verb_last(analysis, cue_span, start)
    return None


def _according(analysis: Analysis, cue: _Span, start: int, end: int) -> _Draft | None:
    """ "according to X, content" / "content, according to X" / "X'e göre content"."""
    words = analysis.tokens.words
    if analysis.lower[cue.last] in _POSTPOSITIONS:
        source = _run(analysis, cue.first - 1, start - 1, -1, range(0))
        draft = _Draft(cue.last + 1, end - 1, cue, source)
        return draft if source and draft.first <= draft.last else None
    comma = next((i for i in range(cue.last + 1, min(end, cue.last + 10)) if words[i] == ","), None)
    if cue.first > start:  # "content, according to X"
        if words[cue.first - 1] != ",":
            return None
        return _Draft(start, cue.first - 2, cue, _Span("S", cue.last + 1, end - 1)) \
            if cue.first - 2 >= start and cue.last + 1 < end else None
    if comma is None:  # "Według ministerstwa budżet …": one word names the source
        comma = cue.last + 2
        while comma < end and words[comma][0].isupper():
            comma += 1
        if comma >= end:
            return None
        return _Draft(comma, end - 1, cue, _Span("S", cue.last + 1, comma - 1))
    if comma + 1 >= end:
        return None
    return _Draft(comma + 1, end - 1, cue, _Span("S", cue.last + 1, comma - 1))


def _verb_last(analysis: Analysis, cue: _Span, start: int) -> _Draft | None:
    """A sentence that ends with its reporting verb: "…, the minister said." (content before the
    last comma) or "Bakan Yılmaz, bütçenin … söyledi." (source before the first comma)."""
    words = analysis.tokens.words
    commas = [i for i in range(start, cue.first) if words[i] == ","]
    if not commas:
        return None
    if cue.first - commas[-1] - 1 <= _PHRASE_TOKENS - 2 and commas[-1] - 1 >= start and (
            cue.first == commas[-1] + 1 or _starts_phrase(analysis, commas[-1] + 1)):
        return _Draft(start, commas[-1] - 1, cue, _Span("S", commas[-1] + 1, cue.first - 1)
                      if cue.first - 1 > commas[-1] else None)
    first = commas[0]
    if first > start and cue.first - 1 > first:
        return _Draft(first + 1, cue.first - 1, cue, _Span("S", start, first - 1))
    return None


def _rule_cue(analysis: Analysis, open_mark: int, close_mark: int | None) -> int | None:
    """A reporting verb just after the closing mark or just before the opening one."""
    classes = analysis.classes
    if close_mark is not None:
        end = min(len(classes), close_mark + 1 + _RULE_CUE_WINDOW)
        for index in range(close_mark + 1, end):
            if CUE in classes[index] or ACCORDING in classes[index]:
                return index
            if analysis.tokens.words[index] in ".!?":
                break
    for index in range(open_mark - 1, max(-1, open_mark - 1 - _RULE_CUE_WINDOW), -1):
        if CUE in classes[index] or NOUN in classes[index] or ACCORDING in classes[index]:
            return index
        if analysis.tokens.words[index] in ".!?":
            break
    return None


def _rule_source(analysis: Analysis, cue: int, open_mark: int, close_mark: int | None) -> _Span | None:
    """The name or pronoun beside a rule-found cue: after it when the quote is before it
    ("…", said Wang / "…", er sagte), else before it."""
    words, classes = analysis.tokens.words, analysis.classes
    sentence = analysis.tokens.sentences[analysis.tokens.sentence_of[cue]]
    after = close_mark is not None and cue > close_mark
    before = min(cue, open_mark)
    order = (range(cue + 1, min(sentence[1], cue + 5)),
             range(before - 1, max(sentence[0], before - 6) - 1, -1))
    for candidates in (order if after else order[::-1]):
        for index in candidates:
            if analysis.passage[index] >= 0 or COMPLEMENT in classes[index]:
                break
            if PRONOUN in classes[index] or words[index][0].isupper() or _caseless(words[index]):
                return _name_run(analysis, index)
    return None


def _caseless(word: str) -> bool:
    """A word of a script without capitals (Chinese, Japanese): its names cannot be seen by case."""
    return word[0].isalpha() and not word[0].isupper() and not word[0].islower()


def _name_run(analysis: Analysis, index: int) -> _Span:
    words = analysis.tokens.words
    first = last = index
    if PRONOUN in analysis.classes[index]:
        return _Span("S", index, index)
    while first > 0 and words[first - 1][0].isupper() and analysis.passage[first - 1] < 0:
        first -= 1
    while last + 1 < len(words) and words[last + 1][0].isupper() and analysis.passage[last + 1] < 0:
        last += 1
    return _Span("S", first, last)


def _quote(analysis: Analysis, draft: _Draft, resolver: SpeakerResolver) -> Quote:
    tokens = analysis.tokens
    content = tokens.span(draft.first, draft.last)
    cue = tokens.span(draft.cue.first, draft.cue.last) if draft.cue else None
    source = draft.source
    speaker_span = tokens.span(source.first, source.last) if source else None
    speaker = resolver.resolve(source.first, source.last) if source else None
    return Quote(content, speaker, speaker_span, cue, _kind(analysis, draft))


def _kind(analysis: Analysis, draft: _Draft) -> str:
    if draft.cue is not None and any(ACCORDING in analysis.classes[i]
                                     for i in range(draft.cue.first, draft.cue.last + 1)):
        return "according_to"
    passage = analysis.passage
    inside = sum(1 for i in range(draft.first, draft.last + 1) if passage[i] >= 0)
    size = draft.last - draft.first + 1
    if inside >= 0.8 * size:
        return "direct"
    return "mixed" if inside else "indirect"
