"""The story page's sections built from later stages: quotes by speaker, entities, and what each
outlet added, left out or contradicted. A story without quotes or entities (an older Story, or a
stage that found none) shows no section for them."""

from __future__ import annotations

from collections import Counter, defaultdict
from html import escape
from typing import Any

from newsweave.report.html import counted, language_tag
from newsweave.report.view import StoryView

_ENTITY_KINDS = {"PER": "People", "ORG": "Organisations", "LOC": "Places", "GPE": "Places"}
_KIND_ORDER = ("People", "Organisations", "Places", "Other")
_ENTITIES_SHOWN = 12  # per kind; the rest, named by fewer articles, are folded
_UNKNOWN = "(speaker not found)"


def quotes_section(view: StoryView) -> str:
    """Quotes grouped by speaker, each said once with every article that carries it."""
    quotes = [q for q in getattr(view.story, "quotes", ()) or () if q.article in view.number]
    if not quotes:
        return ""
    groups: dict[str, list[Any]] = defaultdict(list)
    for quote in quotes:
        groups[quote.group or f"{quote.article}-{quote.content}"].append(quote)
    by_speaker: dict[str, list[list[Any]]] = defaultdict(list)
    for members in groups.values():
        speakers = Counter(q.speaker for q in members if q.speaker)
        by_speaker[speakers.most_common(1)[0][0] if speakers else _UNKNOWN].append(members)
    order = sorted(by_speaker, key=lambda s: (s == _UNKNOWN, -sum(map(len, by_speaker[s])), s))
    blocks = []
    for speaker in order:
        items = "".join(_quote_group(view, members) for members in by_speaker[speaker])
        said = len(by_speaker[speaker])
        blocks.append(f"<h3>{escape(speaker)} <span class=\"support\">{counted(said, 'statement')}</span>"
                      f"</h3><ul class=\"plain\">{items}</ul>")
    note = ('<p class="note">Each statement once, as the earliest article in the reader\'s language has '
            "it; the chips are every article that carries it, other wordings are folded below it.</p>")
    return note + "".join(blocks)


def _quote_group(view: StoryView, members: list[Any]) -> str:
    members = sorted(members, key=lambda q: (q.language != view.reader, not q.first, view.number[q.article]))
    main = members[0]
    carriers = sorted({q.article for q in members}, key=view.number.__getitem__)
    chips = "".join(view.chip(a) for a in carriers)
    versions: dict[str, Any] = {}
    for quote in members[1:]:
        versions.setdefault(_said(view, quote), quote)
    versions.pop(_said(view, main), None)
    folded = ""
    if versions:
        rows = "".join(f'<li><span class="said" lang="{escape(q.language)}">{escape(text)}</span>'
                       f"{language_tag(q.language, view.reader)} {view.chip(q.article)}</li>"
                       for text, q in versions.items())
        folded = (f"<details><summary>{counted(len(versions), 'other wording')}"
                  f"</summary><ul>{rows}</ul></details>")
    return (f'<li class="quote"><span class="said" lang="{escape(main.language)}">'
            f"{escape(_said(view, main))}</span>{language_tag(main.language, view.reader)} "
            f'<span class="support">{escape(str(main.kind))} · in '
            f"{counted(len(carriers), 'article')}: {chips}</span>{folded}</li>")


def _said(view: StoryView, quote: Any) -> str:
    start, end = quote.content
    return view.articles[quote.article].text[start:end].strip()


def entities_section(view: StoryView) -> str:
    """The story's people, organisations and places by kind, most widely named first."""
    entities = list(getattr(view.story, "entities", ()) or ())
    if not entities:
        return ""
    by_kind: dict[str, list[Any]] = defaultdict(list)
    for entity in sorted(entities, key=lambda e: (-_named_in(e), e.name)):
        by_kind[_ENTITY_KINDS.get(entity.type, "Other")].append(entity)
    columns = []
    for kind in sorted(by_kind, key=_KIND_ORDER.index):
        shown, rest = by_kind[kind][:_ENTITIES_SHOWN], by_kind[kind][_ENTITIES_SHOWN:]
        items = "".join(_entity(e, len(view.order)) for e in shown)
        folded = (f"<details><summary>{len(rest)} more</summary><ul class=\"plain\">"
                  f"{''.join(_entity(e, len(view.order)) for e in rest)}</ul></details>" if rest else "")
        columns.append(f"<div><h3>{escape(kind)} <span class=\"support\">{len(by_kind[kind])}</span></h3>"
                       f'<ul class="plain">{items}</ul>{folded}</div>')
    return f'<div class="entities">{"".join(columns)}</div>'


def _entity(entity: Any, articles: int) -> str:
    forms = [f for f in entity.surface_forms if f != entity.name]
    also = f" · also {escape(', '.join(forms))}" if forms else ""
    return (f"<li>{escape(entity.name)} <span class=\"support\">in {_named_in(entity)} of {articles}"
            f"{also}</span></li>")


def _named_in(entity: Any) -> int:
    return len(getattr(entity, "articles", ()) or ())


def outlets_section(view: StoryView) -> str:
    """Per outlet: the claims only it has, the claims it lacks, the numbers it states otherwise."""
    if not view.story.outlets or len(view.order) < 2:
        return ""
    blocks = [_outlet(view, d) for d in view.story.outlets if d.article in view.number]
    blocks = [block for block in blocks if block]
    if not blocks:
        return '<p class="note">Every outlet carries the same claims, with the same numbers.</p>'
    note = ('<p class="note">Compared claim by claim with the rest of the story; '
            "“leaves out” quotes the claim as the others state it.</p>")
    return note + "".join(blocks)


def _outlet(view: StoryView, difference: Any) -> str:
    rows = [f'<li><span class="label">adds</span> {view.cite(c, own=True)}</li>'
            for c in difference.additions]
    rows += [f'<li><span class="label">leaves out</span> {view.cite(c)}</li>' for c in difference.omissions]
    rows += [f'<li><span class="label">says</span> {view.cite(mine, own=True)}<br>'
             f'<span class="label">others say</span> {view.cite(theirs)}</li>'
             for mine, theirs in difference.contradictions]
    if not rows:
        return ""
    return f'<h3>{view.chip(difference.article, named=True)}</h3><ul class="diff">{"".join(rows)}</ul>'
