"""newsweave: turn a pile or stream of multilingual news articles into stories.

The public API::

    from newsweave import Store, analyse, ingest, write_outputs
    with Store("news.db") as store:
        summary = ingest(store, ["articles/", "feed.xml"])
        articles = list(store.articles(run_id=summary.run_id))
        write_outputs(articles, "out", analyse(store, articles).stories)

The analysis and report names are imported on first use (PEP 562), so that a process that only
ingests (an ingest worker) does not pay for loading the models and code of the later stages.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

__version__ = "0.1.0"

from newsweave.errors import ConfigError, NewsweaveError, StoreError  # noqa: E402
from newsweave.readers import ReadOptions, read_inputs  # noqa: E402
from newsweave.records import Article, RawDocument, Rejection, RemovedLine, Sentence  # noqa: E402
from newsweave.runtime.ingest import RunSummary, build_article, ingest, prepare  # noqa: E402
from newsweave.store import Store  # noqa: E402

if TYPE_CHECKING:
    from newsweave.report import write_outputs
    from newsweave.runtime.analysis import StoryAnalysis as Analysis
    from newsweave.runtime.analysis import analyse_stories as analyse

# Public name -> (module, name there): the public API keeps the analysis's short names.
_LATER = {"Analysis": ("runtime.analysis", "StoryAnalysis"),
          "analyse": ("runtime.analysis", "analyse_stories"),
          "write_outputs": ("report", "write_outputs")}

__all__ = [
    "Analysis", "Article", "ConfigError", "NewsweaveError", "RawDocument", "ReadOptions", "Rejection",
    "RemovedLine", "RunSummary", "Sentence", "Store", "StoreError", "__version__",
    "analyse", "build_article", "ingest", "prepare", "read_inputs", "write_outputs",
]


def __getattr__(name: str) -> object:
    found = _LATER.get(name)
    if found is None:
        raise AttributeError(f"module 'newsweave' has no attribute {name!r}")
    home, attribute = found
    value = getattr(importlib.import_module(f"newsweave.{home}"), attribute)
    globals()[name] = value
    return value
