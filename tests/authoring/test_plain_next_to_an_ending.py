"""`next = "an-ending"` where the ending must not always be taken: after a critical slip
it rules out, or where the ending's own when fails.

Both were placed at `next[1].goto` and told to give "this branch" a when, though the
next was one name: no branch, no when to give. They now name the next and write the
branches, and following the hint clears the problem.
"""

from __future__ import annotations

import re

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads

SLIP = 'say = "I can\'t help you."\ngoto = "@outcome"'
ASIDE = '[scenes.aside]\ntext = "Kim looks away."\nnext = "strong"\n\n'


def _breaks(tmp_path, text: str):
    return [p for p in lint(loads(tmp_path, text)) if p.code == "cap-break"]


def test_a_plain_next_after_a_slip_is_given_branches_to_write(tmp_path):
    slip = SLIP.replace('"@outcome"', '"aside"') + '\ncritical = "outside-role"'
    text = MINI.replace(SLIP, slip).replace("[scenes.last]", ASIDE + "[scenes.last]")
    (p,) = _breaks(tmp_path, text)
    assert p.key == "scenes.aside.next"
    assert p.line == text.splitlines().index('next = "strong"') + 1
    assert "give this branch a when" not in p.hint
    written = re.search(r"next = (\[ .* \]) \(", p.hint).group(1)
    assert 'goto = "strong"' in written and '{ goto = "@outcome" }' in written
    assert "hello#3 sets no flag yet" in p.hint
    fixed = text.replace(slip, slip + '\nsets = ["turned-away"]').replace(
        'next = "strong"', "next = " + written.replace('"..."', '"turned-away"')
    )
    assert _breaks(tmp_path, fixed) == []


def test_a_plain_next_to_an_ending_whose_when_fails_is_given_branches_to_write(tmp_path):
    text = MINI.replace('next = "last"', 'next = "strong"')
    found = [p for p in lint(loads(tmp_path, text)) if p.code == "ending-when-skipped"]
    (p,) = found
    assert p.key == "scenes.bridge.next" and "this branch" not in p.hint
    written = re.search(r"next = (\[ .* \])\)?$", p.hint).group(1)
    assert written.startswith("[ { when = { min_trust = 60") and 'goto = "strong"' in written
    fixed = text.replace('next = "strong"', f"next = {written}")
    assert not [p for p in lint(loads(tmp_path, fixed)) if p.code == "ending-when-skipped"]
