"""A number of thousands of digits in a scenario file is one located error, never a crash.

Python's `int` refuses a string of more than 4,300 digits, and two of `check`'s hints
read the digits they quote with it: `trust = 0999...` (the leading-zero hint) and
`[scenes.x.choices[999...]]` (the numbered-header hint) ended `check` with
"unexpected error (ValueError: Exceeds the limit (4300 digits) ...)".
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core.test_hostile_files import assert_safe, run_main

MINI = (Path(__file__).parent / "fixtures" / "mini.toml").read_text(encoding="utf-8")
HUGE = "9" * 5000
FIRST = '[[scenes.hello.choices]]\nid = "reflect"'


@pytest.mark.parametrize(
    "text",
    [
        MINI.replace("trust = 10\n", f"trust = 0{HUGE}\n", 1),  # a leading zero
        MINI.replace("trust = 10\n", f"trust = {HUGE}\n", 1),
        MINI.replace("minutes = 2", f"minutes = -{HUGE}"),
        MINI.replace("trust = 50", f"trust = {HUGE}.5"),
        MINI.replace(FIRST, f"{FIRST}\n[scenes.hello.choices[{HUGE}].when]\nflags = []", 1),
        MINI.replace(FIRST, f'{FIRST}\nwhen = "trust >= {HUGE}"', 1),
        MINI.replace(FIRST, f"{FIRST}\nwhen = {{ min_trust = {HUGE} }}", 1),
    ],
)
def test_a_huge_number_is_one_located_error(tmp_path, text):
    assert text != MINI
    (tmp_path / "n.toml").write_text(text, encoding="utf-8")
    code, out = run_main(["check", str(tmp_path / "n.toml")])
    assert_safe(out)
    assert code == 1 and "unexpected error" not in out, out[:500]
    assert "n.toml:" in out and len(out) < 3000, out[:500]
