"""Faults a hostile or unlucky user meets: gzip bombs, full disks, killed runs, big feeds.

Every fixture is written here: bombs are compressed as they are generated (a few hundred KB on
disk), and the commands run as a user would run them, in a child process whose peak memory is
measured.
"""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_helpers import run, write

from newsweave.readers import ReadOptions
from newsweave.store import Store

FERRIES = ("The council of Vellmar voted on Tuesday to add two evening ferries to the harbour "
           "timetable. Officials said the new boats will run from May until September.")
STORM = ("A storm reached the northern coast of Vellmar on Monday night and closed two harbours. "
         "Power was cut in several villages until the morning, the utility said.")
BOMB_BYTES = 300_000_000
# newsweave ingest of one small file peaks at about 200 MB (Python, numpy, the language models);
# holding a 300 MB bomb whole would take it past 500 MB.
PEAK_LIMIT_MB = 420


def _gzip_bomb(path: Path, head: bytes, filler: bytes, size: int, tail: bytes) -> Path:
    """head + filler repeated to ``size`` bytes + tail, gzip-compressed as it is generated."""
    block = filler * (1_048_576 // len(filler))
    with gzip.open(path, "wb", compresslevel=6) as stream:
        stream.write(head)
        for _ in range(size // len(block)):
            stream.write(block)
        stream.write(block[: size % len(block)])
        stream.write(tail)
    return path


def _jsonl(text: str, title: str) -> str:
    return json.dumps({"title": title, "text": f"{text} ({title})",
                       "url": f"https://example.org/{title}"}) + "\n"


def _feed(items: str) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Vellmar Post</title>{items}</channel></rss>")


def _item(title: str, text: str) -> str:
    return (f"<item><title>{title}</title><link>https://example.org/{title}</link>"
            f"<description>{text} ({title})</description></item>")


def _warc_head(url: str, length: int) -> bytes:
    http = f"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {length}\r\n\r\n"
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {url}\r\n"
            f"WARC-Record-ID: <urn:uuid:{url[-4:]:0>8}-0000-0000-0000-000000000000>\r\n"
            "Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + length}\r\n\r\n{http}").encode()


def _bombs(folder: Path) -> dict[str, Path]:
    """One bomb per reader: a 300 MB article compressed to well under a megabyte."""
    size = BOMB_BYTES
    return {
        "jsonl": _gzip_bomb(folder / "b1.jsonl.gz", b'{"title": "bomb", "text": "', b"boom ", size,
                            b'"}\n' + _jsonl(STORM, "after-bomb").encode()),
        "json": _gzip_bomb(folder / "b2.json.gz", b'{"text": "', b"boom ", size, b'"}'),
        "text": _gzip_bomb(folder / "b3.txt.gz", b"", b"boom ", size, b""),
        "html": _gzip_bomb(folder / "b4.html.gz", b"<html><body><p>", b"boom ", size, b"</p>"),
        "feed": _gzip_bomb(folder / "b5.xml.gz", _feed(_item("first", FERRIES) + "<item><title>"
                                                       ).split("</channel>")[0].encode(),
                           b"boom ", size,
                           ("</title></item>" + _item("last", STORM) + "</channel></rss>").encode()),
        "warc": _gzip_bomb(folder / "b6.warc.gz", _warc_head("https://example.org/0001", size),
                           b"boom ", size, b"\r\n\r\n"),
        "warc-header": _gzip_bomb(folder / "b7.warc.gz", b"WARC/1.0\r\nWARC-Type: response\r\nX: ",
                                  b"boom ", size, b"\r\n\r\n"),
    }


def _peak_rss_mb(command: list[str], cwd: Path) -> tuple[subprocess.CompletedProcess, float]:
    """Run a command in a child; its output and the peak resident memory of the child (MB)."""
    script = ("import resource, subprocess, sys\n"
              "done = subprocess.run(sys.argv[1:])\n"
              "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
              "print(f'PEAK {peak / 1024:.0f}', file=sys.stderr)\n"
              "sys.exit(done.returncode)")
    done = subprocess.run([sys.executable, "-c", script, *command], cwd=cwd, capture_output=True,
                          text=True, timeout=600, env=os.environ)
    peak = float(done.stderr.rsplit("PEAK ", 1)[1].split()[0])
    return done, peak


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsweave.cli", *args]


# --- 1. gzip bombs -----------------------------------------------------------------------------
def test_gzip_bombs_in_every_reader_cost_one_article_of_memory_and_spare_their_neighbours(tmp_path):
    bombs = _bombs(tmp_path)
    assert all(path.stat().st_size < 2_000_000 for path in bombs.values())
    first = write(tmp_path / "a-first.jsonl", _jsonl(FERRIES, "first-file"))
    last = write(tmp_path / "z-last.txt", "Bridge reopens\n\n" + STORM.replace("storm", "flood"))
    done, peak = _peak_rss_mb(_cli("ingest", str(first), *map(str, bombs.values()), str(last),
                                   "--db", "s.db", "--workers", "1", "-q"), tmp_path)
    assert done.returncode == 0, done.stderr
    assert peak < PEAK_LIMIT_MB, f"peak {peak:.0f} MB reading 300 MB bombs"
    with Store(str(tmp_path / "s.db")) as store:
        titles = {a.title for a in store.articles()}
        rejections = store.rejections()
    # the files around the bombs, and the articles beside them inside the bombs' files
    assert {"first-file", "Bridge reopens", "after-bomb", "first", "last"} <= titles
    rejected = {Path(r.path).name: r.reason for r in rejections}
    assert set(rejected) == {path.name for path in bombs.values()}, rejected
    for name in ("b1.jsonl.gz", "b2.json.gz", "b3.txt.gz", "b4.html.gz", "b5.xml.gz", "b6.warc.gz"):
        assert "10,000,000-byte limit" in rejected[name], (name, rejected[name])
    assert "headers over the 10,000,000-byte limit" in rejected["b7.warc.gz"]


def test_a_jsonl_line_over_the_limit_is_stepped_over_without_being_held(tmp_path):
    lines = (_jsonl(FERRIES, "one") + '{"text": "' + "x" * 5000 + '"}\n' + _jsonl(STORM, "three"))
    path = write(tmp_path / "a.jsonl.gz", gzip.compress(lines.encode()))
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path, options=ReadOptions(max_bytes=1000))
        assert {a.title for a in store.articles()} == {"one", "three"}
        [rejection] = summary.rejections
    assert rejection.locator == "line 2" and "1,000-byte limit" in rejection.reason


