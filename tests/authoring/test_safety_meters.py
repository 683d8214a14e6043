"""`check` warns when a safety move lowers a meter (`safety-meter`).

A new author (author26) asked "are you thinking about killing yourself?" with
`trust = -10`: `check --strict` and `test` passed it silently, and practice mode showed
"37 ▼ -10 down" under the question, the penalty two trainee testers read in "Trust -2,
down" (review 21a). The README promises trainees that the meters never go down for a
safety move, and the bundled library is held to it; an author's own file now is too.
"""

from __future__ import annotations

from pathlib import Path

from sim.cli import main

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
