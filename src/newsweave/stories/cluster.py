"""Stories across languages: incremental clustering of articles as they stream in.

Each article joins the story it most probably belongs to, or opens a new one. The probability
is the calibrated same-story score (``similarity``) between the article and the story, from the
mean centred cosine of the article's lead vector with the story's members and the mean number
of names and numbers it shares with them (average link: the score was calibrated on pairs, and
a centroid's cosine runs higher than any pair's), raised by reuse (an article that copies or
translates a member belongs to that member's story). Stories are open for a time window after
their latest article, so an old story does not swallow a new event with the same actors. When
an article scores above the threshold with several stories that also agree with each other (the
same score between their members), they merge.

Articles are added in publication order (then id), so a batch gives the same stories whatever
the input order; ``newsweave stories`` re-clusters the whole store that way. After that pass, a
member the rest of its story outvotes (it joined early, on the few members there were) leaves
(``outvoted``), so that which of two events was published first does not decide whether they
end in one story. Only open stories are scored, kept as rows of one matrix, so the cost of an
article grows with the number of stories open in its window, not with the corpus.
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from newsweave.stories.similarity import SAME_STORY_REUSE, SHARED_CAP, cosine_for, same_story_score

# p(same story) to join: on similarity_dev pairs, 0.6 gives the best pairwise F1 between pairs
# rated same story (overall <= 1.5) and different (>= 3) under 10-fold CV, and the best stories
# of bench/eval_stories.py (the values tried: bench/RESULTS.md, "stories/cluster.py").
JOIN_PROBABILITY = 0.6
WINDOW = timedelta(days=7)
_UNDATED = float("inf")  # an undated story never closes


@dataclass(frozen=True, slots=True)
class ClusterInput:
    """What clustering needs of an article: its centred lead vector, when it appeared, its
    names and numbers, and the articles it shares text with."""

    id: str
    vector: np.ndarray  # centred, unit length
    published: str | None
    reuse: dict[str, str] = field(default_factory=dict)  # other article id -> kind of reuse
    names: frozenset[str] = frozenset()  # reuse.features.names_and_numbers


class StoryClusterer:
    """Online clustering; ``add`` in publication order (``cluster`` does the sorting)."""

    def __init__(self, threshold: float = JOIN_PROBABILITY, window: timedelta = WINDOW) -> None:
        self.threshold = threshold
        self.window = window.total_seconds()
        self._members: dict[int, list[str]] = {}
        self._names: dict[int, Counter[str]] = {}  # how many members hold each name
        self._story_of: dict[str, int] = {}
        self._open: list[int] = []  # story numbers, one per row of _totals
        self._row: dict[int, int] = {}
        # float32 throughout: a matrix-vector product of mixed types skips BLAS (60x slower)
        self._totals = np.zeros((0, 0), dtype=np.float32)
        self._sizes = np.zeros(0)  # members per row of _totals
        # The least mean cosine whose probability can reach the threshold, without names and
        # with the most they can add (the score is monotone in both).
        self._cosine_floor = cosine_for(threshold) - 1e-9
        self._named_floor = cosine_for(threshold, SHARED_CAP) - 1e-9
        self._last: dict[int, float] = {}
        self._closing: list[tuple[float, int]] = []  # (last, story): a lazy heap
        self._next = 0

    def add(self, item: ClusterInput) -> int:
        """Place one article; returns its story's number."""
        moment = _seconds(item.published)
        if moment is not None:
            self._close_before(moment - self.window)
        scores = self._scores(item)
        joined = [number for number, p in scores.items() if p >= self.threshold]
        if not joined:
            return self._start(item, moment)
        best = max(joined, key=scores.__getitem__)
        self._join(best, item, moment)
        for other in joined:
            if other != best and other in self._row and self._agree(best, other):
                self._merge(best, other)
        return self._story_of[item.id]

    def groups(self) -> list[list[str]]:
        """Stories as lists of article ids, in the order their members arrived."""
        return [list(members) for members in self._members.values()]

    def _scores(self, item: ClusterInput) -> dict[int, float]:
        """Same-story probabilities of the open stories that could take the article: those
        whose mean cosine alone clears the threshold, and those it reuses text of. The cosines
        of all open stories are one matrix product; only the few candidates are scored."""
        if not self._open:
            return {}
        count = len(self._open)
        cosines = (self._totals[:count] @ item.vector.astype(np.float32, copy=False)) / self._sizes[:count]
        floor = self._named_floor if item.names else self._cosine_floor
        candidates = {self._open[row]: float(cosines[row]) for row in np.flatnonzero(cosines >= floor)}
        reused: dict[int, str] = {}
        for other, kind in item.reuse.items():
            number = self._story_of.get(other)
            if number is not None and number in self._row and kind in SAME_STORY_REUSE:
                reused[number] = kind
                candidates.setdefault(number, float(cosines[self._row[number]]))
        return {n: same_story_score(c, self._shared(n, item.names), reused.get(n))
                for n, c in candidates.items()}

    def _shared(self, number: int, names: frozenset[str]) -> float:
        """How many of these names the story's members hold, on average."""
        held = self._names[number]
        return sum(held[name] for name in names) / len(self._members[number]) if held else 0.0

    def _start(self, item: ClusterInput, moment: float | None) -> int:
        number = self._next
        self._next += 1
        self._members[number] = [item.id]
        self._names[number] = Counter(item.names)
        self._story_of[item.id] = number
        self._grow(len(item.vector))
        self._row[number] = len(self._open)
        self._totals[len(self._open)] = item.vector
        self._sizes[len(self._open)] = 1
        self._open.append(number)
        self._touch(number, moment)
        return number

    def _join(self, number: int, item: ClusterInput, moment: float | None) -> None:
        self._members[number].append(item.id)
        if item.names:
            self._names[number].update(item.names)
        self._totals[self._row[number]] += item.vector
        self._sizes[self._row[number]] += 1
        self._story_of[item.id] = number
        self._touch(number, moment)

    def _agree(self, first: int, second: int) -> bool:
        """Whether two stories' members, on average, score as the same story."""
        a, b = self._totals[self._row[first]], self._totals[self._row[second]]
        pairs = len(self._members[first]) * len(self._members[second])
        held, other = sorted((self._names[first], self._names[second]), key=len)
        shared = sum(count * other[name] for name, count in held.items()) / pairs
        return same_story_score(float(a @ b) / pairs, shared) >= self.threshold

    def _merge(self, into: int, other: int) -> None:
        self._totals[self._row[into]] += self._totals[self._row[other]]
        self._sizes[self._row[into]] += self._sizes[self._row[other]]
        for member in self._members[other]:
            self._story_of[member] = into
        self._members[into].extend(self._members.pop(other))
        self._names[into].update(self._names.pop(other))
        self._touch(into, self._last.pop(other))
        self._retire(other)

    def _touch(self, number: int, moment: float | None) -> None:
        last = max(self._last.get(number, -_UNDATED), _UNDATED if moment is None else moment)
        self._last[number] = last
        heapq.heappush(self._closing, (last, number))

    def _close_before(self, limit: float) -> None:
        """Retire the stories whose latest article is older than ``limit``."""
        while self._closing and self._closing[0][0] < limit:
            last, number = heapq.heappop(self._closing)
            if number in self._row and self._last.get(number) == last:
                self._retire(number)

    def _retire(self, number: int) -> None:
        """Take a story's row out of the open matrix (the last row moves into its place)."""
        row = self._row.pop(number)
        self._names.pop(number, None)  # only open stories are scored
        moved = self._open.pop()
        if moved != number:
            self._open[row] = moved
            self._row[moved] = row
            self._totals[row] = self._totals[len(self._open)]
            self._sizes[row] = self._sizes[len(self._open)]

    def _grow(self, dim: int) -> None:
        if self._totals.size == 0:
            self._totals, self._sizes = np.zeros((16, dim), dtype=np.float32), np.zeros(16)
        elif len(self._open) >= len(self._totals):
            self._totals = np.vstack([self._totals, np.zeros_like(self._totals)])
            self._sizes = np.concatenate([self._sizes, np.zeros_like(self._sizes)])


