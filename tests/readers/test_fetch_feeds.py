"""Feeds given by URL are read as feeds (`run --fetch` with a list of feed URLs), and fetching
connects only to the address it checked (no DNS rebinding). Against a loopback server the test
starts; nothing else is asked."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner
from feed_server import FeedServer, Reply, page, rss
from ingest_helpers import run, write

from newsweave.cli import main
from newsweave.readers import ReadOptions
from newsweave.readers.fetch import Fetcher
from newsweave.store import Store

FERRY = ["The council of Vellmar voted on Tuesday to add two evening ferries to the harbour timetable.",
         "Officials said the new boats will run from May until the end of September."]
STORM = ["A storm reached the northern coast of Vellmar on Monday night and closed two harbours.",
         "Power was cut in several villages until the morning, the utility said on Tuesday."]
BRIDGE = ["The old river bridge in Vellmar reopened on Friday after six months of repairs.",
          "Traffic will be limited to cars and bicycles until June, the mayor told reporters."]


@pytest.fixture
def server():
    with FeedServer() as server:
        full = "".join(f"<p>{p}</p>" for p in BRIDGE)
        server.routes["/feed.xml"] = lambda r: Reply(200, rss("Vellmar Post", [
            {"title": "Bridge reopens", "link": server.url("/bridge"), "content": full},
            {"title": "Two evening ferries", "link": server.url("/ferries"), "summary": "Ferries."},
        ]), {"Content-Type": "application/rss+xml"})
        server.routes["/ferries"] = lambda r: Reply(200, page("Two evening ferries", FERRY),
                                                    {"Content-Type": "text/html"})
        server.routes["/bridge"] = lambda r: Reply(200, page("Bridge reopens", BRIDGE),
                                                   {"Content-Type": "text/html"})
        server.routes["/storm"] = lambda r: Reply(200, page("Storm closes two harbours", STORM),
                                                  {"Content-Type": "text/html; charset=utf-8"})
        # A feed served as text/plain, as misconfigured servers do: read by its content.
        server.routes["/plain-feed"] = lambda r: Reply(200, rss("Plain", [
            {"title": "Storm", "link": server.url("/storm")}]), {"Content-Type": "text/plain"})
        yield server


def test_a_list_of_feed_urls_is_read_as_feeds(tmp_path, server):
    links = write(tmp_path / "feeds.urls", f"{server.url('/feed.xml')}\n{server.url('/storm')}\n")
    with Store(str(tmp_path / "s.db")) as store:
        fetcher = Fetcher(private=True)
        try:
            summary = run(store, links, options=ReadOptions(fetcher=fetcher))
        finally:
            fetcher.close()
        titles = {a.title: a for a in store.articles()}
    assert not summary.rejections
    assert set(titles) == {"Bridge reopens", "Two evening ferries", "Storm closes two harbours"}
    assert titles["Two evening ferries"].text.startswith("The council of Vellmar voted")
    assert titles["Storm closes two harbours"].url == server.url("/storm")


def test_run_fetch_private_with_feed_urls_stores_their_items(tmp_path, server):
    links = write(tmp_path / "feeds.txt", f"{server.url('/plain-feed')}\n")
    result = CliRunner().invoke(main, ["ingest", str(links), "--fetch-private", "--db",
                                       str(tmp_path / "s.db"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    with Store(str(tmp_path / "s.db")) as store:
        [article] = store.articles()
    assert article.title == "Storm closes two harbours"
    assert server.paths() == ["/plain-feed", "/storm"]


def test_public_fetch_refuses_loopback_feeds(tmp_path, server):
    links = write(tmp_path / "feeds.urls", f"{server.url('/feed.xml')}\n")
    with Store(str(tmp_path / "s.db")) as store:
        fetcher = Fetcher()
        try:
            summary = run(store, links, options=ReadOptions(fetcher=fetcher))
        finally:
            fetcher.close()
    [rejection] = summary.rejections
    assert "fetch refused" in rejection.reason
    assert server.paths() == []


def test_a_name_that_resolves_elsewhere_on_connect_is_refused(monkeypatch, server):
    """DNS rebinding: the name looks public when checked before the request, then resolves to
    this machine when the connection opens. The address connected to is what is checked."""
    real = socket.getaddrinfo
    answers = iter(["93.184.216.34"])

    def rebinding(host, port, *args, **kwargs):
        if host != "rebind.example":
            return real(host, port, *args, **kwargs)
        address = next(answers, "127.0.0.1")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port or 0))]

    monkeypatch.setattr(socket, "getaddrinfo", rebinding)
    fetcher = Fetcher()
    try:
        result = fetcher.fetch(f"http://rebind.example:{server.port}/storm")
    finally:
        fetcher.close()
    assert "fetch refused: rebind.example is a private address" in result.reason
    assert server.paths() == []


def test_a_feed_url_given_as_an_input_is_read_as_a_feed(tmp_path, server):
    db = str(tmp_path / "s.db")
    offline = CliRunner().invoke(main, ["ingest", server.url("/plain-feed"), "--db", db])
    assert offline.exit_code != 0 and server.paths() == []
    result = CliRunner().invoke(main, ["ingest", server.url("/plain-feed"), "--fetch-private",
                                       "--db", db, "--workers", "1"])
    assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert [a.title for a in store.articles()] == ["Storm closes two harbours"]
        assert [r.reason for r in store.rejections()] == ["a URL: pass --fetch to download it"]
