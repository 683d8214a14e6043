"""The bundled scenarios, played through by the plain player as a script would."""

from __future__ import annotations

import re

import pytest

from sim.cli import main

RUNS = [
    ("first-meeting", "2,1,2,3,1,1,3,2,2,1,2,3,1", "strong"),
    ("first-meeting", "2,1,2,3,1,1,3,2,2,1,3,3,3", "mixed"),
    ("first-meeting", "1,3", "poor"),
    ("first-meeting", "3,2,1,1,2,2,2,1,1,3,1,2,1,2", "poor"),
    ("return-to-use", "3,2,3,1,2,2,1,1,3,1,3,1,3", "strong"),
    ("return-to-use", "3,2,3,1,3,2,1,1,3,1,3,1,3", "mixed"),
    ("return-to-use", "1,1,2", "poor"),
    ("be-my-sponsor", "2,3,3,3,2,1,2,1,2,1,1", "strong"),
    ("be-my-sponsor", "1,1,3,3,3,2,1,2,1,2,1,1", "mixed"),
    ("be-my-sponsor", "2,3,3,3,2,1,3,1,2,1,2", "poor"),
    ("crisis-moment", "2,1,2,3,2,3,2,1,2,1,1", "strong"),
    ("crisis-moment", "1,2,1,1,2", "poor"),
    ("crisis-moment", "2,1,2,1,3,2,1,2,1,1", "mixed"),
    ("crisis-moment", "2,1,3,3,2", "mixed"),
]


@pytest.mark.parametrize(("scenario", "choices", "outcome"), RUNS)
def test_scripted_plain_run_reaches_its_ending_and_debrief(capsys, scenario, choices, outcome):
    assert main(["play", scenario, "--plain", "--choices", choices]) == 0
    out = capsys.readouterr().out
    assert f"({outcome} outcome)" in out
    assert "\nWhy this ending\n" in out
    assert "\nYour decisions\n" in out and "\nPrinciples\n" in out
    assert out.count("You said:") == len(choices.split(","))
    assert "\nTo reflect on\n" in out


def test_first_meeting_debrief_names_principles_both_ways(capsys):
    main(["play", "first-meeting", "--plain", "--choices", "1,2,2,3,2,1,3,2,2,1,3,3,1"])
    out = capsys.readouterr().out
    # the scorecard: both verdicts on one principle, by decision number
    assert re.search(r": honoured \d+ \(at [\d, ]+\); undermined \d+ \(at [\d, ]+\)", out)
    assert "Stronger here:" in out
