"""Keys that arrive at awkward moments and terminals of awkward sizes.

Keys go in as the terminal driver delivers them (`deliver`: several in one
read, no Pilot waits), which is how the crashes and double choices were found.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandPalette

from sim.loading import bundled_dir, load_scenario
from sim.tui.screens.play import WIDE, PlayScreen
from sim.tui.toasts import RACK
from sim.tui.widgets.choices import ChoiceList
from sim.tui.widgets.meter import Meter
from tests.tui.helpers import TALK, at_choice_after, deliver, make_app, ready, screen_name


async def play_talk(pilot, app) -> PlayScreen:
    await pilot.pause()
    await pilot.press("enter")  # content notes
    await pilot.pause()
    assert isinstance(app.screen, PlayScreen)
    return app.screen


async def test_page_down_right_after_ctrl_p_does_not_crash() -> None:
    app = make_app(scenario=load_scenario(TALK))
    async with app.run_test(size=(80, 24)) as pilot:
        play = await play_talk(pilot, app)
        for key in ("ctrl+p", "pagedown", "pageup", "pagedown"):
            deliver(app, key)
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        assert app.screen is play


async def test_enter_enter_in_the_palette_runs_one_command_and_keeps_the_run() -> None:
    app = make_app(scenario=load_scenario(TALK))
    async with app.run_test(size=(80, 24)) as pilot:
        play = await play_talk(pilot, app)
        await pilot.press("1")
        await pilot.press("ctrl+p")
        await pilot.pause()
        for key in "paus":
            deliver(app, key)
        await pilot.pause(0.3)  # the palette searches in a worker
        deliver(app, "enter")
        deliver(app, "enter")
        await pilot.pause()
        await pilot.pause()
        # one Pause dialog over the conversation; the conversation itself still there
        assert screen_name(app) == "Pause"
        assert play in app.screen_stack and len(play.run.state.decisions) == 1
        await pilot.press("escape")
        assert app.screen is play


async def test_keys_typed_ahead_of_a_new_scene_are_refused() -> None:
    """`1 2` in one read: the 2 would answer a scene not drawn yet."""
    app = make_app(scenario=load_scenario(TALK))
    async with app.run_test(size=(80, 24)) as pilot:
        play = await play_talk(pilot, app)
        deliver(app, "1")
        deliver(app, "space")  # "pause" goes on by itself, but its Continue was not drawn
        await pilot.pause()
        assert play.run.state.scene == "pause" and len(play.run.state.decisions) == 1
        deliver(app, "space")  # now it has been drawn: it counts
        deliver(app, "2")  # but not a choice from the scene it leads to
        await pilot.pause()
        assert play.run.state.scene == "plan" and len(play.run.state.decisions) == 1
        deliver(app, "1")
        deliver(app, "enter")  # Enter on the list that follows is typed ahead too
        await pilot.pause()
        assert play.run.over and len(play.run.state.decisions) == 2
        assert screen_name(app) == "PlayScreen"  # not the debrief nobody asked for yet


LONG = Path(__file__).parent / "fixtures" / "fold.toml"  # First Meeting's opening, frozen


async def _to_long_choices(pilot, app) -> tuple[PlayScreen, ChoiceList]:
    """First Meeting's third decision (always pressing 1) offers a choice six or more lines
    tall at 60 columns: the model answer that carries the limits of confidentiality."""
    play = await play_talk(pilot, app)
    lst = play.query_one(ChoiceList)
    for _ in range(10):
        if (
            play.run.waits_for_choice
            and max(lst._rows.count(i) for i in range(len(lst.choices))) >= 6
        ):
            return play, lst
        if play.run.waits_for_choice:
            play.choose(1)
        else:
            play.action_go_on()
        await pilot.pause()
    raise AssertionError("no tall choice found")


def visible(lst: ChoiceList) -> bool:
    first, count = lst._line_span(lst.highlighted)
    top = round(lst.scroll_y)
    return top <= first and first + count <= top + lst.scrollable_content_region.height


async def test_the_highlighted_choice_is_seen_whole_at_60x18() -> None:
    app = make_app(scenario=load_scenario(LONG))
    async with app.run_test(size=(60, 18)) as pilot:
        play, lst = await _to_long_choices(pilot, app)
        for key in ["down"] * len(lst.choices) + ["end", "home", "up"]:
            await pilot.press(key)
            assert visible(lst), (key, lst.highlighted, lst.scroll_y)
        # and the transcript keeps a few lines
        assert play.query_one("#transcript").size.height >= 3


async def test_resizing_keeps_the_highlighted_choice_in_view() -> None:
    app = make_app(scenario=load_scenario(LONG))
    async with app.run_test(size=(60, 18)) as pilot:
        play, lst = await _to_long_choices(pilot, app)
        await pilot.press("end")
        assert lst.scroll_y > 0
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert lst.scroll_y == 0 and lst.max_scroll_y == 0  # everything fits: no stale offset
        await pilot.press("end")
        await pilot.resize_terminal(64, 20)
        await pilot.pause()
        await pilot.pause()
        assert visible(lst)
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        await pilot.pause()
        assert visible(lst)


async def test_toasts_stay_off_the_meters() -> None:
    # tall ones too: a short conversation reads from the top, its lines just below it
    for size in ((60, 18), (80, 24), (120, 40), (100, 60), (160, 48), (110, 18)):
        app = make_app(scenario=load_scenario(TALK))
        async with app.run_test(size=size, notifications=True) as pilot:
            play = await play_talk(pilot, app)
            app.notify("Back to the moment before your last line.", title="Undone")
            await pilot.pause()
            await pilot.pause()
            toast = play.query_one(RACK).children[0].children[0]
            # the meters themselves: with a side panel (#meters) toasts sit at its foot
            assert len(play.query(Meter)) == 2
            for meter in play.query(Meter):
                assert toast.region and not toast.region.overlaps(meter.region), (size, meter)
            assert not toast.region.overlaps(play.query_one(ChoiceList).region)
            # lead32: under WIDE columns it lies over the top of the conversation, and its
            # blank rows above and below the words hid two more rows of it for nothing;
            # beside the side panel it has nothing under it and keeps them
            blank = 0 if size[0] < WIDE else 2
            assert toast.region.height == toast.content_region.height + blank, size


async def test_keys_while_too_small_do_nothing() -> None:
    """A 20x8 terminal once started a scenario and chose lines nobody saw."""
    app = make_app()
    async with app.run_test(size=(20, 8)) as pilot:
        await ready(app, pilot)
        assert app.has_class("-too-small")
        for key in ("down", "enter", "enter", "1", "2", "space", "m", "ctrl+p", "question_mark"):
            deliver(app, key)
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen" and app.play_mode == "practice"
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        await pilot.press("down", "enter")
        assert screen_name(app) == "ContentNotes"
        await pilot.resize_terminal(20, 8)
        await pilot.pause()
        deliver(app, "ctrl+q")  # quitting still works
        await pilot.pause()
    assert app.return_code == 0


async def test_the_library_fits_a_small_terminal_and_keeps_its_place() -> None:
    from textual.widgets import Button

    from sim.tui.screens.library import ModeSwitch, ScenarioList

    app = make_app(library_paths=[bundled_dir()])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        lst = app.screen.query_one(ScenarioList)
        await pilot.press("end")
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        await pilot.pause()
        # the last scenario, highlighted, is still in view: the list is scrolled to its end
        assert lst.max_scroll_y > 0 and round(lst.scroll_y) == round(lst.max_scroll_y)
        # the mode switch keeps one line each for mode and own words
        assert app.screen.query_one(ModeSwitch).size.height == 2
        # content notes: both buttons on screen at 60x18
        await pilot.press("home", "enter")
        await pilot.pause()
        assert screen_name(app) == "ContentNotes"
        for button in app.screen.query(Button):
            assert button.region.bottom <= 18 and button.region.height > 0, button.id


async def test_the_mode_words_name_the_mode_they_describe_at_every_width() -> None:
    # browser44: at 600 px the words after the last pill read "○ Assessment   notes and
    # undo", as if assessment had notes and undo; they describe the chosen mode, so say it.
    from sim.tui.screens.library import ModeSwitch

    app = make_app(library_paths=[bundled_dir()])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        switch = app.screen.query_one(ModeSwitch)
        for width in (120, 80, 66, 60):
            await pilot.resize_terminal(width, 24)
            for mode in ("practice", "assessment"):
                switch.render_mode(mode)
                await pilot.pause()
                line = str(switch.render()).splitlines()[0]
                tail = line.split("Assessment", 1)[1].strip()  # after the last pill
                # words about a mode, whatever the width, begin with that mode's name
                assert tail == "" or tail.startswith(f"{mode.title()}: "), (width, line)
                assert width < 80 or tail, (width, line)  # room for some at 80 and up


async def test_a_palette_search_started_as_its_widgets_go_ends_quietly() -> None:
    # adversarial-5's monkey: the search worker's first query found the palette's list
    # gone (NoMatches traceback, exit 1), on the replay screen at 10 columns.
    from sim.tui.palette import SafeCommandPalette

    app = make_app(scenario=load_scenario(TALK))
    async with app.run_test(size=(80, 24)) as pilot:
        await play_talk(pilot, app)
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, SafeCommandPalette)
        from textual.command import CommandList

        await palette.query_one(CommandList).remove()
        palette._gather_commands("a")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.is_running and app.return_code is None


@pytest.mark.parametrize(("size", "wide"), [((160, 48), True), ((100, 30), False)])
async def test_a_screen_is_built_in_the_layout_of_the_terminal_it_opens_in(size, wide) -> None:
    """Trainee playtests 16-17: served under load, the play screen's first frames were the
    narrow layout (the meters on top, the setting in the transcript) for a second before
    the side panel came: the layout was set on the first resize only. Now the screen
    takes it from the terminal's size as it is built, before any frame is drawn."""
    from sim.tui.screens.debrief import DebriefScreen
    from sim.tui.widgets.transcript import Transcript
    from tests.tui.test_debrief_screen import debrief_with_a_slip

    app = make_app()
    async with app.run_test(size=size) as pilot:
        await ready(app, pilot)
        play = PlayScreen(load_scenario(TALK), "practice")
        assert play.has_class("-wide") is wide
        assert DebriefScreen(debrief_with_a_slip(), "practice").has_class("-wide") is wide
        # and once shown, the setting is where the layout puts it: beside the talk when wide
        app.push_screen(play)
        await pilot.pause()
        assert ("setting" in play.query_one(Transcript).kinds()) is not wide


