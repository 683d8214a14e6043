"""A line that leads back to its own scene and is offered again: said over and over.

"Ask again" lines are natural (the coach missed a cue, the person says more, the
question comes back), and one whose `when` was forgotten stays on offer after it
is said. Each time it moves the meters by its own change, so a trainee can raise
trust to 100 by pressing the same number, or, with no change, the conversation
stands still. Author test 9 forgot the `when` on exactly such a line; `check`
said the file was clean and `test` showed only the wide trust range.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.authoring.explore import Exploration
    from sim.loading.where import Where
    from sim.model import Choice, Scenario
    from sim.problems import Problem


def repeat_problems(scenario: Scenario, found: Exploration, where: Where) -> list[Problem]:
    """A warning at each offered choice whose `goto` is its own scene and whose own
    `sets`/`clears` do not take it off the offer (its `when` still holds after it)."""
    out: list[Problem] = []
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            if c.goto != sid or (sid, i) not in found.offered or _ends_itself(c):
                continue
            if c.trust or c.empowerment:
                moves = ", ".join(
                    f"{name} {value:+d}"
                    for name, value in (("trust", c.trust), ("empowerment", c.empowerment))
                    if value
                )
                effect = f"{moves} each time, as far as the meters go"
            else:
                effect = "nothing changes: the conversation stands still"
            out.append(
                where.problem(
                    ("scenes", sid, "choices", i),
                    "this line leads back to its own scene and is offered again once said, so "
                    f"a trainee can say it over and over ({effect})",
                    _hint(c),
                    severity="warning",
                    code="repeatable",
                )
            )
    return out


def _ends_itself(c: Choice) -> bool:
    """Whether saying the line takes it off the offer: it sets a flag its `when` rules
    out, or clears one its `when` needs (in the top clause, which must hold)."""
    if c.when is None:
        return False
    return bool(set(c.sets) & set(c.when.not_flags)) or bool(set(c.clears) & set(c.when.flags))


def _hint(c: Choice) -> str:
    """Take the line off the offer once said, with a flag it sets if it has one."""
    flag = c.sets[0] if c.sets else "asked-again"
    rule = (
        f'add not_flags = ["{flag}"] to its when'
        if c.when is not None
        else f'when = {{ not_flags = ["{flag}"] }}'
    )
    sets = "" if c.sets else f'sets = ["{flag}"] and '
    return f"take it off the offer once said ({sets}{rule}), or send it to another scene"
