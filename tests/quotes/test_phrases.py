"""Phrases and drafts (quotes/phrases.py): the overlap test and the phrase beside a cue."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st


def test_a_german_object_is_no_speaker_beside_the_cue(span_text, german_analysis):
    # At the function: find_quotes_in_text gives "ein Gast" (the as-clause's subject) as the speaker here.
    from newsweave.quotes.phrases import Draft, Span, phrase_beside

    text = "Als ein Gast half, biss der Mann den Kellner und rief: „Lasst mich sofort raus!“"
    tokens, analysis = german_analysis(text)
    cue = tokens.words.index("rief")
    content = Draft(tokens.words.index("Lasst"), len(tokens.words) - 2)
    speaker = phrase_beside(analysis, Span("C", cue, cue), content)
    assert span_text(text, tokens.span(speaker.first, speaker.last)) == "der Mann"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 12)), max_size=12),
       st.integers(0, 60), st.integers(0, 12))
def test_overlap_test_answers_as_a_scan_of_the_ranges(ranges, first, length):
    """phrases.overlap_test (bisect over starts, the farthest end so far) agrees with comparing
    the tokens with every range."""
    from newsweave.quotes.phrases import overlap_test

    ranges = [(start, start + size) for start, size in ranges]
    last = first + length
    assert overlap_test(ranges)(first, last) == any(a <= last and first <= b for a, b in ranges)
