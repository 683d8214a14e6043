"""`peer-sim test --slips N` stops and says so, whatever N.

With more slips than any path can hold, the search walked every path of the
scenario: `--slips 30` on the bundled first meeting ran for hours.
"""

from __future__ import annotations

from pathlib import Path

from sim import engine
from sim.authoring import slips
from sim.cli import main
from sim.loading import load_scenario

FIRST = Path(__file__).parents[2] / "scenarios" / "first-meeting.toml"


def test_more_slips_than_a_path_holds_stops_after_its_moves(monkeypatch):
    played = []
    choose = engine.Run.choose
    monkeypatch.setattr(engine.Run, "choose", lambda run, n: played.append(n) or choose(run, n))
    rep = slips.slip_paths(load_scenario(FIRST), 30, moves=3_000)
    assert rep.paths == [] and rep.truncated and rep.searched
    assert len(played) <= 3_000 + 50  # the best path's own moves come first


def test_the_report_says_why_it_stopped(monkeypatch, capsys):
    monkeypatch.setattr(slips, "MAX_MOVES", 3_000)
    assert main(["test", "--slips", "30", str(FIRST)]) == 0
    out = capsys.readouterr().out
    assert "0 path(s) with exactly 30 slips (stopped early)" in out
    assert "the search stopped after 3,000 moves" in out and "try fewer" in out


def test_a_harmless_slip_is_not_warned_when_the_worst_ending_is_the_best() -> None:
    """Every ending strong: the worst is the best path's outcome, and "one harmless slip
    leads to the worst ending: door-open (strong)" was no finding (small40)."""
    from sim.authoring.slips import SlipPath, SlipReport

    best = SlipPath((1,), (), "door-open", "strong", 5, 5)
    slipped = SlipPath((2,), (), "door-open", "strong", 3, 3)
    report = SlipReport(best, [slipped], 1)
    assert report.harmless_worst("strong") == []
    poor = SlipPath((2,), (), "closed", "poor", 0, 0)
    assert SlipReport(best, [poor], 1).harmless_worst("poor") == [poor]
