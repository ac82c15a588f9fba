"""Starting the server: checks before listening (a store to serve, a token off loopback), the
store brought to the current schema once, then uvicorn."""

from __future__ import annotations

import ipaddress
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from newsweave.errors import NewsweaveError
from newsweave.store import Store

if TYPE_CHECKING:
    from starlette.applications import Starlette

LOOPBACK_NAMES = ("localhost",)
# How `serve --workers N` hands its settings to the worker processes uvicorn starts.
_SETTINGS_VARIABLE = "NEWSWEAVE_SERVE_SETTINGS"


class ServeError(NewsweaveError):
    """The server cannot start as asked."""


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_start(db_path: str, host: str, token: str | None) -> None:
    """Refuse to serve what is not a store, or to listen beyond loopback without a token."""
    if not is_loopback(host) and not token:
        raise ServeError(f"--host {host} listens beyond this machine: give --token (or set "
                         "NEWSWEAVE_TOKEN) so every request must carry it")
    if token is not None and len(token) < 16:
        raise ServeError("the token is shorter than 16 characters: use a long random one "
                         "(python -c 'import secrets; print(secrets.token_urlsafe())')")
    if not Path(db_path).is_file():
        raise ServeError(f"no store at {db_path}: create one with newsweave ingest or run")
    try:
        Store(db_path).close()  # brings an older store to the current schema, once, before reading
    except NewsweaveError as error:
        raise ServeError(str(error)) from error


def serve(db_path: str, host: str, port: int, token: str | None, workers: int = 1, *,
          cache_bytes: int = 64 * 1024 * 1024, on_ready: Callable[[str], None] = lambda url: None) -> None:
    """Serve the store until interrupted, in ``workers`` processes (each with its own readers)."""
    import uvicorn

    from newsweave.serve.app import create_app

    check_start(db_path, host, token)
    hosts = None if token else [host, "localhost", "127.0.0.1", "[::1]", "::1"]
    on_ready(f"http://{host if ':' not in host else f'[{host}]'}:{port}/")
    options = {"host": host, "port": port, "log_level": "warning", "server_header": False}
    if workers == 1:
        uvicorn.run(create_app(db_path, token=token, allowed_hosts=hosts, cache_bytes=cache_bytes), **options)
        return
    os.environ[_SETTINGS_VARIABLE] = json.dumps({"db": str(Path(db_path).resolve()), "token": token,
                                                 "hosts": hosts, "cache_bytes": cache_bytes})
    uvicorn.run("newsweave.serve.server:app_from_environment", factory=True, workers=workers, **options)


def app_from_environment() -> Starlette:
    """The app of a worker process of ``serve --workers N``."""
    from newsweave.serve.app import create_app

    settings = json.loads(os.environ[_SETTINGS_VARIABLE])
    return create_app(settings["db"], token=settings["token"], allowed_hosts=settings["hosts"],
                      cache_bytes=settings["cache_bytes"])
