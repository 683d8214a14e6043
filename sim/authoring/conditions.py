"""A scenario's conditions compiled for the checker's walks: flag and scene sets and a
meter rectangle as a bit mask.

`sim.authoring.shape` compiles every `when` once into a `Test`; the explorer then
asks whole sets of meter pairs at a time (`filter`), and the walks that play one
state at a time ask `holds`. Kept apart from the shape (moves, live flags, the
scene graph), as it is what the lint passes that judge a single condition use too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.authoring import meters

if TYPE_CHECKING:
    from sim.model import Clause, Condition


@dataclass(slots=True)
class Test:
    """A condition split into its flag/visited part and its meter rectangle.

    `alts` holds the clauses of the condition's `any` (at least one must
    hold); they are rare, so the hot loop only looks at them when present.
    """

    flags: frozenset[str]
    not_flags: frozenset[str]
    visited: frozenset[str]
    not_visited: frozenset[str]
    mask: int | None  # None: no meter limits
    limits: tuple[int, int, int, int] = (0, 100, 0, 100)  # trust lo..hi, empowerment lo..hi
    alts: tuple[Test, ...] = ()

    @classmethod
    def of(cls, cond: Condition | None, cache: dict[object, Test] | None = None) -> Test | None:
        """The test for a condition; with `cache`, equal conditions share one."""
        if cond is None:
            return None
        if cache is None:
            return cls._build(cond)
        key = cond.model_dump_json() if cond.any else _clause_key(cond)
        test = cache.get(key)
        if test is None:
            test = cache[key] = cls._build(cond)
        return test

    @classmethod
    def _build(cls, cond: Clause) -> Test:
        limits = (cond.min_trust, cond.max_trust, cond.min_empowerment, cond.max_empowerment)
        return cls(
            frozenset(cond.flags),
            frozenset(cond.not_flags),
            frozenset(cond.visited),
            frozenset(cond.not_visited),
            None if all(v is None for v in limits) else meters.rect(*limits),
            (
                cond.min_trust or 0,
                100 if cond.max_trust is None else cond.max_trust,
                cond.min_empowerment or 0,
                100 if cond.max_empowerment is None else cond.max_empowerment,
            ),
            tuple(cls._build(c) for c in getattr(cond, "any", ())),
        )

    @property
    def names(self) -> tuple[frozenset[str], frozenset[str]]:
        """(flags, scenes) this test looks at, its `any` clauses included."""
        f = self.flags | self.not_flags
        v = self.visited | self.not_visited
        for a in self.alts:
            f |= a.flags | a.not_flags
            v |= a.visited | a.not_visited
        return f, v

    @property
    def gated(self) -> bool:
        """Whether flags, scenes or `any` clauses matter (not only the meters)."""
        return bool(self.flags or self.not_flags or self.visited or self.not_visited or self.alts)

    def holds(
        self, trust: int, empowerment: int, flags: frozenset[str], visited: frozenset[str]
    ) -> bool:
        """For one state, as `Condition.holds` says, for the walks that play states one by one."""
        lo_t, hi_t, lo_e, hi_e = self.limits
        if not (lo_t <= trust <= hi_t and lo_e <= empowerment <= hi_e):
            return False
        if not self.admits(flags, visited):
            return False
        return not self.alts or any(a.holds(trust, empowerment, flags, visited) for a in self.alts)

    def admits(self, flags: frozenset[str], visited: frozenset[str]) -> bool:
        """The top clause's flag and scene part (not the `any` clauses)."""
        return (
            self.flags <= flags
            and not (self.not_flags & flags)
            and self.visited <= visited
            and not (self.not_visited & visited)
        )

    def filter(self, bits: int, flags: frozenset[str], visited: frozenset[str]) -> int:
        """The pairs of `bits` for which the condition holds: one test for a whole set of states."""
        if not self.admits(flags, visited):
            return 0
        b = bits if self.mask is None else bits & self.mask
        if self.alts and b:
            b &= self.either(b, flags, visited)
        return b

    def either(self, bits: int, flags: frozenset[str], visited: frozenset[str]) -> int:
        """The pairs of `bits` for which some `any` clause holds."""
        out = 0
        for a in self.alts:
            out |= a.filter(bits, flags, visited)
        return out


def _clause_key(cond: Clause) -> tuple:
    return (
        cond.min_trust,
        cond.max_trust,
        cond.min_empowerment,
        cond.max_empowerment,
        cond.flags,
        cond.not_flags,
        cond.visited,
        cond.not_visited,
    )
