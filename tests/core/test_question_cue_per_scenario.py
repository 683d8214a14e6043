"""The question mark does not give the model line away inside one scenario.

test_library_content holds the whole library to a test-wise trainee who always picks a
line ending in "?" (any one, if several do) being right at most 55% of the time. A
trainee plays one scenario at a time, though, and the average hid files where the cue
worked better: be-my-sponsor 54%, first-days-out 52%, house-rules 51%; at five of
be-my-sponsor's 17 decisions the model line was the only question (review 40b). The
slips there now end on the question they already asked (the homework, the owner's
number, "why waste energy fighting them?", a promise demanded), their words unchanged
but for the order, so a wrong line asks too, as wrong lines do in practice.

The six files review 40b read; crisis-moment (55%) is review 40a's to bring down.
"""

from __future__ import annotations

import pytest

from sim.loading import bundled_dir, load_scenario

FILES = [
    "return-to-use",
    "be-my-sponsor",
    "check-in-call",
    "house-rules",
    "different-path",
    "first-days-out",
]


def question_picks(scenario) -> tuple[float, int]:
    """(how often a trainee who always picks a line ending in "?" finds the best line, summed
    over decision points; how many decision points): shared with test_library_content."""
    points, found = 0, 0.0
    for scene in scenario.scenes.values():
        lines = scene.choices
        if len(lines) < 2 or not any(c.best for c in lines):
            continue
        asked = [c for c in lines if c.say.rstrip().endswith("?")] or list(lines)
        points += 1
        found += sum(c.best for c in asked) / len(asked)
    return found, points


def _question_pick_rate(name: str) -> float:
    found, points = question_picks(load_scenario(bundled_dir() / f"{name}.toml"))
    assert points
    return found / points


@pytest.mark.parametrize("name", FILES)
def test_picking_the_question_finds_the_model_line_at_most_half_the_time(name):
    rate = _question_pick_rate(name)
    assert rate <= 0.50, f"{name}: the question is the model line {rate:.0%} of the time"
