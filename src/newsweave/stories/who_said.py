"""Who said what in a story: quotes with resolved speakers, grouped across articles and
languages, and the story's entities.

A quote group is one statement wherever it appears: quotes whose content lies in sentences of
the same claim (sentences linked across articles and languages, see ``claims``) and whose
speakers are the same person (or not a known person on one side: a pronoun the resolver missed,
an organisation). The group's first appearance is its
earliest article. Speaker names are mapped to the entity that has them among its surface forms,
so "Lavrovi" in an Albanian article and "Sergey Lavrov" in an English one are one speaker.
"""

from __future__ import annotations

import logging
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.entities import Entity, link_entities
from newsweave.quotes import Quote, find_quotes
from newsweave.records import Article
from newsweave.reuse.edges import ReuseEdge
from newsweave.sketch import UnionFind
from newsweave.stories.claims import Claim

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class StoryQuote:
    """A quote of one article, with its group across the story."""

    group: str
    speaker: str | None
    article: str
    language: str
    content: tuple[int, int]
    kind: str
    speaker_span: tuple[int, int] | None
    cue: tuple[int, int] | None
    first: bool  # the group's earliest appearance


def _quotes_of(article: Article) -> list[Quote]:
    """The quotes the finder gives one article; a finder error on one text is logged with the
    article's id and leaves that article's quotes out, not the run (the finder is rules over
    hostile text: tests/quotes/test_finder_properties.py searches for such errors)."""
    try:
        return find_quotes(article)
    except Exception:
        log.exception("quotes: the finder failed on article %s; its quotes are left out", article.id)
        return []


def story_entities(articles: Sequence[Article], reuse: Sequence[ReuseEdge] = ()) -> list[Entity]:
    """The people, organisations and places of a story, normalised across languages and
    across translations of their names (through the aligned passages of ``reuse`` edges
    between articles in two languages)."""
    language = {article.id: article.language for article in articles}
    aligned = [((edge.source, *passage.source), (edge.target, *passage.target))
               for edge in reuse if language.get(edge.source, "") != language.get(edge.target, "")
               for passage in edge.passages]
    return link_entities(articles, aligned=aligned)


def story_quotes(articles: Sequence[Article], claims: Sequence[Claim],
                 entities: Sequence[Entity], story_id: str) -> list[StoryQuote]:
    """Quotes of the story's articles (in article order), grouped across articles."""
    speaker_of = _speaker_names(entities)
    claim_of = {key: n for n, claim in enumerate(claims) for key in claim.sentences}
    found = []
    for article in articles:
        starts, ends = [s.start for s in article.sentences], [s.end for s in article.sentences]
        for quote in _quotes_of(article):
            person = _person(quote.speaker, speaker_of) if quote.speaker else None
            claims_of_quote = {claim_of[(article.id, i)] for i in _sentences(starts, ends, quote.content)
                               if (article.id, i) in claim_of}
            found.append((article, quote, person, claims_of_quote))
    groups = _group(found)
    seen: set[int] = set()
    quotes = []
    for index, (article, quote, person, _) in enumerate(found):
        speaker = person or quote.speaker
        group = groups.find(index)
        quotes.append(StoryQuote(f"{story_id}-q{group}", speaker, article.id, article.language,
                                 quote.content, quote.kind, quote.speaker_span, quote.cue,
                                 first=group not in seen))
        seen.add(group)
    return quotes


def _group(found: list) -> UnionFind:
    """Quotes sharing a claim whose speakers agree (or one is no known person) are one statement."""
    groups = UnionFind(range(len(found)))
    by_claim: dict[int, list[int]] = {}
    for index, (_, _, _, claims) in enumerate(found):
        for claim in claims:
            by_claim.setdefault(claim, []).append(index)
    for members in by_claim.values():
        for i in members:
            for j in members:
                a, b = found[i][2], found[j][2]
                if i < j and found[i][0].id != found[j][0].id and (a is None or b is None or a == b):
                    groups.union(i, j)
    return groups


def _speaker_names(entities: Sequence[Entity]) -> dict[str, str]:
    """Every surface form of a person (casefolded) -> the person's canonical name."""
    names = {}
    for entity in entities:
        if entity.type.upper().startswith("PER"):
            for form in (*entity.surface_forms, entity.name):
                names.setdefault(form.casefold(), entity.name)
    return names


def _person(speaker: str, speaker_of: dict[str, str]) -> str | None:
    """The person a speaker name is, also where titles come before the name's known form
    ("Commander Ruvim Ostrakis" -> Ruvim Ostrakis): the longest known tail of its words."""
    words = speaker.casefold().split()
    return next((speaker_of[form] for start in range(len(words))
                 if (form := " ".join(words[start:])) in speaker_of), None)


def _sentences(starts: list[int], ends: list[int], span: tuple[int, int]) -> range:
    """The numbers of the sentences that overlap ``span``, by bisect over the sentences' starts
    and ends (sentences are in text order and do not overlap, as ``split_sentences`` gives them)."""
    return range(bisect_right(ends, span[0]), bisect_left(starts, span[1]))
