"""The one Viterbi decoder of newsweave's sequence taggers (quotes and entities).

Both taggers score every token against every label (``emissions``: tokens x labels) and every
move from one label to the next (``transitions``: from x to); the best label path of a span is
the one with the highest sum. Spans (paragraphs, runs) are decoded together, one numpy step per
position of the longest span, not one per token.
"""

from __future__ import annotations

import numpy as np


def best_paths(emissions: np.ndarray, spans: list[tuple[int, int]], transitions: np.ndarray,
               start: np.ndarray | None = None) -> list[list[int]]:
    """The best label path of every non-empty span (start, end) of ``emissions``; ``start``
    scores each label as a span's first."""
    if len(spans) == 1:  # one span: the plain loop, without the batch's padding and masks
        first, end = spans[0]
        return [_one_path(emissions[first:end], transitions, start)]
    lengths = np.array([end - start for start, end in spans])
    count, longest, labels = len(spans), int(lengths.max()), emissions.shape[1]
    padded = np.zeros((count, longest, labels), dtype=emissions.dtype)
    for row, (first, end) in enumerate(spans):
        padded[row, : end - first] = emissions[first:end]
    score = padded[:, 0, :].copy()
    if start is not None:
        score = start + score
    back = np.zeros((count, longest, labels), dtype=np.int64)
    for position in range(1, longest):
        total = score[:, :, None] + transitions[None, :, :]
        back[:, position] = total.argmax(axis=1)
        live = (lengths > position)[:, None]
        score = np.where(live, total.max(axis=1) + padded[:, position], score)
    current = score.argmax(axis=1)
    paths = np.zeros((count, longest), dtype=np.int64)
    rows = np.arange(count)
    for position in range(longest - 1, 0, -1):
        live = lengths > position
        paths[live, position] = current[live]
        current = np.where(live, back[rows, position, current], current)
    paths[:, 0] = current
    return [paths[row, :length].tolist() for row, length in enumerate(lengths)]


def _one_path(emissions: np.ndarray, transitions: np.ndarray, start: np.ndarray | None) -> list[int]:
    score = emissions[0] if start is None else start + emissions[0]
    back = np.empty(emissions.shape, dtype=np.int64)
    for position in range(1, len(emissions)):
        total = score[:, None] + transitions
        back[position] = total.argmax(axis=0)
        score = total.max(axis=0) + emissions[position]
    path = [int(score.argmax())]
    for position in range(len(emissions) - 1, 0, -1):
        path.append(int(back[position, path[-1]]))
    return path[::-1]


def best_path(emissions: np.ndarray, transitions: np.ndarray,
              start: np.ndarray | None = None) -> list[int]:
    """The best label path of one run of tokens."""
    return best_paths(emissions, [(0, len(emissions))], transitions, start)[0]
