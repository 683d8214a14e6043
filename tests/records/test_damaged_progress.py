"""A stored run whose saved progress is damaged in one field: export names the field and
writes the rest.

Each reader drops what does not read (a slip whose step is not a number, a start with
trust "lots"), so the export went on; but it said nothing, and a supervisor was handed a
run quietly missing its slips (adversarial-13).
"""

from __future__ import annotations

import json
import sqlite3

import pytest

from sim.records.saved_progress import damage
from tests.core.test_hostile_files import assert_safe, run_main
from tests.records.conftest import play

DAMAGE = [
    ("$.start.trust", '"lots"', "start.trust, which is not a whole number from 0 to 100"),
    ("$.start", "7", "start, which is not an object"),
    ("$.slips", '[{"step": "nine", "kind": "confidentiality"}]', "slips[0].step"),
    ("$.slips", '[{"step": 2, "kind": 5}]', "slips[0].kind"),
    ("$.slips", '"\\u001b[2J"', "slips, which is not a list"),
    ("$.said[0]", "7", "said[0], which is not text"),
    ("$.away", '[["x", 1]]', "away[0], which is not two times"),
    ("$.taken_back", '[{"step": 0}]', "taken_back[0].step"),
    ("$.own_words", '"yes"', "own_words"),
    ("$.mode", '"\\nFAKE"', "mode, which is not practice or assessment"),
]


def damaged_store(records_dir, field: str, value: str) -> None:
    with sqlite3.connect(records_dir / "records.db") as conn:
        conn.execute(
            "UPDATE runs SET progress = json_set(progress, ?, json(?)) WHERE id = 1",
            (field, value),
        )


@pytest.mark.parametrize(("field", "value", "said"), DAMAGE)
def test_export_names_the_damaged_field_and_writes_the_rest(
    records_dir, tmp_path, field, value, said
) -> None:
    assert play("first-meeting", "poor") == 0
    damaged_store(records_dir, field, value)
    for fmt in ("md", "json", "xapi"):
        out_file = tmp_path / f"run.{fmt}"
        code, out = run_main(["export", "1", "--format", fmt, "-o", str(out_file)])
        assert_safe(out)
        assert code == 0, out
        assert f"Run 1: its saved progress is damaged at {said}" in out, out
        assert "the rest of the run is exported" in out
        assert out_file.stat().st_size > 500
    assert json.loads((tmp_path / "run.json").read_text())["run"]["ending"]["id"]


def test_export_all_names_a_few_damaged_runs_then_counts_the_rest(records_dir, tmp_path) -> None:
    for _ in range(7):
        assert play("first-meeting", "poor") == 0
    with sqlite3.connect(records_dir / "records.db") as conn:
        conn.execute("UPDATE runs SET progress = json_set(progress, '$.mode', 3) WHERE id > 1")
    code, out = run_main(["export", "all", "-o", str(tmp_path / "all.md")])
    assert_safe(out)
    assert code == 0 and "Wrote 7 runs" in out, out
    named = [n for n in range(2, 8) if f"Run {n}: its saved progress is damaged" in out]
    assert named == [2, 3, 4, 5], out
    assert "The saved progress of 2 more runs is damaged too (6, 7)" in out


def test_a_run_as_peer_sim_wrote_it_has_no_damage(records_dir) -> None:
    assert play("first-meeting", "poor") == 0
    with sqlite3.connect(records_dir / "records.db") as conn:
        (progress,) = conn.execute("SELECT progress FROM runs WHERE id = 1").fetchone()
    assert damage(json.loads(progress)) is None
    code, out = run_main(["export", "1"])
    assert code == 0 and "damaged" not in out


@pytest.mark.parametrize(("value", "leaked"), [('[["x"]]', "[['x']]"), ("7", "7"), ("{}", "{}")])
def test_typed_words_that_are_not_text_are_not_shown_as_words(
    records_dir, tmp_path, value, leaked
) -> None:
    # an own-words run left after its first line; its words then damaged by hand
    code, out = run_main(["play", "first-meeting", "--plain", "--own-words"], "\nhello there\n2\n")
    assert "You wrote: “hello there”" in out, out[-800:]
    damaged_store(records_dir, "$.words[0]", value)
    code, out = run_main(["export", "1", "--format", "md"])
    assert_safe(out)
    assert code == 0 and "damaged at words[0], which is not text" in out, out
    # the replayed debrief read str() of it as the trainee's words
    assert f"**In their own words:** {leaked}" not in out.replace("\\", ""), out
    assert "**In their own words:** *(nothing typed)*" in out, out
    code, out = run_main(["export", "1", "--format", "json"])
    assert code == 0
    assert f'"words": "{leaked}"' not in out.replace("\\", ""), out
