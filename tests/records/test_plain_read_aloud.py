"""The plain player as a screen-reader trainee hears it: the resume question, stops, layout read aloud."""

from __future__ import annotations

import io
import signal

from sim.cli import main
from sim.records import Store

from .conftest import load, path_to_ending


def _left_after_two(monkeypatch) -> list[int]:
    numbers = path_to_ending(load("first-meeting"), prefer="strong")
    answers = "\n".join(["", "", *map(str, numbers[:2]), "q"]) + "\n"
    monkeypatch.setattr("sys.stdin", io.StringIO(answers))
    assert main(["play", "first-meeting", "--plain"]) == 1
    return numbers


def test_end_of_input_at_the_resume_question_keeps_the_run_resumable(monkeypatch, capsys):
    # ctrl+d at "Resume it?" used to mark the run left for good and start a new one
    _left_after_two(monkeypatch)
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["play", "first-meeting", "--plain"]) == 1
    assert "still there to resume" in capsys.readouterr().out
    (left,) = Store.open().unfinished("first-meeting")
    assert left.choices_made == 2


def test_q_at_the_resume_question_stops_and_keeps_the_run(monkeypatch, capsys):
    # q stops at every other question of the plain player; here it was "not an answer"
    _left_after_two(monkeypatch)
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    assert main(["play", "first-meeting", "--plain"]) == 1
    out = capsys.readouterr().out
    assert "not an answer" not in out and "still there to resume" in out
    (left,) = Store.open().unfinished("first-meeting")
    assert left.choices_made == 2


def test_a_typo_at_the_resume_question_asks_again_and_enter_resumes(monkeypatch, capsys):
    _left_after_two(monkeypatch)
    capsys.readouterr()
    # "yse" is asked again, not taken as no; then Enter resumes (as in the app)
    monkeypatch.setattr("sys.stdin", io.StringIO("yse\n\nq\n"))
    main(["play", "first-meeting", "--plain"])
    out = capsys.readouterr().out
    assert "'yse' is not an answer here" in out
    assert "Starting afresh" not in out
    # a resumed run says where it had got to: nothing else on screen does
    assert "(Resumed after 2 choices. The last thing you said:" in out
    runs = Store.open().runs()
    assert [r.status for r in runs] != ["left"] and len(runs[0].progress["choices"]) == 2


def test_ctrl_c_says_what_was_kept(monkeypatch, capsys):
    numbers = path_to_ending(load("first-meeting"), prefer="strong")

    class Interrupting(io.StringIO):
        """Two answers, then ctrl+c, as the terminal sends it."""

        def readline(self, *args):
            line = super().readline(*args)
            if not line:
                raise KeyboardInterrupt
            return line

    answers = "\n".join(["", "", *map(str, numbers[:2])]) + "\n"
    monkeypatch.setattr("sys.stdin", Interrupting(answers))
    assert main(["play", "first-meeting", "--plain"]) == 128 + signal.SIGINT
    out = capsys.readouterr().out
    assert "Stopped before the end (ctrl+c)." in out and "Saved unfinished" in out
    assert "`" not in out.split("(ctrl+c).")[1]  # a screen reader reads a backtick aloud


def test_content_notes_wrap_and_wait_at_a_terminal(monkeypatch, capsys):
    from sim.plain.player import play

    scenario = load("crisis-moment")
    asked: list[str] = []

    def read(prompt: str) -> str | None:
        asked.append(prompt)
        return "q"

    out = io.StringIO()
    run = play(scenario, None, out, read, confirm_notes=True)
    text = out.getvalue()
    assert all(len(line) <= 78 for line in text.splitlines()), text
    assert asked == ["\n(Enter to begin, q to stop here) "]
    assert not run.state.decisions and "Stopped before the first scene" in text
    assert "\nSam:\n" not in text  # the first scene is not shown (a speaker on its own line)


def test_no_line_breaks_after_a_hyphen():
    from sim.debrief.lines import wrap

    text = "Coach note: Undermines “Offer advice to spark a conversation, not to spoon-feed”"
    for width_filler in range(0, 20):
        lines = wrap("x" * width_filler + " " + text)
        assert not any(line.endswith("-") for line in lines), lines


