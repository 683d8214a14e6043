"""`peer-sim check PATH...` (a file, a folder or a scenario id): every problem in every file, as lines or JSON.

Exit 0 when clean, 1 when anything is wrong (warnings too, with --strict).
A broken catalogue is reported once, as its own file, not under every scenario.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.model import Catalogue, Scenario
    from sim.problems import Problem


def _counts(scenario: Scenario) -> dict[str, int]:
    return {
        "scenes": len(scenario.scenes),
        "choices": sum(len(s.choices) for s in scenario.scenes.values()),
        "endings": len(scenario.endings),
    }


def check_paths(paths: list[str], strict: bool = False) -> list[dict[str, Any]]:
    """One result per file: problems (errors and warnings) and, when it loads, its size."""
    # Checking makes many long-lived objects and no garbage cycles; the cyclic
    # GC would only rescan them (measured: ~40% of a 10,000-scene check).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _check_paths(paths, strict)
    finally:
        if was_enabled:
            gc.enable()


def _check_paths(paths: list[str], strict: bool) -> list[dict[str, Any]]:
    from sim.loading import (
        CATALOGUE_NAME,
        NO_CATALOGUE,
        find_scenario_files,
        load_catalogue,
        load_scenario,
    )
    from sim.problems import ScenarioError

    results: list[dict[str, Any]] = []
    catalogues: dict[str, Catalogue | None] = {}
    files = find_scenario_files(paths)
    for entry in paths:  # catalogues are checked as files of their own
        p = Path(entry)
        cat = p / CATALOGUE_NAME if p.is_dir() else (p if p.name == CATALOGUE_NAME else None)
        if cat is not None and os.path.lexists(cat):
            files.insert(0, cat)
    seen: set[str] = set()
    first: dict[tuple[str, str], Path] = {}  # ("id" | "title", its value) -> the file it came from
    first.update(_bundled_titles())
    for file in files:
        # the same file named twice is checked once; links to devices and the
        # like are each reported under their own name
        real = os.path.realpath(file) if os.path.isfile(file) else os.path.abspath(file)
        if real in seen:
            continue
        seen.add(real)
        problems: list[Problem] = []
        counts = None
        if file.name == CATALOGUE_NAME:
            try:
                catalogues[_folder(file)] = load_catalogue(file)
            except ScenarioError as exc:
                catalogues[_folder(file)] = None
                problems = list(exc.problems)
        else:
            local = file.parent / CATALOGUE_NAME
            try:
                catalogue = load_catalogue(local if os.path.lexists(local) else None)
            except ScenarioError as exc:
                catalogue = NO_CATALOGUE
                if _folder(file) not in catalogues:
                    problems = list(exc.problems)
            try:
                scenario = load_scenario(file, catalogue)
                counts = _counts(scenario)
                with _patience(file):
                    problems += _warnings(
                        scenario, None if catalogue is NO_CATALOGUE else catalogue
                    )
                problems += _portable(file)
                problems += _file_name(file)
                problems += _twins(file, scenario, first)
            except ScenarioError as exc:
                problems += exc.problems
        if strict:
            problems = [_as_error(p) for p in problems]
        results.append({"path": str(file), "problems": problems, "counts": counts})
    if results:  # with none, the closing line names a .toml.txt itself (no_scenarios_note)
        results += _saved_as_txt(paths, strict)
    return results


def _txt_files(folder: Path) -> list[Path]:
    """x.toml.txt under `folder`, walked as `find_toml` walks it: hidden entries skipped,
    linked folders never entered (no loops)."""
    found: list[Path] = []
    for here, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found += [
            Path(here, n)
            for n in names
            if not n.startswith(".") and n.lower().endswith(".toml.txt")
        ]
    return sorted(found)


def _saved_as_txt(paths: list[str], strict: bool) -> list[dict[str, Any]]:
    """x.toml.txt in a folder checked: not read, so neither checked nor in the library,
    and `check` said only "1 file(s) checked ... 1 clean" of the folder's other file."""
    from sim.loading.files import NOTEPAD
    from sim.problems import Problem

    found: list[dict[str, Any]] = []
    for entry in paths:
        folder = Path(entry)
        if not folder.is_dir():
            continue
        for saved in _txt_files(folder)[:20]:
            problem = Problem(
                saved,
                f"this file ends in .txt, so it is not read as a scenario: {NOTEPAD}",
                hint=f"rename it to {saved.name[: -len('.txt')]}",
                severity="error" if strict else "warning",
                code="file-name",
            )
            found.append({"path": str(saved), "problems": [problem], "counts": None})
    return found


