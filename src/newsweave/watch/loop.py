"""The watch: poll the feeds that are due in threads, a host at a time each, store what they
bring in batches, and hand each batch's new articles to the analysis.

The main thread owns the store. Before a feed is asked, its next check is pushed out (``claim``);
its answer's state, its items, their articles and the versions go into the store in one
transaction. So a watch killed at any point (even SIGKILL) and started again loses nothing (an
answer not stored left its feed's validators as they were, so the next poll reads its items
again), duplicates nothing (items and articles are keyed), and asks no feed before its time.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsweave.records import Article
from newsweave.runtime.ingest import Prepared, Workers, build_batch
from newsweave.store import Store
from newsweave.watch.feeds import (
    add_feeds,
    claim,
    due_feeds,
    known_items,
    make_due,
    next_checks,
    save_outcomes,
)
from newsweave.watch.http import PoliteClient
from newsweave.watch.poll import KnownItems, Outcome, poll
from newsweave.watch.schedule import FeedState, after_failure
from newsweave.watch.sources import Source

log = logging.getLogger(__name__)
# Outcomes are stored when this many items wait, or this many seconds after the first came.
STORE_ITEMS = 128
STORE_SECONDS = 2.0
# The analysis runs when this many new articles wait, when nothing is being asked, or this
# many seconds after the first came.
ANALYSE_ARTICLES = 100
ANALYSE_SECONDS = 60.0
_IDLE_TICK = 1.0  # most seconds between looks at the schedule while nothing is being asked


@dataclass(frozen=True, slots=True)
class WatchOptions:
    """How to watch.

    Args:
        once: poll the feeds due at the start, then stop (for cron).
        now: every feed is due at the start, except those told to wait and those gone.
        threads: feeds asked at once (each of another host).
    """

    once: bool = False
    now: bool = False
    threads: int = 16
    workers: int | None = 1  # processes to build articles (extraction, cleaning)


@dataclass(frozen=True, slots=True)
class Event:
    """Something the watch did, for progress lines and ``--json`` logs."""

    kind: str  # polled, stored, analysed, stopped
    data: dict


@dataclass(slots=True)
class WatchSummary:
    polled: int = 0
    stored: int = 0
    rejected: int = 0
    analysed: int = 0
    batches: int = 0


@dataclass(slots=True)
class _Pending:
    outcomes: list[Outcome] = field(default_factory=list)
    since: float = 0.0
    articles: list[Article] = field(default_factory=list)
    articles_since: float = 0.0


class Watcher:
    """Watches feeds until ``stop()`` (or, with ``once``, until the due feeds are polled).

    Args:
        store: the store (used from the thread that calls ``run``).
        sources: the feeds to follow (added to the store, due at once when new).
        client: the polite HTTP client the threads share.
        analyse: called with each batch's new articles (``runtime.analysis.analyse``); None: no analysis.
        clock: unix time now (tests pass a fake one).
        on_event: progress.
    """

    def __init__(self, store: Store, sources: Sequence[Source], client: PoliteClient,
                 options: WatchOptions | None = None,
                 analyse: Callable[[list[Article]], None] | None = None,
                 clock: Callable[[], float] = time.time,
                 on_event: Callable[[Event], None] = lambda event: None) -> None:
        self.store, self.client, self.options = store, client, options or WatchOptions()
        self._analyse, self._clock, self._emit = analyse, clock, on_event
        self._stop = threading.Event()
        self._feed_ids = [f.id for f in add_feeds(store, sources, clock())]
        self._watched = set(self._feed_ids)
        self._known = KnownItems(known_items(store))
        self._run_id: int | None = None
        self.summary = WatchSummary()

    def stop(self) -> None:
        """Finish the feeds being asked, store and analyse what they brought, then return."""
        self._stop.set()

    def run(self) -> WatchSummary:
        if self.options.now:
            make_due(self.store, self._feed_ids, self._clock())
        first_due = self._due(set(), set()) if self.options.once else None
        status = "failed"
        try:
            with ThreadPoolExecutor(self.options.threads, "watch") as threads, \
                    Workers(self.options.workers) as builders:
                self._loop(threads, builders, first_due)
            status = "finished"
        finally:
            if self._run_id is not None:
                self.store.finish_run(self._run_id, status=status)
        self._emit(Event("stopped", {"polled": self.summary.polled, "stored": self.summary.stored}))
        return self.summary

    # --- the loop ---------------------------------------------------------------------------
    def _loop(self, threads: ThreadPoolExecutor, builders: Workers,
              only: list[FeedState] | None) -> None:
        in_flight: dict[Future, FeedState] = {}
        pending = _Pending()
        todo = {f.id for f in only} if only is not None else None
        while True:
            if not self._stop.is_set():
                self._submit(threads, in_flight, todo)
            if in_flight:
                done, _ = wait(in_flight, timeout=0.25, return_when=FIRST_COMPLETED)
                for future in done:
                    self._collect(future, in_flight.pop(future), pending)
            idle = not in_flight
            self._store_if_ready(pending, builders, idle)
            self._analyse_if_ready(pending, idle)
            if idle and (self._stop.is_set() or (todo is not None and not self._still_due(todo))):
                return  # with --once: nothing left of what was due at the start
            if idle:
                self._stop.wait(self._idle_wait())

    def _submit(self, threads: ThreadPoolExecutor, in_flight: dict[Future, FeedState],
                todo: set[int] | None) -> int:
        """Start the due feeds of hosts not being asked, as threads are free, each claimed in
        the store first; returns how many were started."""
        busy = {_host(f.url) for f in in_flight.values()}
        asking = {f.id for f in in_flight.values()}
        free = self.options.threads - len(in_flight)
        started = 0
        for feed in self._due(asking, busy):
            if started >= free:
                break
            if (todo is not None and feed.id not in todo) or _host(feed.url) in busy:
                continue
            started += 1
            busy.add(_host(feed.url))
            now = self._clock()
            claim(self.store, feed, now)
            if todo is not None:
                todo.discard(feed.id)
            in_flight[threads.submit(poll, feed, self.client, self._known, now, self._stop.is_set)] = feed
        return started

    def _still_due(self, todo: set[int]) -> bool:
        return any(feed.id in todo for feed in self._due(set(), set()))

    def _due(self, asking: set[int], busy: set[str]) -> list[FeedState]:
        due = due_feeds(self.store, self._watched, self._clock())
        return [f for f in due if f.id not in asking and _host(f.url) not in busy]

    def _idle_wait(self) -> float:
        upcoming = next_checks(self.store, self._watched)
        if not upcoming:
            return _IDLE_TICK
        return min(max(min(upcoming) - self._clock(), 0.05), _IDLE_TICK)

    def _collect(self, future: Future, feed: FeedState, pending: _Pending) -> None:
        try:
            outcome = future.result()
        except Exception as error:  # a bug in reading one feed must not stop the others
            log.exception("polling %s failed", feed.url)
            outcome = Outcome(after_failure(feed, now=self._clock(), status="error",
                                            error=f"internal error: {type(error).__name__}: {error}"))
        self.summary.polled += 1
        if not pending.outcomes:
            pending.since = time.monotonic()
        pending.outcomes.append(outcome)
        state = outcome.feed
        self._emit(Event("polled", {"feed": state.url, "status": state.last_status,
                                    "state": state.state, "new": len(outcome.items),
                                    "error": state.last_error, "moved_from": outcome.moved_from}))

    # --- storing and analysing ----------------------------------------------------------------
    def _store_if_ready(self, pending: _Pending, builders: Workers, idle: bool) -> None:
        if not pending.outcomes:
            return
        items = sum(len(o.items) for o in pending.outcomes)
        if not (idle or items >= STORE_ITEMS or time.monotonic() - pending.since >= STORE_SECONDS):
            return
        articles = self._store(pending.outcomes, builders)
        pending.outcomes = []
        if articles and not pending.articles:
            pending.articles_since = time.monotonic()
        pending.articles.extend(articles)

    def _store(self, outcomes: list[Outcome], builders: Workers) -> list[Article]:
        """One transaction: the articles the outcomes' items make, their rejections, the
        feeds' new state and the items read. Returns the new articles."""
        items = [item for outcome in outcomes for item in outcome.items]
        now = self._clock()
        if not items:
            with self.store.transaction():
                save_outcomes(self.store.connection, outcomes, {}, now)
            return []
        built = build_batch(self.store, [item.document for item in items], builders)
        stored = {a.id for a in built.articles} | built.known
        article_ids = {item.key: _id(prepared, stored)
                       for item, prepared in zip(items, built.prepared, strict=True)}
        known = {}

        def write_feeds(db) -> None:
            known.update(save_outcomes(db, outcomes, article_ids, now))

        counts = self.store.add_batch(self._run(), built.articles, built.known, built.rejections,
                                      built.line_keys, then=write_feeds)
        self._known.update(known)
        self.summary.stored += counts.stored
        self.summary.rejected += counts.rejected
        self._emit(Event("stored", {"articles": counts.stored, "rejected": counts.rejected,
                                    "feeds": len(outcomes)}))
        return built.articles

    def _run(self) -> int:
        if self._run_id is None:
            self._run_id = self.store.start_run(["watch", f"{len(self._feed_ids)} feeds"])
        return self._run_id

    def _analyse_if_ready(self, pending: _Pending, idle: bool) -> None:
        if not pending.articles:
            return
        waited = time.monotonic() - pending.articles_since
        if not (idle or len(pending.articles) >= ANALYSE_ARTICLES or waited >= ANALYSE_SECONDS):
            return
        articles, pending.articles = pending.articles, []
        if self._analyse is None:
            return
        started = time.perf_counter()
        try:
            self._analyse(articles)
        except Exception as error:  # the articles are stored; the next batches go on
            log.exception("analysing a batch of %d articles failed", len(articles))
            self._emit(Event("analysis failed", {"articles": len(articles), "error": repr(error)[:300]}))
            return
        self.summary.analysed += len(articles)
        self.summary.batches += 1
        self._emit(Event("analysed", {"articles": len(articles),
                                      "seconds": round(time.perf_counter() - started, 2)}))


def _id(prepared, stored: set[str]) -> str | None:
    """The article an item became: its id when that article is stored (new or before)."""
    return prepared.id if isinstance(prepared, Prepared) and prepared.id in stored else None


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or url).lower()
    except ValueError:
        return url


