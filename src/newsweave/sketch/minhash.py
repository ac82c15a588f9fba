"""MinHash signatures of shingle-hash sets, many documents per numpy call.

The permutations are datasketch's universal hashing (its ``"legacy"`` scheme, the only one
before datasketch 2.0): for each of ``num_perm`` pairs (a, b) drawn from
``numpy.random.RandomState(seed)`` exactly as datasketch draws them, a shingle hash x becomes
``((a * x + b) mod (2^61 - 1)) & (2^32 - 1)``, with x the low 32 bits of the shingle hash and
``a * x + b`` wrapping modulo 2^64 as in datasketch. A signature is the column-wise minimum over
a document's shingles, so ours equal datasketch's ``MinHash(scheme="legacy")`` bit for bit
when it is given the same 32-bit hashes (tests/test_sketch.py checks this).

Speed comes from things datasketch does not do: documents are batched so that one numpy call
covers many of them (``np.minimum.reduceat``), the work arrays are laid out permutation-major
so that every pass, the reduction included, runs along contiguous memory, the batch is cut
into blocks that stay in the CPU cache, and the modulo is a shift-and-add instead of a 64-bit
division.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import numpy as np

from newsweave.errors import ConfigError

MERSENNE_PRIME = (1 << 61) - 1
# The signature of a document without shingles: every slot at its largest value. jaccard()
# gives 0.0 for it and LSHIndex never buckets it, so empty texts match nothing, not even each
# other. (A non-empty document reaches it with probability 2^-32 per slot: never, in practice.)
EMPTY_VALUE = np.uint32(0xFFFFFFFF)

_LOW32 = np.uint64(0xFFFFFFFF)
_SHIFT61 = np.uint64(61)
# Permuted values per block (shingles x num_perm). Calibrated on an AMD EPYC (2 MB L2 per
# core, 32 MB L3), 400-shingle documents, num_perm=128, whole kernel per value: 1M values
# (two 8 MB work arrays) 0.7 ns; 256K 1.3 ns, 512K 1.0 ns; 2M 1.1 ns and 4M 1.5 ns, where the
# work arrays no longer fit in the L3 between passes.
_BLOCK_VALUES = 1 << 20


class MinHasher:
    """Makes MinHash signatures (``uint32`` arrays of ``num_perm`` values) from shingle hashes.

    Args:
        num_perm: Number of permutations, the signature length. The standard error of a
            Jaccard estimate is ``sqrt(J * (1 - J) / num_perm)``, at most 0.044 for 128.
        seed: Seed of the permutations; only signatures of the same seed compare.

    Raises:
        ConfigError: ``num_perm`` or ``seed`` is not a valid int.

    Example:
        >>> from newsweave.sketch import shingle_hashes
        >>> hasher = MinHasher(num_perm=64)
        >>> one = hasher.signature(shingle_hashes("the cat sat on the mat and purred"))
        >>> two = hasher.signature(shingle_hashes("the cat sat on the mat and slept"))
        >>> one.shape, 0.3 < jaccard(one, two) < 0.9
        ((64,), True)
    """

    __slots__ = ("_a", "_b", "num_perm", "seed")

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        _check_int("num_perm", num_perm, 1, 1 << 32, "the signature length, e.g. 128")
        _check_int("seed", seed, 0, (1 << 32) - 1, "any int in [0, 2^32), e.g. 1")
        self.num_perm = num_perm
        self.seed = seed
        self._a, self._b = _permutations(num_perm, seed)

    def __repr__(self) -> str:
        return f"MinHasher(num_perm={self.num_perm}, seed={self.seed})"

    def signature(self, hashes: np.ndarray) -> np.ndarray:
        """The signature of one document's shingle hashes (see ``signatures``)."""
        return self.signatures([hashes])[0]

    def signatures(self, hash_arrays: Sequence[np.ndarray]) -> np.ndarray:
        """Signatures of many documents at once.

        Args:
            hash_arrays: One array of ``uint64`` shingle hashes per document, as from
                ``shingle_hashes``; duplicates are harmless.

        Returns:
            A ``uint32`` array of shape ``(len(hash_arrays), num_perm)``. A document without
            shingles gets the all-``EMPTY_VALUE`` signature, which matches nothing.

        Raises:
            TypeError: An array does not hold unsigned 64-bit or non-negative integers.
        """
        arrays = [_as_hashes(hashes) for hashes in hash_arrays]
        out = np.full((len(arrays), self.num_perm), EMPTY_VALUE, dtype=np.uint32)
        lengths = np.fromiter(map(len, arrays), dtype=np.int64, count=len(arrays))
        block = max(_BLOCK_VALUES // self.num_perm, 1)
        work = _Work(min(block, max(int(lengths.sum()), 1)), self.num_perm)
        for start, stop in _blocks(lengths, work.block):
            if stop - start == 1:
                out[start] = self._one(arrays[start], work)
            else:
                self._many(arrays[start:stop], lengths[start:stop], work, out[start:stop])
        return out

    def _one(self, hashes: np.ndarray, work: _Work) -> np.ndarray:
        """One document's signature, in blocks when it has more shingles than a block."""
        signature = np.full(self.num_perm, EMPTY_VALUE, dtype=np.uint32)
        for start in range(0, len(hashes), work.block):
            permuted = self._permute(hashes[start:start + work.block], work)
            np.minimum(signature, permuted.min(axis=1), out=signature)
        return signature

    def _many(self, arrays: list[np.ndarray], lengths: np.ndarray, work: _Work,
              out: np.ndarray) -> None:
        """Signatures of documents whose shingles fit in one block together."""
        filled = np.flatnonzero(lengths)
        if not len(filled):
            return
        permuted = self._permute(np.concatenate([arrays[i] for i in filled]), work)
        starts = np.concatenate(([0], np.cumsum(lengths[filled])[:-1]))
        out[filled] = np.minimum.reduceat(permuted, starts, axis=1).T

    def _permute(self, hashes: np.ndarray, work: _Work) -> np.ndarray:
        """The permuted values of a block, shape (num_perm, len(hashes)), below 2^32."""
        values, high = work.views(len(hashes))
        np.multiply(self._a[:, None], hashes & _LOW32, out=values)
        np.add(values, self._b[:, None], out=values)
        # y mod (2^61 - 1) is (y & (2^61 - 1)) + (y >> 61) as 2^61 = 1 there; only the low 32
        # bits are kept, where the mask changes nothing, so it is skipped. The fold leaves out
        # the final "subtract the prime once more" when y's low 61 bits are within 7 of the
        # prime: 2^-58 of values, which never changes a signature in practice.
        np.right_shift(values, _SHIFT61, out=high)
        np.add(values, high, out=values)
        np.bitwise_and(values, _LOW32, out=values)
        return values


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two documents: the share of equal slots.

    Returns 0.0 when either signature is the empty-document signature.

    Raises:
        ConfigError: The signatures differ in length (made with different ``num_perm``).

    Example:
        >>> from newsweave.sketch import shingle_hashes
        >>> hasher = MinHasher(num_perm=32)
        >>> sig = hasher.signature(shingle_hashes("a b c d e f g"))
        >>> jaccard(sig, sig), jaccard(sig, hasher.signature(shingle_hashes("")))
        (1.0, 0.0)
    """
    sig_a, sig_b = np.asarray(sig_a), np.asarray(sig_b)
    if sig_a.shape != sig_b.shape or sig_a.ndim != 1:
        raise ConfigError(f"signatures must be 1-d and of one length, got shapes {sig_a.shape} and "
                          f"{sig_b.shape}: make both with the same MinHasher (same num_perm)")
    if is_empty(sig_a) or is_empty(sig_b):
        return 0.0
    return float(np.count_nonzero(sig_a == sig_b)) / len(sig_a)


def is_empty(signature: np.ndarray) -> bool:
    """Whether this is the signature of a document without shingles."""
    return bool(np.all(np.asarray(signature) == EMPTY_VALUE))


class _Work:
    """Work arrays reused across blocks, so that the hot loop allocates nothing."""

    __slots__ = ("block", "high", "num_perm", "values")

    def __init__(self, block: int, num_perm: int) -> None:
        self.block = block  # shingles per block
        self.num_perm = num_perm
        self.values = np.empty(block * num_perm, dtype=np.uint64)
        self.high = np.empty(block * num_perm, dtype=np.uint64)

    def views(self, shingles: int) -> tuple[np.ndarray, np.ndarray]:
        """Contiguous (num_perm, shingles) views of the work arrays."""
        size = shingles * self.num_perm
        shape = (self.num_perm, shingles)
        return self.values[:size].reshape(shape), self.high[:size].reshape(shape)


def _blocks(lengths: np.ndarray, rows: int) -> Iterator[tuple[int, int]]:
    """Runs of consecutive documents with at most ``rows`` shingles in all (or one document)."""
    start, total = 0, 0
    for index, length in enumerate(lengths.tolist()):
        if total + length > rows and index > start:
            yield start, index
            start, total = index, 0
        total += length
    if start < len(lengths):
        yield start, len(lengths)


def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's (a, b) pairs: drawn one pair at a time, a in [1, p), b in [0, p)."""
    generator = np.random.RandomState(seed)
    prime = np.uint64(MERSENNE_PRIME)
    pairs = [(generator.randint(1, prime, dtype=np.uint64), generator.randint(0, prime, dtype=np.uint64))
             for _ in range(num_perm)]
    a, b = np.array(pairs, dtype=np.uint64).T
    return np.ascontiguousarray(a), np.ascontiguousarray(b)


def _as_hashes(hashes: np.ndarray) -> np.ndarray:
    """The array as uint64, refusing floats and negatives that would hash as garbage."""
    array = np.asarray(hashes)
    if array.dtype == np.uint64:
        return array.ravel()
    if array.size == 0:
        return np.empty(0, dtype=np.uint64)
    if array.dtype.kind not in "iu" or array.min() < 0:
        raise TypeError(f"shingle hashes must be non-negative integers (uint64 from shingle_hashes()), "
                        f"got an array of {array.dtype}")
    return array.astype(np.uint64).ravel()


def _check_int(name: str, value: object, low: int, high: int, hint: str) -> None:
    """Raise ConfigError unless value is an int in [low, high]."""
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        kind = "a positive int" if low == 1 else f"an int in [{low}, {high}]"
        raise ConfigError(f"{name} must be {kind} ({hint}), got {value!r}")
