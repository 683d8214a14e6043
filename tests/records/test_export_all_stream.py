"""`export all` reads and writes one run at a time, and writes what it wrote before.

Every finished run was read whole (debrief, decisions) and the whole file built
in memory before a byte was written: 1,250 runs held 620 MB, a class's 10,000
several GB (adversarial-10). Now 26 MB; the files are the same, byte for byte.
"""

from __future__ import annotations

import argparse
import json
import sqlite3

import pytest

from sim.commands.records_common import finder
from sim.records import Store
from sim.records import export as ex
from sim.records.xapi import MomentNames, statements
from sim.text import json_text
from tests.core.test_hostile_files import assert_safe, run_main

from .conftest import play


@pytest.fixture
def three(records_dir):
    for prefer in ("poor", "strong", None):
        assert play("first-meeting", prefer) == 0
    return records_dir


def _whole(fmt: str) -> str:
    """The export as it was made before: every run read, then one text."""
    store = Store.open(None, None)
    found = store.finished_with_decisions()
    if fmt == "json":
        runs = [ex.to_json(r, store.actor(r.trainee)) for r in found]
        return json_text({"peer_sim_exports": 1, "trainee": None, "runs": runs}) + "\n"
    moments = MomentNames(finder(argparse.Namespace(scenarios=None)))
    batch = [s for r in found for s in statements(r, store.actor(r.trainee), moments)]
    return json_text(batch) + "\n"


@pytest.mark.parametrize("fmt", ["json", "xapi", "md"])
def test_one_run_is_held_at_a_time_and_the_file_is_as_before(three, fmt, runs_held) -> None:
    before = None if fmt == "md" else _whole(fmt)
    held = runs_held
    held.clear()  # (the reference export above read them all at once)
    code, out = run_main(["export", "all", "--format", fmt])
    assert code == 0, out
    assert_safe(out)
    assert held and max(held) == 1, held
    if before is not None:
        assert out == before
    else:
        # the list of runs, then each run: three separators
        assert out.count("\n\n---\n\n") == 3 and not out.endswith("---\n\n")


def test_runs_that_turn_out_damaged_leave_valid_json(three) -> None:
    conn = sqlite3.connect(three / "records.db")
    conn.execute("UPDATE runs SET progress = 'x'")
    conn.commit()
    conn.close()
    for fmt, empty in (("json", []), ("xapi", [])):
        code, out = run_main(["export", "all", "--format", fmt])
        text = out[out.index("{" if fmt == "json" else "[") :]
        data = json.loads(text[: text.rindex("}" if fmt == "json" else "]") + 1])
        assert (data["runs"] if fmt == "json" else data) == empty, out


def test_a_slow_export_says_once_at_a_terminal_that_it_is_working(three, tmp_path, monkeypatch):
    """~28 ms a run: a year's class was minutes of silence (adversarial-10). At a terminal
    a note goes to stderr once; the file is the same; through a pipe nothing is added."""
    import time

    from sim.commands import export as command

    out = tmp_path / "all.md"
    code, said = run_main(["export", "all", "--format", "md", "-o", str(out)])
    assert code == 0 and "(writing" not in said
    quiet = out.read_text()
    monkeypatch.setattr(command, "SLOW_EXPORT", 0.0)
    monkeypatch.setattr("sim.commands.common.on_terminal", lambda stream: True)
    real = command.write_out

    def slow_write(*args, **kwargs):  # a large class, in effect: the timer has fired
        time.sleep(0.2)
        return real(*args, **kwargs)

    monkeypatch.setattr(command, "write_out", slow_write)
    code, said = run_main(["export", "all", "--format", "md", "-o", str(out)])
    assert code == 0
    assert said.count("(writing 3 runs; a large class can take a few minutes)") == 1, said
    assert out.read_text() == quiet
