"""A choice or `next` that goes straight to an ending whose `when` does not hold there.

An ending's `when` is read only by "@outcome". A `goto` (or `next`) naming the
ending takes it whatever the meters, so a strong ending guarded with
`min_empowerment = 45` can be reached with empowerment 17, and nothing else in
`check` says so: the author believed the `when` applied. This finds a run
where it does not, played by the real engine so its path replays exactly.

A warning, not an error: a direct way to an ending may be meant (a walk-out that
ends the talk at any trust); the hint says how to make either intent explicit.
The engine search runs only for a way where the explorer's meter pairs say a
failure is possible (none of the bundled scenarios has such a way). It stops
after `MAX_SEARCH` states; a way it has not settled by then gets its own
warning, `ending-when-unchecked`, which says the search stopped rather than
claiming a failure it has not found (silence would read as "checked, fine").
"""

from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from sim import engine
from sim.authoring import meters
from sim.authoring.replays import choices_option

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sim.authoring.exploration import Exploration
    from sim.loading.where import Where
    from sim.model import Clause, Condition, Scenario
    from sim.problems import Problem

MAX_SEARCH = 20_000  # engine states visited before the search gives up

Way = tuple[str, int]  # (scene, choice index), or (scene, -1 - branch) for a branch of next


def _ways(scenario: Scenario) -> dict[Way, str]:
    """Every choice and branch of next naming an ending that has a `when`, with that ending."""
    ways: dict[Way, str] = {}
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            if c.goto in scenario.endings and scenario.endings[c.goto].when is not None:
                ways[(sid, i)] = c.goto
        for b, step in enumerate(scene.steps()):
            if step.goto in scenario.endings and scenario.endings[step.goto].when is not None:
                ways[(sid, -1 - b)] = step.goto
    return ways


def direct_scenes(scenario: Scenario) -> set[str]:
    """The scenes whose meter pairs the explorer should keep for `straight_problems`."""
    return {sid for sid, _index in _ways(scenario)}


def straight_problems(scenario: Scenario, found: Exploration, where: Where) -> list[Problem]:
    ways = {way: e for way, e in _ways(scenario).items() if _may_fail(scenario, found, way, e)}
    if not ways:
        return []
    failures, finished = _failures(scenario, ways)
    out = [] if finished else _unsettled(scenario, ways, failures, where)
    for (sid, index), (numbers, state) in sorted(failures.items(), key=str):
        target = ways[(sid, index)]
        when = scenario.endings[target].when
        assert when is not None
        loc, here, own = _way_at(scenario, sid, index)
        parts = _needed(when, state, _held(scenario, found, (sid, index), when))
        needed = ", ".join(text for _key, text in parts)
        if index < 0 and isinstance(scenario.scenes[sid].next, str):
            guard = (
                f"make next a list whose first branch has that when: next = [ {{ when = "
                f'{{ {needed} }}, goto = "{target}" }}, {{ goto = "@outcome" }} ]'
            )
        elif own is None:
            guard = f"give {here} when = {{ {needed} }}"
        elif any(getattr(own, key) for key, _text in parts):
            guard = f"make the when of {here} also require {needed}"  # a key it already has
        else:
            guard = f"add {needed} to the when of {here}"
        path = choices_option(numbers) if numbers else "the opening"
        out.append(
            where.problem(
                loc,
                f"this goes straight to ending '{target}', whose when does not hold on every "
                f"way here ({path} arrives with {_unmet(when, state)}): an ending's when is read "
                'only by "@outcome", so the ending is taken anyway',
                f"to let the meters decide, go to \"@outcome\"; to take '{target}' only when its "
                f"when holds, {guard}",
                severity="warning",
                code="ending-when-skipped",
            )
        )
    return out


def _way_at(
    scenario: Scenario, sid: str, index: int
) -> tuple[tuple[object, ...], str, Condition | None]:
    """A way's key path, its name in a hint, and its own `when`."""
    scene = scenario.scenes[sid]
    if index >= 0:
        return ("scenes", sid, "choices", index, "goto"), "this choice", scene.choices[index].when
    step = scene.steps()[-1 - index]
    if isinstance(scene.next, str):
        # `next = "an-ending"`: no branch to point at, and no when to give it
        return ("scenes", sid, "next"), "a branch of next made a list", step.when
    return ("scenes", sid, "next", -1 - index, "goto"), "this branch", step.when


