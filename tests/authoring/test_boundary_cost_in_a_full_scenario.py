"""A whole scenario written from the README alone, and the trap its first draft fell into.

In the draft, saying no to lending money (the boundary line) cost trust 4 and lending
it gave trust 8; with the mixed ending at min_trust 40, a run arriving at trust 34 ended
poor after the boundary and mixed after the loan, a critical slip. `peer-sim test`
found both rules broken at once, with a path to replay; the kept fixture (costs -2 and
+4) keeps them, and checks clean.
"""

from __future__ import annotations

from pathlib import Path

from sim.authoring.lint import lint
from sim.cli import main
from sim.loading import load_scenario

FIXTURE = Path(__file__).parent / "fixtures" / "interview-tomorrow.toml"
BOUNDARY = 'goto = "sorry-again"\ntrust = 0\nempowerment = 4\nprinciples = { boundaries'
LOAN = 'goto = "sorry-again"\ntrust = 4\nempowerment = -4\nprinciples = { boundaries'


def test_the_kept_scenario_checks_clean_and_keeps_every_rule(capsys):
    assert lint(load_scenario(FIXTURE)) == []
    assert main(["test", str(FIXTURE), "--random", "0"]) == 0
    out = capsys.readouterr().out
    assert "covered: 19/19 choices, 3/3 endings, 7/7 scenes" in out
    assert "none costs the outcome" in out and "none ends better" in out


def test_the_first_draft_breaks_both_rules_at_the_money_scene(tmp_path, capsys):
    text = FIXTURE.read_text()
    assert BOUNDARY in text and LOAN in text
    draft = text.replace(BOUNDARY, BOUNDARY.replace("trust = 0", "trust = -4")).replace(
        LOAN, LOAN.replace("trust = 4", "trust = 8")
    )
    path = tmp_path / "interview-tomorrow.toml"
    path.write_text(draft)
    assert main(["test", str(path), "--random", "0"]) == 1
    out = capsys.readouterr().out
    assert (
        "error: scenes.money.choices[3]: this safety line (honours boundaries, connection)" in out
    )
    assert (
        "error: scenes.money.choices[2]: this critical slip (dual-relationship) can still end mixed"
        in out
    )
    assert "(trust 34, empowerment 0)" in out
    assert "--no-record --choices 3,1,3,1,3)" in out
