"""A safety move that lowers a meter: the `safety-meter` warning of `peer-sim check`.

The project's standard: a safety move (asking straight out about suicide, a crisis
referral, a boundary, involving the supervisor, honesty about the limits of
confidentiality) is never punished by scoring. In practice mode the meters are the
score a trainee watches: two trainee testers read "Trust -2, down" after "are you
thinking about killing yourself?" as a penalty (review 21a), and the README promises
trainees that the meters never go down for a safety move. So the bundled library
gives every safety move a change of 0 or more on both meters, and lets the person's
reply (their words, a silence in the `action`) carry the jolt of the moment.

The rule for an author's own scenario is the same one, with no allowance: any fall,
however small, is what the testers read as a penalty, and no threshold would keep
the README's promise. An honest dip still has two places to go: the reply, and a
line whose delivery is clumsy or cold, which the author marks as undermining what it
breaks (`connection`, `emotional-support`): it is then a mixed line, not a safety
move, and may move the meters either way. Whether a safety move can cost the
*outcome* is a separate rule, judged state by state by `peer-sim test`
(`sim.authoring.fairness`) and, where it is immediate, by `check`'s `safety-worst`.

`tests/core/test_safety_move_meters.py` holds the bundled library to this module.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Choice, Scenario
    from sim.problems import Problem

SAFETY_MOVE = ("crisis-referral", "boundaries", "confidentiality")
"""The principles whose `honours` makes a line a safety move (with nothing undermined)."""


def is_safety_move(choice: Choice) -> bool:
    """A line that honours a safety principle, undermines nothing and is no critical slip."""
    verdicts = choice.principles
    return (
        not choice.critical
        and any(verdicts.get(p) == "honours" for p in SAFETY_MOVE)
        and "undermines" not in verdicts.values()
    )


def safety_moves(scenario: Scenario) -> Iterator[tuple[str, int, Choice]]:
    """Every safety move, as (scene id, index from 0, choice), in file order."""
    for sid, scene in scenario.scenes.items():
        for i, choice in enumerate(scene.choices):
            if is_safety_move(choice):
                yield sid, i, choice


def safety_meter_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """One warning per safety move that lowers trust or empowerment, at the meter's key."""
    out: list[Problem] = []
    for sid, i, c in safety_moves(scenario):
        falls = [(m, -v) for m, v in (("trust", c.trust), ("empowerment", c.empowerment)) if v < 0]
        if not falls:
            continue
        honoured = " and ".join(p for p in SAFETY_MOVE if c.principles.get(p) == "honours")
        said = " and ".join(f"{m} by {n}" for m, n in falls)
        fixes = ", ".join(f"{m} = 0" for m, _ in falls)
        names = " and ".join(m for m, _ in falls)
        speaker = scenario.scenes[sid].speaker
        person = scenario.characters[speaker].name if speaker in scenario.characters else ""
        reply = f"{person}'s reply" if person else "the reply"
        out.append(
            where.problem(
                ("scenes", sid, "choices", i, falls[0][0]),
                f"this safety move (honours {honoured}) lowers {said}: a trainee watching the "
                "meters reads a fall as a penalty, and a safety move is never punished by "
                "scoring",
                f"make {names} 0 or more (write {fixes}) and let {reply} carry the jolt of the moment: a "
                "silence in the next scene's action, push-back in its text; if the line itself "
                'is clumsy or cold, mark what it undermines (connection = "undermines", say) '
                "and it is judged as a mixed line instead",
                severity="warning",
                code="safety-meter",
            )
        )
    return out
