"""Incremental analysis: seconds per batch of 100 new articles as the store grows.

Builds generated stores under ``bench/.cache/incremental/`` (kept between runs): news arriving
at ``--per-day`` articles a day, in events of 10 articles (3 copies of a wire text from 3
outlets, 7 rewrites that share two of its sentences and its names), in English, German and
French. Each stored article comes as an earlier analysis leaves it: its lead vector (the
event's direction plus noise: no model runs to build the store), its reuse blocking keys (the
real ones, from its text), its copy edges, its story saved, and sentence vectors for the
articles of the last ``WINDOW_DAYS`` days (random unit vectors: what the briefs of the stories
a batch touches read). The store grows backwards in time, so the newest days (where a batch
lands) are the same at every size.

The batch: 100 new articles published after the newest ones: 60 join 20 recent events (a
copy and two rewrites each), 40 open 4 new events. Their lead vectors are stored beforehand
(embedding 100 leads costs the same at any store size); their sentence vectors are embedded
for real. Each size analyses the batch on a copy of its store (in one process: ``workers=1``)
and prints wall seconds, in all and per stage, and the CPU seconds of the process (on a shared
machine, the CPU time is the figure that compares).

    .venv/bin/python bench/incremental.py [--sizes 10000 50000 100000] [--per-day 1000]
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
import zlib
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from newsweave import analyse
from newsweave.entities import find_mentions
from newsweave.quotes import find_quotes
from newsweave.records import Article, Sentence
from newsweave.reuse.edges import ReuseEdge
from newsweave.reuse.features import article_features
from newsweave.reuse.keys import all_keys
from newsweave.reuse.origins import Origin
from newsweave.runtime.workers import parallel_map, shared_workers
from newsweave.store import Store
from newsweave.stories.build import Story
from newsweave.stories.saved import story_rows
from newsweave.vectors.embed import LEAD_MODEL, get_embedder, sentence_embedder
from newsweave.vectors.stored import encode

BENCH = Path(__file__).resolve().parent
CACHE = BENCH / ".cache" / "incremental"
SYLLABLES = ("ka", "lo", "mer", "ta", "vin", "sol", "dre", "pa", "nu", "ro", "bel", "fi", "gar", "hu", "zen")
WORDS = tuple(a + b + c for a in SYLLABLES for b in SYLLABLES for c in SYLLABLES)
WEIGHTS = tuple(1 / rank for rank in range(1, len(WORDS) + 1))
LANGUAGES = ("en", "de", "fr")
EVENT = 10
DIM = 384
WINDOW_DAYS = 9  # sentence vectors for the stories a batch can touch (the 7-day window and more)
NEWEST = datetime(2025, 6, 1, tzinfo=UTC)
SENTENCE_MODEL, SENTENCE_DIM = "use-m3", 512  # leads are stored under the lead model's name


def _sentences(rng: random.Random, count: int, names: list[str]) -> list[str]:
    out = []
    for _ in range(count):
        words = rng.choices(WORDS, WEIGHTS, k=9)
        out.append(f"{words[0].capitalize()} {' '.join(words[1:4])} {rng.choice(names)} "
                   f"{' '.join(words[4:])} {rng.randrange(10, 5000)}.")
    return out


class Events:
    """The generated events: one random stream per event number, so any part is the same."""

    def __init__(self, seed: int = 7) -> None:
        self.seed = seed
        self.direction: dict[int, np.ndarray] = {}

    def wire(self, event: int) -> tuple[list[str], list[str], np.ndarray]:
        rng = random.Random(self.seed * 1_000_003 + event)
        names = [w.capitalize() for w in rng.sample(WORDS[500:], 4)]
        direction = np.random.default_rng(rng.randrange(2**32)).normal(size=DIM)
        return names, _sentences(rng, 12, names), direction / np.linalg.norm(direction)

    def member(self, event: int, slot: int, published: datetime, tag: str = "") -> tuple[Article, bytes]:
        names, wire, direction = self.wire(event)
        rng = random.Random(f"{self.seed}-{event}-{slot}-{tag}")
        text = " ".join(wire if slot % 5 < 2 else wire[:2] + _sentences(rng, 10, names))
        language = LANGUAGES[event % 3]
        article = Article(id=f"{event:09d}-{slot:02d}{tag}", text=text, format="jsonl",
                          source=f"Outlet {rng.randrange(60)}", title=f"{names[0]} {wire[0][:40]}",
                          url=f"https://outlet{event % 60}.example/{event}/{slot}{tag}",
                          language=language, published=published.isoformat(timespec="seconds"),
                          sentences=_split(text, language))
        noise = np.random.default_rng(zlib.crc32(f"{event}-{slot}-{tag}".encode())).normal(size=DIM)
        return article, encode(direction + 0.9 * noise / np.sqrt(DIM))


def _split(text: str, language: str) -> tuple[Sentence, ...]:
    sentences, start = [], 0
    for end in [i + 1 for i, c in enumerate(text) if c == "."]:
        sentences.append(Sentence(start, end, language))
        start = end + 1
    return tuple(sentences)


def _time(index: int, per_day: int) -> datetime:
    """Article ``index`` counted back from the newest."""
    return NEWEST - timedelta(days=index / per_day)


def grow(path: Path, events: Events, start: int, stop: int, per_day: int) -> None:
    """Add articles ``start``..``stop`` (counted back in time), as an analysis leaves them."""
    rng = np.random.default_rng(start)
    with Store(str(path)) as store:
        run = store.start_run(["bench"])
        for block in range(start, stop, 1000):
            articles, leads = [], {}
            for index in range(block, min(stop, block + 1000)):
                article, lead = events.member(index // EVENT, index % EVENT, _time(index, per_day))
                articles.append(article)
                leads[article.id] = lead
            store.add_batch(run, articles, [], [], {})
            store.save_lead_vectors(LEAD_MODEL, leads)
            _analysed(store, articles, rng, recent=block < WINDOW_DAYS * per_day)
        store.finish_run(run)


def _analysed(store: Store, articles: list[Article], rng, recent: bool) -> None:
    keys, features = {}, {}
    for article in articles:
        if article.text not in features:
            features[article.text] = all_keys(article_features(article))
        keys[article.id] = features[article.text]
    store.save_reuse_keys(keys)
    stories, edges = [], []
    for start in range(0, len(articles), EVENT):
        members = sorted(articles[start : start + EVENT], key=lambda a: (a.published, a.id))
        copies = [a for a in members if int(a.id[10:12]) % 5 < 2]
        edges += [ReuseEdge(copies[0].id, other.id, "copy", 1.0, "source->target", (), ())
                  for other in copies[1:]]
        ids = tuple(a.id for a in members)
        stories.append(Story(f"s-{ids[0]}", members[0].title, ids, (members[0].language,),
                             (Origin(f"o-{ids[0]}", tuple(a.id for a in copies), ()),), ()))
    store.save_reuse(edges, [a.id for a in articles])
    store.save_stories(story_rows(stories, {a.id: a for a in articles}))
    if recent:
        for article in articles:
            vectors = rng.normal(size=(len(article.sentences), SENTENCE_DIM))
            vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
            store.save_sentence_vectors(article.id, SENTENCE_MODEL, SENTENCE_DIM,
                                        vectors.astype(np.float16).tobytes())


def batch(events: Events, per_day: int) -> tuple[list[Article], dict[str, bytes]]:
    """60 articles joining 20 recent events, 40 opening 4 new ones."""
    articles, leads = [], {}
    when = NEWEST + timedelta(hours=1)
    for event in range(2, 42, 2):  # recent events, every other one
        for slot in (0, 7, 8):
            article, lead = events.member(event, slot, when, tag="n")
            articles.append(article)
            leads[article.id] = lead
    for event in range(4):
        for slot in range(EVENT):
            article, lead = events.member(10**8 + event, slot, when + timedelta(minutes=slot))
            articles.append(article)
            leads[article.id] = lead
    return articles, leads


@contextmanager
def _timed(seconds: dict[str, float], name: str):
    started = time.perf_counter()
    yield lambda count, total=None: None
    seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started


def _warm_up(article: Article) -> None:
    """Load the models before the clock starts (a watch keeps them loaded between batches)."""
    sentence_embedder([article.language]).embed([article.sentence_text(article.sentences[0])])
    get_embedder().embed([article.text[:200]])
    find_quotes(article)
    find_mentions(article)


def measure(path: Path, events: Events, per_day: int, as_watch: bool = False) -> dict[str, float]:
    """Analyse the batch on a copy of the store: seconds in all and per stage. ``as_watch``:
    embed the batch's leads and use a worker process per core, as a watch batch does."""
    work = path.with_suffix(".batch.db")
    for suffix in ("", "-wal", "-shm"):
        Path(f"{work}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(path, work)
    articles, leads = batch(events, per_day)
    _warm_up(articles[0])
    seconds: dict[str, float] = {}
    with Store(str(work)) as store:
        run = store.start_run(["batch"])
        store.add_batch(run, articles, [], [], {})
        if not as_watch:
            store.save_lead_vectors(LEAD_MODEL, leads)
        with shared_workers(None if as_watch else 1):
            if as_watch:  # a running watch's workers have their models loaded already
                list(parallel_map(_warm_up, [articles[0]] * 8))
            started, cpu = time.perf_counter(), time.process_time()
            analysis = analyse(store, articles, stage=lambda name: _timed(seconds, name))
        seconds["total"] = time.perf_counter() - started
        seconds["cpu"] = time.process_time() - cpu
        seconds["stories touched"] = len(analysis.stories)
        seconds["articles re-clustered"] = len(analysis.articles)
    work.unlink()
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 50_000, 100_000])
    parser.add_argument("--per-day", type=int, default=1000)
    parser.add_argument("--as-watch", action="store_true",
                        help="embed the batch's leads (real model) with a worker per core, as a watch "
                             "batch does (the CPU figure then leaves out the workers')")
    args = parser.parse_args()
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"store-{args.per_day}.db"
    events = Events()
    with Store(str(path)) as store:
        have = store.count_articles()
    for size in sorted(args.sizes):
        if size % 1000:
            sys.exit("sizes are whole thousands")
        if size > have:
            started = time.perf_counter()
            grow(path, events, have, size, args.per_day)
            print(f"store grown {have} -> {size} articles in {time.perf_counter() - started:.0f} s",
                  flush=True)
            have = size
        elif size < have:
            print(f"skipped {size}: the store holds {have} already (remove {path} to start small)")
            continue
        seconds = measure(path, events, args.per_day, args.as_watch)
        parts = ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}" for k, v in seconds.items())
        print(f"{size:>7} articles stored: {seconds['total']:.2f} s per batch of 100, "
              f"{seconds['cpu']:.2f} s of CPU ({parts})", flush=True)


if __name__ == "__main__":
    main()
