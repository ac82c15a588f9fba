"""The part-of-speech tags the quote rules read (quotes/grammar.py)."""

from __future__ import annotations

from newsweave.quotes.tokens import tokenize


def test_german_tags_mark_the_subjunctive_of_reported_speech():
    from newsweave.quotes.grammar import SUBJUNCTIVE, tags

    tokens = tokenize("Der Minister sagte, er sei krank und könne nicht kommen. Er hatte Fieber.")
    found = dict(zip(tokens.words, tags(tokens, "de"), strict=True))
    assert found["sei"].endswith(SUBJUNCTIVE) and found["könne"].endswith(SUBJUNCTIVE)
    assert not found["sagte"].endswith(SUBJUNCTIVE) and not found["hatte"].endswith(SUBJUNCTIVE)
    assert found["Minister"] == "NN"
    assert tags(tokens, "fr") is None  # no model: the tagger does without tags


def test_every_token_gets_one_tag():
    from newsweave.quotes.grammar import tags

    tokens = tokenize(" ".join(["Der Bericht nennt Zahlen und"] * 60) + " Namen.")
    assert len(tags(tokens, "de")) == len(tokens)
