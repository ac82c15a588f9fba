"""newsweave: turn a pile or stream of multilingual news articles into stories.

The public API::

    from newsweave import Store, analyse, ingest, write_outputs
    with Store("news.db") as store:
        summary = ingest(store, ["articles/", "feed.xml"])
        articles = list(store.articles(run_id=summary.run_id))
        write_outputs(articles, "out", analyse(store, articles).stories)
"""

__version__ = "0.1.0"

from newsweave.errors import ConfigError, NewsweaveError, StoreError  # noqa: E402
from newsweave.ingest import ReadOptions, read_inputs  # noqa: E402
from newsweave.job import Analysis, analyse  # noqa: E402
from newsweave.pipeline import RunSummary, build_article, ingest, prepare  # noqa: E402
from newsweave.records import Article, RawDocument, Rejection, RemovedLine, Sentence  # noqa: E402
from newsweave.report import write_outputs  # noqa: E402
from newsweave.store import Store  # noqa: E402

__all__ = [
    "Analysis", "Article", "ConfigError", "NewsweaveError", "RawDocument", "ReadOptions", "Rejection",
    "RemovedLine", "RunSummary", "Sentence", "Store", "StoreError", "__version__",
    "analyse", "build_article", "ingest", "prepare", "read_inputs", "write_outputs",
]
