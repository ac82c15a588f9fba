"""newsweave.sketch: shingles, MinHash (against datasketch and true Jaccard), LSH, union-find."""

from __future__ import annotations

import random
import unicodedata
from collections import defaultdict

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.errors import ConfigError
from newsweave.sketch import (
    EMPTY_VALUE,
    LSHIndex,
    LSHParams,
    MinHasher,
    UnionFind,
    is_empty,
    jaccard,
    optimal_params,
    shingle_hashes,
    tokens,
)
from newsweave.sketch.shingles import _TOKEN, _words

try:
    from datasketch import MinHash, MinHashLSH
    from datasketch.lsh import _optimal_param
except ImportError:  # the comparisons below skip; everything else runs
    MinHash = MinHashLSH = _optimal_param = None

needs_datasketch = pytest.mark.skipif(
    MinHash is None,
    reason="datasketch is not installed: `.venv/bin/pip install datasketch` to compare with it",
)
PROPERTY = settings(max_examples=40, deadline=None, derandomize=True)
LOW32 = 0xFFFFFFFF


def _vocabulary(size: int = 5000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(3, 9))) for _ in range(size)]


def _random_words(rng: random.Random, vocabulary: list[str], count: int) -> list[str]:
    return rng.choices(vocabulary, k=count)


