"""JSON and JSON Lines articles: news-please field names and the plain newsweave ones."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from newsweave.readers.metadata import normalise_date
from newsweave.records import RawDocument, Rejection

# Each field, with the names it goes by: plain newsweave first, then news-please, then others.
_FIELDS = {
    "text": ("text", "maintext", "content", "body"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "published": ("published", "date_publish", "date", "pubDate", "published_at"),
    "source": ("source", "source_domain", "sitename", "outlet"),
    "language": ("language", "lang"),
    "author": ("author", "authors", "byline"),
}
# Valid JSON syntax that json.loads still refuses, with these rather than JSONDecodeError:
# nesting thousands deep (RecursionError), an integer of thousands of digits (ValueError).
_TOO_BIG = (RecursionError, ValueError)


def read_json_lines(lines: Iterable[str], *, path: str | None) -> Iterator[RawDocument | Rejection]:
    """One article per line; a bad line is rejected and the rest still read."""
    for number, line in enumerate(lines, start=1):
        if line.strip():
            yield read_json_line(line, path=path, number=number)


def read_json_line(line: str, *, path: str | None, number: int) -> RawDocument | Rejection:
    """The article on one JSON Lines line."""
    return read_json_record(line, path=path, locator=f"line {number}")


def read_json_record(text: str, *, path: str | None, locator: str) -> RawDocument | Rejection:
    """The article of one JSON object on its own (a JSON Lines line, an item of a JSON list)."""
    try:
        record = json.loads(text)
    except json.JSONDecodeError as error:
        return Rejection(path, f"malformed JSON: {error.msg} at column {error.colno}",
                         locator=locator)
    except _TOO_BIG as error:
        return Rejection(path, f"malformed JSON: {error}", locator=locator)
    return record_to_document(record, path=path, locator=locator)


def read_json_document(text: str, *, path: str | None) -> Iterator[RawDocument | Rejection]:
    """A .json file: one article object, or a list of them."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        yield Rejection(path, f"malformed JSON: {error.msg} at line {error.lineno}")
        return
    except _TOO_BIG as error:
        yield Rejection(path, f"malformed JSON: {error}")
        return
    records = data if isinstance(data, list) else [data]
    for index, record in enumerate(records):
        yield record_to_document(record, path=path, locator=f"item {index}" if len(records) > 1 else None)


def record_to_document(record: Any, *, path: str | None, locator: str | None) -> RawDocument | Rejection:
    """A raw document from one JSON object, or a rejection that says what is missing."""
    if not isinstance(record, dict):
        return Rejection(path, f"expected a JSON object, got {type(record).__name__}", locator=locator)
    values = {field: _first(record, names) for field, names in _FIELDS.items()}
    text = values["text"]
    if not isinstance(text, str) or not text.strip():
        return Rejection(path, "no article text (fields text or maintext)", locator=locator)
    return RawDocument(
        text=text,
        format="jsonl",
        path=path,
        locator=locator,
        title=_as_text(values["title"]),
        url=_as_text(values["url"]),
        source=_as_text(values["source"]),
        published=normalise_date(values["published"]),
        language=_as_text(values["language"]),
        author=_as_text(values["author"]),
    )


def _first(record: dict, names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, "", []):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return ", ".join(str(item) for item in value if item) or None
    return str(value).strip() or None
