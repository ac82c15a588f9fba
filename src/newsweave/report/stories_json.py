"""stories.json: the output contract of ../shared/DESIGN.md (fields may be added, never removed)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from newsweave.records import Article
from newsweave.reuse.edges import edge_json
from newsweave.stories.brief import BriefItem, Cited, OutletDifference
from newsweave.stories.build import Story
from newsweave.stories.who_said import StoryQuote

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


def story_json(story: Story) -> dict[str, Any]:
    """One story as the contract has it (quotes, entities and brief come with their stages)."""
    return {
        "id": story.id,
        "title": story.title,
        "articles": list(story.articles),
        "languages": list(story.languages),
        "independent_origins": story.independent_origins,
        "origins": [{"id": o.id, "articles": list(o.articles), "cited_as": list(o.cited_as)}
                    for o in story.origins],
        "reuse": [edge_json(edge) for edge in story.reuse],
        "quotes": [_quote(quote) for quote in story.quotes],
        "entities": [{"name": e.name, "type": e.type, "surface_forms": list(e.surface_forms),
                      "articles": list(e.articles)} for e in story.entities],
        "brief": [_brief_item(item) for item in story.brief],
        "related": list(story.related),
        "outlets": [_outlet(difference) for difference in story.outlets],
        "timeline": story.timeline,
    }


def _quote(quote: StoryQuote) -> dict[str, Any]:
    return {"group": quote.group, "speaker": quote.speaker, "article": quote.article,
            "language": quote.language, "content": list(quote.content), "kind": quote.kind,
            "speaker_span": list(quote.speaker_span) if quote.speaker_span else None,
            "cue": list(quote.cue) if quote.cue else None, "first": quote.first}


def _cited(cited: Cited) -> dict[str, Any]:
    return {"article": cited.article, "span": [cited.start, cited.end], "language": cited.language,
            "text": cited.text}


def _brief_item(item: BriefItem) -> dict[str, Any]:
    return {"text": item.text, "language": item.language, "articles": list(item.articles),
            "independent_support": item.independent_support, "sentence": _cited(item.sentence)}


def _outlet(difference: OutletDifference) -> dict[str, Any]:
    return {
        "article": difference.article,
        "source": difference.source,
        "additions": [_cited(c) for c in difference.additions],
        "omissions": [_cited(c) for c in difference.omissions],
        "contradictions": [{"says": _cited(mine), "others_say": _cited(theirs)}
                           for mine, theirs in difference.contradictions],
    }


def build_stories_json(articles: list[Article], stories: list[Story] = ()) -> dict[str, Any]:
    """The whole document."""
    return {
        "version": CONTRACT_VERSION,
        "articles": [article_json(article) for article in articles],
        "stories": [story_json(story) for story in stories],
    }


def write_json(document: dict[str, Any], path: Path) -> None:
    """Write atomically: a reader never sees half a file, even if the run is killed."""
    partial = path.with_name(path.name + ".partial")
    with open(partial, "w", encoding="utf-8") as handle:
        json.dump(document, handle, ensure_ascii=False, indent=1)
    os.replace(partial, path)
