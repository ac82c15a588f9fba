"""similarity_dev split into a part to fit and a locked part to confirm, by article.

Pairs whose articles are linked (a pair id is the two article ids, "1484084337_1484110209") form
connected components; each component goes whole to one side, so no article is on both. The
components are shuffled with a fixed seed and taken into the locked part until it holds ~30% of
the pairs (similarity_dev holds 39 ids twice, the texts swapped: one id, one side). The split
is written once to bench/data/similarity_split.tsv (pair id, part; ids only, no text) and read
from there, so code changes cannot move it:

    python bench/similarity_split.py          # write the split (only if the file is absent)

Also: folds by the same components (grouped cross-validation) and bootstrap intervals.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Hashable, Iterable, Sequence
from pathlib import Path

import numpy as np

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "semeval2022_task8"
SPLIT = Path(__file__).resolve().parent / "data" / "similarity_split.tsv"
SEED = 22
LOCKED_SHARE = 0.3


def article_ids(pair_id: str) -> tuple[str, str]:
    first, second = pair_id.split("_")
    return first, second


def linked(edges: Iterable[tuple[Hashable, Hashable]]) -> Callable[[Hashable], Hashable]:
    """Union-find over the edges: the returned function gives a node's component (its root; a
    node on no edge is its own)."""
    parent: dict[Hashable, Hashable] = {}

    def root(node: Hashable) -> Hashable:
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for first, second in edges:
        parent[root(first)] = root(second)
    return root


def components(pair_ids: Sequence[str]) -> list[int]:
    """The component number of each pair in the graph of articles joined by pairs."""
    root = linked(article_ids(pair_id) for pair_id in pair_ids)
    numbers: dict[Hashable, int] = {}
    return [numbers.setdefault(root(article_ids(p)[0]), len(numbers)) for p in pair_ids]


def make_split(pair_ids: Sequence[str]) -> dict[str, str]:
    """Pair id -> "fit" or "locked", whole components to one side."""
    component = components(pair_ids)
    members: dict[int, list[str]] = {}
    for pair_id, number in zip(pair_ids, component, strict=True):
        members.setdefault(number, []).append(pair_id)
    order = sorted(members)
    random.Random(SEED).shuffle(order)
    parts, locked = {}, 0
    for number in order:
        part = "locked" if locked < LOCKED_SHARE * len(pair_ids) else "fit"
        for pair_id in members[number]:
            parts[pair_id] = part
        locked += len(members[number]) if part == "locked" else 0
    return parts


def read_split() -> dict[str, str]:
    """Pair id -> part, as written in bench/data/similarity_split.tsv."""
    parts = {}
    for line in SPLIT.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            pair_id, part = line.split("\t")
            parts[pair_id] = part
    return parts


def locked_articles(rows: Sequence[dict]) -> tuple[set[str], set[str]]:
    """Ids and texts (whitespace-collapsed) of every article of a locked pair: never train on them."""
    split = read_split()
    ids, texts = set(), set()
    for row in rows:
        if split[row["id"]] == "locked":
            ids.update(article_ids(row["id"]))
            texts.update(text_key(row[key] or "") for key in ("text1", "text2"))
    texts.discard("")
    return ids, texts


def text_key(text: str) -> str:
    """What identifies an article's text: its first 200 characters, whitespace collapsed."""
    return " ".join(text.split())[:200]


def grouped_folds(pair_ids: Sequence[str], folds: int = 10) -> np.ndarray:
    """A fold number per pair; linked pairs share a fold (components dealt round, shuffled)."""
    component = components(pair_ids)
    order = sorted(set(component))
    random.Random(SEED).shuffle(order)
    fold_of = {number: index % folds for index, number in enumerate(order)}
    return np.array([fold_of[c] for c in component])


def pearson(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.corrcoef(a, b)[0, 1])


def bootstrap_r(scores: np.ndarray, target: np.ndarray, times: int = 1000,
                seed: int = SEED) -> tuple[float, float]:
    """95% interval of Pearson r, resampling pairs."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(target), size=(times, len(target)))
    values = [pearson(scores[d], target[d]) for d in draws]
    return float(np.percentile(values, 2.5)), float(np.percentile(values, 97.5))


def bootstrap_difference(new: np.ndarray, old: np.ndarray, target: np.ndarray, times: int = 1000,
                         seed: int = SEED) -> tuple[float, float, float]:
    """r(new) - r(old) and its paired 95% interval (the same resampled pairs for both)."""
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(target), size=(times, len(target)))
    values = [pearson(new[d], target[d]) - pearson(old[d], target[d]) for d in draws]
    return (pearson(new, target) - pearson(old, target), float(np.percentile(values, 2.5)),
            float(np.percentile(values, 97.5)))


def main() -> None:
    if SPLIT.exists():
        print(f"{SPLIT} exists; not rewritten")
        return
    rows = [json.loads(line) for line in (EVAL / "similarity_dev.jsonl").open(encoding="utf-8")]
    parts = make_split([row["id"] for row in rows])
    with SPLIT.open("w", encoding="utf-8") as handle:
        handle.write(f"# similarity_dev split by bench/similarity_split.py (seed {SEED}): pair id, part\n")
        for pair_id, part in parts.items():
            handle.write(f"{pair_id}\t{part}\n")
    locked = sum(parts[row["id"]] == "locked" for row in rows)
    print(f"wrote {SPLIT}: {len(rows) - locked} fit, {locked} locked pairs ({len(parts)} distinct ids)")


if __name__ == "__main__":
    main()
