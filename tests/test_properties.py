"""Property tests of the ingest stage (hypothesis).

* No bytes crash a reader, whatever the file is called; every item is a document, a page or a
  rejection, and extracting a page never raises either.
* An article put in the store comes back equal.
* Ingesting the same files twice changes nothing the second time.
"""

from __future__ import annotations

import contextlib
import gzip
import itertools
import json
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsweave.readers import HtmlPage, ReadOptions, read_path
from newsweave.readers.decode import NotText, decode_bytes
from newsweave.readers.html import extract_page, html_fragment_to_text
from newsweave.readers.metadata import normalise_date
from newsweave.records import Article, RawDocument, Rejection, RemovedLine, Sentence
from newsweave.runtime.ingest import ingest
from newsweave.store import Store

SUFFIXES = [".txt", ".html", ".json", ".jsonl", ".xml", ".warc", ".gz", ""]
# Openings that take random bytes past the first checks and into each parser.
OPENINGS = [
    b"",
    b"WARC/1.0\r\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\n",
    b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://vellmarpost.example/a\r\n"
    b"Content-Type: application/http; msgtype=response\r\nContent-Length: 200\r\n\r\n"
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>",
    b"<!DOCTYPE html><html lang='en'><head><title>T</title></head><body><article><p>",
    b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>V</title><item>"
    b"<title>A</title><link>https://vellmarpost.example/a</link><description>",
    b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry><content type='html'>",
    b'{"title": "A", "text": "',
    b'{"maintext": "The harbour", "date_publish": "',
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\x1f\x8b\x08\x00\x00\x00\x00\x00",
    b"Harbour news\n2024-04-09 21:15:52\n\n",
    b"https://vellmarpost.example/a\n",
]
payloads = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=1500).map(str.encode),
    st.tuples(st.sampled_from(OPENINGS), st.binary(max_size=1500)).map(b"".join),
    st.tuples(st.sampled_from(OPENINGS), st.text(max_size=800).map(str.encode)).map(b"".join),
    st.binary(max_size=2000).map(gzip.compress),
    st.tuples(st.binary(max_size=2000).map(gzip.compress), st.integers(1, 60))
    .map(lambda cut: cut[0][: -cut[1]]),
)
_names = itertools.count()


@pytest.fixture(scope="module")
def workdir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("properties")


# --- no input crashes a reader ---------------------------------------------------------------
@settings(max_examples=300, deadline=None)
@given(data=payloads, suffix=st.sampled_from(SUFFIXES))
def test_no_bytes_crash_a_reader(workdir, data, suffix):
    path = workdir / f"input-{next(_names)}{suffix}"
    path.write_bytes(data)

    items = list(read_path(str(path), ReadOptions(max_bytes=2000)))

    for item in items:
        assert isinstance(item, RawDocument | HtmlPage | Rejection)
        assert item.path == str(path)
        if isinstance(item, HtmlPage):
            extracted = extract_page(item)
            assert isinstance(extracted, RawDocument | Rejection)
            if isinstance(extracted, RawDocument):
                assert extracted.text.strip()
        if isinstance(item, Rejection):
            assert item.reason and len(item.reason) < 1000
    path.unlink()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_date_text_is_a_date_or_none(text):
    found = normalise_date(text)

    assert found is None or isinstance(datetime.fromisoformat(found), datetime)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_decoding_gives_text_or_says_it_is_not(data):
    with contextlib.suppress(NotText):
        assert isinstance(decode_bytes(data), str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=500))
def test_any_feed_body_becomes_text(fragment):
    assert isinstance(html_fragment_to_text(fragment), str)


# --- the store keeps what it is given --------------------------------------------------------
short = st.text(max_size=40)
maybe = st.none() | short
sentences = st.builds(Sentence, start=st.integers(0, 1 << 40), end=st.integers(0, 1 << 40),
                      language=st.sampled_from(["en", "de", "ru", "und"]))
articles = st.builds(
    Article,
    id=st.text("0123456789abcdef", min_size=16, max_size=16),
    text=st.text(min_size=1, max_size=2000),
    format=st.sampled_from(["text", "html", "jsonl", "feed", "warc"]),
    path=maybe, locator=maybe, url=maybe, source=maybe, title=maybe, published=maybe,
    language=st.text(min_size=1, max_size=3), author=maybe, dateline=maybe,
    removed=st.lists(st.builds(RemovedLine, text=short, reason=short), max_size=5).map(tuple),
    sentences=st.lists(sentences, max_size=8).map(tuple),
)


@settings(max_examples=150, deadline=None)
@given(article=articles, keys=st.sets(st.integers(0, (1 << 63) - 1), max_size=5))
def test_store_round_trip(article, keys):
    with Store(":memory:") as store:
        run_id = store.start_run(["generated"])
        assert store.add_batch(run_id, [article], (), [], {article.id: keys}).stored == 1

        assert store.article(article.id) == article
        assert list(store.articles()) == [article]
        assert store.add_batch(run_id, [article], (), [], {article.id: keys}).stored == 0


# --- ingesting twice changes nothing ---------------------------------------------------------
WORDS = ["harbour", "council", "ferry", "storm", "coast", "village", "mayor", "budget", "bridge",
         "market", "river", "station", "museum", "vellmar", "evening", "boats", "voted",
         "tuesday", "repairs", "traffic", "cyclists", "said"]
sentence = st.lists(st.sampled_from(WORDS), min_size=3, max_size=14).map(
    lambda words: " ".join(words).capitalize() + ".")
prose = st.lists(sentence, min_size=1, max_size=6).map("\n\n".join)
bodies = st.one_of(prose, st.text(max_size=300))


def _file(index: int, kind: str, body: str) -> tuple[str, str]:
    if kind == "jsonl":
        return f"{index}.jsonl", json.dumps({"text": body, "source": "Vellmar Post"}) + "\n"
    if kind == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
        return f"{index}.html", f"<html><body><article>{paragraphs}</article></body></html>"
    return f"{index}.txt", body


corpora = st.lists(st.tuples(st.sampled_from(["txt", "jsonl", "html"]), bodies),
                   min_size=1, max_size=6)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(corpus=corpora)
def test_ingesting_twice_stores_nothing_new(workdir, corpus):
    folder = workdir / f"corpus-{next(_names)}"
    folder.mkdir()
    for index, (kind, body) in enumerate(corpus):
        name, content = _file(index, kind, body)
        (folder / name).write_text(content, encoding="utf-8")
    with Store(str(folder / ".newsweave.db")) as store:
        first = ingest(store, [str(folder)], workers=1)
        ids = {a.id for a in store.articles()}
        second = ingest(store, [str(folder)], workers=1)

        assert second.stored == 0
        assert first.stored == len(ids) == store.count_articles()
        assert second.duplicates == first.articles  # every document read again, copies included
        assert {a.id for a in store.articles()} == ids
        assert sorted((r.path, r.reason) for r in second.rejections) == sorted(
            (r.path, r.reason) for r in first.rejections)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="ab &;<\t\r\x1b\x07\x85é\u00c3\u00a9\ufb01\u2028", max_size=12),
                          st.text(max_size=12)), max_size=8))
def test_text_repair_skips_only_lines_ftfy_would_keep(pieces):
    """Lines that ftfy would leave as they are skip it; the repaired text is ftfy's all the same."""
    import ftfy

    from newsweave.text.clean import _FTFY, _repaired

    text = "\n".join(pieces)
    assert _repaired(text) == ftfy.fix_text(text, _FTFY)
