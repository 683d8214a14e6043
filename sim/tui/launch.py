"""`peer-sim` and `peer-sim play SCENARIO` open the app through `launch`.

The CLI stays argparse-only: it calls `launch(...)` and returns its exit
status. Options another command may add later (`--start SCENE`, `--set
trust=40`, `--watch`) are read from `args` when present.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any


class LaunchError(ValueError):
    """A wrong `--set` or `--start` value: exit status 2, with the reason."""


def start_options(args: argparse.Namespace | None) -> dict[str, Any]:
    """`--start`, `--set trust=40 --set flag=met-before` and `--watch` as app keywords."""
    out: dict[str, Any] = {}
    if args is None:
        return out
    if getattr(args, "start", None):
        out["start_scene"] = args.start
    flags: list[str] = []
    for item in getattr(args, "set", None) or []:
        key, eq, value = str(item).partition("=")
        key, value = key.strip().lower(), value.strip()
        if not eq or not value:
            raise LaunchError(
                f"--set takes key=value (trust=40, empowerment=30, flag=name), not '{item}'"
            )
        if key in ("trust", "empowerment"):
            if not value.lstrip("-").isdigit() or not 0 <= int(value) <= 100:
                raise LaunchError(f"--set {key} takes a whole number from 0 to 100, not '{value}'")
            out[f"start_{key}"] = int(value)
        elif key in ("flag", "flags"):
            flags += [f.strip() for f in value.split(",") if f.strip()]
        else:
            raise LaunchError(f"--set knows trust, empowerment and flag, not '{key}'")
    if flags:
        out["start_flags"] = flags
    if getattr(args, "watch", False):
        out["watch"] = True
    return out


def launch(
    scenario: str | None = None,
    extra_dirs: list[str] | None = None,
    mode: str = "practice",
    args: argparse.Namespace | None = None,
) -> int:
    """Run the app; the exit status is 0, or 2 for a wrong option.

    A named scenario is found and loaded before the app starts, so a wrong id
    or a broken file is reported on the command line as `peer-sim check` would
    (the CLI turns UsageError and ScenarioError into exit statuses).
    """
    try:
        options = start_options(args)
    except LaunchError as exc:
        print(f"peer-sim: {exc}", file=sys.stderr)
        return 2
    loaded = None
    if scenario is not None:
        from sim.commands.common import resolve_scenario

        loaded = resolve_scenario(scenario, extra_dirs)
    from sim.tui.app import PeerSimApp

    app = PeerSimApp(loaded, extra_dirs=extra_dirs or [], mode=mode, **options)
    app.run()
    return app.return_code or 0
