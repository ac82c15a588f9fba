"""SQLite store: WAL, versioned migrations, one writer, every batch one transaction.

A batch of articles goes in with its sentences, removed lines, rejections and line counts in a
single transaction, so a run killed at any point leaves whole articles or none; starting the
same run again skips what is stored (ids are content hashes) and finishes the rest.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from newsweave.errors import StoreError, StoreFull
from newsweave.records import Article, Rejection, RemovedLine, Sentence
from newsweave.reuse.edges import ReuseEdge, edge_from_json, edge_json
from newsweave.store.migrations import MIGRATIONS
from newsweave.store.search import index_text
from newsweave.store.story_rows import SavedStory, StoryRow
from newsweave.vectors.stored import decode

DEFAULT_PATH = "newsweave.db"
_CHUNK = 500  # ids per IN (...) query, under SQLite's variable limit
_SURROGATE = re.compile("[\ud800-\udfff]")
_ARTICLE_COLUMNS = ("id", "source", "url", "path", "locator", "format", "title", "published",
                    "language", "author", "dateline", "text")
# SQLite's code for a full disk (its file layer turns ENOSPC into it, for the WAL file too).
_SQLITE_FULL = 13
_STAGE_ORDER = "CASE stage WHEN 'ingest' THEN 0 WHEN 'analysis' THEN 1 ELSE 2 END"


def default_path() -> str:
    """The store path: ``$NEWSWEAVE_DB`` or ``./newsweave.db``."""
    return os.environ.get("NEWSWEAVE_DB") or DEFAULT_PATH


@dataclass(frozen=True, slots=True)
class StageRecord:
    """One stage of a run (ingest, analysis, outputs): its status and what it made."""

    stage: str
    status: str
    started_at: str
    finished_at: str | None
    counts: dict


@dataclass(frozen=True, slots=True)
class RunRecord:
    """One run as the store remembers it; ``status`` is that of its latest stage."""

    id: int
    started_at: str
    finished_at: str | None
    status: str
    inputs: tuple[str, ...]
    stored: int
    duplicates: int
    rejected: int
    pid: int | None = None
    stages: tuple[StageRecord, ...] = ()


@dataclass(frozen=True, slots=True)
class BatchCounts:
    """What one batch did, as this process stored it: new articles, articles met that were
    stored already (or copies of one earlier in the run), rejections recorded."""

    stored: int
    duplicates: int
    rejected: int


class Store:
    """The SQLite store. Use as a context manager, from one thread.

    Args:
        path: the database file (created if missing), or ``":memory:"``.

    Raises:
        StoreError: the file is not a newsweave store, or was written by a newer version.
    """

    def __init__(self, path: str = DEFAULT_PATH) -> None:
        self.path = path
        try:
            if str(path) != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)  # as --out does for its folder
            self._db = sqlite3.connect(path, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.execute("PRAGMA busy_timeout=10000")
            # The search index holds folded text (store/search.py); migration 7 fills it with this.
            self._db.create_function("newsweave_index_text", 1, index_text, deterministic=True)
            self._migrate()
        except (sqlite3.DatabaseError, OSError) as error:
            raise StoreError(f"cannot open store {path!r}: {error}") from error

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # --- schema -----------------------------------------------------------------------------
    def _migrate(self) -> None:
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version > len(MIGRATIONS):
            raise StoreError(f"store {self.path!r} has schema {version}, newer than this "
                             f"newsweave knows ({len(MIGRATIONS)}): upgrade newsweave")
        for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
            try:
                self._db.executescript(f"BEGIN IMMEDIATE;\n{script}\nPRAGMA user_version={number};\nCOMMIT;")
            except sqlite3.OperationalError:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                if self.schema_version < number:
                    raise
                # else another process opening the store at the same time applied it first

    @property
    def schema_version(self) -> int:
        return self._db.execute("PRAGMA user_version").fetchone()[0]

    # --- runs -------------------------------------------------------------------------------
    def start_run(self, inputs: Sequence[str]) -> int:
        """Open a run record, its ingest stage running; runs left 'running' by a dead process
        are marked interrupted."""
        with self._transaction():
            self._mark_dead_runs()
            cursor = self._db.execute(
                "INSERT INTO runs(started_at, status, pid, inputs) VALUES (?, 'running', ?, ?)",
                (_now(), os.getpid(), json.dumps(list(inputs))),
            )
            run_id = int(cursor.lastrowid)
            self._db.execute("INSERT INTO run_stages(run_id, stage, status, started_at) "
                             "VALUES (?, 'ingest', 'running', ?)", (run_id, _now()))
        return run_id

    def start_stage(self, run_id: int, stage: str) -> None:
        """A later stage of a run begins (analysis, outputs): the run is running again."""
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO run_stages(run_id, stage, status, started_at) "
                             "VALUES (?, ?, 'running', ?)", (run_id, stage, _now()))
            self._db.execute("UPDATE runs SET status='running', finished_at=NULL WHERE id=?",
                             (run_id,))

    def finish_stage(self, run_id: int, stage: str, *, status: str = "finished",
                     counts: dict | None = None) -> None:
        """A stage ends (finished, failed, interrupted) with what it made; the run takes its
        status."""
        with self._transaction():
            now = _now()
            self._db.execute("UPDATE run_stages SET status=?, finished_at=?, counts=? "
                             "WHERE run_id=? AND stage=?",
                             (status, now, json.dumps(counts or {}), run_id, stage))
            self._db.execute("UPDATE runs SET status=?, finished_at=? WHERE id=?",
                             (status, now, run_id))

    def finish_run(self, run_id: int, *, status: str = "finished") -> None:
        """The ingest stage ends, with the run's counts."""
        row = self._db.execute("SELECT stored, duplicates, rejected FROM runs WHERE id=?",
                               (run_id,)).fetchone()
        counts = dict(zip(("stored", "duplicates", "rejected"), row, strict=True)) if row else {}
        self.finish_stage(run_id, "ingest", status=status, counts=counts)

    def runs(self) -> list[RunRecord]:
        """Every run with its stages; runs whose process died are marked interrupted first."""
        running = self._db.execute("SELECT pid FROM runs WHERE status='running'").fetchall()
        if any(not _process_alive(pid) for (pid,) in running):  # the write lock only when needed
            with self._transaction():
                self._mark_dead_runs()
        stages: dict[int, list[StageRecord]] = {}
        for row in self._db.execute("SELECT run_id, stage, status, started_at, finished_at, counts "
                                    "FROM run_stages ORDER BY run_id, started_at, " + _STAGE_ORDER):
            stages.setdefault(row[0], []).append(StageRecord(row[1], row[2], row[3], row[4],
                                                             json.loads(row[5])))
        rows = self._db.execute(
            "SELECT id, started_at, finished_at, status, inputs, stored, duplicates, rejected, pid "
            "FROM runs ORDER BY id")
        return [RunRecord(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5], r[6], r[7], r[8],
                          tuple(stages.get(r[0], ()))) for r in rows]

    def _mark_dead_runs(self) -> None:
        """Runs left 'running' by a process that is gone, and their running stages, are
        interrupted (with what they stored before they died: counts are kept batch by batch)."""
        for run_id, pid in self._db.execute("SELECT id, pid FROM runs WHERE status='running'").fetchall():
            if not _process_alive(pid):
                self._db.execute("UPDATE runs SET status='interrupted' WHERE id=?", (run_id,))
                self._db.execute("UPDATE run_stages SET status='interrupted' "
                                 "WHERE run_id=? AND status='running'", (run_id,))

    # --- writing ----------------------------------------------------------------------------
    def add_batch(self, run_id: int, articles: Sequence[Article], seen: Iterable[str],
                  rejections: Sequence[Rejection], line_keys: dict[str, set[int]], *,
                  copies: int = 0,
                  then: Callable[[sqlite3.Connection], None] | None = None) -> BatchCounts:
        """Store a batch in one transaction, the run's counts with it; returns what it did.

        An article another process stored since it was read counts as a duplicate here, so
        that concurrent runs of the same inputs each say what they stored themselves.

        Args:
            seen: ids of articles this run met that were already stored (duplicates).
            line_keys: for each new article id, the keys of its lines (for recurring lines).
            copies: articles the caller met and did not build, being stored or read already.
            then: more writes for the same transaction (the watch's feed state), given the
                connection after the articles are in.
        """
        with self._transaction():
            new = [a for a in articles if not self._exists(a.id)]
            for article in new:
                self._insert_article(run_id, article)
                self._count_lines(article.source, line_keys.get(article.id, ()))
            self._db.executemany("INSERT OR IGNORE INTO run_articles VALUES (?, ?)",
                                 [(run_id, i) for i in {*seen, *(a.id for a in articles)}])
            rejected = self._db.executemany(
                "INSERT OR IGNORE INTO rejections(run_id, path, locator, stage, reason, "
                "article_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(run_id, _storable(r.path), _storable(r.locator), r.stage, _storable(r.reason),
                  r.article_id, _now()) for r in rejections],
            ).rowcount if rejections else 0
            if then is not None:
                then(self._db)
            counts = BatchCounts(len(new), copies + len(articles) - len(new), max(rejected, 0))
            self._db.execute("UPDATE runs SET stored=stored+?, duplicates=duplicates+?, "
                             "rejected=rejected+? WHERE id=?",
                             (counts.stored, counts.duplicates, counts.rejected, run_id))
        return counts

    def _insert_article(self, run_id: int, article: Article) -> None:
        values = [_storable(getattr(article, column)) for column in _ARTICLE_COLUMNS]
        self._db.execute(
            f"INSERT INTO articles({', '.join(_ARTICLE_COLUMNS)}, run_id, ingested_at) "
            f"VALUES ({', '.join('?' * (len(values) + 2))})",
            (*values, run_id, _now()),
        )
        self._db.executemany(
            "INSERT INTO sentences VALUES (?, ?, ?, ?, ?)",
            [(article.id, n, s.start, s.end, s.language) for n, s in enumerate(article.sentences)],
        )
        self._db.executemany(
            "INSERT INTO removed_lines VALUES (?, ?, ?, ?)",
            [(article.id, n, r.text, r.reason) for n, r in enumerate(article.removed)],
        )
        row = self._db.execute("INSERT INTO search_rows(article_id) VALUES (?)", (article.id,)).lastrowid
        self._db.execute("INSERT INTO articles_fts(rowid, title, text) VALUES (?, ?, ?)",
                         (row, index_text(article.title), index_text(article.text)))

    def _count_lines(self, source: str | None, keys: Iterable[int]) -> None:
        if source:
            self._db.executemany(
                "INSERT INTO source_lines VALUES (?, ?, 1) ON CONFLICT(source, line_key) "
                "DO UPDATE SET articles = articles + 1",
                [(source, key) for key in keys],
            )

    # --- reading ----------------------------------------------------------------------------
    def _exists(self, article_id: str) -> bool:
        return self._db.execute("SELECT 1 FROM articles WHERE id=?", (article_id,)).fetchone() is not None

    def existing(self, ids: Iterable[str]) -> set[str]:
        """Which of these article ids are stored."""
        return {row[0] for row in self._rows_with("SELECT id FROM articles WHERE id IN ({})", list(ids))}

    def line_counts(self, source: str, keys: Iterable[int]) -> dict[int, int]:
        """In how many stored articles of ``source`` each line occurs."""
        return dict(self._rows_with(
            "SELECT line_key, articles FROM source_lines WHERE source=? AND line_key IN ({})",
            list(keys), before=(source,)))

    def count_articles(self) -> int:
        return self._db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def article(self, article_id: str) -> Article | None:
        """One article by id (or by a unique id prefix)."""
        rows = self._db.execute(
            f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id LIKE ? LIMIT 2",
            (article_id.replace("%", "").replace("_", "") + "%",)).fetchall()
        return self._hydrate(rows[0]) if len(rows) == 1 else None

    def articles(self, *, run_id: int | None = None, language: str | None = None,
                 source: str | None = None, limit: int | None = None) -> Iterator[Article]:
        """Stored articles, oldest publication first; filters combine."""
        where, params = [], []
        if run_id is not None:
            where.append("id IN (SELECT article_id FROM run_articles WHERE run_id=?)")
            params.append(run_id)
        if language:
            where.append("language=?")
            params.append(language)
        if source:
            where.append("source=?")
            params.append(source)
        sql = f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY published IS NULL, published, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        for row in self._db.execute(sql, params).fetchall():
            yield self._hydrate(row)

    def _hydrate(self, row: Sequence) -> Article:
        values = dict(zip(_ARTICLE_COLUMNS, row, strict=True))
        sentences = tuple(Sentence(*r) for r in self._db.execute(
            'SELECT start, "end", language FROM sentences WHERE article_id=? ORDER BY position',
            (values["id"],)))
        removed = tuple(RemovedLine(*r) for r in self._db.execute(
            "SELECT text, reason FROM removed_lines WHERE article_id=? ORDER BY position",
            (values["id"],)))
        return Article(**values, sentences=sentences, removed=removed)

    def rejections(self, run_id: int | None = None) -> list[Rejection]:
        sql = "SELECT path, reason, stage, locator, article_id FROM rejections"
        rows = (self._db.execute(sql + " WHERE run_id=? ORDER BY id", (run_id,)) if run_id
                else self._db.execute(sql + " ORDER BY id"))
        return [Rejection(*row) for row in rows]

    # --- reuse graph --------------------------------------------------------------------------
    def reuse_done(self) -> set[str]:
        """Ids of articles already compared with every article stored before them."""
        return {row[0] for row in self._db.execute("SELECT article_id FROM reuse_done")}

    def save_reuse(self, edges: Iterable[ReuseEdge], done: Iterable[str]) -> None:
        """Store reuse edges and mark articles as compared, in one transaction."""
        rows = [edge_json(edge) for edge in edges]
        with self._transaction():
            self._db.executemany(
                "INSERT OR REPLACE INTO reuse_edges VALUES (?, ?, ?, ?, ?, ?)",
                [(e["source"], e["target"], e["kind"], e["coverage"], e["direction"],
                  json.dumps(e["evidence"], ensure_ascii=False)) for e in rows])
            self._db.executemany("INSERT OR IGNORE INTO reuse_done VALUES (?)", [(i,) for i in done])

    def reuse_edges(self, ids: Iterable[str] | None = None) -> list[ReuseEdge]:
        """Stored reuse edges, all or those between the given articles (found through the
        indexes: the cost follows the articles given, not the store)."""
        columns = "SELECT source, target, kind, coverage, direction, evidence FROM reuse_edges"
        if ids is None:
            rows = self._db.execute(columns + " ORDER BY source, target").fetchall()
        else:
            wanted = set(ids)
            rows = sorted(r for r in self._rows_with(columns + " WHERE source IN ({})", sorted(wanted))
                          if r[1] in wanted)
        return [edge_from_json({"source": r[0], "target": r[1], "kind": r[2], "coverage": r[3],
                                "direction": r[4], "evidence": json.loads(r[5])}) for r in rows]

    def reuse_neighbours(self, ids: Iterable[str]) -> list[tuple[str, str, str]]:
        """(article, other, kind) for each stored edge with one of these articles at one end."""
        ids = sorted(set(ids))
        found = self._rows_with("SELECT source, target, kind FROM reuse_edges WHERE source IN ({})", ids)
        found += [(t, s, k) for s, t, k in self._rows_with(
            "SELECT source, target, kind FROM reuse_edges WHERE target IN ({})", ids)]
        return found

    def _rows_with(self, sql: str, values: Sequence, before: Sequence = ()) -> list[tuple]:
        """Rows of ``sql`` whose one ``IN ({})`` takes the values, a chunk at a time (under
        SQLite's variable limit); ``before`` are the parameters that stand ahead of it."""
        rows: list[tuple] = []
        for chunk in chunked(values):
            rows.extend(self._db.execute(sql.format(", ".join("?" * len(chunk))), (*before, *chunk)))
        return rows

    def sentence_vectors(self, article_id: str, model: str) -> bytes | None:
        row = self._db.execute("SELECT vectors FROM sentence_vectors WHERE article_id=? AND model=?",
                               (article_id, model)).fetchone()
        return row[0] if row else None

    def save_sentence_vectors(self, article_id: str, model: str, dim: int, data: bytes) -> None:
        with self._transaction():
            self._db.execute("INSERT OR REPLACE INTO sentence_vectors VALUES (?, ?, ?, ?)",
                             (article_id, model, dim, data))

    def lead_vectors(self, model: str, ids: Iterable[str] | None = None) -> dict[str, bytes]:
        """Stored lead vectors (raw float16 bytes) by article id: all, or those of ``ids``."""
        if ids is None:
            return dict(self._db.execute("SELECT article_id, vector FROM lead_vectors WHERE model=?",
                                         (model,)))
        return self._lead_vectors_of(model, sorted(set(ids)))

    def _lead_vectors_of(self, model: str, ids: list[str]) -> dict[str, bytes]:
        return dict(self._rows_with(
            "SELECT article_id, vector FROM lead_vectors WHERE model=? AND article_id IN ({})",
            ids, before=(model,)))

    def save_lead_vectors(self, model: str, vectors: dict[str, bytes]) -> None:
        """Save lead vectors, adding the new ones to their language's sum in the same
        transaction (``lead_sums``: the centring means without reading every vector)."""
        with self._transaction():
            self._ready_lead_sums(model)
            known = set(self._lead_vectors_of(model, sorted(vectors)))
            self._db.executemany("INSERT OR REPLACE INTO lead_vectors VALUES (?, ?, ?)",
                                 [(i, model, data) for i, data in vectors.items()])
            fresh = {i: data for i, data in vectors.items() if i not in known}
            languages = dict(self._rows_with("SELECT id, language FROM articles WHERE id IN ({})",
                                             sorted(fresh)))
            self._add_lead_sums(model, ((languages[i], data) for i, data in fresh.items()
                                        if i in languages))

    def lead_sums(self, model: str) -> dict[str, tuple[int, np.ndarray]]:
        """Per language: how many lead vectors of ``model`` are stored, and their sum."""
        if not self._db.execute("SELECT 1 FROM lead_sums_ready WHERE model=?", (model,)).fetchone():
            with self._transaction():
                self._ready_lead_sums(model)
        return {language: (count, np.frombuffer(total, dtype=np.float64))
                for language, count, total in self._db.execute(
                    "SELECT language, count, total FROM lead_sums WHERE model=?", (model,))}

    def _ready_lead_sums(self, model: str) -> None:
        """Sum, once, the vectors stored before the sums were kept (inside a transaction)."""
        if self._db.execute("SELECT 1 FROM lead_sums_ready WHERE model=?", (model,)).fetchone():
            return
        self._db.execute("DELETE FROM lead_sums WHERE model=?", (model,))
        self._add_lead_sums(model, self._db.execute(
            "SELECT a.language, v.vector FROM lead_vectors v JOIN articles a ON a.id = v.article_id "
            "WHERE v.model=?", (model,)))
        self._db.execute("INSERT INTO lead_sums_ready VALUES (?)", (model,))

    def _add_lead_sums(self, model: str, vectors: Iterable[tuple[str, bytes]]) -> None:
        sums: dict[str, list] = {}
        for language, data in vectors:
            vector = decode(data, np.float64)
            entry = sums.setdefault(language, [0, np.zeros_like(vector)])
            entry[0] += 1
            entry[1] += vector
        for language, (count, total) in sums.items():
            row = self._db.execute("SELECT count, total FROM lead_sums WHERE model=? AND language=?",
                                   (model, language)).fetchone()
            if row:
                count, total = count + row[0], total + np.frombuffer(row[1], dtype=np.float64)
            self._db.execute("INSERT OR REPLACE INTO lead_sums VALUES (?, ?, ?, ?)",
                             (model, language, count, total.tobytes()))

    # --- stories ----------------------------------------------------------------------------
    def save_stories(self, rows: Sequence[StoryRow], *, removed: Iterable[str] = (),
                     merges: Iterable[tuple[str, str]] = ()) -> None:
        """Save stories in one transaction, replacing every saved story that shares an article
        with them (or their id) and the ``removed`` ones: each article belongs to at most one
        saved story. ``merges`` (old id, id it went into) are recorded."""
        with self._transaction():
            members = [m.article_id for row in rows for m in row.members]
            replaced = {row.id for row in rows} | set(removed)
            replaced.update(r[0] for r in self._rows_with(
                "SELECT DISTINCT story_id FROM story_articles WHERE article_id IN ({})", members))
            self._db.executemany("DELETE FROM stories WHERE id=?", [(i,) for i in replaced])
            for row in rows:
                self._insert_story(row)
            self._db.executemany("INSERT OR IGNORE INTO story_merges VALUES (?, ?, ?)",
                                 [(old, into, _now()) for old, into in merges])

    def story_merges(self) -> list[tuple[str, str]]:
        """(old id, id it was merged into) of every recorded merge, oldest first."""
        return [(r[0], r[1]) for r in self._db.execute(
            "SELECT old_id, into_id FROM story_merges ORDER BY at, old_id")]

    def saved_stories(self, ids: Iterable[str]) -> list[SavedStory]:
        """These saved stories with their members (in their saved order)."""
        ids = sorted(set(ids))
        heads = self._rows_with("SELECT id, first FROM stories WHERE id IN ({})", ids)
        members: dict[str, list[tuple[int, str]]] = {}
        for article_id, story_id, position in self._rows_with(
                "SELECT article_id, story_id, position FROM story_articles WHERE story_id IN ({})", ids):
            members.setdefault(story_id, []).append((position, article_id))
        return [SavedStory(i, first, tuple(a for _, a in sorted(members.get(i, ()))))
                for i, first in sorted(heads)]

    def open_story_ids(self, low: str, high: str) -> list[str]:
        """Saved stories open in the UTC time span [low, high]: their latest article is not
        before ``low`` and their earliest not after ``high``; undated ones never close."""
        return [r[0] for r in self._db.execute(
            "SELECT id FROM stories WHERE (sort_last >= ? AND ifnull(first, '') <= ?) "
            "OR sort_last = '' ORDER BY id", (low, high))]

    def story_ids_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """The saved story of each of these articles that is in one."""
        return dict(self._rows_with("SELECT article_id, story_id FROM story_articles "
                                    "WHERE article_id IN ({})", sorted(set(article_ids))))

    def superseded(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Of these articles, those a later version replaces (watch: same URL, changed text),
        each with its replacement."""
        return dict(self._rows_with("SELECT previous_id, article_id FROM article_versions "
                                    "WHERE previous_id IN ({})", sorted(set(article_ids))))

    def previous_versions(self, article_ids: Iterable[str]) -> dict[str, str]:
        """Of these articles, those that replace an earlier version, each with the one it replaces."""
        return dict(self._rows_with("SELECT article_id, previous_id FROM article_versions "
                                    "WHERE article_id IN ({})", sorted(set(article_ids))))

    def used_story_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these story ids a saved story has, or a merged one had."""
        ids = sorted(set(ids))
        saved = self._rows_with("SELECT id FROM stories WHERE id IN ({})", ids)
        merged = self._rows_with("SELECT old_id FROM story_merges WHERE old_id IN ({})", ids)
        return {r[0] for r in saved + merged}

    def reuse_done_of(self, ids: Iterable[str]) -> set[str]:
        """Which of these articles were compared already."""
        return {r[0] for r in self._rows_with("SELECT article_id FROM reuse_done WHERE article_id IN ({})",
                                              sorted(set(ids)))}

    def articles_by_id(self, ids: Iterable[str]) -> list[Article]:
        """These stored articles (those not stored are left out), oldest publication first."""
        found = read_articles(self._db, sorted(set(ids)))
        return sorted(found.values(), key=lambda a: (a.published is None, a.published or "", a.id))

    def language_and_time(self, ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
        """(language, published) of these stored articles."""
        return {r[0]: (r[1], r[2]) for r in self._rows_with(
            "SELECT id, language, published FROM articles WHERE id IN ({})", sorted(set(ids)))}

    # --- reuse blocking keys (reuse/keys.py) -----------------------------------------------------
    def save_reuse_keys(self, keys: dict[str, Iterable[int]]) -> None:
        """The blocking keys of these articles (replacing any they had)."""
        with self._transaction():
            self._db.executemany("INSERT OR IGNORE INTO reuse_keys VALUES (?, ?)",
                                 [(key, i) for i, found in keys.items() for key in found])
            self._db.executemany("INSERT OR IGNORE INTO reuse_keyed VALUES (?)", [(i,) for i in keys])

    def unkeyed_ids(self) -> list[str]:
        """Stored articles whose blocking keys are not saved yet (stored before they were kept)."""
        return [r[0] for r in self._db.execute(
            "SELECT id FROM articles WHERE id NOT IN (SELECT article_id FROM reuse_keyed) ORDER BY id")]

    def key_holders(self, keys: Iterable[int], limit: int) -> dict[int, list[str]]:
        """The articles holding each key, up to ``limit + 1`` of them (more: a common key)."""
        found: dict[int, list[str]] = {}
        for key in sorted(set(keys)):
            holders = [r[0] for r in self._db.execute(
                "SELECT article_id FROM reuse_keys WHERE key=? LIMIT ?", (key, limit + 1))]
            if holders:
                found[key] = holders
        return found

    def _insert_story(self, row: StoryRow) -> None:
        self._db.execute(
            "INSERT INTO stories(id, title, first, last, sort_last, articles, independent_origins, "
            "languages, story, saved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row.id, _storable(row.title), row.first, row.last, row.last or "", len(row.members),
             row.independent_origins, json.dumps(list(row.languages)), _storable(row.story), _now()))
        self._db.executemany(
            "INSERT INTO story_articles VALUES (?, ?, ?, ?, ?)",
            [(m.article_id, row.id, n, m.origin, int(m.is_origin)) for n, m in enumerate(row.members)])
        self._db.executemany(
            "INSERT INTO story_quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(row.id, n, q.group, _storable(q.speaker), q.speaker_key, q.article_id, q.language, q.kind,
              int(q.first), _storable(q.text)) for n, q in enumerate(row.quotes)])

    def saved_story_ids(self) -> list[str]:
        """Ids of the saved stories."""
        return [r[0] for r in self._db.execute("SELECT id FROM stories ORDER BY id")]

    # --- for modules that keep their own tables here (watch/feeds.py) ------------------------
    @property
    def connection(self) -> sqlite3.Connection:
        """The connection, for reads and for writes inside ``transaction()``."""
        return self._db

    def transaction(self) -> _Transaction:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on error)."""
        return self._transaction()

    # --- helpers ----------------------------------------------------------------------------
    def _transaction(self) -> _Transaction:
        return _Transaction(self._db)


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on error (the one-writer lock is taken up front)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def __enter__(self) -> None:
        self._db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, *exc: object) -> None:
        try:
            if kind is None:
                self._db.execute("COMMIT")
            elif self._db.in_transaction:  # SQLite already rolled back after a full disk
                self._db.execute("ROLLBACK")
        except sqlite3.OperationalError as failed:
            if self._db.in_transaction:  # a COMMIT that failed leaves the transaction open
                self._db.execute("ROLLBACK")
            raise _full_disk(failed) or failed from None
        if isinstance(error, sqlite3.OperationalError) and (full := _full_disk(error)):
            raise full from error


def _full_disk(error: sqlite3.OperationalError) -> StoreFull | None:
    """A clear error for a write that failed because the disk is full, else None."""
    if getattr(error, "sqlite_errorcode", None) != _SQLITE_FULL:
        return None
    return StoreFull(f"the disk under the store is full ({error}); nothing of the batch being "
                     "written was kept, and everything stored before it is intact")


def chunked(values: Sequence) -> Iterator[list]:
    """``values`` in pieces that fit one ``IN (...)`` under SQLite's variable limit."""
    for start in range(0, len(values), _CHUNK):
        yield list(values[start : start + _CHUNK])


