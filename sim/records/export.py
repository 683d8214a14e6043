"""A stored run as a file to hand on: JSON (the whole run) or Markdown (for a supervisor).

An export holds nothing but its run: no other runs, no store settings; the
trainee's name only if they chose to give one. The Markdown is built from the
same `Debrief` data as the debrief on screen and rendered by the plain
player's own renderer, so a supervisor reads what the trainee read.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sim.debrief.words import slip_short, slips_at
from sim.engine import digest
from sim.records.record import (
    SLIPS_UNRECORDED,
    ReviveError,
    away_of,
    decisions_of,
    draft_of,
    minutes_words,
    played_until,
    revive,
    run_seconds,
    run_slips,
    seconds_playing,
    slips_unrecorded,
    taken_back_of,
)
from sim.records.speaker import capitalised, people_of, speaker
from sim.records.stored import StoredDecision, StoredRun
from sim.text import markdown_fenced, markdown_line, markdown_quote, whole_number

if TYPE_CHECKING:
    from sim.debrief import Debrief
    from sim.model import Scenario

EXPORT_FORMAT = 1


def _as_stored(kept: StoredRun | StoredDecision, name: str) -> Any:
    """A field of a run or decision as the records file holds it (`rows.as_stored`)."""
    return kept.stored.get(name, getattr(kept, name))


def _decision_data(d: StoredDecision) -> dict[str, Any]:
    return {f.name: _as_stored(d, f.name) for f in dataclasses.fields(d) if f.name != "stored"}


def _trainee(run: StoredRun, identity: dict[str, str]) -> str:
    """Whose run it is, as the actor names them: a trainee's name (the store's spelling of
    it) as stored, as the export's other texts are; the owner's as `identity` has it."""
    name = identity.get("name") or ""
    return _as_stored(run, "trainee") if run.trainee and name == run.trainee else name


def to_json(
    run: StoredRun,
    identity: dict[str, str] | None = None,
    find: Callable[[str], Scenario | None] | None = None,
) -> dict[str, Any]:
    identity = identity or {}
    run.whole()
    return {
        "peer_sim_export": EXPORT_FORMAT,
        "run": {
            "id": run.id,
            "registration": run.registration,
            "trainee": _trainee(run, identity) or None,
            # each text as stored: JSON is data, and `json_text` escapes every control in
            # it; text and Markdown show it through the gate (`rows.as_stored`, records44)
            "scenario": {
                "id": _as_stored(run, "scenario_id"),
                "title": _as_stored(run, "scenario_title"),
                "digest": _as_stored(run, "digest"),
            },
            "mode": run.mode,
            "status": run.status,
            "started_at": run.started_at,
            "ended_at": run.ended_at,
            # the time spent in the conversation, less any time away from a resumed run: the
            # figure of the Markdown export's "Time playing" and the xAPI duration
            "seconds_playing": round(run_seconds(run), 2),
            "progress": run.progress,
            "decisions": [_decision_data(d) for d in decisions_so_far(run, find)],
            "ending": {
                "id": _as_stored(run, "ending_id"),
                "title": _as_stored(run, "ending_title"),
                "outcome": run.outcome,
            }
            if run.finished
            else None,
            "final": {"trust": run.final_trust, "empowerment": run.final_empowerment}
            if run.finished
            else None,
            "debrief": run.debrief,
        },
    }


def decisions_so_far(
    run: StoredRun, find: Callable[[str], Scenario | None] | None = None
) -> list[StoredDecision]:
    """A run's decisions; an unfinished run's rebuilt from its progress.

    The store writes decisions at the ending, so an unfinished run has only its progress:
    a JSON export that said `"decisions": []` beside two choices read as a run where
    nothing was decided. They are rebuilt only on the scenario the run was played on (same
    digest): meters and verdicts from a changed scenario would be another run's.
    """
    if run.finished or run.decisions or find is None:
        return run.decisions
    scenario = find(run.scenario_id)
    if scenario is None or digest(scenario) != run.digest or not isinstance(run.progress, dict):
        return []
    from sim.engine import ReplayError, Run

    try:
        replayed = Run.replay(scenario, run.progress)
    except (ReplayError, ValueError, TypeError, KeyError):
        return []
    times = run.progress.get("times")
    stamps = [t if isinstance(t, str) else "" for t in times] if isinstance(times, list) else []
    return decisions_of(replayed, stamps)


def debrief_of(
    run: StoredRun, find: Callable[[str], Scenario | None] | None = None
) -> Debrief | None:
    """The debrief as it was at the ending; else rebuilt from the scenario if it still fits."""
    from sim.debrief import Debrief, build_debrief

    run.whole()
    if run.debrief is not None:
        try:
            return revive(Debrief, run.debrief)
        except (ReviveError, TypeError, KeyError):
            pass
    scenario = find(run.scenario_id) if find else None
    if scenario is None:
        return None
    from sim.engine import ReplayError, Run
    from sim.loading import catalogue_for_scenario

    try:
        replayed = Run.replay(scenario, run.progress)
    except ReplayError:
        return None
    return build_debrief(replayed, catalogue_for_scenario(scenario))


# What the mode meant for what the trainee saw: a supervisor reading meters after
# every line of an assessment run would take them for what the trainee went by.
MODE_WORDS = {
    "practice": "practice (the trainee saw the meters and a coach note after each line, "
    "and could take a line back)",
    "assessment": "assessment (the trainee saw no meters, notes or undo until the debrief: "
    "the meters below were hidden while they played)",
}


def _when(stamp: str) -> str:
    """To the second, in this computer's zone, named (`stored.local_time`)."""
    from sim.records.stored import local_time

    return local_time(stamp, seconds=True)


