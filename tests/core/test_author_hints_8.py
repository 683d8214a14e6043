"""Messages from author test 8 (a trainer writing a "short on rent" scenario, a peer asking
the coach to lend money, from the README alone).

Each test makes the mistake as that author made it and asserts the message
names the real cause; where the hint is a fix, it follows it.
"""

from __future__ import annotations

import re

from tests.core.test_author_messages import MINI, loads, only, problems

STRONG_WHEN = 'when = { min_trust = 60, flags = ["reflected"] }'


def _lint(tmp_path, text: str, code: str):
    from sim.authoring.lint import lint

    return [p for p in lint(loads(tmp_path, text)) if p.code == code]


def test_an_accent_in_a_header_name_is_named_and_the_fix_loads(tmp_path):
    """`[characters.andrés]` gave tomli's "Expected ']' at the end of a table declaration"."""
    text = MINI.replace("[characters.kim]", "[characters.kím]")
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index("[characters.kím]") + 1
    assert p.column == len("[characters.k") + 1
    assert "'í'" in p.message and "not valid TOML" not in p.message
    assert "write [characters.kim]" in p.hint and "'kim'" in p.hint
    assert loads(tmp_path, MINI).characters["kim"].name == "Kim"  # the hint's header is MINI's


def test_an_accent_in_a_key_is_not_called_a_missing_equals_sign(tmp_path):
    """`título = "..."` has its '='; the í is the mistake."""
    text = MINI.replace('title = "Mini"', 'títle = "Mini"')
    p = only(tmp_path, text)
    assert "no '='" not in p.message and "'í'" in p.message
    assert p.column == 2
    assert "write title" in p.hint
    assert loads(tmp_path, text.replace("títle", "title")).title == "Mini"


def test_an_accent_in_a_key_inside_braces_is_named(tmp_path):
    slip = 'principles = { active-lístening = "honours" }'
    text = MINI.replace('principles = { active-listening = "honours" }', slip, 1)
    p = only(tmp_path, text)
    assert p.column == slip.index("í") + 1
    assert "no '='" not in p.message and "'í'" in p.message
    assert "write active-listening" in p.hint


def test_a_number_with_a_leading_zero_keeps_its_value_in_the_hint(tmp_path):
    """`trust = 08` was told "write trust = 0", which changes the number."""
    text = MINI.replace("trust = 10\n", "trust = 010\n", 1)
    p = only(tmp_path, text)
    assert "start with 0" in p.message
    assert p.hint.startswith("write trust = 10")
    done = loads(tmp_path, text.replace("trust = 010\n", "trust = 10\n"))
    assert done.scenes["hello"].choices[0].trust == 10


def test_a_speaker_written_as_a_full_name_is_given_the_characters_id(tmp_path):
    """`speaker = "Andrés Peña"` was told "did you mean 'andres-pena'?", which is no
    character: the round-1 fix for a name used as speaker fired only for id-shaped names."""
    text = MINI.replace('name = "Kim"', 'name = "Kim Peña"').replace(
        'speaker = "kim"\naction', 'speaker = "Kim Peña"\naction'
    )
    p = only(tmp_path, text)
    assert p.key == "scenes.hello.speaker"
    assert 'speaker takes the id, so write speaker = "kim"' in p.hint
    assert "kim-pena" not in p.hint
    loads(tmp_path, text.replace('speaker = "Kim Peña"', 'speaker = "kim"'))


def test_an_accent_in_a_name_says_which_letter(tmp_path):
    text = MINI.replace('sets = ["reflected"]', 'sets = ["reflejé"]')
    p = next(p for p in problems(tmp_path, text) if p.key == "scenes.hello.choices[1].sets[1]")
    assert "it holds 'é'" in p.message and "did you mean 'refleje'?" in p.hint


def test_a_reflection_never_asked_for_a_meter_bound_names_the_bound(tmp_path):
    """README promises the part of the when that never holds; a meter bound got "check the
    flags and scenes it needs"."""
    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = ["What did Kim want?", { text = "Why so high?", when = { min_trust = 99 } }]',
    )
    (p,) = _lint(tmp_path, text, "never-shown")
    assert re.search(r"min_trust = 99, but trust is at most \d+ when a run ends", p.hint), p.hint
    assert "flags and scenes" not in p.hint


def test_an_ending_variant_never_shown_for_a_meter_bound_names_the_bound(tmp_path):
    text = MINI.replace(
        "[endings.mixed]",
        '[[endings.strong.variants]]\nwhen = { min_trust = 99 }\ntext = "x"\n\n[endings.mixed]',
    )
    (p,) = _lint(tmp_path, text, "never-shown")
    assert "min_trust = 99, but trust is at most" in p.hint and "ends at 'strong'" in p.hint, p.hint


