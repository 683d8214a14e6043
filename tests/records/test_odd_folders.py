"""Folders given in odd ways (adversarial-8): a home nobody has, a relative link loop, a class
served onto a store it cannot write.

Each went through the real CLI (in this process, or as `peer-sim serve` in a subprocess),
and each fails on the code before its fix: "unexpected error (RuntimeError: Could not
determine home directory.)", "LoopA/records.db" (a relative path capitalised as the start
of a sentence) and "cannot be written (File exists)" for a loop, and a class served with
nothing recorded while the trainer's terminal said nothing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sim.tui.settings import load_settings, remember
from sim.tui.textual_internals import toasts_showing
from tests.core.test_hostile_files import assert_safe, run_main
from tests.records.conftest import play

NOBODY = "~peer-sim-no-such-user-8"
PLAY = ["play", "first-meeting", "--choices", "1"]


@pytest.mark.parametrize("how", ["env", "option"])
def test_a_records_folder_in_a_home_nobody_has_is_said(monkeypatch, how) -> None:
    where = f"{NOBODY}/records"
    before = ["--data-dir", where] if how == "option" else []
    if how == "env":
        monkeypatch.setenv("PEER_SIM_DATA_DIR", where)
    name = "--data-dir" if how == "option" else "PEER_SIM_DATA_DIR"
    for argv in (["runs"], ["export", "last"], ["identity", "--name", "x"], PLAY):
        code, out = run_main(before + argv)
        assert_safe(out)
        assert "unexpected error" not in out, (argv, out)
        assert f"the home folder of a user '{NOBODY[1:]}'" in out, (argv, out)
        assert f"et {name} to the folder's full path" in out, (argv, out)
    assert "First Meeting" in run_main(before + PLAY)[1]  # play goes on, unrecorded


def test_a_settings_or_cache_folder_in_a_home_nobody_has(monkeypatch) -> None:
    monkeypatch.setenv("PEER_SIM_CONFIG_DIR", f"{NOBODY}/config")
    monkeypatch.setenv("PEER_SIM_CACHE_DIR", f"{NOBODY}/cache")
    settings = load_settings()
    assert not settings.writable
    assert any("PEER_SIM_CONFIG_DIR" in p and "no such user" in p for p in settings.problems)
    assert "nothing was remembered" in (remember(mode="assessment") or "")
    code, out = run_main(["list"])  # the library is read without its index
    assert code == 0 and "first-meeting" in out, out


async def test_the_app_starts_with_settings_in_a_home_nobody_has(monkeypatch) -> None:
    from tests.tui.helpers import make_app

    monkeypatch.setenv("PEER_SIM_CONFIG_DIR", f"{NOBODY}/config")
    monkeypatch.setenv("PEER_SIM_CACHE_DIR", f"{NOBODY}/cache")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")  # remembering the mode is refused quietly, once said
        await pilot.pause()
        said = [n.message for n in toasts_showing(app)]
        assert any("PEER_SIM_CONFIG_DIR" in m for m in said), said


def test_a_relative_records_folder_that_loops_is_named_as_typed(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    os.symlink("loopA", "loopB")
    os.symlink("loopB", "loopA")
    monkeypatch.setenv("PEER_SIM_DATA_DIR", "loopA")
    for argv in (["runs"], ["identity", "--name", "x"], PLAY):
        code, out = run_main(argv)
        assert_safe(out)
        assert "loopA" in out and "LoopA" not in out, (argv, out)
        assert "loops back on itself" in out and "File exists" not in out, (argv, out)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("where", ["file/records", f"{NOBODY}/records"])
def test_serve_refuses_a_records_folder_no_tab_could_write(tmp_path, where) -> None:
    """Before, each tab said 'Nothing is recorded' to its trainee and the class was served."""
    pytest.importorskip("textual_serve")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    argv = [sys.executable, "-m", "sim", "serve", "--port", str(_free_port())]
    env = {**os.environ, "PEER_SIM_DATA_DIR": where}
    try:
        done = subprocess.run(
            argv, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60
        )
    except subprocess.TimeoutExpired:
        pytest.fail("peer-sim serve started serving onto a records folder it cannot write")
    assert done.returncode == 2, done
    assert_safe(done.stderr)
    assert "Nothing is served" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not Path(tmp_path / "~peer-sim-no-such-user-8").exists()


def test_the_librarys_best_endings_read_only_the_winning_runs_in_full(records_dir, monkeypatch):
    """With 20,000 runs the library waited half a minute (and ctrl+q with it) while every
    run's debrief was parsed to find one best ending per scenario (adversarial-8; figures in
    benchmarks/records_bench.py). Counted, not timed: the rows read in full."""
    import sqlite3

    import sim.records.reads as store_module
    from sim.records import Store
    from tests.records.conftest import play

    for name, prefer in [("first-meeting", "poor"), ("first-meeting", "strong")] * 3:
        assert play(name, prefer) == 0
    assert play("return-to-use") == 0
    conn = sqlite3.connect(records_dir / "records.db")
    conn.execute("UPDATE runs SET outcome = 'weird' WHERE id = 1")  # a damaged loser
    conn.commit()
    conn.close()
    store = Store.open()
    expected = {k: v.id for k, v in store._best_of_all().items()}
    read: list[object] = []
    real = store_module._run_from_row
    monkeypatch.setattr(store_module, "_run_from_row", lambda row: read.append(row[0]) or real(row))
    assert {k: v.id for k, v in store.best_by_scenario().items()} == expected
    assert sorted(read) == sorted(expected.values()), read  # the two winners, not all 7 runs
    conn = sqlite3.connect(records_dir / "records.db")  # a damaged winner: the best that reads
    conn.execute("UPDATE runs SET progress = 'x{' WHERE id = ?", (expected["first-meeting"],))
    conn.commit()
    conn.close()
    best = store.best_by_scenario()
    assert best["first-meeting"].id not in (1, expected["first-meeting"])
    assert best["first-meeting"].outcome == "strong"


@pytest.mark.parametrize("name", ["records.db", "records.db-wal", "records.db-journal", "copy.db"])
def test_export_never_writes_over_a_records_file(records_dir, name, tmp_path):
    """`export last -o records.db` wrote one run's Markdown over the store; the next command
    moved the 'damaged' file aside and every run was gone (adversarial-8)."""
    import shutil

    from tests.records.conftest import play

    assert play("first-meeting") == 0
    assert play("return-to-use") == 0
    if name == "copy.db":  # a copy of a store (a trainee's, kept elsewhere) is a store too
        shutil.copy(records_dir / "records.db", tmp_path / name)
        target = tmp_path / name
    else:
        target = records_dir / name
    for argv in (["export", "last", "-o", str(target)], ["schema", "-o", str(target)]):
        code, out = run_main(argv)
        assert code == 1 and "give another file name" in out, (argv, out)
        written = target.read_bytes()[:200] if target.exists() else b""
        assert b"# First" not in written and b'"$schema"' not in written, (argv, written)
    code, out = run_main(["runs"])
    assert code == 0 and "first-meeting" in out and "return-to-use" in out, out
    code, out = run_main(["export", "last", "-o", str(tmp_path / "fine.md")])
    assert code == 0 and (tmp_path / "fine.md").read_text(encoding="utf-8").startswith("# ")


def test_a_store_whose_header_is_still_in_its_log_is_known(tmp_path):
    """A store made by a process still running can hold its header (and the application
    id) in its -wal only: `export -o records.db` then wrote over it (seen as a flaky
    test). The writer's connection stays open here, so nothing is copied back."""
    import sqlite3

    from sim.commands.output_file import records_file
    from sim.records.schema import APPLICATION_ID

    path = tmp_path / "records.db"
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute("CREATE TABLE runs (id INTEGER PRIMARY KEY)")
        conn.commit()
        head = path.read_bytes()[:72]
        assert head[68:72] != APPLICATION_ID.to_bytes(4, "big")  # (only in the log)
        assert records_file(path) is not None
        assert records_file(tmp_path / "records.db-journal") is not None
    finally:
        conn.close()
    other = tmp_path / "other.db"
    sqlite3.connect(other).close()  # an empty SQLite file of nobody's: may be written
    assert records_file(other) is None


