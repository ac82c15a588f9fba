"""The HTML report in headless Chromium (Debian's package): it renders, its links work, and
hostile article text runs nothing. Skips where /usr/bin/chromium is absent."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsweave.records import Article, RemovedLine, Sentence
from newsweave.report import write_outputs
from newsweave.reuse.origins import Origin
from newsweave.stories import Story

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(),
                                reason="Debian's chromium is not installed (apt-get install chromium)")
HOSTILE = ("<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
           "<a href=\"javascript:document.title='pwned'\">x</a>")


def _dump_dom(page: Path, profile: Path) -> str:
    result = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", f"--user-data-dir={profile}",
         "--virtual-time-budget=2000", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.handlers: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        for name, value in attrs:
            if name == "href" and value:
                self.links.append(value)
            if name.startswith("on"):
                self.handlers.append(name)


def _hostile_outputs(folder: Path):
    text = f"{HOSTILE} The harbour reopened on Monday. Twelve ships left the port."
    article = Article(id="0123456789abcdef", text=text, format="html", title=HOSTILE, source=HOSTILE,
                      url="javascript:document.title='pwned'", language="en",
                      removed=(RemovedLine(HOSTILE, "byline"),),
                      sentences=(Sentence(0, len(HOSTILE), "en"),
                                 Sentence(len(HOSTILE) + 1, len(text), "en")))
    story = Story(id="s-0123456789abcdef", title=HOSTILE, articles=(article.id,), languages=("en",),
                  origins=(Origin("o-0123456789abcdef", (article.id,), (HOSTILE,)),), reuse=())
    return write_outputs([article], folder, [story])


def test_hostile_text_runs_nothing(tmp_path):
    outputs = _hostile_outputs(tmp_path / "out")
    pages = {outputs.index_html: "newsweave report",
             tmp_path / "out" / "stories" / "s-0123456789abcdef.html": HOSTILE}
    for page, expected_title in pages.items():
        dom = _dump_dom(page, tmp_path / "profile")
        parsed = _Links()
        parsed.feed(dom)
        assert parsed.scripts == 0 and not parsed.handlers
        assert not any(link.lower().startswith("javascript:") for link in parsed.links)
        title = re.search(r"<title>(.*?)</title>", dom, re.S).group(1)
        assert unescape(title) == expected_title, "a script changed the title"


def test_demo_report_renders_and_links_work(demo_run, tmp_path):
    data, _, folder = demo_run
    out = folder / "out"
    index_dom = _dump_dom(out / "index.html", tmp_path / "profile")
    story = max(data["stories"], key=lambda s: len(s["articles"]))
    assert story["title"] in index_dom.replace("&amp;", "&")
    page = out / "stories" / f"{story['id']}.html"
    dom = _dump_dom(page, tmp_path / "profile")
    assert "<svg" in dom and "Brief" in dom and "Independent origins" in dom
    assert story["brief"][0]["text"][:40] in dom.replace("&amp;", "&").replace("&quot;", '"')
    for html_file in [out / "index.html", *sorted((out / "stories").glob("*.html"))]:
        parsed = _Links()
        parsed.feed(html_file.read_text(encoding="utf-8"))
        for link in parsed.links:
            if link.startswith(("http://", "https://")):
                continue
            target, _, anchor = link.partition("#")
            resolved = (html_file.parent / target).resolve() if target else html_file
            assert resolved.exists(), f"{html_file.name}: broken link {link}"
            if anchor:
                assert f'id="{anchor}"' in resolved.read_text(encoding="utf-8"), link
