"""Full-text search text: what the FTS5 index holds, how a query becomes an FTS5 expression, and
the snippet shown with a result.

SQLite here is 3.40: the trigram tokenizer cannot fold accents (``remove_diacritics`` needs
3.45) and misses words under three characters (most Chinese words are two). So the index holds
*folded* text under ``unicode61 remove_diacritics 2``: accented Latin, Greek and Cyrillic letters
become their base letter (ë→e, ç→c, ü→u, é→e), case is dropped, and every character of a script
written without spaces (Chinese, Japanese, Thai, Khmer, Lao, Myanmar, Korean) stands alone as a
token. A query is folded the same way and each of its words (a run of such characters: a phrase
of single characters) is searched as a quoted phrase, so FTS5 syntax in a query (``AND``,
``NEAR(``, ``"``, ``*``, ``:``) is never syntax: it is searched as plain words.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Scripts written without spaces between words: Thai, Lao, Myanmar, Khmer, Hangul syllables and
# jamo, CJK punctuation-free blocks (kana, ideographs, extensions, compatibility ideographs).
_SPACELESS = ("\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff\u1100-\u11ff\u3040-\u30ff"
              "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003134f")
_SPACELESS_CHAR = re.compile(f"([{_SPACELESS}])")
_QUERY_PART = re.compile(r'"([^"]*)"|(\S+)')
_TERM = re.compile(rf"[{_SPACELESS}]+|(?:(?![{_SPACELESS}])[^\W_])+")
_WORD_CHAR = re.compile(r"[^\W_]")
MAX_QUERY_TERMS = 32  # a longer query is cut: each term is a phrase the index must intersect
SNIPPET_CHARS = 240
_SCAN_CHARS = 200_000  # snippets look this far into a text (a 10 MB article stays cheap)


def _fold_table() -> dict[int, str]:
    """One base letter for each accented letter of Latin, Greek and Cyrillic (one character for
    one, so positions in folded text are positions in the original)."""
    table = {}
    for code in [*range(0x00C0, 0x0530), *range(0x1E00, 0x2000)]:
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        if len(base) == 1 and base != chr(code):
            table[code] = base
    table[0x0130] = "i"  # İ lowers to two characters
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Lower case without accents, the same length as ``text`` (for ASCII and the folded scripts)."""
    return text.lower() if text.isascii() else text.translate(_FOLD).lower()


def index_text(text: str | None) -> str:
    """The text as the FTS5 index holds it."""
    return _SPACELESS_CHAR.sub(r" \1 ", _fold_words(text or ""))


def _fold_words(text: str) -> str:
    """``fold``, and ß as ss (Straße and Strasse are one word; positions need not hold here)."""
    return fold(text).replace("ß", "ss")


@dataclass(frozen=True, slots=True)
class Query:
    """A search query: the FTS5 expression and the folded terms that snippets mark."""

    match: str
    terms: tuple[str, ...]


def parse_query(text: str) -> Query | None:
    """The query's words as quoted FTS5 phrases, all required; ``None`` when it has no word."""
    phrases, terms = [], []
    for quoted, bare in _QUERY_PART.findall(text):
        words = _TERM.findall(_fold_words(quoted or bare))
        if not words:
            continue
        phrases.append(" ".join(_spaced(w) for w in words))
        terms.extend(words)
    if not phrases:
        return None
    return Query(" ".join(f'"{p}"' for p in phrases[:MAX_QUERY_TERMS]), tuple(terms))


def _spaced(word: str) -> str:
    return " ".join(word) if _SPACELESS_CHAR.match(word) else word


@dataclass(frozen=True, slots=True)
class Snippet:
    """A passage of a text with the query's terms marked (``marks``: offsets into ``text``)."""

    text: str
    marks: tuple[tuple[int, int], ...]


def snippet(text: str, terms: tuple[str, ...], size: int = SNIPPET_CHARS) -> Snippet:
    """The passage around the first term found (the text's start where none is), terms marked."""
    head = text[:_SCAN_CHARS]
    folded = fold(head)
    if len(folded) != len(head):  # a letter that lowers to two: show the start, unmarked
        return Snippet(head[:size], ())
    hits = _hits(folded, terms)
    start = _word_start(head, max(0, hits[0][0] - size // 3), hits[0][0]) if hits else 0
    end = _word_end(head, min(len(head), start + size), start + size // 2)
    marks = tuple((a - start, b - start) for a, b in hits if a >= start and b <= end)
    return Snippet(head[start:end], marks)


def _word_start(text: str, start: int, limit: int) -> int:
    """``start`` moved forward to the next word's start (not past ``limit``), so the passage
    does not begin mid-word."""
    if start == 0:
        return 0
    space = text.find(" ", start, limit)
    return space + 1 if space >= 0 else start


def _word_end(text: str, end: int, floor: int) -> int:
    """``end`` moved back to the end of the last whole word (not before ``floor``)."""
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", floor, end)
    return space if space > 0 else end


def _hits(folded: str, terms: tuple[str, ...]) -> list[tuple[int, int]]:
    """Where the terms occur as whole words (a spaceless run anywhere), in order, not overlapping."""
    found = []
    for term in {t for t in terms if t}:
        whole = not _SPACELESS_CHAR.match(term)
        at = folded.find(term)
        while at >= 0 and len(found) < 200:
            end = at + len(term)
            if not whole or (_not_word(folded, at - 1) and _not_word(folded, end)):
                found.append((at, end))
            at = folded.find(term, end)
    found.sort()
    kept: list[tuple[int, int]] = []
    for hit in found:
        if not kept or hit[0] >= kept[-1][1]:
            kept.append(hit)
    return kept


def _not_word(text: str, index: int) -> bool:
    return index < 0 or index >= len(text) or not _WORD_CHAR.match(text[index])

