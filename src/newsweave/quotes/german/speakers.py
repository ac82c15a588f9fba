"""Who the speaker is in German sentence patterns: the subject after the finite verb where an
adjunct opens the sentence, after a quote and a comma, before a colon, the agent of a passive,
the object of "zitieren", the place of "heißt es". The rules read HanTa's tags."""

from __future__ import annotations

from newsweave.quotes.cues import CUE
from newsweave.quotes.features import Analysis
from newsweave.quotes.german.syntax import ends_clause, reporting_verb, subjunctive, unquoted_name_after
from newsweave.quotes.phrases import (
    NAME_TAGS,
    NOMINATIVE,
    Draft,
    Span,
    is_according,
    oblique_article,
    phrase_at,
    run_from,
    starts_phrase,
    without_final_stop,
)
from newsweave.quotes.rules import (
    FINITE_WERDEN,
    inverted_subject,
    main_verb,
    name_after,
    passive_agent,
)


def inverted_sentence_subject(analysis: Analysis, start: int, end: int) -> Span | None:
    """The subject after the finite verb of a sentence that an adjunct opens ("Als Ersatz
    wollen die Staaten sich in Genf treffen.", "Am Ende hatte Berg …", "Besorgt äußerte sich
    Ministerin Ott …"), for speech without a cue in the next one."""
    if analysis.tags is None:
        return None
    verb = main_verb(analysis, start, end)
    if verb is None:
        return None
    if verb + 1 < end and analysis.lower[verb + 1] == "sich":  # "Besorgt äußerte sich Annan"
        verb += 1
    return _phrase_or_name_after(analysis, verb, start, end)


def take_subject_after_adjunct(analysis: Analysis, draft: Draft) -> None:
    """A sentence that opens with a prepositional adjunct puts its subject after the finite
    verb ("Nach dem Treffen sagte der Minister: …", "In seiner Rede warnte sie …"), and so
    does one whose finite verb a pronoun that can only be a subject follows ("Die Bürger
    forderte er auf, …"): that subject is the speaker when the verb is the cue or the
    auxiliary before it ("Im Mai hatte der Minister angekündigt, …"), not a phrase of the
    adjunct or the object."""
    cue, tokens = draft.cue, analysis.tokens
    if cue is None or is_according(analysis, cue):
        return
    start, end = tokens.sentence_around(cue.first)
    verb = main_verb(analysis, start, end)
    if verb is None or draft.first <= verb + 1 and verb <= draft.last:
        return  # the verb or the word after it lies in the content
    if not _verb_of_cue(analysis, verb, cue):
        return
    pronoun = _subject_pronoun(analysis, verb + 1) if verb + 1 < end else None
    if pronoun is not None:
        _take_speaker(draft, pronoun)
    elif analysis.tags[start].startswith("APPR"):
        subject = inverted_subject(analysis, verb, start, end) or unquoted_name_after(analysis, verb, end)
        _take_speaker(draft, subject)


def take_as_clause_subject(analysis: Analysis, draft: Draft) -> None:
    """Speech right after a clause that "wie" opens and a verb closes ("Wie die Polizei
    mitteilte, wurde …") is said by that clause's subject, the phrase after "wie"; it beats
    a phrase the tagger marked outside that clause."""
    tokens = analysis.tokens
    start = tokens.sentence_around(draft.first)[0]
    comma = draft.first - 1
    if analysis.lower[start] != "wie" or comma <= start + 1 or tokens.words[comma] != "," or \
            not analysis.tags[comma - 1].startswith(("VV", "VA", "VM")):
        return
    _take_speaker(draft, run_from(analysis, start + 1, comma, 1, range(0)))


