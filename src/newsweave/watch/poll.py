"""Polling one feed: a conditional GET, the answer read into the feed's next state, and its new
items made into documents (from the feed when it carries the text, else from the linked page).

Runs in the watch's threads: it reads the store only through ``KnownItems`` (a snapshot the
main thread keeps up to date) and writes nothing; the main thread stores the ``Outcome``.
"""

from __future__ import annotations

import calendar
import hashlib
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

import feedparser

from newsweave.readers.feed import entry_body, entry_time
from newsweave.readers.html import HtmlPage, extract_page, html_fragment_to_text
from newsweave.records import RawDocument, Rejection
from newsweave.watch.http import Answer, PoliteClient
from newsweave.watch.schedule import (
    MIN_INTERVAL,
    FeedState,
    Limits,
    after_failure,
    after_gone,
    after_not_modified,
    after_success,
    after_wait,
    max_age_seconds,
    retry_after_seconds,
    ttl_seconds,
)

# Feed text this long is the article (content:encoded, Atom content); shorter is a teaser, and
# the linked page is read. News leads alone run past 280 characters; teasers rarely do.
FULL_TEXT_CHARS = 280
# An item that became no article (its page failed, and the feed has no text for it) is read
# again at the feed's next polls, this many times in all: a page down for an hour is not lost.
ITEM_ATTEMPTS = 3
# Linked pages read in one poll at most (with the host delay, ~2 minutes): a new feed of
# thousands of teasers is read over several polls, the next one soon, not in one poll of hours.
MAX_PAGES_PER_POLL = 50


@dataclass(frozen=True, slots=True)
class KnownItem:
    feed_id: int
    item_hash: str
    article_id: str | None
    attempts: int = 1

    def read_again(self, feed_id: int, item_hash: str) -> bool:
        """Whether this feed should read the item again: it changed in the feed that brought
        it, or it became no article and has attempts left."""
        if feed_id != self.feed_id:
            return False
        return item_hash != self.item_hash or (self.article_id is None and self.attempts < ITEM_ATTEMPTS)


class KnownItems:
    """The items already read, by key (link, else guid), and those being read: the polling
    threads claim an item before reading it, so that two feeds listing one new URL fetch its page
    once; the main thread adds the items of each stored batch."""

    def __init__(self, items: dict[str, KnownItem]) -> None:
        self._items = items
        self._reading: set[str] = set()
        self._lock = threading.Lock()

    def claim(self, key: str, feed_id: int, item_hash: str) -> KnownItem | bool:
        """Whether this feed should read this item: True for a new one, the earlier reading
        for one to read again (``KnownItem.read_again``), False for none."""
        with self._lock:
            earlier = self._items.get(key)
            if key in self._reading or (earlier and not earlier.read_again(feed_id, item_hash)):
                return False
            self._reading.add(key)
            return earlier or True

    def release(self, keys: list[str]) -> None:
        """Items claimed but not read (the watch stopped on the way)."""
        with self._lock:
            self._reading.difference_update(keys)

    def update(self, items: dict[str, KnownItem]) -> None:
        with self._lock:
            self._items.update(items)
            self._reading.difference_update(items)


@dataclass(frozen=True, slots=True)
class FeedItem:
    """A new (or changed) item and what was read for it."""

    key: str
    item_hash: str
    document: RawDocument | HtmlPage | Rejection
    previous: str | None = None  # the article this one replaces (the item changed)
    attempt: int = 1  # the how-manieth reading of the item this is


@dataclass(frozen=True, slots=True)
class Outcome:
    """One poll: the feed's next state, its new items, and whether every item was read (a poll
    cut short by a stop keeps its old validators, so the next poll sees the items again)."""

    feed: FeedState
    items: tuple[FeedItem, ...] = ()
    moved_from: str | None = None


def poll(feed: FeedState, client: PoliteClient, known: KnownItems, now: float,
         stopping: Callable[[], bool] = lambda: False) -> Outcome:
    """Ask one feed and read what it answers; never raises for what the server does."""
    answer = client.get(feed.url, _conditional_headers(feed))
    moved = _moved(feed, answer)
    outcome = _read_answer(moved, answer, client, known, now, stopping)
    return replace(outcome, moved_from=feed.url if moved.url != feed.url else None)


def _moved(feed: FeedState, answer: Answer) -> FeedState:
    """The feed at its new URL when permanent redirects led there (and the answer is good)."""
    if answer.moved_to and answer.status in (200, 304):
        return replace(feed, url=answer.moved_to)
    return feed


def _conditional_headers(feed: FeedState) -> dict[str, str]:
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def _read_answer(feed: FeedState, answer: Answer, client: PoliteClient, known: KnownItems,
                 now: float, stopping: Callable[[], bool]) -> Outcome:
    status = str(answer.status) if answer.status else "error"
    limits = Limits(max_age=max_age_seconds(answer.headers.get("cache-control")))
    if answer.error:
        return Outcome(after_failure(feed, now=now, status=status, error=answer.error))
    if answer.status == 304:
        return Outcome(after_not_modified(feed, now=now, status=status, limits=limits))
    if answer.status == 410:
        return Outcome(after_gone(feed, now=now, status=status))
    wait = retry_after_seconds(answer.headers.get("retry-after"), now)
    if answer.status in (429, 503) and wait is not None:
        return Outcome(after_wait(feed, now=now, status=status, retry_after=wait))
    if answer.status != 200:
        return Outcome(after_failure(feed, now=now, status=status, error=f"HTTP {answer.status}"))
    return _read_feed(feed, answer, client, known, now, limits, stopping)


