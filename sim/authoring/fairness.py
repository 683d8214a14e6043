"""Is each line scored fairly against the lines beside it? `peer-sim test`, state by state.

Three rules, which only a comparison in every reachable state can see:

- a correct safety move (a crisis referral, a boundary, honesty about
  confidentiality) never costs the outcome (rule "safety": an error; that it
  lowers no meter either is `check`'s safety-meter warning, sim.authoring.safety_meters);
- a critical slip never ends better than the best line beside it ("slip": an
  error);
- the best line (the one `test --slips` and the debrief call best) never ends
  worse than a weaker line beside it ("best": a warning; a trainee who took the
  stronger line and got the worse ending learns the opposite of the lesson).

`check`'s `safety-worst` warning and the critical-slip caps see only a line
that goes *straight* to an ending. These rules are broken more quietly: a line
costs (or wins) a few points of trust, and an ending's threshold several
decisions later turns those points into a different ending.

On the state graph `sim.authoring.coverage.cover` builds, this works out for
every state the best outcome still open (a fixpoint, so loops are fine), then
compares, at every state, the best still open after each line with the lines
beside it. A finding keeps the first (shortest) path to a state where it
happens, so the author can replay it, and counts the states that show it.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sim.authoring.coverage import NOWHERE, SPAN, StateGraph, cover
from sim.authoring.replays import choices_option, replay_command
from sim.authoring.teaching import SAFETY
from sim.engine import OUTCOME_RANK, strength

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Choice, Scenario
    from sim.problems import Problem

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
    rule "slip": a critical slip that can end better than the best line (as `test --slips`
    picks it); rule "best": the best line that can end worse than a weaker line.
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
    # trust and empowerment at the first moment it shows: with each line's change, the
    # sum an author needs to see why a few points of trust cross a threshold later
    meters: tuple[int, int] | None = None


@dataclass
class FairnessReport:
    complete: bool  # False when the state search stopped at its bound: nothing was judged
    lines: int  # safety lines in the file
    slips: int  # critical slips in the file
    broken: list[Broken]

    def of(self, rule: str) -> list[Broken]:
        return [b for b in self.broken if b.rule == rule]

    @property
    def punished(self) -> list[Broken]:
        return self.of("safety")

    @property
    def beaten(self) -> list[Broken]:
        return self.of("slip")

    @property
    def trailing(self) -> list[Broken]:
        return self.of("best")


def is_safety(choice: Choice) -> bool:
    """Honours a safety principle and is no critical slip (a line can honour one
    principle and still be one: promising secrecy "to protect their privacy")."""
    pr = choice.principles
    return not choice.critical and any(pr.get(p) == "honours" for p in PRINCIPLES)


def unfair_lines(
    scenario: Scenario, graph: StateGraph | None = None, safety_only: bool = False
) -> FairnessReport:
    """Safety lines that trail an easier line, critical slips that beat the best line,
    and best lines that trail a weaker one.

    `safety_only` judges the first rule alone, for `check`'s safety-worst warning,
    which reads only `punished`: those findings and counts are the same, the other
    rules' are left out, and states where no safety line is offered are passed over.
    """
    safe, critical = set(), set()
    rank: dict[tuple[str, int], tuple] = {}  # strength, read once per line
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            rank[(sid, i)] = strength(c)
            if is_safety(c):
                safe.add((sid, i))
            elif c.critical:
                critical.add((sid, i))
    if graph is None:
        graph = StateGraph()
        if not cover(scenario, graph=graph).complete:
            return FairnessReport(False, len(safe), len(critical), [])
    best = best_open(graph)
    first: dict[tuple[str, str, int], Broken] = {}
    # (rule, scene, index) -> [states showing it, states offering it]
    counts: dict[tuple[str, str, int], list[int]] = {}

    def judge(rule: str, nid: int, sid: str, line: tuple, against: tuple, broken: bool) -> None:
        i, n, v = line
        tally = counts.setdefault((rule, sid, i), [0, 0])
        tally[1] += 1
        if not broken:
            return
        tally[0] += 1
        if (rule, sid, i) not in first:  # breadth-first: the first is a shortest way there
            other, other_n, top = against
            path = graph.path(nid)
            first[(rule, sid, i)] = Broken(
                rule, sid, i, n, path, v, other, other_n, top, meters=graph.meters(nid)
            )

    index, number, target = graph.index, graph.number, graph.target
    safe_scenes = {sid for sid, _ in safe}
    # per scene: each line's strength, by its index in the file
    ranks = {
        sid: [rank[(sid, i)] for i in range(len(sc.choices))] for sid, sc in scenario.scenes.items()
    }
    # scenes with a line the first two rules read
    judged = safe_scenes | {sid for sid, _ in critical}
    # per scene: the first of its strongest lines (as `max` picks), for a state offering all
    strongest = {sid: r.index(max(r)) for sid, r in ranks.items() if r}
    combos, codes, starts, total = graph.combos, graph.codes, graph.start, len(target)
    nodes = len(starts)
    for nid in range(nodes):
        # (graph.edges and graph.scene, inlined: once per state)
        edges = range(starts[nid], starts[nid + 1] if nid + 1 < nodes else total)
        if len(edges) < 2:
            continue
        sid = combos[codes[nid] // SPAN][0]
        if safety_only and sid not in safe_scenes:
            continue
        if not safety_only and sid not in judged:
            # No safety line and no critical slip here: the best-line rule alone, read off
            # the outcomes as a list (max and index, not a key called per line). Lines are
            # numbered 1, 2, ... as offered, so the first of equals is the first position.
            s0, s1 = edges.start, edges.stop
            outs = [
                best[to] if (to := target[k]) >= 0 else (NONE if to == NOWHERE else -1 - to)
                for k in edges
            ]
            strengths = ranks[sid]
            if len(outs) == len(strengths):  # every line offered: the strongest is known
                mp = strongest[sid]
            else:
                offered = [strengths[i] for i in index[s0:s1]]
                mp = offered.index(max(offered))
            top = max(outs[:mp] + outs[mp + 1 :])
            wp = outs.index(top)
            if wp == mp:
                wp = outs.index(top, mp + 1)
            model = (index[s0 + mp], number[s0 + mp], outs[mp])
            weaker = (index[s0 + wp], number[s0 + wp], outs[wp])
            judge("best", nid, sid, model, weaker, weaker[2] > model[2])
            continue
        # (index, number, the best outcome open after the line: `_outcome`, inlined)
        after = [
            (
                index[k],
                number[k],
                best[to] if (to := target[k]) >= 0 else (NONE if to == NOWHERE else -1 - to),
            )
            for k in edges
        ]
        # the best outcome open after a line that is not a safety move (of equals, the
        # first offered); read only beside a safety line
        easier = (
            max((a for a in after if (sid, a[0]) not in safe), key=_open, default=None)
            if sid in safe_scenes
            else None
        )
        if safety_only:
            for line in after:
                if (sid, line[0]) in safe and easier is not None:
                    judge("safety", nid, sid, line, easier, line[2] < easier[2])
            continue
        # the strongest line (max keeps the first of equals, as the debrief picks), and
        # the best outcome open after any line but it
        strengths = ranks[sid]
        model = max(after, key=lambda line: strengths[line[0]])
        weaker = max((a for a in after if a is not model), key=_open)
        if sid in judged:
            for line in after:
                if (sid, line[0]) in safe and easier is not None:
                    judge("safety", nid, sid, line, easier, line[2] < easier[2])
                elif (sid, line[0]) in critical and (sid, model[0]) not in critical:
                    judge("slip", nid, sid, line, model, line[2] > model[2])
        # Said once: where a safety or slip finding already names this state's unfairness
        # to the best line, it is not repeated as the best line trailing.
        said = ((sid, model[0]) in safe and (sid, weaker[0]) not in safe) or (
            (sid, weaker[0]) in critical
        )
        judge("best", nid, sid, model, weaker, weaker[2] > model[2] and not said)
    broken = [replace(b, states=counts[key][0], offered=counts[key][1]) for key, b in first.items()]
    return FairnessReport(True, len(safe), len(critical), broken)


def _outcome(target: int, best: list[int]) -> int:
    """The best outcome rank open after a move to `target` (a node, an ending or NOWHERE)."""
    if target >= 0:
        return best[target]
    return NONE if target == NOWHERE else -1 - target


def _open(line: tuple[int, int, int]) -> tuple[int, int]:
    """Order lines by the best outcome open after them, then the first offered."""
    return (line[2], -line[1])


def best_open(graph: StateGraph) -> list[int]:
    """For every node, the best outcome rank any way on can still reach (NONE if none).

    Worked backwards from the endings, best outcome first: each node takes the
    first (so the best) rank that reaches it and is passed on once, so the work
    is a few steps per move, loops included. Repeating forward passes until
    nothing changes needed a pass per step back towards the start: a long
    staircase of scenes walked down to its ending took minutes.
    """
    target, start, total = graph.target, graph.start, len(graph.target)
    n = len(start)
    best = [NONE] * n
    # Who moves to whom, reversed, as one flat array: the moves into node m are
    # came[at[m]:at[m + 1]] (a list per node would cost far more at 500,000 nodes).
    at = array("i", bytes(4 * (n + 1)))
    for to in target:
        if to >= 0:
            at[to + 1] += 1
    for m in range(n):
        at[m + 1] += at[m]
    came = array("i", bytes(4 * at[n]))
    fill = array("i", at)
    for m in range(n):
        top = NONE
        for k in range(start[m], start[m + 1] if m + 1 < n else total):
            to = target[k]
            if to >= 0:
                came[fill[to]] = m
                fill[to] += 1
            elif to != NOWHERE and -1 - to > top:
                top = -1 - to
        best[m] = top
    for rank in sorted({v for v in best if v != NONE}, reverse=True):
        work = [m for m, v in enumerate(best) if v == rank]
        while work:
            m = work.pop()
            for k in range(at[m], at[m + 1]):
                p = came[k]
                if best[p] < rank:
                    best[p] = rank
                    work.append(p)
    return best


def problems(
    scenario: Scenario, broken: list[Broken], where: Where, name: str | None = None
) -> list[Problem]:
    """Each line that breaks a rule against a line beside it (`sim.authoring.fairness`), as
    an error naming both lines, a shortest way to a moment it happens and what to change;
    its replay command names the scenario `name` (an id as typed), else by its path."""
    names = {r: o for o, r in OUTCOME_RANK.items()}

    def at_best(rank: int) -> str:  # what a line can still come to (rank -1: no ending)
        return f"end {names[rank]} at best" if rank >= 0 else "reach no ending"

    path = name or scenario.path or scenario.id
    out = []
    for p in broken:
        choices = scenario.scenes[p.scene].choices
        at = f"after {choices_option(p.path)}" if p.path else "at the first decision"
        there = f" (trust {p.meters[0]}, empowerment {p.meters[1]})" if p.meters else ""
        seen = (
            f"first seen {at}{there}, as choice {p.number} (in {p.states} of the {p.offered} "
            f"states where it is offered; this line: {_moves(choices[p.index])}; choice "
            f"{p.other_number}: {_moves(choices[p.other])})"
        )
        see = f"see it with {replay_command(path, (*p.path, p.number))}"
        other = f"choice {p.other_number} beside it (scenes.{p.scene}.choices[{p.other + 1}]"
        if p.rule == "safety":
            verdicts = [k for k, v in choices[p.index].principles.items() if v == "honours"]
            message = (
                f"this safety line (honours {', '.join(verdicts)}) can {at_best(p.best)}, while {other}, "
                f"not a safety move) can still end {names[p.other_best]}; {seen}"
            )
            safety = choices[p.index]
            # a boundary said coldly (it undermines connection, say) may cost trust, as the
            # README says, never the outcome: asking to make it free contradicted the guide
            cold = " and ".join(k for k, v in safety.principles.items() if v == "undermines")
            if (safety.trust < 0 or safety.empowerment < 0) and cold:
                first = (
                    f"said in a way that undermines {cold} it may cost a meter, "
                    "so make its meter cost smaller"
                )
            elif safety.trust < 0 or safety.empowerment < 0:
                first = "take away its meter cost (a safety move lowers no meter)"
            else:  # nothing to make smaller: what the line beside it gains decides it
                first = (
                    f"it costs nothing here, so what choice {p.other_number} beside it gains "
                    "decides it: give that line less"
                )
            hint = (
                f"a safety move never costs the outcome: {first}, "
                f"let a later line win the trust back, or lower the ending threshold it misses; "
                f"{see}"
            )
            code = "safety-punished"
            severity = "error"
        elif p.rule == "slip":
            message = (
                f"this critical slip ({choices[p.index].critical}) can still end "
                f"{names[p.best]}, while the best line, {other}), can {at_best(p.other_best)}; "
                f"{seen}"
            )
            hint = (
                "a critical slip must never end better than the best line: give the slip less "
                "trust, or let the best line's way recover what it costs; " + see
            )
            code = "slip-beats-best"
            severity = "error"
        else:
            message = (
                f"this best line can {at_best(p.best)}, while a weaker line, {other}), can still end "
                f"{names[p.other_best]}; {seen}"
            )
            hint = (
                "a trainee who takes the stronger line and gets the worse ending learns the "
                "opposite of the lesson: give the weaker line less, or let the best line's way "
                f"reach that ending too; {see}"
            )
            code = "best-trails"
            severity = "warning"
        loc = ("scenes", p.scene, "choices", p.index)
        out.append(where.problem(loc, message, hint, severity, code=code))
    return out


def _moves(choice: Choice) -> str:
    """A line's meter changes, signed, as the trainee's meters show them."""
    return f"trust {choice.trust:+d} and empowerment {choice.empowerment:+d}"
