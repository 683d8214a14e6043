"""A strong ending says so when the run still held a small slip (review 21b's library rule).

Without that sentence "How it ended" reads as flawless over a debrief that marks a slip.
Played through the real engine: runs that mostly take the best line and now and then another,
and every run that ends strong while holding a line that undermines a principle (and is no
critical slip: those never end strong) must get at least one `also` paragraph from its ending.
"""

from __future__ import annotations

import random

import pytest

from sim.engine import Run
from sim.loading import bundled_dir, load_library

LIBRARY = load_library([bundled_dir()])
# The scenarios whose strong ending carries the sentence (reviews 21a, 21b, 22a, 22b: all
# twelve); a new bundled scenario joins when its review gives it the sentence.
RULED = [
    "be-my-sponsor",
    "check-in-call",
    "crisis-moment",
    "culture-and-ceremony",
    "different-path",
    "ending-well",
    "family-pressure",
    "first-days-out",
    "first-meeting",
    "house-rules",
    "medication-in-the-ed",
    "return-to-use",
]
SCENARIOS = [s for s in LIBRARY.scenarios if s.id in RULED]


def test_every_ruled_scenario_is_bundled():
    assert sorted(s.id for s in SCENARIOS) == sorted(RULED)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_a_strong_run_holding_a_small_slip_hears_of_it_in_the_ending(scenario):
    rng = random.Random(22)
    slipped_strong = 0
    for _ in range(400):
        run = Run.begin(scenario)
        run.settle()
        while not run.over:
            offers = run.offers()
            best = [o for o in offers if o.choice.best]
            others = [o for o in offers if not o.choice.best and not o.choice.critical]
            pick = rng.choice(others) if others and (not best or rng.random() < 0.15) else best[0]
            run.choose(pick.number)
            run.settle()
        ending = run.ending
        assert ending is not None
        if ending.outcome != "strong":
            continue
        slips = [
            d.choice_id
            for d in run.state.decisions
            if "undermines" in scenario.scenes[d.scene].choices[d.index].principles.values()
        ]
        if not slips:
            continue
        slipped_strong += 1
        state = run.state
        said = [
            a.text
            for a in ending.also
            if a.when.holds(state.trust, state.empowerment, state.flags, state.visited)
        ]
        assert said, (scenario.id, slips, [d.choice_id for d in state.decisions])
    if scenario.id != "crisis-moment":  # only the flawless run ends strong there
        assert slipped_strong > 0, "no strong run held a small slip: the test saw nothing"
