"""Sentence splitting with character offsets, for every language (spaces or not)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import blingfire
import sentencex

from newsweave.language import UNDETERMINED, dominant_script, has_foreign_script, sentence_language
from newsweave.records import Sentence

_PARAGRAPH = re.compile(r"[^\n]+")
# A paragraph's language is judged on its start: past this many characters py3langid's answer
# no longer changes for news paragraphs, and the check costs in proportion to what it reads.
_PARAGRAPH_SAMPLE = 300


def split_sentences(text: str, language: str) -> tuple[Sentence, ...]:
    """Sentences of ``text`` as spans, each with its language.

    Paragraphs (lines) are split separately, so a sentence never runs across a paragraph break.
    sentencex knows per-language abbreviations and falls back sensibly for the rest; blingfire
    handles text whose language is undetermined.
    """
    spans = []
    script = dominant_script(text)
    for paragraph in _PARAGRAPH.finditer(text):
        # One check per paragraph; its sentences are judged one by one only when the paragraph
        # as a whole is not plainly in the article's language (about 2x faster, same answers).
        mixed = (has_foreign_script(paragraph.group(), script)
                 or sentence_language(paragraph.group()[:_PARAGRAPH_SAMPLE], language, script) != language)
        for start, end in _split_paragraph(paragraph.group(), language):
            begin, finish = paragraph.start() + start, paragraph.start() + end
            own = sentence_language(text[begin:finish], language, script) if mixed else language
            spans.append(Sentence(begin, finish, own))
    return tuple(spans)


def _split_paragraph(paragraph: str, language: str) -> Iterator[tuple[int, int]]:
    if language == UNDETERMINED:
        _, offsets = blingfire.text_to_sentences_and_offsets(paragraph)
        pieces = (paragraph[start:end] for start, end in offsets)
    else:
        pieces = sentencex.segment(language, paragraph)
    position = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        start = paragraph.find(piece, position)
        if start < 0:  # the splitter changed the text; resynchronise on the next piece
            continue
        position = start + len(piece)
        yield start, position
