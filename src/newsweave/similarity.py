"""A calibrated same-story score for two articles.

Signals: the cosine of the two articles' multilingual embeddings after language centring (one
mean vector per language, estimated from the corpus itself, is subtracted: multilingual spaces
are dominated by language), and reuse coverage (shared text is strong same-story evidence).
They are combined by a logistic model, so the score reads as a probability.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

# Logistic weights fitted on SemEval-2022 Task 8 similarity_dev, target "same story" =
# overall <= 2 (mean of annotators, 1 = same ... 4 = unrelated); reproduce with
# `python bench/eval_compare.py --fit`. See the README for the figures.
INTERCEPT = -2.0
WEIGHT_COSINE = 12.0
WEIGHT_COVERAGE = 4.0


@dataclass(frozen=True, slots=True)
class LanguageCentres:
    """One mean vector per language; subtracting it makes cosines comparable across languages."""

    means: dict[str, np.ndarray]

    @classmethod
    def fit(cls, vectors: Sequence[np.ndarray], languages: Sequence[str]) -> LanguageCentres:
        grouped: dict[str, list[np.ndarray]] = defaultdict(list)
        for vector, language in zip(vectors, languages, strict=True):
            grouped[language].append(vector)
        return cls({language: np.mean(group, axis=0) for language, group in grouped.items()})

    def centre(self, vector: np.ndarray, language: str) -> np.ndarray:
        mean = self.means.get(language)
        centred = vector - mean if mean is not None else vector
        return centred / (np.linalg.norm(centred) + 1e-12)


def same_story_score(cosine: float, coverage: float = 0.0) -> float:
    """Probability that two articles report the same story."""
    z = INTERCEPT + WEIGHT_COSINE * cosine + WEIGHT_COVERAGE * coverage
    return 1.0 / (1.0 + math.exp(-z))


def centred_cosines(pairs: Iterable[tuple[np.ndarray, str, np.ndarray, str]],
                    centres: LanguageCentres) -> list[float]:
    """Cosine of each (vector, language, vector, language) pair after centring."""
    return [float(centres.centre(a, la) @ centres.centre(b, lb)) for a, la, b, lb in pairs]
