"""Where a move that ends the conversation lands, for the exact search (explore.py).

Kept apart from the search's hot loop: which ending texts and reflections can show
for the final states (`finals`), and which endings a move reaches without another
decision, following `next` (`immediate`, for the safety-move checks).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sim.authoring.shape import Shape, Test, cap_of

if TYPE_CHECKING:
    from sim.model import Scenario


def first_takers(
    texts: Iterable[Test], bits: int, flags: frozenset[str], visited: frozenset[str]
) -> list[int]:
    """Which of `texts` (the first whose `when` holds wins) show for some meter pair in
    `bits`, by index, and -1 when some pair falls through to the plain text."""
    taken: list[int] = []
    rest = bits
    for i, t in enumerate(texts):
        part = t.filter(rest, flags, visited)
        if part:
            taken.append(i)
            rest ^= part
    if rest:
        taken.append(-1)
    return taken


def finals(
    shape: Shape,
    eid: str,
    bits: int,
    flags: frozenset[str],
    visited: frozenset[str],
    shown: set[tuple],
) -> None:
    """Record which ending texts and reflections can show for these final states."""
    for i in first_takers(shape.ending_variants.get(eid, ()), bits, flags, visited):
        shown.add(("ending", eid, i))
    for i, t in enumerate(shape.ending_also.get(eid, ())):
        if t is not None and t.filter(bits, flags, visited):
            shown.add(("also", eid, i))
    for i, t in shape.reflections:
        if t.filter(bits, flags, visited):
            shown.add(("reflect", i))


def immediate(
    shape: Shape,
    scenario: Scenario,
    target: str,
    bits: int,
    flags: frozenset[str],
    visited: frozenset[str],
    depth: int = 0,
) -> set[str]:
    """Endings reached from `target` without another decision (following `next`).

    A run whose critical slip already caps it at the worst outcome there is can
    end nowhere better, whatever this move is: its landings are left out, so the
    safety-move warning never asks for a route that cannot exist.
    """
    if target not in shape.moves:
        if shape.capped and cap_of(flags) <= min(shape.rank.values()):
            return set()
        return {eid for eid, _ in shape.land(target, bits, flags, visited)}
    if target not in shape.has_next or depth > len(shape.moves):
        return set()
    visited = visited | {target}
    out: set[str] = set()
    rest = bits
    for m in shape.moves[target]:
        b = rest if m.test is None else m.test.filter(rest, flags, visited)
        if b:
            rest ^= b
            out |= immediate(shape, scenario, m.goto, b, flags, visited, depth + 1)
    return out
