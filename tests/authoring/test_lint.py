"""Each lint on a fixture that triggers it, and on one that does not (good.toml)."""

from __future__ import annotations

import pytest

from sim.authoring.lint import analyse, lint

from .conftest import GOOD


def codes(problems):
    return [p.code for p in problems]


def test_good_fixture_is_clean():
    from sim.loading import load_scenario

    assert lint(load_scenario(GOOD)) == []


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


CHOICE2 = 'say = "Let\'s get your goals written down."'
PLAN = 'say = "Here is the plan I made for you."'

CASES = {
    "unreachable-scene": lambda t: (
        t + '\n[scenes.orphan]\ntext = "Nobody comes here."\nnext = "gone"\n'
    ),
    "unreachable-ending": lambda t: _replace(
        t,
        "[endings.partnership]",
        '[endings.never]\ntitle = "Never"\noutcome = "mixed"\ntext = "Too high."\n'
        "when = { min_trust = 100, min_empowerment = 100 }\n\n[endings.partnership]",
    ),
    "ending-order": lambda t: (
        t + '\n[endings.never]\ntitle = "Never"\noutcome = "mixed"\ntext = "Shadowed by gone."\n'
    ),
    "dead-end": lambda t: _replace(
        _replace(t, 'when = { visited = ["open"] }', 'when = { flags = ["reflected"] }'),
        PLAN,
        PLAN + "\nwhen = { min_trust = 90 }",
    ),
    "never-offered": lambda t: _replace(t, PLAN, PLAN + "\nwhen = { min_trust = 95 }"),
    "no-way-out": lambda t: (
        _replace(t, 'goto = "open"\ntrust = -5', 'goto = "spin"\ntrust = -5')
        + '\n[scenes.spin]\ntext = "Round and round."\n\n[[scenes.spin.choices]]\n'
        'say = "Tell me more."\ngoto = "spin"\nprinciples = { active-listening = "honours" }\n'
        'why = "It keeps going."\n'
    ),
    "no-why": lambda t: _replace(t, 'why = "He sets the direction."\n', ""),
    "no-principle": lambda t: _replace(
        t, 'principles = { empowerment = "honours" }\nwhy = "He sets', 'why = "He sets'
    ),
    "verdict-meters": lambda t: _replace(
        t, 'goto = "open"\ntrust = 10', 'goto = "open"\ntrust = -10\nempowerment = -3'
    ),
    "directive": lambda t: _replace(
        t,
        'say = "What would you like to get out of this?"',
        'say = "You should tell me what you want."',
    ),
    "stigma": lambda t: _replace(
        t,
        'say = "Sounds like coming here wasn\'t your idea."',
        'say = "Sounds like you want to get clean."',
    ),
    "untrained": lambda t: _replace(
        t,
        'trains = ["active-listening", "empowerment"]',
        'trains = ["active-listening", "empowerment", "connection"]',
    ),
    "only-undermined": lambda t: _replace(
        t,
        'trains = ["active-listening", "empowerment"]',
        'trains = ["active-listening", "empowerment", "mindful-advice"]',
    ).replace(
        'principles = { empowerment = "undermines" }\nwhy = "A plan made',
        'principles = { empowerment = "undermines", mindful-advice = "undermines" }\nwhy = "A plan made',
        1,
    ),
    "unset-flag": lambda t: _replace(
        t,
        "when = { min_empowerment = 25 }",
        'when = { min_empowerment = 25, not_flags = ["reflectd"] }',
    ),
    "flag-unused": lambda t: _replace(
        _replace(t, 'sets = ["reflected"]', 'sets = ["reflected", "avoided"]'),
        'when = { visited = ["open"] }',
        'when = { visited = ["open"], not_flags = ["avoidd"] }',
    ),
    "set-and-cleared": lambda t: _replace(
        t, 'sets = ["reflected"]', 'sets = ["reflected"]\nclears = ["reflected"]'
    ),
    "safety-worst": lambda t: _replace(
        t,
        'principles = { empowerment = "undermines" }\nwhy = "A plan made',
        'principles = { crisis-referral = "honours" }\nwhy = "A plan made',
    ),
}