def test_sync_names_unsent_runs_it_cannot_read_and_never_says_nothing_to_send(records_dir):
    """ "Sending 1 run", then nothing about it, then "Nothing to send: every finished run is
    already in the record store" of a run that never went (adversarial-10). Every unsent
    run here is damaged, so no record store is contacted."""
    import sqlite3

    from tests.records.conftest import play

    assert play("first-meeting") == 0
    conn = sqlite3.connect(records_dir / "records.db")
    conn.execute("UPDATE runs SET progress = 'x{'")
    conn.commit()
    conn.close()
    code, out = run_main(["sync", "--lrs", "http://127.0.0.1:9/xAPI/"])
    assert_safe(out)
    assert "Nothing to send" not in out, out
    assert "1 run (1) could not be read and stays unsent" in out, out


@pytest.mark.skipif(not os.path.isdir("/proc/1"), reason="needs /proc")
def test_a_folder_where_no_file_can_be_made_is_not_called_missing() -> None:
    # /proc refuses a new file with ENOENT: "/proc/1 cannot be written (No such file or
    # directory)" denied a folder that is there.
    for where, said in (
        ("/proc/1", "The records folder /proc/1 is part of the system's own view of itself"),
        ("/proc/1/x", "The records folder /proc/1/x cannot be made: /proc/1 is part of"),
    ):
        code, out = run_main(["--data-dir", where, "identity", "--name", "x"])
        assert_safe(out)
        assert code == 2 and said in out, out
        assert "cannot be written (No such file" not in out
        assert "(the system said: No such file or directory)" in out


