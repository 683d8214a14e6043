"""Why a condition never holds where it is judged, in the author's terms.

"Its when never holds, or an earlier branch goes first; check the flags and
numbers" leaves the author to redo the checker's work. The explorer knows the
states that arrive (`Exploration.arrivals`: live flags, scenes seen, meter
pairs), so each part of the condition can be tried alone: the flag that is
never set by then (and which choices set it), the scene never seen first, the
bound the meters never reach. When the whole condition does hold on some way
there, the cause is an earlier variant or branch, and the caller says which.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import TYPE_CHECKING

from sim.authoring import meters
from sim.authoring.conditions import Test
from sim.engine import choice_id
from sim.problems import did_you_mean

if TYPE_CHECKING:
    from sim.model import Clause, Scenario

Arrivals = dict[tuple[frozenset[str], frozenset[str]], int]

# Said of a flag whose only setters are never offered: the fix is at their when.
NEVER_OFFERED = "never offered: "
# Said of a flag whose only setters stand in scenes no run reaches: the fix is there.
NEVER_REACHED = "never reached (an error of its own)"


def unset_hint(flag: str, flags_set: Iterable[str], scenes: Collection[str] = ()) -> str:
    """A condition on a flag no choice sets: a scene of that name, the near spelling, or
    how to set it. `flags = ["after-hurt"]` written for the scene 'after-hurt' was told to
    set a flag of that name on a choice: the scene is what the author meant to test."""
    if flag in scenes:
        return (
            f"no choice sets the flag '{flag}', but '{flag}' is a scene: flags tests flags "
            f"that choices set, visited the scenes seen so far: to test that '{flag}' was "
            f'seen, move it from flags to visited = ["{flag}"]'
        )
    close = did_you_mean(flag, flags_set)
    return f"no choice sets the flag '{flag}'; " + (
        close or f'set it on a choice with sets = ["{flag}"], or take it out of this when'
    )


def holds_on_arrival(test: Test, arrivals: Arrivals) -> bool:
    """Whether the whole condition holds in some state that arrives."""
    return any(test.filter(bits, f, v) for (f, v), bits in arrivals.items())


def setters(scenario: Scenario, flag: str) -> list[str]:
    """The ids of the choices that set `flag`, in file order."""
    return [
        choice_id(sid, i, c)
        for sid, scene in scenario.scenes.items()
        for i, c in enumerate(scene.choices)
        if flag in c.sets
    ]


def setter_places(scenario: Scenario, flag: str) -> list[tuple[str, int]]:
    """(scene, index) of the choices that set `flag`, as the explorer's `offered` holds them."""
    return [
        (sid, i)
        for sid, scene in scenario.scenes.items()
        for i, c in enumerate(scene.choices)
        if flag in c.sets
    ]


def failing_parts(
    scenario: Scenario,
    cond: Clause,
    arrivals: Arrivals,
    ends: str | None = None,
    offered: Collection[tuple[str, int]] | None = None,
    here: str | None = None,
) -> list[str]:
    """Each part of `cond` that holds in none of `arrivals` (at one scene), in words.

    Empty when every part holds on some way there (then only their
    combination fails: the caller says so with the meter ranges). `ends` ("ends at
    'steps'") words it for the final states of runs instead of a scene's arrivals.
    `offered` (the explorer's (scene, index) of every choice ever offered) lets a flag
    whose only setters are never offered say so: "no run that takes it gets here" sends
    the author down the path, when the setter's own when is the cause. `here` is the
    scene whose choice the condition is (it counts as seen while shown).
    """
    on_way = "on the way here" if ends is None else f"in a run that {ends}"
    gets = "gets here" if ends is None else ends
    by_then = (
        "by the time the conversation gets here" if ends is None else f"in every run that {ends}"
    )
    out: list[str] = []
    states = list(arrivals)
    for flag in cond.flags:
        if not any(flag in f for f, _v in states):
            by = setters(scenario, flag)
            if not by:
                flags_set = {
                    x for sc in scenario.scenes.values() for c in sc.choices for x in c.sets
                }
                out.append(unset_hint(flag, flags_set, scenario.scenes))
                continue
            one = len(by) == 1
            places = setter_places(scenario, flag)
            if offered is not None and not any(at in offered for at in places):
                # A setter in a scene no run reaches (after a misspelt branch, say) was
                # said to be "taken by no run that ends here", or told its own when never
                # holds: the scene is the cause, and `check` names it (author44).
                lost = sorted({sid for sid, _i in places})
                if not any(sid == s for s, _j in offered for sid in lost):
                    scenes = " and ".join(f"'{sid}'" for sid in lost)
                    out.append(
                        f"the flag '{flag}' is never set {on_way}: only {', '.join(by)} "
                        f"{'sets' if one else 'set'} it, and "
                        f"{'its scene' if len(lost) == 1 else 'their scenes'} {scenes} "
                        f"{'is' if len(lost) == 1 else 'are'} {NEVER_REACHED}"
                    )
                    continue
                out.append(
                    f"the flag '{flag}' is never set {on_way}: only {', '.join(by)} "
                    f"{'sets' if one else 'set'} it, and {'that choice is' if one else 'those are'} "
                    f"{NEVER_OFFERED}{'its' if one else 'their'} own when never holds "
                    "(an error of its own)"
                )
                continue
            out.append(
                f"the flag '{flag}' is never set {on_way}: only {', '.join(by)} "
                f"{'sets' if one else 'set'} it, and no run that takes {'it' if one else 'one'} "
                f"{gets} with the flag still set"
            )
    for flag in cond.not_flags:
        if states and all(flag in f for f, _v in states):
            out.append(f"the flag '{flag}' is always set {by_then}")
    for sid in cond.visited:
        if not any(sid in v for _f, v in states):
            out.append(f"scene '{sid}' is never seen {on_way}")
    for sid in cond.not_visited:
        if sid == here:
            # `not_visited = ["support"]` on a choice in 'support' (author37): "always seen
            # on the way here" sent the author looking for an earlier way through it
            out.append(
                f"'{sid}' is the scene this choice is offered in, and the scene being shown "
                f'counts as seen, so not_visited = ["{sid}"] never holds here'
            )
        elif states and all(sid in v for _f, v in states):
            out.append(f"scene '{sid}' is always seen {on_way.replace('in a run', 'in every run')}")
    if cond.any and not any(holds_on_arrival(Test.of(c), arrivals) for c in cond.any):
        out.append(f"no entry of its any = [...] ever holds {on_way}")
    bits = 0
    for b in arrivals.values():
        bits |= b
    out += meter_parts(cond, bits, "here" if ends is None else f"when a run {ends}")
    return out


