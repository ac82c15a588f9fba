"""The OpenAPI description of the JSON API, served at ``/api/openapi.json``."""

from __future__ import annotations

from typing import Any

from newsweave import __version__


def _query(name: str, description: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description,
            "schema": schema or {"type": "string"}}


def _path(name: str, description: str) -> dict[str, Any]:
    return {"name": name, "in": "path", "required": True, "description": description,
            "schema": {"type": "string"}}


_PAGE = [
    _query("limit", "Items per page, 1-500.",
           {"type": "integer", "minimum": 1, "maximum": 500, "default": 50}),
    _query("cursor", "The `next` value of the previous page (opaque)."),
]
_EXPORT = _query("format", "json (default), csv or jsonl; exports carry the next page in a Link header.",
                 {"type": "string", "enum": ["json", "csv", "jsonl"], "default": "json"})
_DATES = [_query("since", "ISO date or time (UTC when no zone)."),
          _query("until", "ISO date (through its end) or time.")]
_ERROR = {"description": "Error",
          "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _ok(description: str, key: str, item: dict[str, Any], paged: bool = False) -> dict[str, Any]:
    properties: dict[str, Any] = {"ok": {"type": "boolean", "const": True}, key: item}
    if paged:
        properties["next"] = {"type": ["string", "null"]}
    return {"description": description,
            "content": {"application/json": {"schema": {"type": "object", "properties": properties}}}}


def _get(summary: str, parameters: list[dict[str, Any]], ok: dict[str, Any]) -> dict[str, Any]:
    return {"get": {"summary": summary, "parameters": parameters,
                    "responses": {"200": ok, "400": _ERROR, "401": _ERROR, "404": _ERROR}}}


_OBJECT = {"type": "object"}
_LIST = {"type": "array", "items": _OBJECT}
_SUMMARY = {"type": "array", "items": {"$ref": "#/components/schemas/StorySummary"}}

OPENAPI: dict[str, Any] = {
    "openapi": "3.1.0",
    "info": {"title": "newsweave", "version": __version__,
             "description": "Stories, articles, speakers and outlets of a newsweave store (read only). "
                            "With a token, every request needs `Authorization: Bearer <token>`."},
    "components": {
        "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        "schemas": {
            "Error": {"type": "object", "required": ["ok", "status", "error"],
                      "properties": {"ok": {"const": False}, "status": {"type": "integer"},
                                     "error": {"type": "string"}}},
            "StorySummary": {"type": "object", "properties": {
                "id": {"type": "string"}, "title": {"type": ["string", "null"]},
                "articles": {"type": "integer"}, "independent_origins": {"type": "integer"},
                "languages": {"type": "array", "items": {"type": "string"}},
                "first": {"type": ["string", "null"]}, "last": {"type": ["string", "null"]}}},
        },
    },
    "security": [{"bearer": []}],
    "paths": {
        "/api/stories": _get("Stories, filtered and sorted", [
            _query("q", "Full-text query: stories with an article holding every word."),
            _query("language", "Stories with an article in this language (ISO 639-1)."),
            _query("source", "Stories with an article from this outlet."), *_DATES,
            _query("min_origins", "Least number of independent origins.", {"type": "integer", "minimum": 0}),
            _query("sort", "latest (default), origins or articles.",
                   {"type": "string", "enum": ["latest", "origins", "articles"]}),
            *_PAGE, _EXPORT], _ok("A page of stories", "stories", _SUMMARY, paged=True)),
        "/api/stories/{id}": _get("One story: the story object of stories.json",
                                  [_path("id", "Story id (s-...)")], _ok("The story", "story", _OBJECT)),
        "/api/articles": _get("Articles, most recently stored first", [
            _query("source", "Only this outlet."), _query("language", "Only this language."), *_DATES,
            _query("sort", "latest", {"type": "string", "enum": ["latest"]}), *_PAGE, _EXPORT],
            _ok("A page of articles", "articles", _LIST, paged=True)),
        "/api/articles/{id}": _get("One article (the article object of stories.json), its story and "
                                   "its reuse edges in and out", [_path("id", "Article id")],
                                   _ok("The article", "article", _OBJECT)),
        "/api/search": _get("Full-text search over every article; FTS5 syntax is searched as words",
                            [_query("q", "Words to find (all of them); \"quoted words\" as a phrase."),
                             *_PAGE],
                            _ok("A page of results, best first", "results", _LIST, paged=True)),
        "/api/speakers": _get("Speakers by number of quotes", [_query("q", "Part of the name."), *_PAGE],
                              _ok("A page of speakers", "speakers", _LIST, paged=True)),
        "/api/speakers/{key}": _get("Every statement of one speaker, by quote group",
                                    [_path("key", "Speaker key"), *_PAGE],
                                    _ok("The speaker", "speaker", _OBJECT, paged=True)),
        "/api/outlets": _get("Outlets by number of articles", _PAGE,
                             _ok("A page of outlets", "outlets", _LIST, paged=True)),
        "/api/outlets/{key}": _get("One outlet: what it publishes, whom it takes text from, who takes "
                                   "from it, its share of own origins", [_path("key", "Outlet name")],
                                   _ok("The outlet", "outlet", _OBJECT)),
    },
}