def test_an_example_state_names_no_pseudo_flag(tmp_path):
    """A next with no fallback, reached only after a critical slip: the example state said
    `flags set: @cap-mixed`, a flag the author never wrote."""
    slip = 'say = "You should fill in this form."'
    text = MINI.replace(slip, slip + '\ncritical = "outside-role"').replace(
        'next = "last"', '\n[[scenes.bridge.next]]\nwhen = { flags = ["nowhere"] }\ngoto = "last"\n'
    )
    text = text.replace('sets = ["reflected"]', 'sets = ["reflected", "nowhere"]')
    found = _lint(tmp_path, text, "dead-end")
    assert found, "no dead-end"
    for p in found:
        assert "@cap" not in p.message + p.hint
    assert any("after a critical slip (capped at mixed)" in p.message for p in found)


def test_a_singular_scene_header_is_not_told_to_move_its_choices_elsewhere(tmp_path):
    """`[scene.middle]`: the choices under [[scenes.middle.choices]] belong to that scene; the
    hint pointed them at another scene."""
    text = MINI.replace("[scenes.middle]", "[scene.middle]")
    found = problems(tmp_path, text)
    stray = next(p for p in found if p.key == "scenes.middle")
    assert "[scene.middle]" in stray.hint and "[scenes.middle]" in stray.hint
    assert "did you mean [[scenes." not in stray.hint
    assert any(p.key == "scene" and "did you mean 'scenes'?" in p.hint for p in found)


def test_a_dot_in_a_scene_name_says_what_the_dot_did(tmp_path):
    """`[scenes.bridge.two]` with `goto = "bridge.two"`: told to add [scenes.bridge.two]."""
    text = MINI.replace("[scenes.bridge]", "[scenes.bridge.two]").replace(
        'goto = "bridge"', 'goto = "bridge.two"'
    )
    found = problems(tmp_path, text)
    for p in found:
        assert "add [scenes.bridge.two]" not in p.hint
    goto = next(p for p in found if p.key.endswith(".goto"))
    assert "'.'" in goto.message and "bridge-two" in goto.hint
    table = next(p for p in found if p.key == "scenes.bridge.two")
    assert "a table inside" in table.hint and "[scenes.bridge-two]" in table.hint


def test_an_unclosed_list_is_placed_on_the_line_it_opens(tmp_path):
    text = MINI.replace('"empowerment"]\nminutes', '"empowerment"\nminutes')
    p = only(tmp_path, text)
    assert p.line == 5  # trains = [ ... on line 5; tomli stops on line 6
    assert "opened on line 5" in p.message or p.message.startswith("the list")
    assert "line 5" in p.hint


def test_too_long_says_at_most_and_how_long(tmp_path):
    """120 characters pass; "keep it under 120" said otherwise."""
    text = MINI.replace('title = "Mini"', 'title = "' + "x" * 121 + '"')
    p = only(tmp_path, text)
    assert "121 characters" in p.message
    assert p.hint == "keep it to at most 120 characters"
    loads(tmp_path, MINI.replace('title = "Mini"', 'title = "' + "x" * 120 + '"'))


def test_and_in_principles_does_not_talk_about_a_when(tmp_path):
    slip = 'principles = { empowerment = "undermines" and active-listening = "undermines" }'
    text = MINI.replace(
        'principles = { empowerment = "undermines", active-listening = "undermines" }', slip
    )
    p = only(tmp_path, text)
    assert "when" not in p.message
    assert p.hint.startswith("write principles = {")


def test_a_when_written_as_a_list_of_flags_gets_the_flags_table(tmp_path):
    text = MINI.replace(STRONG_WHEN, 'when = ["reflected"]')
    p = only(tmp_path, text)
    assert p.hint.endswith('when = { flags = ["reflected"] }'), p.hint
    loads(tmp_path, text.replace('when = ["reflected"]', 'when = { flags = ["reflected"] }'))


def test_header_bracket_slips_name_the_header_and_the_fix_loads(tmp_path):
    """`[[scenes.options.choices]` gave tomli's "Expected ']]' at the end of an array
    declaration"; `[scenes.x]]` and a key after the header gave "Expected newline"."""
    header = "[[scenes.middle.choices]]"
    short = MINI.replace(header, header[:-1], 1)
    p = only(tmp_path, short)
    assert p.message == "a [[...]] header closes with two brackets"
    assert p.hint == f"write {header}"
    extra = MINI.replace("[scenes.bridge]", "[scenes.bridge]]")
    p = only(tmp_path, extra)
    assert "one [ and closes with two ]" in p.message and "[scenes.bridge] for a table" in p.hint
    assert loads(tmp_path, MINI).scenes["bridge"].text == "A pause."
    joined = MINI.replace('[scenes.bridge]\ntext = "A pause."', '[scenes.bridge] text = "A pause."')
    p = only(tmp_path, joined)
    assert "stands alone on its line" in p.message
    assert p.hint == 'put text = "A pause." on the line below [scenes.bridge]'