def _not_ended(run: StoredRun) -> str:
    """Whether an unfinished run is over or may go on: "not finished" alone left a supervisor
    asking whether to wait for the ending or follow the attempt up as given up."""
    if run.status == "left" and not run.choices_made and not taken_back_of(run.progress):
        return (
            f"not finished: opened and left before a line was said "
            f"({_when(played_until(run))}), so it will not go on"
        )
    if not run.choices_made and run.status in ("left", "playing"):
        from sim.records.owner import owner_alive

        if run.status == "left" or not owner_alive(run.owner, run.updated_at):
            # "left after its last line" of a run with no line standing; and one an older
            # peer-sim kept in play so was "may still be resumed", which nothing offers
            return (
                "not finished: left with every line said taken back "
                f"({_when(played_until(run))}), so it is not offered for resume and will not "
                "go on"
            )
    if run.status == "left":
        return (
            # "and not offered for resume" read as if the trainee had been refused the chance:
            # most often they were offered it and started afresh (records33)
            f"not finished: left after its last line ({_when(played_until(run))}) and no "
            "longer offered for resume, so it will not go on"
        )
    return "not finished yet: it may still be resumed"


def _time_playing(run: StoredRun) -> str:
    """The time in the conversation, and whether it was left and picked up again: Started and
    Ended alone read as one sitting, and a supervisor would take a run resumed the next day for
    a day's hesitation (trainer-test-2)."""
    spent = minutes_words(run_seconds(run))
    away = away_of(run.progress)
    if not away:
        return spent
    times = "once" if len(away) == 1 else f"{len(away)} times"
    gone = minutes_words(sum(seconds_playing(left, back) for left, back in away))
    return f"{spent} (left {times} and resumed; the {gone} away not counted)"


def _taken_back(run: StoredRun) -> str:
    """How many lines the trainee said and took back, and the critical slips among them: a
    practice transcript shows only the lines kept, and a supervisor looks for first instincts."""
    taken = taken_back_of(run.progress)
    if not taken:
        return ""
    slips = {t["step"]: t["critical"] for t in taken if t["critical"]}
    among = f"; among them {slips_at(slips)}" if slips else ""
    return f"{len(taken)} (undone in practice, or dropped by starting again){among}"


def _elsewhere(taken: list[dict[str, Any]]) -> list[str]:
    """Lines taken back at moments the transcript does not reach, listed after it.

    They are counted at the top, and a supervisor must be able to read them: a run
    started again, or undone onto another path, never comes back to the moment
    where they could be shown inline.
    """
    if not taken:
        return []
    out = ["**Said, then taken back, at moments the transcript above does not reach:**", ""]
    for t in taken:
        kind = f" ({slip_short(t['critical'])})" if t["critical"] else ""
        out.append(f"- at decision {t['step']}: {markdown_line(t['said'])}{kind}")
    return [*out, ""]


