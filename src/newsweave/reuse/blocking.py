"""Candidate pairs for reuse, without comparing all pairs.

Each block is a necessary condition of one kind of reuse, so what it leaves out cannot be that
kind of reuse:
- copies share most of their word 5-grams, so their MinHash signatures collide in an LSH band;
- partial reuse shares passages of a dozen words or more, so the two texts share sampled word
  6-gram anchors (content-defined sampling keeps an anchor in both copies of a passage);
- translations keep names and numbers (Lavrov, Marisol Dawn, 75, 2024) that are rare in the
  corpus, and are published within days of their original; and they report the same story, so
  they are among each other's nearest lead-vector neighbours (``neighbours``, passed in).
Huge buckets (10,000 copies of one text) give a star of pairs, not a clique: union-find over the
star joins them all the same, in linear time.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from datetime import datetime, timedelta

from newsweave.reuse.features import NUM_PERM, ReuseFeatures
from newsweave.sketch import LSHIndex

LSH_THRESHOLD = 0.3
MIN_SHARED_ANCHORS = 2
MIN_SHARED_NAMES = 3
NAME_NEIGHBOURS = 20  # cross-language candidates kept per article, best-scored first
MAX_POSTING = 200  # an anchor or name held by more articles than this is furniture or generic
TIME_WINDOW = timedelta(days=7)

Pair = tuple[str, str]


def candidate_pairs(features: Sequence[ReuseFeatures], new: set[str] | None = None,
                    neighbours: Iterable[Pair] = ()) -> set[Pair]:
    """Pairs (sorted ids) worth comparing; with ``new``, only pairs that involve a new article."""
    known = {item.id for item in features}
    pairs = set(_lsh_pairs(features)) | set(_anchor_pairs(features)) | set(_name_pairs(features))
    pairs |= {pair for pair in neighbours if pair[0] in known and pair[1] in known}
    if new is not None:
        pairs = {pair for pair in pairs if pair[0] in new or pair[1] in new}
    return pairs


def _lsh_pairs(features: Sequence[ReuseFeatures]) -> Iterator[Pair]:
    index = LSHIndex(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for item in features:
        index.insert(item.id, item.signature)
    for first, second in index.candidate_pairs():
        yield _ordered(first, second)


def _anchor_pairs(features: Sequence[ReuseFeatures]) -> Iterator[Pair]:
    postings = _postings((item.id, item.anchors) for item in features)
    shared: dict[Pair, int] = defaultdict(int)
    for members in postings.values():
        for pair in _pairs_of(members):
            shared[pair] += 1
    return (pair for pair, count in shared.items() if count >= MIN_SHARED_ANCHORS)


def _name_pairs(features: Sequence[ReuseFeatures]) -> Iterator[Pair]:
    by_id = {item.id: item for item in features}
    postings = _postings((item.id, item.names) for item in features)
    total = len(features)
    scores: dict[Pair, list[float]] = defaultdict(lambda: [0, 0.0])
    for members in postings.values():
        if len(members) < 2 or len(members) > MAX_POSTING:
            continue
        weight = math.log(1 + total / len(members))
        for first, second in _all_pairs(members):
            a, b = by_id[first], by_id[second]
            if a.language != b.language and _close_in_time(a, b):
                entry = scores[_ordered(first, second)]
                entry[0] += 1
                entry[1] += weight
    return _best_neighbours({p: s[1] for p, s in scores.items() if s[0] >= MIN_SHARED_NAMES})


def _best_neighbours(scores: dict[Pair, float]) -> Iterator[Pair]:
    """Each article's NAME_NEIGHBOURS best-scored pairs (so one big story stays linear)."""
    per_article: dict[str, list[tuple[float, Pair]]] = defaultdict(list)
    for pair, score in scores.items():
        per_article[pair[0]].append((score, pair))
        per_article[pair[1]].append((score, pair))
    kept = set()
    for ranked in per_article.values():
        kept.update(pair for _, pair in sorted(ranked, reverse=True)[:NAME_NEIGHBOURS])
    return iter(kept)


def _postings(items: Iterable[tuple[str, Iterable]]) -> dict[object, list[str]]:
    postings: dict[object, list[str]] = defaultdict(list)
    for article_id, keys in items:
        for key in keys:
            postings[key].append(article_id)
    return postings


def _pairs_of(members: list[str]) -> Iterator[Pair]:
    """All pairs of a small posting list; a star for a large one (see the module docstring)."""
    if len(members) > MAX_POSTING:
        hub = members[0]
        return (_ordered(hub, other) for other in members[1:])
    return _all_pairs(members)


def _all_pairs(members: list[str]) -> Iterator[Pair]:
    for i, first in enumerate(members):
        for second in members[i + 1 :]:
            if first != second:
                yield _ordered(first, second)


def _close_in_time(a: ReuseFeatures, b: ReuseFeatures) -> bool:
    first, second = _day(a.published), _day(b.published)
    return first is None or second is None or abs(first - second) <= TIME_WINDOW


def _day(published: str | None) -> datetime | None:
    if not published:
        return None
    try:
        return datetime.fromisoformat(published[:10])
    except ValueError:
        return None


def _ordered(first: str, second: str) -> Pair:
    return (first, second) if first < second else (second, first)
