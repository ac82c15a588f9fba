"""The reuse blocks of ``blocking`` kept in the store, so a batch finds its candidates by index
lookups: each analysed article's LSH band hashes, passage anchors and names are saved as
integer keys (``reuse_keys``), and a new article's keys name the stored articles it may reuse or
be reused by. The pairs are then judged by ``graph.find_reuse`` over the batch and those
articles only, with the same rules as a whole-store pass; a key held by more than MAX_POSTING
articles (furniture, a wire story run everywhere) names only its first holder, as a star.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np
import xxhash

from newsweave.reuse.blocking import (
    LSH_THRESHOLD,
    MAX_POSTING,
    MIN_SHARED_ANCHORS,
    MIN_SHARED_NAMES,
    NAME_NEIGHBOURS,
    TIME_WINDOW,
    _day,
)
from newsweave.reuse.features import NUM_PERM, ReuseFeatures
from newsweave.sketch.lsh import optimal_params
from newsweave.sketch.minhash import is_empty
from newsweave.store import Store

_BAND, _ANCHOR, _NAME = b"b", b"a", b"n"


def blocking_keys(features: ReuseFeatures) -> dict[str, set[int]]:
    """The article's keys by kind ("band", "anchor", "name"), as signed 64-bit integers."""
    return {"band": set(_band_keys(features.signature)),
            "anchor": {_key(_ANCHOR, anchor.to_bytes(8, "little")) for anchor in features.anchors},
            "name": {_key(_NAME, name.encode("utf-8", "surrogatepass")) for name in features.names}}


def all_keys(features: ReuseFeatures) -> set[int]:
    return set().union(*blocking_keys(features).values())


def stored_candidates(store: Store, batch: Sequence[ReuseFeatures]) -> set[str]:
    """Stored articles (not in the batch) that share a block with an article of the batch."""
    keys = {item.id: blocking_keys(item) for item in batch}
    holders = store.key_holders({key for kinds in keys.values() for found in kinds.values()
                                 for key in found}, MAX_POSTING)
    inside = {item.id for item in batch}
    found: set[str] = set()
    named: dict[str, Counter[str]] = {}
    for item in batch:
        anchors: Counter[str] = Counter()
        for kind, item_keys in keys[item.id].items():
            for key in item_keys:
                others = [h for h in _posting(holders.get(key, [])) if h not in inside]
                if kind == "band":
                    found.update(others)
                elif kind == "anchor":
                    anchors.update(others)
                elif len(holders.get(key, [])) <= MAX_POSTING:
                    named.setdefault(item.id, Counter()).update(others)
        found.update(other for other, count in anchors.items() if count >= MIN_SHARED_ANCHORS)
    found.update(_name_neighbours(store, named, {item.id: item for item in batch}))
    return found


def _name_neighbours(store: Store, named: dict[str, Counter[str]],
                     batch: dict[str, ReuseFeatures]) -> set[str]:
    """Articles in another language, close in time, that share MIN_SHARED_NAMES names with
    a batch article: its NAME_NEIGHBOURS that share most (``blocking._name_pairs`` then weighs
    the pairs by how rare their names are, over the batch and these)."""
    wanted = {other for counts in named.values() for other, n in counts.items() if n >= MIN_SHARED_NAMES}
    facts = store.language_and_time(wanted)
    kept: set[str] = set()
    for article_id, counts in named.items():
        item = batch[article_id]
        ranked = sorted(((n, other) for other, n in counts.items()
                         if n >= MIN_SHARED_NAMES and other in facts
                         and facts[other][0] != item.language
                         and _close(item.published, facts[other][1])), reverse=True)
        kept.update(other for _, other in ranked[:NAME_NEIGHBOURS])
    return kept


def _posting(holders: list[str]) -> list[str]:
    """A key's holders; of a common key (over MAX_POSTING), the first only: a star."""
    return holders[:1] if len(holders) > MAX_POSTING else holders


def _close(first: str | None, second: str | None) -> bool:
    a, b = _day(first), _day(second)
    return a is None or b is None or abs(a - b) <= TIME_WINDOW


def _band_keys(signature: np.ndarray) -> Iterable[int]:
    """The LSH band hashes of ``blocking``'s index (same threshold and bands), tagged by band."""
    if is_empty(signature):
        return []
    params = optimal_params(LSH_THRESHOLD, NUM_PERM)
    data = np.ascontiguousarray(signature, dtype=np.uint64).tobytes()
    width = params.rows * 8
    return [_key(_BAND + band.to_bytes(2, "little"), data[band * width : (band + 1) * width])
            for band in range(params.bands)]


def _key(tag: bytes, data: bytes) -> int:
    """A signed 64-bit key (what SQLite's INTEGER holds)."""
    value = xxhash.xxh3_64_intdigest(tag + data)
    return value - (1 << 64) if value >= 1 << 63 else value