@pytest.mark.parametrize("code", sorted(CASES))
def test_each_lint_triggers(code, good_text, make):
    problems = lint(make(CASES[code](good_text)))
    found = [p for p in problems if p.code == code]
    assert found, codes(problems)
    for p in found:  # every message names file, line and key path
        assert p.path.name == "case.toml"
        assert p.line is not None and p.key
        assert p.format().startswith(f"{p.path}:{p.line}")


def test_errors_and_warnings_are_told_apart(good_text, make):
    by_code = {}
    for patch in CASES.values():
        for p in lint(make(patch(good_text))):
            by_code.setdefault(p.code, p.severity)
    assert by_code["dead-end"] == "error"
    assert by_code["unreachable-scene"] == "error"
    assert by_code["no-way-out"] == "error"
    assert by_code["no-why"] == "warning"
    assert by_code["stigma"] == "warning"


def test_dead_end_points_at_the_scene_with_an_example_state(good_text, make):
    (p,) = [p for p in lint(make(CASES["dead-end"](good_text))) if p.code == "dead-end"]
    assert p.key == "scenes.middle.choices"
    assert "trust 25, empowerment 20" in p.message


def test_never_offered_names_the_condition_line(good_text, make):
    text = CASES["never-offered"](good_text)
    (p,) = [p for p in lint(make(text)) if p.code == "never-offered"]
    assert p.key == "scenes.middle.choices[3].when"
    assert text.splitlines()[p.line - 1].startswith("when = { min_trust = 95 }")
    assert "trust is 25..40" in p.hint


def test_stigma_allowed_only_when_the_choice_undermines_person_first_language(good_text, make):
    # This choice undermines empowerment only: the debrief would never name the word,
    # so check warns and says which key to add (author38; it passed before).
    text = _replace(good_text, CHOICE2, 'say = "Are you still clean?"')
    (p,) = [p for p in lint(make(text)) if p.code == "stigma"]
    assert p.key == "scenes.hello.choices[2].say"
    assert 'add person-first-language = "undermines"' in p.hint
    marked = text.replace(
        'principles = { empowerment = "undermines" }',
        'principles = { empowerment = "undermines", person-first-language = "undermines" }',
        1,
    )
    assert "stigma" not in codes(lint(make(marked)))


@pytest.mark.parametrize(
    "say, flagged",
    [
        ("You need to stop using.", True),
        ("Just go to a meeting.", True),
        ("Why don't you just try it?", True),
        ("What you just said matters.", False),
        ("I was just as nervous once.", False),
        ("I just don't want anything to happen to you.", False),  # the coach's feeling
        ("We just think it through, together.", False),
        ("You just need to stop.", True),
    ],
)
def test_directive_wording(say, flagged, good_text, make):
    text = _replace(good_text, 'say = "What would you like to get out of this?"', f'say = "{say}"')
    assert ("directive" in codes(lint(make(text)))) is flagged


@pytest.mark.parametrize(
    "say, flagged",
    [
        ("How long have you been clean?", True),
        ("Was it a dirty test?", True),
        ("He is an addict.", True),
        ("Substance abusers are welcome.", True),
        ("Let's clean up the table first.", False),
        ("How long have you been in recovery?", False),
        ("Her brother committed suicide last year.", True),
        ("Her brother died by suicide last year.", False),
        ("We are committed to your recovery.", False),
    ],
)
def test_stigma_wording(say, flagged, good_text, make):
    text = _replace(
        good_text, 'say = "Sounds like coming here wasn\'t your idea."', f'say = "{say}"'
    )
    assert ("stigma" in codes(lint(make(text)))) is flagged


def test_state_bound_falls_back_to_link_checks(good_text, make):
    scenario = make(CASES["unreachable-scene"](good_text))
    result = analyse(scenario, max_nodes=1)
    assert not result.exploration.complete
    found = codes(result.problems)
    assert "state-bound" in found
    assert "unreachable-scene" in found  # the link-level check still runs


def test_check_command_reports_lints_and_strict(good_text, tmp_path, capsys):
    from sim.cli import main

    path = tmp_path / "warn.toml"
    path.write_text(CASES["no-why"](good_text))
    assert main(["check", str(path)]) == 0
    out = capsys.readouterr().out
    assert "warning: scenes.middle.choices[1]" in out
    assert main(["check", "--strict", str(path)]) == 1
    bad = tmp_path / "bad.toml"
    bad.write_text(CASES["never-offered"](good_text))
    assert main(["check", str(bad)]) == 1
    assert "error: scenes.middle.choices[3].when" in capsys.readouterr().out


