"""Findings of trainee playtest 12 (plan/logs/trainee12.md), each checked as the trainee met it."""

from __future__ import annotations

from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import make_app, open_talk, screen_lines


async def test_enter_by_habit_at_two_decisions_stacks_no_second_toast_over_the_lines() -> None:
    """At 80x24 an Enter pressed out of habit at two decisions in a row said "Which line?"
    twice; the second toast stacked under the first and covered the first line on offer."""
    app = make_app()
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("enter")  # nothing highlighted: told how to pick
        await pilot.press("1", "space")  # a line said, the scene read on: a new decision
        await pilot.pause()
        assert play.run.waits_for_choice and len(play.run.state.decisions) == 1
        await pilot.press("enter")  # the same habit at the next decision
        await pilot.pause()
        told = [n for n in app._notifications if n.title == "Which line?"]
        assert len(told) == 1  # the one still showing says it; no copy under it
        rows = screen_lines(app)
        assert any("What feels like the next right step to you?" in row for row in rows), rows
        assert len(play.run.state.decisions) == 1  # and Enter said nothing


async def test_own_words_after_a_page_up_and_back_the_last_line_stays_in_view() -> None:
    """A trainee scrolled up to read a coach note again (PgUp), came back (PgDn) and typed
    their words: the cues and the lines that opened pushed the person's last line out of
    view, and they chose "closest to what you meant" without seeing what Tom had said."""
    from textual.widgets import Input

    from sim.tui.app import PeerSimApp
    from sim.tui.widgets.transcript import Transcript

    app = PeerSimApp("first-days-out", mode="practice", own_words=True)
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if type(app.screen).__name__ != "LibraryScreen":
                break
            await pilot.pause(0.02)
        if type(app.screen).__name__ == "ContentNotes":
            await pilot.press("enter")
            await pilot.pause()
        play = app.screen
        transcript = play.query_one(Transcript)
        box = play.query_one("#own-words-input", Input)
        for pick in ("3", "1"):  # two decisions: a transcript longer than its view
            while not play.run.waits_for_choice:
                await pilot.press("enter")
                await pilot.pause()
            box.value = "That sounds hard."
            await pilot.press("enter", pick)
            await pilot.pause()
        while not play.run.waits_for_choice:
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("pageup")
        await pilot.pause()
        assert transcript.scroll_y < transcript.max_scroll_y
        await pilot.press("pagedown")
        await pilot.pause()
        assert transcript.scroll_y == transcript.max_scroll_y  # back at the newest line
        box.value = "That sounds like a lot. What do you want to do tonight?"
        await pilot.press("enter")  # the cues and the lines open below the conversation
        await pilot.pause()
        assert transcript.scroll_y == transcript.max_scroll_y
        said = play.run.text[0].split()[-3:]  # the last words Tom said are on screen
        assert " ".join(said) in " ".join(" ".join(screen_lines(app)).split())


async def test_the_run_by_run_counts_wrap_whole_and_under_their_own_start_at_80_columns() -> None:
    """At 80 columns "...the lines that honoured it: 3 of 3, 1 of 2, 0 of" went on at the
    left edge with "1, 1 of 4, 0 of 2": a count split in two, its end read as a new row."""
    from sim.records.progress import TREND_WORDS, PrincipleProgress, Progress
    from sim.tui.screens.progress import ProgressScreen

    history = [(1, 3, 0), (2, 1, 1), (3, 0, 1), (4, 1, 3), (5, 0, 2), (6, 12, 3)]
    boundaries = PrincipleProgress("boundaries", "Keep warm, clear boundaries", 17, 10, 0, history)
    progress = Progress(6, 5, [boundaries], boundaries, None, "")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(ProgressScreen(progress, [], ""))
        await pilot.pause()
        rows = [row.rstrip() for row in screen_lines(app)]
        start = next(i for i, row in enumerate(rows) if TREND_WORDS.strip()[:20] in row)
        words = rows[start].index("run by run")
        counts = []
        for row in rows[start + 1 :]:
            if not row[: words + 1].strip():  # a wrapped row: under its own start, not flush
                counts.append(row.strip())
            else:
                break
        assert counts, rows[start : start + 3]  # the counts did wrap at 80 columns
        told = " ".join([rows[start].split("honoured it:")[1], *counts])
        assert [c.strip() for c in told.split(", ")] == [
            "3 of 3",
            "1 of 2",
            "0 of 1",
            "1 of 4",
            "0 of 2",
            "12 of 15",
        ]
        assert not any(row.endswith(" of") for row in rows)  # no count cut in two


async def test_a_resumed_run_says_where_the_line_said_last_went_as_play_did() -> None:
    """Resumed at 80x24, the line said last and its "Critical slip" line were above the view
    and nothing said so: the trainee saw Dana's "Don't you dare call her" without their own
    line. The hint the move had ("↑ PgUp: your critical slip") comes back with the run."""
    from sim.tui.app import PeerSimApp
    from sim.tui.widgets.choices import ChoiceList

    app = PeerSimApp("first-meeting", mode="practice")
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(200):
            if isinstance(app.screen, PlayScreen):
                break
            if type(app.screen).__name__ == "ContentNotes":
                await pilot.press("enter")
            await pilot.pause(0.02)
        play = app.screen
        # as the trainee played it, to the offer to call Dana's sister (a critical slip)
        for pick in ("2", "1", "2", "3", "1", "1", "2", "1", "1"):
            while not play.run.waits_for_choice:
                await pilot.press("enter")
                await pilot.pause()
            await pilot.press(pick)
            await pilot.pause()
        await pilot.pause()
        choices = play.query_one(ChoiceList)
        assert choices._hint == "↑ PgUp: your critical slip"  # as play had it
        said = len(play.run.state.decisions)
        await pilot.press("escape", "y")  # leave; it is kept
        await pilot.pause()
        await pilot.press("enter")  # the same scenario again: resume it?
        await pilot.pause()
        await pilot.press("enter")  # resume
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen) and len(play.run.state.decisions) == said
        await pilot.pause()
        assert play.query_one(ChoiceList)._hint == "↑ PgUp: your critical slip"
        assert any("PgUp: your critical slip" in row for row in screen_lines(app))
        await pilot.press("pageup")  # and PgUp brings it back, with its note
        await pilot.pause()
        rows = " ".join(" ".join(screen_lines(app)).split())
        assert "Critical slip: a breach of confidentiality" in rows
