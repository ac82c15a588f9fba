"""The worker processes of newsweave's parallel stages (ingest, lead embedding)."""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes forked from one fork server, not from this process (which
    may hold lingua's threads and an open SQLite handle); the server loads what every worker
    needs once (``worker_start``) and forks the workers from there."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsweave.worker_start"])
    return ProcessPoolExecutor(workers, mp_context=context)
