"""Critical-slip checks for `peer-sim check`: a serious slip must never end well.

The engine already passes over endings better than a run's cap, so these are
the places where the file says something the engine has to overrule, or
cannot honour at all:

- `cap-break` (error): after a critical slip, a choice or `next` goes
  straight to an ending the slip rules out; the message names a path that
  does it, as numbers `peer-sim play --choices` replays;
- `cap-no-ending` (error): no ending is as modest as a slip's cap, so a run
  holding it has nowhere honest to end;
- `cap-only-poor` (warning): a slip capped at mixed (the default) where no
  ending is mixed, so its runs all end poor: a missing ending, most likely.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim import engine
from sim.authoring.exploration import Exploration
from sim.authoring.replays import choices_option
from sim.authoring.shape import RANK
from sim.authoring.slips import critical_ids_on, path_to

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem

WORDS = {0: "poor", 1: "mixed or poor", 2: "any"}


def cap_problems(scenario: Scenario, found: Exploration, where: Where) -> list[Problem]:
    out: list[Problem] = []
    if not found.shape.capped:  # no critical slip in the file: nothing to check
        return out
    ranks = {RANK[e.outcome] for e in scenario.endings.values()}
    only_poor: list[tuple[str, int, str | None]] = []
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            if not c.critical:
                continue
            cap = RANK[c.cap or "mixed"]
            if not any(r <= cap for r in ranks):
                out.append(
                    where.problem(
                        ("scenes", sid, "choices", i, "cap" if c.cap else "critical"),
                        f"this critical slip caps the outcome at {WORDS[cap]}, but no ending "
                        "is that modest, so a run that takes it has nowhere honest to end",
                        f'add an ending with outcome = "{c.cap or "mixed"}" for runs like this',
                        code="cap-no-ending",
                    )
                )
            elif cap == RANK["mixed"] and RANK["mixed"] not in ranks:
                # The default cap, written or not: the author meant "it can still end mixed".
                only_poor.append((sid, i, c.cap))
    if only_poor:
        out.append(_only_poor(scenario, only_poor, where))
    for (sid, index), (target, _flags) in sorted(found.cap_breaks.items(), key=str):
        outcome = scenario.endings[target].outcome
        itself = index >= 0 and scenario.scenes[sid].choices[index].critical
        numbers = path_to(scenario, sid, index, min_cap=RANK[outcome])
        how = ""
        slips: list[str] = []
        if numbers:
            slips = critical_ids_on(scenario, numbers)
            what = "the critical slip" if len(slips) == 1 else "the critical slips"
            how = f" (for example {choices_option(numbers)}, with {what} {', '.join(slips)})"
        loc = ("scenes", sid, "choices", index, "goto") if index >= 0 else None
        plain_next = index < 0 and isinstance(scenario.scenes[sid].next, str)
        if loc is None:
            # a next written as one name has no branch to point at, nor a when to give
            loc = (
                ("scenes", sid, "next")
                if plain_next
                else ("scenes", sid, "next", -1 - index, "goto")
            )
        if itself:
            message = (
                f"this critical slip goes straight to '{target}', a {outcome} ending it rules "
                f"out{how}; the game ends the run by '@outcome' among the endings its cap "
                "allows instead"
            )
            hint = 'go to "@outcome", or to a scene or ending no better than its cap'
        else:
            message = (
                f"after a critical slip this goes straight to '{target}', a {outcome} ending "
                f"the slip rules out{how}; the game ends such runs by '@outcome' among the "
                "endings the slip's cap allows instead"
            )
            before = _slips_before(scenario, found, sid, RANK[outcome])
            every = slips + [b for b in before if b not in slips]
            if plain_next:
                hint = 'go to "@outcome" or to a scene that handles the slip, or ' + _branches(
                    scenario, target, every
                )
            else:
                hint = 'go to "@outcome" or to a scene that handles the slip, or ' + _leave_out(
                    scenario, "this choice" if index >= 0 else "this branch", every
                )
        out.append(where.problem(loc, message, hint, code="cap-break"))
    return out


def _slips_before(scenario: Scenario, found: Exploration, sid: str, below: int) -> list[str]:
    """Every critical slip whose cap rules out an outcome of rank `below` and from which
    the scene graph leads to `sid`: the slips a `not_flags` here has to leave out.

    The example path names one slip; an author who followed a hint naming its flag
    alone met the same error again for the next slip (author test 10).
    """
    succ = found.shape.succ
    out = []
    for scene_id, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            if not c.critical or RANK[c.cap or "mixed"] >= below:
                continue
            seen, todo = set(), [c.goto]
            while todo:
                at = todo.pop()
                if at in seen or at not in succ:
                    continue
                seen.add(at)
                todo.extend(succ[at])
            if sid in seen:
                out.append(engine.choice_id(scene_id, i, c))
    return out


def _branches(scenario: Scenario, target: str, slips: list[str]) -> str:
    """`next = "an-ending"` after a slip: the branches that keep the slip's runs off it.

    A plain next has no when to add a `not_flags` to; the hint writes the list of
    branches, the first for runs without the slip, the fallback by "@outcome".
    """
    flags, flagless = _flags_of(scenario, slips)
    names = ", ".join(f'"{f}"' for f in flags) if flags else '"..."'
    written = (
        f"make next a list whose first branch leaves the slip out: next = [ {{ when = "
        f'{{ not_flags = [{names}] }}, goto = "{target}" }}, {{ goto = "@outcome" }} ]'
    )
    if flagless:
        sets = "sets" if len(flagless) == 1 else "set"
        written += (
            f' ({", ".join(flagless)} {sets} no flag yet: add sets = ["..."] to '
            + ("it" if len(flagless) == 1 else "each")
            + " and list that flag)"
        )
    return written


def _flags_of(scenario: Scenario, slips: list[str]) -> tuple[list[str], list[str]]:
    """A flag for each slip to leave out (one only slips set, where there is one), and the
    slips that set no flag at all."""
    chosen = {
        engine.choice_id(sid, i, c): c
        for sid, scene in scenario.scenes.items()
        for i, c in enumerate(scene.choices)
    }
    good = {f for c in chosen.values() if not c.critical for f in c.sets}
    flags: list[str] = []
    flagless: list[str] = []
    for slip in slips:
        c = chosen.get(slip)
        if c is None:
            continue
        own = [f for f in c.sets if f not in good] or list(c.sets)
        if not own:
            flagless.append(slip)
        elif not set(own) & set(flags):
            flags.append(own[0])
    return flags, flagless


def _leave_out(scenario: Scenario, here: str, slips: list[str]) -> str:
    """How to keep the slips' runs off this way: a `not_flags` on a flag each slip sets.

    A flag only critical slips set is named first: a `not_flags` on a flag a good
    line also sets would shut out runs that never slipped. When a slip sets no flag
    yet, the hint says to give it one: a `not_flags` on a flag nothing sets would
    change nothing.
    """
    flags, flagless = _flags_of(scenario, slips)
    which = "the slip" if len(slips) == 1 else "the slips"
    if flags:
        listed = ", ".join(f'"{f}"' for f in flags)
        more = (
            f"; {', '.join(flagless)} {'sets' if len(flagless) == 1 else 'set'} no flag yet: "
            'add sets = ["..."] to '
            + ("it" if len(flagless) == 1 else "each")
            + " and list that flag too"
            if flagless
            else ""
        )
        return f"give {here} a when that leaves {which} out: not_flags = [{listed}]{more}"
    if len(flagless) == 1:
        return (
            f"give {here} a when that leaves the slip out: the slip {slips[0]} sets no flag "
            'yet, so add sets = ["..."] to it and not_flags = ["..."] to the when here'
        )
    return f"give {here} a when that leaves {which} out (not_flags on a flag each slip sets)"


def _only_poor(
    scenario: Scenario, slips: list[tuple[str, int, str | None]], where: Where
) -> Problem:
    """One warning for every slip capped at mixed in a file with no mixed ending (the fix,
    an ending, is one), placed at the first and naming the others."""
    sid, i, cap = slips[0]
    ids = [engine.choice_id(s, n, scenario.scenes[s].choices[n]) for s, n, _cap in slips]
    which = (
        "this critical slip caps"
        if len(ids) == 1
        else (f"this critical slip and {len(ids) - 1} more ({', '.join(ids[1:])}) cap")
    )
    return where.problem(
        ("scenes", sid, "choices", i, "cap" if cap else "critical"),
        f"{which} the outcome at mixed, but no ending is mixed, so every run that takes "
        f"{'it' if len(ids) == 1 else 'one'} ends poor, however well the rest goes",
        'add an ending with outcome = "mixed" for runs that recover after the slip, or write '
        f'cap = "poor"{"" if len(ids) == 1 else " on each"} if every such run should end poor',
        severity="warning",
        code="cap-only-poor",
    )
