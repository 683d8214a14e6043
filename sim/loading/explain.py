"""Turn pydantic's validation errors into sentences an author can act on.

pydantic says "Input should be a valid integer"; an author needs "trust should
be a whole number like 8 or -6, not "8"". Each error becomes one Problem with
the file's line and column, found by `Locator` only when something failed.
Here: which errors are causes and which their symptoms; what each kind of error
says is in sentences.py.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.loading import shape
from sim.loading.keypath import format_key, toml_name
from sim.loading.locate import Locator
from sim.loading.misplaced import (
    condition_outside_when,
    goto_in_scene,
    goto_on_scene,
    header_of,
    loose_meters,
    misplaced_hint,
    names_as_branches,
    next_names,
    next_on_choice,
    owner_of,
    stray_tables,
    value_at,
)
from sim.loading.model_hints import expected_type
from sim.loading.names import speaker_named
from sim.loading.sentences import sentence
from sim.problems import Problem, did_you_mean


def explain(
    path: Path, error: ValidationError, model: type[BaseModel], locator: Locator, data: Any
) -> list[Problem]:
    """One located Problem per thing an author must change, for one failed validation.

    pydantic reports symptoms (a key "missing" where it was only written under the
    wrong header, one error per member of a union); this folds them into causes.
    """
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    errors = shape.resolve_unions(model, error.errors(include_url=False), data)
    # A key written below the wrong header: "not known here" says where it went
    # and where it belongs, and the "missing" error it causes there is dropped.
    misplaced: dict[tuple[object, ...], tuple[object, ...]] = {}
    for err in errors:
        if err["type"] == "extra_forbidden" and err["loc"]:
            owner = owner_of(model, tuple(err["loc"]), locator)
            if owner is not None:
                misplaced[tuple(err["loc"])] = owner
    moved = {owner + (loc[-1],) for loc, owner in misplaced.items()}
    # `next` on a choice (or a branch of next) is told to become its goto, so a
    # missing goto there is the same slip.
    moved |= {loc[:-1] + ("goto",) for loc in misplaced if next_on_choice(loc)}
    # A misspelt required key (`go_to`) is reported once, as the misspelling.
    # A top-level key misplaced below a header while the top has one (`title = "Ana"` in a
    # character, below the scenario's own title) is not moved there: if its table lacks one
    # required key, it is that key named otherwise (`_renamed`), not a second title.
    # A key its owner has already, in a table that lacks a required key (`text = "..."` for
    # a choice's say), is that key named otherwise: "remove this one" threw the coach's
    # line away (author44), so `_renamed` may take it.
    lacking = {tuple(err["loc"])[:-1] for err in errors if err["type"] == "missing"}
    spelled: set[tuple[object, ...]] = {
        loc
        for loc, owner in misplaced.items()
        if (owner or value_at(data, (loc[-1],)) is None or isinstance(value_at(data, loc), dict))
        and not (
            owner
            and loc[:-1] in lacking
            and value_at(data, (*owner, loc[-1])) is not None
            and not next_on_choice(loc)  # told to become goto, in words of its own
        )
    }
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden" and loc and loc not in misplaced:
            close = did_you_mean(str(loc[-1]), shape.allowed_keys(model, loc[:-1]))
            if close:
                moved.add(loc[:-1] + (close.split("'")[1],))
                spelled.add(loc)
    renamed = _renamed(errors, model, data, spelled)
    moved |= set(renamed.values())
    strays = stray_tables(errors, data, locator)
    loose = loose_meters(data, locator)
    for err in errors:
        loc = list(err["loc"])
        about_key = bool(loc) and loc[-1] == "[key]"
        if about_key:
            loc.pop()
        if err["type"] == "missing" and tuple(loc) in moved:
            continue
        if loose is not None and tuple(loc) in loose.keys:
            continue  # said once, as the [meters] header they lack
        if loose is not None and tuple(loc) == ("meters",) and err["type"] == "missing":
            line, column = loose.at
            problems.append(
                Problem(
                    path,
                    loose.message,
                    key="meters",
                    line=line,
                    column=column,
                    hint=loose.hint,
                    code="missing",
                )
            )
            continue
        if err["type"] == "missing" and tuple(loc[:2]) in strays:
            # Every missing key of a table made by a misspelt header is one slip.
            loc = loc[:2]
            message, hint = strays[tuple(loc)]
            if not message:
                continue  # a dotted name: said once, as its unknown key
            if (format_key(loc), message) in seen:
                continue
            seen.add((format_key(loc), message))
            line, column = locator.find(loc) or (1, 1)
            key = format_key(loc)
            problems.append(
                Problem(path, message, key=key, line=line, column=column, hint=hint, code="missing")
            )
            continue
        if tuple(loc) in renamed:
            name, to = loc[-1], renamed[tuple(loc)][-1]
            message = (
                f"'{name}' is not a key of {header_of(tuple(loc[:-1]))}"
                if tuple(loc) in misplaced  # known elsewhere: "not a key peer-sim knows" is not so
                else f"'{name}' is not a key peer-sim knows here"
            )
            hint = f"rename {name} to {to}: {to} is required here and missing"
        elif tuple(loc) in misplaced:
            message, hint = misplaced_hint(loc, misplaced[tuple(loc)], locator, data)
        elif names_as_branches(loc, data):
            loc = loc[:-1]
            message, hint = next_names(value_at(data, loc))
        elif err["type"] == "extra_forbidden" and goto_on_scene(tuple(loc)):
            message, hint = goto_in_scene(value_at(data, loc[:-1]))
        elif err["type"] == "extra_forbidden" and condition_outside_when(model, loc, data):
            message, hint = condition_outside_when(model, loc, data) or ("", "")
        else:
            message, hint = sentence(err, loc, model, about_key)
            if err["type"] == "string_pattern_mismatch" and loc and loc[-1] == "speaker":
                hint = speaker_named(err.get("input"), data) or hint
        if _inline_table_for_list(err, loc, locator):
            message, hint = _list_in_braces(str(loc[-1]), err["input"])
        hint = _inline_lists(hint, loc, locator)
        key = format_key(loc)
        if (key, message) in seen:
            continue
        seen.add((key, message))
        # A missing key has no position of its own: point at its table, or the
        # top of the file for a top-level key.
        where = locator.find(loc) or (1, 1)
        line, column = where
        problems.append(
            Problem(path, message, key=key, line=line, column=column, hint=hint, code=err["type"])
        )
    return problems


def _renamed(
    errors: list, model: type[BaseModel], data: Any, spelled: set[tuple[object, ...]]
) -> dict[tuple[object, ...], tuple[object, ...]]:
    """Unknown keys that stand for the one required key their table lacks: loc -> its loc.

    `{ prompt = "...", when = ... }` in `reflect` gave two errors, "text is missing" and
    "prompt is not a key", for one word chosen differently (author test 9). One unknown
    key and one missing key in the same table, the value of the kind the missing key
    takes (text for text, a number for a number), are that slip; a near spelling is
    said as one already (`spelled`).
    """
    extra: dict[tuple[object, ...], list[tuple[object, ...]]] = {}
    missing: dict[tuple[object, ...], list[tuple[object, ...]]] = {}
    for err in errors:
        loc = tuple(err["loc"])
        if not loc or loc[-1] == "[key]" or isinstance(loc[-1], int):
            continue
        if err["type"] == "extra_forbidden" and loc not in spelled:
            extra.setdefault(loc[:-1], []).append(loc)
        elif err["type"] == "missing":
            missing.setdefault(loc[:-1], []).append(loc)
    out: dict[tuple[object, ...], tuple[object, ...]] = {}
    for table, unknown in extra.items():
        lacking = missing.get(table, [])
        if len(unknown) != 1 or len(lacking) != 1:
            continue
        value = value_at(data, list(unknown[0]))
        kind = shape.kind_of(expected_type(model, lacking[0]))
        if (kind == "text" and isinstance(value, str)) or (
            kind == "number" and isinstance(value, int) and not isinstance(value, bool)
        ):
            out[unknown[0]] = lacking[0]
    return out


def _inline_table_for_list(err: dict[str, Any], loc: Sequence[object], locator: Locator) -> bool:
    """`any = { flags = ["a"], visited = ["b"] }`: a list written as one `{ ... }`, not a header."""
    if err["type"] not in ("tuple_type", "list_type", "set_type"):
        return False
    if not isinstance(err.get("input"), dict) or not loc or isinstance(loc[-1], int):
        return False
    pos = locator.positions.get(tuple(loc))
    return pos is not None and not locator.source.startswith("[", pos)


def _list_in_braces(name: str, value: dict[str, Any]) -> tuple[str, str]:
    """The message and hint for a list written as one inline table: square brackets around
    its entries; for `any`, each key its own alternative, since either one was meant."""
    message = f"{name} should be a list in square brackets, but it was written as one {{ ... }}"
    if name == "any" and value:
        entries = ", ".join(f"{{ {k} = {_inline(v)} }}" for k, v in value.items())
        return message, (
            "any holds when one of its entries holds: put each alternative in its own "
            f"{{ ... }}, inside [ ]: any = [ {entries} ]"
        )
    return message, f"put square brackets around it: {name} = [ {_inline(value)} ]"


def _inline(value: Any) -> str:
    """A parsed TOML value written back as inline TOML, for a hint."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_inline(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_inline(v)}" for k, v in value.items()) + " }"
    return str(value)


def _inline_lists(hint: str, loc: Sequence[object], locator: Locator) -> str:
    """Name an inline list as written: `reflect = [...]`, not `[[debrief.reflect]]`.

    Hints call a list entry "the 2nd entry of [[x.y]]", right for a list of
    `[[...]]` blocks; a list written inline has no such header to point at.
    """
    for at in range(len(loc) - 1, 0, -1):
        if isinstance(loc[at], int):
            listed = tuple(loc[:at])
            pos = locator.positions.get(listed)
            if pos is not None and not locator.source.startswith("[", pos):
                hint = hint.replace(f"[[{toml_name(listed)}]]", f"{listed[-1]} = [...]")
    return hint
