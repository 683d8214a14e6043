"""A number's sign as a word processor or a habit writes it: `trust = –4`, `trust = + 8`.

Word processors (and some web pages) turn a typed '-' before a number into an en
dash or a minus sign, which look the same as '-' on screen. tomli stops at that
character with "Invalid value", and the general sentence ("put text in double
quotes, numbers bare (8, -6)") sends an author to look at quotes that are fine.
The cause is the one character; the fix is the same line with '-' typed in.
A space between the sign and its number (`+ 8`) stops tomli the same way.
"""

from __future__ import annotations

import re
import unicodedata

from sim.loading.bare_names import is_dash
from sim.loading.toml_lines import Specific

_DIGITS = re.compile(r"\s*(\d+)")


def sign_slip(raw_msg: str, here: str, column: int | None) -> Specific | None:
    """tomli stopped at a dash standing for a minus, or at a sign apart from its number."""
    if column is None or not raw_msg.startswith("Invalid value"):
        return None
    at = column - 1
    if not 0 <= at < len(here):
        return None
    ch = here[at]
    number = _DIGITS.match(here, at + 1)
    if number is None:
        return None
    digits = number.group(1)
    fixed = here[:at].rstrip() + " " if here[:at].strip() else here[:at]
    fixed = f"{fixed}{'+' if ch == '+' else '-'}{digits}{here[number.end() :]}".strip()
    if is_dash(ch):
        name = unicodedata.name(ch, "dash").lower()
        return (
            f"'{ch}' before {digits} is the typographic {name}, not the '-' TOML reads as a "
            "minus sign (word processors turn - into one, and they look alike)",
            f"retype it as '-': write {fixed}",
            column,
        )
    if ch in "+-" and number.group(0) != digits:
        return (
            f"a space stands between '{ch}' and {digits}: a sign is written against its number",
            f"write {fixed}",
            column,
        )
    return None
