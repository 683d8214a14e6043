"""A critical slip whose way goes on by `next = "an-ending"`, an ending the slip rules out.

The error was placed at `next[1].goto` and told the author to "give this branch a when",
though the next was one name: no branch, no when to give. It now names the next and
writes the branches, and following it (with a flag on the slip) clears the error.
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
