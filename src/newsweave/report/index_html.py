"""The report's index page (``templates/index.html``): the stories, then every article with
source, date, language, its removed lines and its story."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from newsweave.records import Article
from newsweave.report.html import article_label
from newsweave.report.links import FileLinks, Links
from newsweave.report.templates import render
from newsweave.stories.build import Story


@dataclass(frozen=True, slots=True)
class StoryRow:
    """A story in the index: its first report and the sources its origins cite."""

    story: Story
    first: str | None
    cited: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ArticleRow:
    """An article in the index: its short name and the story it is in, if any."""

    article: Article
    label: str
    story: Story | None


def render_index(articles: list[Article], stories: list[Story] = (), *,
                 title: str = "newsweave report", language: str = "en",
                 links: Links | None = None) -> str:
    """The index page: the stories, then every article with source, date, language, and its
    removed lines; ``links`` by default the static report's (relative to ``DIR``)."""
    stories = list(stories)
    by_id = {article.id: article for article in articles}
    story_of = {member: story for story in stories for member in story.articles}
    languages = Counter(article.language for article in articles)
    return render(
        "index.html", title=title, language=language, links=links or FileLinks(),
        languages=", ".join(f"{code} {count}" for code, count in languages.most_common()),
        stories=[_story_row(story, by_id) for story in stories],
        articles=[ArticleRow(a, article_label(a), story_of.get(a.id)) for a in articles])


def _story_row(story: Story, by_id: dict[str, Article]) -> StoryRow:
    cited = sorted({name for origin in story.origins for name in origin.cited_as})
    first = (story.timeline or {}).get("first") or min(
        (by_id[i].published for i in story.articles if i in by_id and by_id[i].published), default=None)
    return StoryRow(story, first, tuple(cited))