def test_check_stats_shows_ending_ranges(capsys):
    from sim.cli import main

    assert main(["check", "--stats", str(GOOD)]) == 0
    out = capsys.readouterr().out
    assert "ending partnership (strong): trust 40..40, empowerment 60..60" in out
    assert "ending gone (poor): trust 25..40, empowerment 10..20" in out


def test_hints_name_a_misspelt_flag_and_the_meters_at_outcome(good_text, make):
    text = _replace(
        good_text, 'when = { flags = ["reflected"] }', 'when = { flags = ["reflectd"] }'
    )
    text = _replace(
        text, "when = { min_trust = 40, min_empowerment = 50 }", "when = { min_trust = 90 }"
    )
    problems = {p.code: p for p in lint(make(text))}
    assert "did you mean 'reflected'" in problems["never-offered"].hint
    assert '"@outcome" is reached with trust 25..40' in problems["unreachable-ending"].hint


def test_a_misspelt_flag_in_an_ending_gets_the_same_hint_as_in_a_choice(good_text, make):
    text = _replace(
        good_text,
        "when = { min_trust = 40, min_empowerment = 50 }",
        'when = { min_trust = 40, min_empowerment = 50, flags = ["reflectd"] }',
    )
    problems = lint(make(text))
    (p,) = [p for p in problems if p.code == "unreachable-ending"]
    assert p.key == "endings.partnership"
    assert p.hint == "no choice sets the flag 'reflectd'; did you mean 'reflected'?"
    assert "unset-flag" not in codes(problems)  # said once, by the error


def test_flags_tested_but_never_set_and_set_but_never_tested(good_text, make):
    text = CASES["flag-unused"](CASES["unset-flag"](good_text))
    by_code = {p.code: p for p in lint(make(text))}
    unset, unused = by_code["unset-flag"], by_code["flag-unused"]
    assert unset.key == "endings.maybe.when.not_flags" and unset.severity == "warning"
    assert "no choice sets the flag 'reflectd'" in unset.message
    assert unset.hint == "did you mean 'reflected'?"
    # at the first choice that sets it
    assert unused.key == "scenes.hello.choices[1].sets" and unused.severity == "warning"
    assert (
        unused.message == "flag 'avoided' is set by hello#1 but nothing reads it (no when tests it)"
    )
    assert unused.hint == "a when tests 'avoidd', which no choice sets: is one misspelt?"
    assert text.splitlines()[unused.line - 1].startswith("sets = ")


def test_a_flag_nothing_reads_is_named_with_the_way_out(good_text, make):
    """The owner's decision (author28): a flag set and never read is a mistake or dead
    weight, so it is named even with no near spelling: at its first setter, naming
    the others and the clears, and the hint offers both ways out."""
    text = _replace(good_text, 'sets = ["reflected"]', 'sets = ["reflected", "avoided"]')
    text = _replace(
        text,
        'why = "It takes over before',
        'sets = ["avoided"]\nclears = ["avoided"]\nwhy = "It takes over before',
    )
    (p,) = [p for p in lint(make(text)) if p.code == "flag-unused"]
    assert p.severity == "warning" and p.key == "scenes.hello.choices[1].sets"
    assert text.splitlines()[p.line - 1] == 'sets = ["reflected", "avoided"]'
    assert p.message == (
        "flag 'avoided' is set by hello#1 (also set by hello#2) but nothing reads it "
        "(no when tests it)"
    )
    assert p.hint == (
        'test it where it should change something (when = { flags = ["avoided"] } on a '
        "choice, a next branch, a variant, an ending, an also or a reflection), or remove "
        "it from sets on hello#1 and hello#2 and from clears on hello#2"
    )


@pytest.mark.parametrize(
    ("old", "reader"),
    [  # a choice testing it the other way round, inside an `any`, a reflection
        ('when = { visited = ["open"] }', 'when = { not_flags = ["avoided"] }'),
        (
            'when = { visited = ["open"] }',
            'when = { any = [{ flags = ["avoided"] }, { min_trust = 0 }] }',
        ),
        (
            'text = "Sam leaves."',
            'text = "Sam leaves."\n\n[[debrief.reflect]]\ntext = "What did Sam avoid?"\n'
            'when = { flags = ["avoided"] }',
        ),
    ],
)
def test_a_flag_read_anywhere_is_not_unused(old, reader, good_text, make):
    text = _replace(good_text, 'sets = ["reflected"]', 'sets = ["reflected", "avoided"]')
    text = _replace(text, old, reader)
    problems = lint(make(text))
    assert "flag-unused" not in codes(problems), codes(problems)


