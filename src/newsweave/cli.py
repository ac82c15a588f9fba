"""The command line: a thin click layer over the library. ``print`` lives only here."""

from __future__ import annotations

import errno
import json
import logging
import signal
import sys
from collections import Counter
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import click
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from newsweave import __version__
from newsweave.compare import compare_pairs, read_pair
from newsweave.errors import NewsweaveError, StoreFull
from newsweave.quotes import run_lines
from newsweave.quotes.command import json_line
from newsweave.readers import ReadOptions
from newsweave.readers.fetch import Fetcher
from newsweave.report import write_outputs
from newsweave.report.stories_json import article_json, story_json
from newsweave.reuse.graph import update_reuse
from newsweave.runtime.analysis import StoryAnalysis, analyse_stories
from newsweave.runtime.ingest import RunSummary, ingest, recorded_stage
from newsweave.runtime.workers import shared_workers, start_fork_server
from newsweave.store import Store, default_path
from newsweave.vectors.embed import get_embedder

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


_quiet_option = click.option("-q", "--quiet", is_flag=True,
                             help="No progress bars (the summary lines are still printed).")


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
        _quiet_option,
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
def ingest_command(inputs, db_path, fetch, max_bytes, workers, verbose, quiet) -> None:
    """Read INPUTS (files, folders, globs, - for stdin) into the store."""
    summary = _ingest(inputs, db_path, fetch, max_bytes, workers, verbose, quiet)
    _exit_if_nothing_read(summary)


def _brief_language(function: Callable) -> Callable:
    return click.option("--brief-language", "--language", "reader_language", default="en",
                        show_default=True,
                        help="The reader's language (ISO 639-1): brief items are written from a "
                             "sentence in it where a story has one. --language is its old name, "
                             "kept as a deprecated alias.")(function)


@main.command("run")
@click.argument("inputs", nargs=-1, required=True)
@_out_option
@_store_option
@_brief_language
@_read_options
def run_command(inputs, out_dir, db_path, reader_language, fetch, max_bytes, workers, verbose,
                quiet) -> None:
    """Run the whole job on INPUTS and write OUT/stories.json and OUT/index.html."""
    _run(inputs, out_dir, db_path, fetch, max_bytes, workers, verbose, quiet, reader_language)


@main.command("demo")
@_out_option
@_store_option
@click.option("-v", "--verbose", count=True)
@_quiet_option
def demo_command(out_dir, db_path, verbose, quiet) -> None:
    """Run the whole job on the built-in demo corpus (invented news in four languages)."""
    folders = sorted(str(path) for path in DEMO_CORPUS.iterdir() if path.is_dir())
    _run(folders, out_dir, db_path, False, 10_000_000, None, verbose, quiet)


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
def spark_command(inputs, out_dir, db_path, reader_language, master, partitions, max_bytes) -> None:
    """Run the whole job with the per-article stages on Apache Spark.

    INPUTS are JSON Lines files, globs or any path Spark reads (hdfs://, s3a://). Reading,
    cleaning and the lead embedding run on Spark's executors, and so do the sentence embedding
    of reuse and the stories' briefs, quotes and entities; the store, reuse's pair judging and
    the clustering stay on this machine. Needs pip install 'newsweave[spark]'.
    """
    from newsweave.runtime.spark import spark_ingest, spark_mapper, spark_session

    try:
        spark = spark_session(master)
    except RuntimeError as error:
        raise click.ClickException(str(error)) from error
    try:
        with _open_store(db_path) as store:
            summary = spark_ingest(spark, store, list(inputs), partitions=partitions, max_bytes=max_bytes)
        _print_summary(summary)
        with shared_workers(mapper=spark_mapper(spark)):
            _report(summary, out_dir, db_path, reader_language)
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
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def runs_command(db_path, as_json) -> None:
    """List runs with their counts and the status of each stage (ingest, analysis, outputs)."""
    with _open_store(db_path) as store:
        runs = store.runs()
    if as_json:
        for r in runs:
            out.print(json.dumps(_run_json(r), ensure_ascii=False), markup=False)
        return
    table = Table("run", "started", "status", "stored", "duplicates", "rejected", "stages", "inputs")
    for r in runs:
        stages = ", ".join(f"{s.stage} {s.status}" for s in r.stages)
        table.add_row(str(r.id), r.started_at, r.status, str(r.stored), str(r.duplicates),
                      str(r.rejected), stages, " ".join(r.inputs)[:60])
    out.print(table)


