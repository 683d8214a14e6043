"""Hostile records input: damaged rows, odd records files, hand-made exports, false record stores.

Each class found by the adversarial pass after records landed, one test each:
a row whose JSON, time or type does not fit (a traceback in every records
command before); a records file that is a FIFO, folder, device link or loop
(SQLite's "disk I/O error" before); an exported run with deep nesting, a huge
number, `peer_sim_export = 1.0` or `true`, a start at trust 1e308, or a FIFO
for a file; a "record store" that answers 200 with a web page or foreign ids
(the runs were marked as sent before), redirects (credentials followed it),
or a URL that urllib cannot parse (a traceback); `export -o` to a pipe nobody
reads (a hang). Everything goes through the real CLI in this process.
"""

from __future__ import annotations

import contextlib
import gc
import http.server
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sim.records import RecordsUnavailable, Store
from sim.text import shown
from sim.tui.textual_internals import toasts_showing
from tests.core.test_hostile_files import KINDS, assert_safe, run_main

from .conftest import local_server, play


@pytest.fixture
def two_runs(records_dir: Path) -> Path:
    """Two finished runs in the store; returns the records file."""
    assert play("first-meeting") == 0
    assert play("first-meeting", "strong") == 0
    return records_dir / "records.db"


DAMAGE = {
    "progress-not-json": "UPDATE runs SET progress = 'not json{' WHERE id = 1",
    "progress-deep": "UPDATE runs SET progress = printf('%.*c', 100000, '[') WHERE id = 1",
    "debrief-not-json": "UPDATE runs SET debrief = '{{{' WHERE id = 1",
    "verdicts-not-json": "UPDATE decisions SET verdicts = 'x' WHERE run_id = 1",
    "time-not-time": "UPDATE runs SET started_at = 5 WHERE id = 1",
    "meter-text": "UPDATE runs SET final_trust = 'abc' WHERE id = 1",
    "outcome-unknown": "UPDATE runs SET outcome = 'weird' WHERE id = 1",
    "choices-not-ids": "UPDATE runs SET progress = '{\"choices\": [1, 2]}' WHERE id = 1",
    "line-huge": "UPDATE decisions SET said = printf('%.*c', 2000000, 'x') WHERE run_id = 1",
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_row_is_named_and_the_other_runs_still_read(two_runs, damage, monkeypatch):
    conn = sqlite3.connect(two_runs)
    conn.execute(DAMAGE[damage])
    conn.commit()
    conn.close()
    in_decisions = damage.startswith(("verdicts", "line"))  # `runs` does not read the decisions
    for argv in (
        *([] if in_decisions else [["runs"]]),
        ["progress"],
        ["report"],
        ["export", "all", "--format", "json"],
    ):
        code, out = run_main(argv)
        assert_safe(out)
        assert code == 0, (argv, out)
        assert "Run 1 in " in out and "is damaged" in out, (argv, out)
    code, out = run_main(["export", "2", "--format", "xapi"])
    assert code == 0 and "Traceback" not in out
    code, out = run_main(["runs"])
    assert "\n   2  " in out and ("\n   1  " in out) == in_decisions, out
    code, out = run_main(["export", "1"])
    assert code == 2 and "run 1 is damaged in the records file" in out


def test_stored_text_is_cleaned_on_the_way_out(two_runs):
    conn = sqlite3.connect(two_runs)
    conn.execute(
        "UPDATE runs SET scenario_title = char(27)||']52;c;b3duZWQ='||char(7)||'Title', "
        "ending_title = char(155)||'31m'||char(8238)||'End', trainee = char(27)||'[2Jeve'"
    )
    conn.execute("UPDATE decisions SET said = char(27)||'[2Jsaid', words = char(27)||'[31mw'")
    conn.commit()
    conn.close()
    store = Store.open(None, None)
    runs = store.class_runs()
    assert len(runs) == 2 and not store.damaged  # read, not left out as damaged
    for run in runs:
        texts = [run.scenario_title, run.ending_title or "", run.trainee]
        texts += [t for d in run.decisions for t in (d.said, d.words)]
        assert all(t.isprintable() for t in texts), texts
    assert all(name.isprintable() for name in store.trainees())


def test_a_line_break_in_a_stored_name_or_title_forges_no_line(two_runs):
    # adversarial-6: a hand-edited trainee name holding a line break printed a fake run
    # under the real ones in `runs` and `report`, and ended the export's table row
    fake = "   7  2026-11-30 12:00  -  fake  practice  Strong (strong)"
    conn = sqlite3.connect(two_runs)
    conn.execute(
        "UPDATE runs SET trainee = ?, scenario_title = ?, ending_title = ? WHERE id = 1",
        (f"ann\n{fake}", "Title\u2028# heading", "End\r\n---"),
    )
    conn.commit()
    conn.close()
    for argv in (["runs"], ["report"], ["export", "1", "--format", "md"]):
        code, out = run_main(argv)
        assert code == 0, out
        assert_safe(out)
        lines = out.splitlines()
        assert not any(x.startswith(("   7  ", "# heading", "---")) for x in lines), (argv, out)
        # the name is still shown, on its line, its line break as an escape (records44)
        assert "ann\\n" in out or "ann\\\\n" in out, (argv, out)  # Markdown escapes "\\"
    code, out = run_main(["export", "1", "--format", "md"])
    trainee = "| Trainee | ann\\\\n"  # Markdown's escape of the backslash
    assert any(x.startswith(trainee) and x.endswith(" |") for x in out.splitlines()), out


@pytest.mark.parametrize(
    "kind, words",
    [
        ("fifo", "is a named pipe (FIFO), not a records file"),
        ("folder", "is a folder, not a records file"),
        ("link-stdin", "not a records file"),
        ("loop", "loops back on itself"),
        ("dangling", "is a link to nowhere/records.db, which does not exist"),
    ],
)
def test_a_records_file_that_is_not_a_file(records_dir, kind, words):
    if kind == "dangling":  # a link to a records file, named in the message
        (records_dir / "records.db").symlink_to("nowhere/records.db")
    else:
        KINDS[kind](records_dir / "records.db")
    code, out = run_main(["runs"])
    assert code == 2 and words in out, out
    # `runs` plays nothing: the player's "Nothing is recorded ... Play works as usual" is not said
    assert "Play works as usual" not in out and "Nothing is recorded" not in out, out
    assert "PEER_SIM_DATA_DIR or --data-dir" in out, out
    assert_safe(out)
    code, out = run_main(["play", "first-meeting", "--choices", "1"])  # play goes on
    assert_safe(out)
    assert "First Meeting" in out and words in out


@pytest.mark.parametrize("kind", ["fifo", "folder"])
@pytest.mark.parametrize("companion", ["-wal", "-shm", "-journal"])
def test_a_file_sqlite_keeps_beside_the_records_that_is_not_a_file(records_dir, kind, companion):
    """`records.db-wal` a folder, `-shm` a FIFO: "cannot be written (disk I/O error) ... a
    folder you can write", of a folder that could be written (adversarial-7)."""
    assert play("first-meeting") == 0
    gc.collect()  # the last connection closed: SQLite removes its -wal and -shm then
    beside = records_dir / f"records.db{companion}"
    beside.unlink(missing_ok=True)
    KINDS[kind](beside)
    words = f"records.db{companion} is {'a folder' if kind == 'folder' else 'a named pipe'}"
    code, out = run_main(["play", "first-meeting", "--choices", "1"])  # play goes on
    assert_safe(out)
    assert "First Meeting" in out and words in out and "Move it away" not in out, out
    assert "where SQLite keeps a working file beside the records" in out, out
    code, out = run_main(["runs"])
    assert_safe(out)
    if companion == "-journal":  # reading never uses it: the runs are still listed
        assert code == 0 and "first-meeting" in out, out
    else:
        assert code == 2 and words in out and "Move it away" in out, out


@pytest.mark.parametrize(
    "kind, below, words",
    [
        ("file", "", "since {d} is a file, not a folder"),
        ("file", "sub/deeper", "since {d} is a file, not a folder"),
        ("fifo", "", "since {d} is a named pipe (FIFO), not a folder"),
        ("dangling", "", "{d} is a link to nowhere/at/all, which does not exist"),
        ("newline", "", "x\\ny"),
    ],
)
def test_a_data_dir_that_is_not_a_folder_is_named(tmp_path, kind, below, words, monkeypatch):
    # adversarial-6: "the records folder ... cannot be written (File exists)"
    where = tmp_path / "data"
    if kind == "file":
        where.write_text("x", encoding="utf-8")
    elif kind == "fifo":
        os.mkfifo(where)
    elif kind == "dangling":
        where.symlink_to("nowhere/at/all")
    else:
        where = tmp_path / "x\ny"  # a folder that can be made: named on one line
    monkeypatch.setenv("PEER_SIM_DATA_DIR", str(where / below) if below else str(where))
    plays = [["play", "first-meeting", "--choices", "1"]] if kind != "newline" else []
    for argv in (["runs"], *plays):
        code, out = run_main(argv)
        assert_safe(out)
        assert words.format(d=where) in out, (argv, out)
    if kind != "newline":
        assert run_main(["runs"])[0] == 2 and "File exists" not in run_main(["runs"])[1]


# -- hand-made exports for `peer-sim replay` ----------------------------------------------


@pytest.fixture
def exported(records_dir, tmp_path) -> dict:
    assert play("first-meeting") == 0
    out = tmp_path / "run.json"
    assert run_main(["export", "last", "--format", "json", "-o", str(out)])[0] == 0
    return json.loads(out.read_text(encoding="utf-8"))


def _with(data: dict, path: list[str], value: object) -> dict:
    data = json.loads(json.dumps(data))
    here = data
    for key in path[:-1]:
        here = here[key]
    here[path[-1]] = value
    return data


HOSTILE_EXPORTS = {
    "format-float": (["peer_sim_export"], 1.0, "peer_sim_export is 1.0; this peer-sim reads 1"),
    "format-true": (["peer_sim_export"], True, "peer_sim_export is true"),
    "format-newer": (["peer_sim_export"], 2, "(update peer-sim)"),
    "run-list": (["run"], [], "run is missing or is not an object"),
    "id-not-text": (["run", "scenario", "id"], ["a"], "run.scenario.id is missing or is not text"),
    "choices-ints": (["run", "progress", "choices"], [1], "choices is not a list of choice ids"),
    # a list of ids, only too long: "is not a list of choice ids" was wrong (adversarial-5)
    "choices-many": (["run", "progress", "choices"], ["a#1"] * 10_001, "10,001 choices, more"),
    "start-str": (["run", "progress", "start"], "x", "run.progress.start is not an object"),
    "trust-huge": (["run", "progress", "start", "trust"], 1e308, "start.trust is not a whole"),
    "trust-bool": (["run", "progress", "start", "trust"], True, "start.trust is not a whole"),
    "flags-str": (["run", "progress", "start", "flags"], "abc", "flags is not a list"),
    "scene-list": (["run", "progress", "start", "scene"], [1], "start.scene is not a scene"),
    "started-int": (["run", "started_at"], 5, "started_at is not text"),
    "id-a-path": (["run", "scenario", "id"], "../../etc/passwd", "which is not in your library"),
    "id-huge": (["run", "scenario", "id"], "x" * 100_000, "'xxxxxxxx"),
}


@pytest.mark.parametrize("case", HOSTILE_EXPORTS)
def test_replay_names_what_is_wrong_with_an_export(exported, tmp_path, case):
    path, value, words = HOSTILE_EXPORTS[case]
    file = tmp_path / "hostile.json"
    file.write_text(json.dumps(_with(exported, path, value)), encoding="utf-8")
    code, out = run_main(["replay", "--plain", str(file)])
    assert_safe(out)
    assert code == 2 and words in out, out
    assert len(out) < 1000  # a huge value is quoted short


@pytest.mark.parametrize(
    "started, said",
    [
        ("2026-11-30T23:30:00+14:00", "played 2026-11-30 09:30 UTC"),  # was 23:30 "UTC"
        ("2026-11-30T08:00:00", "played 2026-11-30 08:00 UTC"),
        ("yesterday", "Replaying your run "),  # was "played yesterday UTC"
        ("9999-12-31T23:59:00-01:00", "Replaying your run "),  # (the records it was played in)
    ],
)
def test_replay_shows_the_start_time_in_utc_or_not_at_all(exported, tmp_path, started, said):
    file = tmp_path / "run.json"
    file.write_text(json.dumps(_with(exported, ["run", "started_at"], started)), encoding="utf-8")
    code, out = run_main(["replay", "--plain", str(file)])
    assert code == 0 and said in out.splitlines()[0], out
    first = out.splitlines()[0]
    assert "yesterday" not in out and ("played" in first) == ("played" in said), first


@pytest.mark.parametrize(
    "raw, words",
    [
        (b"[" * 100_000 + b"]" * 100_000, "nested far too deeply"),
        (b'{"peer_sim_export": ' + b"9" * 5000 + b"}", "a number far too long"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
    ],
)
def test_replay_of_hostile_json_bytes(tmp_path, raw, words):
    file = tmp_path / "hostile.json"
    file.write_bytes(raw)
    code, out = run_main(["replay", "--plain", str(file)])
    assert_safe(out)
    assert code == 2 and words in out, out


def test_replay_reads_only_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "stdin.json").symlink_to("/dev/stdin")
    for name in ("fifo.json", "stdin.json"):
        code, out = run_main(["replay", str(tmp_path / name)])
        assert code == 2 and ", not an exported run file" in out, out


def test_replay_takes_an_export_with_a_bom_and_shows_its_text_cleaned(exported, tmp_path):
    data = _with(exported, ["run", "scenario", "title"], "\x1b[2J[bold]T")
    data = _with(data, ["run", "started_at"], "\x1b]52;c;b3duZWQ=\x072026")
    file = tmp_path / "bom.json"
    file.write_bytes(b"\xef\xbb\xbf" + json.dumps(data).encode())
    code, out = run_main(["replay", "--plain", str(file)])
    assert_safe(out)
    assert code == 0 and "\\x1b" not in out and "Replaying your run" in out


# -- export -o and sync ------------------------------------------------------------------


def test_export_to_a_pipe_nobody_reads_is_an_error_not_a_hang(records_dir, tmp_path):
    assert play("first-meeting") == 0
    os.mkfifo(tmp_path / "pipe")
    code, out = run_main(["export", "last", "-o", str(tmp_path / "pipe")])
    assert code == 1 and "a named pipe and nothing is reading from it" in out


def test_export_to_a_socket_says_socket_not_pipe(records_dir, tmp_path):
    import socket

    assert play("first-meeting") == 0
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock"))
        code, out = run_main(["export", "last", "-o", str(tmp_path / "sock")])
    finally:
        server.close()
    assert code == 1 and "it is a socket, which takes no file" in out and "pipe" not in out, out


class _FalseStore(http.server.BaseHTTPRequestHandler):
    answers: dict[str, tuple[int, dict[str, str], bytes]] = {
        "page": (200, {"Content-Type": "text/html"}, b"<html>\x1b[2JLogin</html>"),
        "foreign-ids": (200, {}, b'["not-one-of-ours"]'),
        "object": (200, {}, b'{"ok": true}'),
        "deep": (200, {}, b"[" * 100_000),
        "empty": (200, {}, b""),
        "redirect": (302, {"Location": "http://127.0.0.1:9/steal"}, b""),
        # urllib parsed the Location before refusing to follow it: ValueError, and the
        # trainer's own URL was called 'not a URL peer-sim can send to' (adversarial-11)
        "redirect-unparsable": (307, {"Location": "http://[\x1b]0;T\x07/"}, b""),
        "redirect-elsewhere": (308, {"Location": "file:///etc/passwd"}, b""),
    }
    failing = {
        "error-page": (
            502,
            {"Content-Type": "text/html"},
            b"<!DOCTYPE html>\n<html>\n<head><title>502 Bad Gateway</title>\n"
            b"<style>body { color: red }</style></head>\n<body>\n<h1>Bad &amp; Gateway</h1>"
            b"\n<p>The upstream\n   did not answer.</p>\n</body>\n</html>\n",
        ),
        "unavailable": (503, {}, b""),
        "busy": (429, {"Retry-After": "3600"}, b"slow down"),
        "escapes": (500, {}, b"\x1b]0;owned\x07boom " * 200),
        "odd-code": (599, {}, b"{}"),
    }
    kept = {"no-content": (204, {}, b"")}

    def log_message(self, *args: object) -> None:
        pass

    def do_POST(self) -> None:  # noqa: N802 - the http.server interface
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.seen.append(self.headers.get("Authorization"))  # type: ignore[attr-defined]
        answers = {**self.answers, **self.kept, **self.failing}
        status, headers, body = answers[self.path.split("/")[1]]
        self.send_response(status)
        for key, value in headers.items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def false_store() -> Iterator[http.server.ThreadingHTTPServer]:
    with local_server(_FalseStore, seen=[]) as server:
        yield server


@pytest.mark.parametrize("answer", list(_FalseStore.answers))
def test_sync_to_something_that_is_not_a_record_store_marks_nothing_sent(records_dir, answer):
    assert play("first-meeting") == 0
    with false_store() as server:
        url = f"http://127.0.0.1:{server.server_port}/{answer}/xapi"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert_safe(out)
    assert code == 1 and "Traceback" not in out
    redirect = answer.startswith("redirect")
    words = "answered with a redirect" if redirect else "not as an xAPI record store"
    assert words in out, out
    assert "sent before the problem" not in out  # nothing was sent
    assert Store.open().unsent(), "a run was marked as sent to something that is not a store"


def test_a_web_server_s_error_page_is_its_words_on_one_line(records_dir):
    """A proxy's 502 page came out as a dozen lines of HTML, the reason inside (adversarial-7)."""
    assert play("first-meeting") == 0
    with false_store() as server:
        url = f"http://127.0.0.1:{server.server_port}/error-page/xapi"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert_safe(out)
    assert code == 1, out
    line = next(x for x in out.splitlines() if "HTTP 502" in x)
    assert "HTTP 502 (502 Bad Gateway Bad & Gateway The upstream did not answer.): " in line, out
    assert "<" not in out and "color" not in out, out
    assert Store.open().unsent()


@pytest.mark.parametrize(
    ("answer", "said"),
    [
        # "answered HTTP 503: " ended on a colon; none said the runs were kept or what next
        ("unavailable", "HTTP 503 (no reason given): a fault at the store, not in the runs"),
        ("busy", "HTTP 429 (slow down): it asks for fewer requests"),
        # cut before its escapes were shown: 1,200 characters, stopped mid-word
        ("escapes", "HTTP 500 (\\x1b]0;owned\\x07boom"),
        ("odd-code", "HTTP 599 ({}): a fault at the store"),
    ],
)
def test_a_store_s_own_fault_says_the_runs_stay_unsent_and_what_next(records_dir, answer, said):
    assert play("first-meeting") == 0
    with false_store() as server:
        url = f"http://127.0.0.1:{server.server_port}/{answer}/xapi"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert_safe(out)
    [line] = [x for x in out.splitlines() if "HTTP" in x]
    assert code == 1 and said in line and "stay unsent" in line, out
    assert len(line) < 600 and ("…)" in line) == (answer == "escapes"), line
    assert Store.open().unsent()


def test_an_explicit_no_content_answer_is_taken_as_kept(records_dir):
    """xAPI answers a POST with 200 and the ids; a 204 says as plainly that it kept them."""
    assert play("first-meeting") == 0
    with false_store() as server:
        url = f"http://127.0.0.1:{server.server_port}/no-content/xapi"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
    assert code == 0, out
    assert not Store.open().unsent()


@pytest.mark.parametrize(
    "url, words",
    [
        ("http://[::1/x", "is not a URL peer-sim can send to"),
        ("http://\x1b[2Jhost/x", "holds an ESC character (U+001B) after 'http://'"),
        # a right-to-left override was "a space or a control character"
        ("http://ho\u202est/x", "holds a right-to-left override (U+202E, invisible; it changes"),
        # adversarial-6: quoted whole with its password when it could not be parsed
        ("http://bob:secret@[::1", "is not a URL peer-sim can send to"),
        ("ftp://bob:secret@host/x", "is not an http:// or https:// URL"),
        # a password holding / ? or # ends the host part for the parser: it was quoted,
        # and the parser's own reason quoted the part before it as a port
        ("http://bob:x/secret@[::1", "is not a URL peer-sim can send to"),
        ("ftp://bob:x#secret@host/x", "is not an http:// or https:// URL"),
        ("http://bob:secret/x@host/", "is not a URL peer-sim can send to"),
        # `/statements` went after the query, and a token in it was printed
        ("http://127.0.0.1:1/x?token=secret", "is followed by a query"),
        ("http://127.0.0.1:1/x#secret", "is followed by a query"),
        ("http://127.0.0.1:1/x/ ", "holds a space"),  # "did not answer as a web server does"
        ("http://127.0.0.1:99999/x", "Port out of range"),
        ("http://user:secret@127.0.0.1:1/x", "the URL holds a user name or password"),
    ],
)
def test_sync_names_a_url_it_cannot_use(records_dir, url, words):
    assert play("first-meeting") == 0
    code, out = run_main(["sync", "--lrs", url])
    assert_safe(out)
    assert code == 1 and words in out and "secret" not in out, out
    assert Store.open().unsent()


def test_sync_takes_a_scheme_in_capitals(records_dir):
    assert play("first-meeting") == 0
    code, out = run_main(["sync", "--lrs", "HTTPS://127.0.0.1:1/xAPI"])
    assert code == 1 and "could not reach a record store at" in out, out


def test_exports_stay_valid_json_whatever_the_stored_text(records_dir, capsys):
    """ensure_ascii=False let a C1 or bidi character through, which the stdout gate then
    spelt as `\\x9b`: the JSON on a terminal or in a pipe no longer parsed."""
    assert play("first-meeting") == 0
    conn = sqlite3.connect(records_dir / "records.db")
    conn.execute("INSERT OR REPLACE INTO meta VALUES ('name', 'Eve ' || char(155) || char(8238))")
    conn.commit()
    conn.close()
    capsys.readouterr()
    for fmt in ("json", "xapi"):
        for which in ("last", "all"):
            code, out = run_main(["export", which, "--format", fmt])
            assert code == 0
            json.loads(out)  # parses: every unusual character is a JSON escape
            assert out.isascii()


@pytest.mark.parametrize(
    "argv",
    [
        ["--name", "\u202eevE"],
        ["--name", "N" * 201],
        ["--email", "a@\x1b[2Jb"],
        # letters that draw as blank space, alone or in a name (adv26): they passed
        ["--name", "\u3164"],
        ["--name", "Sam\u3164"],
        ["--programme", "\u2800\u2800"],
        ["--name", "\ufe0f"],
    ],
)
def test_identity_refuses_what_it_would_put_on_every_statement(records_dir, argv):
    code, out = run_main(["identity", *argv])
    assert code == 2 and "Traceback" not in out
    assert_safe(out)


async def test_the_app_with_damaged_and_hostile_rows(two_runs) -> None:
    """The library, progress screen, past runs and class summary open; the damage is told once."""
    import re

    from tests.tui.helpers import make_app, ready, records_read, screen_text

    unsafe = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
    conn = sqlite3.connect(two_runs)
    conn.execute("UPDATE runs SET progress = 'x{' WHERE id = 1")
    conn.execute(
        "UPDATE runs SET scenario_title = char(27)||']52;c;b3duZWQ='||char(7)||'T', "
        "ending_title = char(155)||'31mEnd' WHERE id = 2"
    )
    conn.commit()
    conn.close()
    app = make_app(library_paths=[])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        texts = []
        for key in ("g", "enter", "escape", "escape"):
            await pilot.press(key)
            await pilot.pause()
            texts.append(screen_text(app))
        app.action_class_summary()
        await records_read(app, pilot)
        assert type(app.screen).__name__ == "ClassSummaryScreen"
        texts.append(screen_text(app))
        notes = [n.message for n in toasts_showing(app)]
    assert any("Run 1 in " in n and "is damaged" in n for n in notes), notes
    assert not [t for t in texts + notes if unsafe.search(t)]


def _sync_to(answer, stop: threading.Event | None = None, scheme: str = "http") -> tuple[int, str]:
    """`peer-sim sync` against a one-connection server on 127.0.0.1 that runs `answer(conn)`."""
    import socket

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def serve() -> None:
        conn, _ = server.accept()
        answer(conn)
        conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        return run_main(["sync", "--lrs", f"{scheme}://127.0.0.1:{server.getsockname()[1]}/x"])
    finally:
        if stop is not None:
            stop.set()
        server.close()


def test_sync_to_a_server_that_does_not_speak_http(records_dir):
    """http.client.BadStatusLine is no OSError: it came out as a traceback quoting the raw reply."""
    assert play("first-meeting") == 0

    def answer(conn) -> None:
        conn.recv(65536)
        conn.sendall(b"\x1b[2JGARBAGE\r\n\r\n")

    code, out = _sync_to(answer)
    assert_safe(out)
    assert code == 1 and "did not answer as a web server does" in out, out
    assert Store.open().unsent()


def test_https_to_a_store_on_plain_http_says_so(records_dir):
    """Said "Check the URL and that the store is running" of a store that was running."""
    assert play("first-meeting") == 0

    def answer(conn) -> None:
        conn.recv(65536)  # the TLS hello; a plain web server answers it so
        conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n")

    code, out = _sync_to(answer, scheme="https")
    assert_safe(out)
    assert code == 1 and "does not speak https" in out and "give that URL" in out, out
    assert "that the store is running" not in out
    assert Store.open().unsent()


def test_https_to_a_store_whose_certificate_is_not_trusted_says_so(records_dir):
    import ssl

    assert play("first-meeting") == 0
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(Path(__file__).parent / "fixtures" / "self-signed-test-only.pem")

    def answer(conn) -> None:
        with contextlib.suppress(OSError):  # the client gives up during the handshake
            context.wrap_socket(conn, server_side=True).recv(1)

    code, out = _sync_to(answer, scheme="https")
    assert_safe(out)
    assert code == 1 and "a certificate this machine does not trust" in out, out
    assert "self-signed certificate" in out and "SSL_CERT_FILE" in out, out
    assert Store.open().unsent()


@pytest.mark.parametrize("drip", [False, True])
def test_sync_to_a_silent_or_dripping_server_is_bounded_and_said(records_dir, monkeypatch, drip):
    """A server that accepts and says nothing held sync for 30 s unexplained; one sending a
    byte now and then (each socket read within urllib's timeout) could hold it for ever."""
    import sim.records.lrs_http as lrs

    monkeypatch.setattr(lrs, "TIMEOUT", 1)
    assert play("first-meeting") == 0
    stop = threading.Event()

    def answer(conn) -> None:
        while not stop.wait(0.2):
            if drip:
                conn.sendall(b"H")

    code, out = _sync_to(answer, stop)
    assert_safe(out)
    assert code == 1 and "each waits at most 1 s for an answer" in out, out
    assert "did not answer within 1 s" in out, out
    assert Store.open().unsent()


def test_an_unexpected_error_is_one_gated_line(monkeypatch, capsys):
    """A bug anywhere in a command: one line through the gate, not a raw traceback."""
    import sim.commands.listing as listing
    from sim.cli import main

    def broken(args):
        raise RuntimeError("boom \x1b]52;c;b3duZWQ=\x07 \x1b[2J")

    monkeypatch.setattr(listing, "run", broken)
    assert main(["list"]) == 70
    err = capsys.readouterr().err
    assert "unexpected error (RuntimeError: boom \\x1b]52" in err and "\x1b" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "which",
    ["\u00b2", "\u0661", "9" * 5000, "99999999999999999999999"],
    ids=["superscript", "arabic-indic", "5000-digits", "past-sqlite"],
)
def test_a_run_id_that_only_looks_like_a_number_is_a_usage_error(records_dir, which):
    """'²' passed isdigit and int() refused it; '١' was read as run 1; 5,000 digits or
    one past SQLite's integers were a bug report instead of a sentence."""
    assert play("first-meeting") == 0
    code, out = run_main(["export", which])
    assert_safe(out)
    assert code == 2 and "RUN is a run id from `peer-sim runs`" in out and len(out) < 300, out


