"""Messages from author test 5 (a trainer writing a court-letter scenario from the README alone).

Each test makes the mistake as that author made it, asserts the message names
the real cause, and, where the hint is a fix, follows it and checks the problem
is gone.
"""

from __future__ import annotations

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads

SLIP = """
[[scenes.hello.choices]]
say = "Sure, I'll write that you're ready and send it tonight."
goto = "signed"
trust = 5
critical = "outside-role"
principles = { boundaries = "undermines" }
why = "Not a peer coach's judgement to make."

[scenes.middle]"""
SIGNED = '[endings.signed]\ntitle = "Signed"\noutcome = "strong"\ntext = "Sent."\n'
# a critical slip that goes straight to a strong ending nothing else reaches
SLIP_TO_SIGNED = MINI.replace("\n[scenes.middle]", SLIP, 1) + "\n" + SIGNED


def codes(tmp_path, text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in lint(loads(tmp_path, text)):
        out.setdefault(p.code, []).append(p)
    return out


def test_an_ending_only_critical_slips_go_to_says_so_not_never_offered(tmp_path):
    (p,) = codes(tmp_path, SLIP_TO_SIGNED)["unreachable-ending"]
    assert p.key == "endings.signed"
    assert "never offered" not in p.hint  # hello#4 is offered, and taken
    assert "hello#4" in p.hint and "critical slip" in p.hint
    assert 'outcome = "mixed"' in p.hint
    fixed = SLIP_TO_SIGNED.replace(SIGNED, SIGNED.replace('"strong"', '"mixed"'))
    found = codes(tmp_path, fixed)
    assert "unreachable-ending" not in found and "cap-break" not in found


def test_a_variant_on_a_scene_never_seen_first_names_that_scene(tmp_path):
    variant = '[[scenes.middle.variants]]\nwhen = { visited = ["last"] }\ntext = "Again?"\n\n'
    text = MINI.replace("[[scenes.middle.choices]]", variant + "[[scenes.middle.choices]]", 1)
    (p,) = codes(tmp_path, text)["never-shown"]
    assert p.key == "scenes.middle.variants[1].when"
    assert "or an earlier variant" not in p.message  # it is not the order: say what it is
    assert p.hint == "scene 'last' is never seen on the way here"


BRANCHES = (
    '[[scenes.bridge.next]]\nwhen = {}\ngoto = "last"\n\n'
    '[[scenes.bridge.next]]\ngoto = "@outcome"\n'
)


def test_a_branch_on_a_flag_set_only_elsewhere_names_the_flag_and_who_sets_it(tmp_path):
    text = MINI.replace('next = "last"\n', BRANCHES.replace("{}", '{ flags = ["gave-up"] }'))
    text = text.replace(
        'goto = "@outcome"\ntrust = -100', 'goto = "@outcome"\ntrust = -100\nsets = ["gave-up"]'
    )
    (p,) = codes(tmp_path, text)["never-taken"]
    assert p.key == "scenes.bridge.next[1].when"
    assert "flag 'gave-up' is never set on the way here" in p.hint
    assert "only hello#3 sets it" in p.hint


def test_a_branch_behind_one_that_always_goes_first_says_which(tmp_path):
    first = '[[scenes.bridge.next]]\nwhen = { min_trust = 0 }\ngoto = "@outcome"\n\n'
    text = MINI.replace(
        'next = "last"\n', first + BRANCHES.replace("{}", '{ flags = ["reflected"] }')
    )
    (p,) = codes(tmp_path, text)["never-taken"]
    assert p.key == "scenes.bridge.next[2].when"
    assert "holds on some ways, but branch 1 always goes first" in p.message
    assert p.hint.startswith("put this branch before branch 1")


def test_a_reflection_on_a_misspelt_flag_is_one_warning_that_names_it(tmp_path):
    reflect = 'reflect = ["What did Kim want?", { text = "Why?", when = { flags = ["reflectd"] } }]'
    text = MINI.replace('reflect = ["What did Kim want?"]', reflect)
    found = codes(tmp_path, text)
    assert "unset-flag" not in found  # the same cause, said once
    (p,) = found["never-shown"]
    assert "no choice sets the flag 'reflectd'" in p.hint and "'reflected'" in p.hint


def test_the_first_ending_out_of_reach_names_the_bound_not_an_earlier_ending(tmp_path):
    text = MINI.replace(
        'when = { min_trust = 60, flags = ["reflected"] }', "when = { min_empowerment = 101 }"
    )
    text = text.replace("min_empowerment = 101", "min_trust = 99")
    (p,) = codes(tmp_path, text)["unreachable-ending"]
    assert p.key == "endings.strong"
    assert "earlier ending" not in p.hint  # strong is the first ending
    assert "min_trust = 99, but trust is at most" in p.hint


def test_a_choice_on_a_scene_never_seen_first_names_that_scene(tmp_path):
    text = MINI.replace("when = { max_trust = 30 }", 'when = { visited = ["last"] }')
    (p,) = codes(tmp_path, text)["never-offered"]
    assert p.key == "scenes.middle.choices[3].when"
    assert p.hint.startswith("scene 'last' is never seen on the way here")


def test_check_and_test_on_a_draft_named_without_toml_suggest_the_file(
    tmp_path, monkeypatch, capsys
):
    from sim.cli import main

    (tmp_path / "the-letter.toml").write_text(MINI)
    monkeypatch.chdir(tmp_path)
    for command in ("check", "test"):
        assert main([command, "the-letter"]) == 1
        out = capsys.readouterr().out
        assert "did you mean the-letter.toml?" in out, out
        assert "peer-sim check the-letter" not in out  # a check that cannot read it either
    assert main(["check", "the-letter.toml"]) == 0


def test_watch_given_before_a_command_says_it_belongs_to_play(tmp_path, capsys):
    import pytest

    from sim.cli import main

    with pytest.raises(SystemExit) as info:
        main(["--scenarios", str(tmp_path), "--watch"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: --watch" in err
    assert "--watch is an option of `peer-sim play`, as in peer-sim play SCENARIO --watch" in err
    with pytest.raises(SystemExit):
        main(["list", "--bogus"])  # an option no command takes: argparse's words alone
    assert capsys.readouterr().err.rstrip().endswith("unrecognized arguments: --bogus")


def test_a_misspelt_key_does_not_hold_back_a_broken_link_elsewhere(tmp_path):
    from tests.core.test_author_messages import problems

    text = MINI.replace('say = "I can\'t help you."', 'sya = "I can\'t help you."')
    text = text.replace('goto = "bridge"', 'goto = "brige"', 1)
    found = {p.key: p for p in problems(tmp_path, text)}
    assert "scenes.hello.choices[3].sya" in found
    link = found["scenes.middle.choices[1].goto"]  # reported in the same round
    assert "'brige' is not a scene or an ending" in link.message
    assert "'bridge'" in link.hint


def test_a_scene_behind_a_choice_never_offered_names_that_choice(tmp_path):
    aside = '[scenes.aside]\ntext = "An aside."\nnext = "last"\n\n[scenes.last]'
    text = (
        MINI.replace("[scenes.last]", aside)
        .replace(
            'say = "Let\'s finish."\ngoto = "@outcome"', 'say = "Let\'s finish."\ngoto = "aside"'
        )
        .replace("max_trust = 30", "max_trust = 10")
    )  # trust is 25 or 60 in 'middle'
    found = codes(tmp_path, text)
    (p,) = found["unreachable-scene"]
    assert p.key == "scenes.aside"
    assert p.hint == "the only way here, choice middle#3, is never offered: see the error there"
    assert [q.key for q in found["never-offered"]] == ["scenes.middle.choices[3].when"]


def test_a_draft_without_endings_still_hears_of_a_misspelt_scene_now(tmp_path):
    """A first draft has scenes and no [endings] yet: its broken links waited a round."""
    from tests.core.test_author_messages import problems

    draft = MINI[: MINI.index("[endings.strong]")] + MINI[MINI.index("[debrief]") :]
    draft = draft.replace('goto = "bridge"', 'goto = "brige"', 1)  # a typo of a scene
    draft = draft.replace('goto = "bridge"', 'goto = "farewell"', 1)  # an ending still to come
    found = {p.key: p for p in problems(tmp_path, draft)}
    assert "'endings' is required" in found["endings"].message
    typo = found["scenes.middle.choices[1].goto"]
    assert "'brige' is not a scene or an ending" in typo.message
    assert typo.hint == "did you mean 'bridge'?"
    assert "scenes.middle.choices[2].goto" not in found  # 'farewell' may be written next
    assert len(found) == 2, found


def _ending_variants(*whens: str) -> str:
    blocks = "".join(
        f'\n[[endings.{end}.variants]]\nwhen = {when}\ntext = "Another way."\n'
        for end, when in (w.split(" ", 1) for w in whens)
    )
    return MINI.replace("\n[debrief]", blocks + "\n[debrief]", 1)


def test_an_ending_variant_behind_one_that_asks_for_less_says_which(tmp_path):
    text = _ending_variants("mixed { min_trust = 20 }", "mixed { min_trust = 26 }")
    (p,) = codes(tmp_path, text)["never-shown"]
    assert p.key == "endings.mixed.variants[2].when"
    assert "variant 1 always shows first when a run ends at 'mixed'" in p.message
    assert p.hint == "put this variant before variant 1, or narrow variant 1's when"
    # Swapped, as the hint says: both can show.
    swapped = _ending_variants("mixed { min_trust = 26 }", "mixed { min_trust = 20 }")
    assert "never-shown" not in codes(tmp_path, swapped)


def test_an_ending_variant_out_of_the_meters_says_where_runs_end(tmp_path):
    (p,) = codes(tmp_path, _ending_variants("poor { min_trust = 90 }"))["never-shown"]
    assert "its when never holds when a run ends at 'poor'" in p.message
    # the bound that fails, with where runs end (author test 8: more than the ranges alone)
    assert p.hint == "min_trust = 90, but trust is at most 0 when a run ends at 'poor'"
