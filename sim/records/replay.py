"""Reading an exported run (`peer-sim export RUN --format json`) back to play it step by step.

The file is untrusted input like a scenario file: only a regular file is read,
within a size limit; a huge number or absurd nesting, a wrong format version
(1.0 and true are not 1), a value of the wrong type or a control character is
a `ReplayFileError` naming the file and the key, never a traceback. Text from
it is cleaned before anything shows it. Whether the scenario changed since is
decided by the content hash recorded with the run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.engine import ReplayError, recorded_start
from sim.records.export import EXPORT_FORMAT
from sim.records.identity import is_uuid
from sim.text import brief, clean, clean_line, shown

if TYPE_CHECKING:
    from sim.model import Scenario

MAX_BYTES = 20 * 1024 * 1024
MAX_CHOICES = 10_000  # far beyond any real run
MAX_CHOICE_ID = 200  # a choice id is a scene id (80 characters at most) and '#n', or its own id
HINT = "make one with `peer-sim export RUN --format json -o FILE`"


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
    trainee: str = ""  # whose run, as the export names them ('' when it does not)
    registration: str = ""  # the run's xAPI registration ('' in a file without one)
    # replayed by the trainee themself: the records read here hold the run as their own
    # (`played_here`), so it speaks to them as "you", as their own run did
    own: bool = False

    @property
    def choices(self) -> list[str]:
        return list(self.progress.get("choices", []))

    @property
    def said(self) -> list[str | None]:
        """The words of each line the trainee chose, by step (None where the record has none):
        a replay follows them when the scenario's lines were reordered or reworded since."""
        said = self.progress.get("said")
        return [x if isinstance(x, str) else None for x in said] if isinstance(said, list) else []

    @property
    def words(self) -> list[str] | None:
        """What the trainee typed before each choice (own-words practice), cleaned; else None."""
        from sim.cues import clean_words

        typed = self.progress.get("words")
        typed = typed if isinstance(typed, list) else []
        if not (self.progress.get("own_words") or any(typed)):
            return None
        return [clean_words(w) if isinstance(w, str) else "" for w in typed]

    @property
    def taken_back(self) -> list[dict[str, Any]]:
        """The lines said and then taken back (a practice undo, or a start afresh), in order
        and cleaned: the replay shows each where it was said, as the Markdown export does, so
        a supervisor stepping through it sees a critical slip the trainee undid."""
        from sim.records.record import taken_back_of

        return [
            {**t, **{k: clean_line(t[k]) for k in ("scene", "said", "critical")}}
            for t in taken_back_of(self.progress)
        ]

    def changed(self, scenario: Scenario) -> str:
        """A sentence when the scenario is not the one the run was played on, else ''."""
        from sim.engine import digest

        now = digest(scenario)
        if now == self.digest:
            return ""
        return (
            f"The scenario has changed since this run was recorded (content hash "
            f"{brief(self.digest, 20)} then, {now} now): texts, meters or choices may differ "
            "from what the trainee saw."
        )


