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
