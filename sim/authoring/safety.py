"""Safety moves that cost the outcome: `peer-sim test`'s search over every state.

The domain brief's rule, and the README's: a correct safety move (a crisis
referral, a boundary, honesty about confidentiality) may cost some trust in
the moment, never the outcome. `check`'s `safety-worst` warning sees only a
safety line that goes *straight* to the worst ending. The common way to break
the rule is quieter: the line costs a few points of trust, and an ending's
threshold three decisions later turns those points into a worse ending, while
an easier line at the same moment (often a critical slip) still ends better.

This finds that. On the state graph `sim.authoring.coverage.cover` builds, it
works out for every state the best outcome still open (a fixpoint, so loops
are fine), then at every state where a safety line is offered compares the
best still open after it with the best after each line that is not a safety
move. A finding keeps the first (shortest) path to a state where it happens,
so the author can replay it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sim.authoring.coverage import StateGraph, cover, unwind
from sim.authoring.teaching import SAFETY

if TYPE_CHECKING:
    from sim.model import Choice, Scenario

# `check`'s immediate `safety-worst` warning keeps to SAFETY (crisis-referral and
# boundaries): it cannot compare lines state by state, so it would flag a
# confidentiality line at the last decision of a run already lost, where every
# line ends the same. Compared state by state here, honesty about confidentiality
# (its limits told, a secret not promised) is held to the rule as well.
PRINCIPLES = (*SAFETY, "confidentiality")

NONE = -1  # no ending can follow (only loops or dead ends): worse than any outcome


@dataclass(frozen=True)
class Punished:
    """A safety line that can end worse than an easier line offered beside it."""

    scene: str
    index: int  # the safety choice, in file order from 0
    number: int  # as offered at that moment, from 1
    path: tuple[int, ...]  # the choices that reach the moment
    best: int  # the best outcome rank still open after the safety line (-1: none)
    other: int  # the easier line, in file order from 0
    other_number: int
    other_best: int
    states: int  # how many states show it (of those where the line is offered)
    offered: int


@dataclass
class SafetyReport:
    complete: bool  # False when the state search stopped at its bound: nothing was judged
    lines: int  # safety lines in the file
    punished: list[Punished]


def is_safety(choice: Choice) -> bool:
    """Honours a safety principle and is no critical slip (a line can honour one
    principle and still be one: promising secrecy "to protect their privacy")."""
    pr = choice.principles
    return not choice.critical and any(pr.get(p) == "honours" for p in PRINCIPLES)


def punished_safety(scenario: Scenario, graph: StateGraph | None = None) -> SafetyReport:
    """Every safety line whose best reachable outcome trails a non-safety line's."""
    safe = {
        (sid, i)
        for sid, scene in scenario.scenes.items()
        for i, c in enumerate(scene.choices)
        if is_safety(c)
    }
    if graph is None:
        graph = StateGraph()
        if not safe:
            return SafetyReport(True, 0, [])
        if not cover(scenario, graph=graph).complete:
            return SafetyReport(False, len(safe), [])
    best = best_open(graph)
    first: dict[tuple[str, int], Punished] = {}
    counts: dict[tuple[str, int], list[int]] = {}  # [states showing it, states offering it]
    index, number, target = graph.index, graph.number, graph.target
    for nid in range(len(graph.start)):
        sid = graph.nodes[nid][0]
        edges = graph.edges(nid)
        if not any((sid, index[k]) in safe for k in edges):
            continue
        after = [(index[k], number[k], best[t] if (t := target[k]) >= 0 else -1 - t) for k in edges]
        easier = [(v, -n, i) for i, n, v in after if (sid, i) not in safe]
        if not easier:
            continue
        top, minus_n, other = max(easier)  # the best, and of equals the first offered
        for i, n, v in after:
            if (sid, i) not in safe:
                continue
            tally = counts.setdefault((sid, i), [0, 0])
            tally[1] += 1
            if v >= top:
                continue
            tally[0] += 1
            if (sid, i) not in first:  # breadth-first: the first is a shortest way there
                path = unwind(graph.trails[nid])
                first[(sid, i)] = Punished(sid, i, n, path, v, other, -minus_n, top, 0, 0)
    punished = [
        replace(p, states=counts[key][0], offered=counts[key][1]) for key, p in first.items()
    ]
    return SafetyReport(True, len(safe), punished)


def best_open(graph: StateGraph) -> list[int]:
    """For every node, the best outcome rank any way on can still reach (NONE if none).

    Values only rise and there are three outcomes, so repeating passes in
    reverse discovery order (children mostly come after their parents) settles
    in a few passes, loops included.
    """
    best = [NONE] * len(graph.nodes)
    target, start, total = graph.target, graph.start, len(graph.target)
    changed = True
    while changed:
        changed = False
        for n in range(len(start) - 1, -1, -1):
            top = best[n]
            for k in range(start[n], start[n + 1] if n + 1 < len(start) else total):
                to = target[k]
                v = best[to] if to >= 0 else -1 - to
                if v > top:
                    top = v
            if top != best[n]:
                best[n] = top
                changed = True
    return best
