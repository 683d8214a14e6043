"""Reading the debrief in the app: it opens at the top, says how it was built, and keeps
wrapped lines under their own start. Each test is a thing a trainee met while playing
(trainee play-throughs 5-13).
"""

from __future__ import annotations

import re

import pytest

from sim.debrief import build_debrief
from sim.engine import Run
from sim.loading import bundled_dir, load_catalogue, load_scenario
from sim.tui.screens.debrief import DebriefScreen
from sim.tui.screens.play import PlayScreen
from sim.tui.widgets.choices import ChoiceList
from tests.tui.helpers import (
    make_app,
    one_run_then_progress,
    open_talk,
    past_the_notes,
    progress_opened,
    ready,
    screen_lines,
)


def check_in_call_debrief():
    """A Check-In Call as the trainee played it at 80x24 (assessment; a slip at 4)."""
    run = Run.begin(load_scenario(bundled_dir() / "check-in-call.toml"))
    picks = iter([2, 3, 3, 3, 3, 1, 3, 2, 1, 2, 4, 3, 3, 2])
    while True:
        run.settle()
        if run.over:
            return build_debrief(run, load_catalogue())
        run.choose(next(picks))


async def test_the_progress_bar_shows_that_enter_reads_a_debrief() -> None:
    from sim.tui.screens.progress import PastDebriefScreen
    from tests.tui.helpers import screen_lines

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await one_run_then_progress(app, pilot)
        assert "Read debrief" in screen_lines(app)[-1]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PastDebriefScreen)


async def test_the_scorecard_says_what_neutral_means_when_it_shows_one() -> None:
    """'neutral 1 (at 1)' on the scorecard: a trainee could not tell whether it was good or bad."""
    from sim.debrief.outline import NEUTRAL_WORDS
    from sim.loading import bundled_dir, load_scenario
    from sim.tui.screens.debrief import DebriefScreen
    from tests.tui.helpers import screen_lines

    app = make_app(scenario=load_scenario(bundled_dir() / "return-to-use.toml"))
    async with app.run_test(size=(100, 60)) as pilot:
        for _ in range(50):
            await pilot.pause()
            if not isinstance(app.screen, PlayScreen):
                await pilot.press("enter")  # the content notes
            else:
                break
        play = app.screen
        picks = iter([2, 1, 2])  # decision 1 is neutral for "Build a real connection"
        while not play.run.over:
            if play.run.waits_for_choice:
                play.choose(next(picks))
            else:
                play.action_go_on()
            await pilot.pause()
        play.action_go_on()
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        shown = " ".join(" ".join(screen_lines(app)).split())
    assert "neutral 1 (at 1)" in shown
    assert NEUTRAL_WORDS in shown


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


async def test_read_on_and_more_principles_go_at_the_end() -> None:
    """At the end of the debrief "space Read on" stayed in the key bar, and at the end of the
    principles "PgDn More principles" did: there was nothing more. The debrief's end names
    Home, back to the ending and why this ending."""
    from textual.containers import VerticalScroll

    from sim.tui.screens.debrief import DebriefScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        bar = screen_lines(app)[-1]
        assert "space Read on" in bar and "Back to top" not in bar
        await pilot.press("end")
        await pilot.pause()
        bar = screen_lines(app)[-1]
        assert "Read on" not in bar and "Home Back to top" in bar
        await pilot.press("home")
        await pilot.pause()
        assert app.screen.query_one("#debrief", VerticalScroll).scroll_y == 0
        assert "space Read on" in screen_lines(app)[-1]
        await progress_opened(app, pilot, "escape", "g")
        await pilot.resize_terminal(60, 18)
        await pilot.pause()
        principles = app.screen.query_one("#progress", VerticalScroll)
        # at 60 columns the bar gives "PgDn More" its one word (dbd6725), keeping "? Help"
        assert "PgDn More" in screen_lines(app)[-1]
        for _ in range(10):
            await pilot.press("pagedown")
        await pilot.pause()
        assert principles.scroll_y == principles.max_scroll_y > 0
        assert "PgDn More" not in screen_lines(app)[-1]
        await pilot.press("pageup")  # back up still works there
        await pilot.pause()
        assert principles.scroll_y < principles.max_scroll_y
        assert "PgDn More" in screen_lines(app)[-1]


async def test_the_assessment_debrief_says_how_the_meters_moved_not_below() -> None:
    """ "they are shown below" sat under the line that shows them."""
    app = make_app(mode="assessment")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "this is how they moved" in shown and "shown below" not in shown


async def test_the_debrief_scorecard_keeps_a_wrapped_principle_under_its_name() -> None:
    """At 80x24 "Offer emotional support: ✓ honoured 3 (at 2, 12, 14); ✗ undermined 1 (at"
    went on with "3)" flush with the principles' names, as if it were one of them."""
    app = make_app()
    async with app.run_test(size=(80, 80)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(check_in_call_debrief(), "assessment"))
        await pilot.pause()
        lines = screen_lines(app)
    row = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Offer emotional"))
    name_at = lines[row].index("Offer emotional")
    more = lines[row + 1]
    assert more[: name_at + 2].strip() == "" and more[name_at + 2] != " ", (lines[row], more)


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


