"""Speaker precision of the quote finder on a hand-labelled sample of the dev corpora.

The sample: quotes that ``find_quotes_in_text`` found in documents of the SemEval-2022 similarity
dev texts (original articles only, not the machine-translated augmentations), the seed corpus
and the demo corpus, labelled by reading the text. ``bench/data/speaker_labels.jsonl`` keeps no
article text: per quote the document key, the content's character range, a short hash of the
content (to notice a changed text), the language, and the right speaker (``null`` where the text
names no person or organisation that said it), with other accepted spellings.

A labelled quote is matched to the found quote whose content overlaps it most; it is right when
the found speaker, casefolded and without a leading article, is the labelled speaker or one of
its accepted forms. Precision counts the matched quotes that have a speaker; "right per quote"
also counts a quote without a speaker as right where the label is ``null``; a labelled quote that
the finder no longer reports counts as one without a speaker (so dropping a real quote is a loss,
dropping narration a gain).

The sample is split by document (a hash of its key) into a part to fit rules on and a locked
part, read only to confirm a change. Three later samples (``speaker_labels_fresh.jsonl``,
``…fresh2.jsonl``, ``…fresh3.jsonl``: 174, 205 and 201 quotes of similarity_dev documents no
earlier sample holds, labelled by reading the document without seeing the finder's answer)
measure it on data rules were not chosen on: the first has its own fit and locked parts, the
others are scored whole (``--part all``); each became development data once it had confirmed a
change (bench/RESULTS.md says which). ``…fresh5.jsonl`` (202 quotes, ar de en es tr, the last
Arabic documents among them) was labelled the same way as development data from the start;
``…fresh4.jsonl`` (204 quotes, ar de en es tr) was held out while the changes of 2026-12-07's
last stop were made and scored only to confirm them. ``--passages`` scores invented short
passages instead (``speaker_passages*.jsonl``, our own text, five languages, labelled as they
were written; each batch was written before the errors of the one before were read, and held
out until then; batches 7-44 were written blind by helpers that saw neither the code nor the
other batches, scored once while held out, then read; 27, 28, 31, 32, 41 and 42 have not been
read).
Several files are pooled into one figure. Intervals: 95% bootstrap over documents (passages).

    .venv/bin/python bench/eval_speakers.py            # precision per language, fit and locked
    .venv/bin/python bench/eval_speakers.py --part fit  # the fit part only, while choosing
    .venv/bin/python bench/eval_speakers.py --save before.json  # then, after a change:
    .venv/bin/python bench/eval_speakers.py --against before.json  # paired bootstrap difference
    .venv/bin/python bench/eval_speakers.py --dump fit  # found quotes beside their labels
    .venv/bin/python bench/eval_speakers.py --labels bench/data/speaker_labels_fresh3.jsonl --part all
    .venv/bin/python bench/eval_speakers.py --candidates N  # unlabelled quotes, to label
    .venv/bin/python bench/eval_speakers.py --passages bench/data/speaker_passages5.jsonl
    .venv/bin/python bench/eval_speakers.py --passages bench/data/speaker_passages4[5-8].jsonl \
        bench/data/speaker_passages5[3-6].jsonl  # the held-out batches, never read
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from newsweave.quotes import find_quotes_in_text
from newsweave.readers import read_inputs
from newsweave.readers.html import HtmlPage, extract_page
from newsweave.records import RawDocument
from newsweave.runtime.ingest import build_article, prepare

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SIMILARITY = SHARED / "eval" / "semeval2022_task8" / "similarity_dev.jsonl"
SEEDS = SHARED / "corpora" / "seeds"
DEMO = ROOT / "src" / "newsweave" / "demo" / "corpus"
LABELS = ROOT / "bench" / "data" / "speaker_labels.jsonl"
# Later samples, labelled without seeing the finder's answers (bench/RESULTS.md, "Speakers on
# fresh samples", says which confirmed what before it became development data).
FRESH = ROOT / "bench" / "data" / "speaker_labels_fresh.jsonl"
FRESH_2 = ROOT / "bench" / "data" / "speaker_labels_fresh2.jsonl"
FRESH_3 = ROOT / "bench" / "data" / "speaker_labels_fresh3.jsonl"
FRESH_4 = ROOT / "bench" / "data" / "speaker_labels_fresh4.jsonl"
FRESH_5 = ROOT / "bench" / "data" / "speaker_labels_fresh5.jsonl"  # development data from the start
# Invented short passages (our own text, labelled as written; bench/RESULTS.md says which was
# held out): speaker_passages.jsonl, speaker_passages2.jsonl, …
PASSAGES = sorted((ROOT / "bench" / "data").glob("speaker_passages*.jsonl"),
                  key=lambda path: int(path.stem.removeprefix("speaker_passages") or 1))
LOCKED_PLACES = (1, 4)  # of every five documents of a language: two in five are locked
BOOTSTRAP_ROUNDS = 2000
# A labelled quote the finder no longer reports is scored as found without a speaker: right where
# the label says no one said it (narration, a headline), wrong where someone did.
SCORED = ("ok", "missing")
_ARTICLES = ("the ", "der ", "die ", "das ", "le ", "la ", "les ", "l'", "el ", "los ", "las ")


def documents() -> Iterator[tuple[str, str, str]]:
    """(key, language, text) of every document the sample may come from, cleaned as the
    pipeline cleans them."""
    if SIMILARITY.exists():
        seen = set()
        with SIMILARITY.open(encoding="utf-8") as lines:
            for line in lines:
                pair = json.loads(line)
                if not all(part.isdigit() for part in pair["id"].split("_")):
                    continue  # a machine-translated augmentation
                for side, number in (("1", 0), ("2", 1)):
                    key = f"sim:{pair['id'].split('_')[number]}"
                    if key not in seen:
                        seen.add(key)
                        yield _cleaned(key, pair[f"text{side}"], pair[f"lang{side}"])
    if SEEDS.exists():
        for path in sorted(SEEDS.glob("*.txt")):
            language = "sq" if path.name.startswith("004") else "en"
            yield _cleaned(f"seed:{path.name}", path.read_text(encoding="utf-8"), language)
    for item in read_inputs([str(DEMO)]):
        document = extract_page(item) if isinstance(item, HtmlPage) else item
        if isinstance(document, RawDocument):
            built = build_article(prepare(document))
            if hasattr(built, "text"):
                key = f"demo:{Path(document.path or '').relative_to(DEMO)}#{document.locator or ''}"
                yield key, built.language, built.text


def _cleaned(key: str, text: str, language: str) -> tuple[str, str, str]:
    built = build_article(prepare(RawDocument(text, "text", language=language)))
    return key, language, built.text if hasattr(built, "text") else ""


def content_hash(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=4).hexdigest()


def locked_documents(labels: list[dict]) -> set[str]:
    """The documents of the locked part: per language, the documents in the order of a fixed
    hash of their keys, every second and fifth of each five (two in five), so that every
    language is in both parts; never chosen by hand."""
    by_language: dict[str, set[str]] = {}
    for label in labels:
        by_language.setdefault(label["lang"], set()).add(label["doc"])
    chosen = set()
    for keys in by_language.values():
        ordered = sorted(keys, key=lambda k: hashlib.sha256(k.encode()).hexdigest())
        chosen.update(key for n, key in enumerate(ordered) if n % 5 in LOCKED_PLACES)
    return chosen


def normal(name: str | None) -> str | None:
    if name is None:
        return None
    name = " ".join(name.casefold().split())
    for article in _ARTICLES:
        if name.startswith(article):
            return name[len(article):]
    return name


def right(found: str | None, label: dict) -> bool:
    accepted = {normal(label["speaker"])} | {normal(a) for a in label.get("also", [])}
    return normal(found) in accepted


def read_labels(path: Path = LABELS) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def matched(labels: list[dict], texts: dict[str, tuple[str, str]]) -> list[tuple[dict, str | None, str]]:
    """(label, found speaker, status) per label; status "ok", "missing" (no overlapping quote)
    or "changed" (the document's text is not the one labelled)."""
    by_key: dict[str, list[dict]] = {}
    for label in labels:
        by_key.setdefault(label["doc"], []).append(label)
    out = []
    for key, group in by_key.items():
        if key not in texts:
            out.extend((label, None, "missing") for label in group)
            continue
        language, text = texts[key]
        quotes = find_quotes_in_text(text, language)
        for label in group:
            start, end = label["content"]
            if content_hash(text[start:end]) != label["hash"]:
                out.append((label, None, "changed"))
                continue
            best = best_overlap([q.content for q in quotes], start, end)
            if best is None:
                out.append((label, None, "missing"))
            else:
                out.append((label, quotes[best].speaker, "ok"))
    return out


def best_overlap(contents: list[tuple[int, int]], start: int, end: int) -> int | None:
    """The number of the found content that overlaps ``start`` .. ``end`` the most (the first
    of a tie), None where none overlaps it."""
    overlaps = [min(end, c_end) - max(start, c_start) for c_start, c_end in contents]
    best = max(range(len(overlaps)), default=None, key=overlaps.__getitem__)
    return best if best is not None and overlaps[best] > 0 else None


def passage_results(path: Path, prefix: str = "passage") -> list[tuple[dict, str | None, str]]:
    """(label, found speaker, status) per quote of invented passages: one JSON object per line
    with the passage's ``lang`` and ``text`` and its ``quotes``, each the words it ``says`` (a
    piece of the quoted content), its ``speaker`` and other accepted forms (``also``). Passages
    are documents ``prefix:N`` (a file's stem where several files are pooled)."""
    out = []
    for number, passage in enumerate(read_labels(path)):
        text, language = passage["text"], passage["lang"]
        key = f"{prefix}:{number}"
        labels = []
        for quote in passage["quotes"]:
            start = text.index(quote["says"])
            end = start + len(quote["says"])
            labels.append({"doc": key, "lang": language, "content": [start, end],
                           "hash": content_hash(text[start:end]), "speaker": quote["speaker"],
                           "also": quote.get("also", [])})
        out.extend(matched(labels, {key: (language, text)}))
    return out


def in_part(label: dict, part: str, locked: set[str]) -> bool:
    """Whether a label's document is in ``part``: "fit", "locked" or "all"."""
    return part == "all" or (label["doc"] in locked) == (part == "locked")


def _interval(rows: list[tuple[str, float]], rng: random.Random) -> tuple[float, float]:
    """95% bootstrap interval of the mean value (the share of True for booleans), resampling
    documents."""
    by_doc: dict[str, list[float]] = {}
    for key, value in rows:
        by_doc.setdefault(key, []).append(value)
    groups = list(by_doc.values())
    if not groups:
        return (0.0, 0.0)
    shares = []
    for _ in range(BOOTSTRAP_ROUNDS):
        sample = [v for _ in groups for v in rng.choice(groups)]
        shares.append(sum(sample) / len(sample) if sample else 0.0)
    shares.sort()
    return shares[int(0.025 * len(shares))], shares[int(0.975 * len(shares)) - 1]


def report(results: list[tuple[dict, str | None, str]], locked: set[str],
           parts: tuple[str, ...] = ("fit", "locked")) -> None:
    rng = random.Random(23)
    for part in parts:
        rows = [(label, found) for label, found, status in results
                if status in SCORED and in_part(label, part, locked)]
        counts = Counter(status for label, _, status in results if in_part(label, part, locked))
        lost, changed = counts["missing"], counts["changed"]
        print(f"{part} part ({len(rows) - lost} quotes matched, {lost} not found by the finder: counted as "
              f"found without a speaker; {changed} with a changed text: left out)")
        print(f"  {'lang':<6} {'n':>4} {'precision':>10} {'95% interval':>15} "
              f"{'per quote':>10} {'95% interval':>15}")
        languages = sorted({label["lang"] for label, _ in rows})
        for language in [*languages, "all"]:
            chosen = [(label, found) for label, found in rows if language in ("all", label["lang"])]
            with_speaker = [(label["doc"], right(found, label)) for label, found in chosen
                            if found is not None]
            per_quote = [(label["doc"], right(found, label)) for label, found in chosen]
            precision = sum(v for _, v in with_speaker) / len(with_speaker) if with_speaker else 0.0
            overall = sum(v for _, v in per_quote) / len(per_quote) if per_quote else 0.0
            low, high = _interval(with_speaker, rng)
            qlow, qhigh = _interval(per_quote, rng)
            print(f"  {language:<6} {len(chosen):>4} {precision:>10.3f} {f'[{low:.2f}, {high:.2f}]':>15} "
                  f"{overall:>10.3f} {f'[{qlow:.2f}, {qhigh:.2f}]':>15}")


def label_key(label: dict) -> str:
    return f"{label['doc']}|{label['content'][0]}|{label['content'][1]}"


def save(results: list[tuple[dict, str | None, str]], path: Path) -> None:
    """Per labelled quote, whether its speaker is right: for a paired comparison (--against)."""
    marks = {label_key(label): status in SCORED and right(found, label) for label, found, status in results}
    path.write_text(json.dumps(marks, indent=0), encoding="utf-8")


def compare(results: list[tuple[dict, str | None, str]], path: Path, locked: set[str],
            parts: tuple[str, ...]) -> None:
    """Right-per-quote difference against saved marks, with a paired 95% bootstrap over documents."""
    before = json.loads(path.read_text(encoding="utf-8"))
    rng = random.Random(23)
    for part in parts:
        rows = [(label["doc"], status in SCORED and right(found, label), before.get(label_key(label), False))
                for label, found, status in results if in_part(label, part, locked)]
        difference = sum(now - then for _, now, then in rows) / len(rows)
        low, high = _interval([(doc, now - then) for doc, now, then in rows], rng)
        print(f"{part} part against {path.name}: right per quote {difference:+.4f} "
              f"[{low:+.4f}, {high:+.4f}] ({sum(now and not then for _, now, then in rows)} mended, "
              f"{sum(then and not now for _, now, then in rows)} broken)")


def dump(results: list[tuple[dict, str | None, str]], part: str, locked: set[str]) -> None:
    for label, found, status in results:
        if not in_part(label, part, locked):
            continue
        mark = "ok " if status in SCORED and right(found, label) else "BAD"
        print(f"{mark} {label['lang']} {label['doc']} {label['content']} found={found!r} "
              f"label={label['speaker']!r} {status}")


def candidates(texts: dict[str, tuple[str, str]], per_language: int, labelled: set[str]) -> None:
    """Found quotes with their sentence, for labelling (printed, never stored), from documents
    that no labels file holds yet."""
    counts: dict[str, int] = {}
    for key in sorted(texts, key=lambda k: hashlib.sha256(k.encode()).hexdigest()):
        if key in labelled:
            continue
        language, text = texts[key]
        if counts.get(language, 0) >= per_language and not key.startswith(("seed:", "demo:")):
            continue
        for quote in find_quotes_in_text(text, language):
            start, end = quote.content
            around = quote.speaker_span or quote.cue or quote.content
            low = max(0, min(start, around[0]) - 120)
            high = min(len(text), max(end, around[1]) + 80)
            counts[language] = counts.get(language, 0) + 1
            print(json.dumps({"doc": key, "lang": language, "content": [start, end],
                              "hash": content_hash(text[start:end]), "found": quote.speaker,
                              "span": text[slice(*quote.speaker_span)] if quote.speaker_span else None,
                              "context": " ".join(text[low:high].split())}, ensure_ascii=False))


def score(results: list[tuple[dict, str | None, str]], locked: set[str], parts: tuple[str, ...],
          args: argparse.Namespace) -> int:
    """Report, and dump, save or compare as asked."""
    if args.dump:
        dump(results, args.dump, locked)
    report(results, locked, parts)
    if args.save:
        save(results, args.save)
    if args.against:
        compare(results, args.against, locked, parts)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", choices=("fit", "locked", "all"))
    parser.add_argument("--part", choices=("fit", "locked", "both", "all"), default="both",
                        help="which part to report (while choosing a change: fit only; all: the "
                             "labels as one part, for the later sample)")
    parser.add_argument("--labels", type=Path, default=LABELS,
                        help=f"labels file (default {LABELS.name}; later samples: {FRESH.name}, "
                             f"{FRESH_2.name}, {FRESH_3.name}, {FRESH_4.name}, {FRESH_5.name})")
    parser.add_argument("--save", type=Path, help="write per-quote marks, for a later --against")
    parser.add_argument("--against", type=Path, help="paired difference against saved marks")
    parser.add_argument("--candidates", type=int, metavar="N", help="print unlabelled quotes, N per language")
    parser.add_argument("--passages", type=Path, metavar="FILE", nargs="+",
                        help="score invented short passages instead, several files pooled "
                             f"({', '.join(p.name for p in PASSAGES)})")
    args = parser.parse_args()
    if args.passages:
        pooled = len(args.passages) > 1
        results = [row for path in args.passages
                   for row in passage_results(path, path.stem if pooled else "passage")]
        return score(results, set(), ("all",), args)
    texts = {key: (language, text) for key, language, text in documents() if text}
    if args.candidates:
        labelled = {label["doc"] for path in (LABELS, FRESH, FRESH_2, FRESH_3, FRESH_4, FRESH_5)
                    if path.exists()
                    for label in read_labels(path)}
        candidates(texts, args.candidates, labelled)
        return 0
    if not args.labels.exists():
        print(f"no labels at {args.labels}", file=sys.stderr)
        return 1
    labels = read_labels(args.labels)
    needed = {label["doc"] for label in labels}
    results = matched(labels, {k: v for k, v in texts.items() if k in needed})
    parts = ("fit", "locked") if args.part == "both" else (args.part,)
    return score(results, locked_documents(labels), parts, args)


if __name__ == "__main__":
    sys.exit(main())
