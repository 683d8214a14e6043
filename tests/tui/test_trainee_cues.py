"""What a trainee playing for the first time needs to see: found by playing as one.

Each test is a thing a trainee tripped on: the setting (and the supervisor it
names) never shown below the side panel's width, a critical slip that raised
the meters and said nothing until the debrief, a help box that did not say how
to close it and wrapped its descriptions under the keys, `u Undo` in the key
bar while `u` typed a letter into the own-words box, a last button that did
not say which key opens the debrief, and a fourth line cut off at 80x24 with
only a scrollbar to say so.
"""

from __future__ import annotations

import io
from pathlib import Path

from textual.widgets import Static

from sim.commands.play import parse_script
from sim.loading import load_scenario
from sim.plain.player import play
from sim.tui.app import PeerSimApp
from sim.tui.screens.dialogs import Help
from sim.tui.screens.play import PlayScreen
from sim.tui.widgets.choices import ChoiceList
from sim.tui.widgets.keybar import KeyBar
from sim.tui.widgets.transcript import Transcript
from tests.tui.helpers import TALK, make_app, open_talk, ready, screen_lines, screen_name, until

SLIP = (
    "a dual relationship (a personal tie beside the coaching: sponsor, friend, host, money or "
    "gifts, or a personal 24/7 line); this conversation can now end no better than mixed."
)


def slip_file(tmp_path: Path) -> Path:
    """The fixture talk, with its directive line marked a critical slip."""
    text = TALK.read_text(encoding="utf-8").replace(
        'why = "It prescribes a path before hearing Sam\'s."',
        'why = "It prescribes a path before hearing Sam\'s."\ncritical = "dual-relationship"',
    )
    assert 'critical = "dual-relationship"' in text
    path = tmp_path / "slip.toml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_the_setting_opens_a_narrow_conversation_and_moves_to_the_side_when_wide() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        transcript = play.query_one(Transcript)
        assert transcript.kinds()[:2] == ["setting", "with"]
        shown = "\n".join(screen_lines(app))
        assert "Drop-in centre, the quiet room" in shown
        assert "Sam · 41, a month into coming to the centre" in shown
        await pilot.press("1")  # a move keeps it at the top
        assert transcript.kinds()[:2] == ["setting", "with"]
        # wide: the side panel has it, so the transcript does not say it twice
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert "setting" not in transcript.kinds() and "with" not in transcript.kinds()
        assert play.query_one("#about", Static).display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert transcript.kinds()[:2] == ["setting", "with"]
        assert len(play.run.state.decisions) == 1  # showing it again changed nothing in the run


async def test_practice_names_a_critical_slip_the_moment_it_is_said(tmp_path) -> None:
    app = make_app(library_paths=[slip_file(tmp_path)])
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("2")
        transcript = play.query_one(Transcript)
        kinds = transcript.kinds()
        assert kinds[kinds.index("you") + 1] == "slip"
        assert transcript.entries()[kinds.index("slip")].text == SLIP
        assert "Critical slip: a dual relationship" in "\n".join(screen_lines(app))
        await pilot.press("u")  # undone, it goes with the line
        assert "slip" not in transcript.kinds()
        await pilot.press("1")  # a line that is no slip gets none
        assert "slip" not in transcript.kinds()


async def test_assessment_keeps_a_critical_slip_for_the_debrief(tmp_path) -> None:
    app = make_app(library_paths=[slip_file(tmp_path)], mode="assessment")
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("2")
        assert "slip" not in play.query_one(Transcript).kinds()
        assert "Critical slip" not in "\n".join(screen_lines(app))


def test_the_plain_player_says_a_critical_slip_in_practice_only(tmp_path) -> None:
    scenario = load_scenario(slip_file(tmp_path))
    for mode, said in (("practice", True), ("assessment", False)):
        out = io.StringIO()
        play(scenario, None, out, lambda _p: None, mode=mode, script=parse_script("2,1"))
        during = out.getvalue().split("Debrief")[0]
        flat = " ".join(during.split())  # the plain player wraps the sentence
        assert ("Critical slip: " + SLIP.split(";")[0] in flat) is said, mode
        assert "this conversation can now end no better" in flat if said else True


