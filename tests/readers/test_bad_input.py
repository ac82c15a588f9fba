"""Bad input: every broken file is rejected with a reason, recorded, and the run goes on.

Each test puts a good article beside the bad input and checks what a user would: the reason in
the run summary and in the store, the good article stored, and the CLI's exit status.
"""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from ingest_helpers import run, write

from newsweave.cli import main
from newsweave.readers import ReadOptions
from newsweave.readers.fetch import Fetcher
from newsweave.runtime.ingest import BATCH_SIZE, RunSummary
from newsweave.store import Store

MB = 1 << 20
GOOD_TITLE = "Harbour council approves two evening ferries"
GOOD = (
    f"{GOOD_TITLE}\n\n"
    "The council of Vellmar voted on Tuesday to add two evening ferries to the harbour "
    "timetable.\n\n"
    "Officials said the new boats will run from May until the end of September.\n"
)
OTHER = (
    "Storm closes two harbours on the northern coast\n\n"
    "A storm reached the northern coast of Vellmar on Monday night and closed two harbours.\n\n"
    "Power was cut in several villages until the morning, the utility said.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


# --- helpers ---------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "newsweave.db")) as store:
        yield store


@pytest.fixture
def good(tmp_path) -> Path:
    return write(tmp_path / "good" / "ferries.txt", GOOD)


def reasons(summary: RunSummary, path: Path | str | None) -> list[str]:
    return [r.reason for r in summary.rejections if r.path == (path and str(path))]


def assert_rejected(store: Store, summary: RunSummary, path: Path | str, *words: str) -> None:
    """The path was rejected, the reason holds the words, and the store has the same record."""
    found = reasons(summary, path)
    assert found, f"no rejection for {path}: {summary.rejections}"
    assert any(all(_holds(reason, w) for w in words) for reason in found), found
    stored = [r.reason for r in store.rejections(summary.run_id) if r.path == str(path)]
    assert sorted(stored) == sorted(found)


def _holds(reason: str, words: str) -> bool:
    """True when the reason holds the words, or one of the "|"-separated alternatives."""
    return any(alternative in reason.lower() for alternative in words.split("|"))


def assert_good_stored(store: Store) -> None:
    titles = [a.title for a in store.articles()]
    assert GOOD_TITLE in titles, titles


def warc_record(kind: str, url: str, block: bytes, content_type: str) -> bytes:
    """One WARC record, written by hand (warcio's writer leaves temporary files open)."""
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, kind + url)}>\r\n"
            f"WARC-Date: 2024-04-09T21:15:52Z\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(block)}\r\n\r\n")
    return head.encode() + block + b"\r\n\r\n"


