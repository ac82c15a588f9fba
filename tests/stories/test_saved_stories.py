"""Stories in the store (saved by every analysis, replacing those they overlap), the typed story
back from its JSON, and the full-text index the store keeps in step."""

from __future__ import annotations

import json
import sqlite3

import pytest

from newsweave.entities import Entity
from newsweave.records import Article
from newsweave.report.stories_json import story_json
from newsweave.reuse.edges import Passage, ReuseEdge
from newsweave.reuse.origins import Origin
from newsweave.store import Store
from newsweave.store.migrations import MIGRATIONS
from newsweave.store.search import parse_query, snippet
from newsweave.stories.brief import BriefItem, Cited, OutletDifference
from newsweave.stories.build import Story
from newsweave.stories.saved import speaker_key, story_from_json, story_rows, utc_time
from newsweave.stories.who_said import StoryQuote


def _article(article_id: str, text: str = "Words here.", title: str | None = None,
             published: str | None = "2025-03-14T06:10:00+00:00", language: str = "en") -> Article:
    return Article(id=article_id, text=text, format="text", source="Outlet", title=title,
                   language=language, published=published)


def _store_with(tmp_path, *articles: Article) -> Store:
    store = Store(str(tmp_path / "s.db"))
    run = store.start_run(["x"])
    store.add_batch(run, list(articles), [], [], {})
    return store


def _found(store: Store, text: str) -> list[str]:
    query = parse_query(text)
    if query is None:
        return []
    rows = store._db.execute(
        "SELECT s.article_id FROM articles_fts f JOIN search_rows s ON s.id = f.rowid "
        "WHERE articles_fts MATCH ? ORDER BY s.article_id", (query.match,))
    return [r[0] for r in rows]


def _story(story_id: str, members: tuple[str, ...], title: str = "T") -> Story:
    cited = Cited(members[0], 0, 5, "en", "Words")
    return Story(
        id=story_id, title=title, articles=members, languages=("en",),
        origins=(Origin(f"o-{members[0]}", members, ("Wire",)),),
        reuse=(ReuseEdge(members[0], members[-1], "copy", 0.9, "source->target",
                         (Passage((0, 5), (0, 5), 1.0),), ()),),
        related=("s-other",),
        brief=(BriefItem("Words", "en", members, 1, cited),),
        outlets=(OutletDifference(members[0], "Outlet", (cited,), (cited,), ((cited, cited),)),),
        timeline={"first": "2025-03-14"},
        quotes=(StoryQuote("q-1", "Edi Ráma", members[0], "en", (0, 5), "direct", (6, 10), None, True),
                StoryQuote("q-1", None, members[-1], "en", (0, 5), "direct", None, None, False)),
        entities=(Entity("Edi Rama", "PER", ("Edi Rama", "Rama"), members, ()),),
    )


def test_story_from_json_round_trips():
    story = _story("s-a", ("a", "b"))
    data = json.loads(json.dumps(story_json(story)))
    assert story_from_json(data) == story


def test_demo_stories_round_trip_and_are_saved_by_the_run(demo_run):
    data, _, folder = demo_run
    for story in data["stories"]:
        assert story_json(story_from_json(story)) == story
    db = sqlite3.connect(folder / "s.db")
    saved = {row[0]: json.loads(row[1]) for row in db.execute("SELECT id, story FROM stories")}
    # other tests analyse the same store again (another reader language, another brief): the
    # saved stories are the last analysis's, with the same grouping
    grouping = ("id", "title", "articles", "languages", "independent_origins", "origins", "reuse")
    assert {i: {k: s[k] for k in grouping} for i, s in saved.items()} == {
        s["id"]: {k: s[k] for k in grouping} for s in data["stories"]}
    for story in saved.values():
        assert story_json(story_from_json(story)) == story
    members = db.execute("SELECT count(*), count(DISTINCT article_id) FROM story_articles").fetchone()
    assert members[0] == members[1] == sum(len(s["articles"]) for s in data["stories"])


def test_saving_replaces_the_stories_that_share_an_article(tmp_path):
    articles = {i: _article(i, published=f"2025-03-1{n}T0{n}:00:00+02:00") for n, i in enumerate("abcd")}
    with _store_with(tmp_path, *articles.values()) as store:
        store.save_stories(story_rows([_story("s-a", ("a", "b")), _story("s-c", ("c",))], articles))
        assert store.saved_story_ids() == ["s-a", "s-c"]
        store.save_stories(story_rows([_story("s-b", ("b", "c", "d"))], articles))
        assert store.saved_story_ids() == ["s-b"]  # both overlapped: a is in no story now
        rows = store._db.execute("SELECT article_id, story_id, is_origin FROM story_articles "
                                 "ORDER BY article_id").fetchall()
        assert rows == [("b", "s-b", 1), ("c", "s-b", 0), ("d", "s-b", 0)]
        first, last, count = store._db.execute("SELECT first, last, articles FROM stories").fetchone()
        assert (first, last, count) == ("2025-03-10T23:00:00+00:00", "2025-03-13T01:00:00+00:00", 3)
        quotes = store._db.execute("SELECT speaker, speaker_key, text FROM story_quotes").fetchall()
        assert quotes == [("Edi Ráma", "edi-rama", "Words")]  # the quote without a speaker is not kept


