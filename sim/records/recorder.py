"""What a shell (the plain player or the app) calls as a run moves; all record keeping is here.

The shell says `update(run)` after every move. The recorder creates the run's
row at the first choice (a run nobody answered is not worth resuming), rewrites
its progress after each move, and commits the whole run once its ending is
reached. Any failure to write (a full disk, a folder made read-only mid-play)
turns recording off with one message and never interrupts play.
"""

from __future__ import annotations

import contextlib
import sqlite3
from typing import TYPE_CHECKING

from sim.records.opening import RecordsUnavailable
from sim.records.record import (
    away_of,
    debrief_snapshot,
    decisions_of,
    draft_of,
    progress_of,
    scenario_digest,
    taken_back_entry,
    taken_back_of,
)
from sim.records.store import Store
from sim.records.stored import StoredRun, now
from sim.text import shown

if TYPE_CHECKING:
    from sim.engine import Run
    from sim.model import Catalogue

NOT_RECORDED = "Nothing more is recorded this session"


class Recorder:
    def __init__(self, store: Store | None, messages: list[str] | None = None) -> None:
        self.store = store
        self.messages: list[str] = list(messages or [])
        self.run_id: int | None = None
        self.finished_id: int | None = None
        self._times: list[str] = []
        self._tracked: Run | None = None
        self.mode = "practice"
        self.catalogue: Catalogue | None = None
        self._saved: dict | None = None
        self._opened = ""  # when the tracked run's scenario opened (set by `begin`)
        self._fresh = False  # opened afresh and not yet recorded (see `release`)
        self._decided: list = []  # the tracked run's decisions at the last move
        # what the record saved last was made from (see `_basis`): a move that changes
        # none of it (a scene that goes on by itself) writes nothing and builds nothing
        self._saved_from: tuple | None = None
        self._taken: list[dict] = []  # lines said and then taken back, for the record
        self._draft = ""  # own words typed at the decision on screen and not yet chosen by

    @classmethod
    def open(cls, directory: str | None = None, trainee: str = "") -> Recorder:
        """A recorder on the user's store, or a silent one that says why nothing is recorded.

        `trainee` names whose runs these are when trainees share the store ('' the owner).
        """
        try:
            store = Store.open(directory)
        except RecordsUnavailable as exc:
            return cls(None, [str(exc)])
        store.trainee = trainee
        return cls(store, store.notices)

    @property
    def enabled(self) -> bool:
        return self.store is not None

    def take_messages(self) -> list[str]:
        out, self.messages = self.messages, []
        return out

    # -- a run --------------------------------------------------------------
    def begin(self, run: Run, mode: str, catalogue: Catalogue | None) -> None:
        """Track a new run (no row yet: it is written at the first choice)."""
        self.release()
        self._tracked, self.mode, self.catalogue = run, mode, catalogue
        self.run_id = self.finished_id = None
        self._times = []
        self._away: list[list[str]] = []
        self._saved = None
        # The row is written at the first choice, but the run began here: reading the
        # opening and weighing the first line is time playing (trainer-test-3: a short
        # scenario showed '0 s' and its xAPI duration left out the first decision).
        self._opened = now()
        # a conversation opened afresh (not a restart after an ending): left before its
        # first line, it is still recorded (`release`)
        self._fresh = True
        self._decided, self._taken = [], []
        self._draft = ""

    def resume(self, stored: StoredRun, run: Run, catalogue: Catalogue | None) -> bool:
        """Go on recording into `stored` (already replayed into `run`); False if taken."""
        if self.store is None:
            return False
        try:
            if not self.store.claim(stored):
                return False
        except sqlite3.Error as exc:
            self._fail(exc)
            return False
        self.begin(run, stored.mode, catalogue)
        self.run_id = stored.id
        self._times = list(stored.progress.get("times", []))[: len(run.state.decisions)]
        # away from the last move saved to now: the time between leaving and coming back
        self._away = [*away_of(stored.progress), [stored.updated_at, now()]]
        self._taken = taken_back_of(stored.progress)
        self._decided = list(run.state.decisions)
        self._draft = draft_of(stored.progress)  # kept until the box says otherwise
        self.update(run)
        return True

    def update(self, run: Run) -> bool:
        """After any move (choose, undo, restart, reload): save, or commit at the ending.

        True when the record's ending changed (one was written, or an undo took
        it back), so the shell can show the new best ending.
        """
        if self.store is None or self._tracked is None:
            return False
        if run is not self._tracked:  # a live reload replaced the run: same record goes on
            self._tracked = run
        self._follow_the_file()
        if self.store is None:
            return False
        made = len(run.state.decisions)
        if self.finished_id is not None and run.over:
            return False
        if self._saved is not None and not run.over and _same(self._basis(run), self._saved_from):
            # the record saved last is this one: building it again cost a pass over every
            # decision at every step, and a scenario of 10,000 scenes joined by `next`
            # spent 14 of its 17 s of `play --plain` on it (adv44)
            return False
        self._saved_from = None
        if self.finished_id is not None and not made:  # restarted after the ending: a new run
            self._decided, self._taken = [], []
        for step, undone in enumerate(self._decided[made:], start=made + 1):
            self._taken.append(taken_back_entry(run, step, undone, now()))
        if self._decided != list(run.state.decisions):
            self._draft = ""  # a line was chosen or taken back: those words were for another moment
        self._decided = list(run.state.decisions)
        del self._times[made:]
        while len(self._times) < made:
            self._times.append(now())
        progress = progress_of(run, self._times, self.mode, self._away, self._taken)
        if not run.over:
            self._with_draft(progress)
        reopened = False
        try:
            if self.finished_id is not None and not made:  # restarted after the ending
                self.run_id = self.finished_id = None  # the finished run stays; a new one begins
                self._saved = None
                self._opened = now()
                self._fresh = False  # played again at once: no new attempt to record
            elif self.finished_id is not None:  # undone past its ending (practice mode)
                assert self.run_id is not None
                if not self.store.reopen(self.run_id, progress):
                    return False  # already sent: it stays as it was sent
                self.finished_id = None
                self._saved = progress
                reopened = True
            if self.run_id is None:
                if not made:
                    return False
                sc = run.scenario
                self.run_id = self.store.begin(
                    sc.id, sc.title, scenario_digest(run), self.mode, progress, self._opened
                )
            if run.over:
                ending = run.ending
                assert ending is not None and run.state.ending is not None
                if not self.store.finish(
                    self.run_id,
                    progress,
                    (run.state.ending, ending.title, ending.outcome),
                    (run.state.trust, run.state.empowerment),
                    decisions_of(run, self._times),
                    debrief_snapshot(run, self.catalogue),
                ):
                    self._taken_over()
                    return False
                self.finished_id = self.run_id
                self._saved = progress
                return True
            elif progress != self._saved and not self.store.save_progress(
                self.run_id, progress, scenario_digest(run)
            ):  # released, or taken over elsewhere: these lines must not go into it
                self._taken_over()
                return False
            self._saved = progress
            self._saved_from = self._basis(run)  # the times and lines taken back as now
        except sqlite3.Error as exc:
            self._fail(exc)
        return reopened

    def _basis(self, run: Run) -> tuple:
        """All that `progress_of` and `_with_draft` make the record from: objects held
        to be compared by identity (the run and its scenario, which a live reload
        replaces; its start; its decisions, immutable: an undo or a new line makes new
        ones), then values (the times, the time away, the lines taken back, the draft)."""
        objects = (run, run.scenario, run.states[0], run.state.decisions)
        values = (
            run.own_words,
            self.mode,
            self.run_id,
            len(self._times),
            len(self._away),
            len(self._taken),
            self._draft,
        )
        return objects, values

    def _with_draft(self, progress: dict) -> dict:
        """`progress` with the own words typed and not yet followed by a line, for every
        unfinished run's record: one left before its first line kept nothing of them before,
        though they were the practice."""
        if self._draft:
            progress["draft"] = self._draft
        return progress

    def keep_draft(self, words: str) -> None:
        """Own words typed at the decision on screen, not yet followed by a line: saved with
        the unfinished run, so a run left (a tab reloaded, the terminal closed) gives them
        back in the box when it is resumed. Lost before, the trainee typed them again."""
        if words == self._draft:
            return
        self._draft = words
        self._rerecord_if_replaced()
        run = self._tracked
        if self.store is None or run is None or self.run_id is None or self.finished_id is not None:
            return  # no row yet (before the first line) or finished: nothing to keep them in
        progress = dict(self._saved or {})
        if not progress:
            return
        if words:
            progress["draft"] = words
        else:
            progress.pop("draft", None)
        try:
            if not self.store.save_progress(self.run_id, progress):
                self._taken_over()
                return
        except sqlite3.Error as exc:
            self._fail(exc)
            return
        self._saved = progress

    def hook(self, run: Run) -> list[str]:
        """`update` for the plain player: returns anything the trainee should be told."""
        self.update(run)
        return self.take_messages()

    def release(self) -> None:
        """Stop playing the current run here (back to the library): it can be resumed later.

        A conversation opened and left before its first line is recorded too, as left
        unfinished with no line (so is one whose every line was taken back) (`Store.opened_and_left`): a programme sees the attempt,
        and a crisis scenario opened and closed unplayed is worth a word with a trainee.
        """
        self._rerecord_if_replaced()
        if self.store is not None and self.run_id is not None and self.finished_id is None:
            try:
                if self._decided:
                    self.store.release(self.run_id)
                else:
                    # every line taken back (or restarted) and then left: nothing to go on
                    # from, so never offered for resume, as a run opened and left is not.
                    # Released, it stayed "playing" for good: never offered, never ended,
                    # and so never sent, while each sync said it would go once it ended.
                    self.store.leave(self.run_id)
            except sqlite3.Error as exc:
                self._fail(exc)
        elif (
            self.store is not None
            and self._tracked is not None
            and self.run_id is None
            and self.finished_id is None
            and self._fresh
        ):
            run = self._tracked
            try:
                self.store.opened_and_left(
                    run.scenario.id,
                    run.scenario.title,
                    scenario_digest(run),
                    self.mode,
                    self._with_draft(progress_of(run, [], self.mode, [], self._taken)),
                    self._opened,
                )
            except sqlite3.Error as exc:
                self._fail(exc)
        self._fresh = False
        self._tracked = None
        self.run_id = None

    def leave(self) -> int | None:
        """Give the current unfinished run up: kept in the records, never offered for resume.

        A scripted run (`--choices`) that stops short of an ending is the script's
        fault, not a trainee's pause: left resumable, it was offered to whoever
        next played that scenario, one more for every script run. Returns its id.
        """
        self._rerecord_if_replaced()
        left = self.run_id if self.finished_id is None else None
        if self.store is not None and left is not None:
            try:
                self.store.leave(left)
            except sqlite3.Error as exc:
                self._fail(exc)
                left = None
        self._tracked = None
        self.run_id = None
        return left

    def _follow_the_file(self) -> bool:
        """True when the records file was removed or replaced by another program since it was
        opened (`Store.replaced`): the file now at its path is opened instead, and the run
        being played starts again there as a new row, so it is written where the trainee
        will read it. Unnoticed, its lines went into the old file, gone once this process
        ended, and the trainee found no trace of the run. Said in one line."""
        old = self.store
        if old is None or not old.replaced():
            return False
        playing = self.run_id if self.finished_id is None else None
        if self.finished_id is not None and self._tracked and not self._tracked.state.decisions:
            self._opened, self._fresh = now(), False  # restarted after its ending: a new run
        registration = None
        with contextlib.suppress(sqlite3.Error):
            registration = old.registration(playing) if playing is not None else None
            old.close()
        self.run_id = self.finished_id = None  # their rows went with the old file
        self._saved = None
        try:
            new = Store.open(old.path.parent)
        except RecordsUnavailable as exc:
            self.store = None
            self.messages.append(str(exc))
            return False
        new.trainee, new.on_notice = old.trainee, old.on_notice
        self.store = new
        self.messages.extend(new.notices)
        if registration is not None:
            # the file now there holds this very run (a copy of this store): it goes on
            # there, rather than a second row for the same run
            try:
                self.run_id = new.adopt(registration)
            except sqlite3.Error as exc:
                self._fail(exc)
                return False
        said = f"The records file {shown(old.path)} was removed or replaced by another program"
        self.messages.append(
            f"{said} while you played; this run is kept, recorded from its start in the "
            "records file now there."
            if self._tracked
            else f"{said}; runs from now on are recorded in the records file now there."
        )
        return True

    def current_store(self) -> Store | None:
        """The store to read now: the file at the records path, opened afresh if another
        program removed or replaced it since (`_follow_the_file`, the run in play written
        again there). Progress and past runs read through `store` showed the old file,
        gone from the folder, until this process next wrote a line (records37)."""
        self._rerecord_if_replaced()
        return self.store

    def _rerecord_if_replaced(self) -> None:
        """`_follow_the_file`, and the run being played written again into the new file."""
        if self._follow_the_file() and self._tracked is not None:
            self.update(self._tracked)

    def _taken_over(self) -> None:
        """The run is no longer this process's to write: a supervisor released it (`runs
        --release`), or it lapsed here and was resumed elsewhere. Play goes on, unrecorded,
        rather than mixing these lines into a run another process holds."""
        self.messages.append(
            "This run is no longer recorded here: it was released by a supervisor, or "
            "picked up in another window or on another machine after it sat idle. The "
            "records keep it up to your last line before that. Play goes on; a new start "
            "of this scenario is recorded as a new run."
        )
        self._tracked = None
        self.run_id = None

    def _fail(self, exc: sqlite3.Error) -> None:
        where = self.store.path if self.store else "the records file"
        # A run already begun keeps what was saved before the failure (a full disk
        # mid-run): "not saved" was wrong then, and it was later offered for resume.
        kept = (
            "the records keep this run up to the last choice saved before this, and it "
            "can be resumed from there"
            if self.run_id is not None and self.finished_id is None
            else "this run is not saved"
        )
        self.messages.append(
            f"{NOT_RECORDED}: writing {where} failed ({exc}). Play goes on; {kept}."
        )
        if self.store is not None:
            with contextlib.suppress(sqlite3.Error):
                self.store.close()
        self.store = None


def _same(basis: tuple, before: tuple | None) -> bool:
    """Whether two `Recorder._basis` are of one record: the same objects, equal values."""
    if before is None:
        return False
    return all(a is b for a, b in zip(basis[0], before[0], strict=True)) and basis[1] == before[1]
