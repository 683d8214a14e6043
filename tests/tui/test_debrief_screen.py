"""The debrief screen: its summary of why is on screen without scrolling at 80x24, in either
mode, and what to practise next right under it."""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.debrief import build_debrief
from sim.engine import Run
from sim.loading import load_scenario
from sim.tui.screens.debrief import DebriefScreen
from tests.tui.helpers import make_app, ready

REMEMBER = Path(__file__).parents[1] / "core" / "fixtures" / "remember.toml"


def debrief_with_a_slip():
    sc = load_scenario(REMEMBER)
    run = Run.begin(sc)
    for n in (3, 1):  # offer to be Kim's sponsor: capped at mixed
        run.settle()
        run.choose(n)
    run.settle()
    return build_debrief(run)


@pytest.mark.parametrize("mode", ["practice", "assessment"])
async def test_the_summary_is_visible_at_80x24_without_scrolling(mode) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(debrief_with_a_slip(), mode))
        await pilot.pause()
        screen = app.screen
        parts = [screen.query_one("#summary-ending"), *screen.query(".summary-part")]
        text = "\n".join(str(w.render()) for w in parts)
        assert "Why this ending" in text and "Trust 85 was enough" in text
        assert "Critical slips" in text and "Turning points" in text
        # every part that says why it ended so inside the visible area; "To practise next"
        # follows straight after them, a space (one page) down
        *why, practise = parts
        assert "To practise next" in str(practise.render())
        for widget in why:
            assert widget.region.bottom <= 23, (widget, widget.region)
        assert practise.region.y <= 23 + 2, practise.region
        hidden = "The meters were hidden while you played"
        assert (hidden in text) == (mode == "assessment")
        # the curve is part of the debrief in both modes
        assert len(screen.query("Sparkline")) == 2


async def test_the_keys_say_there_is_more_below_and_space_reads_on() -> None:
    from sim.tui.widgets.keybar import KeyBar

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(debrief_with_a_slip(), "practice"))
        await pilot.pause()
        keys = app.screen.query_one(KeyBar).render().plain
        assert "space Read on" in keys and "r Play again" in keys
        body = app.screen.query_one("#debrief")
        assert body.scroll_y == 0
        await pilot.press("space")
        await pilot.pause()
        assert body.scroll_y > 0


async def test_a_key_that_reaches_the_debrief_before_its_widgets_is_ignored() -> None:
    """Space in the same read as the key that opened the debrief: NoMatches('#debrief')
    from action_read_on took the app down (benchmarks/tui_monkey.py 6000 777)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        early = DebriefScreen(debrief_with_a_slip(), "practice")  # not composed yet
        assert await app.run_action("read_on", early) is False
        app.push_screen(early)
        await pilot.pause()
        assert await app.run_action("read_on", early) is True


async def test_a_critical_slips_why_is_read_once_not_again_in_its_decision_box() -> None:
    """First Meeting's decision 12 repeated, word for word, the paragraph just read under
    Critical slips, pushing its stronger line below the fold (trainee33): the box points
    up to it, as the plain debrief does; a decision that was no slip keeps its why."""
    d = debrief_with_a_slip()
    slip = d.slips[0]
    assert slip.why
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(d, "practice"))
        await pilot.pause()
        summary = " ".join(str(w.render()) for w in app.screen.query(".summary-part"))
        assert slip.why[:40] in " ".join(summary.split())
        boxes = {
            r.step: str(w.render())
            for r, w in zip(d.decisions, app.screen.query(".decision"), strict=True)
        }
        slipped = " ".join(boxes[slip.step].split())
        assert "Why: given above under Critical slips" in slipped, slipped
        assert slip.why[:40] not in slipped
        others = [r for r in d.decisions if r.step != slip.step and r.why]
        assert others and all(
            f"Why: {r.why[:30]}" in " ".join(boxes[r.step].split()) for r in others
        )


async def test_a_long_ending_title_wraps_under_itself_with_its_outcome_whole() -> None:
    """At 60 columns "Ending  Help came, on a promise you couldn't keep" took the row, and
    "(mixed outcome)" went on flush under "Ending", as if it were a line of its own
    (trainee44). It goes on under the title now, and the outcome is never split."""
    from sim.loading import load_library
    from tests.tui.helpers import screen_lines

    sc = load_library().get("crisis-moment")
    run = Run.begin(sc)
    for n in (2, 1, 3, 3, 2):  # 911 called over his head, on a promise he'd be home
        run.settle()
        run.choose(n)
    run.settle()
    d = build_debrief(run)
    assert d.ending_title == "Help came, on a promise you couldn't keep"
    app = make_app()
    async with app.run_test(size=(60, 18)) as pilot:
        await ready(app, pilot)
        app.push_screen(DebriefScreen(d, "practice"))
        await pilot.pause()
        rows = screen_lines(app)
        at = next(i for i, row in enumerate(rows) if row.lstrip().startswith("Ending  Help"))
        ending = rows[at].index("Help")
        wrapped = rows[at + 1]
        assert wrapped[:ending].strip() == "", rows[at : at + 2]  # under the title
        assert "(mixed outcome)" in " ".join(rows[at : at + 2]), rows[at : at + 2]
        assert rows[at + 2].lstrip().startswith("Trust 30 to"), rows[at : at + 3]
