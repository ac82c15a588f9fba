"""What several German rules read in a clause: the subjunctive, a listed reporting verb, clause
edges (a semicolon or a colon, a relative clause), a name after a verb."""

from __future__ import annotations

import re

from newsweave.quotes.cues import CUE, NOUN
from newsweave.quotes.features import Analysis
from newsweave.quotes.grammar import SUBJUNCTIVE
from newsweave.quotes.phrases import Span
from newsweave.quotes.rules import name_after


def subjunctive(analysis: Analysis, index: int) -> bool:
    """A verb in the subjunctive I (tagged) or in an unambiguous form of the subjunctive II."""
    return analysis.tags[index].endswith(SUBJUNCTIVE) or \
        _SUBJUNCTIVE_II.fullmatch(analysis.lower[index]) is not None


# Forms of the subjunctive II that are no past indicative ("hätte", "würden", "bestünde").
_SUBJUNCTIVE_II = re.compile(r"(hätt|wär|würd|könnt|müsst|dürft|gäb|käm|stünd|bestünd|ging)"
                             r"e(n|st|t)?")


# Conjunctions of a purpose or manner clause, whatever their tag.
PURPOSE = frozenset({"um", "ohne", "statt", "anstatt"})


def reporting_verb(analysis: Analysis, index: int) -> bool:
    """A listed reporting word that is not a capitalised speech noun ("Berichten zufolge")."""
    classes = analysis.classes[index]
    return CUE in classes and not (NOUN in classes and analysis.tokens.words[index][0].isupper())


def ends_clause(analysis: Analysis, index: int) -> bool:
    """A semicolon, or a colon followed by a space (not the one of "15:00")."""
    word, tokens = analysis.tokens.words[index], analysis.tokens
    if word == ":":
        return index + 1 < len(tokens) and tokens.starts[index + 1] > tokens.ends[index]
    return word == ";"


def opens_relative(analysis: Analysis, index: int) -> bool:
    """A relative clause after a comma: "die" read as an article but followed by no noun
    phrase ("…, die nach Angaben der Polizei …", "…, der sich …"), or a preposition before a
    relative pronoun ("…, unter denen nach Angaben …", "…, mit dem er …")."""
    tags, lower = analysis.tags, analysis.lower
    if index + 1 >= len(tags):
        return False
    if tags[index].startswith("APPR"):
        return tags[index + 1].startswith("PREL") or (
            not tags[index + 1].startswith("APPR") and opens_relative(analysis, index + 1))
    return lower[index] in _RELATIVE_PRONOUNS and tags[index + 1].startswith(_NO_NOUN_AFTER)


SUBORDINATE = ("KOUS", "PRELS", "PWAV")

_RELATIVE_PRONOUNS = frozenset({"der", "die", "das", "dem", "den", "denen", "deren", "dessen"})

# What follows a relative pronoun but never an article: an adverb, a pronoun, a preposition.
_NO_NOUN_AFTER = ("ADV", "APPR", "PPER", "PRF", "PTKNEG", "ART", "PIS", "PROAV")


def unquoted_name_after(analysis: Analysis, verb: int, end: int) -> Span | None:
    """A pronoun or a name right after the verb (``rules.name_after``), outside quotation marks."""
    after = verb + 1
    return name_after(analysis, verb, end) if after < end and analysis.passage[after] < 0 else None
