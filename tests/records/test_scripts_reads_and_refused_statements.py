"""Classes found by the twelfth adversarial pass, one test each, through the real CLI.

`--choices ''` opened the app (as if no script had been given); a scripted run that
stopped short of an ending stayed offered for resume to whoever played next; a command
that only reads made an empty records.db (and its folder) wherever it was pointed; a
server answering 409 to every statement had every run marked as sent.
"""

from __future__ import annotations

import http.server
import json
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from sim.records import Store
from tests.core.test_hostile_files import assert_safe, run_main

from .conftest import local_server, play


@pytest.mark.parametrize("script", ["", " ", ",", " , ,"])
def test_an_empty_choices_list_is_refused_not_the_app(script, records_dir):
    code, out = run_main(["play", "first-meeting", "--choices", script])
    assert_safe(out)
    assert code == 2, out
    assert out.startswith("peer-sim: --choices is empty:") and "--choices 2,1,3" in out, out


@pytest.mark.parametrize("script", ["1,,1", "2, ,1", "1,2,,3"])
def test_an_empty_entry_between_choices_is_refused_not_skipped(script, records_dir):
    """`--choices 1,,1` played 1 then 1: a number left out (or a script variable empty)
    moved every later answer to the decision before the one it was written for (adv19).
    Spaces after commas and a comma at the end are still fine."""
    code, out = run_main(["play", "first-meeting", "--choices", script])
    assert_safe(out)
    assert code == 2, out
    assert out.startswith("peer-sim: --choices has an empty entry (entry "), out
    for fine in ("2, 1, 3", "2,1,3,"):
        code, out = run_main(["play", "first-meeting", "--no-record", "--choices", fine])
        assert "empty entry" not in out, out
    assert not (records_dir / "records.db").exists()


@pytest.mark.parametrize("script", ["1", "1,9", "1,nope-not-an-id"])
def test_a_script_that_stops_short_leaves_its_run_not_resumable(script, records_dir):
    code, out = run_main(["play", "first-meeting", "--choices", script])
    assert_safe(out)
    assert code in (1, 2), out
    if code == 2:  # refused before play: nothing recorded at all
        assert not Store.open().runs()
        return
    assert "Run 1 is kept in peer-sim runs as left unfinished" in out, out
    assert Store.open().unfinished("first-meeting") == []
    code, out = run_main(["runs"])
    assert code == 0 and "left unfinished after 1 choice" in out and "resumable" not in out, out
    # the next trainee to play it is not asked to go on with the script's run
    code, out = run_main(["play", "first-meeting", "--plain"], stdin="q\n")
    assert "unfinished" not in out.split("Dana:")[0], out


READERS = [
    ["runs"],
    ["progress"],
    ["report"],
    ["export", "last"],
    ["export", "all", "--format", "json"],
    ["export", "1", "--format", "xapi"],
    ["sync", "--lrs", "http://127.0.0.1:9/xAPI/"],
]


@pytest.mark.parametrize("words", READERS, ids=lambda w: " ".join(w[:2]))
def test_a_command_that_only_reads_creates_no_records(words, tmp_path, monkeypatch):
    given = tmp_path / "room"
    given.mkdir()
    code, out = run_main([*words, "--data-dir", str(given)])
    assert_safe(out)
    # sync fails (1): with nothing to send, it asks the store, which is not there
    fine = (0, 1, 2) if words[0] == "sync" else (0, 2)
    assert code in fine and "Traceback" not in out, out
    assert list(given.iterdir()) == [], out
    # nor the folder itself, where none is given (PEER_SIM_DATA_DIR, or the user's data dir)
    default = tmp_path / "not-made-yet"
    monkeypatch.setenv("PEER_SIM_DATA_DIR", str(default))
    code, out = run_main(words)
    assert code in fine, out
    assert not default.exists(), out


def test_sync_with_no_records_says_nothing_was_played(tmp_path):
    # and, having nothing to send, that the store it was asked to check cannot be reached
    code, out = run_main(["sync", "--lrs", "http://127.0.0.1:9/xAPI/", "--data-dir", str(tmp_path)])
    assert code == 1 and "no run has been played to its ending yet" in out, out
    assert "could not reach a record store" in out and "nothing was stored" in out, out


def test_reading_still_names_a_data_dir_that_is_a_file(tmp_path):
    (tmp_path / "file").write_text("x")
    code, out = run_main(["runs", "--data-dir", str(tmp_path / "file")])
    assert code == 2 and "is a file, not a folder" in out, out


class _Conflicted(http.server.BaseHTTPRequestHandler):
    """409 to every POST; a GET for a statement by id answers as set in `shows`."""

    shows = "nothing"  # nothing: 404; page: 200 with HTML; it: 200 with the statement asked

    def log_message(self, *args: object) -> None:
        pass

    def _answer(self, status: int, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_POST(self) -> None:  # noqa: N802 - the http.server interface
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self._answer(409, b'{"detail": "Conflict"}')

    def do_GET(self) -> None:  # noqa: N802 - the http.server interface
        from urllib.parse import parse_qs, urlsplit

        asked = parse_qs(urlsplit(self.path).query).get("statementId", [""])[0]
        self.server.asked.append(asked)  # type: ignore[attr-defined]
        if self.shows == "it" and asked:
            self._answer(200, json.dumps({"id": asked, "verb": {}}).encode())
        elif self.shows == "page":
            self._answer(200, b"<html>statements</html>")
        else:
            self._answer(404, b'{"detail": "not found"}')


@contextmanager
def conflicted(shows: str) -> Iterator[http.server.ThreadingHTTPServer]:
    handler = type("Handler", (_Conflicted,), {"shows": shows})
    with local_server(handler, asked=[]) as server:
        yield server


@pytest.mark.parametrize("shows", ["nothing", "page"])
def test_a_409_to_everything_marks_no_run_sent(shows, records_dir):
    assert play("first-meeting") == 0
    assert play("crisis-moment") == 0
    with conflicted(shows) as server:
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert_safe(out)
    assert code == 1, out
    assert "answered HTTP 409 (it already holds statement" in out, out
    assert "does not show it; the run stays unsent" in out, out
    assert "refused 2 runs (1, 2)" in out, out
    assert len(Store.open().unsent()) == 2, "a run was marked as sent to a store holding none"


def test_a_409_for_statements_the_store_shows_is_marked_sent(records_dir):
    """The real case (a run sent before its details changed) is kept: see test_lrs.py."""
    assert play("first-meeting") == 0
    with conflicted("it") as server:
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
        asked = list(server.asked)
    assert code == 0, out
    assert "in an earlier form" in out, out
    assert not Store.open().unsent()
    assert asked and all(asked), asked
