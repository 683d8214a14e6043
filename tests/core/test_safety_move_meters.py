"""A safety move never shows a meter going down (review 21a, trainee testers).

The project standard: asking directly about suicide, a 988 or 911 referral, a boundary,
involving the supervisor, and honesty about the limits of confidentiality are never
punished by the scoring. Two trainee testers read crisis-moment's "Trust -2, down" after
"are you thinking about killing yourself?" as exactly that, and a full search found runs
whose ending text (and, in first-meeting, the ending itself) turned on those points. The
honesty of the moment now lives in the person's reply, not in a meter. Pinned for the six
scenarios review 21a moved to that rule, and for the six review 21b moved after it.
Authors' own files are held to the same rule by `check` (sim/authoring/safety_meters.py).
"""

from __future__ import annotations

import pytest

from sim.authoring.safety_meters import safety_moves
from sim.loading import bundled_dir, load_scenario

MOVED = [
    "first-meeting",
    "crisis-moment",
    "be-my-sponsor",
    "medication-in-the-ed",
    "culture-and-ceremony",
    "different-path",
    # review 21b moved its six to the same rule, so the whole library is pinned
    "return-to-use",
    "first-days-out",
    "family-pressure",
    "check-in-call",
    "house-rules",
    "ending-well",
]


def _safety_moves(scenario):
    """The lines `check`'s safety-meter rule judges, with their ids (one rule for both)."""
    for scene_id, n, choice in safety_moves(scenario):
        yield f"{scene_id}#{n + 1}", choice


@pytest.mark.parametrize("name", MOVED)
def test_no_safety_move_lowers_a_meter(name):
    scenario = load_scenario(bundled_dir() / f"{name}.toml")
    moves = list(_safety_moves(scenario))
    assert moves, "the scenario has safety moves to check"
    lowered = [cid for cid, c in moves if c.trust < 0 or c.empowerment < 0]
    assert not lowered, f"{name}: safety moves that lower a meter: {lowered}"


def test_crisis_moment_direct_question_is_met_in_the_reply_not_the_meter():
    """The jolt of the direct question is Sam's long silence, told in the scene he answers in."""
    crisis = load_scenario(bundled_dir() / "crisis-moment.toml")
    ask = next(c for c in crisis.scenes["problem"].choices if c.best)
    assert ask.trust == 0 and "killing yourself" in ask.say
    assert "long silence" in (crisis.scenes["yes"].action or "")
