"""The scanner that splits a JSON list into its items with a bound on memory
(``ingest/bounded.json_list_items``): every list json.dumps can write, in chunks of any size."""

from __future__ import annotations

import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsweave.readers.bounded import Oversize, json_list_items

_TEXT = st.text(alphabet=st.sampled_from('ab"\\,[]{} \n\t\u00e9\u2028\U0001f600'), max_size=40)
_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
                       lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
                       max_leaves=12)


def _items(data: bytes, limit: int, chunk: int) -> list[bytes | Oversize]:
    stream = io.BytesIO(data[chunk:])
    stream.read1 = lambda size=-1: stream.read(chunk)  # type: ignore[method-assign]
    return list(json_list_items(stream, data[:chunk], limit))


@settings(max_examples=200, deadline=None)
@given(st.lists(_VALUES, max_size=6), st.sampled_from([None, 1]), st.booleans(), st.integers(1, 64))
def test_every_item_comes_back_whole_in_chunks_of_any_size(values, indent, ascii_only, chunk):
    data = json.dumps(values, indent=indent, ensure_ascii=ascii_only).encode()
    assert [json.loads(item) for item in _items(data, 10_000, chunk)] == values


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, min_size=1, max_size=6), st.integers(1, 64))
def test_items_over_the_limit_are_stepped_over_and_the_rest_kept(texts, chunk):
    data = json.dumps(texts, ensure_ascii=False).encode()
    got = _items(data, 20, chunk)
    assert len(got) == len(texts)
    for index, (item, text) in enumerate(zip(got, texts, strict=True)):
        raw = len(json.dumps(text, ensure_ascii=False).encode()) + (1 if index else 0)  # ", " less one
        if isinstance(item, Oversize):
            assert item.number == index and item.size > 20 and raw > 19
        else:
            assert json.loads(item) == text
