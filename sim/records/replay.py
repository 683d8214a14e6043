"""Reading an exported run (`peer-sim export RUN --format json`) back to play it step by step.

The file is untrusted input like a scenario file: anything wrong with it is a
`ReplayFileError` naming the file and what to do, never a traceback. Whether
the scenario changed since is decided by the content hash recorded with the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.records.export import EXPORT_FORMAT

if TYPE_CHECKING:
    from sim.model import Scenario

MAX_BYTES = 20_000_000


class ReplayFileError(ValueError):
    """The file is not a run peer-sim can replay; the message says why."""


@dataclass(frozen=True)
class ExportedRun:
    path: Path
    run_id: int | None
    scenario_id: str
    scenario_title: str
    digest: str
    mode: str
    progress: dict[str, Any]
    started_at: str

    @property
    def choices(self) -> list[str]:
        return [str(c) for c in self.progress.get("choices", [])]

    @property
    def words(self) -> list[str] | None:
        """What the trainee typed before each choice (own-words practice), cleaned; else None."""
        from sim.cues import clean_words

        typed = self.progress.get("words")
        typed = typed if isinstance(typed, list) else []
        if not (self.progress.get("own_words") or any(typed)):
            return None
        return [clean_words(w) if isinstance(w, str) else "" for w in typed]

    def changed(self, scenario: Scenario) -> str:
        """A sentence when the scenario is not the one the run was played on, else ''."""
        from sim.engine import digest

        now = digest(scenario)
        if now == self.digest:
            return ""
        return (
            f"The scenario has changed since this run was recorded (content hash {self.digest} "
            f"then, {now} now): texts, meters or choices may differ from what the trainee saw."
        )


def read_export(path: str | Path) -> ExportedRun:
    path = Path(path)
    where = str(path)
    try:
        if not path.is_file():
            raise ReplayFileError(f"{where}: there is no such file")
        if path.stat().st_size > MAX_BYTES:
            raise ReplayFileError(f"{where}: too large to be an exported run")
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ReplayFileError(f"{where}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise ReplayFileError(f"{where}: is not a text file") from None
    except json.JSONDecodeError as exc:
        raise ReplayFileError(
            f"{where}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); replay takes the file "
            "`peer-sim export RUN --format json -o FILE` writes"
        ) from None
    hint = "make one with `peer-sim export RUN --format json -o FILE`"
    if not isinstance(data, dict) or "peer_sim_export" not in data:
        raise ReplayFileError(f"{where}: not a peer-sim exported run ({hint})")
    if data["peer_sim_export"] != EXPORT_FORMAT:
        raise ReplayFileError(
            f"{where}: peer_sim_export is {data['peer_sim_export']!r}; this peer-sim reads "
            f"{EXPORT_FORMAT} (update peer-sim)"
        )
    run = data.get("run")
    try:
        scenario = run["scenario"]
        progress = run["progress"]
        if not isinstance(progress, dict) or not isinstance(progress.get("choices"), list):
            raise TypeError("run.progress.choices is not a list")
        return ExportedRun(
            path=path,
            run_id=run.get("id") if isinstance(run.get("id"), int) else None,
            scenario_id=str(scenario["id"]),
            scenario_title=str(scenario.get("title", scenario["id"])),
            digest=str(scenario.get("digest", "")),
            mode=run.get("mode") if run.get("mode") in ("practice", "assessment") else "practice",
            progress=progress,
            started_at=str(run.get("started_at", "")),
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ReplayFileError(f"{where}: the run is incomplete ({exc}); {hint}") from None
