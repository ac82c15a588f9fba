"""The report's templates: hostile text stays inert in every attribute and element the
templates write, the links follow the Links object they are given (relative files for the static
report, /stories/... URLs for the live app), and an app can extend base.html."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import jinja2
import pytest

from newsweave.entities import Entity
from newsweave.records import Article, RemovedLine, Sentence
from newsweave.report import AppLinks, FileLinks, render_index, render_story
from newsweave.report.templates import make_environment, render
from newsweave.reuse.edges import Passage, ReuseEdge
from newsweave.reuse.origins import Origin
from newsweave.stories.brief import BriefItem, Cited, OutletDifference
from newsweave.stories.build import Story
from newsweave.stories.who_said import StoryQuote

# Breaks out of a double-quoted attribute, a single-quoted one, and an element.
HOSTILE = "\"' onmouseover=\"alert(1)\" x='<script>alert(2)</script>"


class _Parsed(HTMLParser):
    """Every tag with its attributes, and the text."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)

    def attributes(self, name: str) -> list[str]:
        return [value for _, attrs in self.tags for key, value in attrs.items() if key == name and value]

    def hrefs(self) -> list[str]:
        return self.attributes("href")


def _hostile_story() -> tuple[Story, dict[str, Article]]:
    """Two articles whose every field (language and date included) is hostile, in a story with
    every section, passages marked across the hostile text and a speaker to link."""
    text = f"{HOSTILE} The harbour reopened on Monday. Twelve ships left."
    one = Article(id="0123456789abcdef", text=text, format="html", title=HOSTILE, source=HOSTILE,
                  url=f"https://example.org/{HOSTILE}", language=HOSTILE, author=HOSTILE,
                  published=HOSTILE, removed=(RemovedLine(HOSTILE, HOSTILE),),
                  sentences=(Sentence(0, len(HOSTILE), "en"),))
    two = Article(id="fedcba9876543210", text=text, format="html", title=None, source=None,
                  url="javascript:alert(3)", language="en", published="2025-01-02T09:30:00")
    cited = Cited(one.id, 0, len(HOSTILE), HOSTILE, HOSTILE)
    edge = ReuseEdge(one.id, two.id, HOSTILE, 0.5, "source->target", (Passage((0, 30), (5, 40), 1.0),), ())
    story = Story(
        id="s-1", title=HOSTILE, articles=(one.id, two.id), languages=(HOSTILE, "en"),
        origins=(Origin("o-1", (one.id,), (HOSTILE,)),), reuse=(edge,), related=("s-2",),
        brief=(BriefItem(HOSTILE, HOSTILE, (one.id, two.id), 1, cited),),
        outlets=(OutletDifference(two.id, HOSTILE, (cited,), (cited,), ((cited, cited),)),),
        timeline={"first": HOSTILE, "last": HOSTILE,
                  "reports": [{"article": one.id, "published": HOSTILE}]},
        quotes=(StoryQuote("g", HOSTILE, one.id, HOSTILE, (0, 20), HOSTILE, None, None, True),
                StoryQuote("g", HOSTILE, two.id, "en", (5, 30), "direct", None, None, False)),
        entities=(Entity(HOSTILE, HOSTILE, (HOSTILE, "Harbour"), (one.id,), ((one.id, 0, 5),)),),
    )
    return story, {one.id: one, two.id: two}


@pytest.mark.parametrize("links", [FileLinks("stories"), AppLinks()], ids=["static", "app"])
def test_hostile_text_stays_text_in_every_attribute(links):
    story, articles = _hostile_story()
    page = render_story(story, articles, "en", {"s-2": HOSTILE}, links)
    parsed = _Parsed(page)
    assert not any(key.startswith("on") for _, attrs in parsed.tags for key in attrs)
    assert "script" not in [tag for tag, _ in parsed.tags]
    assert not [href for href in parsed.hrefs() if "javascript:" in href.lower()]
    # the hostile value arrives whole where the templates put it into attributes
    for name in ("lang", "title"):
        assert HOSTILE in parsed.attributes(name), name
    assert any(HOSTILE in value for value in parsed.attributes("title") if value.startswith("also in"))
    assert HOSTILE in "".join(parsed.text)


def test_hostile_index_under_both_links():
    story, articles = _hostile_story()
    for links in (FileLinks(), AppLinks()):
        parsed = _Parsed(render_index(list(articles.values()), [story], links=links))
        assert not any(key.startswith("on") for _, attrs in parsed.tags for key in attrs)
        assert "script" not in [tag for tag, _ in parsed.tags]
        assert not [href for href in parsed.hrefs() if "javascript:" in href.lower()]


def test_static_links_are_relative_files_and_anchors():
    story, articles = _hostile_story()
    hrefs = _Parsed(render_story(story, articles, "en", {"s-2": "Other"})).hrefs()
    assert "../index.html" in hrefs and "s-2.html" in hrefs
    assert not [href for href in hrefs if href.startswith("/")]
    index = _Parsed(render_index(list(articles.values()), [story])).hrefs()
    assert "stories/s-1.html" in index and "stories/s-1.html#a-0123456789abcdef" in index


def test_app_links_reach_story_article_speaker_and_outlet_pages():
    story, articles = _hostile_story()
    hrefs = _Parsed(render_story(story, articles, "en", {"s-2": "Other"}, AppLinks())).hrefs()
    quoted = quote(HOSTILE, safe="")
    assert "/" not in quoted and '"' not in quoted
    assert {"/", "/stories/s-2", "/articles/0123456789abcdef", "/articles/fedcba9876543210",
            f"/speakers/{quoted}", f"/outlets/{quoted}"} <= set(hrefs)
    # chips still jump within the page, which carries every article
    assert "#a-fedcba9876543210" in hrefs
    index = _Parsed(render_index(list(articles.values()), [story], links=AppLinks("/app"))).hrefs()
    assert "/app/stories/s-1" in index and "/app/stories/s-1#a-0123456789abcdef" in index
    assert "/app/articles/0123456789abcdef" in index


def test_an_app_extends_the_base_page(tmp_path):
    (tmp_path / "search.html").write_text(
        '{% extends "base.html" %}{% block nav %}<form action="/search"><input name="q" '
        'value="{{ query }}"></form>{% endblock %}{% block content %}<p>{{ query }}</p>{% endblock %}',
        encoding="utf-8")
    environment = make_environment(tmp_path)
    page = environment.get_template("search.html").render(
        title=HOSTILE, language="en", query=HOSTILE, csp="default-src 'none'; form-action 'self'")
    parsed = _Parsed(page)
    assert parsed.attributes("value") == [HOSTILE]
    assert "script" not in [tag for tag, _ in parsed.tags]
    csp = [attrs["content"] for tag, attrs in parsed.tags if tag == "meta" and "content" in attrs]
    assert csp[0] == "default-src 'none'; form-action 'self'"
    assert "a.chip" in page, "the report's styles come with the base page"


def test_a_missing_variable_is_an_error():
    with pytest.raises(jinja2.UndefinedError):
        render("index.html", title="t", language="en", links=FileLinks(), languages="",
               stories=[])
