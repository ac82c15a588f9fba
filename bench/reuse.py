"""The reuse stage's blocking on a real corpus: features, candidate pairs per article, time.

Uses the bench corpus of bench/run.py (2,000 articles from the SemEval dev texts in ten
languages; each mixes paragraphs of other dev texts, so there is real partial reuse).

    python bench/reuse.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import build_corpus  # noqa: E402

from newsweave.readers import read_inputs  # noqa: E402
from newsweave.records import Article, RawDocument  # noqa: E402
from newsweave.reuse.blocking import candidate_pairs  # noqa: E402
from newsweave.reuse.features import article_features  # noqa: E402
from newsweave.runtime.ingest import build_article, prepare  # noqa: E402

EVAL = Path(__file__).resolve().parents[2] / "shared" / "eval"
CACHE = Path(__file__).resolve().parent / ".cache"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    if not EVAL.is_dir():
        print(f"skipped: {EVAL} not found")
        return
    corpus = build_corpus(EVAL, CACHE, args.articles, 20240409)
    raw = [item for item in read_inputs([str(corpus.text_dir)]) if isinstance(item, RawDocument)]
    articles = [a for a in (build_article(prepare(item)) for item in raw) if isinstance(a, Article)]
    started = time.perf_counter()
    features = [article_features(article) for article in articles]
    featured = time.perf_counter()
    pairs = candidate_pairs(features)
    blocked = time.perf_counter()
    language = {f.id: f.language for f in features}
    across = sum(1 for a, b in pairs if language[a] != language[b])
    rate = len(articles) / (featured - started)
    per_article = 2 * len(pairs) / len(articles)
    print(f"reuse blocking on {len(articles)} articles: features {rate:,.0f} articles/s, candidate "
          f"pairs {len(pairs):,} ({per_article:.1f} per article, {across:,} across languages) "
          f"in {blocked - featured:.2f}s")


if __name__ == "__main__":
    main()
