"""The one set of Jinja2 templates that renders every HTML page: the static report's and the
live app's. ``base.html`` is the page (policy, styles, blocks ``title``, ``head``, ``nav`` and
``content``); ``index.html`` and ``story.html`` extend it; ``parts.html`` holds the macros for
the repeated pieces (chips, citations, quote groups, outlet differences, removed lines, article
blocks) and ``graph.html`` the reuse graph's SVG. The live app adds its own templates in front
of these with ``make_environment`` and extends ``base.html``.

Every template is autoescaped (article text is hostile) and a missing variable is an error, not
an empty string (``StrictUndefined``), so a page never silently loses a part.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from newsweave.report.html import CSP, NO_ORIGIN, PALETTE, counted, safe_url, shortened, shown_time
from newsweave.report.view import article_anchor, sentence_anchor

FOLDER = Path(__file__).parent


def make_environment(*folders: str | Path) -> jinja2.Environment:
    """An environment over these templates, with ``folders`` searched first (an app's own pages,
    or overrides of ours), and the helpers the templates call."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader([*map(str, folders), str(FOLDER)]),
        autoescape=True, undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    environment.globals.update(
        csp=Markup(CSP), palette=PALETTE, no_origin=NO_ORIGIN, counted=counted, safe_url=safe_url,
        shown_time=shown_time, shortened=shortened, article_anchor=article_anchor,
        sentence_anchor=sentence_anchor, whole=whole, tenths=tenths)
    return environment


def whole(value: float) -> str:
    """A coordinate of the reuse graph, rounded to a whole number."""
    return format(value, ".0f")


def tenths(value: float) -> str:
    """A coordinate of the reuse graph, to a tenth."""
    return format(value, ".1f")


@cache
def environment() -> jinja2.Environment:
    """The report's own environment (built once)."""
    return make_environment()


def render(name: str, **context: Any) -> str:
    """The template ``name`` rendered with ``context``."""
    return environment().get_template(name).render(**context)
