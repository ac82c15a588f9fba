"""Translation calls: translated-copy F1 on reuse_dev, split into a part to fit and a locked part,
and the false translations on invented same-town pairs (tests/fixtures/same_town_pairs.jsonl).

    python bench/eval_translation.py             # F1 with a bootstrap interval per part
    python bench/eval_translation.py --pairs     # also each fixture pair's verdict

The locked part is a third of reuse_dev chosen by a hash of the pair id (fixed, whatever the
code): decisions are tuned on the fit part and the fixtures only, and the locked part confirms.
Sentence vectors are kept in bench/.cache by model and sentence text (the models do not change
when the decision does), so a change to the decision measures in seconds.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from collections.abc import Iterable, Sequence
from pathlib import Path

import numpy as np

from newsweave.records import Article, RawDocument
from newsweave.reuse.pairs import compare_articles
from newsweave.reuse.passages import sentence_grams
from newsweave.runtime.ingest import build_article, prepare
from newsweave.vectors.embed import Embedder, sentence_embedder
from newsweave.vectors.sentences import SentenceVectors

ROOT = Path(__file__).resolve().parents[1]
REUSE_DEV = ROOT.parent / "shared" / "eval" / "semeval2022_task8" / "reuse_dev.jsonl"
FIXTURES = ROOT / "tests" / "fixtures" / "same_town_pairs.jsonl"
CACHE = Path(__file__).resolve().parent / ".cache"
LOCKED_SHARE = 3  # one pair in three, by id hash
BOOTSTRAP = 2000


def locked(pair_id: str) -> bool:
    """Whether a reuse_dev pair is in the locked part (a fixed third, by a hash of its id)."""
    return int(hashlib.sha256(pair_id.encode()).hexdigest(), 16) % LOCKED_SHARE == 0


class CachedEmbedder:
    """An embedder whose sentence vectors are kept on disk by sentence text."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name, self.dim = inner.name, inner.dim
        self.link_margin, self.strong_link_margin = inner.link_margin, inner.strong_link_margin
        self.path = CACHE / f"sentences-{inner.name}.pkl"
        self.vectors: dict[str, np.ndarray] = (
            pickle.loads(self.path.read_bytes()) if self.path.exists() else {})
        self.dirty = False

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        missing = list(dict.fromkeys(t for t in texts if t not in self.vectors))
        if missing:
            self.vectors.update(zip(missing, self.inner.embed(missing), strict=True))
            self.dirty = True
        return np.array([self.vectors[t] for t in texts], dtype=np.float32).reshape(len(texts), self.dim)

    def save(self) -> None:
        if self.dirty:
            CACHE.mkdir(exist_ok=True)
            self.path.write_bytes(pickle.dumps(self.vectors))


_CACHED: dict[str, CachedEmbedder] = {}


def cached_embedder(languages: Iterable[str]) -> CachedEmbedder:
    inner = sentence_embedder(languages)
    if inner.name not in _CACHED:
        _CACHED[inner.name] = CachedEmbedder(inner)
    return _CACHED[inner.name]


def article(text: str, language: str | None) -> Article | None:
    built = build_article(prepare(RawDocument(text=text, format="pair", language=language)))
    return built if isinstance(built, Article) and built.sentences else None


def verdicts(rows: list[dict]) -> list[str]:
    """The reuse kind of each pair, as `newsweave compare` decides it."""
    vectors = SentenceVectors(choose=cached_embedder)
    kinds = []
    for row in rows:
        a, b = article(row["text1"], row.get("lang1")), article(row["text2"], row.get("lang2"))
        kinds.append("none" if a is None or b is None
                     else compare_articles(a, b, vectors, sentence_grams).kind)
    for embedder in _CACHED.values():
        embedder.save()
    return kinds


def f1(predicted: np.ndarray, gold: np.ndarray) -> float:
    tp = int((predicted & gold).sum())
    return 2 * tp / (int(predicted.sum()) + int(gold.sum())) if tp else 0.0


def bootstrap(predicted: np.ndarray, gold: np.ndarray, seed: int = 0) -> tuple[float, float]:
    """The 95% percentile interval of F1 over pairs resampled with replacement."""
    generator = np.random.default_rng(seed)
    samples = [f1(predicted[i], gold[i])
               for i in generator.integers(0, len(gold), (BOOTSTRAP, len(gold)))]
    low, high = np.percentile(samples, [2.5, 97.5])
    return float(low), float(high)


def report(name: str, rows: list[dict], kinds: list[str]) -> None:
    predicted = np.array([k in ("translation", "copy") for k in kinds])
    gold = np.array([row["label"] == "translation" for row in rows])
    low, high = bootstrap(predicted, gold)
    false = int((predicted & ~gold).sum())
    missed = int((~predicted & gold).sum())
    print(f"  {name:8} n={len(rows):3}  F1 {f1(predicted, gold):.3f} [{low:.3f}, {high:.3f}]  "
          f"false translations {false}  missed {missed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pairs", action="store_true", help="print each fixture pair's verdict")
    args = parser.parse_args()
    fixtures = [json.loads(line) for line in FIXTURES.open(encoding="utf-8")]
    fixture_kinds = verdicts(fixtures)
    print("translated copies: reuse in {translation, copy} vs label translation (95% bootstrap)")
    if REUSE_DEV.exists():
        rows = [json.loads(line) for line in REUSE_DEV.open(encoding="utf-8")]
        kinds = verdicts(rows)
        parts = {"fit": [i for i, r in enumerate(rows) if not locked(r["id"])],
                 "locked": [i for i, r in enumerate(rows) if locked(r["id"])]}
        report("all", rows, kinds)
        for name, indices in parts.items():
            report(name, [rows[i] for i in indices], [kinds[i] for i in indices])
    else:
        print(f"  reuse_dev skipped: {REUSE_DEV} not found (../shared/eval sits beside the repository)")
    report("fixtures", fixtures, fixture_kinds)
    if args.pairs:
        for row, kind in zip(fixtures, fixture_kinds, strict=True):
            print(f"    {row['label']:15} {kind:11} {row['id']}")


if __name__ == "__main__":
    main()