PATIENCE = 3.0  # seconds of silence before a person at a terminal is told it is working


def _patience(file: Path) -> AbstractContextManager[None]:
    """Say once, at a terminal, that a large file is still being checked: one at the
    state bound is explored for ten seconds or more (a minute on a busy machine) with
    nothing printed, which reads as a hang (as `peer-sim test` says, sim.commands.test)."""
    from sim.commands.common import note_if_slow
    from sim.text import shown

    return note_if_slow(
        lambda: (
            f"(still checking every state of {shown(file)}: a file this large can take a minute)"
        ),
        PATIENCE,
    )


def _folder(file: Path) -> str:
    return os.path.realpath(file.parent)


def _warnings(scenario: Scenario, catalogue: Catalogue | None) -> list[Problem]:
    """The author lints and deep errors (`sim.authoring.lint`), for a file that loads."""
    from sim.authoring.lint import lint

    return lint(scenario, catalogue)


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


def _free_name(file: Path, better: str) -> str:
    """The renamed file's name, one no other file beside it has: the hint must be safe to follow."""
    name, n = f"{better}.toml", 2
    while _taken(file.parent / name, file):
        name, n = f"{better}-{n}.toml", n + 1
    return name


def _taken(candidate: Path, file: Path) -> bool:
    """Whether another file already has this name (on a case-blind disk it may be this one)."""
    try:
        return candidate.exists() and not candidate.samefile(file)
    except OSError:
        return candidate.exists()


def _file_name(file: Path) -> list[Problem]:
    """The file name is the scenario's id: one that cannot be an id, or is a bundled one."""
    import re

    from sim.authoring.scaffold import MAX_ID
    from sim.loading import bundled_dir
    from sim.loading.names import slug_of
    from sim.model.types import ID_PATTERN
    from sim.problems import Problem

    stem = file.stem
    if not re.match(ID_PATTERN, stem):
        # 'x - Copy' (as Windows names a copy) gives x-copy, not x---copy
        slug = re.sub(r"-{2,}", "-", slug_of(stem))
        better = _free_name(file, slug[:MAX_ID].strip("-_") or "my-scenario")
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
                    code="duplicate-id",
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


def _bundled_titles() -> dict[tuple[str, str], Path]:
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


def _as_error(problem: Problem) -> Problem:
    from dataclasses import replace

    return replace(problem, severity="error") if problem.severity == "warning" else problem


def run(args: argparse.Namespace) -> int:
    from sim.loading.resolve import ids_typed, paths_or_ids
    from sim.text import json_text

    # ids as `peer-sim list` shows them, as play and graph take them
    resolved = paths_or_ids(args.paths, args.scenarios)
    results = check_paths(resolved, strict=args.strict)
    errors = sum(1 for r in results for p in r["problems"] if p.severity == "error")
    warnings = sum(1 for r in results for p in r["problems"] if p.severity == "warning")
    if args.format == "json":
        payload = {
            "files": [
                {
                    "path": r["path"],
                    "ok": not any(p.severity == "error" for p in r["problems"]),
                    "errors": [p.to_dict() for p in r["problems"] if p.severity == "error"],
                    "warnings": [p.to_dict() for p in r["problems"] if p.severity == "warning"],
                    "counts": r["counts"],
                }
                for r in results
            ],
            "summary": {"files": len(results), "errors": errors, "warnings": warnings},
        }
        sys.stdout.write(json_text(payload) + "\n")  # ASCII: every control escaped
    else:
        for r in results:
            for p in r["problems"]:
                print(p.format())
        if getattr(args, "stats", False):
            _print_stats(results, ids_typed(args.paths, resolved))
        if not results:
            from sim.loading.files import no_scenarios_note

            print(no_scenarios_note(args.paths), file=sys.stderr)
        else:
            ok = sum(1 for r in results if not r["problems"])
            print(
                f"{len(results)} file(s) checked: {errors} error(s), {warnings} warning(s); "
                f"{ok} clean.",
                file=sys.stderr,
            )
    if not results:
        return 1
    return 1 if errors else 0


def _print_stats(results: list[dict[str, Any]], heads: dict[str, str]) -> None:
    """`--stats`: what the exploration found, per file that loaded (sim.authoring.stats),
    headed by the id where the author typed one."""
    try:
        from sim.authoring.stats import stats_lines
    except ImportError:
        return
    for r in results:
        if r["counts"] is not None:
            for line in stats_lines(Path(r["path"]), heads.get(str(r["path"]))):
                print(line)
