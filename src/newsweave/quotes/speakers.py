"""Speakers: person mentions of a text, and the name a source mention stands for.

There is no named-entity model for most of our languages, so a person mention is a run of
capitalised words that looks like a person: it carries a title or honorific ("Foreign Minister
Wang Yi", "Herr Schmidt", "presidenti Xi"), or has two or more words and no organisation word
("Sergei Lavrov", not "Great Hall"), or is one word that is part of such a name elsewhere in the
text ("Xi", "Lavrov", also inflected: "Lavrovi"), or stands right before a reporting verb.
A source mention is resolved by a small salience model:

- a pronoun ("he", "sie", "ai") -> the subject (first person mention) of its own sentence before
  it, else of the nearest earlier sentence that has one, else the previous quote's speaker;
  mentions inside quotation marks are skipped and a gender known from an honorific or a title
  must not contradict the pronoun's;
- a title without a name ("the minister", "ministri") -> the most recent mention with that title;
- a name -> its fullest form in the text ("Xi" -> "Xi Jinping"), with Albanian case endings
  taken off where the base form is also in the text ("Lavrovi", "Lavrovit" -> "Lavrov") or
  after a hyphen ("Xi Jinping-u" -> "Xi Jinping");
- anything else (a group, "the police", "experts") -> the mention's own words.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from newsweave.quotes.cues import ACCORDING, CUE, PRONOUN, TITLE, Lexicon, word_set
from newsweave.quotes.features import Analysis

# Lower-case words allowed inside a name ("Ursula von der Leyen", "Osama bin Laden").
_PARTICLES = frozenset({"von", "van", "der", "de", "den", "la", "le", "di", "da", "del", "dos", "bin",
                        "al", "el", "ibn", "zu", "ten", "ter"})
# Capitalised words that start sentences or name times often enough to never be a name.
_NOT_NAMES = word_set("""the a an this that these those he she it they we i you his her their our in
    on at for from with by as but and or if when while after before since during however der die das
    ein eine er sie es wir ich im am auf bei mit nach von vor zu und oder aber le la les il elle un
    une el los las en y pero lo gli lui lei ai ajo ata në të me dhe monday tuesday wednesday
    thursday friday saturday sunday january february march april may june july august september
    october november december montag dienstag mittwoch donnerstag freitag samstag sonntag januar
    februar märz juni juli oktober dezember""")
# Words that make a capitalised run an organisation or a place rather than a person.
_ORGANISATION_WORDS = word_set("""hall organization organisation university institute ministry party
    council committee agency news times post academy bank association union court house department
    office republic kingdom states nations security initiative forum center centre group company
    corporation inc corp ltd airlines airport station school college foundation church army navy
    force forces police service services media network press journal daily television radio tv club
    team league federation commission parliament senate congress government administration city
    county province region river sea ocean street square cooperation relations affairs global south
    north east west people's""")
