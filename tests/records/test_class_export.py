"""`peer-sim report --format csv|json`: the class summary a programme's spreadsheet reads.

Trainee names are typed by anyone in the room: one starting with `=` must stay a
name in the spreadsheet, not become a formula.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sim.cli import main
from sim.records.class_export import COLUMNS
from tests.records.conftest import play


def _class() -> None:
    assert play("first-meeting", "poor", ("--trainee", "Sam")) == 0
    assert play("be-my-sponsor", "strong", ("--trainee", "sam")) == 0
    assert play("first-meeting", "strong", ("--trainee", '=HYPERLINK("http://x","y")')) == 0
    assert play("first-meeting") == 0  # the owner's own run, no name


def test_csv_has_a_row_per_trainee_and_no_formula(capsys) -> None:
    _class()
    capsys.readouterr()
    assert main(["report", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    by_name = {r["trainee"]: r for r in rows}
    assert set(by_name) == {"Sam", '\'=HYPERLINK("http://x","y")', "(your own runs)"}
    sam = by_name["Sam"]
    assert (sam["finished"], sam["strong"], sam["poor"], sam["scenarios"]) == ("2", "1", "1", "2")
    assert sam["critical_slips"].isdigit() and sam["critical_slips_taken_back"] == "0"
    assert sam["weakest_principle"] and 0 <= int(sam["weakest_honoured_pct"]) <= 100
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())
    assert out.endswith("\n") and "\\r" not in out


def test_json_holds_the_whole_summary_with_a_format_version(tmp_path: Path, capsys) -> None:
    _class()
    capsys.readouterr()
    target = tmp_path / "class.json"
    assert main(["report", "--format", "json", "-o", str(target)]) == 0
    assert f"Wrote the class summary (json) to {target}" in capsys.readouterr().err
    data = json.loads(target.read_text())
    assert data["peer_sim_class_report"] == 1 and data["generated_at"].endswith("+00:00")
    names = [t["name"] for t in data["trainees"]]
    assert names == ['=HYPERLINK("http://x","y")', "Sam", None]  # None: no name given
    sam = data["trainees"][1]
    assert sam["outcomes"] == {"strong": 1, "mixed": 0, "poor": 1}
    assert sam["scenarios"] == ["be-my-sponsor", "first-meeting"]
    assert all(
        set(slip) == {"run", "scenario", "mode", "decision", "kind"}
        for slip in sam["critical_slips"]
    )
    assert {e["scenario"] for e in data["endings"]} == {"First Meeting", "Be My Sponsor"}
    assert all(p["honoured"] + p["undermined"] > 0 for p in data["principles"])


def test_text_is_still_the_default_and_can_go_to_a_file(tmp_path: Path, capsys) -> None:
    _class()
    capsys.readouterr()
    target = tmp_path / "class.txt"
    assert main(["report", "-o", str(target)]) == 0
    text = target.read_text()
    assert text.startswith("Records: ") and "Class summary: 2 trainees, 4 finished runs" in text
    assert capsys.readouterr().out == ""
