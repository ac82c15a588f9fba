"""Where German reported speech begins and ends: the clause around an inline "according to"
source, the whole sentence of a speech act, the clause after a reporting clause, and the end of
the speech where the narrator's sentence goes on. Each rule moves a draft's edges to where
german_news_quotes puts them."""

from __future__ import annotations

from newsweave.quotes.cues import ACCORDING, COMPLEMENT, Lexicon
from newsweave.quotes.features import Analysis, postposed_according
from newsweave.quotes.german.syntax import (
    PURPOSE,
    SUBORDINATE,
    ends_clause,
    opens_relative,
    reporting_verb,
    subjunctive,
)
from newsweave.quotes.grammar import SUBJUNCTIVE
from newsweave.quotes.phrases import (
    Draft,
    Span,
    is_according,
    without_final_stop,
)
from newsweave.quotes.rules import after_dateline, main_verb


def _is_postposed(analysis: Analysis, cue: Span, lex: Lexicon) -> bool:
    """A cue of a source named after the speech and a comma ("…, so der Sprecher")."""
    return ACCORDING in analysis.classes[cue.first] and postposed_according(analysis.lower, cue.first, lex)


def fit_according_clause(analysis: Analysis, draft: Draft, lex: Lexicon) -> None:
    """Reported speech with an inline source ("In den Pyrenäen kam es Berichten zufolge zu
    Felsstürzen", "Heute wurden nach Armeeangaben 40 Ziele angegriffen") is the whole clause
    around that source, as german_news_quotes annotates it; a source that opens or closes the
    clause ("Laut Polizei …", "…, so der Sprecher.") is left out of it. Left alone where a
    reporting verb of the sentence says where the speech is ("X bestätigte laut Reuters, dass
    …"). A postposed source ("…, dass … sei, so Müller") closes the whole statement, its "dass"
    clause included."""
    cue, words, passage = draft.cue, analysis.tokens.words, analysis.passage
    if cue is None or passage[draft.first] >= 0 or not is_according(analysis, cue):
        return
    tokens = analysis.tokens
    number = tokens.sentence_of[cue.first]
    if not tokens.sentence_of[draft.first] == number == tokens.sentence_of[draft.last]:
        return
    start, end = tokens.sentences[number]
    start = after_dateline(analysis, start, cue.first)
    inline = [cue] + ([draft.source] if draft.source is not None else [])
    if any(reporting_verb(analysis, i) and not any(s.first <= i <= s.last for s in inline)
           for i in range(start, end)):
        return
    end = without_final_stop(analysis, start, end)
    # A source after the speech ("…, dass … sei, so Müller") follows the whole statement: a
    # subordinate clause before it is part of that statement, not the clause the source stands in.
    after_speech = _is_postposed(analysis, cue, lex)
    opens = ends_clause if after_speech else _opens_clause
    left = max((i + 1 for i in range(start, cue.first) if opens(analysis, i)), default=start)
    right = min((i - 1 for i in range(cue.last + 1, end) if ends_clause(analysis, i)), default=end - 1)
    if left > start and analysis.tokens.words[left - 1] == ",":
        right = _verb_final_end(analysis, cue.last + 1, right)
    phrase_first, phrase_last = min(s.first for s in inline), max(s.last for s in inline)
    first, last = left, right
    if _only_marks(words, left, phrase_first):  # "Laut Polizei wurden …"
        first = _after_relative(analysis, phrase_last + 1, right)
        first = max(first, draft.first) if first > phrase_last + 1 else (
            draft.first if draft.first > phrase_last else phrase_last + 1)
    elif _only_marks(words, phrase_last + 1, right + 1) or (  # "…, so der Sprecher."
            after_speech and _closes_statement(analysis, cue.last + 1, right + 1)):
        last = draft.last if draft.last < phrase_first else phrase_first - 1
    while last > first and not words[last][0].isalnum() and passage[last] < 0:
        last -= 1
    while first < last and not words[first][0].isalnum() and passage[first] < 0:
        first += 1
    if first <= last:
        draft.first, draft.last = first, last


def widen_to_act_sentence(analysis: Analysis, draft: Draft) -> None:
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


def widen_act_from_verb(analysis: Analysis, draft: Draft) -> None:
    """Reported speech that the tagger found from the sentence's finite verb on, after its
    source ("Die Ministerin | nannte den Plan einen Fehler."), is a speech act reported with
    its subject: the whole sentence, as german_news_quotes annotates it, that verb its cue (it
    is no free indirect speech to join to the sentence before)."""
    tokens, source = analysis.tokens, draft.source
    if analysis.tags is None or source is None or analysis.passage[draft.first] >= 0:
        return
    start, end = tokens.sentence_around(draft.first)
    if source.first != start or not _only_marks(tokens.words, source.last + 1, draft.first) or \
            main_verb(analysis, start, end) != draft.first or \
            draft.last < without_final_stop(analysis, start, end) - 1:
        return
    draft.cue = draft.cue or Span("C", draft.first, draft.first)
    draft.first = start


def cut_reporting_clause(analysis: Analysis, draft: Draft) -> None:
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
            tags[comma + 1] == "KOUI" or analysis.lower[comma + 1] in PURPOSE:
        return
    clause = range(comma + 1, next((i for i in range(comma + 1, draft.last + 1) if words[i] == ","),
                                   draft.last + 1))
    if COMPLEMENT in analysis.classes[comma + 1] or any(
            tags[i] == "PTKZU" or tags[i].endswith(SUBJUNCTIVE) for i in clause):
        draft.first = comma + 1


