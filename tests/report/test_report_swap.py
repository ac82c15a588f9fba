"""The report is replaced as a whole: a full disk or a kill -9 while it is written leaves the old
report as it was and no partial file; the next run cleans what a killed one left; files of the
user's in --out are kept."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

import newsweave.report as report
from newsweave.records import Article
from newsweave.report import swap, write_outputs
from newsweave.reuse.origins import Origin
from newsweave.stories.build import Story


def _records(run: str, count: int = 6) -> tuple[list[Article], list[Story]]:
    """``count`` one-article stories whose ids and titles name the run."""
    articles = [Article(id=f"{run}-article-{n}", text=f"Text {n} of {run}.", format="text",
                        title=f"{run} {n}", language="en") for n in range(count)]
    stories = [Story(id=f"s-{run}-{n}", title=f"Story {n} of {run}", articles=(a.id,),
                     languages=("en",), origins=(Origin(f"o-{run}-{n}", (a.id,), ()),), reuse=())
               for n, a in enumerate(articles)]
    return articles, stories


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _beside(out: Path) -> list[str]:
    """What the report put beside ``out`` (the lock file stays; nothing else may)."""
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f".{out.name}."))


def _write(run: str, out: Path):
    articles, stories = _records(run)
    return write_outputs(articles, out, stories)


def test_rewrite_replaces_the_whole_report(tmp_path):
    out = tmp_path / "out"
    _write("old", out)
    (out / "stories.json.partial").write_text("{", encoding="utf-8")  # left by an older version
    _write("new", out)
    pages = sorted(p.name for p in (out / "stories").iterdir())
    assert pages == [f"s-new-{n}.html" for n in range(6)], "the old run's pages went with it"
    assert "Story 0 of new" in (out / "index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["index.html", "stories", "stories.json"]
    assert _beside(out) == [".out.newsweave-lock"]


def test_the_users_files_in_out_are_not_touched(tmp_path):
    out = tmp_path / "out"
    _write("old", out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    (out / "drafts").mkdir()
    (out / "drafts" / "a.md").write_text("draft", encoding="utf-8")
    (out / "latest").symlink_to("index.html")
    mine = {name: os.lstat(out / name).st_ino for name in ("notes.txt", "drafts", "latest", ".")}
    _write("new", out)
    assert {name: os.lstat(out / name).st_ino for name in mine} == mine, "the same files, not copies"
    assert (out / "drafts" / "a.md").read_text(encoding="utf-8") == "draft"
    assert sorted(p.name for p in (out / "stories").iterdir()) == [f"s-new-{n}.html" for n in range(6)]
    assert "Story 0 of new" in (out / "index.html").read_text(encoding="utf-8")
    assert _beside(out) == [".out.newsweave-lock"]


def test_a_full_disk_leaves_the_old_report_and_no_partial_file(tmp_path, monkeypatch):
    out = tmp_path / "out"
    _write("old", out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = _snapshot(out)
    written = []

    def fill_disk(path: Path, page: str) -> None:
        if len(written) == 3:  # the index and two story pages fit, the third does not
            path.write_text(page[: len(page) // 2], encoding="utf-8")
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        path.write_text(page, encoding="utf-8")
        written.append(path)

    monkeypatch.setattr(report, "write_page", fill_disk)
    with pytest.raises(OSError) as caught:
        _write("new", out)
    assert caught.value.errno == errno.ENOSPC
    assert _snapshot(out) == before
    assert _beside(out) == [".out.newsweave-lock"], "the temporary folder is removed"
    assert not any(p.exists() for p in written), "nothing of the new report is left"


def test_a_full_disk_on_a_first_run_creates_no_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(report, "write_page", _no_space)
    with pytest.raises(OSError):
        _write("new", tmp_path / "out")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.newsweave-lock"]


_KILLED_RUN = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    import newsweave.report as report
    from newsweave.records import Article
    from newsweave.reuse.origins import Origin
    from newsweave.stories.build import Story

    articles = [Article(id=f"new-article-{n}", text=f"Text {n}.", format="text", title=f"new {n}",
                        language="en") for n in range(6)]
    stories = [Story(id=f"s-new-{n}", title=f"Story {n} of new", articles=(a.id,), languages=("en",),
                     origins=(Origin(f"o-new-{n}", (a.id,), ()),), reuse=()) for n, a in enumerate(articles)]
    written = []

    def slow_page(path, page):
        path.write_text(page, encoding="utf-8")
        written.append(path)
        if len(written) == 3:  # the index and two story pages are written: wait for the kill
            print("writing", flush=True)
            time.sleep(60)

    report.write_page = slow_page
    report.write_outputs(articles, sys.argv[1], stories)
""")


