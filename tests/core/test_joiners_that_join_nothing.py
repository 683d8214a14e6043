"""A zero-width joiner or skin tone that joins no emoji is taken out of text (adv44).

Screens are laid out by Rich's and Textual's width rule, which takes a joiner to join
the next character into the one before it, whatever they are: "H\u200di\u200d there..."
measured one cell wide. A terminal draws each letter, so the app showed a scene's text
as "H‍i‍ ‍t‍h‍e" and the rest never reached the screen (tmux, 100x30); five skin tones
alone measured no cells at all. Between two emoji the joiner makes one picture (a
family, a rainbow flag) and stays; elsewhere it goes, and `check` says so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.cells import cell_len

from sim.cli import main
from sim.text import clean, clean_line, shown

MINI = (Path(__file__).parent / "fixtures" / "mini.toml").read_text("utf-8")
ZWJ = "\u200d"


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        (ZWJ.join("Hi there"), "Hi there"),
        ("a\U0001f3fbb", "ab"),  # a skin tone after a letter
        ("\U0001f3fb" * 5, ""),  # tones alone
        ("\u0915\u094d\u200d\u0937", "\u0915\u094d\u0937"),
        ("x\u200d👍 and 👍\u200dx", "x👍 and 👍x"),
        ("👩\u200d👩\u200d👧 family", "👩\u200d👩\u200d👧 family"),
        (
            "🏳\ufe0f\u200d🌈 👨🏽\u200d💻 👍🏽 ❤\ufe0f\u200d🔥",
            "🏳\ufe0f\u200d🌈 👨🏽\u200d💻 👍🏽 ❤\ufe0f\u200d🔥",
        ),
        ("👩\u200d", "👩\u200d"),  # typed key by key: the next emoji has yet to come
    ],
)
def test_a_joiner_stays_between_emoji_only(written, kept):
    assert clean(written) == kept and clean_line(written) == kept


def test_text_joined_by_joiners_is_laid_out_at_its_full_width(tmp_path):
    from textual.content import Content

    from sim.loading import load_scenario

    words = "Hi there, how are you today? I need to talk."
    path = tmp_path / "joined.toml"
    path.write_text(MINI.replace('text = "Hi."', f'text = "{ZWJ.join(words)}"'), "utf-8")
    text = load_scenario(path).scenes["hello"].text
    assert text == words
    assert Content(text).cell_length == cell_len(text) == len(words)


def test_check_names_a_joiner_that_joins_no_emoji(tmp_path, capsys):
    path = tmp_path / "joined.toml"
    path.write_text(MINI.replace('name = "Kim"', f'name = "{ZWJ.join("Kim")}"'), "utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "characters.kim.name:" in out and "hidden-in-text" not in out.split(":", 1)[0]
    assert "a zero-width joiner (U+200D) that joins no two emoji after 'K'" in out, out
    assert "a joiner belongs between two emoji" in out and "shows a space" not in out


def test_a_name_shows_a_joiner_that_joins_no_emoji_as_an_escape():
    assert shown(f"a{ZWJ}b.toml") == "a\\u200db.toml"
    assert shown(f"👩{ZWJ}👧.toml") == f"👩{ZWJ}👧.toml"
    assert shown("a\u200cb") == "a\u200cb"  # the non-joiner is spelling (Persian)


def test_check_names_a_skin_tone_after_no_emoji_by_its_escape_as_written(tmp_path, capsys):
    path = tmp_path / "tone.toml"
    path.write_text(MINI.replace('name = "Kim"', 'name = "Kim\\U0001F3FB"'), "utf-8")
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "a skin tone (U+1F3FB) that follows no emoji after 'Kim'" in out, out
    # the escape as the file spells it, so a search for it finds it
    assert "take the escape \\U0001F3FB out of the text" in out, out
