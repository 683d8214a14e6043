"""`peer-sim report --format csv|json`: the class summary a programme's spreadsheet reads.

Trainee names are typed by anyone in the room: one starting with `=` must stay a
name in the spreadsheet, not become a formula.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sim.cli import main
from sim.records.class_export import COLUMNS
from sim.text import csv_cell
from tests.records.conftest import play


def _class() -> None:
    assert play("first-meeting", "poor", ("--trainee", "Sam")) == 0
    assert play("be-my-sponsor", "strong", ("--trainee", "sam")) == 0
    assert play("first-meeting", "strong", ("--trainee", '=HYPERLINK("http://x","y")')) == 0
    assert play("first-meeting") == 0  # the owner's own run, no name


def test_csv_has_a_row_per_trainee_and_no_formula(capsys) -> None:
    _class()
    capsys.readouterr()
    assert main(["report", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    by_name = {r["trainee"]: r for r in rows}
    assert set(by_name) == {"Sam", '\'=HYPERLINK("http://x","y")', "(your own runs)"}
    sam = by_name["Sam"]
    assert (sam["finished"], sam["strong"], sam["poor"], sam["scenarios"]) == ("2", "1", "1", "2")
    assert sam["critical_slips"].isdigit() and sam["critical_slips_taken_back"] == "0"
    assert sam["weakest_principle"] and 0 <= int(sam["weakest_honoured_pct"]) <= 100
    assert not any(cell.startswith(("=", "+", "-", "@")) for r in rows for cell in r.values())
    assert out.endswith("\n") and "\\r" not in out


def test_csv_last_active_is_iso_8601_utc_with_its_offset(capsys) -> None:
    """`last_active_utc` read "2026-12-04T11:24:46", no offset, which a spreadsheet takes for
    local time; the JSON and xAPI times say theirs (records37)."""
    from datetime import datetime, timedelta, timezone

    assert play("first-meeting", "poor", ("--trainee", "Sam")) == 0
    capsys.readouterr()
    assert main(["report", "--format", "csv"]) == 0
    (sam,) = [r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))]
    at = sam["last_active_utc"]
    assert at.endswith("+00:00") and len(at) == len("2026-12-04T11:24:46+00:00"), at
    assert abs(datetime.now(timezone.utc) - datetime.fromisoformat(at)) < timedelta(minutes=5)
    assert main(["report", "--format", "json"]) == 0
    kept = json.loads(capsys.readouterr().out)["trainees"][0]["last_active"]
    assert datetime.fromisoformat(kept).replace(microsecond=0) == datetime.fromisoformat(at)


def test_csv_with_a_bom_for_excel(tmp_path: Path, capsys) -> None:
    """Excel opening a CSV by a double-click reads it in the legacy code page unless it
    begins with a byte-order mark: `--bom` adds one; without it there is none, so a
    script reading UTF-8 finds the header as documented (trainer-test-5)."""
    assert play("first-meeting", "poor", ("--trainee", "Zoë")) == 0
    target = tmp_path / "class.csv"
    assert main(["report", "--format", "csv", "--bom", "-o", str(target)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbftrainee,")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["trainee"] for r in rows] == ["Zoë"]
    assert main(["report", "--format", "csv", "-o", str(target)]) == 0
    assert target.read_bytes().startswith(b"trainee,")
    capsys.readouterr()
    # to stdout (`report --format csv --bom > class.csv`) the mark is the mark, not the
    # six letters `\ufeff` the gate makes of one in untrusted text
    assert main(["report", "--format", "csv", "--bom"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("\ufefftrainee,") and "\\ufeff" not in out
    assert main(["report", "--bom"]) == 2
    assert "--bom is for --format csv" in capsys.readouterr().err


def test_json_holds_the_whole_summary_with_a_format_version(tmp_path: Path, capsys) -> None:
    _class()
    capsys.readouterr()
    target = tmp_path / "class.json"
    assert main(["report", "--format", "json", "-o", str(target)]) == 0
    assert f"Wrote the class summary (json) to {target}" in capsys.readouterr().err
    data = json.loads(target.read_text())
    assert data["peer_sim_class_report"] == 1 and data["generated_at"].endswith("+00:00")
    names = [t["name"] for t in data["trainees"]]
    assert names == ['=HYPERLINK("http://x","y")', "Sam", None]  # None: no name given
    sam = data["trainees"][1]
    assert sam["outcomes"] == {"strong": 1, "mixed": 0, "poor": 1}
    assert sam["scenarios"] == ["be-my-sponsor", "first-meeting"]
    assert all(
        set(slip) == {"run", "scenario", "mode", "decision", "kind"}
        for slip in sam["critical_slips"]
    )
    assert {e["scenario"] for e in data["endings"]} == {"First Meeting", "Be My Sponsor"}
    assert all(p["honoured"] + p["undermined"] > 0 for p in data["principles"])


def test_text_is_still_the_default_and_can_go_to_a_file(tmp_path: Path, capsys) -> None:
    _class()
    capsys.readouterr()
    target = tmp_path / "class.txt"
    assert main(["report", "-o", str(target)]) == 0
    text = target.read_text()
    assert (
        text.startswith("Records: ")
        and "Class summary: 2 trainees and your own runs, 4 finished runs" in text
    )
    assert capsys.readouterr().out == ""


def test_two_classrooms_folders_read_as_one_summary(tmp_path: Path, capsys) -> None:
    """A programme with two rooms, each served from its own folder (trainer-test-4): one
    summary, a trainee matched by name across them, and each run named with its folder,
    since both number their runs from 1."""
    room_a, room_b = tmp_path / "room-a", tmp_path / "room-b"
    assert play("first-meeting", "poor", ("--trainee", "Zoë Ng", "--data-dir", str(room_a))) == 0
    assert play("crisis-moment", "poor", ("--trainee", "Kwame", "--data-dir", str(room_a))) == 0
    assert play("crisis-moment", "poor", ("--trainee", "zoë ng", "--data-dir", str(room_b))) == 0
    capsys.readouterr()
    assert main(["report", "--data-dir", str(room_a), "--also", str(room_b)]) == 0
    text = capsys.readouterr().out
    assert "Class summary: 2 trainees, 3 finished runs" in text
    assert (
        "Zoë Ng: 2 finished (0 / 0 / 2; 2 critical slips)" in text
        and f"runs in {room_a} and {room_b}" in text
    )
    assert f"at decision 4 of run 1 in {room_b}, Crisis Moment" in text  # not room A's run 1

    assert (
        main(["report", "--data-dir", str(room_a), "--also", str(room_b), "--format", "csv"]) == 0
    )
    rows = {r["trainee"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert rows["Zoë Ng"]["finished"] == "2"
    assert rows["Zoë Ng"]["records_folders"] == f"{room_a} | {room_b}"
    assert rows["Kwame"]["records_folders"] == str(room_a)

    assert (
        main(["report", "--data-dir", str(room_a), "--also", str(room_b), "--format", "json"]) == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert data["records_folders"] == [str(room_a), str(room_b)]
    zoe = next(t for t in data["trainees"] if t["name"] == "Zoë Ng")
    assert {s["records_folder"] for s in zoe["critical_slips"]} == {str(room_b)}

    # a mistyped room is no empty room: nothing is made there
    typo = tmp_path / "room-c"
    assert main(["report", "--data-dir", str(room_a), "--also", str(typo)]) == 2
    assert f"--also {typo}: no such folder" in capsys.readouterr().err
    assert not typo.exists()
    # the same folder twice would count every run twice
    assert main(["report", "--data-dir", str(room_a), "--also", str(room_a) + "/"]) == 2
    err = capsys.readouterr().err
    assert f"--also {room_a}/ names a records folder the report already reads ({room_a})" in err


def test_one_folder_names_no_folder_on_its_runs(capsys) -> None:
    _class()
    # a critical slip, so the last check has a slip to look at (it held vacuously)
    assert play("crisis-moment", "poor", ("--trainee", "Kwame")) == 0
    capsys.readouterr()
    assert main(["report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["records_folders"]) == 1
    assert data["trainees"] and any(t["critical_slips"] for t in data["trainees"])
    assert all(t["records_folders"] == [] for t in data["trainees"])
    assert all("records_folder" not in s for t in data["trainees"] for s in t["critical_slips"])


def test_an_assessment_left_unfinished_is_counted_apart(monkeypatch, capsys) -> None:
    """A trainee who leaves an assessment going badly and plays it again afresh shows one
    outcome; the attempt left behind is counted as assessment, not only as 'unfinished'
    (trainer-test-4), so a supervisor can ask about it."""
    from tests.records.conftest import load, path_to_ending

    numbers = path_to_ending(load("first-meeting"), prefer="strong")
    left = "\n".join(["", "", *map(str, numbers[:2]), "q"]) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(left))
    args = ["play", "first-meeting", "--plain", "--trainee", "Ada", "--mode", "assessment"]
    assert main(args) == 1
    assert play("first-meeting", "strong", ("--trainee", "Ada", "--mode", "assessment")) == 0
    assert play("be-my-sponsor", "strong", ("--trainee", "Ada")) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(left))
    assert main(["play", "first-meeting", "--plain", "--trainee", "Ben"]) == 1  # practice
    capsys.readouterr()
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert (
        "Ada: 2 finished (2 / 0 / 0; in assessment 1 / 0 / 0), 1 unfinished (1 in assessment)"
        in text
    )
    assert "Ben: 0 finished (0 / 0 / 0), 1 unfinished, 0 scenarios" in text
    assert main(["report", "--format", "csv"]) == 0
    rows = {r["trainee"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert (rows["Ada"]["unfinished"], rows["Ada"]["assessment_unfinished"]) == ("1", "1")
    assert (rows["Ben"]["unfinished"], rows["Ben"]["assessment_unfinished"]) == ("1", "0")
    assert main(["report", "--format", "json"]) == 0
    ada = json.loads(capsys.readouterr().out)["trainees"][0]
    assert ada["name"] == "Ada" and ada["assessment_unfinished"] == 1


def test_a_folder_with_no_runs_yet_is_still_named_as_read(tmp_path: Path, capsys) -> None:
    """The text's "Records:" line names every folder read; the JSON's records_folders left
    out one where nobody had played yet, and the runs of the other lost their folder."""
    room_a, room_b = tmp_path / "room-a", tmp_path / "room-b"
    assert play("first-meeting", "poor", ("--trainee", "Zoë Ng", "--data-dir", str(room_a))) == 0
    room_b.mkdir()
    capsys.readouterr()
    args = ["report", "--data-dir", str(room_a), "--also", str(room_b), "--format", "json"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["records_folders"] == [str(room_a), str(room_b)]
    assert data["trainees"][0]["records_folders"] == [str(room_a)]


@pytest.mark.parametrize("command", [["report"], ["runs"], ["progress"], ["export", "all"]])
def test_a_mistyped_data_dir_to_read_from_is_no_empty_store(command, tmp_path, capsys) -> None:
    # trainer-test-4: `report --data-dir /srv/rom-a` made an empty store there and said
    # "No runs yet", as if the room had played nothing
    typo = tmp_path / "rom-a"
    assert main([*command, "--data-dir", str(typo)]) == 2
    err = capsys.readouterr().err
    assert f"--data-dir {typo}: no such folder; give the folder the records were kept in" in err
    assert not typo.exists()


@settings(max_examples=300, deadline=None)
@given(
    blanks=st.text(st.characters(categories=["Zs"]).filter(str.isspace) | st.just(" ")),
    start=st.sampled_from(["=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20"]),
    rest=st.text(max_size=20),
)
def test_no_cell_reads_as_a_formula_once_a_spreadsheet_trims_its_blanks(blanks, start, rest):
    """A trainee name from a store edited by hand (` =1+1`): LibreOffice's "trim spaces"
    import ran it as a formula when only the first character was looked at."""
    cell = csv_cell(blanks + start + rest)
    assert not cell.lstrip().startswith(
        ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
    )


@pytest.mark.parametrize("option", ["--also", "--data-dir"])
def test_the_records_file_given_for_its_folder_is_named_with_the_folder(
    option, tmp_path, capsys
) -> None:
    """`--also room/records.db`: the hint was "Set PEER_SIM_DATA_DIR or --data-dir to a
    folder", no cure for --also; it names the folder that holds the file."""
    room = tmp_path / "room"
    room.mkdir()
    (room / "records.db").write_bytes(b"")
    assert main(["report", option, str(room / "records.db")]) == 2
    err = capsys.readouterr().err
    assert f"{option} {room / 'records.db'} is a file, not a folder" in err
    assert f"({room}, which holds it)" in err and "PEER_SIM_DATA_DIR" not in err


