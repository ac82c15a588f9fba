"""A linear score per candidate and a softmax over each item's candidates, fitted by the
likelihood of the candidates marked right (any of them): the model of the bench's learned
choices (``rank_sources.py``, ``speaker_ranker.py``). Features are strings, one-hot; ``bucket``
names a distance as they do."""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np

# One item: each candidate's features, and which candidates are right.
Group = tuple[list[list[str]], list[bool]]


def fit(groups: Iterable[Group], l2: float) -> dict[str, float]:
    """Feature weights (scipy's L-BFGS, L2 penalty ``l2``); items with no right candidate teach
    nothing and are skipped."""
    from scipy.optimize import minimize

    index: dict[str, int] = {}
    data = [([np.array([index.setdefault(f, len(index)) for f in features]) for features in candidates],
             np.array(right, float)) for candidates, right in groups if any(right)]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for ids, right in data:
            scores = np.array([w[i].sum() for i in ids])
            p = np.exp(scores - scores.max())
            p /= p.sum()
            held = float(p @ right)
            total -= math.log(max(held, 1e-300))
            for g, i in zip(p - p * right / held, ids, strict=True):
                grad[i] += g
        return total, grad

    weights = minimize(loss, np.zeros(len(index)), jac=True, method="L-BFGS-B", options={"maxiter": 300}).x
    return {feature: float(weights[i]) for feature, i in index.items()}


def scores(weights: dict[str, float], candidates: list[list[str]]) -> list[float]:
    return [sum(weights.get(f, 0.0) for f in features) for features in candidates]


def bucket(distance: int) -> str:
    """A distance in tokens as a feature value: "0", "1", "2-3", "4-7", "8-15", "16+"."""
    for bound, name in ((0, "0"), (1, "1"), (3, "2-3"), (7, "4-7"), (15, "8-15")):
        if distance <= bound:
            return name
    return "16+"
