"""Every input format, read into the store: the fields a user looks at come out right.

All fixtures are small invented articles written here; fetching goes through httpx's
MockTransport, never the network.
"""

from __future__ import annotations

import gzip
import json
import shutil
import uuid
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from ingest_helpers import run, write

from newsweave.cli import main
from newsweave.readers import ReadOptions
from newsweave.readers.fetch import Fetcher
from newsweave.records import Article
from newsweave.runtime.ingest import RunSummary
from newsweave.store import Store

FERRIES = (
    "The council of Vellmar voted on Tuesday to add two evening ferries to the harbour "
    "timetable.\n\n"
    "Officials said the new boats will run from May until the end of September.\n"
)
STORM = (
    "A storm reached the northern coast of Vellmar on Monday night and closed two harbours.\n\n"
    "Power was cut in several villages until the morning, the utility said on Tuesday.\n"
)
BRIDGE = (
    "The old river bridge in Vellmar reopened on Friday after six months of repairs.\n\n"
    "Traffic will be limited to cars and bicycles until June, the mayor told reporters.\n"
)


# --- helpers ---------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "newsweave.db")) as store:
        yield store


def only(store: Store) -> Article:
    [article] = store.articles()
    return article


def by_title(store: Store) -> dict[str | None, Article]:
    return {a.title: a for a in store.articles()}


