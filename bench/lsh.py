"""The MinHash-LSH benchmark: newsweave.sketch against datasketch on one synthetic corpus.

The corpus (built the same, from one seed, in every measuring process): ``--docs`` documents of
300-500 words drawn from a Zipf vocabulary of 50,000 made-up words, of which ``--planted`` are
near-duplicates of another document in the corpus: a copy with a few passages rewritten, so
that its 5-word-shingle Jaccard similarity to the source is drawn from 0.7-0.9.

Each engine runs in a fresh process (so peak memory is its own) and measures:

* docs/s for fingerprinting and LSH insertion of every document (tokens, shingles, MinHash,
  insert), ours with ``MinHasher.signatures`` over batches of documents, datasketch with
  ``MinHash.bulk`` and a ``MinHashLSH.insertion_session`` (its fastest paths), both with our
  tokenizer and the same threshold and num_perm;
* recall of the planted pairs among the candidate pairs, and candidate pairs per document;
* the peak resident memory added to the process after the corpus is built (VmHWM, reset
  through /proc/self/clear_refs where Linux allows it).

datasketch runs three ways: its default (affine32 permutations, SHA1 shingle hashes), the same
with xxh32 shingle hashes (its fastest), and its legacy scheme (mod 2^61 - 1 permutations).
Ours is one-permutation hashing with optimal densification (newsweave.sketch.minhash). The
speed goal is against the fastest. ``--scale N`` measures ours alone at N documents instead (goal:
at most 2 GB peak for 100,000).

    .venv/bin/python bench/lsh.py [--docs 20000] [--planted 1000] [--threshold 0.5] [--repeat 3]
    .venv/bin/python bench/lsh.py --scale 100000
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from itertools import combinations
from pathlib import Path

import numpy as np

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache"
GOAL_SPEEDUP = 3.0  # ours / fastest datasketch, docs/s, at equal or better recall
GOAL_SCALE_MB = 2048.0  # peak memory of ours at 100,000 documents
ENGINES = ("ours", "datasketch", "datasketch-xxh32", "datasketch-legacy")
SHINGLE = 5
VOCABULARY = 50_000
ZIPF_EXPONENT = 1.1  # close to word frequencies in news text
SPAN = 6  # words rewritten per edited passage of a planted near-duplicate
BATCH = 1000  # documents per fingerprinting batch, for every engine


@dataclass(frozen=True)
class Corpus:
    texts: list[str]
    planted: list[tuple[int, int]]  # (source, near-duplicate) document numbers


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    if args.engine:
        print(json.dumps(_measure(args.engine, args)))
        return 0
    engines = ["ours"] if args.scale else list(ENGINES)
    if not args.scale and _datasketch_version() is None:
        print("bench: datasketch is not installed, so only ours runs: "
              ".venv/bin/pip install datasketch to compare")
        engines = ["ours"]
    runs: dict[str, list[dict]] = {engine: [] for engine in engines}
    for number in range(args.repeat):
        # Engines take turns, so that a busy spell on a shared machine hits them all alike.
        for engine in engines:
            print(f"run {number + 1} of {args.repeat}: {engine} ...", end=" ", flush=True)
            runs[engine].append(_child(engine, args))
            print(f"{runs[engine][-1]['docs_per_s']:,.0f} docs/s", flush=True)
    results = {"machine": _machine(), "settings": _settings(args),
               "engines": {engine: _median(engine_runs) for engine, engine_runs in runs.items()}}
    CACHE.mkdir(parents=True, exist_ok=True)
    out = CACHE / ("lsh_scale.json" if args.scale else "lsh.json")
    out.write_text(json.dumps(results, indent=1) + "\n")
    print()
    print(_scale_table(results) if args.scale else _table(results))
    print(f"\nfigures: {out.relative_to(BENCH.parent)}")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="newsweave MinHash-LSH benchmark")
    parser.add_argument("--docs", type=int, default=20_000, help="documents (default 20000)")
    parser.add_argument("--planted", type=int, default=None,
                        help="planted near-duplicates among them (default: 5%% of --docs)")
    parser.add_argument("--threshold", type=float, default=0.5, help="LSH threshold (default 0.5)")
    parser.add_argument("--num-perm", type=int, default=128, help="permutations (default 128)")
    parser.add_argument("--seed", type=int, default=20240601, help="corpus random seed")
    parser.add_argument("--scale", type=int, default=None, metavar="N",
                        help="measure ours alone at N documents (memory goal: 2 GB at 100000)")
    parser.add_argument("--repeat", type=int, default=3,
                        help="runs per engine; the median is reported (default 3)")
    parser.add_argument("--engine", choices=ENGINES, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.scale:
        args.docs = args.scale
    if args.planted is None:
        args.planted = args.docs // 20
    if args.docs < 2 or not 0 <= args.planted < args.docs or args.repeat < 1:
        parser.error("--docs must be at least 2, --planted in [0, docs) and --repeat at least 1")
    return args


def _child(engine: str, args: argparse.Namespace) -> dict:
    """Measure one engine in a fresh interpreter; its last stdout line is the JSON result."""
    command = [sys.executable, str(Path(__file__).resolve()), "--engine", engine,
               "--docs", str(args.docs), "--planted", str(args.planted), "--seed", str(args.seed),
               "--threshold", str(args.threshold), "--num-perm", str(args.num_perm)]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench: engine {engine} failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median(runs: list[dict]) -> dict:
    """The median run by docs/s, with every run's docs/s and the largest peak memory."""
    median = sorted(runs, key=lambda run: run["docs_per_s"])[(len(runs) - 1) // 2]
    return {**median, "runs_docs_per_s": [run["docs_per_s"] for run in runs],
            "peak_added_mb": max(run["peak_added_mb"] for run in runs),
            "peak_rss_mb": max(run["peak_rss_mb"] for run in runs)}


# -- the corpus ----------------------------------------------------------------------------------

def build_corpus(docs: int, planted: int, seed: int) -> Corpus:
    """Zipf-distributed documents, the last ``planted`` of them edited copies of earlier ones."""
    rng = np.random.default_rng(seed)
    vocabulary = _vocabulary(rng)
    cumulative = np.cumsum(1.0 / np.arange(1, VOCABULARY + 1) ** ZIPF_EXPONENT)
    cumulative /= cumulative[-1]
    originals = docs - planted
    lengths = rng.integers(300, 501, originals)
    draws = np.searchsorted(cumulative, rng.random(int(lengths.sum())))
    bounds = np.concatenate(([0], np.cumsum(lengths)))
    words = [draws[bounds[i]:bounds[i + 1]] for i in range(originals)]
    sources = rng.choice(originals, planted, replace=False)
    copies = [_near_duplicate(rng, words[source], rng.uniform(0.7, 0.9)) for source in sources]
    texts = [" ".join(vocabulary[w] for w in ids) for ids in words + copies]
    return Corpus(texts, [(int(source), originals + i) for i, source in enumerate(sources)])


def _vocabulary(rng: np.random.Generator) -> list[str]:
    """Made-up lowercase words of 2-12 letters (repeats merely merge two ranks)."""
    letters = np.array(list("abcdefghijklmnopqrstuvwxyz"))
    lengths = rng.integers(2, 13, VOCABULARY)
    return ["".join(rng.choice(letters, length)) for length in lengths]


def _near_duplicate(rng: np.random.Generator, ids: np.ndarray, jaccard: float) -> np.ndarray:
    """A copy with passages of SPAN words rewritten, aiming at the given shingle Jaccard."""
    shingles = len(ids) - SHINGLE + 1
    # Keeping k of n shingles and adding n - k new ones gives J = k / (2n - k); a rewritten
    # passage of SPAN words breaks SPAN + SHINGLE - 1 shingles.
    broken = shingles * (1 - jaccard) / (1 + jaccard)
    passages = max(1, round(broken / (SPAN + SHINGLE - 1)))
    slot = SPAN + SHINGLE  # passages in separate slots break separate shingles
    starts = rng.choice(len(ids) // slot, passages, replace=False) * slot
    copy = ids.copy()
    for start in starts:
        copy[start:start + SPAN] = rng.integers(0, VOCABULARY, SPAN)
    return copy


# -- one engine, in its own process ----------------------------------------------------------------

def _measure(engine: str, args: argparse.Namespace) -> dict:
    corpus = build_corpus(args.docs, args.planted, args.seed)
    runner = _run_ours if engine == "ours" else _run_datasketch
    runner(engine, Corpus(corpus.texts[:50], []), args)  # warm-up: imports, caches
    gc.collect()
    baseline = _reset_peak()
    result = runner(engine, corpus, args)
    peak = _peak_mb()
    pairs = result.pop("pairs")
    found = sum(pair in pairs for pair in corpus.planted)
    result.update({
        "docs": len(corpus.texts), "planted": len(corpus.planted),
        "recall": round(found / max(len(corpus.planted), 1), 4),
        "pairs_per_doc": round(result["candidate_pairs"] / len(corpus.texts), 3),
        "baseline_rss_mb": round(baseline, 1), "peak_rss_mb": round(peak, 1),
        "peak_added_mb": round(peak - baseline, 1),
    })
    if engine == "ours":
        result["planted_jaccard"] = _planted_jaccard(corpus)
    return result


def _run_ours(engine: str, corpus: Corpus, args: argparse.Namespace) -> dict:
    from newsweave.sketch import LSHIndex, MinHasher, shingle_hashes

    hasher = MinHasher(num_perm=args.num_perm)
    index = LSHIndex(threshold=args.threshold, num_perm=args.num_perm)
    timers = dict.fromkeys(("shingles_s", "minhash_s", "insert_s"), 0.0)
    for start in range(0, len(corpus.texts), BATCH):
        clock = time.perf_counter()
        hashes = [shingle_hashes(text, SHINGLE) for text in corpus.texts[start:start + BATCH]]
        clock = _lap(timers, "shingles_s", clock)
        signatures = hasher.signatures(hashes)
        clock = _lap(timers, "minhash_s", clock)
        index.insert_many(range(start, start + len(signatures)), signatures)
        _lap(timers, "insert_s", clock)
    clock = time.perf_counter()
    pairs = {(min(a, b), max(a, b)) for a, b in index.candidate_pairs()}
    return _timings(corpus, timers, pairs, time.perf_counter() - clock,
                    {"bands": index.params.bands, "rows": index.params.rows})


def _run_datasketch(engine: str, corpus: Corpus, args: argparse.Namespace) -> dict:
    import xxhash
    from datasketch import MinHash, MinHashLSH

    from newsweave.sketch import tokens

    options: dict = {"num_perm": args.num_perm}
    if engine != "datasketch":
        options["hashfunc"] = xxhash.xxh32_intdigest
    if engine == "datasketch-legacy":
        options["scheme"] = "legacy"
    lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm)
    timers = dict.fromkeys(("shingles_s", "minhash_s", "insert_s"), 0.0)
    for start in range(0, len(corpus.texts), BATCH):
        clock = time.perf_counter()
        shingles = [_byte_shingles(tokens(text)) for text in corpus.texts[start:start + BATCH]]
        clock = _lap(timers, "shingles_s", clock)
        minhashes = MinHash.bulk(shingles, **options)
        clock = _lap(timers, "minhash_s", clock)
        with lsh.insertion_session() as session:
            for key, minhash in enumerate(minhashes, start):
                session.insert(key, minhash, check_duplication=False)
        _lap(timers, "insert_s", clock)
    clock = time.perf_counter()
    pairs = _datasketch_pairs(lsh)
    return _timings(corpus, timers, pairs, time.perf_counter() - clock, {"bands": lsh.b, "rows": lsh.r})


def _byte_shingles(words: list[str]) -> list[bytes]:
    """datasketch's input: each distinct word 5-gram as UTF-8 bytes (all words if fewer)."""
    last = max(len(words) - SHINGLE + 1, 1)
    return list({" ".join(words[i:i + SHINGLE]).encode() for i in range(last)})


def _datasketch_pairs(lsh) -> set[tuple[int, int]]:
    """Every pair sharing a bucket of datasketch's index (it has no pair listing of its own)."""
    pairs: set[tuple[int, int]] = set()
    for table in lsh.hashtables:
        for bucket in table.keys():  # noqa: SIM118 - a datasketch storage, not a dict
            members = sorted(table.get(bucket))
            pairs.update(combinations(members, 2))
    return pairs


def _timings(corpus: Corpus, timers: dict, pairs: set, pairs_s: float, params: dict) -> dict:
    total = sum(timers.values())
    return {
        "docs_per_s": round(len(corpus.texts) / total, 1), "seconds": round(total, 3),
        **{name: round(value, 3) for name, value in timers.items()},
        "pairs_s": round(pairs_s, 3), "candidate_pairs": len(pairs), "pairs": pairs, **params,
    }


def _lap(timers: dict, name: str, clock: float) -> float:
    now = time.perf_counter()
    timers[name] += now - clock
    return now


def _planted_jaccard(corpus: Corpus) -> dict:
    """True 5-shingle Jaccard of the planted pairs (min, mean, max)."""
    from newsweave.sketch import shingle_hashes

    values = []
    for source, copy in corpus.planted:
        one, two = shingle_hashes(corpus.texts[source]), shingle_hashes(corpus.texts[copy])
        shared = len(np.intersect1d(one, two, assume_unique=True))
        values.append(shared / (len(one) + len(two) - shared))
    if not values:
        return {}
    return {"min": round(min(values), 3), "mean": round(float(np.mean(values)), 3),
            "max": round(max(values), 3)}


# -- memory ----------------------------------------------------------------------------------------

def _reset_peak() -> float:
    """Reset the process's peak RSS where Linux allows it; returns the current RSS in MB."""
    # Where it is not allowed, the peak is the process's lifetime peak, corpus building included.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    return _status_mb("VmRSS") or 0.0


def _peak_mb() -> float:
    """Peak RSS in MB since the reset (VmHWM), or ru_maxrss where /proc is absent."""
    return _status_mb("VmHWM") or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _status_mb(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


# -- report ----------------------------------------------------------------------------------------

def _table(results: dict) -> str:
    engines = results["engines"]
    ours = engines["ours"]
    if len(engines) == 1:
        return _scale_table(results)
    fastest = max((e for name, e in engines.items() if name != "ours"), key=lambda e: e["docs_per_s"])
    lines = [_header(results), "",
             f"{'engine':<19}{'docs/s':>9}{'x ours':>8}{'shingle s':>10}{'minhash s':>10}"
             f"{'insert s':>9}{'recall':>8}{'pairs/doc':>10}{'pairs s':>8}{'peak MB':>9}  b x r"]
    for name, engine in engines.items():
        lines.append(
            f"{name:<19}{engine['docs_per_s']:>9,.0f}{ours['docs_per_s'] / engine['docs_per_s']:>8.2f}"
            f"{engine['shingles_s']:>10.2f}{engine['minhash_s']:>10.2f}{engine['insert_s']:>9.2f}"
            f"{engine['recall']:>8.3f}{engine['pairs_per_doc']:>10.3f}{engine['pairs_s']:>8.2f}"
            f"{engine['peak_added_mb']:>9.0f}  {engine['bands']} x {engine['rows']}")
    speedup = ours["docs_per_s"] / fastest["docs_per_s"]
    met = speedup >= GOAL_SPEEDUP and ours["recall"] >= fastest["recall"]
    lines += ["", f"ours vs fastest datasketch: {speedup:.2f}x docs/s, recall {ours['recall']:.3f} vs "
              f"{fastest['recall']:.3f} (goal >= {GOAL_SPEEDUP:.0f}x at equal or better recall: "
              f"{'met' if met else 'NOT met'})",
              "x ours: ours docs/s divided by the engine's; peak MB: peak RSS added after the corpus"]
    return "\n".join(lines)


def _scale_table(results: dict) -> str:
    ours = results["engines"]["ours"]
    met = ours["peak_rss_mb"] <= GOAL_SCALE_MB
    return "\n".join([
        _header(results), "",
        f"ours at {ours['docs']:,} docs: {ours['docs_per_s']:,.0f} docs/s, recall {ours['recall']:.3f}, "
        f"{ours['pairs_per_doc']:.3f} candidate pairs/doc",
        f"peak RSS {ours['peak_rss_mb']:,.0f} MB in all ({ours['baseline_rss_mb']:,.0f} MB corpus and "
        f"interpreter, {ours['peak_added_mb']:,.0f} MB added by fingerprinting, index and pairs); "
        f"goal <= {GOAL_SCALE_MB:,.0f} MB: {'met' if met else 'NOT met'}",
    ])


def _header(results: dict) -> str:
    machine, settings = results["machine"], results["settings"]
    return (f"MinHash-LSH benchmark: {settings['docs']:,} docs ({settings['planted']:,} planted "
            f"near-duplicates), threshold {settings['threshold']}, num_perm {settings['num_perm']}, "
            f"{SHINGLE}-word shingles, median of {settings['repeat']} runs\n"
            f"one core of {machine['cores']}, Python {machine['python']}, numpy {machine['numpy']}, "
            f"datasketch {machine['datasketch']}, {machine['platform']}")


def _settings(args: argparse.Namespace) -> dict:
    return {"docs": args.docs, "planted": args.planted, "threshold": args.threshold,
            "num_perm": args.num_perm, "seed": args.seed, "shingle": SHINGLE, "batch": BATCH,
            "repeat": args.repeat}


def _datasketch_version() -> str | None:
    try:
        return version("datasketch")
    except PackageNotFoundError:
        return None


def _machine() -> dict:
    datasketch = _datasketch_version() or "absent"
    return {"cores": os.cpu_count(), "python": platform.python_version(), "numpy": np.__version__,
            "platform": platform.platform(), "datasketch": datasketch}


if __name__ == "__main__":
    raise SystemExit(main())
