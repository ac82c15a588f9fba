"""The watch against feed servers the tests start on loopback addresses (127.0.0.2 and
127.0.0.3 are other hosts than 127.0.0.1): new items over time, conditional requests, waits,
410 and 301, failures of every kind, one host at a time, versions. The watch's clock is a fake
one, so 'half an hour later' takes no time; HTTP runs for real with short timeouts."""

from __future__ import annotations

import email.utils
import hashlib
import os
import signal
import subprocess
import sys
import threading
import time

import pytest
from feed_server import FeedServer, Reply, page, rss

from newsweave.store import Store
from newsweave.watch import PoliteClient, Source, Watcher, WatchOptions
from newsweave.watch.feeds import all_feeds, known_items, versions
from newsweave.watch.schedule import DEFAULT_INTERVAL, MIN_INTERVAL

T0 = 1_760_000_000.0  # the fake clock's start (2025-10-09)
RSS = {"Content-Type": "application/rss+xml; charset=utf-8"}
HTML = {"Content-Type": "text/html; charset=utf-8"}
TOWNS = ["Vellmar", "Ostrick", "Brannhavn", "Kelso Bay", "Dunmere", "Tarvik", "Selby Cross",
         "Maribel", "Orrin", "Westhaven"]


def story(n: int) -> list[str]:
    """Three invented paragraphs, different for each n (no line recurs across stories)."""
    town = TOWNS[n % len(TOWNS)]
    return [f"The harbour council of {town} voted on Tuesday to add {n + 2} evening ferries to "
            f"the timetable, officials said after a debate about costs that lasted {n + 4} hours.",
            f"The new boats will run from May until the end of September, and a ticket will cost "
            f"{n + 3} euros for adults, the council of {town} said in a statement on Wednesday.",
            f"Residents of {town} had asked for more crossings since {1990 + n}, when the old "
            f"bridge was closed to heavy traffic for repairs that are still not finished."]


def html(paragraphs: list[str]) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def rfc822(when: float) -> str:
    return email.utils.formatdate(when, usegmt=True)


class Clock:
    def __init__(self) -> None:
        self.now = T0

    def __call__(self) -> float:
        return self.now


class Feed:
    """A feed route whose items change over time, with an ETag and Last-Modified, answering
    304 to a request that carries them."""

    def __init__(self, title: str) -> None:
        self.title = title
        self.items: list[dict] = []

    def __call__(self, request) -> Reply:
        body = rss(self.title, self.items)
        etag = '"' + hashlib.sha1(body).hexdigest()[:12] + '"'
        modified = rfc822(T0 - 3600 + len(self.items))
        if request.headers.get("if-none-match") == etag:
            return Reply(304, headers={"ETag": etag})
        return Reply(200, body, {**RSS, "ETag": etag, "Last-Modified": modified})


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "watch.db")) as store:
        yield store


@pytest.fixture
def host_a():
    with FeedServer("127.0.0.2") as server:
        yield server


@pytest.fixture
def host_b():
    with FeedServer("127.0.0.3") as server:
        yield server


def client(**settings) -> PoliteClient:
    settings = {"private": True, "host_delay": 0.0, "timeout": 2.0, **settings}
    return PoliteClient(**settings)


def watch_once(store: Store, urls: list[str], clock: Clock, http: PoliteClient | None = None,
               **options) -> Watcher:
    http = http or client()
    watcher = Watcher(store, [Source(u) for u in urls], http, WatchOptions(once=True, **options),
                      clock=clock)
    try:
        watcher.run()
    finally:
        if http is not None:
            http.close()
    return watcher


def feed_state(store: Store, url: str):
    [feed] = [f for f in all_feeds(store) if url in (f.url, f.given_url)]
    return feed