async def test_the_debrief_opens_without_restyling_all_of_it_again() -> None:
    """Keys typed as a long run's debrief opened waited ~0.8 s on a busy machine (trainee
    playtest 13): fifty widgets (a widget a summary line, three a bullet) were styled at
    mount, again as the screen resumed, and twice more as the scrolling column took the
    focus, which restyles everything inside it. Counted, not timed: the time itself is
    measured in benchmarks/tui_debrief.py."""
    from sim.loading import bundled_dir, load_scenario
    from sim.tui.screens.debrief import DebriefScreen

    app = make_app(scenario=load_scenario(bundled_dir() / "first-days-out.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await past_the_notes(app, pilot)
        play = app.screen
        step = 0
        while not play.run.over:
            step += 1
            if play.run.waits_for_choice:
                play.choose(1 + step % len(play.run.offers()))
            else:
                play.run.advance()
        play.rebuild()
        await pilot.pause()
        styled: list[object] = []
        apply = app.stylesheet.apply

        def counted(node, *args, **kwargs):
            styled.append(node)
            return apply(node, *args, **kwargs)

        app.stylesheet.apply = counted
        app.show_debrief(play.run)
        await pilot.pause()
        await pilot.pause()
        app.stylesheet.apply = apply
        debrief = app.screen
        assert isinstance(debrief, DebriefScreen) and len(debrief.debrief.decisions) >= 10
        column = debrief.query_one("#debrief")
        inside = list(column.walk_children())
        assert inside and max(styled.count(w) for w in inside) <= 2  # mount, screen resumed
        for part in debrief.query(".summary-part"):
            assert not part.children  # one widget a part, however many lines
        assert column.has_focus  # ↓ and PgDn still scroll it
        await pilot.press("down")
        assert column.scroll_y == 1


async def test_the_debrief_ends_with_where_to_find_what_to_practise_next() -> None:
    """At the end of a debrief a first-time trainee knew how to play again or leave, and
    nothing of the progress screen, which names the scenario to practise next."""
    from sim.tui.screens.debrief import DebriefScreen
    from tests.tui.test_debrief_screen import debrief_with_a_slip

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(debrief_with_a_slip(), "practice"))
        await pilot.pause()
        await pilot.press("end")
        await pilot.pause()
        shown = " ".join(line.strip() for line in screen_lines(app))
        assert (
            "where g shows your progress across all your runs and the scenario to play next"
            in shown
        )


@pytest.mark.parametrize("records", [True, False])
async def test_r_in_the_debrief_asks_before_playing_again_and_says_where_it_is_kept(
    records: bool,
) -> None:
    """r in the debrief started the scenario afresh at once, the debrief gone from view,
    while a restart and a leave ask first. Now it asks, says the debrief stays in the past
    runs (or that it is not kept, with records off), and n stays on the debrief."""
    app = make_app()
    app.records_enabled = records
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1", "space", "1", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("r")
        await pilot.pause()
        assert type(app.screen).__name__ == "Confirm"
        shown = "\n".join(screen_lines(app))
        assert "Play again (y)" in shown and "Stay (n)" in shown
        kept = "stays in your past runs" in shown
        assert kept == records and ("is not kept anywhere" in shown) != records, shown
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        await pilot.press("r", "y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen) and not app.screen.run.state.decisions


async def test_help_from_the_debrief_says_what_its_words_mean_under_its_keys() -> None:
    """A first debrief spoke of turning points, critical slips and a reflection-to-question
    ratio, and the help (? there) listed only its four keys (trainee33). Opened from the
    debrief, what those words mean follows the debrief's keys, in view at 80x24; opened
    elsewhere it comes last, after the meters."""
    from sim.tui.screens.dialogs import Help

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(check_in_call_debrief(), "assessment"))
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, Help)
        shown = "\n".join(screen_lines(app))
        assert "Reading the debrief" in shown and "Critical slip: missing a safety risk" in shown
        keys = re.search(r"Esc / l / q +back to the library", shown)  # its words apart
        assert keys and keys.start() < shown.index("Reading the debrief")
        help_text = " ".join(str(w.render()) for w in app.screen.query(".help-term"))
        for term in ("Why this ending", "Turning points", "To practise next", "Principles"):
            assert f"{term}: " in help_text
        assert "Reflection-to-question ratio: your reflections divided by" in help_text
        assert '"Could have ended" means' in help_text
        await pilot.press("escape")
        await pilot.press("escape")  # the debrief, back to the library
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        headings = [str(w.render()) for w in app.screen.query(".help-heading")]
        assert headings[-2:] == ["The meters and modes", "Reading the debrief"], headings
