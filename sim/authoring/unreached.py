"""Why an ending is never reached, in the author's terms: the hint of `unreachable-ending`.

"No path reaches it" is the symptom; the cause is one of a few, tried in order: the
ways that name it come with a critical slip whose cap redirects them; its `when`
tests a flag no choice sets; only runs holding a slip would meet it; a part of its
`when` never holds where `"@outcome"` is reached (counting only runs a cap leaves
it open to); an earlier ending always takes those runs first; or its parts hold
only apart (then the meters on the ways that meet its flags are given). Apart from
`sim.authoring.lint`, which lists the problems, as the reasons grew (author test 9).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sim.authoring.conditions import Test
from sim.authoring.explore import PICKS, explore
from sim.authoring.never import (
    NEVER_OFFERED,
    NEVER_REACHED,
    failing_parts,
    meter_parts,
    ranges_text,
    side_by_side,
    unset_hint,
)
from sim.authoring.shape import CAP_FLAG, cap_of
from sim.engine import OUTCOME, OUTCOME_RANK, choice_id

if TYPE_CHECKING:
    from sim.authoring.exploration import Exploration
    from sim.model import Clause, Scenario

RANK = OUTCOME_RANK


def ending_hint(
    scenario: Scenario, found: Exploration, eid: str, direct: set[str], flags_set: set[str]
) -> str:
    """The hint for an ending no path reaches; `direct` holds every goto and next target."""
    ending = scenario.endings[eid]
    unset = [f for f in ending.when.flags if f not in flags_set] if ending.when else []
    if eid in direct:
        return _slipped_away(scenario, found, eid) or (
            "the choices that go here are never reached or never offered"
        )
    if OUTCOME in direct and unset:
        return unset_hint(unset[0], flags_set, scenario.scenes)
    if OUTCOME in direct and (capped := _kept_by_cap(scenario, found, eid)) is not None:
        return capped
    if OUTCOME in direct and found.outcome_bits:
        return _outcome_misses(scenario, found, eid)
    if OUTCOME in direct:
        return 'no path reaches "@outcome"'
    return f'add a choice with goto = "{eid}" or "@outcome"'


def _outcome_misses(scenario: Scenario, whole: Exploration, eid: str) -> str:
    """Why "@outcome" never picks an ending: a part of its `when` that never holds there,
    else the earlier ending that takes its states first, else the parts that hold only
    apart (with the meters on the ways that meet the rest of it).

    Runs a critical slip's cap keeps from this ending are left out of the figures:
    the secrecy promise that lifts trust to 60 says nothing about a strong ending.
    """
    ending = scenario.endings[eid]
    when = ending.when
    rank = RANK[ending.outcome]
    bits = whole.outcome_bits
    # One search for every ending no path reaches: a file with many of them searched
    # once per ending, and again per ending above each one (_taken_first).
    if whole.picks is None:
        whole.picks = explore(scenario, whole.bound, collect={OUTCOME, PICKS}, texts=False)
    found = whole.picks
    arrivals = found.arrivals.get(OUTCOME, {})
    open_ = {at: b for at, b in arrivals.items() if cap_of(at[0]) >= rank}
    mine = 0
    for b in open_.values():
        mine |= b
    if mine and mine != bits:
        reach = (
            f'"@outcome" is reached with {ranges_text(mine)} in runs no critical slip keeps '
            f"from a {ending.outcome} ending"
        )
    else:
        open_, mine = (open_, mine) if mine else (arrivals, bits)
        reach = f'"@outcome" is reached with {ranges_text(bits)}'
    if when is None:
        # No when of its own to change: the endings above it take every run first.
        earlier = _takers(scenario, eid, arrivals)
        if not earlier:
            return f"{reach}; change the when of an ending above it"
        # Runs the nearest of them gives up fall to the endings below it, this one among
        # them: that is the when to narrow (the others already pass those runs on).
        last = earlier[-1]
        rest = ", ".join(f"'{n}'" for n in earlier[:-1])
        others = f" (every run that {rest} does not take)" if rest else ""
        return (
            f"{reach}, and ending '{last}', written above it, takes every one of those runs"
            f"{others}, so this ending, with no when, gets none; narrow the when of '{last}' "
            "so that the runs that should end here miss it"
        )
    numbers = meter_parts(when, mine)
    parts = failing_parts(scenario, when, open_, offered=found.offered)
    if parts:
        change = "change the numbers" if parts == numbers else "change its when"
        if any(NEVER_OFFERED in part for part in parts):
            change = "fix that when first"
        elif any(NEVER_REACHED in part for part in parts):
            change = "fix the error at that scene first"
        return f"{reach}, and {'; '.join(parts)}; {change}"
    first = _taken_first(scenario, found, eid)
    if first:
        return (
            f"{reach}; this ending's when holds on some of those ways, but ending '{first}', "
            f"written before it, always takes them first (put '{eid}' before '{first}', or "
            f"narrow the when of '{first}')"
        )
    return f"{reach}, but {_together(scenario, when, open_)}"


def _takers(scenario: Scenario, eid: str, arrivals: dict) -> list[str]:
    """The endings above `eid` that "@outcome" picks for some of these arrivals, in file
    order, as the engine picks: the first whose `when` holds, past any a slip's cap rules out."""
    names = list(scenario.endings)
    tests = [(n, Test.of(scenario.endings[n].when)) for n in names[: names.index(eid)]]
    takers: set[str] = set()
    for at, bits in arrivals.items():
        flags, visited = at
        cap = cap_of(flags)
        for name, test in tests:
            if not bits:
                break
            if RANK[scenario.endings[name].outcome] > cap:
                continue
            taken = bits if test is None else test.filter(bits, flags, visited)
            if taken:
                takers.add(name)
                bits &= ~taken
    return [n for n in names if n in takers]