# --- new items, conditional requests, one article per URL --------------------------------------
def test_new_items_over_time_are_stored_once_with_conditional_requests(store, host_a, host_b):
    news, wire = Feed("Vellmar Post"), Feed("Wire Digest")
    host_a.routes["/news.xml"] = news
    host_b.routes["/wire.xml"] = wire
    for n in range(4):
        host_a.routes[f"/a/{n}"] = lambda r, n=n: Reply(200, page(f"Story {n}", story(n)), HTML)
    news.items = [
        {"title": "Story 0", "link": host_a.url("/a/0"), "content": html(story(0)),
         "published": rfc822(T0 - 600)},
        {"title": "Story 1", "link": host_a.url("/a/1"), "summary": "Ferries.",
         "published": rfc822(T0 - 300)},
    ]
    wire.items = [{"title": "Story 1", "link": host_a.url("/a/1"), "summary": "Ferries again."}]
    feeds = [host_a.url("/news.xml"), host_b.url("/wire.xml")]
    clock = Clock()

    watch_once(store, feeds, clock)
    assert store.count_articles() == 2
    assert host_a.paths().count("/a/0") == 0  # its text came with the feed
    assert host_a.paths().count("/a/1") == 1  # one page fetch, though two feeds list it

    clock.now += DEFAULT_INTERVAL
    watch_once(store, feeds, clock)
    assert len(host_a.asked("/news.xml")) == 1  # two items this week: asked daily
    clock.now = feed_state(store, feeds[0]).next_check
    watch_once(store, feeds, clock)
    [first, second] = host_a.asked("/news.xml")
    assert "if-none-match" not in first.headers
    assert second.headers["if-none-match"].startswith('"')
    assert second.headers["if-modified-since"]
    assert feed_state(store, feeds[0]).last_status == "304"

    news.items.append({"title": "Story 2", "link": host_a.url("/a/2"), "summary": "More."})
    clock.now += 24 * 3600
    watch_once(store, feeds, clock)
    assert store.count_articles() == 3
    assert sorted(host_a.paths()).count("/a/1") == 1
    titles = sorted(a.title for a in store.articles())
    assert titles == ["Story 0", "Story 1", "Story 2"]
    assert len(known_items(store)) == 3
    news_state = feed_state(store, feeds[0])
    assert news_state.state == "ok" and news_state.errors == 0 and news_state.last_new_item == clock.now


def test_an_item_whose_page_fails_keeps_its_feed_text(store, host_a):
    host_a.routes["/news.xml"] = lambda r: Reply(200, rss("Vellmar Post", [
        {"title": "Teaser only", "link": host_a.url("/missing"), "summary": " ".join(story(5))},
        {"title": "Title only", "link": host_a.url("/missing-too")},
    ]), RSS)
    watch_once(store, [host_a.url("/news.xml")], Clock())
    [article] = store.articles()
    assert article.title == "Teaser only" and "Brannhavn" not in article.text
    assert article.text.startswith("The harbour council of")
    [rejection] = store.rejections()
    assert rejection.reason == "fetch failed: HTTP 404" and rejection.locator.endswith("/missing-too")


def test_a_changed_article_is_a_new_version_of_the_earlier(store, host_a):
    feed = Feed("Vellmar Post")
    host_a.routes["/news.xml"] = feed
    feed.items = [{"title": "Ferries", "link": host_a.url("/a/7"), "content": html(story(7))}]
    clock = Clock()
    watch_once(store, [host_a.url("/news.xml")], clock)
    [before] = store.articles()

    corrected = story(7)[:2] + ["Correction: the council met on Monday, not on Tuesday as "
                                "first reported here."]
    feed.items = [{"title": "Ferries", "link": host_a.url("/a/7"), "content": html(corrected)}]
    clock.now += 24 * 3600
    watch_once(store, [host_a.url("/news.xml")], clock)

    after = [a for a in store.articles() if a.id != before.id]
    assert len(after) == 1 and "Correction" in after[0].text
    assert versions(store) == {after[0].id: before.id}


# --- waits, gone, moved --------------------------------------------------------------------------
def test_waits_are_kept_and_410_and_301_stick(store, host_a):
    host_a.routes["/busy.xml"] = lambda r: Reply(429, b"", {"Retry-After": "7200"})
    host_a.routes["/gone.xml"] = lambda r: Reply(410)
    host_a.routes["/old.xml"] = lambda r: Reply(301, b"", {"Location": "/new.xml"})
    host_a.routes["/new.xml"] = lambda r: Reply(200, rss("Moved", [
        {"title": "Story 3", "link": host_a.url("/a/3"), "content": html(story(3))}]), RSS)
    host_a.routes["/hop.xml"] = lambda r: Reply(302, b"", {"Location": "/new.xml"})
    urls = [host_a.url(p) for p in ("/busy.xml", "/gone.xml", "/old.xml", "/hop.xml")]
    clock = Clock()
    watch_once(store, urls, clock)

    busy = feed_state(store, urls[0])
    assert busy.state == "waiting" and busy.next_check >= T0 + 7200
    assert feed_state(store, urls[1]).state == "gone" and feed_state(store, urls[1]).next_check is None
    moved = feed_state(store, urls[2])
    assert moved.url == host_a.url("/new.xml") and moved.given_url == urls[2]
    assert feed_state(store, urls[3]).url == urls[3]  # a 302 moves nothing
    assert store.count_articles() == 1

    for _ in range(3):  # --now asks again every feed but the waiting and the gone
        clock.now += 600
        watch_once(store, urls, clock, now=True)
    assert len(host_a.asked("/busy.xml")) == 1
    assert len(host_a.asked("/gone.xml")) == 1
    assert len(host_a.asked("/old.xml")) == 1  # then /new.xml directly
    assert len(host_a.asked("/hop.xml")) == 4
    clock.now = T0 + 7200 + 1
    watch_once(store, urls, clock)
    assert len(host_a.asked("/busy.xml")) == 2
    assert len(host_a.asked("/gone.xml")) == 1


