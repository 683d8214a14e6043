"""What `peer-sim check` says of a scenario's file beyond its contents: the file name
(an id it cannot be, or a bundled scenario's), TOML 1.1-only syntax, and a title or id
a scenario checked before it (or a bundled one) already has.

Apart from `sim.commands.check` so the app's `--watch` check can say the same of the
file it watches: its panel counted the deep check's findings and left these out, so
an author told "check: 1 warning" in play read three at `peer-sim check`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sim.model import Scenario
    from sim.problems import Problem


def file_problems(
    file: Path, scenario: Scenario, first: dict[tuple[str, str], Path] | None = None
) -> list[Problem]:
    """The file-level warnings of a scenario that loads; `first` maps ("id" | "title", value)
    to the file checked first with it (`bundled_titles()` when not given), and is updated."""
    if first is None:
        first = bundled_titles()
    return _portable(file) + _file_name(file) + _twins(file, scenario, first)


def _portable(file: Path) -> list[Problem]:
    """TOML 1.1-only syntax, which Taplo and the editors underline (sim.authoring.portable)."""
    from sim.authoring.portable import toml10_problems
    from sim.loading.files import read_limited
    from sim.loading.toml_read import MAX_BYTES
    from sim.problems import ScenarioError

    try:
        raw = read_limited(file, MAX_BYTES)
    except (OSError, ScenarioError):
        return []
    return toml10_problems(file, raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace"))


def _blank_edges(stem: str) -> str:
    """Say so when a name starts or ends blank: in quotes a trailing space is easy to miss."""
    ends = [where for where, c in (("starts", stem[:1]), ("ends", stem[-1:])) if c.isspace()]
    return f" ({' and '.join(ends)} with a space)" if ends else ""


def _file_name(file: Path) -> list[Problem]:
    """The file name is the scenario's id: one that cannot be an id, or is a bundled one."""
    import re

    from sim.authoring.scaffold import MAX_ID
    from sim.loading import bundled_dir
    from sim.loading.names import free_file_name, slug_of
    from sim.model.types import ID_PATTERN
    from sim.problems import Problem

    stem = file.stem
    if not re.match(ID_PATTERN, stem):
        # 'x - Copy' (as Windows names a copy) gives x-copy, not x---copy
        slug = re.sub(r"-{2,}", "-", slug_of(stem))
        better = free_file_name(file, slug[:MAX_ID].strip("-_") or "my-scenario")
        return [
            Problem(
                file,
                f"the file name '{stem}'{_blank_edges(stem)} is this scenario's id, and an id "
                "uses lowercase letters, digits, - and _ (one typed after `peer-sim play` must "
                "not need quotes)",
                line=1,
                hint=f"rename the file to {better}",
                severity="warning",
                code="file-name",
            )
        ]
    if len(stem) > MAX_ID:
        return [
            Problem(
                file,
                f"the file name is this scenario's id, and at {len(stem)} characters it is "
                f"longer than the {MAX_ID} an id may have",
                line=1,
                hint=f"rename the file to a shorter name, e.g. {stem[:40].rstrip('-_')}.toml",
                severity="warning",
                code="file-name",
            )
        ]
    bundled = bundled_dir()
    if (
        (bundled / file.name).is_file()
        and os.path.realpath(file.parent) != os.path.realpath(bundled)
        and not _same_bytes(file, bundled / file.name)
    ):
        return [
            Problem(
                file,
                f"'{stem}' is also the id of a bundled scenario: with `--scenarios` the bundled one "
                "is played and this file is listed as broken",
                line=1,
                hint="rename the file: the file name is the scenario id",
                severity="warning",
                code="file-name",
            )
        ]
    return []


def _twins(file: Path, scenario: Scenario, first: dict[tuple[str, str], Path]) -> list[Problem]:
    """A scenario with the id or the title of one checked before it: a copy of a file made
    to start a second scenario (`x - Copy.toml`, `a/x.toml` and `b/x.toml`), not yet changed.

    The library, given the same folder, lists the second of two ids as broken, and shows two
    titles alike as two entries a trainee cannot tell apart; `check` said nothing of either.
    """
    from sim.loading import bundled_dir
    from sim.loading.where import Where
    from sim.problems import Problem
    from sim.text import shown

    found: list[Problem] = []
    title = " ".join(scenario.title.split()).casefold()
    for kind, value in (("id", scenario.id), ("title", title)):
        other = first.setdefault((kind, value), file)
        if other == file or _same_file(other, file):
            continue
        bundled = other.parent == bundled_dir()
        if bundled and file.name == other.name and _same_bytes(file, other):
            continue  # the bundled scenario itself, in a copy of the repository
        if kind == "id":
            found.append(
                Problem(
                    file,
                    f"{shown(other)}, checked before it, has the same id '{scenario.id}': in a "
                    "library of these files (`--scenarios`), this one is listed as broken and "
                    "never offered",
                    line=1,
                    hint="rename one of the files: the file name is the scenario id",
                    severity="warning",
                    code="same-id",
                )
            )
        else:
            whose = (
                f"the bundled scenario {other.stem}"
                if bundled
                else f"{shown(other)}, checked before it,"
            )
            found.append(
                Where(file).problem(
                    ("title",),
                    f"{whose} has the same title "
                    f"'{scenario.title}': the library would list two scenarios a trainee "
                    "cannot tell apart",
                    "give this scenario a title of its own",
                    severity="warning",
                    code="same-title",
                )
            )
    return found


def bundled_titles() -> dict[tuple[str, str], Path]:
    """The bundled scenarios' titles: a copy of one started as a scenario of one's own
    keeps its title, and `--scenarios` lists the two alike."""
    from sim.loading import bundled_dir
    from sim.loading.files import find_toml, read_text
    from sim.loading.folders import CATALOGUE_NAME
    from sim.loading.toml_read import _toml

    titles: dict[tuple[str, str], Path] = {}
    for path in find_toml(bundled_dir()):
        if path.name == CATALOGUE_NAME:
            continue
        try:
            title = _toml.loads(read_text(path)).get("title")
        except Exception:  # noqa: BLE001 - a bundled file is checked on its own
            continue
        if isinstance(title, str):
            titles.setdefault(("title", " ".join(title.split()).casefold()), path)
    return titles


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _same_bytes(a: Path, b: Path) -> bool:
    """An exact copy of a bundled scenario (the repository's scenarios/ beside an
    installed peer-sim) is that scenario, not a second one with its id."""
    try:
        return a.stat().st_size == b.stat().st_size and a.read_bytes() == b.read_bytes()
    except OSError:
        return False