def _typed_last(run: StoredRun) -> list[str]:
    """Own words typed at the decision the run stopped at, with no line picked after them.

    They were kept for the trainee's return (and are in the JSON export), but a supervisor
    reading the Markdown of a run left before a line saw nothing of them, where what a
    trainee would say unprompted is what own-words practice is for.
    """
    typed = draft_of(run.progress) if not run.finished else ""
    if not typed:
        return []
    at = run.choices_made + 1
    return [
        f"**Typed at decision {at}, in their own words, with no line picked after it:** "
        f"{markdown_line(typed)}",
        "",
    ]


def _said_first(taken: list[dict[str, Any]]) -> list[str]:
    """Lines taken back at a moment the transcript shows, just before the line kept there."""
    out: list[str] = []
    for t in taken:
        kind = f" ({slip_short(t['critical'])})" if t["critical"] else ""
        out += [f"**Said first, then taken back:** {markdown_line(t['said'])}{kind}", ""]
    return out


def _kept(run: StoredRun, d: Debrief | None) -> list[tuple[int, str, str, str]]:
    """The lines the transcript shows, as (step, scene, said, words).

    A finished run keeps its decisions; an unfinished one keeps only its progress, so its
    transcript is the rebuilt debrief's, or without one the lines in the progress (whose
    scene is known only from a default `scene#n` id, else ''; a line taken back at that
    decision then shows before it). Lines taken back are shown inline by these scenes: from `run.decisions` alone, an unfinished run's were all listed under
    'moments the transcript above does not reach' below a transcript that reached them.
    """
    if d is not None:
        return [(r.step, r.scene, r.said, r.words) for r in d.decisions]
    if run.decisions:
        return [(s.step, s.scene, s.said, s.words) for s in run.decisions]
    progress = run.progress if isinstance(run.progress, dict) else {}
    choices, said, words = (progress.get(k) for k in ("choices", "said", "words"))
    said = said if isinstance(said, list) else []
    choices = choices if isinstance(choices, list) else []
    words = words if isinstance(words, list) else []
    out = []
    for i, line in enumerate(said):
        cid = choices[i] if i < len(choices) and isinstance(choices[i], str) else ""
        scene = cid.rsplit("#", 1)[0] if whole_number(cid.rsplit("#", 1)[-1]) is not None else ""
        typed = words[i] if i < len(words) and isinstance(words[i], str) else ""
        out.append((i + 1, scene, str(line), typed))
    return out


def _slip_words(d: Debrief, step: int) -> str:
    """The slip's kind in words and what it rules out, as the debrief's summary says it."""
    for slip in d.slips:
        if slip.step == step:
            return f"{slip.kind_words}; a run with it can end no better than {slip.cap}."
    return "this line is a critical slip (see the debrief)."


