"""Replace a report folder without a reader ever seeing half of it: the new report is written
into a temporary folder beside ``OUT`` and swapped in by rename, so a run that fails or is
killed while writing leaves the old report as it was and no partial file.

- ``OUT`` holds only a report (or does not exist): the whole folder is swapped, in one atomic
  exchange of two names on Linux (``renameat2``), else by two renames an instant apart. A reader
  sees the old report or the new one, never a mix.
- ``OUT`` also holds files that are not the report's: those are never touched; the report's own
  entries (``stories/``, then ``index.html``, then ``stories.json``) are swapped one right after
  another, each atomically, so only in the instant between them could a reader mix the two.

Beside ``OUT`` (in its parent folder) live ``.OUT.newsweave-lock`` (held with ``flock`` for the
whole write, so two runs into one folder take turns), ``.OUT.newsweave-new-*`` (the report
being written) and, for an instant, ``.OUT.newsweave-old-*`` (the old report on its way out).
A temporary folder that a run holding the lock finds there was left by a killed run: it is
removed, after putting back whatever that run had moved aside and not yet replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import glob
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not on Windows: runs into one folder are then not serialised
    fcntl = None  # type: ignore[assignment]

_NEW, _OLD, _LOCK = ".newsweave-new-", ".newsweave-old-", ".newsweave-lock"
_ASIDE = "aside-"  # an old entry inside the temporary folder, moved aside without an exchange
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # from <fcntl.h> and <linux/fs.h>


def write_folder(out: Path, report_names: frozenset[str], write: Callable[[Path], None]) -> None:
    """Call ``write(folder)`` on a new temporary folder beside ``out``, then swap it in: the
    entries of ``out`` named in ``report_names`` are the old report's and go; others stay.

    Raises:
        OSError: the new report could not be written or swapped in (a full disk, no permission
            on ``out``'s parent folder); no temporary folder is left and ``out`` is unchanged.
        NotADirectoryError: ``out`` is a file.
    """
    out = Path(os.path.realpath(out))  # a link to the folder stays a link: its target is swapped
    if not out.name:
        raise ValueError(f"--out {out}: the report needs a folder of its own, not the root folder")
    if out.exists() and not out.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "the report's --out is a file, not a folder", str(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out):
        _clean_leftovers(out)
        new = Path(tempfile.mkdtemp(prefix=f".{out.name}{_NEW}", dir=out.parent))
        try:
            _match_mode(new, out)
            write(new)
            if out.is_dir() and any(entry.name not in report_names for entry in out.iterdir()):
                _swap_entries(new, out, report_names)
            else:
                _swap_folder(new, out)
        except BaseException:
            shutil.rmtree(new, ignore_errors=True)
            raise


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold the lock file beside ``out`` (kept afterwards: removing one races with its users)."""
    if fcntl is None:
        yield
        return
    with open(out.parent / f".{out.name}{_LOCK}", "a+b") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clean_leftovers(out: Path) -> None:
    """Remove the temporary folders of killed runs, first putting back what one of them had
    moved aside between two renames (the whole old folder, or one entry of it)."""
    name = glob.escape(out.name)
    olds = sorted(out.parent.glob(f".{name}{_OLD}*"))
    if olds and not out.exists():
        os.rename(olds.pop(), out)
    news = sorted(out.parent.glob(f".{name}{_NEW}*"))
    for leftover in news:
        for aside in leftover.glob(f"{_ASIDE}*"):
            original = out / aside.name.removeprefix(_ASIDE)
            if out.is_dir() and not original.exists():
                os.rename(aside, original)
    for leftover in [*olds, *news]:
        shutil.rmtree(leftover, ignore_errors=True)


def _match_mode(new: Path, out: Path) -> None:
    """Give the new folder ``out``'s permissions (mkdtemp makes it private to its owner)."""
    if out.is_dir():
        shutil.copymode(out, new)
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(new, 0o777 & ~umask)


def _swap_folder(new: Path, out: Path) -> None:
    """Put ``new`` where ``out`` is, in one step where the system can exchange two names."""
    if not out.exists():
        os.rename(new, out)
    elif _exchange(new, out):
        shutil.rmtree(new, ignore_errors=True)  # now the old report; a next run removes any rest
    else:
        old = new.with_name(new.name.replace(_NEW, _OLD, 1))
        os.rename(out, old)
        try:
            os.rename(new, out)
        except OSError:
            os.rename(old, out)
            raise
        shutil.rmtree(old, ignore_errors=True)


def _swap_entries(new: Path, out: Path, report_names: frozenset[str]) -> None:
    """Move the new report's entries into ``out`` one by one, the pages before the index that
    links to them; old report entries the new one lacks go; nothing else in ``out`` is touched."""
    written = sorted(entry.name for entry in new.iterdir())
    for name in sorted(written, key=lambda n: (n != "stories", n != "index.html", n)):
        source, target = new / name, out / name
        if not target.exists() and not target.is_symlink():
            os.rename(source, target)
        elif source.is_dir() or target.is_dir():
            if not _exchange(source, target):
                aside = new / f"{_ASIDE}{name}"
                os.rename(target, aside)
                os.rename(source, target)
        else:
            os.replace(source, target)
    for name in report_names - set(written):
        _remove(out / name)
    shutil.rmtree(new, ignore_errors=True)  # now the old entries


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    elif path.exists() or path.is_symlink():
        path.unlink()


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):
        return False
    status = renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE)
    if status == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):  # this file system cannot
        return False
    raise OSError(code, os.strerror(code), str(second))
