"""What every records command works on: the store, the trainee, the run, the scenarios.

Shared by `peer-sim runs | progress | report` (records.py), `export` (export.py)
and `sync | identity` (sync.py), so a trainer's typo is refused in the same
words whichever command it was typed to, and a store that cannot be written is
read read-only by every command that only reads.
"""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from sim.commands.common import UsageError, opening_records
from sim.shell_words import shell_option
from sim.text import brief, name_key, shown, shown_name, whole_number

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from sim.model import Scenario
    from sim.records import Store, StoredRun
    from sim.records.progress import ScenarioInfo


def open_store(
    args: argparse.Namespace,
    trainee: str | None = "",
    read: bool = False,
    folder: str | None = None,
    create: bool = True,
    marks: str = "",
) -> Store:
    """The store, reading `trainee`'s runs ('' the owner's own, None everyone's).

    `read`: the command only reads, so a store that cannot be written (a trainer
    reading a classroom's store they may not write) is opened read-only, and where
    there is none yet nothing is created. `create=False`: none is created either
    (`sync` has nothing to send where nothing was recorded).
    `folder`: another records folder than `--data-dir`'s (`report --also`).
    `marks`: what the command must write in these very records (`sync`: which runs were
    sent), said in place of "set --data-dir to a folder you can write": pointed at
    another folder, sync found no runs there and said "Nothing to send".
    """
    from sim.records import RecordsUnavailable, Store

    directory = folder if folder is not None else getattr(args, "data_dir", None)
    if read and directory is not None:
        _holds_records(directory, "--also" if folder is not None else "--data-dir")
    try:
        with opening_records(directory):
            none = Store.nothing_yet(directory, trainee) if read or not create else None
            store = none or Store.open(directory, trainee)
    except RecordsUnavailable as exc:
        if not read and marks and not exc.locked:
            said = RecordsUnavailable(exc.cause, marks, recording=False)
            raise UsageError(said.plainly()) from None
        if not read:
            raise UsageError(exc.plainly()) from None
        try:
            store = Store.open_read_only(directory, trainee)
        except RecordsUnavailable as again:
            raise UsageError(again.plainly()) from None
        why = "is locked by another program" if exc.locked else "cannot be written"
        print(f"(Read only: {shown(store.path)} {why}.)", file=sys.stderr)
    if none is not None and (why := nothing_recordable(none.path.parent)):
        # "No runs yet. Play a scenario and it is recorded" of a folder play cannot write
        # (a read-only disk, a classroom share), and play then said "Nothing is recorded"
        print(
            f"(Read only: nothing can be recorded in {shown(none.path.parent)} ({why}); "
            "a run played with it is not kept. Set PEER_SIM_DATA_DIR or --data-dir to a "
            "folder you can write.)",
            file=sys.stderr,
        )
    for notice in store.notices:
        print(notice, file=sys.stderr)
    store.on_notice = lambda notice: print(notice, file=sys.stderr)
    return store


def nothing_recordable(folder: Path) -> str | None:
    """Why a run played with this records folder could not be kept there (None: it could).

    Asked of a folder that holds no records file yet, which a reading command does
    not create: a read-only file system, or a folder the user may not write.
    """
    try:
        if not folder.is_dir() or os.access(folder, os.W_OK | os.X_OK):
            return None
        read_only = bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, ValueError):
        return None  # what cannot be asked is said by opening the records
    return "Read-only file system" if read_only else "you may not write that folder"


def finder(args: argparse.Namespace) -> Callable[[str], Scenario | None]:
    """Look a scenario up by id in the library (bundled + --scenarios), loaded once."""
    cache: dict[str, object] = {}

    def find(scenario_id: str) -> Scenario | None:
        if "library" not in cache:
            from sim.commands.common import library_paths
            from sim.loading import load_library

            cache["library"] = load_library(library_paths(args.scenarios))
        return cache["library"].get(scenario_id)  # type: ignore[attr-defined]

    return find


def names_like(everyone: list[str], asked: str) -> list[str]:
    """The trainees whose names look like `asked` ('Zoë' for 'Zoe') but are not it."""
    from sim.look_alike import skeleton

    shape, wanted = skeleton(asked), name_key(" ".join(asked.split()))
    return [n for n in everyone if shape and skeleton(n) == shape and name_key(n) != wanted]