def test_an_unfinished_run_given_up_is_told_from_one_that_may_be_resumed(monkeypatch, capsys):
    """ "1 unfinished" did not say whether to wait for the ending or follow the attempt up
    as given up; `runs` said so, the report did not (programme28)."""
    from sim.records.store import Store
    from tests.records.conftest import load, path_to_ending

    numbers = path_to_ending(load("first-meeting"), prefer="strong")
    left = "\n".join(["", "", *map(str, numbers[:2]), "q"]) + "\n"
    for name in ("Ada", "Ben"):
        monkeypatch.setattr("sys.stdin", io.StringIO(left))
        assert main(["play", "first-meeting", "--plain", "--trainee", name]) == 1
    store = Store.open()
    (ada_run,) = store.conn.execute("SELECT id FROM runs WHERE trainee = 'Ada'").fetchall()
    store.leave(ada_run[0])  # what declining to resume does
    capsys.readouterr()
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert "Ada: 0 finished (0 / 0 / 0), 1 unfinished (1 given up), 0 scenarios" in text, text
    assert "Ben: 0 finished (0 / 0 / 0), 1 unfinished, 0 scenarios" in text, text
    assert main(["report", "--format", "json"]) == 0
    data = {t["name"]: t for t in json.loads(capsys.readouterr().out)["trainees"]}
    assert (data["Ada"]["unfinished_given_up"], data["Ben"]["unfinished_given_up"]) == (1, 0)


