"""The story brief and what each outlet added, left out or contradicted.

The brief is made of the claims that best cover the story: most independent support first,
without repeating a claim, then told in the order the earliest report tells them. Each item is
written from a sentence in the reader's language where one exists, else the original sentence
with its language marked: no machine translation ships offline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.records import Article
from newsweave.stories.claims import Claim, numbers_in

BRIEF_ITEMS = 8
_MIN_WORDS = 6  # shorter sentences (datelines, labels) make poor claims
# A claim that at least this share of the other articles carry is expected in each of them.
OMISSION_SHARE = 0.6


@dataclass(frozen=True, slots=True)
class Cited:
    """A sentence as evidence: which article, where, in what language, what it says."""

    article: str
    start: int
    end: int
    language: str
    text: str


@dataclass(frozen=True, slots=True)
class BriefItem:
    """One cited item of the brief."""

    text: str
    language: str
    articles: tuple[str, ...]
    independent_support: int
    sentence: Cited


@dataclass(frozen=True, slots=True)
class OutletDifference:
    """What one article says that others do not, leaves out, or says otherwise."""

    article: str
    source: str | None
    additions: tuple[Cited, ...]
    omissions: tuple[Cited, ...]  # the claim as others state it
    contradictions: tuple[tuple[Cited, Cited], ...]  # (this article's sentence, the others')


class StoryText:
    """Sentence lookup for one story's articles."""

    def __init__(self, articles: Sequence[Article]) -> None:
        self.articles = {a.id: a for a in articles}
        self.order = {a.id: n for n, a in enumerate(articles)}

    def cite(self, key: tuple[str, int]) -> Cited:
        article = self.articles[key[0]]
        sentence = article.sentences[key[1]]
        return Cited(article.id, sentence.start, sentence.end, sentence.language,
                     article.text[sentence.start : sentence.end])

    def words(self, key: tuple[str, int]) -> int:
        return len(self.cite(key).text.split())


_TERMINAL = frozenset(".!?…。！？")
_CLOSING = "\"'”’»)]」』 "


def build_brief(text: StoryText, claims: Sequence[Claim], reader_language: str = "en",
                items: int = BRIEF_ITEMS) -> list[BriefItem]:
    """The brief: the best-supported claims, in the order the story tells them, each cited from
    a sentence in ``reader_language`` where one states it."""
    usable = [c for c in claims if any(_complete(text.cite(k).text) for k in c.sentences)]
    ranked = sorted(usable, key=lambda c: (-c.independent_support, -len(c.articles),
                                           _first(text, c)))[:items]
    brief = []
    for claim in sorted(ranked, key=lambda c: _first(text, c)):
        cited = _representative(text, claim, reader_language)
        brief.append(BriefItem(cited.text, cited.language, claim.articles, claim.independent_support,
                               cited))
    return brief


def outlet_differences(text: StoryText, claims: Sequence[Claim]) -> list[OutletDifference]:
    """Additions, omissions and contradictions of each article against the rest of its story."""
    differences = []
    others = len(text.articles) - 1
    for article in text.articles.values():
        additions = tuple(text.cite(c.sentences[0]) for c in claims
                          if c.articles == (article.id,) and text.words(c.sentences[0]) >= _MIN_WORDS
                          and others > 0)
        omissions = tuple(
            _representative(text, c, article.language) for c in claims
            if article.id not in c.articles and others > 0 and len(c.articles) >= 2
            and len(c.articles) / others >= OMISSION_SHARE)
        contradictions = tuple(filter(None, (_contradiction(text, c, article.id) for c in claims)))
        differences.append(OutletDifference(article.id, article.source, additions, omissions,
                                            contradictions))
    return differences


def timeline(articles: Sequence[Article]) -> dict:
    """First and last report, and each outlet's reports in time order."""
    dated = sorted((a for a in articles if a.published), key=lambda a: a.published)
    reports = [{"article": a.id, "source": a.source, "published": a.published} for a in dated]
    return {"first": dated[0].published if dated else None,
            "last": dated[-1].published if dated else None, "reports": reports}


def _contradiction(text: StoryText, claim: Claim, article_id: str) -> tuple[Cited, Cited] | None:
    """This article's sentence of the claim and the majority's, when their numbers differ."""
    mine = [k for k in claim.sentences if k[0] == article_id]
    theirs = [k for k in claim.sentences if k[0] != article_id]
    if not mine or not theirs:
        return None
    numbers = Counter(numbers_in(text.cite(k).text) for k in theirs)
    majority, _ = numbers.most_common(1)[0]
    for key in mine:
        own = numbers_in(text.cite(key).text)
        if own and majority and own - majority and majority - own:
            example = next(k for k in theirs if numbers_in(text.cite(k).text) == majority)
            return text.cite(key), text.cite(example)
    return None


def _first(text: StoryText, claim: Claim) -> tuple[int, int]:
    return min((text.order[k[0]], k[1]) for k in claim.sentences)


def _representative(text: StoryText, claim: Claim, language: str) -> Cited:
    """The claim's sentence in ``language`` from the earliest article, else its earliest one;
    complete sentences first (a heading or a fragment cut by the page's own punctuation reads
    badly as a point of the brief)."""
    keys = sorted(claim.sentences, key=lambda k: (text.order[k[0]], k[1]))
    cited = [text.cite(k) for k in keys]
    ranked = sorted(cited, key=lambda c: (c.language != language, not _complete(c.text)))
    return next((c for c in ranked if len(c.text.split()) >= _MIN_WORDS), cited[0])


def _complete(sentence: str) -> bool:
    """Long enough, and starts and ends as a sentence does: not lower case at the start (scripts
    without case pass), terminal punctuation at the end."""
    stripped = sentence.strip()
    return (len(stripped.split()) >= _MIN_WORDS and not stripped[0].islower()
            and stripped.rstrip(_CLOSING)[-1:] in _TERMINAL)
