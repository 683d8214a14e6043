"""Own-words practice in the app, as trainees typed into it: what the box takes, keeps and
gives back, which keys still work beside it, and what it says when letters cannot go in.
Each test is a thing a trainee met while playing (trainee play-throughs 5-13).
"""

from __future__ import annotations

import asyncio

import pytest
from textual.widgets import Input

from sim.tui.screens.play import PlayScreen
from sim.tui.textual_internals import toasts_showing
from sim.tui.widgets.choices import ChoiceList
from tests.tui.helpers import (
    make_app,
    open_talk,
    ready,
    screen_lines,
    screen_name,
    until_screen,
)
from tests.tui.test_own_words_app import type_words


async def test_a_closed_question_with_a_feeling_word_is_cued_as_closed() -> None:
    """'Do you feel ready for it?' was cued, and counted, as a reflection ('you feel')."""
    from textual.widgets import Input

    from tests.tui.helpers import screen_lines

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        play.query_one("#own-words-input", Input).value = "Do you feel ready for it?"
        await pilot.press("enter")
        shown = "\n".join(screen_lines(app))
        assert "closed question: it starts with 'do'" in shown
        assert "reflection" not in shown
        await pilot.press("1", "space")
        play.query_one("#own-words-input", Input).value = "How awful."
        await pilot.press("enter")
        shown = "\n".join(screen_lines(app))
        assert "open question" not in shown  # an exclamation asks nothing
        await pilot.press("1", "enter")
        await pilot.pause()
        words = app.screen.debrief.words
        assert (words.closed_questions, words.reflections, words.open_questions) == (1, 0, 0)


async def test_letters_typed_ahead_of_the_own_words_box_go_into_it() -> None:
    """Space then 'up to...' in one read: 'u' undid the line just said, 'p' paused, and
    letters before the box had the keys were dropped."""
    from textual.widgets import Input

    from tests.tui.helpers import deliver

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.value = "It sounds like a hard week."
        await pilot.press("enter", "1")
        await pilot.pause()
        assert len(play.run.state.decisions) == 1 and not play.run.waits_for_choice
        for key in ("space", "u", "p", "2", "o"):
            deliver(app, key)
        await pilot.pause(0.2)
        assert screen_name(app) == "PlayScreen"  # no pause opened
        assert len(play.run.state.decisions) == 1  # nothing undone
        assert box.has_focus and box.value == "up2o"  # and no letter dropped
        await pilot.press("ctrl+z")  # once the box has the keys, ctrl+z undoes as before
        assert len(play.run.state.decisions) == 0


async def test_the_own_words_box_names_enter_in_the_key_bar() -> None:
    """Every screen names its keys along the bottom; the own-words box named only Esc and
    ctrl+q, though Enter is the one key it needs."""
    from tests.tui.helpers import screen_lines

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        bar = screen_lines(app)[-1]
        assert "Show the lines" in bar
        await pilot.press(*"how are you")
        await pilot.press("enter")  # the bar's Enter does what it says
        await pilot.pause()
        assert "1-2" in screen_lines(app)[-1] or "Choose" in screen_lines(app)[-1]


async def test_own_words_letters_typed_at_a_continue_step_are_refused_and_said_why() -> None:
    """In own-words practice a trainee typed a reply to the narration, before the next line
    was shown: the letters went nowhere, the first space read on, and the `u` of "just"
    undid the line just said. Now the letters are refused with a word of why; Enter reads
    on (space too, before any letter: after one it is part of the words), and undo there
    is ctrl+z, as in the box."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "It sounds like a hard week.")
        await pilot.press("1")
        await pilot.pause()
        assert not play.run.waits_for_choice and len(play.run.state.decisions) == 1
        assert "^z Undo" in screen_lines(app)[-1]  # u would type a letter in the box
        await pilot.press("j", "u", "s", "t")  # "just", typed at "Continue ▶"
        await pilot.pause()
        assert len(play.run.state.decisions) == 1  # the u undid nothing
        said = [n.message for n in toasts_showing(app)]
        assert len(said) == 1 and said[0].startswith("The scene goes on first")
        await pilot.press("space")  # a space between typed words: refused with them
        await pilot.pause()
        assert not play.run.waits_for_choice
        await pilot.press("enter")  # reads on, to the next decision's box
        await pilot.pause()
        assert play.run.waits_for_choice
        box = play.query_one("#own-words-input", Input)
        assert box.value == ""  # nothing typed at the Continue step lands there
        await pilot.press("ctrl+z")  # undo still works by ctrl+z
        await pilot.pause()
        assert not play.run.state.decisions


async def test_own_words_continue_step_keeps_help_and_pause() -> None:
    """? and p are not words: help and pause still open at a Continue step."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "")
        await pilot.press("1")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        assert type(app.screen).__name__ == "Pause"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen)