def test_a_stored_owner_that_is_no_pid_counts_as_gone():
    from sim.records.owner import owner_alive

    for owner in ("host:\u00b2", "host:" + "9" * 5000, "host:", ":", "x"):
        assert owner_alive(owner) is False


def test_an_owner_that_ended_unreaped_or_is_pid_0_counts_as_gone():
    """kill(pid, 0) succeeds for a process that ended and was not waited for (a peer-sim
    killed under a parent that never reaps) and for pid 0 (the caller's own group): such a
    run was 'being played now' for ever and never offered for resume (adversarial-19)."""
    import socket
    import subprocess
    import sys
    import time
    from pathlib import Path

    from sim.records.owner import owner_alive

    host = socket.gethostname()
    assert owner_alive(f"{host}:0") is False
    assert owner_alive(f"{host}:{os.getpid()}") is True  # this test is running
    ended = subprocess.Popen([sys.executable, "-c", "pass"])
    try:
        stat = Path(f"/proc/{ended.pid}/stat")
        if not stat.exists():
            pytest.skip("no /proc here to tell an unreaped process by")
        for _ in range(500):  # until it has ended; not waited for, so not reaped
            if stat.read_bytes().rpartition(b")")[2].split()[:1] == [b"Z"]:
                break
            time.sleep(0.01)
        assert owner_alive(f"{host}:{ended.pid}") is False
    finally:
        ended.wait()


