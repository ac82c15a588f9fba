"""Quotation marks paired into quoted passages, in every style, across paragraphs.

Styles: “…” ‘…’ "…" '…' „…“ ‚…‘ «…» »…« ‹…› 「…」 『…』 ''…'' ``…''.
A mark's role (opening or closing) comes from the mark itself where it has one („ opens,
」 closes) and otherwise from the spaces around it. A passage still open at the end of a
paragraph continues when the next paragraph opens with a mark (the newspaper convention for a
quote over several paragraphs); otherwise the lone mark is dropped and the marks after it are
paired without it. Single marks only pair outside double ones, so an apostrophe or a quote
inside a quote never ends the outer passage.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsweave.quotes.tokens import Tokens

DOUBLE = frozenset({'"', "“", "”", "„", "«", "»", "「", "」", "『", "』", "''", "``"})
SINGLE = frozenset({"'", "‘", "’", "‚", "‹", "›"})
MARKS = DOUBLE | SINGLE
_ALWAYS_OPEN = frozenset({"„", "‚", "「", "『", "``"})
_ALWAYS_CLOSE = frozenset({"」", "』"})
_BRACKETS_OPEN = frozenset("([{—–-:")
_PUNCT_AFTER = frozenset(",.;:!?)]…")


@dataclass(frozen=True, slots=True)
class MarkedQuote:
    """A quoted passage: its content tokens ``first`` .. ``last`` (inclusive) and its marks.

    ``close`` is None for a passage that runs to the end of its last paragraph (the reader's
    last open mark was never closed but the text ended or the next paragraph went on quoting).
    """

    open: int
    close: int | None
    first: int
    last: int


def pair_marks(tokens: Tokens) -> list[MarkedQuote]:
    """Every quoted passage of the text, in text order."""
    quotes: list[MarkedQuote] = []
    pending: int | None = None  # an opening mark carried over from the previous paragraph
    paragraphs = tokens.paragraphs
    for number, (first, last) in enumerate(paragraphs):
        opened = pending
        pending = None
        opened, found = _pair_paragraph(tokens, first, last, opened)
        quotes.extend(found)
        if opened is not None:
            nxt = paragraphs[number + 1][0] if number + 1 < len(paragraphs) else None
            if nxt is None:
                quotes.append(MarkedQuote(opened, None, opened + 1, last - 1))
            elif tokens.words[nxt] in DOUBLE and _role(tokens, nxt) != "close":
                pending = opened  # the quote goes on in the next paragraph
            elif opened >= first:
                # A stray mark: drop it, and pair what it had taken for nested quotes.
                quotes.extend(_pair_paragraph(tokens, opened + 1, last, None)[1])
    return [quote for quote in quotes if quote.first <= quote.last]


def _pair_paragraph(tokens: Tokens, first: int, last: int,
                    opened: int | None) -> tuple[int | None, list[MarkedQuote]]:
    """Pairs of one paragraph; ``opened`` is a double quote still open from the previous one."""
    words = tokens.words
    found: list[MarkedQuote] = []
    single: int | None = None
    depth = 0  # typographic marks of the opening kind nested inside the open passage
    for index in range(first, last):
        word = words[index]
        if word not in MARKS:
            continue
        role = _role(tokens, index)
        if word in DOUBLE:
            if opened is not None and index == first and opened < first and role != "close":
                continue  # the continuation mark at the head of a quoted paragraph
            if opened is not None and role == "open":
                depth += 1  # a quote inside the quote: „… ‚…‘ …“, »… „…“ …«
            elif opened is not None and depth and role != "open":
                depth -= 1
            elif opened is not None and role != "open":
                found.append(MarkedQuote(opened, index, opened + 1, index - 1))
                opened = None
            elif opened is None and role != "close":
                opened, single = index, None
        elif opened is None:
            if single is not None and role != "open" and word != "‚":
                found.append(MarkedQuote(single, index, single + 1, index - 1))
                single = None
            elif role == "open":
                single = index
    return opened, found


def _role(tokens: Tokens, index: int) -> str:
    """"open", "close" or "either" for the mark at ``index``."""
    word = tokens.words[index]
    if word in _ALWAYS_OPEN:
        return "open"
    if word in _ALWAYS_CLOSE:
        return "close"
    space_before = index == 0 or tokens.starts[index] > tokens.ends[index - 1] or \
        tokens.words[index - 1] in _BRACKETS_OPEN
    space_after = index + 1 >= len(tokens) or tokens.starts[index + 1] > tokens.ends[index] or \
        tokens.words[index + 1] in _PUNCT_AFTER
    if space_before and not space_after:
        return "open"
    if space_after and not space_before:
        return "close"
    if not space_before and not space_after:
        following = tokens.words[index + 1]
        return "close" if not following[0].isalnum() else "either"
    return "either"


def quote_index(tokens: Tokens, quotes: list[MarkedQuote]) -> list[int]:
    """For every token, the number of the passage it stands in (its marks included), or -1."""
    inside = [-1] * len(tokens)
    for number, quote in enumerate(quotes):
        end = quote.close if quote.close is not None else quote.last
        for index in range(quote.open, end + 1):
            inside[index] = number
    return inside
