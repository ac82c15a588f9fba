"""The context model: the encoder's reading of each token, as quote-tagger features."""

import numpy as np
import pytest

from newsweave.quotes import context
from newsweave.quotes.cues import lexicon
from newsweave.quotes.features import analyse
from newsweave.quotes.marks import pair_marks
from newsweave.quotes.model import LABELS, tagger_for
from newsweave.quotes.tokens import tokenize
from newsweave.vectors import e5


@pytest.fixture(scope="module")
def model() -> context.ContextModel:
    return context.load_context("de")


def test_a_token_glued_to_the_last_continues_its_word(model: context.ContextModel) -> None:
    tokens = tokenize("Er sagte: „Nein.“")
    pieces, ranges = context.token_pieces(tokens, model.tokenizer)
    by_number = {number: text for text, number in model.encoder.pieces.items()}
    first_of = [by_number[pieces[start]] for start, _ in ranges]
    assert first_of[0].startswith(e5.WORD_START)  # "Er"
    assert not first_of[2].startswith(e5.WORD_START)  # ":" glued to "sagte"
    assert [end - start > 0 for start, end in ranges] == [True] * len(tokens)


def test_segments_cover_every_token_once_within_the_window(model: context.ContextModel) -> None:
    paragraph = "Die Ministerin sagte, die Schulen blieben bis Ende der Woche geschlossen. " * 30
    tokens = tokenize(paragraph + "\n\nKurz.\n\nAuch kurz.")
    _, ranges = context.token_pieces(tokens, model.tokenizer)
    segments = context.segment_tokens(tokens.paragraphs, ranges)
    covered = [i for a, b in segments for i in range(a, b)]
    assert covered == list(range(len(tokens)))
    assert len(segments) >= 2  # the long paragraph does not fit one
    assert all(ranges[b - 1][1] - ranges[a][0] <= context.WINDOW for a, b in segments)
    assert segments[-1][0] < tokens.paragraphs[-2][0]  # the two short paragraphs share a segment


def test_a_huge_token_is_cut_to_fit(model: context.ContextModel) -> None:
    tokens = tokenize("x" * 5000 + " sagte er.")
    probabilities = model.probabilities(tokens)
    assert probabilities.shape == (len(tokens), len(LABELS))
    assert np.allclose(probabilities.sum(axis=1), 1.0, atol=1e-4)


def test_no_text_no_rows(model: context.ContextModel) -> None:
    assert model.probabilities(tokenize("")).shape == (0, len(LABELS))


def test_reported_speech_reads_as_content_and_narration_does_not(model: context.ContextModel) -> None:
    tokens = tokenize("Die Schulen im Kreis Lindau bleiben am Montag zu. Landrat Peter Hollmann sagte am "
                      "Sonntag, man habe keine andere Wahl gehabt und werde die Lage täglich prüfen.")
    inside = model.probabilities(tokens)[:, [5, 6]].sum(axis=1)
    words = tokens.words
    content = [inside[i] for i in range(words.index("man"), words.index("prüfen") + 1)]
    narration = [inside[i] for i in range(words.index("Schulen"), words.index("zu") + 1)]
    assert min(content) > 0.5 > max(narration)
    features = context.context_features(analyse(tokens, lexicon("de"), pair_marks(tokens)), "de")
    assert features[words.index("Wahl")][0] == "e=I-Q"


def test_only_paragraphs_that_may_hold_speech_are_read() -> None:
    text = ("Der Bahnhof liegt am Rand der Altstadt.\n\n"
            "Der Landrat sagte, die Strecke werde im Mai eröffnet.\n\n"
            "Die Kosten seien deutlich gestiegen.\n\n"
            "„Wir sind froh“, schrieb der Verein.")
    tokens = tokenize(text)
    analysis = analyse(tokens, lexicon("de"), pair_marks(tokens))
    read = context.speech_paragraphs(analysis)
    assert read == tokens.paragraphs[1:]  # a reporting verb, a subjunctive, quotation marks
    features = context.context_features(analysis, "de")
    first, last = tokens.paragraphs[0]
    assert all(features[i] == [] for i in range(first, last))
    assert all(len(features[i]) == 4 for a, b in read for i in range(a, b))


def test_the_german_tagger_reads_context_features() -> None:
    assert tagger_for("de").context == "de"
    assert tagger_for("fr").context is None
