"""`clears` naming a flag no choice sets: a misspelt clears leaves the flag it meant set.

`clears = ["reflectd"]` beside a `sets = ["reflected"]` that a `when` tests passed
check silently, and the flag stayed set for the rest of the run. Only choices set
flags, so clearing a name none sets never does anything.
"""

from __future__ import annotations

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads

CLEARING = 'why = "Kim sets the agenda."\nbest = true'


def _unset(tmp_path, text: str):
    return [p for p in lint(loads(tmp_path, text)) if p.code == "unset-flag"]


def test_a_misspelt_clears_is_warned_with_the_flag_it_meant(tmp_path):
    text = MINI.replace(CLEARING, CLEARING + '\nclears = ["reflectd"]')
    (p,) = _unset(tmp_path, text)
    assert p.key == "scenes.middle.choices[1].clears" and p.severity == "warning"
    assert p.line == text.splitlines().index('clears = ["reflectd"]') + 1
    assert "'reflectd'" in p.message and "no effect" in p.message
    assert "did you mean 'reflected'?" in p.hint
    fixed = text.replace('clears = ["reflectd"]', 'clears = ["reflected"]')
    assert _unset(tmp_path, fixed) == []


def test_clearing_a_name_nothing_is_close_to_says_to_remove_it(tmp_path):
    text = MINI.replace(CLEARING, CLEARING + '\nclears = ["ashamed"]')
    (p,) = _unset(tmp_path, text)
    assert "remove it from clears" in p.hint


def test_clearing_a_flag_a_choice_sets_is_no_problem(tmp_path):
    assert _unset(tmp_path, MINI.replace(CLEARING, CLEARING + '\nclears = ["reflected"]')) == []
