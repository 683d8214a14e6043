"""A disk that fills up: SQLite's own size limit (`max_page_count`) gives the same
SQLITE_FULL a full disk does, so these run anywhere (plan/adversarial-5.md found
them with a 600 KB tmpfs)."""

from __future__ import annotations

import gc
import os
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
    # the app's quit question said "your lines so far will not be kept"
    from types import SimpleNamespace

    from sim.tui.records import RecordsMixin

    words = RecordsMixin.leaving_words(SimpleNamespace(recorder=recorder), run)  # type: ignore[arg-type]
    assert "only your lines before that are kept" in words
    # what was saved before stays, unfinished (offered for resume once this process is gone)
    [kept] = Store.open(str(tmp_path)).runs()
    assert kept.id == recorder.run_id and kept.status == "playing" and kept.choices_made >= 1


def test_a_records_file_locked_by_another_program_is_said_as_such(records_dir, monkeypatch, capsys):
    # Held by an sqlite3 shell mid-transaction: a minute of silence, then "cannot be
    # written (database is locked)", which sent people to the folder's permissions.
    from sim.cli import main
    from sim.commands import common
    from sim.records import opening

    from .conftest import play

    assert play("first-meeting") == 0
    monkeypatch.setattr(opening, "BUSY_MS", 20)  # the waits, shortened; the lock is real
    monkeypatch.setattr(opening, "RETRIES", 1)
    monkeypatch.setattr(common, "SLOW_OPEN", 0.0)
    other = sqlite3.connect(records_dir / "records.db", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("INSERT INTO meta VALUES ('held', 'yes')")
    try:
        capsys.readouterr()
        assert main(["runs"]) == 0
        out, err = capsys.readouterr()
        assert "first-meeting" in out  # still read, as WAL lets a reader in
        assert "another program is writing it" in err and "is locked by another program" in err
        assert main(["play", "first-meeting", "--choices", "1"]) in (0, 1)
        said = "".join(capsys.readouterr())
        assert "stayed locked by another program" in said and "cannot be written" not in said
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_full_disk_is_said_and_the_runs_on_it_can_still_be_read(tmp_path, monkeypatch, capsys):
    """On a really full disk (a tmpfs): a writer said "cannot be written (disk I/O error) ...
    a folder you can write", and the empty -wal and -shm it left made every reader fail
    ("cannot be read (disk I/O error)"): a trainer could not list or export the runs."""
    import subprocess

    from sim.cli import main

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("no tmpfs here (mounting needs root and CAP_SYS_ADMIN)")
    try:
        monkeypatch.setenv("PEER_SIM_DATA_DIR", str(disk / "store"))
        from .conftest import play

        assert play("first-meeting", extra=("--trainee", "Ann")) == 0
        gc.collect()
        # another peer-sim holds the records open (the app, serve): its -shm is made
        holder = sqlite3.connect(disk / "store" / "records.db")
        holder.execute("SELECT count(*) FROM runs").fetchone()
        _fill(disk / "filler")
        capsys.readouterr()
        assert main(["identity", "--programme", "Cohort"]) == 2
        said = capsys.readouterr().err
        assert "the disk it is on is full" in said and "a folder you can write" not in said, said
        assert main(["sync", "--lrs", _accepting_store()]) == 1
        said = capsys.readouterr().err
        # the store cannot be written, so no run could be marked sent: none is sent (adv28;
        # it was sent and then said "reached the record store, but it could not be marked")
        assert "nothing was sent" in said, said
        assert "the disk it is on is full" in said and "unexpected error" not in said, said
        # what a writer that failed here leaves when no other holds the file open: an
        # empty -wal and a -shm it could not grow to SQLite's 32 KB
        holder.close()
        gc.collect()  # no connection of this process holds them (as in a fresh command)
        (disk / "filler").unlink()
        (disk / "store" / "records.db-wal").write_bytes(b"")
        (disk / "store" / "records.db-shm").write_bytes(b"\0\0\0")
        _fill(disk / "filler")
        assert main(["runs"]) == 0
        listed = capsys.readouterr().out
        assert "Ann" in listed and "first-meeting" in listed, listed
        assert main(["export", "last"]) == 0
        assert capsys.readouterr().out.startswith("# First Meeting")
    finally:
        subprocess.run(["umount", "--lazy", str(disk)], capture_output=True)


def _fill(path) -> None:
    """Take every block the disk has left."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT)
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)


def _accepting_store() -> str:
    """The URL of a record store that takes every statement (a thread of this process)."""
    import http.server
    import json
    import threading

    class Takes(http.server.BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            sent = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            body = json.dumps([s["id"] for s in sent]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Takes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/xapi/"
