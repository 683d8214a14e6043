"""An unfinished run exported as JSON lists the decisions made so far.

The store writes a run's decisions at its ending; before that, the export held
`"decisions": []` beside the choices in its progress, which a programme's script
reads as a run where nothing was decided.
"""

from __future__ import annotations

import json
import shutil

from sim.cli import main

from .conftest import BUNDLED


def _export(capsys, *extra: str) -> dict:
    capsys.readouterr()
    assert main([*extra, "export", "1", "--format", "json"]) == 0
    return json.loads(capsys.readouterr().out)["run"]


def test_an_unfinished_runs_json_has_its_decisions_so_far(records_dir, capsys):
    main(["play", "crisis-moment", "--choices", "2,2"])  # two choices, then out of them
    run = _export(capsys)
    assert run["status"] == "left" and run["ending"] is None  # a script that stops short
    decisions = run["decisions"]
    assert [d["choice_id"] for d in decisions] == run["progress"]["choices"]
    assert [d["step"] for d in decisions] == [1, 2]
    assert [d["said"] for d in decisions] == run["progress"]["said"]
    assert [d["decided_at"] for d in decisions] == run["progress"]["times"]
    first, second = decisions
    assert first["trust_before"] == run["progress"]["start"]["trust"]
    assert second["trust_before"] == first["trust_after"]
    assert second["verdicts"]["crisis-referral"] == "undermines"


def test_not_rebuilt_on_a_scenario_changed_since(records_dir, tmp_path, capsys):
    """Meters and verdicts from the changed scenario would be another run's: none is given."""
    folder = tmp_path / "mine"
    folder.mkdir()
    copy = folder / "crisis-copy.toml"
    shutil.copy(BUNDLED / "crisis-moment.toml", copy)
    main(["play", str(copy), "--choices", "2,2"])
    assert len(_export(capsys, "--scenarios", str(folder))["decisions"]) == 2
    copy.write_text(copy.read_text().replace("What's going on?", "What is going on?", 1))
    run = _export(capsys, "--scenarios", str(folder))
    assert run["decisions"] == [] and len(run["progress"]["choices"]) == 2