def to_markdown(
    run: StoredRun,
    identity: dict[str, str] | None = None,
    find: Callable[[str], Scenario | None] | None = None,
) -> str:
    from sim.debrief.lines import debrief_lines

    identity = identity or {}
    d = debrief_of(run, find)
    scenario = find(run.scenario_id) if find else None
    lines = [f"# {markdown_line(run.scenario_title)}: run {run.id}", ""]
    rows = [
        ("Trainee", identity.get("name") or "not given"),
        ("Scenario", f"{run.scenario_id} (content hash {run.digest})"),
    ]
    if scenario is not None:  # the situation, for a reader who was not there
        changed = "" if digest(scenario) == run.digest else " (as the scenario reads now)"
        rows += [
            ("Setting", scenario.setting + changed),
            ("The task", scenario.summary + changed),
        ]
    rows += [
        ("Mode", MODE_WORDS.get(run.mode, run.mode)),
        *(
            [("Own words", "the trainee typed what they would say before seeing the lines")]
            if isinstance(run.progress, dict) and run.progress.get("own_words")
            else []
        ),
        ("Started", _when(run.started_at)),
        ("Ended", _when(run.ended_at) if run.ended_at else _not_ended(run)),
        ("Time playing", _time_playing(run)),
    ]
    if run.finished:
        rows.append(("Ending", f"{run.ending_title} ({run.outcome} outcome)"))
        rows.append(
            ("Final meters", f"trust {run.final_trust}, empowerment {run.final_empowerment}")
        )
    # what a supervisor follows up first, before the long transcript; with no debrief to
    # read them from (the scenario changed or is not here), as the run kept them
    slips = {s.step: s.kind for s in d.slips} if d is not None else run_slips(run)
    if slips_unrecorded(run):  # a schema-2 store's run: its debrief kept no slips
        rows.append(("Critical slips", SLIPS_UNRECORDED))
    elif d is not None or slips:
        rows.append(("Critical slips", slips_at(slips) or "none"))
    if taken := _taken_back(run):
        rows.append(("Lines taken back", taken))
    lines += ["| | |", "|---|---|"] + [f"| {k} | {markdown_line(str(v))} |" for k, v in rows]
    lines += ["", "## Transcript", ""]
    # the trainee's lines named as the header names them, as the replay names them
    # ("Coach:" under "Trainee: Ana Souza" left a reader to match the two)
    who_said = capitalised(speaker(identity.get("name"), people=people_of(scenario)))
    kept = _kept(run, d)
    scenes = {step: scene for step, scene, _, _ in kept}
    undone: dict[int, list[dict[str, Any]]] = {}
    elsewhere: list[dict[str, Any]] = []  # the run went another way after them
    for t in taken_back_of(run.progress):  # inline where the same moment is in the transcript
        if t["said"] and scenes.get(t["step"]) in (t["scene"], ""):  # "": not known
            undone.setdefault(t["step"], []).append(t)
        elif t["said"]:
            elsewhere.append(t)
    if d is not None:
        for r in d.decisions:
            who = r.speaker or "The moment"
            lines.append(
                f"**{r.step}. {markdown_line(who)}**"
                + (f" *({markdown_line(r.action)})*" if r.action else "")
            )
            lines += ["", markdown_quote(r.prompt), ""]
            if r.words or r.cues:  # own-words practice: what they typed, then the line picked
                typed = markdown_line(r.words) if r.words else "*(nothing typed)*"
                lines += [f"**In their own words:** {typed}", ""]
            lines += _said_first(undone.get(r.step, []))
            coach = f"{who_said} (the line picked)" if r.words or r.cues else who_said
            lines.append(f"**{markdown_line(coach)}:** {markdown_line(r.said)}")
            lines.append("")
            if r.critical:  # where it happened, not only in the debrief further down
                lines += [f"**Critical slip:** {markdown_line(_slip_words(d, r.step))}", ""]
            lines.append(
                f"Trust {r.trust_after} ({r.trust_change:+d}), "
                f"empowerment {r.empowerment_after} ({r.empowerment_change:+d})"
            )
            lines.append("")
        if d.ending_text:
            lines += [
                f"**Ending: {markdown_line(d.ending_title)}**",
                "",
                markdown_quote(d.ending_text),
                "",
            ]
        lines += _typed_last(run) + _elsewhere(elsewhere)
        if run.finished:
            heading = "As the trainee saw it at the end of the run:"
        else:
            # The trainee never saw a debrief, and the questions to reflect on speak of
            # how the conversation ended ("Dana left before..."): leave them out.
            when = f"after decision {len(d.decisions)}" if d.decisions else "before a decision"
            heading = (
                f"The run stopped {when}, before an ending, so "
                "the trainee has not seen a debrief. This one covers the lines so far; "
                "the questions to reflect on are left out, as they are about a whole "
                "conversation."
            )
            d = dataclasses.replace(d, reflect=())
        lines += [
            "## Debrief",
            "",
            heading,
            "",
            "```text",
            *markdown_fenced(debrief_lines(d, run.mode)),
            "```",
            "",
        ]
    else:
        for step, _, said, words in kept:
            lines += _said_first(undone.get(step, []))
            lines += [f"{step}. **{markdown_line(who_said)}:** {markdown_line(said)}", ""]
            if words:
                lines += [f"    In their own words: {markdown_line(words)}", ""]
        lines += _typed_last(run) + _elsewhere(elsewhere)
        lines += [
            "The debrief for this run is not available (the scenario has changed or is not "
            "installed here).",
            "",
        ]
    return "\n".join(lines)
