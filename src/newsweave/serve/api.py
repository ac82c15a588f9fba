"""The JSON API: lists with keyset pages (``next`` cursor), one object per story, article,
speaker and outlet, CSV and JSON Lines exports of the story and article lists, and one error shape
``{"ok": false, "status", "error"}``. Fields may be added, never removed."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Sequence
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from newsweave.report.stories_json import article_json
from newsweave.serve.openapi import OPENAPI
from newsweave.serve.params import (
    ARTICLE_LIST,
    STORY_LIST,
    BadParameter,
    Params,
    article_filter,
    story_filter,
    story_sort,
)
from newsweave.store.reader import BadCursor, Page, Snapshot

STORY_COLUMNS = ("id", "title", "articles", "independent_origins", "languages", "first", "last")
ARTICLE_COLUMNS = ("id", "url", "title", "source", "published", "language", "story")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # a spreadsheet runs a cell starting so


class NotFound(LookupError):
    """What a path names does not exist."""


def error_response(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "status": status, "error": message}, status_code=status)


Endpoint = Callable[[Request, Snapshot], Response]


def endpoint(function: Endpoint) -> Callable[[Request], Response]:
    """Run ``function`` in one read snapshot; a bad parameter is a 400, a missing thing a 404."""
    @wraps(function)
    def run(request: Request) -> Response:
        try:
            with request.app.state.reader.snapshot() as snap:
                return function(request, snap)
        except (BadParameter, BadCursor) as error:
            return error_response(400, str(error))
        except NotFound as error:
            return error_response(404, str(error))
    return run


@endpoint
def stories(request: Request, snap: Snapshot) -> Response:
    params = Params(request.query_params, STORY_LIST)
    page = snap.stories(story_filter(params), story_sort(params), params.limit(), params.cursor())
    return _listing(request, params, "stories", page, STORY_COLUMNS)


@endpoint
def story(request: Request, snap: Snapshot) -> Response:
    Params(request.query_params, ())
    found = snap.story(request.path_params["story_id"])
    if found is None:
        raise NotFound("no story with this id: story ids are listed by /api/stories")
    return JSONResponse({"ok": True, "story": found})


@endpoint
def articles(request: Request, snap: Snapshot) -> Response:
    params = Params(request.query_params, ARTICLE_LIST)
    page = snap.articles(article_filter(params), params.limit(), params.cursor())
    return _listing(request, params, "articles", page, ARTICLE_COLUMNS)


@endpoint
def article(request: Request, snap: Snapshot) -> Response:
    Params(request.query_params, ())
    article_id = request.path_params["article_id"]
    found = snap.article_records([article_id]).get(article_id)
    if found is None:
        raise NotFound("no article with this id: article ids are listed by /api/articles")
    reuse = [{k: v for k, v in edge.items() if k not in ("other", "role")}
             for edge in snap.reuse_of(article_id)]
    return JSONResponse({"ok": True, "article": article_json(found), "story": snap.story_of(article_id),
                         "reuse": reuse})


@endpoint
def search(request: Request, snap: Snapshot) -> Response:
    params = Params(request.query_params, ("q", "limit", "cursor"))
    query = params.query()
    if query is None:
        raise BadParameter("q is required and needs a word (letters or digits) to search for")
    page = snap.search(query, params.limit(), params.cursor())
    return JSONResponse({"ok": True, "results": page.items, "next": page.next})


@endpoint
def speakers(request: Request, snap: Snapshot) -> Response:
    params = Params(request.query_params, ("q", "limit", "cursor"))
    page = snap.speakers(params.text("q"), params.limit(), params.cursor())
    return JSONResponse({"ok": True, "speakers": page.items, "next": page.next})


@endpoint
def speaker(request: Request, snap: Snapshot) -> Response:
    params = Params(request.query_params, ("limit", "cursor"))
    found = snap.speaker(request.path_params["key"], params.limit(), params.cursor())
    if found is None:
        raise NotFound("no speaker with this key: keys are listed by /api/speakers")
    next_cursor = found.pop("next")
    return JSONResponse({"ok": True, "speaker": found, "next": next_cursor})


@endpoint
def outlets(request: Request, snap: Snapshot) -> Response:
    params = Params(request.query_params, ("limit", "cursor"))
    page = snap.outlets(params.limit(), params.cursor())
    return JSONResponse({"ok": True, "outlets": page.items, "next": page.next})


@endpoint
def outlet(request: Request, snap: Snapshot) -> Response:
    Params(request.query_params, ())
    found = snap.outlet(request.path_params["key"])
    if found is None:
        raise NotFound("no outlet with this name: outlets are listed by /api/outlets")
    return JSONResponse({"ok": True, "outlet": found})


def openapi(request: Request) -> Response:
    return JSONResponse(OPENAPI)


def _listing(request: Request, params: Params, key: str, page: Page, columns: Sequence[str]) -> Response:
    """A list page as JSON, CSV or JSON Lines (the exports carry the next page in a Link header)."""
    form = params.export_format()
    if form == "json":
        return JSONResponse({"ok": True, key: page.items, "next": page.next})
    headers = {}
    if page.next:
        following = {**request.query_params, "cursor": page.next}
        headers["Link"] = f'<{request.url.path}?{urlencode(following)}>; rel="next"'
    if form == "jsonl":
        body = "".join(json.dumps(item, ensure_ascii=False) + "\n" for item in page.items)
        return Response(body, media_type="application/x-ndjson; charset=utf-8", headers=headers)
    return Response(_csv(page.items, columns), media_type="text/csv; charset=utf-8",
                    headers={**headers, "Content-Disposition": f'attachment; filename="{key}.csv"'})


def _csv(items: list[dict[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for item in items:
        writer.writerow([_cell(item[column]) for column in columns])
    return buffer.getvalue()


def _cell(value: Any) -> str:
    """A CSV cell; lists joined by ';', and text a spreadsheet would run as a formula quoted."""
    if value is None:
        return ""
    if isinstance(value, int | float):
        return str(value)
    text = ";".join(value) if isinstance(value, list) else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


ROUTES = [
    Route("/api/stories", stories),
    Route("/api/stories/{story_id}", story),
    Route("/api/articles", articles),
    Route("/api/articles/{article_id}", article),
    Route("/api/search", search),
    Route("/api/speakers", speakers),
    Route("/api/speakers/{key:path}", speaker),
    Route("/api/outlets", outlets),
    Route("/api/outlets/{key:path}", outlet),
    Route("/api/openapi.json", openapi),
]
