"""What every part of a story page shares: article numbers, short names, origin colours, and
where a citation chip links (an article, or one of its sentences, further down the page)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from newsweave.records import Article
from newsweave.report.html import PALETTE, article_label
from newsweave.stories.brief import Cited
from newsweave.stories.build import Story


@dataclass(frozen=True, slots=True)
class StoryView:
    """A story with the lookups its page needs; ``order`` is the story's articles that exist."""

    story: Story
    articles: Mapping[str, Article]
    reader: str
    order: tuple[str, ...]
    number: Mapping[str, int]
    label: Mapping[str, str]
    origin_row: Mapping[str, int]
    anchors: frozenset[tuple[str, int]]
    related: Mapping[str, str]

    def colour_class(self, article_id: str) -> str:
        """The CSS class of the article's origin colour (``ox`` outside every origin)."""
        row = self.origin_row.get(article_id)
        return "ox" if row is None else f"o{row % len(PALETTE)}"

    def cited_anchor(self, cited: Cited) -> str:
        """Where a citation links: the cited sentence's anchor, else its article's block."""
        if self.has_anchor(cited):
            return sentence_anchor(cited.article, cited.start)
        return article_anchor(cited.article)

    def has_anchor(self, cited: Cited) -> bool:
        """Whether the page carries an anchor at this cited sentence."""
        return (cited.article, cited.start) in self.anchors


def article_anchor(article_id: str) -> str:
    """The id of an article's block on the story page (and its row on the index)."""
    return f"a-{article_id}"


def sentence_anchor(article_id: str, start: int) -> str:
    """The id of the empty anchor placed where a cited sentence starts."""
    return f"a-{article_id}-{start}"


def build_view(story: Story, articles: Mapping[str, Article], reader: str,
               related: Mapping[str, str] | None = None) -> StoryView:
    """The lookups for one story; ``related`` maps story ids that have a page to their titles."""
    order = tuple(i for i in story.articles if i in articles)
    origin_row = {member: row for row, origin in enumerate(story.origins) for member in origin.articles}
    return StoryView(
        story=story, articles=articles, reader=reader, order=order,
        number={article_id: n for n, article_id in enumerate(order, start=1)},
        label={article_id: article_label(articles[article_id]) for article_id in order},
        origin_row=origin_row, anchors=frozenset(_anchors(story, articles)),
        related={i: t for i, t in (related or {}).items() if i in story.related},
    )


def _anchors(story: Story, articles: Mapping[str, Article]) -> set[tuple[str, int]]:
    """Every cited sentence start that falls inside its article's text."""
    cited: list[Cited] = [item.sentence for item in story.brief]
    for difference in story.outlets:
        cited += [*difference.additions, *difference.omissions]
        cited += [c for pair in difference.contradictions for c in pair]
    return {(c.article, c.start) for c in cited
            if c.article in articles and 0 <= c.start <= len(articles[c.article].text)}
