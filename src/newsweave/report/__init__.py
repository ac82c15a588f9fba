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
from newsweave.report.swap import write_folder
from newsweave.stories.build import Story


@dataclass(frozen=True, slots=True)
class Outputs:
    """Where a run's outputs were written."""

    stories_json: Path
    index_html: Path


# What a report folder holds; anything else in it is the user's and is kept.
REPORT_NAMES = frozenset({"stories.json", "stories.json.partial", "index.html", "stories"})


def write_outputs(articles: list[Article], out_dir: str | Path, stories: list[Story] = (),
                  reader_language: str = "en", links: Links | None = None) -> Outputs:
    """Write ``stories.json``, ``index.html`` and ``stories/<story id>.html`` into ``out_dir``;
    ``reader_language`` is the one the stories' briefs were written for. ``links`` is
    for pages that link elsewhere than to each other (absolute URLs, the same on every page);
    by default each page links to the others by relative path.

    The whole report is written beside ``out_dir`` and swapped in (``swap.write_folder``): a
    reader sees the old report or the new one, and a failure leaves the old one as it was.

    Raises:
        OSError: the report could not be written (a full disk, no permission); nothing of the
            new report is left and ``out_dir`` is unchanged.
    """
    folder = Path(out_dir)
    stories = list(stories)

    def write(into: Path) -> None:
        write_json(build_stories_json(articles, stories), into / "stories.json")
        write_page(into / "index.html", render_index(articles, stories, language=reader_language,
                                                           links=links))
        _write_story_pages(articles, stories, into / "stories", reader_language, links)

    write_folder(folder, REPORT_NAMES, write)
    return Outputs(folder / "stories.json", folder / "index.html")


def write_page(path: Path, page: str) -> None:
    """One page of the report, as UTF-8."""
    path.write_text(page, encoding="utf-8")


def _write_story_pages(articles: list[Article], stories: list[Story], pages: Path,
                       reader_language: str, links: Links | None) -> None:
    pages.mkdir()
    by_id = {article.id: article for article in articles}
    titles = {story.id: story.title or "(untitled)" for story in stories}
    for story in stories:
        write_page(pages / f"{story.id}.html", render_story(story, by_id, reader_language, titles, links))


__all__ = ["AppLinks", "FileLinks", "Links", "Outputs", "build_stories_json", "render_index",
           "render_story", "write_outputs"]
