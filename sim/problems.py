"""Problems found in scenario files, shaped for the people who fix them.

Authors are trainers, not programmers: every problem names the file, the line
(and column where known), the key path as it reads in the file
(`scenes.hello.choices[1].goto`, choices counted from 1 as the game numbers
them) and a sentence saying what to do. Nothing here imports pydantic or TOML,
so the engine and the shells can carry problems around cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from sim.text import invisible_name, shown

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
    # The same words in another order (`trust_min` for `min_trust`) is a slip of memory.
    words = sorted(_WORDS.split(word.lower()))
    if len(words) > 1:
        for option in pool:
            if sorted(_WORDS.split(option.lower())) == words:
                return f"did you mean '{option}'?"
    # Two neighbouring letters typed the wrong way round (`bset`) is the commonest slip
    # of the fingers; difflib rates it below a longer near name (`sets`), and following
    # that hint put a yes where a list goes.
    swapped = [o for o in pool if _one_swap(word, o)]
    if len(swapped) == 1:
        return f"did you mean '{swapped[0]}'?"
    if len(pool) > 200:  # a huge generated scenario: compare only names of a similar length
        pool = [o for o in pool if abs(len(o) - len(word)) <= 2][:200]
    for match in difflib.get_close_matches(word, pool, n=3, cutoff=0.6):
        # A loose match is a typo only when it starts the same way: at the bare cutoff
        # 'asked-permission' matches 'raised-driving', and following that suggestion
        # would silently tie the line to the wrong flag.
        close = difflib.SequenceMatcher(None, word, match).ratio() >= 0.75
        if close or word[:1].lower() == match[:1].lower():
            return f"did you mean '{match}'?"
    # A name written without one of its words (`listening` for `active-listening`):
    # too far apart for difflib, plain when only one name holds those words in a row.
    words = _WORDS.split(word.lower())
    if len(word) >= 4:
        held = [o for o in pool if o.lower() != word.lower() and _holds(o, words)]
        if len(held) == 1:
            return f"did you mean '{held[0]}'?"
    return ""


def _one_swap(word: str, option: str) -> bool:
    """Whether `option` is `word` with two neighbouring letters swapped."""
    if len(word) != len(option) or word == option:
        return False
    diff = [i for i, (a, b) in enumerate(zip(word, option, strict=True)) if a != b]
    return (
        len(diff) == 2
        and diff[1] == diff[0] + 1
        and word[diff[0]] == option[diff[1]]
        and word[diff[1]] == option[diff[0]]
    )


def _holds(name: str, words: list[str]) -> bool:
    """Whether `words` appear in a row among the words of `name`."""
    mine = _WORDS.split(name.lower())
    n = len(words)
    return any(mine[i : i + n] == words for i in range(len(mine) - n + 1))


_WORDS = re.compile(r"[-_ ]+")


NAME_MOST = 80  # characters in a name (an id): sim.model.types.Id holds the same


def name_flaw(name: str) -> str:
    """Why a name cannot be an id, naming the character an author cannot see.

    "it holds a non-breaking space (U+00A0) after 'why'" says what a plain
    "not a valid name" leaves the author to guess.
    """
    if len(name) > NAME_MOST:
        # 90 lowercase letters were "not a valid name" with the hint "names use lowercase
        # letters, digits, '-' and '_'", which they did (adv44)
        return f"it is {len(name):,} characters long, and a name is at most {NAME_MOST}"
    for i, ch in enumerate(name):
        what = invisible_name(ch)
        if what:
            return f"it holds {what} " + (f"after '{name[:i]}'" if i else "at the start")
    if name != name.lower():
        return "it has capital letters"
    for ch in name:
        if ch == ".":
            return "it holds a '.', which in a [header] starts a table inside the one before it"
        if not ("a" <= ch <= "z" or "0" <= ch <= "9" or ch in "-_") and ch.isprintable():
            return f"it holds '{ch}', which is not one of the letters a-z"
    return ""
