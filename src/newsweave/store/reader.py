"""Read-only queries over the store for ``newsweave serve``, beside a writing process.

Each request reads in one transaction of its own read-only connection (``mode=ro``; the store is
in WAL mode), so it sees whole batches only, never blocks the writer, and sees what the writer
committed before it began. Lists page by keyset: the ``next`` cursor is the last row's sort key,
opaque to clients (base64 JSON, checked when it comes back). SQL only with placeholders.
"""

from __future__ import annotations

import base64
import binascii
import json
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from newsweave.records import Article
from newsweave.store.search import Query, snippet
from newsweave.store.sqlite import chunked, read_articles
from newsweave.stories.saved import speaker_key

BUSY_TIMEOUT_MS = 10_000  # a reader waits this long for a lock (only WAL recovery takes one)
FORWARD = "source->target"
STORY_SORTS = {  # sort name -> key columns, all descending
    "latest": ("sort_last", "id"),
    "origins": ("independent_origins", "sort_last", "id"),
    "articles": ("articles", "sort_last", "id"),
}
# A search ranks at most this many matches, the most recently stored: bm25 over every match of a
# word most articles hold took 267 ms on 100k generated articles, over the newest 10,000 26 ms.
SEARCH_RANKED = 10_000
_STORY_FIELDS = "id, title, articles, independent_origins, languages, first, last"


# Merges followed from an old story id to the story it is part of now (a chain of merges).
MERGE_HOPS = 20


class BadCursor(ValueError):
    """A cursor this server did not hand out for this list."""


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a list and the cursor of the next (``None`` on the last)."""

    items: list[dict[str, Any]]
    next: str | None


@dataclass(frozen=True, slots=True)
class StoryFilter:
    """Filters of the story list; times are UTC ISO strings (``since`` to ``until`` overlaps the
    story's first to last publication)."""

    query: Query | None = None
    language: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None
    min_origins: int = 0


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    source: str | None = None
    language: str | None = None
    since: str | None = None
    until: str | None = None


def encode_cursor(kind: str, values: Sequence[Any]) -> str:
    raw = json.dumps([kind, list(values)], ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, kind: str, types: Sequence[type]) -> list[Any]:
    """The key values of a cursor for list ``kind``; ``BadCursor`` for anything else."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        found, values = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    except (ValueError, TypeError, binascii.Error, UnicodeError, RecursionError) as error:
        raise BadCursor("cursor is not one this server handed out: pass the `next` value "
                        "of the previous page unchanged") from error
    if (found != kind or not isinstance(values, list) or len(values) != len(types)
            or not all(type(v) is t for v, t in zip(values, types, strict=True))):
        raise BadCursor(f"cursor belongs to another list or sort (this one is {kind}): "
                        "start again without a cursor")
    return values


class StoreReader:
    """Read-only access to a store file, one connection per thread.

    Raises:
        FileNotFoundError: no store at ``path``.
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).resolve()
        if not self.path.is_file():
            raise FileNotFoundError(f"no store at {self.path}")
        self._uri = f"file:{quote(str(self.path))}?mode=ro"
        self._local = threading.local()
        self._version_db: sqlite3.Connection | None = None
        self._version_lock = threading.Lock()

    def _connection(self) -> sqlite3.Connection:
        db = getattr(self._local, "db", None)
        if db is None:
            db = sqlite3.connect(self._uri, uri=True, isolation_level=None, check_same_thread=False)
            db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA query_only=ON")
            self._local.db = db
        return db

    def data_version(self) -> int:
        """A number that changes whenever another connection (a writer) commits to the store.

        SQLite's ``PRAGMA data_version``, always on this reader's own connection for it: values
        of different connections are not comparable. No read transaction is held open on it.
        """
        with self._version_lock:
            if self._version_db is None:
                self._version_db = sqlite3.connect(self._uri, uri=True, isolation_level=None,
                                                   check_same_thread=False)
                # as the readers: wait out WAL recovery rather than answer "database is locked"
                self._version_db.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            return self._version_db.execute("PRAGMA data_version").fetchone()[0]

    @contextmanager
    def snapshot(self) -> Iterator[Snapshot]:
        """One read transaction: every query inside sees the same committed state."""
        db = self._connection()
        db.execute("BEGIN")
        try:
            yield Snapshot(db)
        finally:
            db.execute("ROLLBACK")  # read only: nothing to commit


