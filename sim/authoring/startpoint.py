"""`--start SCENE` and `--set KEY=VALUE`: start a scenario anywhere, for both players.

`parse_start(args, scenario)` reads `args.start` and `args.set` (the raw list
argparse collects) and returns keyword arguments for `engine.start` /
`Run.begin`: `scene`, `trust`, `empowerment`, `flags`. Wrong values raise
`UsageError` with a sentence saying what to write instead.

    peer-sim play first-meeting --start role-question --set trust=40 --set flag=corrected-label
"""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any

from sim.problems import UsageError, did_you_mean
from sim.text import brief, whole_number

if TYPE_CHECKING:
    from sim.model import Scenario

KEYS = ("trust", "empowerment", "flag")
_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


def scenario_flags(scenario: Scenario) -> set[str]:
    """Every flag a scenario sets, clears or tests."""
    names: set[str] = set()
    for scene in scenario.scenes.values():
        for c in scene.choices:
            names |= set(c.sets) | set(c.clears)
    for _loc, cond in scenario.conditions():
        for clause in cond.clauses():
            names |= set(clause.flags) | set(clause.not_flags)
    return names


def parse_start(args: argparse.Namespace | Any, scenario: Scenario | None = None) -> dict:
    """Keyword arguments for `Run.begin` from --start/--set; {} when neither is given.

    With `scenario`, the scene and flag names are checked against it.
    """
    out: dict[str, Any] = {}
    scene = getattr(args, "start", None)
    if scene:
        if scenario is not None and scene in scenario.endings:
            raise UsageError(
                f"--start: '{brief(scene)}' is an ending, and --start takes a scene (to see that "
                "ending, start at a scene that leads to it: `peer-sim test` prints the shortest "
                "path to each ending)"
            )
        if scenario is not None and scene not in scenario.scenes:
            hint = did_you_mean(scene, list(scenario.scenes)) or (
                "scenes here: " + ", ".join(list(scenario.scenes)[:12])
            )
            raise UsageError(
                f"--start: there is no scene '{brief(scene)}' in this scenario ({hint})"
            )
        out["scene"] = scene
    flags: list[str] = []
    for item in getattr(args, "set", None) or []:
        key, eq, value = item.partition("=")
        key, value = key.strip().lower(), value.strip()
        if not eq or not value:
            raise UsageError(
                f"--set takes KEY=VALUE (trust=40, empowerment=30, flag=NAME), not '{brief(item)}'"
            )
        if key in ("flags",):
            key = "flag"
        if key not in KEYS:
            hint = did_you_mean(key, KEYS) or "use trust, empowerment or flag"
            raise UsageError(f"--set: '{brief(key)}' is not something you can set ({hint})")
        if key == "flag":
            for name in (v.strip() for v in value.split(",")):
                if not _ID.match(name):
                    raise UsageError(
                        f"--set flag={brief(name)}: flag names use lowercase letters, digits, '-' and '_'"
                    )
                if scenario is not None and name not in scenario_flags(scenario):
                    known = scenario_flags(scenario)
                    hint = did_you_mean(name, known) or (
                        "flags here: " + ", ".join(sorted(known)) if known else "it uses none"
                    )
                    raise UsageError(
                        f"--set: this scenario never uses the flag '{brief(name)}' ({hint})"
                    )
                flags.append(name)
            continue
        # ASCII digits only: int() took '٣' as 3 and '1_0' as 10 (adversarial-11)
        number = whole_number(value)
        if number is None:
            raise UsageError(
                f"--set {key}= takes a whole number from 0 to 100, not '{brief(value)}'"
            )
        if not 0 <= number <= 100:
            raise UsageError(f"--set {key}={number}: meters run from 0 to 100")
        out[key] = number
    if flags:
        out["flags"] = tuple(dict.fromkeys(flags))
    return out


def describe(start: dict) -> str:
    """One line for the player: where a started-anywhere run begins."""
    parts = []
    if "scene" in start:
        parts.append(f"at scene '{start['scene']}'")
    for key in ("trust", "empowerment"):
        if key in start:
            parts.append(f"{key} {start[key]}")
    if start.get("flags"):
        parts.append("flags " + ", ".join(start["flags"]))
    return "Starting " + ", ".join(parts) + "." if parts else ""
