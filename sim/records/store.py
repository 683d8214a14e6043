"""The records file: one SQLite database (WAL), private to the user, that never loses a finished run.

Why it is shaped this way:
- A finished run is written in one transaction (its decisions, ending, final
  meters and debrief together), so a kill at any moment leaves it either whole
  or not yet begun; `synchronous=FULL` keeps that true across a power cut too
  (progress after each move skips the fsync: it survives a kill, not a power cut).
- An unfinished run is one row whose `progress` (the engine's own record of
  start and choices, with times) is rewritten after every move, so a resume
  replays exactly what was played.
- Several processes may use the file at once (two app windows, a sync): WAL,
  a busy timeout and short `BEGIN IMMEDIATE` transactions keep them apart, and
  each playing run names its owner process so only abandoned ones are offered
  for resume. Opening and `BEGIN IMMEDIATE` are retried a few times past the
  busy timeout, since a classroom (`peer-sim serve`) has one process per trainee.
- Several trainees may share one store: each run carries its `trainee` ('' for
  the store owner's own), and a `Store` reads the runs of its `trainee` only
  (None: everyone's, for the trainer's listings and the class summary).
- A file that is damaged or is not ours is moved aside (never deleted) with a
  message, and a new store starts; a directory that cannot be written gives
  `RecordsUnavailable`, and the shells play on without recording.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from sim.records.identity import actor_of, tidy_programme
from sim.records.location import DB_NAME, data_dir
from sim.records.opening import (
    RecordsUnavailable,
    Unusable,
    a_folder_or_absent,
    connect,
    connect_nothing_yet,
    move_aside,
    open_for_reading,
    regular_or_absent,
    retrying,
    unavailable,
)
from sim.records.owner import me
from sim.records.reads import Reads
from sim.records.stored import StoredDecision, StoredRun, now
from sim.text import shown


def file_identity(path: Path) -> tuple[int, int] | None:
    """Which file is at `path` (device and inode; the file index on Windows), None if none."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_dev, found.st_ino)


