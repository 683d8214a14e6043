"""`peer-sim play FILE --watch` in the app: the file as opened gets the deep check too.

Author test 11 opened a draft with an unreachable scene under --watch: nothing was said
until the first save, though every reload after it said "check: 1 error".
"""

from __future__ import annotations

import shutil

from sim.loading import load_scenario
from sim.tui.screens.dialogs import ProblemList
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import TALK, make_app

ORPHAN = '\n[scenes.orphan]\nspeaker = "sam"\ntext = "Nobody gets here."\nnext = "plan"\n'


async def test_the_file_opened_with_watch_is_checked_before_any_save(tmp_path) -> None:
    file = tmp_path / "talk.toml"
    shutil.copy(TALK, file)
    file.write_text(file.read_text() + ORPHAN, encoding="utf-8")
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # content notes
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = play.query_one("#problems")
        # talk.toml's colour code in a text is a warning of its own (hidden-in-text)
        assert "check: 1 error, 1 warning (e lists them" in str(panel.render())
        await pilot.press("e")
        assert isinstance(app.screen, ProblemList)
        listed = str(app.screen.query_one(".dialog-text").render())
        assert "no path through the scenario reaches scene 'orphan'" in listed


async def test_a_clean_file_opened_with_watch_shows_no_check_note(tmp_path) -> None:
    file = tmp_path / "talk.toml"
    # without the colour code talk.toml holds to try the text gate: check warns of it
    file.write_text(TALK.read_text("utf-8").replace("\\u001b[31m", ""), encoding="utf-8")
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "check:" not in str(app.screen.query_one("#problems").render())
        assert "check" not in app.screen.notes
