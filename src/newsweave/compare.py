"""`newsweave compare`: reuse and same-story scores for given pairs of texts.

The contract (../shared/eval/README.md): read lines with id, text1, text2 (lang1, lang2
optional); print per pair {"id", "same_story", "reuse", "coverage"}. Each text goes through the
same cleaning, language and sentence stages as any article.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np

from newsweave.records import Article, RawDocument
from newsweave.reuse.features import names_and_numbers
from newsweave.reuse.pairs import NONE, compare_articles
from newsweave.reuse.passages import sentence_grams
from newsweave.runtime.ingest import build_article, prepare
from newsweave.stories.similarity import LanguageCentres, centred_cosines, lead_text, same_story_score
from newsweave.vectors.embed import Embedder
from newsweave.vectors.sentences import SentenceVectors


@dataclass(frozen=True, slots=True)
class PairInput:
    """One line of a pairs file."""

    id: str
    text1: str
    text2: str
    lang1: str | None = None
    lang2: str | None = None


def read_pair(record: dict) -> PairInput:
    """A pair from a JSON object; raises ValueError naming the missing field."""
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object with id, text1 and text2, got {type(record).__name__}")
    for field in ("id", "text1", "text2"):
        if field not in record:
            raise ValueError(f"pair has no {field!r} field")
    return PairInput(str(record["id"]), str(record["text1"] or ""), str(record["text2"] or ""),
                     _language(record.get("lang1")), _language(record.get("lang2")))


def _language(value: object) -> str | None:
    """A given language code; anything else (a number, a list) is left to detection."""
    return value if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class PairSignals:
    """What the scores are made of, for one pair."""

    id: str
    reuse: str
    coverage: float
    cosine: float  # centred lead cosine
    shared: int  # names and numbers in both texts


def compare_pairs(pairs: Iterable[PairInput], embedder: Embedder) -> Iterator[dict]:
    """One result per pair, in input order, as the compare contract has it."""
    for signals in pair_signals(pairs, embedder):
        yield {"id": signals.id,
               "same_story": round(same_story_score(signals.cosine, signals.shared, signals.reuse), 4),
               "reuse": signals.reuse, "coverage": round(signals.coverage, 4)}


def pair_signals(pairs: Iterable[PairInput], embedder: Embedder) -> Iterator[PairSignals]:
    """Reuse, centred cosine and shared names per pair. Language centres come from the pairs'
    own texts."""
    pairs = list(pairs)
    articles = [(_article(p.text1, p.lang1), _article(p.text2, p.lang2)) for p in pairs]
    documents = _document_vectors([a for pair in articles for a in pair], embedder)
    languages = [a.language if a else "und" for pair in articles for a in pair]
    centres = LanguageCentres.fit(documents, languages)
    cosines = centred_cosines(
        ((documents[2 * i], languages[2 * i], documents[2 * i + 1], languages[2 * i + 1])
         for i in range(len(pairs))), centres)
    for pair, (a, b), cosine in zip(pairs, articles, cosines, strict=True):
        kind, coverage = _reuse(a, b)
        if a is None or b is None:  # a text with nothing left to compare: two empty texts embed alike
            cosine = 0.0
        yield PairSignals(pair.id, kind, coverage, cosine, _shared(a, b))


def _article(text: str, language: str | None) -> Article | None:
    built = build_article(prepare(RawDocument(text=text, format="pair", language=language)))
    return built if isinstance(built, Article) else None


def _document_vectors(articles: list[Article | None], embedder: Embedder) -> list[np.ndarray]:
    texts = [lead_text(article.title, article.text) if article else "" for article in articles]
    return list(embedder.embed(texts))


def _shared(a: Article | None, b: Article | None) -> int:
    if a is None or b is None:
        return 0
    return len(names_and_numbers(a.text) & names_and_numbers(b.text))


def _reuse(a: Article | None, b: Article | None) -> tuple[str, float]:
    if a is None or b is None or not a.sentences or not b.sentences:
        return NONE, 0.0
    verdict = compare_articles(a, b, SentenceVectors(), sentence_grams)
    return verdict.kind, verdict.coverage
