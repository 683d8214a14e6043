"""Flags tested but never set, and set but never tested: the typo checks of `peer-sim check`.

Flags are free-form names, so a misspelt one fails silently: a `when` that
tests "told-family" while a choice sets "told-famly" is never true. These
checks read the names only (no exploration), and stay quiet where an error
already names the flag.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING

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
    """Flags tested but never set, and set (or cleared) but never tested: usually a typo.

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
                        did_you_mean(flag, sets)
                        or f'set it on a choice with sets = ["{flag}"], or remove it from here',
                        severity="warning",
                        code="unset-flag",
                    )
                )
    seen: set[str] = set()
    untested_sets = sorted(tested - sets)
    for sid, i, c in marking:
        for kind, verb in (("sets", "set"), ("clears", "cleared")):
            for flag in getattr(c, kind):
                if kind == "clears" and flag not in sets and flag not in seen:
                    # only choices set flags, so clearing one none sets does nothing:
                    # a misspelt clears leaves the flag it meant set, silently
                    seen.add(flag)
                    out.append(_cleared_unset(where, sid, i, flag, sets))
                    continue
                if flag in tested or flag in seen:
                    continue
                seen.add(flag)
                # A flag nothing tests is harmless on its own (authors mark what
                # happened, for later scenes or records); it is worth a warning
                # only when a tested flag nobody sets is a near spelling of it.
                close = _near_spelling(flag, untested_sets)
                if not close:
                    continue
                out.append(
                    where.problem(
                        ("scenes", sid, "choices", i, kind),
                        f"flag '{flag}' is {verb} but never tested by any when",
                        f"a when tests '{close[0]}', which no choice sets: is one misspelt?",
                        severity="warning",
                        code="unused-flag",
                    )
                )
    return out


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
