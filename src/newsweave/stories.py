"""Stories: articles about one event, with their origins and reuse.

Until the cross-lingual story clustering lands, a story is a connected component of the reuse
graph (articles linked by copies, translations or shared passages); an article that shares no
text with another is a story of its own. Every story-level count (independent origins, cited
origins) is computed here from whatever grouping is in force, so the clustering can replace
``group_articles`` alone.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.records import Article
from newsweave.reuse.features import ReuseFeatures
from newsweave.reuse.origins import Origin, find_origins
from newsweave.sketch import UnionFind


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles with the origins and reuse edges inside it."""

    id: str
    title: str | None
    articles: tuple[str, ...]
    languages: tuple[str, ...]
    origins: tuple[Origin, ...]
    reuse: tuple[dict, ...]

    @property
    def independent_origins(self) -> int:
        return len(self.origins)


def group_articles(articles: Sequence[Article], edges: Sequence[dict]) -> list[list[str]]:
    """Provisional grouping: connected components of the reuse graph."""
    groups = UnionFind([article.id for article in articles])
    known = {article.id for article in articles}
    for edge in edges:
        if edge["source"] in known and edge["target"] in known:
            groups.union(edge["source"], edge["target"])
    return [sorted(members) for members in groups.groups()]


def build_stories(articles: Sequence[Article], edges: Sequence[dict],
                  features: dict[str, ReuseFeatures]) -> list[Story]:
    """Stories with their origins, reuse and title, largest first."""
    by_id = {article.id: article for article in articles}
    main_language = Counter(article.language for article in articles).most_common(1)
    stories = []
    for members in group_articles(articles, edges):
        group = [by_id[i] for i in members]
        inside = set(members)
        reuse = tuple(e for e in edges if e["source"] in inside and e["target"] in inside)
        stories.append(Story(
            id=f"s-{_earliest(group).id}",
            title=_title(group, main_language[0][0] if main_language else None),
            articles=tuple(a.id for a in sorted(group, key=_order)),
            languages=tuple(sorted({a.language for a in group})),
            origins=tuple(find_origins(group, reuse, features)),
            reuse=reuse,
        ))
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))


def _order(article: Article) -> tuple[str, str]:
    return (article.published or "9999", article.id)


def _earliest(group: Sequence[Article]) -> Article:
    return min(group, key=_order)


def _title(group: Sequence[Article], language: str | None) -> str | None:
    """The earliest headline in the corpus's main language, else the earliest headline."""
    preferred = [a for a in group if a.language == language and a.title] or [a for a in group if a.title]
    return _earliest(preferred).title if preferred else None
