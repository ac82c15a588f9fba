"""Stories in the store: the rows a ``Story`` is saved as, and the typed ``Story`` back from its
stored stories.json object (so live pages use the report's renderer).

``story_from_json(story_json(s))`` equals ``s`` except for each entity's ``mentions``, which
stories.json does not carry (no page shows them).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from newsweave.entities import Entity
from newsweave.records import Article
from newsweave.report.stories_json import story_json
from newsweave.reuse.edges import edge_from_json
from newsweave.reuse.origins import Origin
from newsweave.store.search import fold
from newsweave.store.story_rows import MemberRow, QuoteRow, StoryRow
from newsweave.stories.brief import BriefItem, Cited, OutletDifference
from newsweave.stories.build import Story
from newsweave.stories.who_said import StoryQuote


def story_rows(stories: Sequence[Story], articles: Mapping[str, Article]) -> list[StoryRow]:
    """The rows to save for these stories (``articles`` holds at least their members)."""
    return [_story_row(story, articles) for story in stories]


def _story_row(story: Story, articles: Mapping[str, Article]) -> StoryRow:
    times = sorted(t for t in (utc_time(articles[i].published) for i in story.articles) if t)
    origin_of = {m: origin for origin in story.origins for m in origin.articles}
    members = tuple(MemberRow(i, origin_of[i].id if i in origin_of else f"o-{i}",
                              i not in origin_of or origin_of[i].articles[0] == i)
                    for i in story.articles)
    quotes = tuple(_quote_row(q, articles[q.article]) for q in story.quotes
                   if q.speaker and speaker_key(q.speaker) and q.article in articles)
    return StoryRow(story.id, story.title, times[0] if times else None, times[-1] if times else None,
                    story.independent_origins, story.languages, members, quotes,
                    json.dumps(story_json(story), ensure_ascii=False))


def _quote_row(quote: StoryQuote, article: Article) -> QuoteRow:
    start, end = quote.content
    return QuoteRow(quote.group, quote.speaker or "", speaker_key(quote.speaker or ""), quote.article,
                    quote.language, quote.kind, quote.first, article.text[start:end].strip())


def speaker_key(name: str) -> str:
    """A speaker's key: the name folded (no case, no accents), its words joined by '-'
    ("Edi Rama", "EDI  RAMA" and "Edi Ráma" are one speaker)."""
    return "-".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


def utc_time(value: str | None) -> str | None:
    """An ISO time as UTC ``YYYY-MM-DDTHH:MM:SS+00:00`` (a date alone, or a time without zone,
    taken as UTC), so stored times sort as text; ``None`` for what is not an ISO time."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def story_from_json(data: Mapping[str, Any]) -> Story:
    """The ``Story`` record of a stories.json story object."""
    return Story(
        id=data["id"], title=data["title"], articles=tuple(data["articles"]),
        languages=tuple(data["languages"]),
        origins=tuple(Origin(o["id"], tuple(o["articles"]), tuple(o["cited_as"])) for o in data["origins"]),
        reuse=tuple(edge_from_json(edge) for edge in data["reuse"]),
        related=tuple(data.get("related", ())),
        brief=tuple(_brief_item(item) for item in data.get("brief", ())),
        outlets=tuple(_outlet(o) for o in data.get("outlets", ())),
        timeline=dict(data.get("timeline") or {}),
        quotes=tuple(_quote(q) for q in data.get("quotes", ())),
        entities=tuple(Entity(e["name"], e["type"], tuple(e["surface_forms"]), tuple(e["articles"]), ())
                       for e in data.get("entities", ())),
    )


def _cited(data: Mapping[str, Any]) -> Cited:
    return Cited(data["article"], data["span"][0], data["span"][1], data["language"], data["text"])


def _brief_item(data: Mapping[str, Any]) -> BriefItem:
    return BriefItem(data["text"], data["language"], tuple(data["articles"]),
                     data["independent_support"], _cited(data["sentence"]))


def _outlet(data: Mapping[str, Any]) -> OutletDifference:
    return OutletDifference(
        data["article"], data["source"], tuple(_cited(c) for c in data["additions"]),
        tuple(_cited(c) for c in data["omissions"]),
        tuple((_cited(c["says"]), _cited(c["others_say"])) for c in data["contradictions"]))


def _quote(data: Mapping[str, Any]) -> StoryQuote:
    return StoryQuote(data["group"], data["speaker"], data["article"], data["language"],
                      _pair(data["content"]), data["kind"], _pair(data["speaker_span"]),
                      _pair(data["cue"]), data["first"])


def _pair(value: Sequence[int] | None) -> Any:
    return (value[0], value[1]) if value is not None else None
