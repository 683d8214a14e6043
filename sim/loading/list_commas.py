"""A comma missing at the end of one line of a list written over several lines.

    reflect = [
      "What did Ray need first?"
      { text = "...", when = { flags = ["told-po"] } },
    ]

tomli reads on past the line without its comma, meets the next entry where it wanted
a ',' or ']', and says "Unclosed array" there, at the start of a line that is fine.
Placed at the line the list opens on, "add the closing ']'" sent an author looking for a
bracket that is already written. The line to fix is the entry above, which lacks its comma.
"""

from __future__ import annotations

import re

from sim.loading.toml_lines import Specific, before_comment

# what an entry of a list starts with: text, a number, true/false, a { } or [ ]
_ENTRY = re.compile(r"""\s*(?:["'{\[]|[-+]?\d|true\b|false\b)""")


def comma_between_lines(
    raw_msg: str, lines: list[str], line: int | None, column: int | None
) -> tuple[int, Specific] | None:
    """The line above a new entry that tomli stopped at, when it ends with no comma."""
    if not raw_msg.startswith("Unclosed array") or line is None or column is None:
        return None
    if not 1 < line <= len(lines) or lines[line - 1][: column - 1].strip():
        return None  # the slip is on this line itself (a missing comma, say)
    if not _ENTRY.match(lines[line - 1]):
        return None  # a key or a header: the list above was left open
    above = next(
        (n for n in range(line - 1, 0, -1) if before_comment(lines[n - 1]).strip()),
        None,
    )
    if above is None:
        return None
    code = before_comment(lines[above - 1]).rstrip()
    if code.endswith((",", "[")):
        return None
    fixed = (code + "," + lines[above - 1][len(code) :]).strip()
    hint = f"add ',' at the end of line {above}"
    if len(fixed) <= 60:  # a long line is not worth copying out whole
        hint += f": {fixed}"
    return above, (
        f"line {line} starts another entry of this list, but line {above} ends without a "
        "comma (entries of a list are separated by commas, also from line to line)",
        hint,
        len(code) + 1,
    )
