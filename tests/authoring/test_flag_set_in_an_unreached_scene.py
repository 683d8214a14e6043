"""A flag set only in a scene no run reaches is said to be so (author44).

A misspelt flag in a branch of `next` left the scene 'after-hurt' unreached; an ending's
`also` needing the flag its repair line sets was then told "only after-hurt#2 sets it,
and no run that takes it ends at 'broken' with the flag still set", which sent the
author to the endings, when the scene was never reached at all (an error of its own).
"""

from __future__ import annotations

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads

ASIDE = (
    '[scenes.aside]\nspeaker = "kim"\ntext = "By the way."\n\n'
    '[[scenes.aside.choices]]\nsay = "Go on."\ngoto = "@outcome"\n'
    'principles = { active-listening = "honours" }\nwhy = "It listens."\nsets = ["noted"]\n\n'
)
UNREACHED = "only aside#1 sets it, and its scene 'aside' is never reached (an error of its own)"


def _draft() -> str:
    return MINI.replace("[endings.strong]", ASIDE + "[endings.strong]")


def test_an_also_needing_a_flag_set_in_an_unreached_scene_names_the_scene(tmp_path):
    text = _draft().replace(
        "[debrief]",
        '[[endings.mixed.also]]\nwhen = { flags = ["noted"] }\ntext = "Kim noted it."\n\n[debrief]',
    )
    found = lint(loads(tmp_path, text))
    assert [p.key for p in found if p.code == "unreachable-scene"] == ["scenes.aside"]
    (p,) = [q for q in found if q.code == "never-shown"]
    assert p.key == "endings.mixed.also[1].when"
    assert p.hint.endswith(UNREACHED), p.hint
    assert "no run that takes it" not in p.hint
    # linking the scene in, as the scene's own error says, lets the paragraph show
    linked = text.replace(
        'say = "Thank you for coming."\ngoto = "@outcome"',
        'say = "Thank you for coming."\ngoto = "aside"',
    )
    assert [q for q in lint(loads(tmp_path, linked)) if q.code == "never-shown"] == []


def test_an_ending_needing_such_a_flag_sends_the_author_to_that_scene(tmp_path):
    text = _draft().replace(
        'when = { min_trust = 60, flags = ["reflected"] }',
        'when = { min_trust = 60, flags = ["noted"] }',
    )
    (p,) = [q for q in lint(loads(tmp_path, text)) if q.code == "unreachable-ending"]
    assert p.key == "endings.strong"
    assert p.hint.endswith(f"{UNREACHED}; fix the error at that scene first"), p.hint