@pytest.mark.skipif(not os.path.isdir("/proc/1"), reason="needs /proc")
def test_every_writer_says_a_system_folder_takes_no_file(tmp_path, monkeypatch) -> None:
    # `-o`, `new` and the app's settings said "No such file or directory" about /proc/1.
    assert play("first-meeting") == 0
    said = "/proc/1 is part of the system's own view of itself"
    for argv in (
        ["export", "last", "-o", "/proc/1/x.md"],
        ["report", "-o", "/proc/1/r.txt"],
        ["schema", "-o", "/proc/1/s.json"],
        ["new", "/proc/1/mine"],
    ):
        code, out = run_main(argv)
        assert_safe(out)
        assert code != 0 and said in out and "where no file can be made" in out, (argv, out)
        assert f"{argv[-1]}: No such file" not in out, (argv, out)
    monkeypatch.setenv("PEER_SIM_CONFIG_DIR", "/proc/1/peer-sim")
    problem = remember(mode="assessment") or ""
    assert said in problem and "where no folder can be made" in problem, problem


@pytest.mark.parametrize(
    ("folder", "said"),
    [("nosuch", "no such folder"), ("file/x", "file is a file, not a folder")],
)
def test_serve_refuses_a_scenarios_folder_that_is_not_there(tmp_path, folder, said) -> None:
    """Served, a mistyped --scenarios was a BROKEN line in every trainee's library and
    nothing in the trainer's terminal."""
    pytest.importorskip("textual_serve")
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    argv = [sys.executable, "-m", "sim", "serve", "--port", str(_free_port())]
    env = {**os.environ, "PEER_SIM_DATA_DIR": str(tmp_path / "data")}
    try:
        done = subprocess.run(
            [*argv, "--scenarios", folder],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail("peer-sim serve served a --scenarios folder that is not there")
    assert done.returncode == 2, done
    assert_safe(done.stderr)
    assert f"--scenarios {folder}: {said}" in done.stderr and "nothing is served" in done.stderr