def read_articles(db: sqlite3.Connection, ids: Sequence[str]) -> dict[str, Article]:
    """Stored articles by id, with their sentences and removed lines (those not stored are left
    out), a few queries per chunk of ids: for the writer's store and the serve's readers alike."""
    found: dict[str, Article] = {}
    for chunk in chunked(list(dict.fromkeys(ids))):
        found.update(_articles_in(db, chunk))
    return found


def _articles_in(db: sqlite3.Connection, ids: list[str]) -> dict[str, Article]:
    marks = ", ".join("?" * len(ids))
    rows = db.execute(f"SELECT {', '.join(_ARTICLE_COLUMNS)} FROM articles WHERE id IN ({marks})",
                      ids).fetchall()
    sentences: dict[str, list[Sentence]] = {i: [] for i in ids}
    for i, *span in db.execute('SELECT article_id, start, "end", language FROM sentences '
                               f"WHERE article_id IN ({marks}) ORDER BY article_id, position", ids):
        sentences[i].append(Sentence(*span))
    removed: dict[str, list[RemovedLine]] = {i: [] for i in ids}
    for i, text, reason in db.execute("SELECT article_id, text, reason FROM removed_lines "
                                      f"WHERE article_id IN ({marks}) ORDER BY article_id, position", ids):
        removed[i].append(RemovedLine(text, reason))
    return {r[0]: Article(**dict(zip(_ARTICLE_COLUMNS, r, strict=True)),
                          sentences=tuple(sentences[r[0]]), removed=tuple(removed[r[0]]))
            for r in rows}


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _storable(value: str | None) -> str | None:
    """Text as SQLite holds it, in UTF-8: a lone surrogate, which Python keeps for a byte of a
    file name that is not UTF-8 (written as \\xNN) or reads from a JSON "\\ud800" (U+FFFD), is
    replaced; SQLite refuses it."""
    if value is None or value.isascii():
        return value
    try:
        value.encode()
    except UnicodeEncodeError:
        return _SURROGATE.sub(_surrogate_text, value)
    return value


def _surrogate_text(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"



def _process_alive(pid: int | None) -> bool:
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
