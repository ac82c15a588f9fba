"""Which way reuse went: who copied or translated whom.

Evidence, strongest first: the copy names the other's outlet as its source (a cited origin or
a wire dateline "(Kestrel Wire) —"); the earlier publication time; containment (the copy holds
all of the original plus its own additions). The strongest evidence present decides; when two
kinds point opposite ways and neither is a citation, or nothing points at all, the direction
stays unknown.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from newsweave.reuse.features import ReuseFeatures

UNKNOWN = "unknown"
FORWARD = "source->target"
# Publication times closer than this do not order two reports (clocks and time zones of
# outlets disagree by minutes; a date without a time says nothing within its day).
_MIN_GAP = timedelta(minutes=10)
_CONTAINED = 0.9  # share of the original's sentences the copy must hold
_ADDED = 0.8  # and at most this share of the copy's own sentences come from the original


@dataclass(frozen=True, slots=True)
class Direction:
    """The original first; ``direction`` is FORWARD when decided, else UNKNOWN."""

    source: str
    target: str
    direction: str
    reasons: tuple[str, ...]


def decide_direction(a: ReuseFeatures, b: ReuseFeatures, covered_a: float, covered_b: float) -> Direction:
    """Direction of reuse between two articles.

    Args:
        covered_a: share of ``a``'s sentences linked to ``b`` (and ``covered_b`` the reverse).
    """
    votes = [vote for vote in (_by_citation(a, b), _by_time(a, b), _by_containment(covered_a, covered_b))
             if vote]
    if not votes:
        return _unordered(a, b, ())
    first_is_source, reason = votes[0]
    reasons = tuple(r for _, r in votes)
    if reason.startswith("cites") or all(v[0] == first_is_source for v in votes):
        return Direction(*((a.id, b.id) if first_is_source else (b.id, a.id)), FORWARD, reasons)
    return _unordered(a, b, reasons)


def _by_citation(a: ReuseFeatures, b: ReuseFeatures) -> tuple[bool, str] | None:
    if a.outlet and a.outlet in b.cited and not (b.outlet and b.outlet in a.cited):
        return True, f"cites {a.outlet}"
    if b.outlet and b.outlet in a.cited and not (a.outlet and a.outlet in b.cited):
        return False, f"cites {b.outlet}"
    return None


def _by_time(a: ReuseFeatures, b: ReuseFeatures) -> tuple[bool, str] | None:
    first, second = _moment(a.published), _moment(b.published)
    if first is None or second is None or abs(first - second) < _MIN_GAP:
        return None
    return first < second, "published earlier"


def _by_containment(covered_a: float, covered_b: float) -> tuple[bool, str] | None:
    if covered_a >= _CONTAINED and covered_b <= _ADDED:
        return True, "contained in the other, which adds text"
    if covered_b >= _CONTAINED and covered_a <= _ADDED:
        return False, "contained in the other, which adds text"
    return None


def _moment(published: str | None) -> datetime | None:
    """A comparable instant; a bare date is not precise enough to order reports of one day."""
    if not published or "T" not in published:
        return None
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return None
    return moment.replace(tzinfo=None) - (moment.utcoffset() or timedelta(0))


def _unordered(a: ReuseFeatures, b: ReuseFeatures, reasons: tuple[str, ...]) -> Direction:
    source, target = sorted((a.id, b.id))
    return Direction(source, target, UNKNOWN, reasons)
