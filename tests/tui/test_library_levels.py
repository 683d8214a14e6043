"""The library's level headings: where introductory ends and intermediate begins."""

from __future__ import annotations

import shutil

from sim.tui.app import PeerSimApp
from sim.tui.screens.dialogs import HELP
from tests.tui.helpers import LIBRARY, make_app, ready, screen_lines


async def test_the_bundled_library_heads_each_level_and_the_keys_pass_over_the_headings():
    """Twelve scenarios listed gentlest first, each saying "16 min · intermediate", and
    nothing showed where one level ended (trainee playtest 26)."""
    app = PeerSimApp()
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        lst = app.screen.query_one("#scenarios")
        ids = [o.id for o in lst._options]
        heads = [i for i in ids if i.startswith("h:")]
        assert heads == ["h:introductory", "h:intermediate", "h:advanced"], heads
        levels = [sc.difficulty for sc in app.library.scenarios]
        # each heading stands right above the first scenario of its level
        for level in ("introductory", "intermediate", "advanced"):
            first = levels.index(level)
            assert ids[ids.index(f"h:{level}") + 1] == f"s:{first}"
        lines = [line.strip("│ ") for line in screen_lines(app)]
        assert any(line.startswith("Introductory") for line in lines), lines
        assert any(line.startswith("Intermediate") for line in lines), lines
        # the first scenario is highlighted, not the heading above it; ↓ and ↑ pass over
        # the heading between the levels, and Home goes to the first scenario
        assert app.screen.selected()[1].id == app.library.scenarios[0].id
        await pilot.press("down")
        assert app.screen.selected()[1].difficulty == "intermediate"
        await pilot.press("up")
        assert app.screen.selected()[1].difficulty == "introductory"
        await pilot.press("down", "home")
        assert app.screen.selected()[1].id == app.library.scenarios[0].id


async def test_a_library_of_one_level_has_no_heading_and_a_broken_file_is_not_under_a_level(
    tmp_path,
) -> None:
    """A heading over every entry of a one-level library names what each says already; a
    file that does not load listed under "Intermediate" would read as one of its level."""
    one = tmp_path / "one"
    one.mkdir()
    shutil.copy(LIBRARY / "quiet.toml", one)
    app = make_app(library_paths=[one])
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        ids = [o.id for o in app.screen.query_one("#scenarios")._options]
        assert not [i for i in ids if i.startswith("h:")], ids
    app = make_app()  # quiet (introductory), talk (intermediate) and broken.toml
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        ids = [o.id for o in app.screen.query_one("#scenarios")._options]
        assert ids.index("h:broken") == ids.index("b:0") - 1, ids


async def test_up_to_a_levels_first_scenario_shows_its_heading_too():
    """↑ back to the first scenario of a level scrolled just far enough to show the entry,
    and its heading stayed above the view: the trainee read "Medication in the ED" with
    nothing saying where intermediate began (trainee playtest 26, 28)."""
    app = PeerSimApp()
    app.animation_level = "none"
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        lst = app.screen.query_one("#scenarios")
        levels = [sc.difficulty for sc in app.library.scenarios]
        await pilot.press("end")
        for level in ("advanced", "intermediate", "introductory"):
            first = f"s:{levels.index(level)}"
            while lst.get_option_at_index(lst.highlighted).id != first:
                await pilot.press("up")
            await pilot.pause()
            heading = lst._index_to_line[lst.get_option_index(f"h:{level}")]
            top = round(lst.scroll_y)
            assert top <= heading < top + lst.scrollable_content_region.height, (
                level,
                heading,
                top,
            )


def test_help_names_the_level_headings_the_keys_pass_over():
    """Help said only "move through the scenarios" under a list that has headings ↑↓ skip
    (trainee playtest 26)."""
    keys = dict(line for line in HELP if line[0] == "↑ ↓")
    assert "Introductory, Intermediate and Advanced" in keys["↑ ↓"]
    assert "pass over those headings" in keys["↑ ↓"]
