"""Where to turn, when a run with content notes is resumed in the app (trainee44).

A run begun in the app opens with its content notes and the care line (talk to your
trainer or supervisor; in the US, 988); resumed, it opened straight on the conversation
with neither, where the plain player says the care line again. The resume questions now
say it, and Enter on a run left unfinished in past runs (no question) shows the content
notes first, as a start does.
"""

from __future__ import annotations

from sim.records import Store
from sim.trainee_care import CARE_LINE
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import (
    make_app,
    progress_opened,
    ready,
    screen_lines,
    screen_name,
    until,
    until_screen,
)
from tests.tui.test_resume_undo_restart import leave_runs, two_scenarios


def _flat(app) -> str:
    """The dialog's words as shown, its border left out, rows joined."""
    inside = [row[row.index("│") + 1 : row.rindex("│")] for row in screen_lines(app) if "│" in row]
    return " ".join(" ".join(inside).split())


async def test_the_resume_question_at_the_start_says_where_to_turn(tmp_path) -> None:
    talk, _other = two_scenarios(tmp_path)
    leave_runs(talk, 1)
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert await until(lambda: screen_name(app) == "Confirm", pilot)
        assert CARE_LINE in app.screen.question
        assert CARE_LINE in _flat(app) and "Resume (y)" in _flat(app)  # all of it in view
        await pilot.press("y")
        await until_screen(app, pilot, PlayScreen)


async def test_the_resume_question_at_60x18_still_answers_with_y(tmp_path) -> None:
    talk, _other = two_scenarios(tmp_path)
    leave_runs(talk, 1)
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(60, 18)) as pilot:
        await ready(app, pilot)
        assert await until(lambda: screen_name(app) == "Confirm", pilot)
        assert "988" in _flat(app)
        assert "y Resume" in screen_lines(app)[-1]
        await pilot.press("y")
        await until_screen(app, pilot, PlayScreen)
        assert len(app.screen.run.state.decisions) == 1


async def test_several_runs_left_off_the_one_question_says_where_to_turn(tmp_path) -> None:
    from sim.tui.screens.resume_choice import ResumeChoice

    talk, other = two_scenarios(tmp_path)
    leave_runs(talk, 2)
    leave_runs(other, 1)
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert await until(lambda: isinstance(app.screen, ResumeChoice), pilot)
        shown = _flat(app)
        assert CARE_LINE in shown
        assert "Leave them all (n)" in shown  # the buttons still fit at 80x24


async def test_a_scenario_with_no_content_notes_gets_no_care_line(tmp_path) -> None:
    talk, _other = two_scenarios(tmp_path)
    text = talk.read_text(encoding="utf-8")
    talk.write_text(
        "\n".join(x for x in text.splitlines() if not x.startswith("content_notes")), "utf-8"
    )
    leave_runs(talk, 1)
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert await until(lambda: screen_name(app) == "Confirm", pilot)
        assert CARE_LINE not in app.screen.question


async def test_resumed_from_past_runs_the_content_notes_come_first(tmp_path) -> None:
    talk, _other = two_scenarios(tmp_path)
    leave_runs(talk, 1)
    app = make_app(library_paths=[tmp_path])
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        assert await until(lambda: screen_name(app) == "Confirm", pilot)
        await pilot.press("escape")  # decide later
        assert await until(lambda: screen_name(app) == "LibraryScreen", pilot)
        await progress_opened(app, pilot)
        await pilot.press("enter")  # the run left unfinished: resume it
        assert await until(lambda: screen_name(app) == "ContentNotes", pilot)
        assert CARE_LINE in _flat(app)
        assert "esc Back to your runs" in screen_lines(app)[-1]
        await pilot.press("escape")  # back: still on past runs, nothing resumed
        assert await until(lambda: screen_name(app) == "ProgressScreen", pilot)
        await pilot.press("enter")
        assert await until(lambda: screen_name(app) == "ContentNotes", pilot)
        await pilot.press("enter")
        await until_screen(app, pilot, PlayScreen)
        assert len(app.screen.run.state.decisions) == 1
    assert [r.status for r in Store.open().runs()] == ["playing"]