async def test_help_says_how_to_close_it_and_keeps_each_description_beside_its_key() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, Help)
        lines = screen_lines(app)
        assert any("Escape, Enter, ? or q closes it" in line for line in lines)
        # a description that wraps continues in its own column, not under the key
        at = next(i for i, line in enumerate(lines) if "start the highlighted scenario" in line)
        column = lines[at].index("start the highlighted")
        wrapped = lines[at + 1]
        assert wrapped[column - 2 : column].strip() == ""
        assert wrapped[column:].strip().startswith("starts it too")
        await pilot.press("q")  # as the line says: it closes the help, never the app
        assert screen_name(app) == "LibraryScreen" and app.return_code is None


async def test_own_words_box_shows_undo_as_ctrl_z_since_u_is_a_letter_there() -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        play.query_one("#own-words-input").value = "what happened?"
        await pilot.press("enter")
        await pilot.press("1")  # to a scene that goes on by itself: no box, and still ctrl+z
        # (a u typed there, in words begun early, undid the line: trainee playtest 9)
        assert " ^z Undo" in play.query_one(KeyBar).render().plain
        await pilot.press("space")
        await pilot.pause()
        # the box has the keys again: u would be typed, ctrl+z undoes
        assert play.query_one("#own-words-input").has_focus
        keys = play.query_one(KeyBar).render().plain
        assert " ^z Undo" in keys and " u Undo" not in keys
        await pilot.press("ctrl+z")
        assert not play.run.state.decisions


async def test_the_last_button_says_which_key_opens_the_debrief() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "1")
        assert play.run.over
        label = play.query_one(ChoiceList).choices[0].text.plain
        assert label == "See your debrief ▶  (Enter)"  # space reads on in the debrief: not here


async def test_debrief_bullets_keep_a_wrapped_sentence_clear_of_the_bullet() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("1", "space", "2")  # a weak last line: a turning point to read
        await pilot.press("enter")
        await pilot.pause()
        lines = screen_lines(app)
        at = next(i for i, line in enumerate(lines) if "• Had you said" in line)
        column = lines[at].index("Had you said")
        assert lines[at + 1][:column].strip() == ""  # the next line hangs under the text
        assert lines[at + 1][column : column + 1].strip()
        assert play.run.over


def long_lines(tmp_path: Path) -> Path:
    """One decision with five lines, each three rows long at 80 columns."""
    line = (
        "This is a long line that a trainee might say, and it goes on for a while so that it "
        "wraps over several rows at eighty columns, which is the point of it here."
    )
    choices = "".join(
        f'\n[[scenes.hello.choices]]\nsay = "{n}: {line}"\ngoto = "@outcome"\n'
        'principles = { active-listening = "honours" }\n'
        for n in range(1, 6)
    )
    path = tmp_path / "long.toml"
    path.write_text(
        'format = 1\ntitle = "Long Lines"\nsummary = "Five long lines."\nsetting = "A room"\n'
        'trains = ["active-listening"]\nminutes = 3\ndifficulty = "introductory"\n'
        'start = "hello"\n[meters]\ntrust = 40\nempowerment = 30\n[characters.sam]\nname = "Sam"\n'
        '[scenes.hello]\nspeaker = "sam"\ntext = "Say something."\n'
        f'{choices}\n[endings.done]\ntitle = "Done"\noutcome = "mixed"\ntext = "It ends."\n',
        encoding="utf-8",
    )
    return path


