"""Train the quote taggers on the train splits: src/newsweave/quotes/tagger-{en,de,xx}.npz.

    make test   # installs the dev extras, python-crfsuite==0.9.12 among them (training only)
    .venv/bin/python bench/train_quotes.py [--models en de xx] [--iterations 150] [--c1 1.0]

Only the fit part of each train split is read: the documents of ``bench/data/quotes_locked.json``
are locked away to confirm changes on (bench/eval_quotes.py ``--part locked``). The learned cue
table (``cues-learned.json``, read by every language's lexicon) is rewritten only with
``--learn-cues``, from the fit part; the shipped one was learned from the whole train splits
before the locked part existed (bench/RESULTS.md, "Quotes", says what that leaves).

Each paragraph of a train split becomes one sequence of token features
(newsweave.quotes.features) with BIO labels for source, cue and content. ``en`` learns from
polnear/train, ``de`` from german_news_quotes/train (with German part-of-speech features), both
with every feature; ``xx`` learns from both with the language-independent features alone and
serves every other language. L1 regularisation keeps the files small. The models train in
parallel, one process each (``de`` ~4 minutes, ``en`` ~15 on this machine). With ``--context
de`` the German tagger also reads the context model's features (newsweave.quotes.context), from
the held-out probabilities ``bench/train_context.py`` writes; the shipped German tagger was
trained so (``--models de --context de``), the shipped English one on the whole train split
before the locked part existed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import numpy as np
from eval_quotes import GoldDoc, GoldItem, load

from newsweave.quotes import cues
from newsweave.quotes.context import features_for, speech_paragraphs
from newsweave.quotes.cues import lexicon
from newsweave.quotes.features import analyse, stacked_features, token_features
from newsweave.quotes.hints import hint_features
from newsweave.quotes.marks import pair_marks
from newsweave.quotes.model import MODEL_NAMES, model_path, save_tagger
from newsweave.quotes.tokens import Tokens, tokenize

HeldOut = dict[str, np.ndarray]  # document digest -> held-out label probabilities (context)
CONTEXT_HELD_OUT = Path(__file__).resolve().parent / ".cache" / "context-heldout-de.npz"


def digest(text: str) -> str:
    """A document's key in the context model's held-out probabilities."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def read_held_out(path: Path = CONTEXT_HELD_OUT) -> HeldOut:
    if not path.exists():
        raise SystemExit(f"{path}: not found (bench/train_context.py writes it)")
    with np.load(path) as data:
        return {key: data[key].astype(np.float32) for key in data.files}


# Labelling order: sources and cues before contents, so a speaker inside a "Reported" content
# (German) stays a speaker; outer quotes before nested ones.
_ORDER = ("S", "C", "Q")
# Folds for the first-pass labels the second pass learns from.
FOLDS = 4


def token_labels(tokens: Tokens, items: list[GoldItem]) -> list[str]:
    """BIO labels of every token from the gold items."""
    part = [""] * len(tokens)
    owner = [-1] * len(tokens)
    ranked = sorted(range(len(items)), key=lambda k: (items[k].nested, -_length(items[k])))
    for kind in _ORDER:
        for number in ranked:
            item = items[number]
            fragments = {"S": item.source, "C": item.cue, "Q": item.content}[kind]
            for start, end in fragments:
                for index in _covered(tokens, start, end):
                    if not part[index]:
                        part[index], owner[index] = kind, number
    labels = []
    for index, kind in enumerate(part):
        if not kind:
            labels.append("O")
            continue
        inside = index > 0 and part[index - 1] == kind and owner[index - 1] == owner[index]
        labels.append(("I-" if inside else "B-") + kind)
    return labels


def _length(item: GoldItem) -> int:
    return sum(end - start for start, end in item.content)


def _covered(tokens: Tokens, start: int, end: int) -> range:
    from bisect import bisect_left, bisect_right

    first = bisect_right(tokens.ends, start)
    last = bisect_left(tokens.starts, end)
    return range(first, last)


def sequences(docs: list[GoldDoc], lexical: bool, hints: bool = False, held_out: HeldOut | None = None):
    """(analysis, first, last, features, labels) for every paragraph of the documents; with
    ``hints``, the rules' finds among the features (``newsweave.quotes.hints``); with
    ``held_out``, the context model's features from its held-out probabilities."""
    for doc in docs:
        tokens = tokenize(doc.text)
        lex = lexicon(doc.language)
        analysis = analyse(tokens, lex, pair_marks(tokens))
        features = token_features(analysis, lexical)
        if hints:
            for feats, extra in zip(features, hint_features(analysis, lex), strict=True):
                feats.extend(extra)
        if held_out is not None:
            read = features_for(held_out[digest(doc.text)], speech_paragraphs(analysis))
            for feats, extra in zip(features, read, strict=True):
                feats.extend(extra)
        labels = token_labels(tokens, doc.items)
        for first, last in tokens.paragraphs:
            yield analysis, first, last, features[first:last], labels[first:last]


