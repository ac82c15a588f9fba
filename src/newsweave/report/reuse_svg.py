"""The reuse graph of a story as an inline SVG: no script, no network.

Articles are nodes laid out by publication order (x) and origin (y), coloured by origin; edges
are styled by kind (copy solid, translation dashed, partial dotted) with an arrow where the
direction is known.
"""

from __future__ import annotations

from html import escape

_PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#319795", "#718096")
_STYLE = {"copy": "", "translation": ' stroke-dasharray="7 4"', "partial": ' stroke-dasharray="2 4"'}
_X, _Y, _MARGIN = 120, 70, 60


def reuse_svg(story, labels: dict[str, str]) -> str:
    """The SVG for a story; ``labels`` gives each article's short name (its outlet)."""
    origin_row = {member: row for row, origin in enumerate(story.origins) for member in origin.articles}
    position = {article: (_MARGIN + column * _X, _MARGIN + origin_row.get(article, 0) * _Y)
                for column, article in enumerate(story.articles)}
    width = _MARGIN * 2 + max(0, len(story.articles) - 1) * _X
    height = _MARGIN * 2 + max(0, len(story.origins) - 1) * _Y
    edges = "".join(_edge(edge, position) for edge in story.reuse)
    nodes = "".join(_node(article, position[article], origin_row.get(article, 0), labels)
                    for article in story.articles)
    return (f'<svg class="reuse" role="img" aria-label="reuse graph" xmlns="http://www.w3.org/2000/svg" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">'
            '<defs><marker id="arrow" viewBox="0 0 10 10" refX="18" refY="5" markerWidth="7" '
            'markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" '
            'fill="#4a5568"/></marker></defs>'
            f"{edges}{nodes}</svg>")


def _edge(edge: dict, position: dict) -> str:
    if edge["source"] not in position or edge["target"] not in position:
        return ""
    (x1, y1), (x2, y2) = position[edge["source"]], position[edge["target"]]
    arrow = ' marker-end="url(#arrow)"' if edge["direction"] != "unknown" else ""
    title = escape(f"{edge['kind']}, coverage {edge['coverage']:.2f}, {edge['direction']}")
    return (f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#4a5568" stroke-width="1.5"'
            f'{_STYLE.get(edge["kind"], "")}{arrow}><title>{title}</title></line>')


def _node(article: str, point: tuple[int, int], row: int, labels: dict[str, str]) -> str:
    x, y = point
    label = escape(labels.get(article, article)[:18])
    colour = _PALETTE[row % len(_PALETTE)]
    return (f'<g><circle cx="{x}" cy="{y}" r="9" fill="{colour}"><title>{label}</title></circle>'
            f'<text x="{x}" y="{y + 24}" text-anchor="middle" font-size="11">{label}</text></g>')
