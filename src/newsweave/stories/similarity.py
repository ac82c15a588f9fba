"""A calibrated same-story score for two articles.

Two signals, combined by a logistic model: the cosine of the two articles' lead embeddings
(headline and first 500 characters) after language centring (one mean vector per language,
estimated from the corpus itself, is subtracted: multilingual spaces are dominated by
language), and how many names and numbers the two texts share
(``reuse.features.names_and_numbers``: they survive translation; articles on the same topic
but another event share fewer of them). Reuse is evidence on its own: a copy or a translation
of an article reports its story, whatever the leads say.

The lead model is multilingual-e5-small with its top layers tuned for this judgement
(``embed.LEAD_MODEL``). Figures, and the signals tried and not kept: bench/RESULTS.md ("Same-story
model"); `bench/eval_compare.py` prints the grouped-CV r of the fit part and the locked part's r.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

# Logistic weights fitted on the fit part of SemEval-2022 Task 8 similarity_dev (557 pairs,
# bench/similarity_split.py), target "same story" = overall <= 2 (mean of annotators, 1 = same
# ... 4 = unrelated), on the tuned lead model's cosines; reproduce with
# `python bench/eval_compare.py --fit`, which also prints the calibration.
INTERCEPT = -4.59
WEIGHT_COSINE = 10.00
WEIGHT_SHARED = 0.26
# Shared names counted up to this many (the 99th percentile of dev pairs): a bound on how
# much they can add, so that clustering knows the least cosine worth scoring.
SHARED_CAP = 20
# A copy or translation is the same story at least this surely (set by hand: dev has 8 such
# pairs, too few to fit).
REUSE_SAME_STORY = 0.9
SAME_STORY_REUSE = ("copy", "translation")
LEAD_CHARS = 500


# How many articles the shipped reference mean of a language counts for: a corpus's own mean
# takes over as it grows past this (one article's own mean would be the article itself).
PRIOR_ARTICLES = 10
_REFERENCE = Path(__file__).parents[1] / "data" / "lead_means.npz"


@lru_cache(maxsize=1)
def reference_means() -> dict[str, np.ndarray]:
    """Mean lead vectors per language of a reference news corpus ("*": all languages);
    built by scripts/build_reference_means.py."""
    with np.load(_REFERENCE) as data:
        return {key: data[key] for key in data.files}


@dataclass(frozen=True, slots=True)
class LanguageCentres:
    """One mean vector per language; subtracting it makes cosines comparable across languages."""

    means: dict[str, np.ndarray]

    @classmethod
    def fit(cls, vectors: Sequence[np.ndarray], languages: Sequence[str]) -> LanguageCentres:
        """Each language's mean from the corpus, shrunk towards the reference mean of that
        language (or of all languages) by PRIOR_ARTICLES."""
        grouped: dict[str, list[np.ndarray]] = defaultdict(list)
        for vector, language in zip(vectors, languages, strict=True):
            grouped[language].append(vector)
        reference = reference_means()
        means = {}
        for language, group in grouped.items():
            prior = reference.get(language, reference["*"])
            means[language] = (np.sum(group, axis=0) + PRIOR_ARTICLES * prior) / (len(group) + PRIOR_ARTICLES)
        return cls(means)

    @classmethod
    def from_sums(cls, sums: dict[str, tuple[int, np.ndarray]]) -> LanguageCentres:
        """As ``fit``, from each language's count and sum of vectors (kept by the store)."""
        reference = reference_means()
        return cls({language: ((total + PRIOR_ARTICLES * reference.get(language, reference["*"]))
                               / (count + PRIOR_ARTICLES)).astype(np.float32)
                    for language, (count, total) in sums.items()})

    def centre(self, vector: np.ndarray, language: str) -> np.ndarray:
        mean = self.means.get(language, reference_means()["*"])
        centred = vector - mean
        return centred / (np.linalg.norm(centred) + 1e-12)


def lead_text(title: str | None, text: str) -> str:
    """What a story vector embeds: the headline and the start of the text. A title cut from
    the text's own first sentence ("…" at its end) is not repeated: it would fill a third of
    the lead with words the text gives anyway."""
    lead = f"{title}\n{text}" if title and not text.startswith(title.removesuffix("…")) else text
    return lead[:LEAD_CHARS]


def shared_signal(shared: float) -> float:
    """The shared-names feature from how many names and numbers two articles share (or an
    article shares, on average, with a story's members)."""
    return math.log1p(min(max(shared, 0.0), SHARED_CAP))


def cosine_for(probability: float, shared: float = 0.0) -> float:
    """The centred cosine whose same-story score (without reuse) is ``probability`` when the
    two share ``shared`` names; ``shared=SHARED_CAP`` gives the least cosine that can reach it."""
    probability = min(max(probability, 1e-9), 1 - 1e-9)
    logit = math.log(probability / (1 - probability))
    return (logit - INTERCEPT - WEIGHT_SHARED * shared_signal(shared)) / WEIGHT_COSINE


def same_story_score(cosine: float, shared: float = 0.0, reuse: str | None = None) -> float:
    """Probability that two articles report the same story, from their centred lead cosine,
    how many names and numbers they share and the kind of reuse between them (if any)."""
    logit = INTERCEPT + WEIGHT_COSINE * cosine + WEIGHT_SHARED * shared_signal(shared)
    probability = 1.0 / (1.0 + math.exp(-logit))
    return max(probability, REUSE_SAME_STORY) if reuse in SAME_STORY_REUSE else probability


def centred_cosines(pairs: Iterable[tuple[np.ndarray, str, np.ndarray, str]],
                    centres: LanguageCentres) -> list[float]:
    """Cosine of each (vector, language, vector, language) pair after centring."""
    return [float(centres.centre(a, la) @ centres.centre(b, lb)) for a, la, b, lb in pairs]