def test_kill_9_while_writing_leaves_the_old_report_and_the_next_run_cleans_up(tmp_path):
    out = tmp_path / "out"
    _write("old", out)
    before = _snapshot(out)
    script = tmp_path / "killed_run.py"
    script.write_text(_KILLED_RUN, encoding="utf-8")
    with subprocess.Popen([sys.executable, str(script), str(out)], stdout=subprocess.PIPE,
                          text=True) as process:
        try:
            assert process.stdout.readline().strip() == "writing"
        finally:
            os.kill(process.pid, signal.SIGKILL)
            process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert _snapshot(out) == before, "readers still see the whole old report"
    [leftover] = [name for name in _beside(out) if ".newsweave-new-" in name]
    assert len(list((tmp_path / leftover / "stories").iterdir())) == 2, "it was killed mid-write"

    _write("new", out)
    assert _beside(out) == [".out.newsweave-lock"], "the killed run's folder is cleaned up"
    index = (out / "index.html").read_text(encoding="utf-8")
    for n in range(6):
        assert f"stories/s-new-{n}.html" in index and (out / "stories" / f"s-new-{n}.html").is_file()


def test_a_run_killed_between_the_two_renames_is_repaired(tmp_path, monkeypatch):
    """Where the system cannot exchange two names, the old folder is renamed aside first: a kill
    right then leaves no ``out`` at all, and the next run puts the old report back."""
    out = tmp_path / "out"
    _write("old", out)
    before = _snapshot(out)
    os.rename(out, tmp_path / ".out.newsweave-old-x1")
    (tmp_path / ".out.newsweave-new-x1").mkdir()
    monkeypatch.setattr(report, "write_page", _no_space)
    with pytest.raises(OSError):
        _write("new", out)
    assert _snapshot(out) == before
    assert _beside(out) == [".out.newsweave-lock"]


@pytest.mark.parametrize("users_file", [False, True], ids=["report folder", "shared folder"])
def test_the_swap_works_without_an_atomic_exchange(tmp_path, monkeypatch, users_file):
    monkeypatch.setattr(swap, "_exchange", lambda first, second: False)
    out = tmp_path / "out"
    _write("old", out)
    if users_file:
        (out / "notes.txt").write_text("mine", encoding="utf-8")
    _write("new", out)
    assert sorted(p.name for p in (out / "stories").iterdir())[0] == "s-new-0.html"
    assert "Story 0 of new" in (out / "index.html").read_text(encoding="utf-8")
    assert not users_file or (out / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert _beside(out) == [".out.newsweave-lock"]


def test_a_run_killed_between_two_renames_of_one_entry_is_repaired(tmp_path, monkeypatch):
    """In a shared folder without an exchange, the old stories/ is moved into the temporary
    folder before the new one takes its place: the next run puts it back if a kill came between."""
    out = tmp_path / "out"
    _write("old", out)
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    before = _snapshot(out)
    leftover = tmp_path / ".out.newsweave-new-x2"
    leftover.mkdir()
    os.rename(out / "stories", leftover / "aside-stories")
    monkeypatch.setattr(report, "write_page", _no_space)
    with pytest.raises(OSError):
        _write("new", out)
    assert _snapshot(out) == before
    assert _beside(out) == [".out.newsweave-lock"]


def test_two_runs_into_one_folder_take_turns(tmp_path):
    out = tmp_path / "out"
    _write("old", out)
    runs = [threading.Thread(target=_write, args=(name, out)) for name in ("one", "two") * 3]
    for run in runs:
        run.start()
    for run in runs:
        run.join(timeout=60)
    index = (out / "index.html").read_text(encoding="utf-8")
    [last] = [name for name in ("one", "two") if f"Story 0 of {name}" in index]
    assert sorted(p.name for p in (out / "stories").iterdir()) == [f"s-{last}-{n}.html" for n in range(6)]
    assert _beside(out) == [".out.newsweave-lock"]


def test_out_may_not_be_a_file(tmp_path):
    (tmp_path / "out").write_text("a file", encoding="utf-8")
    with pytest.raises(NotADirectoryError):
        _write("new", tmp_path / "out")
    assert (tmp_path / "out").read_text(encoding="utf-8") == "a file"


def _no_space(path: Path, page: str) -> None:
    raise OSError(errno.ENOSPC, "No space left on device", str(path))


@pytest.fixture
def small_disk(tmp_path):
    """A 512 KiB tmpfs, where the test may mount one (root, outside a locked-down container)."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=512k", "tmpfs", str(disk)],
                             capture_output=True, text=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({mounted.stderr.strip()}); "
                    "test_a_full_disk_leaves_the_old_report_and_no_partial_file simulates ENOSPC")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_really_full_disk(small_disk):
    out = small_disk / "out"
    _write("old", out)
    before = _snapshot(out)
    articles, stories = _records("big")
    big = [Article(id=a.id, text="Harbour news. " * 60_000, format="text", title=a.title,
                   language="en") for a in articles]
    with pytest.raises(OSError) as caught:
        write_outputs(big, out, stories)
    assert caught.value.errno == errno.ENOSPC
    assert _snapshot(out) == before
    assert _beside(out) == [".out.newsweave-lock"]
    _write("new", out)  # a report that fits is written after the failed one
    assert (out / "stories" / "s-new-0.html").is_file()
