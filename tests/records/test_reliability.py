"""The store under stress: kill -9, damaged and foreign files, two writers, old schemas, no room."""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sim.cli import main
from sim.records import RecordsUnavailable, Store
from sim.records.schema import APPLICATION_ID, VERSION

from .conftest import old_store, play

WRITER = Path(__file__).with_name("writer.py")


def writer(
    folder: Path, runs: int, scenario: str = "first-meeting", *more: str
) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, str(WRITER), str(folder), str(runs), scenario, *more],
        stdout=subprocess.PIPE,
        text=True,
    )


def integrity(folder: Path) -> None:
    with sqlite3.connect(folder / "records.db") as db:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        orphans = db.execute(
            "SELECT count(*) FROM decisions WHERE run_id NOT IN (SELECT id FROM runs)"
        ).fetchone()[0]
        assert orphans == 0


def test_kill_9_never_loses_a_finished_run_nor_corrupts(tmp_path):
    rng = random.Random(9)
    folder = tmp_path / "data"
    promised: dict[int, int] = {}  # run id -> decisions, reported finished before the kill
    for round_ in range(8):
        child = writer(folder, 1000)
        # every other round waits for a first commit; then kill at a random moment
        if round_ % 2 == 0:
            assert child.stdout is not None
            line = child.stdout.readline()
            assert line.startswith("finished"), line
            _, rid, n = line.split()
            promised[int(rid)] = int(n)
        time.sleep(rng.uniform(0, 0.4))
        child.send_signal(signal.SIGKILL)
        out, _ = child.communicate()
        # Only whole lines count: the kill can cut the last one mid-write ("finished 1").
        for line in out.split("\n")[:-1]:
            m = re.fullmatch(r"finished (\d+) (\d+)", line)
            if m:
                promised[int(m.group(1))] = int(m.group(2))
        integrity(folder)
        store = Store.open(folder)
        assert not store.notices, store.notices  # never moved aside: never damaged
        for rid, n in promised.items():
            run = store.get(rid)
            assert run is not None and run.finished, rid
            assert len(run.decisions) == n and run.debrief is not None
        for run in store.finished_with_decisions():
            assert run.decisions and run.ending_id
        store.close()
    assert len(promised) >= 4


def test_kill_9_mid_run_then_the_next_start_offers_to_resume(tmp_path, monkeypatch, capsys):
    import io

    folder = tmp_path / "data"
    child = writer(folder, 1, "first-meeting", "2")
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("waiting"), line
    # while it lives, its run is its own: not offered to anyone else
    assert Store.open(folder).unfinished() == []
    child.send_signal(signal.SIGKILL)
    child.wait()
    left = Store.open(folder).unfinished()
    assert len(left) == 1 and left[0].choices_made == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("y\nq\n"))
    main(["--data-dir", str(folder), "play", "first-meeting", "--plain"])
    out = capsys.readouterr().out
    assert "You left “First Meeting” unfinished on " in out and "after 2 choices" in out
    run = Store.open(folder).get(left[0].id)
    assert run.status == "playing" and run.choices_made == 2


