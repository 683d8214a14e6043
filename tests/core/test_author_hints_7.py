"""Messages from author test 7 (a trainer writing a "partner still uses" scenario from the
README alone).

Each test makes the mistake as that author made it and asserts the message
names the real cause; where the hint is a fix, it follows it.
"""

from __future__ import annotations

from tests.core.test_author_messages import MINI, loads, only

STRONG_WHEN = 'when = { min_trust = 60, flags = ["reflected"] }'


def _after_write(hint: str) -> str:
    """The TOML line a hint says to write: from 'write ' to the colon after its closing quote."""
    line = hint[hint.index("write ") + len("write ") :]
    return line[: line.rindex('":') + 1]


def test_an_apostrophe_in_single_quoted_text_says_so_and_gives_the_text_in_double_quotes(
    tmp_path,
):
    said = 'say = "What would you like to focus on?"'
    slip = "say = 'What's the one thing you'd like to focus on?'"
    text = MINI.replace(said, slip)
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index(slip) + 1 and p.column == len("say = 'What'") + 1
    assert "the ' in What's ends the text early" in p.message
    assert "single quotes cannot hold an apostrophe" in p.message
    fix = _after_write(p.hint)
    assert fix == "say = \"What's the one thing you'd like to focus on?\""
    done = loads(tmp_path, text.replace(slip, fix))
    assert done.scenes["middle"].choices[0].say == "What's the one thing you'd like to focus on?"


def test_a_list_key_twice_in_one_when_says_twice_and_merges_the_lists(tmp_path):
    slip = 'when = { min_trust = 60, flags = ["reflected"], flags = ["asked"] }'
    text = MINI.replace(STRONG_WHEN, slip)
    p = only(tmp_path, text)
    assert p.line == text.splitlines().index(slip) + 1
    assert p.column == slip.rindex("flags") + 1  # the second one, where to edit
    assert p.message == "'flags' is written twice inside one { ... }"
    assert "above" not in p.message and "that line" not in p.hint  # both are on this line
    fix = 'flags = ["reflected", "asked"]'
    assert p.hint.endswith(f"in one list: {fix}")
    done = loads(tmp_path, text.replace(slip, f"when = {{ min_trust = 60, {fix} }}"))
    assert done.endings["strong"].when.flags == ("reflected", "asked")


def test_a_number_key_twice_in_one_when_says_twice_and_keep_one(tmp_path):
    slip = 'when = { min_trust = 60, min_trust = 70, flags = ["reflected"] }'
    p = only(tmp_path, MINI.replace(STRONG_WHEN, slip))
    assert p.message == "'min_trust' is written twice inside one { ... }"
    assert p.column == slip.rindex("min_trust") + 1
    assert p.hint == "keep one min_trust = ... and delete the other"


def test_a_goto_straight_to_an_ending_gets_a_when_covering_every_way_that_fails(tmp_path):
    """The hint's when must keep the ending's when on every way there, not only on the example
    path: one way arrives without the flag, another with too little trust."""
    from sim.authoring.lint import lint

    close = 'say = "Thank you for coming."\ngoto = "@outcome"'
    text = (
        MINI.replace("trust = 10\n", "trust = -20\n", 1)  # reflected, trust 30
        .replace("trust = -25\n", "trust = 25\n", 1)  # not reflected, trust 75
        .replace(close, close.replace("@outcome", "strong"))
    )
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "ending-when-skipped"]
    guard = 'when = { min_trust = 60, flags = ["reflected"] }'
    assert p.hint.endswith(f"give this choice {guard}")
    fixed = text.replace('goto = "strong"', f'goto = "strong"\n{guard}')
    assert "ending-when-skipped" not in [p.code for p in lint(loads(tmp_path, fixed))]