# --- failures --------------------------------------------------------------------------------------
def test_failures_are_counted_with_backoff_and_a_hanging_host_holds_back_no_other(store, host_a, host_b):
    host_a.routes["/error.xml"] = lambda r: Reply(500, b"oops")
    host_a.routes["/malformed.xml"] = lambda r: Reply(
        200, b'<?xml version="1.0"?><rss version="2.0"><channel><title>Broken<<<&&&', RSS)
    host_a.routes["/endless.xml"] = lambda r: Reply(200, headers=RSS, endless=True)
    host_b.routes["/hang.xml"] = lambda r: Reply(hang=True)
    host_a.routes["/fine.xml"] = lambda r: Reply(200, rss("Fine", [
        {"title": "Story 4", "link": host_a.url("/a/4"), "content": html(story(4))}]), RSS)
    urls = [host_b.url("/hang.xml")] + [host_a.url(p) for p in
                                         ("/error.xml", "/malformed.xml", "/endless.xml", "/fine.xml")]
    events = []
    http = client(max_bytes=200_000, timeout=1.0)
    watcher = Watcher(store, [Source(u) for u in urls], http, WatchOptions(once=True),
                      clock=Clock(), on_event=events.append)
    watcher.run()
    http.close()

    polled = [e.data["feed"] for e in events if e.kind == "polled"]
    assert polled[-1] == urls[0]  # the hanging host answered last; the others went on
    assert store.count_articles() == 1
    for url, error in zip(urls, ("timeout", "HTTP 500", "malformed feed", "byte limit"), strict=False):
        state = feed_state(store, url)
        assert state.state == "failing" and state.errors == 1 and error in state.last_error
        assert state.next_check >= T0 + 2 * DEFAULT_INTERVAL
    assert feed_state(store, urls[4]).state == "ok"


def test_a_feed_failing_for_long_is_dead_and_still_asked(store, host_a):
    host_a.routes["/error.xml"] = lambda r: Reply(503)
    url = host_a.url("/error.xml")
    clock = Clock()
    for _ in range(12):
        watch_once(store, [url], clock)
        clock.now = feed_state(store, url).next_check
    state = feed_state(store, url)
    assert state.state == "dead" and state.errors >= 10
    assert state.next_check is not None  # asked rarely, never dropped
    assert len(host_a.asked("/error.xml")) == 12


# --- politeness ------------------------------------------------------------------------------------
def test_one_host_is_asked_one_request_at_a_time_with_the_delay(store, host_a, host_b):
    for n in range(6):
        host_a.routes[f"/f{n}.xml"] = lambda r, n=n: Reply(200, rss(f"Feed {n}", [
            {"title": f"Story {n}", "link": host_a.url(f"/a/{n}"), "summary": "Teaser."}]), RSS)
        host_a.routes[f"/a/{n}"] = lambda r, n=n: Reply(200, page(f"Story {n}", story(n)), HTML)
    host_b.routes["/b.xml"] = lambda r: Reply(200, rss("B", [
        {"title": "Story 9", "link": host_b.url("/a/9"), "content": html(story(9))}]), RSS)
    delay = 0.05
    urls = [host_a.url(f"/f{n}.xml") for n in range(6)] + [host_b.url("/b.xml")]
    watch_once(store, urls, Clock(), http=client(host_delay=delay))

    assert store.count_articles() == 7
    assert host_a.most_at_once == 1
    starts = sorted(r.started for r in host_a.requests)
    assert len(starts) == 12
    assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= delay * 0.9
    assert all(r.headers["user-agent"].startswith("newsweave/") for r in host_a.requests)


