"""Bytes to text: find the encoding, refuse what is not text."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)
# A text file has almost no C0 control bytes besides tab, newline and carriage return; binary
# formats (images, PDFs, archives) have many within their first kilobytes.
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13})
_SNIFF = 8192


class NotText(ValueError):
    """The bytes are not text in any encoding we can trust."""


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control bytes near the start."""
    head = data[:_SNIFF]
    if not head or _has_utf16_bom(head) or _utf16_without_bom(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    return controls > len(head) * 0.02


def _has_utf16_bom(head: bytes) -> bool:
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _utf16_without_bom(head: bytes) -> str | None:
    """The codec (utf-16-le or utf-16-be) of UTF-16 text without a byte-order mark, else None: its
    spaces, digits and ASCII punctuation put NULs in the high bytes (all Latin letters too), its
    low bytes hold none, and it decodes to characters without control codes."""
    pairs = len(head) // 2
    if pairs < 64:  # in fewer characters, random bytes pass these tests too often
        return None
    even, odd = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    for nuls, others, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if nuls.count(0) >= pairs * 0.05 and not others.count(0):
            text = head[: 2 * pairs].decode(encoding, errors="replace")
            if text.count("\ufffd") <= 1 and not any(c < " " and c not in "\t\n\r\f" for c in text):
                return encoding
    return None


def declared_encoding(data: bytes) -> str | None:
    """The charset an HTML meta tag or XML declaration names, if it is a codec Python knows."""
    match = _DECLARED.search(data[:2048])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode bytes to text: BOM, then strict UTF-8, then the declared charset, then detection.

    UTF-8 goes before a declaration because pages often declare Latin-1 and send UTF-8; strict
    UTF-8 decoding of another encoding fails almost always, so it is a safe first try.

    Raises:
        NotText: the bytes are binary or no encoding decodes them.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    utf16 = _utf16_without_bom(data[:_SNIFF])
    if utf16:
        return data.decode(utf16, errors="replace")
    if looks_binary(data):
        raise NotText("binary data, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for encoding in (declared, declared_encoding(data)):
        if encoding:
            try:
                return data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                continue
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise NotText("no text encoding fits these bytes")
    return data.decode(best.encoding, errors="replace")
