"""Fixtures for the records tests: real runs played through the CLI, and a real LRS (Ralph).

Ralph is started once per session (it takes a few seconds) in a temporary
folder at a free port, with the file-system backend (see ralph_server.py for
the one setting changed).
"""

from __future__ import annotations

import contextlib
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from sim.cli import main

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios"


def path_to_ending(scenario, prefer: str | None = None) -> list[int]:
    """The shortest choice numbers from the start to an ending (of outcome `prefer` if any).

    From the author tools' exploration (`peer-sim test`), cached per scenario: the
    bundled scenarios are big enough that a search per test would dominate CI time.
    """
    return list(_paths(scenario.path or scenario.id, scenario)[prefer])


_PATHS: dict[str, dict[str | None, tuple[int, ...]]] = {}


def _paths(key: str, scenario) -> dict[str | None, tuple[int, ...]]:
    if key not in _PATHS:
        from tests.searched import searched

        endings = searched(scenario).coverage.endings
        assert endings, "no ending is reachable"
        shortest = min(endings.values(), key=len)
        found: dict[str | None, tuple[int, ...]] = {None: shortest}
        for eid, path in sorted(endings.items(), key=lambda kv: len(kv[1])):
            found.setdefault(scenario.endings[eid].outcome, path)
        for outcome in ("strong", "mixed", "poor"):
            found.setdefault(outcome, shortest)
        _PATHS[key] = found
    return _PATHS[key]


def load(name: str):
    from sim.loading import load_scenario

    return load_scenario(BUNDLED / f"{name}.toml")


def play(name: str, prefer: str | None = None, extra: tuple[str, ...] = ()) -> int:
    """Play a bundled scenario to an ending through the CLI (in this process); its exit status."""
    numbers = path_to_ending(load(name), prefer)
    return main(["play", name, "--choices", ",".join(map(str, numbers)), *extra])


@pytest.fixture
def runs_held(monkeypatch) -> list[int]:
    """How many runs each read of the store held at once (`Store._runs`), appended as read:
    what the one-run-at-a-time tests (export all, sync) assert on."""
    from sim.records import Store

    held: list[int] = []
    read = Store._runs

    def reading(self, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        found = read(self, *args, **kwargs)
        held.append(len(found))
        return found

    monkeypatch.setattr(Store, "_runs", reading)
    return held


@pytest.fixture
def records_dir(_private_records: Path) -> Path:
    return _private_records


# -- a real learning record store ---------------------------------------------------
@dataclass
class LRS:
    url: str
    user: str
    password: str
    root: Path

    def get(self, query: str = "") -> dict:
        import base64
        import json

        request = urllib.request.Request(
            self.url + "statements" + query,
            headers={
                "Authorization": "Basic "
                + base64.b64encode(f"{self.user}:{self.password}".encode()).decode(),
                "X-Experience-API-Version": "1.0.3",
            },
        )
        with urllib.request.urlopen(request, timeout=30) as r:
            return json.loads(r.read())


@contextlib.contextmanager
def local_server(handler: type, **state: object) -> Iterator[http.server.ThreadingHTTPServer]:
    """A small HTTP server of `handler` on a free port, for the duration of the block: a
    record store that misbehaves in one particular way. `state` is set on the server."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    for name, value in state.items():
        setattr(server, name, value)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def lrs(tmp_path_factory: pytest.TempPathFactory):
    with _ralph(tmp_path_factory.mktemp("ralph")) as store:
        yield store


@pytest.fixture(scope="session")
def scoped_lrs(tmp_path_factory: pytest.TempPathFactory):
    """A Ralph that holds each key to its scopes, as a production store does: its user may
    send statements (`statements/write`) and not read them."""
    scoped = {"RALPH_LRS_RESTRICT_BY_SCOPES": "True", "RALPH_LRS_RESTRICT_BY_AUTHORITY": "True"}
    with _ralph(tmp_path_factory.mktemp("ralph-scoped"), "statements/write", scoped) as store:
        yield store


@contextlib.contextmanager
def _ralph(root: Path, scope: str = "all", extra: dict[str, str] | None = None) -> Iterator[LRS]:
    """Ralph on a free port, with one user given `scope`, for the duration of the block."""
    try:
        import ralph  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError as exc:
        pytest.skip(f"Ralph (the test LRS) cannot be imported ({exc}); pip install '.[test]'")
    env = {
        **os.environ,
        "RALPH_APP_DIR": str(root / "app"),
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(root / "statements"),
        **(extra or {}),
    }
    (root / "statements").mkdir()
    user, password = "coach-trainer", "a-long-test-password"
    subprocess.run(
        [sys.executable, "-m", "ralph", "auth", "-u", user, "-p", password, "-s", scope,
         "-M", "mailto:trainer@example.org", "-w"],
        env=env, check=True, capture_output=True, cwd=root,
    )  # fmt: skip
    port = _free_port()
    log = open(root / "ralph.log", "wb")  # noqa: SIM115 (open for the server's life)
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).with_name("ralph_server.py")), str(port)],
        env=env, cwd=root, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                pytest.fail(f"Ralph exited: {(root / 'ralph.log').read_text()[-2000:]}")
            try:
                urllib.request.urlopen(base + "/__heartbeat__", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"Ralph did not start: {(root / 'ralph.log').read_text()[-2000:]}")
        yield LRS(base + "/xAPI/", user, password, root)
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


def old_store(folder: Path, upto: int, extra: tuple[str, ...] = ()) -> None:
    """A records.db at schema version `upto`, holding one finished run of an older peer-sim
    (and `extra` statements run after it)."""
    import sqlite3

    from sim.records.schema import migrate

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
