import itertools

import numpy as np

from newsweave.text.viterbi import best_path, best_paths


def _brute_force(emissions, transitions, start):
    """The best path by trying every one (tiny cases only)."""
    labels = range(emissions.shape[1])

    def score(path):
        total = start[path[0]] + sum(emissions[i, label] for i, label in enumerate(path))
        return total + sum(transitions[a, b] for a, b in itertools.pairwise(path))

    return list(max(itertools.product(labels, repeat=len(emissions)), key=score))


def test_best_path_is_the_highest_scoring_path():
    rng = np.random.default_rng(7)
    for length in (1, 2, 3, 5):
        emissions = rng.normal(size=(length, 3))
        transitions = rng.normal(size=(3, 3))
        start = rng.normal(size=3)
        assert best_path(emissions, transitions, start) == _brute_force(emissions, transitions, start)


def test_a_forbidden_move_is_never_taken():
    # Label 1 after label 0 is forbidden; the emissions alone would pick 0 then 1.
    emissions = np.array([[5.0, 0.0], [0.0, 6.0]])
    transitions = np.array([[0.0, -1e9], [0.0, 0.0]])
    assert best_path(emissions, transitions) == [1, 1]


def test_spans_decoded_together_equal_spans_decoded_alone():
    rng = np.random.default_rng(11)
    emissions = rng.normal(size=(30, 5))
    transitions = rng.normal(size=(5, 5))
    start = rng.normal(size=5)
    spans = [(0, 7), (7, 8), (8, 30)]
    together = best_paths(emissions, spans, transitions, start)
    alone = [best_path(emissions[a:b], transitions, start) for a, b in spans]
    assert together == alone
