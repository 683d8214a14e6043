"""Two scoring rules only a state-by-state comparison sees: `peer-sim test`.

- A correct safety move (a crisis referral, a boundary, honesty about
  confidentiality) may cost some trust in the moment, never the outcome.
- A critical slip never ends better than the best line offered beside it.

`check`'s `safety-worst` warning and the critical-slip caps see only a line
that goes *straight* to an ending. The common way to break these rules is
quieter: a line costs (or wins) a few points of trust, and an ending's
threshold several decisions later turns those points into a different
ending, so the secrecy promise ends mixed where the honest line ends poor.

On the state graph `sim.authoring.coverage.cover` builds, this works out for
every state the best outcome still open (a fixpoint, so loops are fine), then
at every state where a safety line or a critical slip is offered compares the
best still open after it with the lines beside it. A finding keeps the first
(shortest) path to a state where it happens, so the author can replay it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sim.authoring.coverage import StateGraph, cover, unwind
from sim.authoring.teaching import SAFETY
from sim.engine import strength

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
class Broken:
    """A line that breaks a rule against another line offered beside it.

    rule "safety": a safety line that can end worse than an easier line;
    rule "slip": a critical slip that can end better than the best line (as `test --slips` picks it).
    """

    rule: str
    scene: str
    index: int  # the line, in file order from 0
    number: int  # as offered at that moment, from 1
    path: tuple[int, ...]  # the choices that reach the moment
    best: int  # the best outcome rank still open after the line (-1: none)
    other: int  # the line it is measured against, in file order from 0
    other_number: int
    other_best: int
    states: int = 0  # how many states show it (of those where the line is offered)
    offered: int = 0


@dataclass
class SafetyReport:
    complete: bool  # False when the state search stopped at its bound: nothing was judged
    lines: int  # safety lines in the file
    slips: int  # critical slips in the file
    broken: list[Broken]

    @property
    def punished(self) -> list[Broken]:
        return [b for b in self.broken if b.rule == "safety"]

    @property
    def beaten(self) -> list[Broken]:
        return [b for b in self.broken if b.rule == "slip"]


def is_safety(choice: Choice) -> bool:
    """Honours a safety principle and is no critical slip (a line can honour one
    principle and still be one: promising secrecy "to protect their privacy")."""
    pr = choice.principles
    return not choice.critical and any(pr.get(p) == "honours" for p in PRINCIPLES)


def punished_safety(scenario: Scenario, graph: StateGraph | None = None) -> SafetyReport:
    """Safety lines that trail an easier line, and critical slips that beat the best line."""
    safe, critical = set(), set()
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            if is_safety(c):
                safe.add((sid, i))
            elif c.critical:
                critical.add((sid, i))
    if graph is None:
        graph = StateGraph()
        if not safe and not critical:
            return SafetyReport(True, 0, 0, [])
        if not cover(scenario, graph=graph).complete:
            return SafetyReport(False, len(safe), len(critical), [])
    best = best_open(graph)
    first: dict[tuple[str, str, int], Broken] = {}
    # (rule, scene, index) -> [states showing it, states offering it]
    counts: dict[tuple[str, str, int], list[int]] = {}

    def judge(rule: str, sid: str, nid: int, i: int, n: int, v: int, against: tuple) -> None:
        top, other, other_n = against
        tally = counts.setdefault((rule, sid, i), [0, 0])
        tally[1] += 1
        if (v >= top) if rule == "safety" else (v <= top):
            return
        tally[0] += 1
        if (rule, sid, i) not in first:  # breadth-first: the first is a shortest way there
            path = unwind(graph.trails[nid])
            first[(rule, sid, i)] = Broken(rule, sid, i, n, path, v, other, other_n, top)

    index, number, target = graph.index, graph.number, graph.target
    scenes = scenario.scenes
    for nid in range(len(graph.start)):
        sid = graph.nodes[nid][0]
        edges = graph.edges(nid)
        here_safe = [k for k in edges if (sid, index[k]) in safe]
        here_critical = [k for k in edges if (sid, index[k]) in critical]
        if not here_safe and not here_critical:
            continue
        after = [(index[k], number[k], best[t] if (t := target[k]) >= 0 else -1 - t) for k in edges]
        if here_safe:
            easier = [(v, -n, i) for i, n, v in after if (sid, i) not in safe]
            if easier:
                top, minus_n, other = max(easier)  # the best, and of equals the first offered
                for i, n, v in after:
                    if (sid, i) in safe:
                        judge("safety", sid, nid, i, n, v, (top, other, -minus_n))
        if here_critical:
            lines = scenes[sid].choices
            model = after[0]
            for line in after[1:]:  # the first of equals, as the debrief picks
                if strength(lines[line[0]]) > strength(lines[model[0]]):
                    model = line
            if (sid, model[0]) in critical:
                continue
            for i, n, v in after:
                if (sid, i) in critical:
                    judge("slip", sid, nid, i, n, v, (model[2], model[0], model[1]))
    broken = [replace(b, states=counts[key][0], offered=counts[key][1]) for key, b in first.items()]
    return SafetyReport(True, len(safe), len(critical), broken)


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
