"""`progress` and `report` name a run's scenario so that two of one title, or two versions of
one scenario, read apart (records44).

A trainer's copy of a scenario, edited under a new file name, keeps the original's
title; a scenario edited between runs keeps its id and title. `progress` named a
slip's run by its title alone, and `report` added the id only when both scenarios had
a finished run (a slip in a run of the copy left unfinished read as the original's),
never the version: a supervisor could not tell which scenario, or which version of
it, a safety slip was in.
"""

from __future__ import annotations

import csv
import io

from sim.records.class_export import to_csv, to_data
from sim.records.class_text import lines
from sim.records.classroom import summarise
from sim.records.progress import ScenarioInfo, compute
from sim.records.progress import lines as progress_lines
from sim.records.scenario_names import ScenarioNames
from sim.records.stored import StoredDecision, StoredRun

OLD, NEW = "a1b2c3d4e5f60718" + "0" * 48, "a1b2c3d4e5f60718" + "f" * 48  # share 16 characters


def _run(
    rid: int,
    sid: str,
    digest: str = OLD,
    slip_at: int = 2,
    finished: bool = True,
    trainee: str = "Ana",
    mode: str = "practice",
) -> StoredRun:
    """A run of a scenario titled "Crisis Moment", with a safety slip at `slip_at`."""
    at = f"2026-12-0{rid}T10:00:00+00:00"
    decisions = [
        StoredDecision(i, "s", f"s#{i}", "line", 40, 40, 45, 45, {"boundaries": "undermines"}, at)
        for i in (1, 2, 3)
    ]
    slips = [{"step": slip_at, "kind": "safety"}]
    status = "finished" if finished else "left"
    return StoredRun(
        rid, f"00000000-0000-4000-8000-{rid:012d}", sid, "Crisis Moment", digest, mode, status,
        "", at, at, at if finished else None,
        {"choices": ["s#1", "s#2", "s#3"], "slips": slips},
        "e" if finished else None, "An ending" if finished else None,
        "poor" if finished else None, 20 if finished else None, 20 if finished else None,
        {"slips": slips} if finished else None, trainee=trainee,
        decisions=decisions if finished else [],
    )  # fmt: skip


def _slip_lines(text: list[str]) -> list[str]:
    return [line for line in text if "safety slip at decision" in line]


def test_progress_names_the_copy_and_the_original_apart() -> None:
    runs = [_run(1, "crisis-moment"), _run(2, "crisis-copy", slip_at=3)]
    text = progress_lines(compute(runs, []))
    slips = _slip_lines(text)
    assert any("decision 2 of run 1, Crisis Moment (crisis-moment)" in s for s in slips), text
    assert any("decision 3 of run 2, Crisis Moment (crisis-copy)" in s for s in slips), text


def test_progress_names_the_version_a_run_was_played_on() -> None:
    runs = [_run(1, "crisis-moment", OLD), _run(2, "crisis-moment", NEW)]
    slips = _slip_lines(progress_lines(compute(runs, [])))
    # the content hashes share 16 characters: each is named by as many as tell them apart
    assert any(s.endswith(f"run 1, Crisis Moment (version {OLD[:17]})") for s in slips), slips
    assert any(s.endswith(f"run 2, Crisis Moment (version {NEW[:17]})") for s in slips), slips
    one = _slip_lines(progress_lines(compute([_run(1, "crisis-moment")], [])))
    assert one and one[0].endswith("run 1, Crisis Moment"), one  # one version: the title alone


def test_report_names_a_left_run_of_the_copy_apart_from_the_original() -> None:
    """Only the original finished: the copy's slip, in a run left unfinished, read as the
    original's ("Crisis Moment" on both lines)."""
    runs = [_run(1, "crisis-moment"), _run(2, "crisis-copy", slip_at=3, finished=False)]
    text = lines(summarise(runs, []))
    assert (
        "  Ana: a safety slip at decision 2 of run 1, Crisis Moment (crisis-moment) (practice)"
        in text
    )
    assert (
        "  Ana: a safety slip at decision 3 of run 2, Crisis Moment (crisis-copy) (practice)"
        in text
    )


def test_report_names_versions_in_text_and_json_and_the_copy_in_csv() -> None:
    runs = [
        _run(1, "crisis-moment", OLD, mode="assessment"),
        _run(2, "crisis-moment", NEW),
        _run(3, "crisis-copy", OLD, trainee="Ben", mode="assessment"),
    ]
    s = summarise(runs, [])
    text = lines(s)
    assert f"run 1, Crisis Moment (crisis-moment, version {OLD[:17]}) (assessment)" in "\n".join(
        text
    )
    assert f"run 2, Crisis Moment (crisis-moment, version {NEW[:17]}) (practice)" in "\n".join(text)
    assert "run 3, Crisis Moment (crisis-copy) (assessment)" in "\n".join(text)  # one version
    # the endings, over every version, say how many (a version is a run's, not a scenario's)
    assert any(line.startswith("  Crisis Moment (crisis-moment) (played on 2") for line in text)
    data = to_data(s, "2026-12-05T00:00:00+00:00")
    slips = {
        (x["run"], x["scenario_id"], x["content_hash"])
        for t in data["trainees"]
        for x in t["critical_slips"]
    }
    assert slips == {(1, "crisis-moment", OLD), (2, "crisis-moment", NEW), (3, "crisis-copy", OLD)}
    rows = {r["trainee"]: r for r in csv.DictReader(io.StringIO(to_csv(s)))}
    assert rows["Ana"]["scenario_titles"] == "Crisis Moment (crisis-moment)"
    assert rows["Ben"]["scenario_titles"] == "Crisis Moment (crisis-copy)"
    assert rows["Ben"]["assessment_results"].startswith("Crisis Moment (crisis-copy): 1 poor")


def test_a_library_scenario_suggested_is_named_apart_from_a_played_one_of_its_title() -> None:
    names = ScenarioNames()
    names.add("crisis-moment", "Crisis Moment", OLD)
    names.add("crisis-copy", "Crisis Moment")  # in the library, not played
    assert names.label("crisis-copy", "Crisis Moment") == "Crisis Moment (crisis-copy)"
    assert names.label("other", "Other") == "Other"
    runs = [_run(1, "crisis-moment")]
    library = [ScenarioInfo("crisis-copy", "Crisis Moment", ("boundaries",))]
    text = "\n".join(lines(summarise(runs, library)))
    assert "next: Crisis Moment (crisis-copy)" in text, text
