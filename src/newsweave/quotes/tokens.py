"""Tokens, sentences and paragraphs of a text, as character offsets into it (nothing is changed).

The quote finder works on the text it is given, so that the ``newsweave quotes`` command can
answer in that text's offsets; it therefore splits on its own, with a regular expression and a
small abbreviation list, instead of reusing ``Article.sentences``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.quotes.cues import word_set

# Words (with inner hyphens, dots, apostrophes: "Jinping-u", "U.S", "don't", "t'i"), a
# possessive "'s" apart, a doubled apostrophe used as a quotation mark, or one other character.
# Honorifics keep their stop ("Mr.", "M.", "Mme."), so a name after them stays one phrase. A
# stop between a lower-case word and a capitalised one ("kam.Die"), or between two Arabic
# letters ("الحكوميين.محمد"), is a sentence end that lost its space, no inner dot ("ver.di",
# "U.S", "z.B").
_ARABIC_LETTER = "[\u0620-\u064a]"
_TOKEN = re.compile(r"(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Capt|Sgt|St|Mme|M|Hr|Fr)\.(?=\s)"
                    r"|\w+(?:(?:-|\.(?!(?<=[^\W\d_A-ZÄÖÜ]{2}\.)[A-ZÄÖÜ][^\W\d_A-ZÄÖÜ]"
                    rf"|(?<={_ARABIC_LETTER}\.){_ARABIC_LETTER}))\w+)*"
                    r"(?:['’](?![sS]\b)\w+)*|['’][sS]\b|''|``|[^\w\s]")
_ENDS = frozenset(".!?…")
# Closing marks and brackets that may follow a sentence's final stop.
_TRAILERS = frozenset("\"'”’»›」』)]“«")
_ABBREVIATIONS = word_set("""mr mrs ms dr st jr sr gen sen rep gov lt col capt sgt prof inc co corp
    ltd no vs etc u.s u.k u.n e.g i.e jan feb mar apr aug sept sep oct nov dec mt ft bzw z.b u.a ca
    nr str dipl ing mio mrd abs vgl evtl ggf m mme mlle sra sr dott avv ul tel hr ph""")


@dataclass(slots=True)
class Tokens:
    """A text cut into tokens, with the sentence and paragraph each token belongs to."""

    text: str
    words: list[str]
    starts: list[int]
    ends: list[int]
    sentence_of: list[int]
    sentences: list[tuple[int, int]]  # token ranges, end exclusive
    paragraphs: list[tuple[int, int]]  # token ranges, end exclusive

    def __len__(self) -> int:
        return len(self.words)

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Character range of tokens ``first`` .. ``last`` (inclusive)."""
        return self.starts[first], self.ends[last]

    def sentence_around(self, index: int) -> tuple[int, int]:
        """Token range (end exclusive) of the sentence that holds token ``index``."""
        return self.sentences[self.sentence_of[index]]

    def reach(self, index: int, tokens: int) -> int:
        """Where a look ``tokens`` on from token ``index`` stops (exclusive): that many tokens
        on, or the end of its sentence if sooner."""
        return min(self.sentence_around(index)[1], index + tokens)


# Languages that write no ordinal as a number and a dot ("am 25. Mai"): there "52." before a
# capital ends a sentence ("… told Marcus Whitfield, 52. Whitfield's lawyer …").
NO_ORDINAL_DOT = frozenset({"en", "fr", "es", "it", "pt", "sq", "nl", "ro", "ca", "ar"})


def tokenize(text: str, headings: bool = False, ordinals: bool = True) -> Tokens:
    """Tokens, sentences and paragraphs of ``text``; with ``headings``, a short heading before a
    colon is a sentence of its own (``_heading``; German only: English news puts a speaker
    there, "Pence: Trump was right"); with ``ordinals``, a day number and its dot before a
    capital may be an ordinal inside a sentence."""
    words: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    paragraphs: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        first = len(words)
        for match in _TOKEN.finditer(line.group()):
            words.append(match.group())
            starts.append(line.start() + match.start())
            ends.append(line.start() + match.end())
        if len(words) > first:
            paragraphs.append((first, len(words)))
    sentences = [piece for para in paragraphs
                 for piece in _split(words, starts, ends, headings, ordinals, *para)]
    sentence_of = [0] * len(words)
    for number, (first, last) in enumerate(sentences):
        for index in range(first, last):
            sentence_of[index] = number
    return Tokens(text, words, starts, ends, sentence_of, sentences, paragraphs)


