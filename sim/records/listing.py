"""Runs read for a listing or a summary: a few small columns each, in batches, never every
debrief.

A run's whole record is its debrief snapshot (some 40 KB of JSON), its progress
(every line said) and its decisions. `peer-sim runs`, `report`, `progress` and the
app's progress and class summary screens need none of that beyond a run's critical
slips, its lines taken back and time away, and how many verdicts on each principle
honoured or undermined it. Reading every run whole made a store of 5,000 runs take
~8-15 s and ~870 MB (benchmarks/records_bench.py); this reads, per run:

- the run's own columns as `Store` reads them (the same checks, `rows.run_values`),
  with the debrief cut down in SQL to its `slips` (SQLite's JSON functions, in C), and
  the progress kept to what listings read (`LISTED_PROGRESS`);
- its verdicts counted in SQL (`json_each`), per principle, as a `tally` (with those
  undermined by a critical slip, the weakest principle's tie-break);

in batches of `BATCH` runs, each batch one short hold of the store's lock, so memory
stays that of one batch plus what the caller keeps. Such a run is `partial`: read it
with `Store.get` before showing its debrief, exporting or sending it.

The same runs are left out as damaged as when read whole: a run whose debrief or
decisions SQL cannot vouch for (not JSON, a verdict that is not text, a decision time
not written as peer-sim writes it, a principle id with a control character) is read
whole, the old way, which says why it is damaged or counts it. Two kinds of hand-made
debrief are beyond SQL's view and read as they did not before: one nested deeper than
Python's recursion limit or holding a number of over 4,300 digits (both left out as
damaged when read whole; a listing counts them, as it reads only their slips), and one
with two `slips` keys (SQLite reads the first, Python the last).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from typing import TYPE_CHECKING

from sim.records import rows
from sim.records.record import critical_slips, slips_so_far, verdicts_so_far
from sim.records.stored import StoredRun
from sim.text import clean_line
from sim.weakness import BROKEN_BY

if TYPE_CHECKING:
    from sim.records.store import Store

BATCH = 256
# choices made, lines taken back, time away, an unfinished run's critical slips, and when each
# line was said (a left run's time playing ends at its last: `record.played_until`)
LISTED_PROGRESS = ("choices", "taken_back", "away", "slips", "times")  # `verdicts` -> tally

# The debrief as its slips alone, when SQLite vouches that Python would parse it to an object
# (`rows.parsed`); `ok` is 0 when it cannot (the run is then read whole). A CASE keeps the
# JSON functions off what is not text, which they would refuse with an error for the query.
_DEBRIEF_FITS = (
    "CASE WHEN debrief IS NULL THEN 1 WHEN typeof(debrief) != 'text' THEN 0 "
    f"WHEN length(debrief) > {rows.MAX_JSON} THEN 0 "
    "WHEN NOT json_valid(debrief) THEN 0 WHEN json_type(debrief) != 'object' THEN 0 ELSE 1 END"
)
_SLIPS_ONLY = (
    f"CASE WHEN debrief IS NULL OR ({_DEBRIEF_FITS}) = 0 THEN NULL "
    "WHEN json_type(debrief, '$.slips') = 'array' "
    """THEN '{"slips": ' || json_extract(debrief, '$.slips') || '}' """
    """ELSE '{"slips": null}' END"""
)
_LISTED_COLUMNS = (
    "id, registration, scenario_id, scenario_title, digest, mode, status, owner, started_at, "
    f"updated_at, ended_at, progress, ending_id, ending_title, outcome, final_trust, "
    f"final_empowerment, {_SLIPS_ONLY}, sent_at, sent_to, trainee, {_DEBRIEF_FITS}"
)

_VERDICTS = (
    "(CASE WHEN typeof(verdicts) = 'text' AND json_valid(verdicts) THEN verdicts ELSE '{}' END)"
)
# A decision row that `rows.decision_values` would surely accept (its time as `stored.now`
# writes it); any other is read the old way, which accepts or names it.
_DECISION_FITS = f"""
    CASE WHEN NOT (
        typeof(step) = 'integer' AND typeof(trust_before) = 'integer'
        AND typeof(empowerment_before) = 'integer' AND typeof(trust_after) = 'integer'
        AND typeof(empowerment_after) = 'integer'
        AND typeof(scene) = 'text' AND length(scene) <= {rows.MAX_TEXT}
        AND typeof(choice_id) = 'text' AND length(choice_id) <= {rows.MAX_TEXT}
        AND typeof(said) = 'text' AND length(said) <= {rows.MAX_TEXT}
        AND typeof(words) = 'text' AND length(words) <= {rows.MAX_TEXT}
        AND typeof(decided_at) = 'text'
        AND coalesce(decided_at = ''
            OR strftime('%Y-%m-%dT%H:%M:%f+00:00', decided_at) = decided_at, 0)
        AND typeof(verdicts) = 'text' AND length(verdicts) <= {rows.MAX_JSON}
    ) THEN 0
    WHEN NOT json_valid(verdicts) THEN 0
    WHEN json_type(verdicts) != 'object' THEN 0
    WHEN EXISTS (SELECT 1 FROM json_each(verdicts) WHERE type != 'text') THEN 0
    ELSE (SELECT count(*) = count(DISTINCT key) FROM json_each(verdicts)) END
