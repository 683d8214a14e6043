"""Own-words practice in the app: words typed before the lines, cued, kept and debriefed."""

from __future__ import annotations

import io
from pathlib import Path

from textual.widgets import Input

from sim.engine import Run
from sim.loading import load_scenario
from sim.plain.player import play
from sim.tui.screens.play import PlayScreen
from sim.tui.settings import load_settings
from sim.tui.widgets.choices import ChoiceList
from sim.tui.widgets.transcript import Transcript
from tests.tui.helpers import (
    at_first_choice,
    make_app,
    open_debrief,
    open_talk,
    ready,
    screen_lines,
    screen_name,
)

DIRECTIVE = "you should just go to a meeting"


async def type_words(pilot, play: PlayScreen, words: str) -> None:
    box = play.query_one("#own-words-input", Input)
    assert box.has_focus and not play.query_one(ChoiceList).display
    box.value = words  # set directly: Pilot's per-key idle waits make typing slow
    await pilot.press("enter")
    if not words.strip():  # an empty Enter is asked about once (often a habit), then taken
        assert box.has_focus and not play.query_one(ChoiceList).display
        assert "Nothing typed yet" in "\n".join(screen_lines(play.app))
        await pilot.press("enter")


async def test_practice_own_words_cue_at_once_then_debrief() -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        # digits typed as words go into the box: they never pick a line
        await pilot.press("2", "1")
        assert not play.run.state.decisions
        assert play.query_one("#own-words-input", Input).value == "21"
        assert "1-9" not in "\n".join(screen_lines(app)[-1:])
        await type_words(pilot, play, DIRECTIVE + " [bold]now[/bold] \x1b[31m")
        shown = "\n".join(screen_lines(app))
        assert "Cue on your words" in shown and "Cues on your words" not in shown  # one cue
        assert "'you should just go' is directive wording" in shown
        assert "[bold]now[/bold]" in shown and "\x1b" not in shown
        assert play.query_one(ChoiceList).display and play.query_one(ChoiceList).has_focus
        # a click picks one too, as "Say: ..., or click" says without own words (trainee20)
        assert play.query_one(ChoiceList).border_title == (
            "Closest to what you meant: 1-2, or ↑↓ and Enter, or click"
        )
        await pilot.press("2")
        assert play.run.state.decisions[0].words.startswith(DIRECTIVE)
        # the transcript keeps the words, literally, then the cue, then the line picked
        transcript = play.query_one(Transcript)
        at = transcript.kinds().index("words")
        kinds = transcript.kinds()
        assert kinds[at + 1] == "cue" and kinds.index("you") > at + 1
        assert set(kinds[at + 1 : kinds.index("you")]) == {"cue"}
        # the box cleans as it is set: the escape sequence goes whole, "[31m" with it
        assert transcript.entries()[at].text == DIRECTIVE + " [bold]now[/bold]"
        shown = "\n".join(screen_lines(app))
        assert "You, in your own words" in shown and "The line you picked" in shown
        await pilot.press("space")
        await type_words(pilot, play, "What feels like the next step?")
        await pilot.press("1")
        assert play.run.over
        d = await open_debrief(app, pilot)
        assert d.words is not None and d.words.directive == 1 and d.words.open_questions == 1
        assert d.decisions[0].words.startswith(DIRECTIVE)
        text = " ".join(str(w.render()) for w in app.screen.query(".decision"))
        assert f"You wrote: “{DIRECTIVE}" in text and "Closest line you picked" in text
        assert "Cue: 'you should just go' is directive wording" in text
        summary = "\n".join(screen_lines(app))
        assert "Your own words" in summary and "Directive phrases: 1" in summary
        assert "Reflection-to-question ratio: 0.0 (0 reflections to 1 question;" in summary


