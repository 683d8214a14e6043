"""Where the file wrote a line break into text peer-sim shows as one line.

A title, a character's name, a content note, a choice's `say` and its `note` are
each one line of a list, a heading or a menu, so the model reads a line break in one as
a space (sim.model.types). That keeps every output the same, but an author who
wrote two lines on purpose (a `say` as two short sentences on two lines, two
content notes in one string) never learnt they became one. The fold itself has
to happen in the model; only the raw data still shows where it did, so the
loader notes those keys here and `peer-sim check` names each one (sim.authoring
.folded).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

Loc = tuple[object, ...]


def folded_keys(data: dict[str, Any]) -> tuple[Loc, ...]:
    """Key paths of the one-line texts whose value, as written, holds a line break
    between words (a break only at an edge is trimmed, as every text's edges are)."""
    return tuple(loc for loc, value in _one_line_texts(data) if _breaks(value))


def _breaks(value: object) -> bool:
    if not isinstance(value, str):
        return False
    return sum(1 for line in value.splitlines() if line.strip()) > 1


def _one_line_texts(data: dict[str, Any]) -> Iterator[tuple[Loc, object]]:
    """(key path, raw value) of each text the model folds to one line; anything
    not shaped as the format says is left to validation, which names it."""
    yield ("title",), data.get("title")
    notes = data.get("content_notes")
    if isinstance(notes, list):
        for i, note in enumerate(notes):
            yield ("content_notes", i), note
    for table, key in (("characters", "name"), ("endings", "title")):
        entries = data.get(table)
        if isinstance(entries, dict):
            for name, entry in entries.items():
                if isinstance(entry, dict):
                    yield (table, name, key), entry.get(key)
    scenes = data.get("scenes")
    if isinstance(scenes, dict):
        for sid, scene in scenes.items():
            choices = scene.get("choices") if isinstance(scene, dict) else None
            if isinstance(choices, list):
                for i, choice in enumerate(choices):
                    if isinstance(choice, dict):
                        yield ("scenes", sid, "choices", i, "say"), choice.get("say")
                        yield ("scenes", sid, "choices", i, "note"), choice.get("note")
