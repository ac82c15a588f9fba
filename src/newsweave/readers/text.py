"""Plain-text articles as scrapers dump them: headline, a date line, captions, body."""

from __future__ import annotations

from newsweave.readers.metadata import DATE_LINE, DATE_PREFIX, normalise_date
from newsweave.records import RawDocument

# Dates are looked for only at the top: a date line deep in the body is content.
_HEAD_LINES = 4


def read_text(text: str, *, path: str | None, locator: str | None = None) -> RawDocument:
    """A raw document from plain text; the date comes from the text, never from the file name."""
    lines = text.splitlines()
    published = None
    seen = 0
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        if seen > _HEAD_LINES:
            break
        published, lines[index] = _take_date(line)
        if published:
            break
    return RawDocument(text="\n".join(lines), format="text", path=path, locator=locator,
                       published=published)


def _take_date(line: str) -> tuple[str | None, str]:
    """The date a line carries and what is left of the line once the date is taken out."""
    if DATE_LINE.match(line):
        return normalise_date(line), ""
    prefix = DATE_PREFIX.match(line)
    if prefix:
        return normalise_date(prefix.group(1)), line[prefix.end():]
    return None, line
