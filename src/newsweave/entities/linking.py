"""Entities across a corpus: one canonical name per person, organisation or place.

Two passes over the articles: the first tags each article alone and grows a gazetteer from what
it found (a name after a title is a person everywhere); the second finds those names wherever
they occur and takes their corpus-wide type. Mentions are then joined by key (case, diacritics,
script and Albanian/German/Russian case endings ignored), by the exonym table ("Pekin" =
Beijing), by acronyms ("Shanghai Cooperation Organization (SCO)", or initials that match one long
form in the corpus), for people by family name ("Lavrov" = "Sergei Lavrov" = "Sergey
Lavrov": first names may be left out, initials or a transliteration may differ), and, given
passages that translate each other (a story's reuse evidence), by translation ("Maritime
Accident Board" = "Bordi i Aksidenteve Detare").
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations

from newsweave.entities.canonical import (
    acronym_of,
    edit_distance,
    exonym_of,
    hyphen_base,
    name_tokens,
    token_variants,
)
from newsweave.entities.gazetteer import EVIDENCE_WEIGHT, Gazetteer, exonym_type
from newsweave.entities.mentions import ENTITY_TYPES, Mention, mentions_of, tag_article
from newsweave.entities.model import EntityTagger
from newsweave.records import Article
from newsweave.sketch.unionfind import UnionFind

# Forms seen less than this share of a cluster's most frequent form are not candidates for its
# name (one mis-cut span must not name the entity).
_NAME_MIN_SHARE = 0.1
# First names of one person spelled differently ("Sergei"/"Sergey", "Vladimir"/"Wladimir").
_FIRST_NAME_DISTANCE = 2
_ACRONYM_MAX = 6
# Passage pairs that must agree before two names are taken for translations of each other.
_TRANSLATION_VOTES = 2
Passage = tuple[str, int, int]  # (article id, start, end): characters of the article's text
_ACRONYM_AFTER = re.compile(r"\s*\(\s*([^\W\d_][\w&.-]{1,9})\s*\)")


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place with every form and place it was named in.

    ``mentions`` are ``(article_id, start, end)`` character spans of each article's text.
    """

    name: str
    type: str
    surface_forms: tuple[str, ...]
    articles: tuple[str, ...]
    mentions: tuple[tuple[str, int, int], ...]


@dataclass(frozen=True, slots=True)
class _Record:
    article_id: str
    language: str
    mention: Mention
    tokens: tuple[str, ...]


def link_entities(articles: Sequence[Article], *, tagger: EntityTagger | None = None,
                  aligned: Iterable[tuple[Passage, Passage]] = ()) -> list[Entity]:
    """The entities a corpus names, each with its canonical name and all its forms.

    Args:
        articles: cleaned articles (with language and sentences, as ``build_article`` makes).
        tagger: another trained tagger (default: the shipped one).
        aligned: pairs of passages, ``(article id, start, end)`` each, that translate each
            other (the evidence of reuse edges): names translated in them are joined.

    Returns:
        Entities, most mentioned first. Names prefer the longest frequent form in the corpus's
        main language.

    Example:
        >>> from newsweave.records import Article
        >>> docs = [Article("a", "President Xi Jinping met Sergei Lavrov.", "text"),
        ...         Article("b", "Xi said Lavrov was welcome.", "text")]
        >>> [(e.name, e.type, len(e.mentions)) for e in link_entities(docs)]
        [('Sergei Lavrov', 'PER', 2), ('Xi Jinping', 'PER', 2)]
    """
    tagged = [tag_article(article, tagger) for article in articles]
    gazetteer = Gazetteer.seeded()
    for article, text in zip(articles, tagged, strict=True):
        for mention in mentions_of(text, types=(*ENTITY_TYPES, "MISC")):
            gazetteer.add(mention.text, mention.type, mention.evidence, article.language)
    records, pairs = [], []
    for article, text in zip(articles, tagged, strict=True):
        mentions = mentions_of(text, gazetteer)
        found, acronyms = _acronyms(article, mentions)
        records.extend(_record(article, mention) for mention in [*mentions, *found])
        pairs.extend(acronyms)
    return _Linker(records, _main_language(articles, records)).entities(pairs, aligned)


def _record(article: Article, mention: Mention) -> _Record:
    return _Record(article.id, article.language, mention, name_tokens(hyphen_base(mention.text)))


def _main_language(articles: Sequence[Article], records: Iterable[_Record]) -> str:
    """The language most articles are in (ties: the one with more mentions)."""
    by_article = Counter(article.language for article in articles)
    by_mention = Counter(record.language for record in records)
    return max(by_article, key=lambda lang: (by_article[lang], by_mention[lang], lang), default="und")


def _acronyms(article: Article, mentions: list[Mention]) -> tuple[list[Mention], list[tuple[str, str]]]:
    """"Long Form (ACR)" in the text: the acronym as a mention (if the tagger missed it), and
    the (long form, acronym) pair."""
    spans = {m.span for m in mentions}
    added, pairs = [], []
    for mention in mentions:
        match = _ACRONYM_AFTER.match(article.text, mention.end)
        if not match or mention.type == "PER":
            continue
        acronym = match.group(1)
        if sum(ch.isupper() for ch in acronym) < 2 or not _abbreviates(acronym, mention.text):
            continue
        pairs.append((mention.text, acronym))
        if match.span(1) not in spans:
            added.append(Mention(*match.span(1), acronym, mention.type, "acronym"))
    return added, pairs