def page(title: str, body: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n") if p.strip())
    return (f"<html><head><title>{title}</title>{head}</head><body><article>"
            f"<h1>{title}</h1>{paragraphs}</article></body></html>")


def warc_record(kind: str, url: str, block: bytes, content_type: str) -> bytes:
    """One WARC record, written by hand (warcio's writer leaves temporary files open)."""
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + url)}>\r\n"
            f"WARC-Date: 2024-04-09T21:15:52Z\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def warc_response(url: str, body: bytes, content_type: str, status: str = "200 OK") -> bytes:
    http = (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    return warc_record("response", url, http, "application/http; msgtype=response")


def fetcher_for(pages: dict[str, str]) -> Fetcher:
    """A fetcher that serves these pages by URL and answers 404 for any other."""
    def answer(request: httpx.Request) -> httpx.Response:
        html = pages.get(str(request.url))
        if html is None:
            return httpx.Response(404, text="not found")
        return httpx.Response(200, content=html.encode(),
                              headers={"content-type": "text/html; charset=utf-8"})
    return Fetcher(transport=httpx.MockTransport(answer))


def run_fetching(store: Store, pages: dict[str, str], *paths: Path) -> RunSummary:
    fetcher = fetcher_for(pages)
    try:
        return run(store, *paths, options=ReadOptions(fetcher=fetcher))
    finally:
        fetcher.close()


# --- plain text ------------------------------------------------------------------------------
@pytest.mark.parametrize(("text", "published"), [
    pytest.param(f"Harbour council approves two evening ferries\n2024-04-09 21:15:52\n\n{FERRIES}",
                 "2024-04-09T21:15:52", id="date and time line"),
    pytest.param(f"date 2024-04-09\nHarbour council approves two evening ferries\n\n{FERRIES}",
                 "2024-04-09", id="labelled date line"),
    pytest.param(f"date 2024-04-09 Harbour council approves two evening ferries\n\n{FERRIES}",
                 "2024-04-09", id="date glued to the headline"),
])
def test_text_title_and_date(tmp_path, store, text, published):
    path = write(tmp_path / "ferries.txt", text)
    run(store, path)

    article = only(store)
    assert article.title == "Harbour council approves two evening ferries"
    assert article.published == published
    assert "2024-04-09" not in article.text
    assert article.text.startswith("The council of Vellmar voted on Tuesday")
    assert article.format == "text"
    assert article.path == str(path)


def test_text_dateline(tmp_path, store):
    text = ("Storm closes two harbours\n\n"
            "VELLMAR, April 9 (Kestrel Wire) — A storm reached the northern coast on Monday night "
            "and closed two harbours.\n\nPower was cut in several villages, the utility said.\n")
    run(store, write(tmp_path / "storm.txt", text))

    article = only(store)
    assert article.title == "Storm closes two harbours"
    assert article.dateline == "VELLMAR, April 9"


def test_text_file_name_is_not_a_source_or_date(tmp_path, store):
    path = write(tmp_path / "2023-01-15 vellmarpost.example.txt",
                 f"Harbour council approves two evening ferries\n\n{FERRIES}")
    run(store, path)

    article = only(store)
    assert article.source is None
    assert article.url is None
    assert article.published is None


# --- HTML ------------------------------------------------------------------------------------
GERMAN_PAGE = """<!DOCTYPE html>
<html lang="de-AT">
<head>
<meta charset="utf-8">
<title>Fähre fährt bald auch am Abend | Vellmarer Bote</title>
<meta property="og:site_name" content="Vellmarer Bote">
<meta property="og:title" content="Fähre fährt bald auch am Abend">
<meta property="article:published_time" content="2024-04-09T21:15:52+02:00">
<link rel="canonical" href="https://www.vellmarer-bote.example/lokal/faehre-abend">
</head>
<body>
<nav><a href="/">Start</a> <a href="/lokal">Lokal</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Fähre fährt bald auch am Abend</h1>
<p>Der Gemeinderat von Vellmar hat am Dienstag beschlossen, zwei zusätzliche Abendfähren in den
Fahrplan des Hafens aufzunehmen.</p>
<p>Die neuen Verbindungen sollen von Mai bis Ende September fahren, teilte die Verwaltung mit.</p>
</article>
<footer>© Vellmarer Bote</footer>
</body></html>"""


def test_html_metadata(tmp_path, store):
    run(store, write(tmp_path / "faehre.html", GERMAN_PAGE))

    article = only(store)
    assert article.title == "Fähre fährt bald auch am Abend"
    assert article.published == "2024-04-09T21:15:52+02:00"
    assert article.source == "Vellmarer Bote"
    assert article.url == "https://www.vellmarer-bote.example/lokal/faehre-abend"
    assert article.language == "de"
    assert article.text.startswith("Der Gemeinderat von Vellmar hat am Dienstag beschlossen")
    assert "Sport" not in article.text and "©" not in article.text


def test_xhtml_with_xml_declaration(tmp_path, store):
    xhtml = ('<?xml version="1.0" encoding="utf-8"?>\n'
             '<html xmlns="http://www.w3.org/1999/xhtml" lang="en">'
             + page("Bridge reopens after repairs", BRIDGE).removeprefix("<html>"))
    summary = run(store, write(tmp_path / "bridge.xhtml", xhtml))

    assert not summary.rejections
    article = only(store)
    assert article.title == "Bridge reopens after repairs"
    assert "reopened on Friday after six months of repairs" in article.text



def test_html_with_control_characters_keeps_its_text(tmp_path, store):
    # A bell or a group separator in a paragraph (a CMS left it) is not XML: it must not cost
    # the page its text.
    body = BRIDGE.replace("six months", "six\x07 months").replace("cars", "cars\x1d")
    summary = run(store, write(tmp_path / "bridge.html", page("Bridge reopens after repairs", body)))

    assert not summary.rejections
    article = only(store)
    assert "reopened on Friday after six months of repairs" in article.text
    assert "\x07" not in article.text and "\x1d" not in article.text


TEASER = ("Two evening ferries will join the harbour timetable in May, after a vote that split the "
          "council of Vellmar.")


def teaser_page(description: str, shown: str) -> str:
    """A page whose teaser sits in its header, apart from the article, as news sites print it."""
    return (f'<html><head><title>Evening ferries</title><meta property="og:description" '
            f'content="{description}"></head><body><header><nav><a href="/">Home</a></nav>'
            f'<div class="teaser"><p>{shown}</p></div></header>'
            + page("Evening ferries", FERRIES).split("<body>", 1)[1])


def test_html_teaser_the_page_shows_and_describes_leads_the_text(tmp_path, store):
    run(store, write(tmp_path / "ferries.html", teaser_page(TEASER, TEASER)))

    assert only(store).text.startswith(f"{TEASER}\n\nThe council of Vellmar voted on Tuesday")


@pytest.mark.parametrize(("description", "shown"), [
    (TEASER, ""),  # only in the meta tags: a summary for search engines, not the page's text
    (TEASER[:70] + "...", TEASER),  # a cut blurb
])
def test_html_description_not_shown_or_cut_is_not_text(tmp_path, store, description, shown):
    run(store, write(tmp_path / "ferries.html", teaser_page(description, shown)))

    assert only(store).text.startswith("The council of Vellmar voted on Tuesday")


# --- JSON and JSON Lines ---------------------------------------------------------------------
def test_jsonl_news_please_and_plain_fields(tmp_path, store):
    news_please = {
        "title": "Harbour council approves two evening ferries",
        "maintext": FERRIES,
        "date_publish": "2024-04-09 21:15:52",
        "source_domain": "vellmarpost.example",
        "url": "https://vellmarpost.example/2024/04/ferries",
        "language": "en",
        "authors": ["Mara Quill", "Tomas Ferrand"],
    }
    plain = {
        "title": "Storm closes two harbours",
        "text": STORM,
        "published": "2024-04-10",
        "source": "Harbour Herald",
        "url": "https://harbourherald.example/storm",
        "author": "Ilse Brandt",
    }
    path = write(tmp_path / "articles.jsonl", f"{json.dumps(news_please)}\n{json.dumps(plain)}\n")
    summary = run(store, path)

    assert summary.stored == 2 and not summary.rejections
    articles = by_title(store)
    ferries = articles["Harbour council approves two evening ferries"]
    assert ferries.published == "2024-04-09T21:15:52"
    assert ferries.source == "vellmarpost.example"
    assert ferries.url == "https://vellmarpost.example/2024/04/ferries"
    assert ferries.author == "Mara Quill, Tomas Ferrand"
    assert ferries.language == "en"
    assert ferries.locator == "line 1"
    assert ferries.text.startswith("The council of Vellmar voted")
    storm = articles["Storm closes two harbours"]
    assert storm.published == "2024-04-10"
    assert storm.source == "Harbour Herald"
    assert storm.author == "Ilse Brandt"
    assert storm.locator == "line 2"


def test_json_document_with_a_list_of_articles(tmp_path, store):
    records = [{"title": "Bridge reopens after repairs", "text": BRIDGE},
               {"title": "Storm closes two harbours", "text": STORM}]
    run(store, write(tmp_path / "articles.json", json.dumps(records, indent=2)))

    assert {a.locator for a in store.articles()} == {"item 0", "item 1"}
    assert set(by_title(store)) == {"Bridge reopens after repairs", "Storm closes two harbours"}


# --- feeds -----------------------------------------------------------------------------------
RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
<title>Vellmar Post</title>
<link>https://vellmarpost.example/</link>
<item>
  <title>Harbour council approves two evening ferries</title>
  <link>https://vellmarpost.example/ferries</link>
  <pubDate>Tue, 09 Apr 2024 21:15:52 +0200</pubDate>
  <author>desk@vellmarpost.example (Mara Quill)</author>
  <description>Two more ferries.</description>
  <content:encoded><![CDATA[<p>The council of Vellmar voted on Tuesday to add two evening
  ferries to the harbour timetable.</p><p>Officials said the new boats will run from May
  until the end of September.</p>]]></content:encoded>
</item>
<item>
  <title>Storm closes two harbours</title>
  <link>https://vellmarpost.example/gone</link>
  <pubDate>Mon, 08 Apr 2024 23:40:00 GMT</pubDate>
  <description>A storm reached the northern coast of Vellmar on Monday night and closed two
  harbours, the port authority said.</description>
</item>
</channel>
</rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
<title>Harbour Herald</title>
<id>urn:uuid:60a76c80-d399-11d9-b91c-0003939e0af6</id>
<updated>2024-04-12T08:00:00Z</updated>
<entry>
  <title>Bridge reopens after repairs</title>
  <link href="https://harbourherald.example/bridge"/>
  <id>urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a</id>
  <published>2024-04-12T07:30:00Z</published>
  <updated>2024-04-12T07:45:00Z</updated>
  <author><name>Ilse Brandt</name></author>
  <content type="html">&lt;p&gt;The old river bridge in Vellmar reopened on Friday after six
  months of repairs.&lt;/p&gt;&lt;p&gt;Traffic will be limited to cars and bicycles until June,
  the mayor told reporters.&lt;/p&gt;</content>
</entry>
</feed>"""


def test_rss_with_content_encoded(tmp_path, store):
    path = write(tmp_path / "vellmar.rss", RSS)
    summary = run(store, path)

    assert summary.stored == 2 and not summary.rejections
    ferries = by_title(store)["Harbour council approves two evening ferries"]
    assert "add two evening ferries to the harbour timetable" in ferries.text
    assert "run from May until the end of September" in ferries.text
    assert "Two more ferries." not in ferries.text
    assert ferries.url == "https://vellmarpost.example/ferries"
    assert ferries.source == "Vellmar Post"
    assert ferries.published == "2024-04-09T19:15:52+00:00"
    assert ferries.locator == "item 0"
    assert ferries.format == "feed"


def test_atom_feed(tmp_path, store):
    run(store, write(tmp_path / "herald.atom", ATOM))

    article = only(store)
    assert article.title == "Bridge reopens after repairs"
    assert article.url == "https://harbourherald.example/bridge"
    assert article.source == "Harbour Herald"
    assert article.published == "2024-04-12T07:30:00+00:00"
    assert article.author == "Ilse Brandt"
    assert article.text.startswith("The old river bridge in Vellmar reopened on Friday")


def test_rss_with_fetch_stores_the_linked_pages(tmp_path, store):
    pages = {"https://vellmarpost.example/ferries":
             page("Harbour council approves two evening ferries", FERRIES)}
    path = write(tmp_path / "vellmar.xml", RSS)
    summary = run_fetching(store, pages, path)

    article = only(store)
    assert article.title == "Harbour council approves two evening ferries"
    assert article.text.startswith("The council of Vellmar voted on Tuesday")
    assert article.url == "https://vellmarpost.example/ferries"
    assert article.source == "Vellmar Post"
    assert article.published == "2024-04-09T19:15:52+00:00"
    [rejection] = summary.rejections
    assert rejection.path == str(path)
    assert rejection.locator == "https://vellmarpost.example/gone"
    assert rejection.reason == "fetch failed: HTTP 404"
    assert store.rejections() == [rejection]


# --- WARC ------------------------------------------------------------------------------------
def test_warc_stores_only_the_html_responses(tmp_path, store):
    url = "https://vellmarpost.example/storm"
    records = [
        warc_record("warcinfo", "", b"software: hand\r\n", "application/warc-fields"),
        warc_record("request", url, b"GET /storm HTTP/1.1\r\nHost: vellmarpost.example\r\n\r\n",
                    "application/http; msgtype=request"),
        warc_response(url, page("Storm closes two harbours", STORM).encode(),
                      "text/html; charset=utf-8"),
        warc_response("https://vellmarpost.example/map.png", b"\x89PNG\r\n\x1a\n\x00\x00",
                      "image/png"),
        warc_response("https://vellmarpost.example/missing", page("Not found", BRIDGE).encode(),
                      "text/html", status="404 Not Found"),
    ]
    data = b"".join(records)
    for path in (write(tmp_path / "crawl.warc", data),
                 write(tmp_path / "per-record.warc.gz", b"".join(map(gzip.compress, records))),
                 write(tmp_path / "whole-file.warc.gz", gzip.compress(data))):
        with Store(str(tmp_path / f"{path.name}.db")) as own:
            summary = run(own, path)
            assert not summary.rejections
            article = only(own)
            assert article.url == url
            assert article.title == "Storm closes two harbours"
            assert article.locator == url
            assert article.format == "warc"
            assert article.source == "vellmarpost.example"


# --- URL lists -------------------------------------------------------------------------------
def test_url_list_without_and_with_fetch(tmp_path, store):
    links = write(tmp_path / "links.txt", "# today's pages\nhttps://vellmarpost.example/storm\n"
                  "https://harbourherald.example/bridge\n")
    offline = run(store, links)
    assert [r.reason for r in offline.rejections] == [
        "a list of 2 URLs: pass --fetch to download them"]
    assert store.count_articles() == 0

    pages = {"https://vellmarpost.example/storm": page("Storm closes two harbours", STORM),
             "https://harbourherald.example/bridge": page("Bridge reopens after repairs", BRIDGE)}
    fetched = run_fetching(store, pages, links)

    assert fetched.stored == 2 and not fetched.rejections
    articles = by_title(store)
    assert articles["Storm closes two harbours"].url == "https://vellmarpost.example/storm"
    assert articles["Bridge reopens after repairs"].source == "harbourherald.example"


# --- compressed files and stdin --------------------------------------------------------------
def test_gzipped_text_and_jsonl(tmp_path, store):
    text = write(tmp_path / "storm.txt.gz",
                 gzip.compress(f"Storm closes two harbours\n\n{STORM}".encode()))
    lines = write(tmp_path / "more.jsonl.gz", gzip.compress(
        (json.dumps({"title": "Bridge reopens after repairs", "text": BRIDGE}) + "\n").encode()))
    summary = run(store, text, lines)

    assert summary.stored == 2 and not summary.rejections
    articles = by_title(store)
    assert articles["Storm closes two harbours"].format == "text"
    assert articles["Storm closes two harbours"].path == str(text)
    assert articles["Bridge reopens after repairs"].format == "jsonl"


@pytest.mark.parametrize(("stdin", "title"), [
    pytest.param(f"Storm closes two harbours\n\n{STORM}", "Storm closes two harbours", id="text"),
    pytest.param(json.dumps({"title": "Bridge reopens after repairs", "text": BRIDGE}) + "\n"
                 + json.dumps({"title": "Second", "text": FERRIES}) + "\n",
                 "Bridge reopens after repairs", id="jsonl"),
    pytest.param(page("Storm closes two harbours", STORM), "Storm closes two harbours", id="html"),
    pytest.param(warc_response("https://vellmarpost.example/storm",
                               page("Storm closes two harbours", STORM).encode(), "text/html"),
                 "Storm closes two harbours", id="warc"),
])
def test_stdin(tmp_path, stdin, title):
    db = str(tmp_path / "newsweave.db")
    result = CliRunner().invoke(main, ["ingest", "-", "--db", db, "--workers", "1"], input=stdin)

    assert result.exit_code == 0, result.output
    with Store(db) as store:
        article = by_title(store)[title]
    assert article.path is None


# --- folders and globs -----------------------------------------------------------------------
@pytest.fixture
def tree(tmp_path) -> Path:
    root = tmp_path / "news"
    write(root / "storm.txt", f"Storm closes two harbours\n\n{STORM}")
    write(root / "local" / "bridge.html", page("Bridge reopens after repairs", BRIDGE))
    write(root / "local" / "archive" / "ferries.jsonl",
          json.dumps({"title": "Harbour council approves two evening ferries", "text": FERRIES}))
    write(root / "local" / "notes.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(64))
    write(root / ".drafts" / "draft.txt", f"Draft story not to be read\n\n{BRIDGE}draft")
    write(root / ".hidden.txt", f"Hidden story not to be read\n\n{STORM}hidden")
    return root


def test_folder_is_read_recursively(tree, store):
    summary = run(store, tree)

    assert set(by_title(store)) == {"Storm closes two harbours", "Bridge reopens after repairs",
                                    "Harbour council approves two evening ferries"}
    [skipped] = summary.rejections
    assert skipped.path == str(tree / "local" / "notes.pdf")
    assert "skipped: .pdf is not a format newsweave reads" in skipped.reason


@pytest.mark.parametrize(("pattern", "titles"), [
    pytest.param("*.txt", {"Storm closes two harbours"}, id="one folder"),
    pytest.param("**/*.html", {"Bridge reopens after repairs"}, id="recursive"),
    pytest.param("local", {"Bridge reopens after repairs",
                           "Harbour council approves two evening ferries"}, id="subfolder"),
    pytest.param("local/*", {"Bridge reopens after repairs",
                             "Harbour council approves two evening ferries"}, id="glob of a folder"),
])
def test_globs(tree, store, pattern, titles):
    run(store, f"{tree}/{pattern}")

    assert set(by_title(store)) == titles


# --- the same article twice ------------------------------------------------------------------
def test_same_file_at_two_paths_is_stored_once(tmp_path, store):
    first = write(tmp_path / "a" / "storm.txt", f"Storm closes two harbours\n\n{STORM}")
    second = tmp_path / "b" / "copy-of-storm.txt"
    second.parent.mkdir()
    shutil.copy(first, second)
    summary = run(store, first, second)

    assert (summary.stored, summary.duplicates) == (1, 1)
    assert only(store).path == str(first)

    again = run(store, second)
    assert (again.stored, again.duplicates) == (0, 1)
    assert store.count_articles() == 1


def test_same_jsonl_line_twice_is_stored_once(tmp_path, store):
    line = json.dumps({"title": "Storm closes two harbours", "text": STORM,
                       "url": "https://vellmarpost.example/storm"})
    summary = run(store, write(tmp_path / "twice.jsonl", f"{line}\n{line}\n"))

    assert summary.stored == 1
    assert store.count_articles() == 1


def test_same_text_from_two_outlets_is_stored_twice(tmp_path, store):
    lines = [json.dumps({"title": "Storm closes two harbours", "text": STORM, "url": url})
             for url in ("https://vellmarpost.example/storm",
                         "https://www.harbourherald.example/news/storm")]
    summary = run(store, write(tmp_path / "wire.jsonl", "\n".join(lines)))

    assert summary.stored == 2
    articles = list(store.articles())
    assert {a.source for a in articles} == {"vellmarpost.example", "harbourherald.example"}
    assert len({a.id for a in articles}) == 2
    assert articles[0].text == articles[1].text
