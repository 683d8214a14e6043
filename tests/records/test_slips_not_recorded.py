"""A schema-2 store's finished runs kept no critical slips: every place that shows slips
says so, rather than "none" or a zero.

Those runs' debriefs were kept before peer-sim recorded which lines were critical
slips. `runs`, `progress`, the Markdown export and the class summary (text, CSV, JSON)
showed nothing, "none" or 0 for them: a trainer reading "No critical slip in any finished
run" took a crisis conversation that went badly for a clean one.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from sim.records.record import SLIPS_UNRECORDED
from tests.core.test_hostile_files import run_main

from .test_stores_of_every_older_version import FIXTURES, _load

V2 = FIXTURES / "v2-1e407d7.sql"
V4 = sorted(FIXTURES.glob("v4-*.sql"))[-1]


def _finished(records_dir: Path, dump: Path) -> list[int]:
    return [r["id"] for r in _load(records_dir, dump) if r["status"] == "finished"]


def test_a_schema_2_store_says_its_slips_were_not_recorded(records_dir):
    finished = _finished(records_dir, V2)
    assert len(finished) == 3

    code, out = run_main(["runs"])
    assert code == 0, out
    for line in out.splitlines()[2:]:
        if int(line.split()[0]) in finished:
            assert line.endswith("critical slips not recorded"), line

    code, out = run_main(["progress"])
    assert code == 0, out
    assert "Critical slips not recorded: runs 1, 2, 3 were kept by an older" in out, out

    for run in finished:
        code, out = run_main(["export", str(run), "--format", "md"])
        assert code == 0, out
        assert f"| Critical slips | {SLIPS_UNRECORDED} |" in out, out
        assert "| Critical slips | none |" not in out
    code, out = run_main(["export", "all", "--format", "md"])
    assert code == 0 and out.count("| not recorded |") == 3, out
    assert "| none |" not in out, out

    code, out = run_main(["report"])
    assert code == 0, out
    assert "No critical slip in any finished run." not in out, out
    assert "No critical slip in any finished run that kept them." in out, out
    assert "critical slips not recorded in 3 runs" in out, out
    assert "(your own runs): runs 1, 2, 3" in out, out

    code, out = run_main(["report", "--format", "csv"])
    row = next(csv.DictReader(io.StringIO(out)))
    assert row["critical_slips"] == "0" and row["critical_slips_not_recorded"] == "3", row

    code, out = run_main(["report", "--format", "json"])
    trainee = json.loads(out)["trainees"][0]
    assert trainee["critical_slips_not_recorded"] == [{"run": r} for r in finished], trainee


def test_a_store_that_kept_slips_says_nothing_of_the_kind(records_dir):
    _finished(records_dir, V4)
    outs = [run_main(args)[1] for args in (["runs"], ["progress"], ["report"])]
    outs.append(run_main(["export", "all", "--format", "md"])[1])
    for out in outs:
        assert "not recorded" not in out, out
    row = next(csv.DictReader(io.StringIO(run_main(["report", "--format", "csv"])[1])))
    assert row["critical_slips_not_recorded"] == "0", row
