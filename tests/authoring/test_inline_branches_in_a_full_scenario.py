"""A whole scenario written from the README alone, using its inline forms, and its slips.

Court Date (fixture) branches with `next = [ { when = ..., goto = ... }, { goto = ... } ]`
and lists its reflections one a line. The slips its author made there were told to add a
[[scenes.X.next]] block (which TOML refuses beside `next = [...]`) and to close a list
that was closed; following each hint now gives back a file that checks clean.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sim.authoring.lint import lint
from sim.cli import main
from sim.loading import load_scenario
from sim.problems import ScenarioError

FIXTURE = Path(__file__).parent / "fixtures" / "court-date.toml"
FALLBACK = '  { goto = "prep" },\n'
FIRST_REFLECTION = (
    '  "What is the difference between supporting Ray in court and speaking for him?",\n'
)


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "court-date.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_kept_scenario_checks_clean_and_reaches_every_ending(capsys):
    assert lint(load_scenario(FIXTURE)) == []
    assert main(["test", str(FIXTURE), "--random", "0"]) == 0
    out = capsys.readouterr().out
    assert "covered: 18/18 choices, 3/3 endings, 9/9 scenes" in out
    assert "none costs the outcome" in out and "none ends better" in out


def test_a_forgotten_fallback_branch_is_told_to_go_in_the_list(tmp_path):
    text = FIXTURE.read_text()
    assert FALLBACK in text
    draft = text.replace(FALLBACK, "")
    (p,) = [p for p in lint(load_scenario(_write(tmp_path, draft))) if p.code == "dead-end"]
    assert p.key == "scenes.supervisor-check.next"
    assert "[[scenes.supervisor-check.next]]" not in p.hint
    entry = re.search(r'add (\{ goto = "\.\.\." \})', p.hint).group(1)
    branches = draft.index("next = [\n", draft.index("[scenes.supervisor-check]"))
    close = draft.index("\n]", branches)
    fixed = draft[:close] + "\n  " + entry.replace("...", "prep") + "," + draft[close:]
    assert lint(load_scenario(_write(tmp_path, fixed))) == []


def test_a_reflection_missing_its_comma_is_named_at_its_own_line(tmp_path):
    text = FIXTURE.read_text()
    assert FIRST_REFLECTION in text
    draft = text.replace(FIRST_REFLECTION, FIRST_REFLECTION.replace('?",', '?"'))
    with pytest.raises(ScenarioError) as info:
        load_scenario(_write(tmp_path, draft))
    (p,) = info.value.problems
    line = draft.split("\n").index(FIRST_REFLECTION.rstrip("\n").replace('?",', '?"')) + 1
    assert p.line == line and "not closed" not in p.message
    assert p.hint.startswith(f"add ',' at the end of line {line}")
    assert lint(load_scenario(_write(tmp_path, text))) == []