def _fit(pairs, path: Path, params: dict) -> tuple[int, float]:
    """Train CRFsuite on (features, labels) pairs into ``path``; sequences and seconds."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for features, labels in pairs:
        trainer.append(features, labels)
        count += 1
    trainer.set_params(params)
    started = time.perf_counter()
    trainer.train(str(path))
    return count, time.perf_counter() - started


def _held_out_labels(docs: list[GoldDoc], lexical: bool, params: dict, work: Path, hints: bool,
                     held_out: HeldOut | None) -> dict:
    """First-pass labels of every train paragraph, each predicted by a model that did not see
    its document (``FOLDS``-fold), keyed by (document number, first token)."""
    import pycrfsuite

    predicted = {}
    for fold in range(FOLDS):
        train_docs = [d for k, d in enumerate(docs) if k % FOLDS != fold]
        _fit(((f, lab) for _, _, _, f, lab in sequences(train_docs, lexical, hints, held_out)), work, params)
        tagger = pycrfsuite.Tagger()
        tagger.open(str(work))
        held = [(k, d) for k, d in enumerate(docs) if k % FOLDS == fold]
        for k, doc in held:
            for _, first, _, features, _ in sequences([doc], lexical, hints, held_out):
                predicted[(k, first)] = tagger.tag(features)
        tagger.close()
    return predicted


def train(name: str, out: Path, iterations: int, c1: float, c2: float, hints: bool = False,
          split: str = "train", context: bool = False) -> str:
    """Train one language's two taggers and write them; a line saying what was done."""
    docs = {"en": _polnear, "de": _german, "xx": _both}[name](split)
    held_out = read_held_out() if context else None
    lexical = name != "xx"
    params = {"c1": c1, "c2": c2, "max_iterations": iterations,
              "feature.possible_transitions": True, "feature.minfreq": 2}
    work = out.parent / f".{name}.crfsuite"
    started = time.perf_counter()
    count, _ = _fit(((f, lab) for _, _, _, f, lab in sequences(docs, lexical, hints, held_out)), work, params)
    sizes = [_export(work, out)]
    predicted = _held_out_labels(docs, lexical, params, work, hints, held_out)

    def stacked():
        for k, doc in enumerate(docs):
            for analysis, first, last, features, labels in sequences([doc], lexical, hints, held_out):
                extra = stacked_features(analysis, first, last, predicted[(k, first)])
                yield [a + b for a, b in zip(features, extra, strict=True)], labels

    second = out.with_name(out.name.replace(".npz", "-2.npz"))
    _fit(stacked(), work, params)
    sizes.append(_export(work, second))
    work.unlink()
    return (f"{name}: {count} sequences, {time.perf_counter() - started:.0f} s, weights "
            f"{sizes[0][0]} + {sizes[1][0]} -> {out.name}, {second.name} "
            f"({(sizes[0][1] + sizes[1][1]) / 1e6:.2f} MB)")


def _export(work: Path, out: Path) -> tuple[int, int]:
    """CRFsuite's model file as the package's npz; (weights, bytes)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(work))
    info = tagger.info()
    state = {key: weight for key, weight in info.state_features.items() if abs(weight) >= 1e-3}
    save_tagger(out, state, info.transitions)
    tagger.close()
    return len(state), out.stat().st_size


# A word joins the learned cue list when the train split marks it as (part of) a cue this often,
# and in at least this share of its occurrences (0.4 keeps "endorsed", "mocked", drops "also").
_LEARNED_MIN_COUNT = 4
_LEARNED_MIN_SHARE = 0.4


def learn_cues(docs: list[GoldDoc]) -> list[str]:
    """Words that the gold marks as cues most of the time they occur."""
    cue: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for doc in docs:
        tokens = tokenize(doc.text)
        for word, label in zip(tokens.words, token_labels(tokens, doc.items), strict=True):
            word = word.lower()
            total[word] += 1
            if label.endswith("-C"):
                cue[word] += 1
    return sorted(w for w, n in cue.items()
                  if n >= _LEARNED_MIN_COUNT and n / total[w] >= _LEARNED_MIN_SHARE and w.isalpha())


def write_learned_cues() -> str:
    """Write the learned cue table of English and German beside the lexicons."""
    table = {"en": learn_cues(_polnear()), "de": learn_cues(_german())}
    cues.LEARNED_PATH.write_text(json.dumps(table, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    cues._build.cache_clear()
    return f"learned cues: {len(table['en'])} en, {len(table['de'])} de -> {cues.LEARNED_PATH.name}"


def _german(split: str = "train") -> list[GoldDoc]:
    return load("german", split, "fit")


def _polnear(split: str = "train") -> list[GoldDoc]:
    return load("polnear", split, "fit")


def _both(split: str = "train") -> list[GoldDoc]:
    return _german(split) + _polnear(split)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--iterations", type=int, default=150)
    parser.add_argument("--c1", type=float, default=1.0)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--models", nargs="+", default=list(MODEL_NAMES), choices=MODEL_NAMES)
    parser.add_argument("--out", type=Path, default=None, help="folder (default: the package)")
    parser.add_argument("--hints", nargs="*", default=[], choices=MODEL_NAMES,
                        help="models that read the rules' finds as features (quotes.hints)")
    parser.add_argument("--context", nargs="*", default=[], choices=["de"],
                        help="models that read the context model's features (quotes.context; "
                             "bench/train_context.py first)")
    parser.add_argument("--split", choices=["train", "train+dev"], default="train",
                        help="learn from the fit part of these splits")
    parser.add_argument("--learn-cues", action="store_true", help="rewrite cues-learned.json first")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    if args.learn_cues:
        sys.stdout.write(write_learned_cues() + "\n")
    with ProcessPoolExecutor(min(len(args.models), os.cpu_count() or 1)) as pool:
        jobs = [pool.submit(train, name, args.out / f"tagger-{name}.npz" if args.out else model_path(name),
                            args.iterations, args.c1, args.c2, name in args.hints, args.split,
                            name in args.context)
                for name in args.models]
        for job in jobs:
            sys.stdout.write(job.result() + "\n")
    sys.stdout.write(f"done in {time.perf_counter() - started:.0f} s\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
