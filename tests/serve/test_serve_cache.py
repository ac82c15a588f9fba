"""Answers kept by `newsweave serve` until the store changes: never stale after a writer commits,
304 to a client holding the current body, memory bounded by bytes."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import time

import httpx
import pytest
from serve_helpers import ARTICLES, sample_stories
from starlette.testclient import TestClient

from newsweave.serve import create_app
from newsweave.serve.cache import Answer, AnswerCache
from newsweave.store import Store
from newsweave.stories.saved import story_rows

TOKEN = "t0ken-long-enough-to-pass"


def _retitle(db, title: str) -> None:
    """A writer (its own connection, as `run` in another process) renames the fire story."""
    fire, hostile = sample_stories()
    with Store(str(db)) as store:
        store.save_stories(story_rows([dataclasses.replace(fire, title=title)],
                                      {a.id: a for a in ARTICLES}))


def _cached_answers(client) -> int:
    app = client.app.middleware_stack
    while not hasattr(app, "cache"):
        app = app.app
    return len(app.cache)


@pytest.mark.parametrize("url", ["/stories/s-aaaa0001", "/api/stories/s-aaaa0001", "/", "/api/stories"])
def test_a_kept_answer_is_replaced_as_soon_as_a_writer_commits(client, db, url):
    first = client.get(url)
    again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert _cached_answers(client) == 1  # the second answer came from memory
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]
    assert "Tanker fire shuts Port Vellara" in first.text

    _retitle(db, "Port Vellara reopens after the fire")
    changed = client.get(url)
    assert changed.status_code == 200
    assert "Port Vellara reopens after the fire" in changed.text
    assert changed.content != first.content
    assert changed.headers["etag"] != first.headers["etag"]


def test_304_while_the_store_is_unchanged_and_200_once_the_answer_changes(client, db):
    url = "/stories/s-aaaa0001"
    first = client.get(url)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache" and etag.startswith('"')
    for tags in (etag, f"W/{etag}", f'"other", {etag}', "*"):
        unchanged = client.get(url, headers={"If-None-Match": tags})
        assert unchanged.status_code == 304 and unchanged.content == b""
        assert unchanged.headers["etag"] == etag
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200

    # A commit that leaves this page as it was: rendered again, same body, still 304.
    with Store(str(db)) as store:
        store.start_run(["unrelated"])
    assert client.get(url, headers={"If-None-Match": etag}).status_code == 304

    _retitle(db, "Port Vellara reopens after the fire")
    changed = client.get(url, headers={"If-None-Match": etag})
    assert changed.status_code == 200 and "Port Vellara reopens" in changed.text
    assert changed.headers["etag"] != etag


def test_errors_are_not_kept_and_head_has_no_body(client):
    assert client.get("/stories/nothing").status_code == 404
    assert client.get("/api/stories?limit=0").status_code == 400
    assert _cached_answers(client) == 0
    head = client.head("/api/stories")
    assert head.status_code == 200 and head.content == b"" and head.headers["etag"]
    assert client.get("/api/stories").headers["etag"] == head.headers["etag"]


def test_with_a_token_answers_are_private_and_kept_only_behind_the_check(db):
    client = TestClient(create_app(db, token=TOKEN), base_url="http://127.0.0.1")
    good = {"Authorization": f"Bearer {TOKEN}"}
    answer = client.get("/api/stories", headers=good)
    assert answer.headers["cache-control"] == "private, no-cache"
    assert client.get("/api/stories").status_code == 401  # a kept answer needs the token too
    assert client.get("/api/stories", headers={"If-None-Match": answer.headers["etag"]}).status_code == 401


def test_memory_is_bounded_by_bytes_least_recently_used_first():
    cache = AnswerCache(max_bytes=80_000)
    answer = Answer((), b"x" * 9_000, b'"t"')
    for n in range(20):
        cache.get(1, b"warm")  # keeps the version and touches "warm" first
        cache.put(1, str(n).encode(), answer)
        if n == 0:
            cache.put(1, b"warm", answer)
    assert cache.bytes <= 80_000 and len(cache) == 8
    assert cache.get(1, b"warm") is not None and cache.get(1, b"0") is None
    cache.put(1, b"huge", Answer((), b"x" * 20_000, b'"h"'))  # over an eighth of the cache: not kept
    assert cache.get(1, b"huge") is None
    assert cache.get(2, b"warm") is None and len(cache) == 0 and cache.bytes == 0  # a new version


def test_no_cache_when_turned_off(db):
    client = TestClient(create_app(db, cache_bytes=0), base_url="http://127.0.0.1")
    assert "etag" not in client.get("/api/stories").headers


def test_requests_for_an_answer_being_made_wait_for_it(db):
    app = create_app(db)
    made = []
    snapshot = app.state.reader.snapshot

    @contextlib.contextmanager
    def slow_snapshot():
        made.append(1)
        time.sleep(0.2)  # long enough for every request below to arrive meanwhile
        with snapshot() as snap:
            yield snap

    app.state.reader.snapshot = slow_snapshot

    async def ask_together() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1") as client:
            return await asyncio.gather(*(client.get("/search?q=tanker") for _ in range(20)))

    answers = asyncio.run(ask_together())
    assert len(made) == 1
    assert {a.status_code for a in answers} == {200} and len({a.content for a in answers}) == 1
    assert "Tanker" in answers[0].text
