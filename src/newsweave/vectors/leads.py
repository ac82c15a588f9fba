"""Lead vectors (an article's title and first sentences, one vector each): what the clustering,
the reuse veto and the embedding neighbours compare; each lead is embedded once and kept."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from newsweave.records import Article
from newsweave.stories.similarity import lead_text
from newsweave.vectors.embed import Embedder, embed_chunks
from newsweave.vectors.stored import VectorStore, decode_all, encode

# Leads embedded in one call, at most; fewer leads are cut into at least LEAD_CHUNKS calls, so a
# small batch (a watch's ~100 articles) is embedded by every worker (parallel_map runs fewer than
# four items inline, on one thread): a batch of 100 at 100k stored, 14.0-16.3 s -> 10.1-11.5 s.
LEAD_BATCH = 32
LEAD_CHUNKS = 4


class LeadVectors:
    """Lead vectors of articles, embedding only those not embedded before."""

    def __init__(self, embedder: Embedder, store: VectorStore) -> None:
        self.embedder = embedder
        self.store = store

    def load(self, articles: Sequence[Article],
             on_embedded: Callable[[int], None] | None = None) -> dict[str, np.ndarray]:
        """Vectors of these articles (read from the store, which keeps every one embedded);
        each lead not embedded before is embedded once, however many articles share it (a wire
        story run word for word by many outlets)."""
        stored = self.store.lead_vectors(self.embedder.name, [a.id for a in articles])
        sharing: dict[str, list[Article]] = {}
        for article in articles:
            if article.id not in stored:
                sharing.setdefault(lead_text(article.title, article.text), []).append(article)
        if on_embedded:  # those embedded before are done already
            on_embedded(len(articles) - sum(len(group) for group in sharing.values()))
        leads = list(sharing)
        size = min(LEAD_BATCH, max(1, -(-len(leads) // LEAD_CHUNKS)))
        batches = [leads[start : start + size] for start in range(0, len(leads), size)]
        for batch, vectors in zip(batches, embed_chunks(self.embedder, batches), strict=True):
            fresh = {a.id: encode(v) for lead, v in zip(batch, vectors, strict=True)
                     for a in sharing[lead]}
            self.store.save_lead_vectors(self.embedder.name, fresh)
            stored.update(fresh)
            if on_embedded:
                on_embedded(len(fresh))
        return decode_all(stored)
