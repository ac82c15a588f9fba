"""Speakers: the name a source mention stands for.

The text's person mentions, titles and organisation words come from ``names`` (runs of
capitalised words that look like people: titled, of two or more words, known from elsewhere in
the text, or right before a reporting verb). Arabic, which has no capitals, finds its speakers
by position (``arabic``, ``ArabicResolver``). A source mention is resolved by a small salience
model:

- a pronoun ("he", "sie", "ai") -> the subject (first person mention) of its own sentence before
  it, else of the nearest earlier sentence that has one, else the previous quote's speaker;
  mentions inside quotation marks are skipped and a gender known from an honorific or a title
  must not contradict the pronoun's;
- a title without a name ("the minister", "ministri") -> the most recent mention with that title;
- a name -> its fullest form in the text ("Xi" -> "Xi Jinping"), with Albanian case endings
  taken off where the base form is also in the text ("Lavrovi", "Lavrovit" -> "Lavrov") or
  after a hyphen ("Xi Jinping-u" -> "Xi Jinping");
- a title phrase that names no one the text has given that title ("El ministro de Defensa",
  "Russia's top diplomat") -> the person just named, as a pronoun would, else its own words ("the
  biologist");
- a source of no name and no title: a name right after the reporting verb (inverted subject:
  "Jak zaznaczył Frątczak"), else, in a language that puts the verb first, the phrase after it up
  to the next punctuation where it holds a title, an organisation or a name ("poinformowało w
  komunikacie Ministerstwo Sprawiedliwości"; after "according to" words in every language), else,
  in a language that drops subject pronouns ("y afirmó que", "“…”, afirmó."), the pronoun's
  antecedent, else no speaker;
- before all of these: a name right before a quotation's opening mark, behind a comma or colon
  ("Ali Salman, “…” dedi", "Merkel: „…“"); after a comma, in a language that puts the verb
  first, the subject phrase after the reporting verb ("…, a indiqué l'autorité portuaire");
  a phrase headed by an organisation's common noun is that organisation;
- anything else -> the name inside it, where it holds one that is not sentence-initial or is
  known from elsewhere in the text ("according to fuel app GasBuddy's forecast" -> "GasBuddy",
  "the Port Vellara Authority"), else no speaker: a common noun ("experts", "die Anwendungen")
  or a clause fragment is no speaker.

Names keep their hyphens ("Kim Jong-un", "Jean-Luc"; Albanian case endings after a hyphen are
taken off Albanian text only; a Turkish case ending after an apostrophe ends a name and goes:
"Fenerbahçe’nin Alman yıldızı Max Kruse"; an organisation's possessive loses a case ending written
without one: "Valiliğinden" -> "Valiliği") and lose their titles and function nouns ("Commander
Ruvim Ostrakis", "Ex-Umwelt-Minister Norbert Röttgen", German compounds such as
"Seeverkehrsministerin" and nouns that German tags tell from names; a title alone, a month or a
weekday, a preposition opening a sentence, an acronym for "he" or "she" are no names); the
titles go with the mention, so "the minister" finds the titled name. An apposition gives the
name after it ("El presidente del Gobierno, Pedro Ruiz, afirmó", "la ministre de la Mer, Teodora
Halvik"): the capitalised word after a title and a preposition is the title's complement, not a
person. French inverted pronouns ("a-t-elle", "dit-il") and "selon lui" are pronouns; a relative
pronoun ("qui a souligné") stands for the name right before it.
"""

from __future__ import annotations

import os
import re
from bisect import bisect_left
from collections import Counter

from newsweave.entities.lexicon import (
    CONNECTOR_SET,
    DEMONYM_SET,
    FUNCTION_WORD_SET,
    fold,
)
from newsweave.quotes.cues import (
    ACCORDING,
    AUXILIARIES,
    AUXILIARIES_OF,
    COMPLEMENT,
    CONTRAST,
    CUE,
    DEFINITE,
    INDEFINITE,
    INVERTED_SUBJECT,
    NOUN,
    PERSON_NOUN,
    PRONOUN,
    TIME_WORDS,
    VERB_FIRST,
    Lexicon,
    past_time,
    word_set,
)
from newsweave.quotes.features import Analysis
from newsweave.quotes.names import (
    APPOSITION_REACH,
    COMPOUNDING,
    CONJUNCTIONS,
    ELISION,
    GENITIVE_MARKS,
    GROUP_NOUNS,
    HYPHENATED_ADJECTIVE,
    KIND_REACH,
    LONG_TITLES,
    LONGEST_ACRONYM,
    MIN_COMPOUND_PART,
    NOT_NAMES,
    OF_WORDS,
    ORGANISATION_KINDS,
    PARTICLES,
    PREPOSITIONS,
    Mention,
    base_forms,
    capitalised_runs,
    comma_after,
    company_kind,
    conjoined_organisation_after,
    german_non_name,
    kind_before,
    normalise_name,
    organisation,
    organisation_word,
    person_mentions,
    title_of,
)

_ORGANISATION_WORDS_AFTER = 10  # tokens an organisation's name may run to after its first word
_ORGANISATION_REACH = 3  # sentences back to the organisation a description stands for
# Where a group of people works ("economists at | Rydell Capital", "analysts from | Morrow Bank").
_AFFILIATION = frozenset({"at", "from", "bei", "von", "chez"})
# The stressed pronouns of "selon lui" (inverted ones: cues.INVERTED_SUBJECT).
_STRESSED = {"lui": "m", "elle": "f", "eux": "p"}
# Demonstratives that stand for the person named last ("Celle-ci dément", "Éste respondió").
_LATTER = {"celle-ci": "f", "celui-ci": "m", "ésta": "f", "éste": "m", "esta": "f", "este": "m",
           "letzterer": "m", "letztere": "f"}
# Relative pronouns that open a clause about the name right before them ("…, qui a souligné").
_RELATIVES = word_set("who qui quien quienes cual cili cila chi który która którzy")
# Words that open a clause after a comma inside a source mention: relative pronouns (German ones
# read as articles elsewhere) and "which", "that", "dont".
_OPENS_CLAUSE = _RELATIVES | word_set("""der die das dem den denen dessen deren welcher welche welches
    which whom whose that dont lequel laquelle lesquels""")
# Languages that drop subject pronouns: "y afirmó que …" has the previous subject as speaker.
_PRO_DROP = frozenset({"es", "it", "pt", "pl", "tr", "sq", "ru"})
# Articles of a German dative: what follows the speaker told is the paper it told ("der „Welt“").
_RECIPIENT_ARTICLES = frozenset({"der", "dem"})
_AGENT = frozenset({"by", "par", "von", "por"})  # prepositions of a passive's agent
_POSSESSIVES = frozenset({"his", "her", "their", "its"})
# Possessives before a noun of speech, and the gender of whom they stand for ("" where it may be
# either, or several: "ihren Angaben", "sus palabras").
_SPEAKERS_OF = {**dict.fromkeys(("seinen", "seiner", "seinem", "his"), "m"),
                **dict.fromkeys(("ihren", "ihrer", "ihrem", "her", "sus", "ses", "son", "sa"), "")}
_SUFFIXED_ARTICLES = frozenset({"sq"})  # where a noun carries its article: "ministria", "ministrisë"
_ROMANCE = frozenset({"es", "it", "pt"})  # where "a la" is "to the": "declaraciones a la Cadena Norte"
_TELLING = frozenset({"told", "tell", "tells", "telling", "informed", "assured", "reminded"})
_FROM = frozenset({"aus", "from"})  # "hieß es aus dem Landratsamt": where the words came from
_SOURCES = frozenset({"sources", "burime", "burimet", "fuentes", "quellen"})  # "sources from …"
_JOINERS = frozenset({".", "/", "&", "'", "’"})  # marks inside a name, with no space before them
_LEADING_CONJUNCTIONS = CONJUNCTIONS | {"but", "mais", "aber", "pero", "ma", "mas", "doch"}
# A group's noun before its own name ("Residents' group | Save Millbrook Fields").
_GROUP_WORDS = frozenset({"group", "campaign", "association", "gruppe", "initiative", "groupe", "collectif",
                          "grupo", "colectivo", "plataforma", "grupi", "shoqata"})
