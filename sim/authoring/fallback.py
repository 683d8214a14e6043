"""The last ending is "@outcome"'s fallback, so a `when` written on it is never read.

`"@outcome"` takes the first ending whose `when` holds and, when none does, the
last one (under a critical slip's cap, the last one the cap allows, which the
last ending of the file always is when it is allowed at all). So the last
ending is taken exactly when nothing before it holds, whether its own `when`
holds or not. An author who writes one believes it guards the ending (author
test 9 added `not_flags` to the worst ending to spare a safety move, and
nothing changed); saying so is the only way they learn it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.authoring.exploration import Exploration
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem


def fallback_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """A warning at the `when` of the last ending, if it has one."""
    if not scenario.endings:
        return []
    last = list(scenario.endings)[-1]
    if scenario.endings[last].when is None:
        return []
    return [
        where.problem(
            ("endings", last, "when"),
            f"'{last}' is the last ending, so \"@outcome\" takes it whenever no ending "
            "before it holds, whether this when holds or not: it is never read",
            "remove this when (the last ending is the fallback); if runs that miss it "
            "should end elsewhere, add that ending below it, without a when",
            severity="warning",
            code="fallback-when",
        )
    ]


def early_fallback_problems(scenario: Scenario, found: Exploration, where: Where) -> list[Problem]:
    """A warning at a first ending with no `when`, when a critical slip alone reaches the rest.

    `"@outcome"` takes it for every run that holds no critical slip, so the meters
    decide nothing; the endings below it are still picked, but only under a slip's
    cap, so the "ending with no when before others" error stays silent (an author
    who dropped the `when` of the first, strong ending shipped a scenario where a run at
    trust 23 still ended strong, and neither `check` nor `test` said a word).
    """
    from sim.authoring.knockon import shadowed_endings
    from sim.authoring.meters import ranges

    ids = list(scenario.endings)
    if len(ids) < 2 or scenario.endings[ids[0]].when is not None or not found.outcome_bits:
        return []
    first = ids[0]
    if first in shadowed_endings(scenario):
        return []  # the endings below are never picked: that is the ending-order error
    below = ids[1:]
    span = ranges(found.endings.get(first, 0))
    at = (
        f" (runs end there with trust {span[0][0]}..{span[0][1]} and empowerment "
        f"{span[1][0]}..{span[1][1]})"
        if span
        else ""
    )
    names = ", ".join(f"'{e}'" for e in below)
    whenless = [e for e in below if scenario.endings[e].when is None]
    hint = f"give '{first}' a when: the meters or flags a run needs to end there"
    if not whenless:  # moved last, it would not shadow another ending without a when
        hint += ", or move it below the others as the last, fallback ending"
    return [
        where.problem(
            ("endings", first),
            f"ending '{first}' has no `when` and is the first ending, so \"@outcome\" "
            f"picks it for every run that holds no critical slip, whatever the meters{at}; "
            f"{names} below it {'is' if len(below) == 1 else 'are'} picked only after a "
            "critical slip rules it out",
            hint,
            severity="warning",
            code="fallback-first",
        )
    ]
