"""Messages from author test 3 (a trainer writing from the README alone).

Each test makes the mistake as that author made it, asserts the message names
the real cause at the right line, and, where the hint is a TOML fix, follows it
literally and loads the result.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.cli import main
from sim.loading import load_scenario

# the same helpers as the other author-message tests: make the mistake, follow the hint
from tests.core.test_author_messages import MINI, loads, only, problems

FIXTURES = Path(__file__).parent / "fixtures"


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def test_next_as_a_list_of_names_is_one_error_with_both_forms_that_load(tmp_path):
    text = MINI.replace('next = "last"', 'next = ["last", "@outcome"]')
    p = only(tmp_path, text)
    assert p.key == "scenes.bridge.next"
    assert p.line == line_of(text, "next = [")
    assert "list of names" in p.message and "0 = {" not in p.hint
    assert 'write next = "last"' in p.hint
    assert loads(tmp_path, text.replace('next = ["last", "@outcome"]', 'next = "last"'))
    branches = p.hint.split("next = ", 2)[2]
    branches = branches.replace('["..."]', '["reflected"]').replace('"..."', '"@outcome"')
    fixed = loads(tmp_path, text.replace('next = ["last", "@outcome"]', "next = " + branches))
    assert [s.goto for s in fixed.scenes["bridge"].steps()] == ["last", "@outcome"]


def test_a_reflection_as_one_text_is_told_to_add_brackets_not_a_table(tmp_path):
    text = MINI.replace('reflect = ["What did Kim want?"]', 'reflect = "What did Kim want?"')
    p = only(tmp_path, text)
    assert p.key == "debrief.reflect"
    assert "list of tables" not in p.message and "{ text" not in p.hint
    assert 'reflect = ["..."]' in p.hint
    fixed = loads(tmp_path, text.replace('"What did Kim want?"', '["What did Kim want?"]'))
    assert fixed.debrief.reflect == ("What did Kim want?",)


def test_a_variant_without_when_is_told_to_add_it_in_that_block(tmp_path):
    text = MINI.replace(
        "[debrief]", '[[endings.mixed.variants]]\ntext = "Another way."\n\n[debrief]'
    )
    p = only(tmp_path, text)
    assert p.key == "endings.mixed.variants[1].when"
    assert p.hint.startswith("add when = { min_trust = 10 } in the 1st entry of ")
    assert "flags, not_flags, visited" in p.hint  # the number is an example, not advice
    assert "inline" not in p.hint
    fixed = loads(
        tmp_path,
        text.replace('text = "Another way."', 'text = "Another way."\nwhen = { min_trust = 10 }'),
    )
    assert fixed.endings["mixed"].variants[0].when is not None


@pytest.mark.parametrize(
    ("wrong", "right"),
    [("[[scene.last.choices]]", "[[scenes.last.choices]]"), ("[ending.mixed]", "[endings.mixed]")],
)
def test_a_misspelt_first_part_of_a_header_names_that_header_line(tmp_path, wrong, right):
    text = MINI.replace(right, wrong)
    found = [p for p in problems(tmp_path, text) if p.key == wrong.strip("[]").split(".")[0]]
    assert found, problems(tmp_path, text)
    assert found[0].line == line_of(text, wrong)
    assert "did you mean" in found[0].hint


@pytest.mark.parametrize("first", ['next = ["last"]', 'next = "last"'])
def test_next_written_then_branch_blocks_names_both_places(tmp_path, first):
    text = MINI.replace(
        'next = "last"',
        first + '\n\n[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "last"'
        '\n\n[[scenes.bridge.next]]\ngoto = "@outcome"',
    )
    p = only(tmp_path, text)
    assert "immutable" not in p.message and "rename" not in p.hint
    assert p.line == line_of(text, "[[scenes.bridge.next]]")
    assert f"already set on line {line_of(text, first)}" in p.message
    # Either way the hint offers loads: here, delete the next = ... line.
    fixed = loads(tmp_path, text.replace(first + "\n", "", 1))
    assert [s.goto for s in fixed.scenes["bridge"].steps()] == ["last", "@outcome"]


def test_a_choice_key_written_twice_is_not_told_to_move_up_to_the_scene(tmp_path):
    text = MINI.replace("trust = 10\n", "trust = 10\ntrust = 8\n", 1)
    p = only(tmp_path, text)
    assert "move it up" not in p.hint
    first = line_of(text, "trust = 10")
    assert p.hint == f"keep only one of them: delete line {first} or line {first + 1}"
    assert loads(tmp_path, text.replace("trust = 8\n", "", 1))


def test_a_scene_key_written_twice_below_its_variants_is_still_told_to_move_up(tmp_path):
    text = MINI.replace(
        'text = "A pause."\nnext = "last"',
        'next = "last"\n\n[[scenes.bridge.variants]]\nwhen = { flags = ["reflected"] }\n'
        'text = "A long pause."\ntext = "A pause."',
    )
    p = only(tmp_path, text)
    assert "move it up, below [scenes.bridge]" in p.hint


def test_a_misspelt_critical_is_not_echoed_by_a_cap_error(tmp_path):
    text = MINI.replace(
        'why = "Shuts the door."',
        'why = "Shuts the door."\ncritical = "outside role"\ncap = "poor"',
    )
    p = only(tmp_path, text)
    assert p.key.endswith(".critical") and "did you mean 'outside-role'" in p.hint


def test_a_cap_without_any_critical_is_still_an_error(tmp_path):
    text = MINI.replace('why = "Shuts the door."', 'why = "Shuts the door."\ncap = "poor"')
    p = only(tmp_path, text)
    assert p.key.endswith(".cap") and "only applies to a critical slip" in p.message


def test_visited_naming_an_ending_says_it_is_an_ending(tmp_path):
    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = [{ text = "Why?", when = { visited = ["poor"] } }]',
    )
    p = only(tmp_path, text)
    assert "'poor' is an ending, not a scene" in p.message
    assert "flag" in p.hint


def test_start_naming_an_ending_says_it_is_an_ending(tmp_path):
    p = only(tmp_path, MINI.replace('start = "hello"', 'start = "strong"'))
    assert "'strong' is an ending" in p.hint and "did you mean" not in p.hint


def test_play_start_at_an_ending_says_it_is_an_ending(capsys):
    assert main(["play", str(FIXTURES / "mini.toml"), "--plain", "--start", "strong"]) == 2
    err = capsys.readouterr().err
    assert "'strong' is an ending, and --start takes a scene" in err


def test_a_scripted_id_not_on_offer_names_its_entry_and_the_ids(capsys):
    assert main(["play", str(FIXTURES / "mini.toml"), "--no-record", "--choices", "1,midle#1"]) == 1
    err = capsys.readouterr().err
    assert "--choices entry 2, 'midle#1', is not on offer at scene 'middle' (decision 2)" in err
    assert "middle#1, middle#2" in err and "did you mean 'middle#1'?" in err


def test_a_script_longer_than_the_run_says_what_was_left_over(capsys):
    args = ["play", str(FIXTURES / "mini.toml"), "--no-record", "--choices", "1,1,1,2,3"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "Ending:" in out
    assert "ended after 3 of the 5 scripted choices; the rest were not used: 2,3." in out


def test_a_cap_break_example_takes_no_other_critical_slip(tmp_path):
    from sim.authoring.lint import lint

    text = MINI.replace(
        'sets = ["reflected"]', 'sets = ["reflected"]\ncritical = "safety"', 1
    ).replace(
        'say = "Thank you for coming."\ngoto = "@outcome"',
        'say = "Thank you for coming."\ngoto = "strong"\ncritical = "outside-role"',
    )
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "cap-break"]
    # The shortest path starts with the critical slip hello#1 (reflect); the example
    # should show only the slip the message is about.
    assert "with the critical slip last#1)" in p.message
    assert "reflect" not in p.message.split("for example")[1]


def test_a_long_text_left_open_is_named_where_it_opened(tmp_path):
    text = MINI.replace('text = "Hi."', 'text = """\nHi.\nI came anyway.').replace(
        'text = "So what now?"', 'text = """\nSo what now?"""'
    )
    p = only(tmp_path, text)
    opened = line_of(text, 'text = """\nHi.')
    closed = line_of(text, 'text = """\nSo what')
    assert f"the long text opened on line {opened}" in p.message
    assert f'the """ on line {closed} closes it' in p.message
    fixed = loads(tmp_path, text.replace("I came anyway.", 'I came anyway."""'))
    assert fixed.scenes["hello"].text == "Hi.\nI came anyway."