# Albanian case endings of a name ("Lavrovi", "Lavrovit", "Lavrovin"), longest first.
_SQ_ENDINGS = ("it", "in", "ut", "un", "ës", "së", "i", "u", "n", "s")
_HYPHEN_ENDING = re.compile(r"-(?:u|i|it|ut|in|un|së|ës|në|s)$")
_POSSESSIVE = re.compile(r"['’]s$")
_PARTICLE = re.compile(r"(?<=[\u3040-\u30ff\u4e00-\u9fff])[はがも]$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A person mention: token range of its name (inclusive), the name, title keys, gender, and
    the index of its first title word (or of the name)."""

    first: int
    last: int
    name: str
    titles: frozenset[str]
    gender: str  # "m", "f" or "" (unknown)
    head: int


def person_mentions(analysis: Analysis, lexicon: Lexicon) -> list[Mention]:
    """Capitalised runs of the text that look like people, with their titles, in text order."""
    runs = _capitalised_runs(analysis, lexicon)
    multiword = {word for first, last in runs if last > first
                 and not _organisation(analysis, first, last)
                 for word in analysis.tokens.words[first : last + 1]}
    mentions = []
    for first, last in runs:
        titles, gender, head = _titles_before(analysis, first, lexicon)
        if _organisation(analysis, first, last):
            continue
        word = normalise_name(analysis.tokens.words[first])
        single_known = last == first and (word in multiword or any(
            base in multiword for base in _base_forms(word)))
        if last > first or titles or gender or single_known or _followed_by_cue(analysis, last):
            name = normalise_name(" ".join(analysis.tokens.words[first : last + 1]))
            mentions.append(Mention(first, last, name, frozenset(titles), gender, head))
    return mentions


def _capitalised_runs(analysis: Analysis, lexicon: Lexicon) -> list[tuple[int, int]]:
    """Token ranges of capitalised words (with name particles), outside quotation marks."""
    tokens, lower = analysis.tokens, analysis.lower
    words = tokens.words
    runs = []
    index, size = 0, len(words)
    while index < size:
        if analysis.passage[index] >= 0 or not _name_word(words[index], lower[index], lexicon):
            index += 1
            continue
        end = index
        while end + 1 < size and tokens.text[tokens.ends[end] : tokens.starts[end + 1]] in ("", " ") and (
                _name_word(words[end + 1], lower[end + 1], lexicon) or (
                lower[end + 1] in _PARTICLES and end + 2 < size
                and _name_word(words[end + 2], lower[end + 2], lexicon))):
            end += 1
        runs.append((index, end))
        index = end + 1
    return runs


def _name_word(word: str, lower: str, lexicon: Lexicon) -> bool:
    if not word[0].isupper() or lower in _NOT_NAMES or lexicon.classes(lower):
        return False
    return not (word.isupper() and len(word) > 5)


def _organisation(analysis: Analysis, first: int, last: int) -> bool:
    return any(analysis.lower[i] in _ORGANISATION_WORDS for i in range(first, last + 1))


def _titles_before(analysis: Analysis, index: int, lexicon: Lexicon) -> tuple[list[str], str, int]:
    """Title keys and gender of the words before a name ("Chinese Foreign Minister"), and the
    index where the title phrase starts."""
    titles: list[str] = []
    gender = ""
    head = index
    position = index - 1
    budget = 2  # other words allowed between titles: "Russian Foreign Minister"
    while position >= 0 and budget >= 0:
        word = analysis.lower[position]
        if TITLE in analysis.classes[position]:
            key = lexicon.titles.get(word, "")
            if key:
                titles.append(key)
            gender = gender or lexicon.gendered_titles.get(word, "")
            head = position
            budget = 2
        elif not analysis.tokens.words[position][0].isalpha():
            break
        else:
            budget -= 1
        position -= 1
    return titles, gender, head


def _followed_by_cue(analysis: Analysis, end: int) -> bool:
    """A word right before a reporting verb, unless a pronoun follows the verb: in "in Zacatecas
    verkündete er" the pronoun is the subject and "Zacatecas" is not a person."""
    following = end + 1
    classes = analysis.classes
    if following >= len(classes) or CUE not in classes[following]:
        return False
    return following + 1 >= len(classes) or PRONOUN not in classes[following + 1]


def normalise_name(name: str) -> str:
    """A name without a possessive, an Albanian hyphenated ending ("Xi Jinping-u") or a Japanese
    topic or subject particle ("田中氏は")."""
    return _PARTICLE.sub("", _HYPHEN_ENDING.sub("", _POSSESSIVE.sub("", name)))


class SpeakerResolver:
    """Resolves the source mentions of one text, in text order (it remembers the last speaker)."""

    def __init__(self, analysis: Analysis, lexicon: Lexicon) -> None:
        self.analysis = analysis
        self.lexicon = lexicon
        self.mentions = person_mentions(analysis, lexicon)
        self._firsts = [m.first for m in self.mentions]  # in text order, for bisect
        self._fuller: dict[str, str] = {}  # ``_fullest``'s answers: a long text names people often
        self._counts = Counter(m.name for m in self.mentions if len(m.name.split()) > 1)
        self._names = {m.name for m in self.mentions} | set(self._counts)
        self._last: tuple[str, int] | None = None  # the previous quote's speaker, its sentence

    def resolve(self, first: int, last: int) -> str | None:
        """The name that the source mention ``first`` .. ``last`` (tokens, inclusive) stands for."""
        name = self._resolve(first, last)
        if name and name in self._names:
            self._last = (name, self.analysis.tokens.sentence_of[first])
        return name

    def _resolve(self, first: int, last: int) -> str | None:
        analysis = self.analysis
        words = [i for i in range(first, last + 1) if analysis.tokens.words[i][0].isalnum()]
        if not words:
            return None
        if len(words) == 1 and PRONOUN in analysis.classes[words[0]]:
            return self._antecedent(words[0], self.lexicon.pronouns.get(analysis.lower[words[0]], ""))
        inside = self._first_inside(first, last)
        if inside is not None:
            return self._fullest(inside.name)
        head = self._head_name(words)
        if head:
            return head
        titles = {self.lexicon.titles[analysis.lower[i]] for i in words
                  if self.lexicon.titles.get(analysis.lower[i])}
        found = self._titled(first, titles) if titles else None
        return found or self._own_words(words)

    def _first_inside(self, first: int, last: int) -> Mention | None:
        """The first person mention within tokens ``first`` .. ``last``."""
        for index in range(bisect_left(self._firsts, first), len(self.mentions)):
            mention = self.mentions[index]
            if mention.first > last:
                break
            if mention.last <= last:
                return mention
        return None

    def _head_name(self, words: list[int]) -> str | None:
        """A capitalised last word of the mention, or the name after a bare honorific."""
        analysis = self.analysis
        last = words[-1]
        word = analysis.tokens.words[last]
        if word[0].isupper() and TITLE not in analysis.classes[last] and \
                analysis.lower[last] not in _NOT_NAMES and len(words) <= 2:
            return self._fullest(normalise_name(word))
        return None

    def _own_words(self, words: list[int]) -> str | None:
        """A source mention's own words, without an "according to" before them."""
        analysis = self.analysis
        words = [i for i in words if ACCORDING not in analysis.classes[i]]
        if not words:
            return None
        tokens = analysis.tokens
        return normalise_name(tokens.text[tokens.starts[words[0]] : tokens.ends[words[-1]]])

    def _antecedent(self, pronoun: int, gender: str) -> str | None:
        if gender == "p":
            return None
        sentence_of = self.analysis.tokens.sentence_of
        here = sentence_of[pronoun]
        # The mentions that start at most three sentences back (``_firsts`` and sentences are in
        # text order).
        since = bisect_left(self._firsts, self.analysis.tokens.sentences[max(0, here - 3)][0])
        candidates = [m for m in self.mentions[since : bisect_left(self._firsts, pronoun)]
                      if m.last < pronoun and not (gender in ("m", "f") and m.gender and m.gender != gender)]
        same = [m for m in candidates if sentence_of[m.first] == here]
        if same:
            return self._fullest(same[0].name)
        if candidates:
            nearest = sentence_of[candidates[-1].first]
            return self._fullest(next(m for m in candidates if sentence_of[m.first] == nearest).name)
        if self._last and here - self._last[1] <= 3:
            return self._last[0]
        return None

    def _titled(self, before: int, titles: set[str]) -> str | None:
        for mention in reversed(self.mentions):
            if mention.first < before and mention.titles & titles:
                return self._fullest(mention.name)
        return None

    def _fullest(self, name: str) -> str:
        """The most frequent, then shortest, name of several words in the text that contains
        ``name``'s words (a single word also through its base forms): "Xi" -> "Xi Jinping",
        "Lavrovi" -> "Sergey Lavrov"."""
        if name not in self._fuller:
            self._fuller[name] = self._fullest_of(name)
        return self._fuller[name]

    def _fullest_of(self, name: str) -> str:
        parts = name.split()
        forms = {parts[-1], *_base_forms(parts[-1])} if len(parts) == 1 else None
        best, best_key = name, (self._counts.get(name, 0), -len(name))
        for candidate, count in self._counts.items():
            words = candidate.split()
            if len(words) < len(parts) or (count, -len(candidate)) <= best_key:
                continue
            if (forms is not None and forms & set(words)) or (forms is None and _contains(words, parts)):
                best, best_key = candidate, (count, -len(candidate))
        return best


def _contains(words: list[str], parts: list[str]) -> bool:
    size = len(parts)
    return any(words[i : i + size] == parts for i in range(len(words) - size + 1))


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected (Albanian) name: "Lavrovit" -> "Lavrov"."""
    return [word[: -len(ending)] for ending in _SQ_ENDINGS
            if word.endswith(ending) and len(word) - len(ending) >= 3]
