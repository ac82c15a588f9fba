"""The serve benchmark (``make bench``): concurrent readers over the API and pages of
``newsweave serve`` on loopback, first alone, then while ``newsweave ingest`` writes into the same
store.

Builds a store of ``--articles`` generated articles (invented text, written in this process with
the store's own batches: full-text index included) grouped into saved stories of 10 with quotes,
under ``bench/.cache/serve/`` only. Then starts ``newsweave serve`` and runs ``--readers``
concurrent clients (asyncio + httpx) for ``--seconds``, each request one of: story list, story
page, article page, search page, API story list, API search, API article. Phase 1 without a
writer; phase 2 while ``newsweave ingest`` writes ``--write`` more articles (JSON Lines), and as
long as it runs (at least ``--seconds``). A first phase with one reader gives each request's
service time without queueing. Prints, per phase and request kind, requests/s and
p50/p95/p99 latency, errors and "database is locked" answers, the server's CPU time per request
(user + system from /proc: on a shared machine the one figure that does not depend on what else
runs), and the server's memory (VmRSS, VmHWM from /proc). Figures go to ``bench/.cache/serve/results.json``.

    .venv/bin/python bench/serve.py [--articles 20000] [--readers 50] [--seconds 10] [--write 2000] [--keep]
        [--server-workers 1]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import httpx

from newsweave.records import Article, Sentence
from newsweave.reuse.edges import Passage, ReuseEdge
from newsweave.reuse.origins import Origin
from newsweave.store import Store
from newsweave.stories.brief import BriefItem, Cited
from newsweave.stories.build import Story
from newsweave.stories.saved import story_rows
from newsweave.stories.who_said import StoryQuote

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache" / "serve"
SYLLABLES = ("ka", "lo", "mer", "ta", "vin", "sol", "dre", "pa", "nu", "ro", "bel", "fi", "gar", "hu", "zen")
# Words of invented text: 3,375 three-syllable words drawn with Zipf weights (as words of news
# are: a few very common, most rare), so a search word matches a realistic share of articles.
WORDS = tuple(a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES)
WEIGHTS = tuple(1 / rank for rank in range(1, len(WORDS) + 1))
LANGUAGES = ("en", "de", "fr", "sq")
SPEAKERS = ("Teodora Halvik", "Bastien Orlo", "Ruvim Ostrakis", "Halla Brennick", "Edi Rama")
STORY_SIZE = 10
# Search words from the common to the rare end of the vocabulary, and a two-word query.
SEARCH_WORDS = (WORDS[3], WORDS[40], WORDS[400], WORDS[2000], f"{WORDS[10]} {WORDS[30]}", "tanker")


def _text(rng: random.Random, n: int) -> str:
    sentences = []
    for s in range(12):
        words = rng.choices(WORDS, WEIGHTS, k=9)
        sentences.append(f"{words[0].capitalize()} {' '.join(words[1:])} number {n}-{s}.")
    common = WORDS[:300]
    quote = f"“The {rng.choice(common)} will {rng.choice(common)} soon,” said {rng.choice(SPEAKERS)}."
    return " ".join(sentences[:6]) + " " + quote + " " + " ".join(sentences[6:])


def _article(rng: random.Random, n: int) -> Article:
    text = _text(rng, n)
    sentences, start = [], 0
    for end in [i + 1 for i, c in enumerate(text) if c == "."]:
        sentences.append(Sentence(start, end, "en"))
        start = end + 1
    return Article(id=f"{n:016x}", text=text, format="jsonl", source=f"Outlet {n % 40}",
                   title=f"{rng.choice(WORDS[:300]).capitalize()} {rng.choice(WORDS[:300])} report {n}",
                   url=f"https://outlet{n % 40}.example/{n}", language=LANGUAGES[n % 4],
                   published=f"2025-{1 + n % 12:02d}-{1 + n % 28:02d}T{n % 24:02d}:00:00+00:00",
                   sentences=tuple(sentences))


def _story(articles: list[Article]) -> Story:
    ids = tuple(a.id for a in articles)
    first = articles[0]
    quotes = tuple(StoryQuote(f"s-{first.id}-q0", SPEAKERS[int(a.id, 16) % len(SPEAKERS)], a.id, a.language,
                              (a.text.index("“"), a.text.index("”") + 1), "direct", None, None, n == 0)
                   for n, a in enumerate(articles))
    return Story(id=f"s-{first.id}", title=first.title, articles=ids,
                 languages=tuple(sorted({a.language for a in articles})),
                 origins=(Origin(f"o-{first.id}", ids[:3], ()),) + tuple(
                     Origin(f"o-{i}", (i,), ()) for i in ids[3:]),
                 reuse=tuple(ReuseEdge(ids[0], i, "copy", 0.9, "source->target",
                                       (Passage((0, 60), (0, 60), 1),), ()) for i in ids[1:3]),
                 brief=(BriefItem(first.text[:60], first.language, ids, 2,
                                  Cited(first.id, 0, 60, first.language, first.text[:60])),),
                 quotes=quotes[:5])


def build_store(path: Path, count: int, seed: int = 7) -> None:
    """``count`` generated articles in stories of 10, saved as an analysis would."""
    rng = random.Random(seed)
    started = time.perf_counter()
    with Store(str(path)) as store:
        run = store.start_run(["bench"])
        for start in range(0, count, 1000):
            batch = [_article(rng, n) for n in range(start, min(count, start + 1000))]
            store.add_batch(run, batch, [], [], {})
            stories = [_story(batch[i : i + STORY_SIZE]) for i in range(0, len(batch), STORY_SIZE)]
            store.save_reuse([e for s in stories for e in s.reuse], [])
            store.save_stories(story_rows(stories, {a.id: a for a in batch}))
        store.finish_run(run)
    print(f"store: {count} articles, {count // STORY_SIZE} stories in {time.perf_counter() - started:.1f} s "
          f"({path.stat().st_size / 1e6:.0f} MB)", flush=True)


def write_jsonl(path: Path, count: int, offset: int) -> None:
    rng = random.Random(offset)
    with path.open("w", encoding="utf-8") as out:
        for n in range(offset, offset + count):
            out.write(json.dumps({"title": f"Written {n}", "text": _text(rng, n), "source": f"Writer {n % 7}",
                                  "url": f"https://writer.example/{n}",
                                  "published": "2025-06-01T08:00:00+00:00"}) + "\n")


def _urls(count: int, rng: random.Random) -> tuple[str, str]:
    """(kind, path) of one request."""
    n = rng.randrange(count)
    story = n - n % STORY_SIZE
    return rng.choice((
        ("page: story list", "/"),
        ("page: story", f"/stories/s-{story:016x}"),
        ("page: article", f"/articles/{n:016x}"),
        ("page: search", f"/search?q={rng.choice(SEARCH_WORDS)}"),
        ("api: stories", f"/api/stories?sort={rng.choice(('latest', 'origins', 'articles'))}"),
        ("api: search", f"/api/search?q={rng.choice(SEARCH_WORDS)}"),
        ("api: article", f"/api/articles/{n:016x}"),
    ))


async def _reader(base: str, count: int, deadline: float, seed: int,
                  times: dict[str, list[float]], errors: list[str]) -> None:
    rng = random.Random(seed)
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while time.perf_counter() < deadline:
            kind, path = _urls(count, rng)
            started = time.perf_counter()
            try:
                response = await client.get(path)
            except httpx.HTTPError as error:
                errors.append(f"{path}: {error!r}")
                continue
            times[kind].append(time.perf_counter() - started)
            if response.status_code != 200:
                errors.append(f"{path}: {response.status_code} {response.text[:120]}")


async def _phase(base: str, count: int, readers: int, seconds: float,
                 still_writing: subprocess.Popen | None, server: int) -> dict:
    cpu_before = _cpu_seconds(server)
    times: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    started = time.perf_counter()
    deadline = started + seconds
    tasks = [asyncio.create_task(_reader(base, count, deadline, seed, times, errors))
             for seed in range(readers)]
    await asyncio.gather(*tasks)
    while still_writing is not None and still_writing.poll() is None:  # go on until the writer ends
        deadline = time.perf_counter() + 2
        await asyncio.gather(*(_reader(base, count, deadline, 1000 + seed, times, errors)
                               for seed in range(readers)))
    elapsed = time.perf_counter() - started
    every = [t for values in times.values() for t in values]
    cpu = _cpu_seconds(server) - cpu_before
    return {"seconds": round(elapsed, 1), "requests": len(every),
            "requests_per_s": round(len(every) / elapsed, 1), "server_cpu_s": round(cpu, 2),
            "server_cpu_ms_per_request": round(1000 * cpu / max(1, len(every)), 2),
            "load_average": os.getloadavg()[0], "errors": len(errors),
            "locked": sum("locked" in e for e in errors), "error_samples": errors[:5],
            "all": _percentiles(every), "by_kind": {k: _percentiles(v) for k, v in sorted(times.items())}}


def _percentiles(values: list[float]) -> dict:
    if len(values) < 2:
        return {"n": len(values)}
    cuts = statistics.quantiles(values, n=100)
    return {"n": len(values), "p50_ms": round(cuts[49] * 1000, 1), "p95_ms": round(cuts[94] * 1000, 1),
            "p99_ms": round(cuts[98] * 1000, 1)}


def _processes(pid: int) -> list[int]:
    """The server and its worker processes."""
    return [pid, *(int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split())]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of the server and its workers so far."""
    ticks = 0
    for process in _processes(pid):
        fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return ticks / os.sysconf("SC_CLK_TCK")