def test_a_json_list_with_a_bombed_item_stores_the_items_around_it_in_bounded_memory(tmp_path):
    head = ("[" + json.dumps({"title": "before", "text": FERRIES}) + ', {"title": "bomb", "text": "')
    tail = '"}, ' + json.dumps({"title": "after", "text": STORM}) + "]"
    # escaped quotes inside the bombed string (7 bytes: the bomb never ends in half an escape)
    bomb = _gzip_bomb(tmp_path / "list.json.gz", head.encode(), b'bo\\"om ', BOMB_BYTES, tail.encode())
    done, peak = _peak_rss_mb(_cli("ingest", str(bomb), "--db", "s.db", "--workers", "1", "-q"), tmp_path)
    assert done.returncode == 0, done.stderr
    assert peak < PEAK_LIMIT_MB, f"peak {peak:.0f} MB reading a 300 MB list item"
    with Store(str(tmp_path / "s.db")) as store:
        assert {a.title for a in store.articles()} == {"before", "after"}
        [rejection] = store.rejections()
    assert rejection.locator == "item 1"
    assert "list item over the 10,000,000-byte limit" in rejection.reason


def _list(*items: object) -> str:
    return json.dumps(list(items), indent=1, ensure_ascii=False)


def test_a_json_list_over_the_limit_is_read_item_by_item(tmp_path):
    items = [{"title": f"story-{n}", "text": f"{FERRIES} Número {n}, „quoted“ [1], {{x}}, \\ \"."}
             for n in range(30)]
    items[4] = {"title": "huge", "text": "word, [word] {word} \"word\" " * 300}
    items[9] = ["not", "an", "object"]
    listed = _list(*items).encode()
    for name, data in (("big.json", listed), ("big.json.gz", gzip.compress(listed)), ("no-suffix", listed)):
        with Store(str(tmp_path / f"{name}.db")) as store:
            summary = run(store, write(tmp_path / name, data), options=ReadOptions(max_bytes=2000))
            titles = {a.title: a.locator for a in store.articles()}
        assert len(titles) == 28 and "huge" not in titles, name
        assert titles["story-12"] == "item 12"
        assert {(r.locator, r.reason.split(" (")[0]) for r in summary.rejections} == {
            ("item 4", "list item over the 2,000-byte limit for one article"),
            ("item 9", "expected a JSON object, got list")}, name


