"""Opening the records file, and what is said when it cannot be used.

Kept apart from `sim.records.store`, which is what is done with an open file:
this side meets the disk and other programs (a --data-dir that is a file or a
dangling link, a FIFO where the records file should be, a lock held past every
wait, a damaged or foreign file, which is moved aside and never deleted), and
each case is a sentence naming the path through the text gate.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeVar

from sim.records.location import DB_NAME
from sim.records.schema import APPLICATION_ID, VERSION, migrate, missing
from sim.refused import no_new_file
from sim.text import name_key, shown

BUSY_MS = 10_000  # SQLite's own wait for a lock, each try
RETRIES = 5  # further tries after the busy timeout, with a growing pause

T = TypeVar("T")


class RecordsUnavailable(Exception):
    """The store cannot be used: the cause, and what the reader can do about it.

    Said two ways. To a player, `str()`: "Nothing is recorded: <cause> Play works
    as usual; <fix>", since play goes on unrecorded. To a command that only reads
    the records (`runs`, `export`, `report`), `plainly()`: the cause and the fix,
    as there is nothing to go on with. Kept as two parts so neither wording is
    cut out of the other.
    """

    locked = False  # another program holds the file past every wait (not a write failure)

    def __init__(self, cause: str, fix: str = "", *, recording: bool = True) -> None:
        self.cause, self.fix, self.recording = cause, fix, recording
        super().__init__(self._for_player())

    def _for_player(self) -> str:
        if not self.recording:  # said when reading: nothing was going to be recorded
            return self.plainly()
        played = f" Play works as usual; {self.fix}" if self.fix else " Play works as usual."
        return f"Nothing is recorded: {self.cause}{played}"

    def plainly(self) -> str:
        """The cause and the fix, for a command that plays nothing."""
        text = " ".join(part[:1].upper() + part[1:] for part in (self.cause, self.fix) if part)
        return text


class Unusable(Exception):
    """The file is damaged or foreign: move it aside and start again."""


def private(path: Path) -> None:
    """Only the user may read the records (what a trainee said is in them), WAL files too."""
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            if p.exists() and (p.stat().st_mode & 0o777) != 0o600:
                os.chmod(p, 0o600)
        except OSError:
            pass  # not ours to change (a shared file); sqlite will say if it cannot write


def unavailable(directory: Path, exc: BaseException) -> RecordsUnavailable:
    """The sentence for a folder or file the OS or SQLite refused: a lock is not a permission."""
    reason = getattr(exc, "strerror", None) or str(exc)
    if isinstance(exc, sqlite3.OperationalError) and ("locked" in reason or "busy" in reason):
        # "cannot be written (database is locked)" sent people to the folder's permissions
        found = RecordsUnavailable(
            f"the records file {shown(directory / DB_NAME)} stayed locked by another program for over a minute.",
            "close whatever holds it (an sqlite3 shell in a transaction, a backup) and start again.",
        )
        found.locked = True
        return found
    refused = getattr(exc, "errno", None) in _NOT_SPACE
    free = None if refused else space_left(directory)
    if free is not None:
        # SQLite says "disk I/O error" when it cannot grow its -shm on a full disk, and
        # "a folder you can write" sent people to the permissions of one they could
        return RecordsUnavailable(
            f"the records folder {shown(directory)} cannot be written: the disk it is on is "
            f"full ({free // 1024:,} KB free).",
            "free some space there, or set PEER_SIM_DATA_DIR or --data-dir to a folder on "
            "another disk.",
        )
    said = no_new_file(directory, exc) if isinstance(exc, OSError) else None
    if said is not None:
        # /proc answers a new file with "No such file or directory", about a folder one can list
        where = "" if directory.is_dir() else f"{shown(directory)} cannot be made: "
        return RecordsUnavailable(
            f"the records folder {where}{said}.",
            "set PEER_SIM_DATA_DIR or --data-dir to a folder you can write.",
        )
    return RecordsUnavailable(
        f"the records folder {shown(directory)} cannot be written ({reason}).",
        "set PEER_SIM_DATA_DIR or --data-dir to a folder you can write.",
    )


def unreadable(path: Path, exc: sqlite3.Error) -> RecordsUnavailable:
    """The sentence for records a reader could not read: a full disk named as one."""
    free = space_left(path.parent)
    if free is not None and isinstance(exc, sqlite3.OperationalError):
        return RecordsUnavailable(
            f"The records at {shown(path)} cannot be read ({exc}): the disk they are on is "
            f"full ({free // 1024:,} KB free). Free some space there and try again.",
            recording=False,
        )
    return RecordsUnavailable(
        f"The records at {shown(path)} cannot be read ({exc}).", recording=False
    )


# What the OS says when a folder is not there or not ours: no shortage of space, whatever
# the disk holds (a --data-dir under /proc was "full (0 KB free)").
_NOT_SPACE = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOENT, errno.ENOTDIR, errno.EEXIST)

FULL = 1 << 20  # less free than this and SQLite cannot count on room for its -shm and -wal


def space_left(directory: Path) -> int | None:
    """The bytes free on the disk holding `directory` when it is (nearly) full, else None."""
    try:
        st = os.statvfs(directory if directory.exists() else directory.parent)
    except (OSError, ValueError):
        return None
    if st.f_blocks == 0:  # /proc, /sys: no disk at all, so never a full one
        return None
    free = st.f_bavail * st.f_frsize
    return free if free < FULL else None


def retrying(step: Callable[[], T]) -> T:
    """Try `step` again when the file stays locked past the busy timeout.

    SQLite's busy handler already waits BUSY_MS; a few more tries with a pause
    cover the rare lock it does not wait on (switching to WAL, or a checkpoint
    in another process), so a classroom of writers never loses a move.
    """
    for attempt in range(RETRIES + 1):
        try:
            return step()
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if attempt == RETRIES or ("locked" not in text and "busy" not in text):
                raise
            time.sleep(0.05 * 2**attempt)
    raise AssertionError("unreachable")


def a_folder_or_absent(folder: Path) -> None:
    """The records folder, and each folder above it that exists, is a folder (or a link to one).

    `mkdir` said "cannot be written (File exists)" for a --data-dir that is a
    file, a FIFO or a link to nowhere, which sent people to the permissions.
    """
    import stat

    from sim.refused import kind

    for here in (folder, *folder.parents):
        try:
            mode = here.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):  # absent, or below a file
            if here.is_symlink():
                raise RecordsUnavailable(
                    f"the records folder {shown(folder)} cannot be made, since {shown(here)} is a "
                    f"link to {shown(os.readlink(here))}, which does not exist.",
                    "set PEER_SIM_DATA_DIR or --data-dir to a folder.",
                ) from None
            continue
        except OSError as exc:
            if exc.errno == errno.ELOOP:  # mkdir said "cannot be written (File exists)"
                raise RecordsUnavailable(
                    f"the records folder {shown(folder)} cannot be made, since {shown(here)} "
                    "is a symbolic link that loops back on itself.",
                    "remove the link, or set PEER_SIM_DATA_DIR or --data-dir to another folder.",
                ) from None
            return  # no permission: mkdir and SQLite name it
        if stat.S_ISDIR(mode):
            return
        what = "a file" if stat.S_ISREG(mode) else kind(mode)
        raise RecordsUnavailable(
            f"the records folder {shown(folder)} cannot be made, since {shown(here)} is {what}, not a folder.",
            "set PEER_SIM_DATA_DIR or --data-dir to a folder.",
        )


def regular_or_absent(
    path: Path, companions: tuple[str, ...] = ("-wal", "-shm", "-journal")
) -> None:
    """Only a regular file is opened as the records file: a FIFO, a device or a folder is named.

    SQLite would report such a thing as "disk I/O error" or "unable to open
    database file", which sends the user looking at the wrong thing. The same
    goes for the files SQLite keeps beside it (`-wal`, `-shm`, `-journal`): a
    folder or a FIFO under one of those names was "cannot be written (disk I/O
    error) ... a folder you can write", about a folder that could be written.
    Reading alone never touches `-journal`, so a reader leaves it out.
    """
    for suffix in ("", *companions):
        _regular_or_absent(Path(f"{path}{suffix}"), companion=bool(suffix))


def _regular_or_absent(path: Path, companion: bool) -> None:
    import stat

    from sim.refused import kind

    fix = "move it away, or set PEER_SIM_DATA_DIR or --data-dir to another folder."
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        if path.is_symlink():
            raise RecordsUnavailable(
                f"the records file {shown(path)} is a link to {shown(os.readlink(path))}, which "
                "does not exist.",
                "remove the link, or set PEER_SIM_DATA_DIR or --data-dir to another folder.",
            ) from None
        return
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise RecordsUnavailable(
                f"the records file {shown(path)} is a symbolic link that loops back on itself.",
                "remove the link, or set PEER_SIM_DATA_DIR or --data-dir to another folder.",
            ) from None
        raise unavailable(path.parent, exc) from None
    if stat.S_ISREG(mode):
        return
    if companion:
        raise RecordsUnavailable(
            f"where SQLite keeps a working file beside the records ({DB_NAME}), {shown(path)} "
            f"is {kind(mode)}, so they cannot be opened.",
            fix,
        )
    raise RecordsUnavailable(
        f"where the records file belongs, {shown(path)} is {kind(mode)}, not a records file.", fix
    )


def first_look(conn: sqlite3.Connection) -> tuple[int, int, int]:
    """The file's application id, table count and schema version, read in one snapshot.

    Read one by one, another instance creating the store in between (tables and
    id in one commit) made a new store look foreign (tables but no id), and it
    was moved aside with the runs the others then wrote into it.
    """
    conn.execute("BEGIN")
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        if conn.in_transaction:  # a read that failed may have ended it already
            conn.execute("COMMIT")
    return app_id, tables, version


def connect(path: Path) -> sqlite3.Connection:
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    private(path)
    conn = sqlite3.connect(
        path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False
    )
    sql_functions(conn)
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
        app_id, tables, version = retrying(lambda: first_look(conn))
        if tables and app_id != APPLICATION_ID:
            raise Unusable("it is not a peer-sim records file")
        if version > VERSION:
            raise RecordsUnavailable(
                f"the records file {shown(path)} was written by a newer peer-sim (records version "
                f"{version}; "
                f"this one knows {VERSION}). It is left untouched.",
                "update peer-sim to record again.",
            )
        if conn.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() != "wal":
            raise sqlite3.OperationalError("cannot switch the records file to WAL mode")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        if tables:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise Unusable(f"it is damaged: {check}")
        migrate(conn)
        lacks = missing(conn)
        if lacks:
            raise Unusable(f"it is damaged: {lacks}")
        conn.execute("INSERT OR IGNORE INTO meta VALUES ('actor_id', ?)", (str(uuid.uuid4()),))
        private(path)
        return conn
    except sqlite3.OperationalError:
        conn.close()
        raise
    except sqlite3.DatabaseError as exc:  # not a database, malformed: damaged
        conn.close()
        raise Unusable(f"it is damaged: {exc}") from None
    except BaseException:
        conn.close()
        raise


def connect_nothing_yet() -> sqlite3.Connection:
    """An empty store of today's schema, in memory: what a reader sees where no records are.

    A command that only reads (`runs`, `export`, `sync` with nothing to send) opened
    the records for writing and so made an empty records.db, and the folder, in any
    writable --data-dir it was pointed at: reading must leave nothing behind.
    """
    conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    sql_functions(conn)
    migrate(conn)
    conn.execute("INSERT OR IGNORE INTO meta VALUES ('actor_id', ?)", (str(uuid.uuid4()),))
    return conn


def connect_read_only(path: Path, immutable: bool = False) -> sqlite3.Connection:
    """Read-only, as SQLite allows for a WAL file: with its -shm, or (no -wal left, so the
    main file holds everything) as immutable, since -shm cannot be made in a read-only folder.

    `immutable` asks for the latter where a -wal and -shm are there but hold nothing: a
    writer that failed on a full disk leaves an empty -wal and a -shm it could not grow,
    and SQLite cannot read through those ("disk I/O error")."""
    uri = path.resolve().as_uri()
    options = ["mode=ro"]
    if immutable or (not Path(f"{path}-wal").exists() and not Path(f"{path}-shm").exists()):
        options.append("immutable=1")
    conn = sqlite3.connect(
        f"{uri}?{'&'.join(options)}",
        uri=True,
        timeout=BUSY_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    sql_functions(conn)
    return conn


def open_for_reading(path: Path) -> sqlite3.Connection:
    """The records file at `path`, opened for reading only, or a sentence saying why not.

    Nothing is created, migrated or moved aside: a trainer may read a store they
    cannot write, and a file that is not today's peer-sim records is refused,
    naming the cure (a newer peer-sim, or a version this one reads).
    """
    a_folder_or_absent(path.parent)
    # a FIFO or a folder is named as such, not "no records" (and -journal is for writers)
    regular_or_absent(path, companions=("-wal", "-shm"))
    if not path.is_file():
        raise RecordsUnavailable(f"There are no records at {shown(path)}.", recording=False)
    try:
        conn = connect_read_only(path)
    except sqlite3.Error as exc:
        raise unreadable(path, exc) from None
    try:
        try:
            app_id, tables, version = first_look(conn)
        except sqlite3.OperationalError as exc:
            if not wal_is_empty(path) or "locked" in str(exc) or "busy" in str(exc):
                raise  # a lock is another program at work: its checkpoint would tear this read
            # a -shm that cannot grow (a full disk) over an empty -wal: read the main
            # file alone, which holds every run
            conn.close()
            conn = connect_read_only(path, immutable=True)
            app_id, tables, version = first_look(conn)
        if not tables:
            # created, but never set up (the disk filled first): no runs, not foreign
            raise RecordsUnavailable(f"There are no records at {shown(path)} yet.", recording=False)
        if app_id == APPLICATION_ID and version > VERSION:
            # "cannot be read without writing them" hid the cure: a newer peer-sim
            raise RecordsUnavailable(
                f"The records at {shown(path)} were written by a newer peer-sim (records version "
                f"{version}; this one reads {VERSION}). They are left untouched; update "
                "peer-sim to read them.",
                recording=False,
            )
        if app_id != APPLICATION_ID:
            raise RecordsUnavailable(
                f"The records at {shown(path)} cannot be read: it is not a peer-sim records file.",
                recording=False,
            )
        if version < VERSION:
            conn = upgraded_copy(conn)
        lacks = missing(conn)
        if lacks:
            raise RecordsUnavailable(
                f"The records at {shown(path)} cannot be read: they are damaged ({lacks}).",
                recording=False,
            )
    except sqlite3.Error as exc:
        conn.close()
        raise unreadable(path, exc) from None
    except BaseException:
        conn.close()
        raise
    return conn


def upgraded_copy(conn: sqlite3.Connection) -> sqlite3.Connection:
    """An older store that cannot be written, brought to today's schema in memory.

    A trainer reading last year's class store from a read-only share was told it
    "cannot be read without writing them": every older version is a subset of
    today's, so a copy in memory, migrated, reads as the file would once upgraded.
    The file itself is left exactly as it was. `conn` is closed.
    """
    copy = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
    try:
        conn.backup(copy)
        sql_functions(copy)
        migrate(copy)
    except BaseException:
        copy.close()
        raise
    finally:
        conn.close()
    return copy


def wal_is_empty(path: Path) -> bool:
    """No -wal beside the records, or an empty one: the main file holds every run."""
    try:
        return os.stat(f"{path}-wal").st_size == 0
    except FileNotFoundError:
        return True
    except OSError:
        return False


def stored_text(data: bytes) -> str:
    """A text column as read: bytes that are not UTF-8 (a store written by another tool,
    or damaged on disk) read as U+FFFD, shown as such. Python's default decoder raised on
    them, so one bad byte in a title ended `runs`, `report`, every export and the app with
    "unexpected error (OperationalError: Could not decode to UTF-8 column ...)"."""
    return data.decode("utf-8", "replace")


def sql_functions(conn: sqlite3.Connection) -> None:
    """How every connection reads text (`stored_text`), and the SQL functions the queries
    use: `name_key` compares trainee names as people do. Its queries hand it the column as
    a BLOB (`name_key(CAST(trainee AS BLOB))`), as an argument too is decoded strictly."""

    def key(value: object) -> object:
        if isinstance(value, bytes):
            value = stored_text(value)
        return name_key(value) if isinstance(value, str) else value

    conn.text_factory = stored_text
    conn.create_function("name_key", 1, key, deterministic=True)


def move_aside(path: Path, why: str) -> str:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    aside = path.with_name(f"{path.name}.unreadable-{stamp}-{os.getpid()}")
    for suffix in ("", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):  # another instance moved it first
            os.replace(f"{path}{suffix}", f"{aside}{suffix}")
    return (
        f"The records file {shown(path)} could not be used ({why}). It was moved aside to {shown(aside)} "
        "(nothing was deleted) and a new records file was started."
    )
