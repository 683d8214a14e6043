"""A crisis line named in a scenario that does not say it is set in the US.

988 and 911 are the numbers the library's crisis moments teach, and the project
marks them as US resources: a trainee elsewhere would otherwise learn a number that
may not answer where they work. The library was held to that by a test of its own,
while an author writing a scenario of their own heard nothing from `check`; the
rule now lives here, for both.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem

CRISIS_LINE = re.compile(r"\b(988|911)\b")
"""The US crisis and emergency numbers a scenario may name."""

US_MARK = re.compile(r"\bUS\b|\bU\.S\.|United States")
"""Words in the setting or summary that say the scenario is set in the US."""


def marked_us(scenario: Scenario) -> bool:
    """Whether a trainee reads, before playing, that the scenario is set in the US."""
    return bool(US_MARK.search(f"{scenario.setting} {scenario.summary}"))


def crisis_texts(scenario: Scenario) -> Iterator[tuple[tuple[object, ...], str]]:
    """Every text a trainee can be shown, with its key path, in file order."""
    yield ("summary",), scenario.summary
    yield ("setting",), scenario.setting
    for sid, scene in scenario.scenes.items():
        yield ("scenes", sid, "text"), scene.text
        yield ("scenes", sid, "action"), scene.action or ""
        for i, v in enumerate(scene.variants):
            yield ("scenes", sid, "variants", i, "text"), v.text
            yield ("scenes", sid, "variants", i, "action"), v.action or ""
        for i, c in enumerate(scene.choices):
            for key in ("say", "why", "note"):
                yield ("scenes", sid, "choices", i, key), getattr(c, key) or ""
    for eid, ending in scenario.endings.items():
        yield ("endings", eid, "text"), ending.text
        for kind in ("variants", "also"):
            for i, v in enumerate(getattr(ending, kind)):
                yield ("endings", eid, kind, i, "text"), v.text
    for i, item in enumerate(scenario.debrief.reflect):
        yield ("debrief", "reflect", i), item if isinstance(item, str) else item.text


def crisis_line_problems(scenario: Scenario, where: Where) -> list[Problem]:
    """One warning, at the first text naming 988 or 911, when the US is not said."""
    if marked_us(scenario):
        return []
    for loc, text in crisis_texts(scenario):
        if found := CRISIS_LINE.search(text):
            return [
                where.problem(
                    loc,
                    f"this names {found.group(1)}, a US number, but neither the setting nor "
                    "the summary says the scenario is set in the US, so a trainee elsewhere "
                    "may learn a number that does not answer where they work",
                    "say where it happens in the setting, such as 'a drop-in centre in the "
                    "US, a weekday morning'",
                    severity="warning",
                    code="crisis-line-unmarked",
                )
            ]
    return []
