"""A conversation opened and left before its first line is recorded and sent.

Nothing was kept of it: no runs entry, no statement. A programme could not tell a
trainee who never opened the crisis scenario from one who opened it, read the opening,
and closed it unplayed, which is worth a word. As xAPI (as cmi5 closes every session
with a statement, every attempt here ends in one) it is one `terminated` at step 0 with
the time the opening was on screen, under its own registration; peer-sim sends no separate `launched` or
`initialized` for any run, since each run's registration already groups its statements.
"""

from __future__ import annotations

import json

from sim.engine import Run
from sim.records.recorder import Recorder
from sim.records.store import Store
from tests.core.test_hostile_files import run_main

from .conftest import load
from .test_one_sync_at_a_time import _server
from .test_xapi_rules import problems


def test_the_plain_player_quit_at_the_first_choice_keeps_the_attempt(records_dir):
    code, out = run_main(["play", "crisis-moment", "--plain"], stdin="\nq\n")
    assert "Your choice" in out, out
    (run,) = Store.open().runs()
    assert (run.status, run.choices_made, run.scenario_id) == ("left", 0, "crisis-moment")

    code, out = run_main(["runs"])
    assert "Not listed: run 1, with no line kept: opened (or restarted) and left" in out, out
    code, out = run_main(["export", "1", "--format", "md"])
    assert "opened and left before a line was said" in out, out

    code, out = run_main(["export", "1", "--format", "xapi"])
    (statement,) = json.loads(out)
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/terminated"
    assert statement["result"]["completion"] is False
    assert statement["result"]["extensions"]["https://w3id.org/peer-sim/xapi/extensions/step"] == 0
    assert not problems(statement), problems(statement)

    with _server() as server:
        server.go_on.set()
        url = f"http://127.0.0.1:{server.server_port}/xAPI/"
        code, out = run_main(["sync", "--lrs", url, "--user", "u", "--password", "p"])
        assert code == 0 and "Sent 1 run" in out, out
        assert server.posted == [statement["id"]]

    # nothing to go on from: the next start is not asked about it
    code, out = run_main(["play", "crisis-moment", "--plain"], stdin="\nq\n")
    assert "Resume" not in out, out


def test_the_app_s_leaving_an_empty_conversation_is_kept_once(records_dir):
    recorder = Recorder.open(str(records_dir))
    run = Run.begin(load("first-meeting"))
    recorder.begin(run, "assessment", None)
    recorder.release()  # the play screen closed (back to the library, or quit)
    recorder.release()  # and closing twice records nothing more
    (stored,) = Store.open().runs()
    assert (stored.status, stored.choices_made, stored.mode) == ("left", 0, "assessment")


def test_a_restart_after_an_ending_then_leaving_records_no_new_attempt(records_dir):
    recorder = Recorder.open(str(records_dir))
    run = Run.begin(load("first-meeting"))
    recorder.begin(run, "practice", None)
    while not run.over:
        run.settle()
        if run.over:
            break
        run.choose(run.offers()[0].number)
        recorder.update(run)
    recorder.update(run)
    assert recorder.finished_id is not None
    run.restart()
    recorder.update(run)
    recorder.release()
    assert [r.status for r in Store.open().runs()] == ["finished"]