async def test_ctrl_p_while_the_palette_is_still_closing_opens_a_new_one() -> None:
    # the resume-list monkey: Esc then ctrl+p in one read. The closing palette was off
    # the screen stack but not yet removed, so Textual's is_open said no and a second
    # one with the same id raised DuplicateIds, ending the app.
    from sim.tui.palette import SafeCommandPalette

    app = make_app(scenario=load_scenario(TALK))
    async with app.run_test(size=(80, 24)) as pilot:
        await play_talk(pilot, app)
        play = app.screen
        await pilot.press("ctrl+p")
        await pilot.pause()
        palette = app.screen
        assert isinstance(palette, SafeCommandPalette)
        palette.dismiss()  # closing: off the stack, still registered
        app.action_command_palette()
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert isinstance(app.screen, SafeCommandPalette) and app.screen is not palette
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play and app.is_running


# -- a window a few columns wide (adversarial-19) -----------------------------------------
# Textual lays out the screen under the "too small" notice at the window's size; a list
# left no column for its text asked rich to wrap at 0 cells (`ValueError: range() arg 3
# must not be zero`) and the app ended: the progress screen's runs from 1 column wide,
# the command palette's commands from 14. Every width from 14 down, at two heights.
NARROW = [(width, height) for height in (3, 5) for width in range(14, 0, -1)]


