"""What a batch of articles touches among the stories the store keeps, read at a cost that
follows the batch: the stories open in its time window (the clustering's ``WINDOW`` either side,
through the stories' indexed times), and of those the ones a batch article could join (the mean
centred lead cosine with the story's members clears the least cosine that can reach the join
threshold), plus the stories of the articles it copies or translates (or is copied or
translated by), repeats (analysed again) or replaces (a later version). Re-clustering the
batch with those stories' members leaves no member out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

from newsweave.records import Article
from newsweave.store import Store
from newsweave.store.story_rows import SavedStory
from newsweave.stories.cluster import JOIN_PROBABILITY, WINDOW
from newsweave.stories.saved import utc_time
from newsweave.stories.similarity import SAME_STORY_REUSE, SHARED_CAP, cosine_for

# The least mean cosine that can reach the join threshold with the most shared names counted.
_FLOOR = cosine_for(JOIN_PROBABILITY, SHARED_CAP) - 1e-9


@dataclass(frozen=True, slots=True)
class Window:
    """UTC times: stories whose latest article is not before ``low`` and whose first is not
    after ``high`` are open for the batch (``low`` past every time: only undated ones)."""

    low: str
    high: str


def batch_window(articles: Iterable[Article]) -> Window:
    times = sorted(t for t in (utc_time(a.published) for a in articles) if t)
    if not times:
        return Window("9999", "")
    return Window(_shift(times[0], -1), _shift(times[-1], 1))


def _shift(time: str, sign: int) -> str:
    return (datetime.fromisoformat(time) + sign * WINDOW).isoformat(timespec="seconds")


def open_stories(store: Store, window: Window) -> list[SavedStory]:
    return store.saved_stories(store.open_story_ids(window.low, window.high))


def touched_stories(store: Store, batch: Sequence[Article], stories: Sequence[SavedStory],
                    centred: dict[str, np.ndarray], replaced: dict[str, str]) -> list[SavedStory]:
    """The saved stories the batch touches (see the module docstring); ``replaced`` maps batch
    articles to the earlier versions they replace (``Store.previous_versions``)."""
    ids = {a.id for a in batch}
    # only copies and translations pull articles into one story (``cluster``): a passage
    # quoted from an old article does not reopen its story
    linked = {other for _, other, kind in store.reuse_neighbours(ids) if kind in SAME_STORY_REUSE}
    touched = set(store.story_ids_of(ids | set(replaced.values()) | linked).values())
    touched |= joinable(batch, stories, centred)
    return store.saved_stories(touched)


def joinable(batch: Sequence[Article], stories: Sequence[SavedStory],
             centred: dict[str, np.ndarray]) -> set[str]:
    """Stories whose members' mean cosine with a batch article clears the floor."""
    scored = [s for s in stories if any(m in centred for m in s.articles)]
    vectors = [centred[a.id] for a in batch if a.id in centred]
    if not scored or not vectors:
        return set()
    sums = np.stack([np.sum([centred[m] for m in s.articles if m in centred], axis=0) for s in scored])
    sizes = np.array([sum(m in centred for m in s.articles) for s in scored], dtype=np.float32)
    cosines = (np.stack(vectors).astype(np.float32) @ sums.T.astype(np.float32)) / sizes
    return {scored[column].id for column in np.flatnonzero((cosines >= _FLOOR).any(axis=0))}
