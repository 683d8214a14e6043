"""An exported run played back in the app: space (or Enter) takes the next recorded step.

The play screen with the trainee's hands taken off: the numbers do nothing,
the recorded choice is made for them one step at a time, and the debrief
follows as usual. Nothing is recorded (it is a run already kept). A run
played in own-words practice shows what the trainee typed before each line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.content import Content
from textual.widgets import Static

from sim.engine import ReplayError, Run
from sim.records.replay import taken_back_at, taken_back_kind
from sim.records.speaker import people_of, speaker
from sim.run_replay import recorded_choice
from sim.text import brief
from sim.tui.screens.play import PlayScreen
from sim.tui.widgets.choices import ChoiceList
from sim.tui.widgets.own_words import OwnWords
from sim.tui.widgets.transcript import Entry, Transcript

if TYPE_CHECKING:
    from sim.engine import Offer
    from sim.model import Scenario


class ReplayScreen(PlayScreen):
    EXPLAINS_OWN_WORDS = False  # nothing is typed in a replay
    BINDINGS = [
        Binding("space,enter", "go_on", "Next step", key_display="space"),
        Binding("escape", "leave", "Library"),
    ]

    def __init__(
        self,
        scenario: Scenario,
        mode: str,
        choices: list[str],
        note: str = "",
        where: dict[str, Any] | None = None,
        words: list[str] | None = None,
        said: list[str | None] | None = None,
        taken_back: list[dict[str, Any]] | None = None,
        trainee: str = "",
        own: bool = False,
        changed: bool = True,
    ) -> None:
        super().__init__(scenario, mode)
        where = where or {}
        try:  # where the recorded run began (an author's --start run began elsewhere)
            self.run = Run.begin_recorded(scenario, where)
        except ReplayError:
            note = (note + " " if note else "") + "The recorded start no longer fits; from the top."
        self.recorded = list(choices)
        self.changed = changed  # False: the very scenario played, whose ids are exact
        self.said = list(said or [])  # the words of each line chosen, by step
        self.words = list(words) if words is not None else None  # own words, by step
        self.taken_back = list(taken_back or [])  # lines said and taken back, in order
        self._taken_left = list(self.taken_back)  # not yet shown in the transcript
        self._taken_shown: dict[int, list[Entry]] = {}  # by step (0: after the last step)
        self.run.own_words = self.words is not None
        self.step = 0
        self.note = note
        self.sub_title = f"Replay · {mode} mode"
        if trainee:  # a supervisor replays many trainees' runs: whose this one is
            self.sub_title = f"Replay of {trainee}'s run · {mode} mode"
        # their lines are labelled with their name, not "You": a supervisor reads this
        # (one rule with the Markdown export and `replay --plain`: sim.records.speaker)
        self.speaker = speaker(trainee, own, people_of(scenario))
        self.whose = "their"
        if own:  # the trainee's own run, from their own records: "You", as they played it
            self.sub_title = f"Replay of your run · {mode} mode"
            self.whose = "your"

    def setup(self) -> None:
        super().setup()
        self.query_one("#mode-badge", Static).update(
            Content.assemble(
                ("Mode ", "bold"),
                f"{self.mode} · ",
                ("a recorded run: space takes the next step", "$text-muted"),
            )
        )
        if self.note:
            self.show_note("replay", self.note)

    def choose(self, number: int) -> bool:
        return False  # the recorded choices are made by `action_go_on`, not the keys

    def action_go_on(self) -> None:
        if not self.on_top:
            return
        run = self.run
        if run.over or not run.waits_for_choice:
            super().action_go_on()
            return
        if self.step >= len(self.recorded):
            self.notify("The recorded run stops here, before an ending.", markup=False)
            return
        match = self._recorded_choice()
        if match is None:
            self.notify(
                f"Choice {self.step + 1} ('{self.recorded[self.step]}') is not offered here "
                "any more: "
                "the scenario has changed since the run was recorded.",
                severity="warning",
                markup=False,
            )
            return
        line = self.said[self.step] if self.step < len(self.said) else None
        if line and line != match.choice.say and not self.changed:
            self.notify(
                f"This file gives other words for this line, “{brief(line, 120)}”, though the "
                "scenario is the one the run was played on: the file was edited after it was "
                "exported. The line is shown as the scenario has it.",
                severity="warning",
                markup=False,
            )
        self.step += 1
        if self.words is not None:
            self.typed = self.words[self.step - 1] if self.step <= len(self.words) else ""
        self._show_taken_back()
        super().choose(match.number)
        if self.run.over or self.step >= len(self.recorded):
            self._show_taken_back(elsewhere=True)

    def _show_taken_back(self, elsewhere: bool = False) -> None:
        """The lines said at this step and taken back, before the line kept (as the plain
        replay and the Markdown export show them); `elsewhere`: those at moments the replay
        does not come to, after its last step. A supervisor saw no undone critical slip."""
        if elsewhere:
            here, self._taken_left = self._taken_left, []
        else:
            here = taken_back_at(self._taken_left, self.step, self.run.state.scene)
        shown = []
        for t in here:
            where = f"At decision {t['step']}, said" if elsewhere else "Said first"
            shown.append(Entry("you", t["said"], f"{where}, then taken back{taken_back_kind(t)}"))
        if shown:
            self._taken_shown.setdefault(0 if elsewhere else self.step, []).extend(shown)
            self.query_one(Transcript).show(shown)

    def _show_transcript(self) -> None:
        """The run shown whole again (a resize past the side panel's width) keeps the lines
        taken back that were shown, each before the decision it belongs to."""
        super()._show_transcript()
        if not self._taken_shown:
            return
        merged: list[Entry] = []
        step, typed = 0, False
        transcript = self.query_one(Transcript)
        for entry in transcript.entries():
            if entry.kind == "words" or (entry.kind == "you" and not typed):
                step += 1  # a decision's first entry: what was typed, else the line said
                merged += self._taken_shown.get(step, [])
            typed = entry.kind in ("words", "cue")
            merged.append(entry)
        merged += self._taken_shown.get(0, [])
        transcript.show(merged, replace=True)

    def _set_options(self) -> None:
        """The lines offered, with the one the trainee picked highlighted.

        The cursor stayed on line 1, and a highlighted line reads as the one
        chosen: a supervisor saw line 1 marked where the trainee had picked 4.
        """
        super()._set_options()
        run = self.run
        if run.over or not run.waits_for_choice or self.step >= len(self.recorded):
            return
        match = self._recorded_choice()
        for at, o in enumerate(run.offers()):
            if match is not None and o.number == match.number:
                self.query_one(ChoiceList).highlighted = at
                break

    def _recorded_choice(self) -> Offer | None:
        """The line offered now that the trainee chose at this step: by its words where the
        scenario's lines were reordered since, as every replay finds it."""
        line = self.said[self.step] if self.step < len(self.said) else None
        return recorded_choice(self.run, self.recorded[self.step], line, self.changed)

    @property
    def _picker(self) -> str:
        """Who picked the recorded lines: "you" in the trainee's own replay."""
        return "the trainee" if self.speaker else "you"

    def choices_title(self, n: int) -> str:
        return f"The lines offered · space: the one {self._picker} picked"

    def shorter_titles(self, n: int) -> tuple[str, ...]:
        return (f"space: the one {self._picker} picked",)  # the numbers do nothing here

    def _own_words(self, deciding: bool) -> None:
        """Nothing to type in a replay: the recorded words show in the transcript."""
        self.query_one(OwnWords).hide()
        self.query_one(ChoiceList).display = True

    def _box_has_keys(self) -> bool:
        return False  # nothing is typed in a replay: p pauses, letters do nothing

    def _words_sent(self) -> bool:
        return False  # the recorded words are shown, not sent: letters change nothing

    def _reads_on_first(self) -> bool:
        return False  # no box to wait for: a letter is no early answer ("Not yet" misled)

    def restart(self) -> None:
        self.step = 0
        self._taken_left = list(self.taken_back)
        self._taken_shown = {}
        super().restart()

    @property
    def in_progress(self) -> bool:
        return False  # leaving a replay loses nothing

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("choose", "undo", "no_undo"):
            return False
        if action == "go_on":
            return True
        return super().check_action(action, parameters)