def _unsettled(
    scenario: Scenario, ways: dict[Way, str], failures: dict, where: Where
) -> list[Problem]:
    """The ways the search stopped before settling: neither a failing path found nor every
    state seen."""
    out = []
    for sid, index in sorted(set(ways) - set(failures), key=str):
        target = ways[(sid, index)]
        loc, here, _own = _way_at(scenario, sid, index)
        out.append(
            where.problem(
                loc,
                f"this goes straight to ending '{target}', which has a when; check stopped "
                f"looking after {MAX_SEARCH:,} states without settling whether that when holds "
                'on every way here (an ending\'s when is read only by "@outcome")',
                f"to let the meters decide, go to \"@outcome\"; to take '{target}' only when its "
                f"when holds, give {here} the same conditions as the ending's when",
                severity="warning",
                code="ending-when-unchecked",
            )
        )
    return out


def _may_fail(scenario: Scenario, found: Exploration, way: Way, target: str) -> bool:
    """Whether the ending's `when` can fail on this way, judged on the meter pairs the
    explorer saw at the scene (exact for a `when` on meters alone, the common case), so the
    engine search runs only where a failure is possible."""
    when = scenario.endings[target].when
    assert when is not None
    if when.flags or when.not_flags or when.visited or when.not_visited or when.any:
        return True
    rect = meters.rect(when.min_trust, when.max_trust, when.min_empowerment, when.max_empowerment)
    return bool(_arriving(scenario, found, way) & ~rect)


def _arriving(scenario: Scenario, found: Exploration, way: Way) -> int:
    """The meter pairs the explorer saw arrive by this way, as `sim.authoring.meters` bits."""
    sid, index = way
    bits = found.scene_bits.get(sid, 0)
    _loc, _here, w = _way_at(scenario, sid, index)
    if w is not None:
        bits &= meters.rect(w.min_trust, w.max_trust, w.min_empowerment, w.max_empowerment)
    if index >= 0:
        c = scenario.scenes[sid].choices[index]
        bits = meters.shift(bits, c.trust, c.empowerment)
    return bits


def _held(scenario: Scenario, found: Exploration, way: Way, when: Condition) -> set[str]:
    """The parts of `when` that hold on every arrival by this way, so a hint need not ask for
    them: a meter bound every arriving pair meets, a flag or scene the way's own when asks
    for, a flag the choice itself sets or clears, the scene itself as visited. Meters are
    named by their key, the others as "flags:x"."""
    sid, index = way
    bits = _arriving(scenario, found, way)
    held = {
        key
        for key, bound in (
            ("min_trust", meters.rect(when.min_trust, None, None, None)),
            ("max_trust", meters.rect(None, when.max_trust, None, None)),
            ("min_empowerment", meters.rect(None, None, when.min_empowerment, None)),
            ("max_empowerment", meters.rect(None, None, None, when.max_empowerment)),
        )
        if not bits & ~bound
    }
    _loc, _here, own = _way_at(scenario, sid, index)
    if own is not None:  # what the way's own when asks already holds on arrival
        for key in ("flags", "not_flags", "visited", "not_visited"):
            held |= {f"{key}:{n}" for n in getattr(own, key)}
    if index >= 0:  # unless the choice itself changes it
        c = scenario.scenes[sid].choices[index]
        held -= {f"flags:{n}" for n in c.clears} | {f"not_flags:{n}" for n in c.sets}
        held |= {f"flags:{n}" for n in c.sets} | {f"not_flags:{n}" for n in c.clears}
    return held | {f"visited:{sid}"}


def _failures(
    scenario: Scenario, ways: dict[Way, str]
) -> tuple[dict[Way, tuple[tuple[int, ...], engine.State]], bool]:
    """For each way, the shortest path (offered numbers) that takes it where its ending's
    `when` fails, and the state it arrives with; and whether the search settled every way
    (each found, or every state seen) rather than stopping at `MAX_SEARCH`."""
    found: dict[Way, tuple[tuple[int, ...], engine.State]] = {}

    def look(states: list[engine.State], numbers: tuple[int, ...]) -> None:
        # branches of next: the state at the scene, just before it goes on
        for s in states:
            if s.over or scenario.scenes[s.scene].next is None:
                continue
            steps = scenario.scenes[s.scene].steps()
            taken = engine.first_holding(steps, s)
            way = (s.scene, -1 - steps.index(taken)) if taken is not None else None
            if way in ways and way not in found and _fails(scenario, ways[way], s):
                found[way] = (numbers, s)

    run = engine.Run.begin(scenario)
    try:
        run.settle()
    except engine.EngineError:
        return found, True
    look(run.states, ())
    if run.over or run.stuck:
        return found, True
    queue = deque([(run.state, ())])
    seen = {_key(run.state)}
    while queue and len(seen) < MAX_SEARCH and len(found) < len(ways):
        state, numbers = queue.popleft()
        for o in engine.offers(scenario, state):
            after = engine.choose(scenario, state, o.number)
            path = numbers + (o.number,)
            way = (state.scene, o.index)
            if way in ways and way not in found and _fails(scenario, ways[way], after):
                found[way] = (path, after)
            step = engine.Run(scenario, [after])
            try:
                step.settle()
            except engine.EngineError:
                continue
            look(step.states, path)
            if step.over or step.stuck or _key(step.state) in seen:
                continue
            seen.add(_key(step.state))
            queue.append((step.state, path))
    return found, not queue or len(found) == len(ways)