def test_export_over_a_link_replaces_its_file_and_keeps_link_and_mode(records_dir, tmp_path):
    assert play("first-meeting") == 0
    old = tmp_path / "old.md"
    old.write_text("OLD EXPORT")
    old.chmod(0o640)
    (tmp_path / "link.md").symlink_to("old.md")
    assert run_main(["export", "last", "-o", str(tmp_path / "link.md")])[0] == 0
    assert (tmp_path / "link.md").is_symlink() and old.read_text().startswith("# First Meeting")
    assert oct(old.stat().st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.md", "old.md"]


def test_export_to_a_full_disk_keeps_the_old_file_whole(records_dir, tmp_path):
    """The export was truncated first: a full disk lost the old one and left an empty file."""
    import subprocess

    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(disk)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip("no tmpfs here (mounting needs root and CAP_SYS_ADMIN)")
    try:
        assert play("first-meeting") == 0
        (disk / "x.md").write_text("OLD EXPORT")
        (disk / "filler").write_bytes(b"\0" * 56_000)
        code, out = run_main(["export", "last", "-o", str(disk / "x.md")])
        assert code == 1 and "No space left on device" in out, out
        assert (disk / "x.md").read_text() == "OLD EXPORT"
        assert sorted(p.name for p in disk.iterdir()) == ["filler", "x.md"]
    finally:
        subprocess.run(["umount", str(disk)], capture_output=True)


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE runs SET registration = 'not-a-uuid'",
        "UPDATE meta SET value = x'fffe' WHERE key = 'actor_id'",
        "UPDATE meta SET value = 'not-a-uuid' WHERE key = 'actor_id'",
    ],
    ids=["registration", "actor-id-bytes", "actor-id-text"],
)
def test_xapi_export_of_a_damaged_store_is_no_bug_report(records_dir, sql):
    """uuid.UUID('not-a-uuid') and a missing actor_id were 'unexpected error' (exit 70)."""
    assert play("first-meeting") == 0
    assert play("first-meeting") == 0
    conn = sqlite3.connect(records_dir / "records.db")
    conn.execute(sql + (" WHERE id = 1" if "runs" in sql else ""))
    conn.commit()
    conn.close()
    said = ""
    for which in ("all", "last"):
        code, out = run_main(["export", which, "--format", "xapi"])
        assert_safe(out)
        assert code in (0, 1) and "unexpected error" not in out, out
        said += out
    if "registration" in sql:
        assert "is damaged (its registration is not a UUID)" in said, said[-500:]


