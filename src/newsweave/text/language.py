"""Language identification per article and per sentence, as ISO 639-1 codes.

py3langid is fast and good on paragraphs; lingua is slower but better on short or uncertain
text, so it decides only there, and only among py3langid's best candidates (which keeps it fast
and loads only the models it needs).

An article's paragraphs are read by py3langid once (``TextLanguages``): the article's language
comes from their pooled n-gram counts and each paragraph's from its own counts, so the same
bytes are never walked twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, islice

import numpy as np
from lingua import Language, LanguageDetectorBuilder
from py3langid.langid import MODEL_FILE, LanguageIdentifier

UNDETERMINED = "und"
# Below these, py3langid's answer is checked by lingua (calibrated on the seeds and the
# SemEval dev texts: paragraphs are near-certain above 200 characters at p >= 0.95).
_SURE_LENGTH = 200
_SURE_PROBABILITY = 0.95
_CANDIDATES = 4
# The first 1,500 characters decide as well as the whole text (same answer on 2,000 of 2,000
# bench articles with 1,000) at a fraction of the cost.
_SAMPLE_CHARS = 1500
# A paragraph's language is judged on its start: past this many characters py3langid's answer
# no longer changes for news paragraphs, and the check costs in proportion to what it reads.
_PARAGRAPH_SAMPLE = 300
# A sentence is given a language of its own only when it is long enough to judge and clearly
# another language; short sentences (names, numbers) keep the article's.
_SENTENCE_MIN_LETTERS = 40
_SENTENCE_SURE = 0.99
_PARAGRAPH = re.compile(r"[^\n]+")
_LETTERS = re.compile(r"[^\W\d_]")
_LATIN_LETTERS = re.compile(r"[A-Za-z\u00c0-\u024f]")
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z\u00c0-\u024f]")


@dataclass(frozen=True, slots=True)
class LangGuess:
    """A language code and how sure the detector is of it (0..1)."""

    language: str
    confidence: float


@dataclass(frozen=True, slots=True)
class _Reading:
    """What py3langid read of a text: the n-gram features it met, and how many bytes it read."""

    text: str
    features: list[int]
    size: int


@lru_cache(maxsize=1)
def _langid() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@lru_cache(maxsize=256)
def _lingua(codes: frozenset[str]):
    languages = [_LINGUA[code] for code in codes if code in _LINGUA]
    if len(languages) < 2:
        return None
    return LanguageDetectorBuilder.from_languages(*languages).build()


_LINGUA = {
    language.iso_code_639_1.name.lower(): language for language in Language.all()
}


def _read(text: str) -> _Reading:
    """py3langid's walk of its n-gram automaton over the text's bytes (as its ``visit_counts``),
    keeping the features met as a list, so that many readings are counted together below."""
    identifier = _langid()
    data = identifier._encode(text)
    moves, rows, outputs = identifier.tk_nextmove, identifier._rowbase, identifier.tk_output
    state, features = 0, []
    for byte in data:
        state = moves[rows[state] + byte]
        if (feature := outputs[state]) >= 0:
            features.append(feature)
    return _Reading(text, features, len(data))


class _Probabilities:
    """py3langid's language probabilities for several readings at once, one row each: the same
    figures as its ``rank`` of each text, from one count and one matrix product."""

    def __init__(self, readings: list[_Reading]) -> None:
        identifier = _langid()
        width = len(identifier.nb_ptc)
        rows = np.repeat(np.arange(len(readings)), [len(r.features) for r in readings])
        keys = rows * width + np.fromiter(chain.from_iterable(r.features for r in readings),
                                          dtype=np.intp, count=len(rows))
        keys, counts = np.unique(keys, return_counts=True)
        rows, features = np.divmod(keys, width)
        # Each feature's row of the model is read once, however many readings met it.
        used, columns = np.unique(features, return_inverse=True)
        logs = np.zeros((len(readings), len(used)), dtype=np.float32)
        logs[rows, columns] = np.log1p(counts)
        scores = np.zeros((len(readings), len(identifier.nb_classes)), dtype=np.float32)
        read = np.unique(rows)  # a reading without features scores 0: uniform, as in py3langid
        scores[read] = logs[read] @ identifier.nb_ptc[used] + identifier.nb_pc
        scores *= (1.0 / np.sqrt(np.maximum([r.size for r in readings], 1)))[:, None]
        np.exp(scores - scores.max(axis=1, keepdims=True), out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        for kept, folded in identifier._alias_pairs:  # one score per label, in its first column
            scores[:, kept] += scores[:, folded]
            scores[:, folded] = 0.0
        self._scores = scores
        self._classes = identifier.nb_classes

    def best(self, row: int) -> tuple[str, float]:
        column = int(self._scores[row].argmax())
        return self._classes[column], float(self._scores[row, column])

    def ranked(self, row: int, count: int) -> list[tuple[str, float]]:
        ranked: dict[str, float] = {}
        for column in np.argsort(-self._scores[row], kind="stable"):
            ranked.setdefault(self._classes[column], float(self._scores[row, column]))
            if len(ranked) == count:
                break
        return list(ranked.items())


def detect_language(text: str, declared: str | None = None) -> LangGuess:
    """The language of a text; ``declared`` (from the page or feed) breaks near-ties."""
    sample = text[:_SAMPLE_CHARS]
    return _guess(sample, lambda: _Probabilities([_read(sample)]).ranked(0, _CANDIDATES), declared)


def _guess(sample: str, ranked: Callable[[], list[tuple[str, float]]],
           declared: str | None) -> LangGuess:
    if not _has_letters(sample, 3):
        return LangGuess(declared or UNDETERMINED, 0.0)
    candidates = ranked()
    best, probability = candidates[0]
    if probability >= _SURE_PROBABILITY and _has_letters(sample, _SURE_LENGTH):
        return LangGuess(best, probability)
    codes = {code for code, _ in candidates} | ({declared} if declared else set())
    return _ask_lingua(sample, codes) or LangGuess(declared or best, probability)


def _ask_lingua(text: str, candidates: set[str]) -> LangGuess | None:
    detector = _lingua(frozenset(candidates))
    if detector is None:
        return None
    values = detector.compute_language_confidence_values(text)
    if not values:
        return None
    top = values[0]
    return LangGuess(top.language.iso_code_639_1.name.lower(), float(top.value))


class TextLanguages:
    """The language of a text and of each of its paragraphs (lines), from one reading of each
    paragraph's start.

    The article's language is judged on the paragraph starts up to ``_SAMPLE_CHARS``
    characters, pooled; a paragraph is "mixed" when it holds another script or is plainly in
    another language, and only then are its sentences judged one by one.
    """

    def __init__(self, text: str, declared: str | None = None) -> None:
        self.text = text
        self.paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
        self.script = dominant_script(text)
        self._readings = [_read(text[start:min(end, start + _PARAGRAPH_SAMPLE)])
                          for start, end in self.paragraphs]
        leading = self._leading()
        self._probabilities = _Probabilities([*self._readings, leading])
        article = len(self._readings)
        self.guess = _guess(leading.text, lambda: self._probabilities.ranked(article, _CANDIDATES),
                            declared)

    @property
    def language(self) -> str:
        return self.guess.language

    def is_mixed(self, index: int, language: str) -> bool:
        """True when paragraph ``index`` is not plainly in ``language`` (the article's)."""
        start, end = self.paragraphs[index]
        if has_foreign_script(self.text[start:end], self.script):
            return True
        return _judged(self._readings[index].text, language, self.script,
                       lambda: self._probabilities.best(index)) != language

    def _leading(self) -> _Reading:
        """The paragraph starts up to ``_SAMPLE_CHARS`` characters, pooled into one reading."""
        texts, features, size, chars = [], [], 0, 0
        for reading in self._readings:
            texts.append(reading.text)
            features.extend(reading.features)
            size += reading.size
            chars += len(reading.text)
            if chars >= _SAMPLE_CHARS:
                break
        return _Reading("\n".join(texts), features, size)


def dominant_script(text: str) -> str:
    """"latin" or "other": enough to notice a Chinese or Cyrillic sentence in a Latin article."""
    sample = text[:2000]
    if sample.isascii() or not _OTHER_LETTERS.search(sample):
        return "latin"
    letters = len(_LETTERS.findall(sample))
    latin = len(_LATIN_LETTERS.findall(sample))
    return "latin" if latin * 2 >= letters else "other"


def has_foreign_script(text: str, script: str) -> bool:
    """True when the text holds letters of a script other than ``script`` ("latin"/"other")."""
    if script == "latin":
        return not text.isascii() and _OTHER_LETTERS.search(text) is not None
    return _LATIN_LETTERS.search(text) is not None


def sentence_language(text: str, article_language: str, article_script: str = "latin") -> str:
    """The language of one sentence: the article's unless the sentence clearly is another.

    A sentence in another script than its article's is judged however short it is.
    """
    return _judged(text, article_language, article_script, lambda: _langid().classify(text))


def _judged(text: str, article_language: str, article_script: str,
            classify: Callable[[], tuple[str, float]]) -> str:
    other_script = _has_letters(text, 2) and dominant_script(text) != article_script
    if other_script:
        return detect_language(text).language
    if not _has_letters(text, _SENTENCE_MIN_LETTERS):
        return article_language
    code, probability = classify()
    if code == article_language or probability < _SENTENCE_SURE:
        return article_language
    confirmed = _ask_lingua(text, {code, article_language})
    if confirmed and confirmed.language == code:
        return code
    return article_language


def _has_letters(text: str, count: int) -> bool:
    """True when ``text`` holds at least ``count`` letters (reads only as far as it must)."""
    return next(islice(_LETTERS.finditer(text), count - 1, None), None) is not None


def is_known_language(code: str) -> bool:
    """True for a code the detectors can return."""
    return code in _LINGUA or code in _langid().nb_classes
