"""The feeds a watch follows, from its SOURCES: OPML files, files of feed URLs (one a line,
``#`` comments), or feed URLs."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass

from lxml import etree

from newsweave.errors import NewsweaveError

# OPML from anywhere: no entities, no network, no DTD.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)


class SourceError(NewsweaveError):
    """A SOURCE that names no feed: not a file, not a URL, or a file with a line that is neither."""


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    title: str | None = None


def read_sources(sources: Iterable[str]) -> list[Source]:
    """Every feed the sources name, each once, in order.

    Raises:
        SourceError: a source is neither an existing file nor an http(s) URL, or a URL file
            holds a line that is not a URL.
    """
    found: dict[str, Source] = {}
    for source in sources:
        for feed in _read_source(source):
            found.setdefault(feed.url, feed)
    return list(found.values())


def _read_source(source: str) -> list[Source]:
    if _is_url(source):
        return [Source(source)]
    if not os.path.isfile(source):
        raise SourceError(f"{source!r} is neither a file nor an http(s) feed URL")
    with open(source, "rb") as stream:
        data = stream.read()
    if b"<opml" in data[:2048].lower():
        return _read_opml(data, source)
    return _read_url_file(data, source)


def _read_opml(data: bytes, path: str) -> list[Source]:
    root = etree.fromstring(data, _PARSER)
    if root is None:
        raise SourceError(f"{path}: not a readable OPML file")
    feeds = []
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or "").strip()
        if _is_url(url):
            feeds.append(Source(url, outline.get("title") or outline.get("text")))
    return feeds


def _read_url_file(data: bytes, path: str) -> list[Source]:
    text = data.decode("utf-8", errors="replace")
    feeds = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _is_url(line):
            raise SourceError(f"{path}, line {number}: not an http(s) URL: {line[:100]!r}")
        feeds.append(Source(line))
    return feeds


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://")) and len(text.split()) == 1
