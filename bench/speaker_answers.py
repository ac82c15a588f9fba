"""The finder's speaker for every labelled quote of invented passage batches, as JSON on stdout
(one list per batch, one per passage, one ``[status, speaker]`` per quote; status "missing"
where no found quote overlaps the label). Kept to the one function every version of newsweave
has, ``find_quotes_in_text``: ``train_speaker_ranker.py --honest`` runs it in older trees."""

import json
import sys

from newsweave.quotes import find_quotes_in_text


def answers(path: str) -> list:
    out = []
    with open(path, encoding="utf-8") as lines:
        for line in filter(str.strip, lines):
            passage = json.loads(line)
            text = passage["text"]
            quotes = find_quotes_in_text(text, passage["lang"])
            found = []
            for label in passage["quotes"]:
                start = text.index(label["says"])
                end = start + len(label["says"])
                overlap = [min(end, q.content[1]) - max(start, q.content[0]) for q in quotes]
                if not overlap or max(overlap) <= 0:
                    found.append(["missing", None])
                else:
                    found.append(["ok", quotes[overlap.index(max(overlap))].speaker])
            out.append(found)
    return out


if __name__ == "__main__":
    print(json.dumps([answers(path) for path in sys.argv[1:]], ensure_ascii=False))
