"""The rows a story is saved as: what the store keeps to list, filter and page stories, their
members and their quotes without reading every story's JSON."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One article of a story, with the origin it carries."""

    article_id: str
    origin: str
    is_origin: bool  # the earliest article of its origin


@dataclass(frozen=True, slots=True)
class QuoteRow:
    """One quote of a story with a known speaker."""

    group: str
    speaker: str
    speaker_key: str
    article_id: str
    language: str
    kind: str
    first: bool
    text: str


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story as the store saves it; ``story`` is its stories.json object, as JSON text."""

    id: str
    title: str | None
    first: str | None  # earliest and latest publication time of its articles, in UTC
    last: str | None
    independent_origins: int
    languages: tuple[str, ...]
    members: tuple[MemberRow, ...]
    quotes: tuple[QuoteRow, ...]
    story: str


@dataclass(frozen=True, slots=True)
class SavedStory:
    """A saved story as the next analysis needs it: its id, earliest time and members."""

    id: str
    first: str | None  # UTC
    articles: tuple[str, ...]
