"""Span-level F1 of the entity recogniser on the NER dev splits (exact match; PER/ORG/LOC).

Each sentence's tokens are joined by spaces, the recogniser runs on that text, and its
character spans are mapped back to the tokens they cover. MISC is ignored on both sides.

    .venv/bin/python bench/eval_ner.py [--limit N] [--model PATH] [--no-rules] [--speed]

--speed also times find_mentions and link_entities on whole news articles (the SemEval-2022
similarity dev texts, cleaned by the pipeline first; the cleaning is not timed).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from newsweave.entities import find_mentions, link_entities
from newsweave.entities.evaluation import SCORED_TYPES, SpanScore, read_iob, to_token_spans
from newsweave.entities.mentions import default_tagger, mentions_in_text
from newsweave.entities.model import EntityTagger
from newsweave.records import Article, RawDocument
from newsweave.runtime.ingest import build_article, prepare

SHARED = Path(__file__).resolve().parents[2] / "shared"
NER = SHARED / "eval" / "ner"
NEWS = SHARED / "eval" / "semeval2022_task8" / "similarity_dev.jsonl"
DEV_FILES = {
    **{lang: NER / "wikiann" / lang / "dev" for lang in ("de", "en", "fr", "nl", "pt")},
    "es": NER / "conll2002_es" / "esp.testa",
}


def evaluate(path: Path, language: str, tagger: EntityTagger, limit: int | None,
             rules: bool = True) -> tuple[SpanScore, int, float]:
    """Scores over one file, the number of sentences and the seconds spent recognising."""
    score, count, seconds = SpanScore.empty(), 0, 0.0
    for sentence in read_iob(path):
        if limit is not None and count >= limit:
            break
        started = time.perf_counter()
        mentions = mentions_in_text(sentence.text, [0], language, tagger=tagger, rules=rules)
        seconds += time.perf_counter() - started
        predicted = to_token_spans(sentence, ((m.start, m.end, m.type) for m in mentions))
        score.add(set(sentence.entities), predicted)
        count += 1
    return score, count, seconds


def _row(name: str, score: SpanScore) -> str:
    cells = [f"{score.f1(kind)[2]:.3f}" for kind in SCORED_TYPES]
    precision, recall, f1 = score.f1()
    return f"{name:<6} {f1:6.3f} {precision:6.3f} {recall:6.3f}  " + " ".join(f"{c:>6}" for c in cells)


def news_articles(path: Path = NEWS) -> list[Article]:
    """The dev pairs' texts as cleaned articles."""
    articles = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            for text, language in ((row["text1"], row.get("lang1")), (row["text2"], row.get("lang2"))):
                built = build_article(prepare(RawDocument(text, "text", language=language)))
                if isinstance(built, Article):
                    articles.append(built)
    return articles


def measure_speed(tagger: EntityTagger) -> None:
    """Articles per second for find_mentions and link_entities on one core."""
    articles = news_articles()
    chars = sum(len(a.text) for a in articles) / len(articles)
    started = time.perf_counter()
    mentions = sum(len(find_mentions(a, tagger=tagger)) for a in articles)
    tagging = time.perf_counter() - started
    started = time.perf_counter()
    entities = link_entities(articles, tagger=tagger)
    linking = time.perf_counter() - started
    count = len(articles)
    print(f"\n{count} news articles ({chars:,.0f} characters on average): find_mentions "
          f"{count / tagging:,.0f} articles/s ({mentions} mentions, {chars * count / tagging:,.0f} "
          f"characters/s); link_entities {count / linking:,.0f} articles/s ({len(entities)} entities)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="sentences per file")
    parser.add_argument("--model", type=Path, default=None, help="another trained tagger")
    parser.add_argument("--speed", action="store_true", help="also time whole news articles")
    parser.add_argument("--no-rules", action="store_true", help="the tagger's spans alone")
    args = parser.parse_args(argv)
    tagger = EntityTagger.load(args.model) if args.model else default_tagger()
    missing = [str(path) for path in DEV_FILES.values() if not path.exists()]
    if missing:
        sys.stderr.write(f"dev data not found: {', '.join(missing)}\n")
        return 1
    total = SpanScore.empty()
    print(f"{'split':<6} {'F1':>6} {'P':>6} {'R':>6}  " + " ".join(f"{k:>6}" for k in SCORED_TYPES))
    for language, path in DEV_FILES.items():
        score, count, seconds = evaluate(path, language, tagger, args.limit, not args.no_rules)
        print(_row(language, score) + f"   ({count} sentences, {count / seconds:,.0f}/s)")
        for counter, part in ((total.true_positives, score.true_positives),
                              (total.predicted, score.predicted), (total.gold, score.gold)):
            counter.update(part)
    print(_row("all", total))
    if args.speed and NEWS.exists():
        measure_speed(tagger)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
