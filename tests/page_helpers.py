"""What the HTML tests of the report and the live pages share: Debian's headless Chromium, and a
parser of the parts of a page that could run or load something."""

from __future__ import annotations

import re
import subprocess
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--hide-scrollbars")


def needs_chromium(what: str) -> pytest.MarkDecorator:
    """Skip, saying so, where Debian's chromium is not installed."""
    return pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason=f"Debian's chromium is not installed at /usr/bin/chromium (apt-get install chromium); "
               f"the browser tests of {what} skip")


def chromium(profile: Path, *args: str) -> str:
    """Run headless Chromium with ``args`` in its own profile; its standard output."""
    result = subprocess.run([str(CHROMIUM), *FLAGS, f"--user-data-dir={profile}", *args],
                            capture_output=True, text=True, timeout=120, check=True)
    return result.stdout


def dump_dom(url: str, profile: Path) -> str:
    """The DOM after load, with time for any script or handler to have run."""
    return chromium(profile, "--virtual-time-budget=2000", "--dump-dom", url)


def page_title(dom: str) -> str:
    match = re.search(r"<title>(.*?)</title>", dom, re.S)
    return unescape(match.group(1)) if match else ""


class Page(HTMLParser):
    """Links (href, src, action), ids, scripts, event handlers, external resources and the
    content security policy of one page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.handlers: list[str] = []
        self.resources: list[str] = []
        self.scripts = 0
        self.csp: str | None = None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp = values.get("content")
        if tag in ("link", "iframe", "object", "embed") or (values.get("src") is not None):
            self.resources.append(f"{tag} {values}")
        for name, value in attrs:
            if name in ("href", "xlink:href", "src", "action") and value:
                self.links.append(value)
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}")