def test_loopback_is_refused_without_fetch_private(store, host_a):
    host_a.routes["/news.xml"] = lambda r: Reply(200, rss("X", []), RSS)
    watch_once(store, [host_a.url("/news.xml")], Clock(), http=client(private=False))
    state = feed_state(store, host_a.url("/news.xml"))
    assert state.state == "failing" and "private address" in state.last_error
    assert host_a.paths() == []


def test_the_feed_ttl_and_max_age_are_floors(store, host_a):
    host_a.routes["/ttl.xml"] = lambda r: Reply(200, rss("T", [], extra="<ttl>180</ttl>"), RSS)
    host_a.routes["/cached.xml"] = lambda r: Reply(200, rss("C", []),
                                                   {**RSS, "Cache-Control": "public, max-age=36000"})
    urls = [host_a.url("/ttl.xml"), host_a.url("/cached.xml")]
    watch_once(store, urls, Clock())
    assert feed_state(store, urls[0]).next_check >= T0 + 180 * 60
    assert feed_state(store, urls[1]).next_check >= T0 + 36000
    assert feed_state(store, urls[0]).interval >= MIN_INTERVAL


# --- stopping and killing --------------------------------------------------------------------------
def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsweave.cli", *args]


def _wait_for(condition, seconds: float = 15.0) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "timed out waiting"
        time.sleep(0.02)


def _teasers(server: FeedServer, count: int) -> None:
    """A feed of ``count`` teasers whose pages are /a/0, /a/1, ..."""
    server.routes["/news.xml"] = lambda r: Reply(200, rss("Vellmar Post", [
        {"title": f"Story {n}", "link": server.url(f"/a/{n}"), "summary": "Teaser."}
        for n in range(count)]), {**RSS, "ETag": '"v1"'})
    for n in range(count):
        server.routes[f"/a/{n}"] = lambda r, n=n: Reply(200, page(f"Story {n}", story(n)), HTML)


