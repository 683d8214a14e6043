"""A library that lists at once: what each file showed last time, kept in the user cache.

Listing the library needs titles, summaries, difficulty, minutes, content
notes, trains (with their principle titles) and each broken file's problems;
validating the files for them costs pydantic's import and every file's parse.
The index keeps that listing, per file, in the user cache directory
(`PEER_SIM_CACHE_DIR`, else platformdirs' user cache dir), keyed by the
file's path, size, mtime and inode, its catalogue's the same way, and the
peer-sim version with a stamp of the loading code. A file whose key still
matches would validate to the same answer, so it is listed from the index
without pydantic; a new or changed file is read again (fully) and its entry
replaced. Opening a scenario always validates it in full (`load_scenario`).

The index is a convenience, never a source of truth: one that is missing,
corrupt, from another version, or cannot be written is ignored, and the
files are read as if it were not there.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sim.loading.folders import (
    CATALOGUE_NAME,
    Library,
    bundled_dir,
    find_scenario_files,
    library_order,
)
from sim.problems import Problem, ScenarioError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sim.model import Scenario

ENV = "PEER_SIM_CACHE_DIR"
INDEX_NAME = "library-index.json"
FORMAT = 1
MAX_INDEX_BYTES = 8 * 1024 * 1024
MAX_FILES = 5000  # entries kept; an index never grows without bound
Stamp = list[int]
Titles = dict[str, dict[str, str]]


@dataclass(frozen=True)
class Summary:
    """A scenario as the library lists it: the fields of `Scenario` the list shows.

    It stands in for the model in `Library.scenarios` until the scenario is
    opened; `load_scenario(summary.path)` gives the full, validated scenario.
    """

    id: str
    path: str
    title: str
    summary: str
    setting: str
    difficulty: str
    minutes: int
    content_notes: tuple[str, ...] = ()
    trains: tuple[str, ...] = ()
    order: int | None = None

    @property
    def summarised(self) -> str:
        """The file this summary stands for (`Library.full` loads it)."""
        return self.path

    @classmethod
    def of(cls, scenario: Scenario) -> Summary:
        return cls(
            id=scenario.id,
            path=scenario.path,
            title=scenario.title,
            summary=scenario.summary,
            setting=scenario.setting,
            difficulty=scenario.difficulty,
            minutes=scenario.minutes,
            content_notes=tuple(scenario.content_notes),
            trains=tuple(scenario.trains),
            order=scenario.order,
        )

    @classmethod
    def from_json(cls, data: Any) -> Summary | None:
        """The entry, or None when it is not exactly what `asdict` wrote."""
        try:
            made = cls(
                **{
                    **data,
                    "content_notes": tuple(data["content_notes"]),
                    "trains": tuple(data["trains"]),
                }
            )
        except (TypeError, KeyError):
            return None
        text = (made.id, made.path, made.title, made.summary, made.setting, made.difficulty)
        ok = all(isinstance(t, str) for t in text) and type(made.minutes) is int
        ok = ok and all(isinstance(t, str) for t in made.content_notes + made.trains)
        ok = ok and (made.order is None or type(made.order) is int)
        return made if ok else None


@dataclass
class Listing:
    """A library as listed: scenarios (as `Summary`), broken files, principle titles."""

    library: Library
    titles: Titles = field(default_factory=dict)
    pending: list[Path] = field(default_factory=list)
    """Files the index could not answer for (only when listed with `load=False`)."""


def cache_dir() -> Path | None:
    """Where the index lives: $PEER_SIM_CACHE_DIR if set, else the user cache (rebuilt if lost).

    None when the variable names a home folder that cannot be found (`~nouser/x`): then
    no index is kept, as when the folder cannot be written, and the library is read in full.
    """
    env = os.environ.get(ENV)
    if env:
        from sim.homes import NoHome, home_path

        try:
            return home_path(env)
        except NoHome:
            return None
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("peer-sim", appauthor=False))


def _stamp(path: Path | str) -> Stamp | None:
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def code_stamp() -> str:
    """The peer-sim version and the loading code's file stamps: any change, a new index."""
    import sim

    root = Path(sim.__file__).parent
    parts = [getattr(sim, "__version__", "?")]
    for folder in ("loading", "model"):
        with contextlib.suppress(OSError):
            for entry in sorted(os.scandir(root / folder), key=lambda e: e.name):
                if entry.name.endswith(".py"):
                    st = entry.stat()
                    parts.append(f"{entry.name}:{st.st_size}:{st.st_mtime_ns}")
    for name in ("problems.py", "text.py", "prose.py"):
        st_list = _stamp(root / name)
        parts.append(f"{name}:{st_list}")
    return "|".join(parts)


