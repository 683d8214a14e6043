"""'Why this ending' names the moment an ending was decided at, when that was earlier.

A poor ending decided when low trust sent the person out of the room, three decisions
before the last, was explained as "After decision 12 the conversation goes straight on
to this ending": true, and no help to a trainee asking why it was poor.
"""

from __future__ import annotations

import re
from pathlib import Path

from sim.debrief import build_debrief
from sim.engine import Run
from sim.loading import catalogue_for_scenario, load_scenario

FIXTURE = Path(__file__).parent / "fixtures" / "why-reached.toml"


def _why(numbers: list[int]) -> tuple[str, ...]:
    scenario = load_scenario(FIXTURE)
    run = Run.begin(scenario)
    for n in numbers:
        while not run.waits_for_choice and not run.over:
            run.advance()
        run.choose(n)
    while not run.over:
        run.advance()
    return build_debrief(run, catalogue_for_scenario(scenario)).why


def test_the_branch_that_sent_the_run_out_is_named_with_its_threshold_and_the_meters_then():
    (why,) = _why([2, 1])  # trust 40 after "Jobs like that never last."
    # in the order it happened: the moment that decided it, then the ending; "After decision
    # 11, the conversation goes straight on to this ending, since after decision 9 you had
    # trust 43, and ..." read backwards (trainee20). The quote ends its own sentence: a colon
    # after it read '.”:' (review-16a)
    assert why == (
        "After decision 2 you had trust 40; with trust 44 or less the conversation turns to "
        "the moment “Lee is already half out of the chair.” From there, the conversation goes "
        "straight on to this ending."
    ), why


def test_a_moment_decided_earlier_than_the_last_decision_is_told_first():
    from sim.loading import bundled_dir

    scenario = load_scenario(bundled_dir() / "first-meeting.toml")
    run = Run.begin(scenario)
    for n in [2, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]:
        while not run.waits_for_choice and not run.over:
            run.advance()
        if run.over:
            break
        run.choose(n)
    while not run.over:
        run.advance()
    (why,) = build_debrief(run, catalogue_for_scenario(scenario)).why
    decided = re.match(r"After decision (\d+) you had trust \d+; with trust \d+ or less the ", why)
    assert decided, why
    ended = re.search(r"From there, after decision (\d+), the conversation goes straight", why)
    assert ended and int(ended.group(1)) > int(decided.group(1)), why


def test_a_quoted_line_keeps_its_capitals_where_a_sentence_starts_with_it():
    # str.capitalize lower-cased the rest: "what you said at decision 3 (“i'm not a counselor…”)"
    from sim.debrief.words import upper_first

    said = "what you said at decision 3 (“I'm not a counselor, I'm a…”)"
    assert upper_first(said) == "What you said at decision 3 (“I'm not a counselor, I'm a…”)"
    assert upper_first("") == ""


def test_a_run_that_stayed_is_told_by_its_meters_as_before():
    why = " ".join(_why([1, 1]))
    assert "half out of the chair" not in why and "trust 55" in why
