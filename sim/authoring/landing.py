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


def record_takers(
    head: tuple,
    texts: tuple[Test, ...],
    bits: int,
    flags: frozenset[str],
    visited: frozenset[str],
    shown: set[tuple],
) -> None:
    """Add `(*head, i)` to `shown` for each `i` that `first_takers` gives, testing only
    what can still add a key: `shown` only grows, and the search comes here once per
    node or final state (tens of thousands of times) while most texts are recorded at
    the first few. The texts after the last one not yet recorded, and the plain text
    once recorded, cannot add a key; with no pair left, no later text can take one."""
    plain = (*head, -1) not in shown
    last = len(texts) - 1
    if not plain:
        while last >= 0 and (*head, last) in shown:
            last -= 1
        if last < 0:
            return
    rest = bits
    for i in range(last + 1):
        part = texts[i].filter(rest, flags, visited)
        if part:
            shown.add((*head, i))
            rest ^= part
            if not rest:
                return
    if plain and rest:  # (only with every text tested: `last` is the last one then)
        shown.add((*head, -1))


def finals(
    shape: Shape,
    eid: str,
    bits: int,
    flags: frozenset[str],
    visited: frozenset[str],
    shown: set[tuple],
) -> None:
    """Record which ending texts and reflections can show for these final states
    (a text already recorded is not tested again: `record_takers`)."""
    record_takers(("ending", eid), shape.ending_variants.get(eid, ()), bits, flags, visited, shown)
    for i, t in enumerate(shape.ending_also.get(eid, ())):
        if t is not None and ("also", eid, i) not in shown and t.filter(bits, flags, visited):
            shown.add(("also", eid, i))
    for i, t in shape.reflections:
        if ("reflect", i) not in shown and t.filter(bits, flags, visited):
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
