"""Two `peer-sim sync` at once on one store: one sends, the other stops before sending.

Each read the same runs as unsent and each posted every one of them (adv28): the
record store kept one copy, but every run went over the network twice and both
reported every run as theirs. A sync killed midway must not lock the store for ever.
"""

from __future__ import annotations

import http.server
import json
import os
import sqlite3
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

import pytest

from sim.records import Store
from sim.records.sending import CLAIM_KEY
from tests.core.test_hostile_files import assert_safe, run_main

from .conftest import local_server, play

ROOT = Path(__file__).resolve().parents[2]
ANOTHER = "another sync ("


class _Counting(http.server.BaseHTTPRequestHandler):
    """Stores every statement POSTed; the first POST waits until the test says go on."""

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802 - the http.server interface
        batch = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))))
        server = self.server
        with server.lock:  # type: ignore[attr-defined]
            first = not server.posted  # type: ignore[attr-defined]
            server.posted.extend(s["id"] for s in batch)  # type: ignore[attr-defined]
        if first:
            server.first.set()  # type: ignore[attr-defined]
            server.go_on.wait(60)  # type: ignore[attr-defined]
        body = json.dumps([s["id"] for s in batch]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _server():
    return local_server(
        _Counting,
        posted=[],
        lock=threading.Lock(),
        first=threading.Event(),
        go_on=threading.Event(),
    )


def _sync_in_another_process(url: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "sim", "sync", "--lrs", url, "--user", "u", "--password", "p"],
        cwd=ROOT,
        env=os.environ.copy(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_second_sync_while_one_sends_sends_nothing_and_says_why(records_dir):
    for name in ("first-meeting", "crisis-moment", "first-meeting"):
        assert play(name) == 0
    with _server() as server:
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        first = _sync_in_another_process(url)
        try:
            assert server.first.wait(60), "the first sync never posted"
            # the first sync is now waiting for the store's answer to its first run
            code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
        finally:
            server.go_on.set()
            first_out, _ = first.communicate(timeout=120)
        posted = Counter(server.posted)
    assert_safe(out)
    assert code == 1, out
    assert ANOTHER in out and "on this machine) is sending" in out, out
    assert "nothing was sent by this one" in out, out
    twice = [sid for sid, n in posted.items() if n > 1]
    assert not twice, f"{len(twice)} statements posted twice; second sync said: {out}"
    assert first.returncode == 0, first_out
    assert "Sent 3 runs" in first_out, first_out
    assert not Store.open(trainee=None).unsent()
    assert _claim(records_dir) is None, "the claim outlived the sync that made it"


def test_a_claim_left_by_a_sync_that_was_killed_is_taken_over(records_dir):
    assert play("first-meeting") == 0
    # a process that claimed the store and ended without letting go (as a kill -9 leaves it)
    subprocess.run(
        [sys.executable, "-c", "from sim.records import Store; Store.open().claim_sending()"],
        cwd=ROOT,
        env=os.environ.copy(),
        check=True,
    )
    assert _claim(records_dir), "the claim was not left behind"
    with _server() as server:
        server.go_on.set()
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert code == 0, out
    assert "Sent 1 run" in out, out
    assert _claim(records_dir) is None


def _ago(minutes: float) -> str:
    from datetime import datetime, timedelta, timezone

    then = datetime.now(timezone.utc) - timedelta(minutes=minutes)
    return then.isoformat(timespec="milliseconds")


def test_a_sync_killed_mid_send_holds_nothing_up_and_the_next_sends_every_run(records_dir):
    """kill -9 while the record store is answering the first run: nothing is marked sent
    that the sync did not see accepted, the store file is whole, and the next sync (right
    away, not an hour or five minutes later) sends every run."""
    import signal

    from .test_reliability import integrity

    for name in ("first-meeting", "crisis-moment", "first-meeting"):
        assert play(name) == 0
    with _server() as server:
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        first = _sync_in_another_process(url)
        try:
            assert server.first.wait(60), "the first sync never posted"
            first.send_signal(signal.SIGKILL)
            first.communicate(timeout=60)
        finally:
            server.go_on.set()
        assert _claim(records_dir), "the killed sync's claim is left behind, as a kill leaves it"
        integrity(records_dir)
        assert len(Store.open(trainee=None).unsent()) == 3
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert code == 0 and "Sent 3 runs" in out, out
    assert not Store.open(trainee=None).unsent()
    assert _claim(records_dir) is None


@pytest.mark.parametrize(
    ("written", "holds"),
    [
        (0, True),
        (4, True),
        # a sync killed on another machine held every other sync off for an hour; a live
        # one refreshes its claim before each request (15 s at most), so minutes is ample
        (6, False),
        ("2020-01-01T00:00:00.000+00:00", False),
        ("garbage", False),
    ],
)
def test_another_machines_claim_holds_only_while_recent(records_dir, written, holds):
    assert play("first-meeting") == 0
    when = _ago(written) if isinstance(written, int) else written
    _set_claim(records_dir, f"other-host.example:4242/abc.123 {when}")
    with _server() as server:
        server.go_on.set()
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
        posted = list(server.posted)
    assert_safe(out)
    if holds:
        assert code == 1 and "on the machine other-host.example) is sending" in out, out
        assert not posted
        # how long to wait at most, in the trainer's words: the claim's time + 5 minutes
        from datetime import datetime, timedelta, timezone

        lapse = datetime.fromisoformat(when) + timedelta(minutes=5)
        until = lapse.astimezone(timezone.utc).strftime("%H:%M UTC")
        assert f"If it has stopped without finishing, its hold lapses by {until}." in out, out
    else:
        assert code == 0 and "Sent 1 run" in out, out
        assert posted


def test_a_claim_holding_escapes_is_named_safely(records_dir):
    from sim.records.stored import now

    assert play("first-meeting") == 0
    _set_claim(records_dir, f"\x1b]0;x\x07host:1/\x1b[2J {now()}")
    with _server() as server:
        server.go_on.set()
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert_safe(out)
    assert code == 1 and ANOTHER in out, out


def test_where_a_process_cannot_be_asked_when_it_started_an_old_claim_lapses(
    records_dir, monkeypatch
):
    """macOS and Windows say whether a pid runs, not when it started: the claim of a sync
    killed there names a pid the system may hand to a process that runs for days. Its
    time says it stopped refreshing: no longer the store's sender (no /proc here: as on macOS).
    """
    import socket

    from sim.records import owner

    assert play("first-meeting") == 0
    monkeypatch.setattr(owner, "_stat", lambda _pid: None)  # no /proc, as on macOS
    stand_in = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(120)"])
    try:
        stamp = f"{socket.gethostname()}:{stand_in.pid}"  # as a stamp is written there
        with _server() as server:
            server.go_on.set()
            url = f"http://127.0.0.1:{server.server_port}/xAPI/"
            sync = ["sync", "--lrs", url, "--user", "u", "--password", "p"]
            _set_claim(records_dir, f"{stamp} {_ago(1)}")
            code, out = run_main(sync)
            assert code == 1 and "on this machine) is sending" in out, out
            assert not server.posted
            _set_claim(records_dir, f"{stamp} {_ago(6)}")
            code, out = run_main(sync)
            assert code == 0 and "Sent 1 run" in out, out
    finally:
        stand_in.kill()
        stand_in.wait()


def test_a_claim_is_kept_whatever_the_platform_says_only_while_fresh(monkeypatch):
    """The rule itself, for a platform that cannot tell (Windows without its process
    calls answers 'alive' to keep a run from two players): time decides."""
    import socket

    from sim.records import sending

    monkeypatch.setattr(sending, "owner_alive", lambda _stamp, _when="": True)
    here = f"{socket.gethostname()}:4242"
    assert sending.still_sending(f"{here} {_ago(0)}")
    assert sending.still_sending(f"{here} {_ago(4.5)}")
    assert not sending.still_sending(f"{here} {_ago(5.5)}")
    assert not sending.still_sending(f"{here} 2026-12-02T10:00:00")  # no zone: not ours
    assert not sending.still_sending(f"{here}")


def test_a_sync_whose_claim_was_taken_over_stops_before_its_next_run(records_dir):
    """Were a live sync's claim to lapse (its terminal paused) and another sync take the
    store, the first must send nothing more: it asks before every request."""
    from sim.records.stored import now

    for name in ("first-meeting", "crisis-moment", "first-meeting"):
        assert play(name) == 0
    with _server() as server:
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        first = _sync_in_another_process(url)
        try:
            assert server.first.wait(60), "the first sync never posted"
            with server.lock:
                after_first = len(server.posted)
            _set_claim(records_dir, f"other-host.example:4242/abc.123 {now()}")
        finally:
            server.go_on.set()
            out, _ = first.communicate(timeout=120)
        posted = list(server.posted)
    assert first.returncode == 1, out
    assert "another sync (process 4242 on the machine other-host.example) took over" in out, out
    assert "1 run sent before the problem stays marked as sent" in out, out
    assert len(posted) == after_first, "runs went after the claim was taken over"
    assert len(Store.open(trainee=None).unsent()) == 2
    assert _claim(records_dir).startswith("other-host.example:4242/"), "the new claim was dropped"


def _claim(folder: Path) -> str | None:
    with sqlite3.connect(folder / "records.db") as db:
        row = db.execute("SELECT value FROM meta WHERE key = ?", (CLAIM_KEY,)).fetchone()
    return row[0] if row else None


def _set_claim(folder: Path, value: str) -> None:
    db = sqlite3.connect(folder / "records.db")
    with db:
        db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (CLAIM_KEY, value))
    db.close()
