"""Faults a hostile or unlucky user meets: gzip bombs, full disks, killed runs, big feeds.

Every fixture is written here: bombs are compressed as they are generated (a few hundred KB on
disk), and the commands run as a user would run them, in a child process whose peak memory is
measured.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from ingest_helpers import run, write

from newsweave.ingest import ReadOptions
from newsweave.store import Store

FERRIES = ("The council of Vellmar voted on Tuesday to add two evening ferries to the harbour "
           "timetable. Officials said the new boats will run from May until September.")
STORM = ("A storm reached the northern coast of Vellmar on Monday night and closed two harbours. "
         "Power was cut in several villages until the morning, the utility said.")
BOMB_BYTES = 300_000_000
# newsweave ingest of one small file peaks at about 200 MB (Python, numpy, the language models);
# holding a 300 MB bomb whole would take it past 500 MB.
PEAK_LIMIT_MB = 420


def _gzip_bomb(path: Path, head: bytes, filler: bytes, size: int, tail: bytes) -> Path:
    """head + filler repeated to ``size`` bytes + tail, gzip-compressed as it is generated."""
    block = filler * (1_048_576 // len(filler))
    with gzip.open(path, "wb", compresslevel=6) as stream:
        stream.write(head)
        for _ in range(size // len(block)):
            stream.write(block)
        stream.write(block[: size % len(block)])
        stream.write(tail)
    return path


def _jsonl(text: str, title: str) -> str:
    return json.dumps({"title": title, "text": f"{text} ({title})",
                       "url": f"https://example.org/{title}"}) + "\n"


def _feed(items: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Vellmar Post</title>{items}</channel></rss>")


def _item(title: str, text: str) -> str:
    return (f"<item><title>{title}</title><link>https://example.org/{title}</link>"
            f"<description>{text} ({title})</description></item>")


def _warc_head(url: str, length: int) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {length}\r\n\r\n"
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:{url[-4:]:0>8}-0000-0000-0000-000000000000>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + length}\r\n\r\n{http}").encode()


def _bombs(folder: Path) -> dict[str, Path]:
    """One bomb per reader: a 300 MB article compressed to well under a megabyte."""
    size = BOMB_BYTES
    return {
        "jsonl": _gzip_bomb(folder / "b1.jsonl.gz", b'{"title": "bomb", "text": "', b"boom ", size,
                            b'"}\n' + _jsonl(STORM, "after-bomb").encode()),
        "json": _gzip_bomb(folder / "b2.json.gz", b'{"text": "', b"boom ", size, b'"}'),
        "text": _gzip_bomb(folder / "b3.txt.gz", b"", b"boom ", size, b""),
        "html": _gzip_bomb(folder / "b4.html.gz", b"<html><body><p>", b"boom ", size, b"</p>"),
        "feed": _gzip_bomb(folder / "b5.xml.gz", _feed(_item("first", FERRIES) + "<item><title>"
                                                       ).split("</channel>")[0].encode(),
                           b"boom ", size,
                           ("</title></item>" + _item("last", STORM) + "</channel></rss>").encode()),
        "warc": _gzip_bomb(folder / "b6.warc.gz", _warc_head("https://example.org/0001", size),
                           b"boom ", size, b"\r\n\r\n"),
        "warc-header": _gzip_bomb(folder / "b7.warc.gz", b"WARC/1.0\r\nWARC-Type: response\r\nX: ",
                                  b"boom ", size, b"\r\n\r\n"),
    }


def _peak_rss_mb(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run a command in a child; its output and the peak resident memory of the child (MB)."""
    script = ("import resource, subprocess, sys\n"
              "done = subprocess.run(sys.argv[1:])\n"
              "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
              "print(f'PEAK {peak / 1024:.0f}', file=sys.stderr)\n"
              "sys.exit(done.returncode)")
    done = subprocess.run([sys.executable, "-c", script, *command], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env=os.environ)
    peak = float(done.stderr.rsplit("PEAK ", 1)[1].split()[0])
    return done, peak


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsweave.cli", *args]