class Store(Reads):
    """One open records file. Methods are safe to call from several threads.

    Opening and every write are here; the ways of reading runs are in `Reads`
    (`sim.records.reads`), which this class completes with its connection and lock.
    """

    def __init__(
        self, conn: sqlite3.Connection, path: Path, notices: list[str], trainee: str | None = ""
    ) -> None:
        self.conn = conn
        self.trainee = trainee  # whose runs are written and read; None reads everyone's
        self.path = path
        self.notices = notices  # things the trainee should be told once (a file moved aside)
        self.damaged: dict[int, str] = {}  # run id -> why its row cannot be read
        self.on_notice: Callable[[str], None] | None = None  # told as each notice arises
        self._lock = threading.RLock()
        self._file: tuple[int, int] | None = None  # the file opened (see `replaced`)

    # -- opening ------------------------------------------------------------
    @classmethod
    def open(
        cls, directory: str | os.PathLike[str] | None = None, trainee: str | None = ""
    ) -> Store:
        folder = data_dir(directory)
        a_folder_or_absent(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:
            raise unavailable(folder, exc) from None
        path = folder / DB_NAME
        regular_or_absent(path)
        notices: list[str] = []
        for _attempt in range(3):
            try:
                store = cls(retrying(lambda: connect(path)), path, notices, trainee)
                store._file = file_identity(path)
                return store
            except Unusable as exc:
                notices.append(move_aside(path, str(exc)))
            except sqlite3.OperationalError as exc:
                raise unavailable(folder, exc) from None
            except OSError as exc:
                raise unavailable(folder, exc) from None
        raise RecordsUnavailable(f"the records file {shown(path)} could not be opened.")

    @classmethod
    def nothing_yet(
        cls, directory: str | os.PathLike[str] | None = None, trainee: str | None = ""
    ) -> Store | None:
        """Where no records file exists yet, an empty store in memory (else None): a command
        that only reads says "no runs yet" and creates neither the file nor its folder.

        A folder that cannot be one (a file, a link to nowhere) is still named, as `open` does.
        """
        folder = data_dir(directory)
        a_folder_or_absent(folder)
        path = folder / DB_NAME
        if os.path.lexists(path):
            return None
        return cls(connect_nothing_yet(), path, [], trainee)

    @classmethod
    def open_read_only(
        cls, directory: str | os.PathLike[str] | None = None, trainee: str | None = ""
    ) -> Store:
        """The records for reading only: a trainer may read a store they cannot write.

        Nothing is created, migrated or moved aside; a file that is not today's
        peer-sim records is refused with a sentence saying why.
        """
        path = data_dir(directory) / DB_NAME
        return cls(open_for_reading(path), path, [], trainee)

    def close(self) -> None:
        with self._lock:
            self.conn.close()

    def replaced(self) -> bool:
        """Whether the records file at `path` is no longer the one this store opened: removed,
        or another put in its place (deleted and created again by another process, a copy
        moved over it). Writes here would then go into a file no one reads again, and the
        run being played would be lost with it (`Recorder` opens the new one instead).

        A file copied over this one in place (the same file rewritten) is not seen: SQLite
        itself calls that corruption, and nothing short of reading the file again tells it.
        """
        if self._file is None:
            return False
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            return True
        except OSError:
            return False  # cannot be looked at just now (a share gone quiet): not taken as gone
        return (found.st_dev, found.st_ino) != self._file

    @contextmanager
    def _write(self, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One short write transaction; the busy timeout waits out another instance.

        `durable=False` (progress saved after a move) skips the fsync: in WAL mode
        the commit still survives the process being killed, only not a power cut,
        and a move in the app never waits for the disk.
        """
        with self._lock:
            self.conn.execute(f"PRAGMA synchronous = {'FULL' if durable else 'NORMAL'}")
            retrying(lambda: self.conn.execute("BEGIN IMMEDIATE"))
            try:
                yield self.conn
            except BaseException:
                # SQLite may already have rolled back (a full disk does): rolling back
                # again would hide the real cause behind "no transaction is active".
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    # -- identity -----------------------------------------------------------
    def actor(self, trainee: str = "") -> dict[str, str]:
        """Who a run belongs to, for exports and xAPI statements (see `actor_of`)."""
        with self._lock:
            meta = self.conn.execute(
                "SELECT key, value FROM meta WHERE key IN ('actor_id', 'name', 'email', 'programme')"
            ).fetchall()
        return actor_of(meta, self.path, trainee, self.spelling(trainee))

    def spelling(self, trainee: str) -> str:
        """The store's spelling of `trainee`: that of their first run, else `trainee` itself.

        'Zoë' who comes back as 'zoë' is one trainee (name_key); without this her new
        runs, exports and xAPI actor carried 'zoë', so an LRS showed one account under
        two names (trainer-test-2).
        """
        if not trainee:
            return trainee
        with self._lock:
            row = self.conn.execute(
                "SELECT trainee FROM runs WHERE name_key(CAST(trainee AS BLOB)) = name_key(?) "
                "ORDER BY id LIMIT 1",
                (trainee,),
            ).fetchone()
        return shown(row[0]) if row and isinstance(row[0], str) and row[0] else trainee

    def set_identity(
        self, name: str | None = None, email: str | None = None, programme: str | None = None
    ) -> None:
        """Set (or with "" clear) the optional name, email and programme sent with xAPI
        statements."""
        with self._write() as c:
            for key, value in (("name", name), ("email", email), ("programme", programme)):
                if value is None:
                    continue
                if key in ("programme", "name"):
                    # spaces tidied as a trainee's name is: `--name ' '` was kept as a
                    # name of one space, and '  Sam   Rivera ' went out to a record store so
                    value = tidy_programme(value)
                if value:
                    c.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))
                else:
                    c.execute("DELETE FROM meta WHERE key = ?", (key,))

    # -- a run as it is played ----------------------------------------------
    def begin(
        self,
        scenario_id: str,
        scenario_title: str,
        digest: str,
        mode: str,
        progress: dict,
        started_at: str | None = None,
    ) -> int:
        """The row of a run at its first choice; `started_at` is when the scenario opened."""
        row = (scenario_id, scenario_title, digest, mode, progress, started_at)
        return self._new_row(*row, status="playing", owner=me())

    def opened_and_left(
        self,
        scenario_id: str,
        scenario_title: str,
        digest: str,
        mode: str,
        progress: dict,
        started_at: str,
    ) -> int:
        """The row of a conversation opened and left before its first line: left unfinished
        with no line (never offered for resume: there is nothing to go on from), and sent
        by sync as a `terminated` at step 0, so a programme sees the attempt."""
        row = (scenario_id, scenario_title, digest, mode, progress, started_at)
        return self._new_row(*row, status="left", owner="")

    def _new_row(
        self,
        scenario_id: str,
        scenario_title: str,
        digest: str,
        mode: str,
        progress: dict,
        started_at: str | None,
        *,
        status: str,
        owner: str,
    ) -> int:
        """One INSERT for both ways a run's row begins, so their columns cannot drift."""
        stamp = now()
        who = self.spelling(self.trainee or "")
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO runs (registration, scenario_id, scenario_title, digest, mode, "
                "status, owner, started_at, updated_at, progress, trainee) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    scenario_id,
                    scenario_title,
                    digest,
                    mode,
                    status,
                    owner,
                    started_at or stamp,
                    stamp,
                    json.dumps(progress),
                    who,
                ),
            )
            return int(cur.lastrowid or 0)

    def save_progress(self, run_id: int, progress: dict, digest: str | None = None) -> bool:
        """False when the run is no longer this process's: released by a supervisor
        (`runs --release`), or lapsed on this machine and resumed on another. Written over,
        the other's lines would be mixed with these (`sim.records.owner.LAPSE`)."""
        with self._write(durable=False) as c:
            cur = c.execute(
                "UPDATE runs SET progress = ?, updated_at = ?, digest = COALESCE(?, digest) "
                "WHERE id = ? AND status = 'playing' AND owner = ?",
                (json.dumps(progress), now(), digest, run_id, me()),
            )
            return cur.rowcount == 1

    def finish(
        self,
        run_id: int,
        progress: dict,
        ending: tuple[str, str, str],
        final: tuple[int, int],
        decisions: list[StoredDecision],
        debrief: dict | None,
    ) -> bool:
        """The ending is reached: the whole run in one transaction. False, and nothing
        written, when another process has taken the run over (see `save_progress`); a run
        released (left) and then finished by the process that played it is finished."""
        stamp = now()
        with self._write() as c:
            taken = c.execute(
                "SELECT 1 FROM runs WHERE id = ? AND status = 'playing' AND owner != ?",
                (run_id, me()),
            ).fetchone()
            if taken is not None:
                return False
            c.execute("DELETE FROM decisions WHERE run_id = ?", (run_id,))
            c.executemany(
                "INSERT INTO decisions (run_id, step, scene, choice_id, said, trust_before, "
                "empowerment_before, trust_after, empowerment_after, verdicts, decided_at, "
                "words) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    (
                        run_id,
                        d.step,
                        d.scene,
                        d.choice_id,
                        d.said,
                        d.trust_before,
                        d.empowerment_before,
                        d.trust_after,
                        d.empowerment_after,
                        json.dumps(d.verdicts),
                        d.decided_at,
                        d.words,
                    )
                    for d in decisions
                ],
            )
            # A run sent as left (sync sends those: they never change) is sent again once
            # finished, should it ever be: its `completed` must reach the store too. No path
            # finishes a left run today (only its own live process finishes a run).
            c.execute(
                "UPDATE runs SET status = 'finished', progress = ?, updated_at = ?, ended_at = ?, "
                "ending_id = ?, ending_title = ?, outcome = ?, final_trust = ?, "
                "final_empowerment = ?, debrief = ?, owner = '', "
                "sent_at = CASE WHEN status = 'left' THEN NULL ELSE sent_at END, "
                "sent_to = CASE WHEN status = 'left' THEN NULL ELSE sent_to END WHERE id = ?",
                (
                    json.dumps(progress),
                    stamp,
                    stamp,
                    *ending,
                    *final,
                    json.dumps(debrief) if debrief is not None else None,
                    run_id,
                ),
            )
        return True

    def reopen(self, run_id: int, progress: dict) -> bool:
        """Practice undo took back the line that ended the run: it is being played again.

        The ending, final meters, decisions and debrief go, so every reader (the
        library's best ending, progress, export, a past debrief) agrees with what
        the trainee now sees; reaching an ending writes them again. A run already
        sent to a record store keeps the ending it was sent with (False).
        """
        with self._write() as c:
            cur = c.execute(
                "UPDATE runs SET status = 'playing', owner = ?, progress = ?, updated_at = ?, "
                "ended_at = NULL, ending_id = NULL, ending_title = NULL, outcome = NULL, "
                "final_trust = NULL, final_empowerment = NULL, debrief = NULL "
                "WHERE id = ? AND status = 'finished' AND sent_at IS NULL",
                (me(), json.dumps(progress), now(), run_id),
            )
            if cur.rowcount != 1:
                return False
            c.execute("DELETE FROM decisions WHERE run_id = ?", (run_id,))
            return True

    def leave(self, run_id: int) -> None:
        """The trainee chose not to resume: kept, but never offered again."""
        with self._write() as c:
            c.execute(
                "UPDATE runs SET status = 'left', owner = '', updated_at = ? "
                "WHERE id = ? AND status = 'playing'",
                (now(), run_id),
            )

    def give_up(self, run_id: int) -> bool:
        """A supervisor releases a run still marked as in play (`runs --release`): it is
        kept as left unfinished, as if its trainee had declined to resume it, so sync
        sends it. A run in play on another machine sharing the store waited for ever
        otherwise, unsent. Its owner stamp stays: the process that played it, should it
        still run, is refused its next line (`save_progress`). False if not in play."""
        with self._write() as c:
            cur = c.execute(
                "UPDATE runs SET status = 'left', updated_at = ? "
                "WHERE id = ? AND status = 'playing'",
                (now(), run_id),
            )
            return cur.rowcount == 1

    def registration(self, run_id: int) -> str | None:
        """The run's registration (its id across stores and record stores), None if none."""
        with self._lock:
            row = self.conn.execute(
                "SELECT registration FROM runs WHERE id = ?", (run_id,)
            ).fetchone()
        return str(row[0]) if row else None

    def adopt(self, registration: str) -> int | None:
        """Go on playing the run of `registration` in this file, if it holds it in play (a
        copy of the same store put in place of the one opened): its id, else None."""
        with self._write() as c:
            row = c.execute(
                "SELECT id FROM runs WHERE registration = ? AND status = 'playing'",
                (registration,),
            ).fetchone()
            if row is None:
                return None
            c.execute("UPDATE runs SET owner = ? WHERE id = ?", (me(), row[0]))
            return int(row[0])

    def release(self, run_id: int) -> None:
        """This process stops playing the run for now; it may be offered for resume."""
        with self._write() as c:
            c.execute("UPDATE runs SET owner = '' WHERE id = ? AND owner = ?", (run_id, me()))

    def claim(self, run: StoredRun) -> bool:
        """Take over an abandoned run to resume it; False if another process got there first."""
        with self._write() as c:
            cur = c.execute(
                "UPDATE runs SET owner = ?, updated_at = ? "
                "WHERE id = ? AND status = 'playing' AND owner = ?",
                (me(), now(), run.id, run.owner),
            )
            return cur.rowcount == 1

    # -- sync ---------------------------------------------------------------
    def claim_sending(self) -> str:
        """Become the one process sending this store's runs: '' once claimed, or the claim
        of the sync already sending ('owner-stamp time'), which this one must leave be.

        Two syncs at once each read the same runs as unsent and each posted every one:
        the record store kept one copy, but both reported every run as theirs to send,
        and a run went twice over the network (adv28). A claim whose process has ended
        (a sync killed midway) is taken over; see `sim.records.sending`.
        """
        from sim.records.sending import CLAIM_KEY, claim, still_sending

        with self._write() as c:
            row = c.execute("SELECT value FROM meta WHERE key = ?", (CLAIM_KEY,)).fetchone()
            mine = str(row[0]).partition(" ")[0] == me() if row else False
            if row and not mine and still_sending(str(row[0])):
                return str(row[0])
            c.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (CLAIM_KEY, claim()))
            return ""

    def release_sending(self) -> None:
        """This process has stopped sending (its claim, and only its own, is dropped)."""
        from sim.records.sending import CLAIM_KEY, claim

        with self._write() as c:
            c.execute(
                "DELETE FROM meta WHERE key = ? AND substr(value, 1, instr(value, ' ')) = ?",
                (CLAIM_KEY, claim().partition(" ")[0] + " "),
            )

    def mark_sent(self, run_id: int, where: str) -> None:
        from sim.records.sending import CLAIM_KEY, claim

        with self._write() as c:
            c.execute(
                "UPDATE runs SET sent_at = ?, sent_to = ? WHERE id = ?", (now(), where, run_id)
            )
            # the claim's time, kept fresh: another machine's claim is trusted only so long
            mine = claim()
            c.execute(
                "UPDATE meta SET value = ? WHERE key = ? AND substr(value, 1, instr(value, ' ')) = ?",
                (mine, CLAIM_KEY, mine.partition(" ")[0] + " "),
            )