@pytest.mark.parametrize(("data", "stored", "reason"), [
    (f'[{{"text": "{FERRIES}"}}, {{"text": "{STORM}"', 1, "the file ends inside the list, in item 1"),
    (f'[{{"text": "{FERRIES}"}}] {"trailing " * 10}', 1, "more after the list's closing ']'"),
    (f'{{"text": "{FERRIES} {STORM}"}}', 0, "file is over the 200-byte limit for one article"),
    (f'[{{"text": "{FERRIES}"}}, {{"text": nope}}, {{"text": "{STORM}"}}]', 2, "malformed JSON"),
])
def test_a_broken_json_list_over_the_limit_keeps_what_came_before_and_says_why(tmp_path, data, stored,
                                                                                reason):
    assert len(data) > 200
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, write(tmp_path / "broken.json", data), options=ReadOptions(max_bytes=200))
        assert store.count_articles() == stored
    [rejection] = summary.rejections
    assert reason in rejection.reason, rejection.reason


# --- 5. feeds over the limit are read item by item ---------------------------------------------
def test_a_feed_over_the_limit_is_read_item_by_item(tmp_path):
    items = [_item(f"story-{n}", f"{FERRIES} Number {n}.") for n in range(60)]
    items[7] = _item("huge", "word " * 3000)
    path = write(tmp_path / "big.xml", _feed("".join(items)))
    assert path.stat().st_size > 12_000
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path, options=ReadOptions(max_bytes=12_000))
        titles = {a.title for a in store.articles()}
        locators = {a.title: a.locator for a in store.articles()}
    assert len(titles) == 59 and "huge" not in titles
    assert locators["story-12"] == "item 12"
    [rejection] = summary.rejections
    assert rejection.locator == "item 7" and "feed item over the 12,000-byte limit" in rejection.reason


def test_a_feed_whose_head_alone_is_over_the_limit_is_one_clear_rejection(tmp_path):
    path = write(tmp_path / "big.xml", _feed("<description>" + "x" * 5000 + "</description>"
                                             + _item("one", FERRIES)))
    with Store(str(tmp_path / "s.db")) as store:
        [rejection] = run(store, path, options=ReadOptions(max_bytes=2000)).rejections
    assert "cannot be read item by item: no feed item within the first 2,000 bytes" in rejection.reason


def test_an_atom_feed_over_the_limit_is_read_item_by_item(tmp_path):
    entries = "".join(f"<entry><title>entry-{n}</title><id>urn:{n}</id><content>{FERRIES} {n}"
                      "</content></entry>" for n in range(20))
    path = write(tmp_path / "atom.xml", f'<feed xmlns="http://www.w3.org/2005/Atom"><title>T'
                                        f"</title>{entries}</feed>")
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path, options=ReadOptions(max_bytes=1000))
        assert summary.stored == 20 and not summary.rejections



# --- 2. a full disk ----------------------------------------------------------------------------
def _articles_folder(folder: Path, count: int) -> Path:
    """``count`` different articles of about 2 KB, one file each."""
    for n in range(count):
        body = "\n\n".join(f"Paragraph {p} of report {n}: the harbour council of Vellmar met on "
                           f"day {n * 7 + p} and agreed on {n + p} new moorings for the fleet."
                           for p in range(12))
        write(folder / f"{n:04d}.txt", f"Report number {n}\n\n{body}\n")
    return folder


def test_a_full_store_stops_with_store_full_keeps_what_was_stored_and_a_rerun_stores_the_rest(tmp_path):
    from newsweave.errors import StoreFull

    folder = _articles_folder(tmp_path / "in", 300)
    with Store(str(tmp_path / "s.db")) as store:
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count={pages + 120}")  # a disk with 120 pages free
        with pytest.raises(StoreFull, match="the disk under the store is full"):
            run(store, folder, batch_size=32)
        first = store.count_articles()
        assert 0 < first < 300
        store._db.execute("PRAGMA max_page_count=1073741823")  # space freed
        again = run(store, folder, batch_size=32)
        assert (again.stored, again.duplicates) == (300 - first, first)
        assert store.count_articles() == 300
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.runs()[0].status == "failed"