def _fails(scenario: Scenario, target: str, state: engine.State) -> bool:
    """The ending is taken as written (no critical slip redirects it) and its when fails."""
    when = scenario.endings[target].when
    return (
        when is not None
        and engine.within(scenario, target, state.cap)
        and not when.holds(state.trust, state.empowerment, state.flags, state.visited)
    )


def _unmet(when: Condition, s: engine.State) -> str:
    """The arriving state, in the words of the `when` it fails: 'empowerment 17 (min_empowerment
    = 45)'."""
    parts = []
    for key, value, have in (
        ("min_trust", when.min_trust, s.trust),
        ("max_trust", when.max_trust, s.trust),
        ("min_empowerment", when.min_empowerment, s.empowerment),
        ("max_empowerment", when.max_empowerment, s.empowerment),
    ):
        if value is not None and (have < value if key.startswith("min") else have > value):
            parts.append(f"{key.split('_')[1]} {have} ({key} = {value})")
    parts += [f"'{f}' not set (flags)" for f in when.flags if f not in s.flags]
    parts += [f"'{f}' set (not_flags)" for f in when.not_flags if f in s.flags]
    parts += [f"'{v}' not seen (visited)" for v in when.visited if v not in s.visited]
    parts += [f"'{v}' seen (not_visited)" for v in when.not_visited if v in s.visited]
    if not parts:
        parts.append("none of its any alternatives holding")
    return ", ".join(parts)


def _needed(when: Condition, s: engine.State, held: set[str]) -> list[tuple[str, str]]:
    """The parts of `when` a guard on the way must ask for, each as (key, TOML to add to
    another when): every part failing on the example path `s`, and every other part not
    known to hold on each way there (another path may fail it; asking for a part that holds
    costs nothing, leaving out one that fails keeps the warning)."""
    parts = [
        (key, f"{key} = {value}")
        for key, value, have in (
            ("min_trust", when.min_trust, s.trust),
            ("max_trust", when.max_trust, s.trust),
            ("min_empowerment", when.min_empowerment, s.empowerment),
            ("max_empowerment", when.max_empowerment, s.empowerment),
        )
        if value is not None
        and ((have < value if key.startswith("min") else have > value) or key not in held)
    ]
    for key, names in (
        ("flags", when.flags),
        ("not_flags", when.not_flags),
        ("visited", when.visited),
        ("not_visited", when.not_visited),
    ):
        asked = [n for n in names if f"{key}:{n}" not in held]
        if asked:
            parts.append((key, f"{key} = {_listed(asked)}"))
    if when.any:
        parts.append(("any", f"any = [ {', '.join(_clause_toml(c) for c in when.any)} ]"))
    return parts


def _listed(names: Iterable[str]) -> str:
    """Names as a TOML list: ["a", "b"] (ids hold no quote, so none needs escaping)."""
    return "[" + ", ".join(f'"{n}"' for n in names) + "]"


def _clause_toml(clause: Clause) -> str:
    """One alternative of an `any`, as an author writes it: `{ flags = ["x"] }`."""
    keys = [
        f"{key} = {getattr(clause, key)}"
        for key in ("min_trust", "max_trust", "min_empowerment", "max_empowerment")
        if getattr(clause, key) is not None
    ]
    keys += [
        f"{key} = {_listed(getattr(clause, key))}"
        for key in ("flags", "not_flags", "visited", "not_visited")
        if getattr(clause, key)
    ]
    return "{ " + ", ".join(keys) + " }"


def _key(state: engine.State) -> tuple:
    return (state.scene, state.trust, state.empowerment, state.flags, state.visited, state.cap)