def test_runs_with_every_run_damaged_does_not_say_no_runs_yet(two_runs):
    # adversarial-5: "No runs yet. Play a scenario..." printed under the notice that
    # the store's runs are damaged.
    conn = sqlite3.connect(two_runs)
    conn.execute("UPDATE runs SET progress = 'not json{'")
    conn.commit()
    conn.close()
    code, out = run_main(["runs"])
    assert_safe(out)
    assert code == 0 and "No runs yet" not in out and "No run can be read: 2 damaged" in out


def test_a_trainee_name_matches_whatever_its_case_or_composition(records_dir):
    # adversarial-6: SQLite's NOCASE folds ASCII only and compares code points, so
    # 'Zoë', 'ZOË' and 'Zoe' + U+0308 were three trainees, two of them shown alike
    for name in ("Zo\u00eb", "ZO\u00cb", "Zoe\u0308"):
        assert play("first-meeting", extra=("--trainee", name)) == 0
    code, out = run_main(["runs", "--trainee", "zo\u00eb"])
    assert code == 0 and all(f"\n   {n}  " in out for n in (1, 2, 3)), out
    code, out = run_main(["report"])
    assert "1 trainee," in out and "Zo\u00eb: 3 finished" in out and "ZO" not in out, out
    code, out = run_main(["export", "all", "--format", "xapi", "--trainee", "ZOE\u0308"])
    accounts = {s["actor"]["account"]["name"] for s in json.loads(out)}  # the one identity
    assert code == 0 and len(accounts) == 1, accounts


