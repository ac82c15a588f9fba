"""The ingest pipeline: read, extract, clean, identify languages, split sentences, store.

Per-article work is plain functions over immutable records (``build_article``), so the same code
runs here in one process and inside a Spark ``mapPartitions``. The corpus-level part is the
count of lines recurring across an outlet's articles, kept in the store so it grows with it.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from urllib.parse import urlsplit

from newsweave.errors import StoreError
from newsweave.readers import HtmlPage, Item, ReadOptions, discover, read_found
from newsweave.readers.html import extract_page
from newsweave.records import Article, RawDocument, Rejection
from newsweave.runtime.workers import LazyPool
from newsweave.store import Store
from newsweave.store.sqlite import BatchCounts
from newsweave.text.clean import clean_document, line_key, normalise_text
from newsweave.text.language import TextLanguages
from newsweave.text.sentences import split_sentences
from newsweave.text.tags import language_tag

BATCH_SIZE = 128
# A line held by this many of one outlet's articles is that outlet's furniture (a tagline, a
# subscription pitch); two could be a follow-up quoting the same paragraph.
RECURRING_MIN_ARTICLES = 3
# Below this many pages in a batch, starting worker processes costs more than it saves.
_PARALLEL_MIN_ITEMS = 8
_TITLE_CHARS = 160
_EDGE_LINES = 3


@dataclass(frozen=True, slots=True)
class Prepared:
    """A raw document with normalised text, its id and its line keys, before cleaning."""

    document: RawDocument
    id: str
    line_keys: tuple[int, ...]  # in text order


@dataclass(slots=True)
class RunSummary:
    """What a run did: counts for the summary line (as the store counted them, so that the
    console and ``newsweave runs`` agree), and this run's rejections."""

    run_id: int
    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    seconds: float = 0.0
    started: float = field(default_factory=time.perf_counter, repr=False)  # perf_counter() at start
    files: int | None = None  # the input files found, once known
    files_read: int = 0  # the files read so far (reading runs ahead of storing)

    @property
    def articles(self) -> int:
        """Articles this run's inputs hold (new and already stored)."""
        return self.stored + self.duplicates

    def add(self, counts: BatchCounts, rejections: Sequence[Rejection]) -> None:
        """Count a stored batch in."""
        self.stored += counts.stored
        self.duplicates += counts.duplicates
        self.rejected += counts.rejected
        self.rejections.extend(rejections)
        self.seconds = time.perf_counter() - self.started


def ingest(store: Store, inputs: Sequence[str], *, options: ReadOptions | None = None,
           workers: int | None = None, batch_size: int = BATCH_SIZE,
           on_progress: Callable[[RunSummary], None] | None = None) -> RunSummary:
    """Read the inputs into the store and return what happened.

    Articles are stored a batch at a time, each batch in one transaction; the reading runs up
    to two batches ahead of the storing, so that the workers always have a batch in hand. A
    run killed half-way keeps every batch it stored, and the next run of the same inputs
    stores the rest.

    Args:
        store: where articles, rejections and the run record go.
        inputs: files, folders, globs, or ``-`` for stdin.
        options: how to read (size limit, fetching).
        workers: processes for HTML extraction and cleaning (default: the number of cores).
        on_progress: called after every batch with the running summary.

    Example:
        >>> with Store(":memory:") as store:
        ...     summary = ingest(store, ["articles/"])  # doctest: +SKIP
    """
    with recorded_run(store, inputs) as summary, Workers(workers) as pool:
        # Each batch is handed to the workers before the one ahead of it is stored, so that
        # they build it while this process writes.
        building: _Batch | None = None
        for items in pool.prepared_ahead(batched(_read_counted(inputs, options, summary), batch_size)):
            batch = _start_batch(store, items, pool, building)
            if building is not None:
                _store_batch(store, summary, building, on_progress)
            building = batch
        if building is not None:
            _store_batch(store, summary, building, on_progress)
    return summary


def _read_counted(inputs: Sequence[str], options: ReadOptions | None,
                  summary: RunSummary) -> Iterator[Item]:
    """Everything the inputs hold (``read_inputs``), counting the files in the summary."""
    found = list(discover(inputs))
    summary.files = len(found)
    for path in found:
        if isinstance(path, Rejection):
            yield path
        else:
            yield from read_found(path, options or ReadOptions())
        summary.files_read += 1


@contextmanager
def recorded_run(store: Store, inputs: Sequence[str]) -> Iterator[RunSummary]:
    """The store's record of one run around the work: the summary to fill in, and the ingest
    stage's status when it ends (finished, interrupted by Ctrl-C, or failed) with its time."""
    summary = RunSummary(run_id=store.start_run(inputs))
    with _recorded(store, summary.run_id, "ingest", None):
        yield summary
    summary.seconds = time.perf_counter() - summary.started


@contextmanager
def recorded_stage(store: Store, run_id: int, stage: str) -> Iterator[dict]:
    """The store's record of a later stage of a run (analysis, outputs): the counts to fill
    in, and the stage's status when it ends."""
    store.start_stage(run_id, stage)
    counts: dict = {}
    with _recorded(store, run_id, stage, counts):
        yield counts


