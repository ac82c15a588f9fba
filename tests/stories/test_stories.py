"""Stories: clustering across languages, order independence, related stories."""

from __future__ import annotations

import random

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.cli import main
from newsweave.stories.cluster import JOIN_PROBABILITY, ClusterInput, StoryClusterer, cluster
from newsweave.stories.similarity import cosine_for


def _unit(vector) -> np.ndarray:
    vector = np.asarray(vector, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _events(seed: int, events: int = 4, per_event: int = 5) -> list[ClusterInput]:
    """Articles around a few well-separated event directions, with noise."""
    rng = np.random.default_rng(seed)
    centres = [_unit(rng.normal(size=64)) for _ in range(events)]
    items = []
    for e, centre in enumerate(centres):
        for k in range(per_event):
            vector = _unit(centre + 0.35 * rng.normal(size=64) / 8)
            items.append(ClusterInput(f"e{e}-{k}", vector, f"2025-03-{10 + k:02d}T08:00:00+00:00"))
    return items


def test_separated_events_become_separate_stories():
    groups = cluster(_events(0))
    assert sorted(sorted(g) for g in groups) == [[f"e{e}-{k}" for k in range(5)] for e in range(4)]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_input_order_does_not_matter(data_seed, order_seed):
    items = _events(data_seed % 7)
    shuffled = items[:]
    random.Random(order_seed).shuffle(shuffled)
    canonical = sorted(sorted(g) for g in cluster(items))
    assert sorted(sorted(g) for g in cluster(shuffled)) == canonical


def test_reuse_pulls_a_translation_in():
    rng = np.random.default_rng(1)
    a, b = _unit(rng.normal(size=64)), _unit(rng.normal(size=64))  # unrelated vectors
    items = [ClusterInput("wire", a, "2025-03-14T06:00:00+00:00"),
             ClusterInput("translation", b, "2025-03-14T09:00:00+00:00", reuse={"wire": "translation"})]
    assert cluster(items) == [["wire", "translation"]]


def _pair_at(cosine: float) -> tuple[np.ndarray, np.ndarray]:
    """Two unit vectors with this cosine."""
    return np.array([1.0, 0.0]), np.array([cosine, np.sqrt(1 - cosine**2)])


def test_shared_names_decide_between_close_leads():
    # Leads this close are not enough alone; ten names and numbers in common make them one event
    # (the cosine halfway between the least that joins with ten shared names and without).
    first, second = _pair_at((cosine_for(JOIN_PROBABILITY, 10) + cosine_for(JOIN_PROBABILITY)) / 2)
    names = frozenset({"lavrov", "wang", "beijing", "sco", "xi", "putin", "kazan", "2024", "17", "brics"})
    alone = [ClusterInput("a", first, None), ClusterInput("b", second, None)]
    named = [ClusterInput("a", first, None, names=names), ClusterInput("b", second, None, names=names)]
    other = [ClusterInput("a", first, None, names=names),
             ClusterInput("b", second, None, names=frozenset({"madrid", "sánchez", "2019"}))]
    assert len(cluster(alone)) == 2
    assert cluster(named) == [["a", "b"]]
    assert len(cluster(other)) == 2


def test_stories_close_after_their_window():
    vector = _unit(np.ones(8))
    clusterer = StoryClusterer()
    first = clusterer.add(ClusterInput("a", vector, "2025-01-01T00:00:00+00:00"))
    late = clusterer.add(ClusterInput("b", vector, "2025-03-01T00:00:00+00:00"))
    assert first != late


def test_seeds_two_related_stories(seeds_run):
    data, names, folder = seeds_run
    groups = sorted(sorted(names[i] for i in s["articles"]) for s in data["stories"])
    assert groups == [["000", "001", "003", "004"], ["002"]]
    meeting, other = sorted(data["stories"], key=lambda s: -len(s["articles"]))
    assert meeting["related"] == [other["id"]] and other["related"] == [meeting["id"]]
    assert set(meeting["languages"]) == {"en", "sq"}
    listing = CliRunner().invoke(main, ["stories", "--db", str(folder / "s.db"), "--json"])
    assert listing.exit_code == 0
    assert len([line for line in listing.output.splitlines() if line.startswith("{")]) == 2


def test_seeds_two_stories_whichever_arrives_first(seeds_dir, run_cli, tmp_path):
    # The congratulations (002) published an hour before the four reports of the meeting: it
    # opens the story the first of them joins, and the rest of that story outvotes it.
    import json

    order = ["002", "000", "001", "003", "004"]
    with (tmp_path / "seeds.jsonl").open("w", encoding="utf-8") as lines:
        for hour, prefix in enumerate(order):
            path = next(seeds_dir.glob(f"{prefix}_*.txt"))
            lines.write(json.dumps({"id": prefix, "text": path.read_text(encoding="utf-8"),
                                    "language": "sq" if prefix == "004" else "en",
                                    "published": f"2024-04-09T{10 + hour:02d}:00:00+00:00"}) + "\n")
    data = run_cli(["run", str(tmp_path / "seeds.jsonl")], tmp_path)
    assert sorted(len(story["articles"]) for story in data["stories"]) == [1, 4]


def _outvoted_early_article() -> list[ClusterInput]:
    """X, then A, B and C: X scores as A's story alone, not against A, B and C together."""
    joins = cosine_for(JOIN_PROBABILITY)
    gram = np.array([[1.0, joins + 0.1, joins - 0.2, joins - 0.2],
                     [joins + 0.1, 1.0, joins + 0.3, joins + 0.3],
                     [joins - 0.2, joins + 0.3, 1.0, joins + 0.3],
                     [joins - 0.2, joins + 0.3, joins + 0.3, 1.0]])
    vectors = np.linalg.cholesky(gram).astype(np.float32)  # rows: unit vectors with these cosines
    return [ClusterInput(name, vector, None) for name, vector in zip("XABC", vectors, strict=True)]


@pytest.mark.parametrize("first", ["X", "A"])
def test_an_early_article_the_rest_of_its_story_outvotes_leaves(first):
    items = _outvoted_early_article()
    dated = [ClusterInput(i.id, i.vector, f"2025-03-14T{'08' if i.id == first else '09'}:00:00+00:00")
             for i in items]
    assert sorted(sorted(g) for g in cluster(dated)) == [["A", "B", "C"], ["X"]]


@pytest.mark.parametrize("count", [0, 1])
def test_tiny_batches(count):
    items = _events(3)[:count]
    assert len(cluster(items)) == count


def test_a_lead_many_outlets_share_is_embedded_once(tmp_path):
    import json

    from newsweave import ingest
    from newsweave.store import Store
    from newsweave.vectors.leads import LeadVectors

    class CountingEmbedder:
        name, dim = "counting", 4

        def __init__(self) -> None:
            self.texts: list[str] = []

        def embed(self, texts):
            self.texts.extend(texts)
            return np.eye(4, dtype=np.float32)[[len(t) % 4 for t in texts]]

    wire = "The northern ferry will run again next week after repairs to the pier, officials said."
    records = [{"url": "https://one.example/a", "text": wire}, {"url": "https://two.example/b", "text": wire},
               {"url": "https://one.example/c", "text": "A different story about the city's trams."}]
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    embedder = CountingEmbedder()
    with Store(str(tmp_path / "s.db")) as store:
        ingest(store, [str(corpus)])
        articles = list(store.articles())
        assert len(articles) == 3
        vectors = LeadVectors(embedder, store).load(articles)
        assert len(embedder.texts) == 2
        assert set(vectors) == {a.id for a in articles}
        LeadVectors(embedder, store).load(articles)
        assert len(embedder.texts) == 2  # stored: nothing embedded again


def test_the_lead_does_not_repeat_a_title_cut_from_the_first_sentence():
    from newsweave.records import RawDocument
    from newsweave.runtime.ingest import build_article, prepare
    from newsweave.stories.similarity import LEAD_CHARS, lead_text

    first = ("The harbour board of the northern town voted on Tuesday evening to close the old "
             "ferry pier for a year of repairs, after divers found cracks in three of its piles. ")
    text = first + "The ferry will use the fishing quay until the work is done. " * 8
    article = build_article(prepare(RawDocument(text=text, format="pair", language="en")))
    assert article.title.endswith("…")  # no headline given: the first sentence, cut short
    assert lead_text(article.title, article.text) == article.text[:LEAD_CHARS]
    headline = "Pier closes for repairs"
    assert lead_text(headline, article.text).startswith(f"{headline}\nThe harbour")


def test_stories_sharing_three_main_actors_are_related_both_ways():
    from types import SimpleNamespace

    from newsweave.stories.build import Story, _link_related

    held = {"a1": {"Lavrov", "Wang", "SCO", "Beijing"}, "a2": {"Lavrov", "Wang", "SCO", "Beijing"},
            "b1": {"Lavrov", "Wang", "SCO", "Kazan"}, "c1": {"Lavrov", "Wang", "Madrid"}}
    features = {i: SimpleNamespace(names=frozenset(names)) for i, names in held.items()}
    stories = [Story(f"s-{i}", None, members, ("en",), (), ())
               for i, members in (("a", ("a1", "a2")), ("b", ("b1",)), ("c", ("c1",)))]
    related = {s.id: s.related for s in _link_related(stories, features)}
    assert related == {"s-a": ("s-b",), "s-b": ("s-a",), "s-c": ()}


def test_seeds_xi_statement_is_one_quote_group_across_languages(seeds_run):
    data, names, _ = seeds_run
    texts = {article["id"]: article["text"] for article in data["articles"]}
    meeting = max(data["stories"], key=lambda s: len(s["articles"]))

    def said(quote):
        return texts[quote["article"]][slice(*quote["content"])]

    (group,) = {q["group"] for q in meeting["quotes"] if "Putin and I" in said(q)}
    members = [q for q in meeting["quotes"] if q["group"] == group]
    assert {names[q["article"]] for q in members} == {"000", "003", "004"}
    assert {q["speaker"] for q in members} == {"Xi Jinping"}
    assert {q["language"] for q in members} == {"en", "sq"}
    assert sum(q["first"] for q in members) == 1


def test_a_speaker_named_with_a_title_is_the_person_the_story_knows():
    from newsweave.records import Article
    from newsweave.stories.who_said import story_entities, story_quotes
    from newsweave.text.sentences import split_sentences

    text = ('The fire was put out at dawn. "All twelve sailors are safe," said Commander Ruvim Ostrakis '
            "of the coast guard. Ruvim Ostrakis later said the tanker would be towed away.")
    article = Article("a", text, "text", language="en", sentences=split_sentences(text, "en"))
    quotes = story_quotes([article], [], story_entities([article]), "s")
    assert [q.speaker for q in quotes] == ["Ruvim Ostrakis", "Ruvim Ostrakis"]


def test_demo_story_joins_names_that_translate_each_other(demo_run):
    stories = demo_run[0]["stories"]
    forms = [set(e["surface_forms"]) for story in stories for e in story["entities"]]
    assert any({"Port Vellara Authority", "Autoriteti i Portit të Vellarës"} <= f for f in forms)
    assert any({"Maritime Accident Board", "Bordi i Aksidenteve Detare"} <= f for f in forms)


_PARAGRAPHS = ("The harbour reopened on Monday. \u201cWe are relieved,\u201d said Mira Holt. Ships queued "
               "outside.\n\nThe council met at noon. It approved the repairs.\n\nNo one was hurt.")


@settings(max_examples=60, deadline=None)
@given(st.integers(0, len(_PARAGRAPHS)), st.integers(0, 80))
def test_sentences_of_a_span_found_by_bisect_are_those_a_scan_finds(start, length):
    """The sentences a quote overlaps (who_said) and those a reuse passage covers (claims), as
    ranges by bisect, are the ones that comparing with every sentence gives."""
    from newsweave.stories.claims import _covered
    from newsweave.stories.who_said import _sentences
    from newsweave.text.sentences import split_sentences

    sentences = split_sentences(_PARAGRAPHS, "en")
    starts, ends = [s.start for s in sentences], [s.end for s in sentences]
    span = (start, start + length)
    assert list(_sentences(starts, ends, span)) == [
        i for i, s in enumerate(sentences) if s.start < span[1] and span[0] < s.end]
    assert list(_covered(starts, ends, span)) == [
        i for i, s in enumerate(sentences) if s.start >= span[0] and s.end <= span[1]]


def test_a_finder_error_on_one_article_leaves_out_its_quotes_not_the_story(monkeypatch, caplog):
    from newsweave.records import Article
    from newsweave.stories import who_said
    from newsweave.text.sentences import split_sentences

    texts = {"a": '"The harbour stays shut," said Commander Ruvim Ostrakis.',
             "b": '"The tanker will be towed away," said Commander Ona Treadwell.'}
    articles = [Article(key, text, "text", language="en", sentences=split_sentences(text, "en"))
                for key, text in texts.items()]
    found = who_said.find_quotes

    def failing_on_a(article):
        if article.id == "a":
            raise IndexError("a rule read past the text's end")
        return found(article)

    monkeypatch.setattr(who_said, "find_quotes", failing_on_a)
    quotes = who_said.story_quotes(articles, [], who_said.story_entities(articles), "s")
    assert [(q.article, q.speaker) for q in quotes] == [("b", "Ona Treadwell")]
    assert "article a" in caplog.text