def _read_feed(feed: FeedState, answer: Answer, client: PoliteClient, known: KnownItems,
               now: float, limits: Limits, stopping: Callable[[], bool]) -> Outcome:
    body_hash = hashlib.blake2b(answer.body, digest_size=16).hexdigest()
    validators = {"etag": answer.headers.get("etag"),
                  "last_modified": answer.headers.get("last-modified"), "body_hash": body_hash}
    if body_hash == feed.body_hash:  # a server that ignores conditional requests
        state = after_not_modified(feed, now=now, status="200 same", limits=limits)
        return Outcome(replace(state, etag=validators["etag"], last_modified=validators["last_modified"]))
    parsed = feedparser.parse(answer.body)
    problem = _not_a_feed(parsed)
    if problem:
        return Outcome(after_failure(feed, now=now, status="200", error=problem))
    limits = replace(limits, ttl=ttl_seconds(parsed.feed.get("ttl")))
    outlet = parsed.feed.get("title") or None
    items, complete = _new_items(feed, parsed.entries, outlet, client, known, stopping)
    retry = any(isinstance(item.document, Rejection) and item.attempt < ITEM_ATTEMPTS for item in items)
    if not complete or retry:  # the next poll must get the whole feed again, to read them
        validators = {"etag": feed.etag, "last_modified": feed.last_modified,
                      "body_hash": feed.body_hash}
    state = after_success(feed, now=now, status="200", new_items=len(items),
                          item_times=_item_times(parsed.entries), limits=limits, title=outlet,
                          **validators)
    if not complete:  # items left unread: soon again (the feed's own limits still hold)
        state = replace(state, next_check=now + max(MIN_INTERVAL, limits.floor))
    return Outcome(state, tuple(items))


def _not_a_feed(parsed) -> str | None:
    """Why a 200 answer is no feed: nothing readable in it (a feed broken only after some
    items is read as far as it goes, as feed readers do)."""
    if parsed.entries:
        return None
    if parsed.get("bozo"):
        return f"malformed feed: {parsed.get('bozo_exception')}"[:300]
    if not parsed.get("version") and not parsed.feed:
        return "not a feed (no RSS, RDF or Atom in the answer)"
    return None


def _new_items(feed: FeedState, entries: list, outlet: str | None, client: PoliteClient,
               known: KnownItems, stopping: Callable[[], bool]) -> tuple[list[FeedItem], bool]:
    """The feed's items not read before (or changed since, in this feed), read; and whether
    all were (False when the watch was stopped on the way, or the poll read its most pages)."""
    items, seen, pages = [], set(), 0
    for index, entry in enumerate(entries):
        key = entry.get("link") or entry.get("id")
        if not key or key in seen:
            continue
        seen.add(key)
        item_hash = _item_hash(entry)
        claimed = known.claim(key, feed.id, item_hash)
        if claimed is False:
            continue  # read already (or being read), here or from another feed that lists it
        needs_page = not _full_text(entry) and bool(entry.get("link"))
        if stopping() or (needs_page and pages >= MAX_PAGES_PER_POLL):
            known.release([key])
            return items, False
        pages += needs_page
        document = read_item(entry, index, feed.url, outlet, client)
        earlier = claimed if isinstance(claimed, KnownItem) else None
        items.append(FeedItem(key, item_hash, document, earlier.article_id if earlier else None,
                              earlier.attempts + 1 if earlier else 1))
    return items, True


def read_item(entry, index: int, feed_url: str, outlet: str | None,
              client: PoliteClient) -> RawDocument | Rejection:
    """An item's document: from the feed when it carries the article, else from its linked
    page; when the page fails, the feed's own text (a summary) where it has one."""
    link = entry.get("link")
    from_feed = _from_feed(entry, index, feed_url, outlet)
    if _full_text(entry) or not link:
        return from_feed or Rejection(feed_url, "feed item has no text and no link",
                                      locator=f"item {index}")
    page = _page(client, link, feed_url, outlet, entry_time(entry))
    if isinstance(page, RawDocument):
        return page
    return from_feed or page


def _from_feed(entry, index: int, feed_url: str, outlet: str | None) -> RawDocument | None:
    body = entry_body(entry)
    if not body.strip():
        return None
    return RawDocument(
        text=body, format="feed", path=feed_url, locator=f"item {index}", title=entry.get("title"),
        url=entry.get("link"), source=outlet, published=entry_time(entry),
        author=entry.get("author"), language=entry.get("language") or None)


def _full_text(entry) -> bool:
    contents = entry.get("content") or []
    html = max((part.get("value", "") for part in contents), key=len, default="")
    return len(html_fragment_to_text(html)) >= FULL_TEXT_CHARS if html else False


def _page(client: PoliteClient, link: str, feed_url: str, outlet: str | None,
          published: str | None) -> RawDocument | Rejection:
    answer = client.get(link)
    if answer.error or answer.status != 200:
        reason = answer.error or f"HTTP {answer.status}"
        return Rejection(feed_url, f"fetch failed: {reason}", locator=link)
    if answer.content_type not in ("text/html", "application/xhtml+xml", ""):
        return Rejection(feed_url, f"fetched page is {answer.content_type}, not HTML", locator=link)
    page = HtmlPage(answer.body, "html", path=feed_url, locator=link, url=answer.url,
                    charset=answer.charset, source=outlet, published=published)
    return extract_page(page)


def _item_hash(entry) -> str:
    """What the feed says about an item: a change of it (an updated text, a new update time)
    is read again."""
    # dict.get: feedparser's own get maps a missing 'updated' to 'published', with a warning.
    parts = [entry.get("title") or "", entry.get("link") or "", dict.get(entry, "updated") or "",
             entry_body(entry)]
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=12).hexdigest()


def _item_times(entries: list) -> list[float]:
    times = []
    for entry in entries:
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        if stamp:
            try:
                times.append(float(calendar.timegm(stamp)))
            except (OverflowError, ValueError):
                continue
    return times
