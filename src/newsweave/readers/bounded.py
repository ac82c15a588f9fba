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


_OUTSIDE_STRING = re.compile(rb'["\[\]{},]')
_INSIDE_STRING = re.compile(rb'["\\]')
_WHITESPACE = b" \t\r\n"


def json_list_items(stream: BinaryIO, start: bytes, limit: int) -> Iterator[bytes | Oversize]:
    """The items of a JSON list, each as its own bytes (for ``json.loads``), or ``Oversize`` for
    an item over ``limit``; ``start`` holds the bytes already read.

    A scanner, not a parser: it follows strings (and their escapes) and nesting only to find the
    commas between items, so it holds at most ``limit`` bytes of one item however long the item
    or a string in it is (ijson's yajl buffers a whole string: a 300 MB one took 300 MB). Each
    item's own syntax is left to the JSON parser of that item.

    Raises:
        ValueError: the file is not one JSON list, or ends inside it.
    """
    scan = _ListScan(limit)
    chunk = start.removeprefix(b"\xef\xbb\xbf")  # a UTF-8 byte order mark
    while chunk:
        yield from scan.feed(chunk)
        if scan.closed:
            break
        chunk = read_some(stream)
    if not scan.closed:
        raise ValueError(f"the file ends inside the list, in item {scan.index}" if scan.opened
                         else "no JSON list in the file")
    while chunk and not (chunk := chunk[scan.after:].strip(_WHITESPACE)):  # only space may follow
        chunk, scan.after = read_some(stream), 0
    if chunk:
        raise ValueError(f"more after the list's closing ']' (its {scan.index} items were read)")


class _ListScan:
    """The state of ``json_list_items`` between chunks."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.opened = self.closed = False
        self.in_string = self.escaped = False
        self.depth = 0
        self.index = 0  # of the item being read
        self.parts: list[bytes] = []
        self.size = 0
        self.after = 0  # where the bytes after the closing ']' begin in the last chunk

    def feed(self, chunk: bytes) -> Iterator[bytes | Oversize]:
        at, begin = 0, 0  # where scanning goes on, where the item's bytes in this chunk begin
        if not self.opened:
            at = len(chunk) - len(chunk.lstrip(_WHITESPACE))
            if at == len(chunk):
                return
            if chunk[at:at + 1] != b"[":
                raise ValueError("not a JSON list: a .json file over the limit is read item by "
                                 "item only when it is a list of articles")
            self.opened, at = True, at + 1
            begin = at
        while at < len(chunk):
            if self.in_string:
                at = self._string(chunk, at)
                continue
            found = _OUTSIDE_STRING.search(chunk, at)
            if found is None:
                break
            at, mark = found.end(), found.group()
            if mark == b'"':
                self.in_string = True
            elif mark in b"[{":
                self.depth += 1
            elif mark in b"]}" and self.depth:
                self.depth -= 1
            elif self.depth == 0 and mark in b",]":  # at the list's own level: an item ends
                item = self._item(chunk[begin : at - 1], closing=mark == b"]")
                if item is not None:
                    yield item
                begin = at
                if mark == b"]":
                    self.closed, self.after = True, at
                    return
        self._keep(chunk[begin:])

    def _string(self, chunk: bytes, at: int) -> int:
        """Where scanning goes on after what of a string lies in ``chunk`` from ``at``."""
        if self.escaped:  # a backslash ended the last chunk: this byte is escaped
            self.escaped = False
            return at + 1
        found = _INSIDE_STRING.search(chunk, at)
        if found is None:
            return len(chunk)
        if found.group() == b"\\":
            if found.end() == len(chunk):
                self.escaped = True
            return found.end() + 1
        self.in_string = False
        return found.end()

    def _keep(self, piece: bytes) -> None:
        self.size += len(piece)
        if self.size <= self.limit:
            self.parts.append(piece)
        elif self.parts:  # the item just went over: let its bytes go, keep counting
            self.parts = []

    def _item(self, last: bytes, closing: bool) -> bytes | Oversize | None:
        """The item that ends with ``last`` (``None`` for the nothing inside ``[]``)."""
        self._keep(last)
        item = b"".join(self.parts) if self.size <= self.limit else Oversize(self.index, self.size)
        self.parts, self.size = [], 0
        if closing and self.index == 0 and isinstance(item, bytes) and not item.strip(_WHITESPACE):
            return None
        self.index += 1
        return item
