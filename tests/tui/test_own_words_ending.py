"""Own-words practice at the ending ("See your debrief ▶"): a trainee used to typing
answered the last scene. The letters went nowhere unsaid, and the `u` of "you" undid the
ending (trainee20's play-through of First Meeting at 100x30: "ok thank you")."""

from __future__ import annotations

from sim.tui.screens.play import PlayScreen
from sim.tui.textual_internals import toasts_showing
from sim.tui.widgets.keybar import KeyBar
from tests.tui.helpers import deliver, make_app, open_talk, screen_lines, until
from tests.tui.test_own_words_app import type_words


async def _to_the_ending(pilot, play: PlayScreen) -> None:
    await type_words(pilot, play, "It sounds like a hard week.")
    await pilot.press("1")
    await pilot.pause()
    await pilot.press("enter")  # the scene goes on by itself
    await pilot.pause()
    await type_words(pilot, play, "What would help you sleep?")
    await pilot.press("1")
    await pilot.pause()
    assert play.run.over


async def test_a_sentence_typed_at_the_ending_is_refused_and_undoes_nothing() -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await _to_the_ending(pilot, play)
        for key in "ok thank you, that helps?":
            deliver(app, {" ": "space", "?": "question_mark", ",": "comma"}.get(key, key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen is play  # no pause (the p of "helps"), no help (its ?)
        assert play.run.over and len(play.run.state.decisions) == 2  # the u undid nothing
        said = [n.message for n in toasts_showing(app)]
        assert len(said) == 1, said
        assert said[0] == (
            "The conversation has ended: press Enter to see your debrief. "
            "ctrl+z takes your last line back."
        )
        await pilot.press("enter")  # the debrief, as the line says
        await pilot.pause()
        assert app.screen is not play
        # and the note saying to press Enter for it is down, not over the debrief's top
        assert not toasts_showing(app), [n.message for n in toasts_showing(app)]


async def test_a_number_typed_at_the_ending_is_not_left_up_over_the_debrief() -> None:
    app = make_app(own_words=False)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")
        await pilot.pause()
        assert play.run.over
        await pilot.press("2")  # "No lines to choose: ... press Enter to see your debrief"
        await pilot.pause()
        assert [n.title for n in toasts_showing(app)] == ["No lines to choose"]
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is not play and not toasts_showing(app)


async def test_the_ending_bar_names_the_keys_that_work_with_letters_refused() -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await _to_the_ending(pilot, play)
        bar = screen_lines(app)[-1]
        # before: "⏎ See your debrief  u Undo  p Pause ... ? Help"
        for said in ("⏎ See your debrief", "^z Undo", "F2 Pause", "F1 Help"):
            assert said in bar, bar
        assert " u Undo" not in bar and " p " not in bar and " ? " not in bar, bar
        await pilot.click(KeyBar, offset=(bar.index("^z Undo") + 1, 0))
        await pilot.pause()
        assert not play.run.over and len(play.run.state.decisions) == 1  # ctrl+z undid


async def test_the_ending_without_own_words_keeps_its_letter_keys() -> None:
    app = make_app(own_words=False)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")
        await pilot.pause()
        assert play.run.over
        assert "u Undo" in screen_lines(app)[-1]
        await pilot.press("u")
        await pilot.pause()
        assert not play.run.over  # u undoes where no words are typed


async def _to_the_debrief(pilot, play: PlayScreen):
    from sim.tui.screens.debrief import DebriefScreen

    await _to_the_ending(pilot, play)
    await pilot.press("enter")
    await until(lambda: isinstance(play.app.screen, DebriefScreen), pilot)
    await pilot.pause()
    assert isinstance(play.app.screen, DebriefScreen)
    return play.app.screen


async def test_a_sentence_typed_at_an_own_words_debrief_is_refused_whole() -> None:
    """ "I would try" typed at the debrief (an answer to a question to reflect on) read on at
    each space and left for the library at the l of "would": the debrief was gone."""
    from sim.tui.screens.dialogs import Confirm

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        debrief = await _to_the_debrief(pilot, await open_talk(app, pilot))
        scroll = debrief.query_one("#debrief")
        for key in "I would try really":
            deliver(app, {" ": "space"}.get(key, key))
        await pilot.pause()
        await pilot.pause()
        assert app.screen is debrief and scroll.scroll_y == 0  # no library, no page read on
        said = [n.message for n in toasts_showing(app)]
        assert len(said) == 1 and said[0].startswith("The debrief takes no typed words"), said
        await pilot.press("down", "r")  # a key that types nothing: r plays again, asking
        await pilot.pause()
        assert isinstance(app.screen, Confirm)


async def test_an_own_words_debrief_keeps_its_keys_until_a_letter_is_typed() -> None:
    from sim.tui.screens.library import LibraryScreen

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        debrief = await _to_the_debrief(pilot, await open_talk(app, pilot))
        await pilot.press("space")
        await pilot.pause()
        assert debrief.query_one("#debrief").scroll_y > 0  # read on
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
