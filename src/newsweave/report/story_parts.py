"""What the story page's later sections show, worked out for the templates: quotes by speaker,
entities by kind, and what each outlet added, left out or contradicted. A story without quotes
or entities (an older Story, or a stage that found none) shows no section for them."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from newsweave.report.view import StoryView

_ENTITY_KINDS = {"PER": "People", "ORG": "Organisations", "LOC": "Places", "GPE": "Places"}
_KIND_ORDER = ("People", "Organisations", "Places", "Other")
_ENTITIES_SHOWN = 12  # per kind; the rest, named by fewer articles, are folded
_UNKNOWN = "(speaker not found)"


@dataclass(frozen=True, slots=True)
class QuoteGroup:
    """One statement: its main wording (``said``, from ``main``), the articles that carry it in
    page order, and its other wordings with a quote that has each."""

    main: Any
    said: str
    carriers: tuple[str, ...]
    versions: tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Speaker:
    """A speaker's statements; ``known`` is False for the quotes whose speaker was not found."""

    name: str
    known: bool
    groups: tuple[QuoteGroup, ...]


@dataclass(frozen=True, slots=True)
class EntityItem:
    """An entity as listed: its name, the other forms it appears as, in how many articles."""

    name: str
    also: tuple[str, ...]
    named_in: int


@dataclass(frozen=True, slots=True)
class EntityKind:
    """People, organisations, places or other: the first few shown, the rest folded."""

    name: str
    total: int
    shown: tuple[EntityItem, ...]
    rest: tuple[EntityItem, ...]


def speakers(view: StoryView) -> list[Speaker]:
    """Quotes grouped by speaker, each statement once with every article that carries it; most
    quoted speaker first, the unknown one last."""
    quotes = [q for q in getattr(view.story, "quotes", ()) or () if q.article in view.number]
    groups: dict[str, list[Any]] = defaultdict(list)
    for quote in quotes:
        groups[quote.group or f"{quote.article}-{quote.content}"].append(quote)
    by_speaker: dict[str, list[list[Any]]] = defaultdict(list)
    for members in groups.values():
        named = Counter(q.speaker for q in members if q.speaker)
        by_speaker[named.most_common(1)[0][0] if named else _UNKNOWN].append(members)
    order = sorted(by_speaker, key=lambda s: (s == _UNKNOWN, -sum(map(len, by_speaker[s])), s))
    return [Speaker(name, name != _UNKNOWN, tuple(_quote_group(view, m) for m in by_speaker[name]))
            for name in order]


def _quote_group(view: StoryView, members: list[Any]) -> QuoteGroup:
    members = sorted(members, key=lambda q: (q.language != view.reader, not q.first, view.number[q.article]))
    main = members[0]
    versions: dict[str, Any] = {}
    for quote in members[1:]:
        versions.setdefault(_said(view, quote), quote)
    versions.pop(_said(view, main), None)
    carriers = sorted({q.article for q in members}, key=view.number.__getitem__)
    return QuoteGroup(main, _said(view, main), tuple(carriers), tuple(versions.items()))


def _said(view: StoryView, quote: Any) -> str:
    start, end = quote.content
    return view.articles[quote.article].text[start:end].strip()


def entity_kinds(view: StoryView) -> list[EntityKind]:
    """The story's people, organisations and places by kind, most widely named first."""
    by_kind: dict[str, list[EntityItem]] = defaultdict(list)
    entities = list(getattr(view.story, "entities", ()) or ())
    for entity in sorted(entities, key=lambda e: (-_named_in(e), e.name)):
        also = tuple(f for f in entity.surface_forms if f != entity.name)
        item = EntityItem(entity.name, also, _named_in(entity))
        by_kind[_ENTITY_KINDS.get(entity.type, "Other")].append(item)
    return [EntityKind(kind, len(items), tuple(items[:_ENTITIES_SHOWN]), tuple(items[_ENTITIES_SHOWN:]))
            for kind, items in sorted(by_kind.items(), key=lambda pair: _KIND_ORDER.index(pair[0]))]


def _named_in(entity: Any) -> int:
    return len(getattr(entity, "articles", ()) or ())


def outlet_differences(view: StoryView) -> list[Any] | None:
    """The outlets that add, leave out or contradict something, in the story's order; None when
    there is nothing to compare (no differences worked out, or a single article)."""
    if not view.story.outlets or len(view.order) < 2:
        return None
    return [d for d in view.story.outlets
            if d.article in view.number and (d.additions or d.omissions or d.contradictions)]