def _verb_of_cue(analysis: Analysis, verb: int, cue: Span) -> bool:
    """True when the finite ``verb`` is the cue, a listed reporting verb, or the auxiliary
    before the cue in its clause (a participle, a particle: "Im Mai hatte sie angekündigt, …",
    "Die Bürger forderte er auf, …")."""
    return cue.first <= verb <= cue.last or CUE in analysis.classes[verb] or (
        verb < cue.first and "," not in analysis.tokens.words[verb:cue.first])


def _take_speaker(draft: Draft, subject: Span | None) -> None:
    """``subject`` becomes the draft's speaker, unless the source found before overlaps it."""
    source = draft.source
    if subject is not None and not (source is not None and subject.first <= source.last and
                                    source.first <= subject.last):
        draft.source = subject


def take_quoted_person(analysis: Analysis, draft: Draft) -> None:
    """Who an active "zitieren" quotes is its object, not its subject ("Die Zeitung zitiert
    einen Zeugen mit den Worten: …", "…, zitiert ihn das Blatt"): the one who said it."""
    tokens, lower = analysis.tokens, analysis.lower
    anchor = draft.cue.first if draft.cue is not None else draft.first
    start, end = tokens.sentence_around(anchor)
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


def take_impersonal_source(analysis: Analysis, draft: Draft) -> None:
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
    start, end = tokens.sentence_around(verb)
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


def take_speaker_before_colon(analysis: Analysis, draft: Draft) -> None:
    """A quoted passage that a colon introduces is said by the subject of the clause before
    the colon; where that clause does not open with its subject, the subject follows the finite
    verb ("Den Vorschlag lehnte der Minister ab: „…“", "Dabei griff sie die Regierung an: „…“",
    "Gegenüber dem Sender sagte er: „…“"), which beats the phrase that opens the clause."""
    passage = analysis.passage[draft.first]
    if passage < 0:
        return
    colon = analysis.quotes[passage].open - 1
    if colon < 0 or analysis.tokens.words[colon] != ":":
        return
    start = analysis.tokens.sentence_around(colon)[0]
    start = max([i + 1 for i in range(start, colon) if ends_clause(analysis, i)] + [start])
    verb = main_verb(analysis, start, colon)
    if verb is None or analysis.passage[verb] >= 0:
        return
    # A pronoun that can only be a subject right before the verb is it ("Er schloss sich … an: „…“").
    opening = _subject_pronoun(analysis, start) if verb == start + 1 else None
    _take_speaker(draft, opening or _subject_after_verb(analysis, verb, start, colon))


def take_speaker_after_quote(analysis: Analysis, draft: Draft) -> None:
    """A quoted passage followed by a comma and a finite verb is said by the subject after
    that verb, whatever the verb ("„…“, beschreibt ein Anwohner die Nacht.", also after its
    reflexive pronoun: "„…“, erinnerte sich die Forscherin."): German puts the reporting
    clause there."""
    tokens, tags = analysis.tokens, analysis.tags
    passage = analysis.passage[draft.last]
    if passage < 0 or analysis.quotes[passage].close is None:
        return
    comma = analysis.quotes[passage].close + 1
    verb, end = comma + 1, tokens.sentence_around(comma)[1] if comma < len(tokens) else 0
    if verb + 1 >= end or tokens.words[comma] != "," or "FIN" not in tags[verb]:
        return
    after = verb + 2 if analysis.lower[verb + 1] == "sich" and verb + 2 < end else verb + 1
    subject = _subject_at(analysis, after, end)
    source = draft.source
    if subject is not None and not (source is not None and verb < source.first < end):
        draft.cue, draft.source = Span("C", verb, verb), subject


def take_passive_agent(analysis: Analysis, draft: Draft) -> None:
    """The agent of a passive cue ("Es wurde von der Ministerin die Vermutung geäußert, …") is
    the speaker, where another phrase was taken."""
    cue = draft.cue
    if cue is None or not analysis.tags[cue.last].startswith("VV(PP"):
        return
    start, end = analysis.tokens.sentence_around(cue.first)
    verb = main_verb(analysis, start, end)
    if verb is None or verb >= cue.first or analysis.lower[verb] not in FINITE_WERDEN:
        return
    _take_speaker(draft, passive_agent(analysis, verb + 1, cue.first))