def _catalogue_path(file: Path) -> Path:
    local = file.parent / CATALOGUE_NAME
    return local if os.path.lexists(local) else bundled_dir() / CATALOGUE_NAME


def _problem_of(data: Any) -> Problem | None:
    try:
        made = Problem(
            Path(data["path"]),
            data["message"],
            key=data["key"],
            line=data["line"],
            column=data["column"],
            hint=data["hint"],
            severity=data["severity"],
            code=data["code"],
        )
    except (TypeError, KeyError):
        return None
    text = (made.message, made.key, made.hint, made.severity, made.code)
    ok = all(isinstance(t, str) for t in text)
    # a line -1 or 10**30 would be printed as such: read the file again instead
    ok = ok and all(
        n is None or (type(n) is int and 0 < n < 10**9) for n in (made.line, made.column)
    )
    ok = ok and made.severity in ("error", "warning") and isinstance(data["path"], str)
    return made if ok else None


def _error_of(data: Any) -> ScenarioError | None:
    if not isinstance(data, list) or not data:
        return None
    problems = [_problem_of(p) for p in data]
    if any(p is None for p in problems):
        return None
    return ScenarioError(problems)  # type: ignore[arg-type]


class Index:
    """The index file: read once, answered from, written back when it changed."""

    def __init__(self, folder: Path | None = None) -> None:
        where = folder or cache_dir()
        self.path = where / INDEX_NAME if where is not None else None
        self.stamp = code_stamp()
        self.files: dict[str, Any] = {}
        self.catalogues: dict[str, Any] = {}
        self.changed = False
        data = self._read()
        if data is not None:
            self.files = data["files"]
            self.catalogues = data["catalogues"]

    def _read(self) -> dict[str, Any] | None:
        from sim.loading.files import read_limited

        if self.path is None:
            return None
        try:  # only a regular file: a FIFO put where the index goes would block the library
            raw = read_limited(self.path, MAX_INDEX_BYTES, what="index")
            if len(raw) > MAX_INDEX_BYTES:
                return None
            data = json.loads(raw)
        except (ScenarioError, ValueError, RecursionError):
            return None  # missing, odd or corrupt: as if there were none
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        if data.get("code") != self.stamp:
            return None
        if not isinstance(data.get("files"), dict) or not isinstance(data.get("catalogues"), dict):
            return None
        return data

    def write(self) -> None:
        """Atomically, and only when something changed; any failure leaves it unwritten."""
        if not self.changed or self.path is None:
            return
        files = self.files
        if len(files) > MAX_FILES:  # keep the entries of files that still exist
            files = {k: v for k, v in files.items() if os.path.lexists(k)}
            files = dict(list(files.items())[-MAX_FILES:])
        data = {"format": FORMAT, "code": self.stamp, "files": files, "catalogues": self.catalogues}
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".index-", dir=self.path.parent)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    json.dump(data, handle, ensure_ascii=True, separators=(",", ":"))
                os.replace(tmp, self.path)
            finally:
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
        except OSError:
            return
        self.changed = False

    # -- catalogues -------------------------------------------------------------
    def catalogue(self, path: Path, load: bool) -> ScenarioError | dict[str, str] | None:
        """A catalogue's principle titles, or its error; None when it must be read first."""
        key = os.path.abspath(path)
        stamp = _stamp(path)
        entry = self.catalogues.get(key)
        if isinstance(entry, dict) and stamp is not None and entry.get("stamp") == stamp:
            known = _catalogue_of(entry)
            if known is not None:
                return known
        if not load:
            return None
        from sim.loading.library import load_catalogue

        try:
            catalogue = load_catalogue(path)
        except ScenarioError as exc:
            found: ScenarioError | dict[str, str] = exc
            self.catalogues[key] = {"stamp": stamp, "problems": [p.to_dict() for p in exc.problems]}
        else:
            found = {pid: p.title for pid, p in catalogue.principles.items()}
            self.catalogues[key] = {"stamp": stamp, "titles": found}
        self.changed = True
        return found

    # -- scenario files ---------------------------------------------------------
    def entry(
        self, file: Path, catalogue: Path, load: bool, catalogue_broken: bool
    ) -> Summary | ScenarioError | None:
        """A file's listing: its summary, its error, or None when it must be read first."""
        key = os.path.abspath(file)
        stamp = _stamp(file)
        cat_stamp = [os.path.abspath(catalogue), _stamp(catalogue)]
        entry = self.files.get(key)
        if (
            isinstance(entry, dict)
            and stamp is not None
            and entry.get("stamp") == stamp
            and entry.get("catalogue") == cat_stamp
        ):
            found = _entry_of(entry)
            if found is not None:
                return found
        if not load:
            return None
        found = _read_file(file, catalogue_broken)
        self.files.pop(key, None)  # re-inserted last: the newest entries survive trimming
        self.files[key] = {
            "stamp": stamp,
            "catalogue": cat_stamp,
            **(
                {"problems": [p.to_dict() for p in found.problems]}
                if isinstance(found, ScenarioError)
                else {"scenario": asdict(found)}
            ),
        }
        self.changed = True
        return found


