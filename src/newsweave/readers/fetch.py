"""Fetching linked pages over HTTP (only when the user asks for it with --fetch)."""

from __future__ import annotations

import socket
from dataclasses import dataclass

import httpx

from newsweave.readers.guard import GuardedTransport, PrivateAddress, is_public
from newsweave.readers.html import HtmlPage
from newsweave.records import Rejection

__all__ = ["Fetched", "Fetcher", "PrivateAddress", "USER_AGENT"]

USER_AGENT = "newsweave/0.1 (+https://pypi.org/project/newsweave)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Feeds come as any of these (text/plain from misconfigured servers); the body says which it is.
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/xml", "text/xml", "application/x-rss+xml", "text/plain")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded document (a page or a feed) before it is read."""

    data: bytes
    url: str  # after redirects
    content_type: str
    charset: str | None


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
        # The hook refuses a private name early; the guarded transport checks the address it
        # connects to (the name could resolve elsewhere by then).
        transport = transport or GuardedTransport(private)
        self._client = httpx.Client(transport=transport, timeout=timeout, follow_redirects=True,
                                    headers={"User-Agent": USER_AGENT}, event_hooks=hooks)

    def fetch(self, url: str, *, path: str | None = None, source: str | None = None,
              published: str | None = None) -> HtmlPage | Rejection:
        """The page at ``url`` ready for extraction, or why it could not be had."""
        fetched = self.fetch_document(url, path=path, types=_HTML_TYPES)
        if isinstance(fetched, Rejection):
            return fetched
        return HtmlPage(fetched.data, "html", path=path, locator=url, url=fetched.url,
                        charset=fetched.charset, source=source, published=published)

    def fetch_document(self, url: str, *, path: str | None = None,
                       types: tuple[str, ...] = _HTML_TYPES + FEED_TYPES) -> Fetched | Rejection:
        """The document at ``url`` when its type is one of ``types`` (a page or a feed: the
        caller tells them apart by content), or why it could not be had."""
        if not url.startswith(("http://", "https://")):
            return Rejection(path, f"not an http(s) URL: {url[:200]}", locator=url[:200])
        try:
            with self._client.stream("GET", url) as response:
                problem = self._problem(response, types)
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
        return Fetched(content, str(response.url), _content_type(response), response.charset_encoding)

    def _problem(self, response: httpx.Response, types: tuple[str, ...]) -> str | None:
        """Why the response's headers already rule the document out, if they do."""
        if response.status_code != 200:
            return f"fetch failed: HTTP {response.status_code}"
        kind = _content_type(response)
        if kind not in types:
            return f"fetched page is {kind}, not HTML" + ("" if types == _HTML_TYPES else " or a feed")
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


def _content_type(response: httpx.Response) -> str:
    return response.headers.get("content-type", "text/html").split(";")[0].strip().lower()


def _refuse_private(request: httpx.Request) -> None:
    """Raise PrivateAddress when the request's host is, or resolves to, a non-public address.
    A name that does not resolve passes: the request then fails on its own."""
    host = request.url.host
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (socket.gaierror, UnicodeError):
        return
    if not all(is_public(address) for address in addresses):
        raise PrivateAddress(host)
