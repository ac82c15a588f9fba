"""Score `newsweave quotes` on the dev splits of german_news_quotes and PolNeAR.

    .venv/bin/python bench/eval_quotes.py [--split dev] [--dataset german|polnear] [--language]
    .venv/bin/python bench/eval_quotes.py --split train+dev --part locked --save base.json
    .venv/bin/python bench/eval_quotes.py --split train+dev --part locked --against base.json

``--part`` keeps the locked documents (``bench/data/quotes_locked.json``: about a quarter of
each dataset's train+dev articles, drawn once with a fixed seed by ``--draw-locked``; read only
to confirm a change) or the fit part (the rest); ``--save`` writes per-document counts and
``--against`` compares this run with saved ones: the attribution F1 difference (this run minus
the saved) with a 95% paired bootstrap interval over documents (1,000 rounds), the figure that
decides whether a change is accepted (bench/RESULTS.md, "Quotes"). The shipped taggers were
trained on all of train, locked documents included, so the locked part is scored with taggers
trained on the fit part alone: ``--taggers bench/data/taggers-fit`` (written by
``bench/train_quotes.py --models de en --out bench/data/taggers-fit``).

The metric is the one in shared/eval/README.md: a predicted quote matches a gold one when their
content ranges (a gold content in several fragments counts from its first to its last character)
have Jaccard overlap >= 0.5, one to one, highest overlap first; quote P/R/F1 over the matches;
attribution counts the matches whose speaker_span overlaps the gold speaker (source) span, and
leaves out gold items without a speaker (and the predictions matched to them). PolNeAR gold is
every E relation of an article's first annotation file (articles annotated by several people
have one file each); German gold is every annotation. ``--language`` passes the dataset's
language to the command (by default it detects it, as for an unlabelled document). A second
line gives the speed on the split's documents joined into one of about 1 MB: a step that grows
faster than the text shows there as a speed well below the first line's.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from newsweave.quotes import quotes_for_document

LOCKED = Path(__file__).resolve().parent / "data" / "quotes_locked.json"
LOCKED_SHARE, LOCKED_SEED = 0.25, 23
BOOTSTRAP_ROUNDS, BOOTSTRAP_SEED = 1000, 7
EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
if not EVAL.exists():
    EVAL = Path("/work/shared/eval")
Span = tuple[int, int]


@dataclass(slots=True)
class GoldItem:
    """One gold quote: content, speaker and cue fragments (character ranges)."""

    content: list[Span]
    source: list[Span]
    cue: list[Span]
    kind: str = ""
    nested: bool = False

    @property
    def range(self) -> Span | None:
        return (self.content[0][0], self.content[-1][1]) if self.content else None


@dataclass(slots=True)
class GoldDoc:
    id: str
    text: str
    language: str
    items: list[GoldItem] = field(default_factory=list)


def load_german(split: str, root: Path = EVAL) -> list[GoldDoc]:
    """Every article of one german_news_quotes split."""
    docs = []
    for path in sorted((root / "german_news_quotes" / split).glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        doc = GoldDoc(path.name.split(" ")[0], data["originalText"], "de")
        for ann in data["annotations"]:
            doc.items.append(GoldItem(_german_spans(ann.get("quote")), _german_spans(ann.get("speaker")),
                                      _german_spans(ann.get("cue")), ann.get("type", ""),
                                      bool(ann.get("isNested"))))
        docs.append(doc)
    return docs


def _german_spans(part: dict | None) -> list[Span]:
    if not part:
        return []
    return sorted((span["charBegin"], span["charEnd"]) for span in part.get("spans", []))


_T_LINE = re.compile(r"^(T\d+)\t(\w+) ([\d ;]+)\t")
_E_LINE = re.compile(r"^E\d+\t(.*)$")


def load_polnear(split: str, root: Path = EVAL) -> list[GoldDoc]:
    """Every article of one PolNeAR split, gold from its first annotation file."""
    base = root / "polnear" / split
    docs, seen = [], set()
    for ann in sorted((base / "attributions").glob("*.ann")):
        name = ann.name[: -len("_xxxx.ann")]
        if name in seen:
            continue
        seen.add(name)
        text = (base / "text" / f"{name}.txt").read_text(encoding="utf-8")
        docs.append(GoldDoc(name, text, "en", _brat_items(ann.read_text(encoding="utf-8"))))
    return docs


def _brat_items(standoff: str) -> list[GoldItem]:
    spans: dict[str, list[Span]] = {}
    relations = []
    for line in standoff.splitlines():
        if match := _T_LINE.match(line):
            spans[match.group(1)] = sorted(
                tuple(int(x) for x in part.split()) for part in match.group(3).split(";"))
        elif match := _E_LINE.match(line):
            relations.append(dict(arg.split(":", 1) for arg in match.group(1).split()))
    items = []
    for rel in relations:
        content = sorted(s for key in ("Content", "Content2") if key in rel for s in spans.get(rel[key], []))
        source = spans.get(rel.get("Source", ""), [])
        items.append(GoldItem(content, source, spans.get(rel.get("Cue", ""), [])))
    return items


@dataclass(slots=True)
class Counts:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    attr_predicted: int = 0
    attr_gold: int = 0
    attr_correct: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__slots__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        quote = _prf(self.matched, self.predicted, self.gold)
        attribution = _prf(self.attr_correct, self.attr_predicted, self.attr_gold)
        return {"P": quote[0], "R": quote[1], "F1": quote[2], "attr_P": attribution[0],
                "attr_R": attribution[1], "attr_F1": attribution[2]}


def _prf(correct: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = correct / predicted if predicted else 0.0
    r = correct / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def jaccard(a: Span, b: Span) -> float:
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = (a[1] - a[0]) + (b[1] - b[0]) - inter
    return inter / union if union > 0 else 0.0


def overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def matches(contents: list[Span], gold: list[GoldItem]) -> dict[int, int]:
    """Predicted content number -> gold item number: one to one, highest Jaccard first, pairs
    of Jaccard >= 0.5 only (the contract's matching)."""
    pairs = []
    for g, item in enumerate(gold):
        if item.range is None:
            continue
        for p, content in enumerate(contents):
            overlap = jaccard(content, item.range)
            if overlap >= 0.5:
                pairs.append((-overlap, g, p))
    pairs.sort()
    used_g: set[int] = set()
    found: dict[int, int] = {}
    for _, g, p in pairs:
        if g not in used_g and p not in found:
            used_g.add(g)
            found[p] = g
    return found


def score(predicted: list[dict], gold: list[GoldItem]) -> Counts:
    """Counts of one document: predictions are the command's quote dicts."""
    counts = Counts(predicted=len(predicted), gold=len(gold))
    speakerless_matches = 0
    for p, g in matches([tuple(quote["content"]) for quote in predicted], gold).items():
        counts.matched += 1
        if not gold[g].source:
            speakerless_matches += 1
            continue
        span = predicted[p].get("speaker_span")
        if span and any(overlaps(tuple(span), s) for s in gold[g].source):
            counts.attr_correct += 1
    counts.attr_gold = sum(1 for item in gold if item.source)
    counts.attr_predicted = len(predicted) - speakerless_matches
    return counts


def evaluate(docs: list[GoldDoc], pass_language: bool = False) -> tuple[Counts, float]:
    """Run the command's function over the documents; totals and seconds spent."""
    per_document, seconds = evaluate_documents(docs, pass_language)
    total = Counts()
    for counts in per_document.values():
        total.add(counts)
    return total, seconds


def evaluate_documents(docs: list[GoldDoc], pass_language: bool = False) -> tuple[dict[str, Counts], float]:
    """Counts of every document (by id) and the seconds spent finding their quotes."""
    if docs:  # load the models before the clock starts
        quotes_for_document({"id": docs[0].id, "text": docs[0].text, "language": docs[0].language})
    started = time.perf_counter()
    outputs = []
    for doc in docs:
        record = {"id": doc.id, "text": doc.text}
        if pass_language:
            record["language"] = doc.language
        outputs.append(quotes_for_document(record))
    seconds = time.perf_counter() - started
    return {doc.id: score(out["quotes"], doc.items) for doc, out in zip(docs, outputs, strict=True)}, seconds


def load(dataset: str, split: str, part: str = "all") -> list[GoldDoc]:
    """The documents of ``split`` ("train", "dev" or "train+dev"), all or one ``part``: "fit"
    or "locked" (``bench/data/quotes_locked.json``)."""
    loader = {"german": load_german, "polnear": load_polnear}[dataset]
    docs = [doc for name in split.split("+") for doc in loader(name)]
    if part == "all":
        return docs
    locked = set(json.loads(LOCKED.read_text(encoding="utf-8"))[dataset])
    return [doc for doc in docs if (doc.id in locked) == (part == "locked")]


def draw_locked() -> dict[str, list[str]]:
    """The locked documents: ``LOCKED_SHARE`` of each dataset's train+dev articles, drawn with
    ``LOCKED_SEED`` from their sorted ids (so the draw is the same wherever it runs)."""
    import random

    drawn = {}
    for dataset in ("german", "polnear"):
        ids = sorted(doc.id for doc in load(dataset, "train+dev"))
        drawn[dataset] = sorted(random.Random(LOCKED_SEED).sample(ids, round(len(ids) * LOCKED_SHARE)))
    return drawn


def paired_bootstrap(now: dict[str, Counts], before: dict[str, Counts]) -> tuple[float, float, float]:
    """Attribution F1 of ``now`` minus ``before`` over the documents both hold, and the 2.5th
    and 97.5th percentiles of that difference over ``BOOTSTRAP_ROUNDS`` resamples of those
    documents (the same resample for both: paired)."""
    import numpy as np

    ids = sorted(now.keys() & before.keys())

    def table(counts: dict[str, Counts]) -> np.ndarray:  # correct, predicted, gold per document
        return np.array([[counts[k].attr_correct, counts[k].attr_predicted, counts[k].attr_gold]
                         for k in ids])

    def f1(sums: np.ndarray) -> np.ndarray:
        correct, predicted, gold = sums[..., 0], sums[..., 1], sums[..., 2]
        return np.where(predicted + gold > 0, 2 * correct / np.maximum(predicted + gold, 1), 0.0)

    a, b = table(now), table(before)
    rows = np.random.default_rng(BOOTSTRAP_SEED).integers(0, len(ids), (BOOTSTRAP_ROUNDS, len(ids)))
    differences = f1(a[rows].sum(axis=1)) - f1(b[rows].sum(axis=1))
    low, high = np.percentile(differences, [2.5, 97.5])
    return float(f1(a.sum(axis=0)) - f1(b.sum(axis=0))), float(low), float(high)


JOINED_CHARS = 1_000_000


def joined_speed(docs: list[GoldDoc], pass_language: bool = False) -> tuple[int, float]:
    """Characters and chars/s of the documents joined into one (paragraphs apart), over and over
    up to ``JOINED_CHARS``: near the per-document speed unless a step grows faster than the text
    (one 1 MB article took minutes)."""
    texts = [doc.text for doc in docs]
    repeats = -(-JOINED_CHARS // max(1, sum(map(len, texts))))
    text = "\n\n".join(texts * repeats)
    record = {"id": "joined", "text": text}
    if pass_language and docs:
        record["language"] = docs[0].language
    started = time.perf_counter()
    quotes_for_document(record)
    return len(text), len(text) / (time.perf_counter() - started)


def _read_taggers_from(folder: Path) -> None:
    """Read the tagger files that ``folder`` holds (bench/train_quotes.py ``--out``) instead of
    the shipped ones; the others stay the shipped ones."""
    from newsweave.quotes import model

    shipped = model.model_path

    def model_path(name: str, stage: int = 1) -> Path:
        path = folder / shipped(name, stage).name
        return path if path.exists() else shipped(name, stage)

    model.model_path = model_path


def _leave_out(names: list[str]) -> None:
    """Run every language family without the named passes."""
    from dataclasses import replace

    from newsweave.quotes import extract

    known = {name for family in (*extract.PASSES.values(), extract.OTHERS) for name in family.names()}
    if unknown := set(names) - known:
        raise SystemExit(f"no such pass: {', '.join(sorted(unknown))} (known: {', '.join(sorted(known))})")
    def without(family: extract.Passes) -> extract.Passes:
        return replace(family, steps=tuple(step for step in family.steps if step.__name__ not in names))

    for language, family in extract.PASSES.items():
        extract.PASSES[language] = without(family)
    extract.OTHERS = without(extract.OTHERS)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", default="dev", help="train, dev or train+dev")
    parser.add_argument("--dataset", choices=["german", "polnear", "both"], default="both")
    parser.add_argument("--part", choices=["all", "fit", "locked"], default="all")
    parser.add_argument("--language", action="store_true", help="pass the dataset's language")
    parser.add_argument("--save", type=Path, help="write per-document counts here (JSON)")
    parser.add_argument("--against", type=Path, help="paired bootstrap against saved counts")
    parser.add_argument("--no-speed", action="store_true", help="skip the joined-documents speed line")
    parser.add_argument("--taggers", type=Path,
                        help="read the tagger files this folder holds instead of the shipped ones")
    parser.add_argument("--without", nargs="+", default=[], metavar="PASS",
                        help="leave these named passes out (quotes.extract.PASSES), to check a rule")
    parser.add_argument("--draw-locked", action="store_true", help="draw the locked documents once")
    args = parser.parse_args(argv)
    if args.draw_locked:
        if LOCKED.exists():
            parser.error(f"{LOCKED} exists: the locked part is drawn once")
        LOCKED.write_text(json.dumps(draw_locked(), indent=0) + "\n", encoding="utf-8")
        return 0
    if args.taggers is not None:
        _read_taggers_from(args.taggers)
    if args.without:
        _leave_out(args.without)
    names = ["german", "polnear"] if args.dataset == "both" else [args.dataset]
    saved: dict[str, dict] = {}
    for name in names:
        docs = load(name, args.split, args.part)
        per_document, seconds = evaluate_documents(docs, args.language)
        counts = Counts()
        for one in per_document.values():
            counts.add(one)
        f = counts.figures()
        label = args.split if args.part == "all" else f"{args.split} {args.part}"
        sys.stdout.write(
            f"{name} {label}: {len(docs)} docs, {counts.gold} gold, {counts.predicted} predicted | "
            f"quote P {f['P']:.3f} R {f['R']:.3f} F1 {f['F1']:.3f} | attribution P {f['attr_P']:.3f} "
            f"R {f['attr_R']:.3f} F1 {f['attr_F1']:.3f} | {len(docs) / seconds:.0f} docs/s, "
            f"{sum(len(d.text) for d in docs) / seconds / 1000:.0f}k chars/s (one core)\n")
        saved[name] = {doc_id: [getattr(c, slot) for slot in Counts.__slots__]
                       for doc_id, c in per_document.items()}
        if args.against is not None:
            before = json.loads(args.against.read_text(encoding="utf-8")).get(name, {})
            before_counts = {k: Counts(*v) for k, v in before.items()}
            difference, low, high = paired_bootstrap(per_document, before_counts)
            sys.stdout.write(f"  against {args.against.name}: attribution F1 {difference:+.4f}, "
                             f"95% interval [{low:+.4f}, {high:+.4f}] over "
                             f"{len(per_document.keys() & before_counts.keys())} documents\n")
        if not args.no_speed:
            chars, speed = joined_speed(docs, args.language)
            sys.stdout.write(f"  the docs joined in one ({chars / 1000:.0f}k chars): "
                             f"{speed / 1000:.0f}k chars/s\n")
    if args.save is not None:
        args.save.write_text(json.dumps(saved) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
