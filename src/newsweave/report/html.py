"""The HTML report: one self-contained page, every piece of article text escaped.

Article text is hostile input: it goes through ``html.escape`` (quotes included) and only
http(s) URLs become links, so no script, handler or ``javascript:`` URL from an article can run.
"""

from __future__ import annotations

from collections import Counter
from html import escape
from urllib.parse import urlsplit

from newsweave.records import Article
from newsweave.stories import Story

PAGE_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d232a}
h1{font-size:1.6rem;margin-bottom:.2rem}.meta{color:#5b6773}
table{border-collapse:collapse;width:100%;margin-top:1rem}
th,td{border-bottom:1px solid #dde3ea;padding:.45rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f6f9;font-weight:600}td.lang{font-family:monospace}
details{margin-top:.3rem}summary{cursor:pointer;color:#5b6773}
ul.removed{margin:.3rem 0;padding-left:1.2rem;color:#7a4b00}.reason{color:#5b6773;font-size:.85em}
.support,.lang{color:#5b6773;font-size:.85em}ol.brief li{margin:.5rem 0}mark{background:#fdeeb5}
article{border-top:1px solid #dde3ea;margin-top:1rem}svg.reuse{border:1px solid #dde3ea;max-width:100%}
"""


def render_index(articles: list[Article], stories: list[Story] = (), *,
                 title: str = "newsweave report") -> str:
    """The index page: the stories, then every article with source, date, language, and its
    removed lines."""
    languages = Counter(article.language for article in articles)
    summary = ", ".join(f"{code} {count}" for code, count in languages.most_common())
    rows = "\n".join(_article_row(article) for article in articles)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>{escape(title)}</title><style>{PAGE_STYLE}</style></head>
<body><h1>{escape(title)}</h1>
<p class="meta">{len(articles)} articles · {len(stories)} stories · languages: {escape(summary) or "none"}</p>
{_stories_table(stories)}
<h2>Articles</h2>
<table><thead><tr><th>Title</th><th>Source</th><th>Published</th><th>Lang</th></tr></thead>
<tbody>
{rows}
</tbody></table></body></html>
"""


def _stories_table(stories: list[Story]) -> str:
    if not stories:
        return ""
    rows = "".join(
        f"<tr><td><a href=\"stories/{escape(story.id)}.html\">{escape(story.title or '(untitled)')}</a></td>"
        f"<td>{len(story.articles)}</td>"
        f"<td>{story.independent_origins}</td><td>{escape(', '.join(story.languages))}</td>"
        f"<td>{escape(', '.join(sorted({n for o in story.origins for n in o.cited_as})))}</td></tr>"
        for story in stories)
    return ("<h2>Stories</h2><table><thead><tr><th>Story</th><th>Articles</th>"
            "<th>Independent origins</th><th>Languages</th><th>Cited origins</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _article_row(article: Article) -> str:
    title = escape(article.title or "(untitled)")
    link = safe_url(article.url)
    heading = f'<a href="{escape(link)}" rel="noopener noreferrer">{title}</a>' if link else title
    return (
        f'<tr id="a-{escape(article.id)}"><td>{heading}{_removed_block(article)}</td>'
        f"<td>{escape(article.source or '')}</td><td>{escape(article.published or '')}</td>"
        f'<td class="lang">{escape(article.language)}</td></tr>'
    )


def _removed_block(article: Article) -> str:
    if not article.removed:
        return ""
    items = "".join(
        f'<li>{escape(line.text)} <span class="reason">({escape(line.reason)})</span></li>'
        for line in article.removed
    )
    return (f"<details><summary>{len(article.removed)} lines removed</summary>"
            f'<ul class="removed">{items}</ul></details>')


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None (never a javascript: or data: link)."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None
