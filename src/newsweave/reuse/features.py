"""What the reuse stage needs of an article, computed once: sketches, passage anchors, the
names and numbers that survive translation, and its cited origins."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np
import xxhash

from newsweave.records import Article
from newsweave.reuse.cited import canonical_outlet, find_cited_origins
from newsweave.sketch import MinHasher, shingle_hashes, tokens

NUM_PERM = 128
# Passage anchors: word 6-grams, of which a content-defined quarter is kept (hash % 4 == 0),
# so two texts sharing a passage of ~12 words or more share an anchor whatever their offsets.
_ANCHOR_WORDS = 6
_ANCHOR_SAMPLE = 4
# Names and numbers: capitalised words not at the start of a sentence, and numbers of 2+
# digits. They survive translation (Lavrov, Marisol Dawn, 75, 2024) where other words do not.
_NAME = re.compile(r"(?<=[^\s.!?。“\"«„(]\s)[A-ZÀ-ÖØ-ÞĀ-ŽА-ЯЁ][\w’'-]{2,}|\b\d{2,}\b")
# Numbers as a translation writes them in another language: thousands separators vary
# (12,000 / 12.000 / 12 000), so digit groups are joined; a decimal part (2.5 / 2,5) stays apart.
_NUMBER = re.compile(r"\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?!\d)|\d+")
_HASHER = MinHasher(num_perm=NUM_PERM)


@dataclass(frozen=True, slots=True)
class ReuseFeatures:
    """The reuse stage's view of one article."""

    id: str
    language: str
    published: str | None
    outlet: str | None  # canonical outlet name
    signature: np.ndarray  # MinHash of word 5-gram shingles
    anchors: frozenset[int]  # sampled word 6-gram hashes (passages)
    names: frozenset[str]  # names and numbers, casefolded, accents kept
    cited: tuple[str, ...]  # canonical names of the outlets it cites as its source
    dateline_agency: str | None


def article_features(article: Article) -> ReuseFeatures:
    """Compute the reuse features of one article (pure; safe in a Spark mapPartitions)."""
    cited = find_cited_origins(article.text, article.language)
    agency = next((c.name for c in cited if c.cue == "dateline"), None)
    return ReuseFeatures(
        id=article.id,
        language=article.language,
        published=article.published,
        outlet=canonical_outlet(article.source) if article.source else None,
        signature=_HASHER.signature(shingle_hashes(article.text)),
        anchors=passage_anchors(article.text),
        names=names_and_numbers(article.text),
        cited=tuple(dict.fromkeys(c.name for c in cited)),
        dateline_agency=agency,
    )


def names_and_numbers(text: str) -> frozenset[str]:
    """Capitalised words not at the start of a sentence and numbers of 2+ digits, casefolded
    (scripts without capitals give numbers only)."""
    return frozenset(match.casefold() for match in _NAME.findall(text))


def numbers(text: str) -> frozenset[str]:
    """The numbers of two or more digits in a text, separators and leading zeros removed
    ("12,000" -> "12000"; digits of any script read alike)."""
    found = ("".join(str(unicodedata.decimal(c)) for c in match if c.isdecimal()).lstrip("0")
             for match in _NUMBER.findall(text))  # not int(): a hostile 5,000-digit run raises
    return frozenset(number for number in found if len(number) >= 2)


def passage_anchors(text: str) -> frozenset[int]:
    """Content-defined sample of the text's word 6-grams, as 63-bit hashes."""
    words = tokens(text)
    anchors = set()
    for start in range(len(words) - _ANCHOR_WORDS + 1):
        value = xxhash.xxh3_64_intdigest(" ".join(words[start : start + _ANCHOR_WORDS]).encode()) >> 1
        if value % _ANCHOR_SAMPLE == 0:
            anchors.add(value)
    return frozenset(anchors)