def test_a_newer_store_is_said_to_the_player_and_to_a_reader_in_its_own_words(records_dir):
    """The cause and the fix are kept apart, so a reader is not told play goes on."""
    import sqlite3

    from sim.records.schema import APPLICATION_ID, VERSION

    conn = sqlite3.connect(records_dir / "records.db")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {VERSION + 1}")
    conn.execute("CREATE TABLE runs (id INTEGER)")
    conn.commit()
    conn.close()
    from sim.records import RecordsUnavailable, Store

    try:
        Store.open(records_dir)
    except RecordsUnavailable as exc:
        said = str(exc)
        plainly = exc.plainly()
    else:
        raise AssertionError("a newer store was opened for writing")
    assert said.startswith("Nothing is recorded: ") and "Play works as usual; update" in said
    assert plainly.startswith(str(records_dir / "records.db")) or plainly[:1].isupper()
    assert "Play works" not in plainly and "Nothing is recorded" not in plainly
    assert plainly.endswith("Update peer-sim to record again."), plainly


SCHEMA_DAMAGE = {
    "no-decisions": "DROP TABLE decisions",
    "no-meta": "DROP TABLE meta",
    "no-words-column": "ALTER TABLE decisions DROP COLUMN words",
    "no-sent-column": "ALTER TABLE runs DROP COLUMN sent_to",
}


