"""Findings of trainee playtest 11 (plan/trainee-test-11.md), each checked as the trainee met it."""

from __future__ import annotations

from tests.tui.helpers import make_app, open_talk, screen_lines


async def test_a_number_where_no_lines_are_offered_says_how_to_go_on() -> None:
    """A nervous trainee pressed 2, then 3, at "Continue ▶" and nothing happened at all:
    the app looked frozen. Now the first number there says how to read on."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1")  # a line said; the scene goes on by itself
        await pilot.pause()
        assert not play.run.waits_for_choice and len(play.run.state.decisions) == 1
        await pilot.press("2", "3")
        await pilot.pause()
        told = [n for n in app._notifications if n.title == "No lines to choose"]
        assert len(told) == 1 and "press Enter or space to read on" in told[0].message
        assert len(play.run.state.decisions) == 1  # nothing chosen, nothing undone
        await pilot.press("space")
        await pilot.pause()
        assert play.run.waits_for_choice
        await pilot.press("1")  # lines offered: the number is said, no note
        await pilot.pause()
        assert play.run.over
        await pilot.press("1")
        await pilot.pause()
        told = [n.message for n in app._notifications if n.title == "No lines to choose"]
        assert told[-1] == "The conversation has ended: press Enter to see your debrief."


async def test_the_own_words_box_keeps_a_key_for_pause_and_help() -> None:
    """With the own-words box open, p and ? are letters: the bar offered neither pause nor
    help, though the content notes say "you can pause at any time with p". F2 pauses and
    F1 helps there, the bar says so, and what was typed stays in the box."""
    from textual.widgets import Input

    from sim.tui.screens.play import PlayScreen

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        assert box.has_focus
        await pilot.press("p", "?")
        await pilot.pause()
        assert box.value == "p?"  # letters in the box, as before
        bar = screen_lines(app)[-1]
        assert "F2 Pause" in bar and "F1 Help" in bar, bar
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "Pause"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "Help"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen), type(app.screen).__name__
        assert box.value == "p?", box.value


async def test_without_own_words_the_bar_still_says_p_and_question_mark() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        bar = screen_lines(app)[-1]
        assert "p Pause" in bar and "? Help" in bar and "F2" not in bar, bar


async def test_the_mode_badge_says_own_words_practice_is_on() -> None:
    """Nothing on the conversation screen said own-words practice was on until the box
    opened; the badge beside the meters now says so."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        assert any(
            "Mode practice · coach notes and undo · own words" in line for line in screen_lines(app)
        )
