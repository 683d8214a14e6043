"""`check` warns when a safety move lowers a meter (`safety-meter`).

A new author (author26) asked "are you thinking about killing yourself?" with
`trust = -10`: `check --strict` and `test` passed it silently, and practice mode showed
"37 ▼ -10 down" under the question, the penalty two trainee testers read in "Trust -2,
down" (review 21a). The README promises trainees that the meters never go down for a
safety move, and the bundled library is held to it; an author's own file now is too.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.cli import main
from tests.core.test_cues import BRINGS_IN_SUPERVISOR_EXAMPLES, NAMES_SUPERVISOR_ONLY_EXAMPLES

FIXTURE = Path(__file__).parent / "fixtures" / "sunday-dinner.toml"
ASK = 'say = "Jordan, when you say that, are you thinking about killing yourself?"\n'


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = FIXTURE.read_text()
    assert text.count(old) == 1, old
    out = tmp_path / "sunday-dinner.toml"
    out.write_text(text.replace(old, new))
    return out


def _line_of(path: Path, needle: str, after: str = "") -> int:
    lines = path.read_text().splitlines()
    start = next(i for i, t in enumerate(lines) if after in t) if after else 0
    return next(i for i, t in enumerate(lines[start:], start + 1) if t.startswith(needle))


def test_the_piece_as_written_checks_clean(capsys):
    assert main(["check", "--strict", str(FIXTURE)]) == 0
    assert "1 clean" in capsys.readouterr().err


def test_a_direct_question_about_suicide_that_costs_trust_is_named_at_its_trust(tmp_path, capsys):
    path = _edited(
        tmp_path, ASK + 'goto = "answer"\ntrust = 0\n', ASK + 'goto = "answer"\ntrust = -2\n'
    )
    assert main(["check", str(path)]) == 0  # a warning: the scenario still plays
    out = capsys.readouterr().out
    warned = [line for line in out.splitlines() if "safety move" in line]
    assert len(warned) == 1, out
    line = warned[0]
    at = _line_of(path, "trust = -2")
    assert line.startswith(f"{path}:{at}:1: warning: scenes.heavy.choices[2].trust: "), line
    assert "this safety move (honours crisis-referral) lowers trust by 2" in line
    assert "reads a fall as a penalty" in line
    assert "make trust 0 or more (write trust = 0) and let Jordan's reply carry the jolt" in line
    assert 'connection = "undermines"' in line
    assert main(["check", "--strict", str(path)]) == 1


def test_a_crisis_referral_that_lowers_empowerment_is_named_at_its_empowerment(tmp_path, capsys):
    path = _edited(tmp_path, "trust = 4\nempowerment = 12\n", "trust = 4\nempowerment = -4\n")
    main(["check", str(path)])
    out = capsys.readouterr().out
    at = _line_of(path, "empowerment = -4")
    assert f"{path}:{at}:1: warning: scenes.answer.choices[2].empowerment: " in out, out
    assert "lowers empowerment by 4" in out
    assert "make empowerment 0 or more (write empowerment = 0)" in out


def test_both_meters_falling_are_said_in_one_warning(tmp_path, capsys):
    path = _edited(tmp_path, "trust = 4\nempowerment = 12\n", "trust = -3\nempowerment = -4\n")
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert out.count("this safety move") == 1, out
    assert "lowers trust by 3 and empowerment by 4" in out
    assert "make trust and empowerment 0 or more (write trust = 0, empowerment = 0)" in out


def test_a_clumsy_safety_line_marked_with_what_it_undermines_is_a_mixed_line(tmp_path, capsys):
    """The hint's second way out: the dip stays, and the line is judged as mixed."""
    path = _edited(
        tmp_path,
        ASK + 'goto = "answer"\ntrust = 0\nprinciples = { crisis-referral = "honours" }\n',
        ASK + 'goto = "answer"\ntrust = -2\n'
        'principles = { crisis-referral = "honours", connection = "undermines" }\n',
    )
    main(["check", str(path)])
    assert "safety move" not in capsys.readouterr().out


def test_a_critical_slip_that_lowers_trust_is_not_a_safety_move(capsys):
    """The fixture's own slip (changing the subject) costs trust: no safety-meter warning."""
    assert "trust = -6" in FIXTURE.read_text()
    main(["check", str(FIXTURE)])
    assert "safety move" not in capsys.readouterr().out


QUESTION = ASK + 'goto = "answer"\ntrust = 0\nprinciples = { crisis-referral = "honours" }\n'


def test_a_direct_question_tagged_with_no_safety_principle_is_named(tmp_path, capsys):
    """Tagged only active-listening, the question costing trust slipped past both rules."""
    untagged = QUESTION.replace("trust = 0", "trust = -2").replace(
        "crisis-referral", "active-listening"
    )
    path = _edited(tmp_path, QUESTION, untagged)
    main(["check", str(path)])
    out = capsys.readouterr().out
    at = _line_of(path, "principles = { active-listening", after="killing yourself")
    assert f"{path}:{at}:1: warning: scenes.heavy.choices[2].principles: this line asks about " in (
        out
    ), out
    assert "honours none of crisis-referral, boundaries or confidentiality" in out
    assert 'add crisis-referral = "honours"' in out
    assert "safety move (honours" not in out  # the meter rule could not see it
    # the hint, followed: the meter rule now sees the dip; its hint, followed, is clean
    tagged = untagged.replace(
        "{ active-listening", '{ crisis-referral = "honours", active-listening'
    )
    path = _edited(tmp_path, QUESTION, tagged)
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "honours none" not in out and "lowers trust by 2" in out
    path = _edited(tmp_path, QUESTION, tagged.replace("trust = -2", "trust = 0"))
    assert main(["check", "--strict", str(path)]) == 0


