"""A list of texts written as a [table] is told to be one line of texts, not [[...]].

`[content_notes]` with `overdose = true` below it was told "write each entry as
[[content_notes]] with double brackets", which is no more valid: content notes are
texts. The header also took the file's own keys below it into its table.
"""

from __future__ import annotations

from tests.core.test_author_messages import MINI, problems


def test_content_notes_as_a_table_is_told_to_be_one_line_above_the_tables(tmp_path):
    assert "content_notes" not in MINI
    text = MINI.replace("[meters]", "[content_notes]\noverdose = true\n\n[meters]", 1)
    found = [p for p in problems(tmp_path, text) if p.key == "content_notes"]
    assert len(found) == 1, found
    hint = found[0].hint
    assert 'content_notes = ["overdose"]' in hint and "[[content_notes]]" not in hint
    assert "above the first [table] header" in hint


def test_swallowed_keys_are_not_offered_as_entries(tmp_path):
    text = MINI.replace("minutes =", "[content_notes]\nalcohol = true\nminutes =", 1)
    (found,) = [p for p in problems(tmp_path, text) if p.key == "content_notes"]
    assert 'content_notes = ["alcohol"]' in found.hint and "minutes" not in found.hint
