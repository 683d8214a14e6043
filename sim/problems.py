"""Problems found in scenario files, shaped for the people who fix them.

Authors are trainers, not programmers: every problem names the file, the line
(and column where known), the key path as it reads in the file
(`scenes.hello.choices[1].goto`, choices counted from 1 as the game numbers
them) and a sentence saying what to do. Nothing here imports pydantic or TOML,
so the engine and the shells can carry problems around cheaply.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from sim.text import shown

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    """One thing wrong (or worth a look) in one file."""

    path: Path
    message: str
    key: str = ""
    line: int | None = None
    column: int | None = None
    hint: str = ""
    severity: Severity = "error"
    code: str = "invalid"

    def location(self) -> str:
        where = shown(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def format(self) -> str:
        """`path:line:col: error: key: message (hint)`, the shape editors and CI parse.

        One line, safe for a terminal: the path, key and message may quote a
        file name or a key written by anyone, so they go through the gate.
        """
        text = f"{self.location()}: {self.severity}: "
        if self.key:
            text += f"{shown(self.key)}: "
        text += shown(self.message)
        if self.hint:
            text += f" ({shown(self.hint)})"
        return text

    def to_dict(self) -> dict[str, object]:
        return {
            "path": str(self.path),
            "line": self.line,
            "column": self.column,
            "key": self.key,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "hint": self.hint,
        }


class UsageError(Exception):
    """Wrong use of a command or option: exit status 2, with a sentence saying why.

    Defined in the core because the core raises it too (a scenario id nobody
    has, a wrong `--start`), and the app must not import the CLI layer to catch it.
    """


@dataclass
class ScenarioError(Exception):
    """The only exception bad input is allowed to raise.

    It carries every problem found in one file, so an author fixes them all in
    one pass instead of one per run.
    """

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.problems.sort(key=lambda p: (str(p.path), p.line or 0, p.column or 0))
        super().__init__(self.__str__())

    def __str__(self) -> str:
        return "\n".join(p.format() for p in self.problems)

    @property
    def path(self) -> Path | None:
        return self.problems[0].path if self.problems else None


def did_you_mean(word: str, options: Iterable[str]) -> str:
    """The closest valid name, phrased as a hint, or "" when nothing is close.

    Cached: a checker may ask the same question for every use of one misspelt
    flag in a large scenario, and difflib is the costly part.
    """
    return _did_you_mean(word, options if isinstance(options, frozenset) else frozenset(options))


@lru_cache(maxsize=4096)
def _did_you_mean(word: str, options: frozenset[str]) -> str:
    import difflib

    pool = sorted(options)
    if len(pool) > 200:  # a huge generated scenario: compare only names of a similar length
        pool = [o for o in pool if abs(len(o) - len(word)) <= 2][:200]
    matches = difflib.get_close_matches(word, pool, n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else ""
