"""Immutable records that flow between the stages.

Offsets always point into ``Article.text`` (the cleaned text), in characters, end exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as a reader found it, before cleaning.

    ``text`` is the main text with its lines (paragraphs) separated by newlines; boilerplate may
    still be in it. ``locator`` says where inside ``path`` the record was (a JSONL line, a feed
    item, a WARC record), so a rejection or a user can find it again.
    """

    text: str
    format: str
    path: str | None = None
    locator: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    author: str | None = None


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input that could not become an article, and why (bad data is recorded, not raised)."""

    path: str | None
    reason: str
    stage: str = "ingest"
    locator: str | None = None
    article_id: str | None = None


@dataclass(frozen=True, slots=True)
class RemovedLine:
    """A line the cleaner took out of an article, kept so a user can audit the cleaning."""

    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as a character span of ``Article.text`` with its own language."""

    start: int
    end: int
    language: str


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: the unit every later stage works on.

    ``id`` is a content hash of the outlet and the normalised extracted text, so the same
    article read twice (from the same or another file) gets the same id, while the same wire text
    run by two outlets stays two articles.
    """

    id: str
    text: str
    format: str
    path: str | None = None
    locator: str | None = None
    url: str | None = None
    source: str | None = None
    title: str | None = None
    published: str | None = None
    language: str = "und"
    author: str | None = None
    dateline: str | None = None
    removed: tuple[RemovedLine, ...] = ()
    sentences: tuple[Sentence, ...] = ()

    def sentence_text(self, sentence: Sentence) -> str:
        """The text of one of this article's sentences."""
        return self.text[sentence.start : sentence.end]
