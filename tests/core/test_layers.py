"""The one-way dependencies of DESIGN.md, read off the source.

`test_cli_core.py` checks the two rules the brief names (no Textual outside the
app, no `sim.commands` outside the CLI); these check the order of the core's
own layers, so a helper that lands in the wrong package is caught when it is
written, not when an import cycle shows up.
"""

from __future__ import annotations

import ast
from pathlib import Path

import sim

ROOT = Path(sim.__file__).parent
# `cli_wording` (argparse's refusals, reworded) and `cli_arguments` (every subcommand's
# arguments) are the CLI's; only `sim.cli` imports them.
SHELLS = {"tui", "plain", "commands", "cli", "cli_wording", "cli_arguments", "entry", "__main__"}

# What each core package may import from `sim` (besides itself).
ALLOWED = {
    # the text rules a field's type holds (text a reader can see), from the gate's own module
    "model": {"prose"},
    # the gate's prose rule, in a module of its own; everyone else imports it from sim.text
    "prose": set(),
    "text": {"prose"},
    # terminal columns: one width rule for every plain output laid out or wrapped
    "cells": set(),
    "language": set(),
    "problems": {"text"},
    "homes": {"text"},
    # a file name inside a suggested command: pasteable, or plainly not a command
    "shell_words": {"text"},
    # why a folder that is there took no file (/proc), for every writer
    "refused": {"text"},
    # which yes-or-no questions are safety moves (read off a run's scenario, not imported)
    "safety_questions": set(),
    # the shapes the cues read (questions, reflections): word lists, no other layer
    "cue_shapes": set(),
    "cues": {"language", "text", "safety_questions", "cue_shapes"},
    # which principle is weakest: one key for the progress screen and the debrief
    "weakness": set(),
    # which names read alike: trainees in the class summary, characters in `check`
    "look_alike": {"text"},
    # a file in the way of a path, and what it is, said alike by readers and writers
    "loading": {"model", "problems", "text", "homes", "refused", "shell_words"},
    # `Run.replay` hands a record to `run_replay`, which drives the engine (a lazy import).
    "engine": {"model", "cues", "language", "text", "problems", "run_replay"},
    "run_replay": {"engine", "model"},
    "debrief": {"engine", "model", "cues", "language", "text", "problems", "weakness", "cells"},
    "authoring": {
        "engine",
        "loading",
        "model",
        "cues",
        # the words that make a coach's line read as a safety move (check's safety-untagged)
        "safety_questions",
        # characters whose names read alike (check), by the class summary's rule
        "look_alike",
        "language",
        "problems",
        "text",
        "debrief",
        "refused",
        "shell_words",
        "cells",
        # the principle each kind of critical slip breaks (check's critical-honours hint)
        "weakness",
    },
    # Records read runs back with the scenarios they were played on; never the checker.
    "records": {
        "engine",
        "loading",
        "model",
        "cues",
        "problems",
        "text",
        "debrief",
        "homes",
        "weakness",
        "refused",
        "cells",
        "look_alike",
    },
}


def _layer(path: Path) -> str:
    rel = path.relative_to(ROOT)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def _sim_imports(path: Path) -> tuple[set[str], bool]:
    """The `sim` packages a file imports (lazily too), and whether it uses a relative import."""
    layers: set[str] = set()
    relative = False
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            relative = True
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module == "sim":
            # `from sim import engine` names its layer in the alias, not the module
            names = [f"sim.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "sim" and len(parts) > 1:
                layers.add(parts[1])
    return layers, relative


def test_core_layers_import_only_the_layers_below_them():
    wrong = []
    for path in sorted(ROOT.rglob("*.py")):
        layer = _layer(path)
        if layer not in ALLOWED:
            continue
        layers, _relative = _sim_imports(path)
        extra = layers - ALLOWED[layer] - {layer}
        if extra:
            wrong.append(f"{path.relative_to(ROOT)} imports sim.{', sim.'.join(sorted(extra))}")
    assert wrong == []


def test_the_core_never_imports_a_shell():
    wrong = [
        str(path.relative_to(ROOT))
        for path in sorted(ROOT.rglob("*.py"))
        if _layer(path) not in SHELLS
        if _sim_imports(path)[0] & SHELLS
    ]
    assert wrong == []


def test_no_relative_imports_so_the_layer_checks_see_every_import():
    assert [str(p.relative_to(ROOT)) for p in ROOT.rglob("*.py") if _sim_imports(p)[1]] == []
