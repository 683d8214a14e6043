"""An ending does not tell the trainee to do what they already did in the conversation.

Family Pressure, played as a trainee would: "I'll talk to her about it" to Denise (a
critical slip, `agreed-to-push`), then, when Keisha asked, "She came by, and I said more
than I should have. I'm sorry. From now on, what she hears is your call" (`owned-it`).
The ending still said "tell Keisha plainly that you carry no one's plan for her", as if
the trainee had said nothing to her (trainee playtest 28; as A Check-In Call's ending once
sent a trainee who had told Tasha everything to supervision with Tasha, trainee playtest 26).
"""

from __future__ import annotations

from sim.engine import Run
from sim.loading import load_library

OWNED_IT = [3, 2, 1, 2, 3, 1, 2, 1, 4, 4, 3, 2]  # keisha-angry#2, "I said more than I should"
DEFENDED = OWNED_IT[:6] + [1] + OWNED_IT[7:]  # keisha-angry#1, "I was only trying to help"


def _ending(numbers: list[int]) -> tuple[str, str]:
    run = Run.begin(load_library().get("family-pressure"))
    for n in numbers:
        run.settle()
        run.choose(n)
    run.settle()
    assert run.over
    return run.state.ending or "", " ".join(run.ending_text.split())


def test_a_coach_who_owned_the_slip_to_keisha_is_not_told_to_go_and_tell_her():
    ending, text = _ending(OWNED_IT)
    assert ending == "in-the-middle"
    assert "tell Keisha plainly" not in text, text
    # the slip is still named, and still goes to supervision
    assert "You told Denise you would bring up the residential place" in text
    assert "When Keisha asked, you owned it" in text
    assert "supervisor" in text


def test_a_coach_who_defended_it_is_still_told_to_tell_her():
    ending, text = _ending(DEFENDED)
    assert ending == "in-the-middle"
    assert "tell Keisha plainly that you carry no one's plan for her" in text
    assert "you owned it" not in text
