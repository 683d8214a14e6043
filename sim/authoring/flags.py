"""Flags tested but never set, and set but never read: the flag checks of `peer-sim check`.

Flags are free-form names, so a misspelt one fails silently: a `when` that
tests "told-family" while a choice sets "told-famly" is never true. These
checks read the names only (no exploration), and stay quiet where an error
already names the flag.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

from sim.engine import choice_id
from sim.loading.keypath import format_key
from sim.problems import did_you_mean

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Choice, Clause, Scenario
    from sim.problems import Problem


def flag_problems(
    scenario: Scenario,
    where: Where,
    reported: set[str],
    conditional: list[tuple[str, int, Choice]],
    marking: list[tuple[str, int, Choice]],
    sets: set[str],
) -> list[Problem]:
    """Flags tested but never set (usually a typo), and set but never read.

    A condition already reported as an error for the same flag (`never-offered`,
    `unreachable-ending`, whose hint names it) is not reported again.
    `conditional` lists the choices with a `when`, `marking` those that set or
    clear flags, `sets` every flag some choice sets.
    """
    out: list[Problem] = []
    conds: list[tuple[tuple, Clause]] = []
    for loc, cond in scenario.conditions():
        conds.append((loc, cond))
        conds += [(loc + ("any", i), c) for i, c in enumerate(cond.any)]
    tested: set[str] = set()
    for loc, cond in conds:
        if not cond.flags and not cond.not_flags:
            continue
        tested.update(cond.flags)
        tested.update(cond.not_flags)
        owner = None
        for kind in ("flags", "not_flags"):
            for flag in getattr(cond, kind):
                if flag in sets:
                    continue
                if kind == "flags":
                    if owner is None:  # the condition itself, or the ending it gates
                        owner = {format_key(loc), format_key(loc[:2])}
                    if owner & reported:
                        continue
                effect = "this condition never holds" if kind == "flags" else "this has no effect"
                out.append(
                    where.problem(
                        loc + (kind,),
                        f"no choice sets the flag '{flag}', so {effect}",
                        _scene_hint(flag, kind, scenario)
                        or did_you_mean(flag, sets)
                        or f'set it on a choice with sets = ["{flag}"], or remove it from here',
                        severity="warning",
                        code="unset-flag",
                    )
                )
    for sid, i, c in marking:
        both = [flag for flag in c.sets if flag in c.clears]
        if both:
            out.append(_set_and_cleared(where, sid, i, c, both))
    seen: set[str] = set()
    for sid, i, c in marking:
        for flag in c.clears:
            if flag not in sets and flag not in seen:
                # only choices set flags, so clearing one none sets does nothing:
                # a misspelt clears leaves the flag it meant set, silently
                seen.add(flag)
                out.append(_cleared_unset(where, sid, i, flag, sets))
    out += _unread(where, marking, tested)
    return out


def _scene_hint(flag: str, kind: str, scenario: Scenario) -> str:
    """`not_flags = ["after-hurt"]` for the scene 'after-hurt': the key for scenes."""
    if flag not in scenario.scenes:
        return ""
    key = "visited" if kind == "flags" else "not_visited"
    return (
        f"'{flag}' is a scene: {kind} tests flags that choices set, {key} the scenes, so "
        f'move it from {kind} to {key} = ["{flag}"]'
    )


def _unread(
    where: Where, marking: list[tuple[str, int, Choice]], tested: set[str]
) -> list[Problem]:
    """`flag-unused`: a flag some choice sets that nothing reads.

    A flag changes nothing unless a condition tests it (a choice's `when`, a branch
    of `next`, a variant, an ending's `when` or variant, an `also`, a reflection:
    `Scenario.conditions()` lists them all), so one that is only set is either a
    misspelling of one that is read or a note to self that a later edit forgot:
    both mislead the next author, who reads `sets` as meaning something. Said
    once, at the first choice that sets it, naming the others.
    """
    setters: dict[str, list[tuple[str, int, Choice]]] = {}
    clearers: dict[str, list[str]] = {}
    for sid, i, c in marking:
        for flag in c.sets:
            if flag not in tested:
                setters.setdefault(flag, []).append((sid, i, c))
        for flag in c.clears:
            clearers.setdefault(flag, []).append(choice_id(sid, i, c))
    untested_sets = sorted(tested - {f for _, _, c in marking for f in c.sets})
    out: list[Problem] = []
    for flag, where_set in setters.items():
        (sid, i, c), *others = where_set
        here = choice_id(sid, i, c)
        also = f" (also set by {', '.join(choice_id(*o) for o in others)})" if others else ""
        message = f"flag '{flag}' is set by {here}{also} but nothing reads it (no when tests it)"
        close = _near_spelling(flag, untested_sets)
        if close:
            hint = f"a when tests '{close[0]}', which no choice sets: is one misspelt?"
        else:
            places = [here, *(choice_id(*o) for o in others)]
            gone = f"remove it from sets on {_listed(places)}"
            if flag in clearers:
                gone += f" and from clears on {_listed(clearers[flag])}"
            hint = (
                f'test it where it should change something (when = {{ flags = ["{flag}"] }} '
                "on a choice, a next branch, a variant, an ending, an also or a reflection), "
                f"or {gone}"
            )
        out.append(
            where.problem(
                ("scenes", sid, "choices", i, "sets"),
                message,
                hint,
                severity="warning",
                code="flag-unused",
            )
        )
    return out


def _listed(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _set_and_cleared(where: Where, sid: str, i: int, c: Choice, both: list[str]) -> Problem:
    """A flag in both `sets` and `clears` of one choice ends up cleared (the README says so),
    so its `sets` does nothing; the checks that follow only said that a `when` testing it
    never holds, as if nothing set it, without naming the choice that both sets and clears it."""
    names = ", ".join(f"'{flag}'" for flag in both)
    one = len(both) == 1
    return where.problem(
        ("scenes", sid, "choices", i, "clears"),
        f"{choice_id(sid, i, c)} both sets and clears {names}, and a flag in both ends up "
        f"cleared, so setting {'it' if one else 'them'} here does nothing",
        f"remove {names} from clears to set {'it' if one else 'them'}, or from sets to clear "
        f"{'it' if one else 'them'}",
        severity="warning",
        code="set-and-cleared",
    )


def _cleared_unset(where: Where, sid: str, i: int, flag: str, sets: set[str]) -> Problem:
    return where.problem(
        ("scenes", sid, "choices", i, "clears"),
        f"no choice sets the flag '{flag}', so clearing it here has no effect",
        did_you_mean(flag, sets) or "remove it from clears, or set it on an earlier choice",
        severity="warning",
        code="unset-flag",
    )


def _near_spelling(flag: str, candidates: list[str]) -> list[str]:
    """A typo-close candidate: a stricter cut than "did you mean", since here a
    near name turns a harmless marker into a warning. Lengths within two first,
    so large scenarios with many similar generated names stay linear-ish."""
    bare = re.sub(r"\d", "", flag)
    pool = [  # names that differ only in digits are a numbered series, not a typo
        c for c in candidates if abs(len(c) - len(flag)) <= 2 and re.sub(r"\d", "", c) != bare
    ]
    return difflib.get_close_matches(flag, pool, 1, 0.85) if pool else []
