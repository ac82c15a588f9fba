"""The ``newsweave quotes`` contract: JSON lines in, one JSON line of quotes per document out.

Input lines are ``{"id", "text", "language"?}``; output lines are ``{"id", "quotes": [{"content":
[start, end], "speaker", "speaker_span", "cue", "kind"}]}`` with offsets in characters of the
given text, end exclusive. The text is used as given (no cleaning), so offsets need no mapping.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from newsweave.quotes.extract import Quote, find_quotes_in_text
from newsweave.text.language import UNDETERMINED, detect_language


def quotes_for_document(record: dict) -> dict:
    """The contract's output for one input record.

    Args:
        record: ``{"id": ..., "text": str, "language": optional ISO 639-1 code}``.

    Returns:
        ``{"id": ..., "quotes": [...]}`` with character offsets into ``record["text"]``.

    Raises:
        TypeError: when ``record`` is not a dict or its text is not a string.

    Example:
        >>> out = quotes_for_document({"id": 1, "text": '"We will win," she said.'})
        >>> out["quotes"][0]["kind"]
        'direct'
    """
    if not isinstance(record, dict):
        raise TypeError(f"expected a dict with 'id' and 'text', got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise TypeError("the record's 'text' must be a string: {'id': ..., 'text': '...'}")
    language = record.get("language") or None
    if isinstance(language, str):
        language = language.split("-")[0].split("_")[0].lower()
    else:
        language = detect_language(text).language if text.strip() else UNDETERMINED
    quotes = find_quotes_in_text(text, language)
    return {"id": record.get("id"), "quotes": [quote_json(quote) for quote in quotes]}


def quote_json(quote: Quote) -> dict:
    """One quote as the contract's JSON object."""
    return {
        "content": list(quote.content),
        "speaker": quote.speaker,
        "speaker_span": list(quote.speaker_span) if quote.speaker_span else None,
        "cue": list(quote.cue) if quote.cue else None,
        "kind": quote.kind,
    }


def run_lines(lines: Iterable[str | bytes]) -> Iterator[str]:
    """The command over JSON lines: one output line per non-blank input line.

    A line that is not a JSON object with a text gets ``{"id", "error"}`` instead of quotes, so
    one bad record does not stop a batch: lines given as bytes are decoded each on its own, and
    one that is not UTF-8 is such a line.
    """
    for line in lines:
        if not line.strip():
            continue
        record = None
        try:
            record = json.loads(line)
            out = quotes_for_document(record)
        except (ValueError, TypeError, RecursionError) as error:  # RecursionError: nested too deep
            ident = record.get("id") if isinstance(record, dict) else None
            out = {"id": ident, "quotes": [], "error": str(error)}
        yield json_line(out)


def json_line(value: object) -> str:
    """``value`` as one JSON line, non-ASCII characters as they are; escaped when a string holds
    a lone surrogate (from a ``"\\ud800"`` in the input), which no UTF-8 output can carry."""
    line = json.dumps(value, ensure_ascii=False)
    try:
        line.encode()
    except UnicodeEncodeError:
        return json.dumps(value)
    return line
