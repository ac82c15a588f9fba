"""MinHash signatures of shingle-hash sets by one-permutation hashing, many documents at once.

Classic MinHash (datasketch's) applies ``num_perm`` hash functions to every shingle and keeps
each function's minimum: ``num_perm`` operations per shingle. One-permutation hashing (Li, Owen
& Zhang, NIPS 2012) hashes each shingle once, sends it to one of ``num_perm`` bins by the high
bits of that hash and keeps, per bin, the minimum of the low 32 bits: one operation per
shingle, and a slot of two signatures still agrees with probability equal to the Jaccard
similarity of the two shingle sets.

A bin that no shingle reached (a short text has many) is filled by optimal densification
(Shrivastava, ICML 2017): it copies the value of the first bin on its probe sequence that a
shingle did reach. The probe sequence depends only on the bin and the seed, never on the
document, so two documents copy from the same bin wherever both have it, which keeps the
estimate unbiased (tests/sketch/test_sketch.py checks it against the true Jaccard and datasketch).

Batches: the shingles of many documents go through each numpy call together, their bins
numbered per document, so the cost is a few passes over all shingles whatever the batch size.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from newsweave.errors import ConfigError
from newsweave.sketch.shingles import fmix64

# The signature of a document without shingles: every slot at its largest value. jaccard()
# gives 0.0 for it and LSHIndex never buckets it, so empty texts match nothing, not even each
# other. (A non-empty document reaches it with probability 2^-32 per slot: never, in practice.)
EMPTY_VALUE = np.uint32(0xFFFFFFFF)

_LOW32 = np.uint64(0xFFFFFFFF)
_SHIFT32 = np.uint64(32)
_GOLDEN = 0x9E3779B97F4A7C15  # 2^64 / golden ratio: spreads consecutive seeds and bins apart


class MinHasher:
    """Makes MinHash signatures (``uint32`` arrays of ``num_perm`` values) from shingle hashes.

    Args:
        num_perm: Signature length (bins). The standard error of a Jaccard estimate is about
            ``sqrt(J * (1 - J) / num_perm)``, at most 0.044 for 128.
        seed: Seed of the hashing; only signatures of the same seed compare.

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

    __slots__ = ("_salt", "num_perm", "seed")

    def __init__(self, num_perm: int = 128, seed: int = 1) -> None:
        _check_int("num_perm", num_perm, 1, 1 << 32, "the signature length, e.g. 128")
        _check_int("seed", seed, 0, (1 << 32) - 1, "any int in [0, 2^32), e.g. 1")
        self.num_perm = num_perm
        self.seed = seed
        self._salt = np.uint64((seed * _GOLDEN) & ((1 << 64) - 1))

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
        if not lengths.sum():
            return out
        mixed = fmix64(np.concatenate(arrays) ^ self._salt)
        # the bin from the high 32 bits (Lemire's multiply-shift range reduction), the value
        # from the low 32, which are independent of them
        bins = ((mixed >> _SHIFT32) * np.uint64(self.num_perm)) >> _SHIFT32
        slots = np.repeat(np.arange(len(arrays), dtype=np.uint64) * np.uint64(self.num_perm), lengths)
        np.minimum.at(out.reshape(-1), slots + bins, (mixed & _LOW32).astype(np.uint32))
        self._densify(out, lengths > 0)
        return out

    def _densify(self, out: np.ndarray, filled_documents: np.ndarray) -> None:
        """Fill each empty bin of a non-empty document from the first reached bin on its probe
        sequence (the same sequence for every document), copying values as they were reached."""
        reached = out != EMPTY_VALUE
        rows, columns = np.nonzero(~reached & filled_documents[:, None])
        attempt = np.uint64(0)
        while len(rows):
            attempt += np.uint64(1)
            probe = self._probe(columns.astype(np.uint64), attempt)
            found = reached[rows, probe]
            out[rows[found], columns[found]] = out[rows[found], probe[found]]
            rows, columns = rows[~found], columns[~found]

    def _probe(self, bins: np.ndarray, attempt: np.uint64) -> np.ndarray:
        """The ``attempt``-th bin on the probe sequence of each of ``bins``."""
        key = (bins << _SHIFT32 | attempt) ^ self._salt
        return ((fmix64(key) >> _SHIFT32) * np.uint64(self.num_perm) >> _SHIFT32).astype(np.intp)


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