def test_killed_while_asking_then_restarted_loses_nothing_and_asks_nothing_early(tmp_path, host_a):
    _teasers(host_a, 3)
    released = threading.Event()
    host_a.routes["/a/2"] = lambda r: Reply(200, page("Story 2", story(2)), HTML, after=released)
    db = str(tmp_path / "watch.db")
    url = host_a.url("/news.xml")
    process = subprocess.Popen(_cli("watch", url, "--db", db, "--fetch-private", "--host-delay", "0",
                                    "--timeout", "30"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_for(lambda: "/a/2" in host_a.paths())
        process.kill()  # SIGKILL while the feed's items are being read
        process.wait(10)
    finally:
        released.set()
    with Store(db) as store:
        assert store.count_articles() == 0
        feed = feed_state(store, url)
        assert feed.next_check > time.time() + DEFAULT_INTERVAL - 60  # claimed before asking
        assert feed.etag is None
        watch_once(store, [url], Clock())  # started again at once: not asked before its time
        assert len(host_a.asked("/news.xml")) == 1
        watch_once(store, [url], Clock(), now=True)  # asked again: every item read, once
        assert sorted(a.title for a in store.articles()) == ["Story 0", "Story 1", "Story 2"]
        watch_once(store, [url], Clock(), now=True)
        assert store.count_articles() == 3
        assert [host_a.paths().count(f"/a/{n}") for n in range(3)] == [2, 2, 2]


def test_sigterm_stores_the_batch_in_hand_and_exits_0(tmp_path, host_a):
    _teasers(host_a, 3)
    released = threading.Event()
    host_a.routes["/a/1"] = lambda r: Reply(200, page("Story 1", story(1)), HTML, after=released)
    db = str(tmp_path / "watch.db")
    url = host_a.url("/news.xml")
    process = subprocess.Popen(_cli("watch", url, "--db", db, "--fetch-private", "--host-delay", "0",
                                    "--workers", "1"), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for(lambda: "/a/1" in host_a.paths())
        process.send_signal(signal.SIGTERM)
        time.sleep(0.2)
        released.set()
        _, errors = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0, errors.decode()
    assert b"analysed: articles 2" in errors
    with Store(db) as store:
        assert sorted(a.title for a in store.articles()) == ["Story 0", "Story 1"]
        assert feed_state(store, url).etag is None  # cut short: the next poll reads it whole
        watch_once(store, [url], Clock(), now=True)
        assert sorted(a.title for a in store.articles()) == ["Story 0", "Story 1", "Story 2"]


def test_without_once_the_watch_asks_each_feed_again_when_due_until_stopped(tmp_path, host_a):
    feed = Feed("Vellmar Post")
    host_a.routes["/news.xml"] = feed
    feed.items = [{"title": "Story 0", "link": host_a.url("/a/0"), "content": html(story(0))}]
    clock, batches, watchers = Clock(), [], []
    db, url = str(tmp_path / "watch.db"), host_a.url("/news.xml")

    def watch() -> None:  # the store belongs to the thread that opens it
        with Store(db) as store:
            http = client()
            watchers.append(Watcher(store, [Source(url)], http, clock=clock,
                                    analyse=lambda arts: batches.append(sorted(a.title for a in arts))))
            watchers[0].run()
            http.close()

    running = threading.Thread(target=watch)
    running.start()
    try:
        _wait_for(lambda: batches == [["Story 0"]])
        feed.items.append({"title": "Story 1", "link": host_a.url("/a/1"), "content": html(story(1))})
        time.sleep(0.3)
        assert len(host_a.asked("/news.xml")) == 1  # not due yet
        with Store(db) as store:
            clock.now = feed_state(store, url).next_check
        _wait_for(lambda: batches == [["Story 0"], ["Story 1"]])
    finally:
        watchers[0].stop()
        running.join(10)
    assert not running.is_alive()
    assert len(host_a.asked("/news.xml")) == 2


def test_ctrl_c_stops_the_watch_not_the_analysis_under_way(tmp_path, host_a):
    """Ctrl-C in a terminal signals the whole process group: the analysis's fork server and
    workers too. They ignore it (started so); the watch finishes its batch and exits 0."""
    host_a.routes["/news.xml"] = lambda r: Reply(200, rss("Vellmar Post", [
        {"title": f"Story {n}", "link": host_a.url(f"/a/{n}"), "content": html(story(n))}
        for n in range(5)]), RSS)
    command = _cli("watch", host_a.url("/news.xml"), "--db", str(tmp_path / "w.db"),
                   "--fetch-private", "--host-delay", "0", "--workers", "2")
    with subprocess.Popen(command, stderr=subprocess.PIPE, text=True, start_new_session=True) as process:
        try:
            for line in process.stderr:
                if line.startswith("stored"):
                    break
            time.sleep(0.5)  # the analysis is under way
            os.killpg(process.pid, signal.SIGINT)
            errors = process.stderr.read()
            process.wait(60)
        finally:
            process.kill()
    assert process.returncode == 0, errors
    assert "analysed: articles 5" in errors


def test_an_item_whose_page_failed_is_read_again_at_the_next_polls_then_left(store, host_a):
    feed = Feed("Vellmar Post")
    host_a.routes["/news.xml"] = feed
    feed.items = [{"title": "Flaky", "link": host_a.url("/a/0")},
                  {"title": "Gone", "link": host_a.url("/a/404")}]
    answers = iter([Reply(503), Reply(200, page("Flaky", story(0)), HTML)])
    host_a.routes["/a/0"] = lambda r: next(answers)
    url, clock = host_a.url("/news.xml"), Clock()
    for _ in range(5):
        watch_once(store, [url], clock)
        clock.now = feed_state(store, url).next_check
    assert [a.title for a in store.articles()] == ["Flaky"]
    assert len(host_a.asked("/a/0")) == 2
    assert len(host_a.asked("/a/404")) == 3  # three attempts, then left (as a rejection)
    feeds = host_a.asked("/news.xml")
    assert [("if-none-match" in r.headers) for r in feeds] == [False, False, False, True, True]


def test_a_feed_of_many_teasers_is_read_over_several_polls(store, host_a, monkeypatch):
    monkeypatch.setattr("newsweave.watch.poll.MAX_PAGES_PER_POLL", 2)
    _teasers(host_a, 5)
    url, clock = host_a.url("/news.xml"), Clock()
    watch_once(store, [url], clock)
    assert store.count_articles() == 2
    assert feed_state(store, url).next_check == T0 + MIN_INTERVAL
    assert feed_state(store, url).etag is None  # the next answer comes whole
    for _ in range(2):
        clock.now = feed_state(store, url).next_check
        watch_once(store, [url], clock)
    assert sorted(a.title for a in store.articles()) == [f"Story {n}" for n in range(5)]
    assert [host_a.paths().count(f"/a/{n}") for n in range(5)] == [1] * 5
    assert feed_state(store, url).etag == '"v1"'
