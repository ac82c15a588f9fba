"""Tokens with character offsets, and the candidate runs of name-like tokens.

Only tokens inside a candidate run can be part of a name: a run is a maximal stretch of
capitalised tokens (or acronyms), joined by the lower-case connectors names use ("Bank of
England", "Organizatës së Bashkëpunimit të Shangait") and by initials' dots ("J. K. Rowling").
Restricting the tagger to runs keeps it fast (a news article has one capitalised token in eight)
and makes it work in every cased script, whatever the language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.entities.lexicon import CALENDAR_SET, CONNECTOR_SET, LOC_CUE_SET, ORG_CUE_SET, fold

# An abbreviation with inner dots ("U.S.", "U.K."), a word with hyphenated parts, or one
# punctuation character. Apostrophes split ("Russia's" -> Russia ' s, "d'Orsay" -> d ' Orsay).
_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|\w+(?:-\w+)*|[^\w\s]")
# Short tokens that a dot may follow inside a name ("St. Louis", "Jr.", "Mt. Everest").
_DOTTED = frozenset({"st", "jr", "sr", "mt", "ft", "co", "inc", "ltd", "corp", "bros", "dr"})
_JOINERS = frozenset({"-", "&", "'", "’"})
_MAX_CONNECTORS = 3
# A name headed by a cue word may go on in lower case in Romance languages ("Front islamique du
# salut", "Organisation de coopération de Shanghai"): up to this many such words join its run.
_MAX_TAIL = 4
_HEADS = ORG_CUE_SET | LOC_CUE_SET


@dataclass(frozen=True, slots=True)
class Run:
    """A candidate name: tokens ``start`` to ``end`` (exclusive) of a token list."""

    start: int
    end: int


def word_spans(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """``(start, end, text)`` for every token; hyphenated names split before capitals.

    "China-Russia" and "Jean-Pierre" become three tokens each, while "Jinping-u" (an
    Albanian case ending) and "vice-president" stay one.
    """
    tokens: list[tuple[int, int, str]] = []
    for match in _TOKEN.finditer(text):
        word, start = match.group(), match.start() + offset
        if "-" in word and len(word) > 2:
            tokens.extend(_split_hyphens(word, start))
        else:
            tokens.append((start, start + len(word), word))
    return tokens


def _split_hyphens(word: str, start: int) -> list[tuple[int, int, str]]:
    pieces: list[tuple[int, int, str]] = []
    parts = word.split("-")
    current, position = parts[0], start
    for part in parts[1:]:
        if part[:1].isupper():
            pieces.append((position, position + len(current), current))
            position += len(current)
            pieces.append((position, position + 1, "-"))
            position += 1
            current = part
        else:
            current = f"{current}-{part}"
    pieces.append((position, position + len(current), current))
    return pieces


def is_name_like(word: str) -> bool:
    """A capitalised word, an acronym, or a word with an inner capital ("iPhone", "eBay")."""
    first = word[:1]
    if first.isupper():
        return word == word.upper() or fold(word) not in CALENDAR_SET
    return first.isalpha() and not word.islower() and any(ch.isupper() for ch in word[1:])


def candidate_runs(words: list[str], breaks: frozenset[int] = frozenset()) -> list[Run]:
    """Maximal runs of name-like words, joined by connectors; ``breaks`` are token indexes
    that start a new sentence (a run never crosses one)."""
    runs: list[Run] = []
    i, n = 0, len(words)
    while i < n:
        if not is_name_like(words[i]):
            i += 1
            continue
        end = _run_end(words, i, breaks)
        if end == i + 1 and fold(words[i]) in _HEADS:
            end = _tail_end(words, end, breaks)
        runs.append(Run(i, end))
        i = end
    return runs


def _run_end(words: list[str], start: int, breaks: frozenset[int]) -> int:
    end, n = start + 1, len(words)
    while end < n and end not in breaks:
        if is_name_like(words[end]):
            end += 1
            continue
        gap = _connector_gap(words, end, breaks)
        if not gap:
            break
        end += gap
    return end


def _tail_end(words: list[str], end: int, breaks: frozenset[int]) -> int:
    """The end of a cue-headed run with its lower-case tail (the tagger decides what is name)."""
    last, n = end, len(words)
    for j in range(end, min(n, end + _MAX_TAIL)):
        if j in breaks or not (words[j].isalpha() or words[j] in _JOINERS):
            break
        if words[j].islower() or words[j] in _JOINERS:
            last = j + 1
            continue
        return _run_end(words, j, breaks)
    return last


def _connector_gap(words: list[str], i: int, breaks: frozenset[int]) -> int:
    """How many connector tokens at ``i`` lead on to another name-like word (0: none)."""
    for gap in range(_MAX_CONNECTORS):
        j = i + gap
        if j >= len(words) or (j in breaks and gap):
            return 0
        word = words[j]
        if is_name_like(word):
            return gap
        if not _is_connector(word, words[j - 1]):
            return 0
    nxt = i + _MAX_CONNECTORS
    return _MAX_CONNECTORS if nxt < len(words) and is_name_like(words[nxt]) else 0


def _is_connector(word: str, previous: str) -> bool:
    if word in _JOINERS:
        return True
    if word == ".":
        return len(previous) == 1 or fold(previous) in _DOTTED
    if word == "s":
        return previous in ("'", "’")
    return word.islower() and fold(word) in CONNECTOR_SET