def trainee_name(store: Store, asked: str) -> str:
    """The trainee's name as the store first spelt it; a name it has never seen is refused,
    with the names it has, so a trainer's typo is not read as 'no runs yet'.

    A trainer types 'Zoe' for 'Zoë' and 'Siobhan' for 'Siobhán': the names that look like
    the one asked are named first (refused, it was a list of up to 20 to search), and
    found, one that looks like another trainee's says so on stderr (trainer-test-3).
    """
    everyone = [n for n in store.trainees() if n]
    wanted = name_key(" ".join(asked.split()))
    alike = names_like(everyone, asked)
    for name in everyone:
        if name_key(name) == wanted:
            if alike:
                print(
                    f"Note: {', '.join(alike)} {'is another trainee' if len(alike) == 1 else 'are other trainees'} "
                    f"with a name like '{name}', and not included (see `peer-sim report`).",
                    file=sys.stderr,
                )
            return name
    if alike:
        raise UsageError(
            f"no runs for trainee '{asked}' in {shown(store.path)}; names that look alike: "
            f"{', '.join(alike)} (give one as the store spells it; names match whole, "
            "without regard to case)"
        )
    # in order, and all counted: the first 20 as first seen left a class of 30 to search
    # a list in no order for a name that might be cut off (trainer-test-6)
    listed = sorted(everyone, key=lambda n: (name_key(n), n))
    more = len(listed) - 20
    known = ", ".join(listed[:20]) + (f", and {more} more (`peer-sim report`)" if more > 0 else "")
    raise UsageError(
        f"no runs for trainee '{asked}' in {shown(store.path)}"
        + (f"; its trainees: {known}" if known else "; it holds no trainee's runs")
        + " (names match whole, without regard to case)"
    )


def no_finished_run(store: Store, asked: str | None) -> UsageError:
    """The refusal of `export last|all` when nothing is finished, naming the runs left
    unfinished: a supervisor told only "no finished run yet" for a trainee with two runs
    in `runs` could not tell that one run at a time still exports (trainer-test-7)."""
    whose = f" for trainee '{asked}'" if asked else ""
    left = unfinished_words(store)
    if not left:
        return UsageError(f"no finished run yet{whose} (play one to its ending first)")
    return UsageError(f"no finished run yet{whose}; {left}")


def unfinished_words(store: Store) -> str:
    """ "unfinished: runs 3, 7 (...)": the runs with a line said and no ending, as `runs`
    lists them (`StoredRun.listed`), and how one still exports; "" when there are none."""
    runs = [run for run in store.runs() if run.listed and not run.finished]
    left = [run.id for run in runs]
    if not left:
        return ""
    shown_ids = ", ".join(map(str, left[-5:]))
    if len(left) > 5:
        shown_ids = f"{shown_ids} and {len(left) - 5} earlier"
    # a run given up has ended, and `sync` sends it: "xAPI waits" of one sent a programme
    # looking in its record store for nothing (programme28)
    xapi = (
        "xAPI waits until a run that may still be resumed has ended: finished, or left"
        if any(run.status != "left" for run in runs)
        else "`peer-sim sync` sends a run left unfinished, as it is"
    )
    return (
        f"unfinished: run{'s' if len(left) > 1 else ''} {shown_ids}"
        f" (`peer-sim export {left[-1]} --format md` shows a run's lines so far; {xapi})"
    )


def pick(store: Store, which: str) -> StoredRun:
    if which == "last":
        found = store.last_finished()
        if found is None:
            raise no_finished_run(store, store.trainee)
        return found
    number = whole_number(which)
    if number is None:
        raise UsageError(
            f"RUN is a run id from `peer-sim runs`, 'last' or 'all', not '{brief(which)}'"
        )
    found = store.get(number)
    if found is None and number in store.damaged:
        raise UsageError(f"run {which} is damaged in the records file and cannot be read")
    if found is None and store.trainee:  # it may well exist, as another trainee's run
        # quoted for the shell: "--trainee 'O'Brien'" could not be pasted
        option = shell_option("--trainee", store.trainee)
        see = f"`peer-sim runs {option}`" if option else "`peer-sim runs` with that trainee"
        raise UsageError(f"trainee '{shown(store.trainee)}' has no run {which} (see {see})")
    if found is None:
        raise UsageError(f"there is no run {which} (see `peer-sim runs`)")
    return found