async def test_own_words_cue_that_wraps_stays_clear_of_its_bullet() -> None:
    """At 80 columns a cue ran on at column 1, under its bullet."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "That's a long list. Any of them feel most urgent to you?")
        await pilot.pause()
        lines = screen_lines(app)
        at = next(
            i for i, line in enumerate(lines) if "•" in line and "reads as a question" in line
        )
        column = lines[at].index("“Any")
        assert lines[at + 1][:column].strip() == ""  # the next line starts under the words
        assert lines[at + 1][column:].strip().endswith("open or closed.")


async def test_the_own_words_box_keeps_a_key_for_pause_and_help() -> None:
    """With the own-words box open, p and ? are letters: the bar offered neither pause nor
    help, though the content notes say "you can pause at any time with p". F2 pauses and
    F1 helps there, the bar says so, and what was typed stays in the box."""
    from textual.widgets import Input

    from sim.tui.screens.play import PlayScreen

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        assert box.has_focus
        await pilot.press("p", "?")
        await pilot.pause()
        assert box.value == "p?"  # letters in the box, as before
        bar = screen_lines(app)[-1]
        assert "F2 Pause" in bar and "F1 Help" in bar, bar
        await pilot.press("f2")
        await pilot.pause()
        assert type(app.screen).__name__ == "Pause"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert type(app.screen).__name__ == "Help"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen), type(app.screen).__name__
        assert box.value == "p?", box.value


async def test_without_own_words_the_bar_still_says_p_and_question_mark() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        bar = screen_lines(app)[-1]
        assert "p Pause" in bar and "? Help" in bar and "F2" not in bar, bar


async def test_the_mode_badge_says_own_words_practice_is_on() -> None:
    """Nothing on the conversation screen said own-words practice was on until the box
    opened; the badge beside the meters now says so."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        assert any(
            "Mode practice · coach notes and undo · own words" in line for line in screen_lines(app)
        )


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


async def test_undo_in_own_words_gives_the_words_back_in_the_box() -> None:
    """Own words: a trainee undid a line to pick a different one, and the box was empty:
    the words they had typed for that moment had to be typed again."""
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.value = "That sounds like a hard week."
        await pilot.press("enter", "2")
        await pilot.pause()
        assert play.run.state.decisions[0].words == "That sounds like a hard week."
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert not play.run.state.decisions
        assert box.has_focus and not play.query_one(ChoiceList).display
        assert box.value == "That sounds like a hard week."
        assert box.cursor_position == len(box.value)  # go on typing, or Enter to send
        assert any("Your words are back in the box" in n.message for n in toasts_showing(app))
        await pilot.press("enter", "1")  # sent again as they were, the other line picked
        await pilot.pause()
        assert [d.words for d in play.run.state.decisions] == ["That sounds like a hard week."]


