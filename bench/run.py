"""The ingest benchmark (``make bench``): throughput, peak memory and per-stage cost.

Builds a corpus of articles from the SemEval-2022 dev texts (``bench/corpus.py``; written under
``bench/.cache/`` only, never into the repository), then measures, each in a fresh process
(``bench/measure.py``):

* ingest throughput in articles/s for the plain-text and the HTML versions of the corpus, each
  through the whole pipeline (read, extract, clean, language, sentences, store) by
  ``newsweave.ingest()`` with default workers into a fresh SQLite store in a temporary folder;
  the median of ``--repeat`` runs;
* peak resident set size of the ingest process and its extraction workers (see measure.py);
* the time of each stage on its own, in ms per article, on the text corpus and on the HTML
  corpus (there with the extraction done in the same process, to time it).

Prints a table with the goals beside the figures and writes every figure to
``bench/.cache/results.json``. Skips (exit 0) when the evaluation texts are absent.

    .venv/bin/python bench/run.py [--articles 2000] [--only text|html] [--repeat 3] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from corpus import SOURCE_FILES, build_corpus

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
CACHE = BENCH / ".cache"
MEASURE = BENCH / "measure.py"
DEFAULT_SEED = 20240409
# Goals from the issue, for 2 cores.
GOALS = {"text": 300.0, "html": 50.0}


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    eval_dir = Path(args.eval)
    if not any((eval_dir / name).exists() for name in SOURCE_FILES):
        print(f"bench: skipped: the evaluation texts are not there ({eval_dir}/"
              f"{SOURCE_FILES[0]}); pass --eval DIR or set NEWSWEAVE_EVAL to run the benchmark")
        return 0
    kinds = [args.only] if args.only else ["text", "html"]
    CACHE.mkdir(parents=True, exist_ok=True)

    started = time.perf_counter()
    corpus = build_corpus(eval_dir, CACHE, args.articles, args.seed)
    print(f"corpus: {corpus.articles:,} articles in {len(corpus.languages)} languages "
          f"({'reused' if corpus.reused else 'built'} in {time.perf_counter() - started:.1f} s) "
          f"at {_shown(corpus.root)}", flush=True)

    results: dict = {
        "machine": _machine(), "seed": args.seed, "repeat": args.repeat,
        "workers": args.workers if args.workers is not None else os.cpu_count(),
        "corpus": {"articles": corpus.articles, "languages": corpus.languages,
                   "text_chars_mean": corpus.text_chars, "html_bytes_mean": corpus.html_bytes,
                   "path": _shown(corpus.root),
                   "source": [f"{eval_dir}/{name}" for name in SOURCE_FILES]},
        "goals_articles_per_s": {kind: GOALS[kind] for kind in kinds},
        "ingest": {}, "stages": {},
    }
    for kind in kinds:
        folder = corpus.text_dir if kind == "text" else corpus.html_dir
        runs = []
        for number in range(args.repeat):
            print(f"ingest {kind}: run {number + 1} of {args.repeat} ...", end=" ", flush=True)
            extra = ["--workers", str(args.workers)] if args.workers is not None else []
            run = _measure("ingest", str(folder), *extra)
            busy = run["other_cpu_share"]
            print(f"{run['articles_per_s']} articles/s, peak RSS {run['peak_rss_mb']} MB"
                  + (f" (other processes took {busy:.0%} of the CPU)" if busy and busy >= 0.01 else ""),
                  flush=True)
            runs.append(run)
        results["ingest"][kind] = _summarise(runs)
    for kind in kinds:
        print(f"stages {kind} ...", flush=True)
        folder = corpus.text_dir if kind == "text" else corpus.html_dir
        results["stages"][kind] = _measure("stages", str(folder))
    if args.profile:
        print("profile text ...", flush=True)
        results["profile_text"] = _measure("profile", str(corpus.text_dir), "--out",
                                           str(CACHE / "text.prof"), "--top", "15")

    results["other_cpu"] = _OTHERS.figures()
    out = CACHE / "results.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
    print()
    print(_table(results, corpus))
    if args.profile:
        print()
        print(_profile_table(results["profile_text"]))
    other = results["other_cpu"]
    if other["share"] is not None and other["share"] > _BUSY_SHARE:
        print(f"\nwarning: other processes used {other['share']:.0%} of the machine's CPU "
              f"({other['core_seconds']:.0f} core-seconds) while it measured: the figures are "
              "low; run it again on an idle machine")
    print(f"\nfigures: {_shown(out)}")
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="newsweave ingest benchmark")
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--only", choices=("text", "html"), help="measure one format only")
    parser.add_argument("--repeat", type=int, default=3,
                        help="ingest runs per format; the median is reported (default 3)")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="corpus random seed")
    parser.add_argument("--workers", type=int, default=None,
                        help="extraction workers (default: ingest()'s default, the cores)")
    parser.add_argument("--profile", action="store_true",
                        help="also cProfile the text ingest (bench/.cache/text.prof)")
    parser.add_argument("--eval", default=os.environ.get("NEWSWEAVE_EVAL")
                        or str(ROOT.parent / "shared" / "eval"),
                        help="evaluation data folder (default ../shared/eval)")
    args = parser.parse_args(argv)
    if args.articles < 1 or args.repeat < 1:
        parser.error("--articles and --repeat must be at least 1")
    return args


def _measure(*args: str) -> dict:
    """One measurement in a fresh interpreter; its last stdout line is the JSON result."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    with _OtherCpu() as others:
        done = subprocess.run([sys.executable, str(MEASURE), *args], capture_output=True,
                              text=True, env=env, cwd=ROOT, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"bench: measurement {' '.join(args[:1])} failed "
                         f"(exit {done.returncode})")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    others.settle(result.get("tree_cpu_s"))
    _OTHERS.other += others.other
    _OTHERS.wall += others.wall
    result["other_cpu_share"] = others.figures()["share"]
    return result


