"""Find scenario files, load them with their catalogue, keep the broken ones visible."""

from __future__ import annotations

import difflib
import gc
import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from sim.loading import shape
from sim.loading.crossref import cross_reference
from sim.loading.explain import explain
from sim.loading.folders import (
    CATALOGUE_NAME,
    Library,
    bundled_dir,
    find_scenario_files,
    library_order,
)
from sim.loading.hidden_characters import hidden_character
from sim.loading.keypath import format_key
from sim.loading.locate import Locator
from sim.loading.names import free_file_name, slug_of
from sim.loading.one_line import folded_keys
from sim.loading.partial import links_despite
from sim.loading.toml_read import parse_toml, read_toml, too_deep
from sim.loading.where import Where
from sim.model import Catalogue, Scenario
from sim.model.types import ID_PATTERN
from sim.problems import Problem, ScenarioError, invisible_name
from sim.text import brief, clean, clean_tree, may_need_cleaning, shown, without_hidden

# Pass as `catalogue` to skip principle checks (when the catalogue itself is broken
# and already reported), instead of looking the catalogue up again.
NO_CATALOGUE: Any = object()


def _validate(path: Path, model: type[BaseModel], data: dict[str, Any], text: str) -> Any:
    try:
        if may_need_cleaning(text):
            data, bad_keys, changed = clean_tree(data)  # type: ignore[assignment]
            problems = [_control_in_key(path, text, loc) for loc in bad_keys]
            problems += [
                _control_in_value(path, model, text, loc, raw)
                for loc, raw in changed
                if shape.is_prose(model, loc) is False
            ]
            problems += [
                _nothing_but_controls(path, text, loc, raw)
                for loc, raw in changed
                if raw.strip() and not clean(raw).strip() and shape.is_prose(model, loc)
            ]
            if problems:
                raise ScenarioError(problems)
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            problems = explain(path, exc, model, Locator(text), data)
            raise ScenarioError(problems + links_despite(path, model, data, exc, text)) from None
    except RecursionError:  # nesting deep enough to pass the parser, too deep for the rest
        raise too_deep(path, "principle catalogue" if model is Catalogue else "scenario") from None


_SCENARIO_MARKS = ("format", "scenes", "endings")


def _not_a_scenario(path: Path) -> Problem:
    """One line for a TOML file that is no scenario at all (a settings file, old notes)
    in a scenarios folder, instead of a "required but missing" for every top-level key."""
    return Problem(
        path,
        "this is not a peer-sim scenario: it has no format, no [scenes.ID] and no [endings.ID]",
        line=1,
        column=1,
        hint="to write one, start from `peer-sim new NAME`; if it is another kind of file, "
        "move it out of this folder (every .toml file in a scenarios folder and its "
        "subfolders is read as a scenario)",
        code="not-a-scenario",
    )


def _line_of(path: Path, text: str, loc: tuple[object, ...]) -> tuple[int | None, int | None]:
    """Where the key at `loc` is written, else its table (a key cleaned away is not found)."""
    where = Where(path, text)
    line, column = where.line(loc)
    return (line, column) if line is not None else where.line(loc[:-1])


def _control_in_key(path: Path, text: str, loc: tuple[object, ...]) -> Problem:
    """A name with a control or invisible character in it: cleaned, it could silently
    replace another, so it is reported, naming the character (a right-to-left override
    was called "a control character", which said nothing of what it does)."""
    line, column = _line_of(path, text, loc)
    name = str(loc[-1])
    what, after, fix = hidden_character(name, text, line)
    meant = _meant_value((), name)
    return Problem(
        path,
        f"the name '{shown(name)}' holds {what} {after}",
        key=format_key(loc[:-1]),
        line=line,
        column=column,
        hint=f"names use letters, digits, - and _; {fix}" + (f", e.g. '{meant}'" if meant else ""),
        code="control-in-name",
    )


