"""Stories: articles about one event across languages, with their origins, reuse and relations.

The grouping is the incremental clustering of ``cluster`` over lead vectors (centred by
language over the whole store), names and numbers, and reuse edges; every story-level count
(independent origins, cited origins) is computed here from the groups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import combinations

import numpy as np

from newsweave.entities import Entity
from newsweave.records import Article
from newsweave.reuse.edges import ReuseEdge
from newsweave.reuse.features import ReuseFeatures
from newsweave.reuse.origins import Origin, find_origins
from newsweave.runtime.workers import parallel_map
from newsweave.store import Store
from newsweave.stories.brief import (
    BriefItem,
    OutletDifference,
    StoryText,
    build_brief,
    outlet_differences,
    timeline,
)
from newsweave.stories.claims import MAX_ARTICLES, find_claims
from newsweave.stories.cluster import ClusterInput, cluster
from newsweave.stories.similarity import LanguageCentres
from newsweave.stories.who_said import StoryQuote, story_entities, story_quotes
from newsweave.vectors.sentences import SentenceVectors

# Names groups of article ids (earliest first): one story id each (``stories.ids.name_groups``).
NameStories = Callable[[list[list[str]]], Sequence[str]]
# Two stories are related (same actors, another event) when they share this many main actors
# (names held by at least half of a story's articles), and this share of the smaller set.
RELATED_SHARED_ACTORS = 3
RELATED_SHARED_SHARE = 0.2
COMMON_ACTOR_STORIES = 500


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles with the origins and reuse edges inside it."""

    id: str
    title: str | None
    articles: tuple[str, ...]
    languages: tuple[str, ...]
    origins: tuple[Origin, ...]
    reuse: tuple[ReuseEdge, ...]
    related: tuple[str, ...] = ()
    brief: tuple[BriefItem, ...] = ()
    outlets: tuple[OutletDifference, ...] = ()
    timeline: dict = field(default_factory=dict)
    quotes: tuple[StoryQuote, ...] = ()
    entities: tuple[Entity, ...] = ()

    @property
    def independent_origins(self) -> int:
        return len(self.origins)


def group_articles(articles: Sequence[Article], edges: Sequence[ReuseEdge],
                   centred: dict[str, np.ndarray],
                   features: dict[str, ReuseFeatures]) -> list[list[str]]:
    """Cluster the articles into stories (same result for any input order)."""
    reuse: dict[str, dict[str, str]] = {a.id: {} for a in articles}
    for edge in edges:
        if edge.source in reuse and edge.target in reuse:
            reuse[edge.source][edge.target] = edge.kind
            reuse[edge.target][edge.source] = edge.kind
    return cluster(ClusterInput(a.id, centred[a.id], a.published, reuse[a.id], features[a.id].names)
                   for a in articles)


def build_stories(articles: Sequence[Article], edges: Sequence[ReuseEdge],
                  features: dict[str, ReuseFeatures], centred: dict[str, np.ndarray],
                  sentence_vectors: SentenceVectors | None = None,
                  reader_language: str = "en", name: NameStories | None = None) -> list[Story]:
    """Stories with their origins, reuse, title and related stories, largest first; with
    ``sentence_vectors``, also their brief (in ``reader_language`` where a sentence is), per-outlet
    differences and timeline. ``name`` gives the groups (article ids, earliest first) their ids
    (default: ``s-<earliest article id>``)."""
    stories = group_stories(articles, edges, features, centred, name)
    if sentence_vectors is not None:
        stories = brief_stories(stories, articles, sentence_vectors, reader_language)
    return largest_first(stories)


def group_stories(articles: Sequence[Article], edges: Sequence[ReuseEdge],
                  features: dict[str, ReuseFeatures], centred: dict[str, np.ndarray],
                  name: NameStories | None = None) -> list[Story]:
    """The stories of ``build_stories`` without their briefs, quotes and entities."""
    by_id = {article.id: article for article in articles}
    most_common = Counter(article.language for article in articles).most_common(1)
    main_language = most_common[0][0] if most_common else None
    groups = group_articles(articles, edges, centred, features)
    ordered = [sorted((by_id[i] for i in members), key=_order) for members in groups]
    ids = (name([[a.id for a in group] for group in ordered]) if name is not None
           else [f"s-{group[0].id}" for group in ordered])
    stories = []
    for group, reuse, story_id in zip(ordered, _edges_inside(groups, edges), ids, strict=True):
        stories.append(Story(
            id=story_id,
            title=_central_title(group, centred, main_language),
            articles=tuple(a.id for a in group),
            languages=tuple(sorted({a.language for a in group})),
            origins=tuple(find_origins(group, reuse, features)),
            reuse=reuse,
        ))
    return _link_related(stories, features)


