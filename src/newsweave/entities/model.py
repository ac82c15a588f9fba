"""A small first-order sequence tagger (averaged structured perceptron) over candidate runs.

Pure numpy, so it loads in a fraction of a second, tags thousands of runs a second on one core
and trains in minutes (``bench/train_ner.py``). Emission scores are sums of feature weights;
transition scores between BIO tags are learned too, and impossible transitions (``I-ORG`` after
``B-PER``) are masked.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from newsweave.text.viterbi import best_path

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC")
TAG_INDEX = {tag: i for i, tag in enumerate(TAGS)}
_BLOCKED = -1e6


def _allowed() -> tuple[np.ndarray, np.ndarray]:
    """Masks for the first tag of a run and for tag-to-tag transitions (0 allowed, -1e6 not)."""
    start = np.array([_BLOCKED if tag.startswith("I-") else 0.0 for tag in TAGS])
    moves = np.zeros((len(TAGS), len(TAGS)))
    for j, tag in enumerate(TAGS):
        if tag.startswith("I-"):
            for i, prev in enumerate(TAGS):
                if prev[2:] != tag[2:]:
                    moves[i, j] = _BLOCKED
    return start, moves


_START_MASK, _MOVE_MASK = _allowed()


class EncodedRun:
    """A run's feature ids, flat, with each token's first position (for ``np.add.reduceat``)."""

    __slots__ = ("ids", "offsets", "tokens")

    def __init__(self, features: Sequence[Sequence[str]], index: dict[str, int]) -> None:
        ids: list[int] = []
        offsets: list[int] = []
        for token in features:
            offsets.append(len(ids))
            ids.extend(index[f] for f in token if f in index)
            if len(ids) == offsets[-1]:
                ids.append(0)  # feature 0 is the bias, always known
        self.ids = np.asarray(ids, dtype=np.int64)
        self.offsets = np.asarray(offsets, dtype=np.int64)
        self.tokens = len(features)


class EntityTagger:
    """BIO tagger for PER/ORG/LOC/MISC.

    Args:
        epochs: passes over the training runs.
        min_count: features seen fewer times are dropped before training.
        seed: shuffling seed (training is deterministic for a given seed).
    """

    def __init__(self, epochs: int = 5, min_count: int = 2, seed: int = 13) -> None:
        self.epochs = epochs
        self.min_count = min_count
        self.seed = seed

    def fit(self, runs: Sequence[tuple[list[list[str]], list[str]]]) -> EntityTagger:
        """Learn weights from runs of (token features, gold tags); returns ``self``."""
        counts = Counter(f for features, _ in runs for token in features for f in token)
        names = ["bias", *sorted(f for f, c in counts.items() if c >= self.min_count and f != "bias")]
        self.features_ = {name: i for i, name in enumerate(names)}
        data = [(EncodedRun(features, self.features_), np.array([TAG_INDEX[t] for t in tags]))
                for features, tags in runs]
        trainer = _Averaged(len(names), len(TAGS))
        order = list(range(len(data)))
        rng = random.Random(self.seed)
        for _ in range(self.epochs):
            rng.shuffle(order)
            for k in order:
                trainer.learn(*data[k])
        self.weights_, self.transitions_, self.start_ = trainer.averaged()
        return self

    def predict(self, runs: Sequence[Sequence[Sequence[str]]]) -> list[list[str]]:
        """The best tag sequence for each run's token features."""
        return [[TAGS[t] for t in self.decode(EncodedRun(run, self.features_))] for run in runs]

    def decode(self, run: EncodedRun) -> list[int]:
        """Tag ids for one encoded run."""
        emissions = np.add.reduceat(self.weights_[run.ids], run.offsets, axis=0)
        return best_path(emissions, self.transitions_ + _MOVE_MASK, self.start_ + _START_MASK)

    def save(self, path: str | Path, keep: float = 1e-3) -> None:
        """Write the weights (float16, features with any weight above ``keep`` only)."""
        strong = np.abs(self.weights_).max(axis=1) >= keep
        strong[0] = True
        names = sorted(self.features_, key=self.features_.__getitem__)
        kept = [name for name, ok in zip(names, strong, strict=True) if ok]
        np.savez_compressed(
            path, weights=self.weights_[strong].astype(np.float16),
            transitions=self.transitions_, start=self.start_,
            features=np.frombuffer("\n".join(kept).encode(), dtype=np.uint8),
        )

    @classmethod
    def load(cls, path: str | Path) -> EntityTagger:
        """A tagger with the weights ``save`` wrote."""
        with np.load(path) as data:
            tagger = cls()
            names = data["features"].tobytes().decode().split("\n")
            tagger.features_ = {name: i for i, name in enumerate(names)}
            tagger.weights_ = data["weights"].astype(np.float32)
            tagger.transitions_ = data["transitions"].astype(np.float32)
            tagger.start_ = data["start"].astype(np.float32)
        return tagger


class _Averaged:
    """Perceptron weights with the lazy-averaging trick (Daumé): avg = w - u / c."""

    def __init__(self, features: int, tags: int) -> None:
        self.w = np.zeros((features, tags), dtype=np.float64)
        self.u = np.zeros_like(self.w)
        self.t = np.zeros((tags, tags))
        self.tu = np.zeros_like(self.t)
        self.s = np.zeros(tags)
        self.su = np.zeros_like(self.s)
        self.c = 1

    def learn(self, run: EncodedRun, gold: np.ndarray) -> None:
        emissions = np.add.reduceat(self.w[run.ids], run.offsets, axis=0)
        guess = np.array(best_path(emissions, self.t + _MOVE_MASK, self.s + _START_MASK))
        if not np.array_equal(guess, gold):
            self._update(run, gold, guess)
        self.c += 1

    def _update(self, run: EncodedRun, gold: np.ndarray, guess: np.ndarray) -> None:
        ends = np.append(run.offsets[1:], len(run.ids))
        for i in np.flatnonzero(gold != guess):
            ids = run.ids[run.offsets[i] : ends[i]]
            for tag, sign in ((gold[i], 1.0), (guess[i], -1.0)):
                self.w[ids, tag] += sign
                self.u[ids, tag] += sign * self.c
        for path, sign in ((gold, 1.0), (guess, -1.0)):
            self.s[path[0]] += sign
            self.su[path[0]] += sign * self.c
            np.add.at(self.t, (path[:-1], path[1:]), sign)
            np.add.at(self.tu, (path[:-1], path[1:]), sign * self.c)

    def averaged(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return (self.w - self.u / self.c, self.t - self.tu / self.c, self.s - self.su / self.c)
