"""The HTML pages of `newsweave serve`: each renders, the links between them resolve, filters and
pagination work without script, hostile text stays text, and the story page is the report's."""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from page_helpers import Page
from serve_helpers import ARTICLES

from newsweave.report import render_story
from newsweave.report.links import AppLinks
from newsweave.store.reader import StoreReader
from newsweave.stories.saved import story_from_json

PAGES = ("/", "/stories/s-aaaa0001", "/stories/s-cccc0001", "/articles", "/articles/aaaa0001",
         "/articles/cccc0001", "/search?q=vellara", "/speakers", "/speakers/teodora-halvik",
         "/outlets", "/outlets/Kestrel%20Wire", "/outlets/Hostile%20%3Cb%3EOutlet%3C%2Fb%3E")


def _page(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_with_a_strict_policy_and_no_script(client, url):
    response = _page(client, url)
    policy = response.headers["content-security-policy"]
    assert "default-src 'none'" in policy and "'unsafe-inline'" not in policy and "script-src" not in policy
    assert re.search(r"style-src 'self' 'sha256-[A-Za-z0-9+/=]+'", policy)
    page = Page(response.text)
    assert page.scripts == 0 and page.handlers == []
    for link in page.links:
        scheme = urlsplit(link).scheme
        assert scheme in ("", "http", "https"), (url, link)
        assert not link.lower().lstrip().startswith("javascript"), (url, link)


def test_every_link_between_pages_resolves(client):
    seen, queue = set(), ["/"]
    while queue and len(seen) < 200:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, (url, response.text[:300])
        if not response.headers["content-type"].startswith("text/html"):
            continue
        page = Page(response.text)
        for link in page.links:
            target, _, anchor = unescape(link).partition("#")
            if target and not urlsplit(target).scheme:
                queue.append(target)
            elif not target and anchor:
                assert anchor in page.ids, (url, link)
    kinds = {re.sub(r"/[^/?]+$", "/x", url.split("?")[0]) for url in seen}
    assert {"/", "/stories/x", "/articles/x", "/speakers/x", "/outlets/x", "/search"} <= kinds | {"/search"}
    assert len(seen) > 20


def test_hostile_text_stays_text_everywhere(client):
    for url in PAGES:
        text = client.get(url).text
        assert "<script>" not in text and "onerror=\"" not in text and "<svg onload" not in text, url
        assert "<b>Outlet</b>" not in text, url
    article = client.get("/articles/cccc0001").text
    assert "&lt;script&gt;document.title=" in article
    assert 'href="https://evil.example/"' not in article and "evil.example/&#34;&gt;&lt;script" in article
    coastal = client.get("/articles/aaaa0002").text
    assert "javascript:" not in coastal  # its URL is not http(s): shown as nothing, linked nowhere


def test_story_list_filters_sorts_and_pages_without_script(client):
    assert "s-cccc0001" in _page(client, "/").text
    german = _page(client, "/?language=de").text
    assert "/stories/s-aaaa0001" in german and "/stories/s-cccc0001" not in german
    searched = _page(client, "/?q=tankerbrand&sort=origins").text
    assert "/stories/s-aaaa0001" in searched and 'value="origins" selected' in searched
    first = _page(client, "/?limit=1").text
    next_url = unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
    second = _page(client, next_url).text
    assert "/stories/s-cccc0001" in second and "/stories/s-aaaa0001" not in second
    assert 'rel="next"' not in second
    assert "limit must be" in _page(client, "/?limit=0", 400).text
    assert "since must be" in _page(client, "/?since=yesterday", 400).text
    assert "cursor" in _page(client, "/?cursor=garbage", 400).text


def test_the_live_story_page_is_the_report_renderer(client, db):
    live = _page(client, "/stories/s-aaaa0001").text
    with StoreReader(db).snapshot() as snap:
        story = story_from_json(snap.story("s-aaaa0001"))
        articles = snap.article_records(story.articles)
    report = render_story(story, articles, "en", {}, links=AppLinks())
    section = re.compile(r'<section id="(\w+)">.*?</section>', re.S)
    assert [m.group(0) for m in section.finditer(live)] == [m.group(0) for m in section.finditer(report)]
    assert '<nav class="app">' in live and 'href="/outlets/Kestrel%20Wire"' in live
    assert 'href="/speakers/Teodora%20Halvik"' in live


def test_article_page_shows_marks_removed_lines_reuse_and_story(client):
    page = _page(client, "/articles/aaaa0001").text
    assert "<mark" in page and "Port Vellara closed after a tanker fire" in page
    assert "Subscribe now!" in page and "(boilerplate)" in page
    assert 'href="/articles/aaaa0002"' in page and 'href="/articles/aaaa0003"' in page
    assert "copied by" in page and "translated by" in page
    assert 'href="/stories/s-aaaa0001#a-aaaa0001"' in page
    lonely = _page(client, "/articles/bbbb0001").text
    assert "In no saved story yet" in lonely and "<mark" not in lonely
    _page(client, "/articles/nothing", 404)


def test_search_page_groups_by_story_with_marked_snippets(client):
    page = _page(client, "/search?q=VELLARA").text
    groups = re.findall(r'<section class="result-group"><h2><a href="([^"]+)"', page)
    assert sorted(groups) == ["/stories/s-aaaa0001", "/stories/s-cccc0001"]  # one section per story
    assert page.count("<mark>Vellara</mark>") >= 3
    assert "Not in a story yet" in _page(client, "/search?q=cdo").text
    assert "Nothing found" in _page(client, "/search?q=zzzz").text
    assert "no word" in _page(client, "/search?q=%2A%2A%2A", 400).text
    _page(client, "/search?q=" + "NEAR(%22")


def test_speaker_and_outlet_pages(client):
    speaker = _page(client, "/speakers/TEODORA%20HALVIK").text
    assert "We will reopen soon" in speaker and "Wir öffnen bald wieder" in speaker
    assert speaker.count('class="statement"') == 1
    listing = _page(client, "/speakers?q=halvik").text
    assert 'href="/speakers/teodora-halvik"' in listing
    _page(client, "/speakers/nobody", 404)
    wire = _page(client, "/outlets/Kestrel%20Wire").text
    assert "100 %" in wire and 'href="/outlets/Coastal%20Ledger"' in wire
    ledger = _page(client, "/outlets/Coastal%20Ledger").text
    assert "Takes text from" in ledger and 'href="/outlets/Kestrel%20Wire"' in ledger
    listed = re.findall(r'<a href="/outlets/[^"]+">([^<]+)</a>', _page(client, "/outlets").text)
    assert {a.source for a in ARTICLES} <= {unescape(name) for name in listed}
    _page(client, "/outlets/Nobody", 404)


def test_errors_are_pages_for_pages_and_json_for_the_api(client):
    assert _page(client, "/nothing/here", 404).text.count("404") >= 1
    assert client.get("/api/nothing").json()["status"] == 404
