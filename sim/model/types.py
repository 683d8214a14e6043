"""Field types shared by the scenario and catalogue formats.

Ints and strings are strict: `trust = "8"` is an author's mistake worth
reporting, not something to coerce silently.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    StrictStr,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from sim.prose import seen

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
OUTCOME_GOTO = "@outcome"

Verdict = Literal["honours", "neutral", "undermines"]
Outcome = Literal["strong", "mixed", "poor"]
Difficulty = Literal["introductory", "intermediate", "advanced"]
# Critical slips: what kind of harm, and the best outcome a run holding one can reach.
SlipKind = Literal["safety", "confidentiality", "dual-relationship", "outside-role"]
Cap = Literal["mixed", "poor"]


Id = Annotated[StrictStr, Field(pattern=ID_PATTERN, max_length=80)]  # sim.problems.NAME_MOST


class Prose:
    """Marks a field as free text: the loader may clean control characters out of it.

    Anything else (ids, `goto` targets, flags, choices from a list) holding one
    is an error instead, since cleaned it could quietly match a real name.
    """


PROSE = Prose()
# Stripped and checked for emptiness inside pydantic-core (no Python call per
# string); control characters are removed before validation, see sim.text.
# Capped far above any real line (the bundled library's longest is ~500): a
# 1,000,000-character title passed as clean and kept the app's library busy
# for seconds per key while it wrapped into 28,000 lines.
MAX_TEXT = 10_000
MAX_TITLE = 120


def _seen(value: object) -> object:
    """Text of invisible characters alone (zero-width joiners, variation selectors, a
    Hangul filler) is refused as empty text is: it passed as written, and showed as a
    blank title in the library, a blank line, a speaker with no name (adv26)."""
    if isinstance(value, str) and value.strip() and not seen(value):
        raise PydanticCustomError("invisible_text", "Text holds no character a reader can see")
    return value


Text = Annotated[
    StrictStr,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    BeforeValidator(_seen),
    PROSE,
]


def _one_line(value: object) -> object:
    """A line break in a title or a name is read as a space: each is one line of a list,
    a table row or a heading. Kept, `title = "Mini\\nBROKEN /etc/passwd: 1 problem(s)"`
    printed a forged line of its own under the real one in `peer-sim list`, and a name ran
    over two lines of the plain player. (Runs before the length and emptiness checks, so
    their messages are the string ones.)"""
    if not isinstance(value, str):
        return value
    # str.splitlines() knows every line break (\n, \r, \v, \f, \x1c-\x1e, NEL, U+2028/9)
    return _seen(" ".join(part for line in value.splitlines() if (part := line.strip())))


# A title or a name: one line of a list, a heading
Title = Annotated[
    StrictStr,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TITLE),
    BeforeValidator(_one_line),
    PROSE,
]

# A choice's words: one line the coach says, one item of the list the trainee picks
# from. A line break kept in one drew a choice over two lines in the app while the
# plain player's numbered list folded it (and a second line there can read as an item
# of its own); folded at load, every output shows the same one line.
Line = Annotated[
    StrictStr,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT),
    BeforeValidator(_one_line),
    PROSE,
]


def _whole_version(value: object) -> object:
    """`format = 1.0` or `true` equal 1 in Python; the format version is the integer 1 only."""
    if type(value) is not int and value == 1:
        raise PydanticCustomError("literal_error", "Input should be 1", {"expected": "1"})
    return value


# The format version: Literal[1] alone would accept 1.0 and true.
FormatVersion = Annotated[Literal[1], BeforeValidator(_whole_version)]
MeterValue = Annotated[StrictInt, Field(ge=0, le=100)]
Delta = Annotated[StrictInt, Field(ge=-100, le=100)]


class Model(BaseModel):
    """Frozen, and strict about unknown keys: a typo is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)
