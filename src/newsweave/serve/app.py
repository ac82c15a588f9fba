"""The ASGI app of ``newsweave serve``: the JSON API and the HTML pages over one store, read only.

Every response carries a strict Content-Security-Policy (no script, nothing from elsewhere);
with a token, every request needs ``Authorization: Bearer <token>`` (401 otherwise). Only the
app's own static files are served from disk (Starlette's StaticFiles keeps paths inside them).
"""

from __future__ import annotations

import hmac
import logging
from collections.abc import Sequence
from pathlib import Path

from starlette.applications import Starlette
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsweave.serve import api, pages
from newsweave.serve.cache import DEFAULT_BYTES, CachingMiddleware
from newsweave.store.reader import StoreReader

STATIC = Path(__file__).parent / "static"
# Pages: styles from the app's own stylesheet only, no script at all, forms only back to the app.
CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-resource-policy": "same-origin",
}
log = logging.getLogger(__name__)


class Guard:
    """Checks the bearer token of every request and sets the security headers of every response."""

    def __init__(self, app: ASGIApp, token: str | None, renderer: pages.Pages | None = None) -> None:
        self.app = app
        self.token = token.encode() if token else None
        self.pages = renderer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("content-security-policy", CSP)
                for name, value in SECURITY_HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        if self.token is not None and not self._authorised(scope):
            response = self._unauthorised(scope["path"])
            response.headers["www-authenticate"] = 'Bearer realm="newsweave"'
            await response(scope, receive, send_secured)
            return
        await self.app(scope, receive, send_secured)

    def _unauthorised(self, path: str) -> Response:
        """A 401: JSON under /api (and without pages), a small HTML page elsewhere."""
        message = "This server needs a token: send the header 'Authorization: Bearer <token>'."
        if self.pages is None or path == "/api" or path.startswith("/api/"):
            return api.error_response(401, message)
        return self.pages.error(None, 401, message)

    def _authorised(self, scope: Scope) -> bool:
        given = Headers(scope=scope).get("authorization", "")
        scheme, _, credentials = given.partition(" ")
        return scheme.lower() == "bearer" and hmac.compare_digest(credentials.strip().encode(), self.token)


def _http_error(request: Request, error: Exception) -> Response:
    status = getattr(error, "status_code", 500)
    messages = {404: f"nothing at {request.url.path}: the API is described at /api/openapi.json",
                405: f"{request.method} is not allowed here: the server is read only (GET)"}
    return _error(request, status, messages.get(status, str(getattr(error, "detail", "error"))))


def _server_error(request: Request, error: Exception) -> Response:
    log.exception("error answering %s", request.url.path, exc_info=error)
    return _error(request, 500, "the server failed to answer; the error is in its log")


def _error(request: Request, status: int, message: str) -> Response:
    pages = getattr(request.app.state, "pages", None)
    if pages is None or request.url.path.startswith("/api"):
        return api.error_response(status, message)
    return pages.error(request, status, message)


def create_app(db_path: str | Path, *, token: str | None = None,
               allowed_hosts: Sequence[str] | None = None, cache_bytes: int = DEFAULT_BYTES) -> Starlette:
    """The app over the store at ``db_path``.

    Args:
        db_path: an existing store (``newsweave ingest`` creates one).
        token: when given, every request needs ``Authorization: Bearer <token>``.
        allowed_hosts: Host headers to answer (against DNS rebinding); ``None`` answers any.
        cache_bytes: memory for answers kept until the store changes (``cache.py``); 0 keeps none.

    Raises:
        FileNotFoundError: no store at ``db_path``.
    """
    reader = StoreReader(db_path)
    renderer = pages.Pages()
    middleware = [Middleware(Guard, token=token, renderer=renderer)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    if cache_bytes:
        middleware.append(Middleware(CachingMiddleware, version=reader.data_version, max_bytes=cache_bytes,
                                     private=token is not None))
    routes = [*api.ROUTES, *pages.ROUTES, Mount("/static", app=StaticFiles(directory=STATIC), name="static")]
    app = Starlette(routes=routes, middleware=middleware,
                    exception_handlers={HTTPException: _http_error, Exception: _server_error})
    app.state.reader = reader
    app.state.pages = renderer
    return app
