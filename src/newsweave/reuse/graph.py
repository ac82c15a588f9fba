"""The reuse stage over a store: find candidate pairs, judge them, keep the edges.

Incremental: only pairs that involve an article not compared before are judged, so adding
articles adds edges without redoing the old pairs. Sentence vectors are computed once per
article and model and kept in the store (``newsweave.vectors.sentences``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from newsweave.records import Article
from newsweave.reuse.blocking import candidate_pairs
from newsweave.reuse.edges import ReuseEdge
from newsweave.reuse.features import ReuseFeatures, article_features
from newsweave.reuse.keys import all_keys, stored_candidates
from newsweave.reuse.pairs import NONE, build_edge, compare_articles
from newsweave.reuse.passages import SentenceGrams, sentence_grams
from newsweave.store import Store
from newsweave.vectors.sentences import SentenceVectors

PairFilter = Callable[[str, str], bool]
# Pairs judged per round: the sentences their cross-language pairs need are embedded first, all
# at once (in worker processes), and progress moves on between rounds.
PAIR_BLOCK = 256


def find_reuse(articles: Sequence[Article], sentences: SentenceVectors | None,
               new: set[str] | None = None, on_pair: Callable[[], None] | None = None,
               across: PairFilter | None = None,
               neighbours: Iterable[tuple[str, str]] = (),
               on_total: Callable[[int], None] | None = None,
               features: dict[str, ReuseFeatures] | None = None) -> list[ReuseEdge]:
    """Reuse edges among articles (only pairs involving ``new`` ones when given);
    ``on_total`` hears how many pairs will be judged, ``on_pair`` each one judged;
    ``features`` holds the articles' features computed before (``features_of``).

    ``across`` can veto cross-language candidates before their sentences are embedded (the
    costly part): a translation reports the same story, so pairs whose leads say otherwise
    need not be aligned.
    """
    by_id = {article.id: article for article in articles}
    features = features_of(articles, features)
    grams_cache: dict[str, SentenceGrams] = {}

    def grams(article: Article) -> SentenceGrams:
        if article.id not in grams_cache:
            grams_cache[article.id] = sentence_grams(article)
        return grams_cache[article.id]

    pairs = [(by_id[first], by_id[second])
             for first, second in sorted(candidate_pairs(list(features.values()), new, neighbours))]
    if across is not None:
        pairs = [(a, b) for a, b in pairs if a.language == b.language or across(a.id, b.id)]
    if on_total:
        on_total(len(pairs))
    edges = []
    for start in range(0, len(pairs), PAIR_BLOCK):
        block = pairs[start : start + PAIR_BLOCK]
        if sentences is not None:
            sentences.prefetch((a, b) for a, b in block if a.language != b.language)
        for a, b in block:
            verdict = compare_articles(a, b, sentences, grams)
            if verdict.kind != NONE:
                edges.append(build_edge(a, b, features[a.id], features[b.id], verdict))
            if on_pair:
                on_pair()
    return edges


def update_reuse(store: Store, on_pair: Callable[[], None] | None = None,
                 across: PairFilter | None = None,
                 neighbours: Iterable[tuple[str, str]] = (),
                 stored: Sequence[Article] | None = None,
                 on_total: Callable[[int], None] | None = None) -> int:
    """Compare the articles not compared yet with all stored ones (``stored``, when the caller
    has read them already); returns new edges."""
    articles = list(stored) if stored is not None else list(store.articles())
    new = {a.id for a in articles} - store.reuse_done()
    edges = find_reuse(articles, SentenceVectors(store), new, on_pair, across, neighbours, on_total)
    store.save_reuse(edges, new)
    return len(edges)


def reuse_batch(store: Store, batch: Sequence[Article], on_pair: Callable[[], None] | None = None,
                across: PairFilter | None = None, neighbours: Sequence[tuple[str, str]] = (),
                on_total: Callable[[int], None] | None = None,
                sentences: SentenceVectors | None = None,
                features: dict[str, ReuseFeatures] | None = None) -> int:
    """Compare the batch's articles not compared yet with the stored articles that share a
    block with them (found through the keys the store keeps: ``reuse.keys``) and with their
    lead-vector ``neighbours``; returns new edges. The cost follows the batch and the blocks
    it shares, not the store. ``sentences`` and ``features``, the run's (``analyse`` passes
    them on to the stories), keep what this stage computed; by default the stage's own."""
    inside = {article.id for article in batch}
    index_backlog(store, inside)
    known = {} if features is None else features
    features = features_of(batch, known)
    found = stored_candidates(store, list(features.values()))
    found.update(i for pair in neighbours for i in pair if pair[0] in inside or pair[1] in inside)
    articles = sorted([*batch, *store.articles_by_id(found - inside)],
                      key=lambda a: (a.published is None, a.published or "", a.id))
    new = inside - store.reuse_done_of(inside)
    edges = find_reuse(articles, sentences or SentenceVectors(store), new, on_pair, across, neighbours,
                       on_total, known)
    store.save_reuse(edges, new)
    store.save_reuse_keys({i: all_keys(item) for i, item in features.items()})
    return len(edges)


def index_backlog(store: Store, skip: set[str], chunk: int = 500) -> None:
    """Save the blocking keys of stored articles that have none yet (stored before the keys
    were kept, or never analysed), except ``skip``: a one-time pass over an older store."""
    waiting = [i for i in store.unkeyed_ids() if i not in skip]
    for start in range(0, len(waiting), chunk):
        articles = store.articles_by_id(waiting[start : start + chunk])
        store.save_reuse_keys({a.id: all_keys(article_features(a)) for a in articles})


def features_of(articles: Sequence[Article],
                known: dict[str, ReuseFeatures] | None = None) -> dict[str, ReuseFeatures]:
    """Reuse features by article id, in the articles' order; those in ``known`` are taken from
    it, the others computed and added to it (ids are content hashes: one id, one text)."""
    known = {} if known is None else known
    for article in articles:
        if article.id not in known:
            known[article.id] = article_features(article)
    return {article.id: known[article.id] for article in articles}