@pytest.mark.parametrize("damage", SCHEMA_DAMAGE)
def test_a_store_missing_part_of_its_schema_is_named_and_moved_aside(two_runs, damage):
    """A store at today's version with a table or column dropped passed every check at
    opening: `runs` read as usual, a finished run failed to record, `export` was an
    'unexpected error' (adversarial-11). Now it is damaged, as quick_check's faults are."""
    conn = sqlite3.connect(two_runs)
    conn.execute(SCHEMA_DAMAGE[damage])
    conn.commit()
    conn.close()
    # a reader that cannot write (report --also on a classroom's folder) names it, moves nothing
    with pytest.raises(RecordsUnavailable, match=r"cannot be read: they are damaged \(its "):
        Store.open_read_only(two_runs.parent)
    code, out = run_main(["export", "last"])
    assert "unexpected error" not in out and code != 70, out
    assert "could not be used (it is damaged: its " in out and "moved aside" in out, out
    assert play("first-meeting") == 0
    code, out = run_main(["runs"])
    assert code == 0 and "\n   1  " in out and "unfinished" not in out, out
    assert [p.name for p in two_runs.parent.glob("records.db.unreadable-*")], "kept aside"


# bytes that are not UTF-8, as another tool or a damaged disk may leave in a text column
NOT_UTF8 = {
    "runs": ("scenario_title", "ending_title", "trainee", "scenario_id"),
    "decisions": ("said", "words", "scene"),
}