"""
_HONOURS, _UNDERMINES, _NEUTRAL, _AT_SLIPS, _BROKE = 0, 1, 2, 3, 4


def not_listed(ids: list[int]) -> str:
    """The runs a list of runs leaves out (`StoredRun.listed`), named by id, so a reader of
    runs 1, 3 and 5 does not wonder where 2 and 4 went: `peer-sim runs` and the app's past
    runs say it in the same words."""
    named = ", ".join(map(str, ids[:10])) + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
    return (
        f"Not listed: run{'' if len(ids) == 1 else 's'} {named}, with no line kept: opened "
        "(or restarted) and left, or every line taken back"
    )


def numbers_skip(ids: list[int]) -> bool:
    """Whether one trainee's run ids (listed and not) leave numbers out between them: the
    store numbers every trainee's runs in one count, which `export ID` and `replay` take."""
    return len(ids) > 1 and max(ids) - min(ids) + 1 > len(set(ids))


# Why one trainee's runs read 1, 4, 7 (`numbers_skip`): `peer-sim runs --trainee` and a
# served trainee's past runs say it in these words (records37), where a supervisor
# wondered where 2 and 3 went; the numbers stay the store's, so `export 4` is that run.
# One row at 80 columns under the app's list, where "in this store" was a word for trainers.
SHARED_NUMBERS = "Run numbers count every trainee's runs, so {whose} skip some"


def listed_runs(
    store: Store,
    cond: str = "",
    args: tuple = (),
    everyone: bool = False,
    decisions: bool = True,
) -> Iterator[StoredRun]:
    """`store`'s runs where `cond` holds (its trainee's unless `everyone`), oldest first,
    each `partial` (see the module docstring), read `BATCH` at a time.

    `decisions=False`: no verdicts counted (`tally` None), and a run whose decisions are
    damaged is listed, as `Store.runs()` lists it (`peer-sim runs` reads no decision).
    """
    asked = args
    conds, args = store.whose(cond, args, everyone)
    where = " AND ".join(["id > ?", *conds])
    last = -(2**63)
    while True:
        with store._lock:
            try:
                found = store.conn.execute(
                    f"SELECT {_LISTED_COLUMNS} FROM runs WHERE {where} ORDER BY id LIMIT {BATCH}",
                    (last, *args),
                ).fetchall()
            except sqlite3.OperationalError as exc:
                if "no such function" not in str(exc):
                    raise
                found = None  # an SQLite built without JSON functions (before 3.38, rare)
            if found is None:
                whole = store._runs(cond, asked, "id", decisions, everyone)
                batch = [_listed(r, decisions) for r in whole]
                found = []
            else:
                batch = _batch(store, found, decisions) if found else []
        yield from batch
        if not found:
            return
        last = found[-1][0]


def _batch(store: Store, found: list[tuple], decisions: bool) -> list[StoredRun]:
    doubtful, tallies = _tallies(store, found) if decisions else (set(), {})
    out, counted = [], []
    for row in found:
        *columns, debrief_fits = row
        if not debrief_fits or row[0] in doubtful:
            whole = _read_whole(store, row[0], decisions)
            if whole is not None:
                out.append(whole)
            continue
        try:
            values = rows.run_values(tuple(columns))
            run = StoredRun(*values)
            run.stored = rows.as_stored(tuple(columns), values, rows.RUN_TEXTS)
        except rows.DamagedRow as exc:
            store._damaged(row[0], str(exc))
            continue
        if decisions and not run.finished:
            run.tally = tally_of(run)  # from its progress: a left run has no decision rows
        elif decisions:
            run.tally = tallies.get(run.id, {})
            counted.append(run)
        out.append(_cut(run))
    _add_slips(store, counted)
    return out


