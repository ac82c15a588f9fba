"""Train the entity tagger shipped in src/newsweave/entities/tagger.npz.

Training data: the WikiANN train splits (de en fr nl pt) and CoNLL-2002 Spanish esp.train under
../shared/eval/ner. Each sentence is tokenised by newsweave's own tokeniser, its candidate runs
are labelled from the gold spans, and an averaged perceptron learns from the runs. Only feature
weights are written (no text). Deterministic for a given --seed; a few minutes on one core.

    .venv/bin/python bench/train_ner.py [--epochs 5] [--out src/newsweave/entities/tagger.npz]
"""

from __future__ import annotations

import argparse
import bisect
import sys
import time
from pathlib import Path

from newsweave.entities.evaluation import LabelledSentence, read_iob
from newsweave.entities.features import Document, run_features
from newsweave.entities.model import EntityTagger
from newsweave.entities.tokens import candidate_runs, word_spans

ROOT = Path(__file__).resolve().parents[1]
NER = ROOT.parent / "shared" / "eval" / "ner"
TRAIN_FILES = [*(NER / "wikiann" / lang / "train" for lang in ("de", "en", "fr", "nl", "pt")),
               NER / "conll2002_es" / "esp.train"]
# Sentences are grouped into pseudo-documents of this many, so the "also seen in lower case"
# feature behaves as it does in a news article (it looks at the whole text).
DOC_SENTENCES = 20


def labelled_runs(sentences: list[LabelledSentence]) -> list[tuple[list[list[str]], list[str]]]:
    """Runs of one pseudo-document with their features and gold BIO tags."""
    text, starts, entities = _join(sentences)
    tokens = word_spans(text)
    token_starts = [token[0] for token in tokens]
    breaks = frozenset(bisect.bisect_left(token_starts, s) for s in starts)
    tags = _token_tags(tokens, entities)
    words = [token[2] for token in tokens]
    doc = Document(words, breaks)
    out = []
    for run in candidate_runs(words, breaks):
        gold = _repair(tags[run.start : run.end])
        out.append((run_features(doc, run), gold))
    return out


def _join(sentences: list[LabelledSentence]) -> tuple[str, list[int], list[tuple[int, int, str]]]:
    parts, starts, entities, position = [], [], [], 0
    for sentence in sentences:
        starts.append(position)
        entities.extend((a + position, b + position, k) for a, b, k in sentence.char_entities())
        parts.append(sentence.text)
        position += len(sentence.text) + 1
    return "\n".join(parts), starts, entities


def _token_tags(tokens: list[tuple[int, int, str]], entities: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(tokens)
    token_starts = [token[0] for token in tokens]
    for start, end, kind in entities:
        first = bisect.bisect_left(token_starts, start)
        for i in range(first, len(tokens)):
            if tokens[i][0] >= end:
                break
            tags[i] = ("B-" if i == first else "I-") + kind
    return tags


def _repair(tags: list[str]) -> list[str]:
    """Valid BIO inside a run: an entity cut by the run's start begins there."""
    out = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-") and (i == 0 or out[-1][2:] != tag[2:]):
            tag = "B-" + tag[2:]
        out.append(tag)
    return out


def training_runs(files: list[Path]) -> list[tuple[list[list[str]], list[str]]]:
    runs = []
    for path in files:
        sentences = list(read_iob(path))
        for i in range(0, len(sentences), DOC_SENTENCES):
            runs.extend(labelled_runs(sentences[i : i + DOC_SENTENCES]))
    return runs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--out", type=Path, default=ROOT / "src/newsweave/entities/tagger.npz")
    args = parser.parse_args(argv)
    missing = [str(path) for path in TRAIN_FILES if not path.exists()]
    if missing:
        sys.stderr.write(f"training data not found: {', '.join(missing)}\n")
        return 1
    started = time.perf_counter()
    runs = training_runs(TRAIN_FILES)
    sys.stderr.write(f"{len(runs)} runs in {time.perf_counter() - started:.0f}s; training\n")
    tagger = EntityTagger(epochs=args.epochs, seed=args.seed).fit(runs)
    tagger.save(args.out)
    size = args.out.stat().st_size / 1e6
    sys.stderr.write(f"wrote {args.out} ({size:.1f} MB) in {time.perf_counter() - started:.0f}s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
