"""Cited origins: the outlets a text names as its source, in seven languages, with one name each."""

from __future__ import annotations

import doctest

import pytest

from newsweave.reuse import cited
from newsweave.reuse.cited import CitedOrigin, canonical_outlet, find_cited_origins

# (language, sentence, [(canonical name, surface, cue), ...]); hand-written, at least 3 a language.
FOUND = [
    ("en", "The talks ended late, Xinhua reported.", [("Xinhua", "Xinhua", "reported")]),
    ("en", "The ferry sank, according to the Xinhua news agency.", [("Xinhua", "Xinhua", "according to")]),
    ("en", "An aide told RIA Novosti that the visit was postponed.",
     [("RIA Novosti", "RIA Novosti", "told")]),
    ("en", "A professor told the Global Times on Monday that trade grew.",
     [("Global Times", "Global Times", "told")]),
    ("en", "Xinhua News Agency reported Tuesday that the summit opened.",
     [("Xinhua", "Xinhua News Agency", "reported")]),
    ("en", "The drill went ahead, Russian state-owned news agency RIA Novosti reported.",
     [("RIA Novosti", "RIA Novosti", "reported")]),
    ("en", "OSLO, May 2 (Reuters) - The bridge reopened.", [("Reuters", "Reuters", "dateline")]),
    ("en", "Moscow rejected the offer, citing TASS.", [("TASS", "TASS", "citing")]),
    ("en", "Prices rose, Reuters reported, citing two traders.", [("Reuters", "Reuters", "reported")]),
    ("en", "The fire was out by noon, the Associated Press reported.",
     [("AP", "Associated Press", "reported")]),
    ("en", "Officials told Agence France-Presse the mine was closed.",
     [("AFP", "Agence France-Presse", "told")]),
    ("en", "Xinhua and the Global Times both reported the deal.",
     [("Xinhua", "Xinhua", "reported"), ("Global Times", "Global Times", "reported")]),
    ("de", "Der Gipfel beginnt am Montag, berichtete die Nachrichtenagentur dpa.",
     [("dpa", "dpa", "reported")]),
    ("de", "Laut Reuters wurden drei Lager geräumt.", [("Reuters", "Reuters", "according to")]),
    ("de", "Das sei unklug, sagte er der Zeitung Nordhafen Rundschau.",
     [("Nordhafen Rundschau", "Nordhafen Rundschau", "told")]),
    ("de", "Wie die Agentur AFP meldete, blieb der Flughafen offen.", [("AFP", "AFP", "reported")]),
    ("de", "Hamburg (dpa) - Der Elbtunnel ist wieder frei.", [("dpa", "dpa", "dateline")]),
    ("fr", "Selon l'agence Chine nouvelle, le sommet a commencé lundi.",
     [("Xinhua", "Chine nouvelle", "according to")]),
    ("fr", "Le pont a été fermé, a rapporté l'AFP.", [("AFP", "AFP", "reported")]),
    ("fr", "Le maire a déclaré à l'agence Reuters que l'école rouvrirait.",
     [("Reuters", "Reuters", "told")]),
    ("fr", "Cité par TASS, le porte-parole a démenti.", [("TASS", "TASS", "citing")]),
    ("es", "Según la agencia Xinhua, la cumbre fue breve.", [("Xinhua", "Xinhua", "according to")]),
    ("es", "El tren descarriló al alba, informó Reuters.", [("Reuters", "Reuters", "reported")]),
    ("es", "La alcaldesa dijo a EFE que no hubo heridos.", [("EFE", "EFE", "told")]),
    ("es", "Lima, 3 jun (EFE).- El Congreso aprobó la ley.", [("EFE", "EFE", "dateline")]),
    ("it", "Secondo l'agenzia Xinhua, il vertice è stato breve.", [("Xinhua", "Xinhua", "according to")]),
    ("it", "Il traghetto è rientrato in porto, riferisce l'ANSA.", [("ANSA", "ANSA", "reported")]),
    ("it", "Il sindaco ha detto all'ANSA che la scuola riaprirà.", [("ANSA", "ANSA", "told")]),
    ("it", "Il molo resta chiuso, scrive il quotidiano La Gazzetta del Faro.",
     [("Gazzetta del Faro", "Gazzetta del Faro", "reported")]),
    ("ru", "Переговоры завершились в полночь, сообщает ТАСС.", [("TASS", "ТАСС", "reported")]),
    ("ru", "По данным РИА Новости, мост откроют летом.", [("RIA Novosti", "РИА Новости", "according to")]),
    ("ru", "Об этом заявил РИА Новости представитель мэрии.", [("RIA Novosti", "РИА Новости", "told")]),
    ("ru", "Об этом передает Интерфакс.", [("Interfax", "Интерфакс", "reported")]),
    ("ru", "Как сообщает агентство Синьхуа, саммит открылся в среду.", [("Xinhua", "Синьхуа", "reported")]),
    ("sq", "Samiti përfundoi vonë, raportoi Xinhua.", [("Xinhua", "Xinhua", "reported")]),
    ("sq", "Sipas agjencisë Xinhua, samiti zgjati dy ditë.", [("Xinhua", "Xinhua", "according to")]),
    ("sq", "Lajmin e njoftoi CMG të hënën.", [("CMG", "CMG", "reported")]),
    ("sq", "Kryetari tha për Reuters se shkolla do të rihapet.", [("Reuters", "Reuters", "told")]),
]

