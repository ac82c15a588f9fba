"""Token features for the quote tagger: word classes, quotation marks, position, nearby cues.

Two kinds of feature: *generic* ones (shape, punctuation, quotation marks, positions, and the
word classes of ``cues``) mean the same in every language; *lexical* ones (the word itself,
its neighbours, its ending) only help in the languages the model was trained on (en, de). The
model is trained with both and with the generic ones alone, so that it can be applied to other
languages with ``lexical=False``.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from newsweave.quotes.cues import ACCORDING, COMPLEMENT, CUE, PRONOUN, TITLE, Lexicon
from newsweave.quotes.marks import MARKS, MarkedQuote
from newsweave.quotes.tokens import Tokens

_CLASS_ORDER = (CUE, ACCORDING, COMPLEMENT, PRONOUN, TITLE, "noun", "pnoun")
_PUNCT_KEEP = frozenset(",.:;!?()-—–…")
_PREVIOUS_CUE_WINDOW = 40  # tokens


@dataclass(slots=True)
class Analysis:
    """What the features and the decoder share about one text."""

    tokens: Tokens
    lower: list[str]
    classes: list[str]  # the token's word classes joined with "+", or ""
    shapes: list[str]
    passage: list[int]  # number of the quoted passage the token stands in, -1 outside
    quotes: list[MarkedQuote]
    cues: list[int]  # indices of cue tokens outside quotation marks, in order


def analyse(tokens: Tokens, lexicon: Lexicon, quotes: list[MarkedQuote]) -> Analysis:
    """Word classes, shapes and quotation passages of every token."""
    lower = [word.lower() for word in tokens.words]
    classes = _classes(lower, lexicon)
    passage = [-1] * len(tokens)
    shapes = [_shape(word) for word in tokens.words]
    for number, quote in enumerate(quotes):
        end = quote.close if quote.close is not None else quote.last
        for index in range(quote.open, end + 1):
            passage[index] = number
        shapes[quote.open] = "QO"
        if quote.close is not None:
            shapes[quote.close] = "QC"
    cues = [i for i, cls in enumerate(classes)
            if cls and (CUE in cls or ACCORDING in cls) and passage[i] < 0]
    return Analysis(tokens, lower, classes, shapes, passage, quotes, cues)


def _classes(lower: list[str], lexicon: Lexicon) -> list[str]:
    classes = []
    for word in lower:
        found = lexicon.classes(word)
        classes.append("+".join(cls for cls in _CLASS_ORDER if cls in found) if found else "")
    for index, word in enumerate(lower):
        for phrase, cls in lexicon.phrases.get(word, ()):
            if tuple(lower[index : index + len(phrase)]) == phrase:
                for inner in range(index, index + len(phrase)):
                    if cls not in classes[inner]:
                        classes[inner] = cls if not classes[inner] else f"{classes[inner]}+{cls}"
                break
    return classes


def _shape(word: str) -> str:
    if word in MARKS:
        return "Q"
    first = word[0]
    if first.isalpha():
        if first.isupper():
            return "XX" if len(word) > 1 and word.isupper() else "X"
        return "x"
    if first.isdigit():
        return "d"
    return word if word in _PUNCT_KEEP else "p"


def _bucket(distance: int) -> str:
    if distance <= 3:
        return str(distance)
    if distance <= 6:
        return "4-6"
    if distance <= 12:
        return "7-12"
    return "13+"


def token_features(analysis: Analysis, lexical: bool) -> list[list[str]]:
    """The feature strings of every token, in text order."""
    tokens = analysis.tokens
    features: list[list[str]] = [[] for _ in range(len(tokens))]
    for first, last in tokens.sentences:
        _sentence_features(analysis, first, last, features, lexical)
    return features


def _sentence_features(analysis: Analysis, first: int, last: int, out: list[list[str]],
                       lexical: bool) -> None:
    classes, shapes, passage = analysis.classes, analysis.shapes, analysis.passage
    cues = [i for i in analysis.cues if first <= i < last]
    accs = [i for i in cues if ACCORDING in classes[i]]
    verbs = [i for i in cues if CUE in classes[i]]
    has_quote = any(passage[i] >= 0 for i in range(first, last))
    size = last - first
    # A cue shortly before the sentence: reported speech may go on without one (German
    # "FreeIndirect": the next sentences in the subjunctive).
    before = bisect_left(analysis.cues, first)
    previous_cue = before > 0 and analysis.cues[before - 1] >= first - _PREVIOUS_CUE_WINDOW
    for i in range(first, last):
        feats = out[i]
        feats.append("b")
        sh = shapes[i]
        feats.append("s=" + sh)
        if i > first:
            feats.append(f"ss={shapes[i - 1]}|{sh}")
        if previous_cue:
            feats.append("pc")
        for offset in (-2, -1, 1, 2):
            j = i + offset
            if first <= j < last:
                feats.append(f"s{offset}={shapes[j]}")
                if classes[j]:
                    feats.append(f"c{offset}={classes[j]}")
            else:
                feats.append(f"s{offset}=<>")
        if classes[i]:
            feats.append("c=" + classes[i])
        _position(feats, i - first, last - 1 - i, size)
        _quote_features(analysis, i, first, last, feats)
        _cue_features(analysis, i, verbs, "v", feats)
        _cue_features(analysis, i, accs, "a", feats)
        if has_quote:
            feats.append("sq")
        if sh == "X" and ((i > first and shapes[i - 1] == "X") or (i + 1 < last and shapes[i + 1] == "X")):
            feats.append("name")
        if lexical:
            _lexical(analysis, i, first, last, verbs, feats)


def _lexical(analysis: Analysis, i: int, first: int, last: int, verbs: list[int], feats: list[str]) -> None:
    lower = analysis.lower
    feats.append("w=" + lower[i])
    for offset in (-2, -1, 1, 2):
        j = i + offset
        if first <= j < last:
            feats.append(f"w{offset}={lower[j]}")
    if i > first:
        feats.append(f"ww={lower[i - 1]}|{lower[i]}")
    if len(lower[i]) > 4:
        feats.append("x3=" + lower[i][-3:])
    left = [j for j in verbs if j < i]
    right = [j for j in verbs if j > i]
    if left:
        feats.append("vLw=" + lower[left[-1]])
    if right:
        feats.append("vRw=" + lower[right[0]])


def _position(feats: list[str], before: int, after: int, size: int) -> None:
    feats.append("p=" + _bucket(before))
    feats.append("r=" + _bucket(after))
    if size <= 6:
        feats.append("short")


def _quote_features(analysis: Analysis, i: int, first: int, last: int, feats: list[str]) -> None:
    number = analysis.passage[i]
    if number < 0:
        return
    quote = analysis.quotes[number]
    length = quote.last - quote.first + 1
    feats.append("q")
    feats.append("ql=" + ("1" if length == 1 else "2-3" if length <= 3 else "4-8" if length <= 8 else "9+"))
    if i == quote.first:
        feats.append("qf")
    if i == quote.last:
        feats.append("qe")
    spread = quote.first < first or quote.last >= last
    if spread:
        feats.append("qx")  # the passage runs over a sentence boundary
    if quote.close is None:
        feats.append("qopen")


def _cue_features(analysis: Analysis, i: int, cues: list[int], tag: str, feats: list[str]) -> None:
    """Distance and direction to the nearest cue of one kind in the sentence."""
    left = right = None
    for index in cues:
        if index < i:
            left = index
        elif index > i:
            right = index
            break
        else:
            feats.append(tag + "=self")
    words, classes = analysis.lower, analysis.classes
    if left is not None:
        feats.append(f"{tag}L={_bucket(i - left)}")
        after = left + 1
        if after < len(words) and (COMPLEMENT in classes[after] or words[after] == ":"):
            feats.append(f"{tag}Lc={words[after] == ':'}")
        if analysis.passage[i] >= 0 and analysis.passage[left] < 0:
            feats.append(f"{tag}Lq")
    if right is not None:
        feats.append(f"{tag}R={_bucket(right - i)}")
        between = range(i + 1, right)
        if any(words[j] == "," for j in between):
            feats.append(f"{tag}R,")
        if any(analysis.shapes[j] == "QC" for j in between):
            feats.append(f"{tag}Rq")


def stacked_features(analysis: Analysis, first: int, last: int, labels: list[str]) -> list[list[str]]:
    """Features from a first tagging pass over one paragraph (``labels``), for the second pass:
    the labels around each token and where the sentence's first-pass cues and sources stand, so
    the second pass sees the whole attribution a token would belong to."""
    tokens = analysis.tokens
    size = last - first
    out: list[list[str]] = [[] for _ in range(size)]
    kinds = [label[2:] if label != "O" else "O" for label in labels]
    for begin, end in tokens.sentences:
        if end <= first or begin >= last:
            continue
        lo, hi = max(begin, first) - first, min(end, last) - first
        cues = [k for k in range(lo, hi) if kinds[k] == "C"]
        sources = [k for k in range(lo, hi) if kinds[k] == "S"]
        has_q = any(kinds[k] == "Q" for k in range(lo, hi))
        for k in range(lo, hi):
            feats = out[k]
            feats.append("l0=" + labels[k])
            for offset in (-2, -1, 1, 2):
                j = k + offset
                feats.append(f"l{offset}=" + (labels[j] if lo <= j < hi else "<>"))
            if has_q:
                feats.append("sQ")
            _nearest(feats, k, cues, "pC")
            _nearest(feats, k, sources, "pS")
    return out


def _nearest(feats: list[str], k: int, positions: list[int], tag: str) -> None:
    left = [p for p in positions if p < k]
    right = [p for p in positions if p > k]
    if left:
        feats.append(f"{tag}L={_bucket(k - left[-1])}")
    if right:
        feats.append(f"{tag}R={_bucket(right[0] - k)}")
    if not positions:
        feats.append(tag + "=none")
