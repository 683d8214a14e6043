"""A play-through every shell drives the same way, and the record it leaves.

`Run` is the small public surface, shaped like ink's runtime: ask what is
offered, choose by number, continue, undo. Its record (`to_json`, read back
by `recorded_start` and `replay`) outlives the scenario file it was played on,
so it is checked as untrusted data and carries the scenario's `digest`.
Kept apart from `sim.engine.rules`, which holds the rules a run obeys.
"""

from __future__ import annotations

import hashlib
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sim.engine.rules import (
    EngineError,
    Offer,
    State,
    advance,
    choose_from,
    ending_text,
    next_target,
    offers,
    scene_text,
    start,
)

if TYPE_CHECKING:
    from sim.model import Ending, Scenario, Scene

RUN_FORMAT = 1


class ReplayError(ValueError):
    """A recorded run no longer fits its scenario; the message says where it diverged."""


MAX_START_FLAGS = 1_000  # far beyond the flags any scenario sets


def recorded_start(where: object) -> dict[str, Any]:
    """Where a recorded run began (`progress.start`), checked: the record is untrusted data.

    A run's record comes back from the store, an exported file or a resume; a
    start that is not what the engine writes (a scene that is not text, a meter
    that is not a whole number from 0 to 100, flags that are not a list of
    names) is a `ReplayError` naming the key, never a traceback or a run that
    starts at trust 1e308.
    """
    if where is None:
        return {}
    if not isinstance(where, dict):
        raise ReplayError("start is not an object with scene, trust, empowerment and flags")
    found: dict[str, Any] = {}
    scene = where.get("scene")
    if scene is not None and not isinstance(scene, str):
        raise ReplayError("start.scene is not a scene name")
    found["scene"] = scene
    for meter in ("trust", "empowerment"):
        value = where.get(meter)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 100
        ):
            raise ReplayError(f"start.{meter} is not a whole number from 0 to 100")
        found[meter] = value
    flags = where.get("flags", [])
    if not isinstance(flags, list) or not all(isinstance(f, str) for f in flags):
        raise ReplayError("start.flags is not a list of flag names")
    if len(flags) > MAX_START_FLAGS:
        # every move copies the set of flags, and the debrief's replays move thousands
        # of times: an export edited to start with 200,000 flags held `replay` for
        # minutes (adv44). A run starts with none, or the few an author's --set names.
        raise ReplayError(
            f"start.flags holds {len(flags):,} flags, more than a run can start with "
            f"(at most {MAX_START_FLAGS:,})"
        )
    found["flags"] = tuple(flags)
    return found


def digest(scenario: Scenario) -> str:
    """A content hash of what the scenario means, not how the file is laid out.

    Comments and spacing do not change it; any change to text, links or
    numbers does, which is what a recorded run needs to know.

    Worked out once per scenario: a recorded run asks after every move, and a file of
    3,000 scenes joined by `next` serialised itself 3,000 times (a minute of play
    spent on it). Kept with a weak reference to the object it was worked out on, since a
    `model_copy` carries private attributes over to a scenario that may differ; an id()
    was not enough, as a copy of a copy can be made where the freed original lay.
    """
    cached = scenario._digest
    if cached is not None and cached[0]() is scenario:
        return cached[1]
    found = hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()[:16]
    scenario._digest = (weakref.ref(scenario), found)
    return found


