"""The app's side of the records: open the store, whose runs, record each move.

A mixin on `PeerSimApp` so the app module only calls a few hooks: the store
is opened in the library-loading thread (never on the first paint), and every
move of the play screen goes to `record_move`. The rules of what is written
when live in `sim.records.recorder`; resume is `sim.tui.resume`, and progress,
past runs and the class summary are `sim.tui.summaries`.
"""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

from sim.records.stored import local_time
from sim.tui.widgets.hanging import KEEP

if TYPE_CHECKING:
    from sim.engine import Run
    from sim.model import Scenario
    from sim.records.recorder import Recorder
    from sim.records.store import StoredRun

_OPENING = threading.Lock()


class RecordsMixin:
    """Records for the app (see module docstring). `records_dir` None means the default."""

    records_dir: str | None = None
    records_enabled: bool = True
    trainee: str = ""  # whose runs these are in a shared store ('' the owner's own)
    ask_trainee: bool = False  # served to a classroom: ask for a name or code first
    recorder: Recorder | None = None
    _best: dict[str, StoredRun] | None = None
    _finished: dict[str, int] | None = None  # finished runs per scenario
    _left: dict[str, list[StoredRun]] | None = None
    """Per scenario, its runs left unfinished that a start would offer, newest first."""
    _elsewhere: dict[str, list[StoredRun]] | None = None
    """Per scenario, this trainee's runs of it being played in another process now (another
    tab of a served class, another window): marked, never offered for resume."""
    own_words_per_trainee: bool = False
    """Served with no --own-words / --no-own-words: own words start the way the named
    trainee last played, so a choice made with w outlives the tab (trainee playtest 17)."""
    class_store: bool = False
    """The store holds a named trainee's runs (a classroom's, or `--trainee` at a shared
    terminal): only then does the palette offer the class summary. A lone trainee on their
    own machine was offered "Class summary" of a class of one, themselves (trainee test 13)."""
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
            self._read_left()
            self._refresh_class_store()

    def _refresh_class_store(self) -> None:
        store = self.recorder.store if self.recorder else None
        try:
            self.class_store = store is not None and any(store.trainees())
        except Exception:  # a records file gone bad: the summary would say so, not this
            self.class_store = False

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
            self._finished = store.finished_counts() if store else {}
        except Exception:  # reading a summary must never stop the app
            self._best, self._finished = {}, {}

    def _read_left(self) -> None:
        if self.ask_trainee and not self.trainee:  # served, not yet named: nobody's runs
            self._left = {}
            self._elsewhere = {}
            return
        self._read_elsewhere()
        store = self.recorder.store if self.recorder else None
        locked = getattr(self, "_locked_to", None)
        left: dict[str, list[StoredRun]] = {}
        try:
            for run in store.unfinished(mode=locked() if locked else None) if store else []:
                left.setdefault(run.scenario_id, []).append(run)
        except Exception:  # reading a summary must never stop the app
            left = {}
        self._left = left

    def _read_elsewhere(self) -> None:
        store = self.recorder.store if self.recorder else None
        elsewhere: dict[str, list[StoredRun]] = {}
        try:
            for run in store.in_play_elsewhere() if store else []:
                elsewhere.setdefault(run.scenario_id, []).append(run)
        except Exception:  # reading a summary must never stop the app
            elsewhere = {}
        self._elsewhere = elsewhere

    def _where_else(self, run: StoredRun, full: bool = True) -> str:
        """'in another tab' (served), 'in another window', 'on another machine (X)'."""
        import socket

        from sim.records.owner import owner_host
        from sim.text import brief

        host = owner_host(run.owner)
        if host and host != socket.gethostname():
            return f"on another machine ({brief(host, 40)})" if full else "on another machine"
        return "in another tab" if self.ask_trainee else "in another window"

    def elsewhere_summary(self, scenario_id: str, full: bool = False) -> str:
        """'▶ open in another tab' for the library's list, or ''; `full`: with how far it
        has gone, for the detail pane (in the list it wrapped)."""
        runs = (self._elsewhere or {}).get(scenario_id) or []
        if not runs:
            return ""
        where = self._where_else(runs[-1], full)
        if not full:
            return f"▶ open {where}" if len(runs) == 1 else f"▶ open {len(runs)} times elsewhere"
        n = runs[-1].choices_made
        also = f" and {len(runs) - 1} more elsewhere" if len(runs) > 1 else ""
        return f"▶ open {where}{also} ({n} choice{'' if n == 1 else 's'} so far)"

    def note_open_elsewhere(self, scenario_id: str, title: str) -> None:
        """Starting a scenario this trainee has open in another tab: say that this is a
        second run, recorded apart, so neither tab's conversation is taken for the other."""
        store = self.recorder.store if self.recorder and self.recorder.enabled else None
        try:
            runs = store.in_play_elsewhere(scenario_id) if store is not None else []
        except Exception:  # reading the records must never stop a start
            runs = []
        if not runs:
            return
        n = runs[-1].choices_made
        where = self._where_else(runs[-1])
        self.notify(  # type: ignore[attr-defined]
            f"You have “{title}” open {where} too ({n} choice{'' if n == 1 else 's'} so far). "
            "This starts a second, separate conversation: each is recorded as its own run, "
            "and neither changes the other. If you meant to go on with that one, go back to it "
            "there and close this one.",
            title="Also open elsewhere",
            severity="warning",
            timeout=15,
            markup=False,
        )

    def refresh_left(self) -> None:
        """Runs left off, given up or picked up: the library's marks read again (UI thread)."""
        self._read_left()
        self.refresh_library()

    def left_summary(self, scenario_id: str, full: bool = False) -> str:
        """'↻ left off after 4 choices' for the library's list (a run a start would offer),
        or ''; `full`: what Start then does, for the detail pane (in the list it wrapped)."""
        runs = (self._left or {}).get(scenario_id) or []
        if not runs:
            return ""
        if len(runs) > 1:
            short = f"↻ left off {len(runs)} times"
            return f"{short}: Start lets you pick one up, or start afresh." if full else short
        n = runs[0].choices_made
        short = f"↻ left off after {n} choice{'s' if n != 1 else ''}"
        if not full:
            return short
        # the trainee's own time (playtest 35), its zone named (records37: stored.local_time)
        when = local_time(runs[0].updated_at)
        return f"{short} on {when}: Start picks it up where you left it."

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
            self._read_left()  # this trainee's runs left off, not the ones read before the name
            self.refresh_library()
        if self.trainee:
            self._own_words_as_last_played()

    def _own_words_as_last_played(self) -> None:
        """A classroom trainee's own words as their last run had them (see the attribute)."""
        store = self.recorder.store if self.recorder else None
        if not self.own_words_per_trainee or store is None:
            return
        self.own_words_per_trainee = False  # once: then w is the trainee's to switch
        try:
            last = store.last_played()
        except Exception:  # reading a summary must never stop the app
            return
        progress = last.progress if last is not None else None
        on = isinstance(progress, dict) and progress.get("own_words") is True
        if on != self.own_words:  # type: ignore[has-type]
            self.set_own_words(on, "as in your last run")  # type: ignore[attr-defined]

    # -- summaries -------------------------------------------------------------------
    def record_summary(self, scenario_id: str) -> str:
        """'✓ completed 3 times · best ending: TITLE (strong)' for the library, or ''.

        After one run it says the one ending ('✓ completed once · ended: TITLE (poor)'):
        "best: ... (poor)" of a single run read as a verdict on the trainee, not as the
        only result there was to pick from (trainee playtest 30b).
        """
        best = (self._best or {}).get(scenario_id)
        if best is None:
            return ""
        n = (self._finished or {}).get(scenario_id, 1)
        # the outcome never on a row of its own, apart from the ending it rates
        # and the ending's title kept whole: "ended: In the / middle (mixed)" split it even
        # at 140 columns (small40); a title too long for a row may still wrap
        title = best.ending_title
        if len(title) <= 20:
            title = title.replace(" ", KEEP)
        ending = f"{title}{KEEP}({best.outcome})"
        if n <= 1:
            return f"✓ completed once · ended: {ending}"
        return f"✓ completed {n} times · best ending: {ending}"

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

    def record_draft(self, words: str) -> None:
        """Own words typed and not yet sent with a line: kept with the unfinished run."""
        recorder = self.recorder
        if recorder is None or not recorder.enabled:
            return
        recorder.keep_draft(words)
        for message in recorder.take_messages():
            self.notify(message, title="Records", severity="warning", timeout=12, markup=False)  # type: ignore[attr-defined]

    def record_move(self, run: Run) -> None:
        recorder = self.recorder
        if recorder is None or not recorder.enabled:
            return
        ending_changed = recorder.update(run)
        for message in recorder.take_messages():
            self.notify(message, title="Records", severity="warning", timeout=12, markup=False)  # type: ignore[attr-defined]
        if ending_changed:  # an ending written, or taken back by undo
            self._refresh_best()
            if self.trainee:  # a named trainee's first run makes the store a class's
                self.class_store = True
            self.refresh_library()

    def debrief_kept(self) -> bool:
        """Whether the run whose debrief is open was saved with its ending (past runs
        open it again): a run played with records off, or as an author's test, was not."""
        r = self.recorder
        return r is not None and r.enabled and r.finished_id is not None

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
            self.refresh_left()  # the library marks it left off

    def refresh_library(self) -> None:
        library = getattr(self, "library", None)
        if library is None:
            return
        for screen in self.screen_stack:  # type: ignore[attr-defined]
            if hasattr(screen, "show_library"):
                screen.show_library(library, screen.titles)

    def start_by_id(self, scenario_id: str) -> None:
        scenario = self.scenario_by_id(scenario_id)  # type: ignore[attr-defined]
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
            exported.said,
            exported.taken_back,
            exported.trainee,
            exported.own,
            bool(exported.changed(scenario)),
        )
        self._last_play = (scenario, {})  # r after the debrief plays it for real
        self.push_screen(screen)  # type: ignore[attr-defined]