def _titles_of(data: Any) -> dict[str, str] | None:
    if not isinstance(data, dict):
        return None
    ok = all(isinstance(k, str) and isinstance(v, str) for k, v in data.items())
    return data if ok else None


def _catalogue_of(entry: dict[str, Any]) -> ScenarioError | dict[str, str] | None:
    if "problems" in entry:
        return _error_of(entry["problems"])
    return _titles_of(entry.get("titles"))


def _entry_of(entry: dict[str, Any]) -> Summary | ScenarioError | None:
    if "problems" in entry:
        return _error_of(entry["problems"])
    return Summary.from_json(entry.get("scenario"))


def _read_file(file: Path, catalogue_broken: bool) -> Summary | ScenarioError:
    """Load one file in full (pydantic), as `load_library` would in its folder."""
    from sim.loading.library import NO_CATALOGUE, catalogue_for, load_scenario

    try:
        catalogue = NO_CATALOGUE if catalogue_broken else catalogue_for(file)
        return Summary.of(load_scenario(file, catalogue))
    except ScenarioError as exc:
        return exc


def list_library(paths: Iterable[Path | str] | None = None, load: bool = True) -> Listing:
    """The library under `paths` as `load_library` would list it, from the index where it can.

    With `load=False` nothing is read but the index: files it cannot answer
    for are returned in `pending` (and left out of the listing), so a caller
    can show the rest at once and load those in the background.
    """
    index = Index()
    listing = Listing(Library())
    library = listing.library
    seen: dict[str, str] = {}
    catalogues: dict[Path, ScenarioError | dict[str, str] | None] = {}  # one look per folder
    for file in find_scenario_files(paths if paths is not None else [bundled_dir()]):
        catalogue = _catalogue_path(file)
        if file.parent not in catalogues:
            catalogues[file.parent] = index.catalogue(catalogue, load)
            if isinstance(catalogues[file.parent], ScenarioError):
                # reported once per folder, as load_library does
                library.broken.append(catalogues[file.parent])  # type: ignore[arg-type]
        titles = catalogues[file.parent]
        broken = isinstance(titles, ScenarioError)
        found = None if titles is None else index.entry(file, catalogue, load, broken)
        if found is None:
            listing.pending.append(file)
            continue
        if isinstance(found, ScenarioError):
            library.broken.append(found)
            continue
        summary = found
        if summary.id in seen:
            library.broken.append(_duplicate(file, summary.id, seen[summary.id]))
            continue
        seen[summary.id] = str(file)
        library.scenarios.append(summary)
        if isinstance(titles, dict):
            listing.titles[summary.id] = titles
    library.scenarios.sort(key=library_order)
    index.write()
    return listing


def _duplicate(file: Path, scenario_id: str, first: str) -> ScenarioError:
    return ScenarioError(
        [
            Problem(
                file,
                f"another scenario already has the id '{scenario_id}' ({first})",
                hint="rename one of the files: the file name is the scenario id",
                code="duplicate-id",
            )
        ]
    )
