"""Entity mentions in one article: candidate runs, the learned tagger, then rules that hold in
every language (titles announce people, cue words type organisations and places, sentence-initial
function words are not names), and an optional corpus gazetteer for names seen elsewhere.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from newsweave.entities.features import Document, run_features
from newsweave.entities.gazetteer import Gazetteer
from newsweave.entities.lexicon import FUNCTION_WORD_SET
from newsweave.entities.model import TAGS, EncodedRun, EntityTagger
from newsweave.entities.rules import LOC, ORG, PERSON, Span, apply_rules
from newsweave.entities.tokens import Run, candidate_runs, word_spans
from newsweave.records import Article

ENTITY_TYPES = (PERSON, ORG, LOC)
MODEL_PATH = Path(__file__).with_name("tagger.npz")
_TYPE_OF_TAG = {i: tag[2:] for i, tag in enumerate(TAGS) if tag != "O"}
_MAX_GAZETTEER_TOKENS = 4


@dataclass(frozen=True, slots=True)
class Mention:
    """One name in an article: character span of ``Article.text``, its text and type.

    ``evidence`` says what decided the type: ``model`` (the tagger), ``title`` (a title or
    honorific right before it), ``cue`` (an organisation or place word in it), ``gazetteer``
    (the same name typed elsewhere in the corpus).
    """

    start: int
    end: int
    text: str
    type: str
    evidence: str = "model"

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@lru_cache(maxsize=1)
def default_tagger() -> EntityTagger:
    """The tagger shipped with the package (trained by ``bench/train_ner.py``)."""
    return EntityTagger.load(MODEL_PATH)


def find_mentions(article: Article, *, gazetteer: Gazetteer | None = None,
                  tagger: EntityTagger | None = None) -> list[Mention]:
    """The people, organisations and places an article names.

    Args:
        article: a cleaned article; its sentences tell where sentences start.
        gazetteer: names typed elsewhere in the corpus (see ``link_entities``): they are found
            wherever they occur and take the corpus's type.
        tagger: another trained tagger (default: the shipped one).

    Returns:
        Mentions in text order, types ``PER``, ``ORG`` or ``LOC``.

    Example:
        >>> from newsweave.records import Article
        >>> text = "Foreign Minister Sergei Lavrov arrived in Beijing."
        >>> [(m.text, m.type) for m in find_mentions(Article("a", text, "text"))]
        [('Sergei Lavrov', 'PER'), ('Beijing', 'LOC')]
    """
    return mentions_of(tag_article(article, tagger), gazetteer)


@dataclass(frozen=True, slots=True)
class TaggedText:
    """A text's tokens and candidate runs with the spans the tagger and rules gave each run."""

    text: str
    language: str
    tokens: list[tuple[int, int, str]]
    doc: Document
    runs: list[Run]
    spans: list[list[Span]]  # per run: (first, end, type, evidence)


def tag_article(article: Article, tagger: EntityTagger | None = None) -> TaggedText:
    """Tag one article (the part of ``find_mentions`` that needs no corpus)."""
    starts = [s.start for s in article.sentences] or [0]
    return tag_text(article.text, starts, article.language, tagger)


def tag_text(text: str, sentence_starts: list[int], language: str = "und",
             tagger: EntityTagger | None = None, *, rules: bool = True) -> TaggedText:
    """Tag plain text whose sentences begin at the given character offsets (``rules=False``:
    the tagger's spans alone, for measuring what the rules add)."""
    tokens = word_spans(text)
    words = [token[2] for token in tokens]
    breaks = _sentence_breaks(tokens, sentence_starts)
    doc = Document(words, breaks, language)
    model = tagger or default_tagger()
    runs = candidate_runs(words, breaks)
    spans = [_tag_run(model, doc, run, rules) for run in runs]
    return TaggedText(text, language, tokens, doc, runs, spans)


