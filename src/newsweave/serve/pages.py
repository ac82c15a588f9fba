"""The HTML pages of ``newsweave serve``, server-rendered and usable without JavaScript.

The story page is the report's own template (``story.html``, with the app's navigation); the
other pages are the app's templates, which extend the report's ``base.html`` and use its macros.
Links are the report's ``AppLinks``. Every page's inline style is allowed by its hash in the
Content-Security-Policy header; nothing else inline runs or loads.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from newsweave.report.links import AppLinks
from newsweave.report.story_html import ArticleBlock, story_context
from newsweave.report.templates import make_environment
from newsweave.report.text_marks import reuse_partners, text_pieces
from newsweave.report.view import build_view
from newsweave.reuse.edges import edge_from_json
from newsweave.serve.params import (
    ARTICLE_LIST,
    STORY_LIST,
    BadParameter,
    Params,
    article_filter,
    story_filter,
    story_sort,
)
from newsweave.store.reader import ArticleFilter, BadCursor, Snapshot
from newsweave.store.search import Snippet
from newsweave.stories.build import Story
from newsweave.stories.saved import speaker_key, story_from_json

TEMPLATES = Path(__file__).parent / "templates"
READER_LANGUAGE = "en"
# The <meta> policy of the report's base layout, for the app: forms may go back to the app. The
# header policy (app.py) is stricter and both apply.
PAGE_META_CSP = ("default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                 "form-action 'self'; base-uri 'none'")
HEADER_CSP = ("default-src 'none'; style-src 'self' {hashes}; img-src 'self' data:; "
              "form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
_STYLE = re.compile(r"<style>(.*?)</style>", re.S)
SORT_NAMES = (("latest", "latest first"), ("origins", "most independent origins"),
              ("articles", "most articles"))
RECENT_ARTICLES = 20


class NotFound(LookupError):
    """What a page's path names does not exist."""


class Pages:
    """Renders the pages with the report's templates and the app's own in front of them."""

    def __init__(self) -> None:
        self.environment = make_environment(TEMPLATES)
        self.links = AppLinks()
        self.environment.globals.update(csp=Markup(PAGE_META_CSP), links=self.links)

    def render(self, name: str, status: int = 200, **context: Any) -> HTMLResponse:
        context.setdefault("language", READER_LANGUAGE)
        context.setdefault("links", self.links)
        html = self.environment.get_template(name).render(**context)
        return HTMLResponse(html, status_code=status, headers={"content-security-policy": page_policy(html)})

    def error(self, request: Request | None, status: int, message: str) -> HTMLResponse:
        titles = {400: "Bad request", 401: "Token needed", 404: "Not found", 405: "Read only"}
        return self.render("error.html", status, title=f"{status} {titles.get(status, 'Error')}",
                           message=message)


def page_policy(html: str) -> str:
    """The page's Content-Security-Policy: its own inline style blocks by hash, nothing else inline."""
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(m.encode()).digest()).decode()}'"
                      for m in _STYLE.findall(html))
    return HEADER_CSP.format(hashes=hashes)


PageHandler = Callable[[Request, Snapshot, Pages], Response]


def page(function: PageHandler) -> Callable[[Request], Response]:
    """Run ``function`` in one read snapshot; bad parameters and missing things are error pages."""
    @wraps(function)
    def run(request: Request) -> Response:
        pages: Pages = request.app.state.pages
        try:
            with request.app.state.reader.snapshot() as snap:
                return function(request, snap, pages)
        except (BadParameter, BadCursor) as error:
            return pages.error(request, 400, str(error))
        except NotFound as error:
            return pages.error(request, 404, str(error))
    return run


def _next_url(request: Request, cursor: str | None, **changes: str) -> str | None:
    if not cursor:
        return None
    return _with(request, cursor=cursor, **changes)


def _with(request: Request, **changes: str) -> str:
    """This page's URL with some parameters changed."""
    values = {**request.query_params, **changes}
    return f"{request.url.path}?{urlencode(values)}"


def _form(request: Request, *names: str) -> dict[str, str]:
    return {name: request.query_params.get(name, "") for name in names}


@page
def story_list(request: Request, snap: Snapshot, pages: Pages) -> Response:
    params = Params(request.query_params, STORY_LIST)
    stories = snap.stories(story_filter(params), story_sort(params), params.limit(), params.cursor())
    query = {k: v for k, v in request.query_params.items() if k not in ("cursor", "format")}
    return pages.render(
        "stories.html", title="Stories", stories=stories.items, sorts=SORT_NAMES,
        form={**_form(request, *STORY_LIST), "sort": story_sort(params)},
        next_url=_next_url(request, stories.next),
        export_csv="/api/stories?" + urlencode({**query, "format": "csv"}),
        export_jsonl="/api/stories?" + urlencode({**query, "format": "jsonl"}))


@page
def story_page(request: Request, snap: Snapshot, pages: Pages) -> Response:
    Params(request.query_params, ())
    data = snap.story(request.path_params["story_id"])
    if data is None:
        raise NotFound("No story with this id: the story list links every story.")
    story = story_from_json(data)
    articles = snap.article_records(story.articles)
    related = snap.story_titles(story.related)
    view = build_view(story, articles, READER_LANGUAGE, related)
    return pages.render("live_story.html", **story_context(view, pages.links))


