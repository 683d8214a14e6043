"""Trainee playtest 8, the screen-reader trainee in the plain player: what they heard."""

from __future__ import annotations

from sim.cli import main


def test_the_plain_intro_says_who_is_in_the_scene_and_meters_read_as_words(capsys) -> None:
    # the app's "With" panel had no plain counterpart: a supervisor came up unintroduced;
    # and "Trust 36/100" was read aloud as "36 slash 100"
    assert main(["play", "first-meeting", "--plain", "--choices", "2"]) == 1
    out = capsys.readouterr().out
    intro = out.partition("Content notes:")[0]
    assert "\nWith:\n  Dana: 34. Survived an opioid overdose" in intro
    assert "\n  Rosa: Your supervisor at the recovery community center.\n" in intro
    assert "·" not in intro
    assert "Trust 35 of 100   Empowerment 40 of 100" in out
    assert "Trust 41 of 100 (+6, up)" in out and "/100" not in out
