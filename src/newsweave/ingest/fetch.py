"""Fetching linked pages over HTTP (only when the user asks for it with --fetch)."""

from __future__ import annotations

import ipaddress
import socket

import httpx

from newsweave.ingest.html import HtmlPage
from newsweave.records import Rejection

USER_AGENT = "newsweave/0.1 (+https://pypi.org/project/newsweave)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class PrivateAddress(Exception):
    """A request (or a redirect) to this machine or a private network, which feeds may not ask for."""


class Fetcher:
    """Downloads pages with one pooled client; every failure becomes a rejection.

    Args:
        transport: an httpx transport; tests pass ``httpx.MockTransport``.
        max_bytes: pages larger than this are rejected, not truncated (nor read past it).
        timeout: seconds for connect and read.
        private: also fetch from loopback, private and link-local addresses (an intranet news
            server). Off by default: a hostile feed could otherwise make newsweave read this
            machine's or its network's services (a cloud metadata address, an admin page).
    """

    def __init__(self, *, transport: httpx.BaseTransport | None = None,
                 max_bytes: int = 10_000_000, timeout: float = 20.0, private: bool = False) -> None:
        self.max_bytes = max_bytes
        hooks = {} if private else {"request": [_refuse_private]}  # run on every redirect too
        self._client = httpx.Client(transport=transport, timeout=timeout, follow_redirects=True,
                                    headers={"User-Agent": USER_AGENT}, event_hooks=hooks)

    def fetch(self, url: str, *, path: str | None = None, source: str | None = None,
              published: str | None = None) -> HtmlPage | Rejection:
        """The page at ``url`` ready for extraction, or why it could not be had."""
        if not url.startswith(("http://", "https://")):
            return Rejection(path, f"not an http(s) URL: {url[:200]}", locator=url[:200])
        try:
            with self._client.stream("GET", url) as response:
                problem = self._problem(response)
                content = None if problem else _read_at_most(response, self.max_bytes)
        except PrivateAddress as error:
            return Rejection(path, f"fetch refused: {error} is a private address "
                             "(--fetch-private allows it)", locator=url)
        except (httpx.HTTPError, httpx.InvalidURL) as error:  # InvalidURL is no HTTPError
            return Rejection(path, f"fetch failed: {type(error).__name__}: {error}", locator=url)
        if problem:
            return Rejection(path, problem, locator=url)
        if content is None:
            return Rejection(path, f"fetched page is over the {self.max_bytes:,}-byte limit", locator=url)
        return HtmlPage(content, "html", path=path, locator=url, url=str(response.url),
                        charset=response.charset_encoding, source=source, published=published)

    def _problem(self, response: httpx.Response) -> str | None:
        """Why the response's headers already rule the page out, if they do."""
        if response.status_code != 200:
            return f"fetch failed: HTTP {response.status_code}"
        kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
        if kind not in _HTML_TYPES:
            return f"fetched page is {kind}, not HTML"
        return None

    def close(self) -> None:
        self._client.close()


def _read_at_most(response: httpx.Response, limit: int) -> bytes | None:
    """The body, or None as soon as it grows past ``limit`` bytes (a huge page is not read)."""
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _refuse_private(request: httpx.Request) -> None:
    """Raise PrivateAddress when the request's host is, or resolves to, a non-public address.
    A name that does not resolve passes: the request then fails on its own."""
    host = request.url.host
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return
    if any(not ipaddress.ip_address(address.split("%")[0]).is_global for address in addresses):
        raise PrivateAddress(host)
