"""Invisible characters: one rule per kind of text, the same in every output, and named.

- A name (a path, an id, a typed word) is quoted when a blank at its edge (or, among
  other words, inside it) would not show: one helper, `sim.text.shown_name`, where
  argparse's echo, `list` and every path message each had their own copy.
- Prose (what a scenario says) loses the characters with no job in it and reads its
  line and paragraph separators as line breaks, in the plain player as in the app and
  the exports; the plain player printed them as `\\u200b`, which a screen reader spells.
- A message about such a character says what it is: a right-to-left override in a
  principle id was "a control character".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.prose import clean_prose
from sim.text import clean, shown_name
from tests.core.test_hostile_files import GOOD, assert_safe, run_main

MINI = (Path(__file__).parent / "fixtures" / "mini.toml").read_text(encoding="utf-8")


# -- a name with edges no one can see: one rule ---------------------------------------


@pytest.mark.parametrize(
    ("name", "spaced", "said"),
    [
        ("notes.toml", False, "notes.toml"),
        ("my notes/x.toml", False, "my notes/x.toml"),  # a path: only its edges
        ("my notes", True, "'my notes'"),  # among words: any blank
        ("1 ", False, "'1 '"),
        ("", False, "''"),
        (" it's", False, '" it\'s"'),
        ("a\nb", False, "a\\nb"),
        ("\u3164ann", False, "\\u3164ann"),  # a letter that draws as a blank is shown
    ],
)
def test_one_rule_quotes_a_name_whose_blank_would_not_show(name, spaced, said):
    assert shown_name(name, spaced=spaced) == said


def test_argparse_list_and_paths_quote_the_same_name_alike(tmp_path, monkeypatch):
    # each site had its own copy: `list` always used ' and so printed ' it's': ...
    odd = " it's"
    (tmp_path / f"{odd}.toml").write_text(MINI, encoding="utf-8")
    code, out = run_main(["list", str(tmp_path)])
    assert_safe(out)
    assert out.startswith('" it\'s": Mini'), out

    code, out = run_main(["runs", odd])
    assert code == 2 and out.strip().endswith('unrecognized arguments: " it\'s"'), out

    monkeypatch.chdir(tmp_path)
    code, out = run_main(["runs", "--data-dir", odd])
    assert code != 0 and '--data-dir " it\'s": no such folder' in out, out


# -- prose: the same text in every output -------------------------------------------------

_HIDDEN = "\u200b\u200e\u200f\u061c\u2060\ufeff\u00ad"


def test_prose_loses_what_has_no_job_and_breaks_where_its_separators_are():
    assert clean("Hi\u200bthere.\u2028Next\u0085line.\u2029New para.") == (
        "Hithere.\nNext\nline.\n\nNew para."
    )
    assert clean("".join(f"w{ch}" for ch in _HIDDEN)) == "w" * len(_HIDDEN)
    family = "\U0001f469\u200d\U0001f469\u200d\U0001f467"  # the joiners stay
    assert clean(family + "\u200c") == family + "\u200c"


@pytest.mark.parametrize("char", ["\u202a", "\u202e", "\u2066", "\u2069", "\x1b[1m", "\x07"])
def test_prose_never_makes_two_words_one(char):
    """A direction override or isolate between two words was removed with the words
    joined: "feel\u2066fine" played as "feelfine" (adv30b). What sits inside a word by
    nature (soft hyphen, zero-width space, word joiner) still goes without a trace."""
    assert clean_prose(f"I feel{char}fine today.") == "I feel fine today."
    assert clean_prose(f"I feel {char}fine{char}.") == "I feel fine."
    assert clean_prose(f"{char}Sam{char}'s turn") == "Sam's turn"
    assert clean_prose("recov\u00adery wo\u2060rd") == "recovery word"
    # what a trainee pastes keeps its word whole: the escape is where it came from
    assert clean(f"fine{char}ly") == "finely"


def _hostile_prose() -> str:
    text = MINI.replace(
        'text = "Hi."', 'text = "Hi\\u200bthere.\\u2028Next line.\\u2029Hello \\u200eagain\\u00ad."'
    )
    text = text.replace('say = "You made it in."', 'say = "You made\\u2060 it\\ufeff in."')
    return text.replace('text = "It went well."', 'text = "It\\u200f went\\u2028well."')


def test_the_plain_player_and_the_exports_show_no_invisible_character(tmp_path):
    path = tmp_path / "inv.toml"
    path.write_text(_hostile_prose(), encoding="utf-8")
    code, out = run_main(["play", str(path), "--choices", "1,1,1"])
    assert code == 0, out
    lines = out.splitlines()
    # neither spelt (\u200b, read aloud by a screen reader) nor kept raw
    assert "\\u" not in out and not any(ch in out for ch in _HIDDEN + "\u2028\u2029"), out
    assert "  Hithere." in lines and "  Next line." in lines and "  Hello again." in lines
    assert "  1. You made it in." in lines
    for form in ("md", "json", "xapi"):
        code, exported = run_main(["export", "last", "--format", form])
        assert code == 0, exported
        assert "made it in" in exported and "\\u200" not in exported.lower(), form
        assert not any(ch in exported for ch in _HIDDEN + "\u2028\u2029"), form


def test_a_name_still_shows_its_invisible_character(tmp_path):
    # names keep the other rule: 'good\u200b' must not read as good
    (tmp_path / "visit\u200b.toml").write_text(GOOD, encoding="utf-8")
    code, out = run_main(["list", str(tmp_path)])
    assert "visit\\u200b.toml" in out and "a zero-width space (U+200B) after 'visit'" in out


# -- messages say what the character is ---------------------------------------------------


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "sc.toml"
    path.write_text(text, encoding="utf-8")
    code, out = run_main(["check", str(path)])
    assert code == 1 and "Traceback" not in out, out
    assert_safe(out)
    return [line for line in out.splitlines() if ": error: " in line]


RLO_WORDS = "a right-to-left override (U+202E, invisible; it changes the direction text runs in)"
PRINCIPLE = 'principles = { active-listening = "honours" }\nwhy = "A reflection'


@pytest.mark.parametrize(
    ("written", "fix"),
    [
        ("\\u202e", "take the escape \\u202e out of it"),
        ("\u202e", "it cannot be seen, so delete it and type it again"),
    ],
)
def test_a_right_to_left_override_in_a_principle_id_is_named(tmp_path, written, fix):
    text = MINI.replace(
        PRINCIPLE, PRINCIPLE.replace("active-listening", f'"active{written}-listening"')
    )
    [error] = _problems(tmp_path, text)
    assert "control character" not in error
    assert f"holds {RLO_WORDS} after 'active'" in error, error
    assert f"{fix}, e.g. 'active-listening'" in error, error


@pytest.mark.parametrize(
    ("char", "named"),
    [
        ("\\u200b", "a zero-width space (U+200B)"),
        ("\\u200e", "a left-to-right mark (U+200E, invisible; it changes the direction"),
        ("\\u2028", "a line separator (U+2028)"),
        ("\\u001b", "an ESC character (U+001B)"),
    ],
)
def test_an_invisible_character_in_a_scene_name_is_one_error_that_fixes_it(tmp_path, char, named):
    # a zero-width space or LRM in [scenes."mid...dle"] was two errors, one of them telling
    # the author to rename the right header; an ESC was "a control character"
    text = MINI.replace("[scenes.middle]", f'[scenes."mid{char}dle"]')
    [error] = _problems(tmp_path, text)
    assert "the name 'mid" in error and f"holds {named}" in error, error
    assert f"take the escape {char} out of it, e.g. 'middle'" in error, error
    fixed = tmp_path / "fixed.toml"
    fixed.write_text(text.replace(char, ""), encoding="utf-8")
    assert run_main(["check", str(fixed)])[0] == 0


def test_a_value_keeps_the_tail_of_a_colour_code_in_its_fix_but_not_a_letter(tmp_path):
    [error] = _problems(tmp_path, MINI.replace('goto = "middle"', 'goto = "mid\\u001b[2Jdle"', 1))
    assert "take the escape \\u001b and the '[2J' it starts out of it, e.g. 'middle'" in error
    [error] = _problems(tmp_path, MINI.replace('goto = "middle"', 'goto = "mid\\u001bdle"', 1))
    assert "take the escape \\u001b out of it, e.g. 'middle'" in error, error


def test_a_file_name_names_its_hidden_character(tmp_path):
    (tmp_path / "a\u202eb.toml").write_text(GOOD, encoding="utf-8")
    code, out = run_main(["check", str(tmp_path)])
    assert f"the file name holds {RLO_WORDS} after 'a'" in out, out


@pytest.mark.parametrize(
    "argv",
    [
        ["sync", "--lrs", "http://ho\u202est/x"],
        ["identity", "--email", "a\u202eb@example.org"],
        ["identity", "--name", "Sam\u202eRivera"],
        ["runs", "--trainee", "Sam\u202eRivera"],  # "Letters, digits, ... only, please."
        ["serve", "--public-url", "http://ho\u202est/", "--port", "9449"],
    ],
)
def test_urls_addresses_and_names_name_the_override(argv):
    code, out = run_main(argv)
    assert code != 0 and RLO_WORDS in out, out
    assert "space or a control character" not in out


# -- a title is one line -------------------------------------------------------------------


@pytest.mark.parametrize("brk", ["\\n", "\\u2028", "\\r\\n", "\\u0085"])
def test_a_line_break_in_a_title_forges_no_line_of_list(tmp_path, brk):
    # 'title = "Mini\\nBROKEN /etc/passwd: ..."' put a BROKEN line of its own under the real one
    text = MINI.replace('title = "Mini"', f'title = "Mini{brk}BROKEN /etc/passwd: 1 problem(s)"')
    text = text.replace('name = "Kim"', f'name = "Kim{brk}You:"')
    (tmp_path / "nl.toml").write_text(text, encoding="utf-8")
    code, out = run_main(["list", str(tmp_path)])
    assert code == 0 and not any(line.startswith("BROKEN") for line in out.splitlines()), out
    assert "nl: Mini BROKEN /etc/passwd: 1 problem(s) (2 min" in out, out
    code, out = run_main(["play", str(tmp_path / "nl.toml"), "--choices", "1,1,1"])
    assert "Kim You:" in out, out


@pytest.mark.parametrize("brk", ["\\n", "\\u2028", "\\r\\n"])
def test_a_line_break_in_a_choice_is_one_line_everywhere(tmp_path, brk):
    # the app drew the choice over two lines, the plain player's numbered list folded it
    from sim.loading import load_scenario

    text = MINI.replace('say = "You made it in."', f'say = "You made it in.{brk}2. Leave now"')
    (tmp_path / "nl.toml").write_text(text, encoding="utf-8")
    said = load_scenario(tmp_path / "nl.toml").scenes["hello"].choices[0].say
    assert said == "You made it in. 2. Leave now"  # what the app's list and debrief show
    code, out = run_main(["play", str(tmp_path / "nl.toml"), "--choices", "1,1,1"])
    assert_safe(out)
    assert "  1. You made it in. 2. Leave now" in out, out
    assert "You:\n  You made it in. 2. Leave now" in out, out
    assert not any(line.startswith("2. Leave") for line in out.splitlines())


def test_a_line_break_in_a_content_note_is_one_line(tmp_path):
    # each note is an item of the list shown before play ("overdose; opioid use")
    from sim.loading import load_scenario

    text = MINI.replace("minutes = 2", 'minutes = 2\ncontent_notes = ["overdose\\nFAKE: x", "b"]')
    (tmp_path / "cn.toml").write_text(text, encoding="utf-8")
    assert load_scenario(tmp_path / "cn.toml").content_notes == ("overdose FAKE: x", "b")


# -- text of invisible characters alone: refused as empty text is (adv26) --------------

BLANKS = [
    ("\\u200b\\u200c", "a zero-width non-joiner (U+200C)"),  # the space is cleaned out first
    ("\\ufe0f\\ufe0f", "(U+FE0F)"),
    ("\u3164", "a letter that shows as blank space (U+3164)"),  # raw in the file, no escape
    ("\u2800 \u2800", "a letter that shows as blank space (U+2800)"),
    ("\\u0301", "(U+0301)"),
    ("\\U000e0041\\U000e0042", "(U+E0041)"),
]


@pytest.mark.parametrize(("written", "named"), BLANKS)
@pytest.mark.parametrize(
    ("original", "key"),
    [('title = "Mini"', "title"), ('name = "Kim"', "name"), ('text = "Hi."', "text"),
     ('say = "You made it in."', "say")],
)  # fmt: skip
def test_a_title_name_line_or_text_that_shows_nothing_is_an_error(
    tmp_path, written, named, original, key
):
    # they passed every emptiness check (none is a space) and showed as a blank title in
    # the library, a speaker with no name, a choice with nothing on it
    field = original.split(" = ")[0]
    [error] = _problems(tmp_path, MINI.replace(original, f'{field} = "{written}"', 1))
    assert f"{key}: {key} holds no character a reader can see" in error, error
    assert named in error and f"{key} would show as blank" in error, error


@pytest.mark.parametrize(
    "text", ["Zoë", "👍🏽", "👩\u200d👧", "\u0915\u094d\u0937", "李", "\u2801", "a\u3164"]
)
def test_text_with_one_character_that_shows_is_kept(tmp_path, text):
    path = tmp_path / "sc.toml"
    path.write_text(MINI.replace('name = "Kim"', f'name = "{text}"', 1), encoding="utf-8")
    assert run_main(["check", str(path)])[0] == 0


# -- check names what play removes from a text (adv30b) -----------------------------------


@pytest.mark.parametrize(
    ("written", "code", "fix"),
    [
        ("\\u2066", "U+2066", "take the escape \\u2066 out of the text"),
        ("\u202e", "U+202E", "delete the words around it (after 'I feel') and type them again"),
        ("\\u00ad", "U+00AD", "take the escape \\u00ad out of the text"),
        ("\\u0007", "U+0007", "take the escape \\u0007 out of the text"),
    ],
)
def test_check_warns_of_a_hidden_character_in_a_text_and_play_keeps_the_words_apart(
    tmp_path, written, code, fix
):
    """A bidi override or isolate, a control or an invisible format character in a text
    passed `check` clean, and play removed it joining the words either side (adv30b)."""
    path = tmp_path / "bidi.toml"
    path.write_text(MINI.replace('text = "Hi."', f'text = "I feel{written}fine today."'), "utf-8")
    code_, out = run_main(["check", str(path)])
    assert code_ == 0, out
    [said] = [line for line in out.splitlines() if "warning:" in line]
    assert f"bidi.toml:{_line(path)}:" in said and "scenes.hello.text" in said, said
    assert code in said and "after 'I feel'" in said and fix in said, said
    if code == "U+00AD":  # a name Unicode gives it, where peer-sim has none of its own
        assert "SOFT HYPHEN" in said
    code_, out = run_main(["play", str(path), "--choices", "1,1,1"])
    assert code_ == 0, out
    want = "I feelfine today." if code == "U+00AD" else "I feel fine today."
    assert f"  {want}" in out.splitlines(), out
    fixed = tmp_path / "fixed.toml"
    fixed.write_text(path.read_text("utf-8").replace(written, " "), "utf-8")
    code_, out = run_main(["check", "--strict", str(fixed)])
    assert code_ == 0 and "0 warning(s); 1 clean" in out, out


def _line(path: Path) -> int:
    lines = path.read_text("utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "I feel" in line)
