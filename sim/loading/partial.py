"""Link errors of a file whose values are wrong, found in the same run.

A file with a bad value (`trust = "8"`) cannot become a Scenario, so the link
checks (`sim.loading.crossref`) would wait for the next run, and an author
fixes a file in two rounds. Here the values pydantic rejected are set aside
(an optional key, or a key it does not know such as a misspelt `sya`, is left
out, a required one gets a placeholder, an entry with a bad name is dropped),
the rest is validated again, and the links are
checked on that. Any link problem that touches a set-aside value, or names an
entry that was dropped (as written, or made valid as its error suggests), is not
reported: it would only echo the value error.
Runs only when a file already has errors.
"""

from __future__ import annotations

import copy
import typing
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.loading import shape
from sim.loading.names import slug_of
from sim.loading.where import Where
from sim.problems import Problem

Loc = tuple[object, ...]
_ROUNDS = 3
# The one entry standing in for a required [NAME.x] table that is missing (a
# draft without its [endings] yet): a name no author writes, valid as an id.
STAND_IN = "0-stand-in-for-a-missing-table"


def links_despite(
    path: Path, model: type[BaseModel], data: dict[str, Any], error: ValidationError, text: str
) -> list[Problem]:
    """Link problems of a scenario that failed validation; [] when none can be found."""
    from sim.model import Scenario

    if model is not Scenario:
        return []
    try:
        return _links(path, data, error, text)
    except Exception:  # a second opinion must never become a new way to fail
        return []


def _links(path: Path, data: dict[str, Any], error: ValidationError, text: str) -> list[Problem]:
    from sim.loading.crossref import cross_reference
    from sim.model import Scenario

    work = copy.deepcopy(data)
    touched: set[Loc] = set()
    dropped: set[str] = set()
    scenario = None
    errors = shape.resolve_unions(Scenario, error.errors(include_url=False), work)
    for _round in range(_ROUNDS):
        for err in errors:
            if not _set_aside(work, tuple(err["loc"]), err["type"], touched, dropped):
                return []
        try:
            scenario = Scenario.model_validate(work)
            break
        except ValidationError as again:
            errors = shape.resolve_unions(Scenario, again.errors(include_url=False), work)
    if scenario is None:
        return []
    where = Where(path, text)
    out = []
    stray = _stray_names(data)
    holders = {t[:i] for t in touched for i in range(len(t) + 1)}
    no_endings = ("endings",) in touched and STAND_IN in scenario.endings
    made_valid = {slug_of(name) for name in dropped} - {""}
    for loc, message, hint, code in cross_reference(scenario, _catalogue(path)):
        if (
            _near(loc, touched, holders)
            or _leans_on(loc, touched)
            or _value_at(data, loc) in dropped
            # `speaker = "marcus"` under [characters.Marcus]: the name's error says "did
            # you mean 'marcus'?", and renaming the header mends every link to it; told
            # "add [characters.marcus]" at each speaker, the author would add a second
            or _value_at(data, loc) in made_valid
            or (code in ("unknown-goto", "unknown-scene") and _value_at(data, loc) in stray)
            or (no_endings and code == "unknown-goto" and not _scene_typo(scenario, data, loc))
        ):
            continue
        out.append(where.problem(loc, message, hint, code=code))
    return out


def _stray_names(data: dict[str, Any]) -> set[str]:
    """Names written under a misspelt `[Scenes.x]` or `[ending.x]`: their own error says
    which word to fix, and a goto to one was also told "did you mean" some other scene."""
    from sim.problems import did_you_mean

    out: set[str] = set()
    for key, table in data.items():
        if key in ("scenes", "endings") or not isinstance(table, dict):
            continue
        if key.lower() in ("scenes", "endings") or did_you_mean(key, ["scenes", "endings"]):
            out |= {name for name in table if isinstance(name, str)}
    return out


