"""Helpers the quote tests share, as fixtures: one quote of a text, the speaker of a quote, the
text of a span, and a German text analysed as the quote rules see it (for the tests of single
rules)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newsweave.quotes import Quote, find_quotes_in_text


def _span_text(text: str, span: tuple[int, int] | None) -> str | None:
    return text[span[0] : span[1]] if span else None


@pytest.fixture
def span_text() -> Callable[[str, tuple[int, int] | None], str | None]:
    """The text of a character span, None for no span."""
    return _span_text


@pytest.fixture
def one_quote() -> Callable[..., Quote]:
    """The single quote of a text (of one kind, when given); fails where there are more or none."""

    def one(text: str, language: str, kind: str | None = None) -> Quote:
        found = [q for q in find_quotes_in_text(text, language) if kind is None or q.kind == kind]
        assert len(found) == 1, [(q.kind, text[slice(*q.content)]) for q in found]
        return found[0]

    return one


@pytest.fixture
def speaker_of() -> Callable[[str, str, str], str | None]:
    """The speaker of the quote of a text (in a language) whose content holds some words."""

    def speaker(text: str, language: str, said: str) -> str | None:
        for quote in find_quotes_in_text(text, language):
            if said in text[slice(*quote.content)]:
                return quote.speaker
        raise AssertionError(f"no quote holds {said!r}: {find_quotes_in_text(text, language)}")

    return speaker


def _analysed_german(text: str):
    from newsweave.quotes.cues import lexicon
    from newsweave.quotes.features import analyse
    from newsweave.quotes.marks import pair_marks
    from newsweave.quotes.tokens import tokenize

    tokens = tokenize(text)
    return tokens, analyse(tokens, lexicon("de"), pair_marks(tokens))


@pytest.fixture
def german_analysis():
    """The tokens of a German text and their analysis, as the quote rules see them."""
    return _analysed_german


@pytest.fixture
def speaker_by():
    """The speaker a German speaker rule gives the draft that ``draft_of(words)`` builds."""

    def speaker(rule, text: str, draft_of) -> str | None:
        tokens, analysis = _analysed_german(text)
        draft = draft_of(tokens.words)
        rule(analysis, draft)
        return _span_text(text, tokens.span(draft.source.first, draft.source.last))

    return speaker
