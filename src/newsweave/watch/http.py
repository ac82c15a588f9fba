"""A polite HTTP client for the watch: one request at a time per host, a pause between them,
timeouts, bodies cut while reading, redirects followed by hand (a 301 or 308 moves a feed), and
connections only to public addresses checked as they are opened (``readers.guard``).

Threads call ``get`` at once; the host gate makes the requests to one host wait their turn, so
hosts are asked in parallel and a slow host holds back only its own requests.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from urllib.parse import urljoin, urlsplit

import httpx

from newsweave.readers.fetch import USER_AGENT
from newsweave.readers.guard import GuardedTransport, PrivateAddress

MAX_REDIRECTS = 5
_REDIRECTS = (301, 302, 303, 307, 308)
_PERMANENT = (301, 308)


@dataclass(frozen=True, slots=True)
class Answer:
    """What one GET came to: an HTTP answer (``status``) or a failure without one (``error``)."""

    url: str  # the URL that answered, after redirects
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)  # names lower-cased
    body: bytes = b""
    error: str | None = None  # no usable answer: timeout, refused address, body over the limit
    moved_to: str | None = None  # where permanent redirects from the start led

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset":
                return value.strip().strip('"') or None
        return None


class HostGate:
    """One request at a time per host, and at least ``delay`` seconds from the end of one to
    the start of the next."""

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay = delay
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._hosts: dict[str, _Host] = {}

    @contextmanager
    def turn(self, host: str) -> Iterator[None]:
        with self._lock:
            slot = self._hosts.setdefault(host, _Host())
        with slot.lock:
            wait = slot.free_at - self._clock()
            if wait > 0:
                self._sleep(wait)
            try:
                yield
            finally:
                slot.free_at = self._clock() + self.delay


@dataclass(slots=True)
class _Host:
    lock: threading.Lock = field(default_factory=threading.Lock)
    free_at: float = 0.0


class PoliteClient:
    """GET with the watch's manners, every failure an ``Answer`` with its ``error``.

    Args:
        private: also connect to loopback and private addresses (``--fetch-private``).
        max_bytes: a body longer than this is cut off while reading, and the answer failed.
        timeout: seconds to connect, and to wait for each read.
        total_timeout: seconds a whole body may take (a server dripping bytes forever).
        host_delay: seconds between two requests to one host.
        transport: an httpx transport (tests); default: the guarded one.
    """

    def __init__(self, *, private: bool = False, max_bytes: int = 10_000_000, timeout: float = 20.0,
                 total_timeout: float | None = None, host_delay: float = 2.0,
                 transport: httpx.BaseTransport | None = None) -> None:
        self.max_bytes = max_bytes
        self.total_timeout = total_timeout if total_timeout is not None else 3 * timeout
        self.gate = HostGate(host_delay)
        self._client = httpx.Client(
            transport=transport or GuardedTransport(private), follow_redirects=False,
            timeout=httpx.Timeout(timeout), headers={"User-Agent": USER_AGENT})

    def get(self, url: str, headers: Mapping[str, str] | None = None) -> Answer:
        """The answer at ``url``, following up to five redirects (each host its own turn)."""
        moved_to, permanent = None, True
        for _ in range(MAX_REDIRECTS + 1):
            answer = self._once(url, headers or {})
            location = answer.headers.get("location")
            if answer.status not in _REDIRECTS or not location:
                return replace(answer, moved_to=moved_to)
            url = urljoin(url, location)
            permanent = permanent and answer.status in _PERMANENT
            moved_to = url if permanent else moved_to
        return Answer(url, error=f"more than {MAX_REDIRECTS} redirects", moved_to=moved_to)

    def _once(self, url: str, headers: Mapping[str, str]) -> Answer:
        try:
            host = urlsplit(url).hostname
        except ValueError:
            host = None
        if not host or not url.startswith(("http://", "https://")):
            return Answer(url, error=f"not an http(s) URL: {url[:200]}")
        with self.gate.turn(host):
            return self._request(url, headers)

    def _request(self, url: str, headers: Mapping[str, str]) -> Answer:
        try:
            with self._client.stream("GET", url, headers=dict(headers)) as response:
                kept = {k.lower(): v for k, v in response.headers.items()}
                if response.status_code != 200:
                    return Answer(url, response.status_code, kept)
                body, error = self._read(response)
                return Answer(str(response.url), 200, kept, body, error)
        except PrivateAddress as error:
            return Answer(url, error=f"refused: {error} is a private address (--fetch-private allows it)")
        except httpx.TimeoutException as error:
            return Answer(url, error=f"timeout: {type(error).__name__}")
        except (httpx.HTTPError, httpx.InvalidURL) as error:
            return Answer(url, error=f"{type(error).__name__}: {error}"[:300])

    def _read(self, response: httpx.Response) -> tuple[bytes, str | None]:
        """The body, or why it was cut: past ``max_bytes`` or past the total timeout."""
        deadline = time.monotonic() + self.total_timeout
        chunks, size = [], 0
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > self.max_bytes:
                return b"", f"body over the {self.max_bytes:,}-byte limit"
            if time.monotonic() > deadline:
                return b"", f"body not complete after {self.total_timeout:.0f}s"
            chunks.append(chunk)
        return b"".join(chunks), None

    def close(self) -> None:
        self._client.close()
