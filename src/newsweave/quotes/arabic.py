"""Arabic speakers: who said a quote in Arabic news text, found by position, not by case.

Arabic has no capitals, so ``speakers``' capitalised runs find no one in it. An Arabic report
puts the verb first and its subject after it ("وقال وزير الخارجية محمد علي إن …", "وأضاف
البيان: «…»", "بحسب وزارة الصحة"), or a name and a colon before the quotation ("محمد علي: «…»").
Here, with words compared without vowel marks and without the conjunctions (و، ف) and
prepositions (ب، ل، ك) glued to them:

- the cue of a quote is the nearest reporting verb, "according to" word or statement ("بيان
  المجلس") before its opening mark in its sentence, else right after its closing one ("«…»،
  قال الوزير"), else, for a quote that opens its sentence, the last one of the sentence before;
- the subject is the phrase after the cue, up to punctuation, a complementiser (إن، أن) or a
  preposition; where the verb stands before one of those, or is a participle ("قائلا"), the
  subject is unsaid and is the speaker named last (Arabic drops subject pronouns);
- in that phrase, a name is a run of words that are no title, organisation, function word or
  word with the article (but "عبد الغني", and a family name that ends the phrase: "إيهاب
  العزازي"), standing first, after a title or said elsewhere in the text; a name said in full
  elsewhere completes it ("موسى" -> "أحمد موسى");
- a phrase headed by an organisation's noun is that organisation ("منظمة الصحة العالمية"), a
  definite one alone ("المنظمة") the one named last with that noun; a title without a name
  ("الرئيس الفرنسي", "المستشارة") the person last named with it, else its own words; "the same
  source" ("ذات المصدر") and a definite statement ("البيان") who was cited last; a statement
  ("بيان لوزارة الدفاع") its author; a phrase naming no one ("إحدى المغردات") no one.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from newsweave.quotes.cues import ACCORDING, COMPLEMENT, CUE, NOUN, TITLE, speaker_lexicon, word_set
from newsweave.quotes.features import Analysis, analyse
from newsweave.quotes.phrases import Draft, Span
from newsweave.quotes.speakers import SpeakerResolver

# Sentence ends: the tokenizer ends a sentence only before a capital or a digit.
_ENDS = frozenset(".!?؟…")
_FUNCTION = word_set("""في من على إلى الى عن مع حول خلال بعد قبل عند منذ حتى عبر أمام بين تحت فوق ضد
    لدى نحو دون باسم أو او ثم لكن لكنه لكنها بل قد لقد لا لم لن ما ماذا هل إذا اذا كما كان كانت
    يكون تكون هذا هذه ذلك تلك هؤلاء التي الذي الذين هو هي هم هن نحن أنا أنت كل بعض غير أي أحد
    إحدى أيضا كذلك حيث إذ عندما بينما يوم اليوم أمس غدا الآن ذات نفس ذاته نفسه به بها له لها لهم
    عنه عنها فيه فيها منه منها عليه عليها إليه إليها وقت مساء صباح الاثنين الثلاثاء الأربعاء
    الخميس الجمعة السبت الأحد يناير فبراير مارس أبريل ابريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر
    نوفمبر ديسمبر""")
# Prepositions: a subject phrase ends before one, and a verb right before one has no subject.
_PREPOSITIONS = word_set("في من على إلى الى عن مع خلال بعد قبل عند منذ حتى عبر أمام حول لدى نحو ضد بين ل ب")
# Nouns that head an organisation's name (without the article).
_ORGANISATIONS = word_set("""وزارة منظمة مجلس هيئة حكومة اتحاد جيش شرطة شركة جامعة لجنة حزب حركة
    وكالة مؤسسة مكتب برلمان رئاسة محكمة نيابة مديرية قناة صحيفة جريدة جمعية بنك مركز إدارة سلطة
    سلطات بعثة نقابة جماعة تحالف قيادة ائتلاف بلدية مستشفى قوات أمم إذاعة تلفزيون موقع شبكة مجلة
    منصة""")
# Words after which a name goes on with the article: "عبد الغني", "أبو الغيط".
_JOINERS = word_set("عبد أبو أبي ابن بن بنت آل أم")
# "ذات المصدر", "المصدر نفسه": the source cited last.
_SAME = word_set("ذات نفس ذاته نفسه")
# Reporting participles: their subject stands before them ("وأضاف عون قائلا").
_PARTICIPLES = word_set("""قائلا قائلة مضيفا مضيفة مؤكدا مؤكدة مشيرا مشيرة موضحا موضحة لافتا لافتة
    منوها مشددا مشددة محذرا محذرة معتبرا معتبرة""")
_CONJUNCTIONS = "وف"
_CLITICS = "بلك"
_MAX_PHRASE = 8  # words of a subject phrase
_MAX_NAME = 4  # words of a name
_MAX_ORGANISATION = 5  # words of an organisation's name
_CUE_REACH = 30  # tokens from a quotation back to its cue
_PRO_DROP_SENTENCES = 3  # how far back an unsaid subject finds the speaker named last
_ARTICLE = "ال"


def _key(word: str) -> str:
    """A word as names are compared: one alef, one final ya, ta marbuta as ha."""
    return word.translate(_SPELLINGS)


_SPELLINGS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


@lru_cache(maxsize=1 << 16)
def _forms(word: str) -> tuple[str, ...]:
    """A word and its forms without a glued conjunction, then preposition ("وبحسب", "لوزارة"
    -> "وزارة"; "للجيش" -> "الجيش")."""
    forms = [word]
    if word[:1] in _CONJUNCTIONS and len(word) > 2:
        forms.append(word[1:])
    for form in list(forms):
        if form.startswith("لل") and len(form) > 3:
            forms.append(_ARTICLE + form[2:])
        elif form[:1] in _CLITICS and len(form) > 2:
            forms.append(form[1:])
    return tuple(forms)


def _without_article(word: str) -> str:
    return word[2:] if word.startswith(_ARTICLE) and len(word) > 3 else word


@lru_cache(maxsize=1 << 16)
def _in(word: str, table: frozenset[str]) -> bool:
    return any(form in table or _without_article(form) in table for form in _forms(word))


@lru_cache(maxsize=1 << 16)
def _definite(word: str) -> bool:
    return any(form.startswith(_ARTICLE) for form in _forms(word))


def _arabic(word: str) -> bool:
    return "\u0620" <= word[0] <= "\u06ff"


def _latin_name(words: list[str]) -> bool:
    """Capitalised words in Latin letters: a name transliterated in Arabic text ("Ryan")."""
    return all(w[:1].isupper() and w.isalpha() and w.isascii() for w in words)


@dataclass(frozen=True, slots=True)
class Named:
    """A person named in the text: name tokens, the name, and the title words before it."""

    first: int
    last: int
    name: str
    titles: frozenset[str]  # keys of the title words and their adjectives ("رييس", "فرنسي")
    title_keys: frozenset[str]  # the lexicon's keys of the titles ("president")


class ArabicReading:
    """The attributions of one Arabic text, in text order: for every reporting word outside
    quotation marks, who it says spoke (``said``), and the people and organisations named."""

    def __init__(self, analysis: Analysis) -> None:
        self.analysis = analysis
        self.lexicon = speaker_lexicon("ar")
        self.ar = analyse(analysis.tokens, self.lexicon, analysis.quotes)
        self.plain = self.ar.lower
        self.keys = [_key(w) for w in self.plain]
        self._classes = [self._classes_of(i) for i in range(len(self.plain))]
        self._grams = Counter(tuple(self.keys[i : i + n]) for n in range(1, _MAX_NAME + 1)
                              for i in range(len(self.keys) - n + 1))
        self._starts, self._ends_before = self._sentences()
        self._surnames = self._bare_surnames()
        self.named = self._people()
        self._full = Counter(m.name for m in self.named if m.last > m.first)
        self.organisations = self._organisations()
        self.said: dict[int, str | None] = {}
        self.statements: dict[int, str] = {}  # a statement's noun -> its author
        self._read()

    # -- words --------------------------------------------------------------------------------

    def word(self, index: int) -> bool:
        """A word outside quotation marks."""
        return self.analysis.tokens.words[index][0].isalnum() and self.analysis.passage[index] < 0

    def classes(self, index: int) -> frozenset[str]:
        return self._classes[index]

    def _classes_of(self, index: int) -> frozenset[str]:
        """The Arabic word classes of a token, also of its form without the article
        ("المسؤولون": a person noun)."""
        found = self.ar.classes[index]
        word = self.plain[index]
        return found or (self.lexicon.classes(_without_article(word)) if _definite(word) else found)

    def ends_phrase(self, index: int) -> bool:
        """Punctuation, a quotation, a reporting word, a complementiser or a preposition."""
        return not self.word(index) or bool(self.classes(index) & {CUE, COMPLEMENT, ACCORDING}) or \
            self.plain[index] in _PREPOSITIONS

    def title(self, index: int) -> bool:
        return TITLE in self.classes(index)

    def organisation(self, index: int) -> bool:
        return _in(self.plain[index], _ORGANISATIONS)

    def name_word(self, index: int) -> bool:
        """An Arabic word that may be part of a name: no title, organisation, function word,
        listed word or word with the article."""
        word = self.plain[index]
        return self.word(index) and _arabic(word) and not word.isdigit() and not self.classes(index) \
            and not self.organisation(index) and not _in(word, _FUNCTION) and (
                not _definite(word) or self.keys[index] in self._surnames)

    def _bare_surnames(self) -> frozenset[str]:
        """Words with the article that the text uses as names ("الحمداني"): the whole subject
        of a reporting verb somewhere, and right after a title or a name word elsewhere (so
        no common noun: "قال الأطباء")."""
        self._surnames: frozenset[str] = frozenset()
        subjects, named = set(), set()
        for index in range(1, len(self.plain) - 1):
            word = self.plain[index]
            if not (self.word(index) and _arabic(word) and _definite(word)) or self.classes(index) or \
                    self.organisation(index) or _in(word, _FUNCTION):
                continue
            if CUE in self.classes(index - 1) and self.ends_phrase(index + 1):
                subjects.add(self.keys[index])
            elif self.title(index - 1) or self.name_word(index - 1):
                named.add(self.keys[index])
        return frozenset(subjects & named)

    def _goes_on(self, index: int, end: int) -> bool:
        """True where a name run goes on with the word at ``index``: a name word, a word with
        the article after "عبد", "أبو", or one that ends the phrase ("إيهاب العزازي")."""
        if self.name_word(index):
            return True
        word = self.plain[index]
        if not (self.word(index) and _arabic(word) and _definite(word)) or self.classes(index) or \
                self.organisation(index) or _in(word, _FUNCTION):
            return False
        return self.plain[index - 1] in _JOINERS or index + 1 >= end or self.ends_phrase(index + 1)

    def _sentences(self) -> tuple[list[int], list[int]]:
        """Per token, the first token of its sentence (after the last sentence end outside
        quotation marks, or its paragraph's start), and the count of sentence ends before it."""
        tokens, passage = self.analysis.tokens, self.analysis.passage
        starts, ends_before = [0] * len(tokens.words), [0] * (len(tokens.words) + 1)
        for first, last in tokens.paragraphs:
            start = first
            for index in range(first, last):
                starts[index] = start
                if tokens.words[index] in _ENDS and passage[index] < 0:
                    start = index + 1
        for index, word in enumerate(tokens.words):
            ends_before[index + 1] = ends_before[index] + (word in _ENDS)
        return starts, ends_before

    def sentence_start(self, index: int) -> int:
        return self._starts[index]

    # -- phrases ------------------------------------------------------------------------------

    def phrase_after(self, cue: int) -> range | None:
        """The subject phrase after a reporting word; None where the subject is unsaid: the word
        stands before punctuation, a complementiser, a preposition or a quotation."""
        start = cue + 1
        size = len(self.plain)
        if start < size and ACCORDING in self.classes(cue) and self.plain[start] == "ل":
            start += 1  # "وفقا لـ الوزارة"
        if start >= size or self.ends_phrase(start):
            return None
        return self._phrase_from(start)

    def _phrase_from(self, start: int) -> range:
        """Tokens from ``start`` up to the next end of a phrase, ``_MAX_PHRASE`` at most."""
        end, limit = start + 1, min(len(self.plain), start + _MAX_PHRASE)
        while end < limit and not self.ends_phrase(end):
            end += 1
        return range(start, end)

    def runs(self, phrase: range) -> list[tuple[int, int]]:
        """The name runs of a phrase (token ranges, inclusive)."""
        found = []
        index = phrase.start
        while index < phrase.stop:
            if not self.name_word(index):
                index += 1
                continue
            end = index
            while end + 1 < phrase.stop and end - index + 1 < _MAX_NAME and \
                    self._goes_on(end + 1, phrase.stop):
                end += 1
            found.append((index, end))
            index = end + 1
        return found

    def name_in(self, phrase: range) -> tuple[int, int] | None:
        """The name a phrase holds: a run said elsewhere in the text, else one after a title or
        opening the phrase ("وسائل الإعلام أحمد موسى": the run said elsewhere)."""
        best, best_score = None, None
        for first, last in self.runs(phrase):
            titled = any(self.title(i) for i in range(phrase.start, first))
            placed = titled or first == phrase.start
            score = (self.known(first, last), placed, last > first)
            if (score[0] or placed) and (best_score is None or score > best_score):
                best, best_score = (first, last), score
        return best

    def known(self, first: int, last: int) -> bool:
        """True for a run of words said more than once in the text."""
        return self._grams[tuple(self.keys[first : last + 1])] > 1

    def text(self, first: int, last: int) -> str:
        return " ".join(self.plain[first : last + 1])

    def fullest(self, name: str) -> str:
        """The most frequent name of more words in the text that holds ``name``'s words; one
        word only with the words before it (a family name: "موسى" -> "أحمد موسى" of "أحمد موسى
        خطة", not "موسى يطالب")."""
        parts = [_key(w) for w in name.split()]
        best, best_key = name, (0, 0)
        for candidate, count in self._full.items():
            words = candidate.split()
            keys = [_key(w) for w in words]
            for at in range(len(keys) - len(parts) + 1):
                if keys[at : at + len(parts)] != parts or (len(parts) == 1 and at == 0):
                    continue
                fuller = " ".join(words[: at + 1]) if len(parts) == 1 else candidate
                if len(fuller) > len(name) and (count, -len(fuller)) > best_key:
                    best, best_key = fuller, (count, -len(fuller))
        return best

    # -- people and organisations named ---------------------------------------------------------

    def _people(self) -> list[Named]:
        """Every name after a title or a reporting word, and before a colon that opens a
        sentence, in text order."""
        found: dict[int, Named] = {}
        for index in range(len(self.plain)):
            if not self.word(index):
                continue
            if self.title(index):
                phrase = self._phrase_from(index)
            elif self.classes(index) & {CUE, ACCORDING}:
                phrase = self.phrase_after(index)
            else:
                continue
            named = self._named_in(phrase) if phrase else None
            if named is not None:
                found.setdefault(named.first, named)
        for colon, words in enumerate(self.analysis.tokens.words):
            if words == ":":
                named = self._headline_name(colon)
                if named is not None:
                    found.setdefault(named.first, named)
        return sorted(found.values(), key=lambda m: m.first)

    def _named_in(self, phrase: range) -> Named | None:
        run = self.name_in(phrase)
        if run is None:
            return None
        titles = [i for i in range(phrase.start, run[0]) if self.word(i)]
        return Named(run[0], run[1], self.text(*run), self._title_words(titles), self._title_keys(titles))

    def _title_words(self, indices: list[int]) -> frozenset[str]:
        return frozenset(_key(_without_article(self.plain[i])) for i in indices
                         if self.title(i) or _definite(self.plain[i]))

    def _title_keys(self, indices: list[int]) -> frozenset[str]:
        titles = self.lexicon.titles
        return frozenset(titles[f] for i in indices for f in _forms(self.plain[i]) if titles.get(f))

    def _headline_name(self, colon: int) -> Named | None:
        """The name that opens a sentence before a colon ("محمد فضل: …"), of one to three words
        and no reporting word."""
        start = self.sentence_start(colon)
        if not 0 < colon - start <= 3 or not all(self.name_word(i) or self._goes_on(i, colon)
                                                  for i in range(start, colon)):
            return None
        return Named(start, colon - 1, self.text(start, colon - 1), frozenset(), frozenset())

    def _organisations(self) -> list[tuple[int, list[str]]]:
        """Organisations named: a noun of ``_ORGANISATIONS`` and the words with the article
        after it ("وزارة الدفاع الوطني"), without a glued conjunction or preposition."""
        found = []
        index, size = 0, len(self.plain)
        while index < size:
            if not (self.word(index) and self.organisation(index)):
                index += 1
                continue
            end = index + 1
            while end < size and end - index < _MAX_ORGANISATION and self.word(end) and \
                    _definite(self.plain[end]) and not self.ends_phrase(end):
                end += 1
            found.append((index, [self._organisation_form(index), *self.plain[index + 1 : end]]))
            index = end
        return found

    def _organisation_form(self, index: int) -> str:
        """The organisation's noun as it starts its name: "لوزارة" -> "وزارة", "للجيش" -> "الجيش"."""
        return next(f for f in reversed(_forms(self.plain[index]))
                    if f in _ORGANISATIONS or _without_article(f) in _ORGANISATIONS)

    def organisation_at(self, index: int) -> list[str] | None:
        return next((words for first, words in self.organisations if first == index), None)

    # -- who each reporting word says spoke -----------------------------------------------------

    def _read(self) -> None:
        """``said`` for every reporting word and statement, in text order; an unsaid subject
        takes the speaker named last within ``_PRO_DROP_SENTENCES``."""
        last: tuple[str | None, int] | None = None  # the speaker named last, and where
        colons = {m.last + 1: m for m in self.named if self.analysis.tokens.words[m.last + 1] == ":"
                  and m.first == self.sentence_start(m.first)}
        for index in range(len(self.plain)):
            if index in colons:
                last = (self.fullest(colons[index].name), index)
                continue
            if not self.word(index) or not self.classes(index) & {CUE, ACCORDING, NOUN}:
                continue
            if index + 1 < len(self.plain) and ACCORDING in self.classes(index + 1):
                continue  # "نقلا عن": the phrase's last word is its cue
            previous = last[0] if last and self._near(last[1], index) else None
            if NOUN in self.classes(index):
                author = self._statement(index, previous)
                if author is not None:
                    self.said[index] = self.statements[index] = author
                    last = (author, index)
                continue
            phrase = self.phrase_after(index)
            if self.plain[index] in _PARTICIPLES:
                self.said[index] = previous
                continue
            if phrase is None:
                before = self._subject_before(index)
                self.said[index] = before or previous
                if before:
                    last = (before, index)
                continue
            self.said[index] = self.phrase_speaker(phrase, previous)
            last = (self.said[index], index)

    def _subject_before(self, cue: int) -> str | None:
        """The subject before its verb ("الوزير كريم حداد قال إن …"): a clause of a few words
        from its sentence's start or a comma to the verb, headed by a name, a title or an
        organisation."""
        start = cue
        while start > self.sentence_start(cue) and self.word(start - 1) and cue - start < _MAX_NAME + 1:
            start -= 1
        if start == cue or (start > self.sentence_start(cue) and self.word(start - 1)):
            return None
        if not (self.name_word(start) or self.title(start) or self.organisation(start)):
            return None
        return self.phrase_speaker(range(start, cue), None, anaphora=False)

    def _near(self, before: int, index: int) -> bool:
        return self._ends_before[index] - self._ends_before[before] <= _PRO_DROP_SENTENCES

    def _statement(self, index: int, previous: str | None) -> str | None:
        """The author of a statement: of "البيان", "تصريحاته" the speaker cited last; of "بيان
        لوزارة الدفاع" the organisation or person after it."""
        word = self.plain[index]
        if word.endswith(("ه", "ها")):  # "عن الوزير علي ناصر قوله": the person just named
            return self._named_in_sentence(index) or self._last_statement(index) or previous
        if _definite(word):  # "البيان": the statement cited before
            return self._last_statement(index) or previous
        after = index + 1
        if after >= len(self.plain) or not self.word(after):
            return None
        return self.phrase_speaker(self._phrase_from(after), None, anaphora=False)

    def _named_in_sentence(self, index: int) -> str | None:
        start = self.sentence_start(index)
        before = [m for m in self.named if start <= m.first and m.last < index]
        return self.fullest(before[-1].name) if before else None

    def _last_statement(self, index: int) -> str | None:
        before = [i for i in self.statements if i < index]
        return self.statements[max(before)] if before else None

    def phrase_speaker(self, phrase: range, previous: str | None, anaphora: bool = True) -> str | None:
        """Who a subject phrase names (the module's rules, in order); ``previous`` is the
        speaker named last."""
        words = [i for i in phrase if self.word(i)]
        if not words:
            return None
        head = words[0]
        if anaphora and any(self.plain[i] in _SAME for i in words[:3]):
            return self._last_statement(head) or previous
        if anaphora and NOUN in self.classes(head):  # "وأفاد بيان لوزارة الصحة"
            return self._statement(head, previous)
        run = self.name_in(phrase)
        if run is not None:
            return self.fullest(self.text(*run))
        apposed = self._apposed(phrase.stop)
        if apposed is not None and (self.title(head) or self.organisation(head)):
            return apposed  # "المتحدث باسم الجيش، العميد يحيى سالم، إن …"
        if self.organisation(head):
            return self._organisation_name(head)
        if self.title(head):
            return self._titled(words)
        return None

    def _apposed(self, comma: int) -> str | None:
        """The name right after a comma that ends a title phrase (a title of its own before it
        allowed), itself ended by a comma, a complementiser or a colon."""
        if comma >= len(self.plain) or self.analysis.tokens.words[comma] not in ("،", ","):
            return None
        named = next((m for m in self.named if comma < m.first <= comma + 2), None)
        if named is None or named.last + 1 >= len(self.plain) or not self.ends_phrase(named.last + 1):
            return None
        return self.fullest(named.name)

    def _organisation_name(self, head: int) -> str:
        """An organisation's name; a definite noun alone ("المنظمة") is the one named last with
        that noun, a name cut short ("المجلس الانتقالي") its fullest form."""
        own = self.organisation_at(head) or [self._organisation_form(head)]
        keys = [_key(_without_article(own[0])), *map(_key, own[1:])]
        best = own
        for first, words in self.organisations:
            other = [_key(_without_article(words[0])), *map(_key, words[1:])]
            if len(other) > len(best) and other[: len(keys)] == keys and (len(own) > 1 or first < head):
                best = words
        return " ".join(best)

    def _titled(self, words: list[int]) -> str | None:
        """The person last named with a title phrase's title and adjectives, else its own words."""
        title_words = [i for i in words if self.title(i) or _definite(self.plain[i])]
        wanted, keys = self._title_words(title_words), self._title_keys(title_words)
        for named in reversed(self.named):
            if named.first < words[0] and named.title_keys & keys and wanted - named.titles <= \
                    {_key(_without_article(self.plain[words[0]]))}:
                return self.fullest(named.name)
        return self.text(title_words[0], title_words[-1]) if title_words else None

    # -- quotes -----------------------------------------------------------------------------------

    def cue_of(self, opening: int, closing: int) -> int | None:
        """The reporting word of a quotation from token ``opening`` to ``closing``: before it in
        its sentence, else right after it, else, where it opens its sentence, the last of the
        sentence before."""
        start = self.sentence_start(opening)
        for index in range(opening - 1, max(start, opening - _CUE_REACH) - 1, -1):
            if index in self.said:
                return index
        for index in range(closing + 1, min(len(self.plain), closing + 3)):
            if index in self.said and CUE in self.classes(index):
                return index
            if self.word(index):
                break
        if start > 0 and all(not self.word(i) for i in range(start, opening)):
            before = self.sentence_start(start - 1)
            return max((i for i in range(before, start) if i in self.said), default=None)
        return None

    def named_before(self, opening: int) -> str | None:
        """The name that opens a sentence right before a colon or comma and the opening mark
        ("محمد فضل: «…»"), where no reporting word stands between."""
        words = self.analysis.tokens.words
        mark = opening - 1
        if mark < 1 or self.analysis.shapes[opening] != "QO" or words[mark] not in (":", "،", ","):
            return None
        start = self.sentence_start(mark)
        if not 0 < mark - start <= 3:
            return None
        inside = range(start, mark)
        if all(self.name_word(i) or self._goes_on(i, mark) for i in inside):
            return self.fullest(self.text(start, mark - 1))
        if _latin_name(words[start:mark]):
            return " ".join(words[start:mark])  # a name in Latin letters: "Ryan، «…»"
        return None


_LAST_READ: list[tuple[Analysis, ArabicReading]] = []  # the pass's reading, for the resolver


def reading_of(analysis: Analysis) -> ArabicReading:
    """The reading of a text, read once for the pass and the resolver of one call (the last
    one is kept, with its analysis, so that no other analysis can take its place)."""
    last = _LAST_READ[-1] if _LAST_READ else None
    if last is not None and last[0] is analysis:
        return last[1]
    reading = ArabicReading(analysis)
    _LAST_READ[:] = [(analysis, reading)]
    return reading


def attribute(analysis: Analysis, lex: object, drafts: list[Draft]) -> list[Draft]:
    """Each quote's cue and subject phrase by the Arabic rules (where they find a cue)."""
    reading = reading_of(analysis)
    for draft in drafts:
        opening, closing = _marks(analysis, draft)
        cue = reading.cue_of(opening, closing)
        if cue is None:
            continue
        phrase = reading.phrase_after(cue)
        draft.cue = Span("C", cue, cue)
        draft.source = Span("S", phrase.start, phrase.stop - 1) if phrase and \
            reading.plain[cue] not in _PARTICIPLES and NOUN not in reading.classes(cue) else None
    return drafts


def _marks(analysis: Analysis, draft: Draft) -> tuple[int, int]:
    """The opening and closing tokens of a quote: its quotation marks where it has them; for a
    quote that opens outside them, the first opening mark in it (the tagger may take the
    reporting clause into the content: "وقال الوزير إن «…»")."""
    number = analysis.passage[draft.first]
    if number < 0:
        inner = next((i for i in range(draft.first, draft.last + 1) if analysis.shapes[i] == "QO"), None)
        return inner if inner is not None else draft.first, draft.last
    quote = analysis.quotes[number]
    return quote.open, quote.close if quote.close is not None else quote.last


class ArabicResolver(SpeakerResolver):
    """``SpeakerResolver`` for Arabic text: the speaker of a cue ``ArabicReading`` read; names
    in Latin letters by the capitalised rules."""

    def __init__(self, analysis: Analysis, lexicon: object) -> None:
        super().__init__(analysis, lexicon)
        self.reading = reading_of(analysis)

    def resolve(self, first: int, last: int, cue: tuple[int, int] | None = None) -> str | None:
        if cue is not None and cue[1] in self.reading.said:
            return self.reading.said[cue[1]]
        words = self.analysis.tokens.words
        if _arabic(words[first]):
            return self.reading.phrase_speaker(range(first, last + 1), None)
        found = super().resolve(first, last, cue)
        if found is None and last - first < 2 and _latin_name(words[first : last + 1]):
            return " ".join(words[first : last + 1])  # a name in Latin letters: "Ryan، «…»"
        return found

    def unsourced(self, cue: tuple[int, int]) -> str | None:
        if cue[1] in self.reading.said:
            return self.reading.said[cue[1]]
        return super().unsourced(cue)

    def named_before(self, opening: int) -> str | None:
        return self.reading.named_before(opening) or super().named_before(opening)
