"""Stores left by every older schema version, read and sent by today's peer-sim.

The other migration tests build an old store by hand with one run in it. The files
in fixtures/older-stores were made by the old versions themselves (the commits that
shipped schema versions 2, 3 and 4, and a later 4 whose runs hold newer progress and
debriefs), each playing runs of every kind it could make: finished strong and poor,
a critical slip, assessment, a script stopping short, one quit to resume later,
own-words practice (from version 3), a named trainee's (from version 4), under a
name and email set with `identity`. A programme keeps its records across updates:
every run must still list, count in progress, export, send and resume.
(Version 1 never shipped alone: the first records already migrated to 2.)
"""

from __future__ import annotations

import json
import socket
import sqlite3
from pathlib import Path

import pytest

from sim.records import Store
from sim.records.schema import VERSION
from tests.core.test_hostile_files import assert_safe, run_main

from .test_one_sync_at_a_time import _server
from .test_xapi_rules import problems

FIXTURES = Path(__file__).parent / "fixtures" / "older-stores"
STORES = sorted(FIXTURES.glob("v*.sql"))


def _load(folder: Path, dump: Path) -> list[dict]:
    """The old store made again in `folder` (as that version left it: its own schema
    number, not migrated), and its runs as stored there."""
    script = dump.read_text(encoding="utf-8").replace("'HOST:", f"'{socket.gethostname()}:")
    db = sqlite3.connect(folder / "records.db", isolation_level=None)
    try:
        db.executescript(script)
        db.row_factory = sqlite3.Row
        return [dict(row) for row in db.execute("SELECT * FROM runs ORDER BY id")]
    finally:
        db.close()


def test_every_schema_version_is_held_by_a_fixture():
    held = {int(p.name[1 : p.name.index("-")]) for p in STORES}
    assert held == set(range(2, VERSION + 1)), "a store of each shipped schema version"


@pytest.mark.parametrize("dump", STORES, ids=lambda p: p.stem)
def test_an_older_store_lists_counts_exports_sends_and_resumes(records_dir, tmp_path, dump):
    runs = _load(records_dir, dump)
    kinds = {r["status"] for r in runs}
    assert {"finished", "playing"} <= kinds, kinds

    code, listed = run_main(["runs"])
    assert code == 0, listed
    assert_safe(listed)
    assert "damaged" not in listed, listed
    lines = {int(line.split()[0]): line for line in listed.splitlines()[2:] if line.strip()}
    for run in runs:
        line = lines[run["id"]]
        if run["status"] == "finished":
            assert f"{run['ending_title']} ({run['outcome']})" in line, line
        elif run["status"] == "playing":
            assert "unfinished after" in line and "(resumable)" in line, line
        else:
            assert "left unfinished after" in line, line
    with sqlite3.connect(records_dir / "records.db") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == VERSION
    db.close()

    code, progress = run_main(["progress"])
    assert code == 0 and "Principle mastery" in progress and "damaged" not in progress, progress

    ended = [r for r in runs if r["status"] != "playing"]
    exported: dict[int, list[dict]] = {}
    for run in runs:
        for form in ("md", "json"):
            code, out = run_main(["export", str(run["id"]), "--format", form])
            assert code == 0 and "damaged" not in out, (run["id"], form, out)
        assert f": run {run['id']}" in run_main(["export", str(run["id"])])[1]
        if run in ended:
            code, out = run_main(["export", str(run["id"]), "--format", "xapi"])
            assert code == 0, out
            statements = json.loads(out)
            exported[run["id"]] = statements
            for statement in statements:
                assert not problems(statement), (run["id"], problems(statement))
                assert statement["context"]["registration"] == run["registration"]
            last = statements[-1]["verb"]["id"].rsplit("/", 1)[1]
            assert last == ("completed" if run["status"] == "finished" else "terminated")
            actor = statements[0]["actor"]
            if run.get("trainee"):  # a class's trainee: their own account, not the owner's
                assert actor["name"] == run["trainee"] and "mbox" not in actor, actor
            else:  # the name and email the old version's `identity` set
                assert actor["name"] == "Sam Rivera", actor
                assert actor["mbox"] == "mailto:sam@example.org", actor

    finished = next(r for r in runs if r["status"] == "finished")
    path = tmp_path / "run.json"
    assert run_main(["export", str(finished["id"]), "--format", "json", "-o", str(path)])[0] == 0
    code, out = run_main(["replay", str(path), "--plain"], stdin="\n" * 200)
    # played on the scenario as it was then: to its debrief, or to a sentence at a choice
    # the scenario no longer offers
    assert (code, "Debrief" in out or "The replay stops here" in out) in ((0, True), (1, True)), out
    assert "Traceback" not in out

    with _server() as server:
        server.go_on.set()
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        sync = ["sync", "--lrs", url, "--user", "u", "--password", "p"]
        code, out = run_main(sync)
        assert code == 0, out
        assert f"Sent {len(ended)} runs" in out, out
        waiting = len(runs) - len(ended)
        assert f"{waiting} run{'s' * (waiting > 1)} may still be resumed" in out, out
        sent = sorted(server.posted)
        assert sent == sorted(s["id"] for batch in exported.values() for s in batch)
        _code, out = run_main(sync)  # (this stand-in store cannot answer the check's GET)
        assert "Nothing to send" in out and len(server.posted) == len(sent), out

    # the run quit to resume later is offered and goes on where it stopped
    playing = next(r for r in runs if r["status"] == "playing" and not r["owner"])
    code, out = run_main(["play", playing["scenario_id"], "--plain"], stdin="y\n" + "\n" * 5)
    assert "Resume it?" in out and "(Resumed after 2 choices." in out, out
    assert not Store.open(trainee=None).damaged
