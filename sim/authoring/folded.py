"""A line break in a one-line text: a warning from `peer-sim check`.

The loader reads it as a space (a title, a name, a content note and a choice's
`say` are each one line wherever they show), so the file plays; but the author
who wrote the break meant something by it, and what they meant differs by key:
two content notes in one string want two entries, two moves in one `say` want
two choices. The keys come from the raw file (sim.loading.one_line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem

# What the text is, and the way out, by its last key (a content note by its list).
_KINDS = {
    "say": (
        "a choice's say is one line, the one the trainee picks",
        "write it on one line; if the two lines are two things to say, make each a choice",
    ),
    "note": (
        "a coach note is one line, shown after the choice in practice",
        "write it on one line; what needs more room goes in why, which the debrief shows",
    ),
    "title": (
        "a title is one line",
        "write it on one line",
    ),
    "name": (
        "a character's name is one line",
        "write it on one line; put more about them in about",
    ),
    "content_notes": (
        "each content note is one line of the list shown before play",
        'for two notes write two entries: content_notes = ["first note", "second note"]',
    ),
}


def folded_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """A warning at each one-line text the file wrote over several lines."""
    out: list[Problem] = []
    for loc in scenario.folded:
        kind = "content_notes" if loc[0] == "content_notes" else str(loc[-1])
        what, fix = _KINDS[kind]
        out.append(
            where.problem(
                loc,
                f"{what}: the line break written in it is read as a space",
                fix,
                severity="warning",
                code="folded-line",
            )
        )
    return out
