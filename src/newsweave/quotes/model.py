"""The learned tagger: a linear-chain CRF over tokens, applied with numpy (Viterbi).

Labels are BIO tags for the three parts of an attribution: ``S`` the source (speaker mention),
``C`` the cue, ``Q`` the content. The weights were learned with CRFsuite by
``bench/train_quotes.py`` and are shipped beside this file; nothing is downloaded, and only numpy
is needed here. Three taggers: ``en`` (PolNeAR train, all features), ``de``
(german_news_quotes train, all features, part-of-speech tags from ``grammar`` among them) and
``xx`` (both, language-independent features only)
for every other language. Each runs in two passes (stacking): the second pass sees the first
pass's labels around every token (``features.stacked_features``) and was trained on first-pass
labels predicted for held-out folds of the train split, so it learns to trust them as much as
they deserve.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import repeat
from pathlib import Path

import numpy as np

from newsweave.text.viterbi import best_paths

MODEL_DIR = Path(__file__).parent
MODEL_NAMES = ("en", "de", "xx")
LABELS = ("O", "B-S", "I-S", "B-C", "I-C", "B-Q", "I-Q")


@dataclass(frozen=True, slots=True)
class QuoteTagger:
    """State weights (attribute x label) and label transitions of the CRF."""

    index: dict[str, int]
    weights: np.ndarray  # (attributes + 1, labels); the last row is zeros for unknown ones
    transitions: np.ndarray  # (labels, labels): from -> to
    labels: tuple[str, ...]

    def tag(self, features: list[list[str]]) -> list[str]:
        """The best label sequence for one sequence of token features."""
        return self.tag_spans(features, [(0, len(features))])

    def tag_spans(self, features: list[list[str]], spans: list[tuple[int, int]]) -> list[str]:
        """Labels of every token, each span (a paragraph: start, end) decoded on its own.

        The state scores of all tokens come from one gather and one ``reduceat`` (far cheaper
        than one numpy call per token); Viterbi then decodes all spans together.
        """
        if not features:
            return []
        flat = [name for feats in features for name in feats]
        ids = np.fromiter(map(self.index.get, flat, repeat(len(self.index), len(flat))),
                          dtype=np.int64, count=len(flat))
        # Every token has the bias feature, so no token's slice is empty for reduceat.
        offsets = np.zeros(len(features), dtype=np.int64)
        np.cumsum([len(feats) for feats in features[:-1]], out=offsets[1:])
        emissions = np.add.reduceat(self.weights[ids], offsets, axis=0)
        labels = [self.labels[0]] * len(features)
        spans = [(start, end) for start, end in spans if end > start]
        if spans:
            for (start, _), path in zip(spans, best_paths(emissions, spans, self.transitions), strict=True):
                for offset, best in enumerate(path):
                    labels[start + offset] = self.labels[best]
        return labels


def save_tagger(path: Path, state: dict[tuple[str, str], float],
                transitions: dict[tuple[str, str], float], labels: tuple[str, ...] = LABELS) -> None:
    """Write CRFsuite's learned weights as a compressed npz (attribute strings, sparse weights)."""
    label_index = {label: i for i, label in enumerate(labels)}
    attributes = sorted({attr for attr, _ in state})
    attr_index = {attr: i for i, attr in enumerate(attributes)}
    rows = np.array([attr_index[a] for a, _ in state], dtype=np.int32)
    cols = np.array([label_index[label] for _, label in state], dtype=np.int8)
    values = np.array(list(state.values()), dtype=np.float16)
    trans = np.zeros((len(labels), len(labels)), dtype=np.float32)
    for (source, target), weight in transitions.items():
        trans[label_index[source], label_index[target]] = weight
    np.savez_compressed(path, attributes=np.array(attributes), labels=np.array(labels), rows=rows,
                        cols=cols, values=values, transitions=trans)


def model_path(name: str, stage: int = 1) -> Path:
    """Where the shipped tagger ``name`` ("en", "de", "xx") of a pass (1 or 2) lies."""
    return MODEL_DIR / (f"tagger-{name}.npz" if stage == 1 else f"tagger-{name}-{stage}.npz")


@dataclass(frozen=True, slots=True)
class Taggers:
    """The two passes of one language's tagger, and whether it takes lexical features."""

    first: QuoteTagger
    second: QuoteTagger | None
    lexical: bool
    hints: bool  # trained with the rules' finds as features (``hints``)
    context: str | None  # the context model whose features it was trained with (``context``)


def tagger_for(language: str) -> Taggers:
    """The taggers for a language: its own for English and German, the generic one otherwise."""
    name = language if language in ("en", "de") else "xx"
    second = model_path(name, 2)
    first = load_tagger(model_path(name))
    return Taggers(first, load_tagger(second) if second.exists() else None, name != "xx",
                   HINT_MARK in first.index, name if CONTEXT_MARK in first.index else None)


HINT_MARK = "hQ"  # an attribute every tagger trained with hints has
CONTEXT_MARK = "e=O"  # and every tagger trained with context features (``context``)


@cache  # six files, each read once (a cache of 4 reloaded them in mixed corpora)
def load_tagger(path: Path) -> QuoteTagger:
    """A shipped tagger (each loaded once per process)."""
    with np.load(path, allow_pickle=False) as data:
        attributes = [str(a) for a in data["attributes"]]
        labels = tuple(str(label) for label in data["labels"])
        weights = np.zeros((len(attributes) + 1, len(labels)), dtype=np.float32)
        weights[data["rows"], data["cols"]] = data["values"].astype(np.float32)
        transitions = data["transitions"].astype(np.float32)
    return QuoteTagger({a: i for i, a in enumerate(attributes)}, weights, transitions, labels)
