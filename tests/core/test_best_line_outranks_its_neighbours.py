"""A line offered beside the model line never ranks with it by the debrief's own rule.

`strength()` ranks lines by the author's `best`, then fewest principles undermined, most
honoured, biggest meter gain. When a weaker line honours as many principles and gains as
much as the model line (or more), only the `best` flag tells them apart, and a trainee
who picked it reads "Stronger here" under a line the scoring itself does not rank above
theirs: the scoring looks arbitrary (lead's question, review 37b). return-to-use `wife#5`
honoured three principles to the model line's two; `shame#4` and be-my-sponsor
`sponsor-search#1` tied or beat it on honours.

Compared only where the model line has no `when`, so every other line of the scene is
offered beside it whenever that line is offered. A line held back by a `when` that keeps
it from the model line (a supervisor scene's account of a slip, offered in the model
line's place) answers a different run and is compared by `stronger_index` among the lines
actually offered. The six files review 37b read; the other six are review 37a's.

The second test: a line that leaves a safety step undone says so in the note practice mode
shows, not only in the debrief.
"""

from __future__ import annotations

import re

import pytest

from sim.engine import strength
from sim.loading import bundled_dir, load_scenario

FILES = [
    "return-to-use",
    "be-my-sponsor",
    "check-in-call",
    "house-rules",
    "different-path",
    "first-days-out",
]


def _ties(name: str) -> list[str]:
    scenario = load_scenario(bundled_dir() / f"{name}.toml")
    found = []
    for sid, scene in scenario.scenes.items():
        for b, best in enumerate(scene.choices):
            if not best.best or best.when is not None:
                continue
            for i, other in enumerate(scene.choices):
                if i != b and strength(other)[1:] >= strength(best)[1:]:
                    found.append(
                        f"{sid}#{i + 1} {strength(other)[1:]} vs {sid}#{b + 1} {strength(best)[1:]}"
                    )
    return found


@pytest.mark.parametrize("name", FILES)
def test_no_line_beside_the_model_line_ranks_with_it_but_for_the_flag(name):
    assert _ties(name) == []


LEFT_UNDONE = re.compile(r"\bbut\b|;|\bnot\b|would have", re.IGNORECASE)


def _praise_only(name: str) -> list[str]:
    scenario = load_scenario(bundled_dir() / f"{name}.toml")
    found = []
    for sid, scene in scenario.scenes.items():
        for i, c in enumerate(scene.choices, 1):
            verdicts = c.principles
            if c.best or "undermines" in verdicts.values():
                continue
            safety_left = any(
                verdicts.get(p) == "neutral" for p in ("crisis-referral", "confidentiality")
            )
            if safety_left and not LEFT_UNDONE.search(c.coach_note()):
                found.append(f"{sid}#{i}: {c.coach_note()}")
    return found


@pytest.mark.parametrize("name", FILES)
def test_a_line_that_leaves_a_safety_step_undone_says_so_in_its_coach_note(name):
    """Practice mode shows the coach note, the why's first sentence unless `note` says
    otherwise. After Luis said he was not thinking of suicide, moving on without 988
    (return-to-use `answer#2`), or with "I'll never tell a soul, no matter what" still
    standing (`answer-promised#3`), read only "His answer was clear, so moving on isn't
    wrong.": what was left undone was in the debrief alone (brief §1 Crisis: do not promise
    secrecy; Confidentiality: never promise total secrecy)."""
    assert _praise_only(name) == []
