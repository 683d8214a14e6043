"""Why an ending's `also` or variant, or a reflection, never shows: read off the final states.

The first pass keeps only the meters runs end with, so its last word was "runs end at
'steps' only with trust 31..61; check the flags, scenes and numbers it needs", which
leaves the author to find what the checker already knows. An author whose variant
needed a flag set only by critical slips capped at poor (so no run holding it ever
ends at a mixed ending), or whose `also` needed three flags no one run sets together,
got that sentence twice. Explored again keeping each ending's final states (flags,
scenes seen, meters), the reason can be named: the cap that keeps the flag's runs
away, the part of the `when` that never holds there, or the flags never set together.
A flag set by a line every way to which passes such a slip (the repair after it:
author28's "I spoke too fast" after offering a peer the coach's home) is named with
the slip too, read off the links alone so a way round it is never missed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.authoring.never import Arrivals, failing_parts, meters_with, setters
from sim.engine import OUTCOME_RANK, cap_of, choice_id

if TYPE_CHECKING:
    from collections.abc import Callable, Collection

    from sim.model import Choice, Clause, Scenario

CAP_WORDS = {0: "poor", 1: "mixed"}


def final_reason(
    scenario: Scenario,
    cond: Clause,
    ends: Arrivals,
    ending: str | None = None,
    offered: Collection[tuple[str, int]] | None = None,
) -> str:
    """Why `cond` holds in none of `ends` (runs ending at `ending`, or at any ending), or "".

    `offered` (the explorer's) lets a flag set only in a scene no run reaches say so."""
    if ending is not None:
        capped = _capped_away(scenario, cond, ends, ending)
        if capped:
            return capped
    parts = failing_parts(
        scenario, cond, ends, f"ends at '{ending}'" if ending else "ends", offered=offered
    )
    if parts:
        return "; ".join(parts)
    return _never_together(cond, ends, ending) or meters_with(
        cond, ends, "in the runs" + (f" that end at '{ending}'" if ending else "")
    )


def _capped_away(scenario: Scenario, cond: Clause, ends: Arrivals, ending: str) -> str:
    """A flag set only by critical slips whose cap rules this ending out, or only by
    lines that every way to passes such a slip (the repair after a slip, say)."""
    rank = OUTCOME_RANK[scenario.endings[ending].outcome]
    for flag in cond.flags:
        if any(flag in f for f, _v in ends):
            continue
        by = [
            (sid, i, c)
            for sid, scene in scenario.scenes.items()
            for i, c in enumerate(scene.choices)
            if flag in c.sets
        ]
        if not by:
            continue
        names = ", ".join(setters(scenario, flag))
        outcome = scenario.endings[ending].outcome
        if all(cap_of(c) < rank for _sid, _i, c in by):
            caps = sorted({CAP_WORDS[cap_of(c)] for _sid, _i, c in by})
            allowed = [
                e
                for e, end in scenario.endings.items()
                if OUTCOME_RANK[end.outcome] <= min(cap_of(c) for _s, _i, c in by)
            ]
            move = f" such as '{allowed[0]}'" if allowed else ""
            return (
                f"the flag '{flag}' is set only by critical slips ({names}) capped at "
                f"{' or '.join(caps)}, and a run holding one never ends at "
                f"'{ending}', a {outcome} ending: move this text to an "
                f"ending the cap allows{move}, or change the cap"
            )
        slips = _behind_slips(scenario, {sid for sid, _i, _c in by}, rank)
        if slips:
            cap = max(c for _slip, c in slips)
            allowed = [e for e, end in scenario.endings.items() if OUTCOME_RANK[end.outcome] <= cap]
            move = f" such as '{allowed[0]}'" if allowed else ""
            return (
                f"the flag '{flag}' is set only by {names}, and every way there passes a "
                f"critical slip ({', '.join(s for s, _c in slips)}) that keeps a run from a {outcome} "
                f"ending, so no run holding the flag ends at '{ending}': move this text to "
                f"an ending the cap allows{move}, or set the flag on a line a run can say "
                "without the slip"
            )
    return ""


def _behind_slips(scenario: Scenario, scenes: set[str], rank: int) -> list[tuple[str, int]]:
    """The critical slips capped below `rank` (id, cap) that every way to `scenes` passes, or [].

    Read off the links alone, every `when` taken as open: a way the links leave is
    one some run may take, so "every way passes a slip" is never said of a scene a
    run can reach without one (a repair line after a slip, that sets a flag).
    """
    seen = _reach(scenario, scenario.start, lambda c: cap_of(c) >= rank)
    if scenes & seen:
        return []
    slips = [
        (choice_id(sid, i, c), cap_of(c), c.goto)
        for sid, scene in scenario.scenes.items()
        if sid in seen
        for i, c in enumerate(scene.choices)
        if cap_of(c) < rank
    ]
    return [(slip, cap) for slip, cap, goto in slips if scenes & _reach(scenario, goto)]


def _reach(
    scenario: Scenario, start: str, through: Callable[[Choice], bool] | None = None
) -> set[str]:
    """The scenes the links lead to from `start`, itself included (by the lines `through`
    lets pass, when given: the slips' walk stops at them)."""
    seen: set[str] = set()
    todo = [start]
    while todo:
        sid = todo.pop()
        if sid in seen or sid not in scenario.scenes:
            continue
        seen.add(sid)
        scene = scenario.scenes[sid]
        todo += [c.goto for c in scene.choices if through is None or through(c)]
        todo += [step.goto for step in scene.steps()]
    return seen


def _never_together(cond: Clause, ends: Arrivals, ending: str | None) -> str:
    """Two flags (or a flag and a scene seen) of `cond` that each end runs there but
    never in the same run."""
    where = f" that ends at '{ending}'" if ending else ""
    return never_together(cond, ends, f"in some run{where}", "in one run")


def never_together(cond: Clause, states: Arrivals, some: str, one: str) -> str:
    """The first two parts of `cond` (flags, scenes seen) that each hold in some of
    `states` but never in the same one, with the `any = [...]` that says "either", or "".

    An author whose reflection needed a flag set after a slip and a scene only the
    other branch visits heard "check the flags, scenes and numbers it needs" (author28).
    """
    parts = [("flags", f) for f in cond.flags] + [("visited", v) for v in cond.visited]
    keys = list(states)

    def holds(part: tuple[str, str], key: tuple[frozenset[str], frozenset[str]]) -> bool:
        return part[1] in (key[0] if part[0] == "flags" else key[1])

    for n, first in enumerate(parts):
        for second in parts[n + 1 :]:
            if any(holds(first, k) and holds(second, k) for k in keys):
                continue
            if not any(holds(first, k) for k in keys) or not any(holds(second, k) for k in keys):
                continue
            either = (
                f'any = [ {{ {first[0]} = ["{first[1]}"] }}, {{ {second[0]} = ["{second[1]}"] }} ]'
            )
            whole = {("flags", f) for f in cond.flags} | {("visited", v) for v in cond.visited}
            if whole == {first, second}:
                spots = " and ".join(f"{k} = [...]" for k in _keys(first, second))
                how = f"write {either} in place of {spots}"
            else:
                how = f"take them out of {' and '.join(_keys(first, second))} and add {either}"
            return f"{_said(first, second, some)}, but never both {one}: if either one should do, {how}"
    return ""


def _said(first: tuple[str, str], second: tuple[str, str], some: str) -> str:
    if first[0] == second[0] == "flags":
        return f"'{first[1]}' and '{second[1]}' are each set {some}"
    if first[0] == second[0]:
        return f"the scenes '{first[1]}' and '{second[1]}' are each seen {some}"
    flag, scene = (first, second) if first[0] == "flags" else (second, first)
    return f"the flag '{flag[1]}' is set and the scene '{scene[1]}' seen, each {some}"


def _keys(first: tuple[str, str], second: tuple[str, str]) -> list[str]:
    return list(dict.fromkeys((first[0], second[0])))