# --- 1. gzip bombs -----------------------------------------------------------------------------
def test_gzip_bombs_in_every_reader_cost_one_article_of_memory_and_spare_their_neighbours(tmp_path):
    bombs = _bombs(tmp_path)
    assert all(path.stat().st_size < 2_000_000 for path in bombs.values())
    first = write(tmp_path / "a-first.jsonl", _jsonl(FERRIES, "first-file"))
    last = write(tmp_path / "z-last.txt", "Bridge reopens\n\n" + STORM.replace("storm", "flood"))
    done, peak = _peak_rss_mb(_cli("ingest", str(first), *map(str, bombs.values()), str(last),
                                   "--db", "s.db", "--workers", "1"), tmp_path)
    assert done.returncode == 0, done.stderr
    assert peak < PEAK_LIMIT_MB, f"peak {peak:.0f} MB reading 300 MB bombs"
    with Store(str(tmp_path / "s.db")) as store:
        titles = {a.title for a in store.articles()}
        rejections = store.rejections()
    # the files around the bombs, and the articles beside them inside the bombs' files
    assert {"first-file", "Bridge reopens", "after-bomb", "first", "last"} <= titles
    rejected = {Path(r.path).name: r.reason for r in rejections}
    assert set(rejected) == {path.name for path in bombs.values()}, rejected
    for name in ("b1.jsonl.gz", "b2.json.gz", "b3.txt.gz", "b4.html.gz", "b5.xml.gz", "b6.warc.gz"):
        assert "10,000,000-byte limit" in rejected[name], (name, rejected[name])
    assert "headers over the 10,000,000-byte limit" in rejected["b7.warc.gz"]


def test_a_jsonl_line_over_the_limit_is_stepped_over_without_being_held(tmp_path):
    lines = (_jsonl(FERRIES, "one") + '{"text": "' + "x" * 5000 + '"}\n' + _jsonl(STORM, "three"))
    path = write(tmp_path / "a.jsonl.gz", gzip.compress(lines.encode()))
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path, options=ReadOptions(max_bytes=1000))
        assert {a.title for a in store.articles()} == {"one", "three"}
        [rejection] = summary.rejections
    assert rejection.locator == "line 2" and "1,000-byte limit" in rejection.reason


# --- 5. feeds over the limit are read item by item ---------------------------------------------
def test_a_feed_over_the_limit_is_read_item_by_item(tmp_path):
    items = [_item(f"story-{n}", f"{FERRIES} Number {n}.") for n in range(60)]
    items[7] = _item("huge", "word " * 3000)
    path = write(tmp_path / "big.xml", _feed("".join(items)))
    assert path.stat().st_size > 12_000
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path, options=ReadOptions(max_bytes=12_000))
        titles = {a.title for a in store.articles()}
        locators = {a.title: a.locator for a in store.articles()}
    assert len(titles) == 59 and "huge" not in titles
    assert locators["story-12"] == "item 12"
    [rejection] = summary.rejections
    assert rejection.locator == "item 7" and "feed item over the 12,000-byte limit" in rejection.reason


def test_a_feed_whose_head_alone_is_over_the_limit_is_one_clear_rejection(tmp_path):
    path = write(tmp_path / "big.xml", _feed("<description>" + "x" * 5000 + "</description>"
                                             + _item("one", FERRIES)))
    with Store(str(tmp_path / "s.db")) as store:
        [rejection] = run(store, path, options=ReadOptions(max_bytes=2000)).rejections
    assert "cannot be read item by item: no feed item within the first 2,000 bytes" in rejection.reason


def test_an_atom_feed_over_the_limit_is_read_item_by_item(tmp_path):
    entries = "".join(f"<entry><title>entry-{n}</title><id>urn:{n}</id><content>{FERRIES} {n}"
                      "</content></entry>" for n in range(20))
    path = write(tmp_path / "atom.xml", f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T'
                                        f"</title>{entries}</feed>")
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path, options=ReadOptions(max_bytes=1000))
        assert summary.stored == 20 and not summary.rejections



# --- 6. cleaning -------------------------------------------------------------------------------
def test_an_article_whose_text_is_its_title_is_kept_as_a_news_flash(tmp_path):
    flash = "Earthquake of magnitude 6 shakes the Vellmar coast"
    path = write(tmp_path / "a.jsonl", json.dumps({"title": flash, "text": flash}) + "\n"
                 + _jsonl(f"{flash}\n\n{FERRIES}", flash + " today"))
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path)
        articles = {a.title: a for a in store.articles()}
    assert summary.stored == 2 and not summary.rejections
    assert articles[flash].text == flash and not articles[flash].removed
    assert articles[flash + " today"].text.startswith(flash)  # another title: the line stays


def test_unbalanced_bidi_isolates_are_removed_like_the_other_bidi_controls(tmp_path):
    text = ("\u2067وافق مجلس مدينة فيلمار على إضافة عبارتين مسائيتين إلى جدول الميناء. "
            "\u2066Vellmar\u2069 \u2068ferries\u202b قالت \u061cالبلدية.\u200f")
    path = write(tmp_path / "a.jsonl", json.dumps({"title": "عبارات", "text": text}) + "\n")
    with Store(str(tmp_path / "s.db")) as store:
        run(store, path)
        [article] = store.articles()
    assert not set(article.text) & set("\u2066\u2067\u2068\u2069\u202b\u061c\u200f")
    assert "Vellmar ferries قالت البلدية." in article.text
