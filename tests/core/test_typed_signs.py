"""A number's sign typed the way a word processor or a habit writes it.

`trust = –4` (an en dash, or U+2212, for '-') was told "this value is not valid TOML
(put text in double quotes ...)", which sends an author to check quotes that are fine:
the dash looks like '-' on screen. Each test follows the hint and loads the result.
"""

from __future__ import annotations

import re

import pytest

from tests.core.test_author_messages import MINI, loads, only

LINE = "trust = -25\n"


@pytest.mark.parametrize("dash", ["\u2013", "\u2212", "\u2014"])
def test_a_typographic_dash_before_a_number_is_named_and_the_fix_loads(tmp_path, dash):
    text = MINI.replace(LINE, f"trust = {dash}25\n", 1)
    p = only(tmp_path, text)
    assert f"'{dash}'" in p.message and "minus" in p.message
    assert "double quotes" not in p.hint
    assert p.line == text.splitlines().index(f"trust = {dash}25") + 1
    assert p.column == len("trust = ") + 1
    fixed = re.search(r"write (.*)$", p.hint).group(1)
    assert fixed == "trust = -25"
    scenario = loads(tmp_path, text.replace(f"trust = {dash}25", fixed))
    assert scenario.scenes["hello"].choices[1].trust == -25


def test_a_comment_after_the_number_is_kept_in_the_fix(tmp_path):
    text = MINI.replace(LINE, "trust = \u201325   # a big drop\n", 1)
    p = only(tmp_path, text)
    assert p.hint.endswith("write trust = -25   # a big drop")


def test_a_space_after_the_sign_is_named(tmp_path):
    text = MINI.replace("trust = 10\n", "trust = + 10\n", 1)
    p = only(tmp_path, text)
    assert "space" in p.message and "'+'" in p.message
    assert p.hint == "write trust = +10"
    loads(tmp_path, text.replace("trust = + 10", "trust = +10"))


def test_a_dash_in_text_is_no_problem(tmp_path):
    text = MINI.replace('text = "Hi."', 'text = "Hi \u2013 4 of us came."')
    assert loads(tmp_path, text).scenes["hello"].text == "Hi \u2013 4 of us came."
