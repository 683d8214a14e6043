"""Listings and summaries read without whole runs give the figures the whole runs gave.

`peer-sim runs | progress | report` and the app's progress and class summary read
each run's columns with its debrief cut to its slips and its verdicts counted in SQL
(`sim.records.listing`), adding runs up as they come. Here the same store is read both
ways and every figure compared: a store of several trainees (spelt two ways), three
scenarios, both modes, random choices with undos (lines taken back, critical slips),
runs left unfinished, time away, and rows damaged or odd in the ways SQL cannot vouch
for (those are read whole, so they are counted or left out as before).
"""

from __future__ import annotations

import json
import random
import sqlite3
from pathlib import Path

import pytest

from sim.engine import Run
from sim.loading import catalogue_for_scenario
from sim.records import Store
from sim.records.class_export import to_csv, to_data
from sim.records.class_text import lines
from sim.records.classroom import class_summary, summarise
from sim.records.progress import ScenarioInfo, compute
from sim.records.progress import lines as progress_lines
from sim.records.record import critical_slips, run_seconds
from sim.records.recorder import Recorder

from .conftest import load

SCENARIOS = ("first-meeting", "be-my-sponsor", "check-in-call")
TRAINEES = ("Ana", "ana", "Zoë Li", "", "Sam")
TITLES = {"connection": "Build a real connection"}

# rows SQL cannot vouch for: each must be read whole (counted, or left out as damaged)
ODD = [
    "UPDATE decisions SET verdicts = 'x' WHERE run_id = 3",
    "UPDATE decisions SET verdicts = '[]' WHERE run_id = 4 AND step = 1",
    "UPDATE decisions SET verdicts = '{\"a\": 1}' WHERE run_id = 5 AND step = 1",
    # duplicate keys: Python keeps the last
    """UPDATE decisions SET verdicts = '{"x": "honours", "x": "undermines"}'
       WHERE run_id = 6 AND step = 1""",
    # a control character in a principle id: cleaned when read whole
    'UPDATE decisions SET verdicts = \'{"conn\\u0007ection": "honours"}\' WHERE run_id = 7',
    # a decision time Python reads but peer-sim does not write
    "UPDATE decisions SET decided_at = '2026-01-02T03:04:05' WHERE run_id = 8",
    "UPDATE decisions SET decided_at = 'soon' WHERE run_id = 9",
    "UPDATE runs SET debrief = '{{{' WHERE id = 10",
    "UPDATE runs SET debrief = '[1, 2]' WHERE id = 11",
    'UPDATE runs SET debrief = \'{"slips": "none"}\' WHERE id = 12',
    "UPDATE runs SET debrief = NULL WHERE id = 13",
    "UPDATE runs SET final_trust = 'abc' WHERE id = 14",
    "UPDATE decisions SET step = 'one' WHERE run_id = 15 AND step = 2",
    "UPDATE decisions SET said = 5 WHERE run_id = 16",
    "UPDATE runs SET progress = json_set(progress, '$.away', "
    'json(\'[["2026-01-01T00:00:00+00:00", "2026-01-01T00:00:30+00:00"]]\')) WHERE id = 17',
    # slip entries Python drops (`record._slip_entries`) at steps whose lines undermined: the
    # weakest principle's tie-break counts only the last, read in SQL or whole
    """UPDATE runs SET debrief = '{"slips": [1, "x", {"step": 2, "kind": ""},
       {"step": true, "kind": "safety"}, {"step": 3.0, "kind": "safety"},
       {"step": 4, "kind": "safety"}]}' WHERE id = 18""",
    """UPDATE decisions SET verdicts = '{"boundaries": "undermines"}'
       WHERE run_id = 18 AND step <= 4""",
]


def _play(folder: Path, rng: random.Random, trainee: str, name: str, mode: str) -> None:
    scenario = load(name)
    recorder = Recorder.open(str(folder), trainee)
    recorder.begin(Run.begin(scenario), mode, catalogue_for_scenario(scenario))
    run = recorder._tracked
    stop = rng.random() < 0.2  # left unfinished part way
    for step in range(200):
        run.settle()
        if run.over or (stop and step > 3):
            break
        run.choose(rng.choice(run.offers()).number)
        recorder.update(run)
        if mode == "practice" and run.can_undo and rng.random() < 0.15:
            run.undo()
            recorder.update(run)
    recorder.update(run)
    recorder.release()
    recorder.store.close()


def _varied_store(folder: Path) -> None:
    rng = random.Random(20261130)
    for i in range(36):
        _play(
            folder,
            rng,
            TRAINEES[i % len(TRAINEES)],
            SCENARIOS[i % len(SCENARIOS)],
            "assessment" if i % 4 == 3 else "practice",
        )
    conn = sqlite3.connect(folder / "records.db")
    with conn:
        conn.execute("UPDATE runs SET status = 'left' WHERE id IN (SELECT max(id) FROM runs)")
        for statement in ODD:
            conn.execute(statement)
    conn.close()


