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
    from sim.authoring.file_checks import bundled_titles, file_problems
    from sim.authoring.hidden_text import hidden_text_problems
    from sim.loading import (
        CATALOGUE_NAME,
        NO_CATALOGUE,
        find_scenario_files,
        load_catalogue,
        load_scenario,
    )
    from sim.loading.where import Where
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
    first.update(bundled_titles())
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
                # a title or explanation holding a character play removes: said of a
                # scenario's texts, and of the catalogue's none (a principle's title with
                # an ESC and a direction override was "clean") (adv44)
                problems = hidden_text_problems(None, Where(file))
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
                problems += file_problems(file, scenario, first)
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
            f"(still checking every state of {shown(file)}: a file this large can take minutes; "
            "Ctrl+C stops it)"
        ),
        PATIENCE,
    )


def _folder(file: Path) -> str:
    return os.path.realpath(file.parent)


def _warnings(scenario: Scenario, catalogue: Catalogue | None) -> list[Problem]:
    """The author lints and deep errors (`sim.authoring.lint`), for a file that loads."""
    from sim.authoring.lint import lint

    return lint(scenario, catalogue)


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
