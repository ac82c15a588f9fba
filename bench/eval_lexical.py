"""Does a lexical signal add to the same-story score's two? (SemEval-2022 Task 8 similarity_dev)

Adds one TF-IDF cosine at a time (document frequencies from the dev articles themselves) to the
centred lead cosine and the shared names of `bench/eval_compare.py`, and prints the 10-fold CV
Pearson r overall and per language pair. Cross-language pairs get 0 and an indicator.

    python bench/eval_lexical.py

Measured 2026-11: no full-text variant adds (r 0.782 -> 0.780..0.783; all fit a negative
weight); over the embedded lead (first 500 characters), words give 0.789, all of it from the 55 pairs whose
leads share a 6-gram (mostly shared page furniture: without them 0.780 -> 0.781).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable

import numpy as np
from eval_compare import EVAL, cross_validated, load, signals_for

from newsweave.compare import _article, read_pair
from newsweave.records import Article
from newsweave.stories.similarity import lead_text, shared_signal

WORD = re.compile(r"\w+")


def words(text: str, keep: int | None = None) -> list[str]:
    """Lowercased word tokens, cut to their first ``keep`` characters (a crude stemmer)."""
    return [w[:keep] for w in WORD.findall(text.casefold())]


def char_grams(text: str) -> list[str]:
    joined = " ".join(WORD.findall(text.casefold()))
    return [joined[i : i + n] for n in (3, 4, 5) for i in range(len(joined) - n + 1)]


def tfidf_cosines(texts: list[str], tokenize: Callable[[str], list[str]]) -> np.ndarray:
    """Cosine of texts 2i and 2i+1, sublinear TF times IDF over all the texts."""
    bags = [Counter(tokenize(text)) for text in texts]
    df = Counter(term for bag in bags for term in bag)
    vectors = []
    for bag in bags:
        vector = {t: (1 + math.log(c)) * math.log((len(bags) + 1) / (df[t] + 1)) for t, c in bag.items()}
        norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
        vectors.append({t: v / norm for t, v in vector.items()})
    return np.array([sum(v * b.get(t, 0.0) for t, v in a.items())
                     for a, b in zip(vectors[::2], vectors[1::2], strict=True)])


def whole_text(article: Article | None) -> str:
    """Headline and text, as ``lead_text`` joins them, uncut."""
    if article is None:
        return ""
    if article.title and not article.text.startswith(article.title):
        return f"{article.title}\n{article.text}"
    return article.text


def main() -> None:
    rows = load("similarity_dev.jsonl", None)
    signals = signals_for("similarity_dev", rows)
    pairs = [read_pair(row) for row in rows]
    articles = [a for p in pairs for a in (_article(p.text1, p.lang1), _article(p.text2, p.lang2))]
    full = [whole_text(a) for a in articles]
    same = np.array([a is not None and b is not None and a.language == b.language
                     for a, b in zip(articles[::2], articles[1::2], strict=True)], dtype=float)
    base = [np.ones(len(rows)), [s.cosine for s in signals], [shared_signal(s.shared) for s in signals]]
    y = np.array([row["overall"] <= 2.0 for row in rows], dtype=float)
    target = -np.array([row["overall"] for row in rows])
    pair_type = [row["lang1"] if row["lang1"] == row["lang2"] else f"{row['lang1']}-{row['lang2']}"
                 for row in rows]
    candidates = {
        "full text, words": (full, words),
        "full text, words cut to 5": (full, lambda t: words(t, 5)),
        "full text, words cut to 6": (full, lambda t: words(t, 6)),
        "full text, char 3-5": (full, char_grams),
        "embedded lead, words": ([lead_text(a.title, a.text) if a else "" for a in articles], words),
    }
    columns = {"cosine + shared": base}
    for name, (texts, tokenize) in candidates.items():
        columns[f"+ {name}"] = [*base, tfidf_cosines(texts, tokenize) * same, 1 - same]
    for name, features in columns.items():
        predicted = cross_validated(np.column_stack(features), y)
        per_type = " ".join(f"{t} {np.corrcoef(predicted[m], target[m])[0, 1]:.3f}"
                            for t in sorted(set(pair_type)) for m in [np.array(pair_type) == t])
        print(f"{name:30} r {np.corrcoef(predicted, target)[0, 1]:.3f} | {per_type}")


if __name__ == "__main__":
    if EVAL.is_dir():
        main()
