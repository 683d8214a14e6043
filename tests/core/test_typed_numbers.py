"""A number a person types is read by one helper (`sim.text.whole_number`), everywhere.

`str.isdigit` says yes to '²' (which `int` refuses) and to '١' (which `int` reads as
1), and `int` refuses 5,000 digits: the plain player's new question about several
runs left off read its answer with `isdigit` and `int`, and '²' ended the player
with "unexpected error (ValueError ...)". The source test keeps the next one out.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import sim
from sim.records import Store
from tests.core.test_hostile_files import assert_safe, run_main
from tests.tui.helpers import TALK
from tests.tui.test_resume_undo_restart import leave_runs


@pytest.mark.parametrize("typed", ["²", "9" * 5000, "١", "𝟏", "1.0", "0", "3"])
def test_the_question_about_several_runs_left_off_refuses_odd_numbers(typed):
    leave_runs(TALK, 2)
    code, out = run_main(["play", str(TALK), "--plain"], stdin=f"{typed}\n")
    assert_safe(out)
    assert "unexpected error" not in out, out
    assert "is not an answer here: type a number from 1 to 2" in out, out
    assert [r.status for r in Store.open().runs()] == ["playing", "playing"]


def test_no_typed_number_is_read_with_isdigit_outside_the_gate():
    root = Path(sim.__file__).parent
    found = [
        f"{path.relative_to(root)}:{n}"
        for path in sorted(root.rglob("*.py"))
        if path.name != "text.py"
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\.is(digit|decimal|numeric)\(", line)
    ]
    assert not found, f"read numbers with sim.text.whole_number: {found}"


MINI = Path(__file__).parent / "fixtures" / "mini.toml"


@pytest.mark.parametrize(
    "typed",
    ["\ufeff1", "1\u200b", "\u202d1\u202c", "1\x1b[0m", "\x1b[A1", "\u20601", "1\r"],
)
def test_an_answer_with_what_a_terminal_or_file_adds_unseen_is_read_as_typed(typed):
    """A choices file saved with a byte-order mark, a pasted zero-width space or a colour
    code: '1' was refused as "'\\ufeff1' is not one of the choices" (and again and again
    from a script, until the player gave up)."""
    code, out = run_main(["play", str(MINI), "--plain", "--no-record"], stdin=f"{typed}\n1\n\n1\n")
    assert_safe(out)
    assert "not one of the choices" not in out and "Nothing typed" not in out, out
    assert code == 0 and "You made it in." in out and "It went well." in out, out
