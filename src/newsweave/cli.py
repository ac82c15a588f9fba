"""The command line: a thin click layer over the library. ``print`` lives only here."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsweave import __version__
from newsweave.compare import compare_pairs, read_pair
from newsweave.embed import get_embedder
from newsweave.errors import NewsweaveError
from newsweave.ingest import ReadOptions
from newsweave.ingest.fetch import Fetcher
from newsweave.job import analyse
from newsweave.pipeline import RunSummary, ingest
from newsweave.quotes import run_lines
from newsweave.quotes.command import json_line
from newsweave.report import write_outputs
from newsweave.report.stories_json import article_json, story_json
from newsweave.reuse.graph import update_reuse
from newsweave.store import Store, default_path
from newsweave.worker_pool import shared_workers

DEMO_CORPUS = Path(__file__).parent / "demo" / "corpus"
console = Console(stderr=True, highlight=False)
out = Console(highlight=False, soft_wrap=True, markup=False)  # article text is never markup


def _store_option(function: Callable) -> Callable:
    return click.option("--db", "db_path", default=None, metavar="PATH",
                        help="SQLite store [default: $NEWSWEAVE_DB or ./newsweave.db].")(function)


def _out_option(function: Callable) -> Callable:
    return click.option("--out", "out_dir", default="out", show_default=True,
                        type=click.Path(file_okay=False),
                        help="Folder for stories.json and index.html.")(function)


def _read_options(function: Callable) -> Callable:
    for option in reversed((
        click.option("--fetch", "fetch", flag_value="public",
                     help="Download the pages that feeds and URL lists link to (public addresses only)."),
        click.option("--fetch-private", "fetch", flag_value="private",
                     help="As --fetch, also from this machine and private networks (an intranet "
                          "news server; a hostile feed could point at their services)."),
        click.option("--max-bytes", default=10_000_000, show_default=True, type=click.IntRange(1),
                     help="Largest single article (file, JSONL line, WARC page) to read."),
        click.option("--workers", default=None, type=click.IntRange(1),
                     help="Processes for HTML extraction and cleaning [default: number of cores]."),
        click.option("-v", "--verbose", count=True, help="Show rejections as they happen (-vv: debug log)."),
    )):
        function = option(function)
    return function


@click.group()
@click.version_option(__version__, prog_name="newsweave")
def main() -> None:
    """newsweave: turn a pile or stream of multilingual news into stories."""


@main.command("ingest")
@click.argument("inputs", nargs=-1, required=True)
@_store_option
@_read_options
def ingest_command(inputs, db_path, fetch, max_bytes, workers, verbose) -> None:
    """Read INPUTS (files, folders, globs, - for stdin) into the store."""
    summary = _ingest(inputs, db_path, fetch, max_bytes, workers, verbose)
    _exit_if_nothing_read(summary)


def _brief_language(function: Callable) -> Callable:
    return click.option("--language", "language", default="en", show_default=True,
                        help="The reader's language (ISO 639-1): brief items are written from a "
                             "sentence in it where a story has one.")(function)


@main.command("run")
@click.argument("inputs", nargs=-1, required=True)
@_out_option
@_store_option
@_brief_language
@_read_options
def run_command(inputs, out_dir, db_path, language, fetch, max_bytes, workers, verbose) -> None:
    """Run the whole job on INPUTS and write OUT/stories.json and OUT/index.html."""
    _run(inputs, out_dir, db_path, fetch, max_bytes, workers, verbose, language)


@main.command("demo")
@_out_option
@_store_option
@click.option("-v", "--verbose", count=True)
def demo_command(out_dir, db_path, verbose) -> None:
    """Run the whole job on the built-in demo corpus (invented news in four languages)."""
    folders = sorted(str(path) for path in DEMO_CORPUS.iterdir() if path.is_dir())
    _run(folders, out_dir, db_path, False, 10_000_000, None, verbose)


@main.command("spark")
@click.argument("inputs", nargs=-1, required=True)
@_out_option
@_store_option
@_brief_language
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master URL (local[N], spark://host:7077, yarn, ...).")
@click.option("--partitions", default=None, type=click.IntRange(1),
              help="Least number of partitions per input [default: Spark's parallelism].")
@click.option("--max-bytes", default=10_000_000, show_default=True, type=click.IntRange(1),
              help="Longest JSON line read as an article.")
def spark_command(inputs, out_dir, db_path, language, master, partitions, max_bytes) -> None:
    """Run the whole job with the per-article stages on Apache Spark.

    INPUTS are JSON Lines files, globs or any path Spark reads (hdfs://, s3a://). Reading,
    cleaning and the lead embedding run on Spark's executors, and so do the sentence embedding
    of reuse and the stories' briefs, quotes and entities; the store, reuse's pair judging and
    the clustering stay on this machine. Needs pip install 'newsweave[spark]'.
    """
    from newsweave.spark import spark_ingest, spark_mapper, spark_session

    try:
        spark = spark_session(master)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error
    try:
        with _open_store(db_path) as store:
            summary = spark_ingest(spark, store, list(inputs), partitions=partitions, max_bytes=max_bytes)
        _print_summary(summary)
        with shared_workers(mapper=spark_mapper(spark)):
            _report(summary, out_dir, db_path, language)
    finally:
        spark.stop()


@main.command("articles")
@click.argument("article_id", required=False)
@_store_option
@click.option("--language", help="Only articles in this language (ISO 639-1).")
@click.option("--source", help="Only articles from this outlet.")
@click.option("--limit", type=click.IntRange(1), default=None)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def articles_command(article_id, db_path, language, source, limit, as_json) -> None:
    """List stored articles, or show one by ARTICLE_ID (a unique prefix is enough)."""
    with _open_store(db_path) as store:
        if article_id:
            article = store.article(article_id)
            if article is None:
                raise click.ClickException(f"no single article with id {article_id!r}")
            _show_article(article, as_json)
            return
        articles = list(store.articles(language=language, source=source, limit=limit))
    if as_json:
        for article in articles:
            out.print_json(json.dumps(article_json(article), ensure_ascii=False), indent=None)
        return
    table = Table("id", "published", "lang", "source", "title", "removed")
    table.columns[0].no_wrap = table.columns[1].no_wrap = True
    for a in articles:
        table.add_row(a.id, a.published or "", a.language, a.source or "", (a.title or "")[:70],
                      str(len(a.removed)))
    out.print(table)


@main.command("rejections")
@_store_option
@click.option("--run", "run_id", type=int, default=None, help="Only this run's rejections.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def rejections_command(db_path, run_id, as_json) -> None:
    """List inputs that could not be read, and why."""
    with _open_store(db_path) as store:
        rejections = store.rejections(run_id)
    if as_json:
        for r in rejections:
            out.print(json.dumps({"path": r.path, "locator": r.locator, "stage": r.stage,
                                  "reason": r.reason}, ensure_ascii=False), markup=False)
        return
    table = Table("path", "where", "stage", "reason")
    for r in rejections:
        table.add_row(r.path or "<stdin>", r.locator or "", r.stage, r.reason)
    out.print(table)


@main.command("runs")
@_store_option
def runs_command(db_path) -> None:
    """List ingest runs with their counts and status."""
    with _open_store(db_path) as store:
        runs = store.runs()
    table = Table("run", "started", "status", "stored", "duplicates", "rejected", "inputs")
    for r in runs:
        table.add_row(str(r.id), r.started_at, r.status, str(r.stored), str(r.duplicates),
                      str(r.rejected), " ".join(r.inputs)[:60])
    out.print(table)


@main.command("reuse")
@_store_option
def reuse_command(db_path) -> None:
    """Compare stored articles not compared yet: copies, translations, partial reuse."""
    with _open_store(db_path) as store, _stage("reuse: comparing candidate pairs") as advance:
        count = update_reuse(store, on_pair=lambda: advance(1))
    console.print(f"reuse: {count} new edges")


@main.command("compare")
@click.argument("pairs_file", type=click.File("rb"))
def compare_command(pairs_file) -> None:
    """Score pairs of texts (JSON lines with id, text1, text2): same_story, reuse, coverage."""
    pairs = []
    for number, line in enumerate(pairs_file, start=1):
        if not line.strip():
            continue
        try:
            pairs.append(read_pair(json.loads(line)))
        # ValueError covers a line that is not UTF-8; RecursionError, JSON nested too deep.
        except (ValueError, TypeError, AttributeError, RecursionError) as error:
            console.print(f"line {number} skipped: {error}", markup=False)
    with _progress() as progress:
        task = progress.add_task(f"comparing {len(pairs)} pairs", total=len(pairs))
        for result in compare_pairs(pairs, get_embedder()):
            out.print(json_line(result), markup=False, highlight=False)
            progress.advance(task)


@main.command("stories")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def stories_command(db_path, as_json) -> None:
    """Cluster every stored article into stories (rebuilt from the store) and list them."""
    with _open_store(db_path) as store:
        stories = _stories(store, list(store.articles()))
    if as_json:
        for story in stories:
            out.print(json.dumps(story_json(story), ensure_ascii=False), markup=False)
        return
    table = Table("story", "articles", "origins", "languages", "title")
    table.columns[0].no_wrap = True
    for story in stories:
        table.add_row(story.id, str(len(story.articles)), str(story.independent_origins),
                      ", ".join(story.languages), (story.title or "")[:70])
    out.print(table)


@main.command("quotes")
@click.argument("docs_file", type=click.File("rb"))
def quotes_command(docs_file) -> None:
    """Quotes with speakers in documents (JSON lines with id, text, language optional)."""
    for line in run_lines(docs_file):
        click.echo(line)


@main.command("report")
@_out_option
@_store_option
@_brief_language
def report_command(out_dir, db_path, language) -> None:
    """Write stories.json and index.html for everything in the store."""
    with _open_store(db_path) as store:
        articles = list(store.articles())
        outputs = write_outputs(articles, out_dir, _stories(store, articles, language), language)
    out.print(f"wrote {outputs.stories_json} and {outputs.index_html}")


@main.command("serve")
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; other than loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="NEWSWEAVE_TOKEN", default=None, metavar="T",
              help="Every request must send 'Authorization: Bearer T' [default: $NEWSWEAVE_TOKEN].")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (one Python process answers on one core at a time).")
def serve_command(db_path, host, port, token, workers) -> None:
    """Serve the store as web pages and a JSON API (read only; ingest may write meanwhile)."""
    from newsweave.serve.server import ServeError, serve

    try:
        serve(db_path or default_path(), host, port, token, workers,
              on_ready=lambda url: console.print(f"serving {url} (Ctrl+C to stop)", markup=False))
    except ServeError as error:
        raise click.ClickException(str(error)) from error


# --- helpers ---------------------------------------------------------------------------------
def _run(inputs, out_dir, db_path, fetch, max_bytes, workers, verbose, language="en") -> None:
    summary = _ingest(inputs, db_path, fetch, max_bytes, workers, verbose)
    _report(summary, out_dir, db_path, language, workers)


def _report(summary: RunSummary, out_dir, db_path, language: str, workers: int | None = None) -> None:
    """The stories of a run's articles, written out; where they went."""
    with _open_store(db_path) as store:
        articles = list(store.articles(run_id=summary.run_id))
        outputs = write_outputs(articles, out_dir, _stories(store, articles, language, workers), language)
    out.print(f"store:        {Path(db_path or default_path()).resolve()}")
    out.print(f"stories.json: {outputs.stories_json.resolve()}")
    out.print(f"report:       {outputs.index_html.resolve()}")
    _exit_if_nothing_read(summary)


def _stories(store: Store, articles: list, language: str = "en", workers: int | None = None) -> list:
    """Reuse, then stories with their briefs for these articles, with progress lines."""
    analysis = analyse(store, articles, language, _stage, workers)
    console.print(f"reuse: {analysis.new_edges} new edges")
    return analysis.stories


@contextmanager
def _stage(name: str):
    with _progress() as progress:
        task = progress.add_task(name, total=None)
        yield lambda count: progress.advance(task, count)


def _ingest(inputs, db_path, fetch, max_bytes, workers, verbose) -> RunSummary:
    logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.WARNING)
    fetcher = Fetcher(max_bytes=max_bytes, private=fetch == "private") if fetch else None
    options = ReadOptions(max_bytes=max_bytes, fetcher=fetcher)
    try:
        with _open_store(db_path) as store, _progress() as progress:
            task = progress.add_task("reading", total=None)
            shown = 0

            def report(summary: RunSummary) -> None:
                nonlocal shown
                progress.update(task, description=_counts(summary))
                if verbose:
                    for rejection in summary.rejections[shown:]:
                        progress.console.print(f"[yellow]rejected[/] {escape(_where(rejection))}: "
                                               f"{escape(rejection.reason)}", markup=True, highlight=False)
                shown = summary.rejected

            summary = ingest(store, list(inputs), options=options, workers=workers,
                             on_progress=report)
    finally:
        if fetcher:
            fetcher.close()
    _print_summary(summary)
    return summary


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                    console=console, transient=True)