def _run_json(run) -> dict:
    return {"id": run.id, "started_at": run.started_at, "finished_at": run.finished_at,
            "status": run.status, "pid": run.pid, "inputs": list(run.inputs), "stored": run.stored,
            "duplicates": run.duplicates, "rejected": run.rejected,
            "stages": [{"stage": s.stage, "status": s.status, "started_at": s.started_at,
                        "finished_at": s.finished_at, "counts": s.counts} for s in run.stages]}


@main.command("reuse")
@_store_option
@_quiet_option
def reuse_command(db_path, quiet) -> None:
    """Compare stored articles not compared yet: copies, translations, partial reuse."""
    with (_full_disk_said(db_path), _open_store(db_path) as store,
          _stages(quiet)("reuse: comparing candidate pairs") as advance):
        count = update_reuse(store, on_pair=lambda: advance(1),
                             on_total=lambda total: advance(0, total=total))
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
        stories = _stories(store, list(store.articles())).stories
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
@_quiet_option
def report_command(out_dir, db_path, reader_language, quiet) -> None:
    """Write stories.json and index.html for everything in the store."""
    with _full_disk_said(db_path), _open_store(db_path) as store:
        articles = list(store.articles())
        stories = _stories(store, articles, reader_language, quiet=quiet).stories
    outputs = _write_outputs(articles, out_dir, stories, reader_language, db_path)
    out.print(f"wrote {outputs.stories_json} and {outputs.index_html}")


@main.command("watch")
@click.argument("sources", nargs=-1, required=True)
@_store_option
@click.option("--once", is_flag=True, help="Poll the feeds that are due, then exit (for cron).")
@click.option("--now", is_flag=True,
              help="Every feed is due now, except those told to wait (Retry-After) and those gone.")
@click.option("--fetch-private", is_flag=True,
              help="Also fetch from this machine and private networks (an intranet news server).")
@click.option("--max-bytes", default=10_000_000, show_default=True, type=click.IntRange(1),
              help="Largest feed or page body; longer ones are cut off while reading.")
@click.option("--host-delay", default=2.0, show_default=True, type=click.FloatRange(0),
              help="Seconds between two requests to one host (feeds and pages alike).")
@click.option("--timeout", default=20.0, show_default=True, type=click.FloatRange(0.1),
              help="Seconds to connect, and to wait for each read.")
@click.option("--threads", default=16, show_default=True, type=click.IntRange(1),
              help="Feeds asked at once (each of another host).")
@_brief_language
@click.option("--workers", default=None, type=click.IntRange(1),
              help="Processes for the analysis of each batch [default: number of cores].")
@click.option("--alerts", "alerts_path", default=None, metavar="RULES",
              type=click.Path(exists=True, dir_okay=False),
              help="Alert rules (TOML): each firing once, as a JSON line in their file.")
@click.option("--json", "as_json", is_flag=True, help="Log what happens as JSON lines on stdout.")
def watch_command(sources, db_path, once, now, fetch_private, max_bytes, host_delay, timeout,
                  threads, reader_language, workers, alerts_path, as_json) -> None:
    """Follow feeds (SOURCES: OPML files, files of feed URLs, feed URLs) and analyse what they
    bring, until stopped (Ctrl-C or SIGTERM: the batch in hand is stored first)."""
    from newsweave.watch import PoliteClient, SourceError, Watcher, WatchOptions, read_sources
    from newsweave.watch.alerts import RulesError, load_rules

    try:
        feeds = read_sources(sources)
        rules = load_rules(alerts_path) if alerts_path else None
    except (SourceError, RulesError, OSError) as error:
        raise click.ClickException(str(error)) from error
    if not feeds:
        raise click.ClickException("the sources name no feed")
    client = PoliteClient(private=fetch_private, max_bytes=max_bytes, timeout=timeout,
                          host_delay=host_delay)
    printer = _watch_printer(as_json)
    if workers != 1:  # the analysis's workers ignore Ctrl-C: see start_fork_server
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        start_fork_server()
    try:
        with _open_store(db_path) as store, shared_workers(workers):
            watcher = Watcher(store, feeds, client, WatchOptions(once=once, now=now, threads=threads),
                              analyse=lambda articles: _analyse_batch(
                                  store, articles, reader_language, rules, printer),
                              on_event=printer)
            _stop_on_signals(watcher.stop)
            summary = watcher.run()
    finally:
        client.close()
    console.print(f"watch: {summary.polled} polls, {summary.stored} new articles, "
                  f"{summary.rejected} rejected, {summary.batches} batches analysed")


