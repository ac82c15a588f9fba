"""stories.json: the output contract of ../shared/DESIGN.md (fields may be added, never removed)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newsweave.records import Article

CONTRACT_VERSION = 1


def article_json(article: Article) -> dict[str, Any]:
    """One article as the contract has it, plus the audit details and sentence spans."""
    return {
        "id": article.id,
        "path": article.path,
        "url": article.url,
        "source": article.source,
        "title": article.title,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "removed": [line.text for line in article.removed],
        # additions to the contract
        "removed_reasons": [line.reason for line in article.removed],
        "format": article.format,
        "locator": article.locator,
        "author": article.author,
        "dateline": article.dateline,
        "sentences": [[s.start, s.end, s.language] for s in article.sentences],
    }


def build_stories_json(articles: list[Article]) -> dict[str, Any]:
    """The whole document. Stories are empty until the story stage exists."""
    return {
        "version": CONTRACT_VERSION,
        "articles": [article_json(article) for article in articles],
        "stories": [],
    }


def write_json(document: dict[str, Any], path: Path) -> None:
    """Write atomically: a reader never sees half a file, even if the run is killed."""
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
    os.replace(partial, path)
