"""`peer-sim replay FILE [--plain]`: an exported run played back step by step."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from sim.problems import UsageError
from sim.records.stored import local_time
from sim.text import brief

if TYPE_CHECKING:
    from sim.model import Scenario
    from sim.records.replay import ExportedRun


def find_scenario(exported: ExportedRun, extra: list[str] | None) -> Scenario:
    from sim.commands.common import library_paths
    from sim.loading import load_library

    found = load_library(library_paths(extra)).get(exported.scenario_id)
    if found is None:
        raise UsageError(
            f"{brief(exported.path, 200)}: the run is of scenario '{brief(exported.scenario_id)}', which is not in "
            "your library (add its folder with --scenarios DIR)"
        )
    return found


def run(args: argparse.Namespace) -> int:
    from sim.records.replay import ReplayFileError, played_here, read_export

    try:
        exported = read_export(args.file)
    except ReplayFileError as exc:
        raise UsageError(str(exc)) from None
    # the trainee's own run, from their own records: "you", as they played it
    exported = played_here(exported, args.data_dir)
    scenario = find_scenario(exported, args.scenarios)
    if not args.plain:
        from sim.commands.streams import (
            draws_nowhere,
            keys_reach_the_app,
            not_a_terminal,
            tell_the_terminal,
        )

        if not keys_reach_the_app():
            raise UsageError(not_a_terminal("peer-sim replay FILE --plain"))
        why = draws_nowhere("peer-sim replay FILE --plain")
        if why:
            tell_the_terminal(why)
            return 1
        from sim.tui.launch import launch_replay

        return launch_replay(scenario, exported, args.scenarios)
    return plain(scenario, exported)


def plain(scenario: Scenario, exported: ExportedRun) -> int:
    from sim.cues import cues
    from sim.debrief import build_debrief
    from sim.engine import ReplayError, Run
    from sim.loading import catalogue_for_scenario
    from sim.plain import render
    from sim.records.replay import taken_back_at, taken_back_kind
    from sim.records.speaker import capitalised, people_of, possessive
    from sim.records.speaker import speaker as who_said
    from sim.run_replay import recorded_choice

    out = sys.stdout
    interactive = sys.stdin.isatty()

    def say(lines: list[str] | str) -> None:
        out.write("\n".join([lines] if isinstance(lines, str) else lines) + "\n")

    label = f"run {exported.run_id}" if exported.run_id is not None else "a recorded run"
    if exported.own:  # these records hold it as their owner's: the trainee's own replay
        label = f"your run {exported.run_id}" if exported.run_id is not None else "your run"
    played = local_time(exported.started_at) if exported.started_at else ""
    say(f"Replaying {label} of {scenario.title}" + (f", played {played}" if played else ""))
    if exported.trainee and not exported.own:  # a supervisor replays many trainees' runs
        say(render.wrap(f"Trainee: {exported.trainee}"))
    note = exported.changed(scenario)
    changed = bool(note)
    if note:
        say(render.wrap(note))
    say(render.intro(scenario, exported.mode, replay=True))
    try:
        run = Run.begin_recorded(scenario, exported.progress.get("start"))
    except ReplayError as exc:
        raise UsageError(
            f"{brief(exported.path, 200)}: the run's start does not fit the scenario ({exc})"
        ) from None
    # as the trainee saw it: an assessment run showed no meters until its debrief
    # (the app's replay hides them the same way)
    assessed = exported.mode == "assessment"
    if not assessed:
        say(["", render.meters_line(run.state.trust, run.state.empowerment)])
    ids = exported.choices
    words = exported.words
    said = exported.said
    taken = exported.taken_back  # each shown once: where it was said, else after the run
    # their name, not "You": a supervisor reads it too (the app's replay names them alike)
    speaker = who_said(exported.trainee, exported.own, people_of(scenario))
    their = "your" if exported.own else "their"
    run.own_words = words is not None

    def show_until_choice() -> bool:
        """Show each scene up to the next choice or the ending; False on a `next` loop."""
        for _ in range(len(scenario.scenes) + 1):
            if run.over:
                return True
            say(render.scene_lines(scenario, run.state))
            if run.waits_for_choice:
                return True
            run.advance()
        say(["", "The replay stops here: the scenes go on with `next` in a loop."])
        return False

    for step, wanted in enumerate(ids, 1):
        if not show_until_choice():
            return 1
        line = said[step - 1] if step <= len(said) else None
        match = recorded_choice(run, wanted, line, changed)
        if match is None:
            say([""] + render.wrap(f"The replay stops here: choice {step} ('{wanted}') is not "
                 "offered at this point any more (the scenario has changed)."))  # fmt: skip
            return 1
        typed = ""
        if words is not None:  # own-words practice: what they typed came first
            typed = words[step - 1] if step <= len(words) else ""
            shown = f"“{typed}”" if typed else "(nothing typed)"
            say([""] + render.wrap(f"In {their} own words: {shown}"))
            if exported.mode == "practice":
                say(render.cue_lines(cues(typed), possessive(speaker)))
        say(render.offer_lines(run.offers()))
        for t in taken_back_at(taken, step, run.state.scene):
            say(
                [""]
                + render.wrap(f"Said first, then taken back: “{t['said']}”{taken_back_kind(t)}")
            )
        say(["", f"Step {step} of {len(ids)}: {speaker or 'you'} chose {match.number}."])
        say(render.wrap(f"{capitalised(speaker)}:"))
        if line and line != match.choice.say and not changed:
            # the same scenario, other words: the file was edited, and the line is the
            # scenario's (the id is exact); the file's words are shown as its, not theirs
            say(render.wrap(match.choice.say, "  "))
            say(render.wrap(f"(This file gives other words for this line, “{line}”, though "
                            "the scenario is the one the run was played on: the file was "
                            "edited after it was exported.)", "  "))  # fmt: skip
        else:
            say(render.wrap(line or match.choice.say, "  "))
        if line and line != match.choice.say and changed:  # what they said, as it reads now
            say(render.wrap(f"(Reworded since; it now reads “{match.choice.say}”)", "  "))
        run.choose(match.number, typed)
        d = run.state.decisions[-1]
        if not assessed:
            say(
                render.meters_line(
                    d.trust_after, d.empowerment_after, d.trust_change, d.empowerment_change
                )
            )
        if interactive and step < len(ids):
            out.write("\n(Enter for the next step, q to stop) ")
            out.flush()
            if sys.stdin.readline().strip().lower() in ("q", "quit"):
                return 0
    if not show_until_choice():
        return 1
    if not run.over:
        say(["", "The recorded run stopped here, before an ending."])
        say(_elsewhere(taken))
        return 0
    try:
        catalogue = catalogue_for_scenario(scenario)
    except Exception:
        catalogue = None
    # the debrief speaks to the trainee as "you", as it did at the end of their run
    if not exported.own:
        say(["", *render.wrap(f"The debrief, which speaks to {speaker} as “you”:")])
    say(render.debrief_lines(build_debrief(run, catalogue)))
    say(_elsewhere(taken))
    return 0


def _elsewhere(taken: list[dict]) -> list[str]:
    """Lines taken back at moments the replay did not come to (a start afresh, or an undo
    onto another path): listed after it, as the Markdown export lists them."""
    from sim.plain import render
    from sim.records.replay import taken_back_kind

    if not taken:
        return []
    out = ["", "Said, then taken back, at moments this replay does not come to:"]
    for t in taken:
        out += render.wrap(f"- at decision {t['step']}: “{t['said']}”{taken_back_kind(t)}", "  ")
    return out
