"""Names of a text as speaker resolution reads them: person mentions with their titles,
organisations that are no people, normalised names. Every text here is invented for these tests."""

from __future__ import annotations

import pytest

from newsweave.quotes.cues import lexicon
from newsweave.quotes.features import analyse
from newsweave.quotes.marks import pair_marks
from newsweave.quotes.names import normalise_name, organisation_word, person_mentions
from newsweave.quotes.tokens import tokenize


def _mentions(text: str, language: str) -> dict[str, frozenset[str]]:
    tokens = tokenize(text, headings=language == "de")
    lex = lexicon(language)
    return {m.name: m.titles for m in person_mentions(analyse(tokens, lex, pair_marks(tokens)), lex)}


def test_people_keep_hyphens_and_carry_their_titles_apart():
    mentions = _mentions("Foreign Minister Anna Kowal-Berg met staff of the Harbour Ministry on Monday.",
                         "en")
    assert "Anna Kowal-Berg" in mentions
    assert "minister" in mentions["Anna Kowal-Berg"]
    assert not any("Ministry" in name for name in mentions)  # an organisation is no person


def test_two_particles_stay_inside_a_name_but_not_before_a_german_noun():
    mentions = _mentions("„Wir bleiben“, sagte Ursula von der Leyen in Brüssel.", "de")
    assert "Ursula von der Leyen" in mentions
    names = _mentions("„Es gibt Umstände“, erklärt Sabine Fischer-Volk von der Kanzlei Karimi in Berlin.",
                      "de")
    assert "Sabine Fischer-Volk" in names


@pytest.mark.parametrize(("name", "language", "normal"), [
    ("Xi Jinping-u", "sq", "Xi Jinping"),         # an Albanian case ending after a hyphen
    ("Kim Jong-un", "en", "Kim Jong-un"),         # elsewhere the hyphen is the name's
    ("Harbour Authority's", "en", "Harbour Authority"),
    ("des Landesamts für Umwelt", "de", "des Landesamts für Umwelt"),  # an article is the caller's
    ("Landesamts für Umwelt", "de", "Landesamt für Umwelt"),
])
def test_normalised_names(name, language, normal):
    assert normalise_name(name, language) == normal


@pytest.mark.parametrize(("word", "language", "expected"), [
    ("ministry", "en", True), ("polizeidirektion", "de", True), ("baugenossenschaft", "de", True),
    ("ministrisë", "sq", True), ("aleanca", "sq", True), ("harvest", "en", False),
    ("bäckermeisterin", "de", False),
])
def test_organisation_words(word, language, expected):
    assert organisation_word(word, language) is expected


def test_a_question_word_or_a_contraction_is_no_part_of_a_name():
    # Headlines and quoted speech are full of capitals: "How Germany", "I’ve Never".
    assert set(_mentions("How Germany went green. The plan worked, Hans-Josef Fell said.", "en")) == \
        {"Hans-Josef Fell"}
    assert not any("I’ve" in name for name in _mentions("I’ve Never Seen This, Ann Cole said.", "en"))
