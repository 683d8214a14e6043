"""Habits from code in a scenario file: `//` comments, `>=` in a condition, `==`.

Each was told a symptom ("Expected newline or end of document", "a key has no '='
after it" where the '=' is right there, "put text in double quotes"). Each test
follows the hint and parses (or loads) the result.
"""

from __future__ import annotations

import tomli

from tests.core.test_author_messages import MINI, loads, only


def _fix(hint: str) -> str:
    assert hint.startswith("write "), hint
    return hint.removeprefix("write ")


def test_a_slash_comment_after_a_header_is_told_to_start_with_a_hash(tmp_path):
    text = MINI.replace("[meters]\n", "[meters]   // where the meters start\n")
    p = only(tmp_path, text)
    assert p.line == 10 and p.column == len("[meters]   ") + 1
    assert "#" in p.message and "Expected newline" not in p.message
    fixed = text.replace("[meters]   // where the meters start", _fix(p.hint))
    assert loads(tmp_path, fixed).meters.trust == 50


def test_a_slash_comment_on_its_own_line_and_inside_text(tmp_path):
    text = MINI.replace("[meters]\n", "// the meters\n[meters]\n")
    p = only(tmp_path, text)
    assert p.column == 1 and _fix(p.hint) == "# the meters"
    # a // inside quotes is text: only the one outside is the comment
    text = MINI.replace('title = "Mini"', 'title = "Mini // two"   // a note')
    p = only(tmp_path, text)
    assert p.column == len('title = "Mini // two"   ') + 1
    assert loads(
        tmp_path, text.replace('title = "Mini // two"   // a note', _fix(p.hint))
    ).title == ("Mini // two")


def test_a_comparison_in_a_when_is_written_as_its_bound(tmp_path):
    text = MINI.replace("when = { max_trust = 30 }", "when = { trust <= 30 }")
    p = only(tmp_path, text)
    assert "'<='" in p.message and "no '='" not in p.message
    assert p.column == len("when = { trust ") + 1
    assert _fix(p.hint) == "when = { max_trust = 30 }"
    fixed = loads(tmp_path, text.replace("when = { trust <= 30 }", _fix(p.hint)))
    assert fixed.scenes["middle"].choices[2].when.max_trust == 30


def test_a_strict_comparison_moves_the_bound_by_one(tmp_path):
    text = MINI.replace("when = { min_trust = 20 }", "when = { trust > 19 }")
    p = only(tmp_path, text)
    assert _fix(p.hint) == "when = { min_trust = 20 }"


def test_a_double_equals_is_one_equals(tmp_path):
    text = MINI.replace("minutes = 2", "minutes == 2")
    p = only(tmp_path, text)
    assert "'=='" in p.message and "double quotes" not in p.hint
    assert p.column == len("minutes ") + 1
    assert loads(tmp_path, text.replace("minutes == 2", _fix(p.hint))).minutes == 2


def test_a_comparison_of_something_else_names_the_condition_keys(tmp_path):
    text = MINI.replace("when = { max_trust = 30 }", 'when = { flags != ["reflected"] }')
    p = only(tmp_path, text)
    assert "'!='" in p.message and "not_flags" in p.hint
    tomli.loads(text.replace('flags != ["reflected"]', 'not_flags = ["reflected"]'))


def test_a_yaml_colon_is_an_equals_sign(tmp_path):
    for slip, right in (
        ("minutes: 2", "minutes = 2"),
        ('"minutes": 2', "minutes = 2"),
        ("when = { max_trust: 30 }", "when = { max_trust = 30 }"),
    ):
        wrong = "minutes = 2" if right == "minutes = 2" else "when = { max_trust = 30 }"
        text = MINI.replace(wrong, slip)
        p = only(tmp_path, text)
        assert "':'" in p.message and "no '='" not in p.message, slip
        assert p.column == slip.index(":") + 1
        assert _fix(p.hint) == right
        loads(tmp_path, text.replace(slip, right))


def test_a_doubled_comma_is_one_comma(tmp_path):
    slip = 'trains = ["active-listening",, "empowerment"]'
    text = MINI.replace('trains = ["active-listening", "empowerment"]', slip)
    p = only(tmp_path, text)
    assert "two commas" in p.message and "double quotes" not in p.hint
    assert p.column == slip.index(",,") + 2
    fixed = p.hint.removeprefix("write ").split(" (")[0]
    assert loads(tmp_path, text.replace(slip, fixed)).trains == ("active-listening", "empowerment")
