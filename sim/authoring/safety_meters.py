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

The rule sees a safety move by its verdicts, so a line that reads as one (it asks about
suicide, names 988 or 911 or a crisis line, brings in the supervisor) and is
tagged with none of the safety principles would slip past it, and past `test`'s safety
rule: `safety-untagged` names such a line, unless it undermines something or is a
critical slip (a slip dressed as help: "I'm calling 911 right now" over the person's
head). No bundled line is one.

`tests/core/test_safety_move_meters.py` holds the bundled library to this module.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sim.safety_questions import BRINGS_IN_SUPERVISOR, asks_about_suicide

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Choice, Scenario
    from sim.problems import Problem

SAFETY_MOVE = ("crisis-referral", "boundaries", "confidentiality")
"""The principles whose `honours` makes a line a safety move (with nothing undermined)."""

NAMES_HELP = re.compile(r"(?<!\w)(?:988|911)(?!\w)|\bcrisis (?:line|lifeline|team)\b", re.I)
"""Crisis help named in the coach's words (not a bare "lifeline", which is as often a
figure of speech)."""


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
        jolt = _jolt(scenario, c.goto)
        out.append(
            where.problem(
                ("scenes", sid, "choices", i, falls[0][0]),
                f"this safety move (honours {honoured}) lowers {said}: a trainee watching the "
                "meters reads a fall as a penalty, and a safety move is never punished by "
                "scoring",
                f"make {names} 0 or more (write {fixes}) and let {jolt}; if the line itself "
                'is clumsy or cold, mark what it undermines (connection = "undermines", say) '
                "and it is judged as a mixed line instead",
                severity="warning",
                code="safety-meter",
            )
        )
    return out


def _jolt(scenario: Scenario, goto: str) -> str:
    """Where the honest dip goes instead: the scene the line leads to, said as it is.

    Named after the person who speaks next, not the one the line answers: a caseworker's
    question answered with a confidentiality limit was told to let "Ms. Okafor's reply"
    carry it, where the next scene was narration and then the client's words.
    """
    scene = scenario.scenes.get(goto)
    if scene is None:  # an ending or "@outcome": no reply follows in play
        return (
            "the reply carry the jolt of the moment: a silence in the next scene's action, "
            "push-back in its text"
        )
    speaker = scenario.characters.get(scene.speaker) if scene.speaker else None
    if speaker is None:
        return (
            f"the narration of '{goto}', the scene it leads to, carry the jolt of the "
            "moment: a silence, a look away"
        )
    return (
        f"{speaker.name}'s reply carry the jolt of the moment: a silence in the action of "
        f"'{goto}', push-back in its text"
    )


def _reads_as(say: str) -> str:
    """What makes a line read as a safety move ("asks about suicide", "names 988"), or ""."""
    if asks_about_suicide(say):
        return "asks about suicide"
    if named := NAMES_HELP.search(say):
        return f"names {named.group(0)}"
    # the rule the own-words cue reads a trainee's question by: one set of words for both
    if brought := BRINGS_IN_SUPERVISOR.search(say):
        return f"brings in the supervisor ('{brought.group(0)}')"
    return ""


def untagged_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """Lines that read as a safety move and carry no safety verdict, nor any `undermines`."""
    out: list[Problem] = []
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices):
            verdicts = c.principles
            if c.critical or "undermines" in verdicts.values():
                continue
            if any(verdicts.get(p) == "honours" for p in SAFETY_MOVE):
                continue
            reads = _reads_as(c.say)
            if not reads:
                continue
            loc = ("scenes", sid, "choices", i) + (("principles",) if verdicts else ())
            out.append(
                where.problem(
                    loc,
                    f"this line {reads} but honours none of crisis-referral, boundaries or "
                    "confidentiality, so the rules that keep a safety move from being "
                    "punished (its meters here, its outcome in peer-sim test) do not see it",
                    'if it is the safety move it reads as, add crisis-referral = "honours" '
                    "(boundaries, for a boundary taken to supervision) to its principles; if "
                    "it only sounds like one, mark what it undermines",
                    severity="warning",
                    code="safety-untagged",
                )
            )
    return out
