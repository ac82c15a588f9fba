"""WARC archives: every HTML response becomes a page; other records are skipped."""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import DecompressingBufferedReader

from newsweave.readers.html import HtmlPage
from newsweave.records import Rejection

_HTML_TYPES = ("text/html", "application/xhtml+xml")
# A WARC file opens with a record ("WARC/1.1") or, compressed, with a gzip member.
_STARTS = (b"WARC/", b"\x1f\x8b")
_HEAD = 64
# warcio copies a line read so far once per block it adds: with its 16 KiB blocks, garbage
# without a newline after a good record takes minutes per 100 MB; 1 MiB blocks, seconds.
_BLOCK = 1 << 20
_REASON_CHARS = 200


class _Records(ArchiveIterator):
    """warcio's record iterator, noting at the end whether the input stopped inside a record.

    warcio ends quietly when the data runs out, so without this a truncated file would just look
    shorter. It reads warcio 1.8 internals: the gzip decompressor, the last record, the offsets.
    """

    truncated = False

    def __init__(self, stream, *, block_size: int, max_bytes: int) -> None:
        super().__init__(stream, block_size=block_size)
        self.reader = _HeaderLimit(self.fh, block_size=block_size, max_bytes=max_bytes)

    def close(self) -> None:
        if self.reader is not None:
            decompressor = self.reader.decompressor
            self.truncated = (
                (decompressor is not None and not decompressor.eof)  # gzip member cut short
                or _cut_short(self.record)
                or self.offset < self.fh.tell()  # bytes after the last record made no record
            )
        super().close()


class HeadersTooLong(ValueError):
    """Record or HTTP headers (or blank lines between records) longer than the article limit."""


class _HeaderLimit(DecompressingBufferedReader):
    """warcio's reader, refusing headers longer than ``max_bytes``.

    warcio reads headers with ``readline`` and content with ``read``: the bytes read by
    ``readline`` since the last ``read`` are one record's headers. Without a limit, a 3 GB header
    line (a gzip bomb) would be held whole in memory.
    """

    def __init__(self, stream, *, block_size: int, max_bytes: int) -> None:
        super().__init__(stream, block_size=block_size)
        self._max_bytes = max_bytes
        self._header_bytes = 0

    def readline(self, length: int | None = None) -> bytes:
        left = self._max_bytes - self._header_bytes + 1
        line = super().readline(left if length is None else min(length, left))
        self._header_bytes += len(line)
        if self._header_bytes > self._max_bytes:
            raise HeadersTooLong(f"headers over the {self._max_bytes:,}-byte limit")
        return line

    def read(self, length: int | None = None) -> bytes:
        self._header_bytes = 0
        return super().read(length)


class _OneReadAtATime:
    """A stream whose ``read`` is its ``read1``: at most one read of what lies beneath.

    A gzip file raises at a truncation and drops what it had read in that same call; read a
    chunk at a time, all the records before the cut still reach warcio.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream

    def read(self, size: int = -1) -> bytes:
        return self._stream.read1(size)  # type: ignore[attr-defined]


def read_warc(stream: BinaryIO, *, path: str | None,
              max_bytes: int) -> Iterator[HtmlPage | Rejection]:
    """HTML responses of a WARC file; a broken or truncated record ends the file with a rejection."""
    head = _head(stream)
    if not head.strip():
        yield Rejection(path, "empty file")
        return
    if not head.lstrip().startswith(_STARTS):
        # Checked up front: warcio reads a first line of any length, slowly, before it gives up.
        yield Rejection(path, "not a WARC file: it does not start with a WARC record")
        return
    records = _Records(_OneReadAtATime(stream), block_size=_BLOCK, max_bytes=max_bytes)
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except EOFError as error:  # from gzip, for a .warc.gz cut short
            yield Rejection(path, f"truncated WARC file: {error}", locator=f"offset {records.offset}")
            return
        except Exception as error:  # warcio raises many types on bad data, AttributeError too
            yield Rejection(path, f"broken WARC record, rest of file skipped: {_short(error)}",
                            locator=f"offset {records.offset}")
            return
        page = _record_page(record, path=path, max_bytes=max_bytes)
        if page is not None:
            yield page
    if records.truncated:
        yield Rejection(path, "truncated WARC file: it ends inside a record",
                        locator=f"offset {records.offset}")


def _head(stream: BinaryIO) -> bytes:
    """The first bytes of the stream, left in it for warcio to read."""
    if hasattr(stream, "peek"):  # files and stdin
        return stream.peek(_HEAD)[:_HEAD]
    start = stream.tell()
    head = stream.read(_HEAD)
    stream.seek(start)
    return head


def _cut_short(record) -> bool:
    """True for a record whose content ends before its Content-Length (or that has none)."""
    if record is None:
        return False
    return record.length is None or getattr(record.raw_stream, "limit", 0) > 0


def _short(error: Exception) -> str:
    """The error message, cut: warcio quotes the whole offending line, which may be megabytes."""
    text = str(error) or type(error).__name__
    return text if len(text) <= _REASON_CHARS else text[:_REASON_CHARS] + "…"


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
