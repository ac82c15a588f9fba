"""The HTML report's shared parts and its index page, every piece of article text escaped.

Article text is hostile input: it goes through ``html.escape`` (quotes included) and only
http(s) URLs become links, so no script, handler or ``javascript:`` URL from an article can run.
Each page also carries a Content-Security-Policy that allows no script and no network at all,
so a page opened from disk shows the same thing offline. Links between pages are relative.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from html import escape
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

from newsweave.records import Article
from newsweave.stories import Story

# No script, no network, no forms; inline styles and data: images only (the SVG is inline).
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
       "form-action 'none'")
# One colour per origin, in the order the story lists its origins (readable on white, and
# distinct for the common colour-vision deficiencies in their first four).
PALETTE = ("#2b6cb0", "#c05621", "#2f855a", "#6b46c1", "#b7791f", "#c53030", "#319795", "#718096")
NO_ORIGIN = "#a0aec0"

PAGE_STYLE = """
:root{--ink:#1d232a;--muted:#5b6773;--line:#dde3ea;--soft:#f3f6f9;--mark:#fdeeb5}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:2rem auto;max-width:68rem;
padding:0 1.2rem;color:var(--ink)}
a{color:#1f5fa8}h1{font-size:1.7rem;line-height:1.25;margin:.4rem 0 .3rem}
h2{font-size:1.25rem;margin:2.2rem 0 .6rem;padding-bottom:.2rem;border-bottom:2px solid var(--line)}
h3{font-size:1.05rem;margin:1.2rem 0 .3rem}.meta,.note{color:var(--muted)}.note{font-size:.88em}
nav.toc{font-size:.9em;color:var(--muted)}nav.toc a{margin-right:.8em}
table{border-collapse:collapse;width:100%;margin-top:.6rem}
th,td{border-bottom:1px solid var(--line);padding:.4rem .5rem;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums}
.code,td.lang{font-family:ui-monospace,monospace;font-size:.9em}
details{margin-top:.3rem}summary{cursor:pointer;color:var(--muted)}
ul.removed{margin:.3rem 0;padding-left:1.2rem;color:#7a4b00}.reason{color:var(--muted);font-size:.85em}
.lang-tag{display:inline-block;font:600 .72em ui-monospace,monospace;color:#7a4b00;background:#fff4dc;
border:1px solid #f0d9a8;border-radius:3px;padding:0 .3em;vertical-align:.1em}
a.chip{display:inline-block;min-width:1.3em;text-align:center;font-size:.78em;font-weight:600;
color:#fff;border-radius:1em;padding:0 .4em;margin:0 .12em;text-decoration:none;line-height:1.5}
a.chip.named{padding:0 .55em;white-space:nowrap}td time{white-space:nowrap}
.entities{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:0 2rem}
.entities li{margin:.2rem 0}
.dot{display:inline-block;width:.7em;height:.7em;border-radius:50%;vertical-align:-.05em}
ol.brief{padding-left:1.6rem}ol.brief li{margin:.75rem 0}.support{color:var(--muted);font-size:.86em}
.quote{margin:.35rem 0}.quote .said{font-style:italic}ul.plain{list-style:none;padding-left:0}
ul.diff li{margin:.25rem 0}.label{font-weight:600;color:var(--muted);font-size:.85em;text-transform:uppercase;
letter-spacing:.03em}
mark{background:var(--mark);border-radius:2px;padding:0 .05em}
article.text-block{border-top:1px solid var(--line);margin-top:1.4rem;padding-top:.4rem}
article.text-block:target{background:#f7fbff}
.text{white-space:pre-line;max-width:48rem;margin:.6rem 0}.anchor{scroll-margin-top:4rem}
.url{font-size:.85em;word-break:break-all}
figure{margin:.5rem 0}svg.reuse{max-width:100%;height:auto;border:1px solid var(--line);border-radius:6px;
background:#fcfdfe}figcaption{margin-top:.4rem}.legend span{margin-right:1.1em;white-space:nowrap}
"""


def page(title: str, body: str, *, language: str = "en") -> str:
    """A whole self-contained page; ``title`` is plain text, ``body`` is already escaped HTML."""
    return f"""<!doctype html>
<html lang="{escape(language)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{CSP}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(title)}</title><style>{PAGE_STYLE}{chip_styles()}</style></head>
<body>
{body}
</body></html>
"""


def chip_styles() -> str:
    """One class per origin colour (``o0`` ...) for chips and dots."""
    rules = [f".o{n}{{background:{colour}}}" for n, colour in enumerate(PALETTE)]
    return "".join(rules) + f".ox{{background:{NO_ORIGIN}}}"


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (never a javascript: or data: link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def external_link(url: str | None, text: str) -> str:
    """``text`` (already escaped) as a link to ``url`` when it is http(s), else just the text."""
    link = safe_url(url)
    if not link:
        return text
    return f'<a href="{escape(link)}" rel="noopener noreferrer nofollow">{text}</a>'


def story_href(story_id: str) -> str:
    """The story page's path relative to the index (the file is named by the raw id)."""
    return f"stories/{quote(story_id, safe='')}.html"


def article_label(article: Article) -> str:
    """A short plain-text name for an article: its outlet, else its URL's host, else its file."""
    if article.source:
        return article.source
    link = safe_url(article.url)
    if link and urlsplit(link).hostname:
        return urlsplit(link).hostname or link
    if article.path:
        return PurePosixPath(article.path.replace("\\", "/")).name
    return article.id[:12]


def parse_time(value: str | None) -> datetime | None:
    """An ISO timestamp as an aware datetime (naive ones read as UTC), or None."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def when(value: str | None) -> str:
    """A publication time as a ``<time>`` element, in UTC where the source gave a zone."""
    if not value:
        return '<span class="meta">undated</span>'
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return escape(value)
    if moment.tzinfo:
        shown = moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
    else:  # no zone given: shown as written, and a bare date stays a date
        shown = moment.strftime("%Y-%m-%d %H:%M" if len(value.strip()) > 10 else "%Y-%m-%d")
    return f'<time datetime="{escape(value)}">{escape(shown)}</time>'


def counted(number: int, noun: str) -> str:
    """``number`` and the noun, plural unless it is one ("1 article", "3 origins")."""
    return f"{number} {noun}{'s' * (number != 1)}"


def language_tag(code: str, reader: str | None = None) -> str:
    """A small language marker, or nothing when the text is in the reader's language."""
    if reader is not None and code == reader:
        return ""
    return f' <span class="lang-tag" title="language: {escape(code)}">{escape(code)}</span>'


def render_index(articles: list[Article], stories: list[Story] = (), *,
                 title: str = "newsweave report", language: str = "en") -> str:
    """The index page: the stories, then every article with source, date, language, and its
    removed lines."""
    stories = list(stories)
    languages = Counter(article.language for article in articles)
    summary = ", ".join(f"{code} {count}" for code, count in languages.most_common())
    story_of = {member: story for story in stories for member in story.articles}
    rows = "\n".join(_article_row(article, story_of.get(article.id)) for article in articles)
    counts = f"{counted(len(articles), 'article')} · {len(stories)} stor{'y' if len(stories) == 1 else 'ies'}"
    body = f"""<h1>{escape(title)}</h1>
<p class="meta">{counts} · languages: {escape(summary) or "none"}</p>
{_stories_table(stories, {a.id: a for a in articles})}
<h2 id="articles">Articles</h2>
<table><thead><tr><th>Title</th><th>Source</th><th>Published</th><th>Lang</th><th>Story</th></tr></thead>
<tbody>
{rows}
</tbody></table>"""
    return page(title, body, language=language)


def _stories_table(stories: list[Story], by_id: dict[str, Article]) -> str:
    if not stories:
        return ""
    rows = "".join(_story_row(story, by_id) for story in stories)
    return ('<h2 id="stories">Stories</h2><table><thead><tr><th>Story</th><th>Articles</th>'
            "<th>Independent origins</th><th>Languages</th><th>First report</th><th>Cited as source</th>"
            f"</tr></thead><tbody>{rows}</tbody></table>")


def _story_row(story: Story, by_id: dict[str, Article]) -> str:
    cited = sorted({name for origin in story.origins for name in origin.cited_as})
    first = (story.timeline or {}).get("first") or min(
        (by_id[i].published for i in story.articles if i in by_id and by_id[i].published), default=None)
    return (f'<tr><td><a href="{escape(story_href(story.id))}">{escape(story.title or "(untitled)")}</a></td>'
            f'<td class="num">{len(story.articles)}</td><td class="num">{story.independent_origins}</td>'
            f'<td class="lang">{escape(", ".join(story.languages))}</td><td>{when(first)}</td>'
            f"<td>{escape(', '.join(cited))}</td></tr>")


def _article_row(article: Article, story: Story | None) -> str:
    title = external_link(article.url, escape(article.title or "(untitled)"))
    in_story = ""
    if story is not None:
        href = f"{story_href(story.id)}#a-{quote(article.id, safe='')}"
        in_story = f'<a href="{escape(href)}">{escape(_short(story.title or "story", 40))}</a>'
    return (
        f'<tr id="a-{escape(article.id)}"><td>{title}{removed_block(article)}</td>'
        f"<td>{escape(article_label(article))}</td><td>{when(article.published)}</td>"
        f'<td class="lang">{escape(article.language)}</td><td>{in_story}</td></tr>'
    )


def removed_block(article: Article) -> str:
    """The lines cleaning removed from an article, folded."""
    if not article.removed:
        return ""
    items = "".join(
        f'<li>{escape(line.text)} <span class="reason">({escape(line.reason)})</span></li>'
        for line in article.removed
    )
    return (f"<details><summary>{counted(len(article.removed), 'line')} removed</summary>"
            f'<ul class="removed">{items}</ul></details>')


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
