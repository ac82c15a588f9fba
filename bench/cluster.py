"""Story clustering at scale, on synthetic precomputed vectors (the clustering alone).

Events are random directions in 384 dimensions; each article is its event's direction plus noise,
published at a random time within its event's three days, events spread over a year. Prints
articles/s, peak memory and the pairwise precision/recall of the planted events.

    python bench/cluster.py                 # 100,000 articles (goal: <= 2 min)
    python bench/cluster.py --articles 1000000   # goal: <= 20 min, <= 8 GB
"""

from __future__ import annotations

import argparse
import resource
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

import numpy as np

from newsweave.stories.cluster import ClusterInput, cluster

DIM = 384


def synthetic(articles: int, per_event: int, seed: int = 7) -> tuple[list[ClusterInput], list[int]]:
    rng = np.random.default_rng(seed)
    events = max(1, articles // per_event)
    centres = rng.standard_normal(size=(events, DIM), dtype=np.float32)
    centres /= np.linalg.norm(centres, axis=1, keepdims=True)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    event_start = rng.uniform(0, 362 * 86400, size=events)
    labels = rng.integers(0, events, size=articles)
    vectors = rng.standard_normal(size=(articles, DIM), dtype=np.float32)
    vectors *= 0.9 / np.sqrt(DIM)
    vectors += centres[labels]
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    offsets = event_start[labels] + rng.uniform(0, 3 * 86400, size=articles)
    items = [ClusterInput(f"a{i}", vectors[i], (start + timedelta(seconds=float(offsets[i]))).isoformat())
             for i in range(articles)]
    return items, labels.tolist()


def pairwise(groups: list[list[str]], labels: list[int]) -> tuple[float, float]:
    """Pairwise precision and recall of the found stories against the planted events."""
    together = sum(n * (n - 1) // 2 for n in Counter(labels).values())
    found = correct = 0
    for group in groups:
        counts = Counter(labels[int(member[1:])] for member in group)
        found += len(group) * (len(group) - 1) // 2
        correct += sum(n * (n - 1) // 2 for n in counts.values())
    return (correct / found if found else 1.0), (correct / together if together else 1.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--per-event", type=int, default=5)
    args = parser.parse_args()
    items, labels = synthetic(args.articles, args.per_event)
    started = time.perf_counter()
    groups = cluster(items)
    seconds = time.perf_counter() - started
    precision, recall = pairwise(groups, labels)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rate = args.articles / seconds
    print(f"clustering {args.articles:,} articles: {seconds:.1f}s = {rate:,.0f} articles/s, "
          f"{len(groups):,} stories, pairwise precision {precision:.3f} recall {recall:.3f}, "
          f"peak RSS {peak:,.0f} MB (vectors included)")


if __name__ == "__main__":
    main()
