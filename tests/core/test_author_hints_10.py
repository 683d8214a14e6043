"""Messages from author test 10 (a trainer writing an estranged-daughter scenario from the
README alone, fixtures/the-letter.toml).

Each test makes the mistake as that author did and asserts what `check` or `test` says;
where the hint is a fix, the test follows it and the problem is gone.
"""

from __future__ import annotations

from pathlib import Path

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads, only

LETTER = (Path(__file__).parent / "fixtures" / "the-letter.toml").read_text()


def codes(tmp_path: Path, text: str) -> dict[str, list]:
    out: dict[str, list] = {}
    for p in lint(loads(tmp_path, text)):
        out.setdefault(p.code, []).append(p)
    return out


def test_the_fixture_is_clean(tmp_path):
    assert codes(tmp_path, LETTER) == {}


def test_a_misspelt_outcome_is_not_told_that_at_is_no_letter(tmp_path):
    text = MINI.replace('goto = "@outcome"', 'goto = "@outcomes"', 1)
    p = only(tmp_path, text)
    # "'@' is not one of the letters a-z" beside "did you mean '@outcome'?" contradicted itself
    assert "not one of the letters" not in p.message
    assert "the one target that starts with '@' is \"@outcome\"" in p.message
    assert "did you mean '@outcome'?" in p.hint
    loads(tmp_path, text.replace("@outcomes", "@outcome"))


def test_a_way_straight_to_a_ruled_out_ending_names_every_slips_flag(tmp_path):
    close = "What would help you if she doesn't answer, or not for a long time?\"\n"
    text = LETTER.replace(close + 'goto = "@outcome"', close + 'goto = "his-own-words"').replace(
        "when = { min_trust = 45, min_empowerment = 45 }\n", ""
    )
    (p,) = codes(tmp_path, text)["cap-break"]
    # hopes#1 and hopes#2 both set missed-cue; plan#1 (another kind) sets will-call.
    assert 'not_flags = ["missed-cue", "will-call"]' in p.hint, p.hint
    # Naming only the example's slip, followed, brought the same error back for the next.
    fixed = text.replace(
        'goto = "his-own-words"',
        'goto = "his-own-words"\nwhen = { not_flags = ["missed-cue", "will-call"] }',
    )
    assert "cap-break" not in codes(tmp_path, fixed)


def test_a_flag_a_good_line_sets_too_is_not_the_one_named(tmp_path):
    # The slip also sets 'heard', which the reflection sets: not_flags on it would shut
    # out every run that listened.
    text = LETTER.replace('sets = ["will-call"]', 'sets = ["heard", "will-call"]')
    close = "What would help you if she doesn't answer, or not for a long time?\"\n"
    text = text.replace(close + 'goto = "@outcome"', close + 'goto = "his-own-words"')
    (p,) = codes(tmp_path, text)["cap-break"]
    assert '"heard"' not in p.hint and '"will-call"' in p.hint


def _all_first(text: str) -> str:
    """The fixture with the best line moved first in each scene whose last choice is not
    followed by other tables (the first draft had them all first)."""
    import re

    out = []
    for block in re.split(r"(?=^\[scenes\.)", text, flags=re.M):
        parts = re.split(r"(?=^\[\[scenes\.[\w-]+\.choices\]\])", block, flags=re.M)
        head, choices = parts[0], parts[1:]
        best = [c for c in choices if "\nbest = true\n" in c]
        tail = choices[-1].split("\n\n[[", 1) if choices else []
        if best and len(tail) == 1:
            rest = [c for c in choices if c is not best[0]]
            out.append(
                head + "".join(c if c.endswith("\n\n") else c + "\n" for c in [best[0], *rest])
            )
        else:
            out.append(block)
    return "".join(out)


def test_the_position_cue_lists_its_scenes_and_how_many_to_move(tmp_path):
    text = _all_first(LETTER)  # every scene but the last ('words', before the endings)
    (p,) = codes(tmp_path, text)["best-position"]
    assert "choice 1 at 6 of 7 decision points" in p.message
    assert p.message.endswith("(scenes: opening, wants, offer, hopes, asked, plan)")
    assert p.hint.endswith("at most 60% in one place: change at least 2 of them")  # 4 of 7


def test_a_safety_line_that_costs_the_outcome_gives_the_meters_and_both_changes(tmp_path):
    from sim.authoring.fairness import problems, unfair_lines
    from sim.loading.where import Where

    # The draft's mixed ending asked only trust 30: a boundary (-2) trailed a slip (+2).
    text = LETTER.replace(
        "when = { min_trust = 28, min_empowerment = 30 }", "when = { min_trust = 30 }"
    )
    sc = loads(tmp_path, text)
    fair = unfair_lines(sc)
    (b,) = fair.punished
    assert b.meters == (26, 26)  # after --choices 1,2,3,1: 35-3-2-2-2
    (p,) = problems(sc, fair.punished, Where(sc))
    assert "--choices 1,2,3,1 (trust 26, empowerment 26), as choice 3" in p.message
    assert "this line: trust -2 and empowerment +6; choice 1: trust +2 and empowerment -8" in (
        p.message
    )
    # the sum, followed: closing the whole gap (a mixed ending that also asks empowerment,
    # which the slip costs) clears both errors
    fixed = unfair_lines(loads(tmp_path, LETTER))
    assert fixed.punished == [] and fixed.beaten == []


def test_new_into_a_missing_folder_says_how_to_go_on(tmp_path, capsys, monkeypatch):
    from sim.cli import main

    monkeypatch.chdir(tmp_path)
    assert main(["new", "nofolder/x"]) == 1
    err = capsys.readouterr().err
    assert "there is no folder nofolder (make it first, or give the name alone" in err
    assert main(["new", "x"]) == 0 and (tmp_path / "x.toml").exists()