async def _narrow_down(app, pilot) -> None:
    for size in NARROW:
        await pilot.resize_terminal(*size)
        await pilot.pause()
        assert app.is_running, f"the app ended at {size}"
    await pilot.resize_terminal(100, 30)
    await pilot.pause()


async def test_the_progress_screen_survives_a_window_a_few_columns_wide() -> None:
    from sim.tui.screens.progress import ProgressScreen
    from tests.tui.helpers import one_run_then_progress, screen_lines

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await one_run_then_progress(app, pilot)
        await _narrow_down(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        assert any("A Short Talk" in row for row in screen_lines(app))  # drawn again whole


async def test_the_palette_survives_a_window_a_few_columns_wide() -> None:
    from tests.tui.helpers import open_talk

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await _narrow_down(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is play and play.run.state.decisions == ()


async def test_an_empty_progress_screen_survives_a_window_a_few_columns_wide() -> None:
    """Its one line, "No runs recorded yet.", is plain text in Textual's own list: the
    list itself, not only this app's run rows, must keep a column to wrap in."""
    from sim.tui.screens.progress import ProgressScreen
    from tests.tui.helpers import progress_opened

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await progress_opened(app, pilot)
        await _narrow_down(app, pilot)
        assert isinstance(app.screen, ProgressScreen)


async def test_older_toasts_give_way_before_they_cover_the_lines_on_offer() -> None:
    """Toasts stack down over the conversation: at 80x20 an 'Undone' under a 'Resumed'
    covered the first line on offer, and at 60x18 two did (adversarial-40). The older
    information toast goes; the newest and any warning stay."""
    from sim.tui.textual_internals import toasts_showing

    resumed = "The scenario has changed since this run was recorded; the same choices still fit."
    for size in ((80, 20), (60, 18), (80, 24)):
        app = make_app(scenario=load_scenario(bundled_dir() / "first-meeting.toml"))
        async with app.run_test(size=size, notifications=True) as pilot:
            play = await at_choice_after(app, pilot, [1])  # lines filling the lower half
            app.notify(resumed, title="Resumed", timeout=30)
            await pilot.pause()
            app.notify("Back to the moment before your last line.", title="Undone")
            await pilot.pause(0.3)
            await pilot.pause()
            titles = [n.title for n in toasts_showing(app)]
            assert "Undone" in titles, (size, titles)
            choices = play.query_one(ChoiceList).region
            for holder in play.query_one(RACK).children:
                toast = holder.children[0].region
                assert toast.height and not toast.overlaps(choices), (size, titles, toast)
            # a warning is never taken down to make room
            app.notify(resumed * 2, title="Records", severity="warning", timeout=30)
            await pilot.pause()
            app.notify("Back to the moment before your last line.", title="Undone again")
            await pilot.pause(0.3)
            await pilot.pause()
            titles = [n.title for n in toasts_showing(app)]
            assert "Records" in titles and "Undone again" in titles, (size, titles)


async def test_help_stays_on_the_key_bar_at_60_columns() -> None:
    """At 60x18 a conversation's bar read "space Continue  u Undo  p Pause  esc Library  ^q
    Quit  ?", "Help" cut, and a past run's debrief left "? Help" out altogether ("esc Back
    to your runs  ^q Quit"): the key that explains the others (trainee44). The keys are set
    one space apart when two do not fit, and the past debrief says "esc Your runs"."""
    from sim.tui.screens.progress import PastDebriefScreen
    from tests.tui.helpers import progress_opened, screen_lines, until

    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "enter")
        assert await until(lambda: screen_name(app) == "ContentNotes", pilot)
        await pilot.press("enter")
        assert await until(lambda: isinstance(app.screen, PlayScreen), pilot)
        await pilot.pause()
        await pilot.press("1")  # a line said: undo, and a scene that goes on by itself
        await pilot.pause()
        bar = screen_lines(app)[-1].rstrip()
        assert "Continue" in bar and "Undo" in bar, bar
        assert bar.endswith("? Help"), bar
        # with room, keys keep two spaces between them, as before
        await pilot.resize_terminal(100, 30)
        assert await until(lambda: "space Continue  u Undo  p Pause" in screen_lines(app)[-1])
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        await pilot.press("space", "1", "enter")
        await pilot.pause()
        await progress_opened(app, pilot, "escape", "g")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)
        bar = screen_lines(app)[-1].rstrip()
        assert "esc Your runs" in bar and bar.endswith("? Help"), bar