def _edit_passages(rng: random.Random, words: list[str], vocabulary: list[str], share: float) -> list[str]:
    """A copy with `share` of its words rewritten, in passages of 10 words (as edited news is)."""
    copy = list(words)
    slots = rng.sample(range(len(words) // 20), round(len(words) * share / 10))
    for slot in slots:
        copy[slot * 20:slot * 20 + 10] = _random_words(rng, vocabulary, 10)
    return copy


def _true_jaccard(one: np.ndarray, two: np.ndarray) -> float:
    shared = len(np.intersect1d(one, two))
    return shared / (len(one) + len(two) - shared)


def _sets(shared: int, only_a: int, only_b: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Two uint64 hash sets with the given overlap."""
    values = np.unique(np.random.default_rng(seed).integers(0, 2**64, shared + only_a + only_b,
                                                            dtype=np.uint64))
    np.random.default_rng(seed + 1).shuffle(values)
    common, rest = values[:shared], values[shared:]
    return np.concatenate([common, rest[:only_a]]), np.concatenate([common, rest[only_a:]])


# -- tokens and shingles ---------------------------------------------------------------------------

def test_tokens_casefold_and_drop_punctuation():
    assert tokens("Hello, WORLD! Straße — naïve l'été 2024_report") == [
        "hello", "world", "strasse", "naïve", "l", "été", "2024_report"]
    assert tokens("") == [] and tokens(" ,.;— ") == []


def test_tokens_split_unspaced_scripts_into_characters():
    assert tokens("北京市今天") == ["北", "京", "市", "今", "天"]
    assert tokens("ภาษาไทย") == list("ภาษาไทย")
    assert tokens("東京でAIを") == ["東", "京", "で", "ai", "を"]


def test_tokens_keep_combining_marks_and_spaced_scripts_whole():
    assert tokens("हिन्दी भाषा") == ["हिन्दी", "भाषा"]
    assert tokens("Привет, мир! 한국어 문장") == ["привет", "мир", "한국어", "문장"]


def test_tokens_normalise_compatibility_forms():
    assert tokens("Ｆｕｌｌ ＷＩＤＴＨ") == ["full", "width"]


def test_lone_surrogates_are_separators_not_errors():
    assert tokens("bad \udc80 bytes\ud800here") == ["bad", "bytes", "here"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(max_size=120)
       | st.text(alphabet="ab c,.—'é\u0301ß北京ภา\u0e34हि\u094dन\u00a0\u200d_9", max_size=60))
def test_fast_tokenizer_matches_the_regex(text):
    expected = _TOKEN.findall(unicodedata.normalize("NFKC", text).casefold())
    assert [word.decode() for word in _words(text)] == expected


def test_shingle_hashes_are_sorted_unique_uint64():
    hashes = shingle_hashes("one two three four five six seven")
    assert hashes.dtype == np.uint64 and len(hashes) == 3
    assert np.all(hashes[1:] > hashes[:-1])
    assert len(shingle_hashes("a b c d e " * 50)) == 5  # the repeats are one set


def test_short_and_empty_texts():
    assert len(shingle_hashes("just three words")) == 1
    same = shingle_hashes("Just, three WORDS!", n=3)
    assert shingle_hashes("just three words", n=3).tolist() == same.tolist()
    empty = shingle_hashes("  ... ")
    assert empty.dtype == np.uint64 and len(empty) == 0


def test_shingle_hashes_are_pinned_across_processes_and_versions():
    # Python's hash() would change these on every run (PYTHONHASHSEED); they must never change.
    assert [hex(int(value)) for value in shingle_hashes("The quick brown fox jumps over the lazy dog")] == [
        "0x25bd087b7b35c4a", "0x797b47a8c8ccf26", "0xa6382696948013a9", "0xc0b8c15004a57597",
        "0xf8f7a6f323a8698f"]
    assert hex(int(shingle_hashes("北京市今天")[0])) == "0x96926ede68c55172"


def test_chinese_text_gets_character_shingles():
    text = "北京市今天发布了新的交通规定，市民出行需要注意。"
    assert len(shingle_hashes(text)) == len(tokens(text)) - 4 == 18


def test_word_order_matters():
    assert not np.array_equal(shingle_hashes("a b c d e"), shingle_hashes("e d c b a"))


@pytest.mark.parametrize("n", [0, -1, 2.5, True])
def test_shingle_size_is_checked(n):
    with pytest.raises(ConfigError, match="n must be a positive int"):
        shingle_hashes("text", n=n)


# -- MinHash -------------------------------------------------------------------------------------

@pytest.mark.parametrize(("arguments", "message"), [
    ({"num_perm": 0}, "num_perm must be a positive int"),
    ({"num_perm": 12.5}, "num_perm must be a positive int"),
    ({"num_perm": "128"}, "num_perm must be a positive int"),
    ({"seed": -1}, r"seed must be an int in \[0, "),
])
def test_minhasher_arguments_are_checked(arguments, message):
    with pytest.raises(ConfigError, match=message):
        MinHasher(**arguments)


def test_identical_texts_give_identical_signatures():
    text = "Police said the fire started in the kitchen of the restaurant late on Sunday night."
    one, two = MinHasher().signature(shingle_hashes(text)), MinHasher().signature(shingle_hashes(text))
    assert one.dtype == np.uint32 and one.shape == (128,)
    assert np.array_equal(one, two) and jaccard(one, two) == 1.0
    assert not np.array_equal(one, MinHasher(seed=2).signature(shingle_hashes(text)))


def test_batch_equals_one_by_one_across_blocks_and_empties():
    rng = np.random.default_rng(3)
    arrays = [rng.integers(0, 2**64, size, dtype=np.uint64) for size in (5, 0, 400, 20_000, 0, 1, 9000, 3)]
    hasher = MinHasher(num_perm=64)
    batch = hasher.signatures(arrays)
    assert batch.shape == (len(arrays), 64)
    for row, hashes in zip(batch, arrays, strict=True):
        assert np.array_equal(row, hasher.signature(hashes))
    assert hasher.signatures([]).shape == (0, 64)


def _reference_signature(hashes, num_perm: int, seed: int) -> list[int]:
    """One-permutation hashing with optimal densification, in plain Python integers."""
    mask = (1 << 64) - 1

    def fmix(value: int) -> int:
        value ^= value >> 33
        value = value * 0xFF51AFD7ED558CCD & mask
        value ^= value >> 33
        value = value * 0xC4CEB9FE1A85EC53 & mask
        return value ^ value >> 33

    def bin_of(value: int) -> int:
        return (value >> 32) * num_perm >> 32

    salt = seed * 0x9E3779B97F4A7C15 & mask
    reached: dict[int, int] = {}
    for shingle in hashes:
        mixed = fmix(int(shingle) ^ salt)
        slot = bin_of(mixed)
        reached[slot] = min(reached.get(slot, LOW32), mixed & LOW32)
    signature = []
    for slot in range(num_perm):
        attempt, source = 0, slot
        while source not in reached:
            attempt += 1
            source = bin_of(fmix((slot << 32 | attempt) ^ salt))
        signature.append(reached[source])
    return signature


@pytest.mark.parametrize(("size", "num_perm", "seed"),
                         [(1, 16, 1), (7, 128, 1), (400, 128, 5), (3000, 100, 9)])
def test_signature_is_one_permutation_hashing(size, num_perm, seed):
    hashes = np.random.default_rng(size).integers(0, 2**64, size, dtype=np.uint64)
    signature = MinHasher(num_perm=num_perm, seed=seed).signature(hashes)
    assert signature.tolist() == _reference_signature(hashes, num_perm, seed)


def test_a_short_text_fills_every_slot_from_its_own_shingles():
    hasher = MinHasher()
    hashes = shingle_hashes("Short text")  # fewer words than a shingle: one shingle
    signature = hasher.signature(hashes)
    assert len(hashes) == 1 and len(set(signature.tolist())) == 1 and not is_empty(signature)
    three = hasher.signature(shingle_hashes("one two three four five six seven"))
    assert len(set(three.tolist())) == 3


def test_empty_document_matches_nothing():
    hasher = MinHasher()
    empty = hasher.signature(shingle_hashes(""))
    assert is_empty(empty) and np.all(empty == EMPTY_VALUE)
    assert jaccard(empty, empty) == 0.0
    assert jaccard(empty, hasher.signature(shingle_hashes("some words here"))) == 0.0


def test_jaccard_needs_equal_lengths():
    with pytest.raises(ConfigError, match="same num_perm"):
        jaccard(np.zeros(64, np.uint32), np.zeros(128, np.uint32))


def test_hash_arrays_must_be_integers():
    with pytest.raises(TypeError, match="non-negative integers"):
        MinHasher().signature(np.array([0.5, 1.5]))


def _tolerance(similarity: float, num_perm: int, spread: float = 4.5) -> float:
    """A bound the estimate misses with probability ~1e-5 (binomial standard error)."""
    return spread * (similarity * (1 - similarity) / num_perm) ** 0.5 + 2 / num_perm


@pytest.mark.parametrize(("shared", "only_a", "only_b"), [(1000, 500, 500), (800, 100, 100), (200, 400, 400),
                                                          (30, 0, 0), (0, 50, 50)])
def test_estimate_is_close_to_true_jaccard(shared, only_a, only_b):
    one, two = _sets(shared, only_a, only_b, seed=11)
    hasher = MinHasher()
    truth = _true_jaccard(one, two)
    estimate = jaccard(hasher.signature(one), hasher.signature(two))
    assert abs(estimate - truth) <= _tolerance(truth, 128)


@needs_datasketch
@PROPERTY
@given(st.integers(0, 300), st.integers(0, 300), st.integers(0, 300), st.integers(0, 2**16))
def test_estimates_agree_with_datasketch_and_the_truth(shared, only_a, only_b, seed):
    one, two = _sets(shared, only_a, only_b, seed)
    if not len(one) or not len(two):
        return
    truth = _true_jaccard(one, two)
    hasher = MinHasher()
    ours = jaccard(hasher.signature(one), hasher.signature(two))
    default = []  # datasketch's default scheme (affine32), on the same 32-bit hashes
    for values in (one, two):
        sketch = MinHash(num_perm=128, hashfunc=int)
        sketch.update_batch([int(value) & LOW32 for value in values])
        default.append(sketch)
    theirs = default[0].jaccard(default[1])
    assert abs(ours - truth) <= _tolerance(truth, 128)
    assert abs(ours - theirs) <= _tolerance(truth, 64)  # two independent estimates: twice the variance


# -- LSH -----------------------------------------------------------------------------------------

def test_optimal_params_pinned():
    assert optimal_params(0.5, 128) == LSHParams(bands=25, rows=5)
    assert optimal_params(0.9, 128) == LSHParams(bands=5, rows=25)  # as in datasketch's docs
    assert LSHIndex(threshold=0.8).params == LSHParams(bands=9, rows=13)


@needs_datasketch
@pytest.mark.parametrize("num_perm", [32, 128])
@pytest.mark.parametrize("weights", [(0.5, 0.5), (0.3, 0.7)])
def test_optimal_params_match_datasketch(num_perm, weights):
    for threshold in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95):
        params = optimal_params(threshold, num_perm, weights)
        assert (params.bands, params.rows) == _optimal_param(threshold, num_perm, *weights), threshold


@pytest.mark.parametrize(("arguments", "message"), [
    ({"threshold": 1.5}, "threshold must be a Jaccard similarity in"),
    ({"num_perm": 1}, "num_perm must be an int >= 2"),
    ({"weights": (0.5, 0.6)}, "summing to 1"),
    ({"params": LSHParams(20, 10)}, "Did you forget to pass num_perm"),
    ({"max_clique": 1}, "max_clique must be an int >= 2"),
])
def test_lsh_arguments_are_checked(arguments, message):
    with pytest.raises(ConfigError, match=message):
        LSHIndex(**arguments)


def test_lsh_finds_planted_near_duplicates_and_pairs_nothing_else():
    rng, vocabulary = random.Random(5), _vocabulary()
    texts = [_random_words(rng, vocabulary, rng.randint(250, 400)) for _ in range(300)]
    planted = {(source, 300 + number) for number, source in enumerate(rng.sample(range(300), 12))}
    for source, _ in sorted(planted, key=lambda pair: pair[1]):
        texts.append(_edit_passages(rng, texts[source], vocabulary, share=0.1))
    hasher, index = MinHasher(), LSHIndex(threshold=0.5)
    index.insert_many(range(len(texts)), hasher.signatures([shingle_hashes(" ".join(t)) for t in texts]))
    assert set(index.candidate_pairs()) == planted


def test_query_and_insert_after_query():
    hasher, index = MinHasher(), LSHIndex()
    text = " ".join(_random_words(random.Random(1), _vocabulary(), 300))
    signature = hasher.signature(shingle_hashes(text))
    assert index.query(signature) == set()
    index.insert("a", signature)
    assert index.query(signature) == {"a"} and "a" in index and len(index) == 1
    assert list(index.candidate_pairs()) == []
    index.insert("b", hasher.signature(shingle_hashes(text + " and one more sentence at the end")))
    assert index.query(signature) == {"a", "b"}
    assert list(index.candidate_pairs()) == [("a", "b")]
    index.insert("c", signature)
    assert sorted(index.candidate_pairs()) == [("a", "b"), ("a", "c"), ("b", "c")]


def test_copies_give_linear_not_quadratic_pairs():
    signature = MinHasher().signature(shingle_hashes("the same wire story printed everywhere " * 30))
    index = LSHIndex()
    index.insert_many(range(10_000), np.tile(signature, (10_000, 1)))
    pairs = list(index.candidate_pairs())
    assert len(pairs) == 9_999 and all(first == 0 for first, _ in pairs)
    groups = UnionFind(range(10_000))
    for first, second in pairs:
        groups.union(first, second)
    assert groups.size(0) == 10_000  # the star joins them exactly as all 50M pairs would


def test_small_buckets_give_every_pair_once():
    signature = MinHasher().signature(shingle_hashes("a story told five times over " * 5))
    index = LSHIndex(max_clique=5)
    index.insert_many("abcde", np.tile(signature, (5, 1)))
    assert sorted(index.candidate_pairs()) == [(x, y) for i, x in enumerate("abcde") for y in "abcde"[i + 1:]]


def test_empty_documents_are_never_paired():
    empty = MinHasher().signature(shingle_hashes(""))
    index = LSHIndex()
    index.insert("x", empty)
    index.insert("y", empty)
    assert len(index) == 2 and index.query(empty) == set() and list(index.candidate_pairs()) == []


def test_insert_errors_say_how_to_fix():
    index = LSHIndex()
    signature = MinHasher().signature(shingle_hashes("some text to index"))
    index.insert("a", signature)
    with pytest.raises(ConfigError, match="already in the index"):
        index.insert("a", signature)
    with pytest.raises(ConfigError, match="not unique"):
        index.insert_many(["b", "b"], np.tile(signature, (2, 1)))
    assert len(index) == 1  # nothing of the failed batch went in
    with pytest.raises(ConfigError, match=r"MinHasher\(num_perm=128\)"):
        index.insert("c", signature[:64])
    with pytest.raises(ConfigError, match="one key per signature"):
        index.insert_many(["c"], np.tile(signature, (2, 1)))


@needs_datasketch
def test_lsh_buckets_like_datasketch():
    rng, vocabulary = random.Random(8), _vocabulary()
    texts = [_random_words(rng, vocabulary, 200) for _ in range(40)]
    texts += [_edit_passages(rng, texts[i], vocabulary, share=0.2) for i in range(20)]
    signatures = MinHasher().signatures([shingle_hashes(" ".join(t)) for t in texts])
    ours, theirs = LSHIndex(threshold=0.6), MinHashLSH(threshold=0.6, num_perm=128)
    sketches = [MinHash(hashvalues=row.astype(np.uint64), scheme="legacy") for row in signatures]
    for key, (row, sketch) in enumerate(zip(signatures, sketches, strict=True)):
        ours.insert(key, row)
        theirs.insert(key, sketch)
    for row, sketch in zip(signatures, sketches, strict=True):
        assert ours.query(row) == set(theirs.query(sketch))
        assert ours.query(sketch.hashvalues) == ours.query(row)  # uint64 buckets like uint32


# -- union-find ----------------------------------------------------------------------------------

def _components(keys: range, pairs: list[tuple[int, int]]) -> set[frozenset[int]]:
    """Connected components by depth-first search, the slow obvious way."""
    neighbours: dict[int, set[int]] = defaultdict(set)
    for first, second in pairs:
        neighbours[first].add(second)
        neighbours[second].add(first)
    seen: set[int] = set()
    components = set()
    for key in keys:
        if key in seen:
            continue
        stack, component = [key], set()
        while stack:
            node = stack.pop()
            if node not in component:
                component.add(node)
                stack.extend(neighbours[node] - component)
        seen |= component
        components.add(frozenset(component))
    return components


@PROPERTY
@given(st.lists(st.tuples(st.integers(0, 29), st.integers(0, 29)), max_size=40), st.randoms())
def test_unionfind_groups_are_the_connected_components(pairs, shuffler):
    groups = UnionFind(range(30))
    for first, second in pairs:
        groups.union(first, second)
    expected = _components(range(30), pairs)
    assert {frozenset(group) for group in groups.groups()} == expected
    shuffled = list(pairs)
    shuffler.shuffle(shuffled)
    again = UnionFind(range(30))
    for first, second in shuffled:
        again.union(second, first)
    assert {frozenset(group) for group in again.groups()} == expected
    for component in expected:
        first = min(component)
        assert all(groups.connected(first, other) and groups.size(other) == len(component)
                   for other in component)


def test_unionfind_basics():
    groups = UnionFind()
    assert groups.find("a") == "a" and "a" in groups and len(groups) == 1
    root = groups.union("a", ("tuple", 1))
    assert groups.union("a", ("tuple", 1)) == root == groups.find(("tuple", 1))
    assert not groups.connected("a", "b") and len(groups) == 3
    assert groups.groups()[0] == {"a", ("tuple", 1)}


def test_unionfind_large_groups():
    groups = UnionFind()
    for key in range(100_000):
        groups.union(key + 1, key)
    assert groups.size(0) == 100_001 and groups.connected(0, 100_000) and len(groups.groups()) == 1
