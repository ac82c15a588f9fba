"""The reuse graph: copies, translations, partial reuse, direction, origins."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsweave.cli import DEMO_CORPUS, main
from newsweave.records import Article
from newsweave.reuse.blocking import candidate_pairs
from newsweave.reuse.features import article_features
from newsweave.reuse.graph import find_reuse
from newsweave.reuse.origins import find_origins
from newsweave.text.sentences import split_sentences

MANIFEST = json.loads((DEMO_CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seeds(seeds_run):
    data, names, _ = seeds_run
    return data, names


@pytest.fixture(scope="module")
def demo(demo_run):
    data, by_url, _ = demo_run
    return data, by_url


def _edge(story, names, x, y):
    for edge in story["reuse"]:
        if {names[edge["source"]], names[edge["target"]]} == {x, y}:
            return edge
    return None


def test_seed_translation_with_evidence(seeds):
    data, names = seeds
    story = next(s for s in data["stories"] if len(s["articles"]) == 4)
    edge = _edge(story, names, "000", "004")
    assert edge and edge["kind"] == "translation" and edge["coverage"] >= 0.6
    passages = edge["evidence"]["passages"]
    assert len(passages) >= 5
    texts = {a["id"]: a["text"] for a in data["articles"]}
    first = passages[0]
    source_text = texts[edge["source"]][first["source"][0]:first["source"][1]]
    assert source_text.strip()


def test_seed_partial_xinhua_passages(seeds):
    data, names = seeds
    story = next(s for s in data["stories"] if len(s["articles"]) == 4)
    edge = _edge(story, names, "000", "001")
    assert edge and edge["kind"] == "partial" and len(edge["evidence"]["passages"]) >= 3


def test_seed_meeting_story_origins(seeds):
    data, names = seeds
    story = next(s for s in data["stories"] if len(s["articles"]) == 4)
    assert {names[i] for i in story["articles"]} == {"000", "001", "003", "004"}
    assert 2 <= story["independent_origins"] <= 3
    assert story["independent_origins"] == len(story["origins"])
    assert "Xinhua" in {name for origin in story["origins"] for name in origin["cited_as"]}
    other = [s for s in data["stories"] if s is not story]
    assert [[names[i] for i in s["articles"]] for s in other] == [["002"]]


def test_demo_wire_copies_and_translations(demo):
    data, by_url = demo
    wire = next(e for e in MANIFEST["articles"] if e["role"] == "wire")
    story = next(s for s in data["stories"] if by_url[wire["url"]] in s["articles"])
    edges = {(e["source"], e["target"]): e for e in story["reuse"]}
    for entry in MANIFEST["articles"]:
        if entry["copies"] == wire["url"] and entry["role"] in ("copy", "translation"):
            edge = edges.get((by_url[wire["url"]], by_url[entry["url"]]))
            assert edge, f"no edge from the wire to {entry['url']}"
            assert edge["kind"] == entry["role"] and edge["direction"] == "source->target"


def test_demo_origins_collapse_the_wire(demo):
    data, by_url = demo
    wire_id = by_url[next(e for e in MANIFEST["articles"] if e["role"] == "wire")["url"]]
    story = next(s for s in data["stories"] if wire_id in s["articles"])
    wire_origin = next(o for o in story["origins"] if wire_id in o["articles"])
    assert wire_origin["articles"][0] == wire_id, "the wire is the earliest of its origin"
    assert len(wire_origin["articles"]) >= 5
    assert "Kestrel Wire" in wire_origin["cited_as"]
    assert story["independent_origins"] < len(story["articles"])
    other = next(e for e in MANIFEST["articles"] if e["role"] == "other_event")
    assert by_url[other["url"]] not in story["articles"]


class _NoVectors:
    """Sentence vectors a test says are never needed (same-language pairs are lexical)."""

    def space(self, languages):
        pytest.fail("same-language pairs need no sentence vectors")

    def prefetch(self, groups):
        if list(groups):
            pytest.fail("same-language pairs need no sentence vectors")


def _article(article_id: str, text: str, language: str = "en", **fields) -> Article:
    return Article(id=article_id, text=text, format="text", language=language,
                   sentences=split_sentences(text, language), **fields)


WIRE = ("The port of Vellara closed on Friday after a tanker fire. Twelve sailors were rescued by "
        "the coast guard in the early hours. The harbour master said the channel would reopen on "
        "Monday if the weather allowed it. Investigators from the maritime board arrived at noon.")


def test_ten_thousand_copies_are_one_origin_in_linear_pairs():
    articles = [_article(f"c{i:05d}", WIRE, source=f"Outlet {i}") for i in range(10_000)]
    features = [article_features(a) for a in articles]
    pairs = candidate_pairs(features)
    assert len(pairs) < 5 * len(articles)
    edges = find_reuse(articles, sentences=_NoVectors())
    feature_map = {f.id: f for f in features}
    origins = find_origins(articles, edges, feature_map)
    assert len(origins) == 1 and len(origins[0].articles) == 10_000


@pytest.mark.parametrize("text", ["", "One sentence only.", "ⴰⵣⵓⵍ ⴼⵍⵍⴰⵡⵏ ⵎⴰⵏⵣⴰⴽⵉⵏ", "ꦲꦏ꧀ꦱꦫꦗꦮ ꦲꦏ꧀ꦱꦫ"])
def test_degenerate_articles_do_not_break_the_stage(text):
    articles = [_article("a", text, "und"), _article("b", text, "und"), _article("c", WIRE)]
    edges = find_reuse(articles, sentences=_NoVectors())
    assert all(e.kind in ("copy", "partial") for e in edges)


def test_incremental_adds_only_new_pairs():
    first = [_article("a", WIRE, published="2025-03-14T06:00:00+00:00"),
             _article("b", WIRE + " A spokesman added nothing.", published="2025-03-14T08:00:00+00:00")]
    later = _article("c", WIRE, published="2025-03-14T09:00:00+00:00")
    all_at_once = {(e.source, e.target, e.kind) for e in find_reuse([*first, later], sentences=None)}
    old = {(e.source, e.target, e.kind) for e in find_reuse(first, sentences=None)}
    new = {(e.source, e.target, e.kind) for e in find_reuse([*first, later], sentences=None, new={"c"})}
    assert old | new == all_at_once and not old & new
    assert ("a", "b", "copy") in old  # the earlier one is the source


def test_compare_contract(tmp_path):
    german = ("Der Hafen von Vellara wurde am Freitag nach einem Tankerbrand geschlossen. Zwölf "
              "Seeleute wurden in den frühen Morgenstunden von der Küstenwache gerettet. Der "
              "Hafenmeister sagte, der Kanal werde am Montag wieder geöffnet, wenn das Wetter es "
              "zulasse. Ermittler der Seebehörde trafen am Mittag ein.")
    other = ("The city council approved a new budget for public libraries on Tuesday. Opening hours "
             "will be extended on weekends. The mayor thanked the volunteers who run reading clubs.")
    lines = [{"id": "copy", "text1": WIRE, "text2": WIRE},
             {"id": "translation", "text1": WIRE, "text2": german, "lang1": "en", "lang2": "de"},
             {"id": "none", "text1": WIRE, "text2": other}]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n{broken\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(path)])
    assert result.exit_code == 0, result.output
    printed = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    rows = {r["id"]: r for r in printed}
    assert rows["copy"]["reuse"] == "copy" and rows["copy"]["coverage"] == 1.0
    assert rows["translation"]["reuse"] == "translation"
    assert rows["none"]["reuse"] == "none"
    assert all(0 <= r["same_story"] <= 1 for r in rows.values())
    assert rows["translation"]["same_story"] > rows["none"]["same_story"]


def test_compare_does_not_call_two_empty_texts_the_same_story(tmp_path):
    lines = [{"id": "both empty", "text1": "", "text2": ""},
             {"id": "blank and punctuation", "text1": " \n\t", "text2": "!!! ..."},
             {"id": "first empty", "text1": "", "text2": WIRE}]
    path = tmp_path / "pairs.jsonl"
    path.write_text("\n".join(json.dumps(line) for line in lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(path)])

    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert set(rows) == {line["id"] for line in lines}
    assert all(r["same_story"] < 0.1 and r["reuse"] == "none" for r in rows.values()), rows


def test_compare_reports_bad_lines_and_scores_the_rest(tmp_path):
    lines = [json.dumps({"id": "number language", "text1": WIRE, "text2": WIRE, "lang1": 5}).encode(),
             b"[1, 2]",
             b"[" * 100_000,
             json.dumps({"id": "latin-1", "text1": "Le conseil a approuv\u00e9", "text2": WIRE},
                        ensure_ascii=False).encode("latin-1"),
             b'{"id": "lone \\ud800", "text1": "x", "text2": "y"}',
             json.dumps({"id": "last", "text1": WIRE, "text2": WIRE}).encode()]
    path = tmp_path / "pairs.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = CliRunner().invoke(main, ["compare", str(path)])

    assert result.exit_code == 0, result.output
    printed = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [r["id"] for r in printed] == ["number language", "lone \ud800", "last"]
    assert printed[0]["reuse"] == "copy"
    assert "line 2 skipped: expected a JSON object" in result.stderr
    assert "line 3 skipped: maximum recursion depth" in result.stderr
    assert "line 4 skipped: 'utf-8' codec can't decode" in result.stderr


def test_quotes_command_contract(tmp_path):
    path = tmp_path / "docs.jsonl"
    lines = [{"id": "de", "text": "„Wir haben schnell reagiert“, sagte die Ministerin.", "language": "de"},
             {"id": "en", "text": "The port will reopen on Monday, the harbour master said."}]
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines), encoding="utf-8")
    result = CliRunner().invoke(main, ["quotes", str(path)])
    assert result.exit_code == 0, result.output
    rows = {r["id"]: r for r in map(json.loads, result.output.splitlines())}
    (german,) = rows["de"]["quotes"]
    text = lines[0]["text"]
    assert text[slice(*german["content"])].startswith("„Wir haben")
    assert german["kind"] == "direct" and text[slice(*german["speaker_span"])] == "die Ministerin"
    assert rows["en"]["quotes"][0]["kind"] == "indirect"


def test_embedding_neighbours_pair_languages():
    import numpy as np

    from newsweave.reuse.neighbours import neighbour_pairs

    rng = np.random.default_rng(3)
    base = rng.normal(size=(3, 32))
    vectors = {"en1": base[0], "de1": base[0] + 0.01, "en2": base[1], "fr2": base[1] - 0.01,
               "en3": base[2]}
    languages = {"en1": "en", "de1": "de", "en2": "en", "fr2": "fr", "en3": "en"}
    pairs = set(neighbour_pairs(vectors, languages, k=1))
    assert {("de1", "en1"), ("en2", "fr2")} <= pairs
    assert all(languages[a] != languages[b] for a, b in pairs)