def test_kill_9_mid_run_keeps_a_trainees_own_words_and_lines_taken_back(
    tmp_path, monkeypatch, capsys
):
    """The kinds of record added since the kill tests were written: whose run it is in a
    class's store, the words typed in own-words practice, and a line said and taken back
    (which the Markdown export and xAPI show a supervisor). A kill must lose none of them:
    the run is offered to that trainee again with all of it, and a left run carries it."""
    import io
    import json

    from sim.records.xapi import IRI_BASE

    from .writer import TRAINEE, WORDS

    folder = tmp_path / "data"
    child = writer(folder, 1, "first-meeting", "2", "rich")
    assert child.stdout is not None
    line = child.stdout.readline()
    assert line.startswith("waiting"), line
    child.send_signal(signal.SIGKILL)
    child.wait()
    integrity(folder)
    (left,) = Store.open(folder, trainee=TRAINEE).unfinished()
    assert left.trainee == TRAINEE and left.choices_made == 2
    assert left.progress["own_words"] is True and left.progress["words"] == [WORDS, WORDS]
    (taken,) = left.progress["taken_back"]
    assert taken["step"] == 1 and taken["said"], taken
    assert Store.open(folder).unfinished() == [], "offered to the owner, not to its trainee"
    # the trainee starts afresh instead: the run is left, and keeps all of it
    monkeypatch.setattr("sys.stdin", io.StringIO("n\nq\n"))
    main(["--data-dir", str(folder), "play", "first-meeting", "--plain", "--trainee", TRAINEE])
    assert "after 2 choices" in capsys.readouterr().out
    assert Store.open(folder, trainee=TRAINEE).get(left.id).status == "left"
    export = ["--data-dir", str(folder), "export", str(left.id), "--trainee", TRAINEE]
    assert main([*export, "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "left" in md and TRAINEE in md and WORDS in md, md
    assert "**Said first, then taken back:** " + taken["said"] in md.replace("\n", " "), md
    assert main([*export, "--format", "xapi"]) == 0
    statements = json.loads(capsys.readouterr().out)
    assert statements[-1]["verb"]["id"].endswith("/terminated")
    assert statements[0]["result"]["response"] == WORDS
    kept = statements[-1]["result"]["extensions"][IRI_BASE + "extensions/taken-back"]
    assert [t["step"] for t in kept] == [1], kept


def test_two_instances_at_once_neither_corrupt_nor_lose(tmp_path):
    folder = tmp_path / "data"
    Store.open(folder).close()
    a, b = writer(folder, 15), writer(folder, 15, "crisis-moment")
    out_a, _ = a.communicate(timeout=120)
    out_b, _ = b.communicate(timeout=120)
    ids = [
        int(line.split()[1]) for line in (out_a + out_b).splitlines() if line.startswith("finished")
    ]
    assert len(ids) == 30 and len(set(ids)) == 30, out_a + out_b
    integrity(folder)
    runs = Store.open(folder).runs()
    assert sorted(r.id for r in runs if r.finished) == sorted(ids)
    assert {r.scenario_id for r in runs} == {"first-meeting", "crisis-moment"}


@pytest.mark.parametrize(
    "content",
    [
        b"this is a text file someone saved here by mistake\n" * 50,
        b"SQLite format 3\x00" + os.urandom(4000),
    ],
    ids=["garbage", "damaged-sqlite"],
)
def test_a_damaged_file_is_moved_aside_and_play_goes_on(records_dir, content, capsys):
    (records_dir / "records.db").write_bytes(content)
    assert play("first-meeting") == 0
    out = capsys.readouterr().out
    assert "could not be used" in out and "moved aside" in out and "Recorded as run 1" in out
    aside = [p for p in records_dir.iterdir() if ".unreadable-" in p.name]
    assert len(aside) == 1 and aside[0].read_bytes() == content  # kept, never deleted
    assert Store.open().last_finished() is not None


def test_a_foreign_database_is_moved_aside(records_dir, capsys):
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute("CREATE TABLE recipes (name TEXT)")
        db.execute("INSERT INTO recipes VALUES ('soup')")
    assert play("first-meeting") == 0
    assert "not a peer-sim records file" in capsys.readouterr().out
    aside = next(p for p in records_dir.iterdir() if p.name.startswith("records.db.unreadable-"))
    with sqlite3.connect(aside) as db:
        assert db.execute("SELECT name FROM recipes").fetchall() == [("soup",)]


def test_a_store_made_meanwhile_by_another_instance_is_not_taken_for_foreign(tmp_path, monkeypatch):
    """Six classroom tabs opening a new store at once: one saw the tables another had
    just made but read their id before it was written, took the store for a foreign
    file and moved it aside, with the runs the others went on writing into it."""
    folder = tmp_path / "data"
    folder.mkdir()
    with sqlite3.connect(folder / "records.db") as db:  # as the first instance leaves it
        db.execute("PRAGMA journal_mode = WAL")
    connect = sqlite3.connect
    fired = []

    def other_instance_between_reads(sql: str) -> None:
        # the other instance (a real process) creates the store right before the
        # opening one counts the tables
        if "sqlite_master" in sql and not fired:
            fired.append(sql)
            code = "import sys; from sim.records import Store; Store.open(sys.argv[1]).close()"
            subprocess.run([sys.executable, "-c", code, str(folder)], check=True, timeout=60)

    def watched(*args, **kwargs):
        conn = connect(*args, **kwargs)
        conn.set_trace_callback(other_instance_between_reads)
        return conn

    monkeypatch.setattr(sqlite3, "connect", watched)
    store = Store.open(folder)
    monkeypatch.setattr(sqlite3, "connect", connect)
    assert fired and store.notices == [], store.notices
    assert [p.name for p in folder.iterdir() if ".unreadable-" in p.name] == []
    store.close()


def test_an_older_schema_migrates(records_dir, capsys):
    old_store(
        records_dir,
        upto=1,
        extra=(
            "INSERT INTO decisions VALUES (1, 1, 'start', 'a', 'Hello.', 20, 35, 28, 37, "
            "'{\"active-listening\": \"honours\"}', '2026-01-01T10:01:00.000+00:00')",
        ),
    )
    with sqlite3.connect(records_dir / "records.db", isolation_level=None) as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
    store = Store.open()
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == VERSION
    old = store.get(1)
    assert old is not None and old.finished and old.sent_at is None
    assert old.decisions[0].said == "Hello." and store.actor()["actor_id"] == "old-actor"
    store.close()
    play("first-meeting")
    assert [r.id for r in Store.open().runs()] == [1, 2]
    assert main(["export", "1", "--format", "xapi"]) == 0  # the old run still exports


def test_a_newer_schema_is_left_alone(records_dir):
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        db.execute("CREATE TABLE later (x)")
        db.execute(f"PRAGMA user_version = {VERSION + 5}")
    with pytest.raises(RecordsUnavailable, match="newer peer-sim"):
        Store.open()
    # read-only commands said "cannot be read without writing them" (adversarial-5)
    with pytest.raises(RecordsUnavailable, match="newer peer-sim .* update peer-sim to read"):
        Store.open_read_only()
    assert (records_dir / "records.db").exists()


def _without_override(cmd: list[str]) -> list[str]:
    """The command run so that file permissions bind it: root ignores them unless it drops
    CAP_DAC_OVERRIDE (setpriv, from util-linux)."""
    if os.geteuid() != 0:
        return cmd
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: permissions cannot be made to bind")
    drop = "-dac_override,-dac_read_search"
    return [setpriv, f"--bounding-set={drop}", f"--inh-caps={drop}", *cmd]


def _play_in(folder: Path) -> subprocess.CompletedProcess:
    from .conftest import load, path_to_ending

    numbers = ",".join(map(str, path_to_ending(load("first-meeting"))))
    cmd = [sys.executable, "-m", "sim", "--data-dir", str(folder), "play", "first-meeting",
           "--choices", numbers]  # fmt: skip
    return subprocess.run(
        _without_override(cmd),
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )


def test_a_read_only_data_dir_plays_and_says_nothing_is_recorded(tmp_path):
    parent = tmp_path / "readonly"
    parent.mkdir()
    parent.chmod(0o555)
    done = _play_in(parent / "peer-sim")
    parent.chmod(0o755)
    assert done.returncode == 0, done.stderr
    assert "Nothing is recorded" in done.stdout and "cannot be written" in done.stdout
    assert "Debrief" in done.stdout and "Traceback" not in done.stderr
    assert not (parent / "peer-sim").exists()


def test_a_read_only_store_plays_and_says_nothing_is_recorded(tmp_path):
    folder = tmp_path / "data"
    Store.open(folder).close()
    for f in folder.iterdir():
        f.chmod(0o400)
    folder.chmod(0o500)
    done = _play_in(folder)
    folder.chmod(0o700)
    assert done.returncode == 0, done.stderr
    assert "Nothing" in done.stdout and "recorded" in done.stdout
    assert "Debrief" in done.stdout and "Traceback" not in done.stderr
    integrity(folder)


def _read_only_class(records_dir: Path, tmp_path: Path) -> Path:
    """A played run's store copied to a folder no one may write (undo with chmod 0o700)."""
    play("first-meeting")
    with sqlite3.connect(records_dir / "records.db") as db:  # as a store closed cleanly is
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(records_dir / "records.db", folder)
    for f in folder.iterdir():
        f.chmod(0o400)
    folder.chmod(0o500)
    return folder


def test_a_store_that_cannot_be_written_is_still_read(records_dir, tmp_path):
    """A trainer reads a class's store they may not write: runs, export and report still work."""
    folder = _read_only_class(records_dir, tmp_path)
    try:
        for command in (["runs"], ["export", "last", "--format", "md"], ["report"]):
            done = subprocess.run(
                _without_override([sys.executable, "-m", "sim", *command, "--data-dir", str(folder)]),
                capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
            )  # fmt: skip
            assert done.returncode == 0, done.stderr
            assert "Read only" in done.stderr and "Traceback" not in done.stderr
            assert "first-meeting" in done.stdout or "First Meeting" in done.stdout
        assert sorted(p.name for p in folder.iterdir()) == ["records.db"]  # nothing written
    finally:
        folder.chmod(0o700)


def test_sync_of_a_store_that_cannot_be_written_says_where_to_sync_from(records_dir, tmp_path):
    """Told to set --data-dir to a folder one can write, a trainer syncing a class's store
    found no runs there, and read "Nothing to send" as every run sent. Sync must mark
    what it sends in these records: it sends nothing, and says to sync as who may write."""
    folder = _read_only_class(records_dir, tmp_path)
    try:
        cmd = [sys.executable, "-m", "sim", "--data-dir", str(folder), "sync", "--lrs",
               "http://127.0.0.1:9/xAPI/"]  # fmt: skip
        done = subprocess.run(
            _without_override(cmd), capture_output=True, text=True,
            cwd=Path(__file__).resolve().parents[2],
        )  # fmt: skip
        assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
        assert "cannot be written" in done.stderr, done.stderr
        assert "Nothing was sent: sync marks each run it sends in these records" in done.stderr
        assert "Sync as someone who may write that folder" in done.stderr
        assert "PEER_SIM_DATA_DIR" not in done.stderr, done.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["records.db"]  # nothing written
    finally:
        folder.chmod(0o700)
    assert len(Store.open(folder).unsent()) == 1


def test_a_full_disk_mid_run_stops_recording_and_play_goes_on(monkeypatch, capsys):
    real_open = Store.open

    def full(directory=None):
        store = real_open(directory)
        pages = store.conn.execute("PRAGMA page_count").fetchone()[0]
        store.conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow: SQLITE_FULL
        return store

    monkeypatch.setattr(Store, "open", classmethod(lambda cls, directory=None: full(directory)))
    assert play("crisis-moment") == 0
    out = capsys.readouterr().out
    assert "Nothing more is recorded" in out and "full" in out
    assert "Debrief" in out and "Recorded as run" not in out


def test_identity_is_shown_from_a_store_that_cannot_be_written(records_dir, tmp_path):
    """Showing who the records belong to only reads (adversarial-12): on a store the user may
    not write it said "cannot be written" and showed nothing. Setting it still needs writing."""
    folder = _read_only_class(records_dir, tmp_path)
    sim = [sys.executable, "-m", "sim", "--data-dir", str(folder), "identity"]
    root = Path(__file__).resolve().parents[2]
    try:
        done = subprocess.run(_without_override(sim), capture_output=True, text=True, cwd=root)
        assert done.returncode == 0, done.stderr
        assert "Read only" in done.stderr and "Anonymous id: " in done.stdout
        setting = _without_override([*sim, "--name", "Sam"])
        refused = subprocess.run(setting, capture_output=True, text=True, cwd=root)
        assert refused.returncode != 0 and "Traceback" not in refused.stderr
        assert sorted(p.name for p in folder.iterdir()) == ["records.db"]  # nothing written
    finally:
        folder.chmod(0o700)