def test_assessment_results_are_given_per_trainee_and_scenario(monkeypatch, capsys) -> None:
    """A trainer grading the class read "in assessment 1 / 0 / 1" on a trainee's line and
    could not tell which scenario went poorly, nor how the latest attempt ended, without
    reading `runs` line by line (classroom29). The report now gives each trainee's
    assessment runs scenario by scenario; practice runs stay out of it."""
    from tests.records.conftest import load, path_to_ending

    ada, assess = ("--trainee", "Ada"), ("--trainee", "Ada", "--mode", "assessment")
    assert play("first-meeting", "strong", assess) == 0
    assert play("first-meeting", "poor", assess) == 0  # the latest
    assert play("be-my-sponsor", "poor", assess) == 0
    assert play("be-my-sponsor", "strong", ada) == 0  # practice: no grade
    assert play("crisis-moment", "strong", ("--trainee", "Ben")) == 0  # practice only
    numbers = path_to_ending(load("crisis-moment"), prefer="strong")
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(["", "", str(numbers[0]), "q"]) + "\n"))
    assert main(["play", "crisis-moment", "--plain", *assess]) == 1  # left
    capsys.readouterr()
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    section = text.split("Assessment results, per trainee and scenario", 1)[1]
    rows = section.split("\n\n", 1)[0].splitlines()[1:]
    assert rows == [
        "  Ada: Be My Sponsor: 1 poor; Crisis Moment: 1 unfinished; "
        "First Meeting: 1 strong, 1 poor (latest poor)"
    ]
    assert main(["report", "--format", "csv"]) == 0
    table = {r["trainee"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert table["Ada"]["assessment_results"] == rows[0].split(": ", 1)[1]  # the same words
    assert table["Ben"]["assessment_results"] == ""
    assert main(["report", "--format", "json"]) == 0
    trainees = {t["name"]: t for t in json.loads(capsys.readouterr().out)["trainees"]}
    assert trainees["Ben"]["assessment_results"] == []
    results = {r["scenario_id"]: r for r in trainees["Ada"]["assessment_results"]}
    assert results["first-meeting"] == {
        "scenario_id": "first-meeting",
        "scenario": "First Meeting",
        "outcomes": {"strong": 1, "mixed": 0, "poor": 1},
        "unfinished": 0,
        "latest_outcome": "poor",
    }
    assert results["crisis-moment"]["unfinished"] == 1
    assert results["crisis-moment"]["latest_outcome"] is None
    assert results["be-my-sponsor"]["outcomes"] == {"strong": 0, "mixed": 0, "poor": 1}


def test_no_assessment_no_assessment_section(capsys) -> None:
    assert play("first-meeting", "poor", ("--trainee", "Ada")) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    assert "Assessment results" not in capsys.readouterr().out


def test_each_trainee_s_finished_scenarios_are_named(capsys) -> None:
    """ "1 scenario" never said which: a trainer ran `runs --trainee` to learn it (report39)."""
    assert play("first-meeting", "poor", ("--trainee", "Ada")) == 0
    assert play("be-my-sponsor", "strong", ("--trainee", "Ada")) == 0
    assert play("first-meeting", "strong", ("--trainee", "Ada")) == 0  # once only
    for sid in ("first-meeting", "be-my-sponsor", "crisis-moment", "family-pressure"):
        assert play(sid, "strong", ("--trainee", "Ben")) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert "), 2 scenarios (Be My Sponsor and First Meeting); " in text, text
    ben = next(line for line in text.splitlines() if line.startswith("  Ben: "))
    assert "), 4 scenarios (Be My Sponsor, Crisis Moment, " in ben and " and 1 more); " in ben
    assert main(["report", "--format", "csv"]) == 0
    table = {r["trainee"]: r for r in csv.DictReader(io.StringIO(capsys.readouterr().out))}
    assert table["Ada"]["scenario_titles"] == "Be My Sponsor | First Meeting"
    assert table["Ben"]["scenario_titles"].count(" | ") == 3  # every one in a spreadsheet
    assert main(["report", "--format", "json"]) == 0
    trainees = {t["name"]: t for t in json.loads(capsys.readouterr().out)["trainees"]}
    assert trainees["Ada"]["finished_scenarios"] == [
        {"scenario_id": "be-my-sponsor", "scenario": "Be My Sponsor"},
        {"scenario_id": "first-meeting", "scenario": "First Meeting"},
    ]


def test_csv_gives_the_seconds_a_short_run_took(monkeypatch, capsys) -> None:
    """`minutes_playing` to a tenth read 0.0 for a run the text called "2 s" (report39):
    `seconds_playing` says it; the older column stays as it was, where it was."""
    monkeypatch.setattr("sim.records.classroom.run_seconds", lambda run: 2.0)
    assert play("first-meeting", "poor", ("--trainee", "Ada")) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    assert "2 s playing" in capsys.readouterr().out
    assert main(["report", "--format", "csv"]) == 0
    (ada,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert (ada["minutes_playing"], ada["seconds_playing"]) == ("0.0", "2")
    # appended after the columns before it (22), which keep their places
    assert COLUMNS.index("minutes_playing") == 11 and COLUMNS.index("seconds_playing") == 22


def test_endings_say_how_their_runs_split_by_mode(capsys) -> None:
    """ "A polite goodbye (poor): 3 runs" counted practice and assessment together unsaid,
    and read as three failed assessments (report39)."""
    assess = ("--trainee", "Ada", "--mode", "assessment")
    assert play("first-meeting", "poor", ("--trainee", "Ada")) == 0
    assert play("first-meeting", "poor", ("--trainee", "Ben")) == 0
    assert play("first-meeting", "poor", assess) == 0
    assert play("be-my-sponsor", "poor", assess) == 0
    assert play("crisis-moment", "poor", ("--trainee", "Ben")) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    endings = capsys.readouterr().out.split("Endings reached, per scenario", 1)[1].split("\n", 1)[1]
    rows = [line.strip() for line in endings.split("\n\n", 1)[0].splitlines()]
    lines = [row for row in rows if "(poor): " in row]
    assert len(lines) == 3, rows
    assert any(r.endswith("(poor): 3 runs: 2 practice, 1 assessment") for r in lines), rows
    assert any(r.endswith("(poor): 1 run, in assessment") for r in lines), rows
    assert any(r.endswith("(poor): 1 run") for r in lines), rows  # practice, as ever
    assert main(["report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    split = {e["scenario_id"]: (e["runs"], e["runs_by_mode"]) for e in data["endings"]}
    assert split["first-meeting"] == (3, {"practice": 2, "assessment": 1})
    assert split["be-my-sponsor"] == (1, {"practice": 0, "assessment": 1})
    assert split["crisis-moment"] == (1, {"practice": 1, "assessment": 0})


def test_long_scenario_titles_are_named_as_far_as_they_fit() -> None:
    """Three long titles named in full ran a trainee's scenarios alone to 190 columns, the
    rest of the line after them (report39's leftover): names fit in SCENARIO_NAMES_CELLS,
    one at least, then "and N more" as past three."""
    from sim.cells import cells
    from sim.records.class_text import SCENARIO_NAMES_CELLS
    from tests.class_rows import finished_run, report_lines, trainee_row

    long = [
        ("hearing", "The Long Night Before the Hearing at the County Courthouse"),
        ("moud-ed", "Medication for Opioid Use Disorder in the Emergency Department"),
        ("home", "A Conversation About Returning Home After Residential Treatment"),
    ]
    row = trainee_row(
        report_lines([finished_run(n, "Ada", scenario=sc) for n, sc in enumerate(long, 1)]), "Ada"
    )
    assert (
        "3 scenarios (A Conversation About Returning Home After Residential Treatment and 2 "
        "more); " in row
    ), row
    named = row.split("3 scenarios (", 1)[1].split(");", 1)[0]
    assert cells(named) <= SCENARIO_NAMES_CELLS + len(" and 2 more")
    # short ones: three named, as before
    short = [("a", "Be My Sponsor"), ("b", "Crisis Moment"), ("c", "Culture and Ceremony")]
    row = trainee_row(
        report_lines([finished_run(n, "Bo", scenario=sc) for n, sc in enumerate(short, 1)]), "Bo"
    )
    assert "3 scenarios (Be My Sponsor, Crisis Moment and Culture and Ceremony); " in row, row


def test_the_endings_say_once_which_mode_a_class_s_runs_were_in() -> None:
    """A class whose every run was practice (or every one assessment) read its endings with
    no word of which mode they came from (report39's leftover): the heading says it once,
    and a line no more; with both modes, the heading says what a line without one is."""
    from tests.class_rows import finished_run, report_lines

    def endings(runs: list) -> list[str]:
        text = report_lines(runs)
        at = next(i for i, line in enumerate(text) if line.startswith("Endings reached"))
        return text[at : text.index("", at)]

    practice = endings([finished_run(1, "Ada"), finished_run(2, "Bo")])
    assert practice[0] == "Endings reached, per scenario (every run in practice mode):", practice
    assert practice[-1].endswith("An ending (mixed): 2 runs")
    assessed = endings([finished_run(n, "Ada", mode="assessment") for n in (1, 2)])
    assert assessed[0] == "Endings reached, per scenario (every run in assessment mode):"
    assert assessed[-1].endswith("An ending (mixed): 2 runs"), assessed  # said once, above
    both = endings([finished_run(1, "Ada"), finished_run(2, "Bo", mode="assessment")])
    assert both[0] == (
        "Endings reached, per scenario (practice runs, unless a line says assessment):"
    ), both
    assert both[-1].endswith("An ending (mixed): 2 runs: 1 practice, 1 assessment")
