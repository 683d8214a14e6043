"""A word written without its quotes: `goto = middle`, `difficulty = introductory`.

A trainer new to TOML writes a name or a sentence bare, as in a form. tomli says
"Invalid value" and the hint was a lesson in general ("put text in double quotes
(\"like this\"), numbers bare (8, -6), true/false bare"), naming neither the key nor
the fix. Now the hint is the line as it should read; each test follows it and loads.
"""

from __future__ import annotations

import pytest

from tests.core.test_author_messages import MINI, loads, only


def _fix(hint: str) -> str:
    assert hint.startswith("write "), hint
    return hint.removeprefix("write ")


@pytest.mark.parametrize(
    ("right", "wrong"),
    [
        ('goto = "middle"', "goto = middle"),
        ('difficulty = "introductory"', "difficulty = introductory"),
        ('speaker = "kim"', "speaker = kim   # who speaks"),
        ('say = "You made it in."', "say = You made it in."),
        (
            'principles = { active-listening = "honours" }',
            "principles = { active-listening = honours }",
        ),
        ('sets = ["reflected"]', "sets = [reflected]"),
    ],
)
def test_the_hint_is_the_line_with_its_quotes(tmp_path, right, wrong):
    text = MINI.replace(right, wrong, 1)
    p = only(tmp_path, text)
    assert p.line == MINI.splitlines().index(right) + 1
    assert "double quotes" in p.message
    assert _fix(p.hint) == right
    loads(tmp_path, text.replace(wrong, _fix(p.hint), 1))


def test_every_bare_word_of_a_list_or_table_is_quoted_at_once(tmp_path):
    right = 'principles = { empowerment = "undermines", active-listening = "undermines" }'
    wrong = "principles = { empowerment = undermines, active-listening = undermines }"
    text = MINI.replace(right, wrong, 1)
    p = only(tmp_path, text)
    assert _fix(p.hint) == right
    right = 'trains = ["active-listening", "empowerment"]'
    p = only(tmp_path, MINI.replace(right, 'trains = ["active-listening", empowerment]'))
    assert _fix(p.hint) == right


def test_a_word_with_a_quote_in_it_gets_no_line_to_copy(tmp_path):
    # `say = He said "hi"` quoted whole would not parse: the general advice stays
    text = MINI.replace('say = "You made it in."', 'say = He said "hi" to you.', 1)
    p = only(tmp_path, text)
    assert not p.hint.startswith("write say =")


@pytest.mark.parametrize(
    ("right", "wrong"),
    [("trust = 10", "trust = ten"), ("minutes = 2", "minutes = two")],
)
def test_a_word_where_a_number_goes_is_not_told_to_take_quotes(tmp_path, right, wrong):
    p = only(tmp_path, MINI.replace(right, wrong, 1))
    assert '"ten"' not in p.hint and '"two"' not in p.hint
    assert "numbers bare" in p.hint


def test_a_reflection_with_its_when_beside_it_is_told_to_take_braces(tmp_path):
    # the README's form is { text = "...", when = { ... } }; written without the braces
    # the general advice said to quote the text, which already was
    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = [\n  "What did Kim want?",\n'
        '  "You reflected first.", when = { flags = ["reflected"] },\n]',
    )
    p = only(tmp_path, text)
    assert (
        p.line
        == text.splitlines().index('  "You reflected first.", when = { flags = ["reflected"] },')
        + 1
    )
    fix = _fix(p.hint)
    assert fix == '{ text = "You reflected first.", when = { flags = ["reflected"] } }'
    fixed = loads(
        tmp_path,
        text.replace('"You reflected first.", when = { flags = ["reflected"] }', fix),
    )
    assert fixed.debrief.reflect[1].when.flags == ("reflected",)
