"""The plain player's "(Enter to continue)", as a screen-reader trainee met it
(trainee20's play-through of First Meeting with --own-words --plain).

A reply typed there, before the next line was asked for, was dropped unsaid and the scene
read on; `q` read on too, where the README says it stops; `u` was dropped, where the app
undoes at the same step. Each is taken now, or refused with a sentence and asked again.
"""

from __future__ import annotations

import io

from sim.loading import bundled_dir, load_scenario
from sim.plain.player import play
from tests.tui.helpers import TALK


def _play(answers: list[str], **kwargs) -> tuple[str, object]:
    scenario = load_scenario(TALK)
    lines = iter(answers)
    out = io.StringIO()

    def read(prompt: str) -> str | None:
        out.write(prompt)
        return next(lines, None)

    run = play(scenario, None, out, read, **kwargs)
    return out.getvalue(), run


def test_words_typed_while_the_scene_goes_on_are_refused_and_said_why() -> None:
    out, run = _play(
        ["It sounds like a hard week", "1", "ok that helps", "", "What would help?", "1"],
        own_words=True,
    )
    assert "Not yet: the scene goes on first, and what you typed was not kept." in out, out
    assert run.over and [d.words for d in run.state.decisions] == [
        "It sounds like a hard week",
        "What would help?",  # asked for at its turn, not "ok that helps"
    ]
    # asked again, then read on with Enter
    assert out.count("(Enter to continue)") == 2, out


def test_a_number_typed_while_the_scene_goes_on_says_no_lines_are_offered() -> None:
    out, run = _play(["1", "2", "", "1"])
    assert "No lines to choose here: the scene goes on. Press Enter to read on (q stops)." in out
    assert run.over


def test_q_while_the_scene_goes_on_stops() -> None:
    out, run = _play(["1", "q", "1"])  # before: q read on, and 1 said the next line
    assert out.rstrip().endswith("Stopped before the end."), out[-300:]
    assert not run.over and len(run.state.decisions) == 1


def test_u_while_the_scene_goes_on_undoes_in_practice_alone() -> None:
    out, run = _play(["1", "u", "q"])
    assert "(Undone. Back to this moment.)" in out
    assert not run.state.decisions
    out, run = _play(["1", "u", "", "1"], mode="assessment")
    assert "Undone" not in out and "No lines to choose here" not in out
    assert "No undo in assessment mode" in out  # as the app says (trainee playtest 28)
    assert run.over and len(run.state.decisions) == 2


def test_u_says_the_same_at_the_choice_and_at_the_scene_as_the_app_does() -> None:
    """In assessment, u at "(Enter to continue)" said "No lines to choose here", as if u
    were a number, and at the choice "undo is only available in practice mode"; with no
    line said yet in practice, "nothing to undo yet". Each is now the app's sentence
    (trainee playtest 28)."""
    out, run = _play(["u", "1", "u", "", "q"], mode="assessment")
    said = " ".join(out.split())
    assert (
        said.count(
            "No undo in assessment mode: as in a real conversation, what you said stays said; "
            "the debrief goes over it."
        )
        == 2
    ), said
    assert "No lines to choose here" not in said and "only available" not in said
    assert len(run.state.decisions) == 1
    out, run = _play(["u", "q"])  # practice, at the first choice
    assert "Nothing to undo yet: no line said so far." in out, out
    assert "nothing to undo yet\n" not in out


def test_q_for_your_own_words_stops() -> None:
    out, run = _play(["q"], own_words=True)
    assert out.rstrip().endswith("Stopped before the end."), out[-300:]
    assert "You wrote" not in out and not run.state.decisions


def test_an_empty_line_for_your_own_words_is_asked_about_once_at_a_terminal() -> None:
    """The app asks "Nothing typed yet" at an empty Enter; the plain player took it at once
    ("You wrote: (nothing typed)"): a second Enter after "(Enter to continue)" spent it."""
    out, run = _play(["", "It sounds like a hard week", "1", "", "", "", "1"], own_words=True,
                     confirm_empty=True)  # fmt: skip
    assert out.count("Nothing typed yet. Type your words, or Enter again for none: ") == 2
    assert run.over and [d.words for d in run.state.decisions] == [
        "It sounds like a hard week",  # typed after the question, not spent on nothing
        "",  # a second Enter goes on without words
    ]
    out, run = _play(["", "1", "", "", "1"], own_words=True)  # a pipe: no question
    assert "Nothing typed yet" not in out and run.over


def test_u_as_own_words_undoes_in_practice_and_says_when_there_is_nothing_to_undo() -> None:
    """ "u" at "In your own words, what would you say?" was kept as the words "u" and cued
    "One word", where u undoes at every other question of the plain player (trainee26)."""
    out, run = _play(["u", "It sounds like a hard week", "1", "", "u", "q"], own_words=True)
    assert "(Nothing to undo yet: no line said so far.)" in out, out
    assert "(Undone. Back to this moment.)" in out, out
    assert "You wrote: “u”" not in out
    assert not run.state.decisions
    # in assessment there is no undo: u is words as any other
    out, run = _play(["u", "1", "", "q"], own_words=True, mode="assessment")
    assert run.state.decisions[0].words == "u"


def test_u_before_any_line_is_said_says_there_is_nothing_to_undo() -> None:
    """Eleven of the twelve bundled scenarios open with narration, so "(Enter to continue)"
    comes before any line is said; u there got "No lines to choose here" (trainee26)."""
    scenario = load_scenario(bundled_dir() / "first-meeting.toml")
    lines = iter(["u", "", "q"])
    out = io.StringIO()

    def read(prompt: str) -> str | None:
        out.write(prompt)
        return next(lines, None)

    run = play(scenario, None, out, read)
    text = out.getvalue()
    assert "Nothing to undo yet: no line said so far. Press Enter to read on (q stops)." in text
    assert "No lines to choose here" not in text
    assert not run.state.decisions