@pytest.fixture(scope="module")
def varied(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The varied store, made once for this module's tests (which only read it)."""
    folder = tmp_path_factory.mktemp("varied")
    _varied_store(folder)
    return folder


def _whole_and_listed(folder: Path, trainee: str | None) -> tuple[Store, Store]:
    return Store.open(str(folder), trainee), Store.open(str(folder), trainee)


def test_listed_figures_match_whole_runs(varied: Path) -> None:
    tmp_path = varied
    library = [ScenarioInfo(n, load(n).title, tuple(load(n).trains)) for n in SCENARIOS]

    whole, listed = _whole_and_listed(tmp_path, None)
    old = summarise(whole.class_runs(), library, TITLES)
    new = class_summary([listed], library, TITLES)
    assert lines(new) == lines(old)
    assert to_csv(new) == to_csv(old)
    assert to_data(new, "now") == to_data(old, "now")
    assert listed.damaged.keys() == whole.damaged.keys() and whole.damaged  # the same left out
    assert len(old.trainees) == 4 and sum(t.finished for t in old.trainees) > 20
    assert any(t.slips for t in old.trainees) and any(t.undone for t in old.trainees)
    assert any(t.unfinished for t in old.trainees)

    for who in ("ana", "", "Zoë Li", None):  # progress, and the `runs` list, per trainee
        whole, listed = _whole_and_listed(tmp_path, who)
        old_p = compute(whole.finished_with_decisions(), library, TITLES)
        new_p = compute(list(listed.listing(finished_only=True)), library, TITLES)
        assert progress_lines(new_p) == progress_lines(old_p)
        assert [(p.id, p.at_slips) for p in new_p.principles] == [
            (p.id, p.at_slips) for p in old_p.principles
        ]
        if who is None:
            assert any(p.at_slips for p in old_p.principles)
        assert [p.history for p in new_p.principles] == [p.history for p in old_p.principles]
        for decisions, old_runs in ((True, whole.runs(decisions=True)), (False, whole.runs())):
            if decisions:  # a run whose decisions are damaged is left out of these
                old_runs = [r for r in old_runs if r.id not in whole.damaged]
            new_runs = list(listed.listing(decisions=decisions))
            assert [_listed(r) for r in new_runs] == [_listed(r) for r in old_runs]
            assert all(r.partial and not r.decisions for r in new_runs)


def _listed(run) -> tuple:
    """What a listing shows of a run."""
    return (
        run.id,
        run.trainee,
        run.scenario_id,
        run.scenario_title,
        run.mode,
        run.status,
        run.started_at,
        run.ending_title,
        run.outcome,
        run.sent_at,
        run.choices_made,
        critical_slips(run),
        run_seconds(run),
        json.dumps(run.progress.get("taken_back")),
    )


def test_a_listed_run_is_read_whole_when_opened(varied: Path) -> None:
    store = Store.open(str(varied), None)
    first = next(r for r in store.listing() if r.finished)
    whole = store.get(first.id)
    assert whole is not None and not whole.partial and whole.decisions
    assert whole.debrief is not None and len(whole.debrief) > 1


def test_an_sqlite_without_json_functions_reads_runs_whole(varied: Path, monkeypatch) -> None:
    """SQLite has JSON functions built in since 3.38 (and in most builds before); without
    them a listing reads each run whole, as before, with the same figures."""
    import sim.records.listing as listing

    library = [ScenarioInfo(n, load(n).title, ()) for n in SCENARIOS]
    expected = lines(summarise(Store.open(str(varied), None).class_runs(), library))
    monkeypatch.setattr(listing, "_LISTED_COLUMNS", listing._LISTED_COLUMNS + ", no_json(1)")
    store = Store.open(str(varied), None)
    assert lines(class_summary([store], library)) == expected
    assert all(r.partial for r in store.listing())


def test_a_listed_run_is_refused_where_the_whole_run_is_needed(varied: Path) -> None:
    """A listed run holds its slips, not its debrief, and no decisions: exported it read
    as a debrief rebuilt from a replay missing its start, and sent to a record store it
    would go without its decisions and be marked sent for good. Each way out refuses it
    and names `Store.get`, which the same run passes."""
    from sim.records.export import debrief_of, to_json, to_markdown
    from sim.records.xapi import statements

    store = Store.open(str(varied), None)
    listed = next(r for r in store.listing() if r.finished and r.id not in store.damaged)
    for use in (
        lambda r: to_json(r),
        lambda r: to_markdown(r),
        lambda r: debrief_of(r),
        lambda r: statements(r, store.actor(r.trainee)),
    ):
        with pytest.raises(ValueError, match="read it whole with Store.get"):
            use(listed)
        whole = store.get(listed.id)
        assert whole is not None
        use(whole)
