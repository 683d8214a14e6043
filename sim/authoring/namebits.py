"""Sets of flag or scene names as the bits of one int, for the explorer's node keys.

A node of the exact search (`sim.authoring.explore`) is (scene, flags, visited
scenes). Held as frozensets, a node whose run carries sixty live flags kept a
table of sixty names: 4 KB a node, so the state bound (200,000 nodes) no longer
bounded memory (a hub of 18 topics after a line setting 60 flags: 730 MB). As
bits of an int the same set is a few bytes, and the set operations the search
does per move (add what a choice sets, drop what it clears, keep the live ones)
are single int operations. Names are numbered as first met; a node's sets are
turned back into frozensets once, when it is expanded, for the conditions.
"""

from __future__ import annotations

EMPTY: frozenset[str] = frozenset()


class NameBits:
    """One numbering of names (flags, or scenes) and the two ways across."""

    __slots__ = ("bit", "names")

    def __init__(self) -> None:
        self.bit: dict[str, int] = {}
        self.names: list[str] = []

    def mask(self, names: frozenset[str] | set[str]) -> int:
        """The int for a set of names (new names are numbered on the way)."""
        try:  # (names known already, as nearly always: the bits summed in C, not a loop)
            return sum(map(self.bit.__getitem__, names))
        except KeyError:
            pass
        out = 0
        for name in names:
            b = self.bit.get(name)
            if b is None:
                b = self.bit[name] = 1 << len(self.names)
                self.names.append(name)
            out |= b
        return out

    def names_of(self, mask: int) -> frozenset[str]:
        """The set of names an int stands for."""
        if not mask:
            return EMPTY
        names = self.names
        out = []
        while mask:
            low = mask & -mask
            out.append(names[low.bit_length() - 1])
            mask ^= low
        return frozenset(out)
