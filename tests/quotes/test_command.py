"""The `newsweave quotes` JSON-lines contract (quotes/command.py): offsets, language detection,
bad records."""

from __future__ import annotations

import json

import pytest

from newsweave.quotes import quotes_for_document, run_lines


def test_command_answers_in_offsets_of_the_given_text():
    text = "  Intro line.\n\n“We will win this election easily,”   she said.\r\n"
    out = quotes_for_document({"id": 7, "text": text, "language": "en"})
    assert out["id"] == 7
    [quote] = out["quotes"]
    assert set(quote) == {"content", "speaker", "speaker_span", "cue", "kind"}
    assert text[slice(*quote["content"])].startswith("“We will win")
    assert text[slice(*quote["cue"])] == "said"
    assert text[slice(*quote["speaker_span"])] == "she"
    assert json.loads(json.dumps(out)) == out


def test_command_detects_the_language_when_none_is_given():
    out = quotes_for_document({"id": "x", "text": "Der Minister sagte, dass die Steuern steigen werden."})
    assert [q["kind"] for q in out["quotes"]] == ["indirect"]


def test_command_lines_survive_bad_records():
    lines = ['{"id": 1, "text": "Nothing to see here."}', "", "not json", '{"id": 2}']
    outs = [json.loads(line) for line in run_lines(lines)]
    assert outs[0] == {"id": 1, "quotes": []}
    assert "error" in outs[1] and outs[1]["quotes"] == [] and outs[1]["id"] is None  # not 1
    assert outs[2]["id"] == 2 and "error" in outs[2]
    with pytest.raises(TypeError, match="text"):
        quotes_for_document({"id": 3, "text": None})


def test_command_lines_survive_undecodable_and_deeply_nested_lines():
    lines = ['{"id": "caf\u00e9", "text": "\u00abOui\u00bb, a-t-il dit."}'.encode("latin-1"),
             b"[" * 100_000, b'{"id": "lone \\udc80", "text": "Nothing to see here."}',
             b'{"id": 4, "text": "Nothing to see here."}']
    outs = list(run_lines(lines))
    rows = [json.loads(line) for line in outs]
    assert "can't decode" in rows[0]["error"] and rows[0]["id"] is None
    assert "recursion" in rows[1]["error"]
    assert rows[2] == {"id": "lone \udc80", "quotes": []}
    assert "\\udc80" in outs[2]  # escaped as it came: UTF-8 output cannot carry it
    assert rows[3] == {"id": 4, "quotes": []}
