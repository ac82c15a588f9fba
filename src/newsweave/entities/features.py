"""Features of the tokens inside candidate runs, shared by training and tagging.

Besides the word itself and its context, every feature that carries over between languages
is here: shape, position in the run and the sentence, title/cue/function-word classes from the
multilingual lexicon, the exonym table, and whether the document also uses the word in lower
case (the best single sign that a capitalised word starts a sentence rather than a name).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from newsweave.entities.canonical import EXONYM_KEYS, name_tokens, transliterate
from newsweave.entities.lexicon import (
    CONNECTOR_SET,
    FUNCTION_WORD_SET,
    LOC_CUE_SET,
    ORG_CUE_SET,
    TITLE_MODIFIER_SET,
    TITLE_SET,
    fold,
)
from newsweave.entities.tokens import Run

_TITLE_LOOKBACK = 4
# Marks that may open a sentence before its first word ("“Ekipet e mia punuan…”").
_OPENING_MARKS = frozenset({"\"", "“", "„", "«", "‘", "'", "(", "—", "–", "-"})


@lru_cache(maxsize=1 << 16)
def shape(word: str) -> str:
    """A short word shape: ``Xx``, ``XX``, ``x``, ``d``, ``Xx-x`` and so on."""
    out: list[str] = []
    for ch in word:
        kind = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != kind:
            out.append(kind)
    return "".join(out)[:5]


class Document:
    """One text's tokens, prepared once for the features of all its runs."""

    __slots__ = ("words", "lower", "folded", "starts", "openers", "lower_seen", "language",
                 "_inside")

    def __init__(self, words: Sequence[str], starts: frozenset[int], language: str = "und") -> None:
        self.words = list(words)
        self.lower = [word.lower() for word in words]
        self.folded = [fold(word) for word in words]
        self.starts = starts  # token indexes that begin a sentence
        # Indexes of each sentence's first word, past an opening quote or dash.
        self.openers = starts | {i + 1 for i in starts if i + 1 < len(self.words)
                                 and self.words[i] in _OPENING_MARKS}
        self.language = language
        self.lower_seen = frozenset(w for w in self.words if w[:1].islower())
        self._inside: Counter[str] | None = None

    def capitalised_elsewhere(self, i: int) -> int:
        """How often the word at ``i`` stands capitalised inside a sentence (not first in it)."""
        if self._inside is None:
            self._inside = Counter(word for j, word in enumerate(self.words)
                                   if j not in self.openers and word[:1].isupper())
        return self._inside[self.words[i]] - (i not in self.openers)

    def context(self, i: int) -> tuple[str, str]:
        """The lower-cased word at ``i``, with a marker outside the text."""
        if i < 0:
            return "<s>", "<s>"
        if i >= len(self.words):
            return "</s>", "</s>"
        return self.lower[i], shape(self.words[i])


def run_features(doc: Document, run: Run) -> list[list[str]]:
    """The feature strings of every token in ``run``."""
    classes = _run_classes(doc, run)
    titled = _after_title(doc, run.start)
    return [_token_features(doc, run, i, classes, titled) for i in range(run.start, run.end)]


def _run_classes(doc: Document, run: Run) -> list[str]:
    folded = doc.folded[run.start : run.end]
    classes = []
    if any(word in ORG_CUE_SET for word in folded):
        classes.append("r:org")
    if any(word in LOC_CUE_SET for word in folded):
        classes.append("r:loc")
    if " ".join(name_tokens(" ".join(doc.words[run.start : run.end]))) in EXONYM_KEYS:
        classes.append("r:exo")
    size = run.end - run.start
    classes.append(f"r:len={min(size, 4)}")
    return classes


def _after_title(doc: Document, start: int) -> str:
    """"t1" right after a title word, "t2" after a title and its modifiers, else ""."""
    for back in range(1, _TITLE_LOOKBACK + 1):
        j = start - back
        if j < 0 or j + 1 in doc.starts:
            return ""
        word = doc.folded[j]
        if word in TITLE_SET:
            return "t1" if back == 1 else "t2"
        if word not in TITLE_MODIFIER_SET:
            return ""
    return ""


def _token_features(doc: Document, run: Run, i: int, classes: list[str], titled: str) -> list[str]:
    word, low, folded = doc.words[i], doc.lower[i], doc.folded[i]
    prev, prev_shape = doc.context(i - 1)
    nxt, next_shape = doc.context(i + 1)
    position = "o" if run.end - run.start == 1 else "b" if i == run.start else (
        "l" if i == run.end - 1 else "m")
    sentence_start = i in doc.starts or prev in ("\"", "“", "«", ":", "„", "(")
    features = [
        "bias", "w=" + low, "s3=" + low[-3:], "s2=" + low[-2:], "s4=" + low[-4:], "p3=" + low[:3],
        "sh=" + shape(word), "p1=" + prev, "n1=" + nxt, "p1sh=" + prev_shape,
        "n1sh=" + next_shape, "p2=" + doc.context(i - 2)[0], "n2=" + doc.context(i + 2)[0],
        "pos=" + position, "w|p1=" + low + "|" + prev, "w|n1=" + low + "|" + nxt,
    ]
    features.extend(classes)
    features.extend(_lexical_classes(folded, sentence_start, low in doc.lower_seen))
    if transliterate(word) in EXONYM_KEYS:
        features.append("c:exo")
    if titled and i == run.start:
        features.append("title=" + titled)
    elif titled:
        features.append("title_in_run")
    return features


def _lexical_classes(folded: str, sentence_start: bool, seen_lower: bool) -> list[str]:
    classes = []
    if folded in TITLE_SET:
        classes.append("c:title")
    if folded in TITLE_MODIFIER_SET:
        classes.append("c:titlemod")
    if folded in ORG_CUE_SET:
        classes.append("c:org")
    if folded in LOC_CUE_SET:
        classes.append("c:loc")
    if folded in CONNECTOR_SET:
        classes.append("c:conn")
    if folded in FUNCTION_WORD_SET:
        classes.append("c:fw")
    if seen_lower:
        classes.append("c:lower")
    if sentence_start:
        classes.extend(["ss", *("ss|" + c for c in classes)])
    return classes
