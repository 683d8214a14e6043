"""The app's side of the records: open the store, record moves, offer resume, summaries.

A mixin on `PeerSimApp` so the app module only calls a few hooks: the store
is opened in the library-loading thread (never on the first paint), every
move of the play screen goes to `record_move`, and the screens ask for
summaries. The rules of what is written when live in `sim.records.recorder`.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sim.engine import Run
    from sim.model import Scenario
    from sim.records.recorder import Recorder
    from sim.records.store import Store, StoredRun

_OPENING = threading.Lock()


class RecordsMixin:
    """Records for the app (see module docstring). `records_dir` None means the default."""

    records_dir: str | None = None
    records_enabled: bool = True
    trainee: str = ""  # whose runs these are in a shared store ('' the owner's own)
    ask_trainee: bool = False  # served to a classroom: ask for a name or code first
    recorder: Recorder | None = None
    _best: dict[str, StoredRun] | None = None
    pending_replay: tuple[Scenario, Any] | None = None  # (scenario, ExportedRun) to replay

    # -- opening (library worker thread) ------------------------------------------
    def open_records(self) -> None:
        """Open the store once (the library thread, or the UI thread if a run starts first)."""
        with _OPENING:
            if not self.records_enabled or self.recorder is not None:
                return
            from sim.records.recorder import Recorder

            self.recorder = Recorder.open(self.records_dir, self.trainee)
            if self.recorder.store is not None:
                self.recorder.store.on_notice = self._records_notice
            self._refresh_best()

    def _records_notice(self, message: str) -> None:
        """A damaged run found while reading: told once, from whichever thread read it."""
        recorder = self.recorder
        if recorder is None:  # still opening: records_ready tells it
            return
        if threading.get_ident() == getattr(self, "_thread_id", None):
            self.notify(message, title="Records", severity="warning", timeout=12, markup=False)  # type: ignore[attr-defined]
        else:  # never wait on the UI thread from here (it may be waiting on _OPENING)
            recorder.messages.append(message)

    def _refresh_best(self) -> None:
        store = self.recorder.store if self.recorder else None
        try:
            self._best = store.best_by_scenario() if store else {}
        except Exception:  # reading a summary must never stop the app
            self._best = {}

    def records_ready(self) -> None:
        """On the UI thread once the library is shown: tell what must be told, offer resume."""
        if self.pending_replay is not None:
            scenario, exported = self.pending_replay
            self.pending_replay = None
            self.start_replay(scenario, exported)
            return
        if self.recorder is None:
            return
        for message in self.recorder.take_messages():
            self.notify(message, title="Records", severity="warning", timeout=12, markup=False)  # type: ignore[attr-defined]
        if self.ask_trainee and not self.trainee:
            return  # resume is offered once we know whose runs to look at
        self._use_trainee()
        if getattr(self, "initial", None) is None:
            self.offer_resume()

    # -- a classroom: whose runs -----------------------------------------------------
    def ask_who(self) -> None:
        """First thing when served: a name or code, before any run can start."""
        from sim.tui.screens.classroom import TraineePrompt

        def named(name: str | None) -> None:
            if not name:
                return
            self.trainee = name
            self.title = f"peer-sim · {name}"  # type: ignore[attr-defined]
            if self.recorder is not None:  # else records_ready does this when it opens
                self._use_trainee()
                self.offer_resume()

        self.push_screen(TraineePrompt(), named)  # type: ignore[attr-defined]

    def _use_trainee(self) -> None:
        """Point the open store at this trainee's runs (it may have opened before the name)."""
        store = self.recorder.store if self.recorder else None
        if store is not None and self.trainee:
            # the spelling the records hold ('Zoë' typed as 'zoë' is still Zoë)
            with contextlib.suppress(Exception):  # a records file gone bad: as typed will do
                self.title = f"peer-sim · {store.spelling(self.trainee)}"  # type: ignore[attr-defined]
        if store is not None and store.trainee != self.trainee:
            store.trainee = self.trainee
            self._refresh_best()
            self.refresh_library()

    def action_class_summary(self) -> None:
        """The trainer's view of everyone in the store; never offered to a served trainee."""
        from sim.tui.screens.classroom import ClassSummaryScreen

        store = self.recorder.store if self.recorder else None
        if self.ask_trainee or store is None or isinstance(self.screen, ClassSummaryScreen):  # type: ignore[attr-defined]
            return
        from sim.records.classroom import lines, summarise

        infos = self._scenario_infos()
        titles = self._principle_titles()
        where = str(store.path)
        self._read_records(
            lambda: lines(summarise(store.class_runs(), infos, titles)),
            lambda summary: self.push_screen(ClassSummaryScreen(summary, where)),  # type: ignore[attr-defined]
        )

    def _scenario_infos(self) -> list[Any]:
        from sim.records.progress import ScenarioInfo

        library = getattr(self, "library", None)
        return [
            ScenarioInfo(s.id, s.title, tuple(s.trains))
            for s in (library.scenarios if library else [])
        ]

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

    # -- summaries -------------------------------------------------------------------
    def record_summary(self, scenario_id: str) -> str:
        """'completed · best: TITLE (strong)' for the library, or ''."""
        best = (self._best or {}).get(scenario_id)
        if best is None:
            return ""
        return f"✓ completed · best: {best.ending_title} ({best.outcome})"

    # -- a run in play ---------------------------------------------------------------
    def record_begin(self, run: Run, mode: str, record: bool = True) -> None:
        if self.recorder is None and record:
            self.open_records()  # `peer-sim play X` starts before the library has loaded
        if self.recorder is None:
            return
        if record:
            from sim.loading import catalogue_for_scenario
            from sim.problems import ScenarioError

            try:
                catalogue = catalogue_for_scenario(run.scenario)
            except ScenarioError:
                catalogue = None
            self.recorder.begin(run, mode, catalogue)
        else:
            self.recorder.release()

    def record_move(self, run: Run) -> None:
        recorder = self.recorder
        if recorder is None or not recorder.enabled:
            return
        ending_changed = recorder.update(run)
        for message in recorder.take_messages():
            self.notify(message, title="Records", severity="warning", timeout=12, markup=False)  # type: ignore[attr-defined]
        if ending_changed:  # an ending written, or taken back by undo
            self._refresh_best()
            self.refresh_library()

    def leaving_words(self, run: Run) -> str:
        """How the leave and quit questions end: whether the lines so far are kept."""
        r = self.recorder
        if r is not None and r.enabled and r._tracked is run:
            return (
                "it is saved: start it again from the library, or open peer-sim again, and "
                "you can resume it where you left off."
            )
        if r is not None and r._tracked is run and r.run_id is not None:
            # recording stopped part way (a full disk): the part saved before stays
            return (
                "recording stopped part way through it, so only your lines before that are "
                "kept; the next start offers to resume from there."
            )
        return "your lines so far will not be kept."

    def record_leave(self, run: Run) -> None:
        """The play screen closed with this run: if unfinished, it can be resumed next start."""
        if self.recorder is not None and self.recorder._tracked is run:
            self.recorder.release()

    def refresh_library(self) -> None:
        library = getattr(self, "library", None)
        if library is None:
            return
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if hasattr(screen, "show_library"):
                screen.show_library(library, screen.titles)

    # -- progress and past runs ------------------------------------------------------
    def action_progress(self) -> None:
        from sim.tui.screens.progress import ProgressScreen

        if isinstance(self.screen, ProgressScreen):  # type: ignore[attr-defined]
            return
        store = self.recorder.store if self.recorder else None
        if store is None:
            why = "Records are off for this session."
            if self.recorder is None and self.records_enabled:
                why = "The records are still opening; try again in a moment."
            self.notify(why, title="Progress", severity="warning", markup=False)  # type: ignore[attr-defined]
            return
        from sim.records.progress import compute
        from sim.tui.screens.progress import ProgressScreen

        infos = self._scenario_infos()
        titles = self._principle_titles()

        def read() -> tuple[Any, list[StoredRun]]:
            # one read of every run, not two: each parses every run's debrief
            runs = store.runs(decisions=True)
            return compute([r for r in runs if r.finished], infos, titles), runs

        def show(read_: tuple[Any, list[StoredRun]]) -> None:
            progress, runs = read_
            # a served trainee is told whose runs these are (spelt as the records hold
            # it, as the library's title has it), not where the trainer keeps them
            if self.ask_trainee and self.trainee:
                whose = self.trainee
                with contextlib.suppress(Exception):
                    whose = store.spelling(self.trainee)
                screen = ProgressScreen(progress, runs, "", whose)
            else:
                screen = ProgressScreen(progress, runs, _kept_in(store.path))
            self.push_screen(screen)  # type: ignore[attr-defined]

        self._read_records(read, show)

    def open_past_run(self, run_id: int) -> None:
        from sim.records.export import debrief_of
        from sim.tui.screens.progress import PastDebriefScreen

        store = self.recorder.store if self.recorder else None
        stored = store.get(run_id) if store else None
        if stored is None:
            return
        if not stored.finished:
            self.notify(  # type: ignore[attr-defined]
                "This run was not finished, so it has no debrief yet.", markup=False
            )
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

    def start_by_id(self, scenario_id: str) -> None:
        library = getattr(self, "library", None)
        scenario = library.get(scenario_id) if library else None
        if scenario is not None:
            self.start_scenario(scenario)  # type: ignore[attr-defined]

    def start_replay(self, scenario: Scenario, exported: Any) -> None:
        from sim.tui.screens.replay import ReplayScreen

        screen = ReplayScreen(
            scenario,
            exported.mode,
            exported.choices,
            exported.changed(scenario),
            exported.progress.get("start") or {},
            exported.words,
        )
        self._last_play = (scenario, {})  # r after the debrief plays it for real
        self.push_screen(screen)  # type: ignore[attr-defined]

    # -- resume ----------------------------------------------------------------------
    def offer_resume(self) -> None:
        """At the start: the newest run of any listed scenario left unfinished."""
        store = self.recorder.store if self.recorder else None
        library = getattr(self, "library", None)
        if store is None or library is None:
            return
        listed = {s.id for s in library.scenarios}  # without loading every one in full
        left = [r for r in store.unfinished() if r.scenario_id in listed and self._resumable(r)]
        if not left:
            return
        self._ask_resume(
            store,
            left[0],
            "Resume it where you left off? If you leave it, it stays in your past runs (g) as "
            "unfinished, and you choose what to play from the library.",
            no="Leave it",
            # Enter resumes: a left run is never offered again, and a trainee back
            # from a reloaded tab or a closed terminal presses Enter out of habit
            focus_yes=True,
        )

    def offer_resume_of(self, scenario_id: str, afresh: Callable[[], None]) -> bool:
        """Starting a scenario with a run of it left unfinished: ask first (True if asked).

        A trainee who left a conversation with Esc and starts it again expects it
        back, as the plain player offers; `afresh` goes on to a new run.
        """
        store = self.recorder.store if self.recorder and self.recorder.enabled else None
        try:
            left = store.unfinished(scenario_id) if store is not None else []
        except Exception:  # reading the records must never stop a start
            left = []
        left = [r for r in left if self._resumable(r)]
        if store is None or not left:
            return False
        self._ask_resume(
            store,
            left[0],
            "Pick it up where you left off (y), or start afresh (n)? Starting afresh keeps the "
            "unfinished one in your past runs (g).",
            no="Start afresh",
            then=afresh,
            focus_yes=True,
        )
        return True

    def _resumable(self, stored: StoredRun) -> bool:
        """With the mode locked (`--lock-mode`), only a run begun in that mode: resuming
        a practice run in a locked assessment would show its notes and undo."""
        if not getattr(self, "mode_locked", False):
            return True
        return stored.mode == getattr(self, "play_mode", stored.mode)

    def _ask_resume(
        self,
        store: Store,
        stored: StoredRun,
        question: str,
        no: str,
        then: Callable[[], None] | None = None,
        focus_yes: bool = False,
    ) -> None:
        """The one resume question: yes resumes; no marks the run left (kept in past runs,
        never offered again), then `then`; Esc leaves both as they were."""
        from sim.tui.screens.dialogs import Confirm

        def answer(yes: bool | None) -> None:
            if yes:
                self.resume(stored)
            elif yes is False:
                store.leave(stored.id)
                if then is not None:
                    then()

        self.push_screen(  # type: ignore[attr-defined]
            Confirm(
                f"{_left_words(stored)}\n\n{question}",
                yes="Resume",
                no=no,
                focus_yes=focus_yes,
            ),
            answer,
        )

    def resume(self, stored: StoredRun) -> None:
        from sim.engine import ReplayError, Run

        scenario: Scenario | None = self.library.get(stored.scenario_id)  # type: ignore[attr-defined]
        if scenario is None or self.recorder is None:
            return
        try:
            run = Run.replay(scenario, stored.progress, partial=True)
        except ReplayError as exc:
            self.notify(f"It cannot be resumed: {exc}", severity="warning", markup=False)  # type: ignore[attr-defined]
            return
        self.play_mode = stored.mode if stored.mode in ("practice", "assessment") else "practice"  # type: ignore[attr-defined]
        self.play_run(scenario, run, stored)

    def play_run(self, scenario: Scenario, run: Run, stored: StoredRun | None) -> None:
        """Open the play screen on a run already under way (resumed)."""
        from sim.loading import catalogue_for_scenario
        from sim.problems import ScenarioError
        from sim.tui.screens.play import PlayScreen

        screen = PlayScreen(scenario, self.play_mode)  # type: ignore[attr-defined]
        screen.run = run
        self._last_play = (scenario, {})  # r after the debrief plays it afresh
        if stored is not None and self.recorder is not None:
            try:
                catalogue: Any = catalogue_for_scenario(scenario)
            except ScenarioError:
                catalogue = None
            if not self.recorder.resume(stored, run, catalogue):
                self.notify("Another peer-sim took that run over.", markup=False)  # type: ignore[attr-defined]
                return
        self.push_screen(screen)  # type: ignore[attr-defined]
        if run.replay_note:
            self.notify(run.replay_note, title="Resumed", timeout=8, markup=False)  # type: ignore[attr-defined]


def _left_words(stored: StoredRun) -> str:
    """'You left “Title” unfinished on DATE UTC after 3 choices (practice mode).'"""
    when = stored.updated_at[:16].replace("T", " ")
    n = stored.choices_made
    return (
        f"You left “{stored.scenario_title}” unfinished on {when} UTC after {n} "
        f"choice{'s' if n != 1 else ''} ({stored.mode} mode)."
    )


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
