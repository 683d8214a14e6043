"""A list written one entry a line, with the comma left off one line.

tomli says "Unclosed array" at the start of the next entry, and the sentence put it on
the line the list opens, telling the author to add a ']' that is already there. Each
test follows the hint and loads the result.
"""

from __future__ import annotations

from tests.core.test_author_messages import MINI, loads, only

REFLECT = 'reflect = ["What did Kim want?"]'


def _add_comma(text: str, line: int) -> str:
    lines = text.split("\n")
    code, hash_, comment = lines[line - 1].partition("  #")
    lines[line - 1] = code.rstrip() + "," + (f"  {hash_.strip()}{comment}" if hash_ else "")
    return "\n".join(lines)


def test_a_reflection_list_missing_a_comma_names_the_line_above(tmp_path):
    listed = (
        "reflect = [\n"
        '  "What did Kim want?"\n'
        '  { text = "What did the reflection change?", when = { flags = ["reflected"] } },\n'
        "]"
    )
    text = MINI.replace(REFLECT, listed)
    p = only(tmp_path, text)
    line = text.split("\n").index('  "What did Kim want?"') + 1
    assert p.line == line and p.column == len('  "What did Kim want?"') + 1
    assert "']'" not in p.hint and "not closed" not in p.message
    assert f"line {line} ends without a comma" in p.message
    assert p.hint == f"add ',' at the end of line {line}: \"What did Kim want?\","
    fixed = loads(tmp_path, _add_comma(text, line))
    assert len(fixed.debrief.reflect) == 2


def test_a_comment_after_the_entry_keeps_the_comma_before_it(tmp_path):
    listed = 'trains = [\n  "active-listening"  # the core skill\n  "empowerment",\n]'
    text = MINI.replace('trains = ["active-listening", "empowerment"]', listed)
    p = only(tmp_path, text)
    assert p.hint.endswith(': "active-listening",  # the core skill')
    assert loads(tmp_path, _add_comma(text, p.line)).trains == ("active-listening", "empowerment")


def test_a_list_really_left_open_is_still_named_where_it_opens(tmp_path):
    text = MINI.replace('trains = ["active-listening", "empowerment"]', 'trains = ["empowerment"')
    p = only(tmp_path, text)
    assert "not closed" in p.message and p.line == 5
