"""The scenario file format, version 1.

Keyed tables (`[scenes.hello]`) make ids unique for free, because TOML
rejects a duplicate key. Cross references (gotos, speakers, principle ids)
are checked after validation by `sim.loading.crossref`, so that one pass can
report every broken link with its own line.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterator
from functools import lru_cache

from pydantic import Field, PrivateAttr, StrictBool, StrictStr

from sim.model.types import (
    Cap,
    Delta,
    Difficulty,
    FormatVersion,
    Id,
    Line,
    MeterValue,
    Model,
    Outcome,
    SlipKind,
    Text,
    Title,
    Verdict,
)

SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'])")


class Clause(Model):
    """The plain tests a condition is made of: data, never code.

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


class Condition(Clause):
    """When a choice is offered, a text variant shows or an ending applies.

    `any` is the one way to say OR: the plain keys must all hold and, when
    `any` is given, at least one of its clauses too. Clauses cannot nest
    another `any`, so a condition stays one readable line of data (an OR of
    ANDs inside an AND) and the explorer can still judge it exactly.
    """

    any: tuple[Clause, ...] = Field(default=(), max_length=32)

    def holds(
        self, trust: int, empowerment: int, flags: frozenset[str], visited: frozenset[str]
    ) -> bool:
        if not Clause.holds(self, trust, empowerment, flags, visited):
            return False
        return not self.any or any(c.holds(trust, empowerment, flags, visited) for c in self.any)

    def clauses(self) -> tuple[Clause, ...]:
        """Every clause, the top one first (for tools that look at names used)."""
        return (self, *self.any)


class Choice(Model):
    """One thing the trainee coach can say, and what it does."""

    say: Line
    goto: StrictStr
    trust: Delta = 0
    empowerment: Delta = 0
    principles: dict[Id, Verdict] = Field(default_factory=dict)
    why: Text | None = None
    note: Line | None = None  # one line, as README says: a break in it is read as a space
    best: StrictBool = False
    when: Condition | None = None
    sets: tuple[Id, ...] = ()
    clears: tuple[Id, ...] = ()
    id: Id | None = None
    critical: SlipKind | None = None
    cap: Cap | None = None

    def coach_note(self) -> str:
        """The one-line practice-mode note: the author's, or the first sentence of why."""
        if self.note:
            return self.note
        if not self.why:
            return ""
        # A sentence ends at . ! or ? before a capital or a quote, so "N.A.P.S. core" stays whole.
        return SENTENCE_END.split(self.why, maxsplit=1)[0]


class Variant(Model):
    """Another text for a scene, shown instead of the base text when `when` holds."""

    when: Condition
    text: Text
    action: Text | None = None


class EndingVariant(Model):
    """Another text for an ending, judged on the final state of the run."""

    when: Condition
    text: Text


def _empty(value: tuple) -> bool:
    return not value


class Step(Model):
    """One branch of a branching `next`: go to `goto` if `when` holds (or always)."""

    goto: StrictStr
    when: Condition | None = None


@lru_cache(maxsize=4096)
def _plain_steps(goto: str) -> tuple[Step, ...]:
    """A plain `next` as one step, made once per target: the engine and the checker ask
    for every scene's steps, and building a model each time showed in the check's profile."""
    return (Step(goto=goto),)


MAX_CHOICES = 50  # choices one scene may offer


class Scene(Model):
    """What the other person says (or a narrated moment), then choices or `next`.

    `next` is a target, or a list of `Step`s of which the first that holds is
    taken, so a scene can go on differently after different choices without
    the author copying choices under exclusive conditions.
    """

    text: Text
    speaker: Id | None = None
    action: Text | None = None
    variants: tuple[Variant, ...] = ()
    # far more than any real moment offers (the bundled ones offer at most 9, the keys
    # 1-9), and few enough to read: a scene of 10,002 choices (1 MiB allows it) loaded,
    # and the app took half a minute over each key at it, every line wrapped again
    # (adversarial-37)
    choices: tuple[Choice, ...] = Field(default=(), max_length=MAX_CHOICES)
    next: StrictStr | tuple[Step, ...] | None = None

    def steps(self) -> tuple[Step, ...]:
        """`next` as a list of steps, whichever way it was written."""
        nxt = self.next
        if nxt is None:
            return ()
        if isinstance(nxt, str):
            return _plain_steps(nxt)
        return nxt


