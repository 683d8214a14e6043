"""One message per cause: a closed loop and a shadowing ending, each with its knock-on errors folded in."""

from __future__ import annotations

from sim.authoring.lint import lint


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def test_a_loop_and_what_it_cuts_off_are_one_message(good_text, make):
    # `next = "hello"` where `next = "middle"` was meant: the conversation
    # circles hello -> open for ever, and middle and every ending are cut off.
    text = _replace(good_text, 'next = "middle"', 'next = "hello"')
    (p,) = errors(lint(make(text)))
    assert p.code == "no-way-out" and p.key == "scenes.hello"
    assert "scene 'middle'" in p.message
    assert "endings 'partnership', 'maybe', 'gone'" in p.message
    assert "(to 'middle'?)" in p.hint
    # following the hint (a way out to 'middle') leaves nothing to report
    fixed = _replace(text, 'next = "hello"', 'next = "middle"')
    assert errors(lint(make(fixed))) == []


def test_a_scene_a_reachable_choice_names_is_not_folded_into_a_loop(good_text, make):
    # middle is cut off by the loop, but "stuck" names it from a reachable scene
    # under a condition that never holds: that is its own error, with its own hint.
    text = _replace(good_text, 'next = "middle"', 'next = "hello"')
    text = _replace(
        text,
        'why = "It takes over before he has said anything."',
        'why = "It takes over before he has said anything."\n\n[[scenes.hello.choices]]\nsay = "Shall we go on?"\n'
        'goto = "middle"\nprinciples = { empowerment = "neutral" }\nwhy = "Moves on."\n'
        'when = { visited = ["middle"] }',
    )
    problems = errors(lint(make(text)))
    keys = {p.key: p.code for p in problems}
    assert keys.get("scenes.middle") == "unreachable-scene"
    loop = next(p for p in problems if p.code == "no-way-out")
    assert "scene 'middle'" not in loop.message


def test_an_ending_without_when_before_others_is_named(good_text, make):
    # `gone` (no when) moved to the top: "@outcome" always picks it.
    gone = '[endings.gone]\ntitle = "Gone"\noutcome = "poor"\ntext = "Sam leaves."\n'
    text = _replace(good_text, gone, "")
    text = _replace(text, "[endings.partnership]", gone + "\n[endings.partnership]")
    (p,) = errors(lint(make(text)))
    assert p.code == "ending-order" and p.key == "endings.gone"
    assert "endings 'partnership', 'maybe'" in p.message
    assert "move 'gone' below the others" in p.hint
    # no separate "unreachable" errors for the endings it shadows
    assert not [q for q in lint(make(text)) if q.code == "unreachable-ending"]


def test_two_endings_without_when_are_told_to_give_one_a_when(good_text, make):
    text = _replace(good_text, "when = { min_empowerment = 25 }\n", "")
    text = _replace(text, "[endings.partnership]", "[endings.partnership]")
    text = text.replace("when = { min_trust = 40, min_empowerment = 50 }\n", "", 1)
    (p,) = errors(lint(make(text)))
    assert p.code == "ending-order" and p.key == "endings.partnership"
    assert "give 'partnership' a when" in p.hint and "move" not in p.hint


def test_a_cap_that_passes_over_the_first_ending_keeps_the_later_ones(good_text, make):
    # partnership (strong, no when) comes first: alone it shadows the others,
    # but a critical slip capped at mixed passes over it, so they can be picked.
    text = _replace(good_text, "when = { min_trust = 40, min_empowerment = 50 }\n", "")
    order = [p for p in lint(make(text)) if p.code == "ending-order"]
    assert len(order) == 1 and "endings 'maybe', 'gone'" in order[0].message
    text = _replace(
        text,
        'why = "A plan made for him is not his plan."',
        'why = "A plan made for him is not his plan."\ncritical = "outside-role"',
    )
    assert [p for p in lint(make(text)) if p.code == "ending-order"] == []


def test_a_first_ending_without_when_that_only_slips_pass_over_is_a_warning(good_text, make):
    # partnership (strong) lost its when; a critical slip capped at mixed still reaches
    # 'maybe' and 'gone', so no ending is unreachable, yet every run without a slip ends
    # strong whatever the meters: the author is told, at the ending, with the hint.
    text = _replace(good_text, "when = { min_trust = 40, min_empowerment = 50 }\n", "")
    text = _replace(
        text,
        'why = "A plan made for him is not his plan."',
        'why = "A plan made for him is not his plan."\ncritical = "outside-role"',
    )
    (p,) = [p for p in lint(make(text)) if p.code == "fallback-first"]
    assert p.severity == "warning" and p.key == "endings.partnership"
    assert "picks it for every run that holds no critical slip, whatever the meters" in p.message
    assert "'maybe', 'gone' below it are picked only after a critical slip" in p.message
    # 'gone' has no when, so moving partnership last would shadow it: not suggested
    assert "give 'partnership' a when" in p.hint and "move" not in p.hint
    fixed = _replace(
        text,
        'text = "Sam agrees to come back."',
        'text = "Sam agrees to come back."\nwhen = { min_trust = 40 }',
    )
    assert [p for p in lint(make(fixed)) if p.code == "fallback-first"] == []


def test_a_whenless_ending_below_one_with_a_when_is_not_warned(good_text, make):
    # the meters still pick between partnership and maybe; the poor ending below is
    # left for slips and direct gotos, as the bundled first-meeting does
    text = _replace(good_text, "when = { min_empowerment = 25 }\n", "")
    text = _replace(
        text,
        'why = "A plan made for him is not his plan."',
        'why = "A plan made for him is not his plan."\ncritical = "outside-role"\ncap = "poor"',
    )
    assert [p for p in lint(make(text)) if p.code == "fallback-first"] == []


def test_a_flag_whose_only_setter_is_never_offered_says_so_not_that_runs_lose_it(tmp_path):
    """The strong ending needs 'reflected', set only by a choice whose own `when` never
    holds: the ending's error said "no run that takes it gets here with the flag still
    set", sending the author down the path, when the setter's `when` is the cause."""
    from tests.core.test_author_messages import MINI, loads

    text = MINI.replace('sets = ["reflected"]', 'sets = ["reflected"]\nwhen = { min_trust = 99 }')
    found = {p.key: p for p in lint(loads(tmp_path, text))}
    assert "never holds" in found["scenes.hello.choices[1].when"].message
    ending = found["endings.strong"]
    said = ending.message + " " + ending.hint
    assert "only reflect sets it, and that choice is never offered" in said
    assert "with the flag still set" not in said and "fix that when first" in said


def test_the_ending_order_error_names_the_ending_never_reached_not_it(good_text, make):
    """author44 added an ending below the fallback and read "...picks it before ending
    'repair': it can never be reached" as the fallback being unreachable."""
    text = good_text.rstrip() + (
        '\n\n[endings.repair]\ntitle = "Repair"\noutcome = "mixed"\ntext = "Later."\n'
        "when = { min_trust = 0 }\n"
    )
    (p,) = errors(lint(make(text)))
    assert p.code == "ending-order" and p.key == "endings.gone"
    assert p.message.endswith(
        "always picks it first: ending 'repair' below it can never be reached"
    ), p.message
    assert ": it can" not in p.message
