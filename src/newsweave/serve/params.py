"""Query parameters of the API and pages, checked: each bad one is a ``BadParameter`` that says
what was wrong and how to fix it (a 400), never an exception deeper down (a 500)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from datetime import UTC, date, datetime, time

from starlette.datastructures import QueryParams

from newsweave.store.reader import STORY_SORTS, ArticleFilter, StoryFilter
from newsweave.store.search import Query, parse_query

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_TEXT = 500  # characters of a text parameter (a query, an outlet name)
MAX_CURSOR = 2_000
EXPORT_FORMATS = ("json", "csv", "jsonl")


class BadParameter(ValueError):
    """A parameter a client sent that cannot be used; the message says how to fix it."""


class Params:
    """The request's query parameters; ``allowed`` are the ones this endpoint takes."""

    def __init__(self, query: QueryParams, allowed: Collection[str]) -> None:
        unknown = sorted(set(query.keys()) - set(allowed))
        if unknown:
            raise BadParameter(f"unknown parameter {unknown[0]!r}: this endpoint takes "
                               f"{', '.join(sorted(allowed)) or 'no parameters'}")
        for name in set(query.keys()):
            if len(query.getlist(name)) > 1:
                raise BadParameter(f"parameter {name!r} is given {len(query.getlist(name))} times: "
                                   "give it once")
        self._values: Mapping[str, str] = dict(query.items())

    def text(self, name: str) -> str | None:
        """A text parameter; empty is absent."""
        value = self._values.get(name, "").strip()
        if len(value) > MAX_TEXT:
            raise BadParameter(f"{name} is {len(value)} characters long: at most {MAX_TEXT}")
        return value or None

    def limit(self) -> int:
        raw = self._values.get("limit", "").strip()
        if not raw:
            return DEFAULT_LIMIT
        if not raw.isascii() or not raw.isdigit() or not 1 <= int(raw) <= MAX_LIMIT:
            raise BadParameter(f"limit must be a whole number from 1 to {MAX_LIMIT}, not {raw[:40]!r}")
        return int(raw)

    def cursor(self) -> str | None:
        value = self._values.get("cursor", "").strip()
        if len(value) > MAX_CURSOR:
            raise BadParameter("cursor is too long: pass the `next` value of the previous page unchanged")
        return value or None

    def whole(self, name: str, default: int = 0) -> int:
        raw = self._values.get(name, "").strip()
        if not raw:
            return default
        if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
            raise BadParameter(f"{name} must be a whole number of 0 or more, not {raw[:40]!r}")
        return int(raw)

    def choice(self, name: str, choices: Collection[str], default: str) -> str:
        value = self._values.get(name, "").strip() or default
        if value not in choices:
            raise BadParameter(f"{name} must be one of {', '.join(choices)}, not {value[:40]!r}")
        return value

    def time(self, name: str, *, end_of_day: bool = False) -> str | None:
        """An ISO date or time as a UTC ISO time (a date alone: its start, or its end for
        ``until``; a time without zone: UTC)."""
        raw = self._values.get(name, "").strip()
        if not raw:
            return None
        try:
            if len(raw) == 10:
                moment = datetime.combine(date.fromisoformat(raw), time.max if end_of_day else time.min)
            else:
                moment = datetime.fromisoformat(raw)
            moment = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
        except (ValueError, OverflowError):  # OverflowError: year 1 with an offset east of UTC
            raise BadParameter(f"{name} must be an ISO date (2025-03-14) or time "
                               f"(2025-03-14T08:00:00+01:00), not {raw[:40]!r}") from None
        return moment.replace(microsecond=0).isoformat()

    def query(self, name: str = "q") -> Query | None:
        """A search query; words only (FTS5 syntax is searched as words)."""
        text = self.text(name)
        return parse_query(text) if text else None

    def export_format(self) -> str:
        return self.choice("format", EXPORT_FORMATS, "json")


STORY_LIST = ("q", "language", "source", "since", "until", "min_origins", "sort", "limit", "cursor", "format")
ARTICLE_LIST = ("source", "language", "since", "until", "sort", "limit", "cursor", "format")


def story_filter(params: Params) -> StoryFilter:
    text = params.text("q")
    query = params.query()
    if text and query is None:
        raise BadParameter("q has no word to search for: give letters or digits")
    return StoryFilter(query=query, language=params.text("language"), source=params.text("source"),
                       since=params.time("since"), until=params.time("until", end_of_day=True),
                       min_origins=params.whole("min_origins"))


def story_sort(params: Params) -> str:
    return params.choice("sort", tuple(STORY_SORTS), "latest")


def article_filter(params: Params) -> ArticleFilter:
    params.choice("sort", ("latest",), "latest")
    return ArticleFilter(source=params.text("source"), language=params.text("language"),
                         since=params.time("since"), until=params.time("until", end_of_day=True))
