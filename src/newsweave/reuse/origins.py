"""Origins: articles that go back to one original text, and what each story stands on.

Copies and translations of one text form one origin (union-find over those edges, so ten
outlets running one wire are one origin). Partial reuse does not merge origins: an article that
quotes a wire passage and adds its own reporting is an origin of its own; at the level of
sentences (claims), the shared passages are counted once through the edges' evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from newsweave.records import Article
from newsweave.reuse.cited import canonical_outlet
from newsweave.reuse.edges import ReuseEdge
from newsweave.reuse.features import ReuseFeatures
from newsweave.reuse.pairs import COPY, TRANSLATION
from newsweave.sketch import UnionFind

MERGING_KINDS = (COPY, TRANSLATION)


@dataclass(frozen=True, slots=True)
class Origin:
    """One original text and every article that carries it (copies, translations)."""

    id: str
    articles: tuple[str, ...]  # earliest first
    cited_as: tuple[str, ...]  # outlets its articles name as their source


def find_origins(articles: Sequence[Article], edges: Iterable[ReuseEdge],
                 features: dict[str, ReuseFeatures]) -> list[Origin]:
    """Group articles into origins by their copy and translation edges."""
    ids = [article.id for article in articles]
    groups = UnionFind(ids)
    known = set(ids)
    for edge in edges:
        if edge.kind in MERGING_KINDS and edge.source in known and edge.target in known:
            groups.union(edge.source, edge.target)
    order = {article.id: (article.published or "9999", article.id) for article in articles}
    origins = []
    for members in groups.groups():
        ordered = tuple(sorted(members, key=order.__getitem__))
        origins.append(Origin(f"o-{ordered[0]}", ordered, _cited_as(ordered, features)))
    return sorted(origins, key=lambda origin: order[origin.articles[0]])


def _cited_as(members: Sequence[str], features: dict[str, ReuseFeatures]) -> tuple[str, ...]:
    """Outlets the members name as their source (an outlet naming itself does not count)."""
    cited = (canonical_outlet(name) for m in members for name in features[m].cited
             if canonical_outlet(name) != features[m].outlet)
    return tuple(dict.fromkeys(cited))
