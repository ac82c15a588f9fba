"""The work after ingest, shared by the command line, the Python API and the benchmarks: lead
vectors, reuse, then stories with their briefs, quotes and entities.

Lead vectors come first: they veto cross-language reuse candidates that cannot be the same
story, and they give the embedding neighbours that propose cross-language candidates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from newsweave.embed import get_embedder
from newsweave.records import Article
from newsweave.reuse.graph import features_of, update_reuse
from newsweave.reuse.neighbours import neighbour_pairs
from newsweave.saved_stories import story_rows
from newsweave.sentence_vectors import SentenceVectors
from newsweave.similarity import same_story_score
from newsweave.store import Store
from newsweave.stories import LeadVectors, Story, build_stories, centred_vectors
from newsweave.worker_pool import shared_workers

# Cross-language pairs whose leads give less than this same-story probability (counting no shared
# names) are not aligned: the translations of reuse_dev score 0.43 and more, those of the demo
# and the seeds above 0.8; 0.2 leaves a wide margin.
REUSE_MIN_SAME_STORY = 0.2

# ``advance(done)`` counts work done; ``advance(0, total=n)`` says how much there is in all.
Advance = Callable[..., None]
# A stage reporter: ``with stage("reuse") as advance: ... advance(n)`` (progress bars, timers).
StageReporter = Callable[[str], AbstractContextManager[Advance]]


@contextmanager
def quiet(name: str) -> Iterator[Advance]:
    """The stage reporter that reports nothing."""
    yield lambda count, total=None: None


@dataclass(frozen=True, slots=True)
class Analysis:
    stories: list[Story]
    new_edges: int


def analyse(store: Store, articles: Sequence[Article], language: str = "en",
            stage: StageReporter = quiet, workers: int | None = None) -> Analysis:
    """Reuse among all stored articles, then the stories of ``articles`` with their briefs
    written in ``language`` where a sentence is; the embedding and each story's brief, quotes and
    entities run in ``workers`` processes (default: one per core; 1: all in this process).

    The stories are saved in the store in one transaction, replacing the saved stories that
    share an article with them (what ``newsweave serve`` shows)."""
    with shared_workers(workers):
        return _analyse(store, list(articles), language, stage)


def _analyse(store: Store, articles: list[Article], language: str, stage: StageReporter) -> Analysis:
    every = list(store.articles()) if len(articles) < store.count_articles() else articles
    with stage("stories: embedding leads") as advance:
        advance(0, total=len(every))
        vectors = LeadVectors(get_embedder(), store).load(every, advance)
    languages = {a.id: a.language for a in every}
    centred = centred_vectors(every, vectors, languages)

    def may_translate(a: str, b: str) -> bool:
        return same_story_score(float(centred[a] @ centred[b])) >= REUSE_MIN_SAME_STORY

    with stage("reuse: comparing candidate pairs") as advance:
        new_edges = update_reuse(store, on_pair=lambda: advance(1), across=may_translate,
                                 neighbours=list(neighbour_pairs(centred, languages)), stored=every,
                                 on_total=lambda total: advance(0, total=total))
    edges = store.reuse_edges({a.id for a in articles})
    with stage("stories: clustering, briefs, quotes, entities"):
        stories = build_stories(articles, edges, features_of(articles), centred,
                                SentenceVectors(store), language)
    store.save_stories(story_rows(stories, {a.id: a for a in articles}))
    return Analysis(stories, new_edges)