def _tallies(
    store: Store, found: list[tuple]
) -> tuple[set[object], dict[int, dict[str, list[int]]]]:
    """The runs whose decisions SQL cannot vouch for, and every other run's verdicts counted."""
    ids = [row[0] for row in found if isinstance(row[0], int)]
    marks = ",".join("?" * len(ids))
    doubtful: set[object] = {
        r[0]
        for r in store.conn.execute(
            f"SELECT DISTINCT run_id FROM decisions WHERE run_id IN ({marks}) "
            f"AND NOT ({_DECISION_FITS})",
            ids,
        )
    }
    tallies: dict[int, dict[str, list[int]]] = {}
    for run_id, key, verdict, n in store.conn.execute(
        f"SELECT run_id, j.key, j.value, count(*) FROM decisions, json_each({_VERDICTS}) AS j "
        f"WHERE run_id IN ({marks}) GROUP BY run_id, j.key, j.value",
        ids,
    ):
        if run_id in doubtful:
            continue
        if not (isinstance(key, str) and isinstance(verdict, str)) or (
            clean_line(key) != key or clean_line(verdict) != verdict
        ):
            doubtful.add(run_id)  # cleaning could merge two ids: counted as read whole
            continue
        counts = tallies.setdefault(run_id, {}).setdefault(key, [0, 0, 0, 0, 0])
        kind = {"honours": _HONOURS, "undermines": _UNDERMINES}.get(verdict, _NEUTRAL)
        counts[kind] += n
    return doubtful, tallies


def _add_slips(store: Store, runs: list[StoredRun]) -> None:
    """Count in each run's `tally` the lines that undermined a principle at a critical slip,
    and of those, at a slip of the kind that most plainly breaks it (`sim.weakness.BROKEN_BY`).

    The steps come from the slips already read (`critical_slips`, as a run read whole
    counts them), and only runs with a slip read their decisions' verdicts again: asking
    SQL to match steps against each run's ~40 KB debrief parsed it once per decision.
    """
    steps = {run.id: slips for run in runs if (slips := critical_slips(run))}
    if not steps:
        return
    tallies = {run.id: run.tally or {} for run in runs}
    ids = list(steps)
    for run_id, step, verdicts in store.conn.execute(
        f"SELECT run_id, step, verdicts FROM decisions WHERE run_id IN ({','.join('?' * len(ids))})",
        ids,
    ):
        if step not in steps[run_id]:
            continue
        kind = steps[run_id][step]
        for key, verdict in json.loads(verdicts).items():  # vouched for by `_DECISION_FITS`
            if verdict == "undermines" and key in tallies[run_id]:
                tallies[run_id][key][_AT_SLIPS] += 1
                if BROKEN_BY.get(kind) == key:
                    tallies[run_id][key][_BROKE] += 1


def _read_whole(store: Store, run_id: object, decisions: bool) -> StoredRun | None:
    """The run read whole, as every run was before: damaged (None, said once) or counted."""
    found = store._runs("id = ?", (run_id,), decisions=decisions, everyone=True)
    if not found:
        return None
    return _listed(found[0], decisions)


def _listed(run: StoredRun, decisions: bool) -> StoredRun:
    """A run read whole, cut to what a listing of runs read in SQL holds, so no caller
    can tell which way a run was read (and none keeps 40 KB of debrief per run)."""
    if decisions:
        run.tally = tally_of(run)
    run.decisions = []
    slips = run.debrief.get("slips") if isinstance(run.debrief, dict) else None
    run.debrief = None if run.debrief is None else {"slips": slips}
    return _cut(run)


def _cut(run: StoredRun) -> StoredRun:
    """The progress kept to what listings read, and the run marked `partial`."""
    run.progress = {k: run.progress[k] for k in LISTED_PROGRESS if k in run.progress}
    run.partial = True
    return run


def tally_of(run: StoredRun) -> dict[str, list[int]]:
    """Per principle id, the verdicts on it in `run` that honoured, undermined, were neutral,
    and of those that undermined it, how many were critical slips (`sim.weakness` breaks a
    tie with them, as the debrief does) and how many were slips of the kind that most
    plainly breaks it (`BROKEN_BY`: the one of the principles a slip undermined to name)."""
    if run.tally is not None:
        return run.tally
    if run.finished:
        slips = critical_slips(run) or {}
        verdicts = [(d.step, d.verdicts) for d in run.decisions]
    else:  # kept in its progress, line by line (`verdicts_so_far`)
        slips = slips_so_far(run.progress)
        verdicts = list(enumerate(verdicts_so_far(run.progress), 1))
    counts: dict[str, list[int]] = {}
    for step, said in verdicts:
        for pid, verdict in said.items():
            kind = {"honours": _HONOURS, "undermines": _UNDERMINES}.get(verdict, _NEUTRAL)
            tally = counts.setdefault(pid, [0, 0, 0, 0, 0])
            tally[kind] += 1
            if kind == _UNDERMINES and step in slips:
                tally[_AT_SLIPS] += 1
                tally[_BROKE] += BROKEN_BY.get(slips[step]) == pid
    return counts