# Conjunctions after a comma inside a source phrase that open another clause, whose subject speaks
# ("El Sindicato celebró la medida, aunque | su portavoz, Irene Castaño, recordó que").
_CONCESSIVE = _LEADING_CONJUNCTIONS - CONJUNCTIONS | {"aunque", "although", "obwohl", "megjithëse", "sebbene"}
_FOR = frozenset({"for", "at", "für"})  # "a spokesperson for | at the ministry"
_MAX_CONNECTORS = 2  # "de la" inside a name
# Languages whose adjectives follow the noun: an organisation's name goes on in lower case.
_ADJECTIVES_AFTER = frozenset({"fr", "es", "it", "pt"})
_INNER_CAPITAL = re.compile(r"^[A-Z][a-z]+[A-Z][a-z]")
_HEAD_WORDS = 3  # words from an organisation's noun to the "de" of its place ("agence régionale de")
_ORGANISATION_TAIL = 6  # lower-case words an organisation's name may go on with
# An age that stands for a person named before ("the 45-year-old", "der 48-Jährige").
_AGE = re.compile(r"^\d{1,3}-(?:year-old|jährige[rnms]?)$")
_LONG_KINDS = tuple(sorted(k for k in ORGANISATION_KINDS if len(k) >= MIN_COMPOUND_PART))


