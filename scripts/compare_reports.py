"""Compare two report folders (stories.json, index.html, stories/*.html) as a reader sees them:
prints every file whose markup differs beyond whitespace between tags and the spelling of an
entity (``&quot;``/``&#34;``, ``&#x27;``/``&#39;``: the same character). Exit 1 if any does.

    python scripts/compare_reports.py BEFORE_DIR AFTER_DIR
"""

from __future__ import annotations

import difflib
import re
import sys
from pathlib import Path

_ENTITIES = {"&#34;": "&quot;", "&#39;": "&#x27;"}


def normalised(text: str) -> str:
    """The markup with entity spellings unified and whitespace between tags dropped."""
    for spelling, usual in _ENTITIES.items():
        text = text.replace(spelling, usual)
    return re.sub(r">\s+<", "><", text).strip()


def compare(before: Path, after: Path) -> list[str]:
    """The relative paths whose normalised contents differ (or that only one side has)."""
    names = {p.relative_to(before) for p in before.rglob("*") if p.is_file()}
    names |= {p.relative_to(after) for p in after.rglob("*") if p.is_file()}
    differing = []
    for name in sorted(names):
        old, new = before / name, after / name
        if not (old.is_file() and new.is_file()):
            differing.append(f"{name}: only in {'after' if new.is_file() else 'before'}")
            continue
        a, b = normalised(old.read_text("utf-8")), normalised(new.read_text("utf-8"))
        if a != b:
            lines = difflib.unified_diff(a.replace("><", ">\n<").splitlines(),
                                         b.replace("><", ">\n<").splitlines(), lineterm="", n=0)
            differing.append(f"{name}:\n" + "\n".join(list(lines)[2:40]))
    return differing


if __name__ == "__main__":
    found = compare(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(found) if found else "same (up to whitespace between tags and entity spelling)")
    sys.exit(1 if found else 0)