def test_a_flag_only_tested_under_another_spelling_points_at_it(good_text, make):
    text = _replace(
        good_text, 'when = { flags = ["reflected"] }', 'when = { flags = ["reflectd"] }'
    )
    by_code = {p.code: p for p in lint(make(text))}
    assert "did you mean 'reflected'?" in by_code["never-offered"].hint
    assert by_code["flag-unused"].message == (
        "flag 'reflected' is set by hello#1 but nothing reads it (no when tests it)"
    )
    assert "'reflectd'" in by_code["flag-unused"].hint


def test_an_ending_kept_away_by_a_cap_says_so_not_change_the_numbers(good_text, make):
    """The only way to a strong ending's flag is a critical slip: the cap is the cause."""
    text = _replace(
        good_text,
        PLAN,
        PLAN + '\ncritical = "outside-role"\nsets = ["planned"]',
    )
    text = _replace(
        text,
        "when = { min_trust = 40, min_empowerment = 50 }",
        'when = { min_trust = 0, flags = ["planned"] }',
    )
    found = {p.key: p for p in lint(make(text))}
    p = found["endings.partnership"]
    assert p.code == "unreachable-ending"
    assert "'planned', which only critical slips set" in p.hint
    assert "change the numbers" not in p.hint
    # Following the hint: a `when` runs without the slip can meet.
    fixed = text.replace(
        'when = { min_trust = 0, flags = ["planned"] }', "when = { min_trust = 40 }"
    )
    assert "endings.partnership" not in {p.key for p in lint(make(fixed))}


def test_a_mixed_verdict_choice_may_lower_both_meters(good_text, make):
    """Grabbing someone's car keys honours safety and undermines their say: both may fall."""
    lowered = 'goto = "open"\ntrust = -10\nempowerment = -3'
    text = _replace(good_text, 'goto = "open"\ntrust = 10', lowered)
    assert "verdict-meters" in codes(lint(make(text)))
    mixed = _replace(
        text,
        'principles = { active-listening = "honours" }\nwhy = "A reflection',
        'principles = { active-listening = "honours", empowerment = "undermines" }\n'
        'why = "A reflection',
    )
    assert "verdict-meters" not in codes(lint(make(mixed)))


def test_a_scene_only_a_branch_of_next_leads_to_says_branch_not_choices(good_text, make):
    text = _replace(
        good_text,
        'text = "My sister made me come."\nnext = "middle"\n',
        'text = "My sister made me come."\n\n[[scenes.open.next]]\n'
        'when = { flags = ["never-set"] }\ngoto = "aside"\n\n[[scenes.open.next]]\ngoto = "middle"\n\n'
        '[scenes.aside]\ntext = "An aside."\nnext = "middle"\n',
    )
    found = {p.key: p for p in lint(make(text))}
    hint = found["scenes.aside"].hint
    assert "branch 1 of the next of 'open', is never taken" in hint and "choice" not in hint


def test_a_flag_nothing_sets_with_no_near_name_says_how_to_fix_it(good_text, make):
    text = _replace(
        good_text, 'when = { flags = ["reflected"] }', 'when = { flags = ["asked-permission"] }'
    )
    found = {p.key: p for p in lint(make(text))}
    hint = found["scenes.middle.choices[1].when"].hint
    assert hint == (
        "no choice sets the flag 'asked-permission'; "
        'set it on a choice with sets = ["asked-permission"], or take it out of this when'
    )


def test_an_indented_multiline_text_is_named_and_the_hint_clears_it(good_text, make):
    # A tab-indented """ block: the first line loses its tab, the rest show theirs.
    indented = 'text = """\n\tMy sister made me come.\n\tShe waited in the car."""'
    problems = lint(make(_replace(good_text, 'text = "My sister made me come."', indented)))
    found = [p for p in problems if p.code == "indented-text"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].key.endswith(".text") and "starts with a tab" in found[0].message
    assert found[0].hint.startswith("start every line of the text at the left margin; ")
    fixed = indented.replace("\t", "")  # following the hint literally
    assert lint(make(_replace(good_text, 'text = "My sister made me come."', fixed))) == []


