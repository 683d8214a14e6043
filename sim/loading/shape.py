"""What the format expects at a key path, read off the pydantic models.

Hints must say what to write, and what to write depends on the shape: a list
of tables is `[[scenes.x.choices]]`, a keyed table is `[scenes.NAME]`, text
is `"..."`. Walking the models (instead of listing keys here) keeps the hints
right for every key the format gains. Used only when a file has a problem, so
importing pydantic here costs a clean load nothing.
"""

from __future__ import annotations

import re
import types
import typing
from collections.abc import Sequence
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sim.model.types import PROSE

Kind = Literal["tables", "keyed", "table", "list", "text", "number", "bool", "choice", "unknown"]


def unwrap(tp: Any) -> Any:
    """Strip Optional/Annotated so the walk sees the real container or model.

    A union of several real types (`next`: an id or a list of branches) is
    returned as is; `members` lists its parts.
    """
    while True:
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            if len(args) != 1:
                return tp
            tp = args[0]
        else:
            return tp


def members(tp: Any) -> list[Any]:
    tp = unwrap(tp)
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return [unwrap(a) for a in typing.get_args(tp) if a is not type(None)]
    return [tp]


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _step(tp: Any, part: object) -> tuple[Any, FieldInfo | None] | None:
    for member in members(tp):
        origin = typing.get_origin(member)
        if isinstance(part, int):
            if origin in (tuple, list):
                return typing.get_args(member)[0], None
        elif _is_model(member):
            info = member.model_fields.get(str(part))
            if info is not None:
                return info.annotation, info
        elif origin is dict:
            return typing.get_args(member)[1], None
    return None


def walk(model: type[BaseModel], loc: Sequence[object]) -> tuple[Any, FieldInfo | None] | None:
    """The type expected at `loc` and, when `loc` ends on a model field, its FieldInfo."""
    current: Any = model
    info: FieldInfo | None = None
    for part in loc:
        found = _step(current, part)
        if found is None:
            return None
        current, info = found
    return current, info