@dataclass
class Run:
    """A play-through: the states so far, with the moves every shell needs.

    States are immutable, so undo is popping back to the state where the last
    choice was offered, and a finished run can be kept as a value.
    """

    scenario: Scenario
    states: list[State] = field(default_factory=list)
    replay_note: str = ""
    own_words: bool = False  # own-words practice: the trainee types before each choice
    # (scenario, state, offers) for the state last asked about: a shell asks what is
    # offered, then chooses, and `choose` needs the same list. Both are immutable, so
    # the list is that of `offers(scenario, state)` for as long as both are the same
    # objects; `offers()` hands out copies.
    _offered: tuple[Scenario, State, list[Offer]] | None = field(
        default=None, init=False, repr=False, compare=False
    )
    # (scenario, {scene: offers}) for the scenes whose lines have no `when`: the same
    # list in every state, so a long run makes it once per scene, not once per step.
    _always: tuple[Scenario, dict[str, list[Offer]]] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    @classmethod
    def begin(cls, scenario: Scenario, **where: Any) -> Run:
        return cls(scenario, [start(scenario, **where)])

    @classmethod
    def begin_recorded(cls, scenario: Scenario, where: object) -> Run:
        """A run from a record's `start` (see `recorded_start`); ReplayError if it does not fit."""
        try:
            return cls.begin(scenario, **recorded_start(where))
        except EngineError as exc:
            raise ReplayError(str(exc)) from None

    # -- reading ----------------------------------------------------------
    @property
    def state(self) -> State:
        return self.states[-1]

    @property
    def scene(self) -> Scene:
        return self.scenario.scenes[self.state.scene]

    @property
    def over(self) -> bool:
        return self.state.over

    @property
    def ending(self) -> Ending | None:
        e = self.state.ending
        return None if e is None else self.scenario.endings[e]

    def offers(self) -> list[Offer]:
        return list(self._offers_now())

    def _offers_now(self) -> list[Offer]:
        scenario, state, memo = self.scenario, self.state, self._offered
        if memo is not None and memo[1] is state and memo[0] is scenario:
            return memo[2]
        always = self._always
        if always is None or always[0] is not scenario:
            always = self._always = (scenario, {})
        found = None if state.over else always[1].get(state.scene)
        if found is None:
            found = offers(scenario, state)
            if not state.over and all(c.when is None for c in scenario.scenes[state.scene].choices):
                always[1][state.scene] = found
        self._offered = (scenario, state, found)
        return found

    @property
    def waits_for_choice(self) -> bool:
        return not self.over and self.scene.next is None

    @property
    def stuck(self) -> bool:
        """No way on: an authoring mistake the checker reports, shown gracefully here."""
        if self.over:
            return False
        if self.scene.next is not None:
            return next_target(self.scenario, self.state) is None
        return not self.offers()

    @property
    def text(self) -> tuple[str, str]:
        """The current scene's (text, action) in this state (its variants judged)."""
        return scene_text(self.scenario, self.state)

    @property
    def ending_text(self) -> str:
        return ending_text(self.scenario, self.state)

    @property
    def answering(self) -> str:
        """The name of the person the trainee answers now: this scene's speaker, or, after
        narration, the last person who spoke ("" if no one has yet).

        A decision after a narration-only scene asked "What do you say?" with the
        person's name dropped, as if the trainee were talking to no one (trainee playtest 35).
        """
        for name in reversed(self.state.path or (self.state.scene,)):  # scenes entered, in order
            seen = self.scenario.scenes.get(name)  # a run's start (--start) may name its own
            person = self.scenario.characters.get(seen.speaker or "") if seen else None
            if person is not None:
                return person.name
        return ""

    @property
    def can_undo(self) -> bool:
        return bool(self.state.decisions)

    # -- moving -----------------------------------------------------------
    def choose(self, number: int, words: str = "") -> State:
        state = choose_from(self.scenario, self.state, self._offers_now(), number, words)
        self.states.append(state)
        return self.state

    def advance(self) -> State:
        self.states.append(advance(self.scenario, self.state))
        return self.state

    def settle(self) -> State:
        """Follow `next` until a choice or an ending; a `next` loop is an error, not a hang."""
        # Going on with next changes only which scenes were seen, so meeting the
        # same scene with as many scenes seen as before means a loop.
        # The scenes seen are counted here as they grow, not rebuilt from the path at each
        # step: a chain of 3,000 `next` scenes took minutes to settle.
        # (The set is made only when there is a `next` to follow: at a choice, nearly every
        # step, it was a set of the whole path, longer at each step of a long run.)
        seen: set[tuple[str, int]] = set()
        visited: set[str] | None = None
        while not (self.over or self.waits_for_choice or self.stuck):
            if visited is None:
                visited = set(self.state.path)
            here = (self.state.scene, len(visited))
            if here in seen:
                break
            seen.add(here)
            self.advance()
            visited.update(self.state.path[-1:])
        else:
            return self.state
        raise EngineError(f"scenes keep going on with next in a loop (at '{self.state.scene}')")

    def undo(self) -> State:
        """Back to the moment the last choice was offered."""
        if not self.can_undo:
            raise EngineError("nothing to undo yet")
        target = len(self.state.decisions) - 1
        while len(self.states) > 1 and len(self.states[-1].decisions) > target:
            self.states.pop()
        return self.state

    def restart(self) -> State:
        del self.states[1:]
        return self.state

    # -- records ----------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """The run as a record: the start, the choices by id and by their words.

        Ids and words both, so `replay` can follow a line whose id moved in an
        edited file; the digest says whether the file changed at all.
        """
        first = self.states[0]
        data: dict[str, Any] = {
            "run_format": RUN_FORMAT,
            "scenario": self.scenario.id,
            "digest": digest(self.scenario),
            "start": {
                "scene": first.scene,
                "trust": first.trust,
                "empowerment": first.empowerment,
                "flags": sorted(first.flags),
            },
            "choices": [d.choice_id for d in self.state.decisions],
            # The lines as said, so a replay on an edited file can match a line
            # whose id moved and say when a kept line now reads differently.
            "said": [
                self.scenario.scenes[d.scene].choices[d.index].say for d in self.state.decisions
            ],
        }
        if self.own_words or any(d.words for d in self.state.decisions):
            # Own-words practice: what the trainee typed at each decision ("" for none).
            data["own_words"] = True
            data["words"] = [d.words for d in self.state.decisions]
        return data

    @classmethod
    def replay(
        cls,
        scenario: Scenario,
        data: dict[str, Any],
        partial: bool = False,
        before: Scenario | None = None,
    ) -> Run:
        """Play a recorded run again; say so when the scenario has changed since.

        With `partial`, a choice that no longer fits stops the replay there
        instead of failing (live reload keeps the part of the path still valid),
        and `replay_note` says where it stopped; `before`, the version the run was
        played on (a live reload has it), tells a deleted line from a moved one.
        See `sim.run_replay`.
        """
        from sim.run_replay import replay  # it imports this module: only when a record is read

        return replay(cls, scenario, data, partial, before)