def _memory(pid: int) -> dict:
    """Resident and peak resident memory of the server and its worker processes, summed."""
    pids = _processes(pid)
    totals = {"processes": len(pids), "VmRSS_MB": 0.0, "VmHWM_MB": 0.0}
    for process in pids:
        for line in Path(f"/proc/{process}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                totals[f"{name}_MB"] = round(totals[f"{name}_MB"] + int(value.split()[0]) / 1024, 1)
    return totals


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _cli() -> list[str]:
    script = Path(sys.executable).with_name("newsweave")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsweave.cli"]


def _wait(base: str) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/stories?limit=1", timeout=5)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def _print(name: str, result: dict) -> None:
    print(f"\n{name}: {result['requests']} requests in {result['seconds']} s = "
          f"{result['requests_per_s']} req/s, errors {result['errors']} "
          f"(database is locked: {result['locked']}); server CPU {result['server_cpu_ms_per_request']} ms "
          f"per request; load average {result['load_average']:.1f}")
    print(f"  {'all':<18} p50 {result['all'].get('p50_ms')} ms  p95 {result['all'].get('p95_ms')} ms  "
          f"p99 {result['all'].get('p99_ms')} ms")
    for kind, figures in result["by_kind"].items():
        print(f"  {kind:<18} p50 {figures.get('p50_ms')} ms  p95 {figures.get('p95_ms')} ms  "
              f"p99 {figures.get('p99_ms')} ms  (n={figures['n']})")
    for sample in result["error_samples"]:
        print(f"  error: {sample}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--write", type=int, default=2_000)
    parser.add_argument("--server-workers", type=int, default=1, help="serve --workers")
    parser.add_argument("--keep", action="store_true",
                        help="Reuse the store of the last run with as many --articles (what earlier "
                             "writers added stays; this one writes new articles).")
    args = parser.parse_args()
    db = CACHE / "serve.db"
    marker = CACHE / "articles"
    if not (args.keep and marker.exists() and marker.read_text() == str(args.articles)):
        shutil.rmtree(CACHE, ignore_errors=True)
        CACHE.mkdir(parents=True)
        build_store(db, args.articles)
        marker.write_text(str(args.articles))
    with Store(str(db)) as store:
        stored = store.count_articles()
    write_jsonl(CACHE / "write.jsonl", args.write, stored)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([*_cli(), "serve", "--db", str(db), "--port", str(port),
                               "--workers", str(args.server_workers)],
                              env={**os.environ, "NEWSWEAVE_TOKEN": ""}, stderr=subprocess.PIPE)
    results = {"articles": stored, "readers": args.readers, "write": args.write,
               "server_workers": args.server_workers,
               "load_average_at_start": os.getloadavg()}
    print(f"{stored} articles stored; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    try:
        _wait(base)
        results["one_reader"] = asyncio.run(_phase(base, args.articles, 1, args.seconds, None, server.pid))
        _print("1 reader, no writer (the service time of each request)", results["one_reader"])
        results["alone"] = asyncio.run(_phase(base, args.articles, args.readers, args.seconds, None,
                                                     server.pid))
        _print(f"{args.readers} readers, no writer", results["alone"])
        results["memory_after_alone"] = _memory(server.pid)
        command = [*_cli(), "ingest", str(CACHE / "write.jsonl"), "--db", str(db), "--workers", "1"]
        writer = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        started = time.perf_counter()
        results["with_writer"] = asyncio.run(_phase(base, args.articles, args.readers, args.seconds, writer,
                                                           server.pid))
        _, writer_errors = writer.communicate(timeout=600)
        results["writer"] = {"exit": writer.returncode, "seconds": round(time.perf_counter() - started, 1),
                             "stderr_tail": writer_errors.decode(errors="replace")[-300:]}
        _print(f"{args.readers} readers while ingest writes {args.write} articles", results["with_writer"])
        print(f"  writer: exit {writer.returncode}, {results['writer']['seconds']} s")
        stored = httpx.get(base + "/api/search?q=Written&limit=500").json()
        results["written_visible"] = len(stored.get("results", []))
        results["memory"] = _memory(server.pid)
        print(f"server memory: {results['memory']} (after phase 1: {results['memory_after_alone']})")
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    results["server_log_locked"] = errors.decode(errors="replace").count("locked")
    (CACHE / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"figures: {CACHE / 'results.json'}")


if __name__ == "__main__":
    main()
