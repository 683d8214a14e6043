"""A disk that fills up: SQLite's own size limit (`max_page_count`) gives the same
SQLITE_FULL a full disk does, so these run anywhere (plan/adversarial-5.md found
them with a 600 KB tmpfs)."""

from __future__ import annotations

import sqlite3

import pytest

from sim.engine import Run
from sim.records.recorder import Recorder
from sim.records.schema import migrate
from sim.records.store import Store

from .conftest import load


def test_a_full_disk_while_creating_the_store_names_the_full_disk(tmp_path):
    # migrate rolled back a transaction SQLite had already rolled back, and the
    # message was "cannot rollback - no transaction is active".
    conn = sqlite3.connect(tmp_path / "records.db", isolation_level=None)
    conn.execute("PRAGMA max_page_count = 2")
    with pytest.raises(sqlite3.OperationalError, match="full"):
        migrate(conn)
    assert not conn.in_transaction


def test_a_full_disk_mid_run_keeps_what_was_saved_and_says_so(tmp_path, capsys):
    scenario = load("first-meeting")
    recorder = Recorder.open(str(tmp_path))
    run = Run.begin(scenario)
    recorder.begin(run, "practice", None)
    run.settle()
    run.choose(run.offers()[0].number)
    recorder.update(run)
    assert recorder.run_id is not None
    store = recorder.store
    assert store is not None
    pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
    store.conn.execute(f"PRAGMA max_page_count = {pages}")  # the disk is now full
    while not run.over:
        run.settle()
        if run.over:
            break
        run.choose(run.offers()[0].number)
        recorder.update(run)
    recorder.update(run)
    assert recorder.finished_id is None and not recorder.enabled
    [message] = recorder.take_messages()
    assert "full" in message and "resumed from there" in message and "not saved" not in message
    # what was saved before stays, unfinished (offered for resume once this process is gone)
    [kept] = Store.open(str(tmp_path)).runs()
    assert kept.id == recorder.run_id and kept.status == "playing" and kept.choices_made >= 1
