"""What a supervisor and a training programme read of a trainee's run (trainer-test-1).

A tiny fixture with two critical slips of different kinds keeps these fast:
choosing 2 then 2 lends money (dual-relationship) then tells the new boss
(confidentiality).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sim.cli import main
from sim.records.xapi import IRI_BASE

TWO_SLIPS = str(Path(__file__).resolve().parents[1] / "core" / "fixtures" / "why-two-slips.toml")


def _xapi(capsys, run: str = "last") -> list[dict]:
    capsys.readouterr()
    assert main(["export", run, "--format", "xapi"]) == 0
    return json.loads(capsys.readouterr().out)


def test_critical_slips_reach_the_xapi_statements(capsys) -> None:
    assert main(["play", TWO_SLIPS, "--choices", "2,2", "--trainee", "Ben"]) == 0
    statements = _xapi(capsys)
    per_decision = [
        s["result"]["extensions"].get(IRI_BASE + "extensions/critical-slip")
        for s in statements[:-1]
    ]
    assert per_decision == ["dual-relationship", "confidentiality"]
    completed = statements[-1]["result"]["extensions"]
    assert completed[IRI_BASE + "extensions/critical-slips"] == [
        {"step": 1, "kind": "dual-relationship"},
        {"step": 2, "kind": "confidentiality"},
    ]


def test_a_run_without_slips_says_so_in_xapi(capsys) -> None:
    assert main(["play", TWO_SLIPS, "--choices", "1,1"]) == 0
    statements = _xapi(capsys)
    assert all(
        IRI_BASE + "extensions/critical-slip" not in s["result"]["extensions"] for s in statements
    )
    assert statements[-1]["result"]["extensions"][IRI_BASE + "extensions/critical-slips"] == []


def _markdown(capsys, run: str = "last") -> str:
    capsys.readouterr()
    assert main(["export", run, "--format", "md"]) == 0
    return capsys.readouterr().out


def test_markdown_says_what_assessment_mode_hid_and_marks_slips_where_they_happened(
    capsys,
) -> None:
    assert main(["play", TWO_SLIPS, "--choices", "2,2", "--mode", "assessment"]) == 0
    text = _markdown(capsys)
    mode_row = next(line for line in text.splitlines() if line.startswith("| Mode |"))
    assert "assessment" in mode_row and "hidden while they played" in mode_row
    assert (
        "| Critical slips | a dual relationship at decision 1; "
        "a breach of confidentiality at decision 2 |" in text
    )
    # the debrief as the trainee saw it in assessment mode, its line about the meters included
    assert "The meters were hidden while you played" in text
    transcript = text.split("## Debrief")[0]
    marks = [line for line in transcript.splitlines() if line.startswith("**Critical slip:**")]
    assert len(marks) == 2
    assert "dual relationship" in marks[0] or "dual-relationship" in marks[0]
    assert "confidentiality" in marks[1]
    # each mark follows its own line, not the other one
    assert transcript.index("lend you money") < transcript.index(marks[0])
    assert transcript.index(marks[0]) < transcript.index("new boss")


def test_markdown_of_an_unfinished_run_does_not_claim_the_trainee_saw_a_debrief(capsys) -> None:
    assert main(["play", "first-meeting", "--choices", "1,1,1"]) != 0  # stops before an ending
    text = _markdown(capsys, "1")  # `last` is the last finished run
    assert "As the trainee saw it" not in text
    assert "stopped after decision 3, before an ending" in text
    assert "To reflect on" not in text
    assert "practice (the trainee saw the meters" in text
    assert "| Critical slips | none |" in text
    assert "| Own words |" not in text


def test_the_class_summary_names_critical_slips_and_assessment_results(capsys) -> None:
    assert (
        main(["play", TWO_SLIPS, "--choices", "2,2", "--trainee", "Ben", "--mode", "assessment"])
        == 0
    )
    assert main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "Cy"]) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    ben = next(line for line in out.splitlines() if line.strip().startswith("Ben:"))
    assert "in assessment 0 / 1 / 0" in ben or "in assessment 0 / 0 / 1" in ben
    cy = next(line for line in out.splitlines() if line.strip().startswith("Cy:"))
    assert "assessment" not in cy
    slips = out.split("Critical slips in finished runs")[1].split("\n\n")[0]
    assert "Ben: a dual relationship at decision 1 of run 1, Two slips (assessment)" in slips
    assert "Ben: a breach of confidentiality at decision 2 of run 1" in slips
    assert "Cy" not in slips


def test_a_critical_slip_in_a_run_left_unfinished_reaches_the_class_summary(capsys) -> None:
    # a safety slip in a run left before its ending was in no summary: only finished runs'
    # slips were listed, read from the debrief such a run never had (trainer-test-7)
    assert main(["play", TWO_SLIPS, "--choices", "2", "--trainee", "Dee"]) != 0  # left
    assert main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "Cy"]) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "No critical slip in any finished run." in out
    left = out.split("Critical slips in runs left unfinished")[1].split("\n\n")[0]
    assert "Dee: a dual relationship at decision 1 of run 1, Two slips (practice)" in left
    assert "Cy" not in left
    assert main(["report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    dee = next(t for t in data["trainees"] if t["name"] == "Dee")
    assert dee["critical_slips"] == []
    assert [(s["decision"], s["kind"]) for s in dee["critical_slips_unfinished"]] == [
        (1, "dual-relationship")
    ]
    assert main(["report", "--format", "csv"]) == 0
    header, *rows = capsys.readouterr().out.splitlines()
    column = header.split(",").index("critical_slips_unfinished")
    assert {r.split(",")[0]: r.split(",")[column] for r in rows} == {"Cy": "0", "Dee": "1"}


def test_the_class_summary_says_when_no_one_made_a_critical_slip(capsys) -> None:
    assert main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "Cy"]) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    assert "No critical slip in any finished run." in capsys.readouterr().out


def test_progress_lists_every_principle_with_a_slip_before_those_without() -> None:
    from sim.records.progress import PrincipleProgress, weakness

    met_once = PrincipleProgress("being-present", "Be present", honoured=1)
    mostly = PrincipleProgress("empowerment", "Empower", honoured=4, undermined=1)
    once_slipped = PrincipleProgress("harm-reduction", "Harm reduction", undermined=1)
    pattern = PrincipleProgress("boundaries", "Boundaries", honoured=1, undermined=4)
    neutral = PrincipleProgress("connection", "Connection", neutral=2)
    order = sorted([neutral, met_once, mostly, once_slipped, pattern], key=weakness)
    assert [p.id for p in order] == [
        "boundaries",  # a pattern of slips outranks a single one
        "harm-reduction",
        "empowerment",  # 80%, and above the 100% met once
        "being-present",
        "connection",
    ]


def test_serve_help_lists_the_options_the_classroom_section_uses(capsys) -> None:
    import pytest

    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = capsys.readouterr().out
    assert "--data-dir DIR" in out and "--scenarios DIR" in out


def test_a_trainee_export_names_them_as_stored_and_another_trainee_s_run_as_such(
    capsys,
) -> None:
    assert main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "Ana"]) == 0
    assert main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "Ben"]) == 0
    capsys.readouterr()
    assert main(["export", "all", "--trainee", "ana", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["trainee"] == "Ana"
    assert main(["export", "2", "--trainee", "ana"]) == 2
    assert "trainee 'ana' has no run 2" in capsys.readouterr().err


def test_own_words_counts_reach_the_completed_statement_as_the_debrief_counted_them(
    monkeypatch, capsys
) -> None:
    import io

    typed = ["It sounds like a big week. What would help?", "you should plan it"]
    stdin = io.StringIO(f"{typed[0]}\n1\n{typed[1]}\n1\n" + "\n" * 10)
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["play", TWO_SLIPS, "--plain", "--own-words"]) == 0
    assert "| Own words | the trainee typed what they would say" in _markdown(capsys)
    statements = _xapi(capsys)
    counts = statements[-1]["result"]["extensions"][IRI_BASE + "extensions/own-words-counts"]
    assert counts == {
        "entries": 2,
        "open-questions": 1,
        "closed-questions": 0,
        "safety-questions": 0,
        "reflections": 1,
        "directive": 1,
    }
    assert main(["play", TWO_SLIPS, "--choices", "1,1"]) == 0  # not own words: no counts
    assert IRI_BASE + "extensions/own-words-counts" not in _xapi(capsys)[-1]["result"]["extensions"]


def test_own_words_counts_in_xapi_name_a_safety_follow_up_as_the_debrief_did(
    monkeypatch, capsys
) -> None:
    # at Crisis Moment's "not right now" the debrief reads "Do you have a plan?" as a safety
    # question (a crisis is on the table there); the statement read the words alone and
    # would have counted it closed
    import io

    reach = "\n1\n\n1\n\n2\n"  # to "not-now" (a run started there with --start is not kept)
    stdin = io.StringIO(reach + "Do you have a plan?\n3\n" + "\n1\n" * 30)
    monkeypatch.setattr("sys.stdin", stdin)
    assert main(["play", "crisis-moment", "--plain", "--own-words"]) == 0
    counts = _xapi(capsys)[-1]["result"]["extensions"][IRI_BASE + "extensions/own-words-counts"]
    assert (counts["safety-questions"], counts["closed-questions"]) == (1, 0)


def test_replay_of_an_export_all_file_says_which_runs_it_holds(tmp_path, capsys) -> None:
    assert main(["play", TWO_SLIPS, "--choices", "1,1"]) == 0
    assert main(["play", TWO_SLIPS, "--choices", "2,2"]) == 0
    out = tmp_path / "all.json"
    assert main(["export", "all", "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["replay", str(out), "--plain"]) == 2
    err = capsys.readouterr().err
    assert "an `export all` file, holding runs 1, 2; replay takes one run" in err


def test_a_run_s_critical_slips_are_named_on_its_line_in_runs_and_the_past_runs_list(
    capsys,
) -> None:
    from sim.records.store import Store
    from sim.tui.screens.progress import run_entry

    assert main(["play", TWO_SLIPS, "--choices", "2,2"]) == 0
    assert main(["play", TWO_SLIPS, "--choices", "1,1"]) == 0
    capsys.readouterr()
    assert main(["runs"]) == 0
    lines = capsys.readouterr().out.splitlines()
    slipped = next(line for line in lines if line.lstrip().startswith("1 "))
    assert slipped.endswith(
        "a dual relationship at decision 1; a breach of confidentiality at decision 2"
    )
    clean = next(line for line in lines if line.lstrip().startswith("2 "))
    assert "decision" not in clean
    first, second = Store.open().runs()
    assert "a dual relationship at decision 1; a breach" in run_entry(first).plain
    assert "decision" not in run_entry(second).plain
    # a run left before its ending names its slip on its line too (it has no debrief)
    assert main(["play", TWO_SLIPS, "--choices", "2"]) != 0
    capsys.readouterr()
    assert main(["runs"]) == 0
    left = next(line for line in capsys.readouterr().out.splitlines() if " 3 " in line[:6])
    assert left.endswith("left unfinished after 1 choice, a dual relationship at decision 1")
    assert "unfinished after 1 choice · a dual relationship at decision 1" in (
        run_entry(Store.open().runs()[2]).plain
    )
    # and its Markdown export, though no debrief can be built (a scenario given by path)
    assert "| Critical slips | a dual relationship at decision 1 |" in _markdown(capsys, "3")


def test_a_line_taken_back_stays_on_the_record_for_the_supervisor_and_the_lrs(lrs, capsys) -> None:
    # trainer-test-3: a safety slip said, its note read and the line undone left no trace:
    # the transcript, the export and the statements held only the line kept.
    assert main(["play", TWO_SLIPS, "--choices", "2,u,1,2", "--trainee", "Una"]) == 0
    capsys.readouterr()
    assert main(["export", "last", "--format", "md"]) == 0
    md = capsys.readouterr().out
    row = next(x for x in md.splitlines() if x.startswith("| Lines taken back"))
    assert "1 (undone in practice" in row and "a dual relationship at decision 1" in row
    transcript = md.split("## Transcript", 1)[1].split("**2.", 1)[0]
    assert transcript.index("**Said first, then taken back:**") < transcript.index("**Una:**")
    assert "(a dual relationship)" in transcript

    statements = _xapi(capsys)
    taken = IRI_BASE + "extensions/taken-back"
    first, second, completed = statements
    assert [t["kind"] for t in first["result"]["extensions"][taken]] == ["dual-relationship"]
    assert taken not in second["result"]["extensions"]
    assert completed["result"]["extensions"][taken] == first["result"]["extensions"][taken]
    assert completed["result"]["extensions"][taken][0]["step"] == 1

    # the class summary names it for the trainer, apart from the slips that shaped endings
    assert main(["report"]) == 0
    report = capsys.readouterr().out
    undone = report.split("then taken back (no part of the ending; worth a word):\n", 1)[1]
    assert undone.startswith("  Una: a dual relationship at decision 1 of run 1, ")
    assert "Una: a dual relationship at decision 1" not in report.split("taken back")[0]

    # a real record store takes them, and a programme reads them back by registration
    assert main(["sync", "--lrs", lrs.url, "--user", lrs.user, "--password", lrs.password]) == 0
    # and the sync says whose run went (a class's store: which trainee's did not)
    assert re.search(r"^run 1 \(Una, [^)]+\): 3 statements sent$", capsys.readouterr().out, re.M)
    registration = completed["context"]["registration"]
    stored = lrs.get(f"?registration={registration}&limit=50")["statements"]
    done = next(s for s in stored if s["verb"]["id"].endswith("/completed"))
    assert done["result"]["extensions"][taken] == completed["result"]["extensions"][taken]


def test_a_line_taken_back_where_the_transcript_never_returns_is_still_shown(capsys) -> None:
    """Started again after a slip and left before a choice: the export counted '1 taken
    back' and showed it nowhere, as the transcript never reached that moment again."""
    said = _slipped_then_started_again("assessment")
    capsys.readouterr()
    assert main(["export", "1", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "| Lines taken back | 1 " in md
    shown = md.split("## Transcript", 1)[1].split("## Debrief", 1)[0]
    assert "does not reach:**" in shown, shown
    assert f"- at decision 1: {said} (a dual relationship)" in shown, shown


def test_the_replay_shows_a_line_taken_back_where_it_was_said(tmp_path, capsys) -> None:
    """`replay FILE --plain` stepped over a critical slip said and undone in practice (the
    Markdown export and the class summary name it): a supervisor replaying the run beside the
    trainee never saw it. It shows before the line kept at that decision."""
    assert main(["play", TWO_SLIPS, "--choices", "2,u,1,1", "--trainee", "Una"]) == 0
    out = tmp_path / "run.json"
    assert main(["export", "last", "--format", "json", "-o", str(out)]) == 0
    (slip,) = json.loads(out.read_text())["run"]["progress"]["taken_back"]
    capsys.readouterr()
    assert main(["--scenarios", str(Path(TWO_SLIPS).parent), "replay", str(out), "--plain"]) == 0
    printed = capsys.readouterr().out
    assert printed.splitlines()[1] == "Trainee: Una"  # whose run, under the run's number
    shown = " ".join(printed.split())
    before = shown.split("Step 1 of 2: the trainee chose 1.")[0]
    assert f"Said first, then taken back: “{slip['said']}” (a dual relationship)" in before
    assert "does not come to" not in shown


def _replay_app(tmp_path, choices: str):
    """The app opened on the replay of Una's run of the fixture played with `choices`, and
    the exported file."""
    from sim.loading import load_scenario
    from sim.records.replay import read_export
    from sim.tui.app import PeerSimApp

    assert main(["play", TWO_SLIPS, "--choices", choices, "--trainee", "Una"]) == 0
    out = tmp_path / "run.json"
    assert main(["export", "last", "--format", "json", "-o", str(out)]) == 0
    app = PeerSimApp(None, library_paths=[Path(TWO_SLIPS).parent])
    app.animation_level = "none"
    app.records_enabled = False
    app.pending_replay = (load_scenario(TWO_SLIPS), read_export(out))
    return app, out


async def test_the_app_replay_shows_a_line_taken_back_where_it_was_said(tmp_path, capsys) -> None:
    """The app's replay, as `--plain`: the undone slip shows before the line kept there."""
    from sim.tui.screens.replay import ReplayScreen
    from sim.tui.widgets.transcript import Transcript
    from tests.tui.helpers import until_screen

    app, out = _replay_app(tmp_path, "2,u,1,1")
    (slip,) = json.loads(out.read_text())["run"]["progress"]["taken_back"]
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await until_screen(app, pilot, ReplayScreen)
        assert screen.sub_title == "Replay of Una's run · practice mode"
        for _ in range(20):
            if screen.run.state.decisions:
                break
            await pilot.press("space")
        shown = [(e.kind, e.who, e.text) for e in screen.query_one(Transcript).entries()]
        undone = ("you", "Said first, then taken back (a dual relationship)", slip["said"])
        assert undone in shown, shown
        kept = screen.run.state.decisions[0]
        kept_line = screen.scenario.scenes[kept.scene].choices[kept.index].say
        assert shown.index(undone) < [e[2] for e in shown].index(kept_line)
        # widened past the side panel's width the run is shown whole again: still there
        await pilot.resize_terminal(120, 30)
        await pilot.pause()
        shown = [(e.kind, e.who, e.text) for e in screen.query_one(Transcript).entries()]
        assert shown.count(undone) == 1, shown
        assert shown.index(undone) < [e[2] for e in shown].index(kept_line)


def test_the_replay_lists_a_line_taken_back_at_a_moment_it_does_not_reach(tmp_path, capsys) -> None:
    """Started afresh after a slip, and left before the first choice again: listed after."""
    said = _slipped_then_started_again("practice")
    out = tmp_path / "run.json"
    assert main(["export", "1", "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["--scenarios", str(Path(TWO_SLIPS).parent), "replay", str(out), "--plain"]) == 0
    shown = " ".join(capsys.readouterr().out.split())
    assert shown.endswith(
        "Said, then taken back, at moments this replay does not come to: "
        f"- at decision 1: “{said}” (a dual relationship)"
    ), shown[-400:]


def test_with_no_debrief_a_line_taken_back_is_shown_where_the_transcript_reaches(
    tmp_path: Path, capsys
) -> None:
    """A finished run whose debrief cannot be rebuilt (kept by a version before debriefs
    were stored, its scenario gone from this machine): the export lists the lines kept,
    and a line undone and said again at the same decision was listed apart, under
    'moments the transcript above does not reach', though the transcript reaches it."""
    import sqlite3

    from sim.records.store import Store

    copy = tmp_path / "why-two-slips.toml"
    copy.write_text(Path(TWO_SLIPS).read_text(encoding="utf-8"), encoding="utf-8")
    assert main(["play", str(copy), "--choices", "2,u,1,2", "--trainee", "Una"]) == 0
    copy.unlink()
    with sqlite3.connect(Store.open().path) as db:
        db.execute("UPDATE runs SET debrief = NULL")
    capsys.readouterr()
    assert main(["export", "last", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert "The debrief for this run is not available" in md
    transcript = md.split("## Transcript", 1)[1]
    assert "does not reach" not in transcript, transcript
    first = transcript.split("\n1. **Una:**", 1)[0]
    assert "Said first, then taken back:" in first and "(a dual relationship)" in first, first


def test_an_unfinished_run_shows_a_line_taken_back_where_its_transcript_reaches(
    tmp_path: Path, capsys
) -> None:
    """An unfinished run keeps no decisions of its own (its transcript comes from the rebuilt
    debrief), and a line undone at decision 1 was listed under 'moments the transcript above
    does not reach' below a transcript that showed decision 1 (trainer-test-6)."""
    (tmp_path / "why-two-slips.toml").write_text(Path(TWO_SLIPS).read_text(encoding="utf-8"))
    library = ["--scenarios", str(tmp_path)]
    main([*library, "play", "why-two-slips", "--choices", "2,u,1", "--trainee", "Una"])
    capsys.readouterr()
    assert main([*library, "export", "1", "--format", "md"]) == 0
    md = capsys.readouterr().out
    # left when the script stopped: over, not waiting for an ending (programme24)
    assert "| Ended | not finished: left after its last line (2" in md, md
    # not "and not offered for resume", as if the trainee was refused it (records33)
    assert "UTC) and no longer offered for resume, so it will not go on |" in md
    transcript = md.split("## Transcript", 1)[1].split("## Debrief", 1)[0]
    assert "does not reach" not in transcript, transcript
    before, kept = transcript.split("**Una:**", 1)
    assert before.startswith("\n\n**1. ") and "**Said first, then taken back:**" in before, before
    assert "(a dual relationship)" in before, before


def test_an_unfinished_run_of_a_scenario_not_here_still_lists_its_lines(capsys) -> None:
    """Without the scenario (played from a path, read on another machine) an unfinished run's
    export listed no line at all: its transcript came from `run.decisions`, which only a
    finished run keeps (trainer-test-6)."""
    main(["play", TWO_SLIPS, "--choices", "2,u,1", "--trainee", "Una"])  # runs out: unfinished
    md = _markdown(capsys, "1")
    transcript = md.split("## Transcript", 1)[1]
    assert "The debrief for this run is not available" in transcript
    assert "does not reach" not in transcript, transcript
    before, kept = transcript.split("\n1. **Una:** ", 1)
    assert "Said first, then taken back:** I can lend you money" in before, before
    assert kept.startswith("Congratulations! Tell me about it."), kept


def test_a_trainee_s_runs_in_one_markdown_file_open_with_a_list_of_them(capsys) -> None:
    """`export all --trainee NAME --format md`: fifteen runs were 2,000 lines with no list of
    what is in the file nor of where the critical slips were (trainer-test-6)."""
    assert main(["play", TWO_SLIPS, "--choices", "2,2", "--trainee", "Una"]) == 0
    assert main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "Ben"]) == 0
    assert (
        main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "una", "--mode", "assessment"])
        == 0
    )
    capsys.readouterr()
    assert main(["export", "all", "--trainee", "UNA", "--format", "md"]) == 0
    md = capsys.readouterr().out
    contents, first, second = md.split("\n\n---\n\n")
    lines = contents.splitlines()
    assert lines[0] == "# Finished runs of Una: 2 runs", lines
    rows = [line for line in lines if re.match(r"\| \d+ \|", line)]
    assert len(rows) == 2, contents
    assert rows[0].startswith("| 1 | ") and "| Una | " in rows[0] and "| practice | " in rows[0]
    assert rows[0].endswith(
        "| a dual relationship at decision 1; a breach of confidentiality at decision 2 |"
    )
    assert (
        rows[1].startswith("| 3 | ")
        and "| assessment | " in rows[1]
        and rows[1].endswith("| none |")
    )
    assert first.startswith("# ") and ": run 1" in first.splitlines()[0]
    assert ": run 3" in second.splitlines()[0]


def test_the_list_of_runs_names_the_store_owner_as_each_run_below_does(capsys) -> None:
    """`export all --format md`: a run played without --trainee is the store owner's, whose
    `identity --name` heads that run's own section; the list at the top said "not given"
    for it, so one file named its trainee two ways."""
    assert main(["identity", "--name", "Sam Rivera"]) == 0
    assert main(["play", TWO_SLIPS, "--choices", "1,1"]) == 0
    assert main(["play", TWO_SLIPS, "--choices", "2,2", "--trainee", "Una"]) == 0
    capsys.readouterr()
    assert main(["export", "all", "--format", "md"]) == 0
    contents, first, second = capsys.readouterr().out.split("\n\n---\n\n")
    rows = [line for line in contents.splitlines() if re.match(r"\| \d+ \|", line)]
    assert "| Trainee | Sam Rivera |" in first and "| Trainee | Una |" in second
    assert "| Sam Rivera | " in rows[0] and "| Una | " in rows[1], contents
    assert "not given" not in contents


def test_another_trainee_s_run_suggests_a_runs_command_that_can_be_pasted(capsys) -> None:
    # "(see `peer-sim runs --trainee 'O'Brien'`)" could not be pasted: the quote ended early
    import shlex

    assert main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "O'Brien"]) == 0
    assert main(["play", TWO_SLIPS, "--choices", "1,1", "--trainee", "Ben"]) == 0
    capsys.readouterr()
    assert main(["export", "2", "--trainee", "O'Brien"]) == 2
    err = capsys.readouterr().err
    command = err.split("(see `")[1].split("`)")[0]
    assert shlex.split(command) == ["peer-sim", "runs", "--trainee", "O'Brien"]
    assert main(shlex.split(command)[1:]) == 0