@contextmanager
def _recorded(store: Store, run_id: int, stage: str, counts: dict | None) -> Iterator[None]:
    status = "failed"
    try:
        yield
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        _end_stage(store, run_id, stage, status, counts)


def _end_stage(store: Store, run_id: int, stage: str, status: str, counts: dict | None) -> None:
    """Record the end of a stage; when that write fails too (the disk is full), the error that
    ended the stage is the one to tell, and the run is found dead by its pid later."""
    try:
        if counts is None:
            store.finish_run(run_id, status=status)
        else:
            store.finish_stage(run_id, stage, status=status, counts=counts)
    except StoreError:
        if status == "finished":
            raise


@dataclass(slots=True)
class _Batch:
    """A batch whose articles are being built: what was read, and what is left to store."""

    rejections: list[Rejection]
    prepared: list[Prepared]
    known: set[str]  # ids already stored or in the batch ahead
    fresh: dict[str, Prepared]  # the documents to build, by id
    built: Iterable[Article | Rejection]  # in the workers' hands until iterated


def _start_batch(store: Store, items: Sequence[Prepared | Rejection], pool: Workers,
                 ahead: _Batch | None) -> _Batch:
    """Find the batch's new documents and their recurring lines, and hand them to the workers.

    The batch ahead is not stored yet, so its documents count as stored here: as duplicates
    and in the line counts (as the documents of one batch count for each other).
    """
    prepared = [item for item in items if isinstance(item, Prepared)]
    pending = ahead.fresh if ahead is not None else {}
    ids = {p.id for p in prepared}
    known = store.existing(ids) | (ids & pending.keys())
    fresh: dict[str, Prepared] = {}
    for item in prepared:
        if item.id not in known:
            fresh.setdefault(item.id, item)
    # Recurring lines need the store, so they are found here; the cleaning itself runs in the pool.
    neighbours = [*pending.values(), *fresh.values()]
    jobs = [(item, _recurring_lines(store, item, neighbours)) for item in fresh.values()]
    return _Batch([item for item in items if isinstance(item, Rejection)], prepared, known, fresh,
                  pool.build(jobs))


def _store_batch(store: Store, summary: RunSummary, batch: _Batch,
                 on_progress: Callable[[RunSummary], None] | None) -> None:
    articles, rejections, line_keys = _finished(batch)
    counts = store.add_batch(summary.run_id, articles, batch.known, rejections, line_keys,
                             copies=len(batch.prepared) - len(batch.fresh))  # every copy after the first
    summary.add(counts, rejections)
    if on_progress:
        on_progress(summary)


def _finished(batch: _Batch) -> tuple[list[Article], list[Rejection], dict[str, set[int]]]:
    """The batch's built articles, its rejections (read and built), and each article's line keys."""
    rejections, articles = list(batch.rejections), []
    for built in batch.built:
        (articles if isinstance(built, Article) else rejections).append(built)
    return articles, rejections, {a.id: set(batch.fresh[a.id].line_keys) for a in articles}


@dataclass(frozen=True, slots=True)
class BuiltBatch:
    """A batch of items made into articles, not stored yet (the caller stores it)."""

    prepared: list[Prepared | Rejection]  # one per item, in order: the items' ids
    articles: list[Article]  # the new ones (not stored before, first of their id in the batch)
    rejections: list[Rejection]
    line_keys: dict[str, set[int]]  # for each new article id, its line keys
    known: set[str]  # ids of the batch's documents that were stored already


def build_batch(store: Store, items: Sequence[Item], pool: Workers) -> BuiltBatch:
    """Extract, prepare and build one batch as ``ingest`` does, for a caller that stores it
    with writes of its own in the same transaction (the watch, with its feeds' state)."""
    [prepared] = list(pool.prepared_ahead([list(items)]))
    batch = _start_batch(store, prepared, pool, None)
    return BuiltBatch(prepared, *_finished(batch), batch.known)


def prepare(document: RawDocument) -> Prepared:
    """Normalise a raw document's text and give it its content-hash id."""
    document = replace(
        document, text=normalise_text(document.text), title=_normalise_field(document.title),
        source=_normalise_field(document.source) or _host(document.url),
        author=_normalise_field(document.author),
    )
    keys = tuple(line_key(line) for line in document.text.split("\n") if line)
    return Prepared(document, article_id(document), keys)


def _normalise_field(value: str | None) -> str | None:
    """A metadata field repaired like the text (mojibake, Unicode form, spaces), on one line."""
    return " ".join(normalise_text(value).split()) or None if value else None


def article_id(document: RawDocument) -> str:
    """Content hash of the outlet and the text: one outlet's article read twice is one article,
    the same wire text run by two outlets is two. Blank texts are told apart by where they were
    read, so that each is rejected on its own, not taken for a copy of the first."""
    outlet = (_host(document.url) or document.source or "").casefold()
    body = " ".join(document.text.split()) or f"\x1e{document.path}\x1e{document.locator}"
    return hashlib.blake2b(f"{outlet}\x1f{body}".encode(), digest_size=8).hexdigest()


