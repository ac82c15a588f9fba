"""The HTML report in headless Chromium (Debian's package): the pages render, their links work,
and hostile article text runs nothing. Skips where /usr/bin/chromium is absent."""

from __future__ import annotations

import re
import struct
from html import unescape
from pathlib import Path
from urllib.parse import unquote

from page_helpers import Page, chromium, dump_dom, needs_chromium, page_title

from newsweave.entities import Entity
from newsweave.records import Article, RemovedLine, Sentence
from newsweave.report import write_outputs
from newsweave.reuse.edges import Passage, ReuseEdge
from newsweave.reuse.origins import Origin
from newsweave.stories.brief import BriefItem, Cited, OutletDifference
from newsweave.stories.build import Story
from newsweave.stories.who_said import StoryQuote

pytestmark = needs_chromium("the HTML report")
# Every way an article could try to run script; each would set the page title if it ran.
HOSTILE = ("<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
           "<a href=\"javascript:document.title='pwned'\">x</a><svg onload=\"document.title='pwned'\"/>")
QUOTE_BREAKER = "https://evil.example/\"><script>document.title='pwned'</script>"


def _text(dom: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", dom))


def _hostile_outputs(folder: Path):
    """Two invented articles whose every field is hostile, in one story with every section."""
    text = f"{HOSTILE} The harbour reopened on Monday. Twelve ships left the port."
    second = f"The harbour reopened on Monday, {HOSTILE} officials said. Ten ships left."
    one = Article(id="0123456789abcdef", text=text, format="html", title=HOSTILE, source=HOSTILE,
                  url="javascript:document.title='pwned'", language="en", author=HOSTILE,
                  published="2025-01-02T08:00:00+00:00", removed=(RemovedLine(HOSTILE, HOSTILE),),
                  sentences=(Sentence(0, len(HOSTILE), "en"), Sentence(len(HOSTILE) + 1, len(text), "en")))
    two = Article(id="fedcba9876543210", text=second, format="html", title=HOSTILE, source=None,
                  url=QUOTE_BREAKER, language="xx", published="2025-01-02T09:30:00",
                  sentences=(Sentence(0, len(second), "xx"),))
    hostile_one = Cited(one.id, 0, len(HOSTILE), "en", HOSTILE)
    hostile_two = Cited(two.id, 0, len(second), "xx", second)
    # passages that cut through the middle of the hostile markup
    edge = ReuseEdge(one.id, two.id, "partial", 0.5, "source->target", (Passage((5, 40), (20, 60), 1.0),), ())
    story = Story(
        id="s-0123456789abcdef", title=HOSTILE, articles=(one.id, two.id), languages=("en", "xx"),
        origins=(Origin("o-0123456789abcdef", (one.id, two.id), (HOSTILE,)),), reuse=(edge,),
        related=("s-missing",),
        brief=(BriefItem(HOSTILE, "en", (one.id, two.id), 1, hostile_one),
               BriefItem(second, "xx", (two.id,), 1, hostile_two)),
        outlets=(OutletDifference(two.id, HOSTILE, (hostile_two,), (hostile_one,),
                                  ((hostile_two, hostile_one),)),),
        timeline={"first": one.published, "last": two.published,
                  "reports": [{"article": one.id, "source": HOSTILE, "published": one.published},
                              {"article": two.id, "source": None, "published": two.published}]},
        quotes=(StoryQuote("g-1", HOSTILE, one.id, "en", (0, len(HOSTILE)), "direct", None, None, True),
                StoryQuote("g-1", None, two.id, "xx", (20, 60), HOSTILE, None, None, False)),
        entities=(Entity(HOSTILE, HOSTILE, (HOSTILE, "Harbour"), (one.id,), ((one.id, 0, 5),)),),
    )
    return write_outputs([one, two], folder, [story])


def test_hostile_text_runs_nothing(tmp_path):
    outputs = _hostile_outputs(tmp_path / "out")
    pages = {outputs.index_html: "newsweave report",
             tmp_path / "out" / "stories" / "s-0123456789abcdef.html": HOSTILE}
    for page, expected_title in pages.items():
        dom = dump_dom(page.as_uri(), tmp_path / "profile")
        parsed = Page(dom)
        assert parsed.scripts == 0, f"{page.name}: a <script> element reached the DOM"
        assert not parsed.handlers, f"{page.name}: event handlers in the DOM: {parsed.handlers}"
        assert not [link for link in parsed.links if link.strip().lower().startswith("javascript:")]
        assert not parsed.resources, f"{page.name}: loads {parsed.resources}"
        assert page_title(dom) == expected_title, "a script changed the title"
        # the hostile text is shown, as text
        assert "<script>document.title='pwned'</script>" in _text(dom)


def test_hostile_url_stays_inside_its_attribute(tmp_path):
    outputs = _hostile_outputs(tmp_path / "out")
    page = (tmp_path / "out" / "stories" / "s-0123456789abcdef.html").read_text(encoding="utf-8")
    parsed = Page(page)
    assert QUOTE_BREAKER in parsed.links
    assert not any("javascript:" in link.lower() for link in Page(outputs.index_html.read_text()).links)
    assert "s-missing" not in page, "a related story without a page is not linked"


def test_pages_are_self_contained(demo_run):
    _, _, folder = demo_run
    out = folder / "out"
    for html_file in [out / "index.html", *sorted((out / "stories").glob("*.html"))]:
        parsed = Page(html_file.read_text(encoding="utf-8"))
        assert parsed.csp and "default-src 'none'" in parsed.csp and "script-src" not in parsed.csp
        assert parsed.scripts == 0 and not parsed.handlers and not parsed.resources, html_file.name


def test_demo_index_and_story_page_render(demo_run, tmp_path):
    data, _, folder = demo_run
    out = folder / "out"
    index = _text(dump_dom((out / "index.html").as_uri(), tmp_path / "profile"))
    for story in data["stories"]:
        assert story["title"] in index
    story = max(data["stories"], key=lambda s: len(s["articles"]))
    dom = dump_dom((out / "stories" / f"{story['id']}.html").as_uri(), tmp_path / "profile")
    text = _text(dom)
    assert page_title(dom) == story["title"] and story["title"] in text
    assert "<svg" in dom and dom.count("<circle") >= len(story["articles"])
    for heading in ("Brief", "Reuse graph", "Independent origins", "Timeline", "Articles"):
        assert heading in text
    for item in story["brief"]:
        assert item["text"] in text
    if story["quotes"]:
        assert "Who said what" in text
    if story["entities"]:
        assert story["entities"][0]["name"] in text
    assert "<mark" in dom, "shared passages are highlighted"
    assert not re.search(r"\{[a-z_]+\}", text), "an unformatted placeholder reached the page"


def test_every_relative_link_resolves(demo_run):
    _, _, folder = demo_run
    out = folder / "out"
    pages = [out / "index.html", *sorted((out / "stories").glob("*.html"))]
    assert len(pages) > 1
    for html_file in pages:
        for link in Page(html_file.read_text(encoding="utf-8")).links:
            if link.startswith(("http://", "https://")):
                continue
            target, _, anchor = link.partition("#")
            resolved = (html_file.parent / unquote(target)).resolve() if target else html_file
            assert resolved.is_file(), f"{html_file.name}: broken link {link}"
            if anchor:
                assert unquote(anchor) in Page(resolved.read_text(encoding="utf-8")).ids, \
                    f"{html_file.name}: no anchor for {link}"


def test_story_page_screenshot(demo_run, tmp_path):
    data, _, folder = demo_run
    story = max(data["stories"], key=lambda s: len(s["articles"]))
    shot = tmp_path / "story.png"
    chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2400",
              (folder / "out" / "stories" / f"{story['id']}.html").as_uri())
    header = shot.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (1280, 2400)
    assert shot.stat().st_size > 50_000, "the page rendered (almost) blank"