@page
def article_list(request: Request, snap: Snapshot, pages: Pages) -> Response:
    params = Params(request.query_params, ARTICLE_LIST)
    articles = snap.articles(article_filter(params), params.limit(), params.cursor())
    query = {k: v for k, v in request.query_params.items() if k not in ("cursor", "format")}
    return pages.render(
        "articles.html", title="Articles, latest stored first", articles=articles.items,
        form=_form(request, *ARTICLE_LIST), next_url=_next_url(request, articles.next),
        export_csv="/api/articles?" + urlencode({**query, "format": "csv"}),
        export_jsonl="/api/articles?" + urlencode({**query, "format": "jsonl"}))


@page
def article_page(request: Request, snap: Snapshot, pages: Pages) -> Response:
    Params(request.query_params, ())
    article_id = request.path_params["article_id"]
    edges = snap.reuse_of(article_id)
    others = [edge["other"]["id"] for edge in edges]
    articles = snap.article_records([article_id, *others])
    if article_id not in articles:
        raise NotFound("No article with this id.")
    article = articles[article_id]
    # A story of the article and its reuse partners, so the report's marking applies as is.
    reuse = tuple(edge_from_json(edge) for edge in edges)
    neighbourhood = Story(id="", title=article.title, articles=(article_id, *others), languages=(),
                          origins=(), reuse=reuse)
    view = build_view(neighbourhood, articles, READER_LANGUAGE)
    relation = dict(reuse_partners(reuse, article_id))
    story_id = snap.story_of(article_id)
    return pages.render(
        "article.html", title=article.title or "(untitled)", language=READER_LANGUAGE,
        block=ArticleBlock(article, (), tuple(text_pieces(view, article))),
        edges=[{**edge, "relation": relation.get(edge["other"]["id"], edge["kind"])} for edge in edges],
        story_id=story_id, story_title=snap.story_titles([story_id]).get(story_id) if story_id else None)


@page
def search_page(request: Request, snap: Snapshot, pages: Pages) -> Response:
    params = Params(request.query_params, ("q", "limit", "cursor"))
    text, query = params.text("q"), params.query()
    if text and query is None:
        raise BadParameter("The search has no word in it: give letters or digits.")
    groups, next_url = None, None
    if query is not None:
        results = snap.search(query, params.limit(), params.cursor())
        groups = _grouped(results.items, snap)
        next_url = _next_url(request, results.next)
    title = f"Search: {text}" if text else "Search"
    return pages.render("search.html", title=title, form={"q": text or ""}, groups=groups, next_url=next_url)


def _grouped(results: list[dict[str, Any]], snap: Snapshot) -> list[dict[str, Any]]:
    """Results by story, in the order of each story's best result."""
    titles = snap.story_titles([r["story"] for r in results if r["story"]])
    groups: dict[str | None, dict[str, Any]] = {}
    for result in results:
        group = groups.setdefault(result["story"], {"story": result["story"], "results": [],
                                                    "title": titles.get(result["story"] or "")})
        snippet = Snippet(result["snippet"], tuple(tuple(m) for m in result["marks"]))
        group["results"].append({**result, "parts": snippet_parts(snippet)})
    return list(groups.values())


def snippet_parts(snippet: Snippet) -> list[tuple[str, bool]]:
    """The snippet as (text, marked) runs, for the template to escape and mark."""
    parts, at = [], 0
    for start, end in snippet.marks:
        if start < at:
            continue
        parts += [(snippet.text[at:start], False), (snippet.text[start:end], True)]
        at = end
    parts.append((snippet.text[at:], False))
    return [part for part in parts if part[0]]


@page
def speaker_list(request: Request, snap: Snapshot, pages: Pages) -> Response:
    params = Params(request.query_params, ("q", "limit", "cursor"))
    speakers = snap.speakers(params.text("q"), params.limit(), params.cursor())
    return pages.render("speakers.html", title="Speakers", speakers=speakers.items,
                        form=_form(request, "q"), next_url=_next_url(request, speakers.next))


@page
def speaker_page(request: Request, snap: Snapshot, pages: Pages) -> Response:
    params = Params(request.query_params, ("limit", "cursor"))
    found = snap.speaker(speaker_key(request.path_params["key"]), params.limit(), params.cursor())
    if found is None:
        raise NotFound("No speaker with this name.")
    return pages.render("speaker.html", title=found["name"], speaker=found,
                        next_url=_next_url(request, found["next"]))


@page
def outlet_list(request: Request, snap: Snapshot, pages: Pages) -> Response:
    params = Params(request.query_params, ("limit", "cursor"))
    outlets = snap.outlets(params.limit(), params.cursor())
    return pages.render("outlets.html", title="Outlets", outlets=outlets.items,
                        next_url=_next_url(request, outlets.next))


@page
def outlet_page(request: Request, snap: Snapshot, pages: Pages) -> Response:
    Params(request.query_params, ())
    key = request.path_params["key"]
    found = snap.outlet(key)
    if found is None:
        raise NotFound("No outlet with this name.")
    recent = snap.articles(ArticleFilter(source=key), RECENT_ARTICLES, None).items
    return pages.render("outlet.html", title=key, outlet=found, recent=recent,
                        all_articles="/articles?" + urlencode({"source": key}))


ROUTES = [
    Route("/", story_list),
    Route("/stories/{story_id}", story_page),
    Route("/articles", article_list),
    Route("/articles/{article_id}", article_page),
    Route("/search", search_page),
    Route("/speakers", speaker_list),
    Route("/speakers/{key:path}", speaker_page),
    Route("/outlets", outlet_list),
    Route("/outlets/{key:path}", outlet_page),
]
