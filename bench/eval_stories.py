"""End-to-end story clustering on SemEval-2022 Task 8 similarity_dev (../shared/eval).

Every article of similarity_dev becomes one line of a JSONL corpus (url `semeval:<article id>`),
`newsweave run` clusters it, and the pairs are scored: pairs rated overall <= 1.5 should end in
one story, pairs rated >= 3 in different stories. Prints pairwise precision, recall, F1 and the
whole run's articles/s, for all pairs and for the fit and locked parts of bench/similarity_split.py
(every article is clustered together; the parts only split the judged pairs).

    python bench/eval_stories.py [--limit N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from similarity_split import read_split  # noqa: E402

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


def story_of_urls(stories: dict) -> dict[str, str]:
    """Article url -> its story's id, from a stories.json."""
    url_of = {a["id"]: a["url"] for a in stories["articles"]}
    return {url_of[article_id]: story["id"]
            for story in stories["stories"] for article_id in story["articles"]}


def score(rows: list[dict], story_of: dict[str, str]) -> tuple[float, float, float, int]:
    """Pairwise precision, recall and F1 of the judged pairs, and how many were judged."""
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
    parser.add_argument("--keep", type=Path, help="run in this folder and keep its store and stories.json")
    args = parser.parse_args()
    if not EVAL.exists():
        print(f"skipped: {EVAL} not found (../shared/eval sits beside the repository)")
        return
    rows = [json.loads(line) for line in EVAL.open(encoding="utf-8")][: args.limit]
    with tempfile.TemporaryDirectory() as scratch:
        folder = str(args.keep or scratch)
        Path(folder).mkdir(parents=True, exist_ok=True)
        corpus = Path(folder) / "similarity_dev.jsonl"
        count = build_corpus(rows, corpus)
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "newsweave.cli", "run", str(corpus), "--out", folder,
                        "--db", str(Path(folder) / "store.db")], check=True)
        seconds = time.perf_counter() - started
        stories = json.loads((Path(folder) / "stories.json").read_text(encoding="utf-8"))
    print(f"similarity_dev end to end: {count} articles, {len(stories['stories'])} stories, "
          f"{count / seconds:.1f} articles/s ({seconds:.0f}s)")
    print_scores(rows, story_of_urls(stories))


def print_scores(rows: list[dict], story_of: dict[str, str]) -> None:
    """All judged pairs, then the fit and locked parts' pairs."""
    part_of = read_split()
    for name, part in (("all", rows), *((p, [r for r in rows if part_of.get(r["id"]) == p])
                                        for p in ("fit", "locked"))):
        precision, recall, f1, judged = score(part, story_of)
        print(f"  {name:6} pairs judged {judged}: precision {precision:.3f}  recall {recall:.3f}  "
              f"F1 {f1:.3f}")


if __name__ == "__main__":
    main()