async def test_assessment_own_words_keeps_cues_for_the_debrief_and_esc_works() -> None:
    app = make_app(own_words=True, mode="assessment")
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, DIRECTIVE)
        shown = "\n".join(screen_lines(app))
        assert "directive" not in shown and "Kept for your debrief" in shown
        await pilot.press("1", "space")
        await type_words(pilot, play, "")  # an empty entry is fine
        await pilot.press("1")
        assert [d.words for d in play.run.state.decisions] == [DIRECTIVE, ""]
        # the words are in the transcript, but no cue before the debrief
        kinds = play.query_one(Transcript).kinds()
        assert kinds.count("words") == 2 and "cue" not in kinds and "note" not in kinds
        shown = "\n".join(screen_lines(app))
        assert "(nothing typed)" in shown and "directive" not in shown and "Cue" not in shown
        await pilot.press("enter")
        await pilot.pause()
        text = " ".join(str(w.render()) for w in app.screen.query(".decision"))
        assert "(nothing typed)" in text and "Nothing was typed here." in text
        await pilot.press("r")  # play again (y): asks for words again, and Esc still leaves
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)
        assert app.screen.query_one("#own-words-input", Input).has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert screen_name(app) == "LibraryScreen"


async def test_library_toggle_turns_own_words_on() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        assert "Own words  ○ Off" in "\n".join(screen_lines(app))
        await pilot.press("w")
        assert app.own_words and "Own words  ● On" in "\n".join(screen_lines(app))
        play = await open_talk(app, pilot)
        assert play.run.own_words and play.query_one("#own-words-input", Input).has_focus


async def test_the_own_words_switch_is_remembered_and_the_command_line_wins() -> None:
    import argparse

    from sim.tui.launch import build_app

    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("w")
    assert load_settings().own_words is True
    again = make_app()
    assert again.own_words
    async with again.run_test(size=(100, 30)) as pilot:
        await ready(again, pilot)
        assert "Own words  ● On" in "\n".join(screen_lines(again))
        await pilot.press("w")
    assert load_settings().own_words is False and not make_app().own_words
    # --own-words / --no-own-words win over what is remembered
    on = build_app(None, [], None, argparse.Namespace(own_words=True), {})
    assert on.own_words and load_settings().own_words is False
    assert not build_app(None, [], None, argparse.Namespace(own_words=None), {}).own_words


async def test_at_60x18_the_cue_leaves_room_for_what_was_just_said() -> None:
    app = make_app(own_words=True)
    async with app.run_test(size=(60, 18)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, DIRECTIVE + ". You need to stop. Just go.")
        await pilot.pause()
        assert play.query_one("#own-words-cue").size.height <= 4
        assert play.query_one(Transcript).size.height >= 3


async def test_an_enter_by_habit_on_the_empty_box_does_not_spend_the_decision() -> None:
    """Trainee playtests 7 and 8: Enter tapped twice to read on went in as no words."""
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "What brings you here?")
        await pilot.press("1", "enter", "enter")  # the line, Continue, then Enter by habit
        await pilot.pause()
        box = play.query_one("#own-words-input", Input)
        assert play.asking_words and box.has_focus and len(play.run.state.decisions) == 1
        assert "Nothing typed yet" in "\n".join(screen_lines(app))
        assert not play.query_one(ChoiceList).display
        box.value = "It sounds like a lot."
        await pilot.pause()
        assert "Nothing typed yet" not in "\n".join(screen_lines(app))  # typing answered it
        await pilot.press("enter", "1")
        assert [d.words for d in play.run.state.decisions] == [
            "What brings you here?",
            "It sounds like a lot.",
        ]


async def test_a_letter_that_reaches_the_box_late_goes_where_it_was_typed() -> None:
    """Letters sent on before the box had the focus bubble up through the choices' queue
    while later ones go straight to the box: under load one came last ("ge some sleep
    tonightt", tests/tui/test_conversation_keys.py on a busy machine). It goes back where it was typed."""
    from textual import events

    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.value = "what would help you"
        box.cursor_position = len(box.value)
        early = [events.Key(c, c) for c in " get"]  # sent first, the last of them held up
        for key in early[:3]:
            assert play.type_ahead(key)
        await pilot.press("space", "s", "o", "m", "e")  # sent after, taken by the box itself
        assert box.value == "what would help you ge some"
        assert play.type_ahead(early[3])  # "t", arriving last
        assert box.value == "what would help you get some"
        assert box.cursor_position == len(box.value)  # typing goes on at the end
        await pilot.press("!")
        assert box.value == "what would help you get some!"
        late = events.Key("?", "?")  # sent after the box's own typing: at the cursor
        assert play.type_ahead(late)
        assert box.value == "what would help you get some!?"