def _together(scenario: Scenario, when: Clause, arrivals: dict) -> str:
    """Every part of `when` holds on some way to "@outcome", never all at once: say where
    the rest of it holds, and what the meters are there."""
    rest = replace(Test.of(when), mask=None, limits=(0, 100, 0, 100))
    met = 0
    for (flags, visited), b in arrivals.items():
        met |= rest.filter(b, flags, visited)
    named = _gates(when)
    if not named or not met:
        pair = side_by_side(scenario, when)
        return "each part of its when holds on some way there, never all at once; " + (
            pair or "change its when"
        )
    numbers = meter_parts(when, met, where="then")
    also = "; ".join(numbers) if numbers else f"{_bounds(when)} never hold at once there"
    return f"with {named}, it is reached with {ranges_text(met)}, and {also}; change the numbers"


def _gates(when: Clause) -> str:
    """The flag and scene part of a `when`, in words ("the flags 'a' and 'b' set, ...")."""
    parts = []
    for names, kind, how in (
        (when.flags, "flag", "set"),
        (when.not_flags, "flag", "not set"),
        (when.visited, "scene", "seen"),
        (when.not_visited, "scene", "not seen"),
    ):
        if names:
            quoted = [f"'{n}'" for n in names]
            listed = (
                quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " and " + quoted[-1]
            )
            parts.append(f"the {kind}{'s' if len(names) > 1 else ''} {listed} {how}")
    if getattr(when, "any", ()):
        parts.append("an entry of its any holding")
    return ", ".join(parts)


def _bounds(when: Clause) -> str:
    """Its meter bounds as written ("min_trust = 49 and min_empowerment = 50")."""
    keys = ("min_trust", "max_trust", "min_empowerment", "max_empowerment")
    return " and ".join(f"{k} = {getattr(when, k)}" for k in keys if getattr(when, k) is not None)


