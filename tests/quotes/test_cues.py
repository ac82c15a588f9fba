"""Word classes of the cue lexicon (quotes/cues.py), tested as whole classes."""

from __future__ import annotations

import pytest

from newsweave.quotes.marks import pair_marks
from newsweave.quotes.tokens import tokenize


def test_german_nach_and_so_are_according_to_only_before_a_source(german_analysis):
    from newsweave.quotes.cues import ACCORDING

    text = "Er fuhr nach Berlin, so schnell er konnte. Nach ersten Angaben war es kalt, so Müller."
    tokens, analysis = german_analysis(text)
    according = [tokens.words[i] + str(tokens.starts[i]) for i, cls in enumerate(analysis.classes)
                 if ACCORDING in cls]
    assert according == [f"Nach{text.index('Nach')}", f"so{text.rindex('so')}"]


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
