"""`newsweave serve` as a real server beside a `newsweave ingest` writing into the same store:
readers get no error (no "database is locked") and see the new articles without a restart."""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from serve_helpers import ARTICLES, build_store, cli_command, running_server

from newsweave.runtime.ingest import BATCH_SIZE
from newsweave.store import Store
from newsweave.stories.build import Story
from newsweave.stories.saved import story_rows

READER_URLS = ("/api/articles?limit=500", "/api/stories", "/api/search?q=zebrafinch", "/api/outlets",
               "/api/search?q=vellara", "/api/speakers")
NEW_ARTICLES = 300


def write_corpus(path: Path, count: int) -> Path:
    """``count`` distinct English articles, each with a word only it has (zebrafinch<n>)."""
    words = ["harbour", "council", "budget", "river", "storm", "bridge", "school", "vote", "market",
             "rail", "energy", "festival", "court", "farm", "museum", "coast", "ferry", "clinic"]
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            picked = [words[(n * 7 + i * 3) % len(words)] for i in range(12)]
            text = (f"The {picked[0]} report number {n} came out on Monday. Officials said the {picked[1]} "
                    f"and the {picked[2]} would change. zebrafinch{n} was the code name of the plan. "
                    f"Residents asked about the {picked[3]} and the {picked[4]}. " * 2)
            out.write(json.dumps({"title": f"Report {n} on the {picked[0]}", "text": text,
                                  "url": f"https://outlet{n % 5}.example/{n}", "source": f"Outlet {n % 5}",
                                  "published": f"2025-04-{1 + n % 28:02d}T08:00:00+00:00"}) + "\n")
    return path


def test_readers_beside_a_writing_ingest(tmp_path):
    db = build_store(tmp_path / "s.db")
    corpus = write_corpus(tmp_path / "new.jsonl", NEW_ARTICLES)
    stop = threading.Event()
    statuses: Counter = Counter()
    failures: list[str] = []
    seen_counts: list[list[int]] = []

    def read(base: str) -> None:
        counts: list[int] = []
        seen_counts.append(counts)
        with httpx.Client(base_url=base, timeout=30) as client:
            turn = 0
            while not stop.is_set() and turn < 5_000:
                url = READER_URLS[turn % len(READER_URLS)]
                turn += 1
                try:
                    response = client.get(url)
                except httpx.HTTPError as error:
                    failures.append(f"{url}: {error!r}")
                    continue
                statuses[response.status_code] += 1
                if response.status_code != 200:
                    failures.append(f"{url}: {response.status_code} {response.text[:200]}")
                elif url.startswith("/api/articles"):
                    counts.append(len(response.json()["articles"]))

    with running_server(db) as base:
        readers = [threading.Thread(target=read, args=(base,)) for _ in range(4)]
        for thread in readers:
            thread.start()
        try:
            command = [*cli_command(), "ingest", str(corpus), "--db", str(db), "--workers", "1"]
            writer = subprocess.run(command, capture_output=True, text=True, timeout=300)
            time.sleep(0.5)
        finally:
            stop.set()
            for thread in readers:
                thread.join(timeout=60)
        assert writer.returncode == 0, writer.stderr
        assert not failures, failures[:5]
        assert statuses[200] > 20
        # each reader sees the store grow, by whole batches (each one transaction) only
        whole_batches = {len(ARTICLES) + min(NEW_ARTICLES, k * BATCH_SIZE) for k in range(10)}
        for counts in seen_counts:
            assert counts == sorted(counts) and set(counts) <= whole_batches, counts
        after = httpx.get(base + "/api/articles?limit=500").json()
        assert len(after["articles"]) == len(ARTICLES) + NEW_ARTICLES
        found = httpx.get(base + "/api/search?q=zebrafinch123").json()["results"]
        assert len(found) == 1 and found[0]["title"].startswith("Report 123 on the ")
        # a story saved by another process (as run, report or watch save theirs) shows at once
        new_id = found[0]["article"]
        with Store(str(db)) as store:
            article = store.article(new_id)
            story = Story(id=f"s-{new_id}", title=article.title, articles=(new_id,), languages=("en",),
                          origins=(), reuse=())
            store.save_stories(story_rows([story], {new_id: article}))
        assert httpx.get(f"{base}/api/stories/s-{new_id}").json()["story"]["articles"] == [new_id]
        assert httpx.get(f"{base}/api/articles/{new_id}").json()["story"] == f"s-{new_id}"


def test_several_server_processes_serve_the_same_store(tmp_path):
    db = build_store(tmp_path / "s.db")
    with running_server(db, "--workers", "2") as base, httpx.Client(base_url=base, timeout=30) as client:
        for _ in range(10):
            assert client.get("/api/stories").json()["stories"][0]["id"] == "s-aaaa0001"
            assert client.get("/stories/s-aaaa0001").status_code == 200
