"""HTML extraction on trafilatura's own evaluation pages (../shared/eval/html_extraction).

Scores what newsweave would store as an article's text for each page (``extract_page``, then
``prepare`` and ``clean_document`` with the outlet's recurring lines, as ``ingest`` does), and
trafilatura 2.3.1's ``extract(html)`` alone, the way the dataset's README and trafilatura's suite
score: every ``with`` snippet found in the page's text is a true positive (else a false
negative), every ``without`` snippet found a false positive (else a true negative); precision,
recall and F1 over all snippets.

The pages are split by site (a hash of the host; a web.archive.org page counts as the site it
archived), so that no site is on both sides: a *fit* part, the only one to study failures on, and
a *locked* part that only confirms a change. The locked part's F1 comes with a bootstrap 95%
interval over pages, and so does the paired difference against trafilatura alone and, with
``--against NAME``, against a variant saved earlier with ``--save NAME``.

    python bench/eval_extraction.py [--save NAME] [--against NAME] [--lost] [--check]

Extraction outputs are cached under bench/.cache (trafilatura alone by its version; newsweave's
by the source of its HTML reader), so a run that changes only the cleaning takes seconds.
``--lost`` lists the fit part's lost ``with`` snippets and the rule or stage that lost each;
``--check`` runs the real ``ingest`` into a temporary store and confirms that it stores the
texts scored here.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import trafilatura

from newsweave.readers.html import HtmlPage, extract_page
from newsweave.records import RawDocument, Rejection
from newsweave.runtime.ingest import BATCH_SIZE, Prepared, prepare, recurring_lines
from newsweave.text.clean import clean_document

DATA = Path(__file__).resolve().parents[2] / "shared" / "eval" / "html_extraction"
CACHE = Path(__file__).resolve().parent / ".cache"
ROOT = Path(__file__).resolve().parents[1]
# The source files whose change invalidates the cached newsweave extraction.
READER_SOURCES = ("src/newsweave/readers/html.py", "src/newsweave/readers/decode.py",
                  "src/newsweave/readers/metadata.py")
BOOTSTRAP_SAMPLES = 2000
PROCESSES = 2  # the machine is shared: both cores, briefly, on a cold cache only
_ARCHIVED = re.compile(r"^/web/\d+[a-z_]*/(https?://.+)$")
_NAMED_SITE = re.compile(r"^(?:\w+::)?([^-]+?)(?:-|\.[^.]+\.html$)")


@dataclass(frozen=True, slots=True)
class Page:
    url: str
    file: str
    wanted: tuple[str, ...]  # "with": must be in the text
    unwanted: tuple[str, ...]  # "without": must not

    @property
    def path(self) -> Path:
        return DATA / "html" / f"{self.file}.gz"


def load_pages(data: Path = DATA) -> list[Page]:
    rows = json.loads((data / "evaldata.json").read_text(encoding="utf-8"))
    return [Page(url, row["file"], tuple(row["with"]), tuple(row["without"]))
            for url, row in rows.items()]


def site_of(page: Page) -> str:
    """The site a page belongs to: its host; the archived page's host for the Wayback Machine;
    the file name's domain part for the pages keyed by a label ("hard::x.com-word.html")."""
    parts = urlsplit(page.url)
    archived = _ARCHIVED.match(parts.path) if parts.hostname == "web.archive.org" else None
    if archived:
        parts = urlsplit(archived.group(1))
    if parts.hostname:
        return parts.hostname.removeprefix("www.")
    named = _NAMED_SITE.match(page.file)
    return named.group(1).removeprefix("www.") if named else page.file


def is_locked(page: Page) -> bool:
    """Half of the sites, by a hash of the site: fixed, whatever the code does."""
    return hashlib.blake2b(site_of(page).encode(), digest_size=2).digest()[0] % 2 == 1


# -- extraction (cached) ------------------------------------------------------------------------

def _read_html(page: Page) -> bytes:
    with gzip.open(page.path, "rb") as handle:
        return handle.read()


