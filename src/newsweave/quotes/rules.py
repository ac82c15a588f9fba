"""Quotes found by pattern rather than by the tagger: what carries the languages it never saw.

- a quoted passage with a reporting word just before or after its marks (every mark style);
- reported speech: "X said that …", "X said: …", "according to X, …", "X'e göre …",
  "…, X said.", "…, sagte X." and "X, … söyledi." in sentences where nothing else was found;
- transcript turns: a paragraph that opens with a speaker label ("WALLACE: …");
- German speech acts reported without their words: "Die Gewerkschaft kritisierte den Plan."
"""

from __future__ import annotations

from newsweave.entities.canonical import exonym_of, name_tokens
from newsweave.entities.gazetteer import exonym_type
from newsweave.entities.lexicon import CONNECTOR_SET, fold
from newsweave.quotes.cues import (
    ACCORDING,
    AUXILIARIES_OF,
    COMPLEMENT,
    CONTRAST,
    CUE,
    INVERTED_SUBJECT,
    NOUN,
    PRONOUN,
    TIME_WORDS,
    VERB_FIRST,
    Lexicon,
    past_time,
    word_set,
)
from newsweave.quotes.features import Analysis
from newsweave.quotes.marks import MARKS
from newsweave.quotes.names import ELIDED_ARTICLE
from newsweave.quotes.phrases import (
    NAME_TAGS,
    NOMINATIVE,
    PHRASE_TOKENS,
    POSTPOSITIONS,
    Draft,
    Span,
    caseless,
    is_according,
    name_run,
    oblique_article,
    overlap_test,
    phrase_at,
    run_from,
    starts_phrase,
    whole_phrase,
    without_final_stop,
)

# How far (tokens) a rule-found passage's reporting verb may stand from its marks.
_RULE_CUE_WINDOW = 4
# Quoted passages shorter than this are names, titles or scare quotes, not quotes, for the rules.
_RULE_MIN_TOKENS = 4
# ... unless a reporting verb stands right beside it and it has three words, or is written without
# spaces (a Japanese clause is one token) and has this many characters.
_RULE_MIN_CHARS = 8
# The most words of a transcript's speaker label ("WALLACE:", "SEN. JOHN DOE:").
_LABEL_WORDS = 3


def transcript_turns(analysis: Analysis, language: str = "und") -> list[Draft]:
    """Turns of a transcript: a paragraph that opens with a speaker label in capitals and a colon
    ("WALLACE: …", "Q: …") is what that speaker said; not a place's name ("USA: …"), which
    heads a report (``place_name``)."""
    tokens, words = analysis.tokens, analysis.tokens.words
    found = []
    for first, last in tokens.paragraphs:
        begin = first + 1 if words[first] in MARKS else first
        colon = next((i for i in range(begin, min(last, begin + _LABEL_WORDS + 1)) if words[i] == ":"), None)
        if colon is None or colon == begin or colon + 1 >= last:
            continue
        label = words[begin:colon]
        if not all(w.isupper() and (len(w) > 1 or len(label) == 1) for w in label) or \
                place_name(" ".join(label), language):
            continue
        end = last - 1 if words[last - 1] in MARKS else last
        found.append(Draft(colon + 1, max(colon + 1, end - 1), Span("C", colon, colon),
                            Span("S", begin, colon - 1)))
    return found


def place_name(name: str, language: str) -> bool:
    """True for a major place of the exonym table ("USA", "Russland"), which labels a report's
    subject, never a speaker."""
    canonical = exonym_of(name_tokens(name), language)
    return canonical is not None and exonym_type(canonical) == "LOC"


