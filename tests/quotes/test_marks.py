"""Quotation marks (quotes/marks.py): every mark style, nested and reversed pairs, stray and
unclosed marks, quotes over paragraphs and around their attribution."""

from __future__ import annotations

import pytest

from newsweave.quotes import find_quotes_in_text
from newsweave.quotes.marks import pair_marks
from newsweave.quotes.tokens import tokenize

MARK_STYLES = [
    ("en", "“We will not raise taxes this year,” said Senator Mary Jones.",
     "We will not raise taxes this year"),
    ("en", '"We will not raise taxes this year," said Senator Mary Jones.',
     "We will not raise taxes this year"),
    ("en", "She said: ‘This is a good day for all of us.’", "This is a good day for all of us."),
    ("en", "He told reporters: ''We have done nothing wrong here.''", "We have done nothing wrong here."),
    ("de", "„Wir werden die Steuern nicht erhöhen“, sagte Angela Merkel am Montag.",
     "Wir werden die Steuern nicht erhöhen"),
    ("de", "»Wir schaffen das schon irgendwie«, sagte die Kanzlerin.", "Wir schaffen das schon irgendwie"),
    ("de", "Er sagte: ‚Das ist ein guter Tag für uns alle.‘", "Das ist ein guter Tag für uns alle."),
    ("fr", "« Nous ne céderons jamais aux menaces », a déclaré M. Dupont.",
     "Nous ne céderons jamais aux menaces"),
    ("ja", "田中氏は「私たちは協力を続けます」と述べた。", "私たちは協力を続けます"),
]


@pytest.mark.parametrize(("language", "text", "inner"), MARK_STYLES)
def test_every_quotation_mark_style_gives_a_direct_quote(language, text, inner, one_quote, span_text):
    quote = one_quote(text, language, "direct")
    content = span_text(text, quote.content)
    assert inner in content and len(content) <= len(inner) + 4  # the marks and a comma at most
    assert quote.cue is not None and quote.speaker_span is not None


def test_marks_pair_in_nested_and_reversed_styles():
    tokens = tokenize("»Er sagte „nein“ und ging«, schrieb sie. « Oui », dit-il.")
    inner = [tokens.text[tokens.starts[q.first] : tokens.ends[q.last]] for q in pair_marks(tokens)]
    assert inner == ["Er sagte „nein“ und ging", "Oui"]


def test_a_stray_mark_does_not_hide_the_quotes_after_it():
    tokens = tokenize('"The mayor arrived late. She called the plan “a disgrace” and left.\n\nNothing more.')
    inner = [tokens.text[tokens.starts[q.first] : tokens.ends[q.last]] for q in pair_marks(tokens)]
    assert inner == ["a disgrace"]


def test_a_quote_over_two_paragraphs_is_one_quote(one_quote, span_text):
    text = ("“The first part of the statement is here and it is long.\n"
            "“And the second paragraph ends here,” said Smith.")
    quote = one_quote(text, "en")
    assert quote.content[0] <= 1 and span_text(text, quote.content).endswith("ends here,”")
    assert quote.speaker == "Smith"


def test_an_unclosed_mark_without_a_continuation_is_not_a_quote():
    tokens = tokenize("He is 6'2\" tall.\nNext paragraph here.")
    assert pair_marks(tokens) == []


def test_an_interrupted_quote_is_one_quote_over_both_fragments(span_text):
    text = "“We will not give up,” Mayor Tom Baker said, “and we will win this fight in the end.”"
    [quote] = [q for q in find_quotes_in_text(text, "en") if q.kind == "direct"]
    assert quote.content == (0, len(text))
    assert quote.speaker == "Tom Baker"
    assert span_text(text, quote.cue) == "said"
    assert span_text(text, quote.speaker_span) == "Mayor Tom Baker"


def test_a_quote_that_goes_on_after_its_attribution_is_one_quote(span_text):
    text = ("The harbour reopened on Friday. “The repairs took longer than we hoped,” said Mayor "
            "Tom Baker. “But the ferries run again, and that is what counts.” Traders were relieved.")
    [quote] = [q for q in find_quotes_in_text(text, "en") if q.kind == "direct"]
    assert span_text(text, quote.content).startswith("“The repairs")
    assert span_text(text, quote.content).endswith("what counts.”")
    assert quote.speaker == "Tom Baker"
