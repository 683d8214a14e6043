"""Between the engine's `Run` and the store: what is written when, and reading a debrief back.

The debrief is kept as it was built when the run ended (a snapshot of
`sim.debrief.Debrief`), so a past run reads exactly as the trainee saw it even
after the scenario file has changed or gone. `revive` turns the snapshot back
into the dataclasses the renderers take; if the debrief's shape has changed
since, the caller rebuilds it from the scenario instead.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import types
import typing
from datetime import datetime
from typing import TYPE_CHECKING, Any, Union

from sim.engine import digest
from sim.records.stored import StoredDecision, StoredRun
from sim.text import clean, clean_line

if TYPE_CHECKING:
    from sim.engine import Run
    from sim.model import Catalogue


def progress_of(
    run: Run,
    times: list[str],
    mode: str,
    away: list[list[str]] | None = None,
    taken_back: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """The engine's own record of the run (start and choice ids) with when each choice was made,
    and the spans between leaving it and resuming it (`away`), so a run resumed the next day
    reports the time spent playing, not the day in between; and the lines said and then taken
    back (`taken_back`, see `taken_back_of`); and the critical slips among the lines kept
    (`slips`, see `slips_so_far`) and each kept line's principle verdicts (`verdicts`, see
    `verdicts_so_far`), which a run left before its ending keeps in no decision row."""
    data = run.to_json()
    data["times"] = list(times)
    data["mode"] = mode
    slips = [
        {"step": n, "kind": d.critical} for n, d in enumerate(run.state.decisions, 1) if d.critical
    ]
    if slips:
        data["slips"] = slips
    data["verdicts"] = [
        dict(run.scenario.scenes[d.scene].choices[d.index].principles) for d in run.state.decisions
    ]
    if away:
        data["away"] = [list(span) for span in away]
    if taken_back:
        data["taken_back"] = [dict(entry) for entry in taken_back]
    return data


def taken_back_entry(run: Run, step: int, decision: Any, at: str) -> dict[str, Any]:
    """A line said at decision `step` and then taken back (practice undo, or starting again).

    Kept because a supervisor reads a practice transcript for the trainee's first instinct:
    a safety slip said, its coach note read and the line undone left no trace at all
    (trainer-test-3). Its words and slip kind are kept here, as the scenario may change.
    """
    said = ""
    with contextlib.suppress(KeyError, IndexError, AttributeError):
        said = run.scenario.scenes[decision.scene].choices[decision.index].say
    return {
        "step": step,
        "scene": decision.scene,
        "choice": decision.choice_id,
        "said": said,
        "critical": decision.critical or "",
        "at": at,
    }


def taken_back_of(progress: object) -> list[dict[str, Any]]:
    """The stored lines taken back that read as such, in order; anything else is dropped (the
    progress column is data from disk, and a bad entry must not cost the run)."""
    entries = progress.get("taken_back") if isinstance(progress, dict) else None
    out = []
    for entry in entries if isinstance(entries, list) else ():
        if not isinstance(entry, dict):
            continue
        step = entry.get("step")
        if not isinstance(step, int) or isinstance(step, bool) or step < 1:
            continue
        text = {k: entry.get(k) for k in ("scene", "choice", "said", "critical", "at")}
        out.append({"step": step, **{k: v if isinstance(v, str) else "" for k, v in text.items()}})
    return out


def said_anything(progress: str) -> bool:
    """Whether a stored progress (JSON text from disk) holds a line said, kept or taken back:
    a run left before any has nothing for a record store. Text that does not read as
    progress counts as said, so that reading the run whole names the damage."""
    try:
        data = json.loads(progress)
    except (ValueError, TypeError, RecursionError):
        return True
    if not isinstance(data, dict):
        return True
    choices = data.get("choices")
    return bool(choices if isinstance(choices, list) else True) or bool(taken_back_of(data))


def choices_in(progress: object) -> bool:
    """Whether a stored progress (JSON text from disk) holds a line standing, as a run offered
    for resume must (`Reads.unfinished`); text that does not read as progress counts as one."""
    try:
        data = json.loads(progress) if isinstance(progress, str) else progress
    except (ValueError, TypeError, RecursionError):
        return True
    choices = data.get("choices") if isinstance(data, dict) else None
    return bool(choices) if isinstance(choices, list) else True


def slips_so_far(progress: object) -> dict[int, str]:
    """Decision number -> the kind of critical slip it was, in a run not yet finished.

    A finished run's slips are read from its kept debrief (`critical_slips`); a run left
    before its ending has no debrief, and a safety slip in it reached no supervisor
    (trainer-test-7). The progress written at each line keeps them since; runs written
    before that read as none. Anything that does not read as a slip is dropped (the
    progress column is data from disk).
    """
    entries = progress.get("slips") if isinstance(progress, dict) else None
    return _slip_entries(entries) if isinstance(entries, list) else {}


def verdicts_so_far(progress: object) -> list[dict[str, str]]:
    """Each kept line's principle verdicts (principle id -> honours, undermines or neutral),
    in a run not yet finished, in order.

    A finished run's come from its decision rows; a run left before its ending has none,
    and a trainee who missed the warning signs twice and left counted nowhere in `report`
    or `progress` (programme26). The progress written at each line keeps them since; runs
    written before that read as none. An entry that does not read as verdicts is dropped
    (the progress column is data from disk).
    """
    entries = progress.get("verdicts") if isinstance(progress, dict) else None
    out: list[dict[str, str]] = []
    for entry in entries if isinstance(entries, list) else ():
        if isinstance(entry, dict):
            out.append(
                {
                    k: v
                    for k, v in entry.items()
                    if isinstance(k, str) and isinstance(v, str) and clean_line(k) == k
                }
            )
    return out


def run_slips(run: StoredRun) -> dict[int, str]:
    """A run's critical slips, finished or not: what `runs` and the past-runs list name on
    the run's own line (an unfinished run's from its progress, see `slips_so_far`)."""
    return (critical_slips(run) or {}) if run.finished else slips_so_far(run.progress)


def _slip_entries(entries: list) -> dict[int, str]:
    """{step: kind} of the entries that read as a slip; the rest dropped (data from disk)."""
    out: dict[int, str] = {}
    for entry in entries:
        if not isinstance(entry, dict):
            continue
        step, kind = entry.get("step"), entry.get("kind")
        if isinstance(step, int) and not isinstance(step, bool) and isinstance(kind, str) and kind:
            out[step] = kind
    return out


def draft_of(progress: object) -> str:
    """Own words typed and not yet followed by a line when the run was left ("" for none).

    Read from disk, so cleaned as typed words are, and cut to what the box holds."""
    from sim.cues import clean_words

    draft = progress.get("draft") if isinstance(progress, dict) else None
    return clean_words(draft) if isinstance(draft, str) else ""


def away_of(progress: object) -> list[list[str]]:
    """The stored away spans that read as two timestamps, in order; anything else is dropped
    (the progress column is data from disk, and a bad span must not cost the run)."""
    spans = progress.get("away") if isinstance(progress, dict) else None
    out = []
    for span in spans if isinstance(spans, list) else ():
        if isinstance(span, list) and len(span) == 2 and all(isinstance(t, str) for t in span):
            try:
                start, end = (datetime.fromisoformat(t) for t in span)
                if start <= end:  # TypeError: one with a zone, one without
                    out.append(list(span))
            except (ValueError, TypeError):
                continue
    return out


def seconds_playing(start: str, end: str, away: list[list[str]] | None = None) -> float:
    """Seconds from `start` to `end` less the spans away between leaving and resuming: the time
    a trainee actually spent in the conversation, which the xAPI duration, the Markdown export
    and the class summary all report (a run resumed the next day is not a day's work)."""
    try:
        seconds = (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()
    except (ValueError, TypeError):  # a hand-edited store: no figure rather than a wrong one
        return 0.0
    for left, back in away or ():
        try:
            seconds -= (datetime.fromisoformat(back) - datetime.fromisoformat(left)).total_seconds()
        except TypeError:  # a span with a zone and a run without, from a hand-edited store
            continue
    return max(0.0, seconds)


def run_seconds(run: StoredRun) -> float:
    """The time spent playing `run`, up to its end or, unfinished, its last saved move."""
    return seconds_playing(run.started_at, played_until(run), away_of(run.progress))


def played_until(run: StoredRun) -> str:
    """When `run` was last played: its end, or, unfinished, the time of its last line said.

    Not an unfinished run's `updated_at` alone: leaving a run (declining to resume it, days
    later) stamps it, and a run of five minutes left on Friday and declined on Monday
    counted three days of playing in the class summary, the export and the xAPI duration.
    """
    if run.ended_at:
        return run.ended_at
    times = run.progress.get("times") if isinstance(run.progress, dict) else None
    said = [t for t in times if isinstance(t, str) and t] if isinstance(times, list) else []
    if run.status != "left" or not said:
        return run.updated_at
    return max(said)


def minutes_words(seconds: float) -> str:
    """A time spent, as a supervisor reads it: '45 s', '3 min 5 s', '2 min 0 s', '1 h 0 min'.

    Always both units past the first minute (or hour): in the class summary's column of
    trainees '2 min' beside '1 min 16 s' read as rounded, or as another kind of figure
    (trainer-test-5)."""
    whole = round(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes} min"
    if minutes:
        return f"{minutes} min {secs} s"
    return f"{secs} s"


def decisions_of(run: Run, times: list[str]) -> list[StoredDecision]:
    out = []
    for step, d in enumerate(run.state.decisions, 1):
        choice = run.scenario.scenes[d.scene].choices[d.index]
        out.append(
            StoredDecision(
                step=step,
                scene=d.scene,
                choice_id=d.choice_id,
                said=choice.say,
                trust_before=d.trust_before,
                empowerment_before=d.empowerment_before,
                trust_after=d.trust_after,
                empowerment_after=d.empowerment_after,
                verdicts=dict(choice.principles),
                decided_at=times[step - 1] if step - 1 < len(times) else "",
                words=d.words,
            )
        )
    return out


def debrief_snapshot(run: Run, catalogue: Catalogue | None) -> dict[str, Any] | None:
    from sim.debrief import build_debrief

    try:
        return dataclasses.asdict(build_debrief(run, catalogue))
    except Exception:  # a debrief that cannot be built must never cost the run itself
        return None


def scenario_digest(run: Run) -> str:
    return digest(run.scenario)


def critical_slips(run: StoredRun) -> dict[int, str] | None:
    """Decision number -> the kind of critical slip it was, from the debrief kept with the run.

    The kept debrief is the only record of which lines were critical slips that
    outlives the scenario file; a programme looks for safety slips first, so they
    must reach the record store. None when the debrief is missing or damaged: not
    knowing is not the same as "no slips".
    """
    snapshot = run.debrief if isinstance(run.debrief, dict) else {}
    slips = snapshot.get("slips")
    return _slip_entries(slips) if isinstance(slips, list) else None


# Said where a finished run's critical slips would be, for a run whose kept debrief holds
# none: peer-sim kept them from schema 3 on, and "none" or a zero for a schema-2 store's
# run would tell a supervisor that a run with a safety slip in it was clean
SLIPS_UNRECORDED = "not recorded (an older peer-sim kept this run without its critical slips)"


def slips_unrecorded(run: StoredRun) -> bool:
    """A finished run whose critical slips are unknown (`critical_slips` is None): its
    debrief was kept before slips were, or is missing. Not knowing is not "no slips"."""
    return run.finished and critical_slips(run) is None


# -- reading a snapshot back ----------------------------------------------------
class ReviveError(ValueError):
    """The stored snapshot does not fit today's debrief dataclasses."""


def revive(cls: type, data: Any) -> Any:
    """Rebuild a (frozen) dataclass tree from `dataclasses.asdict` output, checking types."""
    return _value(cls, data)


@functools.cache
def _hints(tp: type) -> dict[str, Any]:
    """A debrief dataclass's field types, worked out once: `get_type_hints` compiles every
    annotation string again on each call, and a 3,000-decision run's debrief (6,000
    dataclasses) took 9 of the 12 seconds its Markdown export spent reviving it."""
    return typing.get_type_hints(tp)


def _value(tp: Any, data: Any) -> Any:
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp):
        if not isinstance(data, dict):
            raise ReviveError(f"{tp.__name__}: expected an object")
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in data:
                kwargs[f.name] = _value(hints[f.name], data[f.name])
            elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise ReviveError(f"{tp.__name__}: '{f.name}' is missing")
        return tp(**kwargs)
    if origin is tuple:
        args = typing.get_args(tp)
        if not isinstance(data, (list, tuple)):
            raise ReviveError("expected a list")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], x) for x in data)
        if len(args) != len(data):
            raise ReviveError("a list of the wrong length")
        return tuple(_value(a, x) for a, x in zip(args, data, strict=True))
    if origin is list:
        if not isinstance(data, list):
            raise ReviveError("expected a list")
        return [_value(typing.get_args(tp)[0], x) for x in data]
    if origin is dict:
        if not isinstance(data, dict):
            raise ReviveError("expected an object")
        return dict(data)
    if origin is Union or (hasattr(types, "UnionType") and isinstance(tp, types.UnionType)):
        for option in typing.get_args(tp):
            try:
                return _value(option, data)
            except ReviveError:
                continue
        raise ReviveError(f"{data!r} fits none of {tp}")
    if tp is type(None):
        if data is not None:
            raise ReviveError("expected nothing")
        return None
    if tp is Any:
        return data
    if tp in (int, str, float, bool):
        if tp is int and isinstance(data, bool) or not isinstance(data, tp):
            raise ReviveError(f"expected {tp.__name__}, got {type(data).__name__}")
        return clean(data) if tp is str else data  # stored text is untrusted like any file
    if origin is typing.Literal:
        if data not in typing.get_args(tp):
            raise ReviveError(f"{data!r} is not one of {typing.get_args(tp)}")
        return data
    return data
