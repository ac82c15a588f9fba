"""WARC archives: every HTML response becomes a page; other records are skipped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from newsweave.ingest.html import HtmlPage
from newsweave.records import Rejection

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(stream: BinaryIO, *, path: str | None,
              max_bytes: int) -> Iterator[HtmlPage | Rejection]:
    """HTML responses of a WARC file; a broken record ends the file with a rejection."""
    records = ArchiveIterator(stream)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except (ArchiveLoadFailed, ValueError, EOFError, OSError) as error:
            yield Rejection(path, f"broken WARC record, rest of file skipped: {error}",
                            locator=f"offset {records.offset}")
            return
        page = _record_page(record, path=path, max_bytes=max_bytes)
        if page is not None:
            yield page


def _record_page(record, *, path: str | None, max_bytes: int) -> HtmlPage | Rejection | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    kind = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    status = record.http_headers.get_statuscode()
    if kind not in _HTML_TYPES or status != "200":
        return None
    try:
        data = record.content_stream().read(max_bytes + 1)
    except (OSError, EOFError, ValueError) as error:
        return Rejection(path, f"truncated WARC record: {error}", locator=url)
    if len(data) > max_bytes:
        return Rejection(path, f"WARC page over the {max_bytes:,}-byte limit", locator=url)
    charset = _charset(record.http_headers.get_header("Content-Type") or "")
    return HtmlPage(data, "warc", path=path, locator=url, url=url, charset=charset)


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None
