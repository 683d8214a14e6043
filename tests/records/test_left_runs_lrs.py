"""Runs left unfinished reach the record store (a real Ralph) once they can no longer change.

A programme reading only `completed` statements never saw an attempt given up, nor a
critical slip said in it: an assessment left when it went badly and played again afresh
showed only the second outcome. A run the trainee declined to resume ("left") never
changes again, so it is sent once, as `responded` per line and one `terminated`; a run that
may still be resumed is not sent until it ends.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sim.cli import main
from sim.records import Store
from tests.core.test_hostile_files import run_main

FIXTURES = Path(__file__).resolve().parents[1] / "core" / "fixtures"
TWO_SLIPS = str(FIXTURES / "why-two-slips.toml")
TERMINATED = "http://adlnet.gov/expapi/verbs/terminated"
EXT = "https://w3id.org/peer-sim/xapi/extensions/"


def _sync(lrs) -> tuple[int, str]:
    return run_main(
        ["--scenarios", str(FIXTURES), "sync", "--lrs", lrs.url, "--user", lrs.user,
         "--password", lrs.password]
    )  # fmt: skip


def _left_with_a_slip() -> Store:
    """Una says a dual relationship (the fixture's 2) and the script stops: the run is left."""
    code, out = run_main(["play", TWO_SLIPS, "--choices", "2", "--trainee", "Una"])
    assert code == 1 and "kept in peer-sim runs as left unfinished" in out, out
    return Store.open(trainee=None)


def test_a_run_left_unfinished_is_sent_once_with_its_critical_slip(lrs, records_dir) -> None:
    (run,) = _left_with_a_slip().runs()
    assert run.status == "left"
    code, out = _sync(lrs)
    assert code == 0, out
    assert "run 1 (Una, why-two-slips, left unfinished): 2 statements sent" in out, out
    got = lrs.get(f"?registration={run.registration}&limit=50")["statements"]
    by_verb = {s["verb"]["id"].rsplit("/", 1)[1]: s for s in got}
    assert sorted(by_verb) == ["responded", "terminated"], got
    said = by_verb["responded"]["result"]["extensions"]
    assert said[EXT + "critical-slip"] == "dual-relationship"
    ended = by_verb["terminated"]["result"]
    assert ended["completion"] is False and "success" not in ended and "score" not in ended
    assert ended["extensions"][EXT + "step"] == 1
    assert ended["extensions"][EXT + "critical-slips"] == [{"step": 1, "kind": "dual-relationship"}]
    # a programme finds every attempt given up by its verb
    found = lrs.get(f"?verb={TERMINATED}&limit=500")["statements"]
    assert run.registration in {s["context"]["registration"] for s in found}
    # marked sent, listed so, and never sent again
    code, out = run_main(["runs"])
    assert "left unfinished after 1 choice, a dual relationship at decision 1, synced" in out
    code, out = _sync(lrs)
    assert code == 0 and "Nothing to send" in out, out
    assert len(lrs.get(f"?registration={run.registration}&limit=50")["statements"]) == 2


def test_a_left_run_sent_again_after_a_lost_mark_is_kept_once(lrs, records_dir) -> None:
    (run,) = _left_with_a_slip().runs()
    assert _sync(lrs)[0] == 0
    with sqlite3.connect(records_dir / "records.db") as db:  # as if killed before the mark
        db.execute("UPDATE runs SET sent_at = NULL")
    code, out = _sync(lrs)
    assert code == 0 and "already held its 2 statements (sent before)" in out, out
    assert len(lrs.get(f"?registration={run.registration}&limit=50")["statements"]) == 2


def test_a_run_that_may_still_be_resumed_is_not_sent(lrs, records_dir) -> None:
    """Stopped at a prompt (the input ended), it is offered for resume: its statements would
    change as it goes on, and a record store keeps the first copy of each for ever."""
    code, out = run_main(["play", TWO_SLIPS, "--plain", "--trainee", "Una"], stdin="\n\n2\n")
    assert "offers to resume it" in out, out
    (run,) = Store.open(trainee=None).runs()
    assert run.status == "playing" and run.choices_made == 1
    code, out = _sync(lrs)
    assert code == 0 and "Nothing to send" in out and "Sending" not in out, out
    # and says where that run is, rather than leave the programme looking for it
    assert "1 run may still be resumed or is being played; it goes once it ends" in out, out
    assert lrs.get(f"?registration={run.registration}")["statements"] == []
    code, out = run_main(["export", "1", "--format", "xapi"])
    assert code == 2 and "may still be resumed" in out, out
    # and the Markdown tells a supervisor to wait for it, not to follow it up as given up
    code, out = run_main(["export", "1", "--format", "md"])
    assert "| Ended | not finished yet: it may still be resumed |" in out, out
    # a sync that sends another run says so too
    code, out = run_main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "Ali"])
    code, out = _sync(lrs)
    assert code == 0 and "Sent 1 run, " in out, out
    assert out.rstrip().endswith("1 run may still be resumed or is being played; it goes once "
                                 "it ends (finished, or left)."), out  # fmt: skip


