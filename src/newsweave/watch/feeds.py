"""The feeds registry in the store: the feeds followed with their polling state, the items
already read, and article versions. Written from the watch's main thread only."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import astuple, fields
from datetime import UTC, datetime

from newsweave.store import Store
from newsweave.watch.poll import KnownItem, Outcome
from newsweave.watch.schedule import DEAD_INTERVAL, DEFAULT_INTERVAL, FeedState
from newsweave.watch.sources import Source

_COLUMNS = tuple(f.name for f in fields(FeedState))
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM feeds"


def add_feeds(store: Store, sources: Iterable[Source], now: float) -> list[FeedState]:
    """Follow these feeds (a new one is due at once) and return them as stored, in order; a
    feed already followed (by the URL given, or the URL it moved to) is kept as it is."""
    followed = []
    with store.transaction():
        for source in sources:
            row = _find(store.connection, source.url)
            if row is None:
                store.connection.execute(
                    "INSERT INTO feeds(url, given_url, title, next_check, interval, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?)",
                    (source.url, source.url, source.title, now, DEFAULT_INTERVAL, now))
                row = _find(store.connection, source.url)
            if row is not None and row not in followed:
                followed.append(row)
    return followed


def _feed(row) -> FeedState:
    return FeedState(*row)


def _find(db: sqlite3.Connection, url: str) -> FeedState | None:
    row = db.execute(f"{_SELECT} WHERE given_url=? OR url=? LIMIT 1", (url, url)).fetchone()
    return FeedState(*row) if row else None


def all_feeds(store: Store) -> list[FeedState]:
    return [FeedState(*row) for row in store.connection.execute(f"{_SELECT} ORDER BY id")]


def due_feeds(store: Store, ids: set[int], now: float) -> list[FeedState]:
    """Those of these feeds whose next check has come, the most overdue first."""
    rows = store.connection.execute(f"{_SELECT} WHERE next_check <= ? ORDER BY next_check", (now,))
    return [feed for feed in map(_feed, rows) if feed.id in ids]


def next_checks(store: Store, ids: set[int]) -> list[float]:
    rows = store.connection.execute("SELECT id, next_check FROM feeds WHERE next_check IS NOT NULL")
    return [when for feed_id, when in rows if feed_id in ids]


def make_due(store: Store, ids: Sequence[int], now: float) -> None:
    """``--now``: these feeds are due now, except those told to wait and those gone."""
    with store.transaction():
        store.connection.executemany(
            "UPDATE feeds SET next_check=? WHERE id=? AND state NOT IN ('waiting', 'gone') "
            "AND next_check > ?", [(now, i, now) for i in ids])


def claim(store: Store, feed: FeedState, now: float) -> None:
    """Before asking a feed: its next check is pushed out by its interval, so that a watch
    killed while asking does not ask it again before its time (the answer's state replaces it)."""
    interval = DEAD_INTERVAL if feed.state == "dead" else feed.interval
    with store.transaction():
        store.connection.execute("UPDATE feeds SET next_check=? WHERE id=?", (now + interval, feed.id))


def save_outcomes(db: sqlite3.Connection, outcomes: Sequence[Outcome],
                  article_ids: dict[str, str | None], now: float) -> dict[str, KnownItem]:
    """Write each polled feed's new state, its items with their articles, and the versions
    (inside the caller's transaction); returns the items as the known-items snapshot needs them."""
    known: dict[str, KnownItem] = {}
    for outcome in outcomes:
        _save_state(db, outcome.feed)
        for item in outcome.items:
            article = article_ids.get(item.key)
            db.execute("INSERT OR REPLACE INTO feed_items VALUES (?, ?, ?, ?, ?, ?)",
                       (item.key, outcome.feed.id, item.item_hash, article, item.attempt, now))
            known[item.key] = KnownItem(outcome.feed.id, item.item_hash, article, item.attempt)
            if article and item.previous and article != item.previous:
                db.execute("INSERT OR IGNORE INTO article_versions VALUES (?, ?, ?, ?)",
                           (article, item.previous, item.key, _iso(now)))
    return known


def _save_state(db: sqlite3.Connection, feed: FeedState) -> None:
    """The feed's row; a feed moved to a URL another followed feed has keeps its own URL and
    says so (it is not dropped silently)."""
    values = astuple(feed)
    assignments = ", ".join(f"{name}=?" for name in _COLUMNS[1:])
    try:
        db.execute(f"UPDATE feeds SET {assignments} WHERE id=?", (*values[1:], feed.id))
    except sqlite3.IntegrityError:  # url UNIQUE: the other feed goes on
        db.execute("UPDATE feeds SET state='gone', next_check=NULL, last_status=?, last_error=? "
                   "WHERE id=?", (feed.last_status, f"moved to {feed.url}, followed already", feed.id))


def known_items(store: Store) -> dict[str, KnownItem]:
    rows = store.connection.execute("SELECT key, feed_id, item_hash, article_id, attempts FROM feed_items")
    return {key: KnownItem(*values) for key, *values in rows}


def versions(store: Store) -> dict[str, str]:
    """Each article that replaced another (same URL, changed text) with the one it replaced."""
    return dict(store.connection.execute("SELECT article_id, previous_id FROM article_versions"))


def feed_json(feed: FeedState) -> dict:
    """A feed as ``newsweave feeds --json`` prints it."""
    return {"url": feed.url, "title": feed.title, "state": feed.state,
            "last_checked": _iso(feed.last_checked), "last_status": feed.last_status,
            "last_new_item": _iso(feed.last_new_item), "errors": feed.errors,
            "next_check": _iso(feed.next_check), "last_error": feed.last_error,
            "given_url": feed.given_url}


def _iso(when: float | None) -> str | None:
    return None if when is None else datetime.fromtimestamp(when, UTC).isoformat(timespec="seconds")
