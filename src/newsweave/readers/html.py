"""HTML pages: main text and metadata through trafilatura, plus the page's own meta tags."""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
import trafilatura
from lxml import etree

from newsweave.readers.decode import NotText, decode_bytes
from newsweave.readers.metadata import normalise_date
from newsweave.records import RawDocument, Rejection
from newsweave.text.tags import language_tag

# Meta tags that carry the publication time with the time of day (trafilatura's date finder
# keeps the day only, and the order of reports within a day decides who copied whom).
_TIME_META = (
    "article:published_time",
    "og:article:published_time",
    "datePublished",
    "pubdate",
    "publishdate",
    "dc.date",
    "dcterms.created",
    "date",
)
# lxml refuses a str that declares its encoding, as XHTML pages do in an XML declaration.
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_WHITESPACE = re.compile(r"\s+")
# Characters XML forbids (C0 controls but tab and line breaks, NUL): lxml parses them into a
# tree, and trafilatura then fails to copy that text and drops the whole page.
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# libxml2 stops parsing a page at 256 levels of nesting, and unclosed tags nest: its limit for
# huge trees is 2048 (pages are under --max-bytes already, the limit it lifts on text size).
_PARSER = lxml.html.HTMLParser(huge_tree=True)
# The page's own summary, best first. A news page often shows it as a teaser above the article,
# and trafilatura often leaves that teaser out as page furniture.
_DESCRIPTION_META = ("og:description", "description", "twitter:description")
_LEAD_MIN_CHARS = 80
_LEAD_PREFIX_CHARS = 60  # enough of a lead to find it in the text or on the page
_SENTENCE_END = re.compile(r"[.!?\"”»]$")
_VISIBLE_TEXT = etree.XPath("//body//text()[not(ancestor::script or ancestor::style"
                            " or ancestor::noscript or ancestor::template)]")
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "figcaption",
           "tr", "section", "article", "header", "footer", "pre", "dd", "dt"}


@dataclass(frozen=True, slots=True)
class HtmlPage:
    """An HTML page waiting for extraction (done in worker processes for large inputs)."""

    data: bytes
    format: str
    path: str | None = None
    locator: str | None = None
    url: str | None = None
    charset: str | None = None
    source: str | None = None
    published: str | None = None


def extract_page(page: HtmlPage) -> RawDocument | Rejection:
    """Main text and metadata of one page; a rejection when it holds no article text."""
    try:
        markup = decode_bytes(page.data, page.charset)
    except NotText as error:
        return Rejection(page.path, f"not an HTML page: {error}", locator=page.locator)
    tree = _parse(markup)
    if tree is None:
        return Rejection(page.path, "malformed HTML: no document could be parsed",
                         locator=page.locator)
    head = _head_metadata(tree)
    document = trafilatura.bare_extraction(
        tree, url=page.url, with_metadata=True, include_comments=False,
        include_images=False, include_tables=True,
    )
    text = getattr(document, "text", None) or ""
    if not text.strip():
        return Rejection(page.path, "no article text found in the HTML page", locator=page.locator)
    title = document.title or head.get("title")
    return RawDocument(
        text=_with_lead(_drop_title_line(text, title), tree),
        format=page.format,
        path=page.path,
        locator=page.locator,
        title=title,
        url=document.url or page.url,
        source=page.source or document.sitename or document.hostname,
        published=head.get("published") or page.published or normalise_date(document.date),
        language=head.get("language"),
        author=document.author,
    )


def html_fragment_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's body), one line per block element.

    In a fragment with block elements the line breaks of the markup are only wrapping, so they
    are joined; a fragment without any keeps its line breaks, as plain text does.
    """
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return fragment
    blocks = [e for e in root.iterdescendants() if e.tag == "br" or e.tag in _BLOCKS]
    if blocks:
        for element in root.iter():
            element.text, element.tail = _squash(element.text), _squash(element.tail)
    for element in blocks:
        element.tail = "\n" + (element.tail or "")
        if element.tag != "br":  # a block also starts a line: "intro<p>para" is two
            element.text = "\n" + (element.text or "")
    return "\n".join(line.strip() for line in root.text_content().splitlines())


def _squash(text: str | None) -> str | None:
    return None if text is None else _WHITESPACE.sub(" ", text)


def _parse(markup: str) -> lxml.html.HtmlElement | None:
    markup = _XML_DECLARATION.sub("", markup, count=1)  # the markup is decoded already
    markup = _NOT_XML.sub("", markup)
    try:
        return lxml.html.document_fromstring(markup, parser=_PARSER)
    except (etree.ParserError, ValueError):
        return None


def _head_metadata(tree: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    language = language_tag(tree.get("lang") or tree.get("xml:lang"))
    if language:
        found["language"] = language
    for meta in tree.iterfind(".//meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        if key in _TIME_META and "published" not in found:
            date = normalise_date(meta.get("content"))
            if date:
                found["published"] = date
    title = tree.findtext(".//title")
    if title and title.strip():
        found["title"] = title.strip()
    return found


def _with_lead(text: str, tree: lxml.html.HtmlElement) -> str:
    """The text with the page's lead paragraph above it, when trafilatura left out a teaser that
    the page shows and its description meta repeats as whole sentences (not a cut blurb)."""
    flat, visible = " ".join(text.split()), None
    for description in _descriptions(tree):
        if len(description) < _LEAD_MIN_CHARS or description.endswith("...") or not (
            _SENTENCE_END.search(description)
        ):
            continue
        start = description[:_LEAD_PREFIX_CHARS]
        if start in flat:
            return text
        if visible is None:
            visible = " ".join(" ".join(_VISIBLE_TEXT(tree)).split())
        if start in visible:
            return f"{description}\n{text}"
    return text


def _descriptions(tree: lxml.html.HtmlElement) -> list[str]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or "").lower()
        content = " ".join((meta.get("content") or "").split())
        if key in _DESCRIPTION_META and content:
            found.setdefault(key, content)
    return [found[key] for key in _DESCRIPTION_META if key in found]


def _drop_title_line(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title field already has it."""
    first, _, rest = text.partition("\n")
    if title and first.strip() == title.strip():
        return rest
    return text
