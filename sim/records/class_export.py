"""The class summary as data: `peer-sim report --format csv|json`.

A programme keeps its records in a spreadsheet or feeds them to its own
systems; the text summary (`sim.records.class_text.lines`) is for reading, not
for that. CSV is one row per trainee with the figures the text summary gives;
JSON holds the whole summary (slips run by run, endings, principles) with a
format version, so a programme's script can rely on its keys.

Trainee names and scenario titles are untrusted: each cell goes through
`sim.text.csv_cell`, which defuses spreadsheet formulas (`=HYPERLINK(...)`)
and control characters; JSON is escaped by `sim.text.json_text`.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timezone
from typing import Any

from sim.records.class_next import work_on_next
from sim.records.class_text import assessment_words, finished_titles
from sim.records.classroom import OWNER, ClassSummary, Slip, TraineeSummary
from sim.text import csv_cell

FORMAT = 1  # the version of the JSON below; raised when a key changes meaning

COLUMNS = (
    "trainee",
    "finished",
    "unfinished",
    "strong",
    "mixed",
    "poor",
    "assessment_strong",
    "assessment_mixed",
    "assessment_poor",
    "assessment_unfinished",
    "scenarios",
    "minutes_playing",
    "last_active_utc",
    "weakest_principle",
    "weakest_honoured_pct",
    "critical_slips",
    "critical_slips_taken_back",
    "critical_slips_unfinished",  # in runs left before their ending
    "records_folders",  # empty unless the summary reads several classrooms' folders
    # last, so a script that reads the columns by position reads the older ones as before
    "next_scenario",  # its id, as `progress --trainee` suggests it
    # per scenario, as the text report words it: what a grade rests on
    "assessment_results",
    # finished runs that kept no critical slips (a schema-2 store's): their 0 is unknown
    "critical_slips_not_recorded",
    # minutes_playing to a tenth read 0.0 for a run of a few seconds the text called "2 s"
    "seconds_playing",
    # the scenarios counted in `scenarios`, by title, " | " between (report39)
    "scenario_titles",
    # the lines `weakest_honoured_pct` rests on (honoured and undermined): below 3 the text
    # says "0% from 1 line", too few to judge by (progress40)
    "weakest_judged_lines",
)


def _weakest(t: TraineeSummary) -> tuple[str, str]:
    if t.weakest is None or t.weakest.mastery is None:
        return "", ""
    return t.weakest.id, str(round(t.weakest.mastery * 100))


def _utc_seconds(at: str) -> str:
    """A stored time as ISO 8601 UTC to the second with its offset ("2026-12-04T11:24:46+00:00"),
    as the JSON and xAPI times are: the column read "2026-12-04T11:24:46", which a
    spreadsheet takes for local time (records37). "" when none; as kept when unreadable."""
    if not at:
        return ""
    try:
        when = datetime.fromisoformat(at)
    except ValueError:
        return at[:19]
    if when.tzinfo is None:  # kept in UTC
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc).isoformat(timespec="seconds")


def to_csv(s: ClassSummary) -> str:
    """One row per trainee (the owner's own runs as "(your own runs)"), a header first."""
    out = io.StringIO()
    # "\n", not RFC 4180's "\r\n": printed, a CR reaches the terminal gate as "\\r"; every
    # spreadsheet reads either
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for t in s.trainees:
        o, a = t.outcomes, t.assessed
        weakest, pct = _weakest(t)
        writer.writerow(
            [
                csv_cell(t.name),
                t.finished,
                t.unfinished,
                o["strong"],
                o["mixed"],
                o["poor"],
                a["strong"],
                a["mixed"],
                a["poor"],
                t.assessed_unfinished,
                len(t.scenarios),
                round(t.seconds / 60, 1),
                csv_cell(_utc_seconds(t.last_active)),
                csv_cell(weakest),
                pct,
                len(t.slips),
                len(t.undone),
                len(t.left),
                csv_cell(" | ".join(sorted(t.places))),
                csv_cell(t.next.id if t.next else ""),
                csv_cell(assessment_words(s, t)),
                len(t.unrecorded),
                round(t.seconds),
                csv_cell(" | ".join(finished_titles(s, t))),
                t.weakest.practised if t.weakest is not None and pct else "",
            ]
        )
    return out.getvalue()


def _slips(items: list[Slip]) -> list[dict[str, Any]]:
    out = []
    for s in items:
        slip = {"run": s.run, "scenario": s.scenario, "scenario_id": s.scenario_id}
        # the version of the scenario the run was played on: one id edited between runs
        # is two scenarios to a supervisor (records44)
        slip["content_hash"] = s.digest
        slip |= {"mode": s.mode, "decision": s.decision}
        slip["kind"] = s.kind
        if s.place:  # several folders read: each numbers its runs from 1
            slip["records_folder"] = s.place
        out.append(slip)
    return out


def to_data(s: ClassSummary, generated_at: str) -> dict[str, Any]:
    """The whole summary as JSON-ready data."""
    trainees = []
    for t in s.trainees:
        weakest = None
        if t.weakest is not None:
            weakest = {
                "id": t.weakest.id,
                "title": t.weakest.title,
                "share": t.weakest.mastery,
                # what the share rests on: 0.0 from one line is no verdict (progress40)
                "honoured": t.weakest.honoured,
                "undermined": t.weakest.undermined,
            }
        trainees.append(
            {
                "name": None if t.name == OWNER else t.name,  # null: runs with no name
                "finished": t.finished,
                "unfinished": t.unfinished,
                "outcomes": {k: t.outcomes[k] for k in ("strong", "mixed", "poor")},
                "assessment_outcomes": {k: t.assessed[k] for k in ("strong", "mixed", "poor")},
                "assessment_unfinished": t.assessed_unfinished,
                "unfinished_given_up": t.given_up,
                "scenarios": sorted(t.scenarios),
                # the same, named: the ids alone sent a trainer to `runs --trainee` (report39)
                "finished_scenarios": [
                    {"scenario_id": sid, "scenario": s.scenario_titles.get(sid, sid)}
                    for sid in sorted(t.scenarios)
                ],
                "seconds_playing": round(t.seconds),
                "last_active": t.last_active,
                "weakest_principle": weakest,
                "critical_slips": _slips(t.slips),
                "critical_slips_taken_back": _slips(t.undone),
                "critical_slips_unfinished": _slips(t.left),
                # finished runs whose slips were never kept: "critical_slips": [] is not
                # "none" for them
                "critical_slips_not_recorded": [
                    {"run": run} | ({"records_folder": place} if place else {})
                    for run, place in t.unrecorded
                ],
                "records_folders": sorted(t.places),
                # what a trainer grades by: each scenario's assessment runs (the counts
                # above are over every scenario)
                "assessment_results": [
                    {
                        "scenario_id": a.scenario_id,
                        "scenario": a.scenario,
                        "outcomes": {k: a.outcomes[k] for k in ("strong", "mixed", "poor")},
                        "unfinished": a.unfinished,
                        "latest_outcome": a.latest_outcome or None,
                    }
                    for a in t.assessment_results()
                ],
                "next_scenario": None
                if t.next is None
                else {
                    "id": t.next.id,
                    "title": t.next.title,
                    "trains_weakest": t.next_trains_weakest,
                },
            }
        )
    return {
        "peer_sim_class_report": FORMAT,
        "generated_at": generated_at,
        "records_folders": s.places,
        "trainees": trainees,
        "look_alike_names": s.look_alike,
        # played, but not in the library read: the suggestions come from that library only
        "not_in_library": [
            {"scenario_id": sid, "scenario": title} for sid, title in s.not_in_library.items()
        ],
        "endings": [
            {
                "scenario": s.scenario_titles.get(sid, sid),
                "scenario_id": sid,
                "ending": ending,
                "outcome": outcome,
                "runs": n,
                # the runs above by mode (report39): {"practice": 2, "assessment": 1}
                "runs_by_mode": {
                    m: s.modes_of(sid, (ending, outcome))[m] for m in ("practice", "assessment")
                },
                "scenario_versions": s.versions.get(sid, 1),
            }
            for sid in s.by_title()
            for (ending, outcome), n in s.endings[sid].most_common()
        ],
        "principles": [
            {
                "id": p.id,
                "title": p.title,
                "honoured": p.honoured,
                "undermined": p.undermined,
                "share": p.mastery,
                "weakest_for_trainees": s.weakest_for.get(p.id, 0),
            }
            for p in s.principles
            if p.practised
        ],
        # what to set the class next, as the text's "To work on next" (sim.records.class_next)
        "work_on_next": [
            {
                "principle_id": w.principle_id,
                "principle": w.principle,
                "scenario_id": w.scenario_id,
                "scenario": w.scenario,
                "weakest_for": list(w.weakest_for),
                "finished": w.finished,
                "of_trainees": w.trainees,
                "other_scenarios": w.others,
            }
            for w in work_on_next(s)
        ],
    }