CRISIS = Path(__file__).parents[2] / "scenarios" / "crisis-moment.toml"
PLAN = "Do you have a plan?"


async def test_a_safety_follow_up_in_a_crisis_is_named_so_never_a_closed_question() -> None:
    # trainee playtest 15: at Crisis Moment's "not right now", "Do you have a plan?" was cued
    # "this reads as a closed question" and counted so in the debrief
    app = make_app(scenario=str(CRISIS), own_words=True, mode="practice", start_scene="not-now")
    async with app.run_test(size=(100, 30)) as pilot:
        play = await at_first_choice(app, pilot)
        await type_words(pilot, play, PLAN)
        shown = " ".join(screen_lines(app))
        assert "asks about safety" in shown and "closed question: it starts" not in shown
        await pilot.press("3")  # the line that asks how, when and with what
        kinds = play.query_one(Transcript).kinds()
        assert kinds[kinds.index("words") + 1] == "cue"
        cue = play.query_one(Transcript).entries()[kinds.index("words") + 1].text
        assert cue.startswith("This asks about safety (it says 'a plan')")
        while not play.run.over:
            if play.run.waits_for_choice:
                await type_words(pilot, play, "Do you want some water?")
                await pilot.press("1")
            else:
                play.action_go_on()
            await pilot.pause()
        d = await open_debrief(app, pilot)
        assert d.words.safety_questions == 1 and d.words.closed_questions >= 1
        summary = " ".join(str(w.render()) for w in app.screen.query(".summary-part"))
        assert "Safety questions: 1 (asked directly" in summary


def test_the_plain_player_names_the_safety_follow_up_and_counts_it_apart() -> None:
    scenario = load_scenario(CRISIS)
    run = Run.begin(scenario, scene="not-now")
    run.own_words = True
    out = io.StringIO()
    answers = iter([PLAN, "3"] + ["", "1"] * 30)
    play(scenario, None, out, lambda _prompt: next(answers, None), run=run, own_words=True)
    text = out.getvalue()
    assert "This asks about safety (it says 'a plan')" in text
    assert "Safety questions: 1 (asked directly" in text
    assert "reads as a closed question" not in text


async def test_own_words_says_what_it_asks_and_why_the_keys_changed() -> None:
    """The bar went from "p Pause ? Help" to "F2 Pause F1 Help" with no word why, and "what
    would you say?" left a trainee unsure what to write (trainee playtest 30b): the opening
    says what the mode asks and its keys, the box whom the words answer. A replay says
    neither (nothing is typed there)."""
    from tests.tui.helpers import TALK

    app = make_app(scenario=load_scenario(TALK), own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await at_first_choice(app, pilot)
        note = [e.text for e in play.query_one(Transcript).entries() if e.kind == "start"]
        assert len(note) == 1 and "pause is F2, help F1, undo ctrl+z" in note[0]
        await pilot.pause()
        shown = "\n".join(screen_lines(app))
        assert "what would you say to Sam, as you would say it in the room?" in shown
        assert "F2 Pause" in screen_lines(app)[-1]
    app = make_app(scenario=load_scenario(TALK), own_words=False)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await at_first_choice(app, pilot)
        assert not [e for e in play.query_one(Transcript).entries() if e.kind == "start"]


async def test_enter_twice_after_the_words_covers_nothing() -> None:
    """An Enter tapped twice after the words (the first sends them) said "Which line?" in a
    toast that lay over "You wrote" and its cue, and at 60x18 over the list's title too
    (trainee playtest 30b). The title says it now, and goes back once a line is moved to."""
    from sim.tui.textual_internals import toasts_showing
    from tests.tui.helpers import TALK

    app = make_app(scenario=load_scenario(TALK), own_words=True)
    async with app.run_test(size=(60, 18), notifications=True) as pilot:
        play = await at_first_choice(app, pilot)
        await type_words(pilot, play, "that sounds hard")
        await pilot.press("enter")
        await pilot.pause()
        lst = play.query_one(ChoiceList)
        assert not play.run.state.decisions and not toasts_showing(app)
        assert lst.border_title.startswith("No line highlighted")
        assert any("You wrote" in row for row in screen_lines(app))
        await pilot.press("down")
        await pilot.pause()
        assert lst.border_title.startswith("Closest")