def act_before_reason(analysis: Analysis, draft: Draft, first: int, lex: Lexicon) -> Draft | None:
    """The reporting clause that ``cut_reporting_clause`` cut off the draft (which began at
    ``first``) when it reports a speech act before the reason given for it ("Die Sprecherin
    nannte die Zahl vorläufig, da … seien"): a quote of its own, as german_news_quotes
    annotates it."""
    cue = draft.cue
    if draft.first <= first + 1 or analysis.lower[draft.first] not in _BECAUSE or \
            analysis.lower[cue.first] not in lex.acts:
        return None
    return Draft(first, draft.first - 2, cue, draft.source)


def cut_narration_after(analysis: Analysis, draft: Draft) -> None:
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
        subjunctive(analysis, i) for i in range(draft.first, begin))
    for i in range(begin, draft.last):
        marked = marked or subjunctive(analysis, i)
        if marked and words[i] == "," and passage[i] < 0 and "FIN" in tags[i + 1] and \
                not subjunctive(analysis, i + 1):
            draft.last = i - 1
            return


# Conjunctions of a reason clause ("da" is tagged as an adverb more often).
_BECAUSE = frozenset({"da", "weil", "zumal"})


def _main_clause_start(analysis: Analysis, start: int, verb: int) -> int:
    """Where the main clause of a sentence begins: after a subordinate clause that opens it
    ("Während die Opposition schweigt, fordert …"), else at ``start``."""
    if not analysis.tags[start].startswith("KOUS"):
        return start
    return next((i + 1 for i in range(start, verb) if analysis.tokens.words[i] == ","), start)


def _has_verb(analysis: Analysis, span: Span) -> bool:
    tags = analysis.tags
    return tags is not None and any(tags[i].startswith("V") for i in range(span.first, span.last + 1))


def _closes_statement(analysis: Analysis, begin: int, end: int) -> bool:
    """True when a postposed source ("…, so Müller") closes the statement before it: nothing
    but an adjunct follows the source ("…, so Müller am Montag.", "…, so Müller zu den
    Gründen."), or a relative clause on it (``_clause_after``); a comma and a finite verb put
    the source inside the statement ("…, so Müller, habe …")."""
    return not any(analysis.tokens.words[i] == "," for i in range(begin, end)) or \
        _clause_after(analysis, begin, end)


def _clause_after(analysis: Analysis, begin: int, end: int) -> bool:
    """True when the first comma in tokens ``begin`` .. ``end - 1`` opens a relative clause on
    the source that runs to the end: "…, so Müller, der auch sagte, dass …" closes the statement
    before "so"; "…, so Müller, habe …", "…, so Müller, der dort lebt, habe …" put the source
    inside it."""
    comma = next((i for i in range(begin, end) if analysis.tokens.words[i] == ","), None)
    if comma is None or comma + 1 >= end or analysis.tags is None:  # untagged: no clause told
        return False
    tags, words = analysis.tags, analysis.tokens.words
    relative = tags[comma + 1].startswith("PREL") or opens_relative(analysis, comma + 1)
    # A finite verb right after a later comma goes on with the statement.
    return relative and not any(words[i] == "," and "FIN" in tags[i + 1] for i in range(comma + 2, end - 1))


def _opens_clause(analysis: Analysis, index: int) -> bool:
    """A clause end, or a comma that opens the subordinate clause the source stands in ("…, da
    nach Angaben der Fluggesellschaft …"; only where tags tell the clause). A subordinate
    clause after the source stays in the speech ("…, bevor sie davon erfuhren")."""
    word, tags = analysis.tokens.words[index], analysis.tags
    if word == "," and tags is not None and index + 1 < len(tags):
        return tags[index + 1].startswith(SUBORDINATE) or COMPLEMENT in analysis.classes[index + 1] \
            or analysis.lower[index + 1] in _SUBORDINATORS or opens_relative(analysis, index + 1)
    return ends_clause(analysis, index)


def _verb_final_end(analysis: Analysis, begin: int, right: int) -> int:
    """The last token of a subordinate clause that runs from before ``begin``: its finite
    verb, when a comma follows it ("…, die nach Angaben der Polizei geflohen sein sollen, wurden
    …") that opens no further subordinate clause ("…, mit dem …"); else ``right``."""
    tags, words = analysis.tags, analysis.tokens.words
    for index in range(begin, right):
        if "FIN" in tags[index] and words[index + 1] == "," and not _opens_clause(analysis, index + 1):
            return index
    return right


def _after_relative(analysis: Analysis, comma: int, right: int) -> int:
    """The first token after a relative clause that describes the source ("Nach Einschätzung
    eines Experten, der vom Sender befragt wurde, würde …"): after the comma that follows its
    finite verb. ``comma`` itself where no relative clause opens there."""
    words, tags = analysis.tokens.words, analysis.tags
    if words[comma - 1] == ",":  # the source took in its comma
        comma -= 1
    if tags is None or comma + 1 > right or words[comma] != "," or not (
            tags[comma + 1].startswith("PREL") or opens_relative(analysis, comma + 1)):
        return comma
    for index in range(comma + 2, right):
        if "FIN" in tags[index] and words[index + 1] == ",":
            return index + 2
    return comma


def _only_marks(words: list[str], begin: int, end: int) -> bool:
    return all(not words[i][0].isalnum() for i in range(begin, end))


# Subordinating conjunctions that the lexicon tags as something else more often ("da": ADV).
_SUBORDINATORS = frozenset({"da", "während", "damit"})