def _scene_typo(scenario: Any, data: dict[str, Any], loc: Loc) -> bool:
    """With no [endings] written yet, an unknown goto may be an ending still to come:
    only one close to a scene's name is surely a mistake worth saying now."""
    from sim.problems import did_you_mean

    target = _value_at(data, loc)
    return target is not None and bool(did_you_mean(target, list(scenario.scenes)))


def _catalogue(path: Path) -> Any:
    from sim.loading.library import catalogue_for
    from sim.problems import ScenarioError

    try:
        return catalogue_for(path)
    except ScenarioError:
        return None  # reported on its own; principles go unchecked here


def _near(loc: Loc, touched: set[Loc], holders: set[Loc]) -> bool:
    """`loc` is a set-aside value, inside one, or holds one (`holders`: every prefix of one).

    Looked up by prefix, not compared with each set-aside value: a file with
    20,000 broken choices took minutes to check (every problem against every value).
    """
    return loc in holders or any(loc[:i] in touched for i in range(len(loc)))


# A key whose link check reads a sibling: `cap` is judged by `critical`, so a
# misspelt critical set aside would otherwise add "cap only applies to a critical slip".
_LEANS_ON = {"cap": "critical"}


def _leans_on(loc: Loc, touched: set[Loc]) -> bool:
    sibling = _LEANS_ON.get(str(loc[-1])) if loc else None
    return sibling is not None and loc[:-1] + (sibling,) in touched


def _value_at(data: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            data = data[part]
        except (KeyError, IndexError, TypeError):
            return None
    return data if isinstance(data, str) else None


def _set_aside(
    work: dict[str, Any], loc: Loc, kind: str, touched: set[Loc], dropped: set[str]
) -> bool:
    """Make the value at `loc` valid by leaving it out or replacing it; False if it cannot."""
    from sim.model import Scenario

    if loc and loc[-1] == "[key]":  # a bad name: drop that entry
        loc = loc[:-1]
        parent = _container(work, loc[:-1])
        if not isinstance(parent, dict) or loc[-1] not in parent:
            return False
        del parent[loc[-1]]
        dropped.add(str(loc[-1]))
        touched.add(loc)
        return True
    if not loc:
        return False
    parent = _container(work, loc[:-1])
    if parent is None:
        return False
    touched.add(loc)
    if kind == "extra_forbidden" and isinstance(parent, dict):  # a misspelt key: leave it out
        parent.pop(loc[-1], None)
        return True
    found = shape.walk(Scenario, loc)
    info = found[1] if found else None
    if (
        kind != "missing"
        and isinstance(parent, dict)
        and info is not None
        and not info.is_required()
    ):
        parent.pop(loc[-1], None)
        return True
    if found is None:
        return False
    value = placeholder(found[0])
    if loc == ("endings",):
        # Missing endings: one stand-in entry, so a draft's links are still checked
        # (a missing [scenes] gets none: every link would then be an echo of it).
        args = typing.get_args(shape.members(found[0])[0])
        value = {STAND_IN: placeholder(args[1])} if len(args) == 2 else None
    if value is None:
        return False
    fits = isinstance(parent, dict) or (isinstance(loc[-1], int) and 0 <= loc[-1] < len(parent))
    if fits:
        parent[loc[-1]] = value
    return fits


def _container(work: Any, loc: Loc) -> Any:
    for part in loc:
        try:
            work = work[part]
        except (KeyError, IndexError, TypeError):
            return None
    return work if isinstance(work, (dict, list)) else None


def placeholder(tp: Any) -> Any:
    """A valid stand-in value for a type, or None when there is no simple one."""
    member = shape.members(tp)[0]
    kind = shape.kind_of(tp)
    if kind == "choice":
        return typing.get_args(member)[0]
    if kind == "number":
        return 1
    if kind == "bool":
        return False
    if kind == "text":
        return "x"
    if kind in ("list", "tables"):
        return []
    if kind == "table" and isinstance(member, type) and issubclass(member, BaseModel):
        out = {}
        for name, info in member.model_fields.items():
            if info.is_required():
                value = placeholder(info.annotation)
                if value is None:
                    return None
                out[name] = value
        return out
    return None