def brief_stories(stories: Sequence[Story], articles: Sequence[Article],
                  sentence_vectors: SentenceVectors, reader_language: str = "en",
                  on_briefed: Callable[[int], None] | None = None) -> list[Story]:
    """The stories with their brief, outlet differences, timeline, quotes and entities, in
    worker processes; ``on_briefed(1)`` after each (a progress bar)."""
    by_id = {article.id: article for article in articles}
    compared = [_claim_articles(story, by_id) for story in stories]
    sentence_vectors.prefetch(group for group in compared if len(group) > 1)
    jobs = [(story, [by_id[i] for i in story.articles], sentence_vectors.holding(group), reader_language)
            for story, group in zip(stories, compared, strict=True)]
    briefed = []
    for story in parallel_map(_briefed, jobs):
        briefed.append(story)
        if on_briefed is not None:
            on_briefed(1)
    return briefed


def largest_first(stories: Sequence[Story]) -> list[Story]:
    """Stories in the order they are listed: most articles first, then by id."""
    return sorted(stories, key=lambda s: (-len(s.articles), s.id))


def _edges_inside(groups: list[list[str]], edges: Sequence[ReuseEdge]) -> list[tuple[ReuseEdge, ...]]:
    """The reuse edges between members of each group, in the order of ``edges``."""
    group_of = {member: index for index, members in enumerate(groups) for member in members}
    inside: list[list[ReuseEdge]] = [[] for _ in groups]
    for edge in edges:
        source = group_of.get(edge.source)
        if source is not None and source == group_of.get(edge.target):
            inside[source].append(edge)
    return [tuple(found) for found in inside]


def _claim_articles(story: Story, by_id: dict[str, Article]) -> list[Article]:
    """The articles whose sentences the story's claims compare."""
    return [by_id[i] for i in story.articles[:MAX_ARTICLES]]


def _briefed(job: tuple[Story, list[Article], SentenceVectors, str]) -> Story:
    """A story with its brief, outlet differences, timeline, entities and quotes (a job that a
    worker process can take: the story's articles and sentence vectors come with it)."""
    story, articles, sentence_vectors, reader_language = job
    origin_of = {member: origin.id for origin in story.origins for member in origin.articles}
    compared = articles[:MAX_ARTICLES]
    claims = find_claims(compared, sentence_vectors.space(a.language for a in compared), origin_of,
                         story.reuse)
    text = StoryText(compared)
    entities = story_entities(articles, story.reuse)
    return replace(story, brief=tuple(build_brief(text, claims, reader_language)),
                   outlets=tuple(outlet_differences(text, claims)), timeline=timeline(articles),
                   entities=tuple(entities),
                   quotes=tuple(story_quotes(compared, claims, entities, story.id)))


def centred_vectors(articles: Sequence[Article], vectors: dict[str, np.ndarray],
                    languages: dict[str, str]) -> dict[str, np.ndarray]:
    """The articles' lead vectors, centred by language means fitted on ``vectors``."""
    ids = [i for i in vectors if i in languages]
    centres = LanguageCentres.fit([vectors[i] for i in ids], [languages[i] for i in ids])
    return {a.id: centres.centre(vectors[a.id], a.language) for a in articles}


def store_centres(store: Store, model: str) -> LanguageCentres:
    """Language means over every lead vector the store keeps, from its running sums."""
    return LanguageCentres.from_sums(store.lead_sums(model))


def _order(article: Article) -> tuple[str, str]:
    return (article.published or "9999", article.id)


def _central_title(group: Sequence[Article], centred: dict[str, np.ndarray],
                   language: str | None) -> str | None:
    """The headline of the member nearest the story's centre, preferring the main language."""
    titled = [a for a in group if a.title and a.language == language] or [a for a in group if a.title]
    if not titled:
        return None
    centre = np.mean([centred[a.id] for a in group], axis=0)
    return max(titled, key=lambda a: (float(centred[a.id] @ centre), -group.index(a))).title


def _actors(story: Story, features: dict[str, ReuseFeatures]) -> set[str]:
    """The story's main actors: names held by at least half of its articles, most held first."""
    counts = Counter(name for i in story.articles for name in features[i].names if not name.isdigit())
    needed = max(1, len(story.articles) / 2)
    return {name for name, count in counts.items() if count >= needed}


def _link_related(stories: list[Story], features: dict[str, ReuseFeatures]) -> list[Story]:
    """Link, both ways, stories that share main actors (same people, another event).

    Candidate pairs come from an index of actors, so the cost grows with the pairs that share
    one, not with the square of the stories; an actor of more than ``COMMON_ACTOR_STORIES``
    stories (a country, a head of state over a year of news) proposes no pairs, though it
    counts among the actors a proposed pair shares."""
    actors = [_actors(story, features) for story in stories]
    holders: dict[str, list[int]] = defaultdict(list)
    for index, names in enumerate(actors):
        for name in names:
            holders[name].append(index)
    candidates = {pair for indices in holders.values() if len(indices) <= COMMON_ACTOR_STORIES
                  for pair in combinations(indices, 2)}
    related: dict[int, list[str]] = {i: [] for i in range(len(stories))}
    for i, j in candidates:
        shared = len(actors[i] & actors[j])
        smaller = min(len(actors[i]), len(actors[j])) or 1
        if shared >= RELATED_SHARED_ACTORS and shared / smaller >= RELATED_SHARED_SHARE:
            related[i].append(stories[j].id)
            related[j].append(stories[i].id)
    return [replace(story, related=tuple(sorted(related[i]))) for i, story in enumerate(stories)]
