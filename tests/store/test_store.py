"""The SQLite store: migrations, batches, queries."""

from __future__ import annotations

import sqlite3

import pytest

from newsweave.errors import StoreError
from newsweave.records import Article, Rejection, RemovedLine, Sentence
from newsweave.store import Store
from newsweave.store.migrations import MIGRATIONS


def _article(article_id="a1", source="Outlet") -> Article:
    return Article(id=article_id, text="One. Two.", format="text", source=source, language="en",
                   published="2025-03-14T06:10:00+00:00",
                   removed=(RemovedLine("By Someone", "byline"),),
                   sentences=(Sentence(0, 4, "en"), Sentence(5, 9, "en")))


def test_new_store_is_migrated_and_in_wal_mode(tmp_path):
    path = tmp_path / "s.db"
    with Store(str(path)) as store:
        assert store.schema_version == len(MIGRATIONS)
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_store_folder_is_created_and_a_file_in_the_way_is_a_clear_error(tmp_path):
    with Store(str(tmp_path / "new" / "folder" / "s.db")) as store:
        assert store.count_articles() == 0
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="cannot open store"):
        Store(str(tmp_path / "file" / "s.db"))


def test_newer_schema_is_refused(tmp_path):
    path = tmp_path / "s.db"
    sqlite3.connect(path).execute(f"PRAGMA user_version={len(MIGRATIONS) + 1}")
    with pytest.raises(StoreError, match="upgrade newsweave"):
        Store(str(path))


def test_not_a_database(tmp_path):
    path = tmp_path / "s.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError):
        Store(str(path))


def test_batch_round_trip_and_queries(tmp_path):
    with Store(str(tmp_path / "s.db")) as store:
        run = store.start_run(["x"])
        new = store.add_batch(run, [_article("a1"), _article("b2", "Other")], [],
                              [Rejection("bad.txt", "empty file")], {"a1": {1, 2}})
        assert (new.stored, new.duplicates, new.rejected) == (2, 0, 1)
        assert store.add_batch(run, [_article("a1")], [], [], {}).stored == 0
        store.finish_run(run)
        assert store.article("a1") == _article("a1")
        assert store.article("b") == _article("b2", "Other")  # unique prefix
        assert [a.id for a in store.articles(source="Other")] == ["b2"]
        assert [r.reason for r in store.rejections(run)] == ["empty file"]
        assert store.line_counts("Outlet", [1, 2, 3]) == {1: 1, 2: 1}
        (record,) = store.runs()
        assert (record.status, record.stored, record.rejected) == ("finished", 2, 1)
