"""Alerts: rules read from TOML with clear errors, what they find in a batch, each firing once,
and `watch --alerts` end to end on a loopback feed."""

from __future__ import annotations

import json
import subprocess
import sys
from types import SimpleNamespace

import httpx
import pytest
from feed_server import FeedServer, Reply, rss
from test_watch import RSS, html, story

from newsweave.entities import LOC, ORG
from newsweave.records import Article
from newsweave.store import Store
from newsweave.watch.alerts import Firing, Rule, RulesError, fire, firings, load_rules, post

RULES = """
file = "out/alerts.jsonl"

[[alert]]
name = "ferries"
phrase = "Evening  ferries"

[[alert]]
name = "council"
entity = "Vellmar Council"

[[alert]]
name = "big"
origins = 3
"""


def test_rules_are_read_and_bad_ones_say_what_to_fix(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(RULES)
    rules = load_rules(str(path))
    assert [r.kind for r in rules.rules] == ["phrase", "entity", "origins"]
    assert rules.file == tmp_path / "out" / "alerts.jsonl"
    for bad, message in (('[[alert]]\nphrase = "x"', "give each"),
                         ('[[alert]]\nname = "a"\nphrase = "x"\norigins = 2', "exactly one"),
                         ('[[alert]]\nname = "a"\nword = "x"', "unknown"),
                         ('[[alert]]\nname = "a"\norigins = 0', "whole number"),
                         ('[[alert]]\nname = "a"\nphrase = "x"\n[[alert]]\nname = "a"\nphrase = "y"',
                          "names must differ"),
                         ("[[alert]\n", "cannot read"), ('hook = "http://x"', "unknown keys")):
        path.write_text(bad)
        with pytest.raises(RulesError, match=message):
            load_rules(str(path))


def test_each_rule_finds_its_articles_and_stories_and_fires_once(tmp_path):
    (tmp_path / "rules.toml").write_text(RULES)
    rules = load_rules(str(tmp_path / "rules.toml"))
    ferry = Article("a1", "The council added two evening\nferries.", "feed", title="Ferries")
    other = Article("a2", "Nothing about boats; ferries-evening is not the phrase.", "feed")
    council = SimpleNamespace(name="Vellmar Council", type=ORG, surface_forms=("Këshilli i Vellmarit",))
    place = SimpleNamespace(name="Vellmar Council", type=LOC, surface_forms=())  # no person or org
    big = SimpleNamespace(id="s-a1", title="Ferries", independent_origins=3, entities=(council,))
    small = SimpleNamespace(id="s-a2", title="Other", independent_origins=2, entities=(place,))
    found = firings(rules.rules, [ferry, other], [big, small])
    assert [(f.rule, f.key) for f in found] == [("ferries", "a1"), ("council", "s-a1"), ("big", "s-a1")]
    assert [f.key for f in firings([Rule("c", "entity", "këshilli i  vellmarit")], [], [big])] == ["s-a1"]

    with Store(str(tmp_path / "s.db")) as store:
        assert len(fire(store, rules, found)) == 3
        assert fire(store, rules, found) == []  # fired already
    lines = [json.loads(line) for line in rules.file.read_text().splitlines()]
    assert [line["alert"] for line in lines] == ["ferries", "council", "big"]
    assert lines[2]["independent_origins"] == 3 and lines[0]["url"] is None


def test_watch_with_alerts_writes_each_firing_once(tmp_path):
    (tmp_path / "rules.toml").write_text('[[alert]]\nname = "ferries"\nphrase = "evening ferries"\n')
    with FeedServer("127.0.0.2") as server:
        server.routes["/news.xml"] = lambda r: Reply(200, rss("Vellmar Post", [
            {"title": f"Story {n}", "link": server.url(f"/a/{n}"), "content": html(story(n))}
            for n in range(2)]), RSS)
        command = [sys.executable, "-m", "newsweave.cli", "watch", server.url("/news.xml"), "--once",
                   "--fetch-private", "--host-delay", "0", "--workers", "1", "--json",
                   "--db", str(tmp_path / "s.db"), "--alerts", str(tmp_path / "rules.toml")]
        first = subprocess.run(command, capture_output=True, text=True, timeout=120)
        again = subprocess.run([*command, "--now"], capture_output=True, text=True, timeout=120)
    assert first.returncode == 0 and again.returncode == 0, first.stderr + again.stderr
    events = [json.loads(line) for line in first.stdout.splitlines()]
    assert [e["event"] for e in events] == ["polled", "stored", "alert", "alert", "analysed", "stopped"]
    lines = (tmp_path / "alerts.jsonl").read_text().splitlines()
    assert sorted(json.loads(line)["title"] for line in lines) == ["Story 0", "Story 1"]
    assert [json.loads(line)["event"] for line in again.stdout.splitlines()] == ["polled", "stopped"]


def test_a_webhook_gets_each_firing_with_retries(tmp_path):
    (tmp_path / "rules.toml").write_text('webhook = "https://hooks.example/news"\n'
                                         '[[alert]]\nname = "a"\nphrase = "x"\n')
    rules = load_rules(str(tmp_path / "rules.toml"))
    assert rules.webhook == "https://hooks.example/news"
    answers, bodies = iter([500, 200, 503, 503, 503]), []

    def hook(request: httpx.Request) -> httpx.Response:
        bodies.append(json.loads(request.content))
        return httpx.Response(next(answers))

    found = [Firing("a", "a1", {"article": "a1"}), Firing("a", "a2", {"article": "a2"})]
    failed = post(rules.webhook, found, pause=0, transport=httpx.MockTransport(hook))
    assert bodies == [{"alert": "a", "article": "a1"}] * 2 + [{"alert": "a", "article": "a2"}] * 3
    assert failed == ["a a2: HTTP 503"]
    (tmp_path / "rules.toml").write_text('webhook = "hooks.example"\n')
    with pytest.raises(RulesError, match="webhook is an http"):
        load_rules(str(tmp_path / "rules.toml"))
