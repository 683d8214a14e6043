"""The records file removed or replaced by another program while a run is played: the run
goes on in the file now there (it was written into the old one, gone with it), and the
trainee is told in one line."""

from __future__ import annotations

import os
import sqlite3

from sim.engine import Run
from sim.records.recorder import Recorder
from sim.records.store import Store

from .conftest import load


def _playing(folder):
    recorder = Recorder.open(str(folder))
    run = Run.begin(load("first-meeting"))
    recorder.begin(run, "practice", None)
    for _ in range(2):
        run.settle()
        run.choose(run.offers()[0].number)
        recorder.update(run)
    assert recorder.run_id is not None and not recorder.take_messages()
    return recorder, run


def _to_the_end(recorder, run) -> list[str]:
    while True:
        run.settle()
        if run.over:
            break
        run.choose(run.offers()[0].number)
        recorder.update(run)
    recorder.update(run)
    return recorder.take_messages()


def _replaced_line(messages: list[str]) -> None:
    [said] = messages
    assert "records.db was removed or replaced by another program while you played" in said
    assert "this run is kept, recorded from its start in the records file now there" in said


def _one_whole_run(folder, run) -> None:
    store = Store.open(str(folder))
    [kept] = store.runs()
    finished = store.last_finished()
    assert finished is not None and finished.id == kept.id
    assert len(finished.decisions) == len(run.state.decisions)


def test_a_records_file_deleted_and_made_again_mid_run_gets_the_run(tmp_path):
    recorder, run = _playing(tmp_path)
    for leftover in tmp_path.iterdir():  # another process deletes the records...
        leftover.unlink()
    Store.open(str(tmp_path)).close()  # ...and starts new ones
    _replaced_line(_to_the_end(recorder, run))
    _one_whole_run(tmp_path, run)


def test_a_copy_of_the_same_store_moved_over_it_goes_on_with_the_same_run(tmp_path):
    recorder, run = _playing(tmp_path)
    assert recorder.store is not None
    copy = sqlite3.connect(tmp_path / "copy.db")
    recorder.store.conn.backup(copy)  # a copy of the store as it is now, run in play
    copy.close()
    os.replace(tmp_path / "copy.db", tmp_path / "records.db")
    _replaced_line(_to_the_end(recorder, run))
    # the run the copy holds goes on to its ending: one run, not a second beside it
    _one_whole_run(tmp_path, run)


def test_a_records_file_removed_between_runs_is_made_again_for_the_next(tmp_path):
    recorder, run = _playing(tmp_path)
    assert _to_the_end(recorder, run) == []
    recorder.release()
    for leftover in tmp_path.iterdir():
        leftover.unlink()
    run = Run.begin(load("first-meeting"))
    recorder.begin(run, "practice", None)
    [said] = recorder.take_messages()
    assert said.endswith("runs from now on are recorded in the records file now there.")
    assert _to_the_end(recorder, run) == []
    [kept] = Store.open(str(tmp_path), trainee=None).runs()
    assert kept.finished


def test_the_same_file_is_not_taken_as_replaced(tmp_path):
    store = Store.open(str(tmp_path))
    store.begin("s", "S", "d", "practice", {})
    assert not store.replaced()
    assert not Store.open_read_only(str(tmp_path)).replaced()  # a reader never asks
