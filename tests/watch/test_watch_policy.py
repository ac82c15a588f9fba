"""The watch's polling policy (pure functions), its SOURCES, and `newsweave feeds`."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from newsweave.cli import main
from newsweave.store import Store
from newsweave.watch import Source, SourceError, read_sources
from newsweave.watch.feeds import add_feeds
from newsweave.watch.schedule import (
    DEAD_INTERVAL,
    DEFAULT_INTERVAL,
    MAX_INTERVAL,
    MIN_INTERVAL,
    FeedState,
    Limits,
    after_failure,
    after_success,
    after_wait,
    max_age_seconds,
    next_interval,
    retry_after_seconds,
    ttl_seconds,
)

NOW = 1_760_000_000.0
FEED = FeedState(1, "https://example.org/rss", "https://example.org/rss")


def test_the_interval_follows_the_publishing_rate_within_bounds():
    hourly = [NOW - 3600 * n for n in range(24 * 7)]
    assert next_interval(FEED, new_items=1, item_times=hourly, now=NOW) == pytest.approx(3600, rel=0.01)
    every_minute = [NOW - 60 * n for n in range(10_000)]
    assert next_interval(FEED, new_items=1, item_times=every_minute, now=NOW) == MIN_INTERVAL
    weekly = [NOW - 3 * 24 * 3600]
    assert next_interval(FEED, new_items=0, item_times=weekly, now=NOW) == MAX_INTERVAL
    # Undated: shorter after something new, longer after nothing.
    assert next_interval(FEED, new_items=2, item_times=[], now=NOW) == DEFAULT_INTERVAL / 2
    assert next_interval(FEED, new_items=0, item_times=[], now=NOW) == DEFAULT_INTERVAL * 1.5


def test_ttl_and_max_age_are_floors_of_the_next_check():
    state = after_success(FEED, now=NOW, status="200", new_items=3, item_times=[], limits=Limits(
        ttl=ttl_seconds("120"), max_age=max_age_seconds("public, max-age=600")))
    assert state.next_check == NOW + 7200
    assert ttl_seconds("soon") == 0 and max_age_seconds(None) == 0
    assert max_age_seconds('max-age="90", must-revalidate') == 90


def test_retry_after_in_seconds_or_as_a_date_is_waited():
    assert retry_after_seconds("120", NOW) == 120
    assert retry_after_seconds("Thu, 09 Oct 2025 09:00:00 GMT", NOW) == 400  # NOW is 08:53:20
    assert retry_after_seconds("next tuesday", NOW) is None
    waiting = after_wait(FEED, now=NOW, status="429", retry_after=7200)
    assert waiting.state == "waiting" and waiting.next_check == NOW + 7200 and waiting.errors == 0


def test_failures_back_off_then_the_feed_is_dead_but_still_asked():
    state, now = FEED, NOW
    for _ in range(9):
        state = after_failure(state, now=now, status="500", error="HTTP 500")
        assert state.state == "failing"
        now = state.next_check
    assert state.errors == 9 and state.next_check - now <= MAX_INTERVAL
    state = after_failure(state, now=now, status="500", error="HTTP 500")
    assert state.state == "dead" and state.next_check == now + DEAD_INTERVAL
    healed = after_success(state, now=now, status="200", new_items=0, item_times=[], limits=Limits())
    assert healed.state == "ok" and healed.errors == 0 and healed.failing_since is None


def test_sources_from_opml_url_files_and_urls(tmp_path):
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body>'
                    '<outline text="News"><outline text="Post" xmlUrl="https://post.example/rss"/>'
                    '<outline text="no feed"/></outline></body></opml>')
    listed = tmp_path / "feeds.txt"
    listed.write_text("# mine\nhttps://wire.example/atom\n\nhttps://post.example/rss\n")
    found = read_sources([str(opml), str(listed), "https://third.example/feed"])
    assert found == [Source("https://post.example/rss", "Post"), Source("https://wire.example/atom"),
                     Source("https://third.example/feed")]
    listed.write_text("https://wire.example/atom\nnot a url\n")
    with pytest.raises(SourceError, match="line 2"):
        read_sources([str(listed)])
    with pytest.raises(SourceError, match="neither a file"):
        read_sources([str(tmp_path / "missing.opml")])


def test_feeds_command_lists_each_feed_as_json(tmp_path):
    db = str(tmp_path / "s.db")
    with Store(db) as store:
        add_feeds(store, [Source("https://post.example/rss", "Post")], NOW)
    result = CliRunner().invoke(main, ["feeds", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    [row] = [json.loads(line) for line in result.output.splitlines()]
    assert {"url", "title", "state", "last_checked", "last_status", "last_new_item", "errors",
            "next_check"} <= row.keys()
    assert row["state"] == "ok" and row["next_check"] == "2025-10-09T08:53:20+00:00"
    table = CliRunner().invoke(main, ["feeds", "--db", db])
    assert "Post" in table.output and "ok" in table.output


def test_watch_refuses_sources_that_name_no_feed(tmp_path):
    result = CliRunner().invoke(main, ["watch", str(tmp_path / "nothing.txt"), "--db",
                                       str(tmp_path / "s.db"), "--once"])
    assert result.exit_code != 0 and "neither a file nor" in result.output
