"""Which line was the stronger one at a decision.

By `sim.engine.strength` (the author's `best = true` choice, else the best
verdicts, then the best meter change), the one rule the checker and
`test --slips` use too. The details, turning points and their
counterfactuals all ask here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.engine import strength

if TYPE_CHECKING:
    from sim.engine import Decision
    from sim.model import Scene


def stronger_index(scene: Scene, d: Decision) -> int | None:
    """The index of the stronger line offered at decision `d`, if one was stronger than the trainee's."""
    chosen = scene.choices[d.index]
    others = [i for i in d.offered if i != d.index]
    if not others:
        return None
    top = max(others, key=lambda i: strength(scene.choices[i]))
    return top if strength(scene.choices[top]) > strength(chosen) else None
