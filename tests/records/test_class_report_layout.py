"""The class summary's layout: counts first, the slips one a line last; scenarios by id.

A class of twenty listed up to 200 critical-slip lines before its endings and
principles; and endings were added up by title, so a scenario copied under a new
file name (same title, edited) had its endings counted as the original's.
"""

from __future__ import annotations

import json
import shutil

from sim.cli import main

from .conftest import BUNDLED, load, path_to_ending, play


def test_slips_come_after_endings_and_principles_and_each_row_counts_them(capsys):
    assert play("crisis-moment", "poor", ("--trainee", "Ana")) == 0
    assert play("first-meeting", "strong", ("--trainee", "Ben")) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    ana = next(line for line in text.splitlines() if line.startswith("  Ana: "))
    ben = next(line for line in text.splitlines() if line.startswith("  Ben: "))
    assert "critical slip" in ana and "critical slip" not in ben
    slips = text.index("Critical slips in finished runs")
    assert text.index("Endings reached, per scenario:") < slips
    assert text.index("Weakest principles across the class") < slips
    assert text.index("  Ana: ") < text.index("Endings reached")  # the row, before the list


def test_two_scenarios_sharing_a_title_keep_their_endings_apart(tmp_path, capsys):
    folder = tmp_path / "library"
    folder.mkdir()
    copy = folder / "crisis-copy.toml"
    shutil.copy(BUNDLED / "crisis-moment.toml", copy)  # the same title, "Crisis Moment"
    assert play("crisis-moment", "poor", ("--trainee", "Ana")) == 0
    strong = ",".join(map(str, path_to_ending(load("crisis-moment"), "strong")))
    assert main(["--trainee", "Ben", "play", str(copy), "--choices", strong]) == 0
    capsys.readouterr()
    assert main(["report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {e["scenario_id"] for e in data["endings"]}
    assert ids == {"crisis-moment", "crisis-copy"}
    titles = {e["scenario_id"]: e["scenario"] for e in data["endings"]}
    assert titles["crisis-copy"] == titles["crisis-moment"] == "Crisis Moment"
    outcomes = {e["scenario_id"]: e["outcome"] for e in data["endings"]}
    assert outcomes == {"crisis-moment": "poor", "crisis-copy": "strong"}
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert "  Crisis Moment (crisis-copy):" in text
    assert "  Crisis Moment (crisis-moment):" in text
    slips = [s for t in data["trainees"] for s in t["critical_slips"]]
    assert slips and all(s["scenario_id"] and s["scenario"] == "Crisis Moment" for s in slips)