def test_a_run_left_before_any_line_is_sent_as_one_terminated_at_step_0(lrs, records_dir):
    """A programme sees the attempt: a scenario opened and closed unplayed (it was not
    sent before, and a trainee who avoided the crisis scenario looked like one who never
    opened it)."""
    _left_with_a_slip()
    with sqlite3.connect(records_dir / "records.db") as db:  # begun, and left before a line
        progress = json.loads(db.execute("SELECT progress FROM runs").fetchone()[0])
        progress.update(choices=[], said=[], times=[], slips=[])
        db.execute("UPDATE runs SET progress = ?", (json.dumps(progress),))
    code, out = _sync(lrs)
    assert code == 0 and "Sent 1 run" in out, out
    (run,) = Store.open(trainee=None).runs()
    (stored,) = lrs.get(f"?registration={run.registration}")["statements"]
    assert stored["verb"]["id"] == TERMINATED and stored["result"]["completion"] is False
    assert stored["result"]["extensions"]["https://w3id.org/peer-sim/xapi/extensions/step"] == 0


def test_a_run_left_days_after_its_last_line_counts_the_time_it_was_played(
    records_dir, capsys
) -> None:
    """Declining to resume a run stamps it: a run of seconds, left on Friday and declined
    on Monday, counted three days of playing in the export, the report and the xAPI."""
    _left_with_a_slip()
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute("UPDATE runs SET updated_at = '2099-01-01T00:00:00.000+00:00'")
    capsys.readouterr()
    assert main(["export", "1", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["run"]["seconds_playing"] < 60
    assert main(["--scenarios", str(FIXTURES), "export", "1", "--format", "xapi"]) == 0
    ended = json.loads(capsys.readouterr().out)[-1]
    assert ended["verb"]["id"] == TERMINATED
    assert ended["result"]["duration"].startswith("PT") and "H" not in ended["result"]["duration"]
    assert ended["timestamp"].startswith("2099-01-01")  # when it was left
    assert main(["report", "--format", "json"]) == 0
    (una,) = json.loads(capsys.readouterr().out)["trainees"]
    assert una["seconds_playing"] < 60, una


def test_a_left_run_sent_and_then_finished_is_sent_again(records_dir) -> None:
    """No path finishes a left run today; should one, its `completed` must still go."""
    store = _left_with_a_slip()
    (run,) = store.runs()
    store.mark_sent(run.id, "http://lrs.example.org/xAPI/")
    assert store.unsent_ids() == []
    store.finish(run.id, run.progress, ("steady", "Steady enough", "mixed"), (50, 50), [], None)
    assert store.unsent_ids() == [run.id]
    (again,) = store.runs()
    assert again.sent_at is None and again.sent_to is None


def test_export_all_as_xapi_holds_the_left_runs_sync_sends(records_dir, tmp_path) -> None:
    """A programme that imports files rather than syncing got only finished runs from
    `export all --format xapi`, so the attempt given up and its critical slip never
    reached it; the file now holds what `sync` sends, statement for statement."""
    (run,) = _left_with_a_slip().runs()
    one, every = tmp_path / "one.json", tmp_path / "all.json"
    args = ["--scenarios", str(FIXTURES), "export"]
    code, out = run_main([*args, str(run.id), "--format", "xapi", "-o", str(one)])
    assert code == 0, out
    code, out = run_main([*args, "all", "--trainee", "una", "--format", "xapi", "-o", str(every)])
    assert code == 0, out
    held = json.loads(every.read_text(encoding="utf-8"))
    assert held == json.loads(one.read_text(encoding="utf-8"))
    assert [s["verb"]["id"].rsplit("/", 1)[1] for s in held] == ["responded", "terminated"]
    # Markdown and JSON stay the finished runs a supervisor reads: none yet, said so
    code, out = run_main([*args, "all", "--trainee", "una", "--format", "md"])
    assert code != 0 and "unfinished" in out, out


def test_a_left_run_held_in_an_earlier_form_is_told_of_its_one_statement(lrs, records_dir):
    """A run of one statement held under other contents read "already holds all 1 of its
    statements" (records33)."""
    _left_with_a_slip()
    with sqlite3.connect(records_dir / "records.db") as db:  # begun, and left before a line
        progress = json.loads(db.execute("SELECT progress FROM runs").fetchone()[0])
        progress.update(choices=[], said=[], times=[], slips=[])
        db.execute("UPDATE runs SET progress = ?", (json.dumps(progress),))
    assert _sync(lrs)[0] == 0
    with sqlite3.connect(records_dir / "records.db") as db:  # its mark lost, its name changed
        db.execute("UPDATE runs SET sent_at = NULL, trainee = 'Una Byrne'")
    code, out = _sync(lrs)
    assert code == 0 and "already holds its statement in an earlier form" in out, out
    assert "all 1 of" not in out and "1 statements" not in out, out
    assert "already held its one statement (in an earlier form)" in out, out
