"""A flag written where a scene belongs, and a scene where a flag belongs (author44).

`flags` and `visited` sit side by side in a `when` and both hold names, so an author
writing a vouching scenario wrote `visited = ["owned-it"]` for the flag a repair line
sets, and was told only "'owned-it' is not a scene", with no hint; `visited =
["own-voice"]`, a flag named like the ending it leads to, was told to "name a flag that
the choices leading to it set", which it already was. The other way round, `flags =
["after-hurt"]` for the scene 'after-hurt' was told to set a flag of that name on a
choice. Each now names the other key, and following the hint gives a file that checks.
"""

from __future__ import annotations

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads, only

STRONG = 'when = { min_trust = 60, flags = ["reflected"] }'
OFFERED = 'when = { flags = ["reflected"] }'  # the second choice of 'middle'


def _errors(scenario) -> list:
    return [p for p in lint(scenario) if p.severity == "error"]


def test_a_flag_in_visited_is_told_to_move_to_flags(tmp_path):
    text = MINI.replace(STRONG, 'when = { min_trust = 60, visited = ["reflected"] }')
    p = only(tmp_path, text)
    assert p.key == "endings.strong.when.visited[1]"
    assert p.message == "'reflected' is not a scene: visited names scenes seen so far"
    assert p.hint == (
        "'reflected' is a flag, set by reflect: to test it, move it from visited to "
        'flags = ["reflected"]'
    )
    fixed = loads(tmp_path, text.replace('visited = ["reflected"]', 'flags = ["reflected"]'))
    assert fixed.endings["strong"].when.flags == ("reflected",)
    assert _errors(fixed) == []


def test_a_flag_in_not_visited_is_told_to_move_to_not_flags(tmp_path):
    text = MINI.replace(OFFERED, 'when = { not_visited = ["reflected"] }')
    p = only(tmp_path, text)
    assert p.key == "scenes.middle.choices[2].when.not_visited[1]"
    assert "not_visited names scenes not seen yet" in p.message
    assert p.hint.endswith('move it from not_visited to not_flags = ["reflected"]')
    fixed = loads(
        tmp_path, text.replace('not_visited = ["reflected"]', 'not_flags = ["reflected"]')
    )
    assert fixed.scenes["middle"].choices[1].when.not_flags == ("reflected",)


def test_a_flag_named_like_an_ending_in_visited_is_named_as_the_flag(tmp_path):
    # the flag 'strong' is set on the way to the ending 'strong': the author meant the flag
    text = MINI.replace('sets = ["reflected"]', 'sets = ["reflected", "strong"]').replace(
        'reflect = ["What did Kim want?"]',
        'reflect = ["What did Kim want?", { text = "Why?", when = { visited = ["strong"] } }]',
    )
    p = only(tmp_path, text)
    assert p.key == "debrief.reflect[2].when.visited[1]"
    assert "'strong' is an ending, not a scene" in p.message
    assert "name a flag that the choices leading to it set" not in p.hint
    assert p.hint.endswith(
        "'strong' is a flag, set by reflect: to test it, move it from visited to "
        'flags = ["strong"]'
    )
    fixed = loads(tmp_path, text.replace('visited = ["strong"]', 'flags = ["strong"]'))
    assert _errors(fixed) == []


def test_an_ending_in_visited_that_no_choice_sets_as_a_flag_keeps_its_hint(tmp_path):
    text = MINI.replace(OFFERED, 'when = { visited = ["mixed"] }')
    p = only(tmp_path, text)
    assert p.hint.startswith("no condition can know the ending; name a flag")


def test_a_scene_in_flags_is_told_to_move_to_visited(tmp_path):
    text = MINI.replace(OFFERED, 'when = { flags = ["hello"] }')
    (p,) = [q for q in lint(loads(tmp_path, text)) if q.code == "never-offered"]
    assert p.key == "scenes.middle.choices[2].when"
    assert "set it on a choice" not in p.hint
    assert p.hint.endswith(
        "'hello' is a scene: flags tests flags that choices set, visited the scenes seen so "
        "far: to test that 'hello' was seen, move it from flags to visited = [\"hello\"]"
    )
    fixed = loads(tmp_path, text.replace('flags = ["hello"]', 'visited = ["hello"]'))
    assert _errors(fixed) == []


def test_a_scene_in_a_reflections_flags_is_told_to_move_to_visited(tmp_path):
    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = ["What did Kim want?", { text = "Why?", when = { flags = ["bridge"] } }]',
    )
    (p,) = [q for q in lint(loads(tmp_path, text)) if q.code == "never-shown"]
    assert p.key == "debrief.reflect[2].when"
    assert p.hint.endswith('move it from flags to visited = ["bridge"]')
    fixed = loads(tmp_path, text.replace('flags = ["bridge"]', 'visited = ["bridge"]'))
    assert [q for q in lint(fixed) if q.code == "never-shown"] == []


def test_a_scene_in_not_flags_is_told_to_move_to_not_visited(tmp_path):
    text = MINI.replace(OFFERED, 'when = { not_flags = ["bridge"] }')
    (p,) = [q for q in lint(loads(tmp_path, text)) if q.code == "unset-flag"]
    assert p.key == "scenes.middle.choices[2].when.not_flags"
    assert p.hint == (
        "'bridge' is a scene: not_flags tests flags that choices set, not_visited the "
        'scenes, so move it from not_flags to not_visited = ["bridge"]'
    )
    fixed = loads(tmp_path, text.replace('not_flags = ["bridge"]', 'not_visited = ["bridge"]'))
    assert [q for q in lint(fixed) if q.code == "unset-flag"] == []
