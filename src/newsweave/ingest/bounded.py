"""Reading a stream in pieces no larger than the limit for one article.

A gzip bomb (a 3 GB line in a 3 MB ``.jsonl.gz``) must cost no more memory than one article:
these readers never hold more than ``limit`` bytes of one line or one feed item, and step over
what is longer, telling the caller where it was.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

CHUNK = 1 << 20
# An RSS or RDF <item>, or an Atom <entry>, with or without a namespace prefix.
_ITEM_START = re.compile(rb"<((?:[A-Za-z_][\w.-]*:)?(?:item|entry))[\s>/]")
_CLOSERS = ((b"<rdf:rdf", b"</rdf:RDF>"), (b"<rss", b"</channel></rss>"), (b"<feed", b"</feed>"))


@dataclass(frozen=True, slots=True)
class Oversize:
    """A line or item longer than the limit, stepped over: where it was, and its size so far."""

    number: int  # line number, or item index
    size: int


def read_some(stream: BinaryIO, size: int = CHUNK) -> bytes:
    """Up to ``size`` bytes, without waiting for more than one read of what lies beneath (a
    live stdin pipe gives its lines as they come)."""
    read1 = getattr(stream, "read1", None)
    return read1(size) if read1 else stream.read(size)


def bounded_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | Oversize]]:
    """(line number, the line without its newline, or ``Oversize`` for a line over ``limit``)."""
    number, parts, size = 1, [], 0
    while chunk := read_some(stream):
        pieces = chunk.split(b"\n")
        for index, piece in enumerate(pieces):
            size += len(piece)
            if size <= limit:
                parts.append(piece)
            elif parts:  # the line just went over: let its bytes go, keep counting
                parts = []
            if index < len(pieces) - 1:  # a newline ends this piece's line
                yield number, (b"".join(parts) if size <= limit else Oversize(number, size))
                number, parts, size = number + 1, [], 0
    if size:
        yield number, (b"".join(parts) if size <= limit else Oversize(number, size))


def feed_items(stream: BinaryIO, start: bytes, limit: int) -> Iterator[bytes | Oversize]:
    """Each item of a feed as a feed of its own (the feed's head, the item, the closing tags),
    or ``Oversize`` for an item over ``limit``; ``start`` holds the bytes already read.

    Raises:
        ValueError: the feed's head (before its first item) is over ``limit``, or holds no
            root element a feed has.
    """
    buffer = start
    head_end = _next_item(stream, buffer, 0, limit)
    if head_end is None:
        raise ValueError(f"no feed item within the first {limit:,} bytes")
    buffer, found = head_end
    head = buffer[: found.start()]
    closer = next((end for root, end in _CLOSERS if root in head.lower()), None)
    if closer is None:
        raise ValueError("no <rss>, <feed> or <rdf:RDF> element before the first item")
    index = 0
    while found is not None:
        end_tag = b"</" + found.group(1) + b">"
        item, buffer = _item_at(stream, buffer, found.start(), end_tag, limit)
        yield head + item + closer if isinstance(item, bytes) else Oversize(index, item)
        index += 1
        following = _next_item(stream, buffer, 0, limit)
        buffer, found = following if following is not None else (b"", None)


def _next_item(stream: BinaryIO, buffer: bytes, start: int,
               limit: int) -> tuple[bytes, re.Match] | None:
    """The buffer and the next item start in it, reading on for up to ``limit`` bytes."""
    while True:
        found = _ITEM_START.search(buffer, start)
        if found:
            return buffer, found
        if len(buffer) > limit:
            return None
        chunk = read_some(stream)
        if not chunk:
            return None
        start = max(0, len(buffer) - 64)  # a tag may straddle two chunks
        buffer += chunk


def _item_at(stream: BinaryIO, buffer: bytes, begin: int, end_tag: bytes,
             limit: int) -> tuple[bytes | int, bytes]:
    """(the item that starts at ``begin``, or its size so far when over ``limit``; the rest of
    the buffer after it). An item over the limit is stepped over, keeping only a tail."""
    buffer, searched, skipped = buffer[begin:], 0, 0
    while True:
        end = buffer.find(end_tag, max(0, searched - len(end_tag)))
        if end >= 0:
            stop = end + len(end_tag)
            size = skipped + stop
            return (buffer[:stop] if size <= limit else size), buffer[stop:]
        searched = len(buffer)
        if skipped + len(buffer) > limit:  # over the limit: keep only what may start the end tag
            keep = len(end_tag)
            skipped += len(buffer) - keep
            buffer, searched = buffer[-keep:], keep
        chunk = read_some(stream)
        if not chunk:  # the file ends inside the item: feedparser reads what there is
            return (buffer if not skipped else skipped + len(buffer)), b""
        buffer += chunk
