"""The reuse edge record, as the reuse stage finds it and the stories use it, and its JSON form
(what the store and stories.json keep): the one place an edge becomes a dict and back."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Passage:
    """Aligned text as evidence: character spans in the source and the target article."""

    source: tuple[int, int]
    target: tuple[int, int]
    score: float


@dataclass(frozen=True, slots=True)
class ReuseEdge:
    """Reuse between two articles; ``source`` is the original when ``direction`` is known."""

    source: str
    target: str
    kind: str
    coverage: float
    direction: str
    passages: tuple[Passage, ...]
    reasons: tuple[str, ...]

    @property
    def directed(self) -> bool:
        """Whether the edge says which article took from which."""
        return self.direction in ("source->target", "target->source")


def edge_json(edge: ReuseEdge) -> dict[str, Any]:
    """An edge as stories.json and the store keep it."""
    return {
        "source": edge.source, "target": edge.target, "kind": edge.kind,
        "coverage": edge.coverage, "direction": edge.direction,
        "evidence": {"passages": [{"source": list(p.source), "target": list(p.target), "score": p.score}
                                  for p in edge.passages],
                     "reasons": list(edge.reasons)},
    }


def edge_from_json(data: Mapping[str, Any]) -> ReuseEdge:
    """The edge of its JSON form (``edge_json``)."""
    evidence = data.get("evidence") or {}
    return ReuseEdge(
        data["source"], data["target"], data["kind"], data["coverage"], data["direction"],
        tuple(Passage(tuple(p["source"]), tuple(p["target"]), p["score"])
              for p in evidence.get("passages") or ()),
        tuple(evidence.get("reasons") or ()))
