"""RSS and Atom feeds: full text from the feed, or the linked pages with --fetch."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser

from newsweave.readers.fetch import Fetcher
from newsweave.readers.html import HtmlPage, html_fragment_to_text
from newsweave.records import RawDocument, Rejection


def read_feed(data: bytes, *, path: str | None,
              fetcher: Fetcher | None = None) -> Iterator[RawDocument | HtmlPage | Rejection]:
    """One document per feed item; a feed that cannot be parsed at all is one rejection."""
    parsed = feedparser.parse(data)
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        reason = f"broken feed: {problem}" if problem else "feed has no items"
        yield Rejection(path, reason)
        return
    outlet = parsed.feed.get("title") or None
    for index, entry in enumerate(parsed.entries):
        yield _read_entry(entry, index, path=path, outlet=outlet, fetcher=fetcher)


def _read_entry(entry, index: int, *, path: str | None, outlet: str | None,
                fetcher: Fetcher | None) -> RawDocument | HtmlPage | Rejection:
    locator = f"item {index}"
    link = entry.get("link")
    published = _entry_time(entry)
    if fetcher is not None and link:
        return fetcher.fetch(link, path=path, source=outlet, published=published)
    body = _entry_body(entry)
    if not body.strip():
        hint = " (pass --fetch to download the linked page)" if link else ""
        return Rejection(path, f"feed item has no text{hint}", locator=locator)
    return RawDocument(
        text=body, format="feed", path=path, locator=locator, title=entry.get("title"),
        url=link, source=outlet, published=published, author=entry.get("author"),
        language=entry.get("language") or None,
    )


def _entry_body(entry) -> str:
    """The fullest text an item carries: content:encoded, else the summary."""
    contents = entry.get("content") or []
    html = max((part.get("value", "") for part in contents), key=len, default="")
    return html_fragment_to_text(html or entry.get("summary", ""))


def _entry_time(entry) -> str | None:
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    if not stamp:
        return None
    try:
        return datetime.fromtimestamp(time.mktime(stamp) - time.timezone, UTC).isoformat()
    except (OverflowError, ValueError, OSError):  # out of range: "9999-12-31T23:59:59-23:59"
        return None


# The watch reads items one by one with the same rules.
entry_body = _entry_body
entry_time = _entry_time
