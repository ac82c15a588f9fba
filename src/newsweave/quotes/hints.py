"""What the hand rules find, as token features for the tagger ("hints").

The rules that find a quote from the text alone (quoted passages with a reporting word beside
them, sentence patterns, reported speech acts, and in German the clauses of speech read from
HanTa's tags) run once before the tagger, each on its own, and every token inside a rule's
content, cue or source gets a feature saying so ("hQ", "hQ=<rule>", "hC…", "hS…"). A tagger
trained with them learns how far each rule is to be trusted, and where, from the annotated
train split, instead of a hand-set order of rules deciding it; the same rules still run after
the tagger as passes (``extract``). Only taggers trained with hints read them
(``model.Taggers.hints``).
"""

from __future__ import annotations

from collections.abc import Callable

from newsweave.quotes.cues import Lexicon
from newsweave.quotes.features import Analysis
from newsweave.quotes.german.clauses import (
    complement_clauses,
    demand_clauses,
    intention_clauses,
    subjunctive_clauses,
)
from newsweave.quotes.german.sentences import anaphoric_sentences, attributed_after
from newsweave.quotes.phrases import Draft
from newsweave.quotes.rules import marked_quotes, reported_acts, sentence_patterns

Finder = Callable[[Analysis, Lexicon], list[Draft]]

# Each rule run on its own (no drafts found before it), by a short name.
_FINDERS: tuple[tuple[str, Finder], ...] = (
    ("marked", lambda a, lex: marked_quotes(a, [])),
    ("pattern", lambda a, lex: sentence_patterns(a, [], lex)),
    ("act", lambda a, lex: reported_acts(a, [], lex)),
    ("after", lambda a, lex: attributed_after(a, [], lex)),
    ("anaphor", lambda a, lex: anaphoric_sentences(a, [])),
    ("intent", lambda a, lex: intention_clauses(a, [])),
    ("demand", lambda a, lex: demand_clauses(a, [])),
    ("subj", lambda a, lex: subjunctive_clauses(a, [])),
    ("comp", lambda a, lex: complement_clauses(a, [], lex)),
)


def hint_features(analysis: Analysis, lex: Lexicon) -> list[list[str]]:
    """Per token, the hint features of every rule's find that covers it."""
    out: list[list[str]] = [[] for _ in analysis.tokens.words]
    for name, finder in _FINDERS:
        for draft in finder(analysis, lex):
            _mark(out, draft.first, draft.last, "Q", name)
            for kind, span in (("C", draft.cue), ("S", draft.source)):
                if span is not None:
                    _mark(out, span.first, span.last, kind, name)
    return out


def _mark(out: list[list[str]], first: int, last: int, kind: str, rule: str) -> None:
    """Mark tokens ``first`` .. ``last``; the first also as where the find begins ("hQ^": two
    finds side by side stay two)."""
    out[first].append(f"h{kind}^")
    for index in range(first, last + 1):
        feats = out[index]
        if f"h{kind}" not in feats:
            feats.append(f"h{kind}")
        feats.append(f"h{kind}={rule}")
