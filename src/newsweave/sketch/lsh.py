"""Locality-sensitive hashing of MinHash signatures: which documents to compare at all.

A signature is cut into ``bands`` bands of ``rows`` values; two documents become candidates
when any band is equal, which for Jaccard similarity s happens with probability
``1 - (1 - s^rows)^bands``, an S-curve around the threshold. ``optimal_params`` picks the
(bands, rows) that minimise the weighted area of false positives below the threshold and false
negatives above it, as datasketch's ``_optimal_param`` does (same grid, same order, exact
integrals instead of adaptive quadrature; tests/sketch/test_sketch.py checks they agree).
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import xxhash

from newsweave.errors import ConfigError
from newsweave.sketch.minhash import EMPTY_VALUE, is_empty

# Buckets with more members than this yield a star, not every pair: see candidate_pairs.
# 50 members are 1,225 pairs; a wire story reprinted by dozens of outlets stays exact.
DEFAULT_MAX_CLIQUE = 50
# Gauss-Legendre with k nodes integrates polynomials of degree < 2k exactly, and the
# collision probability has degree bands * rows <= num_perm; past 256 nodes the error is
# already far below float precision for any practical num_perm.
_MAX_NODES = 256
_GRID_CHUNK = 4096  # (bands, rows) pairs per numpy call, to bound memory for huge num_perm


@dataclass(frozen=True, slots=True)
class LSHParams:
    """How signatures are cut: ``bands`` bands of ``rows`` values each."""

    bands: int
    rows: int


def optimal_params(threshold: float, num_perm: int,
                   weights: tuple[float, float] = (0.5, 0.5)) -> LSHParams:
    """The (bands, rows) minimising the weighted false positive and false negative areas.

    Args:
        threshold: Jaccard similarity in [0, 1] that should separate pairs from non-pairs.
        num_perm: Signature length; ``bands * rows`` never exceeds it.
        weights: (false positive weight, false negative weight), summing to 1. Weigh false
            negatives more to favour recall, e.g. (0.3, 0.7).

    Returns:
        The parameters, the first minimum in datasketch's order (bands, then rows, ascending).

    Raises:
        ConfigError: An argument is out of range.

    Example:
        >>> optimal_params(0.5, 128), optimal_params(0.9, 128)
        (LSHParams(bands=25, rows=5), LSHParams(bands=5, rows=25))
    """
    _check_arguments(threshold, num_perm, weights)
    return _optimal_params(float(threshold), num_perm, (float(weights[0]), float(weights[1])))


@lru_cache(maxsize=128)
def _optimal_params(threshold: float, num_perm: int, weights: tuple[float, float]) -> LSHParams:
    """optimal_params on checked arguments, cached: the grid search takes ~10 ms for 128."""
    bands, rows = _grid(num_perm)
    nodes = min(num_perm // 2 + 1, _MAX_NODES)
    errors = np.concatenate([
        weights[0] * _collision_area(bands[i:i + _GRID_CHUNK], rows[i:i + _GRID_CHUNK], 0.0, threshold,
                                     nodes)
        + weights[1] * _miss_area(bands[i:i + _GRID_CHUNK], rows[i:i + _GRID_CHUNK], threshold, nodes)
        for i in range(0, len(bands), _GRID_CHUNK)
    ])
    best = int(np.argmin(errors))
    return LSHParams(bands=int(bands[best]), rows=int(rows[best]))


class LSHIndex:
    """An in-memory LSH index of MinHash signatures, for lookups and for all candidate pairs.

    Each band of a signature is hashed with xxh3_64 from its bytes, and the index keeps one
    dict per band from that hash to the documents in the bucket. Inserting after querying or
    listing pairs is fine; the index only grows.

    Args:
        threshold: Jaccard similarity the index is tuned for (see ``optimal_params``).
        num_perm: Signature length, as given to ``MinHasher``.
        weights: (false positive weight, false negative weight) for ``optimal_params``.
        params: Explicit (bands, rows), bypassing ``optimal_params``.
        max_clique: Buckets with more members yield a star instead of every pair.

    Raises:
        ConfigError: An argument is out of range.

    Example:
        >>> from newsweave.sketch import MinHasher, shingle_hashes
        >>> hasher, index = MinHasher(), LSHIndex(threshold=0.5)
        >>> text = "the quick brown fox jumps over the lazy dog " * 20
        >>> index.insert("a", hasher.signature(shingle_hashes(text)))
        >>> index.insert("b", hasher.signature(shingle_hashes(text + " again")))
        >>> sorted(index.query(hasher.signature(shingle_hashes(text)))), list(index.candidate_pairs())
        (['a', 'b'], [('a', 'b')])
    """

    __slots__ = ("_ids", "_keys", "_tables", "max_clique", "num_perm", "params", "threshold")

    def __init__(self, threshold: float = 0.5, num_perm: int = 128, *,
                 weights: tuple[float, float] = (0.5, 0.5), params: LSHParams | None = None,
                 max_clique: int = DEFAULT_MAX_CLIQUE) -> None:
        self.params = params if params is not None else optimal_params(threshold, num_perm, weights)
        _check_params(self.params, num_perm)
        if isinstance(max_clique, bool) or not isinstance(max_clique, int) or max_clique < 2:
            raise ConfigError(f"max_clique must be an int >= 2 (largest bucket given all its pairs, "
                              f"e.g. {DEFAULT_MAX_CLIQUE}), got {max_clique!r}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.max_clique = max_clique
        self._keys: list[Hashable] = []
        self._ids: dict[Hashable, int] = {}
        # A bucket is the int id of its only member (most buckets: saves a list each) or a
        # list of ids in insertion order.
        self._tables: list[dict[int, int | list[int]]] = [{} for _ in range(self.params.bands)]

    def __repr__(self) -> str:
        return (f"LSHIndex(threshold={self.threshold}, num_perm={self.num_perm}, "
                f"bands={self.params.bands}, rows={self.params.rows}, keys={len(self._keys)})")

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        return key in self._ids

    def insert(self, key: Hashable, signature: np.ndarray) -> None:
        """Add a document. An empty-document signature is kept as a key but never bucketed.

        Raises:
            ConfigError: The key is already in the index, or the signature has the wrong
                length or type.
        """
        self.insert_many([key], self._one_row(signature))

    def insert_many(self, keys: Sequence[Hashable], signatures: np.ndarray) -> None:
        """Add many documents: ``insert`` for each, checked and converted once for all.

        Args:
            keys: One unique key per document.
            signatures: Their signatures, shape ``(len(keys), num_perm)``, e.g. from
                ``MinHasher.signatures``.

        Raises:
            ConfigError: A key is already in the index or given twice (then nothing is
                inserted), or the signatures do not match the keys or ``num_perm``.
        """
        matrix = self._check_signatures(signatures)
        keys = list(keys)
        if len(keys) != len(matrix):
            raise ConfigError(f"got {len(keys)} keys for {len(matrix)} signatures: "
                              "give one key per signature")
        self._check_new_keys(keys)
        empty = np.all(matrix == EMPTY_VALUE, axis=1)
        data = np.ascontiguousarray(matrix, dtype=np.uint64).tobytes()
        size = self.num_perm * 8
        for row, key in enumerate(keys):
            self._add(key, [] if empty[row] else self._band_hashes(data, row * size))

    def _add(self, key: Hashable, bands: list[int]) -> None:
        """Record the key and put it in the bucket of each band hash."""
        ident = len(self._keys)
        self._keys.append(key)
        self._ids[key] = ident
        for table, band in zip(self._tables, bands, strict=False):
            bucket = table.get(band)
            if bucket is None:
                table[band] = ident
            elif type(bucket) is int:
                table[band] = [bucket, ident]
            else:
                bucket.append(ident)

    def query(self, signature: np.ndarray) -> set[Hashable]:
        """Keys of the documents sharing at least one band with this signature."""
        matrix = self._check_signatures(self._one_row(signature))
        if is_empty(matrix[0]):
            return set()
        data = np.ascontiguousarray(matrix[0], dtype=np.uint64).tobytes()
        found: set[int] = set()
        for table, band in zip(self._tables, self._band_hashes(data, 0), strict=True):
            bucket = table.get(band)
            if bucket is None:
                continue
            if type(bucket) is int:
                found.add(bucket)
            else:
                found.update(bucket)
        return {self._keys[ident] for ident in found}

    def candidate_pairs(self) -> Iterator[tuple[Hashable, Hashable]]:
        """Each pair of documents sharing a bucket, once, earlier-inserted key first.

        A bucket with more than ``max_clique`` members yields a star: its first member with
        each other member, so 10,000 copies of one text give 9,999 pairs, not 50 million. That
        is safe for building origins with union-find: everything in a bucket is a candidate
        of everything else there, and a star joins exactly the same members into one group as
        all the pairs would. It is not the same when pairs are verified one by one before the
        union (e.g. by estimated Jaccard), since an edge that passes may not go through the
        first member; buckets that large come from (near-)copies, which verify anyway.

        Do not insert while iterating (the buckets would change under the loop); use
        ``list(index.candidate_pairs())`` first.
        """
        seen: set[int] = set()
        size = len(self._keys)
        for table in self._tables:
            for bucket in table.values():
                if type(bucket) is int:
                    continue
                for first, second in _bucket_pairs(bucket, self.max_clique):
                    code = first * size + second
                    if code not in seen:
                        seen.add(code)
                        yield self._keys[first], self._keys[second]

    def _band_hashes(self, data: bytes, start: int) -> list[int]:
        """The xxh3_64 of the bytes of each band of the signature at ``data[start:]``.

        Signatures are hashed as uint64 values, so that a uint32 signature and the same values
        as uint64 (e.g. datasketch's) land in the same buckets.
        """
        width = self.params.rows * 8
        return [xxhash.xxh3_64_intdigest(data[offset:offset + width])
                for offset in range(start, start + self.params.bands * width, width)]

    def _check_signatures(self, signatures: np.ndarray) -> np.ndarray:
        """The signatures as a 2-d int array of num_perm columns, or ConfigError."""
        matrix = np.asarray(signatures)
        if matrix.ndim != 2 or matrix.shape[1] != self.num_perm or matrix.dtype.kind not in "iu":
            raise ConfigError(f"signatures must be int arrays of {self.num_perm} values, got "
                              f"{matrix.dtype} of shape {matrix.shape[1:]}: make them with MinHasher("
                              f"num_perm={self.num_perm}) or give the index their num_perm")
        return matrix

    def _one_row(self, signature: np.ndarray) -> np.ndarray:
        """One signature as a 1-row matrix, or ConfigError."""
        row = np.asarray(signature)
        if row.ndim != 1:
            raise ConfigError(f"a signature must be a 1-d array of {self.num_perm} values, got shape "
                              f"{row.shape}: use insert_many for many signatures at once")
        return row[None, :]

    def _check_new_keys(self, keys: list[Hashable]) -> None:
        """ConfigError unless every key is new and given once."""
        for key in keys:
            if key in self._ids:
                raise ConfigError(f"key {key!r} is already in the index: keys must be unique "
                                  "(use the article id)")
        if len(set(keys)) != len(keys):
            raise ConfigError("the keys given are not unique: give each document its own key")


def _bucket_pairs(members: list[int], max_clique: int) -> Iterator[tuple[int, int]]:
    """All pairs of a small bucket; the first member with each other one for a large one."""
    if len(members) > max_clique:
        first = members[0]
        for other in members[1:]:
            yield first, other
        return
    for index, first in enumerate(members):
        for second in members[index + 1:]:
            yield first, second


def _grid(num_perm: int) -> tuple[np.ndarray, np.ndarray]:
    """Every (bands, rows) with bands * rows <= num_perm, in datasketch's search order."""
    pairs = [(bands, rows) for bands in range(1, num_perm + 1) for rows in range(1, num_perm // bands + 1)]
    grid = np.array(pairs, dtype=np.float64)
    return grid[:, 0], grid[:, 1]


def _collision_area(bands: np.ndarray, rows: np.ndarray, low: float, high: float,
                    nodes: int) -> np.ndarray:
    """Integral over [low, high] of the probability of sharing a band (false positives)."""
    points, weights = _legendre(low, high, nodes)
    collide = 1.0 - (1.0 - points[None, :] ** rows[:, None]) ** bands[:, None]
    return collide @ weights


def _miss_area(bands: np.ndarray, rows: np.ndarray, low: float, nodes: int) -> np.ndarray:
    """Integral over [low, 1] of the probability of sharing no band (false negatives)."""
    points, weights = _legendre(low, 1.0, nodes)
    return ((1.0 - points[None, :] ** rows[:, None]) ** bands[:, None]) @ weights


def _legendre(low: float, high: float, nodes: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre points and weights on [low, high]."""
    points, weights = np.polynomial.legendre.leggauss(nodes)
    half = (high - low) / 2.0
    return half * points + (high + low) / 2.0, half * weights


def _check_arguments(threshold: float, num_perm: int, weights: tuple[float, float]) -> None:
    """Raise ConfigError for arguments optimal_params cannot use."""
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        raise ConfigError(f"threshold must be a Jaccard similarity in [0, 1], e.g. 0.5, got {threshold!r}")
    if isinstance(num_perm, bool) or not isinstance(num_perm, int) or num_perm < 2:
        raise ConfigError(f"num_perm must be an int >= 2 (the MinHasher's signature length, e.g. 128), "
                          f"got {num_perm!r}")
    if (len(weights) != 2 or any(not isinstance(w, (int, float)) or not 0.0 <= w <= 1.0 for w in weights)
            or not math.isclose(sum(weights), 1.0)):
        raise ConfigError(f"weights must be (false positive weight, false negative weight) in [0, 1] "
                          f"summing to 1, e.g. (0.5, 0.5), got {weights!r}")


def _check_params(params: LSHParams, num_perm: int) -> None:
    """Raise ConfigError when the bands do not fit in the signature."""
    if params.bands < 1 or params.rows < 1 or params.bands * params.rows > num_perm:
        raise ConfigError(f"bands and rows must be positive with bands * rows <= num_perm, got "
                          f"{params.bands} * {params.rows} for num_perm={num_perm}. "
                          "Did you forget to pass num_perm?")
