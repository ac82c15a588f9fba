"""A small hand-made store for the reader, API and page tests: four outlets, three languages,
two saved stories with reuse, quotes and a brief, one article in no story, and hostile text."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from newsweave.entities import Entity
from newsweave.records import Article, RemovedLine, Sentence
from newsweave.reuse.edges import Passage, ReuseEdge
from newsweave.reuse.origins import Origin
from newsweave.store import Store
from newsweave.stories.brief import BriefItem, Cited, OutletDifference
from newsweave.stories.build import Story
from newsweave.stories.saved import story_rows
from newsweave.stories.who_said import StoryQuote

# Each would set the page's title if it ran (the browser test checks the title).
HOSTILE = ("<script>document.title='pwned'</script><img src=x onerror=\"document.title='pwned'\">"
           "<svg onload=\"document.title='pwned'\"/> \"quoted\" & 'single'")
WIRE_TEXT = ("Port Vellara closed after a tanker fire. “We will reopen soon,” said Teodora Halvik. "
             "Twelve crew were rescued.")


def _article(article_id, source, text, *, title, published, language="en", url=None, removed=()):
    sentences = tuple(Sentence(start, min(len(text), start + 40), language)
                      for start in range(0, len(text), 41))
    return Article(id=article_id, text=text, format="text", source=source, title=title, url=url,
                   published=published, language=language, removed=removed, sentences=sentences)


ARTICLES = (
    _article("aaaa0001", "Kestrel Wire", WIRE_TEXT, title="Tanker fire shuts Port Vellara",
             published="2025-03-14T06:10:00+00:00", url="https://kestrel.example/fire",
             removed=(RemovedLine("Subscribe now!", "boilerplate"),)),
    _article("aaaa0002", "Coastal Ledger", WIRE_TEXT, title="Tanker fire shuts Port Vellara",
             published="2025-03-14T08:30:00+01:00", url="javascript:alert(3)"),
    _article("aaaa0003", "Nordhafen Rundschau",
             "Port Vellara nach Tankerbrand geschlossen. „Wir öffnen bald wieder“, sagte Teodora Halvik.",
             title="Tankerbrand in Port Vellara", published="2025-03-14T09:00:00+00:00", language="de"),
    _article("bbbb0001", "Agimi i Jugut", "Festivali i ullirit rikthehet në Sheqerdol. Çdo gjë është gati.",
             title="Festivali i ullirit", published="2025-03-12T08:00:00+00:00", language="sq"),
    _article("cccc0001", "Hostile <b>Outlet</b>", f"Plain start. {HOSTILE} Vellara end.", title=HOSTILE,
             published="2025-03-13T10:00:00+00:00", url="https://evil.example/\"><script>document.title='pwned'</script>"),
)


_PASSAGES = (Passage((0, 40), (0, 40), 1.0),)


def sample_stories() -> list[Story]:
    fire = ("aaaa0001", "aaaa0002", "aaaa0003")
    cited = Cited("aaaa0001", 0, 40, "en", WIRE_TEXT[:40])
    edges = (
        ReuseEdge("aaaa0001", "aaaa0002", "copy", 1.0, "source->target", _PASSAGES, ()),
        ReuseEdge("aaaa0001", "aaaa0003", "translation", 0.8, "source->target", _PASSAGES, ()),
    )
    fire_story = Story(
        id="s-aaaa0001", title="Tanker fire shuts Port Vellara", articles=fire, languages=("de", "en"),
        origins=(Origin("o-aaaa0001", fire, ()),), reuse=edges,
        brief=(BriefItem(WIRE_TEXT[:40], "en", fire, 1, cited),),
        outlets=(OutletDifference("aaaa0003", "Nordhafen Rundschau", (cited,), (), ()),),
        timeline={}, entities=(Entity("Teodora Halvik", "PER", ("Teodora Halvik",), fire, ()),),
        quotes=(StoryQuote("q1", "Teodora Halvik", "aaaa0001", "en", (41, 69), "direct", (77, 91), None,
                           True),
                StoryQuote("q1", "Teodora  HALVIK", "aaaa0003", "de", (42, 67), "direct", None, None, False)),
    )
    hostile_story = Story(
        id="s-cccc0001", title=HOSTILE, articles=("cccc0001",), languages=("en",),
        origins=(Origin("o-cccc0001", ("cccc0001",), ()),), reuse=(),
        quotes=(StoryQuote("q1", HOSTILE, "cccc0001", "en", (13, 30), "direct", None, None, True),),
    )
    return [fire_story, hostile_story]


def build_store(path: Path) -> Path:
    """The store at ``path``: the five articles, two saved stories, the fire story's reuse edges."""
    with Store(str(path)) as store:
        run = store.start_run(["fixture"])
        store.add_batch(run, list(ARTICLES), [], [], {})
        store.finish_run(run)
        stories = sample_stories()
        store.save_reuse([edge for story in stories for edge in story.reuse], [a.id for a in ARTICLES])
        store.save_stories(story_rows(stories, {a.id: a for a in ARTICLES}))
    return path


def cli_command() -> list[str]:
    script = Path(sys.executable).with_name("newsweave")
    return [str(script)] if script.exists() else [sys.executable, "-m", "newsweave.cli"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert server.poll() is None, "the server exited"
        try:
            if httpx.get(base + "/api/stories", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            time.sleep(0.2)
    raise AssertionError("the server did not answer within 30 s")


@contextmanager
def running_server(db: Path, *options: str) -> Iterator[str]:
    """`newsweave serve` on a free loopback port for the block; yields its base URL and checks,
    once it stopped, that its log has no error."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NEWSWEAVE_TOKEN": ""}
    command = [*cli_command(), "serve", "--db", str(db), "--port", str(port), *options]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_until_up(base, server)
        yield base
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    log = errors.decode(errors="replace")
    assert "locked" not in log and "Traceback" not in log, log[-2000:]
