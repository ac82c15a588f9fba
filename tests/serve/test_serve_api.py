"""The JSON API of `newsweave serve`: every endpoint, parameter and error, the token, the
Content-Security-Policy, read-only, and no path out of the static files."""

from __future__ import annotations

import csv
import hashlib
import io
import json

import pytest
from click.testing import CliRunner
from serve_helpers import ARTICLES, HOSTILE
from starlette.testclient import TestClient

from newsweave.cli import main
from newsweave.serve import create_app
from newsweave.serve.server import is_loopback

TOKEN = "t0ken-long-enough-to-pass"


def _ok(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ok"] is True
    return body


def _error(client, url, status=400, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == status, response.text
    body = response.json()
    assert body["ok"] is False and body["status"] == status and body["error"]
    assert set(body) == {"ok", "status", "error"}
    return body["error"]


def test_story_list_shape_and_default_order(client):
    body = _ok(client, "/api/stories")
    assert [s["id"] for s in body["stories"]] == ["s-aaaa0001", "s-cccc0001"] and body["next"] is None
    assert body["stories"][0] == {"id": "s-aaaa0001", "title": "Tanker fire shuts Port Vellara",
                                  "articles": 3, "independent_origins": 1, "languages": ["de", "en"],
                                  "first": "2025-03-14T06:10:00+00:00", "last": "2025-03-14T09:00:00+00:00"}


@pytest.mark.parametrize("query, expected", [
    ("q=tankerbrand", ["s-aaaa0001"]), ("q=VELLARA", ["s-aaaa0001", "s-cccc0001"]),
    ("q=%C3%A7do", []), ("language=de", ["s-aaaa0001"]), ("language=xx", []),
    ("source=Coastal%20Ledger", ["s-aaaa0001"]), ("since=2025-03-14", ["s-aaaa0001"]),
    ("until=2025-03-13", ["s-cccc0001"]),
    ("since=2025-03-13T10:00:00%2B00:00&until=2025-03-13", ["s-cccc0001"]),
    ("min_origins=1", ["s-aaaa0001", "s-cccc0001"]), ("min_origins=2", []),
    ("sort=articles", ["s-aaaa0001", "s-cccc0001"]), ("sort=origins", ["s-aaaa0001", "s-cccc0001"]),
    ("q=fire&q2=", None),
])
def test_story_filters_and_sorts(client, query, expected):
    if expected is None:
        assert "unknown parameter 'q2'" in _error(client, f"/api/stories?{query}")
        return
    assert [s["id"] for s in _ok(client, f"/api/stories?{query}")["stories"]] == expected


@pytest.mark.parametrize("url", ["/api/stories", "/api/articles", "/api/search?q=vellara",
                                 "/api/speakers", "/api/outlets", "/api/speakers/teodora-halvik"])
@pytest.mark.parametrize("limit", ["0", "501", "-1", "ten", "1.5", "１", "99999999999999999999"])
def test_every_list_refuses_a_bad_limit(client, url, limit):
    joiner = "&" if "?" in url else "?"
    assert "limit must be" in _error(client, f"{url}{joiner}limit={limit}")


@pytest.mark.parametrize("url", ["/api/stories", "/api/articles", "/api/search?q=vellara",
                                 "/api/speakers", "/api/outlets", "/api/speakers/teodora-halvik"])
def test_every_list_pages_with_its_cursor_and_refuses_others(client, url):
    joiner = "&" if "?" in url else "?"
    first = client.get(f"{url}{joiner}limit=1").json()
    assert first["next"], url
    second = _ok(client, f"{url}{joiner}limit=1&cursor={first['next']}")
    assert second != first
    for bad in ("garbage", "%00", "e30", "W10", first["next"][:-2], "x" * 3000):
        assert "cursor" in _error(client, f"{url}{joiner}cursor={bad}")
    other = "/api/outlets" if url != "/api/outlets" else "/api/speakers"
    foreign = client.get(f"{other}?limit=1").json()["next"]
    assert "cursor" in _error(client, f"{url}{joiner}cursor={foreign}")


def test_story_pages_cover_the_list_once_for_each_sort(client):
    for sort in ("latest", "origins", "articles"):
        seen, cursor = [], ""
        while True:
            body = _ok(client, f"/api/stories?sort={sort}&limit=1{cursor}")
            seen += [s["id"] for s in body["stories"]]
            if not body["next"]:
                break
            cursor = f"&cursor={body['next']}"
        assert sorted(seen) == ["s-aaaa0001", "s-cccc0001"]
    latest = client.get("/api/stories?limit=1").json()["next"]
    assert "another list or sort" in _error(client, f"/api/stories?sort=origins&cursor={latest}")


@pytest.mark.parametrize("query, message", [
    ("since=yesterday", "since must be an ISO date"), ("until=2025-02-30", "until must be an ISO date"),
    ("since=0001-01-01T00:00:00%2B05:00", "since must be"), ("min_origins=-1", "min_origins must be"),
    ("min_origins=x", "min_origins must be"), ("sort=random", "sort must be one of"),
    ("format=xml", "format must be one of"), ("language=en&language=de", "given 2 times"),
    ("q=" + "a" * 501, "at most 500"), ("q=%2A%2A%2A", "no word"),
])
def test_story_list_bad_parameters(client, query, message):
    assert message in _error(client, f"/api/stories?{query}")


def test_articles_list_filters_and_newest_stored_first(client, db):
    body = _ok(client, "/api/articles")
    assert len(body["articles"]) == len(ARTICLES) and body["next"] is None
    assert set(body["articles"][0]) == {"id", "url", "title", "source", "published", "language", "story"}
    by_id = {a["id"]: a for a in body["articles"]}
    assert by_id["bbbb0001"]["story"] is None and by_id["aaaa0002"]["story"] == "s-aaaa0001"
    assert [a["id"] for a in _ok(client, "/api/articles?language=sq")["articles"]] == ["bbbb0001"]
    assert [a["id"] for a in _ok(client, "/api/articles?source=Kestrel%20Wire")["articles"]] == ["aaaa0001"]
    # 08:30+01:00 is 07:30 UTC: inside, though its text sorts after 08:00
    since = _ok(client, "/api/articles?since=2025-03-14T07:00:00Z&until=2025-03-14T08:00:00Z")
    assert [a["id"] for a in since["articles"]] == ["aaaa0002"]
    assert "sort must be one of latest" in _error(client, "/api/articles?sort=origins")
    assert "unknown parameter 'min_origins'" in _error(client, "/api/articles?min_origins=1")


def test_story_and_article_objects(client):
    story = _ok(client, "/api/stories/s-aaaa0001")["story"]
    assert story["articles"] == ["aaaa0001", "aaaa0002", "aaaa0003"] and story["brief"]
    body = _ok(client, "/api/articles/aaaa0002")
    assert body["article"]["text"] == ARTICLES[1].text and body["story"] == "s-aaaa0001"
    edges = [(e["source"], e["target"], e["kind"]) for e in body["reuse"]]
    assert edges == [("aaaa0001", "aaaa0002", "copy")]
    wire = _ok(client, "/api/articles/aaaa0001")
    assert wire["article"]["removed_reasons"] == ["boilerplate"] and len(wire["reuse"]) == 2
    assert _ok(client, "/api/articles/bbbb0001")["story"] is None
    for url in ("/api/stories/s-nothing", "/api/articles/aaaa", "/api/articles/%25",
                "/api/speakers/nobody", "/api/outlets/Nobody", "/api/nothing"):
        _error(client, url, 404)
    assert "unknown parameter" in _error(client, "/api/stories/s-aaaa0001?x=1")


def test_search_results_snippets_and_garbage(client):
    results = _ok(client, "/api/search?q=Vellara")["results"]
    assert {r["article"] for r in results} == {"aaaa0001", "aaaa0002", "aaaa0003", "cccc0001"}
    first = results[0]
    assert set(first) >= {"article", "story", "title", "snippet", "language"}
    assert all(r["snippet"][a:b].lower() == "vellara" for r in results for a, b in r["marks"])
    assert [r["article"] for r in _ok(client, "/api/search?q=%C3%A7do%20gj%C3%AB")["results"]] == ["bbbb0001"]
    assert [r["article"] for r in _ok(client, "/api/search?q=cdo%20GJE")["results"]] == ["bbbb0001"]
    for garbage in ['"', 'NEAR(', 'a AND', '*', 'OR OR', '"unclosed', '{x}', 'title:', ')(', "\\", "'--"]:
        response = client.get("/api/search", params={"q": garbage})
        assert response.status_code in (200, 400), (garbage, response.text)
    assert "q is required" in _error(client, "/api/search")
    assert "q is required" in _error(client, "/api/search?q=%20%20")


def test_speakers_and_outlets(client):
    speakers = _ok(client, "/api/speakers")["speakers"]
    assert {s["key"] for s in speakers} >= {"teodora-halvik"}
    assert [s["key"] for s in _ok(client, "/api/speakers?q=HALVIK")["speakers"]] == ["teodora-halvik"]
    body = _ok(client, "/api/speakers/teodora-halvik")
    assert [q["language"] for g in body["speaker"]["groups"] for q in g["quotes"]] == ["de", "en"]
    outlets = _ok(client, "/api/outlets")["outlets"]
    assert {o["key"] for o in outlets} == {a.source for a in ARTICLES}
    hostile = _ok(client, "/api/outlets/Hostile%20%3Cb%3EOutlet%3C%2Fb%3E")["outlet"]
    assert hostile["articles"] == 1
    assert _ok(client, "/api/outlets/Kestrel%20Wire")["outlet"]["own_origin_share"] == 1.0


def test_exports_csv_and_json_lines(client):
    response = client.get("/api/stories?format=csv&limit=1")
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["id", "title", "articles", "independent_origins", "languages", "first", "last"]
    assert rows[1][:5] == ["s-aaaa0001", "Tanker fire shuts Port Vellara", "3", "1", "de;en"]
    assert 'rel="next"' in response.headers["link"]
    following = response.headers["link"].split(">")[0].lstrip("<")
    assert list(csv.reader(io.StringIO(client.get(following).text)))[1][0] == "s-cccc0001"
    lines = client.get("/api/articles?format=jsonl").text.splitlines()
    assert {json.loads(line)["id"] for line in lines} == {a.id for a in ARTICLES}
    hostile = client.get("/api/stories?format=csv&language=en&sort=origins").text
    assert "<script>" in hostile  # CSV is data: kept as is, never run (served as text/csv)


def test_csv_cells_a_spreadsheet_would_run_are_quoted():
    from newsweave.serve.api import _cell

    assert _cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert _cell("@SUM(1)") == "'@SUM(1)" and _cell("-2+3") == "'-2+3" and _cell(3) == "3"
    assert _cell(["de", "en"]) == "de;en" and _cell(None) == ""


def test_openapi_describes_every_api_route(client):
    spec = client.get("/api/openapi.json").json()
    assert spec["openapi"].startswith("3.")
    documented = {path.replace("{id}", "{x}").replace("{key}", "{x}") for path in spec["paths"]}
    from newsweave.serve.api import ROUTES

    served = {r.path.replace("{story_id}", "{x}").replace("{article_id}", "{x}").replace("{key}", "{x}")
              .replace("{key:path}", "{x}") for r in ROUTES} - {"/api/openapi.json"}
    assert served == documented


def test_token_is_needed_on_every_request(db):
    client = TestClient(create_app(db, token=TOKEN), base_url="http://127.0.0.1")
    for url in ("/api/stories", "/api/openapi.json", "/api/nothing"):
        _error(client, url, 401)
        _error(client, url, 401, headers={"Authorization": "Bearer wrong"})
        _error(client, url, 401, headers={"Authorization": TOKEN})
    response = client.get("/api/stories")
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "content-security-policy" in response.headers
    assert client.get("/api/stories", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200


def test_pages_without_the_token_get_a_small_html_401(db):
    client = TestClient(create_app(db, token=TOKEN), base_url="http://127.0.0.1")
    for url in ("/", "/stories/s-aaaa0001", "/search?q=tanker", "/static/app.css", "/nothing", "/apix"):
        for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": TOKEN}):
            response = client.get(url, headers=headers)
            assert response.status_code == 401, url
            assert response.headers["content-type"].startswith("text/html")
            assert response.headers["www-authenticate"].startswith("Bearer")
            assert "default-src 'none'" in response.headers["content-security-policy"]
            assert "<h1>401 Token needed</h1>" in response.text and "Authorization: Bearer" in response.text
            assert "Tanker" not in response.text  # nothing of the store without the token
    page = client.get("/", headers={"Authorization": f"Bearer {TOKEN}"})
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]


def test_every_response_is_strict_and_nothing_reaches_outside_static_files(client):
    for url in ("/api/stories", "/api/stories?limit=0", "/static/app.css", "/nothing",
                "/static/../app.py", "/static/%2e%2e/app.py", "/static/..%2fapp.py", "/static//etc/passwd",
                "/static/%2e%2e/%2e%2e/store/sqlite.py", "/api/outlets/..%2f..%2fetc%2fpasswd"):
        response = client.get(url)
        policy = response.headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src" not in policy, url
        assert response.headers["x-content-type-options"] == "nosniff"
        assert "import " not in response.text and "root:" not in response.text, url
        assert response.status_code in (200, 400, 404), url


def test_requests_change_nothing(client, db):
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    for method in ("post", "put", "delete", "patch"):
        response = getattr(client, method)("/api/stories")
        assert response.status_code == 405 and response.json()["status"] == 405
    for url in ("/api/stories?q=x%27);DROP%20TABLE%20articles;--", "/api/outlets/x'%20OR%201=1--",
                f"/api/search?q={HOSTILE}"):
        client.get(url)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    assert _ok(client, "/api/articles")["articles"]


def test_serve_refuses_to_start_unsafely(db, tmp_path, monkeypatch):
    monkeypatch.delenv("NEWSWEAVE_TOKEN", raising=False)
    runner = CliRunner()
    refused = runner.invoke(main, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert refused.exit_code != 0 and "--token" in refused.output
    short = runner.invoke(main, ["serve", "--db", str(db), "--token", "short"])
    assert short.exit_code != 0 and "16 characters" in short.output
    missing = runner.invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code != 0 and "no store" in missing.output
    assert not (tmp_path / "none.db").exists()
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.2") and not is_loopback("example.org")


def test_a_dns_rebinding_host_is_refused(db):
    client = TestClient(create_app(db, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://evil.example")
    assert client.get("/api/stories").status_code == 400
