"""Resume in the app: a run left unfinished, offered at the start or when its scenario starts.

Mixed into `PeerSimApp` after `RecordsMixin`, whose store and recorder it uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sim.records.stored import local_minute, local_time, why_not_resumable, zone_name

if TYPE_CHECKING:
    from sim.engine import Run
    from sim.model import Scenario
    from sim.records.recorder import Recorder
    from sim.records.store import Store, StoredRun


class ResumeMixin:
    """Offer, then reopen, a run left mid-play (see module docstring)."""

    recorder: Recorder | None

    # -- resume ----------------------------------------------------------------------
    def offer_resume(self) -> None:
        """At the start: every run of a listed scenario left unfinished, in one question.

        One at a time, three runs left off were asked about over three starts, each
        question naming one (trainee playtest 15): with several, they are all listed
        and one answer covers them (`ResumeChoice`).
        """
        store = self.recorder.store if self.recorder else None
        library = getattr(self, "library", None)
        if store is None or library is None:
            return
        listed = {s.id for s in library.scenarios}  # without loading every one in full
        left = [r for r in store.unfinished(mode=self._locked_to()) if r.scenario_id in listed]
        if len(left) > 1:
            self._ask_which(
                store,
                left,
                f"You left {len(left)} conversations unfinished (newest first):",
                "Its number (or ↑↓ and Enter, or a click) resumes one. n leaves them all in "
                "your past runs (g). Esc decides later: the library marks each.",
                no="Leave them all",
            )
            return
        if not left:
            return
        self._ask_resume(
            store,
            left[0],
            "Resume it where you left off? If you leave it, it stays in your past runs (g) as "
            "unfinished, and you choose what to play from the library. Esc decides later.",
            no="Leave it",
            # Enter resumes: a left run is never offered again, and a trainee back
            # from a reloaded tab or a closed terminal presses Enter out of habit
            focus_yes=True,
        )

    def offer_resume_of(
        self, scenario_id: str, afresh: Callable[[Callable[[], None]], None]
    ) -> bool:
        """Starting a scenario with a run of it left unfinished: ask first (True if asked).

        A trainee who left a conversation with Esc and starts it again expects it
        back, as the plain player offers; `afresh` goes on to a new run, and is given
        what leaves the old one, to call as the new one begins: n, then Back at the
        content notes, had given the old run up with nothing begun in its place
        (trainee playtest 37).
        `peer-sim play ID` starts before the library thread has opened the records:
        they are opened here, or a run left in a closed terminal was never offered
        by the very command that started it, and a new run began (adversarial-24).
        """
        if self.recorder is None and not (
            getattr(self, "ask_trainee", False) and not getattr(self, "trainee", "")
        ):  # served and not yet named: nobody's runs to offer
            self.open_records()  # type: ignore[attr-defined]
        store = self.recorder.store if self.recorder and self.recorder.enabled else None
        try:
            left = store.unfinished(scenario_id, self._locked_to()) if store is not None else []
        except Exception:  # reading the records must never stop a start
            left = []
        if store is None or not left:
            return False
        if len(left) > 1:
            self._ask_which(
                store,
                left,
                f"You left “{left[0].scenario_title}” unfinished {len(left)} times (newest first):",
                "Its number (or ↑↓ and Enter, or a click) picks one up. n starts afresh and "
                "leaves them all in your past runs (g). Esc goes back to the library.",
                no="Start afresh",
                then=afresh,
                titled=False,
            )
            return True
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

    def resume_past(self, stored: StoredRun) -> None:
        """Enter on an unfinished run in past runs: resumed there, as the library's Start
        would, if a start would offer it; else the reason it cannot be.

        A note that pointed to the library ("Start it from the library, marked ↻ left
        off") sent the trainee away to do what they had just asked for (trainee playtest
        35). Resumable means what the start's question means (`Store.unfinished`): in
        play by no process now, and begun in the mode a locked session keeps to.
        """
        store = self.recorder.store if self.recorder and self.recorder.enabled else None
        locked = self._locked_to()
        try:
            left = store.unfinished(stored.scenario_id, locked) if store is not None else []
        except Exception:  # reading the records must never stop the app
            left = []
        found = next((r for r in left if r.id == stored.id), None)
        if found is not None:
            self._past_notes_then_resume(found)
            return
        why = why_not_resumable(stored, locked, records_on=store is not None)
        self.notify(  # type: ignore[attr-defined]
            f"This run is unfinished, so it has no debrief yet, and {why}",
            title="Unfinished run",
            markup=False,
        )

    def _past_notes_then_resume(self, found: StoredRun) -> None:
        """Resumed from past runs, with no question to say where to turn: its content notes
        first, as a start shows them (Back stays on past runs; trainee44)."""

        def go() -> None:
            from sim.tui.screens.progress import ProgressScreen

            if isinstance(self.screen, ProgressScreen):  # type: ignore[attr-defined]
                self.pop_screen()  # type: ignore[attr-defined]  # play then ends at the library
            self._resuming(found)

        library = getattr(self, "library", None)
        listed = library.scenarios if library is not None else []
        scenario = next((sc for sc in listed if sc.id == found.scenario_id), None)
        if scenario is None or not scenario.content_notes:
            go()
            return
        from sim.tui.screens.dialogs import ContentNotes

        own_words = isinstance(found.progress, dict) and found.progress.get("own_words") is True
        self.push_screen(  # type: ignore[attr-defined]
            ContentNotes(
                scenario.title, scenario.content_notes, own_words=own_words, back_to="your runs"
            ),
            lambda yes: go() if yes else None,
        )

    def _ask_which(
        self,
        store: Store,
        left: list[StoredRun],
        head: str,
        after: str,
        no: str,
        then: Callable[[Callable[[], None]], None] | None = None,
        titled: bool = True,
    ) -> None:
        """Several runs left unfinished, one question: a number resumes that run; n leaves
        every one (kept in past runs, never offered again), or gives `then` what leaves
        them, to call when it starts a run; Esc changes nothing."""
        from sim.tui.screens.resume_choice import LEAVE_ALL, ResumeChoice

        def answer(picked: int | None) -> None:
            if picked is None:
                return
            if picked == LEAVE_ALL:
                self._give_up(store, left, then)
                return
            self._resuming(left[picked])

        mode = getattr(self, "play_mode", None)
        if mode in ("practice", "assessment") and any(r.mode != mode for r in left):
            after = f"Each goes on in the mode it began in (you are in {mode} mode). {after}"
        after += self._care_words(left, " ")  # one paragraph: the list of runs keeps its rows
        self.push_screen(ResumeChoice(left, head, after, no, titled), answer)  # type: ignore[attr-defined]

    def _care_words(self, runs: list[StoredRun], before: str = "\n\n") -> str:
        """Where to turn, after a resume question, when a run's scenario has content notes.

        A run begun in the app opens with its content notes and where to turn if practising
        stirs something up (988, in the US); resumed, it opened straight on the
        conversation with neither, where the plain player says the line again (trainee44).
        """
        from sim.trainee_care import CARE_LINE

        library = getattr(self, "library", None)
        ids = {r.scenario_id for r in runs}
        noted = library is not None and any(
            sc.id in ids and sc.content_notes for sc in library.scenarios
        )
        return f"{before}{CARE_LINE}" if noted else ""

    def _resuming(self, stored: StoredRun) -> None:
        """Yes to a resume question: the question goes at once, a toast says what is coming,
        then the run opens (reading the scenario and replaying the run took ~2 s on a busy
        machine, with the question still standing as if y had not been taken; trainee 13)."""
        self.notify(  # type: ignore[attr-defined]
            f"Opening “{stored.scenario_title}” where you left it…",
            title="Resuming",
            timeout=3,
            markup=False,
        )
        self.call_after_refresh(self.resume, stored)  # type: ignore[attr-defined]

    def _give_up(
        self,
        store: Store,
        runs: list[StoredRun],
        then: Callable[[Callable[[], None]], None] | None,
    ) -> None:
        """No to a resume question: the runs are marked left (kept in past runs, never
        offered again) at once, or, given `then`, only when the new run it starts begins,
        so Back before it begins keeps them to resume."""

        def leave() -> None:
            for stored in runs:
                store.leave(stored.id)
            self._left_changed()

        if then is None:
            leave()
        else:
            then(leave)

    def _left_changed(self) -> None:
        """Runs given up: the library's marks of runs left off are read again."""
        refresh = getattr(self, "refresh_left", None)
        if refresh is not None:
            refresh()

    def _locked_to(self) -> str | None:
        """The mode resume keeps to: the locked one (`--lock-mode`), else any."""
        return getattr(self, "play_mode", None) if getattr(self, "mode_locked", False) else None

    def _ask_resume(
        self,
        store: Store,
        stored: StoredRun,
        question: str,
        no: str,
        then: Callable[[Callable[[], None]], None] | None = None,
        focus_yes: bool = False,
    ) -> None:
        """The one resume question: yes resumes; no marks the run left (kept in past runs,
        never offered again), or gives `then` what marks it, to call when it starts a
        run; Esc decides nothing (as no, it gave the run up for good)."""
        from sim.tui.screens.dialogs import Confirm

        def answer(yes: bool | None) -> None:
            if yes:
                self._resuming(stored)
            elif yes is False:
                self._give_up(store, [stored], then)

        mode = getattr(self, "play_mode", None)
        if mode in ("practice", "assessment") and stored.mode != mode:
            # resuming switches the mode to the run's own: said before, not found after
            question = (
                f"You are in {mode} mode: resumed, it goes on in {stored.mode} mode, as it "
                f"began. {question}"
            )
        self.push_screen(  # type: ignore[attr-defined]
            Confirm(
                f"{_left_words(stored)}\n\n{question}{self._care_words([stored])}",
                yes="Resume",
                no=no,
                focus_yes=focus_yes,
                escape_decides_nothing=True,
            ),
            answer,
        )

    def resume(self, stored: StoredRun) -> None:
        from sim.engine import ReplayError, Run

        if self.recorder is None:
            return
        scenario: Scenario | None = self.scenario_by_id(stored.scenario_id)  # type: ignore[attr-defined]
        if scenario is None:
            return
        try:
            run = Run.replay(scenario, stored.progress, partial=True)
        except ReplayError as exc:
            # As the plain player does: left, so the question that cannot be answered
            # yes is not asked at every start (adversarial-10); the run stays listed.
            store = self.recorder.store
            if store is not None:
                store.leave(stored.id)
                self._left_changed()
            self.notify(  # type: ignore[attr-defined]
                f"It cannot be resumed ({exc}); it stays in your past runs (g) as unfinished.",
                severity="warning",
                markup=False,
            )
            return
        self.play_mode = stored.mode if stored.mode in ("practice", "assessment") else "practice"  # type: ignore[attr-defined]
        from sim.records.record import draft_of

        self.play_run(scenario, run, stored, draft_of(stored.progress))

    def play_run(
        self, scenario: Scenario, run: Run, stored: StoredRun | None, draft: str = ""
    ) -> None:
        """Open the play screen on a run already under way (resumed); `draft`, own words
        typed before it was left, goes back in the box."""
        from sim.loading import catalogue_for_scenario
        from sim.problems import ScenarioError
        from sim.tui.screens.play import PlayScreen

        screen = PlayScreen(scenario, self.play_mode)  # type: ignore[attr-defined]
        screen.run = run
        screen.draft = draft
        self._last_play = (scenario, {})  # r after the debrief plays it afresh
        if stored is not None and self.recorder is not None:
            try:
                catalogue: Any = catalogue_for_scenario(scenario)
            except ScenarioError:
                catalogue = None
            if not self.recorder.resume(stored, run, catalogue):
                self.notify("Another peer-sim took that run over.", markup=False)  # type: ignore[attr-defined]
                return
            self._left_changed()  # picked up: no longer marked left off in the library
        self.push_screen(screen)  # type: ignore[attr-defined]
        # "Opening ... where you left it…" has done its work: up for its 3 s, it stood
        # over the top of the conversation it announced (trainee playtest 24, at 80x24)
        self.withdraw("Resuming")  # type: ignore[attr-defined]
        if run.replay_note:
            self.notify(run.replay_note, title="Resumed", timeout=8, markup=False)  # type: ignore[attr-defined]


