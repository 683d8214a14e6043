"""Findings of trainee playtest 14 (plan/logs/trainee14.md), each checked as the trainee met it."""

from __future__ import annotations

from tests.tui.helpers import make_app, open_talk, ready, screen_lines


def _above_the_lines(app) -> str:
    """The screen row just above the choices (their title row: "Say: ...", "Continue ▶")."""
    return screen_lines(app)[app.screen.query_one("#choices").region.y - 1]


async def test_a_tall_terminal_keeps_the_newest_line_just_above_the_choices() -> None:
    """At 160x48 the first scenes stood at the top of the screen and the lines to choose
    from at the bottom, twenty empty rows apart: two things to read, not one
    conversation. The newest line now sits just above the lines on offer."""
    app = make_app()
    async with app.run_test(size=(160, 48)) as pilot:
        await open_talk(app, pilot)
        assert "It didn't work." in _above_the_lines(app)
        await pilot.press("1")
        await pilot.pause()
        assert _above_the_lines(app).strip()  # the reply to the line said, not a gap
        assert "It didn't work." in "\n".join(screen_lines(app))  # the start still in view


async def _palette_offers(app, pilot, typed: str) -> list[str]:
    """What the command palette lists once `typed` is typed into it (then it is closed)."""
    from textual.command import CommandList, CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    palette = app.screen
    assert isinstance(palette, CommandPalette)
    await pilot.press(*typed)
    for _ in range(50):  # the search runs in a worker
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if not palette._show_busy:
            break
    listed = palette.query_one(CommandList)
    options = (listed.get_option_at_index(i) for i in range(listed.option_count))
    offered = [str(option.prompt).split("\n")[0] for option in options]
    await pilot.press("escape")
    await pilot.pause()
    return offered


async def test_the_palette_offers_what_the_words_typed_mean() -> None:
    """The palette's fuzzy search offered "Turn own words on" for "undo" (tUrN owN worDs
    On), in the library where there is nothing to undo, and "Switch to assessment mode"
    for "home"; "exit", "again" and "menu" found nothing. Each word typed now begins a
    word of the command, or of another name people give it."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert not any("own words" in o for o in await _palette_offers(app, pilot, "undo"))
        assert await _palette_offers(app, pilot, "exit") == ["Quit"]
        assert await _palette_offers(app, pilot, "start") == ["Start"]
        await open_talk(app, pilot)
        await pilot.press("1")
        await pilot.pause()
        assert await _palette_offers(app, pilot, "undo") == ["Undo"]
        assert await _palette_offers(app, pilot, "home") == ["Back to library"]
        assert await _palette_offers(app, pilot, "again") == ["Restart"]
        assert await _palette_offers(app, pilot, "pasue") == ["Pause"]  # a slip of the fingers
        assert "Theme" in await _palette_offers(app, pilot, "dark")


async def test_the_debrief_opens_without_restyling_all_of_it_again() -> None:
    """Keys typed as a long run's debrief opened waited ~0.8 s on a busy machine (trainee
    playtest 13): fifty widgets (a widget a summary line, three a bullet) were styled at
    mount, again as the screen resumed, and twice more as the scrolling column took the
    focus, which restyles everything inside it. Counted, not timed: the time itself is
    measured in benchmarks/tui_debrief.py."""
    from sim.loading import bundled_dir, load_scenario
    from sim.tui.screens.debrief import DebriefScreen
    from sim.tui.screens.play import PlayScreen

    app = make_app(scenario=load_scenario(bundled_dir() / "first-days-out.toml"))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, PlayScreen):  # content notes
            await pilot.press("enter")
            await pilot.pause()
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


async def test_a_sentence_typed_at_a_continue_step_is_refused_whole() -> None:
    """Own words: a trainee typed "Thank you for helping me" while the scene still went on
    by itself. "Thank" was refused, its space read on, and "you for hel" went into the box
    that opened (the first word lost, the words sent unseen); the p of "helping" opened
    the pause. Once a letter is refused, the sentence's spaces, p and ? are refused too;
    Enter reads on to an empty box."""
    from textual.widgets import Input

    from tests.tui.helpers import deliver
    from tests.tui.test_own_words_app import type_words

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "It sounds like a hard week.")
        await pilot.press("1")
        await pilot.pause()
        assert not play.run.waits_for_choice  # "Continue ▶": the scene goes on first
        for key in "Thank you for helping me?":
            deliver(app, {" ": "space", "?": "question_mark"}.get(key, key))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, type(play))  # no pause, no help
        assert not play.run.waits_for_choice and len(play.run.state.decisions) == 1
        await pilot.press("enter")
        await pilot.pause()
        assert play.run.waits_for_choice
        assert play.query_one("#own-words-input", Input).value == ""


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
        assert "where g shows your progress and what to practise next" in shown
