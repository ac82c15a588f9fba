"""Helpers shared by the ingest tests: write a fixture file, run an ingest in one process."""

from __future__ import annotations

from pathlib import Path

from newsweave.runtime.ingest import RunSummary, ingest
from newsweave.store import Store


def write(path: Path, data: bytes | str) -> Path:
    """Write text or bytes to ``path``, creating its folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def run(store: Store, *paths: Path | str, **options) -> RunSummary:
    """Ingest the paths in this process (no worker pool: fixtures are small)."""
    return ingest(store, [str(p) for p in paths], workers=1, **options)