# Speakers, institutions and plain words near cues: none of them is an outlet.
NOT_FOUND = [
    "Lavrov told a news conference that the visit went well.",
    "He reported to the minister on Monday.",
    "The plan was delayed, according to the minister.",
    "Lavrov said the West was wrong.",
    "Media reports say the bridge is closed.",
    "She told the UN General Assembly that peace was near.",
    "According to NATO, the drills will go ahead.",
    "The European Space Agency said the launch slipped.",
    "The Press Secretary said the bill passed.",
    "He told reporters the port was shut.",
    "According to reports, the two leaders met.",
    "Xi meets Lavrov in Beijing. [Photo/Xinhua]",
    "Laut Polizei gab es keine Verletzten.",
    "Selon le ministre, le port restera fermé.",
    "Según el ministro, el puerto sigue cerrado.",
    "Secondo il ministro, il porto resta chiuso.",
    "Как заявил Лавров, переговоры прошли успешно.",
    "Lavrovi tha se bisedimet ishin të mira.",
]


IDS = [f"{case[0]}-{i}" for i, case in enumerate(FOUND)]


@pytest.mark.parametrize(("language", "text", "expected"), FOUND, ids=IDS)
def test_finds_cited_outlets(language, text, expected):
    found = find_cited_origins(text, language)
    assert [(o.name, o.surface, o.cue) for o in found] == expected
    assert all(text[o.start:o.end] == o.surface for o in found)


@pytest.mark.parametrize(("language", "text", "expected"), FOUND, ids=IDS)
def test_without_a_language_all_cues_apply(language, text, expected):
    assert [(o.name, o.cue) for o in find_cited_origins(text)] == [(name, cue) for name, _, cue in expected]


@pytest.mark.parametrize("text", NOT_FOUND)
def test_speakers_and_institutions_are_not_outlets(text):
    assert find_cited_origins(text) == []


def test_covers_seven_languages_with_three_sentences_each():
    languages = ("en", "de", "fr", "es", "it", "ru", "sq")
    counts = {lang: sum(1 for case in FOUND if case[0] == lang) for lang in languages}
    assert min(counts.values()) >= 3, counts


def test_a_speaker_told_an_outlet_names_the_outlet():
    found = find_cited_origins("Lavrov told RIA Novosti the talks went well.")
    assert [o.name for o in found] == ["RIA Novosti"]
    assert find_cited_origins("Lavrov told a news conference the talks went well.") == []


def test_invented_outlet_through_general_patterns():
    text = "The collision was first reported by the Kestrel Wire news agency."
    (origin,) = find_cited_origins(text, "en")
    assert origin == CitedOrigin("Kestrel Wire", "Kestrel Wire", 40, 52, "reported")
    assert text[origin.start:origin.end] == "Kestrel Wire"


@pytest.mark.parametrize("text", [
    "PORT VELLARA, March 14 (Kestrel Wire) — A tanker burned.",
    "The Kestrel Wire reported that the fire was out.",
    "The fire was out, according to the Kestrel Wire.",
    "Wie die Nachrichtenagentur Kestrel Wire berichtete, sank das Schiff.",
    "Source: Kestrel Wire",
])
def test_invented_outlet_in_other_cue_forms(text):
    assert [o.name for o in find_cited_origins(text)] == ["Kestrel Wire"]


def test_unknown_outlets_need_outlet_evidence():
    def names(text):
        return [o.name for o in find_cited_origins(text)]

    assert names("He told the Harbour Gazette that costs rose.") == ["Harbour Gazette"]
    assert names("Об этом сообщила газета «Вечерний Порт».") == ["Вечерний Порт"]
    assert find_cited_origins("He told the Harbour Committee that costs rose.") == []


