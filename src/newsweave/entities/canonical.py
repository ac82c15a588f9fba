"""Name keys: how two spellings of one name are recognised as the same.

A key is the name case-folded, without diacritics, transliterated to Latin, with connectors
dropped. Inflected forms are joined by stripping one case ending on either side ("Lavrovit" and
"Lavrov" share "lavrov", "Rusisë" and "Rusia" share "rusi"), with per-language ending lists; the
exonym table maps other languages' names of major places and organisations to one English name.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache
from itertools import product

from newsweave.entities.lexicon import CONNECTOR_SET, EXONYMS, fold

_LATIN_OF_CYRILLIC = ("a b v g d e e zh z i i k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya "
                      "i i ye g")
_CYRILLIC = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґ", _LATIN_OF_CYRILLIC.split(), strict=True))
# Case endings that one side of a pair may carry (after folding and transliteration). Albanian
# nouns take definite and oblique endings ("Lavrovi", "Lavrovit", "Kinës", "Pekinit"); German
# a genitive -s; Russian case endings; Turkish ones follow an apostrophe and are cut there.
ENDINGS = {
    "sq": ("it", "in", "ut", "un", "es", "se", "ne", "en", "ve", "ja", "je", "a", "e", "i",
           "u", "n", "t", "s"),
    "de": ("s", "es"),
    "ru": ("ogo", "omu", "om", "oi", "ym", "a", "u", "e", "y"),
    "pl": ("ego", "emu", "em", "a", "u", "ie", "owi"),
}
_MIN_STEM = 3
# Languages whose names in the exonym table are inflected too ("Kinës" and "Kina" share "kin"):
# elsewhere only the text's form is cut (else German "Francis" would meet Albanian "Francia").
_BOTH_SIDES = frozenset({"sq"})
_MAX_VARIANTS = 64
# A hyphenated lower-case ending this short is a case ending ("Jinping-u", "NATO-ja").
_HYPHEN_ENDING = 3


@lru_cache(maxsize=1 << 16)
def transliterate(text: str) -> str:
    """Folded text with Cyrillic letters written in Latin ones."""
    return "".join(_CYRILLIC.get(ch, ch) for ch in fold(text)).replace("_", "")


def name_tokens(surface: str) -> tuple[str, ...]:
    """The key tokens of a name: folded, transliterated, connectors and punctuation dropped."""
    words = surface.replace("’", "'").replace("-", " ").replace(".", " ").split()
    out = []
    for word in words:
        word = word.split("'")[0] if word.count("'") == 1 and not word.startswith("'") else word
        token = transliterate(word).strip("'\"()[]«»“”,;:")
        if token and token not in CONNECTOR_SET:
            out.append(token)
    return tuple(out) or (transliterate(surface),)


def hyphen_base(surface: str) -> str:
    """The surface without a short lower-case ending after a hyphen or apostrophe."""
    for mark in ("-", "'", "’"):
        head, sep, tail = surface.rpartition(mark)
        if sep and head and 0 < len(tail) <= _HYPHEN_ENDING and tail.islower():
            return head
    return surface


def token_variants(token: str, language: str) -> set[str]:
    """The token and the stems left by cutting one of its language's endings."""
    variants = {token}
    for ending in ENDINGS.get(language, ()):
        if token.endswith(ending) and len(token) - len(ending) >= _MIN_STEM:
            variants.add(token[: -len(ending)])
    return variants


def key_variants(tokens: tuple[str, ...], language: str) -> list[tuple[str, ...]]:
    """Every key the tokens may stand for when one ending per token is cut (capped)."""
    options = [sorted(token_variants(token, language)) for token in tokens]
    combos: list[tuple[str, ...]] = []
    for combo in product(*options):
        combos.append(combo)
        if len(combos) >= _MAX_VARIANTS:
            break
    return combos


def _exonym_index() -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for canonical, aliases in EXONYMS.items():
        for alias in (canonical, *aliases):
            index.setdefault(name_tokens(alias), canonical)
    return index


EXONYM_INDEX = _exonym_index()
EXONYM_KEYS = frozenset(" ".join(key) for key in EXONYM_INDEX)


@lru_cache(maxsize=1 << 14)
def exonym_of(tokens: tuple[str, ...], language: str) -> str | None:
    """The English name of a major place or organisation these key tokens name, if any."""
    if tokens in EXONYM_INDEX:
        return EXONYM_INDEX[tokens]
    wanted = set(key_variants(tokens, language))
    for variant in wanted:
        if variant in EXONYM_INDEX:
            return EXONYM_INDEX[variant]
    if language not in _BOTH_SIDES:
        return None
    for alias_key, canonical in _ALIAS_VARIANTS.get(len(tokens), ()):
        if wanted.intersection(alias_key):
            return canonical
    return None


def _alias_variants() -> dict[int, list[tuple[list[tuple[str, ...]], str]]]:
    """Each alias's keys with one Albanian ending cut per token (the table holds base forms)."""
    table: dict[int, list[tuple[list[tuple[str, ...]], str]]] = {}
    for key, canonical in EXONYM_INDEX.items():
        table.setdefault(len(key), []).append((key_variants(key, "sq"), canonical))
    return table


_ALIAS_VARIANTS = _alias_variants()


def edit_distance(a: str, b: str, limit: int = 3) -> int:
    """Levenshtein distance, cut off at ``limit``."""
    if abs(len(a) - len(b)) >= limit:
        return limit
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) >= limit:
            return limit
        previous = current
    return min(previous[-1], limit)


def acronym_of(tokens: Iterable[str]) -> str:
    """The initials of a name's key tokens ("shanghai cooperation organization" -> "sco")."""
    return "".join(token[0] for token in tokens if token)
