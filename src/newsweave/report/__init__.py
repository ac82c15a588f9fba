"""Outputs: stories.json (the contract outside checks read) and the HTML report."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsweave.records import Article
from newsweave.report.html import render_index
from newsweave.report.stories_json import build_stories_json, write_json
from newsweave.report.story_html import render_story
from newsweave.stories import Story


@dataclass(frozen=True, slots=True)
class Outputs:
    """Where a run's outputs were written."""

    stories_json: Path
    index_html: Path


def write_outputs(articles: list[Article], out_dir: str | Path, stories: list[Story] = ()) -> Outputs:
    """Write ``stories.json`` and ``index.html`` for these articles and stories into ``out_dir``."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    document = build_stories_json(articles, list(stories))
    stories_path = folder / "stories.json"
    write_json(document, stories_path)
    index_path = folder / "index.html"
    index_path.write_text(render_index(articles, list(stories)), encoding="utf-8")
    pages = folder / "stories"
    pages.mkdir(exist_ok=True)
    by_id = {article.id: article for article in articles}
    for story in stories:
        (pages / f"{story.id}.html").write_text(render_story(story, by_id), encoding="utf-8")
    return Outputs(stories_path, index_path)


__all__ = ["Outputs", "build_stories_json", "render_index", "write_outputs"]
