"""Texts and branches that can never show, for `peer-sim check`.

Scene and ending variants, conditional reflections and branching `next` are
judged on the exploration's exact states, so "never" here means never:

- `never-taken` (error): a branch of `next` with a `when` that never holds
  when the conversation gets there (earlier branches take every state);
- `never-shown` (warning): a text variant or conditional reflection whose
  condition never holds where it is judged (entering its scene, or the end
  of a run).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.authoring.explore import Exploration

if TYPE_CHECKING:
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem


def shown_problems(scenario: Scenario, found: Exploration, where: Where) -> list[Problem]:
    if not found.complete:
        return []
    out: list[Problem] = []
    shown, reached = found.shown, found.reached
    any_ending = any(found.endings.values())
    for sid, scene in scenario.scenes.items():
        if sid not in reached:
            continue
        for i in range(len(scene.variants)):
            if ("scene", sid, i) not in shown:
                out.append(
                    where.problem(
                        ("scenes", sid, "variants", i, "when"),
                        f"this variant never shows: its when never holds when the conversation "
                        f"enters '{sid}' (or an earlier variant always takes those moments)",
                        "check the flags and numbers it needs, and the order of the variants",
                        severity="warning",
                        code="never-shown",
                    )
                )
        if isinstance(scene.next, tuple):
            for i, step in enumerate(scene.next):
                if step.when is not None and (sid, -1 - i) not in found.offered:
                    out.append(
                        where.problem(
                            ("scenes", sid, "next", i, "when"),
                            f"this branch of next is never taken: when the conversation "
                            f"reaches '{sid}' its when never holds, or an earlier branch "
                            "always goes first",
                            "check the flags and numbers it needs, and the order of the branches",
                            code="never-taken",
                        )
                    )
    for eid, ending in scenario.endings.items():
        if not found.endings.get(eid):
            continue
        for i in range(len(ending.variants)):
            if ("ending", eid, i) not in shown:
                out.append(
                    where.problem(
                        ("endings", eid, "variants", i, "when"),
                        f"this variant never shows: its when never holds when a run ends at '{eid}'",
                        "check the flags and numbers it needs, and the order of the variants",
                        severity="warning",
                        code="never-shown",
                    )
                )
    if any_ending:
        for i, item in enumerate(scenario.debrief.reflect):
            if isinstance(item, str) or item.when is None:
                continue
            if ("reflect", i) not in shown:
                out.append(
                    where.problem(
                        ("debrief", "reflect", i, "when"),
                        "this reflection is never asked: its when never holds at the end of a run",
                        "check the flags and scenes it needs",
                        severity="warning",
                        code="never-shown",
                    )
                )
    return out
