"""A `when` needing a flag and a scene that no one run has together says which (author28).

In Same Roof the naloxone kit ('has-kit') is offered only on the way that skips the
'pressure' scene. A variant needing both said only "each part of it holds on some way
here, but never all at once (here trust 19..51 ...)", a reflection needing 'took-back'
and the scene 'naloxone' only "check the flags, scenes and numbers it needs"; two flags
never set together were already named with the `any = [...]` that says "either".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.authoring.lint import lint

ROOF = Path(__file__).parent / "fixtures" / "same-roof.toml"


@pytest.fixture
def roof() -> str:
    return ROOF.read_text()


def _replace(text: str, old: str, new: str) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


def _never_shown(problems, key: str):
    (p,) = [p for p in problems if p.code == "never-shown" and p.key == key]
    return p


def test_a_reflection_needing_a_flag_and_a_scene_never_in_one_run_names_both(make, roof):
    old = 'when = { flags = ["took-back"] } },'
    text = _replace(roof, old, 'when = { flags = ["took-back"], visited = ["naloxone"] } },')
    p = _never_shown(lint(make(text)), "debrief.reflect[2].when")
    assert p.hint == (
        "the flag 'took-back' is set and the scene 'naloxone' seen, each in some run, but "
        "never both in one run: if either one should do, write any = [ { flags = "
        '["took-back"] }, { visited = ["naloxone"] } ] in place of flags = [...] and '
        "visited = [...]"
    )
    # following it: the reflection is asked again
    fixed = _replace(
        roof, old, 'when = { any = [ { flags = ["took-back"] }, { visited = ["naloxone"] } ] } },'
    )
    assert [q for q in lint(make(fixed)) if q.code == "never-shown"] == []


def test_a_scene_variant_needing_a_flag_and_a_scene_never_on_one_way_names_both(make, roof):
    old = 'when = { flags = ["has-kit"] }\ntext = "At least'
    new = 'when = { flags = ["has-kit"], visited = ["pressure"] }\ntext = "At least'
    p = _never_shown(lint(make(_replace(roof, old, new))), "scenes.want.variants[1].when")
    assert (
        "the flag 'has-kit' is set and the scene 'pressure' seen, each on some way here, but "
        "never both on one way: if either one should do, write any = [ { flags = "
        '["has-kit"] }, { visited = ["pressure"] } ]' in p.hint
    )
    # a when of flags and scenes alone: the meters the scene is reached with are not its cause
    assert "trust" not in p.hint, p.hint


def test_a_choice_needing_a_flag_and_a_scene_never_on_one_way_names_both(make, roof):
    old = 'when = { flags = ["suspected"] }'
    text = _replace(roof, old, 'when = { flags = ["has-kit"], visited = ["pressure"] }')
    (p,) = [q for q in lint(make(text)) if q.code == "never-offered"]
    assert p.key == "scenes.want.choices[1].when"
    assert (
        "the flag 'has-kit' is set and the scene 'pressure' seen, each on some way here, but "
        "never both on one way" in p.hint
    )
    assert p.hint.startswith("each part of it holds on some way here, but never all at once; ")
    assert "trust" not in p.hint, p.hint


def test_a_when_with_a_meter_bound_still_gets_the_meters_it_is_reached_with(make, roof):
    old = 'when = { flags = ["suspected"] }'
    new = 'when = { flags = ["has-kit"], visited = ["pressure"], min_trust = 0 }'
    (p,) = [q for q in lint(make(_replace(roof, old, new))) if q.code == "never-offered"]
    assert "(here trust is " in p.hint, p.hint
