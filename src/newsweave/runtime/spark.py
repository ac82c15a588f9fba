"""The per-article stages on Apache Spark, for corpora beyond one machine.

``spark_ingest`` reads JSON Lines with Spark (any path Spark reads: local files, ``hdfs://``,
``s3a://``) and runs on the executors what costs per article: reading a line, normalising and
hashing it (``prepare``), counting the lines that recur across an outlet's articles (one
``reduceByKey`` over the whole input), cleaning, language and sentences (``build_article``)
and the lead embedding, by far the dearest stage. The driver stores the articles, their line
keys and their lead vectors as a plain ingest does; the corpus-level stages (reuse, stories,
briefs) then run over the store exactly as after ``ingest``, and find every lead embedded;
inside ``shared_workers(mapper=spark_mapper(spark))`` their per-article and per-story work
(the sentences reuse compares across languages, each story's brief, quotes and entities) runs
as Spark tasks too.

The whole input is one batch: a line recurs when enough of the run's articles of its outlet
hold it (lines shared only with articles stored by earlier runs are not counted, unlike a plain
ingest). An article met twice is stored once; one already stored is counted as a duplicate.
Requires ``pip install 'newsweave[spark]'`` (pyspark) and a Java runtime.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from operator import add, attrgetter
from pathlib import Path
from typing import NamedTuple

from newsweave.readers.jsonl import read_json_line
from newsweave.records import Article, RawDocument, Rejection
from newsweave.runtime.ingest import (
    BATCH_SIZE,
    Prepared,
    RunSummary,
    batched,
    build_article,
    prepare,
    recorded_run,
    recurring_lines,
)
from newsweave.runtime.workers import Mapper
from newsweave.store import Store
from newsweave.stories.similarity import lead_text
from newsweave.vectors.embed import LEAD_MODEL, get_embedder
from newsweave.vectors.leads import LEAD_BATCH
from newsweave.vectors.stored import encode

# The threads each embedding task uses: Spark runs a task per core, so one thread each
# (bench/spark.py, local[2] against a plain run: 0.95x with two threads per task, 1.02-1.05x
# with one).
_EXECUTOR_THREADS = 1
# Tasks per core for parallel_map's work: jobs differ in size (stories of 1 to 1,000s of
# articles), and smaller tasks even out the cores' load.
_TASKS_PER_CORE = 4


class Copies(NamedTuple):
    """What one input line held (a document or why there is none), where it stands, and how many
    lines held the same article."""

    place: tuple[str, int]  # path, line number
    item: Prepared | Rejection
    count: int = 1


class Built(NamedTuple):
    """What an executor sends back for one input: the article (or why there is none), its line
    keys, its lead vector (float16 bytes) and how many times the input held it."""

    result: Article | Rejection
    line_keys: tuple[int, ...] = ()
    vector: bytes | None = None
    copies: int = 1


# Spark logs errors only (its default prints start-up warnings among newsweave's progress).
_LOG_SETTINGS = Path(__file__).parents[1] / "data" / "spark-log4j2.properties"


def spark_session(master: str = "local[*]", app_name: str = "newsweave"):
    """A SparkSession whose Python workers run this interpreter (and so find newsweave)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as error:
        raise RuntimeError("pyspark is not installed: pip install 'newsweave[spark]'") from error
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # no lookup of a network address
    java_options = f"-XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile={_LOG_SETTINGS.as_uri()}"
    builder = (SparkSession.builder.master(master).appName(app_name)
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")  # newsweave shows its own progress
               .config("spark.driver.extraJavaOptions", java_options))
    try:
        return builder.getOrCreate()
    except Exception as error:  # no Java, a master that does not answer: said in one line
        raise RuntimeError(f"could not start Spark at {master}: {error}") from error


def spark_mapper(spark) -> Mapper:
    """``parallel_map``'s work (sentence embedding, the stories' briefs) as Spark tasks, for
    ``workers.shared_workers(mapper=...)``: each item a task's input, results in order."""
    context = spark.sparkContext

    def run(function: Callable, items: Sequence) -> list:
        slices = min(len(items), _TASKS_PER_CORE * context.defaultParallelism)
        return context.parallelize(list(items), slices).map(function).collect()

    return run


def spark_ingest(spark, store: Store, inputs: Sequence[str], *, embedder: str = LEAD_MODEL,
                 partitions: int | None = None, max_bytes: int = 10_000_000) -> RunSummary:
    """Read JSON Lines ``inputs`` into ``store`` with the per-article work on Spark's executors,
    lead vectors included; returns what happened, as ``runtime.ingest.ingest`` does.

    Args:
        spark: a SparkSession (``spark_session``).
        inputs: JSON Lines paths or globs, as Spark's ``textFile`` takes them.
        embedder: the lead model, as ``embed.get_embedder`` names it.
        partitions: the least number of partitions per input (default: Spark's parallelism).
        max_bytes: the longest line read as an article; longer ones are rejected.
    """
    from pyspark import StorageLevel

    with recorded_run(store, inputs) as summary:
        missing = _missing(spark, inputs)
        if missing:  # recorded like any unreadable path, and the rest is read
            rejections = [Rejection(path, "no such file or folder") for path in missing]
            summary.add(store.add_batch(summary.run_id, [], set(), rejections, {}), rejections)
            inputs = [path for path in inputs if path not in missing]
            if not inputs:
                return summary
        built = _built(spark, inputs, embedder, partitions, max_bytes).persist(StorageLevel.MEMORY_AND_DISK)
        built.count()  # every partition at once on the executors; the driver then streams them
        for batch in batched(built.toLocalIterator(), BATCH_SIZE):
            _store_batch(store, summary, batch, embedder)
        built.unpersist()
    return summary


