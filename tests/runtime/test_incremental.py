"""Incremental analysis: each batch analysed into the stories the store keeps. A story keeps its
id as articles join it, a merge keeps the older id and is recorded, no member is left out of
every story, a later version replaces its predecessor, and a batch reads no more of the store
than it touches."""

from __future__ import annotations

import numpy as np
import pytest

from newsweave import analyse
from newsweave.records import Article, RawDocument
from newsweave.runtime.ingest import build_article, prepare
from newsweave.store import Store, sqlite
from newsweave.store.story_rows import SavedStory
from newsweave.stories.build import Story
from newsweave.stories.ids import name_groups
from newsweave.stories.saved import story_rows
from newsweave.vectors.stored import encode

FERRY = ("The ferry crews of the port of Vellmar walked out on Tuesday morning after talks on "
         "night shifts broke down, leaving some 4,000 passengers stranded on the quays. The union "
         "leader Marta Oskarsen said the strike would last until Friday unless the operator "
         "Nordlink restored the third crew on the late crossings. Nordlink said it had offered a "
         "bonus of 180 euros a month and called the walkout unlawful. Coaches were laid on to the "
         "airport at Hesby, and the harbour master closed the eastern pier to cars until noon.")
TRAMS = ("A tram caught fire in the centre of Ostrava late on Sunday evening, and firefighters "
         "evacuated 65 people from the nearby cinema while the flames spread to two parked cars. "
         "The city transport company DPO said the tram, built in 1996, had passed its last "
         "inspection in April. Police closed Nádražní street for six hours; nobody was hurt. The "
         "mayor Jana Vlčková promised an inquiry into the ageing fleet and said new trams from "
         "Škoda would arrive next year, two years later than planned in the 2021 contract.")


def _article(text: str, outlet: str, published: str, path: str = "x") -> Article:
    item = prepare(RawDocument(text=text, format="text", path=f"{outlet}-{path}",
                               url=f"https://{outlet}.example/{path}", source=outlet,
                               published=published, language="en"))
    article = build_article(item)
    assert isinstance(article, Article)
    return article


def _store(tmp_path, *articles: Article) -> Store:
    store = Store(str(tmp_path / "s.db"))
    _add(store, *articles)
    return store


def _add(store: Store, *articles: Article) -> None:
    run = store.start_run(["test"])
    store.add_batch(run, list(articles), [], [], {})


def _stories(store: Store) -> dict[str, set[str]]:
    rows = store.connection.execute("SELECT story_id, article_id FROM story_articles")
    found: dict[str, set[str]] = {}
    for story_id, article_id in rows:
        found.setdefault(story_id, set()).add(article_id)
    return found


def test_a_story_keeps_its_id_as_articles_join_it_even_an_older_one(tmp_path):
    first = _article(FERRY, "north", "2025-03-11T09:00:00+00:00")
    trams = _article(TRAMS, "east", "2025-03-11T10:00:00+00:00")
    with _store(tmp_path, first, trams) as store:
        analyse(store, [first, trams], workers=1)
        ferry_id = store.story_ids_of([first.id])[first.id]
        assert ferry_id == f"s-{first.id}"
        copy = _article(FERRY, "south", "2025-03-11T12:00:00+00:00")
        older = _article(FERRY, "west", "2025-03-11T07:00:00+00:00")  # reported earlier, read later
        _add(store, copy)
        analysis = analyse(store, [copy], workers=1)
        assert [s.id for s in analysis.stories] == [ferry_id]  # only the story it touched
        _add(store, older)
        analyse(store, [older], workers=1)
        assert _stories(store) == {ferry_id: {first.id, copy.id, older.id},
                                   f"s-{trams.id}": {trams.id}}
        assert store.story_merges() == []


