"""Answers kept in memory while the store does not change, with ETags for revalidation.

Every GET answer of 200 is kept under its path and query and the store's data version (SQLite's
``PRAGMA data_version``, which changes on a connection as soon as another connection commits), so
a commit of a writer retires every kept answer at once: nothing stale is served. The version is
read before the request's own read transaction begins, so a kept answer is never older than the
version it is kept under. Memory is bounded: the least recently used answers go first, by bytes.

Requests for one answer that come while it is being made (same key, same version) wait for it
instead of making it again: under a writer every commit retires the kept answers, and 50 readers
would otherwise all run the same search at once.

Every 200 carries a strong ETag (a hash of its body) and ``Cache-Control: no-cache`` so clients
ask again each time; an ``If-None-Match`` naming the current body's tag gets a bodyless 304.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_BYTES = 64 * 1024 * 1024
# One answer may take at most this share of the cache (a huge export would evict everything).
LARGEST_SHARE = 8
UNCACHED_PREFIXES = ("/static/",)  # StaticFiles answers with its own ETag and Last-Modified
CACHE_CONTROL = b"no-cache"
PRIVATE_CACHE_CONTROL = b"private, no-cache"  # with a token: no shared cache may keep answers


@dataclass(frozen=True, slots=True)
class Answer:
    """A whole 200 answer: its headers (the ETag among them) and body."""

    headers: tuple[tuple[bytes, bytes], ...]
    body: bytes
    etag: bytes

    @property
    def size(self) -> int:
        return len(self.body) + sum(len(k) + len(v) for k, v in self.headers) + 200


class AnswerCache:
    """Answers by (data version, key), least recently used dropped first beyond ``max_bytes``."""

    def __init__(self, max_bytes: int = DEFAULT_BYTES) -> None:
        self.max_bytes = max_bytes
        self.version: int | None = None
        self.bytes = 0
        self._answers: OrderedDict[bytes, Answer] = OrderedDict()

    def get(self, version: int, key: bytes) -> Answer | None:
        if version != self.version:  # a writer committed: every kept answer may be stale
            self._answers.clear()
            self.bytes, self.version = 0, version
            return None
        answer = self._answers.get(key)
        if answer is not None:
            self._answers.move_to_end(key)
        return answer

    def put(self, version: int, key: bytes, answer: Answer) -> None:
        if version != self.version or answer.size > self.max_bytes // LARGEST_SHARE:
            return
        old = self._answers.pop(key, None)
        if old is not None:
            self.bytes -= old.size
        self._answers[key] = answer
        self.bytes += answer.size
        while self.bytes > self.max_bytes:
            _, dropped = self._answers.popitem(last=False)
            self.bytes -= dropped.size

    def __len__(self) -> int:
        return len(self._answers)


class CachingMiddleware:
    """Serves kept answers of GET requests, and 304 to clients that hold the current body."""

    def __init__(self, app: ASGIApp, version: Callable[[], int], max_bytes: int = DEFAULT_BYTES,
                 private: bool = False) -> None:
        self.app = app
        self.version = version
        self.cache = AnswerCache(max_bytes)
        self.cache_control = PRIVATE_CACHE_CONTROL if private else CACHE_CONTROL
        self._making: dict[tuple[int, bytes], asyncio.Future[Answer | None]] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (scope["type"] != "http" or scope["method"] not in ("GET", "HEAD")
                or scope["path"].startswith(UNCACHED_PREFIXES)):
            await self.app(scope, receive, send)
            return
        version = self.version()  # before the request's own read transaction: see the module doc
        key = scope["path"].encode("utf-8", "surrogateescape") + b"?" + scope["query_string"]
        answer = self.cache.get(version, key)
        if answer is None and (version, key) in self._making:
            answer = await asyncio.shield(self._making[(version, key)])
        if answer is None:
            answer = await self._make(version, key, scope, receive, send)
            if answer is None:  # not a 200: already sent as it was
                return
        await self._send(scope, answer, send)

    async def _make(self, version: int, key: bytes, scope: Scope, receive: Receive,
                    send: Send) -> Answer | None:
        """The app's answer, kept; those asking meanwhile get it too (``None``: they ask the app)."""
        making = asyncio.get_running_loop().create_future()
        self._making.setdefault((version, key), making)
        answer = None
        try:
            answer = await self._answer(scope, receive, send)
            if answer is not None:
                self.cache.put(version, key, answer)
            return answer
        finally:
            if self._making.get((version, key)) is making:
                del self._making[(version, key)]
            making.set_result(answer)

    async def _answer(self, scope: Scope, receive: Receive, send: Send) -> Answer | None:
        """The app's answer when it is a 200 (whole, to keep); anything else goes straight out."""
        start: Message | None = None
        chunks: list[bytes] = []
        passing = False

        async def capture(message: Message) -> None:
            nonlocal start, passing
            if message["type"] == "http.response.start":
                start, passing = message, message["status"] != 200
                if passing:
                    await send(message)
            elif passing:
                await send(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))

        get_scope = {**scope, "method": "GET"}  # a HEAD is answered from the GET's headers
        await self.app(get_scope, receive, capture)
        if start is None or passing:
            return None
        body = b"".join(chunks)
        etag = b'"' + hashlib.blake2b(body, digest_size=16).hexdigest().encode() + b'"'
        drop = {b"etag", b"cache-control", b"content-length"}
        headers = tuple((k, v) for k, v in start.get("headers", ()) if k.lower() not in drop)
        headers += ((b"etag", etag), (b"cache-control", self.cache_control),
                    (b"content-length", str(len(body)).encode()))
        return Answer(headers, body, etag)

    async def _send(self, scope: Scope, answer: Answer, send: Send) -> None:
        if _matches(Headers(scope=scope).get("if-none-match"), answer.etag):
            headers = [(k, v) for k, v in answer.headers if k in (b"etag", b"cache-control")]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        await send({"type": "http.response.start", "status": 200, "headers": list(answer.headers)})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else answer.body})


def _matches(if_none_match: str | None, etag: bytes) -> bool:
    """Whether an If-None-Match header names ``etag`` (weak comparison, as RFC 9110 asks)."""
    if not if_none_match:
        return False
    tag = etag.decode()
    for given in if_none_match.split(","):
        given = given.strip()
        if given == "*" or given.removeprefix("W/") == tag:
            return True
    return False
