"""An article's text cut into pieces for the page: the passages it shares with other articles
(from the reuse evidence) to be marked, and where cited sentences start, to be anchored. The
template (``parts.html``, ``marked_text``) writes the markup and escapes the text."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from newsweave.records import Article
from newsweave.report.view import StoryView, sentence_anchor
from newsweave.reuse.edges import ReuseEdge

# What an edge means for each end: (the target's phrase, the source's phrase) by kind.
_RELATION = {
    "copy": ("copies", "copied by"),
    "translation": ("translates", "translated by"),
    "partial": ("partly reuses", "partly reused by"),
}
_TITLE_NAMES = 5  # partners named in a mark's tooltip before "and N more"


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    partners: frozenset[str]


def reuse_partners(reuse: Iterable[ReuseEdge], article_id: str) -> list[tuple[str, str]]:
    """(other article, how this one relates to it) for every reuse edge touching the article."""
    partners = []
    for edge in reuse:
        source, target = edge.source, edge.target
        if article_id not in (source, target):
            continue
        other = target if source == article_id else source
        took, given = _RELATION.get(edge.kind, ("shares text with", "shares text with"))
        if not edge.directed:
            partners.append((other, f"{edge.kind} shared with"))
            continue
        is_later = (target == article_id) == (edge.direction == "source->target")
        partners.append((other, took if is_later else given))
    return partners


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of an article's text for the page: an anchor before it where a cited sentence
    starts, a ``<mark>`` opening before it (with its tooltip) and closing after it."""

    text: str
    anchor: str | None = None
    mark: str | None = None
    closes: bool = False


def text_pieces(view: StoryView, article: Article) -> list[Piece]:
    """The article's text cut where shared passages and cited sentences start and end."""
    text = article.text
    spans = _merged(_passages(view.story.reuse, article.id, len(text)))
    anchors = {start for owner, start in view.anchors if owner == article.id}
    cuts = sorted({0, len(text), *anchors, *(s.start for s in spans), *(s.end for s in spans)})
    pieces: list[Piece] = []
    current = iter(spans)
    span = next(current, None)
    for start, end in pairwise(cuts):
        anchor = sentence_anchor(article.id, start) if start in anchors else None
        while span is not None and span.end <= start:
            span = next(current, None)
        inside = span is not None and span.start <= start < span.end
        opens = inside and span is not None and start == span.start
        mark = _shared_with(view, span.partners) if opens and span is not None else None
        closes = inside and span is not None and end == span.end
        pieces.append(Piece(text[start:end], anchor, mark, closes))
    if len(text) in anchors:
        pieces.append(Piece("", sentence_anchor(article.id, len(text))))
    return pieces


def _passages(reuse: Iterable[ReuseEdge], article_id: str, length: int) -> list[_Span]:
    """This article's side of every evidence passage, clipped to its text."""
    spans = []
    for edge in reuse:
        sides = [side for side in ("source", "target") if getattr(edge, side) == article_id]
        other = edge.target if sides == ["source"] else edge.source
        for passage in edge.passages:
            for side in sides:
                bounds = _bounds(getattr(passage, side), length)
                if bounds:
                    spans.append(_Span(bounds[0], bounds[1], frozenset({other})))
    return spans


def _bounds(value: object, length: int) -> tuple[int, int] | None:
    """A ``[start, end]`` pair clipped to the text, or None when it is not one."""
    if not isinstance(value, Sequence) or len(value) != 2:
        return None
    if not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return None
    start, end = max(0, value[0]), min(length, value[1])
    return (start, end) if start < end else None


def _merged(spans: list[_Span]) -> list[_Span]:
    """Overlapping or touching spans joined, with all their partners."""
    merged: list[_Span] = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = _Span(last.start, max(last.end, span.end), last.partners | span.partners)
        else:
            merged.append(span)
    return merged


def _shared_with(view: StoryView, partners: frozenset[str]) -> str:
    known = sorted((p for p in partners if p in view.number), key=view.number.__getitem__)
    names = [f"{view.number[p]}. {view.label[p]}" for p in known]
    more = f" and {len(names) - _TITLE_NAMES} more" if len(names) > _TITLE_NAMES else ""
    return "also in " + ", ".join(names[:_TITLE_NAMES]) + more