def _left_words(stored: StoredRun) -> str:
    """'You left “Title” unfinished on DATE TIME after 3 choices (practice mode). It began
    at TIME, the time your past runs (g) show.' (one time, when both are the same minute)

    In the trainee's own time, both: "left at 08:28 UTC" beside past runs' "08:23" for
    the same run read as two runs, or a clock gone wrong, and neither was the time on the
    trainee's wall (trainee playtest 35).
    """
    # the zone named once, with the first time said (records37: one rule, `local_time`)
    zone = zone_name()
    left, began = local_minute(stored.updated_at, zone), local_minute(stored.started_at, zone)
    n = stored.choices_made
    choices = f"{n} choice{'s' if n != 1 else ''} ({stored.mode} mode{_in_own_words(stored)})"
    if began == left:  # "unfinished on 2026-12-04 11:06 ... It began at 11:06" read as
        # two times to tell apart (trainee playtest 37): one time, said once
        return (
            f"You began “{stored.scenario_title}” on {local_time(stored.started_at)}, the "
            "time your past runs (g) "
            f"show, and left it unfinished within the minute, after {choices}."
        )
    began = began[11:] if began[:10] == left[:10] else began  # the same day: its time
    return (
        f"You left “{stored.scenario_title}” unfinished on {local_time(stored.updated_at)} "
        f"after {choices}. "
        f"It began at {began}, the time your past runs (g) show."
    )


def _in_own_words(stored: StoredRun) -> str:
    """', in your own words' for a run in own-words practice, which resumes in it (the
    question said only the mode, and the box came back unannounced), and whether words
    typed before leaving wait in the box."""
    from sim.records.record import draft_of

    progress = stored.progress
    if not (isinstance(progress, dict) and progress.get("own_words") is True):
        return ""
    return ", in your own words" + (": what you had typed is kept" if draft_of(progress) else "")
