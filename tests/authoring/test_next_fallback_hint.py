"""A branching next with no fallback: the hint follows the form the author wrote it in.

Written as `next = [ { when = ..., goto = ... } ]`, the missing fallback was hinted as
"add a last [[scenes.X.next]] without `when`", which TOML refuses beside `next = [...]`
('next' is already set). Each test follows the hint and checks the file again.
"""

from __future__ import annotations

import re

from sim.authoring.lint import lint
from tests.core.test_author_messages import MINI, loads

INLINE = 'next = [\n  { when = { flags = ["reflected"] }, goto = "last" },\n]'


def _dead_ends(tmp_path, text: str):
    return [p for p in lint(loads(tmp_path, text)) if p.code == "dead-end"]


def test_an_inline_next_without_fallback_is_told_to_add_an_entry_to_its_list(tmp_path):
    text = MINI.replace('next = "last"', INLINE)
    (p,) = _dead_ends(tmp_path, text)
    assert p.key == "scenes.bridge.next"
    assert p.line == text.splitlines().index("next = [") + 1
    assert "[[scenes.bridge.next]]" not in p.hint
    assert "last entry of its next = [ ... ]" in p.hint
    entry = re.search(r"add (\{ [^}]* \})", p.hint).group(1)
    # the hint's entry, with its "..." filled in, added as the last entry of the list
    fixed = text.replace("\n]", "\n  " + entry.replace("...", "last") + ",\n]", 1)
    assert _dead_ends(tmp_path, fixed) == []


def test_a_next_written_as_blocks_is_still_told_to_add_a_block(tmp_path):
    branch = '[[scenes.bridge.next]]\nwhen = { flags = ["reflected"] }\ngoto = "last"\n'
    text = MINI.replace('next = "last"\n', "").replace("[scenes.last]", branch + "\n[scenes.last]")
    (p,) = _dead_ends(tmp_path, text)
    assert "add a last [[scenes.bridge.next]] without `when`" in p.hint
    fixed = text.replace(branch, branch + '\n[[scenes.bridge.next]]\ngoto = "last"\n')
    assert _dead_ends(tmp_path, fixed) == []


def test_an_empty_next_list_is_told_to_fill_the_list_it_has(tmp_path):
    """`next = []` then [[scenes.bridge.next]], as the hint said, is 'next' written twice."""
    from tests.core.test_author_messages import problems

    text = MINI.replace('next = "last"', "next = []")
    (p,) = problems(tmp_path, text)
    assert p.key == "scenes.bridge.next" and "[[scenes.bridge.next]]" not in p.hint
    written = re.search(r"next = (\[ .* \])$", p.hint).group(1)
    filled = written.replace('["..."]', '["reflected"]').replace('"..."', '"last"')
    assert _dead_ends(tmp_path, text.replace("next = []", f"next = {filled}")) == []
