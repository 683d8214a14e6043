"""Find a scenario by file path or by id, for every shell (CLI, plain player, app).

It lives in the core, not beside the subcommands, so the app and the authoring
tools can name a scenario the way the command line does without importing the
CLI layer.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sim.problems import Problem, ScenarioError, UsageError, did_you_mean
from sim.shell_words import shell_word
from sim.text import shown

if TYPE_CHECKING:
    from sim.model import Scenario


def library_paths(extra: list[str] | None) -> list[Path]:
    """The bundled library first, then any folders given with `--scenarios`."""
    from sim.loading import bundled_dir

    return [bundled_dir(), *(Path(p) for p in extra or [])]


def resolve_scenario(name: str, extra: list[str] | None = None) -> Scenario:
    """A file path, or the id of a bundled (or `--scenarios`) scenario.

    Raises ScenarioError for a file that is missing or broken, UsageError for
    an id nobody has (with the closest id as a hint).
    """
    from sim.loading import load_scenario
    from sim.loading.files import misnamed_hint
    from sim.refused import file_in_the_way

    path = Path(name)
    # lexists: a link loop or a dangling link is reported by the reader, by name
    if names_a_file(name):
        if not os.path.lexists(path):
            raise ScenarioError(
                [
                    Problem(
                        path,
                        "there is no such file"
                        + (f": {in_the_way}" if (in_the_way := file_in_the_way(path)) else ""),
                        code="unreadable",
                        hint=misnamed_hint(path)
                        or "check the path, or give a scenario id from `peer-sim list`",
                    )
                ]
            )
        return load_scenario(path)
    files = library_ids(extra)
    if name not in files:
        raise _unknown_id(name, files)
    _, loaded = _first_that_loads(files[name])
    if isinstance(loaded, ScenarioError):
        raise loaded
    return loaded


def _first_that_loads(found: list[Path]) -> tuple[Path, Scenario | ScenarioError]:
    """The file an id names: the first of its files that loads, else the first, with its error."""
    from sim.loading import catalogue_for, load_scenario

    first: tuple[Path, ScenarioError] | None = None
    for f in found:
        # A file beside a broken principles.toml still claims its id in the library
        # (listed, and saying why when opened), so here it is that file's error.
        try:
            return f, load_scenario(f, catalogue_for(f))
        except ScenarioError as exc:
            first = first or (f, exc)
    assert first is not None
    return first


def library_ids(extra: list[str] | None = None) -> dict[str, list[Path]]:
    """Every id in the library with its files, in the order `peer-sim list` reads them.

    The first file with an id that loads wins, as in `peer-sim list` and the app, which
    name a later file with the same id (a bundled id reused in --scenarios) as broken.
    A broken file does not claim its id there, so it must not here: `play x` refused
    with a/x.toml's mistake while `list` and the app offered b/x.toml as x.
    """
    from sim.loading import find_scenario_files

    files: dict[str, list[Path]] = {}
    for f in find_scenario_files(library_paths(extra)):
        files.setdefault(f.stem, []).append(f)
    return files


def _unknown_id(name: str, files: dict[str, list[Path]]) -> UsageError:
    beside = Path(name + ".toml")
    if os.path.lexists(beside):
        # An author's draft in this folder: ids name the library, files need their path.
        # the path as it is typed: 'my draft.toml' in quotes, so it can be pasted
        hint = (
            f"an id names a scenario in the library; for the file here, give its path: "
            f"{shell_word(beside) or shown(str(beside))}"
        )
    else:
        hint = did_you_mean(name, list(files)) or "see `peer-sim list` for the scenarios you have"
    return UsageError(f"no scenario called '{shown(name)}' ({hint})")


def names_a_file(entry: str) -> bool:
    """Whether an argument is a path (it exists, ends .toml or has a folder in it), not an id."""
    return (
        entry.endswith(".toml")
        or os.path.lexists(entry)
        or "/" in entry
        or (os.sep != "/" and os.sep in entry)
    )


def paths_or_ids(entries: list[str], extra: list[str] | None = None) -> list[str]:
    """The files `check` and `test` read: each path as given, each library id as its file.

    `peer-sim check first-meeting` (an id, as `list` shows it) said "there is no such
    file" while `play` and `graph` took the id: one rule for all four. An id names the
    file `play` would open (the first of its files that loads); a near miss is refused
    as `play` refuses it ("did you mean 'first-meeting'?"), and a draft beside it
    (`check my-draft` for my-draft.toml) is left to the reader, which names its file.
    """
    out: list[str] = []
    files: dict[str, list[Path]] | None = None
    for entry in entries:
        if names_a_file(entry):
            out.append(entry)
            continue
        files = library_ids(extra) if files is None else files
        found = files.get(entry)
        if found is None:
            if os.path.lexists(entry + ".toml") or not did_you_mean(entry, list(files)):
                out.append(entry)  # the reader says there is no such file, and how to go on
                continue
            raise _unknown_id(entry, files)
        # one file (the usual case) is read once, by the command itself
        out.append(str(found[0] if len(found) == 1 else _first_that_loads(found)[0]))
    return out


def ids_typed(entries: list[str], resolved: list[str]) -> dict[str, str]:
    """Each file `paths_or_ids` read from an id, with the id typed.

    `test first-meeting` and `check first-meeting --stats` headed their report with
    the installed file's full path; an author who typed the id sees the id there. A
    path typed is no key here, so it is shown as typed.
    """
    return {file: entry for entry, file in zip(entries, resolved, strict=True) if entry != file}