def test_an_id_with_a_file_of_that_name_here_says_give_the_path(tmp_path, monkeypatch, capsys):
    (tmp_path / "draft.toml").write_text(MINI, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["graph", "draft"]) == 2
    assert "give its path: draft.toml" in capsys.readouterr().err
    assert main(["graph", "draft.toml"]) == 0


def test_a_toml_file_that_is_no_scenario_is_one_problem(tmp_path):
    found = problems(tmp_path, 'theme = "peer-sim-light"\n\n[keys]\n"app.quit" = "f10"\n')
    assert len(found) == 1 and found[0].code == "not-a-scenario"
    assert "peer-sim new" in found[0].hint and "move it out" in found[0].hint


def test_a_critical_slip_that_undermines_nothing_is_warned(tmp_path):
    from sim.authoring.lint import lint

    text = MINI.replace(
        'principles = { active-listening = "neutral" }\nwhy = "A warm close."',
        'principles = { active-listening = "honours" }\nwhy = "A warm close."\ncritical = "safety"',
    )
    (p,) = [p for p in lint(loads(tmp_path, text)) if p.code == "critical-honours"]
    assert p.key == "scenes.last.choices[1].principles" and p.severity == "warning"
    assert "counts it as honouring active-listening" in p.message
    fixed = text.replace(
        'principles = { active-listening = "honours" }\nwhy = "A warm close."',
        'principles = { crisis-referral = "undermines" }\nwhy = "A warm close."',
    )
    assert not [p for p in lint(loads(tmp_path, fixed)) if p.code == "critical-honours"]


