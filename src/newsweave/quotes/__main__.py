"""``python -m newsweave.quotes [DOCS.jsonl]``: the quotes command over a file or stdin."""

from __future__ import annotations

import sys

from newsweave.quotes.command import run_lines


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] == "-":
        _write(sys.stdin.buffer)
    else:
        with open(args[0], "rb") as source:
            _write(source)
    return 0


def _write(lines) -> None:
    for line in run_lines(lines):
        sys.stdout.write(line + "\n")


if __name__ == "__main__":
    raise SystemExit(main())
