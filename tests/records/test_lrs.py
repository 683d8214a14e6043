"""Real runs exported and synced into a real learning record store (Ralph), and read back."""

from __future__ import annotations

import json
import sqlite3
import urllib.request

import pytest

from sim.cli import main
from sim.records import Store
from sim.records.lrs import statements_url

from .conftest import play


def _post(lrs, statements: list[dict]) -> int:
    import base64

    request = urllib.request.Request(
        statements_url(lrs.url),
        data=json.dumps(statements).encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "X-Experience-API-Version": "1.0.3",
            "Authorization": "Basic "
            + base64.b64encode(f"{lrs.user}:{lrs.password}".encode()).decode(),
        },
    )
    with urllib.request.urlopen(request, timeout=30) as r:
        return r.status


def _sync(lrs, *extra: str) -> int:
    return main(["sync", "--lrs", lrs.url, "--user", lrs.user, "--password", lrs.password, *extra])


def _sent_then_renamed(lrs, records_dir, capsys) -> None:
    """A run synced, its mark lost, and the trainee's name changed since: the store holds its
    statement ids with other contents (HTTP 409 when they are sent again)."""
    play("first-meeting")
    assert _sync(lrs) == 0
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute("UPDATE runs SET sent_at = NULL")
    assert main(["identity", "--name", "Sam Rivera"]) == 0
    capsys.readouterr()


def _registered(lrs, registration: str) -> list[dict]:
    return lrs.get(f"?registration={registration}&limit=500")["statements"]


def test_exported_xapi_is_accepted_by_ralph(lrs, capsys):
    play("be-my-sponsor")
    capsys.readouterr()
    assert main(["export", "last", "--format", "xapi"]) == 0
    statements = json.loads(capsys.readouterr().out)
    assert _post(lrs, statements) == 200
    stored = _registered(lrs, statements[0]["context"]["registration"])
    assert {s["id"] for s in stored} == {s["id"] for s in statements}
    completed = next(s for s in stored if s["verb"]["id"].endswith("/completed"))
    assert completed["result"]["completion"] is True


def test_sync_sends_each_run_once(lrs, monkeypatch, capsys):
    play("first-meeting")
    play("crisis-moment")
    monkeypatch.setenv("PEER_SIM_LRS_USER", lrs.user)
    monkeypatch.setenv("PEER_SIM_LRS_PASSWORD", lrs.password)
    assert main(["sync", "--lrs", lrs.url]) == 0
    out = capsys.readouterr().out
    assert "Sent 2 runs, " in out
    runs = Store.open().runs()
    assert all(r.sent_at and r.sent_to == lrs.url for r in runs)
    for run in runs:
        got = _registered(lrs, run.registration)
        assert len(got) == len(Store.open().get(run.id).decisions) + 1
    # a second sync adds nothing
    assert _sync(lrs) == 0
    assert "Nothing to send" in capsys.readouterr().out
    assert main(["runs"]) == 0
    assert capsys.readouterr().out.count("synced") == 2


def test_sync_holds_one_run_at_a_time(lrs, runs_held, capsys):
    """Each run is read whole as it is sent: all at once, with their debriefs, a store of
    10,000 held 1.7 GB and waited 54 s before the first was sent (adversarial-10)."""
    for _ in range(3):
        play("first-meeting")
    held = runs_held
    assert _sync(lrs) == 0
    assert "Sent 3 runs, " in capsys.readouterr().out
    assert held and max(held) == 1, held


def test_a_retried_sync_never_duplicates(lrs, records_dir, capsys):
    play("return-to-use")
    assert _sync(lrs) == 0
    run = Store.open().last_finished()
    before = _registered(lrs, run.registration)
    # as if the process died after the store accepted the run but before it was marked sent
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute("UPDATE runs SET sent_at = NULL")
    capsys.readouterr()
    assert _sync(lrs) == 0
    # not "N statements sent": the store stored nothing new (trainer-test-5)
    out = capsys.readouterr().out
    n = len(before)
    assert f"the record store already held its {n} statements (sent before)" in out, out
    assert f"1 run marked as sent: the record store at {lrs.url} already held all {n} " in out
    assert len(_registered(lrs, run.registration)) == len(before)


def test_wrong_credentials_are_named(lrs, capsys):
    play("first-meeting")
    assert main(["sync", "--lrs", lrs.url, "--user", lrs.user, "--password", "wrong"]) == 1
    err = capsys.readouterr().err
    assert "refused the credentials" in err and "PEER_SIM_LRS_PASSWORD" in err
    assert "sent before the problem" not in err  # nothing was sent: no talk of what was
    assert Store.open().last_finished().sent_at is None
    assert main(["sync", "--lrs", lrs.url]) == 1
    err = capsys.readouterr().err
    assert "asks for credentials" in err and "none were given" in err


