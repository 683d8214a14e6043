"""Field types shared by the scenario and catalogue formats.

Ints and strings are strict: `trust = "8"` is an author's mistake worth
reporting, not something to coerce silently.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, StrictStr

from sim.text import clean

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
OUTCOME_GOTO = "@outcome"

Verdict = Literal["honours", "neutral", "undermines"]
Outcome = Literal["strong", "mixed", "poor"]
Difficulty = Literal["introductory", "intermediate", "advanced"]


def _text(value: str) -> str:
    value = clean(value).strip()
    if not value:
        raise ValueError("text should not be empty")
    return value


Id = Annotated[StrictStr, Field(pattern=ID_PATTERN, max_length=80)]
Text = Annotated[StrictStr, AfterValidator(_text)]
MeterValue = Annotated[StrictInt, Field(ge=0, le=100)]
Delta = Annotated[StrictInt, Field(ge=-100, le=100)]


class Model(BaseModel):
    """Frozen, and strict about unknown keys: a typo is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", frozen=True)
