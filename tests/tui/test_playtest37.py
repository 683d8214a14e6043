"""What trainee playtest 37 met: a scenario started from progress (s) opened over a
library that still showed another scenario."""

from __future__ import annotations

from textual.widgets import OptionList

from sim.tui.screens.library import LibraryScreen
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import make_app, one_run_then_progress, until_screen


def highlighted_title(library: LibraryScreen) -> str:
    lst = library.query_one("#scenarios", OptionList)
    option = lst.get_option_at_index(lst.highlighted)
    assert library.library is not None and option.id and option.id.startswith("s:")
    return library.library.scenarios[int(option.id[2:])].title


async def test_play_next_from_progress_highlights_that_scenario_in_the_library() -> None:
    """s on the progress screen started 'Quiet Corner' while the library under it kept
    'A Short Talk' highlighted, its detail and content notes beside the run being opened;
    back at the library, Enter would have started the other one."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        progress = await one_run_then_progress(app, pilot)
        library = next(s for s in app.screen_stack if isinstance(s, LibraryScreen))
        assert highlighted_title(library) == "A Short Talk"  # the scenario just played
        suggested = progress.progress.suggestion
        assert suggested is not None and suggested.id == "quiet"
        await pilot.press("s")
        await until_screen(app, pilot, PlayScreen)
        assert highlighted_title(library) == "Quiet Corner"
