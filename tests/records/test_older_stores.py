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
from sim.records.schema import VERSION, migrate


def _old_store(folder, upto: int, extra: tuple[str, ...] = ()) -> None:
    with sqlite3.connect(folder / "records.db", isolation_level=None) as db:
        migrate(db, upto=upto)
        db.execute("INSERT INTO meta VALUES ('actor_id', 'old-actor')")
        db.execute(
            "INSERT INTO runs (registration, scenario_id, scenario_title, digest, mode, status, "
            "started_at, updated_at, ended_at, progress, ending_id, ending_title, outcome, "
            "final_trust, final_empowerment) VALUES ('6f1c5d2e-8a4b-4f1e-9a51-2b7c9d3e4f50', "
            "'first-meeting', 'First Meeting', 'abc', 'practice', 'finished', "
            "'2026-01-01T10:00:00.000+00:00', '2026-01-01T10:09:00.000+00:00', "
            "'2026-01-01T10:09:00.000+00:00', '{\"choices\": [\"a\"]}', 'maybe', 'Maybe', "
            "'mixed', 50, 50)"
        )
        for statement in extra:
            db.execute(statement)
    db.close()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_an_older_store_reads_without_being_written(records_dir):
    _old_store(records_dir, upto=1)
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
    _old_store(
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
