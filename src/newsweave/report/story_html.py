"""One page per story (``templates/story.html``): brief, reuse graph, origins, quotes, entities,
per-outlet differences, timeline, and each article with the passages it shares highlighted.
This module works out what the page shows; the template writes it, every piece escaped."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from newsweave.records import Article
from newsweave.report.links import FileLinks, Links
from newsweave.report.reuse_svg import DASH, reuse_graph
from newsweave.report.story_parts import entity_kinds, outlet_differences, speakers
from newsweave.report.templates import render
from newsweave.report.text_marks import Piece, reuse_partners, text_pieces
from newsweave.report.view import StoryView, build_view
from newsweave.stories.build import Story


@dataclass(frozen=True, slots=True)
class ArticleBlock:
    """An article as its story page shows it: what it shares with whom (page order), its text."""

    article: Article
    partners: tuple[tuple[str, str], ...]
    pieces: tuple[Piece, ...]


def render_story(story: Story, articles: Mapping[str, Article], language: str = "en",
                 related: Mapping[str, str] | None = None, links: Links | None = None) -> str:
    """The story page (self-contained).

    Args:
        story: the story to show.
        articles: every article by id (the story's must be among them).
        language: the reader's language; brief items and quotes in others are marked.
        related: titles of the other stories that have a page, by id.
        links: where links go; by default the static report's, relative to ``DIR/stories/``.

    Returns:
        The whole HTML document.

    Example:
        >>> from newsweave.stories.build import Story
        >>> story = Story("s1", "<b>Harbour</b>", articles=(), languages=(), origins=(), reuse=())
        >>> page = render_story(story, {})
        >>> "&lt;b&gt;Harbour&lt;/b&gt;" in page
        True
    """
    view = build_view(story, articles, language, related)
    return render("story.html", **story_context(view, links or FileLinks("stories")))


def story_context(view: StoryView, links: Links) -> dict:
    """What ``story.html`` needs, for an app that renders it with more of its own."""
    story = view.story
    reports = (story.timeline or {}).get("reports") or []
    return {
        "title": story.title or "(untitled story)", "language": view.reader, "links": links,
        "view": view, "story": story,
        "graph": reuse_graph(view) if len(view.order) > 1 else None,
        "dashes": list(DASH.items()),
        "alone": [i for i in view.order if i not in view.origin_row],
        "speakers": speakers(view), "entity_kinds": entity_kinds(view),
        "outlets": outlet_differences(view),
        "reports": [r for r in reports if r.get("article") in view.number] if reports else None,
        "article_blocks": [_block(view, view.articles[i]) for i in view.order],
    }


def _block(view: StoryView, article: Article) -> ArticleBlock:
    partners = sorted(reuse_partners(view.story.reuse, article.id),
                      key=lambda pair: view.number.get(pair[0], 0))
    return ArticleBlock(article, tuple(partners), tuple(text_pieces(view, article)))
