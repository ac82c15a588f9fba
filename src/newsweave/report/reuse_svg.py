"""The reuse graph of a story, laid out for the inline SVG that ``templates/graph.html`` draws
(no script, no network, every label escaped by the template).

Articles are numbered nodes laid out by publication time (x) and origin (y), coloured by origin;
articles of one origin too close in time to label side by side take a second (third ...) lane.
Edges are styled by kind (copy solid, translation dashed, partial dotted) and carry an arrow where
the direction is known. An edge that a chain of other reuse edges already explains (A→B→C makes
A→C implied) is drawn faint, so the chain of who took from whom stands out.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from newsweave.report.html import NO_ORIGIN, PALETTE, parse_time
from newsweave.report.view import StoryView
from newsweave.reuse.edges import ReuseEdge

DASH = {"copy": "", "translation": "7 4", "partial": "2 4"}
# Geometry in SVG user units; the SVG scales to the page width, so these are proportions.
# A label of ~16 characters at 11px needs ~100 units: nodes closer than _GAP share no lane.
_LEFT, _RIGHT, _TOP, _BOTTOM = 96, 40, 30, 56
_LANE, _ROW_GAP, _GAP, _RADIUS = 52, 20, 116, 12
_MAX_BULGE = 70


@dataclass(frozen=True, slots=True)
class _Layout:
    points: Mapping[str, tuple[float, float]]
    rows: Sequence[tuple[int | None, float, float]]  # each row's origin index, top and bottom
    width: float
    height: float
    timed: bool
    axis: Sequence[tuple[float, str]]


@dataclass(frozen=True, slots=True)
class Band:
    """An origin's row: a tinted band with its name (``origin 2``, ``no origin``)."""

    colour: str
    name: str
    y: float
    width: float
    height: float
    label_y: float


@dataclass(frozen=True, slots=True)
class Arc:
    """A reuse edge: a quadratic curve from ``start`` to ``end`` bent through ``control``."""

    start: tuple[float, float]
    control: tuple[float, float]
    end: tuple[float, float]
    implied: bool
    dash: str
    arrow: bool
    tip: str


@dataclass(frozen=True, slots=True)
class Node:
    """An article: a numbered circle with its short name below, linking to its block."""

    article_id: str
    x: float
    y: float
    colour: str
    number: int
    name: str
    tip: str


@dataclass(frozen=True, slots=True)
class Graph:
    """Everything the SVG draws, in user units; ``top`` is above 0 where arcs bulge upwards."""

    top: float
    width: float
    height: float
    articles: int
    bands: tuple[Band, ...]
    timed: bool
    axis_y: float
    axis_start: float
    axis_end: float
    ticks: tuple[tuple[float, str], ...]
    arcs: tuple[Arc, ...]
    nodes: tuple[Node, ...]
    radius: int = _RADIUS


def reuse_graph(view: StoryView) -> Graph | None:
    """The graph of a story (None for a story without articles)."""
    if not view.order:
        return None
    layout = _layout(view)
    implied = implied_edges(view.story.reuse)
    edges = [edge for edge in view.story.reuse
             if edge.source in layout.points and edge.target in layout.points]
    # faint edges first so the chain is drawn over them
    edges.sort(key=lambda edge: (_key(edge) not in implied))
    top = min(0.0, min((_apex_y(edge, layout) for edge in edges), default=0.0) - 12)
    return Graph(
        top=top, width=layout.width, height=layout.height - top, articles=len(view.order),
        bands=tuple(_bands(layout)), timed=layout.timed, axis_y=layout.height - _BOTTOM + 8,
        axis_start=_LEFT, axis_end=layout.width - _RIGHT, ticks=tuple(layout.axis),
        arcs=tuple(_arc(edge, layout, _key(edge) in implied) for edge in edges),
        nodes=tuple(_node(view, article_id, layout.points[article_id]) for article_id in view.order))


def implied_edges(reuse: Sequence[ReuseEdge]) -> set[tuple[str, str]]:
    """Directed edges (from, to) that a longer directed path of reuse edges also connects."""
    arrows = {_key(edge) for edge in reuse if edge.directed}
    following: dict[str, set[str]] = {}
    for start, end in arrows:
        following.setdefault(start, set()).add(end)
    return {(start, end) for start, end in arrows if _reaches(following, start, end)}


def _reaches(following: Mapping[str, set[str]], start: str, end: str) -> bool:
    """Whether ``end`` is reachable from ``start`` without the direct edge."""
    seen, stack = {start}, [n for n in following.get(start, ()) if n != end]
    while stack:
        node = stack.pop()
        if node == end:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(following.get(node, ()))
    return False


def _key(edge: ReuseEdge) -> tuple[str, str]:
    if edge.direction == "target->source":
        return edge.target, edge.source
    return edge.source, edge.target