def test_stories_that_merge_keep_the_older_id_and_the_merge_is_recorded(tmp_path):
    early = _article(FERRY, "north", "2025-03-11T09:00:00+00:00")
    late = _article(FERRY, "south", "2025-03-11T11:00:00+00:00")
    with _store(tmp_path, early, late) as store:
        # two saved stories of one event (as a smaller analysis could leave them)
        store.save_stories(story_rows([_bare("s-late", late), _bare("s-early", early)],
                                      {a.id: a for a in (early, late)}))
        bridge = _article(FERRY, "west", "2025-03-11T12:00:00+00:00")
        _add(store, bridge)
        analyse(store, [bridge], workers=1)
        assert _stories(store) == {"s-early": {early.id, late.id, bridge.id}}
        assert store.story_merges() == [("s-late", "s-early")]


def _bare(story_id: str, article: Article) -> Story:
    return Story(story_id, article.title, (article.id,), (article.language,), (), ())


def test_no_member_is_left_out_when_part_of_a_story_is_analysed_again(tmp_path):
    one = _article(FERRY, "north", "2025-03-11T09:00:00+00:00")
    two = _article(FERRY, "south", "2025-03-11T10:00:00+00:00")
    with _store(tmp_path, one, two) as store:
        analyse(store, [one, two], workers=1)
        before = _stories(store)
        assert list(before.values()) == [{one.id, two.id}]
        analyse(store, [one], workers=1)  # a run of one input stored before
        assert _stories(store) == before


def test_a_later_version_replaces_its_predecessor_in_the_story(tmp_path):
    wire = _article(FERRY, "north", "2025-03-11T09:00:00+00:00")
    first = _article(FERRY, "south", "2025-03-11T10:00:00+00:00", path="ferry")
    with _store(tmp_path, wire, first) as store:
        analyse(store, [wire, first], workers=1)
        (story_id,) = _stories(store)
        changed = _article(FERRY.replace("Friday", "Saturday").replace("180 euros", "200 euros"),
                           "south", "2025-03-11T10:00:00+00:00", path="ferry")
        _add(store, changed)
        with store.transaction():  # as the watch records it (watch/feeds.py)
            store.connection.execute("INSERT INTO article_versions VALUES (?, ?, ?, ?)",
                                     (changed.id, first.id, changed.url, "2025-03-11T13:00:00+00:00"))
        analyse(store, [changed], workers=1)
        assert _stories(store) == {story_id: {wire.id, changed.id}}


def test_a_batch_reads_only_what_it_touches(tmp_path, monkeypatch):
    ferry = _article(FERRY, "north", "2025-03-11T09:00:00+00:00")
    trams = _article(TRAMS, "east", "2025-01-02T10:00:00+00:00")  # months before: closed
    with _store(tmp_path, ferry, trams) as store:
        analyse(store, [ferry, trams], workers=1)
        copy = _article(FERRY, "south", "2025-03-11T12:00:00+00:00")
        _add(store, copy)
        read: list[str] = []
        hydrate, read_articles = Store._hydrate, sqlite.read_articles

        def read_by_id(db, ids):
            found = read_articles(db, ids)
            read.extend(found)
            return found

        monkeypatch.setattr(Store, "articles", _refuse)
        monkeypatch.setattr(Store, "_hydrate", lambda self, row: read.append(row[0]) or hydrate(self, row))
        monkeypatch.setattr(sqlite, "read_articles", read_by_id)
        analyse(store, [copy], workers=1)
        assert set(read) == {ferry.id}  # the copy's story-mate; never the closed tram story
        assert _stories(store)[f"s-{ferry.id}"] == {ferry.id, copy.id}


def _refuse(*args, **kwargs):
    raise AssertionError("the analysis of a batch must not read every stored article")


def test_language_sums_cover_every_stored_vector_and_are_rebuilt_for_older_stores(tmp_path):
    articles = [_article(FERRY, "north", "2025-03-11T09:00:00+00:00"),
                _article(TRAMS, "east", "2025-03-11T10:00:00+00:00"),
                _article(TRAMS, "west", "2025-03-11T11:00:00+00:00")]
    rng = np.random.default_rng(0)
    vectors = {a.id: encode(rng.normal(size=8)) for a in articles}
    with _store(tmp_path, *articles) as store:
        store.save_lead_vectors("m", dict(list(vectors.items())[:2]))
        store.save_lead_vectors("m", dict(list(vectors.items())[1:]))  # one saved again
        expected = sum(np.frombuffer(v, dtype=np.float16).astype(np.float64) for v in vectors.values())
        (count, total), = store.lead_sums("m").values()
        assert count == 3 and np.allclose(total, expected)
        with store.transaction():  # a store from before the sums were kept
            store.connection.execute("DELETE FROM lead_sums")
            store.connection.execute("DELETE FROM lead_sums_ready")
        (count, total), = store.lead_sums("m").values()
        assert count == 3 and np.allclose(total, expected)


