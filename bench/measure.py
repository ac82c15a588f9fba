"""One benchmark measurement, run in a fresh process so each gets its own memory figures.

    python bench/measure.py ingest FOLDER [--workers N]
    python bench/measure.py stages FOLDER [--limit N]
    python bench/measure.py profile FOLDER --out FILE.prof [--top N]

Each prints one JSON object on its last stdout line; ``bench/run.py`` starts them and prints
the table.

Memory is resident set size (RSS), never tracemalloc (which misses the C heaps of lxml, lingua
and SQLite). Two figures, both over the ingest process and its extraction workers:

* ``peak_rss_mb``: the largest *sum* of the processes' current RSS (VmRSS), sampled every 20 ms;
* ``hwm_sum_mb``: the sum of each process's own peak (VmHWM, the same figure as ``ru_maxrss``),
  an upper bound, since the processes need not peak at the same moment.

``getrusage`` is reported too: ``ru_maxrss`` of RUSAGE_SELF (the ingest process) and of
RUSAGE_CHILDREN (on Linux, the largest single worker, once the workers have been reaped).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import sys
import tempfile
import threading
import time
from collections import Counter
from itertools import islice
from pathlib import Path

from newsweave import Store, ingest, read_inputs
from newsweave.readers import HtmlPage
from newsweave.readers.html import extract_page
from newsweave.records import Article, RawDocument, Rejection
from newsweave.runtime.ingest import BATCH_SIZE, _declared, build_article, prepare
from newsweave.text.clean import clean_document
from newsweave.text.language import TextLanguages
from newsweave.text.sentences import split_sentences

try:  # the segmentation alone, without the per-sentence language check (private; may go)
    from newsweave.text.sentences import _split_paragraph
except ImportError:  # pragma: no cover
    _split_paragraph = None

_SAMPLE_SECONDS = 0.02


# --- memory ---------------------------------------------------------------------------------
def _status_kb(pid: int, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return None


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/PID/stat fields 14 and 15)."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return 0.0


def _children(pid: int) -> list[int]:
    found = []
    try:
        tasks = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for task in tasks:
        try:
            with open(f"/proc/{pid}/task/{task}/children", encoding="ascii") as children:
                found.extend(int(child) for child in children.read().split())
        except (OSError, ValueError):
            continue
    return found


class RssSampler:
    """Samples the RSS of this process and its descendants in a background thread."""

    def __init__(self) -> None:
        self.available = os.path.exists("/proc/self/status")
        self.peak_kb = 0
        self.hwm_kb: dict[int, int] = {}
        self.cpu_s: dict[int, float] = {}  # CPU time of each process of the tree, last seen
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> RssSampler:
        if self.available:
            self._sample()
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.available:
            self._stop.set()
            self._thread.join()
            self._sample()

    def _run(self) -> None:
        while not self._stop.wait(_SAMPLE_SECONDS):
            self._sample()

    def _sample(self) -> None:
        total, stack = 0, [os.getpid()]
        while stack:
            pid = stack.pop()
            rss, hwm = _status_kb(pid, "VmRSS:"), _status_kb(pid, "VmHWM:")
            if rss is None:
                continue
            total += rss
            self.hwm_kb[pid] = max(self.hwm_kb.get(pid, 0), hwm or rss)
            self.cpu_s[pid] = max(self.cpu_s.get(pid, 0.0), _cpu_seconds(pid))
            stack.extend(_children(pid))
        self.peak_kb = max(self.peak_kb, total)

    def figures(self) -> dict:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        figures = {"rusage_self_mb": round(own, 1), "rusage_children_mb": round(children, 1)}
        if self.available:
            workers = [kb for pid, kb in self.hwm_kb.items() if pid != os.getpid()]
            figures.update(
                peak_rss_mb=round(self.peak_kb / 1024, 1),
                hwm_sum_mb=round(sum(self.hwm_kb.values()) / 1024, 1),
                processes=len(self.hwm_kb),
                worker_hwm_mb=round(max(workers, default=0) / 1024, 1),
                tree_cpu_s=round(sum(self.cpu_s.values()), 2),
            )
        else:  # no /proc: ru_maxrss of the process plus that of its largest worker
            figures.update(peak_rss_mb=round(own + children, 1), hwm_sum_mb=None, processes=None,
                           worker_hwm_mb=round(children, 1))
        return figures


def current_rss_mb() -> float | None:
    kb = _status_kb(os.getpid(), "VmRSS:")
    return round(kb / 1024, 1) if kb is not None else None


# --- measurements ---------------------------------------------------------------------------
def measure_ingest(folder: str, workers: int | None) -> dict:
    """ingest() of a whole folder into a fresh SQLite store in a temporary folder."""
    batches: list[float] = []
    rss_before = current_rss_mb()
    with tempfile.TemporaryDirectory(prefix="newsweave-bench-") as tmp:
        with Store(str(Path(tmp) / "bench.db")) as store, RssSampler() as sampler:
            started = time.perf_counter()
            summary = ingest(store, [folder], workers=workers,
                             on_progress=lambda s: batches.append(s.seconds))
            seconds = time.perf_counter() - started
            stored = store.count_articles()
        db_mb = sum(f.stat().st_size for f in Path(tmp).iterdir()) / 2**20
    inputs = summary.stored + summary.duplicates + summary.rejected
    first = batches[0] if batches else 0.0
    after_first = len(batches) > 1 and seconds > first
    reasons = Counter(r.reason for r in summary.rejections).most_common(3)
    return {
        "seconds": round(seconds, 3),
        "inputs": inputs,
        "stored": summary.stored,
        "stored_in_db": stored,
        "duplicates": summary.duplicates,
        "rejected": summary.rejected,
        "rejection_reasons": reasons,
        "articles_per_s": round(inputs / seconds, 1) if seconds else None,
        "first_batch_s": round(first, 3),
        # throughput once models are loaded and workers started (all batches but the first)
        "steady_articles_per_s": round((inputs - min(inputs, BATCH_SIZE)) / (seconds - first), 1)
        if after_first else None,
        "workers": workers if workers is not None else os.cpu_count(),
        "rss_before_mb": rss_before,
        "db_mb": round(db_mb, 1),
        **sampler.figures(),
    }


def _read_all(folder: str) -> list[RawDocument | HtmlPage | Rejection]:
    return list(read_inputs([folder]))


def measure_stages(folder: str, limit: int | None) -> dict:
    """Each stage of the pipeline timed on its own, in this one process, in ms per article.

    Articles go through the stages one by one in batches, as in ``ingest``, with a clock read
    between stages (HTML pages are extracted here too, in this process). The first few
    articles go through every stage untimed first, so that model loading (py3langid, lingua,
    trafilatura) is not charged to the per-article figures; it is reported as ``warmup_s``.
    """
    clock = time.perf_counter
    timings = dict.fromkeys(("read", "extract (trafilatura)", "prepare (ftfy, NFC, id)",
                             "clean", "language", "sentences", "  segmentation only",
                             "store write"), 0.0)
    started = clock()
    items = [item for item in islice(read_inputs([folder]), limit)
             if not isinstance(item, Rejection)]
    timings["read"] = clock() - started
    warm = clock()
    for item in items[:8]:
        document = extract_page(item) if isinstance(item, HtmlPage) else item
        if isinstance(document, RawDocument):
            build_article(prepare(document))
    warmup = clock() - warm

    count = pages = 0
    with tempfile.TemporaryDirectory(prefix="newsweave-bench-") as tmp, \
            Store(str(Path(tmp) / "stages.db")) as store:
        run_id = store.start_run([folder])
        for start in range(0, len(items), BATCH_SIZE):
            articles, keys = [], {}
            for item in items[start : start + BATCH_SIZE]:
                t0 = clock()
                if isinstance(item, HtmlPage):
                    pages += 1
                    item = extract_page(item)
                t1 = clock()
                if not isinstance(item, RawDocument):
                    continue
                count += 1
                prepared = prepare(item)
                t2 = clock()
                cleaned = clean_document(prepared.document)
                t3 = clock()
                if not cleaned.text:
                    continue
                languages = TextLanguages(cleaned.text, _declared(item.language))
                language = languages.language
                t4 = clock()
                sentences = split_sentences(cleaned.text, language, languages)
                t5 = clock()
                for name, seconds in (("extract (trafilatura)", t1 - t0),
                                      ("prepare (ftfy, NFC, id)", t2 - t1), ("clean", t3 - t2),
                                      ("language", t4 - t3), ("sentences", t5 - t4)):
                    timings[name] += seconds
                if _split_paragraph is not None:
                    t6 = clock()
                    for line in cleaned.text.split("\n"):
                        if line:
                            list(_split_paragraph(line, language))
                    timings["  segmentation only"] += clock() - t6
                articles.append(Article(
                    id=prepared.id, text=cleaned.text, format=item.format, path=item.path,
                    title=cleaned.title, language=language, removed=cleaned.removed,
                    sentences=sentences, source=prepared.document.source))
                keys[prepared.id] = set(prepared.line_keys)
            t7 = clock()
            known = store.existing(a.id for a in articles)
            store.add_batch(run_id, [a for a in articles if a.id not in known], known, [], keys)
            timings["store write"] += clock() - t7
        store.finish_run(run_id)

    if not pages:
        del timings["extract (trafilatura)"]
    if _split_paragraph is None:
        del timings["  segmentation only"]
    per_article = {name: round(1000 * seconds / max(count, 1), 3)
                   for name, seconds in timings.items()}
    return {"articles": count, "pages": pages, "warmup_s": round(warmup, 3),
            "ms_per_article": per_article,
            "seconds": {name: round(seconds, 3) for name, seconds in timings.items()}}


def profile_ingest(folder: str, out: str, top: int) -> dict:
    """cProfile of ingest() of a folder (text: all in this process), saved to ``out``."""
    with tempfile.TemporaryDirectory(prefix="newsweave-bench-") as tmp, \
            Store(str(Path(tmp) / "profile.db")) as store:
        profiler = cProfile.Profile()
        started = time.perf_counter()
        profiler.enable()
        summary = ingest(store, [folder])
        profiler.disable()
        seconds = time.perf_counter() - started
    profiler.dump_stats(out)
    stats = pstats.Stats(profiler)
    total = stats.total_tt  # type: ignore[attr-defined]
    rows = []
    for (filename, line, name), (_, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append({"function": name, "where": f"{_short(filename)}:{line}", "calls": calls,
                     "self_s": round(tottime, 3), "cum_s": round(cumtime, 3),
                     "self_share": round(tottime / total, 4), "cum_share": round(cumtime / total, 4)})
    by_self = sorted(rows, key=lambda r: r["self_s"], reverse=True)[:top]
    by_cum = sorted(rows, key=lambda r: r["cum_s"], reverse=True)[:top * 4]
    return {"seconds": round(seconds, 3), "profiled_total_s": round(total, 3),
            "articles": summary.stored + summary.duplicates + summary.rejected,
            "by_self": by_self, "by_cumulative": by_cum, "profile": out}


def _short(filename: str) -> str:
    for marker in ("site-packages/", "src/", "lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("what", choices=("ingest", "stages", "profile"))
    parser.add_argument("folder")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", default="ingest.prof")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args(argv)
    if args.what == "ingest":
        result = measure_ingest(args.folder, args.workers)
    elif args.what == "stages":
        result = measure_stages(args.folder, args.limit)
    else:
        result = profile_ingest(args.folder, args.out, args.top)
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
