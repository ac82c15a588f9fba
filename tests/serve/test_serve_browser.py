"""The live pages in headless Chromium (Debian's package), served by a real `newsweave serve`:
the list, a filter, the next page, the story, article, speaker, outlet and search pages render
what they should, and hostile article text runs nothing (each payload would set the page title).
Skips where /usr/bin/chromium is absent."""

from __future__ import annotations

import re
from html import unescape

from page_helpers import dump_dom, needs_chromium, page_title
from serve_helpers import build_store, running_server

pytestmark = needs_chromium("the live pages")
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


def test_live_pages_in_chromium(tmp_path):
    db = build_store(tmp_path / "s.db")
    with running_server(db) as base:
        first = dump_dom(f"{base}/?limit=1", tmp_path / "profile")
        next_path = unescape(re.search(r'<a rel="next" href="([^"]+)"', first).group(1))
        pages = (*PAGES, (next_path, "&lt;script&gt;document.title="))
        for path, expected in pages:
            dom = dump_dom(base + path, tmp_path / "profile")
            assert page_title(dom) != "pwned", path  # a payload that ran would have set it so
            assert expected in dom or expected in unescape(re.sub(r"<[^>]+>", "", dom)), (path, dom[:800])
            assert "<script>document" not in dom, path