@main.command("serve")
@_store_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; other than loopback needs --token.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option("--token", envvar="NEWSWEAVE_TOKEN", default=None, metavar="T",
              help="Every request must send 'Authorization: Bearer T' [default: $NEWSWEAVE_TOKEN].")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Server processes (one Python process answers on one core at a time).")
@click.option("--cache-mb", default=64, show_default=True, type=click.IntRange(0, 65536),
              help="Memory per process for answers kept until the store changes (0: none).")
def serve_command(db_path, host, port, token, workers, cache_mb) -> None:
    """Serve the store as web pages and a JSON API (read only; ingest may write meanwhile)."""
    from newsweave.serve.server import ServeError, serve

    try:
        serve(db_path or default_path(), host, port, token, workers, cache_bytes=cache_mb * 1024 * 1024,
              on_ready=lambda url: console.print(f"serving {url} (Ctrl+C to stop)", markup=False))
    except ServeError as error:
        raise click.ClickException(str(error)) from error


@main.command("feeds")
@_store_option
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
def feeds_command(db_path, as_json) -> None:
    """List the feeds watched, with their state and when they are asked next."""
    from newsweave.watch import all_feeds, feed_json

    with _open_store(db_path) as store:
        rows = [feed_json(feed) for feed in all_feeds(store)]
    if as_json:
        for row in rows:
            out.print(json.dumps(row, ensure_ascii=False), markup=False)
        return
    table = Table("url", "state", "last status", "errors", "last checked", "next check", "title")
    for row in rows:
        table.add_row(row["url"], row["state"], row["last_status"] or "", str(row["errors"]),
                      row["last_checked"] or "", row["next_check"] or "never", (row["title"] or "")[:40])
    out.print(table)


# --- helpers ---------------------------------------------------------------------------------
def _analyse_batch(store: Store, articles: list, reader_language: str, rules, show: Callable) -> None:
    """A watch batch through reuse and stories as ``run`` does (the stories are saved where the
    store keeps them), then the alerts."""
    from newsweave.watch.alerts import fire, firings, origin_firings, post
    from newsweave.watch.loop import Event

    stories = analyse_stories(store, articles, reader_language).stories
    if rules is None:
        return
    found = firings(rules.rules, articles, stories)
    fired = fire(store, rules, found + origin_firings(store, rules.rules, stories, found))
    for firing in fired:
        show(Event("alert", {"alert": firing.rule, **firing.data}))
    if rules.webhook and fired:
        for problem in post(rules.webhook, fired):
            show(Event("webhook failed", {"alert": problem}))


def _watch_printer(as_json: bool) -> Callable:
    def show(event) -> None:
        if as_json:
            out.print(json.dumps({"event": event.kind, **event.data}, ensure_ascii=False), markup=False)
        elif event.kind == "polled":
            data = event.data
            note = f" ({data['error']})" if data["error"] and data["state"] != "ok" else ""
            console.print(f"{data['feed']}: {data['status']} {data['state']}, {data['new']} new{note}",
                          markup=False)
        elif event.kind in ("stored", "analysed", "analysis failed", "alert", "webhook failed"):
            console.print(f"{event.kind}: " + ", ".join(f"{k} {v}" for k, v in event.data.items()),
                          markup=False)
    return show


def _stop_on_signals(stop: Callable[[], None]) -> None:
    """SIGINT and SIGTERM ask the watch to stop after the batch in hand; a second Ctrl-C
    interrupts at once."""
    def handler(signum, frame) -> None:
        stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


def _run(inputs, out_dir, db_path, fetch, max_bytes, workers, verbose, quiet, reader_language="en") -> None:
    summary = _ingest(inputs, db_path, fetch, max_bytes, workers, verbose, quiet)
    _report(summary, out_dir, db_path, reader_language, workers, quiet)