def test_naming_groups():
    saved = [SavedStory("s-b", "2025-03-12T00:00:00+00:00", ("b", "c")),
             SavedStory("s-a", "2025-03-11T00:00:00+00:00", ("a",)),
             SavedStory("s-d", "2025-03-13T00:00:00+00:00", ("d", "e", "f"))]
    naming = name_groups([["a", "b", "c", "x"], ["d", "e"], ["f"], ["y"], ["v2"]], saved,
                         replaces={"v2": "q"}, taken={"s-y"})
    # a and b merge into the older a; d keeps its id where most of it went; f splits off as a
    # new story; y's own id is taken, so v2... are named after their earliest member free
    assert naming.ids == ("s-a", "s-d", "s-f", "s-y-2", "s-v2")
    assert naming.merges == (("s-b", "s-a"),)


@pytest.mark.parametrize("members", [["a"], ["a", "b"]])
def test_a_story_analysed_alone_keeps_its_id(members):
    saved = [SavedStory("s-zz", None, tuple(members))]
    assert name_groups([members], saved).ids == ("s-zz",)


def test_a_copy_of_an_article_from_long_ago_is_found_through_the_stored_keys(tmp_path):
    old = _article(FERRY, "north", "2024-11-02T09:00:00+00:00")
    with _store(tmp_path, old) as store:
        analyse(store, [old], workers=1)
        copy = _article(FERRY, "south", "2025-03-11T12:00:00+00:00")  # months later: no story open
        _add(store, copy)
        analysis = analyse(store, [copy], workers=1)
        assert analysis.new_edges == 1
        assert [(e.source, e.target, e.kind) for e in store.reuse_edges({old.id, copy.id})] \
            in ([(old.id, copy.id, "copy")], [(copy.id, old.id, "copy")])
        # the old story was touched (its member is reused) and keeps its id; the copy opens its own
        assert _stories(store) == {f"s-{old.id}": {old.id}, f"s-{copy.id}": {copy.id}}


def test_the_lead_neighbours_of_a_batch_are_a_whole_pass_s_look_ups_for_it():
    from newsweave.reuse.neighbours import neighbour_pairs

    rng = np.random.default_rng(3)
    vectors = {f"a{i}": rng.normal(size=16).astype(np.float32) for i in range(40)}
    languages = {i: ("en", "de", "fr")[n % 3] for n, i in enumerate(vectors)}
    every = set(neighbour_pairs(vectors, languages, k=5))
    assert set(neighbour_pairs(vectors, languages, k=5, of=set(vectors))) == every
    batch = {"a1", "a7"}
    mine = set(neighbour_pairs(vectors, languages, k=5, of=batch))
    assert mine and all(batch & set(pair) for pair in mine)
    assert mine <= every  # the batch's own look-ups, as a whole pass makes them


def test_the_id_of_a_merged_story_serves_the_story_it_went_into(tmp_path):
    from newsweave.store.reader import StoreReader

    early = _article(FERRY, "north", "2025-03-11T09:00:00+00:00")
    late = _article(FERRY, "south", "2025-03-11T11:00:00+00:00")
    with _store(tmp_path, early, late) as store:
        store.save_stories(story_rows([_bare("s-late", late), _bare("s-early", early)],
                                      {a.id: a for a in (early, late)}))
        store.save_stories(story_rows([Story("s-early", early.title, (early.id, late.id), ("en",), (), ())],
                                      {a.id: a for a in (early, late)}), merges=[("s-late", "s-early")])
    with StoreReader(tmp_path / "s.db").snapshot() as snap:
        assert snap.story("s-late")["id"] == snap.story("s-early")["id"] == "s-early"
        assert snap.story("s-nothing") is None
