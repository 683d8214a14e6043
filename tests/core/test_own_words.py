"""Own-words practice: typed words kept with each decision, cued, and shown in the debrief."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sim.cli import main
from sim.cues import MAX_WORDS
from sim.engine import Run
from sim.loading import load_scenario

BUNDLED = Path(__file__).resolve().parents[2] / "scenarios"
STRONG = [2, 1, 2, 3, 1, 1, 3, 2, 2, 1, 2, 3, 1]  # first-meeting, strong (test_bundled_plain)


def stdin_for(numbers: list[int], words: list[str]) -> str:
    """What a trainee types in the plain player: Enter past narration, then words, then a number."""
    run = Run.begin(load_scenario(BUNDLED / "first-meeting.toml"))
    lines: list[str] = []
    for i, n in enumerate(numbers):
        while not run.waits_for_choice:
            lines.append("")
            run.advance()
        lines += [words[i] if i < len(words) else "", str(n)]
        run.choose(n)
    while not run.over:
        lines.append("")
        run.advance()
    return "\n".join(lines) + "\n"


def play_own_words(monkeypatch, capsys, words: list[str], *extra: str) -> str:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin_for(STRONG, words)))
    assert main(["play", "first-meeting", "--plain", "--own-words", "--no-record", *extra]) == 0
    return capsys.readouterr().out


def test_engine_keeps_words_through_json_replay_and_undo():
    scenario = load_scenario(BUNDLED / "first-meeting.toml")
    run = Run.begin(scenario)
    run.own_words = True
    run.settle()
    run.choose(2, "it sounds like\x1b[2J you're\tfed up")
    # the escape sequence goes whole, as in the app's box (the gate's rule for prose)
    assert run.state.decisions[0].words == "it sounds like you're fed up"
    data = run.to_json()
    assert data["own_words"] is True and data["words"] == [run.state.decisions[0].words]
    again = Run.replay(scenario, data)
    assert again.own_words and again.state.decisions[0].words == run.state.decisions[0].words
    run.undo()
    assert run.state.decisions == ()
    # a run without own words records exactly what it did before
    plain = Run.begin(scenario)
    plain.settle()
    plain.choose(2)
    assert "words" not in plain.to_json() and "own_words" not in plain.to_json()


def test_practice_cues_at_once_and_debrief_shows_words_line_and_counts(monkeypatch, capsys):
    words = [
        "you should just go to a meeting",
        "It sounds like you feel judged.",
        "What brings you in?",
        "It sounds like a lot. What would help?",
    ]
    out = play_own_words(monkeypatch, capsys, words)
    during, debrief = out.split("\nDebrief: ", 1)
    # the cue comes at once, as a coach note naming the directive phrase, before the lines
    note = during.index("'you should just go' is directive wording")
    assert during.rindex("Cue on your words:", 0, note) < during.index("1. ", note)
    # one cue is headed "Cue", as in the app, and two "Cues": "Cues on your words:" over a
    # single cue read as if the rest had been left out (trainee40)
    two = during.index("You wrote: “It sounds like a lot. What would help?”")
    assert during.index("Cues on your words:", two) < during.index("1. ", two)
    assert during.count("Cues on your words:") == 1
    assert during.count("Cue on your words:") == len(STRONG) - 1  # "Nothing was typed here"
    assert "This reads as a reflection: it uses 'it sounds like'." in during
    assert "This reads as an open question: it starts with 'what'." in during
    assert "You wrote: “you should just go to a meeting”" in debrief
    assert "Closest line you picked: “Sounds like coming here" in debrief
    assert "Stronger here:" in debrief or "You said:" not in debrief
    assert "\nYour own words\n" in debrief
    assert "Open questions: 2" in debrief and "Closed questions: 0" in debrief
    assert "Reflections: 2" in debrief and "Directive phrases: 1" in debrief
    # what is counted, and which way is better, in words: the plain player has no help
    assert (
        "Reflection-to-question ratio: 1.0 (2 reflections to 2 questions; 1: you reflected as "
        "often as you asked)"
    ) in " ".join(debrief.split())
    assert debrief.count("You wrote:") == len(STRONG)
    assert debrief.count("(nothing typed)") == len(STRONG) - len(words)


def test_assessment_keeps_cues_for_the_debrief(monkeypatch, capsys):
    out = play_own_words(
        monkeypatch, capsys, ["you should just go to a meeting"], "--mode", "assessment"
    )
    during, debrief = out.split("\nDebrief: ", 1)
    assert "directive wording" not in during and "Coach note" not in during
    assert "Cue: 'you should just go' is directive wording" in debrief


def test_empty_long_markup_and_escape_entries(monkeypatch, capsys):
    long = "tell me more " * 20_000  # 260,000 characters on one line
    hostile = "[bold red]so you're saying[/] \x1b[31mno\x1b]0;title\x07 \x00end"
    out = play_own_words(monkeypatch, capsys, ["", long, hostile])
    assert "\x1b" not in out and "\x00" not in out and "\x07" not in out
    assert "Nothing was typed here." in out
    assert "You wrote: “[bold red]so you're saying[/] no end”" in out
    # the long entry is cut to the cleaned bound, and play went on to the ending
    assert "You wrote: “tell me more tell me more" in out
    # and the trainee is told so, once, after the long entry alone (not after a short one)
    assert out.count(f"(Only the first {MAX_WORDS:,} characters are kept.)") == 1
    assert len(out) < 60_000 + 3 * MAX_WORDS  # shown twice at most, never the whole paste
    assert "(strong outcome)" in out


def test_words_just_at_the_limit_are_not_said_to_be_cut(monkeypatch, capsys):
    from sim.cues import words_cut

    assert not words_cut("x" * MAX_WORDS) and words_cut("x" * (MAX_WORDS + 1))
    assert not words_cut("a  " * (MAX_WORDS // 2))  # 3,000 characters, 1,999 once spaces fold
    out = play_own_words(monkeypatch, capsys, ["y" * MAX_WORDS, "z" * (MAX_WORDS + 1)])
    assert out.count("characters are kept.)") == 1


def test_scripted_own_words_run_types_nothing_and_still_ends(capsys):
    choices = ",".join(map(str, STRONG))
    assert main(["play", "first-meeting", "--plain", "--own-words", "--choices", choices]) == 0
    out = capsys.readouterr().out
    assert "(strong outcome)" in out and "\nYour own words\n" in out
    said = " ".join(out.split())  # the plain player wraps the line
    assert "Reflection-to-question ratio: none: these rules counted no open or closed" in said


@pytest.mark.parametrize("size", [10, 8192, 8193, 100_000])
def test_read_line_is_bounded_and_keeps_the_next_line(size):
    from sim.commands.play import MAX_LINE, read_line

    stream = io.StringIO("x" * size + "\n2\n")
    first = read_line(stream)
    assert first is not None and len(first) == min(size, MAX_LINE)
    assert read_line(stream) == "2"
    assert read_line(stream) is None


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["--own-words", "play", "x"], True),
        (["play", "x", "--own-words"], True),
        (["--own-words"], True),
        (["play", "x"], None),  # None: the app's remembered choice (settings.py)
        (["play", "x", "--no-own-words"], False),
        (["--no-own-words"], False),
        (["serve", "--own-words"], True),
    ],
)
def test_own_words_option_before_or_after_the_command(argv, expected):
    from sim.cli import build_parser

    assert build_parser().parse_args(argv).own_words is expected


def test_a_reflection_and_a_question_in_one_entry_count_as_both_in_the_debrief(monkeypatch, capsys):
    """ "You seem a bit heavy tonight, what's going on?" counted only as a reflection, and
    "So staying alive matters to you. What would help?" only as a question (trainee35): a
    sentence, or an entry, can be both, and the debrief's counts follow the cues."""
    words = [
        "You seem a bit heavy tonight, what's going on?",
        "So staying alive matters to you. What would help?",
    ]
    out = play_own_words(monkeypatch, capsys, words)
    during, debrief = out.split("\nDebrief: ", 1)
    flat = " ".join(during.split())
    assert "“You seem a bit heavy tonight,” reads as a reflection: it uses 'you seem'." in flat
    assert "“what's going on?” reads as an open question: it starts with 'what'." in flat
    assert "reads as a reflection: it uses 'matters to you'." in flat
    assert "Open questions: 2" in debrief and "Reflections: 2" in debrief
    assert "Reflection-to-question ratio: 1.0 (2 reflections to 2 questions" in " ".join(
        debrief.split()
    )
