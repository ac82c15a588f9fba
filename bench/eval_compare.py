"""Measure `newsweave compare` on the SemEval-2022 Task 8 dev sets (../shared/eval).

    python bench/eval_compare.py            # translated-copy F1 (reuse_dev), Pearson r (similarity_dev)
    python bench/eval_compare.py --fit      # also refit the same-story logistic weights (fit part)
    python bench/eval_compare.py --against bench/.cache/signals-similarity_dev-796-DIGEST.pkl
                                            # the locked part against another code's signals
    python bench/eval_compare.py --similarity-only --cosines-over bench/.cache/signals-...pkl
                                            # only the lead cosines afresh (another lead model)
    python bench/eval_compare.py --limit 50 # a quick look

Metrics as ../shared/eval/README.md defines them. similarity_dev is split by article into a part to
fit and a locked part (bench/similarity_split.py): the logistic weights are fitted on the fit part
only; its grouped 10-fold CV r and the locked part's r (95% bootstrap interval) are printed.
Signals are cached in bench/.cache, under a digest of newsweave's source, so that a change to the
code measures afresh.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import numpy as np

import newsweave
from newsweave.compare import PairSignals, pair_signals, read_pair
from newsweave.records import Article, RawDocument
from newsweave.runtime.ingest import build_article, prepare
from newsweave.stories.similarity import (
    LanguageCentres,
    centred_cosines,
    lead_text,
    same_story_score,
    shared_signal,
)
from newsweave.vectors.embed import get_embedder

sys.path.insert(0, str(Path(__file__).resolve().parent))
from similarity_split import (  # noqa: E402
    bootstrap_difference,
    bootstrap_r,
    grouped_folds,
    pearson,
    read_split,
)

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "semeval2022_task8"
CACHE = Path(__file__).resolve().parent / ".cache"


def load(name: str, limit: int | None) -> list[dict]:
    rows = [json.loads(line) for line in (EVAL / name).open(encoding="utf-8")]
    return rows[:limit] if limit else rows


def source_digest(suffixes: tuple[str, ...] = (".py", ".npz", ".json", ".txt")) -> str:
    """A digest of newsweave's code and data: signals computed by other code are not reused."""
    package = Path(newsweave.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in suffixes:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def signals_for(name: str, rows: list[dict]) -> list[PairSignals]:
    cache = CACHE / f"signals-{name}-{len(rows)}-{source_digest()}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    started = time.perf_counter()
    signals = list(pair_signals([read_pair(r) for r in rows], get_embedder()))
    print(f"{name}: {len(rows)} pairs in {time.perf_counter() - started:.0f}s", file=sys.stderr)
    CACHE.mkdir(exist_ok=True)
    cache.write_bytes(pickle.dumps(signals))
    return signals


def with_fresh_cosines(rows: list[dict], signals: list[PairSignals]) -> list[PairSignals]:
    """The given signals with only the centred lead cosine computed afresh, by the current lead
    model: the reuse verdicts and shared names do not depend on it (and cost ~10x more)."""
    started = time.perf_counter()
    leads = pair_leads(rows)
    embedder = get_embedder()
    vectors = embedder.embed([lead or "" for lead, _ in leads])
    languages = [language for _, language in leads]
    centres = LanguageCentres.fit(list(vectors), languages)
    cosines = centred_cosines(((vectors[2 * i], languages[2 * i], vectors[2 * i + 1], languages[2 * i + 1])
                               for i in range(len(rows))), centres)
    print(f"lead cosines of {len(rows)} pairs by {embedder.name} in {time.perf_counter() - started:.0f}s",
          file=sys.stderr)
    return [replace(s, cosine=c if leads[2 * i][0] is not None and leads[2 * i + 1][0] is not None else 0.0)
            for i, (s, c) in enumerate(zip(signals, cosines, strict=True))]


def pair_leads(rows: list[dict]) -> list[tuple[str | None, str]]:
    """(lead or None, language) of each pair's two texts as `compare` builds them; cached under a
    digest of newsweave's code alone (the lead model's data files do not change them)."""
    cache = CACHE / f"leads-{len(rows)}-{source_digest(suffixes=('.py',))}.pkl"
    if cache.exists():
        return pickle.loads(cache.read_bytes())
    leads = []
    for row in rows:
        for k in (1, 2):
            built = build_article(prepare(RawDocument(text=row[f"text{k}"] or "", format="pair",
                                                      language=row[f"lang{k}"])))
            leads.append((lead_text(built.title, built.text), built.language)
                         if isinstance(built, Article) else (None, "und"))
    CACHE.mkdir(exist_ok=True)
    cache.write_bytes(pickle.dumps(leads))
    return leads


def f1(predicted: list[bool], gold: list[bool]) -> tuple[float, float, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if tp else 0.0)


def report_reuse(rows: list[dict], signals: list[PairSignals]) -> None:
    groups: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups["all"].append(index)
        groups[f"{row['lang1']}-{row['lang2']}"].append(index)
    print("translated copies (reuse_dev): reuse in {translation, copy} vs label translation")
    for name, indices in sorted(groups.items(), key=lambda item: (item[0] != "all", item[0])):
        predicted = [signals[i].reuse in ("translation", "copy") for i in indices]
        gold = [rows[i]["label"] == "translation" for i in indices]
        p, r, f = f1(predicted, gold)
        print(f"  {name:8} n={len(indices):4}  precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}")


def report_similarity(rows: list[dict], signals: list[PairSignals]) -> None:
    scores = np.array([same_story_score(s.cosine, s.shared, s.reuse) for s in signals])
    target = -np.array([row["overall"] for row in rows])
    groups: dict[str, list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        groups[f"{row['lang1']}-{row['lang2']}"].append(index)
    print(f"same story (similarity_dev): Pearson r {np.corrcoef(scores, target)[0, 1]:.3f} "
          f"(centred cosine alone {np.corrcoef([s.cosine for s in signals], target)[0, 1]:.3f})")
    for name, indices in sorted(groups.items()):
        if len(indices) > 2:
            r = np.corrcoef(scores[indices], target[indices])[0, 1]
            print(f"  {name:6} n={len(indices):4}  r {r:.3f}")


def features(signals: list[PairSignals]) -> np.ndarray:
    return np.array([[1.0, s.cosine, shared_signal(s.shared)] for s in signals])


def fit(rows: list[dict], signals: list[PairSignals]) -> None:
    """Logistic regression of same story (overall <= 2) on the fit part's signals: the weights
    and their calibration."""
    x, y = features(signals), np.array([row["overall"] <= 2.0 for row in rows], dtype=float)
    w = logistic(x, y)
    print(f"fitted on the fit part ({len(rows)} pairs): INTERCEPT = {w[0]:.2f}, "
          f"WEIGHT_COSINE = {w[1]:.2f}, WEIGHT_SHARED = {w[2]:.2f}")
    p = 1 / (1 + np.exp(-x @ w))
    for low in (0.0, 0.2, 0.4, 0.6, 0.8):
        band = (p >= low) & (p < low + 0.2)
        if band.any():
            print(f"  calibration: predicted {low:.1f}-{low + 0.2:.1f}: {band.sum():4} pairs, "
                  f"{y[band].mean():.2f} same story")


def report_protocol(rows: list[dict], signals: list[PairSignals],
                    against: list[PairSignals] | None) -> None:
    """Grouped 10-fold CV on the fit part (folds by linked articles), and the locked part scored
    by weights fitted on the whole fit part, with a 95% bootstrap interval (1000 resamples)."""
    split = read_split()
    fit_part = [i for i, row in enumerate(rows) if split[row["id"]] == "fit"]
    locked = [i for i, row in enumerate(rows) if split[row["id"]] == "locked"]
    x, target = features(signals), -np.array([row["overall"] for row in rows])
    y = target >= -2.0
    folds = grouped_folds([rows[i]["id"] for i in fit_part])
    for name, columns in (("cosine", [0, 1]), ("cosine + shared names", [0, 1, 2])):
        predicted = cross_validated(x[fit_part][:, columns], y[fit_part], folds)
        print(f"  fit part ({len(fit_part)}), grouped 10-fold CV, {name}: Pearson r "
              f"{pearson(predicted, target[fit_part]):.3f}, best pairwise F1 "
              f"{best_pairwise_f1(predicted, [rows[i] for i in fit_part]):.3f}")
    scores = locked_scores(x, y, fit_part, locked)
    low, high = bootstrap_r(scores, target[locked])
    shipped = np.array([same_story_score(signals[i].cosine, signals[i].shared, signals[i].reuse)
                        for i in locked])
    print(f"  locked part ({len(locked)}), weights fitted on the fit part: Pearson r "
          f"{pearson(scores, target[locked]):.3f} [{low:.3f}, {high:.3f}]; shipped weights "
          f"{pearson(shipped, target[locked]):.3f}")
    if against is not None:
        old = locked_scores(features(against), y, fit_part, locked)
        difference, low, high = bootstrap_difference(scores, old, target[locked])
        print(f"  locked part against the given signals: r {pearson(old, target[locked]):.3f} -> "
              f"{pearson(scores, target[locked]):.3f}, difference {difference:+.4f} "
              f"[{low:+.4f}, {high:+.4f}] (paired bootstrap)")


def locked_scores(x: np.ndarray, y: np.ndarray, fit_part: list[int], locked: list[int]) -> np.ndarray:
    w = logistic(x[fit_part], y[fit_part].astype(float))
    return 1 / (1 + np.exp(-x[locked] @ w))


def logistic(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Weights of a logistic regression (Newton's method, a little L2)."""
    w = np.zeros(x.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-x @ w))
        gradient = x.T @ (y - p) - 1e-3 * w
        hessian = -(x.T * (p * (1 - p))) @ x - 1e-3 * np.eye(x.shape[1])
        w -= np.linalg.solve(hessian, gradient)
    return w


def cross_validated(x: np.ndarray, y: np.ndarray, fold: np.ndarray) -> np.ndarray:
    """Each pair's probability from weights fitted without its fold."""
    y = y.astype(float)
    predicted = np.zeros(len(y))
    for k in np.unique(fold):
        w = logistic(x[fold != k], y[fold != k])
        predicted[fold == k] = 1 / (1 + np.exp(-x[fold == k] @ w))
    return predicted


def best_pairwise_f1(scores: np.ndarray, rows: list[dict]) -> float:
    """The best F1 over thresholds between pairs rated same story (overall <= 1.5) and
    different (>= 3), as bench/eval_stories.py judges stories."""
    overall = np.array([row["overall"] for row in rows])
    judged = (overall <= 1.5) | (overall >= 3)
    gold, scores = overall[judged] <= 1.5, scores[judged]
    best = 0.0
    for threshold in np.linspace(0.05, 0.95, 91):
        predicted = scores >= threshold
        tp = int((predicted & gold).sum())
        best = max(best, 2 * tp / (int(predicted.sum()) + int(gold.sum())))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--fit", action="store_true")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--similarity-only", action="store_true", help="skip reuse_dev")
    parser.add_argument("--cosines-over", type=Path, default=None,
                        help="signals pickle whose lead cosines alone are computed afresh")
    parser.add_argument("--against", type=Path, default=None,
                        help="signals pickle of other code (bench/.cache) to compare the locked part with")
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"skipped: {EVAL} not found (../shared/eval sits beside the repository)")
        return
    if not args.similarity_only:
        reuse_rows = load("reuse_dev.jsonl", args.limit)
        report_reuse(reuse_rows, signals_for("reuse_dev", reuse_rows))
    similarity_rows = load("similarity_dev.jsonl", args.limit)
    if args.cosines_over:
        similarity = with_fresh_cosines(similarity_rows, pickle.loads(args.cosines_over.read_bytes()))
    else:
        similarity = signals_for("similarity_dev", similarity_rows)
    if args.fit:
        split = read_split()
        fit_part = [i for i, row in enumerate(similarity_rows) if split[row["id"]] == "fit"]
        fit([similarity_rows[i] for i in fit_part], [similarity[i] for i in fit_part])
    report_similarity(similarity_rows, similarity)
    if args.limit is None:
        against = pickle.loads(args.against.read_bytes()) if args.against else None
        report_protocol(similarity_rows, similarity, against)


if __name__ == "__main__":
    main()