def _abbreviates(acronym: str, long_form: str) -> bool:
    """True when the acronym's letters are the long form's initials, in order, from the first."""
    letters = [ch for ch in acronym.casefold() if ch.isalnum()]
    initials = acronym_of(name_tokens(long_form))
    if not letters or not initials or letters[0] != initials[0]:
        return False
    position = 0
    for letter in letters:
        position = initials.find(letter, position) + 1
        if position == 0:
            return False
    return True


class _Linker:
    """Joins the records' name keys into entities (union-find over keys)."""

    def __init__(self, records: list[_Record], main_language: str) -> None:
        self.records = records
        self.main_language = main_language
        self.token_rep = self._token_representatives()
        self.keys = [tuple(self.token_rep[t] for t in record.tokens) for record in records]
        self.sets: UnionFind = UnionFind()
        for key in self.keys:
            self.sets.find(key)

    def _token_representatives(self) -> dict[str, str]:
        """Each key token mapped to one spelling of its inflection group ("lavrovit" -> "lavrov")."""
        counts: Counter[str] = Counter()
        languages: dict[str, set[str]] = defaultdict(set)
        for record in self.records:
            main = record.language == self.main_language
            for token in record.tokens:
                counts[token] += 2 if main else 1
                languages[token].add(record.language)
        groups: UnionFind = UnionFind()
        owner: dict[str, str] = {}
        for token in sorted(counts):
            groups.find(token)
            for language in languages[token]:
                for variant in token_variants(token, language):
                    groups.union(token, owner.setdefault(variant, token))
        best: dict[object, str] = {}
        for token in counts:
            root = groups.find(token)
            if root not in best or (counts[token], -len(token)) > (counts[best[root]], -len(best[root])):
                best[root] = token
        return {token: best[groups.find(token)] for token in counts}

    def entities(self, acronym_pairs: list[tuple[str, str]],
                 aligned: Iterable[tuple[Passage, Passage]] = ()) -> list[Entity]:
        exonyms = self._join_exonyms()
        self._join_acronyms(acronym_pairs)
        types = self._types(exonyms)
        self._join_people(types)
        self._join_translations(aligned, self._types(exonyms))
        types = self._types(exonyms)
        clusters: dict[object, list[int]] = defaultdict(list)
        for i, key in enumerate(self.keys):
            clusters[self.sets.find(key)].append(i)
        entities = [self._entity(members, types[root]) for root, members in clusters.items()]
        return sorted(entities, key=lambda e: (-len(e.mentions), e.name))

    def _join_exonyms(self) -> dict[object, str]:
        """Keys naming a major place or organisation joined under its English name."""
        found: dict[object, str] = {}
        for record, key in zip(self.records, self.keys, strict=True):
            canonical = exonym_of(record.tokens, record.language) or exonym_of(key, record.language)
            if canonical:
                self.sets.union(("#exonym", canonical), key)
                found[("#exonym", canonical)] = canonical
        return {self.sets.find(node): canonical for node, canonical in found.items()}

    def _join_acronyms(self, pairs: list[tuple[str, str]]) -> None:
        for long_form, acronym in pairs:
            self.sets.union(self._key(long_form), self._key(acronym))
        # Initials join only within a language: a Spanish "Consejo Directivo Universitario" is
        # not the German CDU.
        long_forms: dict[tuple[str, str], set[object]] = defaultdict(set)
        for record, key in zip(self.records, self.keys, strict=True):
            if len(key) > 1 and record.mention.type == "ORG":
                long_forms[acronym_of(key), record.language].add(self.sets.find(key))
        for record, key in zip(self.records, self.keys, strict=True):
            text = record.mention.text
            if len(key) == 1 and text.isupper() and 2 <= len(text) <= _ACRONYM_MAX:
                roots = long_forms.get((key[0], record.language), set())
                if len(roots) == 1:
                    self.sets.union(key, next(iter(roots)))

    def _key(self, surface: str) -> tuple[str, ...]:
        key = tuple(self.token_rep.get(t, t) for t in name_tokens(hyphen_base(surface)))
        self.sets.find(key)
        return key

    def _types(self, exonyms: dict[object, str]) -> dict[object, str]:
        """Each cluster's type: the weighted vote of its mentions (exonyms count for their table type)."""
        votes: dict[object, Counter[str]] = defaultdict(Counter)
        for record, key in zip(self.records, self.keys, strict=True):
            root = self.sets.find(key)
            votes[root][record.mention.type] += max(1, EVIDENCE_WEIGHT.get(record.mention.evidence, 1))
        for node, canonical in exonyms.items():
            cluster = votes[self.sets.find(node)]
            cluster[exonym_type(canonical)] += 3 * sum(cluster.values())  # the table outvotes the rest
        return {root: counter.most_common(1)[0][0] for root, counter in votes.items()}

    def _join_people(self, types: dict[object, str]) -> None:
        """Family-name joins: "Lavrov" -> "Sergei Lavrov"; "Sergey Lavrov" = "Sergei Lavrov"."""
        people = {key for key in set(self.keys) if types.get(self.sets.find(key)) == "PER"}
        weight = Counter(self.keys)
        by_last: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        by_first: dict[str, list[tuple[str, ...]]] = defaultdict(list)
        for key in sorted(people):
            if len(key) > 1:
                by_last[key[-1]].append(key)
                by_first[key[0]].append(key)
        for keys in by_last.values():
            for a, b in combinations(keys, 2):
                if _same_first_name(a[0], b[0]):
                    self.sets.union(a, b)
        for key in sorted(k for k in people if len(k) == 1):
            candidates = by_last.get(key[0]) or by_first.get(key[0]) or []
            if candidates:
                self.sets.union(key, max(candidates, key=lambda k: (weight[k], k)))

    def _join_translations(self, aligned: Iterable[tuple[Passage, Passage]],
                           types: dict[object, str]) -> None:
        """Names translated, not spelled alike ("Maritime Accident Board" / "Bordi i
        Aksidenteve Detare"): where two passages that translate each other each hold one name
        of a type, that pair of names gets a vote. Two names are one when each is the other's
        most voted partner, with at least _TRANSLATION_VOTES votes (a translation may leave a
        name out, and one passage pair then matches two different names)."""
        votes = self._translation_votes(aligned, types)
        partners: dict[object, Counter[object]] = defaultdict(Counter)
        for (a, b), count in votes.items():
            partners[a][b] = partners[b][a] = count

        def best(name: object) -> object:  # ties go to the larger repr, alike in every process
            return max(partners[name].items(), key=lambda item: (item[1], repr(item[0])))[0]

        for (a, b), count in sorted(votes.items(), key=repr):
            if count >= _TRANSLATION_VOTES and best(a) == b and best(b) == a:
                self.sets.union(a, b)

    def _translation_votes(self, aligned: Iterable[tuple[Passage, Passage]],
                           types: dict[object, str]) -> Counter[tuple[object, object]]:
        """Votes for pairs of names (cluster roots) that are the one name of their type in two
        passages that translate each other."""
        in_article: dict[str, list[tuple[int, int, object]]] = defaultdict(list)
        for record, key in zip(self.records, self.keys, strict=True):
            in_article[record.article_id].append((record.mention.start, record.mention.end,
                                                  self.sets.find(key)))

        def names_in(passage: Passage) -> dict[str, set[object]]:
            article, start, end = passage
            found: dict[str, set[object]] = defaultdict(set)
            for first, last, root in in_article.get(article, ()):
                if start <= first and last <= end:
                    found[types[root]].add(root)
            return found

        votes: Counter[tuple[object, object]] = Counter()
        for source, target in aligned:
            there = names_in(target)
            for kind, roots in names_in(source).items():
                other = there.get(kind, set())
                if len(roots) == len(other) == 1 and roots != other:
                    votes[tuple(sorted((*roots, *other), key=repr))] += 1
        return votes

    def _entity(self, members: list[int], kind: str) -> Entity:
        records = [self.records[i] for i in members]
        surfaces = Counter(record.mention.text for record in records)
        mentions = sorted((r.article_id, r.mention.start, r.mention.end) for r in records)
        articles = tuple(dict.fromkeys(article for article, _, _ in mentions))
        return Entity(self._name(records), kind, tuple(s for s, _ in surfaces.most_common()),
                      articles, tuple(mentions))

    def _name(self, records: list[_Record]) -> str:
        """The longest frequent form in the main language (any language if it has none)."""
        chosen = [r for r in records if r.language == self.main_language] or records
        forms: Counter[str] = Counter()
        spelling: dict[str, Counter[str]] = defaultdict(Counter)
        for record in chosen:
            display = " ".join(hyphen_base(record.mention.text).split())
            forms[display.casefold()] += 1
            spelling[display.casefold()][display] += 1
        top = max(forms.values())
        # All-capital forms ("REPP TAYYIP ERDOGAN" from a headline) name an entity only when
        # nothing else does; short acronyms are exempt.
        best = max((form for form, count in forms.items() if count >= _NAME_MIN_SHARE * top),
                   key=lambda form: (_mixed_case(spelling[form]), len(name_tokens(form)), forms[form],
                                     len(form), form))
        return _preferred_spelling(spelling[best])


def _mixed_case(spellings: Counter[str]) -> bool:
    return any(not s.isupper() or len(s) <= _ACRONYM_MAX for s in spellings)


def _preferred_spelling(spellings: Counter[str]) -> str:
    """The most frequent spelling, mixed case before all capitals ("Beijing" over "BEIJING")."""
    return max(spellings, key=lambda s: (not s.isupper() or len(s) <= _ACRONYM_MAX, spellings[s], s))


def _same_first_name(a: str, b: str) -> bool:
    if a == b:
        return True
    if a[0] != b[0]:
        return False
    return min(len(a), len(b)) == 1 or edit_distance(a, b) <= _FIRST_NAME_DISTANCE
