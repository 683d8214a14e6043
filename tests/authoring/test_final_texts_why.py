"""Why an ending's `also` or variant, or a reflection, never shows, in the author's terms.

Each test breaks the clean rent-money scenario (written from the README alone) the way
its author did, and asserts the warning names the real cause, not only the meters runs
end with: a flag set only by critical slips whose cap keeps their runs from that ending,
two flags never set in one run, a flag set on the way but never by runs ending there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sim.authoring.lint import lint

RENT = Path(__file__).parent / "fixtures" / "rent-money.toml"
SLIP = 'critical = "dual-relationship"\nsets = ["lent-money"]'
SUPERVISOR_ALSO = 'when = { flags = ["called-for-him"] }\ntext = "The landlord'


@pytest.fixture
def rent() -> str:
    return RENT.read_text()


def _replace(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _never_shown(problems, key: str):
    (p,) = [p for p in problems if p.code == "never-shown" and p.key == key]
    return p


def test_the_fixture_checks_clean(make, rent):
    assert lint(make(rent)) == []


def test_a_variant_needing_a_flag_only_capped_slips_set_names_the_cap(make, rent):
    # the first loan line was capped at mixed; capped at poor, its runs never end 'steps'
    text = _replace(rent, SLIP, SLIP.replace("\nsets", '\ncap = "poor"\nsets'))
    p = _never_shown(lint(make(text)), "endings.steps.variants[1].when")
    assert "the flag 'lent-money' is set only by critical slips (ask#2, help-or-not#2)" in p.hint
    assert "capped at poor" in p.hint and "never ends at 'steps', a mixed ending" in p.hint
    assert "such as 'drifted'" in p.hint
    # following it: the cap back at mixed, and the variant shows again
    assert [q for q in lint(make(rent)) if q.code == "never-shown"] == []


def test_an_also_needing_flags_never_set_in_one_run_names_the_pair_and_the_any(make, rent):
    flags = '["warm-boundary", "called-for-him", "lent-money"]'
    text = _replace(rent, SUPERVISOR_ALSO, SUPERVISOR_ALSO.replace('["called-for-him"]', flags))
    p = _never_shown(lint(make(text)), "endings.steps.also[1].when")
    assert (
        "'warm-boundary' and 'lent-money' are each set in some run that ends at 'steps', "
        "but never both in one run" in p.hint
    )
    assert 'take them out of flags and add any = [ { flags = ["warm-boundary"] }' in p.hint
    assert "check the flags, scenes and numbers" not in p.hint


def test_a_reflection_needing_two_flags_never_set_together_says_so(make, rent):
    old = 'when = { flags = ["lent-money"] } },'
    text = _replace(rent, old, 'when = { flags = ["lent-money", "warm-boundary"] } },')
    p = _never_shown(lint(make(text)), "debrief.reflect[2].when")
    assert "'lent-money' and 'warm-boundary' are each set in some run, but never both" in p.hint
    assert 'write any = [ { flags = ["lent-money"] }, { flags = ["warm-boundary"] } ]' in p.hint
    fixed = _replace(
        rent,
        old,
        'when = { any = [ { flags = ["lent-money"] }, { flags = ["warm-boundary"] } ] } },',
    )
    assert [q for q in lint(make(fixed)) if q.code == "never-shown"] == []


def test_a_flag_set_on_the_way_but_never_by_runs_ending_there_is_named(make, rent):
    # the strong ending lost its when: every run without a slip ends there, so the
    # mixed ending's paragraph about the landlord call (a run without a slip) never shows
    text = _replace(rent, "when = { min_trust = 45, min_empowerment = 50 }\n", "")
    p = _never_shown(lint(make(text)), "endings.steps.also[1].when")
    assert "the flag 'called-for-him' is never set in a run that ends at 'steps'" in p.hint
    assert "no run that takes it ends at 'steps' with the flag still set" in p.hint


def test_a_reflection_whose_meter_bound_only_fails_with_its_flag_says_so(tmp_path):
    """author44's reflection for the line that costs trust, { flags = ["informant"],
    min_trust = 70 }, was told "runs end with trust 0..78; check the flags, scenes and
    numbers it needs": trust reaches 78, never in a run that took that line."""
    from sim.authoring.lint import lint
    from tests.core.test_author_messages import MINI, loads

    text = MINI.replace(
        'reflect = ["What did Kim want?"]',
        'reflect = ["What did Kim want?", '
        '{ text = "Why?", when = { flags = ["reflected"], max_trust = 10 } }]',
    )
    (p,) = [q for q in lint(loads(tmp_path, text)) if q.code == "never-shown"]
    assert p.key == "debrief.reflect[2].when"
    assert p.hint == (
        "max_trust = 10, but trust is at least 62 in the runs with the flag 'reflected'"
    ), p.hint
    assert "check the flags" not in p.hint
