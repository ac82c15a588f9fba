"""The Spark runner does what a plain run does, with the per-article stages on Spark."""

from __future__ import annotations

import json

import numpy as np
import pytest

from newsweave.cli import DEMO_CORPUS
from newsweave.runtime.ingest import ingest
from newsweave.store import Store
from newsweave.vectors.embed import get_embedder
from newsweave.vectors.leads import LeadVectors

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'newsweave[spark]')")

FOOTER = "Subscribe to the Harbour Gazette for all the news from the coast."


def _gazette(number: int, story: str) -> str:
    """An article of one outlet whose last line is that outlet's furniture."""
    return json.dumps({"url": f"https://gazette.example/{number}", "title": f"Harbour note {number}",
                       "text": f"{story}\n\nThe harbour master said more on day {number}.\n\n{FOOTER}",
                       "language": "en"})


@pytest.fixture(scope="module")
def spark():
    from newsweave.runtime.spark import spark_session

    session = spark_session("local[2]")
    session.conf.set("spark.sql.shuffle.partitions", "2")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The demo's JSON Lines, three articles of one outlet with a recurring footer, one article
    twice, a broken line and a line over the size limit."""
    demo = (DEMO_CORPUS / "jsonl" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    gazette = [_gazette(1, "Ferries to the islands resumed after the storm."),
               _gazette(2, "The fish market opened a new hall for the morning auction."),
               _gazette(3, "Dredging of the inner basin will start in April, the council said.")]
    huge = json.dumps({"text": "word " * 5000})
    path = tmp_path_factory.mktemp("spark-input") / "articles.jsonl"
    path.write_text("\n".join([*demo, *gazette, demo[0], "{broken", huge]) + "\n", encoding="utf-8")
    return path


def _articles(store: Store) -> dict:
    return {a.id: (a.text, a.language, a.title, tuple(line.text for line in a.removed))
            for a in store.articles()}


def test_a_spark_ingest_stores_what_a_plain_ingest_stores(spark, corpus, tmp_path):
    from newsweave.runtime.spark import spark_ingest

    with Store(tmp_path / "plain.db") as plain, Store(tmp_path / "spark.db") as on_spark:
        expected = ingest(plain, [str(corpus)], workers=1, options=_options(20_000))
        summary = spark_ingest(spark, on_spark, [str(corpus)], max_bytes=20_000)
        assert _articles(on_spark) == _articles(plain)
        assert summary.stored == expected.stored == 6
        assert summary.duplicates == expected.duplicates == 1  # the demo article met twice
        assert sorted(r.reason.split(":")[0] for r in summary.rejections) == \
            sorted(r.reason.split(":")[0] for r in expected.rejections) == \
            ["line over the 20,000-byte limit for one article", "malformed JSON"]
        removed = [a for a in on_spark.articles() if a.url and "gazette" in a.url]
        assert all(FOOTER in [line.text for line in a.removed] for a in removed)
        # Every lead was embedded on the executors, as the plain run embeds it.
        stored = {i: np.frombuffer(v, dtype=np.float16)
                  for i, v in on_spark.lead_vectors(get_embedder().name).items()}
        reference = LeadVectors(get_embedder(), plain).load(list(plain.articles()))
        assert stored.keys() == reference.keys()
        for article_id, vector in reference.items():
            assert np.allclose(stored[article_id], vector, atol=1e-3)


def test_a_second_spark_run_of_the_same_input_stores_nothing_new(spark, corpus, tmp_path):
    from newsweave.runtime.spark import spark_ingest

    with Store(tmp_path / "s.db") as store:
        spark_ingest(spark, store, [str(corpus)], max_bytes=20_000)
        again = spark_ingest(spark, store, [str(corpus)], max_bytes=20_000)
        assert again.stored == 0
        assert again.duplicates == 7  # six articles, one of them twice
        assert store.count_articles() == 6


def test_a_missing_input_is_recorded_and_the_others_are_read(spark, corpus, tmp_path):
    from newsweave.runtime.spark import spark_ingest

    missing = str(tmp_path / "nowhere.jsonl")
    with Store(tmp_path / "s.db") as store:
        summary = spark_ingest(spark, store, [missing, str(corpus)], max_bytes=20_000)
        assert summary.stored == 6
        assert [(r.path, r.reason) for r in store.rejections(summary.run_id)
                if r.path == missing] == [(missing, "no such file or folder")]


def test_newsweave_spark_writes_the_stories_a_plain_run_writes(corpus, tmp_path):
    from click.testing import CliRunner

    from newsweave.cli import main

    results = {}
    for command in ("run", "spark"):
        folder = tmp_path / command
        extra = ["--master", "local[2]"] if command == "spark" else []
        result = CliRunner().invoke(main, [command, str(corpus), *extra, "--max-bytes", "20000",
                                           "--out", str(folder / "out"), "--db", str(folder / "s.db")])
        assert result.exit_code == 0, result.output
        data = json.loads((folder / "out" / "stories.json").read_text(encoding="utf-8"))
        results[command] = data["stories"]
    assert results["spark"] == results["run"]  # articles, briefs, quotes, entities: all of it
    assert len(results["spark"]) >= 2
    assert any(story["quotes"] for story in results["spark"])


def _options(max_bytes: int):
    from newsweave.readers import ReadOptions

    return ReadOptions(max_bytes=max_bytes)
