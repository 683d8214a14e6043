"""argparse's own refusals quote what was typed: each word shown as the rest of peer-sim shows it.

argparse joins the words it did not recognise raw ("unrecognized arguments: -o /proc/ZQ "
hid the space), quotes a whole `--st=VALUE` in "ambiguous option", and an invalid choice
however long it is. A newline in any of them put a line of the caller's on the terminal.
"""

from __future__ import annotations

import pytest

from tests.core.test_hostile_files import assert_safe, run_main


def refusal(argv: list[str]) -> str:
    code, out = run_main(argv)
    assert code == 2, out
    assert_safe(out)
    return out.strip().splitlines()[-1]


def test_a_stray_word_with_a_blank_edge_is_quoted() -> None:
    line = refusal(["runs", "-o", "/proc/ZQ "])
    assert "unrecognized arguments: -o '/proc/ZQ ' (-o is an option of" in line


@pytest.mark.parametrize(
    ("word", "said"),
    [
        ("a\nFAKE LINE", "'a\\nFAKE LINE'"),
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("x\u202ey", "x\\u202ey"),
        ("two words", "'two words'"),
        ("", "''"),
        ("it's ", '"it\'s "'),
    ],
)
def test_stray_words_are_one_line_each_visible(word: str, said: str) -> None:
    line = refusal(["runs", word])
    assert line.endswith(f"unrecognized arguments: {said}"), line


def test_many_or_long_stray_words_are_cut() -> None:
    line = refusal(["runs", *map(str, range(30))])
    assert line.endswith("unrecognized arguments: 0 1 2 3 4 5 6 7 and 22 more"), line
    line = refusal(["runs", "x" * 5000])
    assert len(line) < 200 and line.endswith("…"), line


def test_the_word_in_an_ambiguous_option_is_quoted_on_one_line() -> None:
    line = refusal(["check", "--st= \nFAKE LINE\x1b[2J", "x"])
    assert "ambiguous option: '--st= \\nFAKE LINE\\x1b[2J' could match --strict, --stats" in line


def test_a_long_invalid_choice_is_cut() -> None:
    line = refusal(["export", "1", "--format", "x" * 5000])
    assert len(line) < 250, line
    assert line.endswith("…' (choose from 'md', 'json', 'xapi')"), line
    line = refusal(["y" * 500])  # a command
    assert len(line) < 400 and "is not a command" in line, line
    assert "peer-sim play" not in line  # no command line made of a cut name


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        # the library option is the program's: it goes before the command, with its DIR
        (
            ["export", "last", "--scenarios", "extra"],
            "(--scenarios goes before the command: peer-sim --scenarios DIR export ...)",
        ),
        # an option of other commands names them, with the value it takes
        (["list", "--slips", "2"], "as in peer-sim test PATH --slips N)"),
        (
            ["export", "last", "--mode", "assessment"],
            "as in peer-sim play SCENARIO --mode {practice,assessment})",
        ),
        (["runs", "--watch"], "as in peer-sim play SCENARIO --watch)"),
    ],
)
def test_an_option_in_the_wrong_place_is_shown_where_it_goes(argv, said) -> None:
    """`export last --scenarios DIR` was told "--scenarios is an option of `peer-sim list`
    ..., as in peer-sim list PATH --scenarios": another command, and no DIR."""
    assert refusal(argv).endswith(said)
