"""A record store that answers a sync and then stops answering is not called unreachable.

Restarted, or cut off by a proxy's time-out, partway through a sync: "could not reach a
record store ... Check the URL" sent a trainer to check the URL that had just taken their
runs (records33). It is said to have stopped answering, and nothing is lost: the runs it
took stay marked sent, the rest go at the next sync.
"""

from __future__ import annotations

import http.server
import json

from sim.records import Store
from tests.core.test_hostile_files import run_main

from .conftest import local_server, play


class _StopsAnswering(http.server.BaseHTTPRequestHandler):
    """Keeps the first POST's statements as an xAPI store does; closes on every later one."""

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802 - the http.server interface
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.posts += 1  # type: ignore[attr-defined]
        if self.server.posts > 1:  # type: ignore[attr-defined]
            self.close_connection = True
            return  # no answer at all
        ids = json.dumps([s["id"] for s in json.loads(body)]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(ids)))
        self.end_headers()
        self.wfile.write(ids)


def test_a_store_that_stops_answering_partway_is_said_so_and_loses_nothing(records_dir):
    assert play("first-meeting") == 0
    assert play("crisis-moment") == 0
    with local_server(_StopsAnswering, posts=0) as server:
        url = f"http://127.0.0.1:{server.server_port}/xapi"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert code == 1, out
    assert "run 1 (first-meeting): " in out and " sent" in out, out
    assert "stopped answering partway through" in out, out
    assert "Check the URL" not in out, out
    assert "1 run sent before the problem stays marked as sent" in out, out
    assert [run.id for run in Store.open().unsent()] == [2]


def test_a_store_that_never_answers_is_still_called_unreachable(records_dir):
    assert play("first-meeting") == 0
    with local_server(_StopsAnswering, posts=1) as server:  # closes from the first POST
        url = f"http://127.0.0.1:{server.server_port}/xapi"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert code == 1 and "could not reach a record store at" in out, out
    assert "stopped answering" not in out, out
    assert [run.id for run in Store.open().unsent()] == [1]
