"""The scenario file format, version 1.

Keyed tables (`[scenes.hello]`) make ids unique for free, because TOML
rejects a duplicate key. Cross references (gotos, speakers, principle ids)
are checked after validation by `sim.loading.crossref`, so that one pass can
report every broken link with its own line.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, PrivateAttr, StrictBool, StrictStr

from sim.model.types import (
    Delta,
    Difficulty,
    Id,
    MeterValue,
    Model,
    Outcome,
    Text,
    Verdict,
)


class Condition(Model):
    """When a choice is offered or an ending applies: data, never code.

    Every key present must hold; min and max are inclusive.
    """

    min_trust: MeterValue | None = None
    max_trust: MeterValue | None = None
    min_empowerment: MeterValue | None = None
    max_empowerment: MeterValue | None = None
    flags: tuple[Id, ...] = ()
    not_flags: tuple[Id, ...] = ()
    visited: tuple[Id, ...] = ()
    not_visited: tuple[Id, ...] = ()

    def holds(
        self, trust: int, empowerment: int, flags: frozenset[str], visited: frozenset[str]
    ) -> bool:
        if self.min_trust is not None and trust < self.min_trust:
            return False
        if self.max_trust is not None and trust > self.max_trust:
            return False
        if self.min_empowerment is not None and empowerment < self.min_empowerment:
            return False
        if self.max_empowerment is not None and empowerment > self.max_empowerment:
            return False
        if any(f not in flags for f in self.flags):
            return False
        if any(f in flags for f in self.not_flags):
            return False
        if any(s not in visited for s in self.visited):
            return False
        return not any(s in visited for s in self.not_visited)


class Choice(Model):
    """One thing the trainee coach can say, and what it does."""

    say: Text
    goto: StrictStr
    trust: Delta = 0
    empowerment: Delta = 0
    principles: dict[Id, Verdict] = Field(default_factory=dict)
    why: Text | None = None
    note: Text | None = None
    best: StrictBool = False
    when: Condition | None = None
    sets: tuple[Id, ...] = ()
    clears: tuple[Id, ...] = ()
    id: Id | None = None

    def coach_note(self) -> str:
        """The one-line practice-mode note: the author's, or the first sentence of why."""
        if self.note:
            return self.note
        if not self.why:
            return ""
        first, dot, _rest = self.why.partition(". ")
        return first + ("." if dot else "")


class Scene(Model):
    """What the other person says (or a narrated moment), then choices or `next`."""

    text: Text
    speaker: Id | None = None
    action: Text | None = None
    choices: tuple[Choice, ...] = ()
    next: StrictStr | None = None


class Ending(Model):
    title: Text
    outcome: Outcome
    text: Text
    when: Condition | None = None


class Character(Model):
    name: Text
    about: Text | None = None


class Meters(Model):
    trust: MeterValue
    empowerment: MeterValue


class Debrief(Model):
    reflect: tuple[Text, ...] = ()


class Scenario(Model):
    """A whole scenario file.

    `id` and `path` are set by the loader (the file stem and where it was
    read from); they are private so they never appear in the file format.
    """

    format: Literal[1]
    title: Text
    summary: Text
    setting: Text
    trains: tuple[Id, ...] = ()
    content_notes: tuple[Text, ...] = ()
    minutes: int = Field(ge=1, le=240, strict=True)
    difficulty: Difficulty
    start: Id
    meters: Meters
    characters: dict[Id, Character] = Field(default_factory=dict)
    scenes: dict[Id, Scene] = Field(min_length=1)
    endings: dict[Id, Ending] = Field(min_length=1)
    debrief: Debrief = Debrief()

    _id: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")

    @property
    def id(self) -> str:
        return self._id

    @property
    def path(self) -> str:
        return self._path