def test_wrong_url_is_named(lrs, capsys):
    play("first-meeting")
    base = lrs.url.rsplit("/xAPI/", 1)[0]
    assert _sync(lrs, "--lrs", base + "/nothing-here/") == 1
    assert "is not an xAPI statements endpoint" in capsys.readouterr().err
    assert main(["sync", "--lrs", "http://127.0.0.1:9/xAPI/"]) == 1
    assert "could not reach a record store" in capsys.readouterr().err
    assert main(["sync", "--lrs", "ftp://example.org/"]) == 1
    assert "not an http" in capsys.readouterr().err


def test_a_run_the_store_already_holds_as_first_sent_is_marked_sent_not_refused_for_ever(
    lrs, records_dir, capsys
):
    play("first-meeting")
    assert _sync(lrs) == 0
    run = Store.open().last_finished()
    before = _registered(lrs, run.registration)
    # the same statement ids with different content (the ending renamed afterwards): xAPI
    # statements cannot be changed, so the store keeps its copy and says 409
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute("UPDATE runs SET sent_at = NULL, ending_title = 'changed afterwards'")
    capsys.readouterr()
    assert _sync(lrs) == 0
    out = capsys.readouterr().out
    n = len(run.decisions) + 1
    assert f"run 1 (first-meeting): the record store already holds 1 of its {n} statements" in out
    assert f"the other {n - 1} were sent; marked as sent" in out
    assert Store.open().last_finished().sent_at is not None
    after = _registered(lrs, run.registration)
    assert len(after) == len(before)  # one copy each, as first sent
    assert all("changed afterwards" not in json.dumps(s) for s in after)
    assert _sync(lrs) == 0
    assert "Nothing to send" in capsys.readouterr().out


def test_a_run_held_under_an_old_name_does_not_hold_back_the_runs_after_it(
    lrs, records_dir, capsys
):
    play("first-meeting")
    assert _sync(lrs) == 0
    # the trainee changes the name their runs carry after an interrupted sync:
    # every statement of the first run now differs from the store's copy (409) ...
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute("UPDATE runs SET sent_at = NULL")
    assert main(["identity", "--name", "Sam Rivera"]) == 0
    play("crisis-moment")  # ... and a new run waits behind it
    capsys.readouterr()
    assert _sync(lrs) == 0
    out = capsys.readouterr().out
    first, second = Store.open().runs()
    n = len(Store.open().get(1).decisions) + 1
    assert f"run 1 (first-meeting): the record store already holds all {n} of its statements" in out
    assert "Sent 2 runs, " in out
    assert first.sent_at is not None and second.sent_at is not None
    assert len(_registered(lrs, second.registration)) == len(Store.open().get(2).decisions) + 1


def test_a_run_held_whole_in_an_earlier_form_is_counted_in_the_summary(lrs, records_dir, capsys):
    """Every statement held in an earlier form was summed up as 'already held all 0 of
    their statements' (adversarial-11)."""
    _sent_then_renamed(lrs, records_dir, capsys)
    assert _sync(lrs) == 0
    out = capsys.readouterr().out
    n = len(Store.open().get(1).decisions) + 1
    assert f"already held all {n} of their statements ({n} in an earlier form)" in out, out
    # the run's own line says so too, not "holds 13 of its 13 ...; the other 0 were sent"
    assert f"holds all {n} of its statements in an earlier form" in out, out
    assert "the other 0" not in out and "nothing else to send; marked as sent" in out


def test_a_refused_statement_is_reported_and_the_run_left_unsent(lrs, records_dir, capsys):
    play("first-meeting")
    play("crisis-moment")
    # an email the store cannot take as an xAPI mbox, written past `identity`'s check
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('email', 'not an email')")
    capsys.readouterr()
    assert _sync(lrs) == 1
    out, err = capsys.readouterr()
    assert "run 1 (first-meeting): not sent: the record store refused a statement" in out
    assert "refused 2 runs (1, 2); they stay unsent, and the reason for each is above" in err
    assert all(r.sent_at is None for r in Store.open().runs())
    # one run alone is said as one ("refused 1 run (3); they stay unsent" read as several)
    with sqlite3.connect(records_dir / "records.db") as db:
        db.execute("UPDATE runs SET sent_at = '2026-12-01T10:00:00.000+00:00' WHERE id = 1")
    db.close()
    assert _sync(lrs) == 1
    err = capsys.readouterr().err
    assert "refused 1 run (2); it stays unsent, and the reason is above." in err, err


@pytest.mark.parametrize("scenario", ["first-meeting"])
def test_statements_read_back_match_the_run(lrs, scenario):
    play(scenario)
    assert _sync(lrs) == 0
    run = Store.open().last_finished()
    got = _registered(lrs, run.registration)
    responses = sorted(s["result"]["response"] for s in got if "response" in s.get("result", {}))
    assert responses == sorted(d.said for d in run.decisions)


