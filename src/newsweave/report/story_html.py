"""One page per story: brief, reuse graph, origins, quotes, entities, per-outlet differences,
timeline, and each article with the passages it shares highlighted. Every piece of article text
is escaped; links point into the page, to ``../index.html``, to sibling story pages, or (http(s)
only) to the article's own URL."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from urllib.parse import quote

from newsweave.records import Article
from newsweave.report.html import (
    PALETTE,
    counted,
    external_link,
    language_tag,
    page,
    removed_block,
    safe_url,
    when,
)
from newsweave.report.reuse_svg import DASH, reuse_svg
from newsweave.report.story_parts import entities_section, outlets_section, quotes_section
from newsweave.report.text_marks import highlighted_text, reuse_partners
from newsweave.report.view import StoryView, article_anchor, build_view
from newsweave.stories import Story


def render_story(story: Story, articles: Mapping[str, Article], language: str = "en",
                 related: Mapping[str, str] | None = None) -> str:
    """The story page (self-contained; links are relative to ``DIR/stories/``).

    Args:
        story: the story to show.
        articles: every article by id (the story's must be among them).
        language: the reader's language; brief items and quotes in others are marked.
        related: titles of the other stories that have a page, by id.

    Returns:
        The whole HTML document.
    """
    view = build_view(story, articles, language, related)
    sections = [
        ("brief", "Brief", _brief(view)),
        ("graph", "Reuse graph", _graph(view)),
        ("origins", f"Independent origins ({story.independent_origins})", _origins(view)),
        ("quotes", "Who said what", quotes_section(view)),
        ("entities", "People, organisations and places", entities_section(view)),
        ("outlets", "What each outlet added, left out or changed", outlets_section(view)),
        ("timeline", "Timeline", _timeline(view)),
        ("articles", f"Articles ({len(view.order)})", "".join(_article(view, i) for i in view.order)),
    ]
    shown = [(key, heading, html) for key, heading, html in sections if html]
    toc = " ".join(f'<a href="#{key}">{escape(heading)}</a>' for key, heading, _ in shown)
    title = story.title or "(untitled story)"
    body = (f'<p><a href="../index.html">← all stories</a></p><h1>{escape(title)}</h1>'
            f"{_summary(view)}<nav class=\"toc\">{toc}</nav>"
            + "".join(f'<section id="{key}"><h2>{escape(heading)}</h2>{html}</section>'
                      for key, heading, html in shown))
    return page(title, body, language=language)


def _summary(view: StoryView) -> str:
    story = view.story
    timeline = story.timeline or {}
    span = ""
    if timeline.get("first"):
        span = f" · first report {when(timeline['first'])}, last {when(timeline.get('last'))}"
    related = ""
    if view.related:
        links = ", ".join(f'<a href="{escape(quote(i, safe=""))}.html">{escape(title or "(untitled)")}</a>'
                          for i, title in view.related.items())
        related = f'<p class="meta">Related stories (same people, another event): {links}</p>'
    return (f'<p class="meta">{counted(len(story.articles), "article")} · '
            f"{counted(story.independent_origins, 'independent origin')} · "
            f"languages: {escape(', '.join(story.languages))}{span}</p>{related}")


def _brief(view: StoryView) -> str:
    if not view.story.brief:
        return ""
    origins = view.story.independent_origins
    items = []
    for item in view.story.brief:
        from_chip = view.source_chip(item.sentence)
        chips = "".join(view.chip(article_id) for article_id in item.articles)
        items.append(
            f'<li><span lang="{escape(item.language)}">{escape(item.text)}</span>'
            f"{language_tag(item.language, view.reader)}"
            f'<br><span class="support">as written in {from_chip} · independent support '
            f"<b>{item.independent_support}</b> of {counted(origins, 'origin')} · "
            f"in {len(item.articles)} of {len(view.order)} articles: {chips}</span></li>")
    note = ("<p class=\"note\">Each point is a sentence quoted as an outlet wrote it, chosen in the "
            "reader's language where one exists; no machine translation runs offline, so points in "
            "other languages are marked. Independent support counts origins, not copies.</p>")
    return f"<ol class=\"brief\">{''.join(items)}</ol>{note}"


def _graph(view: StoryView) -> str:
    if len(view.order) < 2:
        return '<p class="note">A single article: nothing to compare it with.</p>'
    svg = reuse_svg(view)
    samples = "".join(
        f'<span><svg width="34" height="10" aria-hidden="true"><line x1="1" y1="5" x2="33" y2="5" '
        f'stroke="#2d3748" stroke-width="1.7" stroke-dasharray="{dash or "none"}"/></svg> {kind}</span>'
        for kind, dash in DASH.items())
    edges = len(view.story.reuse)
    caption = (f'<figcaption class="legend note">{samples}<span>→ who took from whom</span>'
               '<span>faint: implied by a chain of reuse</span><span>colour: origin</span>'
               f"<br>{counted(len(view.order), 'article')}, {counted(edges, 'reuse link')}; "
               "x: publication time, y: origin. Click a node to jump to its article.</figcaption>")
    return f"<figure>{svg}{caption}</figure>"


def _origins(view: StoryView) -> str:
    rows = []
    for row, origin in enumerate(view.story.origins):
        colour = f"o{row % len(PALETTE)}"
        members = "".join(view.chip(i, named=True) for i in origin.articles)
        cites = (f' <span class="support">— its articles name their source as '
                 f"{escape(', '.join(origin.cited_as))}</span>" if origin.cited_as else "")
        count = counted(len(origin.articles), "article")
        rows.append(f'<li><span class="dot {colour}"></span> <b>Origin {row + 1}</b> '
                    f"({count}): {members}{cites}</li>")
    alone = [i for i in view.order if i not in view.origin_row]
    if alone:
        rows.append('<li><span class="dot ox"></span> outside every origin: '
                    + "".join(view.chip(i, named=True) for i in alone) + "</li>")
    note = ('<p class="note">An origin is one original text with every copy and translation of it; '
            "articles that share only part of a text keep their own origin.</p>")
    return f'<ul class="plain">{"".join(rows)}</ul>{note}'


def _timeline(view: StoryView) -> str:
    reports = (view.story.timeline or {}).get("reports") or []
    if not reports:
        return ""
    rows = "".join(
        f"<tr><td>{when(report.get('published'))}</td><td>{view.chip(report['article'], named=True)}</td>"
        f"<td class=\"lang\">{escape(view.articles[report['article']].language)}</td>"
        f"<td>{escape(view.articles[report['article']].title or '')}</td></tr>"
        for report in reports if report.get("article") in view.number)
    return ("<table><thead><tr><th>Published</th><th>Outlet</th><th>Lang</th><th>Headline</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def _article(view: StoryView, article_id: str) -> str:
    article = view.articles[article_id]
    title = escape(article.title or "(untitled)")
    facts = [escape(view.label[article_id]), when(article.published),
             f'<span class="code">{escape(article.language)}</span>']
    if article.author:
        facts.append(f"by {escape(article.author)}")
    row = view.origin_row.get(article_id)
    facts.append(f"origin {row + 1}" if row is not None else "no origin")
    link = safe_url(article.url)
    url = f'<div class="url">{external_link(link, escape(link))}</div>' if link else ""
    return (f'<article class="text-block" id="{escape(article_anchor(article_id))}">'
            f'<h3>{view.chip(article_id)} <span lang="{escape(article.language)}">{title}</span></h3>'
            f'<p class="meta">{" · ".join(facts)}</p>{url}{_partners(view, article_id)}'
            f'<div class="text" lang="{escape(article.language)}">{highlighted_text(view, article)}</div>'
            f"{removed_block(article)}</article>")


def _partners(view: StoryView, article_id: str) -> str:
    partners = reuse_partners(view.story.reuse, article_id)
    if not partners:
        return ""
    items = "".join(f"<li>{escape(relation)} {view.chip(other, named=True)}</li>"
                    for other, relation in sorted(partners, key=lambda p: view.number.get(p[0], 0))
                    if other in view.number)
    return (f"<details><summary>Shares passages with {counted(len(partners), 'other article')} "
            f"(highlighted below)</summary><ul>{items}</ul></details>")
