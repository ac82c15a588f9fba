"""Sentence ends as the quote tokenizer finds them (quotes/tokens.py)."""

from __future__ import annotations

import pytest

from newsweave.quotes import find_quotes_in_text
from newsweave.quotes.tokens import tokenize


def test_initials_before_a_stop_do_not_end_a_sentence(span_text):
    text = "Der Verwaltungschef K.L. Brandt sagte, der Haushalt sei ausgeglichen. Dann ging er."
    tokens = tokenize(text)
    assert len(tokens.sentences) == 2
    first = find_quotes_in_text(text, "de")[0]
    assert span_text(text, first.speaker_span) == "Der Verwaltungschef K.L. Brandt"


@pytest.mark.parametrize("text, count", [
    ("Der Pegel stieg am 3. Mai auf 2,5 Meter.", 1),  # an ordinal
    ("Der Pegel stieg auf zeitweise 7,1. Nach Angaben der Stadt sank er danach.", 2),  # a decimal
    ("Die Schwimmerin wurde 3. Im Finale war sie schneller.", 2),  # no ordinal before "Im"
])
def test_a_number_before_a_stop_ends_a_sentence_unless_it_is_an_ordinal(text, count):
    assert len(tokenize(text).sentences) == count


@pytest.mark.parametrize("text, count", [
    ("Die Fähre lief am Abend aus.Den Angaben der Reederei zufolge war sie voll.", 2),  # lost space
    ("Die Gewerkschaft ver.di und die U.S.Navy, z.B. im Hafen.", 1),  # inner dots
])
def test_a_stop_without_a_space_ends_a_sentence_between_a_lower_and_a_capitalised_word(text, count):
    assert len(tokenize(text).sentences) == count


def test_a_stop_between_two_arabic_words_splits_them():
    assert tokenize("المسؤولين الحكوميين.محمد فضل").words == ["المسؤولين", "الحكوميين", ".", "محمد", "فضل"]


@pytest.mark.parametrize("text, count", [
    ("« Qui paiera la facture ? » s'interroge le syndicat.", 1),  # French: the verb goes on
    ("« Qui paiera ? » Le syndicat ne le dit pas.", 2),
    ("Er fragte, wer zahlt. »Niemand«, sagte sie.", 2),  # German: » opens the next quote
])
def test_a_closing_guillemet_after_a_space_stays_with_its_sentence(text, count):
    assert len(tokenize(text).sentences) == count


def test_a_number_before_a_stop_ends_the_sentence_where_no_ordinal_is_written_so():
    text = ("\"You betrayed people,\" Judge Eleanor Van Houten told Marcus Whitfield, 52. Whitfield's "
            "lawyer, Priya Raman, said her client had repaid part of the money.")
    assert len(tokenize(text, ordinals=False).sentences) == 2
    assert [q.speaker for q in find_quotes_in_text(text, "en")] == ["Eleanor Van Houten", "Priya Raman"]