@pytest.fixture
def small_disk(tmp_path):
    """A 3 MB tmpfs (needs root and mount); unmounted after the test."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_under_the_store_is_one_clear_line_and_a_rerun_stores_the_rest_once(tmp_path, small_disk):
    folder = _articles_folder(tmp_path / "in", 400)
    db = small_disk / "s.db"
    Store(str(db)).close()
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * 2_200_000)
    args = _cli("ingest", str(folder), "--db", str(db), "--workers", "1", "-q")
    full = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert full.returncode == 1
    assert "Traceback" not in full.stderr and "cannot rollback" not in full.stderr
    [line] = [line for line in full.stderr.splitlines() if line.startswith("Error:")]
    assert "the disk under the store is full" in line and "everything stored before it is intact" in line
    assert "free some space" in line and "run the same command again" in line
    with Store(str(db)) as store:
        first = store.count_articles()
    filler.unlink()
    done = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    with Store(str(db)) as store:
        assert store.count_articles() == 400
        assert store._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        last = store.runs()[-1]
        assert (last.stored, last.duplicates) == (400 - first, first)


def test_a_full_disk_under_out_is_one_clear_line_that_says_how_to_go_on(tmp_path, small_disk):
    folder = _articles_folder(tmp_path / "in", 3)
    out = small_disk / "out"
    (small_disk / "filler").write_bytes(b"\0" * (3 * 1024 * 1024 - 8192))
    db = tmp_path / "s.db"
    done = subprocess.run(_cli("run", str(folder), "--db", str(db), "--out", str(out),
                               "--workers", "1", "-q"), capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    [line] = [line for line in done.stderr.splitlines() if line.startswith("Error:")]
    assert f"the disk under {out} is full; the store is intact" in line
    assert f"newsweave report --out {out} --db {db}" in line
    runs = subprocess.run(_cli("runs", "--db", str(db), "--json"), capture_output=True, text=True)
    [record] = [json.loads(line) for line in runs.stdout.splitlines()]
    assert record["status"] == "failed"
    assert [(s["stage"], s["status"]) for s in record["stages"]] == [
        ("ingest", "finished"), ("analysis", "finished"), ("outputs", "failed")]


# --- 4. runs that tell the truth ---------------------------------------------------------------
def _runs_json(db: Path) -> list[dict]:
    done = subprocess.run(_cli("runs", "--db", str(db), "--json"), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    return [json.loads(line) for line in done.stdout.splitlines()]


def _stage_of(db: Path) -> tuple[str, str] | None:
    """The latest stage of the store's only run, and its status."""
    if not db.exists():
        return None
    with Store(str(db)) as store:
        # Times are to the second: ingest and analysis often start in the same one.
        runs = store._db.execute("SELECT stage, status FROM run_stages ORDER BY started_at, "
                                 "CASE stage WHEN 'ingest' THEN 0 WHEN 'analysis' THEN 1 ELSE 2 END"
                                 ).fetchall()
    return tuple(runs[-1]) if runs else None


def _kill_when(args: list[str], db: Path, ready) -> None:
    """Start the command, SIGKILL it once ``ready(db)`` holds, and reap it."""
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(6000):
            if process.poll() is not None or ready(db):
                break
            time.sleep(0.01)
        assert process.poll() is None, "the command ended before it could be killed"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()


def test_a_run_killed_during_ingest_shows_interrupted_with_what_it_stored_without_a_new_run(tmp_path):
    folder = _articles_folder(tmp_path / "in", 3000)
    db = tmp_path / "s.db"

    def stored_some(db: Path) -> bool:
        if not db.exists():
            return False
        with Store(str(db)) as store:
            return store.count_articles() > 0

    _kill_when(_cli("ingest", str(folder), "--db", str(db), "--workers", "1", "-q"), db, stored_some)
    [record] = _runs_json(db)
    with Store(str(db)) as store:
        stored = store.count_articles()
    assert record["status"] == "interrupted" and record["stored"] == stored > 0
    assert [(s["stage"], s["status"]) for s in record["stages"]] == [("ingest", "interrupted")]


def test_a_run_killed_during_analysis_shows_its_ingest_finished_and_its_analysis_interrupted(tmp_path):
    folder = _articles_folder(tmp_path / "in", 40)
    db = tmp_path / "s.db"
    _kill_when(_cli("run", str(folder), "--db", str(db), "--out", str(tmp_path / "out"),
                    "--workers", "1", "-q"), db, lambda db: _stage_of(db) == ("analysis", "running"))
    [record] = _runs_json(db)
    assert record["status"] == "interrupted"
    assert [(s["stage"], s["status"]) for s in record["stages"]] == [
        ("ingest", "finished"), ("analysis", "interrupted")]
    assert record["stages"][0]["counts"] == {"stored": 40, "duplicates": 0, "rejected": 0}