def test_988_named_in_a_line_with_no_safety_verdict_is_named(tmp_path, capsys):
    path = _edited(
        tmp_path,
        'principles = { crisis-referral = "honours", empowerment = "honours" }',
        'principles = { emotional-support = "honours", empowerment = "honours" }',
    )
    main(["check", str(path)])
    assert "scenes.answer.choices[2].principles: this line names 988 but" in (
        capsys.readouterr().out
    )


def test_a_slip_dressed_as_help_and_a_figure_of_speech_are_not_named(tmp_path, capsys):
    """911 over the person's head is marked with what it undermines; "a lifeline" is a
    figure of speech as often as a crisis line."""
    over = _edited(
        tmp_path,
        QUESTION,
        ASK.replace(
            "Jordan, when you say that, are you thinking about killing yourself?",
            "I'm calling 911 right now, Jordan.",
        )
        + 'goto = "answer"\ntrust = 0\nprinciples = { empowerment = "undermines" }\n',
    )
    main(["check", str(over)])
    assert "honours none" not in capsys.readouterr().out
    figure = _edited(
        tmp_path,
        QUESTION,
        'say = "That job sounds like it was a lifeline for you."\n'
        'goto = "answer"\ntrust = 0\nprinciples = { active-listening = "honours" }\n',
    )
    main(["check", str(figure)])
    assert "honours none" not in capsys.readouterr().out


@pytest.mark.parametrize(
    ("say", "reads"),
    [
        ("Can I let my supervisor know?", "let my supervisor"),
        ("I'd like to talk to my supervisor about this, with you.", "talk to my supervisor"),
        ("Let me check with my supervisor before we go on.", "check with my supervisor"),
        ("I'm going to take this to my supervisor today.", "take this to my supervisor"),
        ("I'll run it by my supervisor and come back to you.", "run it by my supervisor"),
        ("I'm texting Lena, my supervisor, from right here.", "texting Lena, my supervisor"),
        ("What you tell me stays with me and my supervisor.", "me and my supervisor"),
        *BRINGS_IN_SUPERVISOR_EXAMPLES,  # the own-words cue's: one rule reads both
    ],
)
def test_a_line_bringing_in_the_supervisor_with_no_safety_verdict_is_named(
    tmp_path, capsys, say, reads
):
    path = _edited(
        tmp_path,
        QUESTION,
        f'say = "{say}"\ngoto = "answer"\ntrust = 0\n'
        'principles = { active-listening = "honours" }\n',
    )
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert (
        f"scenes.heavy.choices[2].principles: this line brings in the supervisor ('{reads}')"
        in (out)
    ), out


@pytest.mark.parametrize(
    "say",
    [
        # review warn40: any "my supervisor" was read as a safety move
        "My supervisor says you're a lost cause, Jordan.",
        "My supervisor thinks you should slow down.",
        "Would it help if we asked my supervisor how the program handles this?",
        *NAMES_SUPERVISOR_ONLY_EXAMPLES,
    ],
)
def test_a_line_that_only_mentions_the_supervisor_is_not_named(tmp_path, capsys, say):
    path = _edited(
        tmp_path,
        QUESTION,
        f'say = "{say}"\ngoto = "answer"\ntrust = 0\n'
        'principles = { active-listening = "honours" }\n',
    )
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "honours none" not in out, out


def test_no_bundled_line_reads_as_a_safety_move_without_a_safety_verdict():
    from sim.authoring.safety_meters import untagged_problems
    from sim.loading import bundled_dir, load_scenario
    from sim.loading.where import Where

    for path in sorted(bundled_dir().glob("*.toml")):
        if path.name != "principles.toml":
            scenario = load_scenario(path)
            assert untagged_problems(scenario, Where(scenario)) == [], path.name


def test_the_jolt_is_left_to_whoever_speaks_next_not_to_the_one_answered(tmp_path):
    """author44: a caseworker's question answered with a confidentiality limit, leading to
    narration and then the client's words, was told to let "Ms. Okafor's reply" carry the
    jolt: the caseworker had finished speaking. The hint names the scene the line leads to."""
    from sim.authoring.lint import lint
    from tests.core.test_author_messages import loads

    text = FIXTURE.read_text().replace(
        "[scenes.answer]",
        '[characters.sam]\nname = "Sam"\n\n[scenes.pause]\ntext = "Nobody speaks."\n'
        'next = "answer"\n\n[scenes.answer]',
    )
    text = text.replace(ASK + 'goto = "answer"\ntrust = 0\n', ASK + 'goto = "pause"\ntrust = -2\n')
    (p,) = [q for q in lint(loads(tmp_path, text)) if q.code == "safety-meter"]
    assert "Jordan's reply" not in p.hint
    assert "let the narration of 'pause', the scene it leads to, carry the jolt" in p.hint
    # a scene someone speaks in is named with them, and where the dip goes in it
    spoken = text.replace(
        '[scenes.pause]\ntext = "Nobody speaks."', '[scenes.pause]\nspeaker = "sam"\ntext = "Well?"'
    )
    (p,) = [q for q in lint(loads(tmp_path, spoken)) if q.code == "safety-meter"]
    assert (
        "let Sam's reply carry the jolt of the moment: a silence in the action of 'pause'" in p.hint
    )
