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
from newsweave.reuse.origins import Origin
from newsweave.store import Store
from newsweave.stories.brief import Cited, OutletDifference
from newsweave.stories.build import Story
from newsweave.watch.alerts import Firing, Rule, RulesError, fire, firings, load_rules, origin_firings, post

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
                         ('[[alert]]\nname = "a"\ncontradiction = "yes"', "contradiction = true"),
                         ('[[alert]]\nname = "a"\ncontradiction = true\nnew_origins = true',
                          "new_origins is"),
                         ('[[alert]]\nname = "a"\nphrase = "x"\nnew_origins = 1', "new_origins is"),
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


def _story(story_id: str, *origins: tuple[str, ...], outlets: tuple = ()) -> Story:
    articles = tuple(a for origin in origins for a in origin)
    return Story(story_id, "Ferries", articles, ("en",),
                 tuple(Origin(f"o-{o[0]}", o, ()) for o in origins), (), outlets=outlets)


def test_new_origins_fire_once_each_for_stories_a_rule_matched(tmp_path):
    (tmp_path / "rules.toml").write_text('[[alert]]\nname = "big"\norigins = 3\nnew_origins = true\n'
                                         '[[alert]]\nname = "ferries"\nphrase = "ferries"\n'
                                         'new_origins = true\n')
    rules = load_rules(str(tmp_path / "rules.toml"))
    assert [r.new_origins for r in rules.rules] == [True, True]

    def batch(store, articles, stories):
        found = firings(rules.rules, articles, stories)
        return [(f.rule, f.key) for f in fire(store, rules, found + origin_firings(store, rules.rules,
                                                                                     stories, found))]

    ferry = Article("f1", "More evening ferries.", "feed")
    with Store(str(tmp_path / "s.db")) as store:
        # s1 reaches three origins (the rule fires; its origins are what it had then); s2 has
        # one origin and no phrase: never matched; s3 matched through its article's phrase.
        assert batch(store, [ferry], [_story("s1", ("a1", "a2"), ("b1",), ("x1",)), _story("s2", ("c1",)),
                                      _story("s3", ("f1",))]) == [("big", "s1"), ("ferries", "f1")]
        # A new origin joins each; the story that never matched says nothing, s1's origin o-a1
        # now led by an earlier copy a0 is not new.
        later = [_story("s1", ("a0", "a1", "a2"), ("b1",), ("x1",), ("d1",)), _story("s2", ("c1",), ("e1",)),
                 _story("s3", ("f1",), ("g1",))]
        assert batch(store, [], later) == [("big", "s1 o-d1"), ("ferries", "s3 o-g1")]
        assert batch(store, [], later) == []  # fired already
        # s2 (a story s3 was merged into) keeps its id and follows s3's rule from what s3 had seen;
        # reaching three origins, it fires for "big", whose origins it records then.
        store.connection.execute("INSERT INTO story_merges VALUES ('s3', 's2', 'now')")
        merged = _story("s2", ("c1",), ("e1",), ("f1",), ("g1",), ("h1",))
        assert batch(store, [], [merged]) == [("big", "s2"), ("ferries", "s2 o-c1"), ("ferries", "s2 o-e1"),
                                              ("ferries", "s2 o-h1")]
    lines = [json.loads(line) for line in rules.file.read_text().splitlines()]
    assert lines[2] == {"alert": "big", "fired_at": lines[2]["fired_at"], "story": "s1", "title": "Ferries",
                        "new_origin": "o-d1", "articles": ["d1"], "independent_origins": 4}


def test_a_contradiction_fires_once_whichever_article_cites_it(tmp_path):
    (tmp_path / "rules.toml").write_text('[[alert]]\nname = "disputed"\ncontradiction = true\n')
    rules = load_rules(str(tmp_path / "rules.toml"))
    four = Cited("a1", 0, 24, "en", "Four ferries were added.")
    two = Cited("a2", 10, 33, "en", "Two ferries were added.")
    outlets = (OutletDifference("a1", "Post", (), (), ((four, two),)),
               OutletDifference("a2", "Herald", (), (), ((two, four),)))  # the same pair, seen back
    quiet = OutletDifference("a3", "Gazette", (), (), ())
    story, calm = _story("s1", ("a1",), ("a2",), outlets=outlets), _story("s2", ("a3",), outlets=(quiet,))
    with Store(str(tmp_path / "s.db")) as store:
        fired = fire(store, rules, firings(rules.rules, [], [story, calm]))
        assert [(f.rule, f.key) for f in fired] == [("disputed", "s1 a1:0-24 a2:10-33")]
        assert fire(store, rules, firings(rules.rules, [], [story, calm])) == []
        other = Cited("a2", 40, 60, "en", "Ten crew were aboard.")
        more = _story("s1", ("a1",), ("a2",), outlets=(OutletDifference("a1", "Post", (), (), (
            (four, two), (Cited("a1", 30, 50, "en", "Nine crew were aboard."), other))),))
        assert [f.key for f in fire(store, rules, firings(rules.rules, [], [more]))] == [
            "s1 a1:30-50 a2:40-60"]
    line = json.loads(rules.file.read_text().splitlines()[0])
    assert (line["says"], line["others_say"], line["source"]) == (four.text, two.text, "Post")
    assert line["cited"] == [{"article": "a1", "start": 0, "end": 24},
                             {"article": "a2", "start": 10, "end": 33}]