def test_the_indent_warning_is_true_of_an_indented_first_line_and_offers_the_joining_slash(
    good_text, make
):
    # Every line tab-indented, the first too: "while the first line has none" was false of
    # the file, and taking the tabs out left two shown lines where one paragraph was meant.
    indented = 'text = """\n\tMy sister made me come.\n\tShe waited in the car."""'
    (found,) = [
        p
        for p in lint(make(_replace(good_text, 'text = "My sister made me come."', indented)))
        if p.code == "indented-text"
    ]
    assert "first line has none" not in found.message
    assert "it drops only the first line's" in found.message
    assert 'in a """ text, end a line with a space and \\ to run it on' in found.hint
    # following the second half of the hint: the next line's tab goes with the line break
    joined = indented.replace("come.\n", "come. \\\n")
    scenario = make(_replace(good_text, 'text = "My sister made me come."', joined))
    assert scenario.scenes["open"].text == "My sister made me come. She waited in the car."
    assert lint(scenario) == []


def test_committed_suicide_gets_the_words_to_use_instead(good_text, make):
    text = _replace(
        good_text,
        'say = "Sounds like coming here wasn\'t your idea."',
        'say = "Are you thinking about committing suicide?"',
    )
    (found,) = [p for p in lint(make(text)) if p.code == "stigma"]
    assert "'committing suicide' is stigmatising language" in found.message
    assert "'thinking about suicide' or 'killing yourself' asks just as directly" in found.hint
    assert (
        "person who uses" not in found.hint and "died by" not in found.hint
    )  # asking, not a death


def test_only_undermined_counts_the_lines_and_is_true_beside_a_neutral_one(good_text, make):
    """A neutral mark is no honour, so the warning still comes; but it said "every choice
    that touches it undermines it", untrue of the neutral line beside the slip."""
    text = CASES["only-undermined"](good_text).replace(
        'principles = { empowerment = "honours" }\nwhy = "He sets',
        'principles = { empowerment = "honours", mindful-advice = "neutral" }\nwhy = "He sets',
        1,
    )
    assert 'mindful-advice = "neutral"' in text
    (p,) = [p for p in lint(make(text)) if p.code == "only-undermined"]
    assert p.message == (
        "'mindful-advice' is listed in trains but no choice honours it (1 choice undermines "
        "it), so a trainee never hears a line that honours it"
    )


def test_a_flag_both_set_and_cleared_is_named_at_the_choice(good_text, make):
    """The README says a flag in both sets and clears ends up cleared; check said only that a
    when testing it never holds, far from the choice, as if nothing set it."""
    (p,) = [
        p for p in lint(make(CASES["set-and-cleared"](good_text))) if p.code == "set-and-cleared"
    ]
    assert p.severity == "warning" and p.key.endswith(".clears")
    assert "both sets and clears 'reflected'" in p.message and "ends up cleared" in p.message
    assert p.hint == "remove 'reflected' from clears to set it, or from sets to clear it"
    fixed = good_text  # following the hint (clears removed) is the good fixture: clean
    assert "set-and-cleared" not in codes(lint(make(fixed)))


def test_not_visited_naming_its_own_scene_says_the_scene_shown_counts(good_text, make):
    # author37: `not_visited = ["middle"]` on a choice in 'middle' was told "scene 'middle'
    # is always seen on the way here", which sent the author looking for an earlier way
    # through it; the README's rule is that the scene being shown counts as seen
    text = _replace(good_text, PLAN, PLAN + '\nwhen = { not_visited = ["middle"] }')
    (p,) = [p for p in lint(make(text)) if p.code == "never-offered"]
    assert "'middle' is the scene this choice is offered in" in p.hint
    assert "the scene being shown counts as seen" in p.hint
    # another scene always seen on the way keeps its words
    text = _replace(good_text, PLAN, PLAN + '\nwhen = { not_visited = ["hello"] }')
    (p,) = [p for p in lint(make(text)) if p.code == "never-offered"]
    assert "scene 'hello' is always seen on the way here" in p.hint
