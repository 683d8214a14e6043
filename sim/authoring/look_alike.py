"""Two characters whose names read alike: the trainee cannot tell who is speaking.

A trainee knows who speaks by the name shown before the words, and meets everyone
with a table in the list of people at the start ("With ..."). 'Alex' beside 'ALEX', a
full-width 'Ａｌｅｘ', 'Аlex' with a Cyrillic А, or 'Alex' with a zero-width space or
a combining mark inside reads as one person, so the conversation (and the debrief,
and a replay) leaves the trainee guessing whose line is whose. Every such pair passed
`check`. The test of "reads alike" is the class summary's own for trainee names
(`sim.look_alike.skeleton`), so the two can never drift apart.

An error, not a warning: what a trainee sees is ambiguous whatever the meters do, no
scenario needs two people whose names read the same, and a rename fixes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.look_alike import hidden_letters, skeleton
from sim.text import first_hidden, name_key

COACH = skeleton("You")
"""What the coach's own lines are labelled with (sim/tui/widgets/transcript.py, the
plain player and the debrief): a character called 'You' or 'YOU' reads as the trainee."""

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem


def look_alike_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """`look-alike-names`: each character whose name reads like an earlier one's,
    named at its `name` with the earlier one's id and line, and what sets them apart."""
    first: dict[str, str] = {}  # skeleton -> the first character id with it
    out: list[Problem] = []
    for cid, character in scenario.characters.items():
        shape = skeleton(character.name)
        if not shape:
            continue
        if shape == COACH:
            out.append(
                where.problem(
                    ("characters", cid, "name"),
                    f"the name '{character.name}' reads like 'You', the name the "
                    "conversation, the debrief and a replay give the coach's own lines, so a "
                    "trainee would take this person's words for their own",
                    f"give {cid} a name of their own (a first name, or what the coach "
                    "would call them: 'Tasha', 'the nurse')",
                    code="look-alike-names",
                )
            )
            continue
        if shape not in first:
            first[shape] = cid
            continue
        other = first[shape]
        name, earlier = character.name, scenario.characters[other].name
        line, _ = where.line(("characters", other, "name"))
        at = f"characters.{other}, line {line}" if line else f"characters.{other}"
        out.append(
            where.problem(
                ("characters", cid, "name"),
                f"the name '{name}' reads like '{earlier}' ({at}), so a trainee would take "
                f"the two for one person{_difference(name, earlier)}",
                f"give {cid} or {other} a name that differs in its letters, not only in "
                "capitals, accents, spacing or look-alike letters; if they are one person, "
                "keep one [characters] table and use its id as speaker",
                code="look-alike-names",
            )
        )
    return out


def _difference(name: str, earlier: str) -> str:
    """What tells two look-alike names apart, when a reader could not see it."""
    if name == earlier:
        return " (the two are spelt exactly the same)"
    for who in (name, earlier):
        hidden = first_hidden(who)
        if hidden:
            return f" ('{who}' holds {hidden})"
        odd = hidden_letters(who)
        if odd:
            return f" ('{who}': {odd})"
    if name_key(name) == name_key(earlier):
        return " (they differ only in capitals)"
    return ""