async def test_a_toast_up_as_the_window_shrinks_does_not_cover_the_too_small_notice() -> None:
    """A toast up when the window shrank to 40x12 lay over the notice, cutting its words
    to "It is 40×12; peer-" (trainee44): hidden with the screen, it shows again (if not
    yet timed out) when there is room."""
    from tests.tui.helpers import screen_lines, until

    app = make_app()
    async with app.run_test(size=(60, 18), notifications=True) as pilot:
        await ready(app, pilot)
        app.notify("A stray q cannot end a conversation. " * 3, title="To leave", timeout=60)
        assert await until(lambda: "To leave" in "\n".join(screen_lines(app)), pilot)
        await pilot.resize_terminal(40, 12)
        assert await until(lambda: app.has_class("-too-small"), pilot)
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "To leave" not in shown and "▌" not in shown, shown
        assert "It is 40×12; peer-sim needs at least" in shown, shown
        await pilot.resize_terminal(60, 18)
        assert await until(lambda: "To leave" in "\n".join(screen_lines(app)), pilot)


async def test_help_stays_on_the_progress_screen_s_key_bar_at_60_columns() -> None:
    """browser44: in a 600x400 browser window (66 columns) the progress screen's bar read
    "PgDn More principles ⏎ Read debrief s Play next esc Library ^q Quit ?", its "Help"
    cut, even with the keys one space apart. Where they still do not fit, Quit (which the
    palette and the help both give) is left off the bar before "? Help" is cut."""
    from tests.tui.helpers import one_run_then_progress, screen_lines, until

    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await one_run_then_progress(app, pilot)
        await pilot.pause()
        bar = screen_lines(app)[-1].rstrip()
        assert "Play next" in bar and "esc Library" in bar and bar.endswith("? Help"), bar
        # with room, Quit is there as before
        await pilot.resize_terminal(120, 30)
        assert await until(lambda: "^q Quit" in screen_lines(app)[-1])
