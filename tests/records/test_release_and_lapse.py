"""A run in play on another machine sharing the store lapses, or a supervisor releases it.

Such a run's process cannot be asked about, so it read as "being played" for ever: one
given up on a classroom's machine (a tab left open over a weekend, a machine switched
off) was never offered for resume and never sent. It now lapses `LAPSE_HOURS` after
its last move (offered for resume, as any run left off), and `peer-sim runs --release
ID` keeps it as left unfinished at once, so the next sync sends it. The process that
played it, should it still run, is refused its next line rather than mixing its lines
into a run another process holds.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sim.engine import Run
from sim.records.owner import LAPSE_HOURS
from sim.records.recorder import Recorder
from sim.records.store import Store
from tests.core.test_hostile_files import run_main

from .conftest import load, play
from .test_one_sync_at_a_time import _server

TWO_SLIPS = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "why-two-slips.toml"


def _ago(hours: float) -> str:
    at = datetime.now(timezone.utc) - timedelta(hours=hours)
    return at.isoformat(timespec="milliseconds")


def _in_play_on_another_machine(hours_ago: float) -> None:
    """Dee's run, one line said, as a classroom machine sharing the store left it."""
    # the script runs out after one line: the run is kept, left unfinished
    run_main(["play", str(TWO_SLIPS), "--choices", "1", "--trainee", "Dee"])
    with sqlite3.connect(Store.open().path) as db:
        db.execute(
            "UPDATE runs SET owner = 'classroom-pc:4242', status = 'playing', updated_at = ?",
            (_ago(hours_ago),),
        )
    db.close()


def _sync(server) -> tuple[int, str]:
    url = f"http://127.0.0.1:{server.server_port}/xAPI/"
    code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    return code, " ".join(out.split())


def test_a_supervisor_releases_a_run_in_play_elsewhere_and_sync_sends_it(records_dir):
    _in_play_on_another_machine(hours_ago=1)
    code, out = run_main(["runs"])
    assert "being played on another machine, classroom-pc" in out, out
    with _server() as server:
        server.go_on.set()
        code, out = _sync(server)
        assert "Of them, 1 is in play on another machine (classroom-pc" in out, out
        assert "`peer-sim runs --release ID` keeps one as left unfinished" in out, out
        assert f"each lapses {LAPSE_HOURS} hours after its last move" in out, out
        assert not server.posted

        code, out = run_main(["runs", "--release", "1"])
        assert code == 0, out
        assert "Run 1 (Dee, Two slips, 1 choice), in play on classroom-pc" in out, out
        assert "is released: kept as left unfinished" in out, out
        code, out = run_main(["runs"])
        assert "left unfinished after 1 choice" in out and "another machine" not in out, out

        code, out = _sync(server)
        assert code == 0 and "Sent 1 run" in out, out
        code, out = run_main(["export", "1", "--format", "xapi"])
        statements = json.loads(out)
        assert statements[-1]["verb"]["id"].endswith("/terminated"), statements[-1]
        assert sorted(server.posted) == sorted(s["id"] for s in statements)

    code, out = run_main(["runs", "--release", "1"])  # again: said, nothing changed
    assert code == 0 and "is already left unfinished" in out, out


def test_release_refuses_what_it_cannot_release(records_dir):
    assert play("first-meeting") == 0
    code, out = run_main(["runs", "--release", "1", "--release", "7"])
    assert code == 1, out
    assert "Run 1 (your own, First Meeting, " in out and "is finished" in out, out
    assert "Run 7: no such run here" in out, out
    code, out = run_main(["runs", "--release", "one"])
    assert code != 0 and "--release takes a run's id" in out, out


def test_a_run_in_play_on_this_machine_is_not_released(records_dir):
    recorder = Recorder.open(str(records_dir))
    run = Run.begin(load("first-meeting"))
    recorder.begin(run, "practice", None)
    run.settle()
    run.choose(run.offers()[0].number)
    recorder.update(run)
    assert recorder.run_id is not None
    code, out = run_main(["runs", "--release", str(recorder.run_id)])
    assert code == 1 and "is being played now by process" in out, out
    assert Store.open().get(recorder.run_id).status == "playing"


def test_a_run_idle_past_the_lapse_on_another_machine_is_offered_for_resume(records_dir):
    _in_play_on_another_machine(hours_ago=LAPSE_HOURS + 1)
    code, out = run_main(["runs"])
    assert "(resumable: its last move on classroom-pc" in out, out
    assert f"is over {LAPSE_HOURS} hours old" in out and "being played" not in out, out
    code, out = run_main(
        ["play", str(TWO_SLIPS), "--plain", "--trainee", "Dee"], stdin="y\n" + "\n" * 20
    )
    assert "Resume it?" in out and "(Resumed after 1 choice" in out, out


def test_a_run_taken_over_elsewhere_is_not_written_by_its_old_process(records_dir):
    recorder = Recorder.open(str(records_dir))
    run = Run.begin(load("first-meeting"))
    recorder.begin(run, "practice", None)
    run.settle()
    run.choose(run.offers()[0].number)
    recorder.update(run)
    run_id = recorder.run_id
    assert run_id is not None
    # lapsed here, then resumed on another machine: that machine owns it now
    with sqlite3.connect(Store.open().path) as db:
        db.execute("UPDATE runs SET owner = 'classroom-b:77' WHERE id = ?", (run_id,))
        before = db.execute("SELECT progress FROM runs WHERE id = ?", (run_id,)).fetchone()[0]
    db.close()
    while not run.over:
        run.settle()
        if run.over:
            break
        run.choose(run.offers()[0].number)
        recorder.update(run)
    recorder.update(run)
    said = " ".join(recorder.take_messages())
    assert "This run is no longer recorded here" in said, said
    stored = Store.open().get(run_id)
    assert stored is not None and stored.status == "playing" and stored.owner == "classroom-b:77"
    assert json.loads(before) == stored.progress  # nothing of this process's lines went in
