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

from sim.records import rows
from sim.records.identity import actor_of, tidy_programme
from sim.records.location import DB_NAME, data_dir
from sim.records.opening import (
    RecordsUnavailable,
    Unusable,
    a_folder_or_absent,
    connect,
    move_aside,
    open_for_reading,
    regular_or_absent,
    retrying,
    unavailable,
)
from sim.records.stored import OUTCOME_RANK, StoredDecision, StoredRun, me, now, owner_alive
from sim.text import clean_line, shown

_RUN_COLUMNS = (
    "id, registration, scenario_id, scenario_title, digest, mode, status, owner, started_at, "
    "updated_at, ended_at, progress, ending_id, ending_title, outcome, final_trust, "
    "final_empowerment, debrief, sent_at, sent_to, trainee"
)


def _run_from_row(row: tuple) -> StoredRun:
    return StoredRun(*rows.run_values(row))


class Store:
    """One open records file. Methods are safe to call from several threads."""

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
                return cls(retrying(lambda: connect(path)), path, notices, trainee)
            except Unusable as exc:
                notices.append(move_aside(path, str(exc)))
            except sqlite3.OperationalError as exc:
                raise unavailable(folder, exc) from None
            except OSError as exc:
                raise unavailable(folder, exc) from None
        raise RecordsUnavailable(f"the records file {shown(path)} could not be opened.")

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
                "SELECT trainee FROM runs WHERE name_key(trainee) = name_key(?) "
                "ORDER BY id LIMIT 1",
                (trainee,),
            ).fetchone()
        return clean_line(row[0]) if row and isinstance(row[0], str) and row[0] else trainee

    def set_identity(
        self, name: str | None = None, email: str | None = None, programme: str | None = None
    ) -> None:
        """Set (or with "" clear) the optional name, email and programme sent with xAPI
        statements."""
        with self._write() as c:
            for key, value in (("name", name), ("email", email), ("programme", programme)):
                if value is None:
                    continue
                if key == "programme":
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
        stamp = now()
        who = self.spelling(self.trainee or "")
        with self._write() as c:
            cur = c.execute(
                "INSERT INTO runs (registration, scenario_id, scenario_title, digest, mode, "
                "status, owner, started_at, updated_at, progress, trainee) "
                "VALUES (?, ?, ?, ?, ?, 'playing', ?, ?, ?, ?, ?)",
                (
                    str(uuid.uuid4()),
                    scenario_id,
                    scenario_title,
                    digest,
                    mode,
                    me(),
                    started_at or stamp,
                    stamp,
                    json.dumps(progress),
                    who,
                ),
            )
            return int(cur.lastrowid or 0)

    def save_progress(self, run_id: int, progress: dict, digest: str | None = None) -> None:
        with self._write(durable=False) as c:
            c.execute(
                "UPDATE runs SET progress = ?, updated_at = ?, digest = COALESCE(?, digest) "
                "WHERE id = ? AND status = 'playing'",
                (json.dumps(progress), now(), digest, run_id),
            )

    def finish(
        self,
        run_id: int,
        progress: dict,
        ending: tuple[str, str, str],
        final: tuple[int, int],
        decisions: list[StoredDecision],
        debrief: dict | None,
    ) -> None:
        """The ending is reached: the whole run in one transaction."""
        stamp = now()
        with self._write() as c:
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
            c.execute(
                "UPDATE runs SET status = 'finished', progress = ?, updated_at = ?, ended_at = ?, "
                "ending_id = ?, ending_title = ?, outcome = ?, final_trust = ?, "
                "final_empowerment = ?, debrief = ?, owner = '' WHERE id = ?",
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

    # -- reading ------------------------------------------------------------
    def whose(
        self, cond: str = "", args: tuple = (), everyone: bool = False
    ) -> tuple[list[str], tuple]:
        """The SQL conditions (to join with AND) and their arguments for the runs where
        `cond` holds, of this store's trainee unless `everyone`: one rule for whose runs
        each way of reading takes (a name matched as `name_key` matches it)."""
        conds = [cond] if cond else []
        if self.trainee is not None and not everyone:
            conds.insert(0, "name_key(trainee) = name_key(?)")
            args = (self.trainee, *args)
        return conds, args

    def _runs(
        self,
        cond: str = "",
        args: tuple = (),
        order: str = "id",
        decisions: bool = False,
        everyone: bool = False,
    ) -> list[StoredRun]:
        """Runs where `cond` holds, of this store's trainee unless `everyone`."""
        conds, args = self.whose(cond, args, everyone)
        where = ("WHERE " + " AND ".join(conds)) if conds else ""
        where += f" ORDER BY {order}"
        with self._lock:
            found = self.conn.execute(f"SELECT {_RUN_COLUMNS} FROM runs {where}", args).fetchall()
            runs = []
            for row in found:
                try:
                    run = _run_from_row(row)
                    if decisions:
                        run.decisions = [
                            StoredDecision(*rows.decision_values(r))
                            for r in self.conn.execute(
                                "SELECT step, scene, choice_id, said, trust_before, "
                                "empowerment_before, trust_after, empowerment_after, verdicts, "
                                "decided_at, words FROM decisions WHERE run_id = ? ORDER BY step",
                                (run.id,),
                            ).fetchall()
                        ]
                except rows.DamagedRow as exc:
                    self._damaged(row[0], str(exc))
                    continue
                runs.append(run)
        return runs

    def _damaged(self, run_id: object, why: str) -> None:
        """Leave a run whose row does not fit out of every listing, and say so once."""
        key = run_id if isinstance(run_id, int) else -1
        if key in self.damaged:
            return
        self.damaged[key] = why
        if len(self.damaged) > 4:
            return  # said once below: a file damaged throughout must not bury the screen
        notice = (
            f"Run {shown(run_id)} in {self.path} is damaged ({why}), so it is left out; "
            "the other runs are read as usual."
        )
        if len(self.damaged) == 4:
            notice = f"More runs in {self.path} are damaged and left out; the others read as usual."
        self.notices.append(notice)
        if self.on_notice is not None:
            self.on_notice(notice)

    def runs(self, include_unfinished: bool = True, decisions: bool = False) -> list[StoredRun]:
        where = "" if include_unfinished else "status = 'finished'"
        return self._runs(where, decisions=decisions)

    def get(self, run_id: int) -> StoredRun | None:
        found = self._runs("id = ?", (run_id,), decisions=True)
        return found[0] if found else None

    def last_finished(self) -> StoredRun | None:
        """The run finished last (`export last`): by its end, not its number, since a run
        resumed and finished today keeps the number it was begun with (trainer-test-5)."""
        found = self._runs(
            "status = 'finished'", order="ended_at DESC, id DESC LIMIT 1", decisions=True
        )
        return found[0] if found else None

    def finished_ids(self) -> list[int]:
        """The ids of this store's trainee's finished runs, oldest first, for reading one
        at a time (`export all`: 1,250 runs read whole at once held 620 MB)."""
        conds, args = self.whose("status = 'finished'")
        with self._lock:
            found = self.conn.execute(
                f"SELECT id FROM runs WHERE {' AND '.join(conds)} ORDER BY id", args
            ).fetchall()
        return [row[0] for row in found if isinstance(row[0], int)]

    def finished_with_decisions(self) -> list[StoredRun]:
        return self._runs("status = 'finished'", decisions=True)

    def unfinished(
        self, scenario_id: str | None = None, mode: str | None = None
    ) -> list[StoredRun]:
        """Runs left mid-play by a process that is gone, newest first, with a choice made.

        `mode`: only runs begun in it, as `--lock-mode` resumes (a practice run carried
        into a locked assessment would show its notes and undo), in the app and the
        plain player alike.
        """
        where = "status = 'playing'"
        args: tuple = ()
        if scenario_id is not None:
            where += " AND scenario_id = ?"
            args = (scenario_id,)
        if mode is not None:
            where += " AND mode = ?"
            args = (*args, mode)
        found = self._runs(where, args, order="updated_at DESC, id DESC")
        return [r for r in found if r.choices_made and not owner_alive(r.owner)]

    def best_by_scenario(self) -> dict[str, StoredRun]:
        """Per scenario, the finished run with the best outcome (latest among equals).

        Chosen from the outcome column alone, then only the winners read in full: reading
        every run parsed each one's debrief (some 40 KB of JSON), and with 20,000 runs the
        app's library waited half a minute for it, ctrl+q with it (adversarial-8).
        """
        conds, args = self.whose("status = 'finished'")
        with self._lock:
            rows_ = self.conn.execute(
                f"SELECT id, scenario_id, outcome FROM runs WHERE {' AND '.join(conds)} ORDER BY id",
                args,
            ).fetchall()
        chosen: dict[object, tuple[object, int]] = {}
        for run_id, scenario_id, outcome in rows_:
            rank = OUTCOME_RANK.get(outcome, 0) if isinstance(outcome, str) else 0
            old = chosen.get(scenario_id)
            if old is None or rank >= old[1]:
                chosen[scenario_id] = (run_id, rank)
        ids = [run_id for run_id, _ in chosen.values() if isinstance(run_id, int)]
        winners = self._runs(f"id IN ({','.join('?' * len(ids))})", tuple(ids)) if ids else []
        if len(winners) == len(chosen) and all(
            chosen.get(run.scenario_id, (None,))[0] == run.id for run in winners
        ):
            return {run.scenario_id: run for run in winners}
        return self._best_of_all()  # a damaged winner: the best of the runs that read

    def _best_of_all(self) -> dict[str, StoredRun]:
        best: dict[str, StoredRun] = {}
        for run in self.runs(include_unfinished=False):
            old = best.get(run.scenario_id)
            rank = OUTCOME_RANK.get(run.outcome or "", 0)
            if old is None or rank >= OUTCOME_RANK.get(old.outcome or "", 0):
                best[run.scenario_id] = run
        return best

    def listing(self, finished_only: bool = False, decisions: bool = True) -> Iterator[StoredRun]:
        """This store's trainee's runs for a list or a summary, oldest first, read in
        batches without their debriefs, their verdicts counted unless not `decisions`
        (`sim.records.listing`)."""
        from sim.records.listing import listed_runs

        where = "status = 'finished'" if finished_only else ""
        return listed_runs(self, where, decisions=decisions)

    def class_listing(self) -> Iterator[StoredRun]:
        """Every trainee's runs as `class_runs` orders them (finished first), as `listing`
        reads them: what the class summary adds up without keeping."""
        from sim.records.listing import listed_runs

        yield from listed_runs(self, "status = 'finished'", everyone=True)
        # as `class_runs`: an unfinished run's decisions are not read (it keeps none)
        yield from listed_runs(self, "status != 'finished'", everyone=True, decisions=False)

    def class_runs(self) -> list[StoredRun]:
        """Every trainee's runs (finished ones with their decisions), for the class summary."""
        finished = self._runs("status = 'finished'", decisions=True, everyone=True)
        return finished + self._runs("status != 'finished'", everyone=True)

    def trainees(self) -> list[str]:
        """Every trainee name with a run in this store ('' is the owner), first spelling kept."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT trainee FROM runs GROUP BY name_key(trainee) ORDER BY min(id)"
            ).fetchall()
        return [clean_line(r[0]) if isinstance(r[0], str) else "" for r in rows]

    # -- sync ---------------------------------------------------------------
    def unsent(self) -> list[StoredRun]:
        """Every trainee's finished runs not yet sent (each run carries its own actor)."""
        return [run for run in map(self.unsent_run, self.unsent_ids()) if run is not None]

    def unsent_ids(self) -> list[int]:
        """The ids of `unsent`, oldest first: `sync` reads each run as it sends it.

        Read all at once, with their debriefs, 10,000 runs held 1.7 GB and took
        54 s before the first was sent (adversarial-10).
        """
        with self._lock:
            found = self.conn.execute(
                "SELECT id FROM runs WHERE status = 'finished' AND sent_at IS NULL ORDER BY id"
            ).fetchall()
        return [row[0] for row in found if isinstance(row[0], int)]

    def unsent_run(self, run_id: int) -> StoredRun | None:
        """One run of `unsent_ids`, whole; None if damaged (said) or sent meanwhile."""
        found = self._runs(
            "id = ? AND status = 'finished' AND sent_at IS NULL",
            (run_id,),
            decisions=True,
            everyone=True,
        )
        return found[0] if found else None

    def mark_sent(self, run_id: int, where: str) -> None:
        with self._write() as c:
            c.execute(
                "UPDATE runs SET sent_at = ?, sent_to = ? WHERE id = ?", (now(), where, run_id)
            )
