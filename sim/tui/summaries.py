"""Progress, past runs and the class summary in the app: the records read, then shown.

Reading every run (each with its debrief) takes seconds for a few thousand, so
the read runs on a thread of its own and the screen opens when it is done
(`_read_records`). Mixed into `PeerSimApp` after `RecordsMixin`, whose store it reads.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.records.recorder import Recorder
    from sim.records.store import Store, StoredRun


class SummariesMixin:
    """What the trainee's g and the trainer's class summary open (see module docstring)."""

    recorder: Recorder | None
    trainee: str
    ask_trainee: bool

    def action_class_summary(self) -> None:
        """The trainer's view of everyone in the store; never offered to a served trainee."""
        from sim.tui.screens.classroom import ClassSummaryScreen

        if self.ask_trainee or isinstance(self.screen, ClassSummaryScreen):  # type: ignore[attr-defined]
            return
        store = self.records_now()
        if store is None:
            return
        from sim.records.class_text import lines
        from sim.records.classroom import class_summary

        infos = self._scenario_infos()
        titles = self._principle_titles()
        where = str(store.path)
        self._read_records(
            lambda: lines(class_summary([store], infos, titles)),
            lambda summary: self.push_screen(ClassSummaryScreen(summary, where)),  # type: ignore[attr-defined]
        )

    def _scenario_infos(self) -> list[Any]:
        from sim.records.progress import ScenarioInfo

        library = getattr(self, "library", None)
        return [
            ScenarioInfo(s.id, s.title, tuple(s.trains))
            for s in (library.scenarios if library else [])
        ]

    def records_now(self) -> Store | None:
        """The store as the file now at its path (`Recorder.current_store`): a screen that
        only reads (progress, past runs, the class summary) showed the file another program
        had removed or replaced until this process next wrote. What was done is told."""
        if self.recorder is None:
            return None
        store = self.recorder.current_store()
        for message in self.recorder.take_messages():
            self.notify(message, title="Records", severity="warning", timeout=12, markup=False)  # type: ignore[attr-defined]
        return store

    _reading: bool = False  # a background read of the records is under way

    def _read_records(self, read: Callable[[], Any], show: Callable[[Any], None]) -> None:
        """`read` the records off the UI thread, then `show` what it returns on it.

        Progress and the class summary read every run, each with its debrief: with a
        few thousand runs that takes seconds (benchmarks/records_bench.py), and on
        the UI thread the app answered no key, ctrl+q included, until it was done. A
        daemon thread rather than a Textual worker (an executor thread): quitting
        mid-read must not wait for the read to finish. What was asked for is shown
        only if the trainee is still where they asked for it.
        """
        if self._reading:
            return
        self._reading = True
        asked_on = self.screen  # type: ignore[attr-defined]
        slow = self.set_timer(  # type: ignore[attr-defined]
            0.4,
            lambda: self.notify("Reading your runs…", title="Records", timeout=3, markup=False),  # type: ignore[attr-defined]
        )

        def done(result: Any, problem: Exception | None) -> None:
            self._reading = False
            slow.stop()
            if self.recorder is not None:  # damaged runs found by the read, told here
                for message in self.recorder.take_messages():
                    self.notify(
                        message, title="Records", severity="warning", timeout=12, markup=False
                    )  # type: ignore[attr-defined]
            if problem is not None:  # a records file gone bad mid-session: say so, keep going
                self.notify(
                    f"The records cannot be read: {problem}", severity="error", markup=False
                )  # type: ignore[attr-defined]
            elif self.screen is asked_on:  # type: ignore[attr-defined]
                show(result)

        def work() -> None:
            try:
                result, problem = read(), None
            except Exception as exc:
                result, problem = None, exc
            with contextlib.suppress(Exception):  # the app may have closed meanwhile
                self.call_from_thread(done, result, problem)  # type: ignore[attr-defined]

        threading.Thread(target=work, name="peer-sim records read", daemon=True).start()

    def _principle_titles(self) -> dict[str, str]:
        """Every principle title the library screen knows, by id (for summaries)."""
        from sim.tui.screens.library import LibraryScreen

        titles: dict[str, str] = {}
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if isinstance(screen, LibraryScreen):
                for names in screen.titles.values():
                    titles.update(names)
        return titles

    # -- progress and past runs ------------------------------------------------------
    def action_progress(self) -> None:
        from sim.tui.screens.progress import ProgressScreen

        if isinstance(self.screen, ProgressScreen):  # type: ignore[attr-defined]
            return
        store = self.records_now()
        if store is None:
            why = "Records are off for this session."
            if self.recorder is None and self.records_enabled:
                why = "The records are still opening; try again in a moment."
            self.notify(why, title="Progress", severity="warning", markup=False)  # type: ignore[attr-defined]
            return
        read = self._progress_read(store)

        def show(read_: tuple[Any, list[StoredRun], list[int], str]) -> None:
            progress, runs, hidden, numbers = read_
            # a served trainee is told whose runs these are (spelt as the records hold
            # it, as the library's title has it), not where the trainer keeps them
            if self.ask_trainee and self.trainee:
                whose = self.trainee
                with contextlib.suppress(Exception):
                    whose = store.spelling(self.trainee)
                screen = ProgressScreen(progress, runs, "", whose, hidden, numbers)
            else:
                screen = ProgressScreen(progress, runs, _kept_in(store.path), unlisted=hidden)
            self.push_screen(screen)  # type: ignore[attr-defined]

        self._read_records(read, show)

    def reread_progress(self, screen: Any) -> None:
        """The progress screen shown again: its figures and runs read afresh (`refill`)."""
        store = self.records_now()
        if store is not None:
            self._read_records(self._progress_read(store), lambda got: screen.refill(*got))

    def _progress_read(self, store: Store) -> Callable[[], Any]:
        """What the progress screen shows, read off the UI thread: the progress, the runs
        listed, the ids of those not listed, and why the numbers skip (a served trainee)."""
        from sim.records.listing import SHARED_NUMBERS, numbers_skip
        from sim.records.progress import compute

        infos = self._scenario_infos()
        titles = self._principle_titles()
        served = bool(self.ask_trainee and self.trainee)

        def read() -> tuple[Any, list[StoredRun], list[int], str]:
            # every run for the list, read without its debrief (opened, it is read whole)
            every = list(store.listing())
            progress = compute(every, infos, titles)  # a left run's kept lines count too
            # a run restarted and left before a choice was listed "unfinished after 0
            # choices": nothing to read or resume (the resume offer skips it too); the
            # records keep it, with its lines taken back, for whoever reviews them
            runs = [r for r in every if r.listed]
            # named below the list, as `peer-sim runs` names them: runs 1 and 3 with no
            # word of 2 left a supervisor looking for it
            hidden = [r.id for r in every if not r.listed]
            # runs 1, 4, 7: the store numbers every trainee's runs in one count, said
            # as `peer-sim runs --trainee` says it (records37)
            skip = served and numbers_skip([r.id for r in every])
            numbers = f"{SHARED_NUMBERS.format(whose='yours')}." if skip else ""
            return progress, runs, hidden, numbers

        return read

    def open_past_run(self, run_id: int) -> None:
        from sim.records.export import debrief_of
        from sim.tui.screens.progress import PastDebriefScreen

        store = self.records_now()
        stored = store.get(run_id) if store else None
        if stored is None:
            return
        if not stored.finished:  # no debrief yet: picked up where it was left (ResumeMixin)
            self.resume_past(stored)  # type: ignore[attr-defined]
            return
        library = getattr(self, "library", None)
        debrief = debrief_of(stored, library.get if library else None)
        if debrief is None:
            self.notify(  # type: ignore[attr-defined]
                "This run's debrief cannot be shown: the scenario has changed or is not here.",
                severity="warning",
                markup=False,
            )
            return
        self.push_screen(PastDebriefScreen(debrief, stored.mode, stored))  # type: ignore[attr-defined]


def _kept_in(path: Path) -> str:
    """Where the runs are kept, said to a trainee (a bare path read as an error message).

    Through the gate: the path comes from --data-dir or PEER_SIM_DATA_DIR, and a
    folder name may hold any character but '/'.
    """
    from sim.text import shown

    try:
        said = f"~/{path.relative_to(Path.home())}"
    except (ValueError, RuntimeError):  # elsewhere, or no home directory to speak of
        said = str(path)
    return f"your runs, kept in {shown(said)}"
