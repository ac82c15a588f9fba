"""Token features for the quote tagger: word classes, quotation marks, position, nearby cues.

Two kinds of feature: *generic* ones (shape, punctuation, quotation marks, positions, and the
word classes of ``cues``) mean the same in every language; *lexical* ones (the word itself,
its neighbours, its ending) only help in the languages the model was trained on (en, de). The
model is trained with both and with the generic ones alone, so that it can be applied to other
languages with ``lexical=False``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from newsweave.quotes import grammar
from newsweave.quotes.cues import (
    ACCORDING,
    COMPLEMENT,
    CUE,
    NOUN,
    PERSON_NOUN,
    PRONOUN,
    TITLE,
    VERB_FIRST,
    Lexicon,
    word_set,
)
from newsweave.quotes.marks import MARKS, MarkedQuote
from newsweave.quotes.tokens import Tokens

_CLASS_ORDER = (CUE, ACCORDING, COMPLEMENT, PRONOUN, TITLE, NOUN, PERSON_NOUN)
_PUNCT_KEEP = frozenset(",.:;!?()-—–…")
_PREVIOUS_CUE_WINDOW = 40  # tokens


@dataclass(slots=True)
class Analysis:
    """What the features and the decoder share about one text."""

    tokens: Tokens
    lower: list[str]
    classes: list[frozenset[str]]  # the token's word classes
    class_labels: list[str]  # the same as the shipped taggers read them (``_classes``)
    shapes: list[str]
    passage: list[int]  # number of the quoted passage the token stands in, -1 outside
    quotes: list[MarkedQuote]
    cues: list[int]  # indices of cue tokens outside quotation marks, in order
    tags: list[str] | None = None  # part-of-speech tags, where the language has a model
    tag_set: grammar.TagSet | None = None  # what the tags mean
    incises: frozenset[int] = frozenset()  # tokens of reporting incises inside quoted passages


def analyse(tokens: Tokens, lexicon: Lexicon, quotes: list[MarkedQuote]) -> Analysis:
    """Word classes, shapes and quotation passages of every token."""
    lower = [plain_lower(word) for word in tokens.words]
    classes, class_labels = _classes(tokens.words, lower, lexicon)
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
    incises = frozenset(index for quote in quotes for index in _incise(tokens.words, classes, quote)) \
        if lexicon.language in VERB_FIRST else frozenset()
    return Analysis(tokens, lower, classes, class_labels, shapes, passage, quotes, cues,
                    grammar.tags(tokens, lexicon.language), grammar.TAG_SETS.get(lexicon.language), incises)


def _incise(words: list[str], classes: list[frozenset[str]], quote: MarkedQuote) -> range:
    """The tokens of a reporting incise inside a quoted passage, its commas included: French
    and Spanish set it inside the marks (« Le dossier est solide, a affirmé l'avocate de la
    famille, Me Champsaur, et nous … »), English outside them. It runs from a comma and a
    listed reporting verb (after an auxiliary or inverted form: "a-t-il dit") to the first comma
    that a lower-case word follows, or to the stop of a sentence that another follows inside the
    marks; or from a dash to the next dash."""
    if quote.close is None:
        return range(0)
    for comma in range(quote.first + 1, quote.close - 2):
        if words[comma] not in _INCISE_OPENERS:
            continue
        verb = incise_verb(classes, comma)
        if CUE not in classes[verb] or not words[comma + 1][0].islower():
            continue
        for end in range(verb + 1, min(verb + _INCISE_WORDS, quote.close - 1)):
            if words[end] == "," and words[end + 1][0].islower() or \
                    words[end] in _STOPS and words[end + 1][0].isupper() or \
                    words[end] in _DASHES and words[comma] in _DASHES:  # "… —explicó X, del centro—, y …"
                return range(comma, end + 1)
        return range(0)
    return range(0)


_INCISE_WORDS = 12  # tokens from an incise's verb to the comma or stop that closes it
_STOPS = frozenset(".!?")
_DASHES = frozenset({"—", "–"})  # Spanish sets an incise between dashes: "… —dijo—, …"
_INCISE_OPENERS = _DASHES | {","}


def incise_verb(classes: list[frozenset[str]], comma: int) -> int:
    """The reporting verb of an incise that opens at ``comma``: right after it, or after an
    inverted auxiliary ("…, a-t-elle | dit, …")."""
    return comma + 1 if CUE in classes[comma + 1] else comma + 2


# Arabic vowel marks and the stretching tatweel ("وفقًا", "لـ"): optional, no part of the word.
_OPTIONAL_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")


def plain_lower(word: str) -> str:
    """A word in lower case, without optional marks: the form word lists and names compare."""
    lower = word.lower()
    return lower if lower.isascii() else _OPTIONAL_MARKS.sub("", lower) or lower


def _classes(words: list[str], lower: list[str], lexicon: Lexicon) -> tuple[list[frozenset[str]], list[str]]:
    """Each token's word classes, and the label the tagger's features give them: the classes
    joined with "+" in the order the shipped taggers were trained on (the word's own classes in
    ``_CLASS_ORDER``, then a contextual "according to" mark, repeated where the word is one
    already, then the classes of a phrase the word opens or stands in)."""
    classes, labels = [], []
    for word in lower:
        found = lexicon.classes(word)
        classes.append(found)
        labels.append([cls for cls in _CLASS_ORDER if cls in found])
    for index in _contextual_according(words, lower, lexicon):
        classes[index] = classes[index] | {ACCORDING}
        labels[index].append(ACCORDING)
    for index, word in enumerate(lower):
        for phrase, cls in lexicon.phrases.get(word, ()):
            if tuple(lower[index : index + len(phrase)]) == phrase:
                for inner in range(index, index + len(phrase)):
                    if cls not in labels[inner]:
                        classes[inner] = classes[inner] | {cls}
                        labels[inner].append(cls)
                break
    return classes, ["+".join(label) for label in labels]


# How far after "nach" its source noun may stand ("nach ersten vorläufigen Angaben").
_SOURCE_NOUN_REACH = 4


def _contextual_according(words: list[str], lower: list[str], lexicon: Lexicon) -> list[int]:
    """Tokens that are "according to" by their context: a preposition before a noun of
    reporting ("nach ersten Erkenntnissen"), a word after a comma before a name or an article
    ("…, so der Sprecher") and one that opens a sentence with a source ("Pour le maire, …")."""
    found = []
    for index, word in enumerate(lower):
        if word in lexicon.according_before:
            for after in lower[index + 1 : index + 1 + _SOURCE_NOUN_REACH]:
                if not after[0].isalnum():
                    break
                if after.endswith(lexicon.source_noun_endings):
                    found.append(index)
                    break
        elif (postposed_according(lower, index, lexicon) and index + 1 < len(lower)
              and _names_source(words[index + 1], lexicon)) or (
                word in lexicon.according_opening and _opens_sentence(words, index)
                and _source_before_comma(words, lower, index + 1, lexicon)):
            found.append(index)
    return found


# Conjunctions that may open a sentence before its "Pour" ("Mais pour la syndicaliste X, …").
_OPENING_CONJUNCTIONS = frozenset({"mais", "et", "pero", "y"})


def _opens_sentence(words: list[str], index: int) -> bool:
    """A capitalised word, or one after a capitalised conjunction ("Mais | pour")."""
    return words[index][0].isupper() or (
        index > 0 and words[index - 1][0].isupper() and words[index - 1].lower() in _OPENING_CONJUNCTIONS)


# The most tokens from an opening "Pour" to the comma after its source.
_OPENING_SOURCE_REACH = 10


def _source_before_comma(words: list[str], lower: list[str], start: int, lexicon: Lexicon) -> bool:
    """True for words up to a comma, within reach, that hold a title or a name ("son directeur
    général,", "Marie Durand,"): a source, not "la première fois"."""
    for index in range(start, min(len(words), start + _OPENING_SOURCE_REACH)):
        if words[index] == ",":
            return any(lower[i] in lexicon.titles or words[i][0].isupper() for i in range(start, index))
        if not words[index][0].isalnum():
            return False
    return False


def postposed_according(lower: list[str], index: int, lexicon: Lexicon) -> bool:
    """A word that is "according to" only right after a comma, there: it names the source
    after the speech ("…, so der Sprecher")."""
    return lower[index] in lexicon.according_after_comma and index > 0 and lower[index - 1] == ","


def _names_source(word: str, lexicon: Lexicon) -> bool:
    """An article, a pronoun or a capitalised word ("so der Sprecher", "so er", "so Müller")."""
    lower = word.lower()
    return lower in _ARTICLES or PRONOUN in lexicon.classes(lower) or word[0].isupper()


_ARTICLES = word_set("der die das des dem den ein eine einer eines einem einen")


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
    return _BUCKET[distance] if distance < len(_BUCKET) else "13+"


def _bucket_name(distance: int) -> str:
    if distance <= 3:
        return str(distance)
    if distance <= 6:
        return "4-6"
    if distance <= 12:
        return "7-12"
    return "13+"


_BUCKET = tuple(_bucket_name(d) for d in range(14))
_P = tuple("p=" + _bucket(d) for d in range(15))
_R = tuple("r=" + _bucket(d) for d in range(15))


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
    words = analysis.tokens.words
    cues = analysis.cues[bisect_left(analysis.cues, first) : bisect_left(analysis.cues, last)]
    accs = [i for i in cues if ACCORDING in classes[i]]
    verbs = [i for i in cues if CUE in classes[i]]
    has_quote = any(passage[i] >= 0 for i in range(first, last))
    size = last - first
    # A cue shortly before the sentence: reported speech may go on without one (German
    # "FreeIndirect": the next sentences in the subjunctive).
    before = bisect_left(analysis.cues, first)
    previous_cue = before > 0 and analysis.cues[before - 1] >= first - _PREVIOUS_CUE_WINDOW
    # Running counts of commas and closing marks, for "is there one between i and the cue".
    commas, closes = [0], [0]
    for i in range(first, last):
        commas.append(commas[-1] + (words[i] == ","))
        closes.append(closes[-1] + (shapes[i] == "QC"))
    counts = (commas, closes, first)
    shape_at = [_SHAPE_AT[shapes[j]] for j in range(first, last)]
    class_at = [_class_at(analysis.class_labels[j]) for j in range(first, last)]
    for i in range(first, last):
        k = i - first
        feats = out[i]
        sh = shapes[i]
        feats.append("b")
        feats.append(shape_at[k][0])
        if k:
            feats.append(f"ss={shapes[i - 1]}|{sh}")
        if previous_cue:
            feats.append("pc")
        for slot, offset in enumerate(_OFFSETS):
            j = k + offset
            if 0 <= j < size:
                feats.append(shape_at[j][slot + 1])
                if class_at[j]:
                    feats.append(class_at[j][slot + 1])
            else:
                feats.append(_EDGE[slot])
        if class_at[k]:
            feats.append(class_at[k][0])
        feats.append(_P[min(k, _BUCKETS)])
        feats.append(_R[min(size - 1 - k, _BUCKETS)])
        if size <= 6:
            feats.append("short")
        if passage[i] >= 0:
            _quote_features(analysis, i, first, last, feats)
        _cue_features(analysis, i, verbs, "v", feats, counts)
        _cue_features(analysis, i, accs, "a", feats, counts)
        if has_quote:
            feats.append("sq")
        if sh == "X" and ((k and shapes[i - 1] == "X") or (k + 1 < size and shapes[i + 1] == "X")):
            feats.append("name")
        if lexical:
            _lexical(analysis, i, first, last, verbs, feats)
    if lexical and analysis.tags is not None:
        _grammar_features(analysis.tags, first, last, out)


_OFFSETS = (-2, -1, 1, 2)
_EDGE = tuple(f"s{offset}=<>" for offset in _OFFSETS)
_BUCKETS = 14  # distances from here on share the last bucket


class _ShapeStrings(dict):
    """Shape -> its feature strings: "s=X", then "s-2=X", "s-1=X", "s1=X", "s2=X"."""

    def __missing__(self, shape: str) -> tuple[str, ...]:
        value = (f"s={shape}", *(f"s{offset}={shape}" for offset in _OFFSETS))
        self[shape] = value
        return value


_SHAPE_AT = _ShapeStrings()
_CLASS_STRINGS: dict[str, tuple[str, ...]] = {}


def _class_at(joined: str) -> tuple[str, ...] | None:
    """A class label -> "c=…", "c-2=…", "c-1=…", "c1=…", "c2=…" (None for no class)."""
    if not joined:
        return None
    found = _CLASS_STRINGS.get(joined)
    if found is None:
        found = _CLASS_STRINGS[joined] = (f"c={joined}", *(f"c{offset}={joined}" for offset in _OFFSETS))
    return found


def _lexical(analysis: Analysis, i: int, first: int, last: int, verbs: list[int], feats: list[str]) -> None:
    lower = analysis.lower
    word = lower[i]
    feats.append("w=" + word)
    if i - 2 >= first:
        feats.append("w-2=" + lower[i - 2])
    if i > first:
        feats.append("w-1=" + lower[i - 1])
        feats.append(f"ww={lower[i - 1]}|{word}")
    if i + 1 < last:
        feats.append("w1=" + lower[i + 1])
    if i + 2 < last:
        feats.append("w2=" + lower[i + 2])
    if len(word) > 4:
        feats.append("x3=" + word[-3:])
    if verbs:
        at = bisect_left(verbs, i)
        if at > 0:
            feats.append("vLw=" + lower[verbs[at - 1]])
        after = at + 1 if at < len(verbs) and verbs[at] == i else at
        if after < len(verbs):
            feats.append("vRw=" + lower[verbs[after]])


def _grammar_features(tags: list[str], first: int, last: int, out: list[list[str]]) -> None:
    """Part-of-speech tags around each token, and where the sentence's subjunctive verbs stand
    (German reported speech)."""
    subjunctive = [i for i in range(first, last) if tags[i].endswith(grammar.SUBJUNCTIVE)]
    for i in range(first, last):
        feats = out[i]
        tag = tags[i]
        before = tags[i - 1] if i > first else "<>"
        feats.append("t=" + tag)
        feats.append("t-1=" + before)
        feats.append("t1=" + (tags[i + 1] if i + 1 < last else "<>"))
        feats.append(f"tt={before}|{tag}")
        if subjunctive:
            feats.append("sKI")
            at = bisect_left(subjunctive, i)
            if at > 0:
                feats.append("kiL=" + _bucket(i - subjunctive[at - 1]))
            if at < len(subjunctive):
                feats.append("kiR=" + _bucket(subjunctive[at] - i))


def _quote_features(analysis: Analysis, i: int, first: int, last: int, feats: list[str]) -> None:
    quote = analysis.quotes[analysis.passage[i]]
    length = quote.last - quote.first + 1
    feats.append("q")
    feats.append("ql=" + ("1" if length == 1 else "2-3" if length <= 3 else "4-8" if length <= 8 else "9+"))
    if i == quote.first:
        feats.append("qf")
    if i == quote.last:
        feats.append("qe")
    if quote.first < first or quote.last >= last:
        feats.append("qx")  # the passage runs over a sentence boundary
    if quote.close is None:
        feats.append("qopen")


def _cue_features(analysis: Analysis, i: int, cues: list[int], tag: str, feats: list[str],
                  counts: tuple[list[int], list[int], int]) -> None:
    """Distance and direction to the nearest cue of one kind in the sentence."""
    if not cues:
        return
    at = bisect_left(cues, i)
    left = cues[at - 1] if at > 0 else None
    if at < len(cues) and cues[at] == i:
        feats.append(tag + "=self")
        at += 1
    right = cues[at] if at < len(cues) else None
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
        commas, closes, first = counts
        if commas[right - first] - commas[i + 1 - first]:
            feats.append(f"{tag}R,")
        if closes[right - first] - closes[i + 1 - first]:
            feats.append(f"{tag}Rq")


def stacked_features(analysis: Analysis, first: int, last: int, labels: list[str]) -> list[list[str]]:
    """Features from a first tagging pass over one paragraph (``labels``), for the second pass:
    the labels around each token and where the sentence's first-pass cues and sources stand, so
    the second pass sees the whole attribution a token would belong to."""
    tokens = analysis.tokens
    size = last - first
    out: list[list[str]] = [[] for _ in range(size)]
    kinds = [label[2:] if label != "O" else "O" for label in labels]
    # The sentences of the paragraph (a paragraph holds whole sentences).
    for begin, end in tokens.sentences[tokens.sentence_of[first] : tokens.sentence_of[last - 1] + 1]:
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
    at = bisect_left(positions, k)
    if at > 0:
        feats.append(f"{tag}L={_bucket(k - positions[at - 1])}")
    after = at + 1 if at < len(positions) and positions[at] == k else at
    if after < len(positions):
        feats.append(f"{tag}R={_bucket(positions[after] - k)}")
    if not positions:
        feats.append(tag + "=none")
