"""A run whose owner ended while its pid went to another process: offered for resume.

A playing run named its owner as 'host:pid'. Once the owner had ended (killed, a
closed window), the system handed that pid to the next process started, and for
as long as that one ran (a shell, a browser, a daemon) the run read "being played
now" and was never offered for resume (adversarial-24). The owner stamp now holds
when the owner started, and a stamp without it (stores written before) is not
owned by a process that started well after the run was last written.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sim.records import Store
from sim.records.owner import me, owner_alive
from tests.core.test_hostile_files import run_main

from .conftest import load, path_to_ending

pytestmark = pytest.mark.skipif(
    not Path("/proc/self/stat").exists(), reason="no /proc here to tell when a process started"
)

HOST = socket.gethostname()


@contextlib.contextmanager
def running() -> Iterator[subprocess.Popen]:
    """A process that runs for the test (the one the ended owner's pid went to); its
    first line out is its own owner stamp."""
    code = "from sim.records.owner import me; print(me(), flush=True); input()"
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        yield proc
    finally:
        proc.communicate("\n", timeout=30)


@pytest.fixture
def other() -> Iterator[subprocess.Popen]:
    with running() as proc:
        yield proc


def _unfinished_run(records_dir: Path, owner: str, written: str | None = None) -> None:
    """A run left after two choices, stored as owned by `owner` (last written at `written`)."""
    numbers = path_to_ending(load("first-meeting"), prefer="strong")
    code, out = run_main(["play", "first-meeting", "--choices", ",".join(map(str, numbers[:2]))])
    assert code == 1, out  # a script that stops short: the run is left
    db = sqlite3.connect(records_dir / "records.db")
    with db:
        db.execute("UPDATE runs SET status = 'playing', owner = ?", (owner,))
        if written:
            db.execute("UPDATE runs SET updated_at = ?", (written,))
    db.close()


def _listed(records_dir: Path) -> str:
    code, out = run_main(["runs"])
    assert code == 0, out
    return out


def test_a_stamp_with_the_pid_of_a_process_started_later_is_not_its_owner(records_dir):
    """The ended owner's stamp, with its pid now another running process's."""
    ended = subprocess.run(
        [sys.executable, "-c", "from sim.records.owner import me; print(me())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    started = ended.rpartition("/")[2]
    time.sleep(0.05)  # a start time is counted in ticks of 1/100 s: the next one starts later
    with running() as other:
        reused = f"{HOST}:{other.pid}/{started}"
        live = other.stdout.readline().strip()
        assert live.startswith(f"{HOST}:{other.pid}/") and live != reused
        assert owner_alive(live) is True  # the running process's own run stays its own
        assert owner_alive(reused) is False
        _unfinished_run(records_dir, reused)
        assert "unfinished after 2 choices (resumable)" in _listed(records_dir)
        assert [r.choices_made for r in Store.open().unfinished()] == [2]


def test_a_stamp_from_before_start_times_with_a_pid_now_reused_is_not_its_owner(records_dir, other):
    """'host:pid' (a store from before), last written long before that pid's process began."""
    other.stdout.readline()
    _unfinished_run(records_dir, f"{HOST}:{other.pid}", "2020-01-01T10:00:00.000+00:00")
    assert "unfinished after 2 choices (resumable)" in _listed(records_dir)
    assert [r.choices_made for r in Store.open().unfinished()] == [2]


def test_a_run_its_owner_still_plays_is_not_offered(records_dir, other):
    """Both stamps of a process that runs, the old one written after it started."""
    live = other.stdout.readline().strip()
    _unfinished_run(records_dir, live)
    assert "being played now (2 choices so far)" in _listed(records_dir)
    assert Store.open().unfinished() == []
    _unfinished_run(records_dir, f"{HOST}:{other.pid}")  # updated_at: just now
    assert Store.open().unfinished() == []
    assert owner_alive(me()) is True


# -- without /proc (macOS, the BSDs): when a process started, as `ps` says ----------------
needs_ps = pytest.mark.skipif(shutil.which("ps") is None, reason="no ps here")


@pytest.fixture
def no_proc(monkeypatch):
    """This system as macOS is to peer-sim: no /proc to read a process's state from."""
    from sim.records import owner

    monkeypatch.setattr(owner, "_stat", lambda _pid: None)


@needs_ps
def test_without_proc_a_pid_now_another_programs_is_not_the_owner(records_dir, no_proc, other):
    """There the stamp is 'host:pid'; a killed peer-sim's pid, handed to a program that
    runs for days, kept its run 'being played now' and never offered, for as long."""
    other.stdout.readline()
    _unfinished_run(records_dir, f"{HOST}:{other.pid}", "2020-01-01T10:00:00.000+00:00")
    assert "unfinished after 2 choices (resumable)" in _listed(records_dir)
    assert [r.choices_made for r in Store.open().unfinished()] == [2]


@needs_ps
def test_without_proc_a_run_its_owner_still_plays_is_not_offered(records_dir, no_proc, other):
    other.stdout.readline()
    _unfinished_run(records_dir, f"{HOST}:{other.pid}")  # updated_at: just now
    assert "being played now (2 choices so far)" in _listed(records_dir)
    assert Store.open().unfinished() == []


def test_without_proc_or_ps_a_process_that_runs_is_taken_for_the_owner(
    records_dir, no_proc, other, monkeypatch
):
    """Where nothing says when a process started, a run is never handed to a second player."""
    from sim.records import owner

    monkeypatch.setattr(owner.shutil, "which", lambda _name: None)
    other.stdout.readline()
    _unfinished_run(records_dir, f"{HOST}:{other.pid}", "2020-01-01T10:00:00.000+00:00")
    assert "being played now (2 choices so far)" in _listed(records_dir)


@pytest.mark.parametrize(
    ("etime", "seconds"),
    [("00:07", 7), ("12:34", 754), ("02:03:04", 7384), ("3-02:03:04", 266584), ("junk", None)],
)
def test_how_long_ps_says_a_process_has_run(monkeypatch, etime, seconds):
    """Every form POSIX gives `etime` ([[dd-]hh:]mm:ss), read as macOS's ps writes it."""
    from sim.records import owner

    def ps(*_args, **_kwargs):
        return subprocess.CompletedProcess([], 0, stdout=f"  {etime}\n", stderr="")

    monkeypatch.setattr(owner.subprocess, "run", ps)
    monkeypatch.setattr(owner.time, "time", lambda: 1_000_000.0)
    started = owner._ps_started(4242)
    assert started == (None if seconds is None else 1_000_000.0 - seconds)
