"""Pipeline details a user would notice: repaired metadata, ids, rejections per run."""

from __future__ import annotations

import json

from newsweave.pipeline import ingest
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
    from newsweave.sentences import split_sentences

    text = ("Der Minister sagte am Montag, der Hafen bleibe bis auf Weiteres geschlossen. "
            "The president said this is a very long English sentence inside a German article. "
            "这是中文。\n\nDie Behörde prüft den Schaden an beiden Schiffen noch immer sehr genau.")
    languages = [s.language for s in split_sentences(text, "de")]
    assert languages == ["de", "en", "zh", "de"]
