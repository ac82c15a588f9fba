"""Cleaning: repair the text, take out page furniture, and keep an audit of every removed line.

Each line (paragraph) is judged on its own by general patterns (photo credits, bylines, "read
also" inserts, share and comment widgets; see ``lexicon``), then in context: lines that recur
across one outlet's articles, runs of short link-like lines, and short verbless lines that sit
next to a caption. Nothing is removed silently: every line taken out is a ``RemovedLine`` with
its reason.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

import ftfy
import xxhash

from newsweave.readers.metadata import split_dateline
from newsweave.records import RawDocument, RemovedLine
from newsweave.text import lexicon

# ftfy repairs mojibake, but its quote uncurling and width folding would rewrite the quotation
# marks and CJK punctuation the quote and sentence stages rely on.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False, explain=False)
# What ftfy can change in an ASCII line: an HTML entity ('&'), a terminal escape or other
# control character, a carriage return. A line of only the other ASCII characters passes
# through it unchanged, so it is not given to it (ftfy costs ~30 us a line).
_ASCII_AS_IS = re.compile(r"[\t\x20-\x25\x27-\x7e]*\n?")
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
# Zero-width characters, and every bidi control (marks, embeddings, overrides, isolates): a
# paragraph's direction is the renderer's business, and one left unbalanced garbles the next.
_INVISIBLE = re.compile(r"[\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069"
                        r"\u061c\ufeff\u00ad]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SENTENCE_END = re.compile(r"[.!?…。！？\"”»’'」)]\s*$")
_LETTER = re.compile(r"[^\W\d_]")
_BOUNDARY = re.compile(r"[.!?…。][\"”’»]?\s+")

# Lines longer than these are prose, whatever words they start with.
_MAX_FURNITURE_CHARS = 250
_MAX_CAPTION_CHARS = 400
_MAX_FRAGMENT_WORDS = 10
_MAX_FRAGMENT_CHARS = 80
_MAX_TITLE_CHARS = 250
_LINK_RUN = 3
_TITLE_ZONE = 3  # a repeated headline is among the first content lines
_KICKER_WORDS = 4  # this many short, unpunctuated lines in a row are a menu or a link list
_STRUCTURE_MARKS = ("|", "- ")  # how the HTML extractor writes a table row and a list item


@dataclass(frozen=True, slots=True)
class CleanText:
    """What the cleaner made of one document."""

    text: str
    title: str | None
    dateline: str | None
    removed: tuple[RemovedLine, ...]


def normalise_text(text: str) -> str:
    """Repair mojibake, normalise Unicode (NFC), drop invisible characters, tidy whitespace."""
    text = _repaired(text)  # ends with NFC
    text = _INVISIBLE.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.splitlines())


def _repaired(text: str) -> str:
    """``ftfy.fix_text``, which repairs a text line by line, without the lines it would keep."""
    if "<" in text:  # ftfy's HTML mode then changes from one line to the next
        return ftfy.fix_text(text, _FTFY)
    return "".join(line if line.isascii() and _ASCII_AS_IS.fullmatch(line)
                   else ftfy.fix_text(line, _FTFY) for line in _LINE.findall(text))


def line_key(line: str) -> int:
    """A stable hash of a line, for counting lines that recur across an outlet's articles.

    63 bits, so that it fits SQLite's signed INTEGER; never Python's ``hash()``, which changes
    between processes.
    """
    return xxhash.xxh64_intdigest(" ".join(line.casefold().split()).encode()) >> 1


def clean_document(document: RawDocument, recurring: Collection[int] = ()) -> CleanText:
    """Clean one (already normalised) document.

    Args:
        document: the raw document, its text already through ``normalise_text``.
        recurring: ``line_key`` values of lines that recur across this outlet's articles.
    """
    lines = [part for line in document.text.split("\n") if line for part in _split_caption(line)]
    verdicts = [_judge_line(line, recurring) for line in lines]
    _mark_link_runs(lines, verdicts)
    title = document.title or _title_line(lines, verdicts)
    if title:
        _mark_title(lines, verdicts, title)
    _mark_caption_fragments(lines, verdicts)
    _mark_bios(lines, verdicts)
    kept = [line for line, verdict in zip(lines, verdicts, strict=True) if verdict is None]
    if not kept:  # the headline is all the text there is (a news flash): it is the article
        kept = [line for line, verdict in zip(lines, verdicts, strict=True) if verdict == "title"]
    removed = tuple(RemovedLine(line, verdict) for line, verdict in zip(lines, verdicts, strict=True)
                    if verdict not in (None, "title"))
    dateline = split_dateline(kept[0])[0] if kept else None
    return CleanText(_dedupe_join(kept), title, dateline, removed)


def _judge_line(line: str, recurring: Collection[int]) -> str | None:
    """Why a line is furniture when judged on its own, or None for content."""
    if not _LETTER.search(line):
        return "no words"
    if len(line) <= _MAX_CAPTION_CHARS and _is_caption(line):
        return "photo caption"
    if len(line) <= _MAX_FURNITURE_CHARS:
        if lexicon.READ_ALSO_LINE.match(line):
            return "read-also link"
        if lexicon.FURNITURE_LINE.match(line) or lexicon.WIDGET_LINE.match(line):
            return "share or comment furniture"
        if lexicon.DATE_LABEL_LINE.match(line):
            return "date label"
        if lexicon.BYLINE.match(line):
            return "byline"
    if recurring and line_key(line) in recurring:
        return "recurs across the outlet's articles"
    return None


def _split_caption(line: str) -> list[str]:
    """A long paragraph with a caption glued to its end ("... April 9. [Photo/Xinhua]"), as
    two lines: the body, and the caption (the credit with the sentence before it)."""
    if len(line) <= _MAX_CAPTION_CHARS:
        return [line]
    credit = lexicon.CREDIT_AT_END.search(line)
    if not credit:
        return [line]
    described = line[: credit.start()].rstrip()
    boundaries = list(_BOUNDARY.finditer(described, 0, max(0, len(described) - 1)))
    start = boundaries[-1].end() if boundaries else 0
    if start == 0 or len(line) - start > _MAX_CAPTION_CHARS:
        return [line]
    return [line[:start].rstrip(), line[start:]]


def _is_caption(line: str) -> bool:
    return bool(lexicon.CREDIT_AT_END.search(line) or lexicon.CREDIT_AT_START.match(line)
                or lexicon.AGENCY_CREDIT.match(line))


def _is_fragment(line: str) -> bool:
    """A short line with no sentence ending: a heading, a label, a link. Characters count too,
    for scripts written without spaces (a Chinese paragraph is one "word")."""
    return (len(line.split()) <= _MAX_FRAGMENT_WORDS and len(line) <= _MAX_FRAGMENT_CHARS
            and not _SENTENCE_END.search(line))


def _mark_link_runs(lines: list[str], verdicts: list[str | None]) -> None:
    """Runs of short link-like lines above the first or below the last paragraph of prose: a
    menu, a list of related links. A run between two paragraphs is the article's own (a list, a
    table, verse, code), and so are table rows and list items wherever they stand: the HTML
    extractor keeps those only from the page's main content."""
    prose = [i for i, verdict in enumerate(verdicts) if verdict is None and not _is_fragment(lines[i])]
    run: list[int] = []
    for index in [*range(len(lines)), None]:
        if index is not None and verdicts[index] is None and _is_link_like(lines[index]):
            run.append(index)
            continue
        if len(run) >= _LINK_RUN and (not prose or run[-1] < prose[0] or run[0] > prose[-1]):
            for member in run:
                verdicts[member] = "link list"
        run = []