def marked_quotes(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """Quoted passages next to a reporting verb that no tagged content covers."""
    covered = overlap_test((d.first, d.last) for d in drafts)
    found = []
    tokens = analysis.tokens
    for quote in analysis.quotes:
        if covered(quote.first, quote.last):
            continue
        cue = _rule_cue(analysis, quote.open, quote.close)
        if cue is None:
            continue
        size = quote.last - quote.first + 1
        chars = tokens.ends[quote.last] - tokens.starts[quote.first]
        adjacent = cue - (quote.close or quote.last) <= 2 or quote.open - cue <= 2
        unspaced = caseless(tokens.words[quote.first]) and chars >= _RULE_MIN_CHARS
        if size < _RULE_MIN_TOKENS and not (adjacent and (size >= 3 or unspaced)):
            continue
        draft = Draft(quote.first, quote.last, Span("C", cue, cue))
        draft.source = _rule_source(analysis, cue, quote.open, quote.close)
        found.append(draft)
    return found


def continued_quotations(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """A quotation that is a sentence of its own, with no reporting verb, right after a sentence
    whose quote has a speaker goes on with that speech ("« … », a déclaré son avocate, Me
    Claire Dubosq. « Mon client n'a jamais cherché à s'enrichir. »")."""
    covered = overlap_test((d.first, d.last) for d in drafts)
    tokens = analysis.tokens
    speakers = {tokens.sentence_of[d.last]: d.source for d in drafts if d.source is not None}
    found = []
    for quote in analysis.quotes:
        if quote.close is None or covered(quote.first, quote.last):
            continue
        begin, end = tokens.sentence_around(quote.open)
        after = tokens.words[quote.close + 1 : end]
        whole = quote.open == begin and all(not word[0].isalnum() for word in after)
        source = speakers.get(tokens.sentence_of[begin] - 1)
        if whole and source is not None:
            found.append(Draft(quote.first, quote.last, None, source))
    return found


def framed_quotes(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """``marked_quotes`` that a reporting frame holds tight: a comma and the verb right after the
    closing mark ("“…”, warned Gareth Pryce"), or the verb and a colon right before the opening
    one ("Mayor Rosa Delgado replied: “…”"). English keeps to these: beside a verb further
    away, its news quotes titles and scare quotes ("the Post sent its “national enterprise
    reporter”")."""
    return [draft for draft in marked_quotes(analysis, drafts) if _framed(analysis, draft)]


def _framed(analysis: Analysis, draft: Draft) -> bool:
    words = analysis.tokens.words
    quote = analysis.quotes[analysis.passage[draft.first]]
    cue = draft.cue.first
    if quote.close is not None and cue > quote.close:
        between = words[quote.close + 1 : cue]
        return between in ([","], []) and (between or words[quote.last] == ",")
    return 0 < quote.open - cue <= 2 and words[quote.open - 1] == ":"


def sentence_patterns(analysis: Analysis, drafts: list[Draft], lexicon: Lexicon) -> list[Draft]:
    """Reported speech by pattern, in sentences where nothing was found: "X said that …",
    "X said: …", "according to X, …", "X'e göre …", "…, X said.", "X, … söyledi." and "Wie X
    verlautete, …" (the tagger learned English and German; these patterns carry the other
    languages)."""
    tokens = analysis.tokens
    busy = {tokens.sentence_of[i] for d in drafts for i in (d.first, d.last)}
    found = []
    auxiliaries = AUXILIARIES_OF.get(lexicon.language, frozenset())
    for cue in analysis.cues:
        number = tokens.sentence_of[cue]
        if number in busy:
            continue
        # (an inverted frame first: "…, a-t-il précisé." is no verb-last "X, … söyledi.")
        draft = _inverted_frame(analysis, cue, *tokens.sentences[number], auxiliaries) \
            if lexicon.language in VERB_FIRST else None
        draft = draft or _pattern(analysis, cue, *tokens.sentences[number], lexicon.as_clause)
        if draft is not None:
            busy.add(number)
            found.append(draft)
    return found


def reported_acts(analysis: Analysis, drafts: list[Draft], lexicon: Lexicon) -> list[Draft]:
    """A sentence that reports a speech act without the words said ("Die Gewerkschaft
    kritisierte den Plan.", "Dabei bezeichnete er die Reform als Fehler."), where nothing else was
    found: the whole sentence is the quote and its subject the speaker, as german_news_quotes
    annotates "Reported" speech. Only where tags tell the finite verb."""
    tokens, tags = analysis.tokens, analysis.tags
    if tags is None:
        return []
    busy = {tokens.sentence_of[i] for d in drafts for i in (d.first, d.last)}
    found = []
    for verb in _acts(analysis, lexicon):
        number = tokens.sentence_of[verb]
        start, end = tokens.sentences[number]
        main = main_verb(analysis, start, end)
        if number in busy or (verb if main is None else main) != verb:
            continue  # the act verb must be the main clause's finite verb (or a present tagged "PP")
        source = act_subject(analysis, verb, start, end)
        end = without_final_stop(analysis, start, end)
        if source is None or verb + 1 >= end:
            continue
        busy.add(number)
        found.append(Draft(start, end - 1, Span("C", verb, verb), source))
    for participle, agent in _passive_acts(analysis, lexicon):
        number = tokens.sentence_of[participle]
        if number not in busy:
            busy.add(number)
            start, end = tokens.sentences[number]
            found.append(Draft(start, without_final_stop(analysis, start, end) - 1,
                               Span("C", participle, participle), agent))
    return found


def _passive_acts(analysis: Analysis, lexicon: Lexicon) -> list[tuple[int, Span]]:
    """The speech acts in the passive with an agent of every sentence (see ``passive_act``)."""
    acts = (passive_act(analysis, lexicon, number) for number in range(len(analysis.tokens.sentences)))
    return [act for act in acts if act is not None]


def passive_act(analysis: Analysis, lexicon: Lexicon, number: int) -> tuple[int, Span] | None:
    """A speech act in the passive with an agent in sentence ``number`` ("Der Plan wurde von der
    Gewerkschaft kritisiert.", "Ihm wird von den Behörden Betrug vorgeworfen."): its participle,
    which closes the clause, with "werden" the sentence's first finite verb, and the phrase after
    "von", the speaker. Only where tags tell the finite verb."""
    lower, tags = analysis.lower, analysis.tags
    start, end = analysis.tokens.sentences[number]
    if tags is None:
        return None
    auxiliary = main_verb(analysis, start, end)
    if auxiliary is None or lower[auxiliary] not in FINITE_WERDEN:
        return None
    participle = next((i for i in range(auxiliary + 1, end) if lower[i] in lexicon.act_participles
                       and analysis.passage[i] < 0 and _closes_clause(analysis, i)), None)
    if participle is None:
        return None
    source = passive_agent(analysis, start, participle)
    return (participle, source) if source is not None else None


def passive_agent(analysis: Analysis, first: int, end: int) -> Span | None:
    """The phrase after the first "von" between tokens ``first`` and ``end``, the agent of a
    passive; not one after a noun ("Kritik von Frauen")."""
    lower, tags = analysis.lower, analysis.tags
    agent = next((i for i in range(first, end) if lower[i] in ("von", "vom") and not (
        i > first and tags[i - 1].startswith(("NN", "NE")))), None)
    return phrase_at(analysis, agent + 1, end, range(0)) if agent is not None else None


# Finite forms of "werden", the auxiliary of the passive.
FINITE_WERDEN = frozenset({"wird", "wurde", "wurden", "werden"})


def _closes_clause(analysis: Analysis, index: int) -> bool:
    """The last word of its clause: punctuation, a coordinating conjunction or nothing follows."""
    following = index + 1
    return following >= len(analysis.lower) or not analysis.tokens.words[following][0].isalnum() or \
        analysis.tags[following] == "KON"


def _acts(analysis: Analysis, lexicon: Lexicon) -> list[int]:
    """Finite speech-act verbs outside quotation marks ("kritisierte"), a separable one only
    with its particle closing the clause ("kündigte … an", "wies … zurück und …")."""
    tokens, lower = analysis.tokens, analysis.lower
    found = []
    for index, word in enumerate(lower):
        particle = lexicon.acts.get(word)
        if particle is None or analysis.passage[index] >= 0 or not _finite(analysis, index):
            continue
        end = tokens.sentence_around(index)[1]
        if not particle or any(lower[j] == particle and _closes_clause(analysis, j)
                               for j in range(index + 1, end - 1)):
            found.append(index)
    return found


def _finite(analysis: Analysis, index: int) -> bool:
    """A finite verb, or a form tagged as a participle with no finite verb before it in its
    sentence: the present of "bezeichnen", "kritisieren" ("Sie bezeichnet …") is written as
    their participle, which the word's most frequent tag says it is."""
    tags = analysis.tags
    if "FIN" in tags[index]:
        return True
    start = analysis.tokens.sentence_around(index)[0]
    return tags[index].endswith("(PP)") and not any("FIN" in tags[i] for i in range(start, index))


def main_verb(analysis: Analysis, start: int, end: int) -> int | None:
    """The first finite verb of tokens ``start`` .. ``end - 1`` that does not close a clause
    between commas: a subordinate clause ends with its finite verb ("In dem Bericht, der gestern
    vorgelegt wurde, fordert …", "Müller, die selten Interviews gibt, nennt …")."""
    tags, words = analysis.tags, analysis.tokens.words
    comma = False
    for index in range(start, end):
        if "FIN" in tags[index] and not (comma and index + 1 < end and words[index + 1] == ","):
            return index
        comma = comma or words[index] == ","
    return None


def act_subject(analysis: Analysis, verb: int, start: int, end: int) -> Span | None:
    """The subject of a speech-act verb: a nominative pronoun right after it ("Die Tat nannte
    er sinnlos"; none for "man"), else the phrase before it that opens the sentence ("Die
    Gewerkschaft kritisierte"), else a pronoun or a name right after it ("Am Montag forderte
    Müller"). None after a demonstrative ("Das berichtet …": speech named before, which that
    sentence attributes); an indefinite pronoun is a subject ("Beide lehnten …")."""
    tags, lower = analysis.tags, analysis.lower
    after = verb + 1
    if after < end and lower[after] in NOMINATIVE:
        return Span("S", after, after) if lower[after] != "man" else None
    if tags[start].startswith("PDS"):
        return None
    if oblique_article(analysis, start):  # an object opens the sentence: "Den Plan lehnte der Rat ab"
        return inverted_subject(analysis, verb, start, end)
    if verb > start and starts_phrase(analysis, start):
        opening = run_from(analysis, start, verb, 1, range(0))
        if opening is not None and opening.last == verb - 1:
            return opening
        if opening is not None and _quoted_name_between(analysis, opening.last + 1, verb):
            return Span("S", start, verb - 1)  # "Der Sender „Radio Nord“ berichtete"
        if opening is not None and analysis.tokens.words[verb - 1] == "," and verb - 2 > opening.last:
            return Span("S", start, verb - 2)  # with an apposition: "Li, der Sprecher, nannte"
    return name_after(analysis, verb, end)


def _quoted_name_between(analysis: Analysis, first: int, verb: int) -> bool:
    """True when tokens ``first`` .. ``verb - 1`` are one quoted passage of a few capitalised
    words: the name that ends the subject ("Der Sender „Radio Nord“")."""
    passage, words = analysis.passage, analysis.tokens.words
    inside = [w for w in words[first:verb] if w[0].isalnum()]
    return first < verb and passage[first] >= 0 and passage[first] == passage[verb - 1] and \
        0 < len(inside) <= _QUOTED_NAME_WORDS and all(w[0].isupper() or w[0].isdigit() for w in inside)


# The most words of a quoted name in a subject.
_QUOTED_NAME_WORDS = 4


def name_after(analysis: Analysis, verb: int, end: int) -> Span | None:
    """A pronoun or a name right after the verb ("Am Montag forderte er", "… sagte Müller")."""
    after = verb + 1
    if after < end and (PRONOUN in analysis.classes[after] or analysis.tags[after].startswith(NAME_TAGS)):
        return name_run(analysis, after)
    return None


def inverted_subject(analysis: Analysis, verb: int, start: int, end: int) -> Span | None:
    """The noun phrase right after a finite verb when the sentence opens with no noun phrase
    ("Für beide fordert der Staatsanwalt …"): the subject, which follows the verb there."""
    after = verb + 1
    if after >= end or starts_phrase(analysis, start):
        return None
    if analysis.lower[after] in _NOMINATIVE_ARTICLES or analysis.tags[after] == "NN":
        return phrase_at(analysis, after, end, range(0))
    return None


# Articles that can open a subject ("den", "dem", "des" cannot).
_NOMINATIVE_ARTICLES = frozenset({"der", "die", "das", "ein", "eine"})


def _pattern(analysis: Analysis, cue: int, start: int, end: int, as_words: frozenset[str]) -> Draft | None:
    """The quote that one listed cue opens in its sentence, if a pattern fits."""
    words, classes = analysis.tokens.words, analysis.classes
    end = without_final_stop(analysis, start, end)
    start = after_dateline(analysis, start, cue)
    cue_span = whole_phrase(analysis, Span("C", cue, cue))
    if cue_span.last > cue and COMPLEMENT in classes[cue_span.last]:
        cue_span = Span("C", cue, cue_span.last - 1)  # "theksoi | se": the "se" opens the speech
    after = cue_span.last + 1
    if ACCORDING in classes[cue]:
        return _according(analysis, cue_span, start, end)
    as_clause = _as_clause(analysis, cue_span, start, end, as_words)
    if as_clause is not None:
        return as_clause
    if after + 1 < end and analysis.lower[after] == "de" and COMPLEMENT in classes[after + 1]:
        after += 1  # "advirtió de que …", "informou de que …": the preposition the verb takes
    after = _past_object(analysis, past_time(analysis.lower, after, end), end)
    if after < end and (COMPLEMENT in classes[after] or words[after] == ":" or (
            words[after] == "," and after + 1 < end and COMPLEMENT in classes[after + 1])):
        begin = after + 1 if words[after] in (":", ",") else after
        if words[after] == "," and words[begin] != ",":
            begin = after + 1
        draft = Draft(begin, before_contrast(analysis, begin, end) - 1, cue_span)
        draft.source = run_from(analysis, cue - 1, start - 1, -1, range(0))
        return draft if draft.first <= draft.last else None
    if after == end:
        return _verb_last(analysis, cue_span, start)
    if _occasion_tail(analysis, after, end):
        return _source_before_verb(analysis, cue_span, start)
    return _source_after_verb(analysis, cue_span, start, end)


# Words of a short tail after a closing reporting verb that says when or how it was said
# ("…, the port authority said on Tuesday.", "…, the company said in a statement.").
_OCCASION_WORDS = TIME_WORDS | word_set("statement interview briefing")
_OCCASION_TAIL = 4  # tokens


def _occasion_tail(analysis: Analysis, after: int, end: int) -> bool:
    """True for a few words after the reporting verb, without a comma, that say when or how
    it was said: the verb still closes the report."""
    tail = analysis.lower[after:end]
    return len(tail) <= _OCCASION_TAIL and "," not in tail and any(word in _OCCASION_WORDS for word in tail)


# The most words of the person addressed between a reporting verb and its complementiser ("ha
# pedido a los residentes que", "a assuré aux habitants que").
_OBJECT_WORDS = 5
# Prepositions that open the person addressed (Romance "a"; English relative "that" after an
# object is too often no complementiser to look past one there).
_ADDRESSED = frozenset({"a", "al", "à", "au", "aux", "ai", "alla", "agli"})


# Words of speech before the comma of a closing inverted frame, and at most this many after
# its verb (the subject and when or where it spoke: "…, a communiqué lundi la police cantonale").
_INVERTED_SPEECH_WORDS = 4
_INVERTED_TAIL = 10


def _inverted_frame(analysis: Analysis, cue: int, start: int, end: int,
                    auxiliaries: frozenset[str]) -> Draft | None:
    """Speech before a comma that a reporting verb and its subject close, the subject after the
    verb, in a language that inverts there ("Trois trains sur cinq seront supprimés, a prévenu
    l'opérateur Régiorail Ouest.", "…, a-t-il expliqué lundi."): the clause before the comma."""
    words = analysis.tokens.words
    end = without_final_stop(analysis, start, end)
    verb = cue
    if verb > start and (analysis.lower[verb - 1] in auxiliaries or INVERTED_SUBJECT.search(words[verb - 1])):
        verb -= 1  # "a | annoncé", "a-t-il | expliqué"
    comma = verb - 1
    if comma - start < _INVERTED_SPEECH_WORDS or words[comma] != "," or analysis.passage[comma] >= 0:
        return None
    end = _before_apposed_name(words, cue + 1, end)  # ("…, a annoncé le maire, | Paul Ressac.")
    tail = words[cue + 1 : end]
    another_verb = any(CUE in classes for classes in analysis.classes[cue + 1 : end])
    if len(tail) > _INVERTED_TAIL or "," in tail or another_verb or not (tail or verb < cue):
        return None  # ("…, a annoncé." names no one: the verb-last patterns' case)
    if INVERTED_SUBJECT.search(words[verb]):  # "a-t-il": the pronoun speaks
        return Draft(start, comma - 1, Span("C", cue, cue), Span("S", verb, verb))
    return Draft(start, comma - 1, Span("C", verb, cue), _subject_after(analysis, cue, end))


def _subject_after(analysis: Analysis, cue: int, end: int) -> Span | None:
    """The phrase after a reporting verb, past the day it names ("a indiqué | lundi | la
    préfecture")."""
    subject = past_time(analysis.lower, cue + 1, end)
    if subject < end and (starts_phrase(analysis, subject) or ELIDED_ARTICLE.match(analysis.lower[subject])):
        return phrase_at(analysis, subject, end, range(0))
    return None


def _past_object(analysis: Analysis, after: int, end: int) -> int:
    """The complementiser a few words after the reporting verb, past the person addressed, else
    ``after``."""
    words, classes = analysis.tokens.words, analysis.classes
    if after >= end or analysis.lower[after] not in _ADDRESSED:
        return after
    for index in range(after, min(end, after + _OBJECT_WORDS + 1)):
        if COMPLEMENT in classes[index]:
            return index
        if not words[index][0].isalnum() or CUE in classes[index]:
            break
    return after


def _source_after_verb(analysis: Analysis, cue: Span, start: int, end: int) -> Draft | None:
    """A reporting verb after a comma with its source right after it, closing the sentence:
    the speech is the clause before the comma ("Die Lage ist ernst, sagte die Ministerin am
    Montag."). That clause must hold the sentence's main verb, not be a phrase ("Maria Holm,
    die selten Interviews gibt, nennt …") nor a subordinate clause: only where tags tell."""
    words, tags = analysis.tokens.words, analysis.tags
    after = cue.last + 1
    if tags is None or cue.first - 2 < start or words[cue.first - 1] != "," or \
            not starts_phrase(analysis, after):
        return None
    source = phrase_at(analysis, after, end, range(0))
    if source is None or end - source.last - 1 > _TAIL_WORDS or "," in words[after:end]:
        return None
    main = main_verb(analysis, start, end)
    if tags[start].startswith(("KOUS", "PREL")) or main is None or main >= cue.first - 1:
        return None
    return Draft(start, cue.first - 2, cue, source)


# The most words after the source of "…, sagte die Ministerin am Montag.".
_TAIL_WORDS = 3


def _according(analysis: Analysis, cue: Span, start: int, end: int) -> Draft | None:
    """ "according to X, content" / "content, according to X" / "X'e göre content"."""
    words = analysis.tokens.words
    if analysis.lower[cue.last] in POSTPOSITIONS:
        source = run_from(analysis, cue.first - 1, start - 1, -1, range(0))
        draft = Draft(cue.last + 1, end - 1, cue, source)
        return draft if source and draft.first <= draft.last else None
    comma = next((i for i in range(cue.last + 1, min(end, cue.last + 10)) if words[i] == ","), None)
    if cue.first > start:  # "content, according to X"
        if words[cue.first - 1] != ",":
            return None
        return Draft(start, cue.first - 2, cue, Span("S", cue.last + 1, end - 1)) \
            if cue.first - 2 >= start and cue.last + 1 < end else None
    if comma is None:  # "Według ministerstwa budżet …": one word names the source
        comma = cue.last + 2
        while comma < end and words[comma][0].isupper():
            comma += 1
        if comma >= end:
            return None
        return Draft(comma, end - 1, cue, Span("S", cue.last + 1, comma - 1))
    comma = _after_apposed_name(words, comma, end)
    if comma + 1 >= end or comma == cue.last + 1:
        return None  # (nothing after the cue names a source: "según , …")
    return Draft(comma + 1, end - 1, cue, Span("S", cue.last + 1, comma - 1))


# The most words of a name in apposition between two commas.
_APPOSED_NAME_WORDS = 4


def _before_apposed_name(words: list[str], start: int, end: int) -> int:
    """The last comma between ``start`` and ``end`` where a name in apposition closes the
    sentence after it ("le président de la métropole, | Bertrand de La Roche-Vassal"), else ``end``."""
    comma = next((i for i in range(end - 1, start, -1) if words[i] == ","), None)
    if comma is None or end - comma - 1 > _APPOSED_NAME_WORDS + 2:
        return end
    return comma if _name_words([w for w in words[comma + 1 : end] if w not in "()"]) else end


def _after_apposed_name(words: list[str], comma: int, end: int) -> int:
    """The comma after a name in apposition that follows ``comma`` ("Pour le maire, | Paul
    Ressac, | c'est …", "Según la empresa, | Porcícola del Bajío, | todos …"), else ``comma``."""
    following = next((i for i in range(comma + 1, min(end, comma + 2 + _APPOSED_NAME_WORDS))
                      if words[i] == ","), None)
    return following if following is not None and _name_words(words[comma + 1 : following]) else comma


def _name_words(words: list[str]) -> bool:
    """True for words that make a name: capitalised at both ends, connectors inside ("Porcícola
    del Bajío")."""
    return bool(words) and words[0][0].isupper() and words[-1][0].isupper() and all(
        w[0].isupper() or w.lower() in CONNECTOR_SET for w in words)


# The most tokens of the rest of a name that an "according to" source was cut before.
_NAME_REST = 8


def whole_according_source(analysis: Analysis, draft: Draft) -> None:
    """An "according to" source cut at a connector of its name, the rest of the name taken as
    the content's start ("Sipas Ministrisë | së Punëve të Jashtme, …", "Selon le ministère des
    Affaires étrangères de | Valcorbe, …"): the source runs to the comma, the content starts
    after it."""
    source, words = draft.source, analysis.tokens.words
    if draft.cue is None or source is None or not is_according(analysis, draft.cue) or \
            source.last + 1 != draft.first or not any(
                words[i].islower() and fold(analysis.lower[i]) in CONNECTOR_SET
                for i in (source.last, draft.first)):
        return
    for index in range(draft.first + 1, min(draft.last, draft.first + _NAME_REST)):
        if words[index] == ",":
            if all(words[i][0].isupper() or words[i] in "()" or fold(analysis.lower[i]) in CONNECTOR_SET
                   for i in range(draft.first, index)):  # (an acronym in brackets: "del Jarama (UCJ)")
                source.last, draft.first = index - 1, index + 1
            return


def before_contrast(analysis: Analysis, begin: int, end: int) -> int:
    """Where reported speech ends: before a comma outside quotation marks and a contrasting
    clause with a reporting verb of its own in the sentence ("…, mientras que el alcalde, Jorge
    Salcedo, advirtió: …": another speaker's), else at ``end``."""
    words, lower, classes = analysis.tokens.words, analysis.lower, analysis.classes
    sentence_end = analysis.tokens.sentence_around(begin)[1]
    for comma in range(begin + 1, end - 2):
        if words[comma] == "," and analysis.passage[comma] < 0 and lower[comma + 1] in CONTRAST and \
                any(CUE in classes[i] for i in range(comma + 2, sentence_end)):
            return comma
    return end


_DATELINE_DASHES = frozenset({"–", "—", "-"})
_DATELINE_WORDS = 6  # tokens of a dateline: "SEVILLA (EFE) –", "BERLIN, 3. Mai (dpa) –"


def after_dateline(analysis: Analysis, start: int, cue: int) -> int:
    """Where a sentence starts behind a dateline before its cue ("SEVILLA (EFE) – Según la
    Policía, …"): an upper-case place, an agency in brackets and a dash are no content."""
    words = analysis.tokens.words
    for dash in range(start + 1, min(cue, start + _DATELINE_WORDS)):
        if words[dash] in _DATELINE_DASHES:
            return dash + 1 if words[start].isupper() and len(words[start]) > 1 else start
    return start


def _as_clause(analysis: Analysis, cue: Span, start: int, end: int, as_words: frozenset[str]) -> Draft | None:
    """A clause that "wie" / "as" opens and the cue closes carries the source; the speech is
    the rest of the sentence: "Wie aus Unternehmenskreisen verlautete, will …", "…, wie Alan
    Stern, Direktor der NASA, betont."."""
    words, lower = analysis.tokens.words, analysis.lower
    reach = max(start, cue.first - 2 * PHRASE_TOKENS)
    opener = next((i for i in range(cue.first - 1, reach - 1, -1) if lower[i] in as_words), None)
    if opener is None or opener + 1 >= cue.first:
        return None
    source = Span("S", opener + 1, cue.first - 1)
    if opener == start and cue.last + 2 < end and words[cue.last + 1] == ",":
        return Draft(cue.last + 2, end - 1, cue, source)
    if opener - 2 >= start and words[opener - 1] == "," and cue.last + 1 == end:
        return Draft(start, opener - 2, cue, source)
    return None


def _verb_last(analysis: Analysis, cue: Span, start: int) -> Draft | None:
    """A sentence that ends with its reporting verb: "…, the minister said." (content before the
    last comma) or, in a language that puts its verb last, "Bakan Yılmaz, bütçenin … söyledi."
    (source before the first comma)."""
    words = analysis.tokens.words
    commas = [i for i in range(start, cue.first) if words[i] == ","]
    if not commas:
        return None
    found = _source_before_verb(analysis, cue, start)
    if found is not None:
        return found
    first = commas[0]
    # Not in German (where tags tell it), whose main clause puts its finite verb second: "Der
    # Minister, der seit Mai im Amt ist, hat … angekündigt" holds a relative clause, no speech.
    if first > start and cue.first - 1 > first and analysis.tags is None:
        return Draft(first + 1, cue.first - 1, cue, Span("S", start, first - 1))
    return None


def _source_before_verb(analysis: Analysis, cue: Span, start: int) -> Draft | None:
    """"…, the minister said": the speech before the sentence's last comma, the short phrase
    between it and the verb its source."""
    words = analysis.tokens.words
    comma = next((i for i in range(cue.first - 1, start - 1, -1) if words[i] == ","), None)
    if comma is not None and cue.first - comma - 1 <= PHRASE_TOKENS - 2 and comma - 1 >= start and (
            cue.first == comma + 1 or starts_phrase(analysis, comma + 1)):
        source = Span("S", comma + 1, cue.first - 1) if cue.first - 1 > comma else None
        return Draft(start, comma - 1, cue, source)
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


def _rule_source(analysis: Analysis, cue: int, open_mark: int, close_mark: int | None) -> Span | None:
    """The name or pronoun beside a rule-found cue: after it when the quote is before it
    ("…", said Wang / "…", er sagte), else before it."""
    words, classes = analysis.tokens.words, analysis.classes
    sentence = analysis.tokens.sentence_around(cue)
    after = close_mark is not None and cue > close_mark
    before = min(cue, open_mark)
    order = (range(cue + 1, min(sentence[1], cue + 5)),
             range(before - 1, max(sentence[0], before - 6) - 1, -1))
    for candidates in (order if after else order[::-1]):
        for index in candidates:
            if analysis.passage[index] >= 0 or COMPLEMENT in classes[index]:
                break
            if PRONOUN in classes[index] or words[index][0].isupper() or caseless(words[index]):
                return name_run(analysis, index)
    return None