class SpeakerResolver:
    """Resolves the source mentions of one text, in text order (it remembers the last speaker)."""

    def __init__(self, analysis: Analysis, lexicon: Lexicon) -> None:
        self.analysis = analysis
        self.lexicon = lexicon
        self.mentions = person_mentions(analysis, lexicon)
        self._firsts = [m.first for m in self.mentions]  # in text order, for bisect
        self._fuller: dict[str, str] = {}  # ``fullest``'s answers: a long text names people often
        self._counts = Counter(m.name for m in self.mentions if len(m.name.split()) > 1)
        self._names = {m.name for m in self.mentions} | set(self._counts)
        self._name_words = {w for m in self.mentions if m.last > m.first or m.titles for w in m.name.split()}
        self._sentence_starts = {start for start, _ in analysis.tokens.sentences}
        self._last: tuple[str, int] | None = None  # the previous quote's speaker, its sentence
        self._named_organisations: list[tuple[int, str, bool]] | None = None  # ``organisations``
        self._last_organisation: tuple[str, int] | None = None  # an organisation that spoke, its sentence
        self._spoken: set[str] = set()  # every speaker named so far
        self._organisations_tagged: dict[int, list[tuple[int, int]]] = {}  # by sentence start
        self._auxiliaries = AUXILIARIES_OF.get(lexicon.language, frozenset())  # the text language's

    def resolve(self, first: int, last: int, cue: tuple[int, int] | None = None) -> str | None:
        """The name that the source mention ``first`` .. ``last`` (tokens, inclusive) stands for;
        ``cue`` is the reporting verb's token range, where known."""
        # (not where the source ends at the comma before the verb: "El entrenador, Iñaki
        # Berrondo, | aseguró": that comma closes an apposition, the subject is before the verb)
        if cue is not None and self._incise(cue) and not first < cue[0] <= last + 2:
            found = self._after_cue(cue)
            if found:
                return self._remembered(first, found)
        start = self._organisation_head(self._name_start(first))
        found = self._resolve(start, self._before_clause(start, last), cue)
        if found is None and cue is not None and cue[0] == last + 1 and \
                all(self.analysis.lower[i] in self._auxiliaries for i in range(first, last + 1)):
            # The tagger took the auxiliary before a reporting verb for the source ("Le
            # directeur, Laurent Ebrard, | a | assuré que"): the subject is what stands before it.
            found = self._subject_before(first, last, cue)
        return self._remembered(start, found)

    def _name_start(self, first: int) -> int:
        """Where a source that opens on a connector starts: with the name words before it ("Bulmeti
        | i Jugut", tagged from "i")."""
        words, lower = self.analysis.tokens.words, self.analysis.lower
        start = first
        while start > 0 and start not in self._sentence_starts:
            before = start - 1
            if words[start].islower() and lower[start] in OF_WORDS and words[before][0].isalpha() and \
                    self._run_word(before):
                start = before  # "Bulmeti | i Jugut"
            elif self._run_word(start) and words[before].islower() and lower[before] in OF_WORDS and \
                    before > 0 and words[before - 1][0].isalpha() and self._run_word(before - 1):
                start = before - 1  # "Federación Vecinal de | Triana"
            elif start < first and words[before][0].isalpha() and self._run_word(before):
                start = before
            else:
                break
        return start

    def _up_to_verb(self, words: list[int], cue: tuple[int, int] | None) -> list[int]:
        """A source cut short of its verb, with the lower-case words between them, where only
        such words are there ("L'agence | régionale de santé | assure")."""
        if cue is None or not words or words[-1] >= cue[0]:
            return words
        # (up to an auxiliary: "Le tribunal de Bobigny | a | estimé", "… du Gard | a toutefois indiqué")
        verb = next((i for i in range(words[-1] + 1, cue[0]) if self.analysis.lower[i] in self._auxiliaries),
                    cue[0])
        if not 0 < verb - words[-1] - 1 <= _ORGANISATION_TAIL:
            return words
        tail = range(words[-1] + 1, verb)
        lower_words = all(self.analysis.tokens.words[i].isalpha() and self.analysis.tokens.words[i].islower()
                          for i in tail)
        return [*words, *tail] if lower_words else words

    def _group_named(self, words: list[int]) -> bool:
        """True for a group that gives its own name after a noun for it ("Residents' group | Save
        Millbrook Fields", "Patient group | Cymru Care Voice")."""
        lower = self.analysis.lower
        at = next((n for n, i in enumerate(words) if lower[i] in _GROUP_WORDS), None)
        return at is not None and at + 1 < len(words) and self._run_word(words[at + 1])

    def _organisation_head(self, start: int) -> int:
        """Where a source that is a place or name after "de" starts, in a language whose names
        follow their noun, when a lower-case organisation noun heads it ("la préfecture de la |
        Savoie", "le rectorat de | Lille"): at that noun's article."""
        if self.lexicon.language not in _ADJECTIVES_AFTER:
            return start
        words, lower = self.analysis.tokens.words, self.analysis.lower
        at = start - 1
        while at >= 0 and start - 1 - at < _MAX_CONNECTORS and words[at].islower() and lower[at] in OF_WORDS:
            at -= 1
        if at == start - 1 and not words[start].startswith(("d'", "d’")):  # ("d'Agen": "de" is in it)
            return start
        for head in range(at, max(-1, at - _HEAD_WORDS), -1):
            plain = self._plain(head)[0]
            if not (plain.isalpha() and plain.islower()):
                return start
            if self._organisation_word(head):
                return head - 1 if head > 0 and lower[head - 1] in DEFINITE else head
        return start

    def _incise(self, cue: tuple[int, int]) -> bool:
        """True for a reporting verb right after a comma in a language that puts the subject
        after it ("…, a indiqué l'autorité portuaire", "…, dijo el ministro"): the subject
        follows, whatever the sentence named before."""
        return self.lexicon.language in VERB_FIRST and self._after_comma(cue)

    def _after_comma(self, cue: tuple[int, int]) -> bool:
        """True for a reporting verb right after a comma, or after a comma and its auxiliary
        ("…, avait | déclaré l'accusé")."""
        words, before = self.analysis.tokens.words, cue[0] - 1
        if before > 0 and self.analysis.lower[before] in self._auxiliaries:
            before -= 1
        return before >= 0 and words[before] == ","

    def unsourced(self, cue: tuple[int, int]) -> str | None:
        """The speaker of a quote with a reporting verb and no source mention: the subject after
        the verb, else, where subjects go unsaid and the verb stands alone ("“…”, afirmó."), the
        one before."""
        found = self._after_cue(cue)
        inverted = self._pronoun_gender(cue[1]) if "-" in self.analysis.lower[cue[1]] else None
        if found is None and inverted is not None:
            found = self._antecedent(cue[1], inverted)  # "…, précise-t-il."
        if found is None and self.lexicon.language in _PRO_DROP and self._bare(cue):
            found = self._antecedent(cue[0], "")
        return self._remembered(cue[0], found)

    def named_before(self, opening: int) -> str | None:
        """The name right before a quotation's opening mark, behind a comma or a colon ("Koca,
        “…” dedi", "Merkel: „…“"): who speaks, whatever else the sentence names."""
        words = self.analysis.tokens.words
        if opening < 2 or self.analysis.shapes[opening] != "QO" or words[opening - 1] not in (",", ":"):
            return None
        mention = self._mention_ending_at(opening - 2)
        return self._remembered(opening, self.fullest(mention.name)) if mention else None

    def before_cue(self, opening: int, cue: tuple[int, int] | None) -> str | None:
        """The person named right before the comma, reporting verb and colon that open the quote
        ("…, mientras que el alcalde, Jorge Salcedo, advirtió: «…»"): the verb's subject."""
        words = self.analysis.tokens.words
        # (the tagger may take the colon into the cue: "advirtió:")
        if cue is None or opening < 2 or words[opening - 1] != ":" or opening - cue[1] not in (1, 2):
            return None
        if cue[0] < 2 or words[cue[0] - 1] != ",":
            return None  # without the comma, the noun before a verb may be its object ("do Y napisała:")
        mention = self._mention_ending_at(cue[0] - 2)
        return self._remembered(opening, self._resolve(mention.first, mention.last, cue)) if mention else None

    def after_contrast(self, opening: int, cue: tuple[int, int] | None) -> str | None:
        """The subject of a clause that a contrast word opens between the quote's reporting verb
        and its opening mark, before a reporting verb of its own ("La compañía aseguró que …,
        mientras que el sindicato calificó la medida de «…»"): who says the quoted words."""
        analysis = self.analysis
        sentence_of = analysis.tokens.sentence_of
        if cue is None or cue[1] >= opening or analysis.shapes[opening] != "QO" or \
                sentence_of[cue[1]] != sentence_of[opening]:
            return None
        contrast = next((i for i in range(opening - 1, cue[1], -1) if analysis.lower[i] in CONTRAST), None)
        if contrast is None:
            return None
        start = contrast + 1
        while start < opening and COMPLEMENT in analysis.classes[start]:
            start += 1  # "mientras | que"
        verb = next((i for i in range(start + 1, opening) if CUE in analysis.classes[i]), None)
        return self._remembered(opening, self._resolve(start, verb - 1, (verb, verb))) if verb else None

    def incise_after(self, last: int, cue: tuple[int, int] | None) -> str | None:
        """Where the subject follows its verb, the speaker named by a reporting verb right after
        the quote's closing mark and a comma, when the quote's own cue is another ("La eléctrica
        defendió la subida: «…», afirmó su directora comercial, Carmen Ibarguren."): that
        verb says who spoke."""
        analysis = self.analysis
        words, classes = analysis.tokens.words, analysis.classes
        passage = analysis.passage[last]
        close = analysis.quotes[passage].close if passage >= 0 else None
        if self.lexicon.language not in VERB_FIRST or close is None:
            return None
        verb = close + 2
        if verb < len(words) and analysis.lower[verb] in AUXILIARIES:
            verb += 1  # "a | déclaré"
        if verb >= len(words) or words[close + 1] != "," or CUE not in classes[verb]:
            return None
        if cue is not None and cue[0] <= verb <= cue[1]:
            return None  # the quote's own cue: resolved as such
        end = verb
        while end + 1 < len(words) and CUE in classes[end + 1]:
            end += 1
        return self.unsourced((close + 2, end))

    def before_colon(self, opening: int) -> str | None:
        """The person named last before the colon that opens a quote or reported speech, in its
        sentence, when no reporting verb frames it ("el delantero Marcos Villalba fue tajante:
        «…»", "Kritik kam von Gemeinderat Jochen Pfeiffer: Die Kosten seien …")."""
        words = self.analysis.tokens.words
        colon = opening - 1 if self.analysis.shapes[opening] == "QO" else opening
        if colon < 1 or words[colon] != ":":
            return None
        before = [m for m in self._mentions_before(colon) if m.last > m.first]
        return self._remembered(opening, self.fullest(before[-1].name)) if before else None

    def _mention_ending_at(self, end: int) -> Mention | None:
        """The mention whose last token is ``end``, if any."""
        at = bisect_left(self._firsts, end + 1) - 1
        return self.mentions[at] if at >= 0 and self.mentions[at].last == end else None

    def _mentions_before(self, index: int) -> list[Mention]:
        """The mentions of ``index``'s sentence that end before it, in text order."""
        sentence_of = self.analysis.tokens.sentence_of
        return [m for m in self.mentions[: bisect_left(self._firsts, index)]
                if m.last < index and sentence_of[m.first] == sentence_of[index]]

    def _remembered(self, first: int, name: str | None) -> str | None:
        if name:
            self._spoken.add(name)
        if name and name in self._names:
            self._last = (name, self.analysis.tokens.sentence_of[first])
        elif name and organisation_word(name.split()[0].lower(), self.lexicon.language):
            self._last_organisation = (name, self.analysis.tokens.sentence_of[first])
        return name

    def _before_clause(self, first: int, last: int) -> int:
        """The mention's end before a comma that opens a clause on it ("so der Minister, der
        auch …", "selon le ministre, qui …"): the clause says more about the speaker, it is no
        part of the name."""
        words, lower = self.analysis.tokens.words, self.analysis.lower
        for index in range(first + 1, last):
            if words[index] == "," and lower[index + 1] in _OPENS_CLAUSE:
                return index - 1
            if lower[index] in _RECIPIENT_ARTICLES and index > first + 1 and \
                    self.analysis.shapes[index + 1] == "QO":
                return index - 1  # "sagte der CDU-Politiker der „Welt“": told the newspaper
        return last

    def _resolve(self, first: int, last: int, cue: tuple[int, int] | None) -> str | None:
        analysis = self.analysis
        words = [i for i in range(first, last + 1) if analysis.tokens.words[i][0].isalnum()]
        contrast = [n for n, i in enumerate(words) if analysis.lower[i] in CONTRAST or (
            analysis.lower[i] in _CONCESSIVE and i > 0 and analysis.tokens.words[i - 1] == ",")]
        if contrast and contrast[-1] + 1 < len(words):
            words = words[contrast[-1] + 1 :]  # "X, …, ndërsa | Policia e Durrësit bëri të ditur"
            first = words[0]
        while len(words) > 1 and analysis.lower[words[0]] in _LEADING_CONJUNCTIONS:
            words = words[1:]  # "…, mais | la société assure que"
            first = words[0]
        comma = next((i for i in range(last - 1, first, -1) if analysis.tokens.words[i] == ","), None)
        if comma is not None and self._adjunct_opens(first) and any(i > comma for i in words):
            words = [i for i in words if i > comma]  # "À Chambéry, | la préfecture de la Savoie"
            first = words[0]
        words = self._without_verbs(words)
        auxiliary = (n for n, i in enumerate(words) if n and analysis.lower[i] in self._auxiliaries)
        words = words[: next(auxiliary, len(words))]  # "Le club | a par ailleurs indiqué": the verb's
        while len(words) > 1 and analysis.lower[words[-1]] in AUXILIARIES:
            words = words[:-1]  # "Le tribunal de Bobigny | a estimé"
        if not words:
            return None
        head = words[1] if len(words) > 1 and analysis.lower[words[0]] in DEFINITE else words[0]
        if analysis.lower[head] in GROUP_NOUNS and not (
                len(words) > 2 and analysis.lower[words[1]] in _AFFILIATION) and \
                not self._group_named(words) and not self._full_name_at(head + 1):
            return None  # "Banorët e lagjes Kodra e Diellit", "los vecinos de Triana": no one named
        speaker_of = _SPEAKERS_OF.get(analysis.lower[words[0]])
        if speaker_of is not None and len(words) == 2 and analysis.classes[words[1]] & {NOUN, CUE}:
            # "Nach | seinen Angaben", "según | sus palabras": whoever the possessive stands for
            return self._antecedent(words[0], speaker_of)
        if self._possessive_before_noun(words[0]):
            # "Her | deputy, James Thurlow, was …": the deputy speaks, not "her"; "Her coach was
            # more cautious:" names no one.
            # ("his barrister | Anand Mistry": the name right after the noun)
            apposed = self._apposed_after(words[0] + 1) or self._first_inside(words[0] + 2, last)
            return self.fullest(apposed.name) if apposed is not None else None
        if len(words) == 1:
            latter = _LATTER.get(analysis.lower[words[0]])
            if latter is not None:
                return self._latter(words[0], latter)
            gender = self._pronoun_gender(words[0])
            if gender is not None:
                return self._antecedent(words[0], gender) or self._cataphor(words[0], gender)
            if analysis.lower[words[0]] in _RELATIVES:
                return self._relative(words[0])
        if analysis.lower[words[0]] in _RELATIVES and first > 0 and analysis.tokens.words[first - 1] == ",":
            # "Leon Asante-Boyd, | who scored twice, | said": the name the clause is on
            found = self._relative(words[0])
            if found:
                return found
        if cue is not None and first > cue[1] and analysis.lower[cue[1]] in _TELLING:
            # "Rebecca Marsh | told | Kingsbridge Crown Court that": who was told, not who spoke
            found = self._subject_before(first, last, cue)
            if found:
                return found
        if self._adjunct_opens(words[0]) and analysis.lower[words[0]] not in _AGENT | _FROM:
            # "Au tribunal de Rennes, | le procureur X a requis": the subject after the adjunct;
            # "X mohoi | para gjykatës që", "X said | in a statement that": an adjunct that names
            # no one, the subject before the verb.
            subject = self._apposed_after(last)
            if subject is not None:
                return self.fullest(subject.name)
            if not any(analysis.tokens.words[i][0].isupper() and (
                    self._name_word(i) or self._organisation_word(i)) for i in words):
                found = self._subject_before(first, last, cue)
                if found or (cue is not None and first > cue[1]):
                    return found or self._antecedent(words[0], "")
        described = self._described_organisation(words)
        if described:
            return described
        if len(words) > 2 and analysis.lower[words[0]] in _SOURCES and analysis.lower[words[1]] in OF_WORDS:
            # "Fuentes del | hospital comarcal de Torrellano": the sources' organisation
            rest = words[2:]
            if self._headed_by_organisation(rest):
                return self._own_words(self._before_adjunct(rest))
        if self._headed_by_organisation(words):
            # "l'autorité portuaire de Port Vellara | dans un communiqué"; "la compagnie | Air
            # Garonne": the name right after the noun.
            head = 1 if analysis.lower[words[0]] in DEFINITE else 0
            name = next((n for n in range(head + 1, min(len(words), head + 1 + KIND_REACH))
                         if self._run_word(words[n])), None)
            if name is not None and not any(analysis.lower[w] in OF_WORDS for w in words[head + 1 : name]):
                # "la compagnie | Air Garonne", "le groupe agroalimentaire | Belcourt"
                return self._named_part(words[name:], subject_first=True)
            return self._own_words(self._before_adjunct(self._up_to_verb(words, cue)))
        inside = self._apposed(first, last) or self._first_inside(first, last)
        if inside is not None:
            return self.fullest(inside.name)
        head = self._head_name(words)
        if head:
            return head
        titles = {self._title_key(i) for i in words} - {""}
        found = self._titled(first, titles) if titles else None
        if found:
            return found
        if titles or any(title_of(analysis, i, self.lexicon) or _AGE.match(analysis.lower[i]) for i in words):
            # A title no one in the text has ("the biologist", "le vice-président de la CENI"),
            # an age ("the 45-year-old"), or the name in apposition a little farther ("le
            # directeur de l'OMS (OMS), Name").
            apposed = self._apposed_after(last)
            if apposed:
                return self.fullest(apposed.name)
            represented = self._represented(words)
            if represented is not None:
                return represented or None  # an unnamed spokesperson of no organisation in sight
            if analysis.lower[words[0]] in INDEFINITE:
                return None  # "said one driver": someone new, unnamed
            return self._antecedent(words[0], "") or self._own_words(words)
        if {analysis.lower[words[0]], analysis.lower[words[-1]]} & _SOURCES and \
                not any(self._run_word(i) for i in words[1:]):
            return None  # "Police sources", "Burime nga qeveria", "fuentes policiales": no one named
        if len(words) > 2 and analysis.lower[words[0]] in GROUP_NOUNS and \
                analysis.lower[words[1]] in _AFFILIATION:
            return self._affiliation(words[2:])  # "Economists at Rydell Capital": the firm
        if len(words) > 1 and analysis.lower[words[0]] in INDEFINITE and not self._run_word(words[1]) \
                and NOUN not in analysis.classes[words[1]]:
            # "A protester outside the counting centre in Hollins Ford": someone unnamed ("A
            # statement from the Harbour Ministry" names its source)
            return None
        described = self._statement_of(words)
        if described:
            return described
        bare = words[1:] if len(words) == 2 and analysis.lower[words[0]] in DEFINITE else words
        if len(bare) == 1 and self._organisation_word(bare[0]) and self.lexicon.language in _ADJECTIVES_AFTER:
            # "L’Alliance | des territoires", "La Consejería | de Sanidad": the source cut after
            # its first word
            return self._whole_organisation(bare[0])
        named = self._named_part(self._with_conjoined_name(self._with_trailing_name(words)))
        if named:
            return named
        if analysis.lower[words[-1]] in GROUP_NOUNS:
            return None  # "club insiders", "senior officials": no one named
        if any(self._organisation_word(i) for i in words):
            return self._own_words(words)  # an organisation: "the ministry", "der Polizei"
        return self._unnamed(words, cue)

    def _statement_of(self, words: list[int]) -> str | None:
        """The organisation a description after a noun of speech stands for ("un comunicado |
        del cuerpo", "a statement from | the company")."""
        lower, classes = self.analysis.lower, self.analysis.classes
        at = next((n for n, i in enumerate(words) if NOUN in classes[i]), None)
        if at is None or at + 1 >= len(words) or lower[words[at + 1]] not in OF_WORDS | _AFFILIATION:
            return None
        return self._described_after(words[at + 1 :])

    def _described_after(self, words: list[int]) -> str | None:
        """The organisation a definite description after a connector stands for, the connector
        ``words[0]`` ("del | hospital", "des | Unternehmens", "from | the company")."""
        lower = self.analysis.lower
        if lower[words[0]] not in DEFINITE:
            words = words[1:]
        return self._described_organisation(words) if words and lower[words[0]] in DEFINITE else None

    def _affiliation(self, words: list[int]) -> str | None:
        """The name that opens ``words`` (after an article), as far as its words go on."""
        if words and self.analysis.lower[words[0]] in DEFINITE:
            words = words[1:]
        run = 0
        while run < len(words) and self._run_word(words[run]) and (
                run == 0 or self._adjacent(words[run - 1], words[run])):
            run += 1
        return self._own_words(words[:run]) if run else None

    def _subject_before(self, first: int, last: int, cue: tuple[int, int] | None) -> str | None:
        """The speaker the words from the sentence's start to the reporting verb name, where the
        source found was an adjunct ("Dans un communiqué, la compagnie X | a indiqué")."""
        start = self.analysis.tokens.sentence_around(first)[0]
        end = (cue[0] if cue is not None and cue[0] > start else first) - 1
        if end < start or (start, end) == (first, last):
            return None
        return self._resolve(start, end, None)

    def _with_conjoined_name(self, words: list[int]) -> list[int]:
        """An organisation's name cut before its last words ("Gewerkschaft Pflege | Nord") or
        before "und", "and", … and its next word ("Gewerkschaft Verkehr | und Logistik"), with
        them."""
        lower, size = self.analysis.lower, len(self.analysis.lower)
        if not any(self._organisation_word(i) for i in words):
            return words
        extended = list(words)
        sentence = self.analysis.tokens.sentence_of[words[-1]]
        while extended[-1] + 1 < size and self.analysis.tokens.sentence_of[extended[-1] + 1] == sentence:
            following = extended[-1] + 1
            if self._run_word(following) and self.analysis.tokens.words[following].isalpha():
                extended.append(following)  # "Gewerkschaft Pflege | Nord"
            elif following + 1 < size and lower[following] in CONJUNCTIONS and self._run_word(following + 1):
                extended += [following, following + 1]
            else:
                break
        return extended

    def _without_verbs(self, words: list[int]) -> list[int]:
        """A source without the reporting verbs that open it ("según | informaron fuentes
        policiales") and from the next one on ("the crowd | chanted outside parliament"): a
        source tagged over its verb. Nouns of speech stay ("a statement from the ministry")."""
        classes = self.analysis.classes

        def verb(index: int) -> bool:
            return CUE in classes[index] and NOUN not in classes[index]

        start = next((n for n, i in enumerate(words) if not verb(i)), len(words))
        end = next((n for n in range(start + 1, len(words)) if verb(words[n])), len(words))
        return words[start:end]

    def _described_organisation(self, words: list[int]) -> str | None:
        """The organisation a definite description stands for ("the company", "das
        Tech-Unternehmen", "la dependencia"): the nearest organisation named in the sentences
        before it (``_organisations``), else None."""
        words = self._before_adjunct(self._with_head(words))  # ("die Partei | in Falkenried")
        lower = [self._plain(i)[1] for i in words]
        # (an elided article, or an Albanian noun's own: "ministrisë" is "of the ministry")
        elided = self._plain(words[0])[0] != self.analysis.tokens.words[words[0]] or (
            self.lexicon.language in _SUFFIXED_ARTICLES and self.analysis.tokens.words[words[0]].islower())
        if not (lower[0] in DEFINITE or elided):
            return None
        kinds = lower if elided else lower[1:]
        if len(words) > 4:
            kinds = kinds[:1]  # "La empresa | rechazó las críticas y": the head noun alone
        head = 0 if elided else 1
        if any(self._name_word(i) for i in words[head + 1 : head + 4]):
            return None  # "Der Tourismusverband | Oberland": a name, no description
        kinds = [self._singular_kind(w) for w in kinds]
        called = self._organisation_called(kinds[0], words[0]) if kinds else None
        if called or not any(w in ORGANISATION_KINDS or (self.lexicon.language in COMPOUNDING and
                             w.endswith(_LONG_KINDS)) for w in kinds):
            return called
        return self._nearest_organisation(words[0])

    def _singular_kind(self, word: str) -> str:
        """A German kind of organisation without its genitive ending ("des Unternehmens",
        "des Betreibers"); other words as they are."""
        if self.lexicon.language == "de" and word not in ORGANISATION_KINDS:
            for ending in ("es", "s"):
                stem = word.removesuffix(ending)
                if stem != word and (stem in ORGANISATION_KINDS or organisation_word(stem, "de")):
                    return stem
        return word

    def _organisation_called(self, noun: str, index: int) -> str | None:
        """The nearest organisation named before ``index`` (within ``_ORGANISATION_REACH``
        sentences) whose name holds the description's noun ("el hospital" -> "Hospital Comarcal
        de Arenosa", "das Gericht" -> "Verwaltungsgericht Oberstetten"), where the noun is an
        organisation's."""
        if not (noun in ORGANISATION_KINDS or organisation_word(noun, self.lexicon.language)):
            return None
        sentence_of = self.analysis.tokens.sentence_of
        for first, name, _ in reversed(self.organisations()):
            if first < index and sentence_of[index] - sentence_of[first] <= _ORGANISATION_REACH and any(
                    self._same_noun(w.lower(), noun) for w in name.split()):
                return self._as_spoken(self._whole_organisation(first) or name)
        return None

    def _as_spoken(self, name: str) -> str:
        """The longest speaker so far whose name holds ``name`` ("Policisë së Qarkut Bregas" ->
        "Drejtoria e Policisë së Qarkut Bregas", which spoke before), else ``name``."""
        fuller = [spoken for spoken in self._spoken if _contains(spoken.split(), name.split())]
        return max(fuller, key=len, default=name)

    def _same_noun(self, word: str, noun: str) -> bool:
        """True for a name's word that is the noun: the same, a German compound's head
        ("Verwaltungsgericht", "Gericht"), or an Albanian form of it ("Ministria",
        "ministrisë")."""
        word, noun = fold(word), fold(noun)
        language = self.lexicon.language
        if word == noun or (language in COMPOUNDING and len(noun) >= MIN_COMPOUND_PART
                            and word.endswith(noun)):
            return True
        shared = len(os.path.commonprefix([word, noun]))
        return language in _SUFFIXED_ARTICLES and \
            shared >= max(MIN_COMPOUND_PART, min(len(word), len(noun)) - 2)

    def _whole_organisation(self, first: int) -> str | None:
        """An organisation's name from its first word, over its connectors ("Gjykata | e Apelit")
        and the lower-case words a name goes on with where names follow their noun ("Société |
        des transports de l'agglomération")."""
        end = self.analysis.tokens.reach(first, _ORGANISATION_WORDS_AFTER)
        words = [i for i in range(first, end) if self.analysis.tokens.words[i][0].isalnum()]
        return self._named_part(words, subject_first=True)

    def _nearest_organisation(self, index: int) -> str | None:
        """The organisation that spoke last, else the one named last before ``index``, within
        ``_ORGANISATION_REACH`` sentences."""
        sentence_of = self.analysis.tokens.sentence_of
        here = sentence_of[index]
        if self._last_organisation and here - self._last_organisation[1] <= _ORGANISATION_REACH:
            return self._last_organisation[0]
        # (named in a sentence before, or as an organisation before it in its own: "Shares in
        # Calverton Biosystems fell after the company said"; one named after it in its own
        # sentence is often in the speech)
        near = [(name, named) for first, name, named in self.organisations()
                if first < index and (0 < here - sentence_of[first] <= _ORGANISATION_REACH
                                      or named and sentence_of[first] == here)]
        # One named as an organisation, else a repeated name that opens a sentence ("Sony hat …").
        ranked = [name for name, named in near if named] or [name for name, _ in near]
        return ranked[-1] if ranked else self._first_unspoken_name(index)

    def _first_unspoken_name(self, index: int) -> str | None:
        """Where no organisation word marks one, the first name before ``index`` (within
        ``_ORGANISATION_REACH`` sentences) that the entity tagger takes for an organisation and
        that has not spoken: what a story names first is its subject ("Shares in Brackwell Foods
        fell after the company warned"; "The manager of Dunmore Rovers, Tom Reid, … According to
        the club")."""
        sentence_of = self.analysis.tokens.sentence_of
        here = sentence_of[index]
        for mention in self.mentions[: bisect_left(self._firsts, index)]:
            if mention.last < index and not mention.titles and \
                    here - sentence_of[mention.first] <= _ORGANISATION_REACH and \
                    self.fullest(mention.name) not in self._spoken and self._tagged_organisation(mention):
                return self.fullest(mention.name)
        return None

    def _tagged_organisation(self, mention: Mention) -> bool:
        """True where the entity tagger reads the mention, in its sentence, as an organisation."""
        from newsweave.entities.mentions import ORG, mentions_in_text  # (entities read quotes' grammar)

        tokens = self.analysis.tokens
        first, last = tokens.sentences[tokens.sentence_of[mention.first]]
        start, end = tokens.starts[first], tokens.ends[last - 1]  # (token ranges end exclusive)
        if start not in self._organisations_tagged:
            tagged = mentions_in_text(tokens.text[start:end], [0], self.lexicon.language)
            self._organisations_tagged[start] = [(start + m.start, start + m.end)
                                                 for m in tagged if m.type == ORG]
        at, until = tokens.starts[mention.first], tokens.ends[mention.last]
        return any(a <= at and until <= b for a, b in self._organisations_tagged[start])

    def _title_key(self, index: int) -> str:
        """The lexicon's key of a title word, also in the German genitive ("eines Sprechers",
        "des Ministers"); "" for another word."""
        lower, titles = self.analysis.lower[index], self.lexicon.titles
        if lower not in titles and self.lexicon.language == "de" and lower.endswith("s"):
            lower = lower[:-2] if lower.endswith("es") and lower[:-2] in titles else lower[:-1]
        if lower not in titles and self.lexicon.language in COMPOUNDING:
            # a compound's head: "Unternehmenssprecher", "Polizeisprecherin"
            head = next((t for t in LONG_TITLES if lower.endswith((t, t + "in")) and t in titles), None)
            return titles[head] if head else ""
        return titles.get(lower, "")

    def _represented(self, words: list[int]) -> str | None:
        """The organisation a spokesperson speaks for: what the title is of ("a spokesperson
        for Redfern Water", "ein Sprecher der Polizei"), or for a bare one ("nach Angaben eines
        Sprechers") the organisation of the sentences before, else ""; None without a
        spokesperson or with a title of something else ("spokesperson on defence")."""
        lower = self.analysis.lower
        at = next((n for n, i in enumerate(words) if self._title_key(i) == "spokesperson"), None)
        if at is None:
            return None
        rest = words[at + 1 :]
        if not rest:
            before = [i for i in words[:at] if lower[i] not in INDEFINITE | DEFINITE]
            if before and all(self._run_word(i) for i in before):
                return self._own_words(before)  # "a Stoneleigh Police | spokeswoman"
            return self._nearest_organisation(words[at]) or ""
        if lower[rest[0]] not in OF_WORDS | _FOR:
            return None
        while len(rest) > 1 and lower[rest[0]] in OF_WORDS | _FOR and lower[rest[1]] in OF_WORDS | _FOR:
            rest = rest[1:]
        described = self._described_after(rest)
        if described:
            return described  # "un portavoz del | hospital", "ein Sprecher des | Unternehmens"
        rest = self._before_adjunct(rest[1:])  # (cut before "après l'annonce")
        if len(rest) > 1 and self._singular_kind(lower[rest[0]]) in ORGANISATION_KINDS and \
                self._run_word(rest[1]):
            rest = rest[1:]  # "des Betreibers | Nordwind Energie AG": the kind before the name
        if not rest:
            return None
        return self._described_organisation(rest) or self._named_part(rest) or self._own_words(rest)

    def _with_head(self, words: list[int]) -> list[int]:
        """A lone article tagged as the source, with the words after it up to the reporting verb
        ("La | dependencia agregó")."""
        analysis = self.analysis
        if len(words) > 1 or analysis.lower[words[0]] not in DEFINITE:
            return words
        extended = list(words)
        index = words[0] + 1
        while index < len(analysis.lower) and len(extended) < 4 and \
                analysis.tokens.words[index][0].isalnum() and not analysis.classes[index]:
            extended.append(index)
            index += 1
        return extended

    def organisations(self) -> list[tuple[int, str, bool]]:
        """Names of the text that may be organisations, where they start, and whether an
        organisation word says so: a capitalised run with one, or a name the text repeats that
        opens a sentence and is no titled person ("Sony hat …")."""
        if self._named_organisations is None:
            analysis = self.analysis
            people = {m.first for m in self.mentions if m.titles or m.gender}
            runs = [(a, b, normalise_name(" ".join(analysis.tokens.words[a : b + 1]), self.lexicon.language))
                    for a, b in map(self._without_kind, capitalised_runs(analysis, self.lexicon))
                    if a not in people]
            said = Counter(name for _, _, name in runs)
            found = []
            for a, b, name in runs:
                # An organisation word in the run, or a kind before it ("la constructora | Obras
                # Levante", "la cadena de supermercados | Frescomar").
                named = organisation(analysis, a, b, self.lexicon.language) or kind_before(analysis, a) \
                    or a > 0 and company_kind(analysis.lower[a - 1], self.lexicon.language)
                opens = a in self._sentence_starts and fold(analysis.lower[a]) not in FUNCTION_WORD_SET
                if named or (opens and said[name] > 1):
                    found.append((a, name, named))
            self._named_organisations = found
        return self._named_organisations

    def _without_kind(self, run: tuple[int, int]) -> tuple[int, int]:
        """A run of capitals without the German noun of a company's trade that opens it, and
        without closing titles."""
        first, last = run
        kind = next((i for i in range(first, min(last, first + 2)) if company_kind(
            self.analysis.lower[i], self.lexicon.language)), None)  # ("Bielefelder | Maschinenbauer")
        return self._without_closing_titles((first if kind is None else kind + 1, last))

    def _without_closing_titles(self, run: tuple[int, int]) -> tuple[int, int]:
        """A capitalised run without the titles it ends on ("the former NBA | Commissioner"):
        an organisation's name holds none."""
        first, last = run
        while last > first and title_of(self.analysis, last, self.lexicon):
            last -= 1
        return first, last

    def _apposed_after(self, last: int) -> Mention | None:
        """A name of two or more words (or titled: "Me Julien Vasseur") right after the next
        comma of the sentence, at most ``APPOSITION_REACH`` tokens on."""
        comma = comma_after(self.analysis, last)
        if comma is None or comma + 1 == len(self.analysis.lower):
            return None  # (a comma that ends the text)
        after = comma + 2 if self.analysis.lower[comma + 1] in DEFINITE else comma + 1
        at = bisect_left(self._firsts, after)
        if at < len(self.mentions):
            mention = self.mentions[at]
            named = mention.last > mention.first or mention.titles
            if named and after in (mention.first, mention.head):
                return mention
        return None

    def _possessive_before_noun(self, index: int) -> bool:
        """True for a possessive before its noun, where the source was cut to the possessive
        ("Her | deputy"): whoever the noun names speaks."""
        analysis = self.analysis
        following = index + 1
        if analysis.lower[index] not in _POSSESSIVES or following >= len(analysis.lower):
            return False
        noun = analysis.tokens.words[following]
        return noun.isalpha() and noun.islower()

    def _pronoun_gender(self, index: int) -> str | None:
        """The gender of a subject pronoun ("he", "a-t-elle", "selon lui"), None for another word."""
        analysis = self.analysis
        lower = analysis.lower[index]
        if PRONOUN in analysis.classes[index]:
            return self.lexicon.pronouns.get(lower, "")
        inverted = INVERTED_SUBJECT.search(lower)
        if inverted and "-" in lower[: inverted.start() + 1]:
            return _STRESSED.get(inverted.group(1), "p" if inverted.group(1).endswith("s") else "")
        if lower in _STRESSED and index > 0 and ACCORDING in analysis.classes[index - 1]:
            return _STRESSED[lower]
        return None

    def _relative(self, index: int) -> str | None:
        """The person a relative pronoun follows in its sentence ("…, Luz Rivas, qui a dit")."""
        before = self._mentions_before(index)
        return self.fullest(before[-1].name) if before and index - before[-1].last <= 2 else None

    def _apposed(self, first: int, last: int) -> Mention | None:
        """The name in apposition to a title phrase: the first mention of two or more words in
        the span, or right after it behind a comma ("El presidente del Gobierno, Pedro Ruiz")."""
        words = self.analysis.tokens.words
        after = last + 1
        while after < len(words) and words[after] == ",":
            after += 1
        at = bisect_left(self._firsts, first)
        found = []
        named = self._plain(last)[0] in self._name_words  # ("Selon Peyrac, | Théo Marchetti souffre")
        for mention in self.mentions[at:]:
            if mention.first > after or named and mention.first > last:
                break
            if mention.last > mention.first and (mention.last <= last or mention.first == after != last + 1) \
                    and not self._in_adjunct(mention.first):
                found.append(mention)
        apposed = {m.first for m in found}
        return next((m for m in found if not self._qualifies_another(m, first, last, apposed)),
                    found[0] if found else None)

    def _qualifies_another(self, mention: Mention, first: int, last: int, apposed: set[int]) -> bool:
        """True for a name of the title phrase ``first`` .. ``last`` that only qualifies another:
        the title's complement where a name follows ("el jefe de | Salud Pública, Ignacio
        Barrenechea", "el portavoz de la asociación agraria | Tierra Viva, Javier Lozano"), a
        possessor ("Norland Rail's | Tessa Okoye") or what a title right after it is of ("the
        Millbrook Rovers | manager, Tom Reid"). ``apposed``: where the phrase's names start."""
        words, lower = self.analysis.tokens.words, self.analysis.lower
        before = lower[mention.first - 1] if mention.first > 0 else ""
        after = words[mention.last + 1] if mention.last + 1 < len(words) else ""
        if before in OF_WORDS or after in GENITIVE_MARKS or (
                mention.last < last and title_of(self.analysis, mention.last + 1, self.lexicon)):
            return True
        # (not a name itself apposed: "Selon le procureur, | Mathieu Garnier, Yannick Le Bihan")
        return after == "," and mention.last + 2 in apposed and before != "," and \
            any(title_of(self.analysis, i, self.lexicon) for i in range(first, mention.first))

    def _full_name_at(self, index: int) -> bool:
        """True where a name of two or more words starts at ``index``: a German group noun is
        also one person's role before it ("Kritiker | Jan Overbeck")."""
        at = bisect_left(self._firsts, index)
        return at < len(self.mentions) and self.mentions[at].first == index and self.mentions[at].last > index

    def _first_inside(self, first: int, last: int) -> Mention | None:
        """The first person mention within tokens ``first`` .. ``last``."""
        for index in range(bisect_left(self._firsts, first), len(self.mentions)):
            mention = self.mentions[index]
            if mention.first > last:
                break
            if mention.last <= last and not self._in_adjunct(mention.first):
                return mention
        return None

    def _in_adjunct(self, index: int) -> bool:
        """True for a name right after a preposition of place, time or means ("Interrogée | sur
        France Inter", "officials | in Marlow County"): no speaker. Not after "by", "par",
        "von", "por": a passive's agent speaks."""
        lower = self.analysis.lower
        before = index - 1
        if before < 1:
            return False
        if self.lexicon.language in _ROMANCE and lower[before - 1] == "a" and lower[before] in DEFINITE:
            return True  # "declaraciones a la | Cadena Norte": who was told
        # ("Pour | Nadia Benhamou-Vidal, déléguée CGT, « … »": "pour" says whose view it is)
        return self._adjunct_opens(before) and lower[before] not in _AGENT and \
            ACCORDING not in self.analysis.classes[before]

    def _head_name(self, words: list[int]) -> str | None:
        """A capitalised last word of the mention that is a name, or the name after a bare
        honorific."""
        last = words[-1]
        if self._name_word(last) and len(words) <= 2 and not any(self._organisation_word(i) for i in words):
            return self.fullest(normalise_name(self._plain(last)[0], self.lexicon.language))
        tokens = self.analysis.tokens
        if len(words) == 3 and self._name_word(last) and title_of(self.analysis, words[0], self.lexicon) and \
                self.analysis.lower[words[1]] in PARTICLES and tokens.words[words[1]][0].isupper():
            # "M. | Le Bihan": a surname that opens on its particle
            return self.fullest(tokens.text[tokens.starts[words[1]] : tokens.ends[last]])
        return None

    def _name_word(self, index: int) -> bool:
        """A capitalised word that names someone: not a function word, title or (German tags)
        common noun; at a sentence's start only an acronym or a word the text names elsewhere."""
        analysis = self.analysis
        word, lower = self._plain(index)
        if not word[0].isupper() or lower in NOT_NAMES or fold(lower) in FUNCTION_WORD_SET or \
                german_non_name(lower, self.lexicon.language) or HYPHENATED_ADJECTIVE.search(word):
            return False
        if word.isupper() and (len(word) > LONGEST_ACRONYM or self._shouted(index)):
            return False  # a dateline or a shouted headline ("PORT VELLARA"), not a name
        if PRONOUN in analysis.classes[index] or title_of(analysis, index, self.lexicon) is not None:
            return False
        if index in self._sentence_starts or (index > 0 and analysis.tokens.words[index - 1] in "\"“„«»‘'"):
            known = normalise_name(word, self.lexicon.language) in self._name_words
            # (an acronym, or a word with a capital inside: "SkyGate", "PepsiCo")
            return known or (word.isupper() and len(word) > 1) or _INNER_CAPITAL.search(word) is not None
        return True

    def _plain(self, index: int) -> tuple[str, str]:
        """A token and its lower case without an elided article ("l'Organisation")."""
        word = ELISION.sub("", self.analysis.tokens.words[index])
        return word, word.lower()

    def _shouted(self, index: int) -> bool:
        """True for an all-capital word beside another: a dateline or headline, no acronym."""
        words = self.analysis.tokens.words
        return any(0 <= i < len(words) and len(words[i]) > 1 and words[i].isupper() and words[i].isalpha()
                   for i in (index - 1, index + 1))

    def _organisation_word(self, index: int) -> bool:
        return organisation_word(self._plain(index)[1], self.lexicon.language)

    def _named_part(self, words: list[int], subject_first: bool = False) -> str | None:
        """The name a source phrase holds ("fuel app GasBuddy's forecast" -> "GasBuddy", "the
        U.S. Energy Information Administration", "des informations de Closer" -> "Closer"): the
        run of name words (joined by connectors) with an organisation word, else the last one;
        not a run of demonyms ("Lebanese media"). With ``subject_first`` (the words after a
        reporting verb), the first run."""
        analysis = self.analysis
        tokens = analysis.tokens
        runs: list[tuple[int, int]] = []
        index = 0
        while index < len(words):
            position = words[index]
            if not (self._name_word(position) or (self._run_word(position) and (
                    self._organisation_word(position) or (index + 1 < len(words) and self._adjacent(
                        position, words[index + 1]) and self._run_word(words[index + 1]))))):
                index += 1
                continue
            end = index
            while end + 1 < len(words) and self._adjacent(words[end], words[end + 1]):
                joined = self._joined_by_connectors(words, end + 1)
                if joined is None and (
                        any(self._organisation_word(words[i]) for i in range(index, end + 1))
                        or conjoined_organisation_after(self.analysis, words[end], self.lexicon)):
                    joined = self._joined_by_conjunction(words, end + 1)
                if joined is None:
                    break
                end = joined
            runs.append((words[index], words[end]))
            index = end + 1
        runs = [(a, b) for a, b in runs
                if not self._in_adjunct(a) and not all(
                    fold(analysis.lower[i]) in DEMONYM_SET or not self._plain(i)[0][0].isupper()
                    for i in range(a, b + 1))]
        if not runs:
            return None
        organisation = next((r for r in runs
                             if any(self._organisation_word(i) for i in range(r[0], r[1] + 1))), None)
        first, last = organisation or runs[0 if subject_first else -1]
        if organisation is not None and self.lexicon.language in _ADJECTIVES_AFTER and \
                self._organisation_word(last):
            # Its lower-case words too, after a name that ends on its organisation word:
            # "l'Organisation mondiale de la santé", not "Secretaría de Marina | local".
            at = words.index(last)
            while at + 1 < len(words) and words[at + 1] == words[at] + 1 and words[at + 1] in range(
                    last, last + _ORGANISATION_TAIL) and \
                    self._plain(words[at + 1])[0].replace("-", "").isalpha():
                at += 1
                if self._plain(words[at])[0][0].isupper():
                    break  # "Société des transports de Montrelay | va supprimer": a name ends there
            while at > words.index(last) and fold(analysis.lower[words[at]]) in CONNECTOR_SET:
                at -= 1  # (no name ends on "de")
            last = words[at]
        start = tokens.starts[first] + len(tokens.words[first]) - len(self._plain(first)[0])
        name = normalise_name(tokens.text[start : tokens.ends[last]], self.lexicon.language)
        return self.fullest(name) if last == first else name

    def _joined_by_connectors(self, words: list[int], at: int) -> int | None:
        """Where a name run goes on from ``words[at]``: that word, or the name word after one or
        two connectors ("Organización Mundial | de la | Salud"), as an index into ``words``."""
        analysis = self.analysis
        step = at
        while step < len(words) and step - at < _MAX_CONNECTORS and \
                fold(analysis.lower[words[step]]) in CONNECTOR_SET and \
                (step == at or words[step] == words[step - 1] + 1):
            step += 1
        if step < len(words) and (step == at or words[step] == words[step - 1] + 1) and \
                self._run_word(words[step]) and not (step > at and self._time_word(words[step])):
            return step
        return None

    def _time_word(self, index: int) -> bool:
        """True for a day or month, which no connector joins to a name ("die Hollwerk AG | am
        Mittwoch", "Frankfurt am Main" stays whole)."""
        lower = self.analysis.lower[index]
        return lower in TIME_WORDS or german_non_name(lower, self.lexicon.language)

    def _joined_by_conjunction(self, words: list[int], at: int) -> int | None:
        """Where an organisation's name goes on over "und", "and", "et", "y", "dhe" and a name
        word ("Gewerkschaft Pflege | und | Gesundheit"), as an index into ``words``."""
        following = at + 1
        if following < len(words) and self.analysis.lower[words[at]] in CONJUNCTIONS and \
                words[following] == words[at] + 1 and self._run_word(words[following]):
            return following
        return None

    def _adjacent(self, left: int, right: int) -> bool:
        """True for words next to each other, or joined by a dot, slash, ampersand or plural
        possessive with no space before it ("U.S. Energy", "Gemius/PBI", "Workers' Federation"),
        or by a possessive before an organisation word ("the County Sheriff's Office")."""
        tokens = self.analysis.tokens
        if right != left + 2 or tokens.ends[left] != tokens.starts[left + 1]:
            return right == left + 1
        joiner = tokens.words[left + 1]
        return joiner in _JOINERS or joiner in GENITIVE_MARKS and self._organisation_word(right)

    def _with_trailing_name(self, words: list[int]) -> list[int]:
        """A source phrase cut before its name ("des informations de nos confrères de | Closer"):
        the name words after a final connector, added."""
        analysis = self.analysis
        after = words[-1] + 1
        if fold(analysis.lower[words[-1]]) not in CONNECTOR_SET:
            return words
        extended = list(words)
        sentence_of = analysis.tokens.sentence_of
        while after < len(analysis.lower) and sentence_of[after] == sentence_of[words[-1]] and \
                self._name_word(after):
            extended.append(after)
            after += 1
        return extended

    def _run_word(self, index: int) -> bool:
        word = self._plain(index)[0]
        if word.isupper() and (len(word) > LONGEST_ACRONYM or self._shouted(index)):
            return False
        return word[0].isupper() and fold(self.analysis.lower[index]) not in FUNCTION_WORD_SET or \
            word in ("/", "&", ".")

    def _unnamed(self, words: list[int], cue: tuple[int, int] | None) -> str | None:
        """The speaker of a source that names no one ("Jak", "y", "En ese sentido"): a name right
        after the reporting verb, else the subject phrase after it (``_after_cue``), else where
        subjects go unsaid the previous subject, else none."""
        analysis = self.analysis
        function_words = all(not analysis.tokens.words[i][0].isupper() or i in self._sentence_starts
                             or fold(analysis.lower[i]) in FUNCTION_WORD_SET for i in words)
        if cue is not None and cue[1] + 1 < len(analysis.lower):
            after = cue[1] + 1
            sentence_of = analysis.tokens.sentence_of
            if sentence_of[after] == sentence_of[cue[1]] and self._name_word(after):
                inside = self._first_inside(after, after + 3)
                if inside is not None:
                    return self.fullest(inside.name)
                end = analysis.tokens.reach(after, APPOSITION_REACH)
                after_cue = [i for i in range(after, end) if analysis.tokens.words[i][0].isalnum()]
                return self._named_part(after_cue, subject_first=True)
            # The phrase after the cue, unless the source already is that phrase and names no one
            # ("laut offizieller Statistik").
            found = self._after_cue(cue) if function_words or words[-1] < cue[0] else None
            if found:
                return found
        if self.lexicon.language in _PRO_DROP and (function_words and len(words) <= 3 or self._bare(cue)):
            return self._antecedent(words[0], "")
        return None

    def _headed_by_organisation(self, words: list[int]) -> bool:
        """True for a phrase whose first word, a common noun, is an organisation's, in a language
        whose names follow their noun ("l'autorité portuaire de Port Vellara")."""
        if self.lexicon.language not in _ADJECTIVES_AFTER:
            return False
        head = words[1] if len(words) > 1 and self.analysis.lower[words[0]] in DEFINITE else words[0]
        return self._plain(head)[0].islower() and self._organisation_word(head) and \
            not title_of(self.analysis, head, self.lexicon)  # "el ministro": a person

    def _bare(self, cue: tuple[int, int] | None) -> bool:
        """True for a reporting verb alone between a quote and the sentence's end ("“…”,
        afirmó."): its subject goes unsaid."""
        if cue is None or not self._after_comma(cue):
            return False
        words = self.analysis.tokens.words
        after = cue[1] + 1
        # (or only an adjunct after it: "…», afirmó en rueda de prensa.")
        return after >= len(words) or not words[after][0].isalnum() or self._adjunct_opens(after)

    def _after_cue(self, cue: tuple[int, int]) -> str | None:
        """The subject after its reporting verb or "according to" word, up to the next
        punctuation, where it holds a title, an organisation or a name ("enfatizó el biólogo",
        "selon le directeur de l'autorité portuaire, Bastien Orlo", "poinformowało w komunikacie
        Ministerstwo Sprawiedliwości")."""
        analysis = self.analysis
        tokens = analysis.tokens
        after = cue[1] + 1
        if after >= len(tokens.words) or tokens.sentence_of[after] != tokens.sentence_of[cue[1]]:
            return None
        if self.lexicon.language not in VERB_FIRST and ACCORDING not in analysis.classes[cue[1]]:
            return None  # English and German put the object after the verb: "told the Post"
        limit = tokens.reach(after, APPOSITION_REACH)
        after = past_time(analysis.lower, after, limit)  # "a communiqué | lundi | la police cantonale"
        if self._adjunct_opens(after):  # "u shpreh | për agjencinë | një zjarrfikës": past the adjunct
            after = next((i for i in range(after + 1, limit) if analysis.lower[i] in INDEFINITE | DEFINITE
                          or title_of(analysis, i, self.lexicon) or self._name_word(i)), after)
        end = after
        while end < limit and tokens.words[end][0].isalnum() and COMPLEMENT not in analysis.classes[end] \
                and CUE not in analysis.classes[end] and not (end > after and self._adjunct_opens(end)):
            end += 1
        phrase = range(after, end)
        if not any(title_of(analysis, i, self.lexicon) or self._organisation_word(i) or self._name_word(i)
                   or PERSON_NOUN in analysis.classes[i] for i in phrase):
            return None
        apposed = self._apposed_after(end - 1) if end > after and self._plain(after)[0].islower() else None
        if apposed is not None and apposed.last > apposed.first:
            # "deklaroi mbrojtësi i KF Bregdeti, Erion Shkurti,": the role's holder, named after it
            return self.fullest(apposed.name)
        return self._resolve(after, end - 1, None)

    def _before_adjunct(self, words: list[int]) -> list[int]:
        """The words before the first adjunct after the first word ("l'autorité portuaire |
        dans un communiqué")."""
        return words[: next((n for n, i in enumerate(words) if n and self._adjunct_opens(i)), len(words))]

    def _adjunct_opens(self, index: int) -> bool:
        """True for a preposition that opens an adjunct after the subject ("assure la préfecture
        | dans un communiqué"), not one that joins a name ("de", "of"), nor a capitalised word
        inside a sentence ("Coordinadora Portuaria del | Sur")."""
        lower = self.analysis.lower[index]
        if self.analysis.tokens.words[index][0].isupper() and index not in self._sentence_starts:
            return False
        return lower in PREPOSITIONS and lower not in OF_WORDS

    def _own_words(self, words: list[int]) -> str | None:
        """A source mention's own words, without an "according to" or an elided article before
        them ("l'autorité portuaire" -> "autorité portuaire")."""
        analysis = self.analysis
        words = [i for i in words if ACCORDING not in analysis.classes[i]]
        if not words:
            return None
        tokens = analysis.tokens
        own = ELISION.sub("", tokens.text[tokens.starts[words[0]] : tokens.ends[words[-1]]])
        return normalise_name(own, self.lexicon.language)

    def _cataphor(self, pronoun: int, gender: str) -> str | None:
        """The person a pronoun that opens a text stands for, named in the sentence after it
        ("« …, a-t-il averti, … » Le professeur Étienne Maréchal, infectiologue, …")."""
        inverted = INVERTED_SUBJECT.search(self.analysis.lower[pronoun])
        if gender == "p" or not (inverted or pronoun in self.analysis.incises):
            return None  # only "a-t-il" and incises: a quote that opens a text, its speaker after it
        sentence_of = self.analysis.tokens.sentence_of
        for mention in self.mentions[bisect_left(self._firsts, pronoun + 1) :]:
            if sentence_of[mention.first] - sentence_of[pronoun] > 1:
                break
            if mention.last > mention.first and not (gender and mention.gender and mention.gender != gender):
                return self.fullest(mention.name)
        return None

    def _latter(self, pronoun: int, gender: str) -> str | None:
        """The person a demonstrative stands for ("Celle-ci dément"): the last one named before
        it, of its gender where known, at most three sentences back."""
        sentence_of = self.analysis.tokens.sentence_of
        for mention in reversed(self.mentions[: bisect_left(self._firsts, pronoun)]):
            if sentence_of[pronoun] - sentence_of[mention.first] > 3:
                break
            if mention.last < pronoun and not (mention.gender and mention.gender != gender):
                return self.fullest(mention.name)
        return None

    def _antecedent(self, pronoun: int, gender: str) -> str | None:
        if gender == "p":
            return None
        sentence_of = self.analysis.tokens.sentence_of
        here = sentence_of[pronoun]
        # The mentions that start at most three sentences back (``_firsts`` and sentences are in
        # text order).
        since = bisect_left(self._firsts, self.analysis.tokens.sentences[max(0, here - 3)][0])
        words = self.analysis.tokens.words
        candidates = [m for m in self.mentions[since : bisect_left(self._firsts, pronoun)]
                      if m.last < pronoun and not (gender in ("m", "f") and (
                          m.gender and m.gender != gender or m.name.isupper()))  # "she" is no "NC"
                      and not (m.last + 1 < len(words) and words[m.last + 1] in GENITIVE_MARKS)]
        same = [m for m in candidates if sentence_of[m.first] == here]
        if same:
            return self.fullest(same[0].name)
        last = self._last[0] if self._last and here - self._last[1] <= 3 else None
        if candidates:
            nearest = [m for m in candidates if sentence_of[m.first] == sentence_of[candidates[-1].first]]
            # One named only after a preposition ("contre la gauche de Jean-Luc Mélenchon") is
            # less likely the one who speaks on than the last speaker, where the gender allows;
            # so is one named beside the last speaker where that sentence's quote is the last
            # ("Cycles Armorik va créer 150 emplois, a indiqué sa directrice, Sophie Le Gall.
            # « … », a-t-elle précisé").
            spoke_there = last and self._last[1] == sentence_of[nearest[0].first]
            if last and (all(self._oblique(m.first) for m in nearest)
                         or spoke_there and any(self.fullest(m.name) == last for m in nearest)) and \
                    not (gender in ("m", "f") and self._gender_of(last) not in ("", gender)):
                return last
            return self.fullest(nearest[0].name)
        return last

    def _oblique(self, first: int) -> bool:
        """True for a name right after a preposition other than a passive's agent."""
        before = self.analysis.lower[first - 1] if first > 0 else ""
        return (before in PREPOSITIONS or before in OF_WORDS) and before not in _AGENT \
            and first not in self._sentence_starts

    def _gender_of(self, name: str) -> str:
        return next((m.gender for m in self.mentions if m.gender and self.fullest(m.name) == name), "")

    def _titled(self, before: int, titles: set[str]) -> str | None:
        for mention in reversed(self.mentions):
            if mention.first < before and mention.titles & titles:
                return self.fullest(mention.name)
        return None

    def fullest(self, name: str) -> str:
        """The most frequent, then shortest, name of several words in the text that contains
        ``name``'s words (a single word also through its base forms): "Xi" -> "Xi Jinping",
        "Lavrovi" -> "Sergey Lavrov"."""
        if name not in self._fuller:
            self._fuller[name] = self._fullest_of(name)
        return self._fuller[name]

    def _fullest_of(self, name: str) -> str:
        if name.endswith("s") and name[:-1] in self._names:
            name = name[:-1]  # a genitive: "Viktor Orbans" -> "Viktor Orban"
        parts = name.split()
        forms = {parts[-1], *base_forms(parts[-1])} if len(parts) == 1 else None
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
