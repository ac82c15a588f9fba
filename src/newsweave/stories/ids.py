"""Story ids that last: a story keeps its id as articles join it, and a merge keeps the older id.

An analysis re-clusters new articles together with the saved stories they touch; this names the
new groups. Each saved story's id goes to the group that holds most of its members (a version of
an article counts as the article it replaces). A group given several saved ids keeps the oldest
story's (earliest first article, then id) and the others are merged into it. A group given none
is a new story, named after its earliest article (``s-<article id>``) as a batch names them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from newsweave.store.story_rows import SavedStory


@dataclass(frozen=True, slots=True)
class Naming:
    """One id per group, and the merges: (old id, id it went into)."""

    ids: tuple[str, ...]
    merges: tuple[tuple[str, str], ...]


def name_groups(groups: Sequence[Sequence[str]], saved: Sequence[SavedStory],
                replaces: Mapping[str, str] | None = None, taken: set[str] | None = None) -> Naming:
    """Ids for ``groups`` (article ids, earliest first) re-clustered from ``saved`` stories and
    new articles; ``replaces`` maps a version to the article it replaces; ``taken`` holds ids
    of saved stories left as they are (a new story must not take one)."""
    replaces = replaces or {}
    claims = _claims(groups, saved, replaces)
    age = {story.id: (story.first or "9999", story.id) for story in saved}
    used = set(taken or ()) | {story.id for story in saved}
    ids: list[str | None] = [None] * len(groups)
    merges = []
    for index, claimed in claims.items():
        oldest, *others = sorted(claimed, key=age.__getitem__)
        ids[index] = oldest
        used.add(oldest)
        merges.extend((other, oldest) for other in others)
    for index, members in enumerate(groups):
        if ids[index] is None:
            ids[index] = _fresh_id(members, used)
            used.add(ids[index])
    return Naming(tuple(i for i in ids if i is not None), tuple(sorted(merges)))


def _claims(groups: Sequence[Sequence[str]], saved: Sequence[SavedStory],
            replaces: Mapping[str, str]) -> dict[int, list[str]]:
    """For each group, the saved stories whose members it holds the most of (ties: the
    earlier group)."""
    group_of = {member: index for index, members in enumerate(groups) for member in members}
    for version, previous in replaces.items():
        if version in group_of:
            group_of.setdefault(previous, group_of[version])
    claims: dict[int, list[str]] = {}
    for story in saved:
        counts = Counter(group_of[m] for m in story.articles if m in group_of)
        if counts:
            best = min(counts, key=lambda index: (-counts[index], index))
            claims.setdefault(best, []).append(story.id)
    return claims


def _fresh_id(members: Sequence[str], used: set[str]) -> str:
    """``s-<earliest article>``, or the next member's when that id is in use."""
    for member in members:
        if f"s-{member}" not in used:
            return f"s-{member}"
    number = 2
    while f"s-{members[0]}-{number}" in used:
        number += 1
    return f"s-{members[0]}-{number}"
