"""Cross-language reuse candidates from embedding neighbours (an ANN index over lead vectors).

A translation reports the same story as its original, so its centred lead vector lies among
the original's nearest neighbours even when the two share few names (transliterated or
inflected: "Lavrovit", "Си Цзиньпин"). Names and numbers catch most translations; neighbours
catch the rest.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from usearch.index import Index

NEIGHBOURS = 10


def neighbour_pairs(vectors: dict[str, np.ndarray], languages: dict[str, str],
                    k: int = NEIGHBOURS, of: set[str] | None = None) -> Iterator[tuple[str, str]]:
    """Pairs (sorted ids) of articles in different languages among each other's k nearest;
    with ``of``, only the neighbours of those articles are looked up (a batch among the
    articles of its time window)."""
    ids = [i for i in vectors if i in languages]
    if len(ids) < 2:
        return
    matrix = np.stack([vectors[i] for i in ids]).astype(np.float32)
    index = Index(ndim=matrix.shape[1], metric="cos", dtype="f16")
    # One thread: a graph built by several depends on their timing, and the same vectors then
    # gave other neighbours from run to run (about one build in six on 40 vectors).
    index.add(np.arange(len(ids)), matrix, threads=1)
    rows = np.arange(len(ids)) if of is None else np.array([r for r, i in enumerate(ids) if i in of])
    if len(rows) == 0:
        return
    found = index.search(matrix[rows], min(k + 1, len(ids)))
    for row, keys in zip(rows, np.atleast_2d(found.keys), strict=True):
        for column in keys:
            column = int(column)
            if column != row and 0 <= column < len(ids) and languages[ids[row]] != languages[ids[column]]:
                first, second = ids[row], ids[column]
                yield (first, second) if first < second else (second, first)