def _layout(view: StoryView) -> _Layout:
    times = [parse_time(view.articles[i].published) for i in view.order]
    known = [t.timestamp() for t in times if t]
    timed = len(known) == len(times) and max(known) > min(known)
    span = (max(known) - min(known)) if timed else 1.0
    inner = max(560.0, min(1100.0, 110.0 * len(view.order)))
    xs = {i: _LEFT + (inner * (t.timestamp() - min(known)) / span if timed and t
                      else (inner * n / max(1, len(view.order) - 1)))
          for n, (i, t) in enumerate(zip(view.order, times, strict=True))}
    points: dict[str, tuple[float, float]] = {}
    rows: list[tuple[float, float]] = []
    y = float(_TOP)
    for row in [*range(len(view.story.origins)), None]:
        members = [i for i in view.order if view.origin_row.get(i) == row]
        if not members:
            continue
        lanes = _lanes([xs[i] for i in members])
        for article_id, lane in zip(members, lanes, strict=True):
            points[article_id] = (xs[article_id], y + _RADIUS + 4 + lane * _LANE)
        bottom = y + (max(lanes) + 1) * _LANE
        rows.append((row, y, bottom))
        y = bottom + _ROW_GAP
    axis = _ticks(min(known), span, inner) if timed else []
    return _Layout(points, rows, _LEFT + inner + _RIGHT, y - _ROW_GAP + _BOTTOM, timed, axis)


def _lanes(xs: Sequence[float]) -> list[int]:
    """A lane per node: the first whose last node is at least ``_GAP`` to the left."""
    ends: list[float] = []
    lanes = []
    for x in xs:
        lane = next((n for n, end in enumerate(ends) if x - end >= _GAP), len(ends))
        if lane == len(ends):
            ends.append(x)
        ends[lane] = x
        lanes.append(lane)
    return lanes


def _ticks(start: float, span: float, inner: float) -> list[tuple[float, str]]:
    """About five time labels along the x axis (hours within a day, else dates)."""
    fmt = "%H:%M" if span <= 36 * 3600 else "%d %b"
    return [(_LEFT + inner * k / 4, datetime.fromtimestamp(start + span * k / 4, UTC).strftime(fmt))
            for k in range(5)]


def _bands(layout: _Layout) -> list[Band]:
    """A tinted band and a label per origin row."""
    bands = []
    for row, top, bottom in layout.rows:
        colour = NO_ORIGIN if row is None else PALETTE[row % len(PALETTE)]
        name = "no origin" if row is None else f"origin {row + 1}"
        bands.append(Band(colour, name, top - 2, layout.width - 8, bottom - top + 2, top + _RADIUS + 8))
    return bands


def _curve(edge: ReuseEdge, layout: _Layout) -> tuple[tuple[float, float], ...]:
    """Start, control and end points of the edge's arc, trimmed to the node circles."""
    start, end = _key(edge)
    (x1, y1), (x2, y2) = layout.points[start], layout.points[end]
    dx, dy = x2 - x1, y2 - y1
    length = math.hypot(dx, dy) or 1.0
    bulge = min(_MAX_BULGE, 0.22 * length) * (1 if dx >= 0 else -1)
    cx, cy = (x1 + x2) / 2 + dy / length * bulge, (y1 + y2) / 2 - dx / length * bulge
    head = _trim((cx, cy), (x2, y2), _RADIUS + 2)
    tail = _trim((cx, cy), (x1, y1), _RADIUS + 1)
    return tail, (cx, cy), head


def _trim(control: tuple[float, float], point: tuple[float, float], by: float) -> tuple[float, float]:
    dx, dy = point[0] - control[0], point[1] - control[1]
    length = math.hypot(dx, dy) or 1.0
    return point[0] - dx / length * by, point[1] - dy / length * by


def _apex_y(edge: ReuseEdge, layout: _Layout) -> float:
    (_, y1), (_, cy), (_, y2) = _curve(edge, layout)
    return 0.25 * y1 + 0.5 * cy + 0.25 * y2


def _arc(edge: ReuseEdge, layout: _Layout, implied: bool) -> Arc:
    start, control, end = _curve(edge, layout)
    share = f", {float(edge.coverage):.0%} shared" if isinstance(edge.coverage, int | float) else ""
    note = " (implied by a chain)" if implied else ""
    tip = f"{edge.kind}{share}, {edge.direction}{note}"
    return Arc(start, control, end, implied, DASH.get(edge.kind, ""), edge.directed, tip)


def _node(view: StoryView, article_id: str, point: tuple[float, float]) -> Node:
    article = view.articles[article_id]
    label = view.label[article_id]
    row = view.origin_row.get(article_id)
    tip = " · ".join(filter(None, (f"{view.number[article_id]}. {label}", article.published,
                                   article.language, article.title)))
    return Node(article_id, point[0], point[1], NO_ORIGIN if row is None else PALETTE[row % len(PALETTE)],
                view.number[article_id], label if len(label) <= 17 else label[:16] + "…", tip)
