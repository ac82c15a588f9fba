"""Union-find (disjoint sets) over any hashable keys: candidate pairs become groups."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator


class UnionFind:
    """Disjoint sets with path compression and union by size (near-constant time per call).

    Keys are added on first sight, by ``add``, ``find`` or ``union``.

    Example:
        >>> groups = UnionFind(["c"])
        >>> groups.union("a", "b") == groups.find("b")
        True
        >>> sorted(sorted(group) for group in groups.groups())
        [['a', 'b'], ['c']]
    """

    __slots__ = ("_parent", "_size")

    def __init__(self, keys: Iterable[Hashable] = ()) -> None:
        self._parent: dict[Hashable, Hashable] = {}
        self._size: dict[Hashable, int] = {}
        for key in keys:
            self.add(key)

    def __len__(self) -> int:
        return len(self._parent)

    def __contains__(self, key: object) -> bool:
        return key in self._parent

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self._parent)

    def add(self, key: Hashable) -> None:
        """Add a key as its own group (no-op when it is already there)."""
        if key not in self._parent:
            self._parent[key] = key
            self._size[key] = 1

    def find(self, key: Hashable) -> Hashable:
        """The representative of the key's group."""
        self.add(key)
        root = key
        while (parent := self._parent[root]) != root:
            root = parent
        # Path compression: point every key on the way at the root. (Union by size keeps trees
        # at most log2(n) deep, so this loop is short; iterative because calls cost in Python.)
        while key != root:
            self._parent[key], key = root, self._parent[key]
        return root

    def union(self, first: Hashable, second: Hashable) -> Hashable:
        """Merge the two keys' groups; returns the representative of the merged group."""
        first, second = self.find(first), self.find(second)
        if first == second:
            return first
        if self._size[first] < self._size[second]:
            first, second = second, first
        self._parent[second] = first
        self._size[first] += self._size.pop(second)
        return first

    def connected(self, first: Hashable, second: Hashable) -> bool:
        """Whether the two keys are in one group."""
        return self.find(first) == self.find(second)

    def size(self, key: Hashable) -> int:
        """Number of keys in the key's group."""
        return self._size[self.find(key)]

    def groups(self) -> list[set[Hashable]]:
        """Every group as a set of keys, largest first (ties in order of first key added)."""
        members: dict[Hashable, set[Hashable]] = {}
        for key in self._parent:
            members.setdefault(self.find(key), set()).add(key)
        return sorted(members.values(), key=len, reverse=True)
