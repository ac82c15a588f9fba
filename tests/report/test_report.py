"""stories.json and index.html: the contract fields, and hostile article text kept inert."""

from __future__ import annotations

import json

from newsweave.records import Article, RemovedLine, Sentence
from newsweave.report import write_outputs
from newsweave.report.html import safe_url

HOSTILE = '<script>alert("x")</script><img src=x onerror="alert(1)">'


def _article(**fields) -> Article:
    values = {"id": "0123456789abcdef", "text": "Some text. More text.", "format": "html",
              "title": "A title", "language": "en", "source": "Example",
              "sentences": (Sentence(0, 10, "en"), Sentence(11, 21, "en"))}
    values.update(fields)
    return Article(**values)


def test_contract_fields(tmp_path):
    article = _article(removed=(RemovedLine("Leave a Reply", "share or comment furniture"),))
    outputs = write_outputs([article], tmp_path)
    data = json.loads(outputs.stories_json.read_text(encoding="utf-8"))
    (item,) = data["articles"]
    assert {"id", "path", "url", "source", "title", "published", "language", "text",
            "removed"} <= set(item)
    assert item["removed"] == ["Leave a Reply"]
    assert item["removed_reasons"] == ["share or comment furniture"]
    assert item["sentences"] == [[0, 10, "en"], [11, 21, "en"]]
    assert data["stories"] == []


def test_hostile_text_is_escaped(tmp_path):
    article = _article(title=HOSTILE, source=HOSTILE, url="javascript:alert(1)",
                       removed=(RemovedLine(HOSTILE, "byline"),))
    page = write_outputs([article], tmp_path).index_html.read_text(encoding="utf-8")
    assert "<script>" not in page and "<img" not in page
    assert "javascript:" not in page
    assert "&lt;script&gt;" in page


def test_only_http_links():
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert safe_url(" JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url(None) is None
