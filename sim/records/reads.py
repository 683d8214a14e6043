"""The ways of reading runs from a records file, for `Store` (`sim.records.store`).

Apart from opening and writing because they change for different reasons: a new
listing or summary is a new query here, with the rule of whose runs each reads
(`whose`) in one place, while the store's file handling and transactions stay
as they are. A damaged row is left out of every listing and said once
(`_damaged`), never a traceback.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from sim.records import rows
from sim.records.owner import owner_alive
from sim.records.stored import OUTCOME_RANK, StoredDecision, StoredRun
from sim.text import shown

_RUN_COLUMNS = (
    "id, registration, scenario_id, scenario_title, digest, mode, status, owner, started_at, "
    "updated_at, ended_at, progress, ending_id, ending_title, outcome, final_trust, "
    "final_empowerment, debrief, sent_at, sent_to, trainee"
)


def _run_from_row(row: tuple) -> StoredRun:
    values = rows.run_values(row)
    run = StoredRun(*values)
    run.stored = rows.as_stored(row, values, rows.RUN_TEXTS)
    return run


def _decision_from_row(row: tuple) -> StoredDecision:
    values = rows.decision_values(row)
    decision = StoredDecision(*values)
    decision.stored = rows.as_stored(row, values, rows.DECISION_TEXTS)
    return decision


class Reads:
    """Reading runs; `Store` supplies the open connection and the rest below."""

    conn: sqlite3.Connection
    path: Path
    trainee: str | None
    damaged: dict[int, str]
    notices: list[str]
    on_notice: Callable[[str], None] | None
    _lock: threading.RLock

    # -- reading ------------------------------------------------------------
    def whose(
        self, cond: str = "", args: tuple = (), everyone: bool = False
    ) -> tuple[list[str], tuple]:
        """The SQL conditions (to join with AND) and their arguments for the runs where
        `cond` holds, of this store's trainee unless `everyone`: one rule for whose runs
        each way of reading takes (a name matched as `name_key` matches it)."""
        conds = [cond] if cond else []
        if self.trainee is not None and not everyone:
            conds.insert(0, "name_key(CAST(trainee AS BLOB)) = name_key(?)")
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
                            _decision_from_row(r)
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

    def holds_registration(self, registration: str) -> bool:
        """Whether this store's trainee (the owner, in a store opened for no one) played the
        run with `registration`: a replay of an exported run read here is then their own,
        and speaks to them as "you" (`sim.records.replay.played_here`)."""
        conds, args = self.whose("registration = ?", (registration,))
        with self._lock:
            row = self.conn.execute(
                f"SELECT 1 FROM runs WHERE {' AND '.join(conds)} LIMIT 1", args
            ).fetchone()
        return row is not None

    def last_finished(self) -> StoredRun | None:
        """The run finished last (`export last`): by its end, not its number, since a run
        resumed and finished today keeps the number it was begun with (trainer-test-5)."""
        found = self._runs(
            "status = 'finished'", order="ended_at DESC, id DESC LIMIT 1", decisions=True
        )
        return found[0] if found else None

    def last_played(self) -> StoredRun | None:
        """The run this store's trainee touched last, finished or not: a classroom tab
        starts own words the way its trainee last played (`sim.tui.records`)."""
        found = self._runs(order="updated_at DESC, id DESC LIMIT 1")
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
        return [r for r in found if r.choices_made and not owner_alive(r.owner, r.updated_at)]

    def in_play_elsewhere(self, scenario_id: str | None = None) -> list[StoredRun]:
        """This trainee's runs being played now by another process (another browser tab of
        `peer-sim serve`, another window, another machine on a shared folder), oldest first.

        The same trainee with a scenario open in two tabs played two runs, each recorded
        apart, and nothing said so: the second tab looked like the only one, and the
        trainee wondered which conversation their records would keep. The library marks
        them and a start says so (`sim.tui.records`); neither run is offered to the other.
        """
        from sim.records.owner import me

        where = "status = 'playing' AND owner != '' AND owner != ?"
        args: tuple = (me(),)
        if scenario_id is not None:
            where += " AND scenario_id = ?"
            args = (*args, scenario_id)
        found = self._runs(where, args, order="updated_at, id")
        return [r for r in found if owner_alive(r.owner, r.updated_at)]

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

    def finished_counts(self) -> dict[str, int]:
        """Per scenario, how many runs reached an ending: a best of one is only a result."""
        conds, args = self.whose("status = 'finished'")
        with self._lock:
            rows_ = self.conn.execute(
                f"SELECT scenario_id, COUNT(*) FROM runs WHERE {' AND '.join(conds)} "
                "GROUP BY scenario_id",
                args,
            ).fetchall()
        return {sid: n for sid, n in rows_ if isinstance(sid, str) and isinstance(n, int)}

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
        # an unfinished run keeps no decision rows: its verdicts are counted from its progress
        yield from listed_runs(self, "status != 'finished'", everyone=True)

    def class_runs(self) -> list[StoredRun]:
        """Every trainee's runs (finished ones with their decisions), for the class summary."""
        finished = self._runs("status = 'finished'", decisions=True, everyone=True)
        return finished + self._runs("status != 'finished'", everyone=True)

    def trainees(self) -> list[str]:
        """Every trainee name with a run in this store ('' is the owner), first spelling kept."""
        with self._lock:
            rows = self.conn.execute(
                "SELECT trainee FROM runs GROUP BY name_key(CAST(trainee AS BLOB)) ORDER BY min(id)"
            ).fetchall()
        return [shown(r[0]) if isinstance(r[0], str) else "" for r in rows]  # as rows.name

    # -- sync ---------------------------------------------------------------
    def unsent(self) -> list[StoredRun]:
        """Every trainee's runs to send not yet sent (each run carries its own actor)."""
        return [run for run in map(self.unsent_run, self.unsent_ids()) if run is not None]

    def unsent_ids(self, lrs: str | None = None) -> list[int]:
        """The ids of `unsent`, everyone's, oldest first: `sync` reads each run as it sends it.
        Given the record store `lrs`, the runs sent to another store (`sent_elsewhere`) too.

        Read all at once, with their debriefs, 10,000 runs held 1.7 GB and took
        54 s before the first was sent (adversarial-10).
        """
        return self.to_send(lrs)[0]

    def to_send(self, lrs: str | None = None) -> tuple[list[int], list[tuple[int, str]]]:
        """`unsent_ids`, and of them those sent before to another store (`sent_elsewhere`),
        from one look at the store: `sync` says why those go again, and looked twice."""
        unsent = self.sendable_ids(everyone=True, unsent=True)
        if lrs is None:
            return unsent, []
        elsewhere = self.sent_elsewhere(lrs)
        return sorted(unsent + [run_id for run_id, _ in elsewhere]), elsewhere

    def sent_elsewhere(self, lrs: str) -> list[tuple[int, str]]:
        """The ended runs marked sent to a record store other than `lrs`, as (id, its
        address), oldest first: not in `lrs`'s store, so a sync to it sends them (a staging
        store tried first, then production; statement ids are fixed, so a store keeps one copy
        of each). A mark without an address is taken as this store's, and not sent again."""
        from sim.records.lrs_url import same_store

        conds, args = self.whose(
            "status IN ('finished', 'left') AND sent_at IS NOT NULL AND sent_to IS NOT NULL",
            everyone=True,
        )
        with self._lock:
            found = self.conn.execute(
                f"SELECT id, sent_to FROM runs WHERE {' AND '.join(conds)} ORDER BY id", args
            ).fetchall()
        return [
            (run_id, sent_to)
            for run_id, sent_to in found
            if isinstance(run_id, int) and isinstance(sent_to, str) and not same_store(sent_to, lrs)
        ]

    def sendable_ids(self, everyone: bool = False, unsent: bool = False) -> list[int]:
        """The ids of the runs `sync` sends (of this store's trainee unless `everyone`; only
        those not sent yet if `unsent`), oldest first; `export all --format xapi` holds the
        same, so a programme importing files sees what one syncing sees.

        Finished runs, and runs left unfinished (the trainee declined to resume them, so they
        never change again): a programme sees the attempt given up, and any critical slip
        in it; one opened and left before its first line too (`Store.opened_and_left`), a
        `terminated` at step 0. A run that may still be resumed is sent when it ends,
        either way.
        """
        cond = "status IN ('finished', 'left')" + (" AND sent_at IS NULL" if unsent else "")
        conds, args = self.whose(cond, everyone=everyone)
        with self._lock:
            found = self.conn.execute(
                f"SELECT id FROM runs WHERE {' AND '.join(conds)} ORDER BY id", args
            ).fetchall()
        return [run_id for (run_id,) in found if isinstance(run_id, int)]

    def still_open(self) -> int:
        """How many runs, everyone's, may still be resumed or are being played, with a line
        said: sync sends each once it ends, and says so, or a programme that has just seen a
        trainee play wonders why their run is not in the record store."""
        from sim.records.record import choices_in, said_anything

        with self._lock:
            found = self.conn.execute(
                "SELECT progress, owner, updated_at FROM runs WHERE status = 'playing'"
            ).fetchall()
        # one with no line standing is offered to no one (`unfinished`): it ends only where
        # it is being played (one left so by a process killed since waits for nothing)
        return sum(
            1
            for progress, owner, updated in found
            if said_anything(progress)
            and (choices_in(progress) or owner_alive(str(owner), str(updated)))
        )

    def elsewhere(self) -> list[tuple[str, str]]:
        """The runs of `still_open` owned on another machine (a shared folder, or a store
        copied from a classroom's), as (machine, last written), oldest move first: no sync
        here sends one until it ends there, which a run given up there may never do."""
        import socket

        from sim.records.owner import lapsed, owner_host
        from sim.records.record import said_anything

        here = socket.gethostname()
        with self._lock:
            found = self.conn.execute(
                "SELECT owner, updated_at, progress FROM runs WHERE status = 'playing' "
                "AND owner != '' ORDER BY updated_at"
            ).fetchall()
        return [
            (owner_host(str(owner)), str(updated))
            for owner, updated, progress in found
            if owner_host(str(owner)) not in ("", here)
            and not lapsed(str(updated))  # lapsed: offered for resume, as any run left off
            and said_anything(progress)
        ]

    def unsent_run(self, run_id: int, lrs: str | None = None) -> StoredRun | None:
        """One run of `unsent_ids` (given `lrs`, not sent to that store), whole; None if
        damaged (said) or sent meanwhile."""
        from sim.records.lrs_url import same_store

        found = self._runs(
            "id = ? AND status IN ('finished', 'left')" + ("" if lrs else " AND sent_at IS NULL"),
            (run_id,),
            decisions=True,
            everyone=True,
        )
        if not found:
            return None
        run = found[0]
        # a run marked sent goes again only to a store other than the one it went to
        elsewhere = lrs is not None and run.sent_to is not None and not same_store(run.sent_to, lrs)
        return None if run.sent_at is not None and not elsewhere else run