def test_a_whole_run_records_each_stage_with_its_counts(tmp_path):
    folder = _articles_folder(tmp_path / "in", 4)
    db = tmp_path / "s.db"
    done = subprocess.run(_cli("run", str(folder), "--db", str(db), "--out", str(tmp_path / "out"),
                               "--workers", "1", "-q"), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    [record] = _runs_json(db)
    assert record["status"] == "finished" and record["finished_at"]
    stages = {s["stage"]: s for s in record["stages"]}
    assert [s["status"] for s in record["stages"]] == ["finished"] * 3
    assert stages["analysis"]["counts"]["articles"] == 4
    assert stages["outputs"]["counts"]["stories"] == stages["analysis"]["counts"]["stories"] >= 1


def test_concurrent_writers_each_count_what_they_stored_themselves(tmp_path):
    folder = _articles_folder(tmp_path / "in", 60)
    db = str(tmp_path / "s.db")
    other: list = []

    def meanwhile(summary) -> None:  # after the first batch: another process stores them all
        if not other:
            with Store(db) as second:
                other.append(run(second, folder, batch_size=10))

    with Store(db) as store:
        first = run(store, folder, batch_size=10, on_progress=meanwhile)
        runs = store.runs()
    [second] = other
    assert first.stored + second.stored == 60
    assert first.stored + first.duplicates == 60 == second.stored + second.duplicates
    assert [(r.stored, r.duplicates) for r in runs] == [
        (first.stored, first.duplicates), (second.stored, second.duplicates)]


def test_copies_inside_one_input_are_counted_alike_on_the_console_and_in_runs(tmp_path):
    line = _jsonl(FERRIES, "twice")
    path = write(tmp_path / "a.jsonl", line + line + _jsonl(STORM, "once"))
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path)
        [record] = store.runs()
    assert (summary.stored, summary.duplicates) == (2, 1)
    assert (record.stored, record.duplicates, record.rejected) == (2, 1, 0)


# --- 7. progress -------------------------------------------------------------------------------
def _run_on_a_terminal(monkeypatch, args: list[str]) -> str:
    """What the command shows on a terminal's stderr (rich draws its bars only there)."""
    import io
    import re

    from click.testing import CliRunner
    from rich.console import Console

    from newsweave import cli

    screen = io.StringIO()
    monkeypatch.setattr(cli, "console", Console(file=screen, force_terminal=True, width=160,
                                                highlight=False))
    result = CliRunner().invoke(cli.main, args)
    assert result.exit_code == 0, result.output
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen.getvalue())


def test_progress_shows_done_out_of_total_per_stage_and_quiet_shows_none(tmp_path, monkeypatch):
    folder = _articles_folder(tmp_path / "in", 5)
    args = ["run", str(folder), "--db", str(tmp_path / "s.db"), "--out", str(tmp_path / "out"),
            "--workers", "1"]
    shown = _run_on_a_terminal(monkeypatch, args)
    assert "files read (5 new, 0 already stored, 0 rejected)" in shown and "5/5" in shown
    assert "stories: embedding leads" in shown and "reuse: comparing candidate pairs" in shown
    quiet = _run_on_a_terminal(monkeypatch, [*args, "-q"])
    assert "files read" not in quiet and "embedding leads" not in quiet
    assert "run 2: 5 articles (0 new, 5 already stored, 0 rejected)" in quiet


# --- 6. cleaning -------------------------------------------------------------------------------
def test_an_article_whose_text_is_its_title_is_kept_as_a_news_flash(tmp_path):
    flash = "Earthquake of magnitude 6 shakes the Vellmar coast"
    path = write(tmp_path / "a.jsonl", json.dumps({"title": flash, "text": flash}) + "\n"
                 + _jsonl(f"{flash}\n\n{FERRIES}", flash + " today"))
    with Store(str(tmp_path / "s.db")) as store:
        summary = run(store, path)
        articles = {a.title: a for a in store.articles()}
    assert summary.stored == 2 and not summary.rejections
    assert articles[flash].text == flash and not articles[flash].removed
    assert articles[flash + " today"].text.startswith(flash)  # another title: the line stays


def test_unbalanced_bidi_isolates_are_removed_like_the_other_bidi_controls(tmp_path):
    text = ("\u2067وافق مجلس مدينة فيلمار على إضافة عبارتين مسائيتين إلى جدول الميناء. "
            "\u2066Vellmar\u2069 \u2068ferries\u202b قالت \u061cالبلدية.\u200f")
    path = write(tmp_path / "a.jsonl", json.dumps({"title": "عبارات", "text": text}) + "\n")
    with Store(str(tmp_path / "s.db")) as store:
        run(store, path)
        [article] = store.articles()
    assert not set(article.text) & set("\u2066\u2067\u2068\u2069\u202b\u061c\u200f")
    assert "Vellmar ferries قالت البلدية." in article.text