def _marked_prose(tp: Any) -> bool:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return PROSE in tp.__metadata__ or _marked_prose(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        return any(_marked_prose(a) for a in typing.get_args(tp))
    return False


def is_prose(model: type[BaseModel], loc: Sequence[object]) -> bool | None:
    """Whether `loc` holds free text (cleanable); None where the format has no such key."""
    found = walk(model, loc)
    if found is None:
        return None
    tp, info = found
    return (info is not None and PROSE in info.metadata) or _marked_prose(tp)


def kind_of(tp: Any) -> Kind:
    """How a value of this type is written in TOML, for the first fitting member."""
    for member in members(tp):
        origin = typing.get_origin(member)
        if origin in (tuple, list):
            inner = members(typing.get_args(member)[0])
            return "tables" if any(_is_model(m) for m in inner) else "list"
        if origin is dict:
            return "keyed"
        if _is_model(member):
            return "table"
    first = members(tp)[0]
    if typing.get_origin(first) is Literal:
        return "choice"
    if first is bool:
        return "bool"
    if first is int:
        return "number"
    if first is str:
        return "text"
    return "unknown"


def fixed_values(model: type[BaseModel], loc: Sequence[object]) -> tuple[str, ...]:
    """The values a key with a fixed set takes (`outcome`: strong, mixed, poor), else ()."""
    found = walk(model, loc)
    if found is None:
        return ()
    first = members(found[0])[0]
    if typing.get_origin(first) is not Literal:
        return ()
    return tuple(v for v in typing.get_args(first) if isinstance(v, str))


def is_list_of_tables(model: type[BaseModel], loc: Sequence[object]) -> bool:
    found = walk(model, loc)
    return found is not None and any(kind_of(m) == "tables" for m in members(found[0]))


def list_takes_text(model: type[BaseModel], loc: Sequence[object]) -> bool:
    """A list whose entries may be plain text (`reflect`: text, or a table with a when)."""
    found = walk(model, loc)
    if found is None:
        return False
    return any(
        typing.get_origin(member) in (tuple, list)
        and any(kind_of(m) == "text" for m in members(typing.get_args(member)[0]))
        for member in members(found[0])
    )


def list_takes_tables(model: type[BaseModel], loc: Sequence[object]) -> bool:
    """A list whose entries may also be tables (`reflect`: a text with a `when`)."""
    found = walk(model, loc)
    if found is None:
        return False
    return any(
        typing.get_origin(member) in (tuple, list)
        and any(kind_of(m) == "table" for m in members(typing.get_args(member)[0]))
        for member in members(found[0])
    )


def required(model: type[BaseModel], loc: Sequence[object]) -> bool:
    found = walk(model, loc)
    return bool(found and found[1] is not None and found[1].is_required())


def example_value(tp: Any) -> str:
    """A short valid TOML value of this type, to show in a hint."""
    member = members(tp)[0]
    kind = kind_of(tp)
    if kind == "choice":
        return f'"{typing.get_args(member)[0]}"'
    if kind == "number":
        return "10"
    if kind == "bool":
        return "true"
    if kind == "list":
        return '["..."]'
    if kind == "table":
        return example_table(member)
    if kind == "keyed":
        return "{ }"
    return '"..."'


def example_table(model: type[BaseModel]) -> str:
    """`{ key = value }` with the model's first field: valid TOML an author can fill in."""
    for name, info in model.model_fields.items():
        if kind_of(info.annotation) in ("text", "number", "bool", "choice", "list"):
            return f"{{ {name} = {example_value(info.annotation)} }}"
    return "{ }"


def allowed_keys(model: type[BaseModel], loc: Sequence[object]) -> list[str]:
    """The keys a table at `loc` may hold."""
    found = walk(model, loc)
    if found is None:
        return []
    for member in members(found[0]):
        if _is_model(member):
            return list(member.model_fields)
    return []


_WRAPPED = re.compile(r"^function-(?:before|after|wrap|plain)\[[^,\]]*, (.*)\]$")
"""A validator's wrapper round a member's tag: 'function-before[_seen(), constrained-str]'."""


def _member_for(union: Any, tag: str) -> Any:
    """The member of a union that pydantic's location tag names ('str', 'tuple[Step, ...]').

    A member with a validator of its own (text: invisible characters alone are refused)
    is tagged inside the validator's wrapper; without unwrapping it the text member went
    unrecognised and a `reflect` entry got two errors where one was meant.
    """
    while wrapped := _WRAPPED.match(tag):
        tag = wrapped.group(1)
    for member in members(union):
        kind = kind_of(member)
        if tag == getattr(member, "__name__", None):
            return member
        if tag.startswith(("tuple[", "list[")) and kind in ("tables", "list"):
            return member
        if tag.startswith("dict[") and kind == "keyed":
            return member
        if tag in ("str", "constrained-str") and kind == "text":
            return member
    return None


_FITS = {  # the members a value of this Python type could have been meant for
    list: ("tables", "list"),
    str: ("text", "choice"),
    dict: ("table", "keyed"),
}


def resolve_unions(
    model: type[BaseModel], errors: list[dict[str, Any]], data: Any
) -> list[dict[str, Any]]:
    """pydantic's errors for a union key, as an author would want them.

    `next = 5` fails both members of `next` (an id, or a list of branches) and
    pydantic reports both, with its type names in the location. What the author
    wrote decides: a list gets the list member's errors, text the text
    member's, and a value that fits neither gets one error naming both.
    """
    out: list[dict[str, Any]] = []
    unions: dict[tuple[object, ...], list[tuple[str, dict[str, Any]]]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        clean: list[object] = []
        current: Any = model
        tagged: tuple[tuple[object, ...], str] | None = None
        for part in loc:
            step = _step(current, part) if current is not None else None
            if step is None and current is not None and len(members(current)) > 1:
                member = _member_for(current, str(part))
                if member is not None:
                    tagged = (tuple(clean), kind_of(member))
                    current = member
                    continue
            clean.append(part)
            current = step[0] if step else None
        fixed = dict(err, loc=tuple(clean))
        if tagged is None:
            out.append(fixed)
        else:
            unions.setdefault(tagged[0], []).append((tagged[1], fixed))
    for at, found in unions.items():
        value = _value_at(data, at)
        fits = _FITS.get(type(value), ())
        kept = [err for kind, err in found if kind in fits]
        if kept:
            out.extend(kept)
        else:
            kinds = list(dict.fromkeys(kind for kind, _err in found))
            out.append(
                {
                    "type": "union_type",
                    "loc": at,
                    "input": value,
                    "msg": "does not fit any form of this key",
                    "ctx": {"kinds": kinds},
                }
            )
    return out


def _value_at(data: Any, loc: Sequence[object]) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data
