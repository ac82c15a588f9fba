"""A feed server for the tests: loopback only, bounded in requests and time.

Each route is a function of the request (path and headers) that returns a ``Reply``; the server
logs every request with its headers and times, and the most requests it was ever answering at
once (the watch must never ask one host twice at once). Hanging replies and endless bodies stop
when the server stops, or after ``HANG_LIMIT`` seconds, so no test can hang on them.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

HANG_LIMIT = 10.0  # seconds a hanging reply or an endless body may last at most
MAX_REQUESTS = 2_000  # past this, the server answers 503: a runaway client is cut off


@dataclass(frozen=True)
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # send nothing, until the server stops
    endless: bool = False  # after the headers, bytes without end
    after: threading.Event | None = None  # answer only once this is set (or the server stops)


@dataclass(frozen=True)
class Request:
    path: str
    headers: dict[str, str]  # names lower-cased
    started: float
    host: str


Route = Callable[[Request], Reply]


class FeedServer:
    """An HTTP server on ``host`` (a loopback address: 127.0.0.2 is another host than
    127.0.0.1), serving ``routes`` by path; 404 for any other path."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self.most_at_once = 0
        self._at_once = 0
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer((host, 0), self._handler_class())
        self._server.daemon_threads = True
        self.host, self.port = self._server.server_address[:2]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        return self.base + path

    def paths(self) -> list[str]:
        with self._lock:
            return [r.path for r in self.requests]

    def asked(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        request = Request(handler.path, {k.lower(): v for k, v in handler.headers.items()},
                          time.monotonic(), self.host)
        with self._lock:
            self.requests.append(request)
            self._at_once += 1
            self.most_at_once = max(self.most_at_once, self._at_once)
            over = len(self.requests) > MAX_REQUESTS
        try:
            route = self.routes.get(handler.path.split("?")[0])
            reply = Reply(503) if over else route(request) if route else Reply(404, b"not here")
            self._send(handler, reply)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass  # the client gave up (a timeout, a body cut at its limit): that is the test
        finally:
            with self._lock:
                self._at_once -= 1

    def _send(self, handler: BaseHTTPRequestHandler, reply: Reply) -> None:
        if reply.hang:
            self._stopping.wait(HANG_LIMIT)
            return
        if reply.after is not None:
            end = time.monotonic() + HANG_LIMIT
            while not (reply.after.wait(0.05) or self._stopping.is_set() or time.monotonic() > end):
                pass
        handler.send_response(reply.status)
        for name, value in reply.headers.items():
            handler.send_header(name, value)
        if not reply.endless:
            handler.send_header("Content-Length", str(len(reply.body)))
        handler.end_headers()
        if reply.endless:
            for chunk in _endless(self._stopping):
                handler.wfile.write(chunk)
            return
        handler.wfile.write(reply.body)

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request per connection: the log is the truth
            timeout = HANG_LIMIT

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server._answer(self)

            def log_message(self, *args: object) -> None:
                pass

        return Handler


def _endless(stopping: threading.Event) -> Iterator[bytes]:
    """Feed-looking bytes until the server stops or HANG_LIMIT passes."""
    yield b'<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>'
    end = time.monotonic() + HANG_LIMIT
    chunk = b"<item><title>again</title></item>" * 1000
    while not stopping.is_set() and time.monotonic() < end:
        yield chunk


def rss(title: str, items: list[dict], extra: str = "") -> bytes:
    """An RSS 2.0 feed: each item a dict of title, link, and optionally content (full text,
    as content:encoded), summary (description), published (RFC 822 date)."""
    parts = [f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
             f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
             f"<title>{title}</title><link>https://example.org/</link>{extra}"]
    for item in items:
        parts.append(f"<item><title>{item['title']}</title><link>{item['link']}</link>")
        if "published" in item:
            parts.append(f"<pubDate>{item['published']}</pubDate>")
        if "summary" in item:
            parts.append(f"<description>{_escape(item['summary'])}</description>")
        if "content" in item:
            parts.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("</item>")
    parts.append("</channel></rss>")
    return "".join(parts).encode()


def page(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
            f"{body}</article></body></html>").encode()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