def build_article(item: Prepared, recurring: frozenset[int] = frozenset()) -> Article | Rejection:
    """Clean one prepared document and give it its language and sentences."""
    document = item.document
    cleaned = clean_document(document, recurring)
    if not cleaned.text:
        reason = (f"nothing left after cleaning: all {len(cleaned.removed)} lines were page furniture"
                  if cleaned.removed else "no text: only spaces and invisible characters")
        return Rejection(document.path, reason, stage="clean", locator=document.locator,
                         article_id=item.id)
    languages = TextLanguages(cleaned.text, language_tag(document.language))
    language = languages.language
    sentences = split_sentences(cleaned.text, language, languages)
    title = cleaned.title or (_first_sentence(cleaned.text, sentences))
    return Article(
        id=item.id, text=cleaned.text, format=document.format, path=document.path,
        locator=document.locator, url=document.url, source=document.source, title=title,
        published=document.published, language=language, author=document.author,
        dateline=cleaned.dateline, removed=cleaned.removed, sentences=sentences,
    )


def _recurring_lines(store: Store, item: Prepared, batch: Iterable[Prepared]) -> frozenset[int]:
    """Keys of the lines this article shares with enough of its outlet's articles, stored or
    in this batch (``recurring_lines``)."""
    source = item.document.source
    keys = set(item.line_keys)
    if not source or not keys:
        return frozenset()
    counts = Counter(store.line_counts(source, keys))
    for other in batch:
        if other.document.source == source:
            counts.update(keys.intersection(other.line_keys))
    return recurring_lines(item, counts)


def recurring_lines(item: Prepared, counts: Mapping[int, int]) -> frozenset[int]:
    """Keys of the lines this article shares with enough of its outlet's other articles.

    ``counts``: in how many of the outlet's articles each line occurs, the article itself
    included (a line missing counts as in none). A line in three articles is furniture wherever
    it stands; a line in two is furniture only at the top or bottom of the page (a tagline, a
    kicker), and only when the two articles are otherwise different: an updated version of a
    story repeats its lead paragraph, and that is content.
    """
    keys = set(item.line_keys)
    recurring = {key for key in keys if counts.get(key, 0) >= RECURRING_MIN_ARTICLES}
    shared = sum(1 for key in keys if counts.get(key, 0) >= 2)
    if shared * 2 < len(keys):
        edges = {*item.line_keys[:_EDGE_LINES], *item.line_keys[-_EDGE_LINES:]}
        recurring |= {key for key in edges if counts.get(key, 0) >= 2}
    return frozenset(recurring)


def _first_sentence(text: str, sentences) -> str | None:
    if not sentences:
        return None
    first = text[sentences[0].start : sentences[0].end]
    return first if len(first) <= _TITLE_CHARS else first[: _TITLE_CHARS - 1].rstrip() + "…"


def _host(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:  # a malformed URL ("http://[::1") names no host
        return None
    return host.removeprefix("www.") or None


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """Lists of up to ``size`` items, in order (itertools.batched from Python 3.12)."""
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class Workers:
    """Extracts and prepares documents and builds articles, in worker processes when a batch
    has enough of them (what stays in the main process is cheap: reading, the store)."""

    def __init__(self, workers: int | None = None) -> None:
        self._workers = LazyPool(workers)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self._workers.close(cancel=True)

    def prepared_ahead(self, batches: Iterable[list[Item]]) -> Iterator[list[Prepared | Rejection]]:
        """Each batch prepared (HTML pages extracted), order kept; a batch goes to the workers
        before the one ahead of it is handed out, so they prepare it while that one is built
        and stored."""
        ahead = None
        for batch in batches:
            submitted = self._map(_prepare, batch)  # in the pool, the tasks are queued now
            if ahead is not None:
                yield list(ahead)
            ahead = submitted
        if ahead is not None:
            yield list(ahead)

    def build(self, jobs: Sequence[tuple[Prepared, frozenset[int]]]) -> Iterable[Article | Rejection]:
        """``build_article`` of each (prepared document, recurring line keys), order kept; in
        the pool, the work starts now and the results come as they are iterated."""
        return self._map(_build, jobs)

    def _map(self, function: Callable, items: Sequence) -> Iterable:
        # Many small pages: four chunks a worker, fewer trips between the processes.
        chunksize = max(1, len(items) // (4 * self._workers.workers))
        return self._workers.map(function, items, _PARALLEL_MIN_ITEMS, chunksize)


def _prepare(item: Item) -> Prepared | Rejection:
    document = extract_page(item) if isinstance(item, HtmlPage) else item
    return document if isinstance(document, Rejection) else prepare(document)


def _build(job: tuple[Prepared, frozenset[int]]) -> Article | Rejection:
    return build_article(*job)
