"""When to ask a feed next: the polling policy, as pure functions of a feed's state and what its
last answer said (no clock, no store: the caller passes ``now``).

As the best feed readers do (Miniflux's entry frequency, Tiny Tiny RSS's backoff): a feed is
asked about as often as it publishes, within bounds, never more often than it says it may be
(``<ttl>``, ``Cache-Control: max-age``, ``Retry-After``); failures back off exponentially, and
a feed failing for long is dead (asked rarely, never dropped).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime

MIN_INTERVAL = 5 * 60.0
MAX_INTERVAL = 24 * 3600.0
DEFAULT_INTERVAL = 30 * 60.0
# What a feed's own limits (ttl, max-age, Retry-After) may push a check out to at most: a
# misconfigured "ttl 100000" must not silence a feed for months.
LONGEST_WAIT = 7 * 24 * 3600.0
WEEK = 7 * 24 * 3600.0
# Dead: this many failures in a row over at least this long (with the backoff, ~4 days).
DEAD_AFTER_ERRORS = 10
DEAD_AFTER_SECONDS = 3 * 24 * 3600.0
DEAD_INTERVAL = MAX_INTERVAL
STATES = ("ok", "waiting", "failing", "dead", "gone")
_MAX_AGE = re.compile(r"(?:^|[,\s])max-age\s*=\s*\"?(\d+)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FeedState:
    """One followed feed as the store keeps it; times are unix seconds."""

    id: int
    url: str
    given_url: str
    title: str | None = None
    state: str = "ok"
    next_check: float | None = None  # None: never again (gone)
    interval: float = DEFAULT_INTERVAL
    last_checked: float | None = None
    last_status: str | None = None
    last_error: str | None = None
    last_new_item: float | None = None
    etag: str | None = None
    last_modified: str | None = None
    body_hash: str | None = None
    errors: int = 0
    failing_since: float | None = None


@dataclass(frozen=True, slots=True)
class Limits:
    """What the feed's answer says about how often it may be asked (seconds; 0: nothing)."""

    ttl: float = 0.0  # the feed's <ttl> (given in minutes, kept here in seconds)
    max_age: float = 0.0  # Cache-Control: max-age

    @property
    def floor(self) -> float:
        return min(max(self.ttl, self.max_age), LONGEST_WAIT)


def publishing_interval(item_times: list[float], now: float) -> float | None:
    """The gap between checks that matches how often the feed published in the past week
    (a week over its items in that week, as Miniflux does); None when none is dated in it."""
    recent = [t for t in item_times if now - WEEK <= t <= now + 3600]
    return WEEK / len(recent) if recent else None


def next_interval(feed: FeedState, *, new_items: int, item_times: list[float], now: float) -> float:
    """The interval for a well feed: its publishing rate where the items are dated, else the
    current one shortened when something new came and lengthened when nothing did."""
    rate = publishing_interval(item_times, now)
    if rate is None:
        rate = feed.interval * (0.5 if new_items else 1.5)
    return min(max(rate, MIN_INTERVAL), MAX_INTERVAL)


def after_success(feed: FeedState, *, now: float, status: str, new_items: int,
                  item_times: list[float], limits: Limits, title: str | None = None,
                  etag: str | None = None, last_modified: str | None = None,
                  body_hash: str | None = None) -> FeedState:
    """The state after a good answer (200 or 304): errors cleared, the next check planned."""
    interval = next_interval(feed, new_items=new_items, item_times=item_times, now=now)
    return replace(
        feed, state="ok", interval=interval, next_check=now + max(interval, limits.floor),
        last_checked=now, last_status=status, last_error=None, errors=0, failing_since=None,
        title=title or feed.title, last_new_item=now if new_items else feed.last_new_item,
        etag=etag, last_modified=last_modified, body_hash=body_hash)


def after_not_modified(feed: FeedState, *, now: float, status: str, limits: Limits) -> FeedState:
    """A 304, or a body the same as last time: nothing new, validators kept."""
    return after_success(feed, now=now, status=status, new_items=0, item_times=[], limits=limits,
                         etag=feed.etag, last_modified=feed.last_modified, body_hash=feed.body_hash)


def after_wait(feed: FeedState, *, now: float, status: str, retry_after: float) -> FeedState:
    """429 or 503 with Retry-After: not a failure, but no question before the server allows."""
    wait = min(max(retry_after, feed.interval), LONGEST_WAIT)
    return replace(feed, state="waiting", next_check=now + wait, last_checked=now,
                   last_status=status, last_error=f"asked to wait {retry_after:.0f}s")


def after_failure(feed: FeedState, *, now: float, status: str, error: str) -> FeedState:
    """Any other failure: counted, with exponential backoff; dead after long failing."""
    errors = feed.errors + 1
    since = feed.failing_since if feed.failing_since is not None else now
    dead = errors >= DEAD_AFTER_ERRORS and now - since >= DEAD_AFTER_SECONDS
    backoff = DEAD_INTERVAL if dead else min(feed.interval * 2 ** min(errors, 16), MAX_INTERVAL)
    return replace(feed, state="dead" if dead else "failing", next_check=now + backoff,
                   last_checked=now, last_status=status, last_error=error[:500], errors=errors,
                   failing_since=since)


def after_gone(feed: FeedState, *, now: float, status: str) -> FeedState:
    """410 Gone: never asked again (kept, and listed, as gone)."""
    return replace(feed, state="gone", next_check=None, last_checked=now, last_status=status,
                   last_error="the server says the feed is gone for good")


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Retry-After as seconds from now: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - now)


def max_age_seconds(cache_control: str | None) -> float:
    match = _MAX_AGE.search(cache_control or "")
    return float(match.group(1)) if match else 0.0


def ttl_seconds(ttl: str | None) -> float:
    """An RSS <ttl> (minutes) in seconds; 0 when absent or not a number."""
    try:
        return max(0.0, float(str(ttl).strip()) * 60) if ttl else 0.0
    except ValueError:
        return 0.0
