"""Same-language passage matching: which sentences of one article reappear in another.

Sentences are matched by the containment of their word 3-grams (the share of the shorter
sentence's 3-grams found in the other), not in order: a rewrite moves paragraphs around. Light
edits ("their people" / "their peoples") keep containment high; a paraphrase does not.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import xxhash

from newsweave.records import Article
from newsweave.reuse.align import Link
from newsweave.sketch import tokens

# Calibrated by hand on the seeds and the demo: reprinted sentences with light edits keep
# >= 0.6 of their 3-grams; sentences that only share a stock phrase stay under 0.5.
MIN_CONTAINMENT = 0.5
_MIN_GRAMS = 4  # sentences shorter than this (in 3-grams) are too generic to count
_GRAM = 3


@dataclass(frozen=True, slots=True)
class SentenceGrams:
    """The word 3-gram hashes of each sentence of an article."""

    article_id: str
    grams: tuple[frozenset[int], ...]


def sentence_grams(article: Article) -> SentenceGrams:
    """Word 3-gram hashes per sentence (sentences in article order)."""
    return SentenceGrams(article.id, tuple(
        _grams(article.text[s.start : s.end]) for s in article.sentences))


def _grams(sentence: str) -> frozenset[int]:
    words = tokens(sentence)
    return frozenset(
        xxhash.xxh3_64_intdigest(" ".join(words[i : i + _GRAM]).encode())
        for i in range(len(words) - _GRAM + 1)
    )


def match_sentences(a: SentenceGrams, b: SentenceGrams) -> list[Link]:
    """Each usable sentence of ``a`` linked to its best match in ``b``, when containment is high
    enough; a sentence of ``b`` is used once."""
    postings: dict[int, list[int]] = defaultdict(list)
    for index, grams in enumerate(b.grams):
        for gram in grams:
            postings[gram].append(index)
    links, used = [], set()
    for index, grams in enumerate(a.grams):
        if len(grams) < _MIN_GRAMS:
            continue
        best = _best_match(grams, b.grams, postings, used)
        if best is not None:
            used.add(best[0])
            links.append(Link((index,), (best[0],), best[1]))
    return links


def _best_match(grams, candidates, postings, used) -> tuple[int, float] | None:
    shared: dict[int, int] = defaultdict(int)
    for gram in grams:
        for index in postings.get(gram, ()):
            shared[index] += 1
    best = None
    for index, count in shared.items():
        other = candidates[index]
        if index in used or len(other) < _MIN_GRAMS:
            continue
        score = count / min(len(grams), len(other))
        if score >= MIN_CONTAINMENT and (best is None or score > best[1]):
            best = (index, score)
    return best