REFUSED_BY_A_STORE = ["@", "a@", "mailto:sam@example.org", "sam@example.org?cc=x@y.org",
                      '"sam"@example.org', "sam@localhost", "sam@ex_ample.org", "sam..r@example.org"]  # fmt: skip
TAKEN_BY_A_STORE = ["sam@example.org", "o'brien+peer@mail.example.org", "zoë@exämple.de"]


@pytest.mark.parametrize("email", REFUSED_BY_A_STORE)
def test_identity_refuses_an_email_a_record_store_would_refuse(records_dir, email, capsys):
    """They were kept, put on every statement, and each run was refused at sync (HTTP 422,
    a page of JSON) with nothing pointing at the email (adversarial-8)."""
    assert main(["identity", "--email", email]) == 2
    err = capsys.readouterr().err
    assert "does not look like an email address: " in err, err
    assert "Email: not given" in (main(["identity"]), capsys.readouterr().out)[1]


@pytest.mark.parametrize("email", TAKEN_BY_A_STORE)
def test_an_email_identity_takes_is_taken_by_a_real_record_store(lrs, email, capsys):
    assert main(["identity", "--email", email]) == 0
    play("first-meeting")
    capsys.readouterr()
    assert _sync(lrs) == 0, capsys.readouterr()
    run = Store.open().last_finished()
    assert {s["actor"]["mbox"] for s in _registered(lrs, run.registration)} == {f"mailto:{email}"}


def test_a_url_too_long_for_any_store_is_refused_in_one_short_line(capsys):
    """A 70,000-character URL was printed whole in "Sending ..." and again in the
    refusal after the connection failed."""
    play("first-meeting")
    capsys.readouterr()
    url = "http://127.0.0.1:9/" + "a" * 70_000
    assert main(["sync", "--lrs", url]) == 1
    out, err = capsys.readouterr()
    assert "is 70,019 characters long" in err and "at most 2,000" in err
    assert len(out + err) < 400 and "Sending" not in out + err


def test_with_nothing_to_send_sync_still_tries_the_credentials(lrs, capsys):
    """A programme setting up its sync before any run was played was told "Nothing to send"
    (exit 0) with a wrong password: nothing was asked of the store (programme19)."""
    assert main(["sync", "--lrs", lrs.url, "--user", lrs.user, "--password", "wrong"]) == 1
    captured = capsys.readouterr()
    assert "refused the credentials (HTTP 401)" in captured.err, captured
    assert "(asked with nothing to send; nothing was stored)" in captured.err
    assert "Nothing to send: no run has been played" in captured.out
    assert main(["sync", "--lrs", lrs.url]) == 1
    assert "asks for credentials" in capsys.readouterr().err
    assert _sync(lrs, "--lrs", lrs.url.replace("/xAPI/", "/nothing/")) == 1
    assert "is not an xAPI statements endpoint" in capsys.readouterr().err
    assert _sync(lrs) == 0
    out = capsys.readouterr().out
    assert "Nothing to send: no run has been played" in out
    assert f"The record store at {lrs.url} answered and accepted the credentials." in out
    # and once every run is sent, the same: the check is of the store, not of the runs
    play("first-meeting")
    assert _sync(lrs) == 0
    capsys.readouterr()
    assert _sync(lrs, "--password", "wrong") == 1
    assert "refused the credentials" in capsys.readouterr().err
    statements = lrs.get("?limit=500")["statements"]
    assert len(statements) == len({s["id"] for s in statements})  # the checks stored nothing


def test_a_key_that_may_send_but_not_read_passes_the_check(scoped_lrs, capsys):
    """A write-only key (Ralph's `statements/write`) is refused the check's read with the
    same 401 as a wrong password; it must not be called wrong, and a wrong one still is."""
    assert _sync(scoped_lrs) == 0
    out = capsys.readouterr().out
    assert "accepted the credentials for sending (not for reading statements" in out, out
    assert _sync(scoped_lrs, "--password", "wrong") == 1
    assert "refused the credentials" in capsys.readouterr().err
    play("first-meeting")  # and the key does send
    assert _sync(scoped_lrs) == 0
    assert "Sent 1 run, " in capsys.readouterr().out


def test_a_run_held_in_an_earlier_form_with_a_key_that_may_not_read_says_so(
    scoped_lrs, records_dir, capsys
):
    """Sent, then the trainee's name changed (HTTP 409 on the same ids): with a send-only key
    the store will not show the statement it holds, and sync said "it does not show it ...
    Check the URL", sending a programme to look at a URL that was right."""
    _sent_then_renamed(scoped_lrs, records_dir, capsys)
    assert _sync(scoped_lrs) == 1
    out = capsys.readouterr().out
    assert "these credentials may not read statements (HTTP 401)" in out, out
    assert "Check the URL" not in out
    assert Store.open().last_finished().sent_at is None