def _trafilatura_alone(page: Page) -> str:
    return trafilatura.extract(_read_html(page)) or ""


def _newsweave_extraction(page: Page) -> dict | None:
    """What the HTML reader makes of the page, as ``read_inputs`` hands it over (a path, no URL)."""
    found = extract_page(HtmlPage(_read_html(page), "html", path=str(page.path)))
    return None if isinstance(found, Rejection) else asdict(found)


def _reader_version() -> str:
    digest = hashlib.blake2b(trafilatura.__version__.encode(), digest_size=8)
    for source in READER_SOURCES:
        digest.update((ROOT / source).read_bytes())
    return digest.hexdigest()


def cached(name: str, function, pages: Sequence[Page]) -> dict[str, object]:
    """``function(page)`` for every page by file name, from bench/.cache/NAME.json when there."""
    path = CACHE / f"{name}.json"
    if path.exists():
        found = json.loads(path.read_text(encoding="utf-8"))
        if set(found) >= {page.file for page in pages}:
            return found
    with ProcessPoolExecutor(PROCESSES) as pool:
        results = list(pool.map(function, pages, chunksize=8))
    found = {page.file: result for page, result in zip(pages, results, strict=True)}
    CACHE.mkdir(exist_ok=True)
    path.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return found


def trafilatura_texts(pages: Sequence[Page]) -> dict[str, str]:
    return cached(f"extraction-trafilatura-{trafilatura.__version__}", _trafilatura_alone, pages)


def newsweave_documents(pages: Sequence[Page]) -> dict[str, RawDocument | None]:
    found = cached(f"extraction-newsweave-{_reader_version()}", _newsweave_extraction, pages)
    return {file: RawDocument(**fields) if fields else None for file, fields in found.items()}


# -- newsweave's cleaning, as ingest runs it ----------------------------------------------------

def newsweave_texts(pages: Sequence[Page], documents: dict[str, RawDocument | None],
                    ) -> tuple[dict[str, str], dict[str, Prepared], dict[str, object]]:
    """The text ``ingest`` would store for each page ("" when rejected), with the prepared
    documents and the cleaner's output, for ``--lost``.

    Pages are read in ``ingest``'s order (sorted paths) and batched as it batches them: a page's
    recurring lines count the articles of its outlet in its own batch and every batch before.
    """
    order = sorted(pages, key=lambda page: str(page.path))
    prepared = {p.file: prepare(documents[p.file]) for p in order if documents[p.file]}
    seen: list[Prepared] = []
    texts, cleaned = {}, {}
    for start in range(0, len(order), BATCH_SIZE):
        batch = [prepared[p.file] for p in order[start:start + BATCH_SIZE] if p.file in prepared]
        seen.extend(batch)
        for item in batch:
            counts = _outlet_line_counts(item, seen)
            cleaned[_file_of(item)] = clean_document(item.document, recurring_lines(item, counts))
    for page in pages:
        texts[page.file] = cleaned[page.file].text if page.file in cleaned else ""
    return texts, prepared, cleaned


def _outlet_line_counts(item: Prepared, articles: Iterable[Prepared]) -> Counter:
    source, keys = item.document.source, set(item.line_keys)
    counts: Counter = Counter()
    if not source:
        return counts
    for other in {a.id: a for a in articles}.values():  # a copy counts once, as in the store
        if other.document.source == source:
            counts.update(keys.intersection(other.line_keys))
    return counts


def _file_of(item: Prepared) -> str:
    return Path(item.document.path).name.removesuffix(".gz")


# -- scoring --------------------------------------------------------------------------------------

def page_counts(pages: Sequence[Page], texts: dict[str, str]) -> np.ndarray:
    """(true positives, false negatives, false positives, true negatives) per page."""
    rows = []
    for page in pages:
        text = texts.get(page.file) or ""
        found = sum(snippet in text for snippet in page.wanted)
        leaked = sum(snippet in text for snippet in page.unwanted)
        rows.append((found, len(page.wanted) - found, leaked, len(page.unwanted) - leaked))
    return np.array(rows, dtype=np.int64).reshape(-1, 4)