def _control_in_value(
    path: Path, model: type[BaseModel], text: str, loc: tuple[object, ...], raw: str
) -> Problem:
    """A name-like value (a `goto`, a flag, a choice) with a control character in it.

    Prose is cleaned; this is not, because `goto = "hel\\u0007lo"` cleaned
    would quietly become a working link to `hello`.
    """
    line, column = _line_of(path, text, loc)
    what, after, hint = hidden_character(raw, text, line)
    known = shape.fixed_values(model, loc)
    meant = _meant_value(known, raw)
    if meant:
        hint += f", e.g. '{meant}'"
    elif known:
        hint += f"; it is one of {', '.join(known)}"
    return Problem(
        path,
        f'"{brief(raw)}" holds {what} {after}',
        key=format_key(loc),
        line=line,
        column=column,
        hint=hint,
        code="control-in-value",
    )


def _nothing_but_controls(path: Path, text: str, loc: tuple[object, ...], raw: str) -> Problem:
    """Prose that was all escape sequences: cleaned, it is empty, and "title should not be
    empty (write some text between the quotes)" was wrong about a title with text in it."""
    line, column = _line_of(path, text, loc)
    return Problem(
        path,
        f'"{brief(raw)}" is nothing but escape sequences, control or invisible characters, '
        "which peer-sim removes from text, so it reads as empty",
        key=format_key(loc),
        line=line,
        column=column,
        hint="write the words themselves between the quotes",
        code="control-only-text",
    )


def _meant_value(known: tuple[str, ...], raw: str) -> str | None:
    """What a value with a control character in it was most likely meant to be, or None.

    The characters themselves are dropped first, one by one: `clean` reads ESC and the
    letter after it as one Alt+key sequence, so 'hon\\x1bours' came out 'honurs', a
    suggestion that was itself wrong. Then whole sequences (a colour code pasted in). For
    a key with a fixed set of values (honours, undermines, neutral; an outcome) only a
    member of the set is suggested, the closest one; for an id, anything an id may be.
    """
    dropped = "".join(ch for ch in raw if clean(ch) == ch and ch.isprintable())
    tries = (dropped, without_hidden(raw).strip())
    if known:
        for text in tries:
            if text in known:
                return text
        close = difflib.get_close_matches(dropped, known, n=1, cutoff=0.5)
        return close[0] if close else None
    return next((t for t in tries if t and re.fullmatch(ID_PATTERN, t)), None)


def _bad_file_name(path: Path) -> ScenarioError | None:
    """A file name that would put a control character into the scenario id."""
    if path.stem.isprintable():
        return None
    at = next(i for i, ch in enumerate(path.stem) if not ch.isprintable())
    what = invisible_name(path.stem[at]) or "a control or invisible character"
    after = f"after '{brief(path.stem[:at], 30)}'" if at else "at the start"
    # A name to rename it to, as `check` gives for a plain space ('my scenario.toml'):
    # "using letters, digits, - and _" left the author to work out the one that was meant.
    slug = re.sub(r"-{2,}", "-", slug_of(path.stem))[:80].strip("-_")  # 80: an id's length
    better = free_file_name(path, slug) if re.fullmatch(ID_PATTERN, slug) else ""
    return ScenarioError(
        [
            Problem(
                path,
                f"the file name holds {what} {after}; its name is the scenario id",
                hint=f"rename the file to {better}"
                if better
                else "rename the file using letters, digits, - and _",
                code="bad-file-name",
            )
        ]
    )


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The principle catalogue at `path`, or the bundled one.

    Read once per version of the file: cached by path and the file's stamp, so
    an author who adds a principle while `--watch` plays is not told it is
    missing until they restart (it was cached by path alone).
    """
    path = path or bundled_dir() / CATALOGUE_NAME
    return _load_catalogue(path, file_stamp(path))


def file_stamp(path: Path) -> tuple[int, int, int] | None:
    """What changes when a file is edited or replaced (None: it cannot be looked at)."""
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


@lru_cache(maxsize=32)
def _load_catalogue(path: Path, stamp: tuple[int, int, int] | None) -> Catalogue:
    data, text = read_toml(path, "principle catalogue")
    catalogue: Catalogue = _validate(path, Catalogue, data, text)
    catalogue._path = str(path)
    return catalogue


load_catalogue.cache_clear = _load_catalogue.cache_clear  # type: ignore[attr-defined]


def catalogue_for(scenario_path: Path) -> Catalogue:
    """A folder's own principles.toml wins, so an author can add principles locally."""
    local = scenario_path.parent / CATALOGUE_NAME
    # lexists, not is_file: a principles.toml that is a FIFO or a dangling
    # link is reported, not silently replaced by the bundled catalogue
    return load_catalogue(local if os.path.lexists(local) else None)


