"""The Spark runner against a plain ingest on one machine: articles/s of the per-article stages
(reading, cleaning, language, sentences, lead embedding) over the same JSON Lines, and the ratio.

    python bench/spark.py [--articles 200] [--master local[2]]

The corpus is the first ARTICLES distinct articles of SemEval-2022 Task 8 similarity_dev
(../shared/eval). The plain side is ``ingest`` then ``LeadVectors.load`` (what ``run`` does
before reuse); the Spark side is ``spark_ingest``, whose executors embed the leads.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_stories import EVAL, build_corpus  # noqa: E402

from newsweave.runtime.ingest import ingest  # noqa: E402
from newsweave.store import Store  # noqa: E402
from newsweave.vectors.embed import get_embedder  # noqa: E402
from newsweave.vectors.leads import LeadVectors  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--master", default="local[2]")
    args = parser.parse_args()
    if not EVAL.exists():
        print(f"skipped: {EVAL} not found (../shared/eval sits beside the repository)")
        return
    try:
        from newsweave.runtime.spark import spark_ingest, spark_session
    except ImportError:
        print("skipped: pyspark is not installed (pip install 'newsweave[spark]')")
        return
    rows = [json.loads(line) for line in EVAL.open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "articles.jsonl"
        count = build_corpus(rows, corpus, args.articles)
        with Store(Path(folder) / "plain.db") as store:
            started = time.perf_counter()
            ingest(store, [str(corpus)])
            LeadVectors(get_embedder(), store).load(list(store.articles()))
            plain = time.perf_counter() - started
        started = time.perf_counter()
        spark = spark_session(args.master)
        session = time.perf_counter() - started
        with Store(Path(folder) / "spark.db") as store:
            started = time.perf_counter()
            spark_ingest(spark, store, [str(corpus)])
            on_spark = time.perf_counter() - started
        spark.stop()
    print(f"{count} articles, per-article stages with lead embedding")
    print(f"plain ingest + leads          {count / plain:6.1f} articles/s ({plain:.1f}s)")
    print(f"spark {args.master:<12} ingest  {count / on_spark:6.1f} articles/s ({on_spark:.1f}s, "
          f"+{session:.1f}s to start Spark)")
    print(f"spark / plain                 {plain / on_spark:6.2f}x")


if __name__ == "__main__":
    main()
