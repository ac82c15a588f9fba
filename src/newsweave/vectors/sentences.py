"""Sentence vectors per article and model, computed once and kept in the store.

Sentences of two articles are only compared in one model's space, and the model depends on the
languages involved (``embed.sentence_embedder``): ``SentenceVectors.space(languages)`` gives the
space for a pair or a story, with the model's own margins.

Only an article's first MAX_SENTENCES sentences have vectors: two articles are compared through
a matrix of their sentence pairs (claims, cross-language alignment), which two very long texts
would not fit in memory (two 10 MB articles: ~60,000 sentences each, a 72 GB matrix). News
articles are far shorter; a longer text's reuse and claims are found in its first part.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np

from newsweave.records import Article
from newsweave.vectors.embed import Embedder, embed_chunks, sentence_embedder
from newsweave.vectors.stored import VectorStore, decode, encode

MAX_SENTENCES = 1000


class SentenceSpace:
    """One model's sentence vectors: call it with an article for its (n, dim) array."""

    def __init__(self, embedder: Embedder, vectors: Callable[[Article, Embedder], np.ndarray]) -> None:
        self.embedder = embedder
        self._vectors = vectors

    def __call__(self, article: Article) -> np.ndarray:
        return self._vectors(article, self.embedder)


class SentenceVectors:
    """Sentence vectors from the store when there, else embedded (and saved when a store is
    given); ``choose`` maps languages to a model."""

    def __init__(self, store: VectorStore | None = None,
                 choose: Callable[[Iterable[str]], Embedder] = sentence_embedder) -> None:
        self.store = store
        self.choose = choose
        self._memory: dict[tuple[str, str], np.ndarray] = {}

    def space(self, languages: Iterable[str]) -> SentenceSpace:
        """The space for comparing sentences in these languages."""
        return SentenceSpace(self.choose(set(languages)), self._vectors)

    def prefetch(self, groups: Iterable[Sequence[Article]]) -> None:
        """Embed at once, in worker processes where there are many, the sentences of every
        article of ``groups`` (articles compared in one space: a pair, a story) that its
        group's space has not embedded before; later calls then find them in memory."""
        missing: dict[str, tuple[Embedder, dict[str, Article]]] = {}
        for group in groups:
            embedder = self.choose({article.language for article in group})
            for article in group:
                if self._cached(article, embedder) is None:
                    missing.setdefault(embedder.name, (embedder, {}))[1][article.id] = article
        for embedder, articles in missing.values():
            todo = list(articles.values())
            chunks = [_embedded_texts(article) for article in todo]
            for article, vectors in zip(todo, embed_chunks(embedder, chunks), strict=True):
                self._keep(article, embedder, vectors)

    def holding(self, articles: Iterable[Article]) -> SentenceVectors:
        """A copy without the store that holds these articles' vectors found so far (what a
        worker process needs to compare them)."""
        ids = {article.id for article in articles}
        copy = SentenceVectors(None, self.choose)
        copy._memory = {key: vectors for key, vectors in self._memory.items() if key[0] in ids}
        return copy

    def _vectors(self, article: Article, embedder: Embedder) -> np.ndarray:
        vectors = self._cached(article, embedder)
        if vectors is None:
            vectors = embedder.embed(_embedded_texts(article))
            self._keep(article, embedder, vectors)
        return vectors

    def _cached(self, article: Article, embedder: Embedder) -> np.ndarray | None:
        """The article's vectors in this model from memory, else from the store."""
        key = (article.id, embedder.name)
        if key not in self._memory and self.store:
            vectors = self._load(article, embedder)
            if vectors is not None:
                self._memory[key] = vectors
        return self._memory.get(key)

    def _keep(self, article: Article, embedder: Embedder, vectors: np.ndarray) -> None:
        self._memory[(article.id, embedder.name)] = vectors
        if self.store:
            self.store.save_sentence_vectors(article.id, embedder.name, embedder.dim,
                                             encode(vectors))

    def _load(self, article: Article, embedder: Embedder) -> np.ndarray | None:
        data = self.store.sentence_vectors(article.id, embedder.name)
        if data is None:
            return None
        return decode(data).reshape(-1, embedder.dim)[:MAX_SENTENCES]  # a store written before the bound


def _embedded_texts(article: Article) -> list[str]:
    """The texts of the sentences that get vectors."""
    return [article.sentence_text(s) for s in article.sentences[:MAX_SENTENCES]]