def _summarise(runs: list[dict]) -> dict:
    """The median run's figures, with every run's throughput and the worst memory."""
    rates = [run["articles_per_s"] for run in runs]
    median = sorted(runs, key=lambda run: run["articles_per_s"])[(len(runs) - 1) // 2]
    return {
        **median,
        "articles_per_s": round(statistics.median(rates), 1),
        "runs_articles_per_s": rates,
        "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
        "hwm_sum_mb": max((run["hwm_sum_mb"] or 0) for run in runs) or None,
    }


def _table(results: dict, corpus) -> str:
    machine = results["machine"]
    lines = [
        f"newsweave ingest benchmark: {machine['cores']} cores, Python {machine['python']}, "
        f"{machine['platform']}",
        f"corpus: {corpus.articles:,} articles (seed {results['seed']}), "
        + ", ".join(f"{lang} {n}" for lang, n in corpus.languages.items()),
        f"        text {corpus.text_chars:,.0f} chars/article, HTML {corpus.html_bytes / 1024:.1f}"
        " kB/page; SemEval-2022 Task 8 dev texts",
        "",
        f"{'figure':<44}{'measured':>12}  {'goal (2 cores)':<16}{'':<6}",
        "-" * 80,
    ]
    for kind, label in (("text", "text"), ("html", "HTML")):
        run = results["ingest"].get(kind)
        if not run:
            continue
        rate, goal = run["articles_per_s"], GOALS[kind]
        runs = ", ".join(f"{r:g}" for r in run["runs_articles_per_s"])
        lines.append(f"{label + ' ingest, articles/s (median)':<44}{rate:>12.1f}  "
                     f"{'>= ' + format(goal, 'g'):<16}{'ok' if rate >= goal else 'BELOW'}")
        lines.append(f"{'  runs':<44}{runs:>12}")
        if run.get("steady_articles_per_s"):
            lines.append(f"{'  after the first batch (models loaded)':<44}"
                         f"{run['steady_articles_per_s']:>12.1f}")
        lines.append(f"{'  stored / rejected':<44}{run['stored']:>6} / {run['rejected']:<3}")
    for kind, label in (("text", "text"), ("html", "HTML")):
        run = results["ingest"].get(kind)
        if not run:
            continue
        lines.append(f"{'peak RSS ' + label + ' run, MB (process tree)':<44}"
                     f"{run['peak_rss_mb']:>12.1f}")
        children = run.get("processes") and run["processes"] - 1
        lines.append(f"{'  ingest process alone (ru_maxrss), MB':<44}{run['rusage_self_mb']:>12.1f}")
        if children:
            lines.append(f"{f'  largest of {children} child processes, MB':<44}"
                         f"{run['worker_hwm_mb']:>12.1f}   (workers, mp resource tracker)")
    for kind, label in (("text", "text corpus"), ("html", "HTML corpus, extracted in-process")):
        stages = results["stages"].get(kind)
        if not stages:
            continue
        lines.append("")
        lines.append(f"stages, ms/article, one process ({label}, {stages['articles']} articles; "
                     f"first 8 untimed: {stages['warmup_s']:.2f} s warm-up)")
        total = 0.0
        for name, ms in stages["ms_per_article"].items():
            if not name.startswith(" "):
                total += ms
            lines.append(f"  {name:<42}{ms:>12.3f}")
        compute = sum(stages["ms_per_article"].get(name, 0.0)
                      for name in ("prepare (ftfy, NFC, id)", "clean", "language", "sentences"))
        lines.append(f"  {'total':<42}{total:>12.3f}   = {1000 / total:,.0f} articles/s on 1 core")
        lines.append(f"  {'prepare + clean + language + sentences':<42}{compute:>12.3f}"
                     f"   = {1000 / compute:,.0f} articles/s on 1 core")
    return "\n".join(lines)


def _profile_table(profile: dict) -> str:
    lines = [f"cProfile of the text ingest ({profile['articles']} articles, "
             f"{profile['seconds']:.1f} s under the profiler; {profile['profile']})",
             "hot spots by own time:",
             f"  {'self %':>7} {'cum %':>7}  {'calls':>9}  function (file:line)"]
    for row in profile["by_self"]:
        lines.append(f"  {100 * row['self_share']:>6.1f}% {100 * row['cum_share']:>6.1f}%  "
                     f"{row['calls']:>9}  {row['function']} ({row['where']})")
    lines.append("newsweave functions by cumulative time:")
    own = [row for row in profile["by_cumulative"] if row["where"].startswith("newsweave/")]
    for row in own[:12]:
        lines.append(f"  {100 * row['self_share']:>6.1f}% {100 * row['cum_share']:>6.1f}%  "
                     f"{row['calls']:>9}  {row['function']} ({row['where']})")
    return "\n".join(lines)


def _machine() -> dict:
    import newsweave

    return {"cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform(terse=True), "processor": platform.machine(),
            "newsweave": newsweave.__version__}


class _OtherCpu:
    """CPU time that processes other than the benchmark's took while it measured (Linux).

    The machine's busy time from /proc/stat (steal included) less the CPU time of the
    measurement processes: getrusage of reaped children, or the measurement's own sum over its
    process tree where that is larger (workers forked by a fork server are not our children).
    """

    def __init__(self) -> None:
        self.other = self.wall = 0.0
        self.available = os.path.exists("/proc/stat")

    @staticmethod
    def _busy() -> float:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")

    @staticmethod
    def _ours() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    def __enter__(self) -> _OtherCpu:
        if self.available:
            self._start = (self._busy(), self._ours(), time.perf_counter())
        return self

    def __exit__(self, *exc: object) -> None:
        if self.available:
            busy, ours, wall = self._start
            self._busy_s, self._ours_s = self._busy() - busy, self._ours() - ours
            self.other = max(0.0, self._busy_s - self._ours_s)
            self.wall = time.perf_counter() - wall

    def settle(self, tree_cpu_s: float | None) -> None:
        """Count the measurement's own figure of its process tree's CPU time, if larger."""
        if self.available and tree_cpu_s:
            self.other = max(0.0, self._busy_s - max(self._ours_s, tree_cpu_s))

    def figures(self) -> dict:
        capacity = self.wall * (os.cpu_count() or 1)
        return {"core_seconds": round(self.other, 1) if self.available else None,
                "share": round(self.other / capacity, 3) if self.available and capacity else None}


_OTHERS = _OtherCpu()
_BUSY_SHARE = 0.05  # above this share of the CPU taken by others, the figures are suspect


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
