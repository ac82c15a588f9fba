"""A gazetteer that grows from the corpus: names typed in one article are found in all.

A name seen as a person after a title ("President Xi", "ministrin ... Lavrov") counts three
times, one typed by a cue word twice, one the tagger found once; the exonym table seeds major
places and organisations. Lookups cut one case ending on either side, so "Lavrovi" at the start
of an Albanian sentence is found because "Lavrov" was typed elsewhere.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cache

from newsweave.entities.canonical import EXONYM_INDEX, hyphen_base, key_variants, name_tokens
from newsweave.entities.lexicon import FUNCTION_WORD_SET, TITLE_SET

# Votes per kind of evidence. A title or the exonym table outvotes any number of the tagger's
# guesses on one seed-sized corpus ("a name seen as a person after a title is a person
# everywhere"); a cue word counts a few guesses; names found through the gazetteer do not vote.
EVIDENCE_WEIGHT = {"title": 10, "exonym": 10, "cue": 3, "acronym": 1, "model": 1, "gazetteer": 0}
# A name needs this many votes before it is looked for in other articles.
MIN_VOTES = 2
_MAX_TOKENS = 5
_SHORT_GIVEN_FIRST = 4  # "Xi Jinping", "Wang Yi": a short first token may be the family name
ORG_EXONYMS = frozenset({"European Union", "NATO", "United Nations", "BRICS", "Xinhua",
                         "Shanghai Cooperation Organization"})


def exonym_type(canonical: str) -> str:
    """The type of an exonym table entry."""
    return "ORG" if canonical in ORG_EXONYMS else "LOC"


class Gazetteer:
    """Name keys with type votes; ``add`` names, then ``lookup`` or ``retype`` runs."""

    def __init__(self) -> None:
        self.votes: dict[tuple[str, ...], Counter[str]] = {}
        self.strong: set[tuple[str, ...]] = set()  # typed by a title, cue or the exonym table
        self._variants: dict[tuple[str, ...], set[tuple[str, ...]]] = {}

    @classmethod
    def seeded(cls) -> Gazetteer:
        """A gazetteer holding the exonym table's places and organisations (a copy of one built
        once: each story of a run starts from it)."""
        return _seed().copy()

    def copy(self) -> Gazetteer:
        other = Gazetteer()
        other.votes = {key: Counter(votes) for key, votes in self.votes.items()}
        other.strong = set(self.strong)
        other._variants = {variant: set(keys) for variant, keys in self._variants.items()}
        return other

    def add(self, surface: str, kind: str, evidence: str, language: str) -> None:
        """Count one mention's vote for its name (and a person's family name)."""
        weight = EVIDENCE_WEIGHT.get(evidence, 1)
        if not weight:
            return
        key = name_tokens(hyphen_base(surface))
        self.add_key(key, kind, weight, language)
        if kind == "PER" and len(key) > 1:
            self.add_key(key[-1:], kind, weight, language)
            if len(key) == 2 and len(key[0]) <= _SHORT_GIVEN_FIRST:
                self.add_key(key[:1], kind, weight, language)

    def add_key(self, key: tuple[str, ...], kind: str, weight: int, language: str) -> None:
        if len(key) == 1 and (key[0] in FUNCTION_WORD_SET or key[0] in TITLE_SET):
            return
        for variant in key_variants(key, language):
            self._variants.setdefault(variant, set()).add(key)
        self.votes.setdefault(key, Counter())[kind] += weight
        if weight > EVIDENCE_WEIGHT["model"]:
            self.strong.add(key)

    def lookup(self, surface: str, language: str, *, discover: bool = False) -> str | None:
        """The voted type of a name (or of an inflected form of it), if it has enough votes.

        With ``discover`` (finding a name the tagger did not), a one-word name also needs a
        title, cue or exonym behind it: the tagger's own guesses on capitalised common nouns
        (German "Land", "Mann") must not spread through the corpus.
        """
        key = name_tokens(hyphen_base(surface))
        if len(key) > _MAX_TOKENS:
            return None
        totals: Counter[str] = Counter()
        known = sorted(self._known(key, language))  # sorted: ties resolve alike in every process
        for name in known:
            totals.update(self.votes[name])
        if not totals or sum(totals.values()) < MIN_VOTES:
            return None
        if discover and len(key) == 1 and not self.strong.intersection(known):
            return None
        return totals.most_common(1)[0][0]

    def _known(self, key: tuple[str, ...], language: str) -> Iterable[tuple[str, ...]]:
        found: set[tuple[str, ...]] = set()
        for variant in key_variants(key, language):
            found |= self._variants.get(variant, set())
        return found


@cache
def _seed() -> Gazetteer:
    gazetteer = Gazetteer()
    for key, canonical in EXONYM_INDEX.items():
        if len(key) > 1 or len(key[0]) > 2:  # two-letter codes ("US", "BE") only in context
            gazetteer.add_key(key, exonym_type(canonical), EVIDENCE_WEIGHT["exonym"], "sq")
    return gazetteer
