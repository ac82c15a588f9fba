"""Reading inputs: files, folders, globs and stdin in every supported format.

``read_inputs`` yields raw documents, HTML pages still to be extracted (the pipeline extracts
them, in parallel for large inputs) and rejections. It never raises for bad data.
"""

from __future__ import annotations

import glob
import gzip
import io
import os
import re
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from newsweave.readers.bounded import Oversize, bounded_lines, feed_items, json_list_items
from newsweave.readers.decode import NotText, decode_bytes, looks_binary
from newsweave.readers.feed import read_feed
from newsweave.readers.fetch import Fetcher
from newsweave.readers.html import HtmlPage
from newsweave.readers.jsonl import read_json_document, read_json_line, read_json_lines, read_json_record
from newsweave.readers.text import read_text
from newsweave.readers.warc import read_warc
from newsweave.records import RawDocument, Rejection

__all__ = ["HtmlPage", "ReadOptions", "Item", "discover", "fetch_url", "is_feed", "read_found", "read_inputs"]

Item = RawDocument | HtmlPage | Rejection
STDIN = "-"

_SUFFIXES = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".xml": "feed", ".rss": "feed", ".atom": "feed",
    ".warc": "warc", ".urls": "urls",
}
_URL_LINE = re.compile(r"^\s*https?://\S+\s*$")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read.

    Args:
        max_bytes: the largest single article (a text or HTML file, a JSONL line, a feed item,
            a WARC page). Readers never hold more than this of one article: a longer one (a
            gzip bomb) is stepped over and rejected, and reading goes on after it.
        fetcher: set to download feed links and URL lists (``--fetch``); None reads offline.
    """

    max_bytes: int = 10_000_000
    fetcher: Fetcher | None = None


def discover(inputs: Iterable[str]) -> Iterator[str | Rejection]:
    """Every file named by the inputs: paths, folders (recursively), globs, and ``-``.

    An input that names nothing becomes a rejection, so one mistyped path does not stop a run.
    """
    for item in inputs:
        if item == STDIN:
            yield STDIN
        elif os.path.isdir(item):
            yield from _folder_files(item)
        elif os.path.exists(item):
            yield item
        elif _URL_LINE.match(item):  # fetched with --fetch (read_inputs)
            yield item.strip()
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            yield from discover(matches) if matches else [Rejection(item, "no file matches this pattern")]
        else:
            yield Rejection(item, "no such file or folder")


def _folder_files(folder: str) -> Iterator[str | Rejection]:
    """Files under a folder in a format newsweave reads; others are recorded as skipped.

    Hidden files and everything in hidden folders (.git, .cache) are left out silently.
    """
    for path in sorted(Path(folder).rglob("*")):
        if not path.is_file() or _hidden(path.relative_to(folder)):
            continue
        if _format_of(str(path)) or not path.suffix:
            yield str(path)
        else:
            yield Rejection(str(path), f"skipped: {path.suffix} is not a format newsweave reads")


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") for part in relative.parts)


def _format_of(path: str) -> str | None:
    """The format a file name says, looking through a .gz suffix."""
    name = path.lower().removesuffix(".gz")
    return _SUFFIXES.get(os.path.splitext(name)[1])


def read_inputs(inputs: Iterable[str], options: ReadOptions | None = None) -> Iterator[Item]:
    """Everything the inputs hold, one item at a time."""
    options = options or ReadOptions()
    for path in discover(inputs):
        if isinstance(path, Rejection):
            yield path
        else:
            yield from read_found(path, options)


def read_found(path: str, options: ReadOptions) -> Iterator[Item]:
    """The items of one input that ``discover`` found: a file, stdin, or a URL (with --fetch)."""
    if _URL_LINE.match(path) and not os.path.exists(path):
        return _read_url(path, options)
    return read_path(path, options)


def _read_url(url: str, options: ReadOptions) -> Iterator[Item]:
    """An input given as a URL: a feed or a page, with --fetch."""
    if options.fetcher is None:
        yield Rejection(url, "a URL: pass --fetch to download it")
    else:
        yield from fetch_url(options.fetcher, url, None)


def read_path(path: str, options: ReadOptions) -> Iterator[Item]:
    """The items of one file (or of stdin); unreadable files become one rejection."""
    shown = None if path == STDIN else path
    try:
        yield from _read_file(path, shown, options)
    except (EOFError, zlib.error, gzip.BadGzipFile) as error:  # before OSError, its base class
        yield Rejection(shown, f"truncated or corrupt compressed file: {error}")
    except OSError as error:
        yield Rejection(shown, f"cannot read file: {error.strerror or error}")


def _read_file(path: str, shown: str | None, options: ReadOptions) -> Iterator[Item]:
    compressed = path.lower().endswith(".gz")
    kind = _format_of(path)
    with _open(path, compressed) as stream:
        if kind == "warc":
            # gzip here, not in warcio: warcio wants one gzip member per record, and a WARC
            # compressed whole (`gzip crawl.warc`) is one member.
            yield from read_warc(stream, path=shown, max_bytes=options.max_bytes)
            return
        if kind == "jsonl":
            yield from _read_json_stream(stream, shown, options)
            return
        data = stream.read(options.max_bytes + 1)
        if len(data) > options.max_bytes and (kind or _sniff(data)) == "feed":
            yield from _read_feed_stream(stream, data, shown, options)
            return
        if len(data) > options.max_bytes and _is_json_list(data, kind):
            yield from _read_json_list_stream(stream, data, shown, options)
            return
    yield from _read_document(data, kind, shown, options)


def _read_feed_stream(stream: BinaryIO, start: bytes, path: str | None,
                      options: ReadOptions) -> Iterator[Item]:
    """A feed over the limit for one article, read item by item (the limit is per item)."""
    try:
        for index, item in enumerate(feed_items(stream, start, options.max_bytes)):
            if isinstance(item, Oversize):
                yield Rejection(path, f"feed item over the {options.max_bytes:,}-byte limit "
                                "for one article (raise it with --max-bytes)",
                                locator=f"item {item.number}")
                continue
            for read in read_feed(item, path=path, fetcher=options.fetcher):
                yield _relocated(read, index)
    except ValueError as error:
        yield Rejection(path, f"feed is over the {options.max_bytes:,}-byte limit for one "
                        f"article and cannot be read item by item: {error}")


def _is_json_list(data: bytes, kind: str | None) -> bool:
    """Whether a file over the limit is to be read as a JSON list, item by item."""
    opening = data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()[:1]
    return kind == "json" and opening != b"{" or kind is None and opening == b"["


def _read_json_list_stream(stream: BinaryIO, start: bytes, path: str | None,
                           options: ReadOptions) -> Iterator[Item]:
    """A JSON list over the limit for one article, read item by item (the limit is per item)."""
    try:
        for index, item in enumerate(json_list_items(stream, start, options.max_bytes)):
            locator = f"item {index}"
            if isinstance(item, Oversize):
                yield Rejection(path, f"list item over the {options.max_bytes:,}-byte limit for one "
                                "article (raise it with --max-bytes)", locator=locator)
                continue
            try:
                text = decode_bytes(item)
            except NotText as error:
                yield Rejection(path, str(error), locator=locator)
                continue
            yield read_json_record(text, path=path, locator=locator)
    except ValueError as error:
        yield Rejection(path, f"JSON file over the {options.max_bytes:,}-byte limit for one article "
                        f"and not read to its end as a list of articles: {error}")


def _relocated(item: Item, index: int) -> Item:
    """An item read from a one-item feed, with its place in the whole feed."""
    if isinstance(item, RawDocument | Rejection) and item.locator == "item 0":
        return replace(item, locator=f"item {index}")
    return item


def _read_document(data: bytes, kind: str | None, path: str | None,
                   options: ReadOptions) -> Iterator[Item]:
    """A file read whole: one article (text, HTML), a JSON document, a feed or a URL list."""
    if not data.strip():
        yield Rejection(path, "empty file")
        return
    if len(data) > options.max_bytes:
        yield Rejection(path, f"file is over the {options.max_bytes:,}-byte limit for one "
                        "article (raise it with --max-bytes)")
        return
    if looks_binary(data):
        yield Rejection(path, "binary file, not text")
        return
    kind = kind or _sniff(data)
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), path=path, max_bytes=options.max_bytes)
    elif kind == "html":
        yield HtmlPage(data, "html", path=path)
    elif kind == "feed":
        yield from read_feed(data, path=path, fetcher=options.fetcher)
    else:
        yield from _read_text_kinds(data, kind, path, options)


def _read_text_kinds(data: bytes, kind: str | None, path: str | None,
                     options: ReadOptions) -> Iterator[Item]:
    try:
        text = decode_bytes(data)
    except NotText as error:
        yield Rejection(path, str(error))
        return
    if kind == "json":
        yield from read_json_document(text, path=path)
    elif kind == "jsonl":  # split at newlines only: JSON strings may hold U+2028, U+0085...
        yield from read_json_lines(text.split("\n"), path=path)
    elif kind == "urls" or _is_url_list(text):
        yield from _read_url_list(text, path, options)
    else:
        yield read_text(text, path=path)


def _read_url_list(text: str, path: str | None, options: ReadOptions) -> Iterator[Item]:
    urls = [line.strip() for line in text.splitlines() if line.strip()
            and not line.lstrip().startswith("#")]
    if options.fetcher is None:
        yield Rejection(path, f"a list of {len(urls)} URLs: pass --fetch to download them")
        return
    for url in urls:
        yield from fetch_url(options.fetcher, url, path)


def fetch_url(fetcher: Fetcher, url: str, path: str | None) -> Iterator[Item]:
    """What a URL holds, told by its content: a feed's items (their pages fetched as the items
    need), or one page; a feed item's locator names the feed."""
    fetched = fetcher.fetch_document(url, path=path)
    if isinstance(fetched, Rejection):
        yield fetched
    elif is_feed(fetched.data):
        for item in read_feed(fetched.data, path=path, fetcher=fetcher):
            yield replace(item, locator=_in_feed(url, item.locator))
    elif fetched.content_type in ("text/html", "application/xhtml+xml"):
        yield HtmlPage(fetched.data, "html", path=path, locator=url, url=fetched.url,
                       charset=fetched.charset)
    else:
        yield Rejection(path, f"fetched page is {fetched.content_type}, not HTML or a feed",
                        locator=url)