def _counts(summary: RunSummary) -> str:
    return (f"{summary.stored} new, {summary.duplicates} already stored, "
            f"{summary.rejected} rejected")


def _print_summary(summary: RunSummary) -> None:
    rate = summary.articles / summary.seconds if summary.seconds else 0.0
    console.print(f"run {summary.run_id}: {summary.articles} articles ({_counts(summary)}) "
                  f"in {summary.seconds:.1f}s, {rate:.0f} articles/s")
    reasons = Counter(r.reason.split(":")[0] for r in summary.rejections)
    for reason, count in reasons.most_common(8):
        console.print(f"  rejected {count} × {reason}", markup=False)
    if summary.rejections:
        console.print(f"  details: newsweave rejections --run {summary.run_id}")


def _where(rejection) -> str:
    path = rejection.path or "<stdin>"
    return f"{path} ({rejection.locator})" if rejection.locator else path


def _exit_if_nothing_read(summary: RunSummary) -> None:
    if summary.articles == 0:
        raise click.ClickException("nothing could be read from the inputs")


def _open_store(db_path: str | None) -> Store:
    try:
        return Store(db_path or default_path())
    except NewsweaveError as error:
        raise click.ClickException(str(error)) from error


def _show_article(article, as_json: bool) -> None:
    if as_json:
        out.print(json.dumps(article_json(article), ensure_ascii=False, indent=1), markup=False)
        return
    out.print(article.title or "(untitled)", style="bold")
    out.print(f"{article.id} · {article.source or 'unknown source'} · {article.published or 'no date'}"
              f" · {article.language} · {len(article.sentences)} sentences", markup=False)
    if article.url:
        out.print(article.url, markup=False)
    out.print()
    out.print(article.text, markup=False)
    if article.removed:
        out.print("\nremoved", style="bold")
        for line in article.removed:
            out.print(f"  - {line.text}  ({line.reason})", markup=False)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