def _is_link_like(line: str) -> bool:
    return _is_fragment(line) and not line.startswith(_STRUCTURE_MARKS)


def _title_line(lines: list[str], verdicts: list[str | None]) -> str | None:
    """The first content line when it reads as a headline (short, no final full stop)."""
    kept = [i for i, verdict in enumerate(verdicts) if verdict is None]
    if len(kept) < 2:
        return None
    first = lines[kept[0]]
    if len(first) > _MAX_TITLE_CHARS or len(first.split()) < 3 or first.endswith((".", ":", ",", ";")):
        return None
    return first


def _mark_title(lines: list[str], verdicts: list[str | None], title: str) -> None:
    """Take the headline out of the body when the page repeats it near the top, and the
    short kicker lines ("Shipping", "Politics") printed above it."""
    wanted = " ".join(title.casefold().split())
    top = [i for i, verdict in enumerate(verdicts) if verdict is None][:_TITLE_ZONE]
    for position, index in enumerate(top):
        if " ".join(lines[index].casefold().split()) != wanted:
            continue
        verdicts[index] = "title"
        for above in top[:position]:
            if len(lines[above].split()) <= _KICKER_WORDS and _is_fragment(lines[above]):
                verdicts[above] = "kicker above the headline"
        return


def _mark_caption_fragments(lines: list[str], verdicts: list[str | None]) -> None:
    """Short verbless lines next to a caption are the rest of that caption (a credit, a place)."""
    captions = {i for i, verdict in enumerate(verdicts) if verdict == "photo caption"}
    for index in range(len(lines)):
        if verdicts[index] is None and _is_fragment(lines[index]) and (
            index - 1 in captions or index + 1 in captions
        ):
            verdicts[index] = "caption fragment"


def _mark_bios(lines: list[str], verdicts: list[str | None]) -> None:
    """An author's bio: a paragraph about a writer that follows the byline, opens with the
    byline's name, or speaks in the first person ("I am a ... writer")."""
    authors = tuple(_byline_name(line) for line, verdict in zip(lines, verdicts, strict=True)
                    if verdict == "byline")
    for index, line in enumerate(lines):
        if verdicts[index] is not None or len(line) > 800 or not lexicon.BIO.search(line):
            continue
        after_byline = index > 0 and verdicts[index - 1] == "byline"
        if after_byline or lexicon.FIRST_PERSON_BIO.match(line) or (
            authors and line.startswith(authors)
        ):
            verdicts[index] = "author bio"


def _byline_name(line: str) -> str:
    """The name in a byline, without its lead word ("By", "Von", "Nga")."""
    return line.split(None, 1)[-1].split(",")[0].strip()


def _dedupe_join(lines: list[str]) -> str:
    """Paragraphs joined by blank lines, a paragraph repeated right after itself kept once."""
    out: list[str] = []
    for line in lines:
        if not out or out[-1] != line:
            out.append(line)
    return "\n\n".join(out)