def _in_feed(url: str, locator: str | None) -> str:
    """Where a feed's item was: ``item 3`` of the feed at this URL (a fetched page keeps its own URL)."""
    if not locator:
        return url
    return f"{url} {locator}" if locator.startswith("item ") else locator


def is_feed(data: bytes) -> bool:
    """Whether a document is an RSS, RDF or Atom feed, by its start (a page is never one,
    whatever its head mentions)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head) and b"<html" not in head


def _is_url_list(text: str) -> bool:
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return bool(lines) and all(_URL_LINE.match(line) for line in lines)


def _sniff(data: bytes) -> str:
    """The format of a file whose name does not say it."""
    head = data[:1024].lstrip().lower()
    if head.startswith(b"warc/"):
        return "warc"
    if head.startswith((b"{", b"[")):
        return "jsonl" if data.count(b"\n{") else "json"
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        return "feed"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) or b"<html" in head:
        return "html"
    return "text"


def _read_json_stream(stream: BinaryIO, path: str | None, options: ReadOptions) -> Iterator[Item]:
    """A JSON Lines file, streamed: each line decoded on its own so one bad line spoils nothing."""
    empty = True
    for number, raw in bounded_lines(stream, options.max_bytes):
        if isinstance(raw, Oversize):
            empty = False
            yield Rejection(path, f"line over the {options.max_bytes:,}-byte limit for one "
                            "article", locator=f"line {number}")  # as the Spark reader says it
            continue
        if not raw.strip():
            continue
        empty = False
        try:
            line = decode_bytes(raw)
        except NotText as error:
            yield Rejection(path, str(error), locator=f"line {number}")
            continue
        yield read_json_line(line, path=path, number=number)
    if empty:  # said like any other empty file, not passed over in silence
        yield Rejection(path, "empty file")


def _open(path: str, compressed: bool) -> BinaryIO:
    # gzip.open owns (and closes) a file it opens by name, not one handed to it already open.
    return gzip.open(path) if compressed else _open_raw(path)  # type: ignore[return-value]


def _open_raw(path: str) -> BinaryIO:
    return sys.stdin.buffer if path == STDIN else open(path, "rb")  # noqa: SIM115
