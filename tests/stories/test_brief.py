"""The brief: cited claims with independent support, and what each outlet added, left out or
contradicted."""

from __future__ import annotations

import json

import pytest

from newsweave.cli import DEMO_CORPUS

PLANTED = json.loads((DEMO_CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))["planted"]


def _main_story(data):
    return max(data["stories"], key=lambda s: len(s["articles"]))


def _outlet(story, article_id):
    return next(o for o in story["outlets"] if o["article"] == article_id)


def test_seed_brief_is_cited_and_counts_origins(seeds_run):
    data, _, _ = seeds_run
    story = _main_story(data)
    assert len(story["brief"]) >= 3
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for item in story["brief"]:
        assert item["articles"] and set(item["articles"]) <= set(story["articles"])
        assert 1 <= item["independent_support"] <= story["independent_origins"]
        start, end = item["sentence"]["span"]
        assert texts[item["sentence"]["article"]][start:end] == item["sentence"]["text"]


def test_seed_additions(seeds_run):
    data, names, _ = seeds_run
    story = _main_story(data)
    by_name = {names[i]: i for i in story["articles"]}
    global_times = " ".join(c["text"] for c in _outlet(story, by_name["001"])["additions"])
    assert "analysts" in global_times or "told the Global Times" in global_times
    third = " ".join(c["text"] for c in _outlet(story, by_name["003"])["additions"])
    assert "sanctions" in third


def test_demo_planted_addition_omission_contradiction(demo_run):
    data, by_url, _ = demo_run
    story = _main_story(data)
    addition = _outlet(story, by_url[PLANTED["addition"]["url"]])["additions"]
    assert PLANTED["addition"]["text"] in [c["text"] for c in addition]
    omission = _outlet(story, by_url[PLANTED["omission"]["url"]])["omissions"]
    assert PLANTED["omission"]["others_say"] in [c["text"] for c in omission]
    contradictions = _outlet(story, by_url[PLANTED["contradiction"]["url"]])["contradictions"]
    assert PLANTED["contradiction"]["text"] in [c["says"]["text"] for c in contradictions]


def test_timeline(demo_run):
    data, _, _ = demo_run
    story = _main_story(data)
    reports = story["timeline"]["reports"]
    assert reports and story["timeline"]["first"] == reports[0]["published"] <= story["timeline"]["last"]
    assert [r["published"] for r in reports] == sorted(r["published"] for r in reports)


@pytest.mark.parametrize("flag", ["--brief-language", "--language"])  # --language: the old name
def test_report_writes_the_brief_in_the_readers_language(demo_run, flag):
    from click.testing import CliRunner

    from newsweave.cli import main

    data, _, folder = demo_run
    story = _main_story(data)
    assert "de" in story["languages"] and {item["language"] for item in story["brief"]} == {"en"}
    out = folder / f"german{flag}"
    result = CliRunner().invoke(main, ["report", flag, "de", "--db", str(folder / "s.db"),
                                       "--out", str(out)])
    assert result.exit_code == 0, result.output
    german = json.loads((out / "stories.json").read_text(encoding="utf-8"))
    [same] = [s for s in german["stories"] if s["id"] == story["id"]]
    assert "de" in {item["language"] for item in same["brief"]}
    page = (out / "stories" / f"{story['id']}.html").read_text(encoding="utf-8")
    assert '<html lang="de">' in page  # the pages are for the reader the brief was written for


def test_brief_prefers_complete_sentences_and_skips_headings():
    from newsweave import RawDocument, build_article, prepare
    from newsweave.stories.brief import StoryText, build_brief

    def _article(text: str, language: str):
        return build_article(prepare(RawDocument(text=text, format="pair", language=language)))
    from newsweave.stories.claims import Claim

    first = _article("Harbour news\n\nand the ferry will run again from the northern pier next week, "
                     "officials said.\n\nFerry services\n\nThe council approved the budget for the "
                     "new pier on Monday evening.\n\n"
                     "Ferry services to resume on the northern pier soon", "en")
    second = _article("The ferry will run again from the northern pier next week, officials said on "
                      "Friday.", "en")
    text = StoryText([first, second])
    fragment = next(i for i, s in enumerate(first.sentences)
                    if first.sentence_text(s).startswith("and the ferry"))
    heading = next(i for i, s in enumerate(first.sentences)
                   if first.sentence_text(s).startswith("Ferry services to"))
    claims = [Claim(((first.id, fragment), (second.id, 0)), (first.id, second.id), 2),
              Claim(((first.id, heading),), (first.id,), 1)]
    [item] = build_brief(text, claims)
    assert item.text.startswith("The ferry will run again")
