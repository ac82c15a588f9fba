"""The read-only query layer: snapshots, keyset pages, cursors, speakers and outlets."""

from __future__ import annotations

import sqlite3

import pytest
from serve_helpers import ARTICLES, build_store

from newsweave.records import Article
from newsweave.store import Store
from newsweave.store.reader import ArticleFilter, BadCursor, StoreReader, StoryFilter, encode_cursor
from newsweave.store.search import parse_query


@pytest.fixture()
def reader(tmp_path):
    return StoreReader(build_store(tmp_path / "s.db"))


def test_reader_cannot_write(reader):
    with reader.snapshot() as snap, pytest.raises(sqlite3.OperationalError):
        snap.db.execute("DELETE FROM articles")


def test_a_snapshot_does_not_see_a_batch_committed_after_it_began(reader):
    with reader.snapshot() as snap:
        before = len(snap.articles(ArticleFilter(), 50, None).items)
        with Store(str(reader.path)) as store:
            run = store.start_run(["more"])
            store.add_batch(run, [Article(id="new1", text="Fresh Vellara news.", format="text",
                                          language="en")], [], [], {})
        assert len(snap.articles(ArticleFilter(), 50, None).items) == before
        assert not snap.search(parse_query("fresh"), 10, None).items
    with reader.snapshot() as snap:
        assert len(snap.articles(ArticleFilter(), 50, None).items) == before + 1
        assert [r["article"] for r in snap.search(parse_query("fresh"), 10, None).items] == ["new1"]


def test_pages_walk_every_row_once(reader):
    for limit in (1, 2, 3):
        with reader.snapshot() as snap:
            seen, cursor = [], None
            while True:
                page = snap.articles(ArticleFilter(), limit, cursor)
                seen += [a["id"] for a in page.items]
                if page.next is None:
                    break
                cursor = page.next
        assert sorted(seen) == sorted(a.id for a in ARTICLES)


def test_cursors_of_another_list_or_garbage_are_refused(reader):
    with reader.snapshot() as snap:
        latest = snap.stories(StoryFilter(), "latest", 1, None).next
        for bad in ("x", "!!!", encode_cursor("stories:latest", [1, "a"]), latest + "A"):
            with pytest.raises(BadCursor):
                snap.stories(StoryFilter(), "latest", 1, bad)
        with pytest.raises(BadCursor):
            snap.stories(StoryFilter(), "origins", 1, latest)


def test_story_filters(reader):
    def ids(**filters):
        with reader.snapshot() as snap:
            return [s["id"] for s in snap.stories(StoryFilter(**filters), "latest", 50, None).items]

    assert ids() == ["s-aaaa0001", "s-cccc0001"]
    assert ids(language="de") == ["s-aaaa0001"]
    assert ids(source="Hostile <b>Outlet</b>") == ["s-cccc0001"]
    assert ids(query=parse_query("tankerbrand")) == ["s-aaaa0001"]
    assert ids(query=parse_query("vellara")) == ["s-aaaa0001", "s-cccc0001"]
    assert ids(since="2025-03-14T00:00:00+00:00") == ["s-aaaa0001"]
    assert ids(until="2025-03-13T23:59:59+00:00") == ["s-cccc0001"]
    assert ids(min_origins=2) == []


def test_speakers_are_one_across_spellings_and_languages(reader):
    with reader.snapshot() as snap:
        speakers = snap.speakers("halvik", 50, None).items
        assert [(s["key"], s["quotes"], s["languages"]) for s in speakers] == [
            ("teodora-halvik", 2, ["de", "en"])]
        detail = snap.speaker("teodora-halvik", 50, None)
        assert [len(g["quotes"]) for g in detail["groups"]] == [2]
        assert snap.speaker("nobody", 50, None) is None
        assert snap.speakers("%", 50, None).items == []  # LIKE wildcards are plain characters


def test_outlet_reuse_and_own_origins(reader):
    with reader.snapshot() as snap:
        wire = snap.outlet("Kestrel Wire")
        assert wire["own_origin_share"] == 1.0
        assert {(p["outlet"], p["kind"]) for p in wire["taken_by"]} == {
            ("Coastal Ledger", "copy"), ("Nordhafen Rundschau", "translation")}
        ledger = snap.outlet("Coastal Ledger")
        assert ledger["own_origin_share"] == 0.0
        assert ledger["takes_from"] == [{"outlet": "Kestrel Wire", "kind": "copy", "edges": 1}]
        assert snap.outlet("Agimi i Jugut")["own_origin_share"] is None  # in no saved story
        assert snap.outlet("nobody") is None
        assert [o["key"] for o in snap.outlets(50, None).items][:1] == ["Agimi i Jugut"]


def test_a_search_matching_too_many_ranks_the_newest_and_pages_within_them(reader, monkeypatch):
    import newsweave.store.reader as module

    monkeypatch.setattr(module, "SEARCH_RANKED", 2)  # "vellara" matches 4 articles
    with reader.snapshot() as snap:
        seen, cursor = [], None
        while True:
            page = snap.search(parse_query("vellara"), 1, cursor)
            seen += [r["article"] for r in page.items]
            if page.next is None:
                break
            cursor = page.next
    assert sorted(seen) == ["aaaa0003", "cccc0001"]  # the two stored last (ARTICLES' order)
