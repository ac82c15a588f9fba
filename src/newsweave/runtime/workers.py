"""The worker processes of newsweave's parallel stages (ingest, embedding, the stories' briefs),
or another engine's (Spark's executors) in their place."""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from contextvars import ContextVar
from multiprocessing import forkserver
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")
# Another engine's map: ``mapper(function, items)`` gives ``function`` of each item, in order.
Mapper = Callable[[Callable, Sequence], Iterable]
# Fewer items than this run here: starting or feeding workers costs more than they save.
PARALLEL_MIN_ITEMS = 4


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` processes forked from one fork server, not from this process (which
    may hold lingua's threads and an open SQLite handle); the server loads what every worker
    needs once (``worker_start``) and forks the workers from there."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsweave.runtime.worker_start"])
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_exit_with_parent)


def start_fork_server() -> None:
    """Start the workers' fork server now, not with the first pool. Started while this process
    ignores SIGINT, the server and every worker forked from it ignore it too (an ignored signal
    stays ignored across exec, and the fork server gives its children the handlers it started
    with): the watch uses this so that Ctrl-C stops the watch, not the analysis under way."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsweave.runtime.worker_start"])
    forkserver.ensure_running()


def _exit_with_parent() -> None:
    """In each worker: exit when the process that started the pool is gone. Killed (SIGKILL),
    that process cannot shut the pool down, and its workers would wait for tasks forever (and
    with them the fork server), holding memory and the run's output streams."""
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (parent.join(), os._exit(1)), daemon=True).start()


def default_workers(workers: int | None = None) -> int:
    """``workers``, or one per core where it is not given."""
    return workers if workers is not None else (os.cpu_count() or 1)


class LazyPool:
    """A pool of ``workers`` processes started on first use, so that a run too small to need
    workers starts none; ``mapper``, where given, is another engine's map in its place."""

    def __init__(self, workers: int | None = None, mapper: Mapper | None = None) -> None:
        self.workers = default_workers(workers)
        self.mapper = mapper
        self._pool: ProcessPoolExecutor | None = None

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool = worker_pool(self.workers)
        return self._pool

    def map(self, function: Callable[[Item], Result], items: Sequence[Item],
            min_items: int = PARALLEL_MIN_ITEMS, chunksize: int = 1) -> Iterable[Result]:
        """``function`` of each item, in order: here when there are fewer than ``min_items``
        items or no second core, else on the other engine or in the workers (where the tasks
        are queued now and the results come as they are iterated)."""
        if len(items) < min_items or (self.workers < 2 and self.mapper is None):
            return map(function, items)
        if self.mapper is not None:
            return self.mapper(function, items)
        return self.pool().map(function, items, chunksize=chunksize)

    def close(self, cancel: bool = False) -> None:
        """Waits for the workers to finish; ``cancel`` drops the tasks not yet started."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=cancel)


_SHARED: ContextVar[LazyPool | None] = ContextVar("shared_workers", default=None)


@contextmanager
def shared_workers(workers: int | None = None, mapper: Mapper | None = None) -> Iterator[None]:
    """Every ``parallel_map`` inside uses one pool, so that each worker loads its models once
    for a whole run (leads, reuse's sentences, the stories' briefs), not per stage; or, given a
    ``mapper``, sends the work to another engine (``spark.spark_mapper``). Inside another
    ``shared_workers``, given neither, the outer one goes on."""
    if _SHARED.get() is not None and workers is None and mapper is None:
        yield
        return
    shared = LazyPool(workers, mapper)
    token = _SHARED.set(shared)
    try:
        yield
    finally:
        _SHARED.reset(token)
        shared.close()


def parallel_map(function: Callable[[Item], Result], items: Sequence[Item],
                 min_items: int = PARALLEL_MIN_ITEMS) -> Iterator[Result]:
    """``function`` of each item, in order, as ``LazyPool.map`` runs it: on the pool or engine
    of ``shared_workers`` when inside it, else on a pool for this call. ``function`` must be
    importable by name (a module-level function)."""
    shared = _SHARED.get()
    if shared is not None:
        yield from shared.map(function, items, min_items)
        return
    pool = LazyPool()
    try:
        yield from pool.map(function, items, min_items)
    finally:
        pool.close()
