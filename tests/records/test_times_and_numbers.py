"""What a supervisor comparing the app with `runs` read as two stories (records37).

One clock for every time a person reads: the app showed a run begun at 08:23
(the trainee's own time, trainee playtest 35) where `peer-sim runs`, `export` and `report`
said 14:23 "(UTC)", two clocks for one run in front of a supervisor. Now each is this
computer's time with its zone named; JSON, CSV and xAPI keep ISO 8601 in UTC. And one
trainee's runs numbered 1, 3, 5 say why the numbers skip."""

from __future__ import annotations

import json
import sqlite3
import time

import pytest

from sim.cli import main
from sim.records import Store
from sim.records.stored import local_minute, local_time, zone_name

from .conftest import play

STARTED = "2026-12-04T14:23:05.000+00:00"


@pytest.fixture
def six_hours_behind(monkeypatch: pytest.MonkeyPatch):
    """This computer at UTC-6 (a POSIX zone: no tz database needed)."""
    monkeypatch.setenv("TZ", "CST+6")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _one_run_at_14_23_utc() -> None:
    assert play("first-meeting") == 0
    with sqlite3.connect(Store.open().path) as c:
        c.execute("UPDATE runs SET started_at = ?", (STARTED,))


def test_the_zone_is_named_by_its_short_name_or_its_offset(six_hours_behind) -> None:
    assert zone_name() == "CST"
    assert local_time(STARTED) == "2026-12-04 08:23 CST"
    assert local_minute(STARTED, "CST") == "2026-12-04 08:23"  # the heading names it
    assert local_minute(STARTED, "CDT") == "2026-12-04 08:23 CST"  # another: said
    assert local_time(STARTED, seconds=True) == "2026-12-04 08:23:05 CST"
    assert local_time("not a time") == "not a time"


def test_a_zone_without_a_short_name_is_named_by_its_offset(monkeypatch) -> None:
    monkeypatch.setenv("TZ", "<+0530>-5:30")  # what some systems call India's zone
    time.tzset()
    try:
        assert zone_name() == "UTC+05:30"
        assert local_time(STARTED) == "2026-12-04 19:53 UTC+05:30"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_runs_export_and_report_give_the_app_s_clock_and_name_it(
    six_hours_behind, capsys, tmp_path
) -> None:
    _one_run_at_14_23_utc()
    capsys.readouterr()
    assert main(["runs"]) == 0
    out = capsys.readouterr().out
    assert "started (CST)" in out and "2026-12-04 08:23  " in out, out
    assert "UTC" not in out and "14:23" not in out
    assert main(["export", "all", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "| started (CST) |" in md and "| 2026-12-04 08:23 |" in md, md
    assert "| Started | 2026-12-04 08:23:05 CST |" in md, md
    assert "14:23" not in md
    assert main(["report"]) == 0
    report = capsys.readouterr().out
    assert "last active in CST;" in report and "last 2026-12-04 " in report, report
    # machine formats keep the stored UTC time, with its offset
    assert main(["export", "1", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["run"]["started_at"] == STARTED


async def test_the_app_s_past_runs_name_the_same_clock_as_runs(six_hours_behind) -> None:
    from tests.tui.helpers import make_app, progress_opened, ready, screen_lines

    _one_run_at_14_23_utc()
    app = make_app(library_paths=[])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await progress_opened(app, pilot)
        shown = "\n".join(screen_lines(app))
    assert "Past runs (begun at, CST)" in shown, shown
    assert "2026-12-04 08:23 · practice" in shown


def test_runs_of_one_trainee_say_why_their_numbers_skip(capsys) -> None:
    """`runs --trainee Ana` listed 1, 3 and 5 with no word of 2 and 4 (another trainee's):
    the numbers are the store's, which `export ID` takes, and that is said (records37)."""
    from sim.records.listing import SHARED_NUMBERS

    for name in ("Ana Ruiz", "Ben", "Ana Ruiz"):
        assert play("first-meeting", extra=("--trainee", name)) == 0
    capsys.readouterr()
    assert main(["runs", "--trainee", "ana ruiz"]) == 0
    out = capsys.readouterr().out
    said = SHARED_NUMBERS.format(whose="Ana Ruiz's")  # as the records spell the name
    assert f"{said}; `peer-sim export ID` takes them as listed." in out, out
    assert main(["runs", "--trainee", "Ben"]) == 0  # one run: nothing skipped
    assert main(["runs"]) == 0  # everyone's: nothing skipped
    assert "Run numbers" not in capsys.readouterr().out


def test_progress_says_which_run_each_count_of_run_by_run_is_from(capsys) -> None:
    """`progress --trainee` gave "2 of 4, 2 of 4, 1 of 1" under "Progress over 1 finished
    run": which count was the finished run, and which runs were left? Each count names its
    run, as `runs` numbers them, and none is cut in two by the wrap (records37)."""
    assert play("first-meeting", "poor", ("--trainee", "Ana Ruiz")) == 0
    assert play("crisis-moment", "strong", ("--trainee", "Ben")) == 0
    assert play("first-meeting", "strong", ("--trainee", "Ana Ruiz")) == 0
    capsys.readouterr()
    assert main(["progress", "--trainee", "Ana Ruiz"]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.split())
    assert "in run 1," in flat and "in run 3" in flat and "in run 2" not in flat, out
    rows = out.splitlines()
    assert not any(row.rstrip().endswith((" of", " in", " run")) for row in rows), out
