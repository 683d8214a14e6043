"""A run whose every line was taken back and which was then left is one opened and left:
kept as left unfinished (never offered for resume, sent once by sync). Released as a run
that may be resumed, it stayed in play for good: offered to no one (nothing to go on
from), never ended, so never sent, while each sync said it would go once it ended."""

from __future__ import annotations

import json

from sim.engine import Run
from sim.records.recorder import Recorder
from sim.records.store import Store

from .conftest import load


def _said_and_taken_back(folder) -> Recorder:
    recorder = Recorder.open(str(folder))
    run = Run.begin(load("first-meeting"))
    recorder.begin(run, "practice", None)
    run.settle()
    run.choose(run.offers()[0].number)
    recorder.update(run)
    run.undo()  # practice undo, back to the opening
    recorder.update(run)
    return recorder


def test_a_run_left_with_every_line_taken_back_is_left_and_sent(tmp_path):
    recorder = _said_and_taken_back(tmp_path)
    recorder.release()  # back to the library
    store = Store.open(str(tmp_path))
    [run] = store.runs()
    assert (run.status, run.choices_made) == ("left", 0)
    assert run.progress.get("taken_back")  # the line said and taken back is kept
    assert store.unfinished() == [] and store.still_open() == 0
    assert store.unsent_ids() == [run.id]  # sync sends it, as a run opened and left


def test_one_in_play_with_every_line_taken_back_still_waits_to_end(tmp_path):
    recorder = _said_and_taken_back(tmp_path)  # the trainee is at the opening again, now
    assert Store.open(str(tmp_path)).still_open() == 1
    recorder.release()


def test_such_a_run_kept_in_play_by_an_older_peer_sim_is_not_said_to_wait(tmp_path):
    # released "playing" before this: no process will end it, so sync must not promise it
    store = Store.open(str(tmp_path))
    progress = {"choices": [], "taken_back": [{"step": 1, "scene": "hello", "choice": "x"}]}
    store.begin("first-meeting", "First Meeting", "d", "practice", progress)
    store.conn.execute("UPDATE runs SET owner = ''")
    assert store.still_open() == 0
    store.conn.execute("UPDATE runs SET progress = ?", (json.dumps({"choices": [[1]]}),))
    assert store.still_open() == 1  # a line standing: offered for resume, so it may end


def test_its_markdown_says_it_will_not_go_on(tmp_path, monkeypatch, capsys):
    from sim.cli import main

    recorder = _said_and_taken_back(tmp_path)
    recorder.release()
    store = Store.open(str(tmp_path))
    store.begin("first-meeting", "First Meeting", "d", "practice", {"choices": []})
    store.conn.execute("UPDATE runs SET owner = '' WHERE id = 2")  # kept so by an older one
    monkeypatch.setenv("PEER_SIM_DATA_DIR", str(tmp_path))
    for run_id in (1, 2):
        assert main(["export", str(run_id), "--format", "md"]) == 0
        md = capsys.readouterr().out
        assert "| Ended | not finished: left with every line said taken back (" in md, md
        assert "may still be resumed" not in md and "after its last line" not in md


def test_runs_names_it_among_the_runs_with_no_line_kept(tmp_path, monkeypatch, capsys):
    from sim.cli import main

    _said_and_taken_back(tmp_path).release()
    monkeypatch.setenv("PEER_SIM_DATA_DIR", str(tmp_path))
    assert main(["runs"]) == 0
    out = capsys.readouterr().out
    # "with no line said" of a run with a line said (and taken back)
    assert "No run with a line kept yet. Not listed: run 1, with no line kept: opened (or " in out
    assert "and left, or every line taken back; `peer-sim export ID" in out, out
