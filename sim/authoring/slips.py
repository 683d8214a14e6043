"""Paths measured from the best line: `peer-sim test --slips N` and the critical-slip checks.

A *slip* is saying anything other than the best line offered at a decision
(the author's `best = true`, else the line the debrief would call stronger).
Authors balance a scenario by asking what one slip costs: the best path
should end well, one harmless slip should not end in the worst ending, and a
critical slip must never end strong. Every path here is played by the real
engine, so its numbers replay exactly with `peer-sim play FILE --choices`.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from itertools import count
from typing import TYPE_CHECKING

from sim import engine
from sim.engine import strength

if TYPE_CHECKING:
    from sim.model import Scenario

MAX_PATHS = 5_000  # rows in one report before it stops and says so
MAX_DECISIONS = 200  # decisions on one path before it counts as going round
MAX_SEARCH = 200_000  # states a path search visits before it gives up
# Moves played while listing paths with N slips before it stops and says so. With more
# slips than any path can hold, every path was walked: `--slips 30` on a bundled
# scenario ran for hours (adversarial-9). About ten seconds on a slow machine.
MAX_MOVES = 200_000


@dataclass(frozen=True)
class Slip:
    step: int  # decision number, from 1
    choice_id: str
    critical: str  # the kind of critical slip, or ""
    scene: str = ""  # where it was said (an author's choice `id` does not name it)
    index: int = -1  # the choice's place in that scene's `choices`, from 0


@dataclass(frozen=True)
class SlipPath:
    numbers: tuple[int, ...]  # as the trainee types them (offered choices, from 1)
    slips: tuple[Slip, ...]
    ending: str  # "" when the path stops without an ending
    outcome: str
    trust: int
    empowerment: int
    stopped: str = ""  # why there is no ending: "stuck" or "loops"
    ids: tuple[str, ...] = ()  # the same choices as stable choice ids (`--choices` takes both)

    @property
    def critical(self) -> bool:
        return any(s.critical for s in self.slips)


@dataclass
class SlipReport:
    best: SlipPath
    paths: list[SlipPath]
    slips: int
    truncated: bool = False
    searched: bool = False  # stopped after MAX_MOVES moves (else after `limit` paths)

    def critical_strong(self) -> list[SlipPath]:
        """Paths where a critical slip still ends strong: the rule a scenario must keep."""
        return [p for p in self.paths if p.critical and p.outcome == "strong"]

    def harmless_worst(self, worst: str) -> list[SlipPath]:
        """One harmless slip (not critical) that leads to the worst ending, when that ending
        is worse than the best path's: in a file whose endings are all strong, the "worst"
        is the best, and a warning there was wrong (small40)."""
        if self.slips != 1:
            return []
        # a best path that reaches no ending (it goes round a loop) has no outcome to
        # compare with: every slip to the worst ending is said, as before
        best = engine.OUTCOME_RANK.get(self.best.outcome)
        if best is not None and engine.OUTCOME_RANK.get(worst, best) >= best:
            return []
        return [p for p in self.paths if not p.critical and p.outcome == worst]


def best_offer(offers: list[engine.Offer]) -> engine.Offer:
    """The best line among those offered (the first of equals, as the debrief picks)."""
    top = offers[0]
    for o in offers[1:]:
        if strength(o.choice) > strength(top.choice):
            top = o
    return top


def _key(state: engine.State) -> tuple:
    return (state.scene, state.trust, state.empowerment, state.flags, state.visited, state.cap)


def slip_paths(
    scenario: Scenario, slips: int = 1, limit: int = MAX_PATHS, moves: int | None = None
) -> SlipReport:
    """The best path, and every path with exactly `slips` slips from it (up to `limit`
    paths, and `moves` moves played looking for them)."""
    found: list[SlipPath] = []
    truncated = searched = False
    best: SlipPath | None = None
    played = 0
    moves = MAX_MOVES if moves is None else moves

    def finish(
        run: engine.Run,
        numbers: tuple[int, ...],
        taken: tuple[Slip, ...],
        why: str,
        ids: tuple[str, ...],
    ) -> SlipPath:
        state = run.state
        ending = scenario.endings[state.ending] if state.ending else None
        return SlipPath(
            numbers,
            taken,
            state.ending or "",
            ending.outcome if ending else "",
            state.trust,
            state.empowerment,
            "" if ending else why,
            ids,
        )

    def walk(
        run: engine.Run,
        numbers: tuple[int, ...],
        taken: tuple[Slip, ...],
        seen: frozenset,
        ids: tuple[str, ...],
    ) -> None:
        nonlocal truncated, searched, best, played
        if truncated:
            return
        try:
            run.settle()
        except engine.EngineError:
            path = finish(run, numbers, taken, "loops", ids)
        else:
            path = None
            if run.over or run.stuck:
                path = finish(run, numbers, taken, "stuck", ids)
            elif _key(run.state) in seen or len(numbers) >= MAX_DECISIONS:
                path = finish(run, numbers, taken, "loops", ids)
        if path is not None:
            if not taken and best is None:
                best = path
            elif len(taken) == slips:
                if len(found) >= limit:
                    truncated = True
                    return
                found.append(path)
            return
        seen = seen | {_key(run.state)}
        offers = run.offers()
        top = best_offer(offers)
        order = [top] + [o for o in offers if o is not top] if len(taken) < slips else [top]
        for o in order:
            if played >= moves and best is not None:
                truncated = searched = True
                return
            played += 1
            step = len(numbers) + 1
            more = taken
            cid = engine.choice_id(run.state.scene, o.index, o.choice)
            if o is not top:
                slip = Slip(step, cid, o.choice.critical or "", run.state.scene, o.index)
                more = taken + (slip,)
            run.choose(o.number)
            walk(run, numbers + (o.number,), more, seen, ids + (cid,))
            run.undo()

    run = engine.Run.begin(scenario)
    walk(run, (), (), frozenset(), ())
    assert best is not None  # the all-best path is walked first and always finishes
    return SlipReport(best, found, slips, truncated, searched)


def path_to(
    scenario: Scenario,
    scene: str,
    index: int,
    min_cap: int | None = None,
    ends_in: str | None = None,
) -> tuple[int, ...] | None:
    """A path (offered numbers) that takes choice `index` at `scene`: the fewest
    critical slips on the way, then the shortest. An `index` below 0 is a branch
    of the scene's `next` (-1 the first), taken as the run goes on after a choice.

    With `min_cap`, only a state whose cap is below it counts (a run already
    holding a critical slip); with `ends_in`, only a choice that ends the run
    there with no decision in between (a choice index, not a branch). An example for a message about one slip should
    not take three, so critical slips cost first. Searched over the engine's own
    states, so the path replays exactly; None if none is found within the bound.
    """
    run = engine.Run.begin(scenario)
    try:
        run.settle()
    except engine.EngineError:
        return None
    order = count()  # ties broken by discovery, so the first-offered path wins as before
    queue: list = [(0, 0, next(order), run.state, ())]
    seen: set = set()  # settled states: each is first popped by its cheapest path
    while queue and len(seen) < MAX_SEARCH:
        slips, _length, _n, state, numbers = heapq.heappop(queue)
        if _key(state) in seen:
            continue
        seen.add(_key(state))
        for o in engine.offers(scenario, state):
            # (the cap after saying it: the choice may be the critical slip itself)
            if (
                state.scene == scene
                and o.index == index
                and (min_cap is None or min(state.cap, engine.cap_of(o.choice)) < min_cap)
                and ends_in is None
            ):
                return numbers + (o.number,)
            step = engine.Run(scenario, [engine.choose(scenario, state, o.number)])
            settled = True
            try:
                step.settle()
            except engine.EngineError:
                settled = False
            if ends_in is not None and state.scene == scene and o.index == index:
                if settled and step.state.ending == ends_in:
                    return numbers + (o.number,)
                continue
            if index < 0 and _takes_branch(scenario, step.states, scene, -1 - index, min_cap):
                return numbers + (o.number,)
            if not settled or step.over or step.stuck:
                continue
            if _key(step.state) not in seen:
                cost = slips + bool(o.choice.critical)
                heapq.heappush(
                    queue, (cost, len(numbers) + 1, next(order), step.state, numbers + (o.number,))
                )
    return None


def _takes_branch(
    scenario: Scenario, states: list[engine.State], scene: str, branch: int, min_cap: int | None
) -> bool:
    """Whether one of these states goes on from `scene` by its `next` branch `branch`."""
    steps = scenario.scenes[scene].steps()
    for s in states:
        if s.scene != scene or s.over or (min_cap is not None and s.cap >= min_cap):
            continue
        taken = engine.first_holding(steps, s)
        if taken is not None and steps.index(taken) == branch:
            return True
    return False


def critical_ids_on(scenario: Scenario, numbers: tuple[int, ...]) -> list[str]:
    """The critical slips a path takes, as choice ids (for messages)."""
    run = engine.Run.begin(scenario)
    out = []
    for n in numbers:
        run.settle()
        o = run.offers()[n - 1]
        if o.choice.critical:
            out.append(engine.choice_id(run.state.scene, o.index, o.choice))
        run.choose(n)
    return out
