"""How the pages link to each other: relative file paths for the static report, URLs for the
live app. The templates only ask a ``Links`` object; where a kind of page does not exist (the
static report has no article, speaker or outlet pages) it answers None and the name stays text.

Chips, graph nodes and citations link to blocks on the same story page (``#a-<id>``) in both:
every story page carries its articles, so those are in-page anchors, not links.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import quote

from newsweave.report.view import article_anchor


class Links(Protocol):
    """Where a page's links go; every answer is a URL, still to be escaped, or None."""

    def index(self) -> str:
        """The list of stories."""

    def story(self, story_id: str, article_id: str | None = None) -> str:
        """A story's page, at the article's block when ``article_id`` is given."""

    def article(self, article_id: str) -> str | None:
        """An article's own page, or None where there is none."""

    def speaker(self, name: str) -> str | None:
        """Every statement of one speaker, or None where there is no such page."""

    def outlet(self, name: str) -> str | None:
        """What one outlet publishes, or None where there is no such page."""


@dataclass(frozen=True, slots=True)
class FileLinks:
    """The static report's links, relative to the page's folder ``here`` inside the output
    folder: ``""`` for ``index.html``, ``"stories"`` for the story pages."""

    here: str = ""

    def index(self) -> str:
        return self._relative("index.html")

    def story(self, story_id: str, article_id: str | None = None) -> str:
        page = self._relative(f"stories/{quote(story_id, safe='')}.html")
        return page if article_id is None else f"{page}#{quote(article_anchor(article_id), safe='')}"

    def article(self, article_id: str) -> str | None:
        return None

    def speaker(self, name: str) -> str | None:
        return None

    def outlet(self, name: str) -> str | None:
        return None

    def _relative(self, path: str) -> str:
        return posixpath.relpath(path, self.here or ".")


@dataclass(frozen=True, slots=True)
class AppLinks:
    """The live app's links: ``/stories/{id}``, ``/articles/{id}``, ``/speakers/{name}``,
    ``/outlets/{name}`` under ``prefix`` (where the app is mounted, without a trailing slash)."""

    prefix: str = ""

    def index(self) -> str:
        return f"{self.prefix}/"

    def story(self, story_id: str, article_id: str | None = None) -> str:
        page = self._under("stories", story_id)
        return page if article_id is None else f"{page}#{quote(article_anchor(article_id), safe='')}"

    def article(self, article_id: str) -> str | None:
        return self._under("articles", article_id)

    def speaker(self, name: str) -> str | None:
        return self._under("speakers", name)

    def outlet(self, name: str) -> str | None:
        return self._under("outlets", name)

    def _under(self, kind: str, key: str) -> str:
        return f"{self.prefix}/{kind}/{quote(key, safe='')}"