class Ending(Model):
    title: Title
    outcome: Outcome
    text: Text
    when: Condition | None = None
    variants: tuple[EndingVariant, ...] = ()
    # Paragraphs added after the text, every one whose `when` holds, in file order: a run
    # that made two mistakes hears of both, where variants (the first that holds) would
    # have needed one for each combination. Left out of the digest when empty, so adding
    # the key changed no existing scenario's content hash.
    also: tuple[EndingVariant, ...] = Field(default=(), exclude_if=_empty)


class Character(Model):
    name: Title
    about: Text | None = None


class Meters(Model):
    trust: MeterValue
    empowerment: MeterValue


class Reflection(Model):
    """A reflection prompt asked only when its condition holds at the end."""

    text: Text
    when: Condition | None = None


class Debrief(Model):
    reflect: tuple[Text | Reflection, ...] = ()


class Scenario(Model):
    """A whole scenario file.

    `id` and `path` are set by the loader (the file stem and where it was
    read from); they are private so they never appear in the file format.
    """

    format: FormatVersion
    title: Title
    summary: Text
    setting: Text
    trains: tuple[Id, ...] = ()
    content_notes: tuple[Line, ...] = ()  # each one item of a list: one line
    minutes: int = Field(ge=1, le=240, strict=True)
    difficulty: Difficulty
    order: int | None = Field(default=None, ge=1, le=999, strict=True)
    """Where it is listed within its difficulty level (1 first); unset ones follow, by title."""
    start: Id
    meters: Meters
    characters: dict[Id, Character] = Field(default_factory=dict)
    scenes: dict[Id, Scene] = Field(min_length=1)
    endings: dict[Id, Ending] = Field(min_length=1)
    debrief: Debrief = Debrief()

    _id: str = PrivateAttr(default="")
    _path: str = PrivateAttr(default="")
    # key paths of one-line texts the file wrote over several lines (sim.loading.one_line)
    _folded: tuple[tuple[object, ...], ...] = PrivateAttr(default=())
    # (weak reference to the object it was computed on, its digest): see
    # sim.engine.run.digest
    _digest: tuple[weakref.ref[Scenario], str] | None = PrivateAttr(default=None)

    @property
    def id(self) -> str:
        return self._id

    def conditions(self) -> Iterator[tuple[tuple[object, ...], Condition]]:
        """Every condition in the file with its key path, for tools that check names."""
        for sid, scene in self.scenes.items():
            for i, choice in enumerate(scene.choices):
                if choice.when is not None:
                    yield ("scenes", sid, "choices", i, "when"), choice.when
            if isinstance(scene.next, tuple):
                for i, step in enumerate(scene.next):
                    if step.when is not None:
                        yield ("scenes", sid, "next", i, "when"), step.when
            for i, variant in enumerate(scene.variants):
                yield ("scenes", sid, "variants", i, "when"), variant.when
        for eid, ending in self.endings.items():
            if ending.when is not None:
                yield ("endings", eid, "when"), ending.when
            for i, variant in enumerate(ending.variants):
                yield ("endings", eid, "variants", i, "when"), variant.when
            for i, extra in enumerate(ending.also):
                yield ("endings", eid, "also", i, "when"), extra.when
        for i, item in enumerate(self.debrief.reflect):
            if not isinstance(item, str) and item.when is not None:
                yield ("debrief", "reflect", i, "when"), item.when

    @property
    def path(self) -> str:
        return self._path

    @property
    def folded(self) -> tuple[tuple[object, ...], ...]:
        """The one-line texts (title, name, content note, say) whose line breaks the
        model read as spaces, by key path: `check` tells the author (sim.authoring.folded)."""
        return self._folded