def test_bytes_that_are_not_utf8_in_the_store_read_as_replacement_characters(two_runs):
    """Python's sqlite3 decodes text strictly: one such byte in a title ended `runs`,
    `report`, `progress` and every export with "unexpected error (OperationalError: Could
    not decode to UTF-8 column ...)", and in a trainee name the name-matching SQL function
    failed. Each now reads, the bad bytes shown as U+FFFD."""
    conn = sqlite3.connect(two_runs)
    for table, columns in NOT_UTF8.items():
        key = "id" if table == "runs" else "run_id"
        for column in columns:
            conn.execute(
                f"UPDATE {table} SET {column} = CAST(X'41ff42eda080c3' AS TEXT) || {column} "
                f"WHERE {key} = 1"
            )
    conn.commit()
    conn.close()
    for argv in (
        ["runs"],
        ["report"],
        ["report", "--format", "csv"],
        ["report", "--format", "json"],
        ["progress"],
        ["progress", "--trainee", "A\ufffdB\ufffd\ufffd\ufffd\ufffd"],
        ["runs", "--trainee", "nobody"],
        ["export", "1", "--format", "md"],
        ["export", "all", "--format", "json"],
        ["export", "1", "--format", "xapi"],
    ):
        code, out = run_main(argv)
        assert_safe(out)
        assert "unexpected error" not in out and "Could not decode" not in out, (argv, out)
        assert code in (0, 2), (argv, out)
    code, out = run_main(["runs"])
    assert code == 0 and "A\ufffdB" in out and "\n   2  " in out, out


