"""Word tokens and shingle hashes: the sets that MinHash sketches.

A text becomes the set of its word n-grams ("shingles"), each as a 64-bit hash. Hashes come
from xxhash, never Python's ``hash()``, whose string hashes change with every process
(``PYTHONHASHSEED``), so sketches made on different workers could never be compared.

Scripts written without spaces between words (Chinese, Japanese, Thai, Lao, Khmer, Myanmar,
Tibetan) give one token per character, so their n-grams are character n-grams and a Chinese
article gets as many shingles as it has characters.
"""

from __future__ import annotations

import re
import unicodedata

import numpy as np
import xxhash

from newsweave.errors import ConfigError

# Blocks whose words are not separated by spaces: each character is a token.
_NO_SPACE = (
    "\u0e00-\u0eff"  # Thai, Lao
    "\u0f00-\u0fff"  # Tibetan
    "\u1000-\u109f"  # Myanmar
    "\u1780-\u17ff"  # Khmer
    "\u2e80-\u2fdf"  # CJK radicals
    "\u3040-\u31ff"  # Hiragana, Katakana, Bopomofo
    "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK ideographs
    "\U00020000-\U0003134f"  # CJK ideographs, supplementary planes
)
# Combining marks (and ZWNJ/ZWJ) that belong inside words but are not \w in Python's re:
# without them Hindi "हिन्दी" would split at every vowel sign into ['ह', 'न', 'द'].
_MARKS = (
    "\u0300-\u036f\u0483-\u0489\u0591-\u05c7"  # Latin/Greek diacritics, Cyrillic, Hebrew points
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # Arabic harakat
    "\u0900-\u0963\u0966-\u0dff"  # Indic scripts, Devanagari to Sinhala (minus the dandas)
    "\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\ufe20-\ufe2f"
)
_TOKEN = re.compile(rf"[{_NO_SPACE}]|(?:[^\W{_NO_SPACE}]|[{_MARKS}])+")
_HAS_NO_SPACE = re.compile(rf"[{_NO_SPACE}]")
_WORD_CHAR = re.compile(rf"[\w{_MARKS}]")
# Every ASCII byte that is not a word character becomes a space; other bytes stay.
_ASCII_SEPARATORS = bytes(
    byte if chr(byte).isalnum() or byte == ord("_") or byte > 0x7F else ord(" ") for byte in range(256)
)

# Odd multiplier of the n-gram polynomial (2^64 / golden ratio) and the MurmurHash3 64-bit
# finaliser, which spreads the polynomial's bits over the whole hash.
_POLY = np.uint64(0x9E3779B97F4A7C15)
_FMIX = (np.uint64(33), np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53))


def tokens(text: str) -> list[str]:
    """The text's word tokens, NFKC-normalised and casefolded.

    Words are runs of letters, digits, underscores and combining marks; everything else
    separates them. Characters of scripts without spaces between words (CJK, Thai, ...) are
    one token each.

    Example:
        >>> tokens("Mr. SMITH's 2 cats — 北京市")
        ['mr', 'smith', 's', '2', 'cats', '北', '京', '市']
    """
    return [word.decode() for word in _words(text)]


def _words(text: str) -> list[bytes]:
    """``tokens`` as UTF-8 bytes, which is what gets hashed.

    Same result as ``_TOKEN.findall`` on the folded text (tests/sketch/test_sketch.py checks it), at
    a third to a half of its cost for Latin, Cyrillic and Greek text (measured on the SemEval
    dev texts): ``bytes.translate`` and ``split`` run in C, where ``findall`` builds a match
    object per token.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if not folded.isascii():
        if _HAS_NO_SPACE.search(folded):
            return [word.encode() for word in _TOKEN.findall(folded)]
        for char in set(folded):
            if not char.isascii() and not _WORD_CHAR.match(char):
                folded = folded.replace(char, " ")
    return folded.encode().translate(_ASCII_SEPARATORS).split()


def shingle_hashes(text: str, n: int = 5) -> np.ndarray:
    """The sorted unique 64-bit hashes of the text's n-grams of tokens.

    Each token is hashed once with xxh3_64; an n-gram's hash is a polynomial over its tokens'
    hashes, mixed by the MurmurHash3 finaliser, computed for all n-grams at once in numpy.
    That is n times fewer xxhash calls than hashing each n-gram's text, and stable across
    processes and machines all the same.

    Args:
        text: Any text; see ``tokens`` for how it is split.
        n: Tokens per shingle. A text with fewer tokens than ``n`` gives one shingle of all of
            them, so short texts can still be compared.

    Returns:
        A sorted ``uint64`` array of unique hashes; empty for a text without tokens.

    Raises:
        ConfigError: ``n`` is not a positive int.

    Example:
        >>> len(shingle_hashes("one two three four five six")), len(shingle_hashes("hi"))
        (2, 1)
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ConfigError(f"n must be a positive int (tokens per shingle, e.g. 5), got {n!r}")
    words = _words(text)
    if not words:
        return np.empty(0, dtype=np.uint64)
    token_hashes = np.fromiter(map(xxhash.xxh3_64_intdigest, words), dtype=np.uint64, count=len(words))
    return _sorted_unique(_ngram_hashes(token_hashes, n))


def _ngram_hashes(token_hashes: np.ndarray, n: int) -> np.ndarray:
    """One hash per window of n token hashes (one window of all when there are fewer)."""
    width = min(n, len(token_hashes))
    windows = len(token_hashes) - width + 1
    hashes = token_hashes[:windows].copy()
    for offset in range(1, width):
        # Array arithmetic wraps modulo 2^64 silently, which is the intended polynomial.
        hashes *= _POLY
        hashes += token_hashes[offset:offset + windows]
    return fmix64(hashes)


def _sorted_unique(hashes: np.ndarray) -> np.ndarray:
    """np.unique without its overhead, which is most of the cost on a few hundred values."""
    hashes.sort()
    keep = np.empty(len(hashes), dtype=bool)
    keep[0] = True
    np.not_equal(hashes[1:], hashes[:-1], out=keep[1:])
    return hashes[keep]


def fmix64(hashes: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser, in place: a bijection that avalanches every bit."""
    shift, first, second = _FMIX
    hashes ^= hashes >> shift
    hashes *= first
    hashes ^= hashes >> shift
    hashes *= second
    hashes ^= hashes >> shift
    return hashes