def warc_response(url: str, html: str, content_type: str = "text/html; charset=utf-8") -> bytes:
    body = html.encode()
    http = (f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    return warc_record("response", url, http, "application/http; msgtype=response")


PAGE = """<html><head><title>Storm closes two harbours</title></head><body><article>
<p>A storm reached the northern coast of Vellmar on Monday night and closed two harbours.</p>
<p>Power was cut in several villages until the morning, the utility said on Tuesday.</p>
</article></body></html>"""


# --- one bad file beside a good one ----------------------------------------------------------
BAD_FILES = [
    pytest.param("empty.txt", b"", ("empty file",), id="empty text"),
    pytest.param("blank.txt", b" \n\n\t \n", ("empty file",), id="blank text"),
    pytest.param("empty.html", b"", ("empty file",), id="empty html"),
    pytest.param("empty.jsonl", b"", ("empty file",), id="empty jsonl"),
    pytest.param("empty.json", b"", ("empty file",), id="empty json"),
    pytest.param("empty.xml", b"", ("empty file",), id="empty feed"),
    pytest.param("empty.warc", b"", ("empty file",), id="empty warc"),
    pytest.param("empty.txt.gz", gzip.compress(b""), ("empty file",), id="empty gz"),
    pytest.param("picture.png", PNG + bytes(range(256)), ("binary",), id="png"),
    pytest.param("picture.txt", PNG + bytes(range(256)), ("binary",), id="png named txt"),
    pytest.param("noise.txt", b"\x00" + random.Random(1).randbytes(4000), ("binary",),
                 id="random bytes with NULs"),
    pytest.param("noise.html", b"<html>\x00" + random.Random(2).randbytes(4000), ("binary",),
                 id="binary html"),
    pytest.param("noise", b"\x00\x01\x02" + random.Random(3).randbytes(4000), ("binary",),
                 id="binary without suffix"),
    pytest.param("noise.warc", random.Random(4).randbytes(4000), ("not a warc",),
                 id="binary warc"),
    pytest.param("cut.txt.gz", gzip.compress(OTHER.encode())[:40], ("truncated",),
                 id="truncated gz"),
    pytest.param("plain.txt.gz", OTHER.encode(), ("corrupt compressed",), id="not gzip at all"),
    pytest.param("feed.xml", b"this is { not XML ] at all <", ("broken feed",), id="feed not xml"),
    pytest.param("feed.rss", b"<?xml version='1.0'?><rss version='2.0'><channel>"
                 b"<title>Vellmar Post</title><link>https://vellmarpost.example/</link>"
                 b"</channel></rss>", ("no items",), id="rss without items"),
    pytest.param("feed.atom", b"<?xml version='1.0' encoding='utf-8'?>"
                 b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Vellmar Post</title>"
                 b"<id>urn:vellmar</id><updated>2024-04-09T21:15:52Z</updated></feed>",
                 ("no items",), id="atom without entries"),
    pytest.param("junk.html", b"<<<>>> &&& </ / > <!-- <p", ("no article text|nothing left",),
                 id="html garbage"),
    pytest.param("head.html", b"<html><head><title>Storm closes two harb", ("no article text",),
                 id="html cut in the head"),
    pytest.param("article.json", b'{"title": "Ferries", "text": "The council voted', ("malformed json",),
                 id="truncated json"),
    pytest.param("article.json", b'["just", "strings"]', ("expected a json object",),
                 id="json list of strings"),
    pytest.param("links.urls", b"https://vellmarpost.example/a\nhttps://vellmarpost.example/b\n",
                 ("--fetch",), id="url list offline"),
]


@pytest.mark.parametrize(("name", "data", "words"), BAD_FILES)
def test_bad_file_is_rejected_and_the_run_goes_on(tmp_path, store, good, name, data, words):
    bad = write(tmp_path / "bad" / name, data)
    summary = run(store, bad, good)

    assert_rejected(store, summary, bad, *words)
    assert summary.stored == 1
    assert_good_stored(store)


def test_text_of_unicode_spaces_and_invisible_characters_is_rejected_as_such(tmp_path, store, good):
    spaces = write(tmp_path / "spaces.txt", " \u00a0\u3000\u2003\n\t\u200b\n\ufeff\u200d\n")
    line = write(tmp_path / "spaces.jsonl", '{"title": "Blank", "text": "\\u200b\\u00a0\\u2060", '
                 '"url": "https://vellmarpost.example/blank"}\n')
    summary = run(store, spaces, line, good)

    assert_rejected(store, summary, spaces, "no text: only spaces and invisible characters")
    assert_rejected(store, summary, line, "no text: only spaces and invisible characters")
    assert_good_stored(store)


def test_each_blank_input_is_rejected_not_taken_for_a_copy(tmp_path, store, good):
    blanks = [write(tmp_path / f"blank{n}.txt", "\u200b\u00a0\n") for n in range(2)]
    lines = write(tmp_path / "blank.jsonl", '{"text": "\u2060"}\n{"text": "\u200b"}\n')
    summary = run(store, *blanks, lines, good)

    for blank in blanks:
        assert_rejected(store, summary, blank, "no text")
    assert len(reasons(summary, lines)) == 2
    assert summary.duplicates == 0
    assert_good_stored(store)


def test_hundred_megabyte_file_is_rejected_quickly(tmp_path, store, good):
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as file:  # a line of text, then 100 MB of a sparse hole
        file.write(GOOD.encode())
        file.truncate(100 * MB)
    started = time.perf_counter()
    summary = run(store, huge, good)

    assert time.perf_counter() - started < 10
    assert_rejected(store, summary, huge, "10,000,000-byte limit", "--max-bytes")
    assert_good_stored(store)


def test_hundred_megabyte_jsonl_line_is_rejected_and_the_other_lines_read(tmp_path, store):
    huge = tmp_path / "huge.jsonl"
    with huge.open("wb") as file:
        file.write(b'{"text": "A storm reached the northern coast of Vellmar on Monday night."}\n')
        file.truncate(100 * MB)
    summary = run(store, huge)

    assert_rejected(store, summary, huge, "line over the 10,000,000-byte limit")
    assert [r.locator for r in summary.rejections] == ["line 2"]
    assert summary.stored == 1


def test_hundred_megabyte_warc_of_garbage_is_rejected_quickly(tmp_path, store, good):
    garbage = tmp_path / "huge.warc"
    with garbage.open("wb") as file:
        file.truncate(100 * MB)
    after_record = tmp_path / "tail.warc"
    with after_record.open("wb") as file:  # a good record, then 100 MB with no line end
        file.write(warc_response("https://vellmarpost.example/storm", PAGE))
        file.truncate(100 * MB)
    started = time.perf_counter()
    summary = run(store, garbage, after_record, good)

    assert time.perf_counter() - started < 30
    assert_rejected(store, summary, garbage, "not a warc file")
    assert_rejected(store, summary, after_record, "broken warc record")
    assert max(len(r.reason) for r in summary.rejections) < 500
    assert {a.title for a in store.articles()} == {GOOD_TITLE, "Storm closes two harbours"}


def test_max_bytes_option_rejects_a_large_article(tmp_path):
    big = write(tmp_path / "big.txt", GOOD + "More words about the ferries. " * 40_000)
    small = write(tmp_path / "small.txt", OTHER)
    db = str(tmp_path / "newsweave.db")
    result = CliRunner().invoke(main, ["ingest", str(big), str(small), "--db", db,
                                       "--max-bytes", "100000", "--workers", "1"])

    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.count_articles() == 1
        [rejection] = store.rejections()
    assert rejection.path == str(big)
    assert "100,000-byte limit" in rejection.reason


# --- mis-encoded text ------------------------------------------------------------------------
def test_double_encoded_utf8_is_repaired(tmp_path, store):
    mojibake = ("Neue VerÃ¶ffentlichung der Stadtverwaltung\n\n"
                "Die Stadtverwaltung hat am Dienstag eine neue VerÃ¶ffentlichung Ã¼ber den "
                "Hafen vorgelegt, die viele Fragen der BÃ¼rger beantwortet.\n")
    text_file = write(tmp_path / "mojibake.txt", mojibake.encode("utf-8"))
    line = ('{"title": "Hafen", "text": "Die neue VerÃ¶ffentlichung erklÃ¤rt den Fahrplan der '
            'FÃ¤hren fÃ¼r den Sommer.", "source": "Vellmarer Bote"}\n')
    jsonl_file = write(tmp_path / "mojibake.jsonl", line.encode("utf-8"))
    summary = run(store, text_file, jsonl_file)

    assert summary.stored == 2 and not summary.rejections
    texts = {a.path: a.text for a in store.articles()}
    assert "eine neue Veröffentlichung über den Hafen" in texts[str(text_file)]
    assert "Bürger" in texts[str(text_file)]
    assert "Veröffentlichung erklärt den Fahrplan der Fähren für" in texts[str(jsonl_file)]
    assert not any("Ã" in text for text in texts.values())


def test_windows_1251_without_declaration_is_decoded(tmp_path, store):
    russian = ("Городской совет утвердил новое расписание паромов\n\n"
               "Городской совет Вельмара во вторник проголосовал за два новых вечерних парома. "
               "Чиновники сообщили, что изменения вступят в силу в мае и продлятся до осени.\n")
    path = write(tmp_path / "paromy.txt", russian.encode("cp1251"))
    summary = run(store, path)

    assert summary.stored == 1
    [article] = store.articles()
    assert article.title == "Городской совет утвердил новое расписание паромов"
    assert "проголосовал за два новых вечерних парома" in article.text
    assert article.language == "ru"


def test_utf16_without_byte_order_mark_is_decoded(tmp_path, store):
    german = ("Neue Fähren für den Hafen von Vellmar\n\n"
              "Der Stadtrat hat am Dienstag zwei neue Abendfähren für den Sommer beschlossen.\n")
    russian = ("Городской совет утвердил новое расписание паромов\n\n"
               "Городской совет Вельмара во вторник проголосовал за два новых вечерних парома.\n")
    little = write(tmp_path / "faehren.txt", german.encode("utf-16-le"))
    big = write(tmp_path / "paromy.txt", russian.encode("utf-16-be"))
    summary = run(store, little, big)

    assert summary.stored == 2 and not summary.rejections
    titles = {a.path: a.title for a in store.articles()}
    assert titles == {str(little): "Neue Fähren für den Hafen von Vellmar",
                      str(big): "Городской совет утвердил новое расписание паромов"}


# --- HTML that is cut short or malformed -----------------------------------------------------
def test_truncated_html_page_still_yields_its_text(tmp_path, store, good):
    cut = PAGE[: PAGE.index("until the morning")]
    page = write(tmp_path / "cut.html", cut)
    summary = run(store, page, good)

    assert not summary.rejections
    [article] = [a for a in store.articles() if a.path == str(page)]
    assert article.title == "Storm closes two harbours"
    assert "closed two harbours" in article.text
    assert article.text.endswith("Power was cut in several villages")


def test_malformed_html_with_unclosed_tags_is_read(tmp_path, store):
    messy = ("<html><head><title>Bridge reopens after repairs</title><body><div class=main><p>"
             "The old river bridge in Vellmar reopened on Friday after <b>six months of <i>repairs"
             "</div></span><p>Traffic will be limited to cars and bicycles until June, the mayor "
             "said.<p>>>> <<< </td></tr>&nbsp;&bogus; <p")
    page = write(tmp_path / "messy.html", messy)
    summary = run(store, page)

    assert summary.stored == 1, summary.rejections
    [article] = store.articles()
    assert "reopened on Friday after six months of repairs" in article.text
    assert "Traffic will be limited to cars and bicycles" in article.text


# --- feeds ------------------------------------------------------------------------------------
def test_feed_item_with_a_date_out_of_range_is_stored_without_its_date(tmp_path, store):
    items = [("Ferries", "9999-12-31T23:59:59-23:59", GOOD),  # in UTC, the year 10000
             ("Storm", "Tue, 09 Apr 2024 21:15:52 GMT", OTHER)]
    feed = write(tmp_path / "feed.rss", "<?xml version='1.0'?><rss version='2.0'><channel>"
                 "<title>Vellmar Post</title>" + "".join(
                     f"<item><title>{title}</title><pubDate>{date}</pubDate>"
                     f"<description>{text}</description></item>" for title, date, text in items)
                 + "</channel></rss>")
    summary = run(store, feed)

    assert summary.stored == 2 and not summary.rejections
    dates = {a.title: a.published for a in store.articles()}
    assert dates == {"Ferries": None, "Storm": "2024-04-09T21:15:52+00:00"}


def test_html_nested_past_libxml2s_default_depth_is_read(tmp_path, store):
    # 600 unclosed tags nest 600 levels deep; libxml2 stops at 256 by default, text and all.
    deep = ("<html><head><title>Storm closes two harbours</title></head><body>"
            + "<div><span>" * 300 + PAGE[PAGE.index("<article>"):])
    page = write(tmp_path / "deep.html", deep)
    summary = run(store, page)

    assert summary.stored == 1, summary.rejections
    [article] = store.articles()
    assert "closed two harbours" in article.text and "the utility said" in article.text


# --- broken archives -------------------------------------------------------------------------
def test_warc_with_garbage_after_a_good_record(tmp_path, store):
    data = warc_response("https://vellmarpost.example/storm", PAGE) + b"garbage \x01 not a record\r\n"
    path = write(tmp_path / "crawl.warc", data)
    summary = run(store, path)

    assert_rejected(store, summary, path, "broken warc record", "rest of file skipped")
    [article] = store.articles()
    assert article.url == "https://vellmarpost.example/storm"
    assert article.title == "Storm closes two harbours"


def test_warc_record_without_target_uri_is_rejected(tmp_path, store):
    headless = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 50\r\n\r\nabc"
    path = write(tmp_path / "headless.warc", headless)
    summary = run(store, path)

    assert_rejected(store, summary, path, "warc")
    assert store.count_articles() == 0


def test_truncated_warc_gz_keeps_whole_records_and_says_so(tmp_path, store, good):
    first = gzip.compress(warc_response("https://vellmarpost.example/storm", PAGE))
    second = gzip.compress(warc_response("https://vellmarpost.example/ferries",
                                         f"<html><body><article><p>{GOOD}</p></article></body></html>"))
    cut_between = write(tmp_path / "cut_between.warc.gz", first + second[: len(second) // 3])
    cut_inside = write(tmp_path / "cut_inside.warc.gz", first[:120])
    whole = gzip.compress(warc_response("https://vellmarpost.example/storm", PAGE) + b"WARC/1.0")
    cut_whole = write(tmp_path / "cut_whole.warc.gz", whole[:-6])
    summary = run(store, cut_between, cut_inside, cut_whole, good)

    assert_rejected(store, summary, cut_between, "truncated warc file")
    assert_rejected(store, summary, cut_inside, "truncated warc file")
    assert_rejected(store, summary, cut_whole, "truncated warc file")
    urls = {a.url for a in store.articles()}
    assert "https://vellmarpost.example/storm" in urls
    assert "https://vellmarpost.example/ferries" not in urls
    assert_good_stored(store)


def test_truncated_jsonl_gz_keeps_the_lines_before_the_cut(tmp_path, store):
    lines = "".join(f'{{"text": "Report {n}: the ferry left the harbour of Vellmar on time."}}\n'
                    for n in range(200))
    data = gzip.compress(lines.encode())
    path = write(tmp_path / "reports.jsonl.gz", data[: len(data) * 2 // 3])
    summary = run(store, path)

    assert_rejected(store, summary, path, "truncated or corrupt compressed file")
    assert 0 < summary.stored < 200


# --- paths that cannot be read ---------------------------------------------------------------
def test_nonexistent_path_and_unmatched_glob(tmp_path, store, good):
    missing = tmp_path / "no" / "such.txt"
    pattern = str(tmp_path / "nothing-*.jsonl")
    summary = run(store, missing, pattern, good)

    assert_rejected(store, summary, missing, "no such file or folder")
    assert_rejected(store, summary, pattern, "no file matches")
    assert_good_stored(store)


def test_file_names_that_are_not_utf8_and_lone_surrogates_in_json_are_stored(tmp_path, store):
    folder = tmp_path / "articles"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"f\xe4hren.txt")).write_text(GOOD)
        (folder / os.fsdecode(b"bild\xff.png")).write_bytes(PNG)
    except (UnicodeEncodeError, OSError):
        pytest.skip("this file system does not take file names that are not UTF-8")
    line = write(tmp_path / "storm.jsonl", '{"title": "Storm", "url": "https://vellmarpost.example/\\ud800", '
                 f'"text": {json.dumps(OTHER)}}}\n')
    summary = run(store, folder, line)

    assert summary.stored == 2
    paths = sorted(a.path for a in store.articles())
    assert paths == sorted([str(folder / "f\\xe4hren.txt"), str(line)])
    assert {a.url for a in store.articles()} == {None, "https://vellmarpost.example/\ufffd"}
    assert [r.path for r in store.rejections()] == [str(folder / "bild\\xff.png")]


def test_unreadable_file(tmp_path, store, good):
    locked = write(tmp_path / "locked.txt", OTHER)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: a chmod 000 file is still readable")
        summary = run(store, locked, good)
    finally:
        locked.chmod(0o644)

    assert_rejected(store, summary, locked, "cannot read file", "permission denied")
    assert_good_stored(store)


# --- JSON Lines with bad lines ---------------------------------------------------------------
def test_bad_jsonl_lines_are_rejected_with_their_line_numbers(tmp_path, store):
    lines = [
        '{"title": "Ferries", "text": "The council of Vellmar voted to add two evening ferries."}',
        '{"title": "Broken", "text": "no closing brace"',
        "",
        '["a", "list", "not", "an", "object"]',
        '"just a string"',
        '{"title": "No text here", "url": "https://vellmarpost.example/empty"}',
        '{"title": "Blank text", "text": "   "}',
        '{"title": "Wrong type", "text": 42}',
        "[" * 50_000,
        "1" * 5_000,
        '{"title": "Storm", "maintext": "A storm closed two harbours on the northern coast."}',
    ]
    path = write(tmp_path / "articles.jsonl", "\n".join(lines) + "\n")
    summary = run(store, path)

    rejected = {r.locator: r.reason for r in summary.rejections}
    assert set(rejected) == {"line 2", "line 4", "line 5", "line 6", "line 7", "line 8",
                             "line 9", "line 10"}
    assert rejected["line 2"].startswith("malformed JSON")
    assert rejected["line 4"] == "expected a JSON object, got list"
    assert rejected["line 5"] == "expected a JSON object, got str"
    assert "no article text" in rejected["line 6"]
    assert "no article text" in rejected["line 7"]
    assert "no article text" in rejected["line 8"]
    assert rejected["line 9"].startswith("malformed JSON")
    assert rejected["line 10"].startswith("malformed JSON")
    assert {r.locator for r in store.rejections(summary.run_id)} == set(rejected)
    assert sorted(a.title for a in store.articles()) == ["Ferries", "Storm"]


def test_jsonl_line_with_a_malformed_url_is_stored_without_an_outlet(tmp_path, store):
    lines = [
        '{"title": "Ferries", "text": "The council of Vellmar voted to add two evening ferries.", '
        '"url": "http://[::1"}',
        '{"title": "Storm", "text": "A storm closed two harbours on the northern coast."}',
    ]
    path = write(tmp_path / "articles.jsonl", "\n".join(lines) + "\n")
    summary = run(store, path)

    assert summary.stored == 2 and not summary.rejections
    ferries = next(a for a in store.articles() if a.title == "Ferries")
    assert ferries.url == "http://[::1" and ferries.source is None


def test_dates_that_overflow_in_utc_are_dropped_and_the_run_goes_on(tmp_path):
    """A zone that takes a time past year 1 or 9999 in UTC: stored, it failed the reuse and
    story stages of every later run."""
    lines = [{"title": "Ferries", "text": GOOD, "url": f"https://{outlet}/ferries", "published": date}
             for outlet, date in (("vellmarpost.example", "0001-01-01T00:00:00+14:00"),
                                  ("kestrelwire.example", "9999-12-31T23:59:59-23:59"),
                                  ("harbourdaily.example", "2024-04-09T21:15:52+99:99"))]
    path = write(tmp_path / "articles.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    db, out = str(tmp_path / "newsweave.db"), tmp_path / "out"
    result = CliRunner().invoke(main, ["run", str(path), "--db", db, "--out", str(out),
                                       "--workers", "1"])

    assert result.exit_code == 0, result.output
    assert (out / "stories.json").exists()
    with Store(db) as store:
        assert [a.published for a in store.articles()] == [None, None, None]


def test_jsonl_without_a_suffix_keeps_line_separators_inside_strings(tmp_path, store):
    # U+2028 and U+0085 are valid inside JSON strings, and line breaks to str.splitlines.
    text = "The council of Vellmar met on Monday.\u2028It approved two ferries.\x85They run in May."
    lines = [json.dumps({"title": "Ferries", "text": text}, ensure_ascii=False),
             json.dumps({"title": "Storm", "text": OTHER})]
    path = write(tmp_path / "articles", "\n".join(lines) + "\n")  # read as JSON Lines by its content
    summary = run(store, path)

    assert summary.stored == 2 and not summary.rejections
    assert sorted(a.title for a in store.articles()) == ["Ferries", "Storm"]


def test_json_document_nested_too_deep_is_rejected(tmp_path, store, good):
    deep = write(tmp_path / "deep.json", "[" * 100_000)
    summary = run(store, deep, good)

    assert_rejected(store, summary, deep, "malformed json")
    assert_good_stored(store)


# --- fetching ----------------------------------------------------------------------------------
def test_url_list_with_an_invalid_url_is_rejected_not_raised(tmp_path, store):
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=PAGE.encode(), headers={"content-type": "text/html"})

    links = write(tmp_path / "links.urls", "https://vellmarpost.example/storm\n"
                  "https://vellmar\x7fpost.example/bad\n")
    fetcher = Fetcher(transport=httpx.MockTransport(answer))
    try:
        summary = run(store, links, options=ReadOptions(fetcher=fetcher))
    finally:
        fetcher.close()

    assert_rejected(store, summary, links, "fetch failed", "invalidurl")
    assert [a.url for a in store.articles()] == ["https://vellmarpost.example/storm"]


def _fetch_all(store: Store, links: Path, answer, **settings) -> RunSummary:
    fetcher = Fetcher(transport=httpx.MockTransport(answer), **settings)
    try:
        return run(store, links, options=ReadOptions(fetcher=fetcher))
    finally:
        fetcher.close()


def test_links_to_this_machine_and_private_networks_are_refused(tmp_path, store):
    asked = []

    def answer(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        if request.url.path == "/moved":  # a public page that redirects inwards
            return httpx.Response(302, headers={"location": "http://127.0.0.1/admin"})
        return httpx.Response(200, content=PAGE.encode(), headers={"content-type": "text/html"})

    links = write(tmp_path / "links.urls", "http://169.254.169.254/latest/meta-data\n"
                  "http://localhost:8080/\nhttp://[::1]/\nhttp://10.1.2.3/\n"
                  "https://vellmarpost.example/moved\n")
    summary = _fetch_all(store, links, answer)

    assert summary.rejected == 5 and summary.stored == 0
    assert all("fetch refused" in r.reason and "--fetch-private" in r.reason for r in summary.rejections)
    assert asked == ["https://vellmarpost.example/moved"]  # nothing inward was requested

    allowed = _fetch_all(store, write(tmp_path / "intranet.urls", "http://10.1.2.3/storm\n"), answer,
                         private=True)
    assert allowed.stored == 1 and asked[-1] == "http://10.1.2.3/storm"


def test_fetched_page_over_the_limit_is_rejected_unread(tmp_path, store):
    sent = []

    def chunks():
        for _ in range(1000):  # 1 MB in all, against a 100 kB limit
            sent.append(1)
            yield b"<p>" + b"x" * 1021

    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=chunks(), headers={"content-type": "text/html"})

    links = write(tmp_path / "links.urls", "https://vellmarpost.example/huge\n")
    summary = _fetch_all(store, links, answer, max_bytes=100_000)

    assert_rejected(store, summary, links, "fetched page is over the 100,000-byte limit")
    assert len(sent) < 200  # reading stopped at the limit


# --- the command line --------------------------------------------------------------------------
def test_cli_fails_only_when_nothing_could_be_read(tmp_path):
    empty = write(tmp_path / "empty.txt", b"")
    binary = write(tmp_path / "picture.png", PNG)
    good = write(tmp_path / "ferries.txt", GOOD)
    db = str(tmp_path / "newsweave.db")
    runner = CliRunner()

    nothing = runner.invoke(main, ["ingest", str(empty), str(binary), "--db", db, "--workers", "1"])
    assert nothing.exit_code != 0
    assert "nothing could be read" in nothing.output
    assert "rejected" in nothing.output

    mixed = runner.invoke(main, ["ingest", str(empty), str(good), str(tmp_path / "missing.txt"),
                                 "--db", db, "--workers", "1"])
    assert mixed.exit_code == 0, mixed.output
    assert "1 new" in mixed.output

    listed = runner.invoke(main, ["rejections", "--db", db, "--json"])
    assert listed.exit_code == 0
    assert "empty file" in listed.output
    assert "binary file" in listed.output
    assert "no such file or folder" in listed.output


def test_cli_prints_article_text_and_paths_as_written(tmp_path):
    # Rich reads "[...]" as markup: a stray closing tag crashed the command, a tag was swallowed.
    title = "Ferries [/] return [hidden] [link=file:///etc]x[/link]"
    record = f'{{"title": "{title}", "source": "Post [/]", "text": "{GOOD.splitlines()[2]}"}}\n'
    write(tmp_path / "in" / "[kept]" / "news.jsonl", record)
    write(tmp_path / "in" / "a[" / "b]" / "broken.jsonl", "{not json\n")
    db = str(tmp_path / "newsweave.db")
    runner = CliRunner()

    ingested = runner.invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "--workers", "1", "-v"])
    assert ingested.exit_code == 0, ingested.output
    for command in (["articles"], ["rejections"], ["runs"], ["stories"]):
        result = runner.invoke(main, [*command, "--db", db])
        assert result.exit_code == 0, (command, result.output)
    with Store(db) as stored:
        (article,) = stored.articles()
    shown = runner.invoke(main, ["articles", article.id, "--db", db])
    assert shown.exit_code == 0, shown.output
    assert title in shown.output
    assert "Post [/]" in shown.output


# --- an interrupted run ------------------------------------------------------------------------
def _stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as connection:
            return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created or not migrated yet
        return 0


def _cli_command() -> list[str]:
    script = Path(sys.executable).with_name("newsweave")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from newsweave.cli import main; main()"]


def test_killed_run_resumes_and_stores_every_article_once(tmp_path):
    folder = tmp_path / "articles"
    # Stored batches run up to two behind the reading: enough articles that some are stored
    # before the reading blocks on stdin.
    total = 4 * BATCH_SIZE + 44
    for n in range(total):
        write(folder / f"report-{n:03d}.txt",
              f"Harbour report number {n} for the town of Vellmar\n\n"
              f"The harbour office filed report {n} on Tuesday about ferry number {n * 7}.\n\n"
              f"It said {n % 13} boats left late and {n % 5} were cancelled because of wind.\n")
    db = tmp_path / "newsweave.db"
    # The folder, then stdin held open: the run cannot finish on its own, whatever its speed.
    killed = subprocess.Popen([*_cli_command(), "ingest", str(folder), "-", "--db", str(db),
                               "--workers", "1"], stdin=subprocess.PIPE,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while _stored_count(db) == 0 and killed.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert killed.poll() is None, "the run ended before it could be killed"
        killed.send_signal(signal.SIGKILL)
    finally:
        killed.kill()
        killed.wait()  # reaped, so its pid no longer looks alive
        killed.stdin.close()
    first = _stored_count(db)
    assert 0 < first < total

    result = CliRunner().invoke(main, ["ingest", str(folder), "--db", str(db), "--workers", "1"])

    assert result.exit_code == 0, result.output
    with Store(str(db)) as store:
        runs = store.runs()
        articles = list(store.articles())
        assert [r.status for r in runs] == ["interrupted", "finished"]
        assert runs[0].stored == first  # what the killed run stored, counted when found dead
        assert runs[1].stored == total - first
        assert runs[1].duplicates == first
    assert len(articles) == total
    assert sorted(a.path for a in articles) == sorted(str(p) for p in folder.iterdir())


def _running(pid: int) -> bool:
    """True while the process runs (a zombie waiting to be reaped is not running)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] not in "ZX"
    except FileNotFoundError:
        return False
    except OSError:  # no /proc
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return False
        return True


def test_workers_exit_when_the_run_is_killed(tmp_path):
    script = write(tmp_path / "killed.py",
                   "import os, signal\n"
                   "from newsweave.runtime.workers import worker_pool\n"
                   "if __name__ == '__main__':\n"
                   "    pool = worker_pool(2)\n"
                   "    pool.submit(os.getpid).result()\n"
                   "    print(*pool._processes, flush=True)\n"
                   "    os.kill(os.getpid(), signal.SIGKILL)\n")
    printed = tmp_path / "workers.txt"
    with printed.open("w") as out:  # a file: the workers inherit it, and a pipe would wait on them
        subprocess.run([sys.executable, str(script)], stdout=out, timeout=60, check=False)
    workers = [int(pid) for pid in printed.read_text().split()]
    assert workers
    try:
        deadline = time.monotonic() + 20
        while any(map(_running, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_running, workers)), "workers outlived the killed run"
    finally:
        for pid in filter(_running, workers):
            os.kill(pid, signal.SIGKILL)