def _report(summary: RunSummary, out_dir, db_path, reader_language: str, workers: int | None = None,
            quiet: bool = False) -> None:
    """The stories of a run's articles, written out; where they went. Analysis and outputs
    are stages of the run in the store, each with its status."""
    with _full_disk_said(db_path), _open_store(db_path) as store:
        articles = list(store.articles(run_id=summary.run_id))
        with recorded_stage(store, summary.run_id, "analysis") as counts:
            analysis = _stories(store, articles, reader_language, workers, quiet)
            stories = analysis.stories
            counts.update(articles=len(articles), stories=len(stories))
        with recorded_stage(store, summary.run_id, "outputs") as counts:
            # the stories hold the run's articles and the earlier ones of the stories they joined
            outputs = _write_outputs(analysis.articles, out_dir, stories, reader_language, db_path)
            counts.update(stories=len(stories), folder=str(Path(out_dir).resolve()))
    out.print(f"store:        {Path(db_path or default_path()).resolve()}")
    out.print(f"stories.json: {outputs.stories_json.resolve()}")
    out.print(f"report:       {outputs.index_html.resolve()}")
    _exit_if_nothing_read(summary)


def _write_outputs(articles: list, out_dir, stories: list, reader_language: str, db_path):
    """``write_outputs``, with a failed write (a full disk) said in one line: what failed,
    that the store keeps everything, and the command that writes the report again."""
    try:
        return write_outputs(articles, out_dir, stories, reader_language)
    except OSError as error:
        what = (f"the disk under {out_dir} is full" if error.errno == errno.ENOSPC
                else f"cannot write the report to {out_dir}: {error.strerror or error}")
        again = f"newsweave report --out {out_dir}" + (f" --db {db_path}" if db_path else "")
        raise click.ClickException(
            f"{what}; the store is intact (its articles and their analysis are kept): free some space, "
            f"then run `{again}`") from error


@contextmanager
def _full_disk_said(db_path):
    """A full disk under the store, said in one line with how to go on."""
    try:
        yield
    except StoreFull as error:
        raise click.ClickException(
            f"{error}: free some space on the disk of {Path(db_path or default_path()).resolve()}, "
            "then run the same command again (what is stored is skipped)") from error


def _stories(store: Store, articles: list, reader_language: str = "en",
             workers: int | None = None, quiet: bool = False) -> StoryAnalysis:
    """Reuse, then stories with their briefs for these articles, with progress bars."""
    analysis = analyse_stories(store, articles, reader_language, _stages(quiet), workers)
    console.print(f"reuse: {analysis.new_edges} new edges")
    return analysis


def _stages(quiet: bool):
    """A stage reporter (``runtime.analysis.StageReporter``) showing a progress bar per stage."""
    @contextmanager
    def stage(name: str):
        with _progress(quiet) as progress:
            task = progress.add_task(name, total=None)

            def advance(count: int, total: int | None = None) -> None:
                if total is not None:
                    progress.update(task, total=total)
                progress.advance(task, count)
            yield advance
    return stage


def _ingest(inputs, db_path, fetch, max_bytes, workers, verbose, quiet=False) -> RunSummary:
    logging.basicConfig(level=logging.DEBUG if verbose > 1 else logging.WARNING)
    fetcher = Fetcher(max_bytes=max_bytes, private=fetch == "private") if fetch else None
    options = ReadOptions(max_bytes=max_bytes, fetcher=fetcher)
    try:
        with _full_disk_said(db_path), _open_store(db_path) as store, _progress(quiet) as progress:
            task = progress.add_task("reading files", total=None)
            shown = 0

            def report(summary: RunSummary) -> None:
                nonlocal shown
                progress.update(task, description=f"files read ({_counts(summary)})",
                                total=summary.files, completed=summary.files_read)
                if verbose:
                    for rejection in summary.rejections[shown:]:
                        progress.console.print(f"[yellow]rejected[/] {escape(_where(rejection))}: "
                                               f"{escape(rejection.reason)}", markup=True, highlight=False)
                shown = len(summary.rejections)

            summary = ingest(store, list(inputs), options=options, workers=workers,
                             on_progress=report)
    finally:
        if fetcher:
            fetcher.close()
    _print_summary(summary)
    return summary


def _progress(quiet: bool = False) -> Progress:
    """Progress bars: done/total and the time left where the total is known, a count and the
    time spent where it is not."""
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=24),
                    MofNCompleteColumn(), TimeRemainingColumn(), TimeElapsedColumn(),
                    console=console, transient=True, disable=quiet)


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
