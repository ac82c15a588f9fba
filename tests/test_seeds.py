"""The seed corpus through `newsweave run`: what a user expects of the ingest stage."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from newsweave.cli import main

SEED_IDS = ("000", "001", "002", "003", "004")


@pytest.fixture(scope="module")
def seeds_output(seeds_run):
    stories, names, folder = seeds_run
    by_seed = {names[a["id"]]: a for a in stories["articles"]}
    return stories, by_seed, folder


def test_five_articles_with_contract_fields(seeds_output):
    stories, by_seed, _ = seeds_output
    assert len(stories["articles"]) == 5 and set(by_seed) == set(SEED_IDS)
    for article in stories["articles"]:
        assert {"id", "path", "url", "source", "title", "published", "language", "text",
                "removed"} <= set(article)
        assert article["source"] is None, "a file name is not a source name"


def test_languages(seeds_output):
    _, by_seed, _ = seeds_output
    assert by_seed["004"]["language"] == "sq"
    assert all(by_seed[name]["language"] == "en" for name in ("000", "001", "002", "003"))


def test_dates_from_the_text(seeds_output):
    _, by_seed, _ = seeds_output
    assert by_seed["001"]["published"].startswith("2024-04-09")
    assert by_seed["004"]["published"].startswith("2024-04-09")
    assert "2024-04-09" not in by_seed["001"]["text"][:40], "the date prefix is metadata"


def _removed_with(article, fragment):
    return [line for line in article["removed"] if fragment in line]


@pytest.mark.parametrize(("seed", "fragment"), [
    ("000", "[Photo/Xinhua]"),
    ("001", "Photo: Xinhua"),
    ("002", "See also"),
    ("002", "Source link"),
    ("002", "By Ali Raza"),
    ("002", "News Content Writer"),
    ("002", "Leave a Reply"),
    ("002", "Your email address will not be published"),
    ("003", "Read also:"),
    ("003", "Read: Russia says"),
    ("004", "foto nga CMG"),
])
def test_boilerplate_removed_and_recorded(seeds_output, seed, fragment):
    _, by_seed, _ = seeds_output
    article = by_seed[seed]
    assert _removed_with(article, fragment), f"{fragment!r} not recorded as removed"
    assert fragment not in article["text"]


@pytest.mark.parametrize(("seed", "fragment"), [
    ("000", "BEIJING — Chinese President Xi Jinping met with Russian Foreign Minister"),
    ("000", "President Putin and I agreed"),
    ("001", "Multipolar world"),
    ("001", "Ukrainian crisis and fight against terrorism"),
    ("001", "Yang Jin, an associate researcher"),
    ("001", "Cui Heng, a Shanghai-based researcher"),
    ("002", "Chinese Foreign Ministry spokesperson Lin Jian"),
    ("003", "Conflicts in Gaza and Ukraine"),
    ("003", "he was quoted as saying"),
    ("003", "This policy, he contended"),
    ("004", "Presidenti Putin dhe unë ramë dakord"),
    ("004", "Lavrovi i përcolli presidentit Xi"),
])
def test_content_kept(seeds_output, seed, fragment):
    _, by_seed, _ = seeds_output
    assert fragment in by_seed[seed]["text"]


def test_titles_from_headlines(seeds_output):
    _, by_seed, _ = seeds_output
    assert by_seed["004"]["title"] == "Xi Jinping-u takon ministrin e Jashtëm rus Lavrov"
    assert by_seed["003"]["title"].startswith("Russia, China vow to strengthen")
    assert by_seed["002"]["title"].startswith("China’s Xi Jinping congratulates Putin")
    assert not by_seed["003"]["text"].startswith("Russia, China vow"), "title moved out of text"


def test_sentences_point_into_text(seeds_output):
    _, by_seed, _ = seeds_output
    for article in by_seed.values():
        spans = article["sentences"]
        assert len(spans) >= 5
        assert all(0 <= start < end <= len(article["text"]) for start, end, _ in spans)
        assert [s[0] for s in spans] == sorted(s[0] for s in spans)
    quote = by_seed["000"]["text"]
    assert any(quote[s:e].startswith("Xi asked Lavrov") for s, e, _ in by_seed["000"]["sentences"])


def test_index_lists_articles_and_removed_lines(seeds_output):
    _, by_seed, out = seeds_output
    page = (out / "out" / "index.html").read_text(encoding="utf-8")
    assert by_seed["004"]["title"] in page
    assert "foto nga CMG" in page and "Leave a Reply" in page


def test_rerun_stores_nothing_twice(seeds_output, seeds_dir):
    _, _, out = seeds_output
    result = CliRunner().invoke(main, ["ingest", str(seeds_dir), "--db", str(out / "s.db")])
    assert result.exit_code == 0
    assert "0 new, 5 already stored" in result.output