def test_a_failed_save_keeps_the_earlier_stories(tmp_path):
    articles = {"a": _article("a"), "b": _article("b")}
    with _store_with(tmp_path, *articles.values()) as store:
        store.save_stories(story_rows([_story("s-a", ("a",))], articles))
        ghost = {**articles, "zz": _article("zz")}  # not stored: its membership breaks a foreign key
        with pytest.raises(sqlite3.IntegrityError):
            store.save_stories(story_rows([_story("s-b", ("b",)), _story("s-a", ("a", "zz"))], ghost))
        assert store.saved_story_ids() == ["s-a"]


def test_speaker_keys_and_utc_times():
    assert speaker_key("Edi Rama") == speaker_key("  EDI   RÁMA ") == "edi-rama"
    assert speaker_key("Jean-Luc Mélenchon") == "jean-luc-melenchon"
    assert speaker_key("习近平") == "习近平"
    assert utc_time("2025-03-14T08:00:00+02:00") == "2025-03-14T06:00:00+00:00"
    assert utc_time("2025-03-14") == "2025-03-14T00:00:00+00:00"
    assert utc_time("yesterday") is None


def test_search_folds_accents_and_splits_scripts_without_spaces(tmp_path):
    articles = [
        _article("de", "Der Tankerbrand im Hafen von Vellara: größere Schäden.", "Brand in Müllheim",
                 language="de"),
        _article("fr", "Le pétrolier a pris feu près du littoral, déclare l'évêque.", language="fr"),
        _article("sq", "Zjarri në cisternë u shua, tha Kryeministri çdo gjë është nën kontroll.",
                 language="sq"),
        _article("zh", "东京都发生油轮火灾，港口关闭。", language="zh"),
        _article("ja", "東京の港でタンカー火災が発生した。", language="ja"),
    ]
    with _store_with(tmp_path, *articles) as store:
        assert _found(store, "muellheim") == []
        assert _found(store, "MÜLLHEIM") == _found(store, "mullheim") == ["de"]
        assert _found(store, "schaden") == _found(store, "Schäden") == ["de"]
        assert _found(store, "groessere") == [] and _found(store, "grössere") == ["de"]
        assert _found(store, "petrolier eveque") == ["fr"]
        assert _found(store, "ne cisterne") == _found(store, "në cisternë") == ["sq"]
        assert _found(store, "cdo gje") == _found(store, "çdo gjë") == ["sq"]
        assert _found(store, "油轮") == ["zh"]           # a two-character word, no spaces around
        assert _found(store, "火灾") == ["zh"]
        assert _found(store, "火災") == ["ja"]
        assert _found(store, "タンカー") == ["ja"]
        assert _found(store, "東京") == ["ja"] and _found(store, "东京") == ["zh"]
        assert _found(store, "港") == ["ja", "zh"]
        assert _found(store, "京东") == []               # the characters must be adjacent, in order


def test_fts_syntax_in_a_query_is_plain_words(tmp_path):
    with _store_with(tmp_path, _article("a", "Fire AND smoke NEAR the port: col* said \"quoted\".")) as store:
        for garbage in ['AND', 'NEAR(', '"', '"fire', 'col*', 'text:fire', '-fire', '^fire', "fire OR",
                        "(((", "*", "NOT smoke", "{title text}: fire", "'", "\x00fire"]:
            _found(store, garbage)  # never an FTS5 syntax error
        assert _found(store, "fire AND") == ["a"]
        assert _found(store, '"smoke near"') == ["a"] and _found(store, '"near smoke"') == []
        assert parse_query("*** ((( :") is None


def test_the_migration_indexes_articles_stored_before_it(tmp_path):
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    for number, script in enumerate(MIGRATIONS[:3], start=1):
        db.executescript(f"{script}\nPRAGMA user_version={number};")
    db.execute("INSERT INTO runs(id, started_at, status, inputs) VALUES (1, 'x', 'finished', '[]')")
    db.execute("INSERT INTO articles(id, format, language, title, text, run_id, ingested_at) "
               "VALUES ('old', 'text', 'sq', 'Lajm', 'Çështja e cisternës', 1, 'x')")
    db.commit()
    db.close()
    with Store(str(path)) as store:
        assert _found(store, "ceshtja") == ["old"]
        assert _found(store, "lajm") == ["old"]


def test_snippet_marks_the_terms_in_the_original_text():
    text = "Anfang. " * 60 + "Der Brand im Hafen von Vellara hat größere Schäden angerichtet."
    query = parse_query("hafen schaden")
    found = snippet(text, query.terms)
    assert [found.text[a:b] for a, b in found.marks] == ["Hafen", "Schäden"]
    assert found.text.startswith("Anfang") or found.text.startswith("Der")
    zh = snippet("港口关闭。东京都发生油轮火灾", parse_query("油轮").terms)
    assert [zh.text[a:b] for a, b in zh.marks] == ["油轮"]
    assert snippet("no match here", ("zzz",)).marks == ()
