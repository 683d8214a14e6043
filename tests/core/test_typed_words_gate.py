"""Typed words go through the gate's one rule for prose, in the plain player as in the app.

Each control character of a typed or pasted answer became a space, so a pasted colour
code `ESC [31m` left the visible text "[31m" among the trainee's words in the plain
player (and in the run's record), while the app's box, which cleans with the gate,
dropped the sequence whole. Now both read typed words with `sim.text.clean_line`:
an escape sequence goes whole, characters with no job go, line breaks and tabs are spaces.
"""

from __future__ import annotations

import pytest

from sim.cues import clean_words
from sim.text import shown
from sim.tui.widgets.plain_input import plain_value
from tests.core.test_hostile_files import assert_safe, run_main

PASTES = [
    ("you \x1b[31mshould\x1b[0m go", "you should go"),  # a colour code, whole
    ("so \x1b]0;title\x07you feel", "so you feel"),  # a window title (OSC ... BEL)
    ("so \x1b]52;c;b3duZWQ=\x1b\\you feel", "so you feel"),  # the clipboard (OSC ... ST)
    ("it \x9b31msounds hard", "it sounds hard"),  # CSI spelt with one C1 character
    ("it \x1bP1$r\x1b\\sounds hard", "it sounds hard"),  # a DCS string
    ("what\u200b would\u00ad help?", "what would help?"),  # invisible, no job in prose
    ("\u202eplh ot tahw", "plh ot tahw"),  # a direction override
    ("first line\nsecond\u2028third\tend", "first line second third end"),
    ("\U0001f469\u200d\U0001f469\u200d\U0001f467 my family", None),  # joiners kept
]


@pytest.mark.parametrize(("typed", "kept"), PASTES)
def test_typed_words_lose_an_escape_sequence_whole(typed, kept):
    kept = typed if kept is None else kept
    assert clean_words(typed) == kept
    # the app's box keeps the same words (it does not collapse blanks while one types)
    assert " ".join(plain_value(typed).split()) == kept
    assert shown(clean_words(typed)) == clean_words(typed)


def test_the_plain_player_echoes_no_tail_of_a_colour_code(tmp_path):
    # "You wrote: “[31mit sounds hard”" was printed and kept in the record
    data = str(tmp_path / "data")
    answers = "\n" + "\x1b[31mit sounds hard\x1b[0m\n1\n\n" * 4
    code, out = run_main(
        ["--data-dir", data, "play", "first-meeting", "--plain", "--own-words"], stdin=answers
    )
    assert_safe(out)
    assert "You wrote: “it sounds hard”" in out, out[-2000:]
    # only ever as a visible escape, where an answer is refused and quoted as typed
    assert "[31m" not in out.replace("\\x1b[31m", "")
