"""The principle catalogue (`scenarios/principles.toml`).

Principles live in one file, not in each scenario, so every debrief explains
a principle the same way and an author only names it.
"""

from __future__ import annotations

from pydantic import Field, PrivateAttr

from sim.model.types import FormatVersion, Id, Model, Text, Title


class Principle(Model):
    title: Title
    summary: Text
    explanation: Text
    sounds_like: tuple[Text, ...] = ()
    slips: tuple[Text, ...] = ()
    sources: tuple[Text, ...] = ()


class Catalogue(Model):
    format: FormatVersion
    principles: dict[Id, Principle] = Field(min_length=1)

    _path: str = PrivateAttr(default="")

    @property
    def path(self) -> str:
        """Where it was read from (set by the loader), for hints that name the file."""
        return self._path
