"""A text that needs a flag set only past a critical slip names the slip (author28).

Same Roof (tests/authoring/fixtures/same-roof.toml, written from the README alone):
offering Tasha the coach's home is a critical slip capped at mixed; the next scene's
repair line ("I spoke too fast ... The recovery residence on Fifth has beds") sets
'took-back'. An `also` on the strong ending reading 'took-back' never shows, and
`check` said only "no run that takes it ends at 'steady' with the flag still set",
while the README promises the cap as the reason. The repair is no critical slip, so
the cap rule did not see it: every way to it passes one.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.authoring.lint import lint

ROOF = Path(__file__).parent / "fixtures" / "same-roof.toml"
ALSO = """[[endings.steady.also]]
when = { flags = ["took-back"] }
text = "Later you tell your supervisor you offered your home and took it back."

"""


@pytest.fixture
def roof() -> str:
    return ROOF.read_text()


def _with_also(text: str) -> str:
    assert text.count("[endings.one-step]") == 1
    return text.replace("[endings.one-step]", ALSO + "[endings.one-step]")


def _never_shown(problems):
    return [p for p in problems if p.code == "never-shown"]


def test_the_fixture_checks_clean(make, roof):
    assert lint(make(roof)) == []


def test_an_also_needing_a_flag_set_only_past_a_slip_names_the_slip_and_the_way_out(make, roof):
    (p,) = _never_shown(lint(make(_with_also(roof))))
    assert p.key == "endings.steady.also[1].when"
    assert p.hint == (
        "the flag 'took-back' is set only by couch#1, and every way there passes a critical "
        "slip (home#1) that keeps a run from a strong ending, so no run holding the flag "
        "ends at 'steady': move this text to an ending the cap allows such as 'one-step', "
        "or set the flag on a line a run can say without the slip"
    )


def test_a_way_round_the_slip_is_not_called_capped(make, roof):
    # a second, harmless way into the couch scene: the links no longer force the slip,
    # so the cap is not named (the flag may yet fail to reach 'steady' for other reasons)
    old = 'goto = "pressure"'
    assert roof.count(old) == 1
    text = _with_also(roof.replace(old, 'goto = "couch"'))
    hints = " ".join(p.hint for p in _never_shown(lint(make(text))))
    assert "every way there passes a critical slip" not in hints