def test_plain_progress_has_no_bar_of_symbols(monkeypatch, capsys):
    numbers = path_to_ending(load("first-meeting"), prefer="mixed")
    answers = "\n".join(x for n in numbers for x in (str(n), "")) + "\n" * 40
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\n" + answers))
    assert main(["play", "first-meeting", "--plain"]) == 0
    capsys.readouterr()
    assert main(["progress"]) == 0
    out = capsys.readouterr().out
    assert "#" not in out and ".." not in out and "%, honoured" in out
    assert all(len(line) <= 88 for line in out.splitlines()), out


def test_a_tenth_decision_s_lines_sit_under_its_words():
    from sim.debrief import build_debrief
    from sim.debrief.lines import debrief_lines
    from sim.engine import Run
    from sim.loading import catalogue_for_scenario

    scenario = load("be-my-sponsor")
    # the run from the playtest: ten decisions, the last said to the supervisor
    run = Run.begin(scenario)
    for n in (2, 3, 1, 3, 2, 1, 2, 3, 1, 1):
        run.settle()
        run.choose(int(n))
    run.settle()
    assert len(run.state.decisions) >= 10
    lines = debrief_lines(build_debrief(run, catalogue_for_scenario(scenario)))
    at = next(i for i, line in enumerate(lines) if line.startswith("  10. "))
    assert lines[at + 1].startswith("      ") and lines[at + 1][6] != " ", lines[at : at + 3]


def test_the_prompt_says_1_to_3_not_1_dash_3(monkeypatch, capsys):
    # a screen reader at its usual punctuation level drops the dash: "1-3" is "one three"
    monkeypatch.setattr("sys.stdin", io.StringIO("\n\nx\nq\n"))
    main(["play", "first-meeting", "--plain", "--no-record"])
    out = capsys.readouterr().out
    assert "Your choice (1 to " in out and "type a number from 1 to " in out
    assert "(1-" not in out


def test_the_plain_intro_says_who_is_in_the_scene_and_meters_read_as_words(capsys) -> None:
    # the app's "With" panel had no plain counterpart: a supervisor came up unintroduced;
    # and "Trust 36/100" was read aloud as "36 slash 100"
    assert main(["play", "first-meeting", "--plain", "--choices", "2"]) == 1
    out = capsys.readouterr().out
    intro = out.partition("Mode:")[0]
    assert "\nWith:\n  Dana: 34. Survived an opioid overdose" in intro
    assert "\n  Rosa: Your supervisor at the recovery community center.\n" in intro
    assert "·" not in intro
    assert "Trust 35 of 100   Empowerment 40 of 100" in out
    assert "Trust 41 of 100 (+6, up)" in out and "/100" not in out


def test_the_content_notes_are_heard_before_what_they_warn_of(capsys, monkeypatch) -> None:
    """Read aloud in order, Crisis Moment's summary ("... ask about suicide directly") came
    before "Content notes: suicide", the notes that are there so a trainee can stop first."""
    monkeypatch.setattr("sys.stdin", io.StringIO("q\n"))
    main(["play", "crisis-moment", "--plain", "--no-record"])
    out = capsys.readouterr().out
    notes = out.index("Content notes: suicide")
    assert out.index("Scenario: Crisis Moment") < notes
    assert notes < out.index("Setting:") and notes < out.index("Sam mentions giving away")


def test_a_resumed_run_shows_where_to_turn_with_its_content_notes(monkeypatch, capsys):
    """Resuming showed the content notes again but not the line on where to turn (988 in
    the US, the trainer or supervisor) that the first start showed beside them."""
    from sim.plain.player import play
    from sim.trainee_care import CARE_LINE

    scenario = load("crisis-moment")
    assert scenario.content_notes
    answers = iter(["1", ""])
    first = play(scenario, None, io.StringIO(), lambda prompt: next(answers, None))
    assert first.state.decisions and first.state.ending is None
    out = io.StringIO()
    play(scenario, None, out, lambda prompt: None, run=first)
    text = " ".join(out.getvalue().split())
    assert "Content notes:" in text and " ".join(CARE_LINE.split()) in text
    assert text.index("Content notes:") < text.index("988")