async def test_own_words_the_lines_are_not_set_until_the_words_are_typed() -> None:
    """Own words: at a decision the numbered lines and "Closest to what you meant" were put
    in the hidden list at once, and under load painted for a frame at its old place before
    the box asked (a pty test took that frame as the lines shown, its "1" went into the box)."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        lst = play.query_one(ChoiceList)
        assert lst.choices == [] and not lst.border_title  # nothing to paint, even for a frame
        play.query_one("#own-words-input", Input).value = "What happened?"
        await pilot.press("enter")
        await pilot.pause()
        assert [c.number for c in lst.choices] == ["1", "2"]
        assert lst.border_title.startswith("Closest to what you meant: 1-2")
        await pilot.press("1", "space")  # the next decision: asked for words again
        await pilot.pause()
        assert play.run.waits_for_choice and lst.choices == [] and not lst.border_title


async def test_own_words_a_digit_read_with_the_enter_is_not_lost_in_the_box() -> None:
    """Enter and a "1" read together (a fast trainee, or a browser sending keys at once): the
    Enter's words went by a message queued behind the "1", which was typed into the box as
    it hid ("…tonight1" kept as the words) and the line never said."""
    from tests.tui.helpers import deliver

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.value = "What happened?"
        await pilot.pause()
        deliver(app, "enter")
        deliver(app, "1")
        await pilot.pause()
        assert box.value == "What happened?"  # the "1" is not among the words
        if not play.run.state.decisions:  # read before the lines were drawn: refused (a bell)
            assert play.typed == "What happened?"
            await pilot.press("1")  # the lines drawn: the number says one
        assert [d.words for d in play.run.state.decisions] == ["What happened?"]


async def test_own_words_read_on_typed_and_sent_in_one_burst_leaves_the_lines_the_keys() -> None:
    """Space, the words and Enter read in one burst at a "Continue" step: the words are
    taken before the box has had the focus, and the lines keep it (the box's focus, asked for
    a frame later, must not take it back once the words are sent: a number went nowhere)."""
    from tests.tui.helpers import deliver

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        play.query_one("#own-words-input", Input).value = "It sounds hard."
        await pilot.press("enter", "1")
        await pilot.pause()
        assert not play.run.waits_for_choice
        for key in ["space", *"what would help", "enter"]:
            deliver(app, key)
        await pilot.pause()
        await pilot.pause()
        assert play.typed == "what would help"
        assert app.focused is play.query_one(ChoiceList)
        await pilot.press("1")
        assert play.run.over


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


async def test_an_own_words_continue_step_names_the_keys_that_work_there() -> None:
    """At an own-words "Continue" step the bar said "space Continue", "p Pause", "? Help" and
    the line "Continue ▶ (Enter or space)", while space, p and ? are refused as letters once
    a letter was typed; a click on "^z Undo" pressed u, refused as a letter. The bar and the
    line now name the keys that work there, typed or not, and a click presses them."""
    from sim.tui.widgets.keybar import KeyBar

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "It sounds like a hard week.")
        await pilot.press("1", "j")  # a letter: the trainee is typing a sentence
        await pilot.pause()
        assert not play.run.waits_for_choice and len(play.run.state.decisions) == 1
        lines = screen_lines(app)
        bar = lines[-1]
        for said in ("⏎ Continue", "F2 Pause", "F1 Help", "^z Undo"):
            assert said in bar, bar
        assert "space" not in bar and " p " not in bar and " ? " not in bar, bar
        assert any("Continue ▶  (Enter)" in line for line in lines)
        assert not any("Enter or space" in line for line in lines)

        await pilot.click(KeyBar, offset=(bar.index("^z Undo") + 1, 0))
        await pilot.pause()
        assert not play.run.state.decisions  # undone, not refused as a letter
        await type_words(pilot, play, "It sounds like a hard week.")
        await pilot.press("1", "j")
        await pilot.pause()
        bar = screen_lines(app)[-1]
        await pilot.click(KeyBar, offset=(bar.index("⏎ Continue") + 1, 0))
        await pilot.pause()
        assert play.run.waits_for_choice  # read on, not refused as a space in the words


async def test_without_own_words_a_continue_step_still_says_space() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_talk(app, pilot)
        await pilot.press("1")
        await pilot.pause()
        lines = screen_lines(app)
        assert "space Continue" in lines[-1] and "p Pause" in lines[-1]
        assert any("Continue ▶  (Enter or space)" in line for line in lines)


def _talk_opening_on_narration(folder):
    """The fixture talk, opening on a scene that goes on by itself (as most bundled ones do)."""
    from tests.tui.helpers import TALK

    text = TALK.read_text(encoding="utf-8").replace('start = "hello"', 'start = "door"')
    text += (
        '\n[scenes.door]\naction = "Sam comes in out of the rain."\ntext = "..."\nnext = "hello"\n'
    )
    (folder / "talk.toml").write_text(text, "utf-8")


def _continue_said_alike(app) -> None:
    """At an own-words "Continue" step the bar and the line name the same key: Enter."""
    lines = screen_lines(app)
    assert "⏎ Continue" in lines[-1] and "space" not in lines[-1], lines[-1]
    assert any("Continue ▶  (Enter)" in line for line in lines)


async def test_every_way_to_an_own_words_continue_step_names_enter_in_bar_and_line(
    tmp_path,
) -> None:
    """After a palette restart the bar said "space Continue" beside "Continue ▶ (Enter)",
    and Enter did nothing: the hidden box had let the focus go. Fresh, after a line and
    restarted from a decision, the bar and the line now agree, and Enter reads on. (Undo and resume land at
    a decision, where the box asks.)"""
    _talk_opening_on_narration(tmp_path)
    app = make_app(library_paths=[tmp_path], own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        await pilot.press("enter", "enter")  # the one scenario, its content notes
        play = await until_screen(app, pilot, PlayScreen)
        _continue_said_alike(app)  # fresh
        await pilot.press("enter")
        await type_words(pilot, play, "It sounds like a hard week.")
        await pilot.press("1")
        await pilot.pause()
        assert not play.run.waits_for_choice
        _continue_said_alike(app)  # after a line
        await pilot.press("enter")  # the next decision: the box has the keys

        app.action_restart()
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not play.run.state.decisions and not play.run.waits_for_choice
        _continue_said_alike(app)  # restarted
        await pilot.press("enter")
        await pilot.pause()
        assert play.run.waits_for_choice  # Enter read on


async def _at_a_decision(app, pilot, way: str) -> PlayScreen:
    """'A Short Talk' in own words, at a decision whose box asks, reached `way`."""
    play = await open_talk(app, pilot)
    if way == "fresh":
        return play
    await type_words(pilot, play, "It sounds like a hard week.")
    await pilot.press("1")
    await pilot.pause()
    if way == "undo":
        await pilot.press("ctrl+z")  # the words come back in the box: sent again as they are
    elif way == "restart":
        app.action_restart()
        await pilot.pause()
        await pilot.press("y")
    elif way == "resume":
        await pilot.press("enter")  # read on to the next decision, then leave and come back
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        await pilot.press("enter")  # the same scenario, then Enter: resume
        await pilot.pause()
        await pilot.press("enter")
        play = await until_screen(app, pilot, PlayScreen)
    await pilot.pause()
    assert play.run.waits_for_choice and play.query_one("#own-words-input", Input).has_focus
    return play


@pytest.mark.parametrize("way", ["fresh", "undo", "restart", "resume"])
async def test_letters_typed_once_the_lines_show_are_words_not_commands(way: str) -> None:
    """Own words: a trainee pressed Enter before their sentence was done and went on typing;
    once the lines showed, the `u` of their words undid the line before and a `p` paused.
    However the decision was reached, letters there go back into the box with the words,
    and the bar names the keys that are not letters (^z, F2, F1)."""
    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await _at_a_decision(app, pilot, way)
        box = play.query_one("#own-words-input", Input)
        decided = len(play.run.state.decisions)
        box.value = "You feel"
        await pilot.press("enter")
        await pilot.pause()
        assert play.query_one(ChoiceList).display  # the words sent, the lines shown
        bar = screen_lines(app)[-1]
        assert "^z Undo" in bar or not play.run.can_undo, bar
        assert "F2 Pause" in bar and "F1 Help" in bar and " u " not in bar, bar
        await pilot.press("space", "s", "t", "u", "p", "?")
        await pilot.pause()
        assert isinstance(app.screen, PlayScreen), type(app.screen).__name__  # no pause, no help
        assert len(play.run.state.decisions) == decided  # nothing undone
        assert box.has_focus and not play.query_one(ChoiceList).display
        assert box.value == "You feel stup?"
        assert any("Your words are back in the box" in n.message for n in toasts_showing(app))
        box.value = "You feel stuck."
        await pilot.press("enter", "1")
        await pilot.pause()
        assert play.run.state.decisions[decided].words == "You feel stuck."


async def test_a_paste_cut_to_the_box_s_limit_is_said_in_the_app() -> None:
    """The app's own-words box kept the first 2,000 characters of a long paste without a
    word (the plain player says so): a trainee could think their whole answer was kept."""
    from textual import events

    from sim.cues import MAX_WORDS

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.post_message(events.Paste("word " * 500))  # 2,499 characters, stripped
        await pilot.pause()
        assert len(box.value) == MAX_WORDS
        said = [n.message for n in toasts_showing(app)]
        assert said == [
            "Your words keep 2,000 characters at most: the last 499 of your paste were left "
            "out. Shorten it to keep its end."
        ], said
        box.value = ""
        box.post_message(events.Paste("It sounds like a hard week."))  # a short one: no word
        await pilot.pause()
        assert len(toasts_showing(app)) == 1


async def test_typing_past_the_box_s_limit_is_said_once_and_the_words_kept() -> None:
    """Past 2,000 characters the bell rang at each key and nothing said why: a trainee
    typing on could think the box had broken, or that the words were lost
    (adversarial-37). The first refused key says so, once a decision; the words stay."""
    from sim.cues import MAX_WORDS

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one("#own-words-input", Input)
        box.focus()
        kept = ("I hear you. " * 200)[:MAX_WORDS]
        box.value = kept
        box.cursor_position = MAX_WORDS
        await pilot.pause()
        assert toasts_showing(app) == []
        await pilot.press("x", "y", "z")
        await pilot.pause()
        assert box.value == kept
        said = [n.message for n in toasts_showing(app)]
        assert len(said) == 1 and "2,000 characters at most" in said[0], said
        assert "Your words so far are kept" in said[0]


async def test_keys_before_the_play_screen_is_built_neither_crash_nor_act() -> None:
    """The seeded monkey sent Enter the moment an own-words run began: the screen was on
    top, its run at a decision, but its widgets not yet built, and looking for the words
    box to hand it the Enter raised NoMatches and ended the app (the conversation lost).
    Keys meant for a box not there yet are dropped: a `u` must not undo either."""
    from textual import events

    from sim.loading import load_scenario
    from tests.tui.helpers import TALK, ready

    app = make_app(own_words=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(app, pilot)
        play = PlayScreen(load_scenario(TALK), "practice", own_words=True)
        app.push_screen(play)  # not awaited: on top, nothing composed yet
        assert app.screen is play and not play.query(ChoiceList)
        assert play.run.waits_for_choice  # the talk opens at a decision
        for key, char in (("enter", None), ("u", "u"), ("1", "1")):
            assert play.type_ahead(events.Key(key, char)) is True
        await pilot.pause()
        assert play.query(ChoiceList)  # built after all, and nothing was chosen
        assert not play.run.state.decisions


async def _leave_with_words(pilot, play: PlayScreen, words: str) -> None:
    """`words` typed in the box and left there (typing stops), then Esc to the library."""
    import asyncio

    from sim.tui.widgets.own_words import DRAFT_PAUSE

    play.query_one("#own-words-input", Input).value = words
    await asyncio.sleep(DRAFT_PAUSE + 0.3)  # typing stopped: the words are kept
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    await pilot.press("y")
    await pilot.pause()


async def test_words_typed_and_not_sent_come_back_when_the_run_is_resumed() -> None:
    """A run left with words in the own-words box (a tab reloaded, the terminal closed, Esc
    to the library) came back with the box empty, and the resume question said nothing of
    own words: the words are kept with the run and given back in the box, and it says so."""

    from sim.tui.screens.dialogs import Confirm

    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await _at_a_decision(app, pilot, "resume")  # a line said: the run has a row
        await _leave_with_words(pilot, play, "It sounds like you")
        await pilot.press("enter")  # the same scenario: the resume question
        question = await until_screen(app, pilot, Confirm)
        said = str(question.query_one(".dialog-text").render())
        assert "(practice mode, in your own words: what you had typed is kept)" in said, said
        await pilot.press("enter")
        play = await until_screen(app, pilot, PlayScreen)
        await pilot.pause()
        box = play.query_one("#own-words-input", Input)
        assert box.value == "It sounds like you" and box.has_focus


async def test_words_typed_before_the_first_line_are_kept_in_the_record_of_a_run_left() -> None:
    """Own words typed at the first decision, then Esc to the library before picking a line:
    the run left with no line kept nothing of them. They are in its record, and its
    Markdown export shows them to a supervisor."""

    from sim.records import Store
    from sim.records.export import to_markdown

    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await _at_a_decision(app, pilot, "fresh")
        await _leave_with_words(pilot, play, "What has this week been like?")
    store = Store.open()
    left = [r for r in store.runs() if r.status == "left"]
    assert len(left) == 1 and left[0].choices_made == 0, [(r.status, r.id) for r in left]
    text = to_markdown(store.get(left[0].id))
    assert (
        "**Typed at decision 1, in their own words, with no line picked after it:** "
        "What has this week been like?"
    ) in text, text
    assert "opened and left before a line was said" in text


@pytest.mark.parametrize("way", ["fresh", "resume"])
async def test_words_typed_just_before_the_app_closes_are_kept(way) -> None:
    """Words go to the record a moment after typing stops (DRAFT_PAUSE); the app closed
    sooner (ctrl+q, a SIGTERM or SIGHUP, a browser tab closed) lost them with the timer:
    'second words' typed, F2, the terminal closed, and the resumed box was empty
    (adversarial-33). The box gives what it holds when it goes."""
    from sim.records import Store

    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await _at_a_decision(app, pilot, way)
        play.query_one("#own-words-input", Input).value = "typed just now"
        await pilot.pause()  # the Changed event, well inside DRAFT_PAUSE
        app.exit()  # what a signal or a closed tab does
        await pilot.pause()
    (run,) = Store.open().runs()
    assert run.progress.get("draft") == "typed just now", run.progress


async def test_letters_the_box_took_before_a_signal_are_kept_whatever_is_still_queued() -> None:
    """A burst typed as SIGTERM or SIGHUP came: the box had taken 577 characters, but the
    draft kept with the run was 372 (adversarial-37, tmux): the box's Changed messages
    were still queued behind the keys when it went, and the draft was the last one
    handled. What the box holds as it goes is what is kept."""
    from sim.records import Store

    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await _at_a_decision(app, pilot, "fresh")
        box = play.query_one("#own-words-input", Input)
        box.value = "typed first"
        await pilot.pause()
        box.value = "typed first, and more the moment the signal came"
        app.exit()  # in the same turn: no Changed of the last letters handled
        await pilot.pause()
    (run,) = Store.open().runs()
    assert run.progress.get("draft") == "typed first, and more the moment the signal came"


async def test_keys_read_before_a_signal_reach_the_box_before_the_app_closes() -> None:
    """Textual's input thread reads a burst far faster than the box takes it: a SIGTERM
    0.15 s into 1,800 characters typed in one write closed the app with 1,220 of them
    read and still on their way, and 580 kept (adversarial-37, tmux). A signal now
    closes once the keys already read are taken (bounded by INPUT_GRACE)."""
    import signal
    import time

    from textual import events

    from sim.records import Store

    app = make_app(own_words=True)
    words = "keys read before the signal and still on their way to the box"
    async with app.run_test(size=(100, 30)) as pilot:
        play = await _at_a_decision(app, pilot, "fresh")
        play.query_one("#own-words-input", Input).focus()
        await pilot.pause()
        driver, loop = app._driver, asyncio.get_running_loop()

        def read(ch: str) -> None:  # the input thread passing on a key it has read
            driver.last_input = time.monotonic()
            driver.process_message(events.Key("space" if ch == " " else ch, ch))

        for i, ch in enumerate(words):
            loop.call_later(0.003 * i, read, ch)
        await asyncio.sleep(0.01)
        app._on_signal(signal.SIGTERM)
        for _ in range(150):
            await asyncio.sleep(0.02)
            if app._exit:
                break
    assert app.return_code == 128 + signal.SIGTERM
    (run,) = Store.open().runs()
    assert run.progress.get("draft") == words, run.progress.get("draft")


async def test_letters_typed_behind_the_one_that_brought_the_words_back_keep_their_order() -> None:
    """At the lines, a letter brings the words back into the box; the letters typed right
    behind it reach the box partly straight and partly late, sent on by the widget that
    had the keys, and the late ones out of order among themselves. Served to a browser,
    "words before the signal" typed at its pace was kept as "wdsor before the signal"
    (adversarial-33, Chromium). Each letter goes by when it was typed."""
    import time

    from textual import events

    from sim.tui.widgets.own_words import WordsInput

    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        await type_words(pilot, play, "")  # Enter twice: on without words, the lines show
        assert play.query_one(ChoiceList).display
        keys = {}
        for ch in "words b":  # typed in this order, a moment apart
            keys[ch if ch != " " else "space"] = events.Key("space" if ch == " " else ch, ch)
            time.sleep(0.002)
        box = play.query_one(WordsInput)
        assert play.type_ahead(keys["w"])  # the words come back in the box, with the w
        assert play.type_ahead(keys["d"]) and play.type_ahead(keys["s"])  # late, first
        box.post_message(keys["space"])  # straight to the box, now it has the keys
        box.post_message(keys["b"])
        await pilot.pause()
        assert play.type_ahead(keys["o"]) and play.type_ahead(keys["r"])  # late, last
        await pilot.pause()
        assert box.value == "words b"
        await pilot.press("e")  # typing goes on at the end
        assert box.value == "words be" and box.cursor_position == len("words be")


def _one_write(text: str) -> list:
    """The key events one write of `text` makes, read as the terminal driver reads it (each
    event stamped with its time as it is parsed, in the order typed)."""
    from textual import events

    from sim.tui.paste import guarded_parser

    try:
        from textual._xterm_parser import XTermParser
    except ImportError:  # pragma: no cover - a Textual without it: the test says so
        pytest.fail("textual._xterm_parser.XTermParser moved (tests/tui/test_textual_internals)")
    keys = [e for e in guarded_parser(XTermParser)().feed(text) if isinstance(e, events.Key)]
    assert "".join(k.character or "" for k in keys) == text
    return keys


async def test_a_burst_of_5000_characters_in_one_write_keeps_its_first_words_in_order() -> None:
    """tmux send-keys of 5,000 characters at the lines (the words sent): the first letter
    brings the words back, the letters of the write's first read wait in the choices' queue
    and reach the box late, while those of the next reads go straight in and filled the box
    first. The late ones were refused as too many: a run of the middle lost, the box holding
    words typed after it (adversarial-35, tmux). The box keeps the first letters typed."""
    from sim.cues import MAX_WORDS
    from sim.tui.widgets.own_words import WordsInput

    text = "".join(f"{n:04d} " for n in range(1000))
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        play = await open_talk(app, pilot)
        box = play.query_one(WordsInput)
        box.value = "hi"
        await pilot.press("enter")  # the words sent: the lines show
        assert play.query_one(ChoiceList).display
        keys = _one_write(text)
        first, late, straight = keys[0], keys[1:300], keys[300:]
        assert play.type_ahead(first)  # the words come back in the box, with the letter
        for key in straight:  # the later reads, straight to the box (it has the keys now)
            box.post_message(key)
        await pilot.pause()
        assert len(box.value) == MAX_WORDS  # full, with the letters typed last
        for key in late:  # the first read, bubbled up from the choices' queue
            assert play.type_ahead(key)
        await pilot.pause()
        assert box.value == ("hi" + text)[:MAX_WORDS]
        assert box.cursor_position == MAX_WORDS


async def test_a_burst_in_one_write_as_the_box_opens_is_kept_in_order() -> None:
    """The Enter that reads on to a decision and 5,000 characters in one write, all sent to
    the app before the box has the focus, and so all late: the first 2,000, in order."""
    from sim.cues import MAX_WORDS
    from sim.tui.widgets.own_words import WordsInput
    from tests.tui.helpers import deliver

    text = "".join(f"{n:04d} " for n in range(1000))
    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "enter")
        assert screen_name(app) == "ContentNotes"
        deliver(app, "enter")
        for key in _one_write(text):
            key.set_sender(app)
            app._driver.send_message(key)
        await pilot.pause()
        box = app.screen.query_one(WordsInput)
        for _ in range(500):  # until all 5,000 have bubbled up from the choices' queue
            await pilot.pause(0.02)
            if len(box.value) == MAX_WORDS:
                break
        assert box.value == text[:MAX_WORDS]


async def test_closing_with_keys_of_a_burst_still_on_their_way_is_a_clean_exit() -> None:
    """The app closed (ctrl+q, a signal) while keys of a burst were still bubbling up from
    the choices' queue: Textual met them with no screen left, and the app ended in
    ScreenStackError's traceback (adversarial-35)."""
    from tests.tui.helpers import deliver

    app = make_app(own_words=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await ready(app, pilot)
        await pilot.press("down", "enter")
        deliver(app, "enter")
        for key in _one_write("".join(f"{n:04d} " for n in range(1000))):
            key.set_sender(app)
            app._driver.send_message(key)
        await asyncio.sleep(0.3)  # a moment: most keys still on their way
        app.exit(return_code=143)
    assert app.return_code == 143