def cluster(items: Iterable[ClusterInput], **settings) -> list[list[str]]:
    """Cluster a batch: the same set of articles gives the same stories in any input order."""
    clusterer = StoryClusterer(**settings)
    ordered = sorted(items, key=lambda i: (_seconds(i.published) or 0.0, i.id))
    for item in ordered:
        clusterer.add(item)
    by_id = {item.id: item for item in ordered}
    kept, left = [], []
    for members in clusterer.groups():
        stays, leaves = outvoted(members, by_id, clusterer.threshold)
        kept.append(stays)
        left.extend(leaves)
    # what left a story is clustered again among itself (two early reports of one other event
    # stay together); the same result in any input order, as the online pass
    return kept + (cluster((by_id[i] for i in left), **settings) if left else [])


def outvoted(members: list[str], items: dict[str, ClusterInput],
             threshold: float) -> tuple[list[str], list[str]]:
    """A story's members split into those that stay and those the rest of it outvotes.

    An article joins a story on the members it has when it arrives: one that came early (the
    report of a congratulation, then three of a meeting of the same two leaders) may not score as
    the story's against all that came after it. Such members leave, the lowest-scoring first and
    one at a time (each departure changes the others' scores); a copy or translation of a member
    always stays (its reuse floor), and a story of two is its pair's own judgement.
    """
    stays = list(members)
    leaves: list[str] = []
    while len(stays) > 2:
        scores = _against_the_rest([items[m] for m in stays])
        worst = int(np.argmin(scores))
        if scores[worst] >= threshold:
            break
        leaves.append(stays.pop(worst))
    return stays, leaves


def _against_the_rest(members: list[ClusterInput]) -> np.ndarray:
    """Each member's same-story score against all the other members (average link, as ``add``
    scores an arriving article against a story)."""
    vectors = np.stack([m.vector for m in members]).astype(np.float32)
    others = len(members) - 1
    cosines = ((vectors.sum(axis=0) - vectors) * vectors).sum(axis=1) / others
    held = Counter(name for m in members for name in m.names)
    ids = {m.id for m in members}
    scores = []
    for member, cosine in zip(members, cosines, strict=True):
        shared = sum(held[name] - 1 for name in member.names) / others
        reused = next((kind for other, kind in member.reuse.items()
                       if other in ids and kind in SAME_STORY_REUSE), None)
        scores.append(same_story_score(float(cosine), shared, reused))
    return np.asarray(scores)


def _seconds(published: str | None) -> float | None:
    """Seconds since the epoch (UTC) of an ISO date, or None."""
    if not published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    offset = moment.utcoffset() or timedelta(0)
    return (moment.replace(tzinfo=None) - offset - datetime(1970, 1, 1)).total_seconds()