def take_speaker_after_perfect(analysis: Analysis, draft: Draft) -> None:
    """Reported speech followed by a comma, an auxiliary and a reporting participle that ends
    the sentence ("Es drohe ein Wettlauf, hatte der Präsident in Prag gesagt.") is said by the
    subject after the auxiliary."""
    tokens, tags = analysis.tokens, analysis.tags
    comma, aux = draft.last + 1, draft.last + 2
    if aux + 1 >= len(tokens) or analysis.passage[draft.last] >= 0 or tokens.words[comma] != "," or \
            not tags[aux].startswith("VA") or "FIN" not in tags[aux]:
        return
    end = tokens.sentence_around(aux)[1]
    last = without_final_stop(analysis, aux, end) - 1
    if last <= aux + 1 or not reporting_verb(analysis, last):
        return
    subject = _subject_at(analysis, aux + 1, last)
    if subject is not None:
        draft.cue, draft.source = Span("C", last, last), subject


def _subject_pronoun(analysis: Analysis, index: int) -> Span | None:
    """The word at ``index`` when it is a pronoun that can only be a subject ("er", "ich", "wir";
    not "man", which names no speaker)."""
    return Span("S", index, index) if analysis.lower[index] in NOMINATIVE - {"man"} else None


def _subject_at(analysis: Analysis, index: int, end: int) -> Span | None:
    """The subject that opens at ``index``: such a pronoun or a noun phrase."""
    return _subject_pronoun(analysis, index) or (
        phrase_at(analysis, index, end, range(0)) if starts_phrase(analysis, index) else None)


def _subject_after_verb(analysis: Analysis, verb: int, start: int, end: int) -> Span | None:
    """The subject of a clause when it follows the finite verb: a pronoun that can only be a
    subject ("… sagte er"), or, where no subject opens the clause (an object, an adjunct, an
    adverb: "Dem Sender sagte", "Nach der Sitzung sagte", "Dabei griff"), the noun phrase,
    pronoun or name after the verb."""
    after = verb + 1
    if after >= end:
        return None
    pronoun = _subject_pronoun(analysis, after)
    if pronoun is not None:
        return pronoun
    # The one part before the finite verb (German puts one there) is an adjunct or an object.
    adjunct = analysis.tags[start].startswith("APPR") or oblique_article(analysis, start) or (
        verb == start + 1 and not starts_phrase(analysis, start))
    if not adjunct:
        return None
    return _phrase_or_name_after(analysis, verb, start, end)


def _phrase_or_name_after(analysis: Analysis, verb: int, start: int, end: int) -> Span | None:
    """The subject that follows a finite verb: a noun phrase, else a pronoun or a name."""
    return inverted_subject(analysis, verb, start, end) or name_after(analysis, verb, end)


def narrator(analysis: Analysis, subject: Span) -> bool:
    """True when ``subject`` opens a sentence of narration, in the indicative (a subjunctive one
    is itself reported speech), and names someone known: a name, or a noun after a definite
    article ("Die Ministerin kritisierte den Plan."), not "Experten" or "Eine Studie"."""
    start, end = analysis.tokens.sentence_around(subject.first)
    if any(subjunctive(analysis, i) for i in range(start, end)):
        return False
    if analysis.lower[subject.first] in _DEFINITE and subject.last > subject.first:
        return True
    # A capitalised word the tagger does not know is a name where it knows the sentence's verb
    # ("Larson gab sich optimistisch."), a failed guess where it does not ("Sirenen heulten.").
    names = NAME_TAGS if main_verb(analysis, start, end) is not None else ("NE",)
    return any(analysis.tags[i].startswith(names) for i in range(subject.first, subject.last + 1))


_DEFINITE = frozenset({"der", "die", "das"})