@pytest.mark.parametrize(("names", "canonical"), [
    (("Xinhua", "Xinhua News Agency", "the Xinhua news agency", "Chine nouvelle", "Синьхуа", "Xinhua-s"),
     "Xinhua"),
    (("RIA Novosti", "РИА Новости", "RIA", "РИА «Новости»"), "RIA Novosti"),
    (("AFP", "Agence France-Presse", "Agence France Presse", "l'AFP"), "AFP"),
    (("AP", "Associated Press", "the Associated Press"), "AP"),
    (("TASS", "ТАСС", "ITAR-TASS"), "TASS"),
    (("China Media Group", "CMG"), "CMG"),
    (("Interfax", "Интерфакс"), "Interfax"),
    (("Kestrel Wire", "the Kestrel Wire", "Kestrel Wire news agency", "KESTREL WIRE", "Kestrel Wire's"),
     "Kestrel Wire"),
])
def test_canonical_outlet_merges_spellings(names, canonical):
    assert {canonical_outlet(name) for name in names} == {canonical}


def test_different_outlets_stay_apart():
    names = ["Xinhua", "Global Times", "RIA Novosti", "Reuters", "AFP", "AP", "TASS", "dpa", "ANSA", "EFE"]
    assert len({canonical_outlet(name) for name in names}) == len(names)


def test_generic_references_only_when_asked():
    text = "The talks ended, state media said."
    assert find_cited_origins(text) == []
    (origin,) = find_cited_origins(text, include_generic=True)
    assert origin.generic and origin.name == "state media" and text[origin.start:origin.end] == "state media"


def test_each_mention_once_in_text_order():
    text = "Reuters reported the fire. Earlier, Xinhua said the port was shut, citing TASS."
    found = find_cited_origins(text, "en")
    expected = [("Reuters", "reported"), ("Xinhua", "said"), ("TASS", "citing")]
    assert [(o.name, o.cue) for o in found] == expected
    assert [o.start for o in found] == sorted(o.start for o in found)


def test_language_tags_and_unknown_languages():
    text = "Laut Reuters wurden drei Lager geräumt."
    assert [o.name for o in find_cited_origins(text, "de-AT")] == ["Reuters"]
    assert [o.name for o in find_cited_origins(text, "nl")] == ["Reuters"]
    assert find_cited_origins("", "en") == []


def test_bad_arguments_raise_early():
    with pytest.raises(TypeError, match="as a str"):
        find_cited_origins(b"Xinhua reported.")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="ISO 639-1"):
        find_cited_origins("Xinhua reported.", 7)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="as a str"):
        canonical_outlet(None)  # type: ignore[arg-type]


def test_docstring_examples_run():
    assert doctest.testmod(cited, raise_on_error=False).failed == 0


SEEDS = {
    # 000 names Xinhua only in photo credits ("[Photo/Xinhua]"), which credit a picture, not text.
    "000": set(),
    # "Xinhua News Agency reported", "Xinhua reported", "told the Global Times" (three times).
    "001": {"Xinhua", "Global Times"},
    # "According to Xinhua News Agency" and a closing "Xinhua News Agency."; "Chinese state media
    # reported" is generic.
    "002": {"Xinhua"},
    # "news agency RIA Novosti reported", "Xinhua News reported", "according to the Xinhua news
    # agency"; "state media said" is generic and "told a news conference" names no outlet.
    "003": {"RIA Novosti", "Xinhua"},
    # 004 names CMG only in photo credits ("foto nga CMG").
    "004": set(),
}


def test_seed_corpus_citations(seeds_dir):
    for prefix, expected in SEEDS.items():
        (path,) = seeds_dir.glob(f"{prefix}_*.txt")
        text = path.read_text(encoding="utf-8")
        found = find_cited_origins(text, "sq" if prefix == "004" else "en")
        assert {o.name for o in found} == expected, prefix
        assert all(text[o.start:o.end] == o.surface for o in found)


def test_seed_corpus_counts_and_generic_mentions(seeds_dir):
    def names(prefix, **kwargs):
        (path,) = seeds_dir.glob(f"{prefix}_*.txt")
        return [o.name for o in find_cited_origins(path.read_text(encoding="utf-8"), "en", **kwargs)]

    assert names("001").count("Global Times") == 3 and names("001").count("Xinhua") == 2
    assert "Chinese state media" in names("002", include_generic=True)
    assert "state media" in names("003", include_generic=True)
