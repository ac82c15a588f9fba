"""Outputs: stories.json (the contract outside checks read) and the HTML report: ``index.html``
and one self-contained page per story under ``stories/``."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from newsweave.records import Article
from newsweave.report.index_html import render_index
from newsweave.report.links import AppLinks, FileLinks, Links
from newsweave.report.stories_json import build_stories_json, write_json
from newsweave.report.story_html import render_story
from newsweave.stories import Story


@dataclass(frozen=True, slots=True)
class Outputs:
    """Where a run's outputs were written."""

    stories_json: Path
    index_html: Path


def write_outputs(articles: list[Article], out_dir: str | Path, stories: list[Story] = (),
                  language: str = "en", links: Links | None = None) -> Outputs:
    """Write ``stories.json``, ``index.html`` and ``stories/<story id>.html`` into ``out_dir``;
    ``language`` is the reader's, the one the stories' briefs were written for. ``links`` is
    for pages that link elsewhere than to each other (absolute URLs, the same on every page);
    by default each page links to the others by relative path."""
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stories = list(stories)
    document = build_stories_json(articles, stories)
    stories_path = folder / "stories.json"
    write_json(document, stories_path)
    index_path = folder / "index.html"
    index_path.write_text(render_index(articles, stories, language=language, links=links),
                          encoding="utf-8")
    _write_story_pages(articles, stories, folder / "stories", language, links)
    return Outputs(stories_path, index_path)


def _write_story_pages(articles: list[Article], stories: list[Story], pages: Path,
                       language: str, links: Links | None) -> None:
    pages.mkdir(exist_ok=True)
    by_id = {article.id: article for article in articles}
    titles = {story.id: story.title or "(untitled)" for story in stories}
    for story in stories:
        page = render_story(story, by_id, language, titles, links)
        (pages / f"{story.id}.html").write_text(page, encoding="utf-8")


__all__ = ["AppLinks", "FileLinks", "Links", "Outputs", "build_stories_json", "render_index",
           "render_story", "write_outputs"]