def meter_parts(cond: Clause, bits: int, where: str = "here") -> list[str]:
    """The meter bounds of `cond` that no pair in `bits` meets, with the reach `where`."""
    found = meters.ranges(bits)
    if found is None:  # not reached at all: no bound fails, it is never tried
        return []
    (lo_t, hi_t), (lo_e, hi_e) = found
    out: list[str] = []
    for name, lo, hi in (("trust", lo_t, hi_t), ("empowerment", lo_e, hi_e)):
        least, most = getattr(cond, f"min_{name}"), getattr(cond, f"max_{name}")
        if least is not None and hi < least:
            out.append(f"min_{name} = {least}, but {name} is at most {hi} {where}")
        if most is not None and lo > most:
            out.append(f"max_{name} = {most}, but {name} is at least {lo} {where}")
    return out


def reads_meters(cond: Clause) -> bool:
    """Whether any clause of `cond` has a meter bound: only then do the meters a place is
    reached with belong in its hint (for flags and scenes alone they were noise beside
    the cause, author28)."""
    return any(
        getattr(c, f"{end}_{name}") is not None
        for c in (cond, *getattr(cond, "any", ()))
        for end in ("min", "max")
        for name in ("trust", "empowerment")
    )


def ranges_text(bits: int) -> str:
    """The meters a set of pairs spans, in words for a hint."""
    found = meters.ranges(bits)
    if found is None:
        return "no meter values at all (no run gets there)"
    (lo_t, hi_t), (lo_e, hi_e) = found
    return f"trust {lo_t}..{hi_t} and empowerment {lo_e}..{hi_e}"


def side_by_side(scenario: Scenario, cond: Clause) -> str:
    """Two flags of `cond` set only by different lines of one scene, as a hint, or "".

    A `when` that needs both is usually an "either" written as "both": the lines are
    offered side by side, so a run says one of them there. Said only where the checker
    has already found that the whole condition never holds.
    """
    where: dict[str, tuple[str, list[str]]] = {}
    for flag in cond.flags:
        places = {
            (sid, choice_id(sid, i, c))
            for sid, scene in scenario.scenes.items()
            for i, c in enumerate(scene.choices)
            if flag in c.sets
        }
        scenes = {sid for sid, _cid in places}
        if len(scenes) == 1:
            where[flag] = (scenes.pop(), sorted(cid for _sid, cid in places))
    flags = list(where)
    for n, first in enumerate(flags):
        for second in flags[n + 1 :]:
            (scene_a, by_a), (scene_b, by_b) = where[first], where[second]
            if scene_a == scene_b and not set(by_a) & set(by_b):
                either = f'any = [ {{ flags = ["{first}"] }}, {{ flags = ["{second}"] }} ]'
                how = (
                    f"write {either} in place of flags = [...]"
                    if set(cond.flags) == {first, second}
                    else f"take them out of flags and add {either}"
                )
                return (
                    f"'{first}' is set only by {', '.join(by_a)} and '{second}' only by "
                    f"{', '.join(by_b)}, lines offered side by side in scene '{scene_a}'; if "
                    f"either one should do, {how}"
                )
    return ""


def meters_with(cond: Clause, states: Arrivals, where: str) -> str:
    """A meter bound that the states with the rest of `cond` (its flags and scenes) never
    meet, said "{bound}, but trust is at most 64 {where} with the flag 'informant'", or "".

    A reflection for the line that costs trust, `{ flags = ["informant"], min_trust = 70 }`,
    was told "runs end with trust 0..78; check the flags, scenes and numbers it needs", and a
    choice with such a when "each part of it holds on some way here, but never all at
    once": trust reaches 78, but never with that flag (author44).
    """
    if not reads_meters(cond):
        return ""
    bits = 0
    for (flags, seen), b in states.items():
        if (
            set(cond.flags) <= flags
            and not set(cond.not_flags) & flags
            and set(cond.visited) <= seen
            and not set(cond.not_visited) & seen
        ):
            bits |= b
    said = [f"the flag '{f}'" for f in cond.flags] + [f"'{v}' seen" for v in cond.visited]
    if not bits or not said:
        return ""
    return "; ".join(meter_parts(cond, bits, f"{where} with {' and '.join(said)}"))