def _split(words: list[str], starts: list[int], ends: list[int], headings: bool, ordinals: bool,
           first: int, last: int) -> list[tuple[int, int]]:
    """Sentence ranges of one paragraph's tokens."""
    pieces = []
    begin = first
    index = first
    while index < last:
        if headings and words[index] == ":" and _heading(words, begin, index, last):
            pieces.append((begin, index + 1))
            begin = index = index + 1
            continue
        if words[index] in _ENDS:
            stop = index + 1
            while stop < last and words[stop] in _TRAILERS and (
                    starts[stop] == ends[stop - 1] or _spaced_close(words, starts, ends, stop, last)):
                stop += 1
            if stop < last and _boundary(words, starts, ends, index, stop, ordinals):
                pieces.append((begin, stop))
                begin = stop
            index = stop
            continue
        index += 1
    if begin < last:
        pieces.append((begin, last))
    return pieces


def _spaced_close(words: list[str], starts: list[int], ends: list[int], index: int, last: int) -> bool:
    """True for a French closing guillemet with spaces around it ("… ? » s'interroge"); a
    German opening one is followed by its word ("… . »Neu …")."""
    return words[index] == "»" and (index + 1 == last or starts[index + 1] > ends[index])


def _heading(words: list[str], begin: int, colon: int, last: int) -> bool:
    """True for a colon that closes a heading of one or two capitalised words before a
    sentence ("Steuern: Die Partei will …"): the heading is no subject of that sentence. Not
    before a quotation mark ("Merkel: „…“"), where the heading names the speaker."""
    heading = words[begin:colon]
    after = colon + 1
    return 0 < len(heading) <= 2 and all(w[0].isupper() and w.isalpha() for w in heading) and \
        after + 1 < last and words[after][0].isupper() and words[after].isalpha()


def _run_on(before: str, after: str) -> bool:
    """True for the words around a stop without a space that ends a sentence ("kam.Die"): the
    inner dot that ``_TOKEN`` refuses to keep inside a word."""
    return before[-2:].isalpha() and before[-2:].islower() and after[:1].isupper() and after[1:2].islower()


def _boundary(words: list[str], starts: list[int], ends: list[int], stop: int, after: int,
              ordinals: bool) -> bool:
    """True when the stop at ``stop`` ends a sentence and ``after`` begins the next."""
    if starts[after] == ends[after - 1] and not _run_on(words[stop - 1], words[after]):
        return False  # "3.5", "U.S.": no space after the stop
    following = words[after]
    if not (following[0].isupper() or following[0].isdigit() or following in _OPENERS):
        return False
    if words[stop] != "." or stop == 0:
        return True
    before = words[stop - 1]
    if ends[stop - 1] != starts[stop]:
        return True
    lower = before.lower()
    if lower in _ABBREVIATIONS or (len(before) == 1 and before.isalpha() and before.isupper()):
        return False
    if _INITIALS.fullmatch(before):  # "C.Y. Leung", "F.C. Hansa": initials, not an end
        return False
    # "am 25. Mai": a day number before a stop is an ordinal, not a sentence end; but not the
    # end of a decimal ("um 7,1. Die …"), nor before a word that no ordinal precedes ("Platz 3.
    # Im Finale …").
    if not (ordinals and before.isdigit() and len(before) <= 2):
        return True
    decimal = stop >= 2 and words[stop - 2] in ",." and ends[stop - 2] == starts[stop - 1]
    return decimal or following.lower() in _OPENING_WORDS


# Words that open a sentence and never follow an ordinal ("am 3. Mai", not "am 3. Die").
_OPENING_WORDS = word_set("""der die das den dem des ein eine einer er sie es wir ich man dies diese
    dieser dieses im am in auf nach bei mit von vor aus zum zur seit als wie doch aber auch und
    the a an he she it they we this in on at after""")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_OPENERS = frozenset("\"'“„«»‹‚‘「『([") | {"''", "``"}
