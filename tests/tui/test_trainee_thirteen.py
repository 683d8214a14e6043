"""Findings of trainee playtest 13 (plan/logs/trainee13.md), each checked as the trainee met it."""

from __future__ import annotations

from textual.widgets import Input

from sim.records import Store
from sim.tui.widgets.choices import ChoiceList
from tests.records.test_app_records import play_talk, quit_after_one_choice
from tests.tui.helpers import make_app, open_talk, ready


def palette_titles(app) -> list[str]:
    return [c.title for c in app.get_system_commands(app.screen)]


async def test_a_lone_trainee_is_offered_no_class_summary_and_an_own_words_switch() -> None:
    """On their own machine a trainee's palette offered "Class summary" (a class of one:
    themselves), and no way to turn own-words practice on, which it names nowhere else
    but the library's w."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await play_talk(app, pilot)  # a run of their own in the store
        titles = palette_titles(app)
        assert "Class summary" not in titles
        assert "Turn own words on" in titles
        switch = next(c for c in app.get_system_commands(app.screen) if "own words" in c.title)
        switch.callback()
        await pilot.pause()
        assert app.own_words
        assert "Turn own words off" in palette_titles(app)

    store = Store.open()  # a classroom's trainee played on this store
    store.trainee = "Riley"
    store.begin("talk", "A Short Talk", "0" * 64, "practice", {})
    app = make_app()  # the trainer, on the same store
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert "Class summary" in palette_titles(app)


async def test_undo_in_own_words_gives_the_words_back_in_the_box() -> None:
    """Own words: a trainee undid a line to pick a different one, and the box was empty:
    the words they had typed for that moment had to be typed again."""
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.value = "That sounds like a hard week."
        await pilot.press("enter", "2")
        await pilot.pause()
        assert play.run.state.decisions[0].words == "That sounds like a hard week."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not play.run.state.decisions
        assert box.has_focus and not play.query_one(ChoiceList).display
        assert box.value == "That sounds like a hard week."
        assert box.cursor_position == len(box.value)  # go on typing, or Enter to send
        assert any("Your words are back in the box" in n.message for n in app._notifications)
        await pilot.press("enter", "1")  # sent again as they were, the other line picked
        await pilot.pause()
        assert [d.words for d in play.run.state.decisions] == ["That sounds like a hard week."]


async def test_own_words_the_lines_are_not_set_until_the_words_are_typed() -> None:
    """Own words: at a decision the numbered lines and "Closest to what you meant" were put
    in the hidden list at once, and under load painted for a frame at its old place before
    the box asked (a pty test took that frame as the lines shown, its "1" went into the box)."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        lst = play.query_one(ChoiceList)
        assert lst.choices == [] and not lst.border_title  # nothing to paint, even for a frame
        play.query_one("#own-words-input", Input).value = "What happened?"
        await pilot.press("enter")
        await pilot.pause()
        assert [c.number for c in lst.choices] == ["1", "2"]
        assert lst.border_title.startswith("Closest to what you meant: 1-2")
        await pilot.press("1", "space")  # the next decision: asked for words again
        await pilot.pause()
        assert play.run.waits_for_choice and lst.choices == [] and not lst.border_title


async def test_own_words_a_digit_read_with_the_enter_is_not_lost_in_the_box() -> None:
    """Enter and a "1" read together (a fast trainee, or a browser sending keys at once): the
    Enter's words went by a message queued behind the "1", which was typed into the box as
    it hid ("…tonight1" kept as the words) and the line never said."""
    from tests.tui.helpers import deliver

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.value = "What happened?"
        await pilot.pause()
        deliver(app, "enter")
        deliver(app, "1")
        await pilot.pause()
        assert box.value == "What happened?"  # the "1" is not among the words
        if not play.run.state.decisions:  # read before the lines were drawn: refused (a bell)
            assert play.typed == "What happened?"
            await pilot.press("1")  # the lines drawn: the number says one
        assert [d.words for d in play.run.state.decisions] == ["What happened?"]


async def test_own_words_read_on_typed_and_sent_in_one_burst_leaves_the_lines_the_keys() -> None:
    """Space, the words and Enter read in one burst at a "Continue" step: the words are
    taken before the box has had the focus, and the lines keep it (the box's focus, asked for
    a frame later, must not take it back once the words are sent: a number went nowhere)."""
    from tests.tui.helpers import deliver

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        play.query_one("#own-words-input", Input).value = "It sounds hard."
        await pilot.press("enter", "1")
        await pilot.pause()
        assert not play.run.waits_for_choice
        for key in ["space", *"what would help", "enter"]:
            deliver(app, key)
        await pilot.pause()
        await pilot.pause()
        assert play.typed == "what would help"
        assert app.focused is play.query_one(ChoiceList)
        await pilot.press("1")
        assert play.run.over


async def test_the_debrief_says_it_is_being_prepared_before_it_opens() -> None:
    """Enter at the ending left the finished conversation as it was for a second or two
    (12-15 decisions on a busy machine) with no sign it had been taken: trainees pressed
    it again, or u, not knowing whether anything was happening."""
    from sim.tui.screens.debrief import DebriefScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")
        assert play.run.over
        play.action_go_on()  # what Enter (or a click on "See your debrief") does
        lst = play.query_one(ChoiceList)
        assert [c.text.plain for c in lst.choices] == ["Preparing your debrief…"]
        # meanwhile the run stays as it is: no undo, no second opening, no leaving
        for action in ("undo", "debrief", "go_on", "leave"):
            assert not play.check_action(action, ())
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)


async def test_resuming_says_what_opens_while_the_run_is_read_again() -> None:
    """y to "Resume it where you left off?": the question stood for ~2 s on a busy machine
    while the scenario was read and the run replayed, as if y had not been taken."""
    from sim.tui.screens.play import PlayScreen
    from tests.tui.helpers import screen_name

    await quit_after_one_choice()
    app = make_app()
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        await ready(app, pilot)
        await pilot.pause()
        assert screen_name(app) == "Confirm"
        await pilot.press("y")
        told = [n.message for n in app._notifications if n.title == "Resuming"]
        assert told == ["Opening “A Short Talk” where you left it…"]
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and len(app.screen.run.state.decisions) == 1


async def test_no_dialog_opens_for_the_debrief_to_replace_while_it_is_prepared() -> None:
    """The debrief replaces the screen on top: a pause (p) or help opened in the frame it
    was being prepared would have been replaced, the conversation left under it."""
    from sim.tui.screens.debrief import DebriefScreen
    from sim.tui.screens.dialogs import Help

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")
        play.action_go_on()
        assert not play.check_action("pause", ())
        app.action_help()  # help still opens (F1 / ?), and the debrief waits for it
        await pilot.pause()
        assert isinstance(app.screen, Help)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play and not play._preparing  # Enter opens it, as before
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
