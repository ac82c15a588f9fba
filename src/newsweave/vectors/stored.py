"""How vectors are kept: the encoding (float16 bytes, half the space of float32, far finer than
the cosines compared) and the interface of the store that keeps them, written once here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import numpy as np


class VectorStore(Protocol):
    """What the lead and sentence vector caches need of a store (``Store`` implements it)."""

    def lead_vectors(self, model: str, ids: Iterable[str] | None = None) -> dict[str, bytes]: ...

    def save_lead_vectors(self, model: str, vectors: dict[str, bytes]) -> None: ...

    def sentence_vectors(self, article_id: str, model: str) -> bytes | None: ...

    def save_sentence_vectors(self, article_id: str, model: str, dim: int, data: bytes) -> None: ...


def encode(vectors: np.ndarray) -> bytes:
    """One vector or a (n, dim) array as the store keeps it."""
    return vectors.astype(np.float16).tobytes()


def decode(data: bytes, dtype: type = np.float32) -> np.ndarray:
    """Stored bytes as a flat array of ``dtype`` (reshape a sentence array by its dim)."""
    return np.frombuffer(data, dtype=np.float16).astype(dtype)


def decode_all(stored: dict[str, bytes]) -> dict[str, np.ndarray]:
    """Stored vectors by id, decoded."""
    return {key: decode(data) for key, data in stored.items()}
