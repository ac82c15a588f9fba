"""Cue words (quotes/cues.py): "according to" words by their context, and word classes tested
as whole classes."""

from __future__ import annotations

import pytest

from newsweave.quotes import find_quotes_in_text
from newsweave.quotes.cues import ACCORDING, CUE, NOUN, TITLE, lexicon, speaker_lexicon
from newsweave.quotes.marks import pair_marks
from newsweave.quotes.tokens import tokenize


def test_german_nach_and_so_are_according_to_only_before_a_source(span_text):
    text = ("Er fuhr nach Berlin, so schnell er konnte. Nach ersten Angaben war es kalt. "
            "Der Wind sei stark gewesen, so Müller.")
    cues = [(span_text(text, q.cue), q.cue[0]) for q in find_quotes_in_text(text, "de")]
    assert cues == [("Nach", text.index("Nach")), ("so", text.rindex("so"))]


@pytest.mark.parametrize(("language", "text", "person", "speech"), [
    ("de", "Der Sprecher nannte die Angaben falsch.", "sprecher", "angaben"),
    ("en", "The police spokesman called the statement false.", "spokesman", "statement"),
])
def test_a_person_noun_is_not_a_speech_noun(language, text, person, speech):
    """Word classes are tested whole: a noun naming a person by role (Sprecher, spokesman,
    police) is not a speech noun (Angaben, statement), which a quote rule takes as its cue."""
    from newsweave.quotes.cues import NOUN, PERSON_NOUN, lexicon
    from newsweave.quotes.features import analyse

    tokens = tokenize(text)
    analysis = analyse(tokens, lexicon(language), pair_marks(tokens))
    classes = dict(zip(analysis.lower, analysis.classes, strict=True))
    assert PERSON_NOUN in classes[person] and NOUN not in classes[person]
    assert NOUN in classes[speech]
    if language == "en":
        assert NOUN not in classes["police"]


def test_arabic_words_serve_the_speaker_rules_only():
    """The tagger and the quote rules read the merged lexicon, as before the Arabic lists: they
    would take the verb-first clause into the quote; the speaker rules read the Arabic one,
    with the conjunctions و and ف taken off."""
    arabic = speaker_lexicon("ar")
    assert CUE in arabic.classes("وقال") and CUE in arabic.classes("فأضاف")
    assert ACCORDING in arabic.classes("وبحسب") and NOUN in arabic.classes("البيان")
    assert TITLE in arabic.classes("الوزير") and not arabic.classes("وزير") - {TITLE}
    assert lexicon("ar") is lexicon("und") and not lexicon("ar").classes("قال")


def test_arabic_vowel_marks_and_tatweel_are_no_part_of_the_word_looked_up():
    from newsweave.quotes.features import plain_lower

    assert plain_lower("وفقًا") == "وفقا" and plain_lower("لـ") == "ل" and plain_lower("Said") == "said"
