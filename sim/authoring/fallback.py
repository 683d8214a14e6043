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