def _load(path: Path) -> Any:
    from sim.loading.files import read_limited
    from sim.problems import ScenarioError

    where = brief(path, 200)
    try:
        raw = read_limited(path, MAX_BYTES, what="exported run")
    except ScenarioError as exc:
        problem = exc.problems[0]
        hint = f" ({problem.hint})" if problem.hint else ""
        raise ReplayFileError(f"{where}: {problem.message}{hint}") from None
    try:
        text = raw.decode("utf-8-sig")  # a BOM from a Windows editor is harmless
    except UnicodeDecodeError:
        raise ReplayFileError(
            f"{where}: is not UTF-8 text, so not an exported run ({HINT})"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReplayFileError(
            f"{where}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); replay takes the file "
            "`peer-sim export RUN --format json -o FILE` writes"
        ) from None
    except RecursionError:
        raise ReplayFileError(
            f"{where}: nested far too deeply to be an exported run ({HINT})"
        ) from None
    except ValueError:  # a number with thousands of digits
        raise ReplayFileError(
            f"{where}: holds a number far too long to be an exported run ({HINT})"
        ) from None


def _get(data: Any, key: str, where: str, kind: type, name: str) -> Any:
    value = data.get(key) if isinstance(data, dict) else None
    if isinstance(value, bool) and kind is not bool or not isinstance(value, kind):
        raise ReplayFileError(f"{where}: {name} is missing or is not {_KINDS[kind]} ({HINT})")
    return value


_KINDS = {dict: "an object", list: "a list", str: "text", int: "a whole number"}


def read_export(path: str | Path) -> ExportedRun:
    path = Path(path)
    where = brief(path, 200)
    data = _load(path)
    if isinstance(data, dict) and "peer_sim_exports" in data and "peer_sim_export" not in data:
        # `export all --format json`: several runs; say which ones instead of "not a run"
        held = data.get("runs")
        ids = [
            r["run"]["id"]
            for r in (held if isinstance(held, list) else [])
            if isinstance(r, dict)
            and isinstance(r.get("run"), dict)
            and isinstance(r["run"].get("id"), int)
        ]
        listed = ", ".join(map(str, ids[:10])) + (", ..." if len(ids) > 10 else "")
        runs = f"run {listed}" if len(ids) == 1 else f"runs {listed}" if ids else "no run"
        raise ReplayFileError(
            f"{where}: an `export all` file, holding {runs}; replay takes one run: "
            "peer-sim export RUN --format json -o FILE"
        )
    if not isinstance(data, dict) or "peer_sim_export" not in data:
        raise ReplayFileError(f"{where}: not a peer-sim exported run ({HINT})")
    version = data["peer_sim_export"]
    if type(version) is not int or version != EXPORT_FORMAT:  # 1.0 and true are not 1
        raise ReplayFileError(
            f"{where}: peer_sim_export is {brief(json.dumps(version), 30)}; this peer-sim reads "
            f"{EXPORT_FORMAT}"
            + (" (update peer-sim)" if type(version) is int and version > EXPORT_FORMAT else "")
        )
    run = _get(data, "run", where, dict, "run")
    scenario = _get(run, "scenario", where, dict, "run.scenario")
    scenario_id = _get(scenario, "id", where, str, "run.scenario.id")
    progress = _get(run, "progress", where, dict, "run.progress")
    choices = _get(progress, "choices", where, list, "run.progress.choices")
    if len(choices) > MAX_CHOICES:  # a list of ids, but longer than any run can be
        raise ReplayFileError(
            f"{where}: run.progress.choices holds {len(choices):,} choices, more than the "
            f"{MAX_CHOICES:,} a run can have ({HINT})"
        )
    if not all(isinstance(c, str) for c in choices):
        raise ReplayFileError(f"{where}: run.progress.choices is not a list of choice ids ({HINT})")
    longest = max((len(c) for c in choices), default=0)
    if longest > MAX_CHOICE_ID:  # a scene id (80 at most) and '#n', or a choice's own id
        raise ReplayFileError(
            f"{where}: run.progress.choices holds an entry of {longest:,} characters, longer "
            f"than any choice id ({HINT})"
        )
    try:
        recorded_start(progress.get("start"))
    except ReplayError as exc:
        raise ReplayFileError(f"{where}: run.progress.{exc} ({HINT})") from None
    run_id = run.get("id")
    optional = {k: run.get(k) for k in ("started_at", "mode")}
    trainee = run.get("trainee")
    registration = run.get("registration")
    for key, value in (
        *optional.items(),
        ("title", scenario.get("title")),
        ("digest", scenario.get("digest")),
    ):
        if value is not None and not isinstance(value, str):
            raise ReplayFileError(f"{where}: {key} is not text ({HINT})")
    return ExportedRun(
        path=path,
        run_id=run_id if type(run_id) is int and 0 < run_id < 2**63 else None,
        scenario_id=shown(scenario_id),  # an id: a disguise stays visible
        scenario_title=clean(scenario.get("title") or scenario_id),
        digest=shown(scenario.get("digest") or ""),
        mode=optional["mode"] if optional["mode"] in ("practice", "assessment") else "practice",
        # one line each: an id holding a line break forged whole lines in `replay --plain`
        progress={**progress, "choices": [shown(c) for c in choices]},
        started_at=_utc(optional["started_at"] or ""),
        trainee=brief(clean_line(trainee), 60) if isinstance(trainee, str) else "",
        registration=registration
        if isinstance(registration, str) and is_uuid(registration)
        else "",
    )


def played_here(exported: ExportedRun, directory: str | None = None) -> ExportedRun:
    """`exported`, marked as the trainee's own (`own`) when the records in `directory` (the
    default records folder when None) hold its run as their owner's.

    A replay named the trainee in the third person for a supervisor, and so a trainee
    replaying their own export read "Ana chose 2" of themself. The run's registration
    tells them apart: only the store it was played in holds it, and in a class's store
    it is a named trainee's, not the owner's, so a trainer replaying it still reads
    the name. The store is read only, and a store that cannot be read (none yet, damaged,
    another version) says nothing here: the replay is then a supervisor's.
    """
    import dataclasses
    import sqlite3

    from sim.records.opening import RecordsUnavailable
    from sim.records.store import Store

    if not exported.registration:
        return exported
    try:
        store = Store.open_read_only(directory)
    except (RecordsUnavailable, sqlite3.Error, OSError, ValueError):
        return exported
    try:
        own = store.holds_registration(exported.registration)
    except sqlite3.Error:
        return exported
    finally:
        store.close()
    return dataclasses.replace(exported, own=own)


def _utc(stamp: str) -> str:
    """The export's start time in UTC (ISO 8601), or "" when it is not a time.

    Shown as its first 16 characters and "UTC", an offset such as +14:00 put
    the start 14 hours out, and "yesterday" was shown as "played yesterday UTC".
    """
    from datetime import datetime, timezone

    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return ""
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)  # peer-sim writes UTC; a bare time is read so
    try:
        return when.astimezone(timezone.utc).isoformat(timespec="milliseconds")
    except (OverflowError, ValueError):  # 9999-12-31T23:59-01:00 is past the last year
        return ""


def taken_back_at(taken: list[dict[str, Any]], step: int, scene: str) -> list[dict[str, Any]]:
    """The lines said at decision `step` (in `scene`) and taken back, removed from `taken`:
    each is shown once, before the line kept there; what is left over was said at moments
    the replay does not come to. One rule for the plain replay and the app's."""
    here = [t for t in taken if t["step"] == step and t["scene"] in ("", scene)]
    for t in here:
        taken.remove(t)
    return here


def taken_back_kind(taken: dict[str, Any]) -> str:
    """` (a dual relationship)` for a line taken back that was a critical slip, else ''."""
    from sim.debrief.words import slip_short

    return f" ({slip_short(taken['critical'])})" if taken["critical"] else ""
