"""German speech acts reported without their words ("Die Gewerkschaft kritisierte den Plan."):
a content the tagger found gets the act's verb as cue and that verb's subject as source, as
german_news_quotes annotates such a sentence. Only where HanTa's tags tell the finite verb."""

from __future__ import annotations

from newsweave.quotes.cues import COMPLEMENT, Lexicon
from newsweave.quotes.features import Analysis
from newsweave.quotes.phrases import (
    Draft,
    Span,
)
from newsweave.quotes.rules import (
    FINITE_WERDEN,
    act_subject,
    inverted_subject,
    main_verb,
    passive_act,
    passive_agent,
)


def attach_reported_act(analysis: Analysis, draft: Draft) -> bool:
    """Give a content that is a whole sentence reporting a speech act ("Als Grund gab die
    Behörde die mangelnde Sicherheit an.") its verb as cue and that verb's subject as source:
    the sentence's first finite verb, a listed reporting verb inside the content. Only where
    tags tell the finite verb."""
    tokens, tags = analysis.tokens, analysis.tags
    start, end = tokens.sentence_around(draft.first)
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


def attach_act_verb(analysis: Analysis, draft: Draft, lex: Lexicon) -> bool:
    """Give reported speech that follows the first finite verb of its sentence, introduced by
    a comma or a complementiser ("Unterdessen verlangen die Grünen, dass …", "Er hofft, dass
    …"), or that follows a speech-act verb, that verb as cue and its subject as source, when no
    listed reporting word is there to be the cue."""
    tokens, tags = analysis.tokens, analysis.tags
    if tags is None or analysis.passage[draft.first] >= 0:
        return False
    start, end = tokens.sentence_around(draft.first)
    verb = main_verb(analysis, start, draft.first)
    if verb is None:
        return False
    introduced = COMPLEMENT in analysis.classes[draft.first] or tokens.words[draft.first - 1] == ","
    if not (introduced or analysis.lower[verb] in lex.acts):
        return False
    # The agent of a passive ("wurden von den Behörden angewiesen, …") spoke, not the subject.
    agent = passive_agent(analysis, verb + 1, draft.first) if analysis.lower[verb] in FINITE_WERDEN else None
    source = agent or act_subject(analysis, verb, start, end) or inverted_subject(analysis, verb, start, end)
    if source is None or source.last >= draft.first:
        return False
    draft.cue, draft.source = Span("C", verb, verb), source
    return True


def attach_passive_act(analysis: Analysis, draft: Draft, lex: Lexicon) -> bool:
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
