"""Part-of-speech tags for the quote tagger's German features, from HanTa's German lexicon.

German reported speech is marked by grammar more than by words: the subjunctive ("er sei",
"sie habe"), a noun phrase before the finite verb as its speaker. Each token gets the tag its
word most often has in the lexicon of HanTa (the Hanover Tagger; its model ships inside its
PyPI package, LGPL-3.0, nothing is downloaded), "UNK…" for a word outside it, and a mark for a
finite verb in the subjunctive I.

The word's most frequent tag, not HanTa's sentence tagger: it helps the quote tagger as much
at a fraction of the cost (the sentence tagger analyses every unknown word, ~1 ms each).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from newsweave.quotes.tokens import Tokens


@dataclass(frozen=True, slots=True)
class TagSet:
    """A language's HanTa model and the tag prefixes the speaker rules read."""

    model: str
    nominal: tuple[str, ...]  # a noun or a pronoun: a speaker's phrase holds one
    not_opening: tuple[str, ...]  # prepositions, conjunctions, adverbs, verbs: never open one


TAG_SETS = {
    "de": TagSet("morphmodel_ger.pgz",  # STTS
                 ("NN", "NE", "ACR", "PPER", "PIS", "PDS", "PRELS", "PWS", "FM", "UNKC", "XY"),
                 ("APPR", "APPO", "APZR", "KOUS", "KOUI", "KON", "KOKOM", "ADV", "PROAV", "PWAV",
                  "PTK", "VV", "VA", "VM", "ADJ(D)", "$")),
}
TAGGED_LANGUAGES = frozenset(TAG_SETS)
SUBJUNCTIVE = "+KI"  # appended to the tag of a finite verb in the subjunctive I
_SEI = frozenset({"sei", "seien", "seiest"})


@lru_cache(maxsize=2)
def _hanta(language: str):
    from HanTa.HanoverTagger import HanoverTagger

    return HanoverTagger(TAG_SETS[language].model)


def tags(tokens: Tokens, language: str) -> list[str] | None:
    """One tag per token ("NN", "VV(FIN)", "VA(FIN)+KI", "UNKC", …), or None for a language
    without a lexicon."""
    if language not in TAGGED_LANGUAGES:
        return None
    hanta = _hanta(language)
    return [_tag(hanta, word) for word in tokens.words]


def word_tag(word: str, language: str) -> str | None:
    """The tag ``word`` most often has in the language's lexicon ("NN" for a common noun,
    "NE" for a name, "UNKC" for a capitalised word outside it), or None for a language
    without a lexicon."""
    return _tag(_hanta(language), word) if language in TAGGED_LANGUAGES else None


@lru_cache(maxsize=200_000)
def _tag(hanta, word: str) -> str:
    lower = hanta.normalize(word)
    if lower not in hanta.cache:  # HanTa's lexicon: word -> (tag, log probability) pairs
        return "UNKC" if word[:1].isupper() else ("UNKl" if word[:1].isalpha() else "UNKp")
    # The word's tags, most probable first, capitalisation counted (HanTa's own scoring; the
    # method is internal, hence the pinned version).
    best = hanta.int2tag[hanta._tag_word(word, cutoff=5, casesensitive=True)[0][0]]
    return best + SUBJUNCTIVE if _subjunctive(hanta, lower, best) else best


def _subjunctive(hanta, lower: str, tag: str) -> bool:
    """A finite verb in the subjunctive I: "sei", "seien", or a present stem + "e" ("habe",
    "könne", "werde"; the indicative "hat", "kann", "wird" differs). A past stem + "e" is
    left out: "hatte", "wurde" are indicative."""
    if not tag.endswith("(FIN)"):
        return False
    if lower in _SEI:
        return True
    if not lower.endswith("e"):
        return False
    morphemes = hanta.analyze(lower, tag, taglevel=3)[1]
    return len(morphemes) > 1 and morphemes[-1] == ("e", "SUF_FIN") and \
        not morphemes[-2][1].endswith("_VAR")