def _missing(spark, inputs: Sequence[str]) -> list[str]:
    """The inputs that match no file, asked of the file system each names (local, hdfs://,
    s3a://, ...) through Spark's Hadoop configuration."""
    context = spark.sparkContext
    # pyspark has no public API for this: Hadoop's, through the JVM gateway.
    hadoop_path = context._jvm.org.apache.hadoop.fs.Path
    configuration = context._jsc.hadoopConfiguration()
    missing = []
    for path in inputs:
        found = hadoop_path(path)
        if not found.getFileSystem(configuration).globStatus(found):
            missing.append(path)
    return missing


def _built(spark, inputs: Sequence[str], embedder: str, partitions: int | None, max_bytes: int):
    """The RDD of ``Built``: one per rejected line and per distinct article."""
    context = spark.sparkContext
    lines = context.union([
        context.textFile(path, minPartitions=partitions or context.defaultParallelism)
        .zipWithIndex().map(lambda pair, path=path: (path, pair[1] + 1, pair[0]))
        for path in inputs])
    read = lines.filter(lambda row: row[2].strip()).map(lambda row: _read(row, max_bytes)).cache()
    rejections = read.filter(lambda copy: isinstance(copy.item, Rejection)).map(lambda copy: Built(copy.item))
    # One article per id, the first by input order, with how many times it was met.
    documents = (read.filter(lambda copy: isinstance(copy.item, Prepared))
                 .map(lambda copy: (copy.item.id, copy))
                 .reduceByKey(_first_of_copies).values().cache())
    counts = context.broadcast(_recurring_counts(documents.map(lambda copy: copy.item)))
    built = documents.mapPartitions(lambda part: _build_and_embed(part, counts.value, embedder))
    return rejections.union(built)


def _read(row: tuple[str, int, str], max_bytes: int) -> Copies:
    path, number, line = row
    if len(line.encode("utf-8", "surrogatepass")) > max_bytes:
        item = Rejection(path, f"line over the {max_bytes:,}-byte limit for one article",
                         locator=f"line {number}")
    else:
        item = read_json_line(line, path=path, number=number)
    return Copies((path, number), prepare(item) if isinstance(item, RawDocument) else item)


def _first_of_copies(a: Copies, b: Copies) -> Copies:
    """The copy that stands first in the input, counting both."""
    return min(a, b, key=attrgetter("place"))._replace(count=a.count + b.count)


def _recurring_counts(documents) -> dict[tuple[str, int], int]:
    """In how many of its outlet's articles each line occurs, for the lines in two or more
    (a line in one article is in that one only: the default)."""
    pairs = documents.flatMap(lambda p: [((p.document.source, key), 1) for key in set(p.line_keys)]
                              if p.document.source else [])
    return pairs.reduceByKey(add).filter(lambda pair: pair[1] >= 2).collectAsMap()


def _build_and_embed(part: Iterable[Copies], counts: dict[tuple[str, int], int],
                     embedder_name: str) -> Iterator[Built]:
    """Clean every document of one partition, then embed the leads of its articles."""
    embedder = get_embedder(embedder_name, threads=_EXECUTOR_THREADS)
    for chunk in batched(part, LEAD_BATCH):
        built = []
        for _, item, copies in chunk:
            source = item.document.source
            own = {key: counts.get((source, key), 1) for key in item.line_keys} if source else {}
            built.append((build_article(item, recurring_lines(item, own)), item.line_keys, copies))
        articles = [b for b, _, _ in built if isinstance(b, Article)]
        vectors = iter(embedder.embed([lead_text(a.title, a.text) for a in articles]))
        for result, keys, copies in built:
            vector = encode(next(vectors)) if isinstance(result, Article) else None
            yield Built(result, keys, vector, copies)


def _store_batch(store: Store, summary: RunSummary, batch: list[Built], embedder: str) -> None:
    built = [b for b in batch if isinstance(b.result, Article)]
    known = store.existing(b.result.id for b in built)
    fresh = [b for b in built if b.result.id not in known]
    rejections = [b.result for b in batch if isinstance(b.result, Rejection)]
    counts = store.add_batch(summary.run_id, [b.result for b in fresh], known, rejections,
                             {b.result.id: set(b.line_keys) for b in fresh},
                             copies=len(known) + sum(b.copies - 1 for b in built))
    store.save_lead_vectors(embedder, {b.result.id: b.vector for b in fresh})
    summary.add(counts, rejections)
