"""u with nothing to take back says why, as the plain player does, instead of nothing.

At the first decision `u` did nothing and said nothing (check_action hid it), while the
plain player answered "nothing to undo yet"; in assessment mode the plain player says
undo is only available in practice mode (trainee playtests 26, 28)."""

from __future__ import annotations

from sim.tui.textual_internals import toasts_showing
from sim.tui.widgets.keybar import KeyBar
from tests.tui.helpers import make_app, open_talk


def toasts(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in toasts_showing(app)]


async def test_u_before_any_line_says_there_is_nothing_to_undo_yet() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        assert play.run.waits_for_choice and not play.run.state.decisions
        assert " u Undo" not in play.query_one(KeyBar).render().plain  # still not offered
        await pilot.press("u")
        await pilot.pause()
        assert toasts(app) == ["Nothing to undo yet: No line said so far."], toasts(app)
        assert not play.run.state.decisions and play.run.waits_for_choice
        app.clear_notifications()
        await pilot.press("ctrl+z")  # the other undo key says the same
        await pilot.pause()
        assert toasts(app) == ["Nothing to undo yet: No line said so far."], toasts(app)
        app.clear_notifications()
        await pilot.press("1", "u")  # once a line is said, u takes it back as before
        await pilot.pause()
        assert not play.run.state.decisions
        assert [n.title for n in toasts_showing(app)] == ["Undone"]


async def test_u_in_assessment_says_undo_is_for_practice_and_keeps_the_line() -> None:
    app = make_app(mode="assessment")
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "u")
        await pilot.pause()
        assert len(play.run.state.decisions) == 1
        assert toasts(app) == [
            "No undo in assessment mode: As in a real conversation, what you said stays "
            "said; the debrief goes over it."
        ], toasts(app)


async def test_u_typed_in_the_own_words_box_is_a_letter_not_a_note() -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input")
        box.focus()
        await pilot.pause()
        await pilot.press("u")
        await pilot.pause()
        assert box.value == "u"
        assert not toasts_showing(app)