def test_a_trainee_name_of_ten_thousand_characters_is_cut_in_report_text(two_runs):
    """A store edited by hand: a trainee named with 10,000 characters was printed whole on
    each line naming them in `report` (and the app's class summary), 125 terminal rows
    each; `runs` cut it already. CSV and JSON keep it whole: they are data (adversarial-40)."""
    name = "x" * 9_990 + "\u202eevil" + "y" * 6
    conn = sqlite3.connect(two_runs)
    conn.execute("UPDATE runs SET trainee = ? WHERE id = 1", (name,))
    conn.commit()
    conn.close()
    code, out = run_main(["report"])
    assert code == 0, out
    assert_safe(out)
    assert max(len(line) for line in out.splitlines()) < 400, out[:2000]
    # its hidden character shown as an escape (records44): the name shown is 10,006 long
    assert f"{'x' * 79}… ({len(shown(name)):,} characters)" in out
    whole = "x" * 9_990 + "\\u202eevil" + "y" * 6
    code, out = run_main(["report", "--format", "csv"])
    assert code == 0 and whole in out
    code, out = run_main(["report", "--format", "json"])
    assert code == 0 and whole in [t["name"] for t in json.loads(out)["trainees"]]


# An id is a name: a control or invisible character in it must stay visible, or a hand-edited
# run passes off as one of the real scenario (adv43: 'first-meeting' + ESC came back as
# 'first-meeting' in runs, report and every export; the report counted it as in the library).
DISGUISED_IDS = {
    "esc-at-end": "first-meeting\x1b",
    "zero-width": "first\u200b-meeting",
    "bidi": "first-meeting\u202e",
}


@pytest.mark.parametrize("disguise", DISGUISED_IDS)
def test_a_disguised_scenario_id_stays_visibly_different(records_dir, disguise):
    assert play("first-meeting", "strong") == 0
    fake = DISGUISED_IDS[disguise]
    conn = sqlite3.connect(records_dir / "records.db")
    conn.execute("UPDATE runs SET scenario_id = ? WHERE id = 1", (fake,))
    conn.execute("UPDATE decisions SET choice_id = ? || choice_id WHERE run_id = 1", ("\x1b",))
    conn.commit()
    conn.close()
    visible = shown(fake)
    assert visible != "first-meeting" and "\\" in visible
    code, out = run_main(["runs"])
    assert_safe(out)
    assert code == 0 and visible in out and " first-meeting " not in out, out
    code, out = run_main(["report"])
    assert_safe(out)
    assert code == 0 and f"not in the library read: First Meeting ({visible})" in out, out
    code, out = run_main(["export", "1", "--format", "json"])
    assert_safe(out)
    data = json.loads(out)
    # JSON is data: the id as stored, which JSON escapes (records44), never the real one's
    assert data["run"]["scenario"]["id"] == fake != "first-meeting"
    decisions = data["run"]["decisions"]
    assert decisions and all(d["choice_id"].startswith("\x1b") for d in decisions), out
    code, out = run_main(["export", "1", "--format", "md"])
    assert_safe(out)
    assert "| Scenario | first-meeting (" not in out and "\\\\" in out, out
    exported = records_dir / "run.json"
    exported.write_text(json.dumps({**data}), encoding="utf-8")
    code, out = run_main(["replay", str(exported), "--plain"])
    assert_safe(out)
    assert code != 0 and "not in your library" in out, out
