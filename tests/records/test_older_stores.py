"""Stores whose schema number lags: read where they cannot be written, and opened
where what they hold is ahead of their number (adversarial-13).

A trainer reading an older class store from a read-only share was told it "cannot be
read without writing them"; a store holding a column its version did not yet count
(added by hand, or by a test build) stopped every run from recording with "the records
folder cannot be written (duplicate column name: words)", about a folder that could be.
"""

from __future__ import annotations

import hashlib
import sqlite3

from sim.cli import main
from sim.records import Store
from sim.records.schema import VERSION
from tests.records.conftest import old_store


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_older_store_reads_without_being_written(records_dir):
    old_store(records_dir, upto=1)
    path = records_dir / "records.db"
    before = _digest(path)
    store = Store.open_read_only()
    try:
        (run,) = store.runs()
        assert run.scenario_id == "first-meeting" and run.finished and run.trainee == ""
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    finally:
        store.close()
    assert _digest(path) == before  # read in memory; the file is as it was
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    db.close()


def test_a_store_ahead_of_its_number_opens_and_records(records_dir, capsys):
    old_store(
        records_dir,
        upto=2,
        extra=("ALTER TABLE decisions ADD COLUMN words TEXT NOT NULL DEFAULT ''",),
    )
    main(["play", "first-meeting", "--choices", "1"])  # stops short: kept as left
    out = capsys.readouterr()
    assert "Nothing is recorded" not in out.out + out.err, out
    store = Store.open()
    try:
        assert store.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
        assert [r.scenario_id for r in store.runs()] == ["first-meeting", "first-meeting"]
    finally:
        store.close()
