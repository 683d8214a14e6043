"""Turning points: the decisions whose stronger line would have changed the ending.

A counterfactual played by the engine itself: replay the run to the moment of
a decision, say the stronger line instead, then carry on with the trainee's
own later lines wherever they are still offered (matched by scene and choice
id, in order), else the strongest line offered. How many later lines had to be
assumed that way is kept with the turning point: a run that ended after two
decisions "would have ended strong" only with a dozen best lines it never
faced, and the debrief says so (trainee playtest 11). Only decisions whose
counterfactual ends better, or at a different ending no worse, count; they are
ranked by outcome gained, then by the meters gained.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.debrief.data import TurningPair, TurningPoint
from sim.debrief.stronger import strength
from sim.engine import OUTCOME_RANK, EngineError, Run, choice_id

if TYPE_CHECKING:
    from sim.engine import Decision, State
    from sim.model import Choice, Scenario

MOST = 3
PAIRS_AT_MOST = 120  # decisions with a stronger line: 16 give 120 pairs, each one replay
MOVES_AT_MOST = 5_000  # moves across one search's replays (a bundled run needs ~1,000)


class Budget:
    """The moves a search for turning points may still play.

    Each counterfactual replays the run, so a search costs about the run's length
    times its weaker lines: a run of 400 decisions (a long chain, or a loop said
    again and again) took 23 s to debrief, the app frozen meanwhile, and 1,000
    several minutes (adversarial-10). Spent, the search keeps what it found.
    """

    def __init__(self, moves: int = MOVES_AT_MOST) -> None:
        self.moves = moves

    @property
    def spent(self) -> bool:
        """No moves left: a search that stopped here may have missed later decisions."""
        return self.moves <= 0

    def spend(self) -> bool:
        """One move more; False once none are left."""
        self.moves -= 1
        return self.moves >= 0


def _offer_of(run: Run, index: int) -> int | None:
    return next((o.number for o in run.offers() if o.index == index), None)


def counterfactual(
    scenario: Scenario,
    first: State,
    decisions: tuple[Decision, ...],
    at: int,
    index: int,
    also: tuple[int, int] | None = None,
    budget: Budget | None = None,
) -> tuple[State, int] | None:
    """The final state had choice `index` been said at decision `at` (0-based) instead,
    with how many later decisions took the strongest line for want of the trainee's own.

    `also` (a later decision, a choice index): that decision's line is swapped too,
    wherever its scene comes round again with that line on offer. None too when
    `budget` runs out on the way, and when the `also` line is never offered on the
    changed path (a pair the debrief could not truthfully quote).
    """
    budget = budget or Budget()
    run = Run(scenario, [first])
    limit = 4 * (len(scenario.scenes) + len(decisions)) + 8
    try:
        for d in decisions[:at]:
            run.settle()
            number = _offer_of(run, d.index) if run.state.scene == d.scene else None
            if number is None or not budget.spend():
                return None
            run.choose(number)
        run.settle()
        number = _offer_of(run, index)
        if number is None:
            return None
        run.choose(number)
        later = [(d.scene, d.choice_id) for d in decisions[at + 1 :]]
        paired: tuple[str, str] | None = None  # the `also` line, until it is said
        if also is not None and at < also[0] < len(decisions):
            scene_id = decisions[also[0]].scene
            swapped = scenario.scenes[scene_id].choices[also[1]]
            paired = (scene_id, choice_id(scene_id, also[1], swapped))
            later[also[0] - at - 1] = paired
        steps = assumed = 0
        while True:
            run.settle()
            if run.over or run.stuck:
                break
            steps += 1
            if steps > limit or not budget.spend():
                return None
            offers = run.offers()
            here = run.state.scene
            ids = {choice_id(here, o.index, o.choice): o.number for o in offers}
            pick = None
            for k, (scene, cid) in enumerate(later):
                if scene == here and cid in ids:
                    pick = ids[cid]
                    if later[k] == paired:
                        paired = None
                    del later[k]
                    break
            if pick is None:
                pick = max(offers, key=lambda o: strength(o.choice)).number
                assumed += 1
            run.choose(pick)
    except EngineError:
        return None
    if paired is not None:
        # the second line of a pair never offered on the changed path (it answered what
        # the first change undid: an apology for news held back, after the news was
        # shared on day one): the debrief quoted it as said (review 34a)
        return None
    return (run.state, assumed) if run.over else None


def turning_points(
    scenario: Scenario,
    first: State,
    final: State,
    stronger: dict[int, tuple[str, int]],
    budget: Budget | None = None,
) -> tuple[TurningPoint, ...]:
    """The two or three decisions whose stronger line changes the ending most.

    Pass a `budget` to learn afterwards whether it ran out (`Budget.spent`): the
    debrief then says its turning points come from the earlier decisions only.
    """
    if final.ending is None:
        return ()
    rank = OUTCOME_RANK[scenario.endings[final.ending].outcome]
    meters = final.trust + final.empowerment
    found: list[TurningPoint] = []
    budget = budget or Budget()
    for step, (scene_id, index) in stronger.items():
        if budget.moves <= 0:
            break  # the earliest decisions tried; what they found stands
        played = counterfactual(scenario, first, final.decisions, step - 1, index, budget=budget)
        if played is None:
            continue
        end, assumed = played
        if end.ending is None or end.ending == final.ending:
            continue
        ending = scenario.endings[end.ending]
        gain = OUTCOME_RANK[ending.outcome] - rank
        meter_gain = end.trust + end.empowerment - meters
        if gain < 0 or (gain == 0 and meter_gain <= 0):
            continue
        choice: Choice = scenario.scenes[scene_id].choices[index]
        found.append(
            TurningPoint(
                step=step,
                say=choice.say,
                ending_id=end.ending,
                ending_title=ending.title,
                outcome=ending.outcome,
                outcome_gain=gain,
                meter_gain=meter_gain,
                assumed=assumed,
            )
        )
    found.sort(key=lambda t: (-t.outcome_gain, -t.meter_gain, t.step))
    return tuple(found[:MOST])


def turning_pair(
    scenario: Scenario,
    first: State,
    final: State,
    stronger: dict[int, tuple[str, int]],
    budget: Budget | None = None,
) -> TurningPair | None:
    """When no one decision alone changes the ending: the two that together would.

    "More than one would need to change" left a trainee to guess which (trainee
    playtest 9). The pair that gains the most outcome, then the most meters, the
    earliest first; None when no pair improves the outcome, or the run had so many
    weaker lines that trying every pair would keep the debrief waiting.
    """
    if final.ending is None:
        return None
    rank = OUTCOME_RANK[scenario.endings[final.ending].outcome]
    meters = final.trust + final.empowerment
    steps = sorted(stronger)
    if len(steps) * (len(steps) - 1) // 2 > PAIRS_AT_MOST:
        return None
    best: tuple[tuple[int, int, int, int], TurningPair] | None = None
    budget = budget or Budget()
    for n, a in enumerate(steps):
        for b in steps[n + 1 :]:
            if budget.moves <= 0:
                break
            played = counterfactual(
                scenario,
                first,
                final.decisions,
                a - 1,
                stronger[a][1],
                (b - 1, stronger[b][1]),
                budget,
            )
            if played is None or played[0].ending is None:
                continue
            end, assumed = played
            ending = scenario.endings[end.ending]
            gain = OUTCOME_RANK[ending.outcome] - rank
            if gain <= 0:
                continue
            key = (gain, end.trust + end.empowerment - meters, -a, -b)
            if best is None or key > best[0]:

                def say(step: int) -> str:
                    scene_id, index = stronger[step]
                    return scenario.scenes[scene_id].choices[index].say

                best = (
                    key,
                    TurningPair(
                        steps=(a, b),
                        says=(say(a), say(b)),
                        ending_id=end.ending,
                        ending_title=ending.title,
                        outcome=ending.outcome,
                        assumed=assumed,
                    ),
                )
    return best[1] if best else None