def _holds_records(folder: str, option: str = "--also") -> None:
    """Refuse a folder to read records from that is no folder (`--also`, or `--data-dir`
    of a command that only reads), in that option's words.

    A mistyped room was made as a new, empty store and read as if that room had played
    nothing ("No runs yet"); a device, a FIFO or a link to nowhere got the records
    opening's "cannot be made ... set PEER_SIM_DATA_DIR or --data-dir", no cure for
    `--also` and wrong for a command that makes nothing. A folder that exists but holds
    no records yet is read (a room where nobody has played), and `--also` says so, since
    the summary would otherwise count that room as read without a word.
    """
    from sim.records import RecordsUnavailable
    from sim.records.location import DB_NAME, data_dir
    from sim.refused import file_in_the_way, kind

    try:
        where = data_dir(folder)
    except RecordsUnavailable:
        return  # a folder that cannot be (a home nobody has): opening says why, better
    named, cure = shown_name(folder), "give the folder the records were kept in"
    try:
        mode = os.stat(where).st_mode
    except FileNotFoundError:
        if where.is_symlink():
            target = shown_name(os.readlink(where))
            raise UsageError(
                f"{option} {named} is a link to {target}, which does not exist; {cure}"
            ) from None
        raise UsageError(
            f"{option} {named}: no such folder; {cure} (the --data-dir they were played or "
            "served with)"
        ) from None
    except NotADirectoryError:
        in_the_way = file_in_the_way(where) or "a name on the way to it is no folder"
        raise UsageError(f"{option} {named}: {in_the_way}; {cure}") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UsageError(
                f"{option} {named} is a symbolic link that loops back on itself; {cure}"
            ) from None
        if exc.errno == errno.ENAMETOOLONG:  # was read as an empty store: "No runs yet"
            raise UsageError(
                f"{option} {named}: a name in it is longer than the file system allows, so "
                f"no such folder can exist; {cure}"
            ) from None
        return  # no permission, say: opening names it with its cure
    except ValueError:
        return  # a NUL: refused before any command runs
    if stat.S_ISDIR(mode):
        if option == "--also" and not os.path.lexists(where / DB_NAME):
            print(
                f"Note: --also {named} holds no records yet (no {DB_NAME} in it), so it adds "
                "no runs; if the room's runs are elsewhere, give that folder instead.",
                file=sys.stderr,
            )
        return
    if stat.S_ISREG(mode):
        # the records file itself (`--also room/records.db`): name the folder holding it
        holder = (
            f" ({shown_name(str(where.parent))}, which holds it)" if where.suffix == ".db" else ""
        )
        raise UsageError(f"{option} {named} is a file, not a folder; {cure}{holder}")
    raise UsageError(f"{option} {named} is {kind(mode)}, not a folder; {cure}")


def library_info(args: argparse.Namespace) -> tuple[list[ScenarioInfo], dict[str, str]]:
    """The library's scenarios as progress reads them, and the principles' titles by id
    (none if the catalogue does not load: a report still lists runs without it)."""
    from sim.commands.common import library_paths
    from sim.loading import load_catalogue, load_library, principle_titles
    from sim.problems import ScenarioError
    from sim.records.progress import ScenarioInfo

    lib = load_library(library_paths(args.scenarios))
    infos = [ScenarioInfo(s.id, s.title, tuple(s.trains)) for s in lib.scenarios]
    try:
        titles = {pid: p.title for pid, p in load_catalogue().principles.items()}
    except ScenarioError:
        titles = {}
    # and those of each --scenarios folder's own principles.toml, as the app's summaries
    # take them: a class's own principle was "warm-handoff (0%)" in `report` and
    # `progress`, by id, where the app and the debrief named it (classroom29)
    for scenario in lib.scenarios:
        if getattr(scenario, "path", None):
            titles.update(principle_titles(scenario))
    return infos, titles


# what a file of each --format is called, for the name offered instead of a .toml one
_SUFFIXES = {"md": ".md", "json": ".json", "xapi": ".json", "text": ".txt", "csv": ".csv"}


def write_out(
    args: argparse.Namespace, text: str | Iterable[str], what: str | Callable[[], str]
) -> int:
    """Print `text`, or write it to `-o FILE` (output_file.write_file); the exit status.

    `text` may come in pieces (`export all` reads one run at a time), and `what` be
    worked out once they are written.
    """
    if not args.output:
        for piece in [text] if isinstance(text, str) else text:
            sys.stdout.write(piece)
        return 0
    from sim.commands.not_toml import over_toml
    from sim.commands.output_file import write_file

    # `export last -o first-meeting.toml` wrote Markdown over the scenario, as `graph -o`
    # did (author17): no record is TOML, so the name is refused before anything is written
    suffix = _SUFFIXES.get(args.format, ".txt")
    failed = over_toml(args.output, "the record", suffix) or write_file(args.output, text)
    if failed is not None:
        print(f"peer-sim: {failed}", file=sys.stderr)
        return 1
    said = what if isinstance(what, str) else what()
    print(f"Wrote {said} ({args.format}) to {args.output}", file=sys.stderr)
    return 0


def runs_word(n: int) -> str:
    return f"{n} run{'' if n == 1 else 's'}"
