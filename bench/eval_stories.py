"""End-to-end story clustering on SemEval-2022 Task 8 similarity_dev (../shared/eval).

Every article of similarity_dev becomes one line of a JSONL corpus (url `semeval:<article id>`),
`newsweave run` clusters it, and the pairs are scored: pairs rated overall <= 1.5 should end in
one story, pairs rated >= 3 in different stories. Prints pairwise precision, recall, F1 and the
whole run's articles/s.

    python bench/eval_stories.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVAL = (Path(__file__).resolve().parents[2] / "shared" / "eval" / "semeval2022_task8"
        / "similarity_dev.jsonl")
CACHE = Path(__file__).resolve().parent / ".cache"


def distinct_articles(rows: list[dict]) -> dict[str, tuple[str, str]]:
    """Article id -> (text, language) of every article the pairs hold, each once, in order."""
    found: dict[str, tuple[str, str]] = {}
    for row in rows:
        first, second = row["id"].split("_")
        found.setdefault(first, (row["text1"] or "", row["lang1"]))
        found.setdefault(second, (row["text2"] or "", row["lang2"]))
    return found


def build_corpus(rows: list[dict], path: Path, limit: int | None = None) -> int:
    """One JSONL line per distinct article (the first ``limit`` of them); returns how many."""
    records = [{"url": f"semeval:{article_id}", "text": text, "language": language}
               for article_id, (text, language) in distinct_articles(rows).items()][:limit]
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(records)


def score(rows: list[dict], stories: dict) -> tuple[float, float, float, int]:
    story_of = {}
    url_of = {a["id"]: a["url"] for a in stories["articles"]}
    for story in stories["stories"]:
        for article_id in story["articles"]:
            story_of[url_of[article_id]] = story["id"]
    tp = fp = fn = judged = 0
    for row in rows:
        first, second = (f"semeval:{i}" for i in row["id"].split("_"))
        if first not in story_of or second not in story_of:
            continue
        together = story_of[first] == story_of[second]
        if row["overall"] <= 1.5:
            judged += 1
            tp += together
            fn += not together
        elif row["overall"] >= 3:
            judged += 1
            fp += together
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, judged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    if not EVAL.exists():
        print(f"skipped: {EVAL} not found (../shared/eval sits beside the repository)")
        return
    rows = [json.loads(line) for line in EVAL.open(encoding="utf-8")][: args.limit]
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "similarity_dev.jsonl"
        count = build_corpus(rows, corpus)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newsweave.cli", "run", str(corpus), "--out", folder,
                        "--db", str(Path(folder) / "store.db")], check=True)
        seconds = time.perf_counter() - started
        stories = json.loads((Path(folder) / "stories.json").read_text(encoding="utf-8"))
    precision, recall, f1, judged = score(rows, stories)
    print(f"similarity_dev end to end: {count} articles, {len(stories['stories'])} stories, "
          f"{count / seconds:.1f} articles/s ({seconds:.0f}s)")
    print(f"  pairs judged {judged}: precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")


if __name__ == "__main__":
    main()