def test_new_with_spaces_suggests_an_id_that_works(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "My Scenario"]) == 1
    assert "did you mean my-scenario?" in capsys.readouterr().err
    assert main(["new", "my-scenario"]) == 0
    assert load_scenario(tmp_path / "my-scenario.toml")


def test_new_with_a_bundled_id_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["new", "first-meeting"]) == 0
    assert "also the id of a bundled scenario" in capsys.readouterr().out
    assert main(["new", "my-first-meeting"]) == 0
    assert "bundled" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("command", "words"),
    [
        (["new"], "give a path"),
        (["play"], "a .toml file, or a scenario id"),
        (["list"], "subfolders too"),
        (["check"], "json: per file"),
        (["graph"], "dot (Graphviz)"),
    ],
)
def test_author_commands_explain_their_arguments(capsys, command, words):
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    assert words in " ".join(capsys.readouterr().out.split())


def test_an_any_inside_an_any_says_so(tmp_path):
    text = MINI.replace(
        "when = { max_trust = 30 }",
        'when = { any = [{ max_trust = 30 }, { any = [{ flags = ["reflected"] }] }] }',
    )
    p = only(tmp_path, text)
    assert p.key.endswith("when.any[2].any") and "cannot hold another any" in p.hint
    fixed = loads(
        tmp_path,
        text.replace('{ any = [{ flags = ["reflected"] }] }', '{ flags = ["reflected"] }'),
    )
    assert fixed.scenes["middle"].choices[2].when is not None


def test_a_when_on_a_scene_points_to_branches_and_variants(tmp_path):
    text = MINI.replace(
        '[scenes.last]\nspeaker = "kim"',
        '[scenes.last]\nwhen = { min_trust = 40 }\nspeaker = "kim"',
    )
    p = only(tmp_path, text)
    assert p.key == "scenes.last.when"
    assert "[[scenes.last.variants]]" in p.hint and "a scene has no when" in p.hint
