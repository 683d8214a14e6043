"""A scene's header renamed, and the `[[...choices]]` headers below it left with the old name.

`[scenes.middle]` became `[scenes.next-step]` (and its gotos too), but
`[[scenes.middle.choices]]` kept the old name: the choices made a scene 'middle' of
their own, and check said "add text" there, which would keep two scenes. The hint
is now the rename, and following it loads.
"""

from __future__ import annotations

from tests.core.test_author_messages import MINI, loads, problems


def test_choices_left_under_a_renamed_scene_are_told_to_follow_the_rename(tmp_path):
    text = MINI.replace("[scenes.middle]\n", "[scenes.next-step]\n").replace(
        'goto = "middle"', 'goto = "next-step"'
    )
    found = problems(tmp_path, text)
    stray = [p for p in found if p.key == "scenes.middle"]
    assert len(stray) == 1, found
    p = stray[0]
    assert "add text" not in p.hint
    line = text.splitlines().index("[scenes.next-step]") + 1
    assert f"[scenes.next-step] (line {line}), has no choices" in p.hint
    assert p.hint.endswith("rename this header too: [[scenes.next-step.choices]]")
    fixed = loads(
        tmp_path, text.replace("[[scenes.middle.choices]]", "[[scenes.next-step.choices]]")
    )
    assert len(fixed.scenes["next-step"].choices) == 3


def test_a_scene_above_with_choices_of_its_own_is_not_taken_for_the_rename(tmp_path):
    # [[scenes.elsewhere.choices]] below [scenes.last], which has its own choices
    extra = '\n[[scenes.elsewhere.choices]]\nsay = "Bye."\ngoto = "@outcome"\n'
    text = MINI.replace("[endings.strong]", extra.lstrip("\n") + "\n[endings.strong]")
    found = [p for p in problems(tmp_path, text) if p.key.startswith("scenes.elsewhere")]
    assert found and all("renamed" not in p.hint for p in found)