async def test_the_choices_say_when_a_line_is_out_of_view(tmp_path) -> None:
    """The title names the lines out of view: "↓ more below" read as more text, not as
    more lines to choose from (trainee playtest 30b)."""
    app = make_app(scenario=load_scenario(long_lines(tmp_path)))
    async with app.run_test(size=(80, 18)) as pilot:
        await pilot.pause()
        play = app.screen
        assert isinstance(play, PlayScreen)
        lst = play.query_one(ChoiceList)
        await pilot.pause()
        assert lst.border_title == "Say: 1-5, or ↑↓ and Enter, or click · ↓ lines 4-5 below"
        await pilot.press("end")  # the last line highlighted: the first are above now
        await pilot.pause()
        assert lst.border_title == "Say: 1-5, or ↑↓ and Enter, or click · ↑ lines 1-2 above"
        await pilot.resize_terminal(80, 24)  # room for all of them, the reply above: nothing to say
        await pilot.pause()
        await pilot.pause()
        assert lst.border_title == "Say: 1-5, or ↑↓ and Enter, or click"


async def test_a_dialog_lists_its_own_keys_not_the_screen_underneath() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "enter")
        assert screen_name(app) == "ContentNotes"
        keys = app.screen.query_one(KeyBar).render().plain
        assert "Continue" in keys and "Back to library" in keys
        assert "Mode" not in screen_lines(app)[-1] and "Progress" not in screen_lines(app)[-1]
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("1", "escape")  # mid-conversation: it asks first
        assert screen_name(app) == "Confirm"
        assert screen_lines(app)[-1].split() == ["y", "Leave", "n", "Stay"]  # as the buttons say
        await pilot.press("n")
        assert isinstance(app.screen, PlayScreen)


async def test_help_in_a_conversation_lists_e_only_where_there_are_problems_to_list() -> None:
    """A trainee's help listed "e  list every problem in a watched scenario file (after a
    save with errors)" among the conversation's keys, a key that did nothing in any run of
    theirs (trainee playtest 28). It is listed where the bar offers it: a file with problems."""
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, Help)
        assert "e" not in [key for key, _ in app.screen.sections()]
        await pilot.press("escape")
        play.checked = [object()]  # what the deep check found in a file being worked on
        await pilot.press("question_mark")
        assert isinstance(app.screen, Help)
        assert "e" in [key for key, _ in app.screen.sections()]


async def test_content_notes_say_where_to_turn_if_practising_stirs_something_up() -> None:
    """A trainee with lived experience may meet their own story here: the notes name the
    trainer or supervisor and the US 988 line, on screen with the buttons at 80x24."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "enter")
        assert screen_name(app) == "ContentNotes"
        said = " ".join(str(app.screen.query_one("#notes-care", Static).render()).split())
        assert "talk to your trainer or supervisor; in the US you can also call or text 988" in said
        lines = screen_lines(app)
        assert any("Continue" in line and "Back" in line for line in lines), lines
        assert any("Lifeline) any time." in line for line in lines), lines


def test_the_plain_player_says_it_before_waiting_at_the_notes() -> None:
    out = io.StringIO()
    play(load_scenario(Path("scenarios/crisis-moment.toml")), None, out, lambda _: "q",
         confirm_notes=True)  # fmt: skip
    text = " ".join(out.getvalue().split())
    assert "talk to your trainer or supervisor; in the US you can also call or text 988" in text


async def test_content_notes_keep_their_buttons_on_screen_with_many_notes() -> None:
    """crisis-moment names five topics: with the care line below them, Continue and Back
    fell off a 24-row screen; the notes scroll instead, the buttons stay."""
    for size in ((80, 24), (60, 18), (100, 30)):
        app = PeerSimApp("crisis-moment")
        app.animation_level = "none"
        async with app.run_test(size=size) as pilot:
            await until(lambda app=app: screen_name(app) == "ContentNotes", pilot)
            assert screen_name(app) == "ContentNotes"
            await pilot.pause()
            lines = screen_lines(app)
            # the buttons, inside the dialog's border: the key bar also says "Continue"
            buttons = [line for line in lines if "Continue" in line and "Back" in line]
            assert any("│" in line and "⏎" not in line for line in buttons), (size, lines)
            assert any("Content notes" in line for line in lines), (size, lines)
