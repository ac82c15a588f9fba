"""What every page of the HTML report shares: the policy, the colours, and the small helpers
the templates call. Markup lives in the templates (``templates/``); this module only computes.

Article text is hostile input: the templates escape everything they print (autoescape, quotes
included) and only http(s) URLs become links, so no script, handler or ``javascript:`` URL from
an article can run. Each page also carries a Content-Security-Policy that allows no script and
no network at all, so a page opened from disk shows the same thing offline.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from newsweave.records import Article

# No script, no network, no forms; inline styles and data: images only (the SVG is inline).
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
# One colour per origin, in the order the story lists its origins (readable on white, and
# distinct for the common colour-vision deficiencies in their first four).
PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#319795", "#718096")
NO_ORIGIN = "#a0aec0"


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (never a javascript: or data: link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def article_label(article: Article) -> str:
    """A short plain-text name for an article: its outlet, else its URL's host, else its file."""
    if article.source:
        return article.source
    link = safe_url(article.url)
    if link and urlsplit(link).hostname:
        return urlsplit(link).hostname or link
    if article.path:
        return PurePosixPath(article.path.replace("\\", "/")).name
    return article.id[:12]


def parse_time(value: str | None) -> datetime | None:
    """An ISO timestamp as an aware datetime (naive ones read as UTC), or None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def shown_time(value: str) -> str | None:
    """A publication time as the page shows it, in UTC where the source gave a zone; None when
    it is not ISO 8601 (the page then shows it as written)."""
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo:
        return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    # no zone given: shown as written, and a bare date stays a date
    return moment.strftime("%Y-%m-%d %H:%M" if len(value.strip()) > 10 else "%Y-%m-%d")


def counted(number: int, noun: str) -> str:
    """``number`` and the noun, plural unless it is one ("1 article", "3 origins")."""
    return f"{number} {noun}{'s' * (number != 1)}"


def shortened(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
