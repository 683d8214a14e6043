"""`when = {}` always holds: a placeholder that looks like a guard and guards nothing.

A variant with an empty when hid its scene's own text for good, and check said
nothing; each place a condition goes is warned, with the fix that fits there.
"""

from __future__ import annotations

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads

VARIANT = '[[scenes.last.variants]]\nwhen = {}\ntext = "Thanks, really."\n\n'


def _empty(tmp_path, text: str):
    return [p for p in lint(loads(tmp_path, text)) if p.code == "empty-when"]


def test_the_bundled_shape_has_no_empty_when(tmp_path):
    assert _empty(tmp_path, MINI) == []


def test_an_empty_variant_when_says_the_scene_text_never_shows(tmp_path):
    text = MINI.replace("[endings.strong]", VARIANT + "[endings.strong]")
    (p,) = _empty(tmp_path, text)
    assert p.key == "scenes.last.variants[1].when" and p.severity == "warning"
    assert p.line == text.splitlines().index("when = {}") + 1
    assert "always holds" in p.message and "scene's own text" in p.message
    assert "remove the variant" in p.hint and "remove the when" not in p.hint


def test_an_empty_choice_when_and_reflection_when_are_named(tmp_path):
    text = MINI.replace("when = { max_trust = 30 }", "when = { }").replace(
        'reflect = ["What did Kim want?"]',
        'reflect = [{ text = "What did Kim want?", when = {} }]',
    )
    found = {p.key: p for p in _empty(tmp_path, text)}
    assert set(found) == {"scenes.middle.choices[3].when", "debrief.reflect[1].when"}
    assert "always offered" in found["scenes.middle.choices[3].when"].message
    assert "after every run" in found["debrief.reflect[1].when"].message


def test_an_empty_entry_of_any_makes_the_any_hold(tmp_path):
    text = MINI.replace(
        "when = { max_trust = 30 }", 'when = { any = [ { flags = ["reflected"] }, {} ] }'
    )
    (p,) = _empty(tmp_path, text)
    assert p.key == "scenes.middle.choices[3].when.any[2]"
    assert "whole any" in p.message


def test_the_last_endings_empty_when_is_left_to_the_fallback_warning(tmp_path):
    text = MINI.replace('text = "It went badly."', 'text = "It went badly."\nwhen = {}')
    problems = lint(loads(tmp_path, text))
    assert not [p for p in problems if p.code == "empty-when"]
    assert [p for p in problems if p.code == "fallback-when"]


def test_an_empty_ending_when_above_others_is_warned(tmp_path):
    text = MINI.replace("when = { min_trust = 20 }", "when = {}")
    (p,) = _empty(tmp_path, text)
    assert p.key == "endings.mixed.when"
    assert "every run" in p.message


def test_a_when_of_empty_lists_tests_nothing_and_is_warned(tmp_path):
    """`when = { flags = [] }` (a placeholder, or the last name deleted) always holds too."""
    text = MINI.replace(
        "[endings.strong]", VARIANT.replace("{}", "{ flags = [] }") + "[endings.strong]"
    )
    (p,) = _empty(tmp_path, text)
    assert p.key == "scenes.last.variants[1].when"
    assert "tests nothing (flags = [] names nothing)" in p.message
    assert "always holds" in p.message and "scene's own text" in p.message
    both = text.replace("{ flags = [] }", "{ flags = [], not_visited = [] }")
    (p,) = _empty(tmp_path, both)
    assert "(flags = [] and not_visited = [] name nothing)" in p.message


def test_an_empty_list_beside_a_real_test_is_no_warning(tmp_path):
    text = MINI.replace("when = { max_trust = 30 }", "when = { max_trust = 30, flags = [] }")
    assert _empty(tmp_path, text) == []


def test_an_any_entry_of_empty_lists_and_an_empty_any_are_named(tmp_path):
    text = MINI.replace(
        "when = { max_trust = 30 }",
        'when = { any = [ { flags = ["reflected"] }, { visited = [] } ] }',
    )
    (p,) = _empty(tmp_path, text)
    assert p.key == "scenes.middle.choices[3].when.any[2]"
    assert "a { } that tests nothing (visited = [] names nothing)" in p.message
    (p,) = _empty(tmp_path, MINI.replace("when = { max_trust = 30 }", "when = { any = [] }"))
    assert p.key == "scenes.middle.choices[3].when" and "any = []" in p.message
