"""The live pages in headless Chromium (Debian's package), served by a real `newsweave serve`:
the list, a filter, the next page, the story, article, speaker, outlet and search pages render
what they should, and hostile article text runs nothing (each payload would set the page title).
Skips where /usr/bin/chromium is absent."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from serve_helpers import build_store, running_server

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium); "
           "the browser tests of the live pages skip")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--hide-scrollbars")
# (path, text the rendered page must show)
PAGES = (
    ("/", "Tanker fire shuts Port Vellara"),
    ("/?language=de", "Tanker fire shuts Port Vellara"),
    ("/stories/s-aaaa0001", "Who said what"),
    ("/stories/s-cccc0001", "Articles (1)"),
    ("/articles/cccc0001", "Removed lines"),
    ("/articles/aaaa0001", "Subscribe now!"),
    ("/speakers/teodora-halvik", "Wir öffnen bald wieder"),
    ("/outlets/Kestrel%20Wire", "Whose text it is taken by"),
    ("/outlets/Hostile%20%3Cb%3EOutlet%3C%2Fb%3E", "Hostile <b>Outlet</b>"),
    ("/search?q=vellara", "Tanker fire shuts Port Vellara"),
    ("/search?q=%3Cscript%3E", "Search: <script>"),
)


def _dump_dom(url: str, profile: Path) -> str:
    """The DOM after load, with time for any script or handler to have run."""
    result = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}",
                             "--virtual-time-budget=2000", "--dump-dom", url],
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def _title(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.S)
    return unescape(match.group(1)) if match else ""


def test_live_pages_in_chromium(tmp_path):
    db = build_store(tmp_path / "s.db")
    with running_server(db) as base:
        first = _dump_dom(f"{base}/?limit=1", tmp_path / "profile")
        next_path = unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
        pages = (*PAGES, (next_path, "&lt;script&gt;document.title="))
        for path, expected in pages:
            dom = _dump_dom(base + path, tmp_path / "profile")
            assert _title(dom) != "pwned", path  # a payload that ran would have set it so
            assert expected in dom or expected in unescape(re.sub(r"<[^>]+>", "", dom)), (path, dom[:800])
            assert "<script>document" not in dom, path
