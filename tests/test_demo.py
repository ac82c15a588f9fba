"""The built-in demo corpus (invented news) through `newsweave demo`: what a user gets
(stories.json and the report), checked against what the corpus was written to hold (its
manifest)."""

from __future__ import annotations

import json

import pytest
from markupsafe import escape

from newsweave.cli import DEMO_CORPUS

MANIFEST = json.loads((DEMO_CORPUS / "MANIFEST.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def demo(demo_run):
    return demo_run[0]["articles"]


@pytest.fixture(scope="module")
def demo_stories(demo_run):
    return demo_run[0]["stories"]


def _find(articles, entry):
    """The output article for a manifest entry: by URL, else (text files) by file name."""
    file_name = entry["file"].split("#")[0].rsplit("/", 1)[-1]
    for article in articles:
        if article["url"] == entry["url"] or (article["url"] is None
                                              and article["path"].endswith(file_name)):
            return article
    raise AssertionError(f"{entry['file']} not in the output")


def test_every_format_and_language_read(demo):
    assert len(demo) == len(MANIFEST["articles"]) >= 12
    assert {a["format"] for a in demo} == {"html", "text", "feed", "jsonl", "warc"}
    assert len({a["language"] for a in demo}) >= 3
    assert len({a["source"] for a in demo}) >= 8  # the outlets, as stories.json names them


def test_report_lists_every_story_with_its_page(demo_run, demo_stories):
    out = demo_run[2] / "out"
    index = (out / "index.html").read_text(encoding="utf-8")
    assert len(demo_stories) >= 3
    for story in demo_stories:
        assert f'href="stories/{story["id"]}.html"' in index
        page = (out / "stories" / f"{story['id']}.html").read_text(encoding="utf-8")
        assert str(escape(story["title"])) in page  # as the templates escape it


@pytest.mark.parametrize("entry", MANIFEST["articles"], ids=lambda e: e["file"])
def test_article_as_the_manifest_says(demo, entry):
    article = _find(demo, entry)
    assert article["language"] == entry["language"]
    assert article["published"][:16] == entry["published"][:16]
    for line in entry["boilerplate"]:
        assert line not in article["text"], f"furniture left in: {line!r}"
    for sentence in entry["must_keep"]:
        assert sentence in article["text"], f"content lost: {sentence!r}"


def test_recurring_taglines_recorded_as_removed(demo):
    for outlet, tagline in MANIFEST["recurring_taglines"].items():
        holders = [a for a in demo if a["source"] == outlet]
        assert len(holders) >= 2
        for article in holders:
            assert tagline in article["removed"]
            reason = article["removed_reasons"][article["removed"].index(tagline)]
            assert "recurs" in reason


def test_wire_dateline_found(demo):
    wire = next(e for e in MANIFEST["articles"] if e["role"] == "wire")
    copies = [_find(demo, e) for e in MANIFEST["articles"] if e["role"] == "copy"]
    assert any(a["dateline"] and a["dateline"].startswith("PORT VELLARA") for a in copies)
    assert _find(demo, wire)["source"] == wire["outlet"]
