"""The work after ingest, shared by the command line, the Python API and the benchmarks: lead
vectors, reuse, then stories with their briefs, quotes and entities.

Lead vectors come first: they veto cross-language reuse candidates that cannot be the same
story, and they give the embedding neighbours that propose cross-language candidates.

Every analysis is incremental: its articles are a batch that joins the stories saved in the
store (``incremental`` finds those it touches, ``stories.ids`` keeps their ids), and what it reads
of the store follows the batch and what it touches, not the store's size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field

import numpy as np

from newsweave.records import Article
from newsweave.reuse.graph import features_of, reuse_batch
from newsweave.reuse.neighbours import neighbour_pairs
from newsweave.runtime.incremental import batch_window, open_stories, touched_stories
from newsweave.runtime.workers import shared_workers
from newsweave.store import Store
from newsweave.store.story_rows import SavedStory
from newsweave.stories.build import (
    Story,
    brief_stories,
    group_stories,
    largest_first,
    store_centres,
)
from newsweave.stories.ids import name_groups
from newsweave.stories.saved import story_rows
from newsweave.stories.similarity import same_story_score
from newsweave.vectors.embed import Embedder, get_embedder
from newsweave.vectors.leads import LeadVectors
from newsweave.vectors.sentences import SentenceVectors
from newsweave.vectors.stored import decode_all

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
class StoryAnalysis:
    """The stories the batch touched, as saved, and every article they hold (the batch's and
    the earlier members of the saved stories it joined)."""

    stories: list[Story]
    new_edges: int
    articles: list[Article] = field(default_factory=list)


def analyse_stories(store: Store, articles: Sequence[Article], reader_language: str = "en",
            stage: StageReporter = quiet, workers: int | None = None) -> StoryAnalysis:
    """Analyse a batch of stored articles into the stories the store keeps: reuse against the
    stored articles that share a block with them, then clustering with the saved stories they
    touch, with briefs written in ``reader_language`` where a sentence is; the embedding and each
    story's brief, quotes and entities run in ``workers`` processes (default: one per core; 1:
    all in this process). The cost follows the batch and what it touches, not the store.

    A saved story keeps its id as articles join it; stories that merge keep the oldest id and
    the merge is recorded (``Store.story_merges``); an article a later version replaces leaves
    its story. The stories are saved in one transaction (what ``newsweave serve`` shows)."""
    with shared_workers(workers):
        return _analyse(store, list({a.id: a for a in articles}.values()), reader_language, stage)


def _analyse(store: Store, batch: list[Article], reader_language: str,
             stage: StageReporter) -> StoryAnalysis:
    embedder = get_embedder()
    with stage("stories: embedding leads") as advance:
        advance(0, total=len(batch))
        vectors = LeadVectors(embedder, store).load(batch, advance)
    window = open_stories(store, batch_window(batch))
    nearby = {m for story in window for m in story.articles} - set(vectors)
    languages = {**{i: facts[0] for i, facts in store.language_and_time(nearby).items()},
                 **{a.id: a.language for a in batch}}
    vectors.update(decode_all(store.lead_vectors(embedder.name, nearby)))
    centres = store_centres(store, embedder.name)
    centred = {i: centres.centre(v, languages[i]) for i, v in vectors.items() if i in languages}

    def may_translate(a: str, b: str) -> bool:
        return same_story_score(float(centred[a] @ centred[b])) >= REUSE_MIN_SAME_STORY

    # Computed once for the run: reuse's sentence vectors and features serve the stories too.
    sentences, features = SentenceVectors(store), {}
    with stage("reuse: comparing candidate pairs") as advance:
        new_edges = reuse_batch(store, batch, on_pair=lambda: advance(1), across=may_translate,
                                neighbours=list(neighbour_pairs(centred, languages,
                                                                of={a.id for a in batch})),
                                on_total=lambda total: advance(0, total=total),
                                sentences=sentences, features=features)
    replaced = store.previous_versions(a.id for a in batch)
    touched = touched_stories(store, batch, window, centred, replaced)
    members = _current(store, batch, touched)
    missing = [a for a in members if a.id not in centred]
    centred.update({a.id: centres.centre(v, a.language)
                    for a, v in zip(missing, _loaded(embedder, store, missing), strict=True)})
    namer = _Namer(store, touched, replaced)
    with stage("stories: clustering"):
        grouped = group_stories(members, store.reuse_edges({a.id for a in members}),
                                features_of(members, features), centred, name=namer)
    with stage("stories: briefs, quotes, entities") as advance:
        advance(0, total=len(grouped))
        stories = largest_first(brief_stories(grouped, members, sentences, reader_language,
                                              on_briefed=advance))
    store.save_stories(story_rows(stories, {a.id: a for a in members}),
                       removed=[s.id for s in touched], merges=namer.merges)
    return StoryAnalysis(stories, new_edges, members)


def _loaded(embedder: Embedder, store: Store, articles: Sequence[Article]) -> list[np.ndarray]:
    """Lead vectors of these articles, in order (embedding any not stored)."""
    vectors = LeadVectors(embedder, store).load(articles) if articles else {}
    return [vectors[a.id] for a in articles]


def _current(store: Store, batch: Sequence[Article], touched: Sequence[SavedStory]) -> list[Article]:
    """The batch and the members of the stories it touched, less those a later version
    replaces, in the store's order."""
    ids = {a.id for a in batch} | {m for story in touched for m in story.articles}
    by_id = {a.id: a for a in batch}
    by_id.update({a.id: a for a in store.articles_by_id(ids - set(by_id))})
    replaced = store.superseded(ids)
    kept = [article for i, article in by_id.items() if i not in replaced]
    return sorted(kept, key=lambda a: (a.published is None, a.published or "", a.id))


class _Namer:
    """Names the re-clustered groups (``stories.ids``), keeping the merges it made."""

    def __init__(self, store: Store, touched: Sequence[SavedStory], replaces: dict[str, str]) -> None:
        self.store, self.touched, self.replaces = store, touched, replaces
        self.merges: tuple[tuple[str, str], ...] = ()

    def __call__(self, groups: list[list[str]]) -> list[str]:
        fresh = {f"s-{member}" for members in groups for member in members}
        taken = self.store.used_story_ids(fresh) - {s.id for s in self.touched}
        naming = name_groups(groups, self.touched, self.replaces, taken)
        self.merges = naming.merges
        return list(naming.ids)