def scores(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Precision, recall, F1 of summed counts (the last axis is tp, fn, fp, tn)."""
    tp, fn, fp = counts[..., 0], counts[..., 1], counts[..., 2]
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(tp + fp > 0, tp / (tp + fp), 0.0)
        recall = np.where(tp + fn > 0, tp / (tp + fn), 0.0)
        f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)
    return precision, recall, f1


def bootstrap_f1(counts: np.ndarray, other: np.ndarray | None = None,
                 samples: int = BOOTSTRAP_SAMPLES, seed: int = 23) -> tuple[float, float]:
    """95% interval of F1 over pages resampled with replacement, or of F1(counts) -
    F1(other) with both resampled by the same pages (paired)."""
    picks = np.random.default_rng(seed).integers(0, len(counts), (samples, len(counts)))
    f1 = scores(counts[picks].sum(axis=1))[2]
    if other is not None:
        f1 = f1 - scores(other[picks].sum(axis=1))[2]
    low, high = np.percentile(f1, [2.5, 97.5])
    return float(low), float(high)


def _line(name: str, counts: np.ndarray, interval: tuple[float, float] | None = None) -> str:
    precision, recall, f1 = (float(x) for x in scores(counts.sum(axis=0)))
    shown = f"  [{interval[0]:.3f}, {interval[1]:.3f}]" if interval else ""
    return f"  {name:<22} P {precision:.3f}  R {recall:.3f}  F1 {f1:.3f}{shown}"


def report(pages: Sequence[Page], ours: np.ndarray, alone: np.ndarray,
           against: np.ndarray | None, against_name: str | None) -> list[str]:
    locked = np.array([is_locked(page) for page in pages])
    lines = []
    for part, mask in (("fit", ~locked), ("locked", locked), ("all", np.ones_like(locked))):
        sites = len({site_of(p) for p, m in zip(pages, mask, strict=True) if m})
        lines.append(f"{part}: {int(mask.sum())} pages, {sites} sites, "
                     f"{int(ours[mask][:, :2].sum())} with / {int(ours[mask][:, 2:].sum())} without")
        with_interval = part == "locked"
        lines.append(_line("newsweave", ours[mask], bootstrap_f1(ours[mask]) if with_interval else None))
        lines.append(_line("trafilatura alone", alone[mask],
                           bootstrap_f1(alone[mask]) if with_interval else None))
        low, high = bootstrap_f1(ours[mask], alone[mask])
        lines.append(f"  newsweave - trafilatura  F1 {_delta(ours[mask], alone[mask]):+.3f}"
                     f"  [{low:+.3f}, {high:+.3f}]")
        if against is not None:
            low, high = bootstrap_f1(ours[mask], against[mask])
            lines.append(_line(f"saved {against_name}", against[mask]))
            lines.append(f"  newsweave - {against_name:<12} F1 {_delta(ours[mask], against[mask]):+.3f}"
                         f"  [{low:+.3f}, {high:+.3f}]")
    return lines


def _delta(first: np.ndarray, second: np.ndarray) -> float:
    return float(scores(first.sum(axis=0))[2] - scores(second.sum(axis=0))[2])


# -- diagnosis (fit part only) ------------------------------------------------------------------

def lost_snippets(pages: Sequence[Page], texts: dict[str, str], alone: dict[str, str],
                  documents: dict[str, RawDocument | None], prepared: dict[str, Prepared],
                  cleaned: dict) -> list[str]:
    """Each wanted snippet of the fit part that newsweave's text lacks, with where it was lost,
    after a ledger of the cleaner's rules: wanted and unwanted snippets each one took out."""
    lines, causes, ledger = [], Counter(), Counter()
    for page in pages:
        if is_locked(page):
            continue
        text, document = texts[page.file], documents[page.file]
        for kind, snippets in (("wanted", page.wanted), ("unwanted", page.unwanted)):
            for snippet in snippets:
                if snippet in text:
                    continue
                cause = _cause(snippet, document, prepared.get(page.file), cleaned.get(page.file))
                if cause.startswith("clean"):
                    ledger[cause, kind] += 1
                if kind == "wanted":
                    causes[cause] += 1
                    has = "trafilatura has it" if snippet in alone[page.file] else "trafilatura lacks it"
                    lines.append(f"{page.file}\t{cause}\t{has}\t{snippet[:90]!r}")
    rules = sorted({cause for cause, _ in ledger})
    return ["rule: wanted / unwanted snippets it took out (fit part)",
            *[f"{ledger[r, 'wanted']:4d} {ledger[r, 'unwanted']:4d}  {r}" for r in rules], "",
            "wanted snippets lost, by cause:",
            *[f"{count:4d}  {cause}" for cause, count in causes.most_common()], "", *lines]


def _cause(snippet: str, document: RawDocument | None, item: Prepared | None, cleaned) -> str:
    if document is None:
        return "page rejected by the reader"
    if snippet not in document.text:  # (an unwanted snippet never extracted is no one's doing)
        return ("in the title only" if document.title and snippet in document.title
                else "not extracted")
    if item is None or snippet not in item.document.text:
        return "lost in normalise_text"
    if cleaned is None or not cleaned.text:
        return "article rejected after cleaning"
    for removed in cleaned.removed:
        if snippet in removed.text or removed.text in snippet:
            return f"clean: {removed.reason}"
    if cleaned.title and snippet in cleaned.title:
        return "clean: title"
    return "clean: across lines (paragraph joins) or deduplication"


# -- the real ingest, to confirm the texts scored here ------------------------------------------

def check_against_ingest(pages: Sequence[Page], texts: dict[str, str]) -> list[str]:
    from newsweave.runtime.ingest import ingest
    from newsweave.store import Store

    with tempfile.TemporaryDirectory() as folder, Store(os.path.join(folder, "check.db")) as store:
        summary = ingest(store, [str(DATA / "html")], workers=PROCESSES)
        stored = {Path(a.path).name.removesuffix(".gz"): a.text
                  for a in store.articles(run_id=summary.run_id)}
    differ = [p.file for p in pages if stored.get(p.file, "") != texts[p.file]]
    return [f"check: ingest stored {len(stored)} articles; {len(differ)} of {len(pages)} pages "
            f"differ from the texts scored here {differ[:5]}"]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--save", metavar="NAME", help="keep this variant's page counts as NAME")
    parser.add_argument("--against", metavar="NAME", help="paired difference to a saved variant")
    parser.add_argument("--lost", action="store_true", help="list the fit part's lost snippets")
    parser.add_argument("--check", action="store_true", help="confirm the texts with a real ingest")
    args = parser.parse_args(argv)
    if not (DATA / "evaldata.json").exists():
        print(f"skipped: {DATA} is absent")
        return 0
    pages = load_pages()
    alone = trafilatura_texts(pages)
    documents = newsweave_documents(pages)
    texts, prepared, cleaned = newsweave_texts(pages, documents)
    ours, alone_counts = page_counts(pages, texts), page_counts(pages, alone)
    against = None
    if args.against:
        saved = json.loads((CACHE / f"variant-{args.against}.json").read_text(encoding="utf-8"))
        against = np.array([saved[page.file] for page in pages], dtype=np.int64)
    print(f"HTML extraction (trafilatura's evaluation pages, {DATA}):")
    print("\n".join(report(pages, ours, alone_counts, against, args.against)))
    if args.save:
        CACHE.mkdir(exist_ok=True)
        (CACHE / f"variant-{args.save}.json").write_text(json.dumps(
            {page.file: row.tolist() for page, row in zip(pages, ours, strict=True)}), encoding="utf-8")
    if args.lost:
        print("\n".join(lost_snippets(pages, texts, alone, documents, prepared, cleaned)))
    if args.check:
        print("\n".join(check_against_ingest(pages, texts)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
