"""How often the right speaker is among the names a text offers: the ceiling of any choice among
them (a learned ranker over today's candidates, say) on invented passages.

Candidates per labelled quote: the finder's own answer, every person mention of the text (as
found and in its fullest form), every name the resolver takes for an organisation, and "no
speaker". A quote counts when one candidate is accepted by ``eval_speakers.right``.

    .venv/bin/python bench/speaker_oracle.py bench/data/speaker_passages3[12].jsonl \
        bench/data/speaker_passages4[12].jsonl
"""

from __future__ import annotations

import sys
from pathlib import Path

from eval_speakers import passage_results, read_labels, right

from newsweave.quotes.cues import lexicon
from newsweave.quotes.features import analyse
from newsweave.quotes.marks import pair_marks
from newsweave.quotes.speakers import SpeakerResolver
from newsweave.quotes.tokens import tokenize


def candidates(text: str, language: str) -> set[str | None]:
    """Every name the text offers as a speaker, and None."""
    tokens = tokenize(text, headings=language == "de")
    lex = lexicon(language)
    resolver = SpeakerResolver(analyse(tokens, lex, pair_marks(tokens)), lex)
    names: set[str | None] = {None}
    for mention in resolver.mentions:
        names |= {mention.name, resolver.fullest(mention.name)}
    names |= {name for _, name, _ in resolver.organisations()}
    return names


def main(paths: list[Path]) -> None:
    total = found_right = reachable = 0
    for path in paths:
        passages = read_labels(path)
        results = passage_results(path, path.stem)
        for label, found, _ in results:
            passage = passages[int(label["doc"].split(":")[1])]
            offered = candidates(passage["text"], passage["lang"]) | {found}
            total += 1
            found_right += right(found, label)
            reachable += any(right(name, label) for name in offered)
    print(f"{total} quotes: the finder right {found_right / total:.3f}, "
          f"some candidate right (the ceiling of a choice among them) {reachable / total:.3f}")


if __name__ == "__main__":
    main([Path(p) for p in sys.argv[1:]])
