"""`peer-sim play FILE --watch`: the panel's deep check says what `peer-sim check` says.

The panel counted the lints and path checks, and left out what `check` says of the file
itself: its name is a bundled scenario's id, its title a bundled scenario's, it uses TOML
1.1-only syntax. Author test 35 was told "check: 1 warning" in play and read three at
`peer-sim check`.
"""

from __future__ import annotations

from sim.loading import load_scenario
from sim.tui.screens.dialogs import ProblemList
from sim.tui.screens.play import PlayScreen
from tests.tui.helpers import TALK, make_app


async def test_the_watch_panel_lists_the_file_warnings_check_prints(tmp_path) -> None:
    # named as a bundled scenario is, with a comma after the last entry of a { ... }
    file = tmp_path / "crisis-moment.toml"
    text = TALK.read_text("utf-8").replace("\\u001b[31m", "")
    text = text.replace(
        'principles = { active-listening = "honours" }',
        'principles = { active-listening = "honours", }',
        1,
    )
    file.write_text(text, encoding="utf-8")
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # content notes
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "check: 2 warnings (e lists them" in str(play.query_one("#problems").render())
        await pilot.press("e")
        assert isinstance(app.screen, ProblemList)
        listed = str(app.screen.query_one(".dialog-text").render())
        assert "is also the id of a bundled scenario" in listed
        assert "TOML 1.1" in listed or "Taplo" in listed


async def test_deleting_the_line_said_does_not_put_the_next_one_in_its_place(tmp_path) -> None:
    """Author test 35 deleted, under --watch, the line it had just said (no `id`): the line
    below took its place (`hello#1`), and the app kept the choice with that line's words,
    meters and verdicts ("kept 1 of your 1 choice(s)")."""
    import os

    file = tmp_path / "talk.toml"
    text = TALK.read_text("utf-8")
    file.write_text(text, encoding="utf-8")
    app = make_app(scenario=load_scenario(file), watch=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # content notes
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        await pilot.press("1")
        await pilot.pause()
        assert len(play.run.state.decisions) == 1
        first = text.index("[[scenes.hello.choices]]")
        second = text.index("[[scenes.hello.choices]]", first + 1)
        file.write_text(text[:first] + text[second:], encoding="utf-8")
        st = file.stat()
        os.utime(file, (st.st_atime, st.st_mtime + 5))
        assert app.check_file()
        await pilot.pause()
        assert play.run.state.decisions == ()
        note = play.notes["reload"]
        assert note.startswith("Reloaded; kept 0 of your 1 choice(s).")
        assert "It sounds like you were really fighting it" in note
        assert "now reads" not in note
