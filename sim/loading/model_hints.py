"""Hints that say what the format expects at a key path, as TOML that parses.

Read off the pydantic models (`sim.loading.shape`), never written out by hand,
so a hint cannot name a key, a kind of value or a range the format does not
have: when a field changes, its hints change with it.
"""

from __future__ import annotations

import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from sim.loading import shape
from sim.loading.keypath import entry_of, toml_name


def union_hint(model: type[BaseModel], loc: Sequence[object], kinds: list[str]) -> str:
    """One example per form a key may take (`next = "x"`, or `next = [{ ... }]`)."""
    name = str(loc[-1])
    tp = expected_type(model, loc)
    examples = []
    for member in shape.members(tp) if tp is not None else []:
        kind = shape.kind_of(member)
        if kind == "tables":
            inner = [m for m in shape.members(_list_item(member)) if shape.kind_of(m) == "table"]
            if inner:
                examples.append(f"{name} = [{shape.example_table(inner[0])}]")
        else:
            examples.append(f"{name} = {shape.example_value(member)}")
    return "e.g. " + ", or ".join(examples) if examples else ""


def _list_item(tp: Any) -> Any:
    """The entry type of `list[X]`."""
    return typing.get_args(tp)[0]


def expected_type(model: type[BaseModel], loc: Sequence[object]) -> Any:
    """The annotated type at `loc`, or None where the path leaves the format."""
    found = shape.walk(model, loc)
    return found[0] if found else None


def add_hint(model: type[BaseModel], loc: Sequence[object]) -> str:
    """How to add a missing key, as TOML that parses: `setting = "..."`, `[meters]`."""
    name = str(loc[-1])
    tp = expected_type(model, loc)
    kind = shape.kind_of(tp) if tp is not None else "unknown"
    where = entry_of(loc)
    if kind == "table" and where and name == "when":  # missing from a [[...variants]] block
        # A blank to fill in, never a threshold: "min_trust = 10", copied as offered,
        # made a variant or paragraph show in nearly every run.
        return (
            f'add when = {{ flags = ["..."] }} in {where} and fill in the condition '
            f"{_when_does(loc)}: a flag a choice sets, or not_flags, visited, min_ and max_ "
            f"trust or empowerment, any{_always(loc)}"
        )
    if kind == "table" and where:
        return f"add {name} = {shape.example_value(tp)} in {where}"
    if kind in ("tables", "keyed", "table"):
        return add_entry_hint(model, loc)
    if tuple(loc) in (("meters", "trust"), ("meters", "empowerment")):
        # "add empowerment = 10" read as a value peer-sim wanted (author35): it is the
        # author's choice, where the meter starts
        return f"add {name} = ... below [meters]: where {name} starts, 0 to 100 (e.g. {name} = 30)"
    value = shape.example_value(tp) if tp is not None else '"..."'
    return f"add {name} = {value}" + (f" in {where}" if where else "")


def _when_does(loc: Sequence[object]) -> str:
    """What a missing `when` decides, in the words of the block it is missing from: an
    `also` paragraph is added (every one that holds), a variant is picked (the first)."""
    if "also" in loc:
        return "under which this paragraph is added"
    return "that should pick this entry"


def _always(loc: Sequence[object]) -> str:
    """For a variant, where a text meant for every run belongs instead."""
    if "variants" not in loc:
        return ""
    owner = "the scene's" if loc[0] == "scenes" else "the ending's"
    return f"; a text that should show in every run is {owner} own text, not a variant"


def add_entry_hint(model: type[BaseModel], loc: Sequence[object]) -> str:
    """How to write one entry of a table or list of tables at `loc`, in valid TOML."""
    tp = expected_type(model, loc)
    kind = shape.kind_of(tp) if tp is not None else "unknown"
    header = toml_name(loc)
    where = entry_of(loc)
    after = f", after {where}" if where else ""
    if kind == "tables":
        return f"add a [[{header}]] block with its keys below it{after}"
    if kind == "keyed":
        return f"add a [{header}.NAME] table with its keys below it{after}"
    if kind == "table":
        return table_hint(model, loc)
    return f'e.g. {loc[-1]} = ["first", "second"]'


def table_hint(model: type[BaseModel], loc: Sequence[object]) -> str:
    """How to write a table at `loc`: inline inside a list entry, since a header cannot number one."""
    name = str(loc[-1])
    tp = expected_type(model, loc)
    members = [m for m in shape.members(tp) if shape.kind_of(m) == "table"] if tp else []
    table = shape.example_table(members[0]) if members else "{ }"
    if loc and isinstance(loc[-1], int) and len(loc) > 1:
        # An entry of an inline list (`any = [ "x", ... ]`) has no key of its own to write.
        return f"write each entry of {loc[-2]} as a table in {{ ... }}, e.g. {loc[-2]} = [{table}]"
    inline = f"{name} = {table}"
    where = entry_of(loc)
    if where:  # a header cannot number entries: inline, or a header after that entry
        return f"write it inline in {where}, e.g. {inline}"
    return f"write it as [{toml_name(loc)}] with keys below it, or inline: {inline}"


def bounds(model: type[BaseModel], loc: Sequence[object]) -> tuple[int, int]:
    """The range the model declares for the number at `loc` (so a hint never
    names a range the field does not have); the usual ranges when it cannot be found."""
    step = shape.walk(model, loc)
    if step is not None and step[1] is not None:
        low = next((m.ge for m in step[1].metadata if hasattr(m, "ge")), None)
        high = next((m.le for m in step[1].metadata if hasattr(m, "le")), None)
        if isinstance(low, int) and isinstance(high, int):
            return low, high
    name = str(loc[-1]) if loc else ""
    if name == "minutes":
        return 1, 240
    parent = str(loc[-2]) if len(loc) > 1 else ""
    if parent == "meters" or name.startswith(("min_", "max_")):
        return 0, 100
    return -100, 100
