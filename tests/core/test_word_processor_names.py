"""Names that a word processor or a capital letter made wrong, in a [header].

An en dash typed for '-' in `[scenes.sorry–again]` was told "[scenes.sorry] appears
twice", and `[scenes.Money]` above `[[scenes.money.choices]]` was told to write the
choices' header as `[[scenes.Money.choices]]`, a name the error beside it refuses.
Each test follows the hint and loads the result.
"""

from __future__ import annotations

from tests.core.test_author_messages import MINI, loads, only, problems


def test_an_en_dash_in_a_header_after_a_scene_of_that_prefix_names_the_dash(tmp_path):
    """tomli stops at the dash and, [scenes.last] existing, says it is declared twice."""
    text = MINI.replace("[scenes.bridge]", "[scenes.last–bridge]").replace(
        'next = "bridge"', 'next = "last-bridge"'
    )
    text = text.replace('goto = "bridge"', 'goto = "last-bridge"')
    # the slip comes after [scenes.last]: move that scene above it
    last = '[scenes.last]\nspeaker = "kim"\ntext = "Thanks."\n'
    text = text.replace(last, "").replace("[scenes.last–bridge]", last + "\n[scenes.last–bridge]")
    p = only(tmp_path, text)
    assert "twice" not in p.message
    assert "'–'" in p.message and "dash" in p.message
    assert p.line == text.splitlines().index("[scenes.last–bridge]") + 1
    assert p.column == len("[scenes.last") + 1
    assert "write [scenes.last-bridge]" in p.hint and "'last-bridge'" in p.hint
    fixed = loads(tmp_path, text.replace("[scenes.last–bridge]", "[scenes.last-bridge]"))
    assert "last-bridge" in fixed.scenes


def test_an_em_dash_in_a_new_header_is_named_not_a_missing_bracket(tmp_path):
    text = MINI.replace("[scenes.bridge]", "[scenes.the—bridge]")
    p = problems(tmp_path, text)[0]
    assert "Expected ']'" not in p.message and "'—'" in p.message
    assert "write [scenes.the-bridge]" in p.hint


def test_a_minus_sign_in_a_key_inside_braces_is_named(tmp_path):
    slip = 'principles = { active\u2212listening = "honours" }'
    text = MINI.replace('principles = { active-listening = "honours" }', slip, 1)
    p = only(tmp_path, text)
    assert "dash" in p.message and "no '='" not in p.message
    assert "write active-listening" in p.hint


def test_a_capitalised_scene_header_is_the_one_to_rename(tmp_path):
    """Both errors agree: rename [scenes.Middle]; [[scenes.middle.choices]] is right."""
    text = MINI.replace("[scenes.middle]\n", "[scenes.Middle]\n")
    found = problems(tmp_path, text)
    about_own = [p for p in found if p.key == "scenes.Middle"]
    about_choices = [p for p in found if p.key == "scenes.middle"]
    assert about_own and "did you mean 'middle'" in about_own[0].hint
    assert len(about_choices) == 1, found
    p = about_choices[0]
    assert "[[scenes.Middle.choices]]" not in p.hint
    line = text.splitlines().index("[scenes.Middle]") + 1
    assert f"write [scenes.middle] on line {line}" in p.hint
    assert "this header is right" in p.hint
    assert "middle" in loads(tmp_path, MINI).scenes  # following it gives MINI back
