"""Pipeline details a user would notice: repaired metadata, ids, rejections per run."""

from __future__ import annotations

import json

from newsweave.runtime.ingest import ingest
from newsweave.store import Store


def test_metadata_repaired_like_text(tmp_path):
    line = {"title": "Neue VerÃ¶ffentlichung", "text": "Die VerÃ¶ffentlichung ist da. Sie ist gut.",
            "source": "Der  Bote", "url": "https://bote.example/a"}
    (tmp_path / "a.jsonl").write_text(json.dumps(line), encoding="utf-8")
    with Store(str(tmp_path / "s.db")) as store:
        ingest(store, [str(tmp_path / "a.jsonl")])
        (article,) = store.articles()
    assert article.title == "Neue Veröffentlichung"
    assert article.source == "Der Bote"


def test_each_run_records_its_own_rejections(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    with Store(str(tmp_path / "s.db")) as store:
        first = ingest(store, [str(inputs)])
        second = ingest(store, [str(inputs)])
        assert len(store.rejections(first.run_id)) == len(store.rejections(second.run_id)) == 1
        assert [run.rejected for run in store.runs()] == [1, 1]


def test_sentences_in_another_language_or_script():
    from newsweave.text.sentences import split_sentences

    text = ("Der Minister sagte am Montag, der Hafen bleibe bis auf Weiteres geschlossen. "
            "The president said this is a very long English sentence inside a German article. "
            "这是中文。\n\nDie Behörde prüft den Schaden an beiden Schiffen noch immer sehr genau.")
    languages = [s.language for s in split_sentences(text, "de")]
    assert languages == ["de", "en", "zh", "de"]


def test_languages_read_once_match_py3langid():
    """The article's paragraphs are read by py3langid's automaton once and scored together;
    each paragraph's scores must be what py3langid itself gives that paragraph."""
    from newsweave.text.language import TextLanguages, _langid, _Probabilities, _read

    paragraphs = ["Der Hafen bleibe bis auf Weiteres geschlossen, sagte der Minister am Montag.",
                  "THE PORT WILL STAY CLOSED UNTIL FURTHER NOTICE, THE MINISTER SAID ON MONDAY.",
                  "这是中文。", "12 345", ""]
    scored = _Probabilities([_read(text) for text in paragraphs])
    for row, text in enumerate(paragraphs):
        expected = _langid().rank(text)[:3]
        got = scored.ranked(row, 3)
        assert [code for code, _ in got] == [code for code, _ in expected]
        assert all(abs(a - b) < 1e-4 for (_, a), (_, b) in zip(got, expected, strict=True))
    text = "\n".join(paragraphs[:3])
    languages = TextLanguages(text, None)
    assert languages.language == "de"
    assert [languages.is_mixed(i, "de") for i in range(3)] == [False, True, True]
