"""German clauses of speech that the tagger may miss, found from their grammar: a zu-infinitive
after a verb of saying or intending or a noun of demanding, a "dass" clause after a speech-act
verb or a noun of a view or a claim, a subjunctive clause after a reporting verb. Each is a
quote of the main clause's subject (or the noun's owner), where nothing else was found."""

from __future__ import annotations

from newsweave.quotes.cues import COMPLEMENT, Lexicon, word_set
from newsweave.quotes.features import Analysis
from newsweave.quotes.german.syntax import (
    PURPOSE,
    SUBORDINATE,
    opens_relative,
    reporting_verb,
    unquoted_name_after,
)
from newsweave.quotes.phrases import (
    PHRASE_TOKENS,
    Draft,
    Span,
    oblique_article,
    overlap_test,
    phrase_at,
    sentences_with_speech,
    starts_phrase,
    without_final_stop,
)
from newsweave.quotes.rules import (
    act_subject,
    inverted_subject,
    main_verb,
)


def intention_clauses(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """A zu-infinitive clause after the main clause of a verb of saying or intending ("Der
    Verein sagte zu, die Kosten zu tragen", "Die Partei droht damit, die Wahl nicht
    anzuerkennen") is indirect speech of that clause's subject, as german_news_quotes annotates
    it, where nothing else was found in the sentence: from after the comma to the sentence's
    end. Not a purpose clause ("…, um … zu …"). Only after the listed verbs."""
    if analysis.tags is None:
        return []
    tokens, tags, lower = analysis.tokens, analysis.tags, analysis.lower
    busy = sentences_with_speech(analysis, drafts)
    found = []
    for number, (start, end) in enumerate(tokens.sentences):
        if number in busy:
            continue
        comma = next((i for i in range(start + 2, end - 2) if tokens.words[i] == ","), None)
        if comma is None or analysis.passage[comma] >= 0 or tags[comma + 1] == "KOUI" or \
                lower[comma + 1] in PURPOSE:
            continue
        last = without_final_stop(analysis, start, end) - 1
        if not _zu_infinitive(analysis, comma + 1, last):
            continue
        verb = main_verb(analysis, start, comma)
        cue = None if verb is None else next(
            (i for i in range(verb, comma) if lower[i] in _INTENTION_VERBS), None)
        if cue is None:
            continue
        source = act_subject(analysis, verb, start, comma) or inverted_subject(analysis, verb, start, comma)
        if source is not None:
            found.append(Draft(comma + 1, last, Span("C", cue, cue), source))
    return found


def complement_clauses(analysis: Analysis, drafts: list[Draft], lex: Lexicon) -> list[Draft]:
    """A "dass" or "ob" clause after the main clause of a speech-act or reporting verb, or
    right after a noun of a view ("Zudem verlangen die Studenten, dass …", "Der Verband
    vertritt die Ansicht, dass …"), is indirect speech of that clause's subject, where nothing
    else was found in the sentence: from the complementiser to the sentence's end. Only after
    those verbs and nouns."""
    if analysis.tags is None:
        return []
    tokens = analysis.tokens
    busy = sentences_with_speech(analysis, drafts)
    found = []
    for number, (start, end) in enumerate(tokens.sentences):
        verb = main_verb(analysis, start, end) if number not in busy else None
        comma = _complement_comma(analysis, verb, end, lex) if verb is not None else None
        source = None if comma is None else \
            act_subject(analysis, verb, start, comma) or inverted_subject(analysis, verb, start, comma)
        if source is not None:
            found.append(Draft(comma + 1, without_final_stop(analysis, start, end) - 1,
                               Span("C", verb, verb), source))
    return found


def _complement_comma(analysis: Analysis, verb: int, end: int, lex: Lexicon) -> int | None:
    """The first comma after ``verb`` when a complementiser follows it and the verb reports
    speech or a noun of a view stands before the comma."""
    words, lower = analysis.tokens.words, analysis.lower
    comma = next((i for i in range(verb + 1, end - 2) if words[i] == ","), None)
    if comma is None or analysis.passage[comma] >= 0 or COMPLEMENT not in analysis.classes[comma + 1]:
        return None
    reports = reporting_verb(analysis, verb) or lower[verb] in lex.acts or lower[comma - 1] in _VIEW_NOUNS
    return comma if reports else None


# Nouns of a view or a demand that a "dass" clause states ("vertritt die Ansicht, dass …").
_VIEW_NOUNS = word_set("""ansicht auffassung meinung überzeugung vorgabe hoffnung sorge zweifel
    befürchtung forderung erwartung einschätzung""")


def subjunctive_clauses(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """A clause in the subjunctive after a comma that closes a listed reporting verb ("Die
    Ministerin sagte, die Lage sei ernst", "Dazu erklärte er, man habe …") is indirect speech of
    that verb's subject, where nothing else was found in it but a few quoted words ("die Lage
    sei „ernst“"): the tagger can miss it in a long sentence or paragraph; without a
    complementiser the general patterns leave it."""
    if analysis.tags is None:
        return []
    tokens = analysis.tokens
    taken = overlap_test((d.first, d.last) for d in drafts if not _quoted_term(analysis, d))
    found = []
    for start, end in tokens.sentences:
        last = without_final_stop(analysis, start, end) - 1
        draft = _subjunctive_after_verb(analysis, start, last)
        if draft is not None and not taken(draft.first, draft.last):
            found.append(draft)
    return found


def _opening_subject(analysis: Analysis, start: int, verb: int) -> Span | None:
    """Everything before a verb in second place that a phrase opens, an apposition in
    brackets included ("Jan Ott vom Landesamt (LfU) sagte"), where no other verb stands."""
    tags = analysis.tags
    if verb <= start or not starts_phrase(analysis, start) or oblique_article(analysis, start) or \
            any(tags[i].startswith("V") for i in range(start, verb)):
        return None
    return Span("S", start, verb - 1)


# Tags of a word that opens a clause other than the speech: relative, subordinate, question.
_NOT_SPEECH_OPENERS = ("PREL", "PW", "KOUI", "KON", "APPR", "$")


def _quoted_term(analysis: Analysis, draft: Draft) -> bool:
    """A few words in quotation marks, which a clause of speech may hold."""
    passage = analysis.passage
    return passage[draft.first] >= 0 and passage[draft.first] == passage[draft.last] and \
        draft.last - draft.first < _QUOTED_TERM_TOKENS


# The most tokens of a quoted term that a clause of speech may hold.
_QUOTED_TERM_TOKENS = 5


def _subjunctive_after_verb(analysis: Analysis, start: int, last: int) -> Draft | None:
    """The draft of ``subjunctive_clauses`` in one sentence (tokens ``start`` .. ``last``)."""
    words, tags, lower = analysis.tokens.words, analysis.tags, analysis.lower
    for verb in range(start + 1, last - 2):
        if "FIN" not in tags[verb] or not reporting_verb(analysis, verb) or analysis.passage[verb] >= 0:
            continue
        if any(tags[i].startswith(SUBORDINATE) or lower[i] == "wie" or
               (words[i] == "," and opens_relative(analysis, i + 1)) for i in range(start, verb)):
            return None  # the verb closes a clause inside the subject: "X, wie er sich nannte, ist …"
        # The subject after the verb: a pronoun ("erklärte sie, …") or a name ("sagte Holm, …").
        named = verb + 1 < last and words[verb + 1] != ","
        after = unquoted_name_after(analysis, verb, last) if named else None
        comma = after.last + 1 if after is not None else verb + 1
        if comma + 2 > last or words[comma] != "," or tags[comma + 1].startswith(_NOT_SPEECH_OPENERS) or \
                lower[comma + 1] in PURPOSE:
            return None
        if after is not None and not tags[verb + 1].startswith("PPER") and \
                not _main_clause(analysis, comma + 1, last):
            return None  # after a name the comma may open an apposition: "sagte Ott, Chef der …"
        source = after or act_subject(analysis, verb, start, comma) or _opening_subject(analysis, start, verb)
        return Draft(comma + 1, last, Span("C", verb, verb), source) if source is not None else None
    return None


def _main_clause(analysis: Analysis, first: int, last: int) -> bool:
    """True when tokens ``first`` .. ``last`` open with a main clause: a finite verb before the
    clause's last word ("die Lage sei ernst"), not an apposition without one ("Chef der Firma")
    nor a relative clause that ends with it ("der das Gesetz schrieb")."""
    words = analysis.tokens.words
    end = next((i for i in range(first, last + 1) if words[i] == ","), last + 1)
    end = without_final_stop(analysis, first, end)
    return any("FIN" in analysis.tags[i] for i in range(first, end - 1))


def demand_clauses(analysis: Analysis, drafts: list[Draft]) -> list[Draft]:
    """A zu-infinitive clause after a noun of demanding or proposing and its owner ("die
    Forderung der Gewerkschaft, die Löhne zu erhöhen", "der Vorschlag von Ministerin Berg, …
    zu …") is indirect speech of that owner (the genitive or "von" phrase after the noun), up to
    the clause's end, where no other quote covers it."""
    if analysis.tags is None:
        return []
    tokens, lower, words = analysis.tokens, analysis.lower, analysis.tokens.words
    taken = {i for d in drafts for i in range(d.first, d.last + 1)}
    found = []
    for noun, word in enumerate(lower):
        if word not in _DEMAND_NOUNS or noun in taken or analysis.passage[noun] >= 0:
            continue
        end = tokens.sentence_around(noun)[1]
        owner = _owner_after(analysis, noun + 1, end)
        comma = owner.last + 1 if owner is not None else None
        if comma is None or comma + 2 >= end or words[comma] != "," or \
                not _zu_infinitive(analysis, comma + 1, end - 1) or lower[comma + 1] in PURPOSE:
            continue
        last = next((i - 1 for i in range(comma + 2, end) if words[i] == "," or
                     (i == end - 1 and not words[i][0].isalnum())), end - 1)
        if not any(i in taken for i in range(comma + 1, last + 1)):
            found.append(Draft(comma + 1, last, Span("C", noun, noun), owner))
    return found


def narrow_to_claim_clauses(analysis: Analysis, drafts: list[Draft]) -> None:
    """Speech that is, or (found without a speaker) holds, a "dass" clause right after a noun
    of claiming or suspecting ("Es gab Hinweise, dass …", "der Vorwurf der Opposition, dass …")
    is that clause, and its source is the noun's owner, else the noun itself with its article,
    as german_news_quotes annotates it."""
    if analysis.tags is None:
        return
    tokens, lower, words = analysis.tokens, analysis.lower, analysis.tokens.words
    for draft in drafts:
        if analysis.passage[draft.first] >= 0:
            continue
        start = tokens.sentence_around(draft.first)[0]
        # A speaker found elsewhere yields to the noun right before the clause ("kritisierte die
        # Vermutung, dass …": the claim is the source, not its critic).
        last = draft.last if draft.source is None else draft.first
        for noun in range(max(start, draft.first - PHRASE_TOKENS), last):
            if lower[noun] not in _CLAIM_NOUNS or analysis.passage[noun] >= 0:
                continue
            owner = _owner_after(analysis, noun + 1, draft.last)
            comma = owner.last + 1 if owner is not None else noun + 1
            if comma + 1 > draft.last or words[comma] != "," or lower[comma + 1] not in ("dass", "daß") or \
                    not draft.first <= comma + 1:
                continue
            draft.first = comma + 1
            draft.cue = Span("C", noun, noun)
            draft.source = owner or Span("S", noun - 1 if analysis.tags[noun - 1] == "ART" else noun, noun)
            break


# Nouns of claiming or suspecting that a "dass" clause follows ("Hinweise, dass …").
_CLAIM_NOUNS = word_set("""hinweis hinweise hinweisen annahme andeutung vermutung vermutungen
    behauptung behauptungen vorwurf vorwürfe gerüchte gerücht befürchtung befürchtungen
    meldungen berichte aussage erklärung warnung forderung""")


def _owner_after(analysis: Analysis, first: int, end: int) -> Span | None:
    """A genitive ("des Ministers", "der Gewerkschaft") or "von" phrase right after a noun."""
    if first >= end:
        return None
    lower = analysis.lower
    start = first + 1 if lower[first] == "von" else first
    if start >= end or not (lower[start] in ("des", "der") or (
            lower[first] == "von" and analysis.tokens.words[start][0].isupper())):
        return None
    return phrase_at(analysis, start, end, range(0))


# Nouns of demanding, proposing or announcing that take a zu-infinitive ("die Forderung, … zu …").
_DEMAND_NOUNS = word_set("""forderung forderungen vorschlag vorschläge appell aufforderung aufruf
    bitte ankündigung warnung angebot versprechen plan pläne beschluss entscheidung""")


def _zu_infinitive(analysis: Analysis, first: int, last: int) -> bool:
    """True when tokens ``first`` .. ``last`` hold an infinitive with "zu" before the next comma
    ("…, die Kosten zu tragen", "…, anzuerkennen")."""
    tags, words = analysis.tags, analysis.tokens.words
    for index in range(first, last + 1):
        if words[index] == "," and index > first:
            return False
        if tags[index] == "PTKZU" or "IZU" in tags[index]:
            return True
    return False


# Verbs of saying, promising or intending that take a zu-infinitive ("sagte zu, … zu …"), and
# adjectives of a stated intention after "sein" ("ist bereit, … zu …").
_INTENTION_VERBS = word_set("""zugesagt zusagen sagte sagten sagt versprach versprachen verspricht
    versprochen angeboten bot boten bietet beschlossen beschloss beschlossen beschließt
    entschlossen entschied entschieden aufgefordert forderte forderten fordert rief riefen
    ruft aufgerufen droht drohte drohten plädierte plädiert beteuerte beteuert beteuerten
    angegeben angekündigt kündigte kündigt erwägt erwog überlegt überlegte überlegten plant
    plante planten geplant empfahl empfiehlt empfohlen riet rät geraten bat bittet gebeten
    verlangte verlangt verpflichtete verpflichtet einigten geeinigt appellierte appelliert
    warnte warnt gewarnt zuversichtlich bereit""")