def _slipped_then_started_again(mode: str) -> str:
    """Run 1: the dual relationship said at the first decision, then a start afresh, and
    left before a choice; the line taken back."""
    from sim.engine import Run
    from sim.loading import load_scenario
    from sim.records.recorder import Recorder

    scenario = load_scenario(TWO_SLIPS)
    recorder = Recorder.open()
    run = Run.begin(scenario)
    recorder.begin(run, mode, None)
    while not run.waits_for_choice:
        run.advance()
    said = run.offers()[1].choice.say
    run.choose(2)  # the dual relationship
    recorder.update(run)
    run.restart()
    recorder.update(run)
    recorder.release()
    return said


def _replayed(tmp_path, capsys, trainee: tuple[str, ...], where: tuple[str, ...] = ()) -> str:
    """The plain replay of a run played with `trainee`, read with the records `where` says
    (`--data-dir DIR`: a supervisor's; by default those it was played in)."""
    assert main(["play", TWO_SLIPS, "--choices", "1,1", *trainee]) == 0
    out = tmp_path / "run.json"
    assert main(["export", "last", "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    replay = ["--scenarios", str(Path(TWO_SLIPS).parent), "replay", str(out), "--plain", *where]
    assert main(replay) == 0
    return capsys.readouterr().out


def test_the_replay_names_whose_lines_they_are_not_you(tmp_path, capsys) -> None:
    """A supervisor replaying a trainee's export read "You:" above every line the trainee
    said, and a debrief saying "You said": the replay names the trainee (programme19)."""
    printed = _replayed(tmp_path, capsys, ("--trainee", "Una"))
    assert "\nYou:\n" not in printed
    assert "Step 1 of 2: Una chose 1.\nUna:\n  " in printed, printed
    assert printed.count("\nUna:\n") == 2
    # the debrief is the trainee's, and speaks to them: said before it
    assert "The debrief, which speaks to Una as “you”:" in printed
    assert printed.index("speaks to Una") < printed.index("Debrief: ")


def test_the_replay_of_a_run_that_names_no_one_says_the_trainee(tmp_path, capsys) -> None:
    supervisor = tmp_path / "supervisor"  # a supervisor's machine: no records of theirs yet
    printed = _replayed(tmp_path, capsys, (), ("--data-dir", str(supervisor)))
    assert "\nYou:\n" not in printed
    assert "Step 1 of 2: the trainee chose 1.\nThe trainee:\n  " in printed, printed
    assert "The debrief, which speaks to the trainee as “you”:" in printed
    assert not supervisor.exists()  # reading whose run it is made no records folder


def test_the_trainee_replaying_their_own_run_reads_you(tmp_path, capsys) -> None:
    """A trainee replaying their own export from their own records read "Sam Rivera chose 1"
    and "The debrief, which speaks to Sam Rivera as “you”" of themself: the records that
    hold the run as their owner's make it "you", as they played it."""
    assert main(["identity", "--name", "Sam Rivera"]) == 0
    printed = _replayed(tmp_path, capsys, ())
    assert printed.startswith("Replaying your run 1 of "), printed
    assert "Step 1 of 2: you chose 1.\nYou:\n  " in printed, printed
    assert printed.count("\nYou:\n") == 2
    assert "Sam Rivera" not in printed and "Trainee:" not in printed
    assert "speaks to" not in printed and "Debrief: " in printed


def test_a_replay_whose_records_cannot_be_read_names_the_trainee(tmp_path, capsys) -> None:
    """Records that are not peer-sim's (or damaged) cannot say whose the run is: the replay
    is then a supervisor's, said in one piece, and the file is left as it was."""
    other = tmp_path / "other"
    other.mkdir()
    (other / "records.db").write_bytes(b"not a database at all" * 100)
    printed = _replayed(tmp_path, capsys, (), ("--data-dir", str(other)))
    assert "Step 1 of 2: the trainee chose 1.\nThe trainee:\n  " in printed, printed
    assert (other / "records.db").read_bytes() == b"not a database at all" * 100
    assert sorted(p.name for p in other.iterdir()) == ["records.db"]


async def _to_the_debrief(app, pilot, screen):
    """Step a replay to its end: who said each kept line, and the debrief screen after it."""
    from sim.tui.screens.debrief import DebriefScreen
    from sim.tui.widgets.transcript import Transcript
    from tests.tui.helpers import until_screen

    for _ in range(20):
        if screen.run.over:
            break
        await pilot.press("space")
    said = [e.who for e in screen.query_one(Transcript).entries() if e.kind == "you"]
    await pilot.press("enter")
    return said, await until_screen(app, pilot, DebriefScreen)


async def test_the_app_replay_of_the_trainee_s_own_run_says_you(tmp_path, capsys) -> None:
    """The app's replay of a run the records hold as their owner's: "You", as it was played,
    and the debrief as the trainee saw it (no "it speaks to ... as you")."""
    from sim.loading import load_scenario
    from sim.records.replay import played_here, read_export
    from sim.tui.app import PeerSimApp
    from sim.tui.screens.replay import ReplayScreen
    from tests.tui.helpers import until, until_screen

    assert main(["play", TWO_SLIPS, "--choices", "1,1"]) == 0
    out = tmp_path / "run.json"
    assert main(["export", "last", "--format", "json", "-o", str(out)]) == 0
    exported = played_here(read_export(out))
    assert exported.own
    app = PeerSimApp(None, library_paths=[Path(TWO_SLIPS).parent])
    app.animation_level = "none"
    app.records_enabled = False
    app.pending_replay = (load_scenario(TWO_SLIPS), exported)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await until_screen(app, pilot, ReplayScreen)
        assert screen.sub_title == "Replay of your run · practice mode"
        # the title is fitted to the list's width once it is laid out (until_screen returns
        # at mount; before the layout the shortest title stood)
        full = "The lines offered · space: the one you picked"
        choices = screen.query_one("#choices")
        await until(lambda: choices.border_title == full, pilot)
        assert choices.border_title == full, choices.border_title
        said, debrief = await _to_the_debrief(app, pilot, screen)
        assert said == ["You", "You"], said
        assert debrief.sub_title == "Practice mode"


async def test_the_app_replay_names_whose_lines_they_are_not_you(tmp_path, capsys) -> None:
    from sim.tui.screens.replay import ReplayScreen
    from tests.tui.helpers import until_screen

    app, _ = _replay_app(tmp_path, "1,1")
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await until_screen(app, pilot, ReplayScreen)
        said, debrief = await _to_the_debrief(app, pilot, screen)
        assert said == ["Una", "Una"], said
        assert debrief.sub_title == "Practice mode · it speaks to Una as “you”"


def test_a_run_with_a_critical_slip_scores_at_most_zero(tmp_path, capsys) -> None:
    # The breach line here also honours two principles, so the share alone is +0.5
    # (3 honoured, 1 undermined): a programme ranking by score put a capped run on top.
    text = Path(TWO_SLIPS).read_text(encoding="utf-8")
    slip = 'principles = { confidentiality = "undermines" }'
    assert text.count(slip) == 1
    warm = 'principles = { confidentiality = "undermines", emotional-support = "honours", '
    warm += 'connection = "honours" }'
    path = tmp_path / "why-two-slips.toml"
    path.write_text(text.replace(slip, warm), encoding="utf-8")
    assert main(["play", str(path), "--choices", "1,2"]) == 0
    completed = _xapi(capsys)[-1]["result"]
    assert completed["extensions"][IRI_BASE + "extensions/critical-slips"] == [
        {"step": 2, "kind": "confidentiality"}
    ]
    assert completed["score"]["scaled"] == 0.0
    # without the slip the same verdicts keep their share
    assert main(["play", str(path), "--choices", "1,1"]) == 0
    assert _xapi(capsys)[-1]["result"]["score"]["scaled"] == 1.0
