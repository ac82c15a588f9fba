"""Fetching linked pages over HTTP (only when the user asks for it with --fetch)."""

from __future__ import annotations

import httpx

from newsweave.ingest.html import HtmlPage
from newsweave.records import Rejection

USER_AGENT = "newsweave/0.1 (+https://pypi.org/project/newsweave)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


class Fetcher:
    """Downloads pages with one pooled client; every failure becomes a rejection.

    Args:
        transport: an httpx transport; tests pass ``httpx.MockTransport``.
        max_bytes: pages larger than this are rejected, not truncated.
        timeout: seconds for connect and read.
    """

    def __init__(self, *, transport: httpx.BaseTransport | None = None,
                 max_bytes: int = 10_000_000, timeout: float = 20.0) -> None:
        self.max_bytes = max_bytes
        self._client = httpx.Client(transport=transport, timeout=timeout, follow_redirects=True,
                                    headers={"User-Agent": USER_AGENT})

    def fetch(self, url: str, *, path: str | None = None, source: str | None = None,
              published: str | None = None) -> HtmlPage | Rejection:
        """The page at ``url`` ready for extraction, or why it could not be had."""
        if not url.startswith(("http://", "https://")):
            return Rejection(path, f"not an http(s) URL: {url[:200]}", locator=url[:200])
        try:
            response = self._client.get(url)
        except (httpx.HTTPError, httpx.InvalidURL) as error:  # InvalidURL is no HTTPError
            return Rejection(path, f"fetch failed: {type(error).__name__}: {error}", locator=url)
        if response.status_code != 200:
            return Rejection(path, f"fetch failed: HTTP {response.status_code}", locator=url)
        kind = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
        if kind not in _HTML_TYPES:
            return Rejection(path, f"fetched page is {kind}, not HTML", locator=url)
        if len(response.content) > self.max_bytes:
            return Rejection(path, f"fetched page is {len(response.content):,} bytes, over the "
                             f"{self.max_bytes:,} limit", locator=url)
        return HtmlPage(response.content, "html", path=path, locator=url, url=str(response.url),
                        charset=response.charset_encoding, source=source, published=published)

    def close(self) -> None:
        self._client.close()
