"""The rules of play: states, what is offered, choosing, and how a run ends.

Pure functions over immutable `State`s, so undo is going back to an earlier
state and every front end (the app, the plain player, the checker, the
debrief's counterfactuals) applies exactly these rules. Nothing here does
I/O or imports Textual or pydantic (scenario objects are only read).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Protocol, TypeVar

from sim.cues import clean_words
from sim.text import brief

if TYPE_CHECKING:
    from sim.model import Choice, Scenario
    from sim.model.scenario import Condition

# `goto = "@outcome"`: pick the ending by the meters. The same string as
# `sim.model.types.OUTCOME_GOTO`, kept here so the engine needs no pydantic.
OUTCOME = "@outcome"
# Outcomes from worst to best; a critical slip caps a run at a rank.
OUTCOME_RANK = {"poor": 0, "mixed": 1, "strong": 2}
NO_CAP = 2


class EngineError(ValueError):
    """A request the current state cannot honour (a wrong number, undo at the start)."""


def clamp(value: int) -> int:
    return 0 if value < 0 else 100 if value > 100 else value


@dataclass(frozen=True)
class Decision:
    """One choice the trainee made, with everything the debrief needs later."""

    scene: str
    index: int  # position in scene.choices
    number: int  # the number the trainee saw (1-based among those offered)
    choice_id: str
    offered: tuple[int, ...]  # indices offered at that moment, for the stronger alternative
    trust_before: int
    empowerment_before: int
    trust_after: int
    empowerment_after: int
    critical: str = ""  # the kind of critical slip this choice is, if it is one
    words: str = ""  # own-words practice: what the trainee typed before seeing the lines

    @property
    def trust_change(self) -> int:
        return self.trust_after - self.trust_before

    @property
    def empowerment_change(self) -> int:
        return self.empowerment_after - self.empowerment_before


@dataclass(frozen=True)
class State:
    scene: str
    trust: int
    empowerment: int
    flags: frozenset[str] = frozenset()
    path: tuple[str, ...] = ()  # scenes entered, in order
    decisions: tuple[Decision, ...] = ()
    ending: str | None = None
    cap: int = NO_CAP  # the best outcome rank still reachable (lowered by critical slips)

    @cached_property
    def visited(self) -> frozenset[str]:
        """The scenes entered: worked out once per state, since the rules ask several times
        a step, and a chain of 3,000 `next` scenes made each step rebuild it from the path
        (`peer-sim test` ran for minutes)."""
        return frozenset(self.path)

    @property
    def over(self) -> bool:
        return self.ending is not None


@dataclass(frozen=True)
class Offer:
    number: int
    index: int
    choice: Choice


def choice_id(scene_id: str, index: int, choice: Choice) -> str:
    """A choice's stable name: the author's `id`, else `scene#n` (n from 1)."""
    return choice.id or f"{scene_id}#{index + 1}"


def strength(choice: Choice) -> tuple[int, int, int, int]:
    """How good a line is, for "the stronger line": the author's `best`, then the
    fewest principles undermined, the most honoured, the biggest meter gain.
    One rule for the debrief, the checker and `test --slips`."""
    verdicts = list(choice.principles.values())
    return (
        1 if choice.best else 0,
        -verdicts.count("undermines"),
        verdicts.count("honours"),
        choice.trust + choice.empowerment,
    )


def cap_of(choice: Choice) -> int:
    """The best outcome rank a run holding this choice can reach."""
    if choice.critical is None:
        return NO_CAP
    return OUTCOME_RANK[choice.cap or "mixed"]


def within(scenario: Scenario, eid: str, cap: int) -> bool:
    return OUTCOME_RANK[scenario.endings[eid].outcome] <= cap


def pick_ending(scenario: Scenario, state: State, cap: int | None = None) -> str:
    """`@outcome`: the first ending whose condition holds, in file order; else the last.

    Endings better than the run's cap (lowered by critical slips) are passed
    over, so a serious slip can never end well however high the meters are;
    `cap=NO_CAP` asks what the meters alone would have given (for the debrief).
    If no ending within the cap holds, the last one within it is used, and if
    the file has none, the worst ending it has (the checker reports both).
    """
    cap = state.cap if cap is None else cap
    visited = state.visited
    fallback = None
    for eid, ending in scenario.endings.items():
        if OUTCOME_RANK[ending.outcome] > cap:
            continue
        fallback = eid
        if ending.when is None or ending.when.holds(
            state.trust, state.empowerment, state.flags, visited
        ):
            return eid
    if fallback is not None:
        return fallback
    return min(scenario.endings, key=lambda e: OUTCOME_RANK[scenario.endings[e].outcome])


class Conditional(Protocol):
    """A variant, a `next` branch or a choice: anything with an optional `when`."""

    @property
    def when(self) -> Condition | None: ...


Held = TypeVar("Held", bound=Conditional)


def first_holding(items: Iterable[Held], state: State) -> Held | None:
    """The first item whose `when` holds in this state (items without `when` always do)."""
    for item in items:  # `visited` only when a condition is asked: a plain `next` needs none
        if item.when is None or item.when.holds(
            state.trust, state.empowerment, state.flags, state.visited
        ):
            return item
    return None


def scene_text(scenario: Scenario, state: State, scene_id: str | None = None) -> tuple[str, str]:
    """What a scene says in this state: its first variant that holds, else its base text.

    Judged on the state the scene was entered with, so a reply can follow
    from what the coach just said. Returns (text, action); action may be "".
    """
    scene = scenario.scenes[scene_id or state.scene]
    variant = first_holding(scene.variants, state) if scene.variants else None
    if variant is None:
        return scene.text, scene.action or ""
    return variant.text, variant.action or scene.action or ""


def ending_text(scenario: Scenario, state: State) -> str:
    """The ending's text for this run: its first variant that holds, else its base text;
    then, a paragraph each, every `also` whose condition holds, in file order."""
    if state.ending is None:
        return ""
    ending = scenario.endings[state.ending]
    variant = first_holding(ending.variants, state) if ending.variants else None
    text = ending.text if variant is None else variant.text
    added = [
        extra.text
        for extra in ending.also
        if extra.when.holds(state.trust, state.empowerment, state.flags, state.visited)
    ]
    return "\n\n".join([text, *added])


def reflections(scenario: Scenario, state: State) -> tuple[str, ...]:
    """The reflection prompts for this run: plain ones, and those whose condition holds."""
    visited = state.visited
    out = []
    for item in scenario.debrief.reflect:
        if isinstance(item, str):
            out.append(item)
        elif item.when is None or item.when.holds(
            state.trust, state.empowerment, state.flags, visited
        ):
            out.append(item.text)
    return tuple(out)


def next_target(scenario: Scenario, state: State) -> str | None:
    """Where a `next` scene goes on to in this state; None if no branch holds."""
    step = first_holding(scenario.scenes[state.scene].steps(), state)
    return None if step is None else step.goto


def start(
    scenario: Scenario,
    scene: str | None = None,
    trust: int | None = None,
    empowerment: int | None = None,
    flags: frozenset[str] | tuple[str, ...] = (),
) -> State:
    """The opening state; the keyword arguments let authors start anywhere."""
    scene = scene or scenario.start
    if scene not in scenario.scenes:
        # quoted through the gate: the scene comes from a record or an export someone
        # else wrote, and one holding a line break forged a line in `replay --plain`
        raise EngineError(f"'{brief(scene)}' is not a scene in this scenario")
    return State(
        scene=scene,
        trust=clamp(scenario.meters.trust if trust is None else trust),
        empowerment=clamp(scenario.meters.empowerment if empowerment is None else empowerment),
        flags=frozenset(flags),
        path=(scene,),
    )


def offers(scenario: Scenario, state: State) -> list[Offer]:
    """The choices open at this moment, numbered as the trainee sees them."""
    if state.over:
        return []
    out: list[Offer] = []
    # `visited` only when a condition is asked: a scene whose lines have none (most)
    # needs no set of the path, which a long run made longer at every step.
    for index, choice in enumerate(scenario.scenes[state.scene].choices):
        when = choice.when
        if when is None or when.holds(state.trust, state.empowerment, state.flags, state.visited):
            out.append(Offer(len(out) + 1, index, choice))
    return out


def _enter(scenario: Scenario, state: State, target: str) -> State:
    if target == OUTCOME:
        return replace(state, ending=pick_ending(scenario, state))
    if target in scenario.endings:
        if not within(scenario, target, state.cap):
            # A direct way to an ending the run's critical slip rules out: the
            # checker reports it; the engine still never lets it end better.
            return replace(state, ending=pick_ending(scenario, state))
        return replace(state, ending=target)
    return replace(state, scene=target, path=state.path + (target,))


def choose(scenario: Scenario, state: State, number: int, words: str = "") -> State:
    """Say offered choice `number` (1-based): apply meters and flags, move on.

    `words` (own-words practice) is what the trainee typed first; it is kept
    with the decision, cleaned to plain bounded text, and never scored.
    """
    return choose_from(scenario, state, offers(scenario, state), number, words)


def choose_from(
    scenario: Scenario, state: State, available: list[Offer], number: int, words: str = ""
) -> State:
    """`choose`, given `offers(scenario, state)` already worked out (`Run` keeps them for
    its current state: a shell asks what is offered, then chooses, and each step of a
    random play in `peer-sim test` worked the offers out twice)."""
    if not 1 <= number <= len(available):
        raise EngineError(f"there is no choice {number} here (choose 1 to {len(available)})")
    offer = available[number - 1]
    choice = offer.choice
    trust = clamp(state.trust + choice.trust)
    empowerment = clamp(state.empowerment + choice.empowerment)
    decision = Decision(
        scene=state.scene,
        index=offer.index,
        number=number,
        choice_id=choice_id(state.scene, offer.index, choice),
        offered=tuple([o.index for o in available]),
        trust_before=state.trust,
        empowerment_before=state.empowerment,
        trust_after=trust,
        empowerment_after=empowerment,
        critical=choice.critical or "",
        words=clean_words(words) if words else "",  # (nothing typed, nearly always)
    )
    flags = (state.flags | set(choice.sets)) - set(choice.clears)
    moved = replace(
        state,
        trust=trust,
        empowerment=empowerment,
        flags=frozenset(flags),
        decisions=state.decisions + (decision,),
        cap=min(state.cap, cap_of(choice)),
    )
    return _enter(scenario, moved, choice.goto)


def advance(scenario: Scenario, state: State) -> State:
    """Continue from a scene that goes on with `next`."""
    if state.over or scenario.scenes[state.scene].next is None:
        raise EngineError("this scene waits for a choice")
    nxt = next_target(scenario, state)
    if nxt is None:
        raise EngineError(f"no branch of next holds at scene '{state.scene}'")
    return _enter(scenario, state, nxt)