def test_a_slip_capped_at_mixed_with_no_mixed_ending_is_warned(tmp_path):
    """Author test 7 forgot the mixed ending: every run with a slip capped at mixed (the
    default) then ended poor, and check said nothing."""
    from sim.authoring.lint import lint

    mixed = '[endings.mixed]\ntitle = "Mixed"\noutcome = "mixed"\ntext = "It went so-so."\n'
    mixed += "when = { min_trust = 20 }\n\n"
    slip = 'say = "You should fill in this form."'
    text = MINI.replace(mixed, "").replace(slip, slip + '\ncritical = "outside-role"')
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "cap-only-poor"]
    assert p.key == "scenes.hello.choices[2].critical" and p.severity == "warning"
    assert "no ending is mixed, so every run that takes it ends poor" in p.message
    assert 'outcome = "mixed"' in p.hint and 'cap = "poor"' in p.hint
    # cap = "poor" says it is meant; a mixed ending gives capped runs somewhere to go
    meant = text.replace('critical = "outside-role"', 'critical = "outside-role"\ncap = "poor"')
    assert "cap-only-poor" not in [p.code for p in lint(loads(tmp_path, meant))]
    with_mixed = MINI.replace(slip, slip + '\ncritical = "outside-role"')
    assert "cap-only-poor" not in [p.code for p in lint(loads(tmp_path, with_mixed))]


def test_why_this_ending_does_not_double_the_full_stop_after_a_quoted_moment(tmp_path):
    """ "...not reaching the moment where Kim says “Thanks.”." read as a typo."""
    from sim.debrief import build_debrief
    from sim.engine import Run

    when = (
        'when = { min_trust = 60, any = [ { flags = ["reflected"] }, { not_visited = ["last"] } ] }'
    )
    run = Run.begin(loads(tmp_path, MINI.replace(STRONG_WHEN, when)))
    for n in (2, 1, 1):  # the form (no reflection, trust 25), then on to Kim's "Thanks."
        run.settle()
        run.choose(n)
    run.settle()
    (why,) = [w for w in build_debrief(run).why if "Kim says" in w]
    assert why.endswith("the moment where Kim says “Thanks.”") or why.endswith("“Thanks.”"), why
    assert "”." not in why


def test_toml_1_1_warnings_name_the_key_like_every_other_problem(tmp_path):
    import pytest

    pytest.importorskip("tomllib")
    from sim.authoring.portable import toml10_problems

    comma = MINI.replace("when = { min_trust = 20 }", "when = { min_trust = 20, }")
    broken = MINI.replace("when = { min_trust = 20 }", "when = {\n  min_trust = 20\n}")
    for text in (comma, broken):
        (p,) = toml10_problems(tmp_path / "x.toml", text)
        assert p.key == "endings.mixed.when"
        assert p.format().split(": warning: ")[1].startswith("endings.mixed.when: peer-sim reads")
    # \xHH rather than \e: the key locator decodes the text, and \e is deprecated there
    escape = MINI.replace('say = "Let\'s finish."', 'say = "Let\'s finish.\\x21"')
    (p,) = toml10_problems(tmp_path / "x.toml", escape)
    assert p.key == "scenes.middle.choices[3].say"


def test_a_goto_to_a_scene_not_yet_written_says_how_to_play_the_draft(tmp_path):
    """Author test 7 wrote half the scenes first: play refused, and the hint said only what a
    goto names, not how to try the half already written."""
    old = 'goto = "bridge"\nempowerment = 8'
    text = MINI.replace(old, old.replace("bridge", "kit-in-drawer"))
    p = only(tmp_path, text)
    assert p.key == "scenes.middle.choices[1].goto"
    assert "add [scenes.kit-in-drawer]" in p.hint
    assert 'write goto = "@outcome" until then to play the rest' in p.hint
    loads(tmp_path, text.replace('goto = "kit-in-drawer"', 'goto = "@outcome"'))
    # a plain next names its own key
    p = only(tmp_path, MINI.replace('next = "last"', 'next = "kit-in-drawer"'))
    assert p.key == "scenes.bridge.next" and 'write next = "@outcome"' in p.hint
