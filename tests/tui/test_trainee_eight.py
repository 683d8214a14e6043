"""Findings of trainee playtest 8 (plan/trainee-test-8.md), each checked as the trainee met it."""

from __future__ import annotations

from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import make_app, open_talk, records_read, screen_lines


async def test_space_tapped_at_the_ending_cannot_skip_past_why_this_ending() -> None:
    """Space, space at "See your debrief" opened the debrief a page down, past the ending and
    "Why this ending"; now only Enter (or a click) opens it, and it opens at the top."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        while not play.run.over:
            if play.run.waits_for_choice:
                play.choose(1)
            else:
                play.action_go_on()
            await pilot.pause()
        await pilot.press("space", "space", "space")  # a trainee tapping through
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)  # the ending stays to be read
        bar = screen_lines(app)[-1]  # the key bar says which key now
        assert "⏎ See your debrief" in bar and "Continue" not in bar
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("enter", "enter")  # Enter does nothing more in the debrief
        await pilot.pause()
        assert app.screen.query_one("#debrief").scroll_y == 0


async def test_pgup_shows_the_line_just_said_and_names_a_slip_out_of_view() -> None:
    """At 80x24 the line just said, its coach note and the practice-mode notice of a critical
    slip were above the view; PgUp went a page up and left "You" on the last row, the line
    still out of view. Now the hint names the slip and PgUp puts the line at the top."""
    from sim.loading import bundled_dir, load_scenario
    from sim.tui.widgets.choices import ChoiceList
    from sim.tui.widgets.transcript import Transcript

    app = make_app(scenario=load_scenario(bundled_dir() / "family-pressure.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if isinstance(app.screen, PlayScreen):
                break
            await pilot.press("enter")  # the content notes
        play = app.screen
        picks = iter([3, 1, 2])  # to Denise's "at least text me if she misses a session"
        while len(play.run.state.decisions) < 3:
            if play.run.waits_for_choice:
                play.choose(next(picks))
            else:
                play.action_go_on()
            await pilot.pause()
        await pilot.press("1")  # "Okay. Only if she misses": a breach of confidentiality
        await pilot.pause()
        choices = play.query_one(ChoiceList)
        assert "↑ PgUp: your critical slip" in str(choices.border_title)
        await pilot.press("pageup")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "Okay. Only if she misses, nothing else. Here's my number." in shown
        assert "Critical slip: a breach of confidentiality" in shown
        assert "PgUp" not in str(choices.border_title)  # there it is: the hint goes
        await pilot.press("pagedown", "pagedown")  # back to the reply
        await pilot.pause()
        assert play.query_one(Transcript).mine_above()


async def test_no_your_line_hint_when_the_run_is_shown_whole_again() -> None:
    """After undo (or a resume) the whole run is one block: the hint showed with the line said
    last in view, and stayed after PgUp."""
    from sim.tui.widgets.choices import ChoiceList

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")  # two lines said, the ending
        await pilot.press("u")
        await pilot.pause()
        assert play.run.waits_for_choice and len(play.run.state.decisions) == 1
        assert "your line" not in str(play.query_one(ChoiceList).border_title)


def test_the_stronger_lines_why_is_labelled_not_indented_on_its_first_line_only() -> None:
    """The "Stronger here" line was followed by its explanation indented two columns on its first line
    only, the rest flush with the box: it read as a new paragraph. Now it has a label, as the
    plain debrief has ("Why it is stronger: ...")."""
    from sim.tui.screens.debrief import decision_content
    from tests.tui.test_debrief_screen import debrief_with_a_slip

    debrief = debrief_with_a_slip()
    reviews = [r for r in debrief.decisions if r.alternative and r.alternative.why]
    assert reviews
    for r in reviews:
        text = decision_content(r, len(debrief.decisions)).plain
        assert f"\nWhy it is stronger: {r.alternative.why}" in text
        assert "\n  " not in text


async def test_progress_gives_the_principles_the_room_and_pgdn_reaches_them() -> None:
    """At 1024x600 (113x33 cells) the runs' box took half the page for one run while the
    principles scrolled in ten rows, reached by keyboard only with Tab (said nowhere)."""
    from textual.containers import VerticalScroll
    from textual.widgets import OptionList

    from sim.tui.screens.progress import ProgressScreen

    app = make_app()
    async with app.run_test(size=(113, 33)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        await pilot.press("escape", "g")
        await records_read(app, pilot)
        assert isinstance(app.screen, ProgressScreen)
        runs = app.screen.query_one("#past-runs", OptionList)
        assert runs.outer_size.height <= 4  # one run: two lines in a border
        await pilot.resize_terminal(60, 18)  # the smallest the app takes
        await pilot.pause()
        principles = app.screen.query_one("#progress", VerticalScroll)
        assert principles.max_scroll_y > 0
        assert "PgDn More principles" in screen_lines(app)[-1]
        await pilot.press("pagedown")
        await pilot.pause()
        assert principles.scroll_y > 0