def _taken_first(scenario: Scenario, found: Exploration, eid: str) -> str | None:
    """The earlier ending nearest `eid` that, once `eid` is moved above it, no longer
    takes every state `eid` would have; None if moving `eid` first reaches it nowhere.

    A condition can hold only on some ways (flags, scenes seen), which the meter
    ranges alone cannot say, so each order is judged on every set of states "@outcome"
    picks for (`found` collected explore.PICKS). The order of the endings changes
    only that pick, never where a run goes, so this is what exploring the file with
    the endings reordered answers (as it did, once per order: hundreds of searches
    for a file with a dozen such endings), from one search.
    """
    shape = found.shape
    tests = dict(shape.endings)
    # The pick reads only the flags and scenes the endings' whens name, and a slip's
    # cap: states alike in those are judged together (a hub of 14 topics has 16,384
    # ways to "@outcome", all alike to endings that read only the meters).
    f_read, v_read = set(CAP_FLAG.values()), set()
    for test in tests.values():
        if test is not None:
            f, v = test.names
            f_read |= f
            v_read |= v
    picks: dict[tuple[frozenset[str], frozenset[str]], int] = {}
    for (flags, visited), bits in found.arrivals.get(PICKS, {}).items():
        at = (flags & f_read, visited & v_read)
        picks[at] = picks.get(at, 0) | bits
    names = list(scenario.endings)
    at = names.index(eid)
    for before in range(at - 1, -1, -1):
        order = names[:before] + [eid] + [n for n in names[before:] if n != eid]
        trial = replace(shape, endings=[(n, tests[n]) for n in order])
        for (flags, visited), bits in picks.items():
            if any(e == eid for e, _ in trial.outcome(bits, flags, visited)):
                return names[before]
    return None


def _slipped_away(scenario: Scenario, found: Exploration, eid: str) -> str | None:
    """Why an ending named by choices that are taken is still never reached; None if not that.

    A choice (or `next`) that goes straight here after a critical slip is
    redirected by the slip's cap; when those are the only ways here that are
    taken, "never reached or never offered" would be wrong: they are both.
    """
    ways: list[str] = []
    cap = 0
    for (sid, index), (target, flags) in sorted(found.cap_breaks.items(), key=str):
        if target != eid:
            continue
        if index >= 0:
            ways.append(choice_id(sid, index, scenario.scenes[sid].choices[index]))
        else:
            ways.append(f"the next of '{sid}'")
        cap = max(cap, cap_of(flags))
    if not ways:
        return None
    outcome = scenario.endings[eid].outcome
    allowed = next(name for name, rank in RANK.items() if rank == cap)
    return (
        f"the ways here that are taken ({', '.join(ways)}) come with a critical slip, whose cap "
        f'rules out a {outcome} ending, so the game ends those runs by "@outcome" instead; give '
        f'this ending an outcome the cap allows (outcome = "{allowed}"), or lead runs without a '
        "slip here too"
    )


def _kept_by_cap(scenario: Scenario, found: Exploration, eid: str) -> str | None:
    """Why a critical slip's cap, not the numbers, keeps an ending away; None if not.

    An ending whose `when` holds only in runs holding a critical slip (it needs
    a flag only a slip sets, say) is passed over in every one of them; telling
    the author to "change the numbers" would send them the wrong way.
    """
    shape = found.shape
    if not shape.capped or RANK[scenario.endings[eid].outcome] == 0:
        return None
    if found.uncapped is None:
        found.uncapped = explore(scenario, found.bound, caps=False, texts=False)
    if not found.uncapped.endings.get(eid):
        return None
    outcome = scenario.endings[eid].outcome
    when = scenario.endings[eid].when
    slip_flags: set[str] = set()
    plain_flags: set[str] = set()
    for scene in scenario.scenes.values():
        for c in scene.choices:
            (slip_flags if c.critical else plain_flags).update(c.sets)
    only = [f for f in (when.flags if when else ()) if f in slip_flags - plain_flags]
    because = (
        f"its when needs the flag '{only[0]}', which only critical slips set"
        if only
        else "the only runs that would end here hold a critical slip"
    )
    return (
        f"{because}, and a critical slip's cap rules out a {outcome} ending; "
        "change its when so that runs without a critical slip can meet it"
    )