class Snapshot:
    """The queries, inside one read transaction."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    # --- stories ------------------------------------------------------------------------------
    def stories(self, filters: StoryFilter, sort: str, limit: int, cursor: str | None) -> Page:
        keys = STORY_SORTS[sort]
        where, params = _story_where(filters)
        if cursor:
            values = decode_cursor(cursor, f"stories:{sort}", [int] * (len(keys) - 2) + [str, str])
            where.append(f"({', '.join(keys)}) < ({', '.join('?' * len(keys))})")
            params += values
        sql = (f"SELECT {_STORY_FIELDS}, {', '.join(keys)} FROM stories"
               f"{_where_sql(where)} ORDER BY {', '.join(k + ' DESC' for k in keys)} LIMIT ?")
        rows = self.db.execute(sql, (*params, limit + 1)).fetchall()
        return _page([_story_summary(r) for r in rows[:limit]], rows, limit,
                     lambda r: encode_cursor(f"stories:{sort}", r[7:]))

    def story(self, story_id: str) -> dict[str, Any] | None:
        """The saved story object of stories.json; for the id of a story that merged into
        another, the story it went into (its object carries its own id)."""
        for _ in range(MERGE_HOPS):
            row = self.db.execute("SELECT story FROM stories WHERE id=?", (story_id,)).fetchone()
            if row:
                return json.loads(row[0])
            merged = self.db.execute("SELECT into_id FROM story_merges WHERE old_id=? "
                                     "ORDER BY at DESC LIMIT 1", (story_id,)).fetchone()
            if merged is None:
                return None
            story_id = merged[0]
        return None

    def story_titles(self, ids: Sequence[str]) -> dict[str, str]:
        """Titles of the saved stories among ``ids``."""
        found = {}
        for chunk in chunked(list(ids)):
            found.update((i, t or "(untitled)") for i, t in self.db.execute(
                f"SELECT id, title FROM stories WHERE id IN ({_marks(chunk)})", chunk))
        return found

    # --- articles -----------------------------------------------------------------------------
    def articles(self, filters: ArticleFilter, limit: int, cursor: str | None) -> Page:
        """Articles, most recently stored first."""
        where, params = _article_where(filters)
        if cursor:
            where.append("(a.ingested_at, a.id) < (?, ?)")
            params += decode_cursor(cursor, "articles:latest", [str, str])
        rows = self.db.execute(
            "SELECT a.id, a.url, a.title, a.source, a.published, a.language, sa.story_id, a.ingested_at "
            f"FROM articles a LEFT JOIN story_articles sa ON sa.article_id = a.id{_where_sql(where)} "
            "ORDER BY a.ingested_at DESC, a.id DESC LIMIT ?", (*params, limit + 1)).fetchall()
        items = [dict(zip(("id", "url", "title", "source", "published", "language", "story"), r[:7],
                          strict=True)) for r in rows[:limit]]
        return _page(items, rows, limit, lambda r: encode_cursor("articles:latest", [r[7], r[0]]))

    def article_records(self, ids: Sequence[str]) -> dict[str, Article]:
        """Stored articles by id, with their sentences and removed lines."""
        return read_articles(self.db, ids)

    def story_of(self, article_id: str) -> str | None:
        row = self.db.execute("SELECT story_id FROM story_articles WHERE article_id=?",
                              (article_id,)).fetchone()
        return row[0] if row else None

    def reuse_of(self, article_id: str) -> list[dict[str, Any]]:
        """The article's reuse edges, in and out, each with the other article's outlet and title."""
        rows = self.db.execute(
            "SELECT e.source, e.target, e.kind, e.coverage, e.direction, e.evidence, o.id, o.source, o.title "
            "FROM reuse_edges e JOIN articles o ON o.id = CASE WHEN e.source = ?1 THEN e.target "
            "ELSE e.source END WHERE e.source = ?1 OR e.target = ?1 ORDER BY e.coverage DESC, o.id",
            (article_id,)).fetchall()
        return [{"source": r[0], "target": r[1], "kind": r[2], "coverage": r[3], "direction": r[4],
                 "evidence": json.loads(r[5]), "other": {"id": r[6], "source": r[7], "title": r[8]},
                 "role": _role(article_id, r[0], r[4])} for r in rows]

    # --- search -------------------------------------------------------------------------------
    def search(self, query: Query, limit: int, cursor: str | None) -> Page:
        """Articles matching every word of the query, best first (title words weigh more); a
        query that matches more than ``SEARCH_RANKED`` articles ranks the most recently stored of
        them (the floor below which it does not look rides in the cursor, so pages stay one list)."""
        if cursor:
            score, row, floor = decode_cursor(cursor, "search", [float, int, int])
            after, params = "AND (m.score, m.row) > (?, ?) ", [score, row]
        else:
            floor, after, params = self._search_floor(query), "", []
        rows = self.db.execute(
            "SELECT m.row, m.score, s.article_id, a.title, a.language, sa.story_id, a.text FROM ("
            "SELECT rowid AS row, bm25(articles_fts, 5.0, 1.0) AS score FROM articles_fts "
            "WHERE articles_fts MATCH ? AND rowid > ?) m "
            "JOIN search_rows s ON s.id = m.row JOIN articles a ON a.id = s.article_id "
            f"LEFT JOIN story_articles sa ON sa.article_id = s.article_id WHERE 1 {after}"
            "ORDER BY m.score, m.row LIMIT ?", (query.match, floor, *params, limit + 1)).fetchall()
        items = []
        for row in rows[:limit]:
            found = snippet(row[6], query.terms)
            items.append({"article": row[2], "story": row[5], "title": row[3], "snippet": found.text,
                          "marks": [list(m) for m in found.marks], "language": row[4]})
        return _page(items, rows, limit, lambda r: encode_cursor("search", [r[1], r[0], floor]))

    def _search_floor(self, query: Query) -> int:
        """The index row below which a query's matches are not ranked (0: rank them all)."""
        row = self.db.execute("SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                              "ORDER BY rowid DESC LIMIT 1 OFFSET ?", (query.match, SEARCH_RANKED)).fetchone()
        return row[0] if row else 0

    # --- speakers -----------------------------------------------------------------------------
    def speakers(self, text: str | None, limit: int, cursor: str | None) -> Page:
        """Speakers with their number of quotes, most quoted first; ``text`` filters by name."""
        where, params, having, after = "", [], "", []
        if text and text.strip():  # a name without a letter or digit finds nobody
            where = "WHERE speaker_key LIKE ? ESCAPE '\\'"
            params.append("%" + _like(speaker_key(text)) + "%" if speaker_key(text) else "")
        if cursor:
            count, key = decode_cursor(cursor, "speakers", [int, str])
            having, after = "HAVING count(*) < ? OR (count(*) = ? AND speaker_key > ?)", [count, count, key]
        rows = self.db.execute(
            "SELECT speaker_key, count(*), count(DISTINCT story_id), count(DISTINCT quote_group), "
            f"group_concat(DISTINCT language) FROM story_quotes {where} GROUP BY speaker_key {having} "
            "ORDER BY count(*) DESC, speaker_key LIMIT ?", (*params, *after, limit + 1)).fetchall()
        items = [{"key": r[0], "name": self._speaker_name(r[0]), "quotes": r[1], "stories": r[2],
                  "groups": r[3], "languages": sorted((r[4] or "").split(","))} for r in rows[:limit]]
        return _page(items, rows, limit, lambda r: encode_cursor("speakers", [r[1], r[0]]))

    def _speaker_name(self, key: str) -> str:
        """The form of the name the speaker is quoted under most."""
        return self.db.execute("SELECT speaker FROM story_quotes WHERE speaker_key=? GROUP BY speaker "
                               "ORDER BY count(*) DESC, speaker LIMIT 1", (key,)).fetchone()[0]

    def speaker(self, key: str, limit: int, cursor: str | None) -> dict[str, Any] | None:
        """Every statement of one speaker, newest story first, by quote group."""
        known = self.db.execute("SELECT 1 FROM story_quotes WHERE speaker_key=? LIMIT 1", (key,))
        if known.fetchone() is None:
            return None
        after, params = "", [key]
        if cursor:
            after = "AND (s.sort_last, q.story_id, q.position) < (?, ?, ?)"
            params += decode_cursor(cursor, "speaker", [str, str, int])
        rows = self.db.execute(
            "SELECT q.story_id, s.title, q.quote_group, q.article_id, q.language, q.kind, q.first, q.text, "
            "q.speaker, a.source, a.published, s.sort_last, q.position FROM story_quotes q "
            "JOIN stories s ON s.id = q.story_id LEFT JOIN articles a ON a.id = q.article_id "
            f"WHERE q.speaker_key = ? {after} "
            "ORDER BY s.sort_last DESC, q.story_id DESC, q.position DESC LIMIT ?",
            (*params, limit + 1)).fetchall()
        groups: dict[tuple[str, str], dict[str, Any]] = {}
        for r in rows[:limit]:
            group = groups.setdefault((r[0], r[2]), {"story": r[0], "story_title": r[1], "group": r[2],
                                                     "quotes": []})
            group["quotes"].append({"article": r[3], "language": r[4], "kind": r[5], "first": bool(r[6]),
                                    "text": r[7], "speaker": r[8], "source": r[9], "published": r[10]})
        page = _page(list(groups.values()), rows, limit,
                     lambda r: encode_cursor("speaker", [r[11], r[0], r[12]]))
        return {"key": key, "name": self._speaker_name(key), "groups": page.items, "next": page.next}

    # --- outlets ------------------------------------------------------------------------------
    def outlets(self, limit: int, cursor: str | None) -> Page:
        """Outlets by number of stored articles, most first."""
        having, after = "", []
        if cursor:
            count, key = decode_cursor(cursor, "outlets", [int, str])
            having, after = "HAVING count(*) < ? OR (count(*) = ? AND source > ?)", [count, count, key]
        rows = self.db.execute(
            "SELECT source, count(*), group_concat(DISTINCT language), min(published), max(published) "
            f"FROM articles WHERE source IS NOT NULL GROUP BY source {having} "
            "ORDER BY count(*) DESC, source LIMIT ?", (*after, limit + 1)).fetchall()
        items = [{"key": r[0], "name": r[0], "articles": r[1], "languages": sorted((r[2] or "").split(",")),
                  "first": r[3], "last": r[4]} for r in rows[:limit]]
        return _page(items, rows, limit, lambda r: encode_cursor("outlets", [r[1], r[0]]))

    def outlet(self, key: str) -> dict[str, Any] | None:
        """What an outlet publishes, whom it takes text from, who takes from it, and the share of
        its articles (in saved stories) that are the first of their own origin."""
        row = self.db.execute("SELECT count(*), group_concat(DISTINCT language), min(published), "
                              "max(published) FROM articles WHERE source=?", (key,)).fetchone()
        if not row[0]:
            return None
        in_stories, own = self.db.execute(
            "SELECT count(*), ifnull(sum(m.is_origin), 0) FROM story_articles m "
            "JOIN articles a ON a.id = m.article_id WHERE a.source=?", (key,)).fetchone()
        return {"key": key, "name": key, "articles": row[0], "languages": sorted((row[1] or "").split(",")),
                "first": row[2], "last": row[3], "articles_in_stories": in_stories,
                "own_origins": own, "own_origin_share": round(own / in_stories, 4) if in_stories else None,
                "takes_from": self._reuse_partners(key, "target", "source"),
                "taken_by": self._reuse_partners(key, "source", "target"),
                "shares_text_with": self._unknown_partners(key)}

    def _reuse_partners(self, key: str, mine: str, theirs: str) -> list[dict[str, Any]]:
        """Outlets on the other end of the outlet's directed reuse edges, by kind."""
        rows = self.db.execute(
            f"SELECT o.source, e.kind, count(*) FROM reuse_edges e JOIN articles m ON m.id = e.{mine} "
            f"JOIN articles o ON o.id = e.{theirs} WHERE m.source = ? AND e.direction = ? "
            "AND o.source IS NOT NULL AND o.source <> m.source GROUP BY o.source, e.kind "
            "ORDER BY count(*) DESC, o.source, e.kind", (key, FORWARD)).fetchall()
        return [{"outlet": r[0], "kind": r[1], "edges": r[2]} for r in rows]

    def _unknown_partners(self, key: str) -> list[dict[str, Any]]:
        """Outlets sharing text with this one where neither is known to be first."""
        rows = self.db.execute(
            "SELECT o.source, e.kind, count(*) FROM reuse_edges e "
            "JOIN articles m ON m.id IN (e.source, e.target) "
            "JOIN articles o ON o.id = CASE WHEN m.id = e.source THEN e.target ELSE e.source END "
            "WHERE m.source = ? AND e.direction <> ? AND o.source IS NOT NULL AND o.source <> m.source "
            "GROUP BY o.source, e.kind ORDER BY count(*) DESC, o.source, e.kind", (key, FORWARD)).fetchall()
        return [{"outlet": r[0], "kind": r[1], "edges": r[2]} for r in rows]


def _story_where(filters: StoryFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if filters.query is not None:
        where.append("id IN (SELECT m.story_id FROM articles_fts f JOIN search_rows s ON s.id = f.rowid "
                     "JOIN story_articles m ON m.article_id = s.article_id WHERE articles_fts MATCH ?)")
        params.append(filters.query.match)
    if filters.language:
        where.append("EXISTS (SELECT 1 FROM json_each(stories.languages) WHERE value = ?)")
        params.append(filters.language)
    if filters.source:
        where.append("EXISTS (SELECT 1 FROM story_articles m JOIN articles a ON a.id = m.article_id "
                     "WHERE m.story_id = stories.id AND a.source = ?)")
        params.append(filters.source)
    if filters.since:
        where.append("last >= ?")
        params.append(filters.since)
    if filters.until:
        where.append("first <= ?")
        params.append(filters.until)
    if filters.min_origins:
        where.append("independent_origins >= ?")
        params.append(filters.min_origins)
    return where, params


def _article_where(filters: ArticleFilter) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    for column in ("source", "language"):
        if getattr(filters, column):
            where.append(f"a.{column} = ?")
            params.append(getattr(filters, column))
    # SQLite's datetime() turns an ISO time with an offset into UTC, so stored offsets compare.
    if filters.since:
        where.append("datetime(a.published) >= datetime(?)")
        params.append(filters.since)
    if filters.until:
        where.append("datetime(a.published) <= datetime(?)")
        params.append(filters.until)
    return where, params


def _story_summary(row: Sequence[Any]) -> dict[str, Any]:
    return {"id": row[0], "title": row[1], "articles": row[2], "independent_origins": row[3],
            "languages": json.loads(row[4]), "first": row[5], "last": row[6]}


def _page(items: list[dict[str, Any]], rows: list[Any], limit: int, cursor_of: Any) -> Page:
    """A page of ``items``; ``rows`` holds one row more than the page when there is a next."""
    return Page(items, cursor_of(rows[limit - 1]) if len(rows) > limit else None)


def _role(article_id: str, source: str, direction: str) -> str:
    """How the edge stands to the article: it is the ``original``, the ``copy``, or ``unknown``."""
    if direction != FORWARD:
        return "unknown"
    return "original" if source == article_id else "copy"


def _where_sql(where: list[str]) -> str:
    return " WHERE " + " AND ".join(where) if where else ""


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
