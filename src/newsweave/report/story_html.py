"""One page per story: brief, reuse graph, origins, quotes, entities, per-outlet differences,
and each article with the passages it shares highlighted. Every piece of article text escaped."""

from __future__ import annotations

from collections import defaultdict
from html import escape

from newsweave.records import Article
from newsweave.report.html import PAGE_STYLE, safe_url
from newsweave.report.reuse_svg import reuse_svg

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def render_story(story, articles: dict[str, Article], language: str = "en") -> str:
    """The story page (self-contained; links are relative to DIR/stories/)."""
    labels = {i: (articles[i].source or articles[i].id) for i in story.articles}
    sections = [
        _brief(story, labels, language),
        f"<h2>Reuse graph</h2>{reuse_svg(story, labels)}{_legend()}",
        _origins(story, labels),
        _quotes(story, articles, labels),
        _entities(story),
        _outlets(story, labels),
        _timeline(story, labels),
        "<h2>Articles</h2>" + "".join(_article(articles[i], story) for i in story.articles),
    ]
    title = escape(story.title or "(untitled story)")
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>{title}</title><style>{PAGE_STYLE}</style></head>
<body><p><a href="../index.html">← all stories</a></p><h1>{title}</h1>
<p class="meta">{len(story.articles)} articles · {story.independent_origins} independent origins ·
languages: {escape(", ".join(story.languages))}</p>
{"".join(sections)}
</body></html>
"""


def _cite(article_id: str, labels: dict[str, str]) -> str:
    return f'<a href="#a-{escape(article_id)}">{escape(labels.get(article_id, article_id))}</a>'


def _brief(story, labels, language: str) -> str:
    if not story.brief:
        return ""
    items = []
    for item in story.brief:
        marker = f' <span class="lang">[{escape(item.language)}]</span>' if item.language != language else ""
        cites = ", ".join(_cite(a, labels) for a in item.articles)
        items.append(f"<li>{escape(item.text)}{marker}<br><span class=\"support\">"
                     f"{item.independent_support} of {story.independent_origins} independent origins · "
                     f"{len(item.articles)} articles: {cites}</span></li>")
    note = ("<p class=\"meta\">Sentences are quoted as written; no machine translation is "
            "available offline, so items in other languages are marked.</p>")
    return f"<h2>Brief</h2><ol class=\"brief\">{''.join(items)}</ol>{note}"


def _legend() -> str:
    return ('<p class="meta">solid: copy · dashed: translation · dotted: partial reuse · '
            "arrow: who copied whom · colour: origin</p>")


def _origins(story, labels) -> str:
    rows = "".join(
        f"<li>{', '.join(_cite(a, labels) for a in origin.articles)}"
        f"{' — cites ' + escape(', '.join(origin.cited_as)) if origin.cited_as else ''}</li>"
        for origin in story.origins)
    return f"<h2>Independent origins ({story.independent_origins})</h2><ul>{rows}</ul>"


def _quotes(story, articles, labels) -> str:
    quotes = getattr(story, "quotes", ())
    if not quotes:
        return ""
    by_speaker: dict[str, list] = defaultdict(list)
    for quote in quotes:
        by_speaker[quote.speaker or "(unknown speaker)"].append(quote)
    blocks = []
    for speaker, said in sorted(by_speaker.items(), key=lambda item: -len(item[1])):
        items = "".join(
            f"<li>{escape(articles[q.article].text[q.content[0]:q.content[1]])} "
            f"<span class=\"support\">{escape(q.kind)}, {escape(q.language)}, {_cite(q.article, labels)}"
            f", group {escape(q.group.rsplit('-', 1)[-1])}</span></li>" for q in said)
        blocks.append(f"<h3>{escape(speaker)}</h3><ul>{items}</ul>")
    return "<h2>Who said what</h2>" + "".join(blocks)


def _entities(story) -> str:
    entities = getattr(story, "entities", ())
    if not entities:
        return ""
    rows = "".join(f"<tr><td>{escape(e.name)}</td><td>{escape(e.type)}</td>"
                   f"<td>{escape(', '.join(e.surface_forms))}</td><td>{len(e.articles)}</td></tr>"
                   for e in entities[:40])
    return ("<h2>Entities</h2><table><thead><tr><th>Name</th><th>Type</th><th>Forms</th>"
            f"<th>Articles</th></tr></thead><tbody>{rows}</tbody></table>")


def _outlets(story, labels) -> str:
    blocks = []
    for difference in story.outlets:
        parts = [
            _listed("Adds", [escape(c.text) for c in difference.additions]),
            _listed("Leaves out", [escape(c.text) for c in difference.omissions]),
            _listed("Says otherwise", [f"{escape(mine.text)} <em>— others: {escape(theirs.text)}</em>"
                                       for mine, theirs in difference.contradictions]),
        ]
        if any(parts):
            blocks.append(f"<h3>{_cite(difference.article, labels)}</h3>{''.join(parts)}")
    return "<h2>What each outlet added, left out or changed</h2>" + "".join(blocks) if blocks else ""


def _listed(label: str, items: list[str]) -> str:
    """A labelled list of already escaped items, or nothing."""
    if not items:
        return ""
    return f"<p>{label}:</p><ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _timeline(story, labels) -> str:
    reports = story.timeline.get("reports", []) if story.timeline else []
    if not reports:
        return ""
    rows = "".join(f"<li>{escape(r['published'])} — {_cite(r['article'], labels)}</li>" for r in reports)
    return f"<h2>Timeline</h2><ul>{rows}</ul>"


def _article(article: Article, story) -> str:
    link = safe_url(article.url)
    heading = escape(article.title or "(untitled)")
    if link:
        heading = f'<a href="{escape(link)}" rel="noopener noreferrer">{heading}</a>'
    meta = escape(" · ".join(filter(None, (article.source, article.published, article.language))))
    return (f'<article id="a-{escape(article.id)}"><h3>{heading}</h3><p class="meta">{meta}</p>'
            f'<div class="text">{_highlighted(article, story)}</div></article>')


def _highlighted(article: Article, story) -> str:
    """The article's text, escaped, with the passages it shares in <mark>."""
    spans = []
    for edge in story.reuse:
        for passage in edge["evidence"]["passages"]:
            if edge["source"] == article.id:
                spans.append(tuple(passage["source"]))
            if edge["target"] == article.id:
                spans.append(tuple(passage["target"]))
    out, position = [], 0
    for start, end in _merged(spans):
        out.append(escape(article.text[position:start]))
        out.append(f"<mark>{escape(article.text[start:end])}</mark>")
        position = end
    out.append(escape(article.text[position:]))
    return "".join(out).replace("\n\n", "</p><p>").join(("<p>", "</p>"))


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]
