"""Sketches for near-duplicate and reuse detection: pure algorithms, no I/O.

    shingle_hashes(text) -> MinHasher.signatures(...) -> LSHIndex.insert / candidate_pairs
    -> UnionFind.union -> groups

Example:
    >>> from newsweave.sketch import LSHIndex, MinHasher, UnionFind, shingle_hashes
    >>> texts = {"a": "rain in spain falls mainly on the plain " * 9,
    ...          "b": "rain in spain falls mainly on the plain " * 9 + "today",
    ...          "c": "a different story about markets and banks " * 9}
    >>> hasher, index = MinHasher(), LSHIndex(threshold=0.5)
    >>> signatures = hasher.signatures([shingle_hashes(text) for text in texts.values()])
    >>> for key, signature in zip(texts, signatures):
    ...     index.insert(key, signature)
    >>> groups = UnionFind(texts)
    >>> for first, second in index.candidate_pairs():
    ...     _ = groups.union(first, second)
    >>> sorted(sorted(group) for group in groups.groups())
    [['a', 'b'], ['c']]
"""

from newsweave.sketch.lsh import DEFAULT_MAX_CLIQUE, LSHIndex, LSHParams, optimal_params
from newsweave.sketch.minhash import EMPTY_VALUE, MinHasher, is_empty, jaccard
from newsweave.sketch.shingles import shingle_hashes, tokens
from newsweave.sketch.unionfind import UnionFind

__all__ = [
    "DEFAULT_MAX_CLIQUE", "EMPTY_VALUE", "LSHIndex", "LSHParams", "MinHasher", "UnionFind",
    "is_empty", "jaccard", "optimal_params", "shingle_hashes", "tokens",
]