def catalogue_for_scenario(scenario: Scenario) -> Catalogue:
    return catalogue_for(Path(scenario.path)) if scenario.path else load_catalogue()


def principle_titles(scenario: Scenario) -> dict[str, str]:
    """Principle titles by id for `scenario`, or none when its catalogue is broken.

    The catalogue's own problems are reported where it is listed; a screen
    that only wants names for its notes falls back to the ids.
    """
    try:
        catalogue = catalogue_for_scenario(scenario)
    except ScenarioError:
        return {}
    return {pid: p.title for pid, p in catalogue.principles.items()}


def load_scenario(
    path: Path | str, catalogue: Catalogue | None = None, raw: bytes | None = None
) -> Scenario:
    """One scenario, validated and cross-referenced; raises ScenarioError only."""
    path = Path(path)
    # a name is only wrong for a file that is there: for one that is not (a mistyped
    # --scenarios), "rename the file" sent people after a file they did not have
    bad_name = _bad_file_name(path) if raw is not None or os.path.lexists(path) else None
    if bad_name is not None:
        raise bad_name
    data, text = parse_toml(path, raw) if raw is not None else read_toml(path)
    if not any(key in data for key in _SCENARIO_MARKS):
        raise ScenarioError([_not_a_scenario(path)])
    scenario: Scenario = _validate(path, Scenario, data, text)
    if catalogue is None:
        catalogue = catalogue_for(path)
    elif catalogue is NO_CATALOGUE:  # the caller reports a broken catalogue itself
        catalogue = None
    scenario._id = path.stem
    scenario._path = str(path)  # before the links: a hint may look beside the file
    try:
        found = cross_reference(scenario, catalogue)
    except RecursionError:
        raise too_deep(path) from None
    if found:
        where = Where(path, text)
        problems = [
            where.problem(loc, message, hint, code=code) for loc, message, hint, code in found
        ]
        raise ScenarioError(problems)
    scenario._folded = folded_keys(data)
    return scenario


def load_library(paths: Iterable[Path | str] | None = None) -> Library:
    """Every scenario under `paths` (default: the bundled library)."""
    # Thousands of long-lived model objects make the cyclic GC rescan an
    # ever-growing heap (measured: +40% load time for 1,000 files); loading
    # creates no cycles worth collecting, so pause it for the batch.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _load_library(paths)
    finally:
        if was_enabled:
            gc.enable()


def _load_library(paths: Iterable[Path | str] | None) -> Library:
    library = Library()
    seen: dict[str, str] = {}
    catalogues: dict[Path, Catalogue] = {}  # one look per folder (NO_CATALOGUE: broken)
    for file in find_scenario_files(paths if paths is not None else [bundled_dir()]):
        catalogue = catalogues.get(file.parent)
        if catalogue is None:
            try:
                catalogue = catalogue_for(file)
            except ScenarioError as exc:
                # reported once; the folder's scenarios still list (their
                # principles unchecked) and say why when one is opened
                library.broken.append(exc)
                catalogue = NO_CATALOGUE
            catalogues[file.parent] = catalogue
        try:
            scenario = load_scenario(file, catalogue)
        except ScenarioError as exc:
            library.broken.append(exc)
            continue
        if scenario.id in seen:
            library.broken.append(
                ScenarioError(
                    [
                        Problem(
                            file,
                            f"another scenario already has the id '{scenario.id}' ({seen[scenario.id]})",
                            hint="rename one of the files: the file name is the scenario id",
                            code="duplicate-id",
                        )
                    ]
                )
            )
            continue
        seen[scenario.id] = str(file)
        library.scenarios.append(scenario)
    # Trainees start at the top: introductory first, then by title.
    library.scenarios.sort(key=library_order)
    return library