def mentions_of(tagged: TaggedText, gazetteer: Gazetteer | None = None, *,
                types: tuple[str, ...] = ENTITY_TYPES) -> list[Mention]:
    """The mentions of a tagged text, with the gazetteer's names and types when one is given
    (``types``: which types to keep; the gazetteer also learns ships' names, MISC)."""
    tokens, text = tagged.tokens, tagged.text
    mentions = []
    for run, spans in zip(tagged.runs, tagged.spans, strict=True):
        if gazetteer is not None:
            spans = _apply_gazetteer(tagged.doc, run, spans, gazetteer, tagged.language)
        for a, b, kind, why in spans:
            if kind in types:
                start, end = tokens[a][0], tokens[b - 1][1]
                mentions.append(Mention(start, end, text[start:end], kind, why))
    return mentions


def mentions_in_text(text: str, sentence_starts: list[int], language: str = "und", *,
                     gazetteer: Gazetteer | None = None, tagger: EntityTagger | None = None,
                     rules: bool = True) -> list[Mention]:
    """Mentions in plain text whose sentences begin at the given character offsets."""
    return mentions_of(tag_text(text, sentence_starts, language, tagger, rules=rules), gazetteer)


def _apply_gazetteer(doc: Document, run: Run, spans: list[Span],
                     gazetteer: Gazetteer, language: str) -> list[Span]:
    """Spans retyped by the corpus's votes, plus names the gazetteer knows in the rest of the run."""
    out = []
    for first, end, kind, why in spans:
        voted = gazetteer.lookup(" ".join(doc.words[first:end]), language) if why != "title" else None
        out.append((first, end, voted, "gazetteer") if voted and voted != kind else (first, end, kind, why))
    covered = {i for first, end, _, _ in out for i in range(first, end)}
    i = run.start
    while i < run.end:
        found = None if i in covered else _gazetteer_span(doc, i, run.end, covered, gazetteer, language)
        if found:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return sorted(out)


def _gazetteer_span(doc: Document, first: int, limit: int, covered: set[int], gazetteer: Gazetteer,
                    language: str) -> Span | None:
    """The longest known name starting at ``first`` within uncovered tokens."""
    if not doc.words[first][:1].isupper() or (first in doc.starts and doc.folded[first] in FUNCTION_WORD_SET):
        return None
    end = first
    while end < limit and end not in covered and end - first < _MAX_GAZETTEER_TOKENS:
        end += 1
    for stop in range(end, first, -1):
        if not doc.words[stop - 1][:1].isupper():
            continue
        kind = gazetteer.lookup(" ".join(doc.words[first:stop]), language, discover=True)
        if kind:
            return first, stop, kind, "gazetteer"
    return None


def _sentence_breaks(tokens: list[tuple[int, int, str]], sentence_starts: list[int]) -> frozenset[int]:
    token_starts = [token[0] for token in tokens]
    breaks = {0}
    for start in sentence_starts:
        i = bisect.bisect_left(token_starts, start)
        if i < len(tokens):
            breaks.add(i)
    return frozenset(breaks)


def _tag_run(model: EntityTagger, doc: Document, run: Run, rules: bool = True) -> list[Span]:
    """The run's entity spans ``(first, end, type, evidence)`` after the rules."""
    tags = model.decode(EncodedRun(run_features(doc, run), model.features_))
    spans = _spans(tags, run.start)
    return apply_rules(doc, run, spans) if rules else spans


def _spans(tags: list[int], offset: int) -> list[Span]:
    spans: list[Span] = []
    for i, tag in enumerate(tags):
        kind = _TYPE_OF_TAG.get(tag)
        if kind is None:
            continue
        if TAGS[tag].startswith("B-") or not spans or spans[-1][1] != offset + i:
            spans.append((offset + i, offset + i + 1, kind, "model"))
        else:
            first, _, kind, why = spans[-1]
            spans[-1] = (first, offset + i + 1, kind, why)
    return spans
