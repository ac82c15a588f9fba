"""Reading token-per-line IOB2 files and scoring entity spans (shared by bench/ scripts).

The files are WikiANN ("en:Sioux<TAB>B-ORG") and CoNLL-2002 ("Sioux B-ORG"), one token a line,
a blank line between sentences. A sentence becomes its tokens joined by single spaces, so a
recogniser can run on plain text and its character spans can be mapped back to tokens.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

SCORED_TYPES = ("PER", "ORG", "LOC")


@dataclass(frozen=True, slots=True)
class LabelledSentence:
    """Tokens joined by spaces, each token's character span, and the gold entity spans."""

    text: str
    token_spans: tuple[tuple[int, int], ...]
    entities: tuple[tuple[int, int, str], ...]  # first token, last token + 1, type

    def char_entities(self) -> list[tuple[int, int, str]]:
        """The gold entities as character spans of ``text``."""
        spans = self.token_spans
        return [(spans[a][0], spans[b - 1][1], kind) for a, b, kind in self.entities]


def read_iob(path: str | Path) -> Iterator[LabelledSentence]:
    """The sentences of an IOB2 file; WikiANN's ``xx:`` token prefixes are dropped."""
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip():
                if tokens:
                    yield _sentence(tokens, tags)
                tokens, tags = [], []
                continue
            token, tag = _split_line(line)
            tokens.append(token)
            tags.append(tag)
    if tokens:
        yield _sentence(tokens, tags)


def _split_line(line: str) -> tuple[str, str]:
    token, _, tag = line.rpartition("\t") if "\t" in line else line.rpartition(" ")
    if len(token) > 3 and token[2] == ":" and token[:2].isalpha() and token[:2].islower():
        token = token[3:]
    return token or "_", tag.strip()


def _sentence(tokens: list[str], tags: list[str]) -> LabelledSentence:
    spans, position = [], 0
    for token in tokens:
        spans.append((position, position + len(token)))
        position += len(token) + 1
    return LabelledSentence(" ".join(tokens), tuple(spans), tuple(iob_spans(tags)))


def iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first, last + 1, type)`` of an IOB2 tag list (a stray I- starts one)."""
    spans: list[tuple[int, int, str]] = []
    start, kind = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        if start >= 0 and (prefix != "I" or label != kind):
            spans.append((start, i, kind))
            start = -1
        if prefix == "B" or (prefix == "I" and start < 0):
            start, kind = i, label
    return spans


def to_token_spans(sentence: LabelledSentence,
                   spans: Iterable[tuple[int, int, str]]) -> set[tuple[int, int, str]]:
    """Character spans mapped to the tokens they cover, as ``(first, last + 1, type)``."""
    starts = [start for start, _ in sentence.token_spans]
    mapped = set()
    for start, end, kind in spans:
        first = max(0, bisect.bisect_right(starts, start) - 1)
        last = max(first, bisect.bisect_right(starts, end - 1) - 1)
        mapped.add((first, last + 1, kind))
    return mapped


@dataclass(slots=True)
class SpanScore:
    """Exact-match counts per type; F1 figures computed from them."""

    true_positives: Counter[str]
    predicted: Counter[str]
    gold: Counter[str]

    @classmethod
    def empty(cls) -> SpanScore:
        return cls(Counter(), Counter(), Counter())

    def add(self, gold: set[tuple[int, int, str]], predicted: set[tuple[int, int, str]]) -> None:
        """Count one sentence's gold and predicted spans (types outside ``SCORED_TYPES`` ignored)."""
        gold = {span for span in gold if span[2] in SCORED_TYPES}
        predicted = {span for span in predicted if span[2] in SCORED_TYPES}
        self.true_positives.update(span[2] for span in gold & predicted)
        self.predicted.update(span[2] for span in predicted)
        self.gold.update(span[2] for span in gold)

    def f1(self, kind: str | None = None) -> tuple[float, float, float]:
        """Precision, recall and F1 for one type, or micro-averaged over all."""
        pick = (lambda c: c[kind]) if kind else (lambda c: sum(c.values()))
        tp, pred, gold = pick(self.true_positives), pick(self.predicted), pick(self.gold)
        precision = tp / pred if pred else 0.0
        recall = tp / gold if gold else 0.0
        total = precision + recall
        return precision, recall, (2 * precision * recall / total if total else 0.0)
