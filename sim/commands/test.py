"""`peer-sim test PATH... [--random N] [--seed S]`: coverage of every branch, and random plays.

Exit 0 when every scene, choice and ending is reached and no play gets stuck;
1 when anything is uncovered (or a file does not load). Dead ends and loops
with no way out are located and worded as `peer-sim check` reports them.

`--slips N` reports the best path and every path with N slips instead (exit 1 when
a critical slip ends strong). `--format json` gives either report to tools, shaped as
`check --format json` (`_coverage_json`, `_slips_json`), with the same exit status.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from sim.authoring.replays import choices_option, replay_command
from sim.cells import cells as columns
from sim.cells import pad
from sim.shell_words import suggest
from sim.text import shown

if TYPE_CHECKING:
    from sim.authoring.coverage import Coverage, RandomReport, Settled
    from sim.authoring.exploration import Exploration
    from sim.authoring.fairness import FairnessReport
    from sim.authoring.slips import Slip, SlipPath
    from sim.loading.where import Where
    from sim.model import Scenario
    from sim.problems import Problem

MAX_RANDOM = 1_000_000
"""A million plays take minutes per scenario; more is a typo, not a test (hours)."""


def run(args: argparse.Namespace) -> int:
    from sim.commands.common import UsageError
    from sim.loading import find_scenario_files, load_scenario
    from sim.loading.resolve import ids_typed, paths_or_ids
    from sim.problems import ScenarioError

    if not 0 <= args.random <= MAX_RANDOM:
        raise UsageError(
            f"--random takes how many random plays to run, 0 to {MAX_RANDOM:,} (0: none), "
            f"not {args.random}"
        )
    if args.seed < 0:
        # random.Random(-5) plays as random.Random(5): refuse rather than mislead.
        raise UsageError(f"--seed takes a whole number, 0 or more, not {args.seed}")
    if args.slips is not None and args.slips < 1:
        # "0 path(s) with exactly -3 slips", exit 0, once read as a rule kept
        raise UsageError(
            f"--slips takes how many slips from the best path, 1 or more, not {args.slips}"
        )
    as_json = getattr(args, "format", "text") == "json"
    resolved = paths_or_ids(args.paths, args.scenarios)
    typed = _typed_ids(args.paths, resolved)
    heads = ids_typed(args.paths, resolved)
    files = find_scenario_files(resolved)
    if as_json and args.slips is not None:
        return _slips_json(files, args.slips, resolved)
    if as_json:
        return _coverage_json(files, args.random, args.seed, resolved, typed, heads)
    if not files:
        from sim.loading.files import no_scenarios_note

        print(no_scenarios_note(resolved), file=sys.stderr)
        return 1
    failed = 0
    for i, file in enumerate(files):
        if i:
            print()
        try:
            scenario = load_scenario(file)
        except ScenarioError as exc:
            for p in exc.problems:
                print(p.format())
            if any(p.code != "unreadable" for p in exc.problems):  # (check cannot read it either)
                print(
                    f"{shown(file)}: does not load; fix it first ({suggest('peer-sim check', file)})"
                )
            failed += 1
            continue
        if args.slips is not None:
            if not slips_report(scenario, args.slips, head=heads.get(str(file))):
                failed += 1
        else:
            head = heads.get(str(file))
            with _patience(scenario, head):
                if not report(
                    scenario, args.random, args.seed, name=typed.get(str(file)), head=head
                ):
                    failed += 1
    if len(files) > 1 and args.slips is not None:
        print(
            f"\n{len(files)} file(s): {len(files) - failed} keep the critical-slip rule, {failed} not."
        )
    elif len(files) > 1:
        print(
            f"\n{len(files)} file(s) tested: {len(files) - failed} fully covered with the rules "
            f"kept, {failed} not."
        )
    return 1 if failed else 0


def _typed_ids(entries: list[str], resolved: list[str]) -> dict[str, str]:
    """The file each scenario id typed stands for, with that id: the paths `test` prints
    to replay say `first-meeting`, as typed, not the installed path. Only where the id
    alone (no --scenarios) names the same file, so the command replays as printed."""
    from sim.loading.resolve import paths_or_ids
    from sim.problems import UsageError

    out: dict[str, str] = {}
    for entry, file in zip(entries, resolved, strict=True):
        if entry == file:  # a path, kept as given
            continue
        try:
            alone = paths_or_ids([entry])
        except UsageError:  # an id only --scenarios knows
            continue
        if alone == [file]:
            out[file] = entry
    return out


PATIENCE = 3.0  # seconds of silence before a person at a terminal is told it is working


def _patience(
    scenario: Scenario, head: str | None = None
) -> contextlib.AbstractContextManager[None]:
    """Say once, at a terminal, that a large scenario is still being walked: one near
    the state bound takes a minute or more with nothing printed (how long depends on the
    machine, so the note promises no figure) (the report is written
    when it is known), which reads as a hang."""
    from sim.commands.common import note_if_slow

    name = shown(head or scenario.path or scenario.id)
    return note_if_slow(
        lambda: (
            f"(still walking every state of {name}: a scenario this large can take minutes; "
            "Ctrl+C stops it)"
        ),
        PATIENCE,
    )


def slips_report(
    scenario: Scenario, n: int, out: IO[str] | None = None, head: str | None = None
) -> bool:
    """The best path and every path with `n` slips; False when a critical slip ends strong.

    `head` is the id the author typed, for the first line (else the file's path)."""
    from sim.authoring.slips import slip_paths

    out = out or sys.stdout
    say = lambda line="": print(line, file=out)  # noqa: E731
    path = head or scenario.path or scenario.id
    rep = slip_paths(scenario, n)
    worst = _worst(scenario)

    ends = _ends
    say(f"{shown(path)}: {scenario.title}")
    b = rep.best
    say(
        f"  best path: {_choices(b.numbers)} -> {ends(b)}, trust {b.trust}, "
        f"empowerment {b.empowerment}"
    )
    if b.outcome != "strong":
        say("  note: the best path does not end strong")
    word = "slip" if n == 1 else "slips"
    say(
        f"  {len(rep.paths)} path(s) with exactly {n} {word}{' (stopped early)' if rep.truncated else ''}:"
    )
    if rep.searched:
        from sim.authoring.slips import MAX_MOVES

        say(
            f"    (the search stopped after {MAX_MOVES:,} moves: paths with {n} {word} are too "
            f"many or too long to list here, or there are none (the best path has "
            f"{len(b.numbers)} decisions); try fewer)"
        )
    if rep.paths:
        rows = [("choices", "slips (decision: choice)", "ending", "trust", "emp.")]
        for p in rep.paths:
            slipped = ", ".join(
                f"{s.step}: {s.choice_id}" + (f" CRITICAL {s.critical}" if s.critical else "")
                for s in p.slips
            )
            rows.append(
                (",".join(map(str, p.numbers)), slipped, ends(p), str(p.trust), str(p.empowerment))
            )
        # by terminal columns: an ending titled '再见' took four, not two (sim.cells)
        widths = [max(columns(r[i]) for r in rows) for i in range(5)]
        for r in rows:
            row = [pad(r[i], widths[i]) if i < 3 else r[i].rjust(widths[i]) for i in range(5)]
            say("    " + "  ".join(row).rstrip())
    if rep.paths and not rep.truncated:
        # How forgiving the scenario is, as one figure: the library lists a level by the
        # authors' `order`, and this is the measure to set it by (review 24b).
        kept = sum(p.outcome == "strong" for p in rep.paths)
        say(
            f"  still strong after {n} {word}: {kept} of {len(rep.paths)} path(s), "
            f"{round(100 * kept / len(rep.paths))}% (lower is harder: see `order`)"
        )
    broken = rep.critical_strong()
    harsh = rep.harmless_worst(worst)
    critical = [p for p in rep.paths if p.critical]
    if critical:
        say(
            f"  critical slips: {len(critical)} path(s); "
            + (f"{len(broken)} still end strong" if broken else "none ends strong")
        )
    for p in broken:
        say(f"  ERROR: a critical slip still ends strong: {_choices(p.numbers)} -> {ends(p)}")
    for p in harsh:
        say(
            f"  warning: one harmless slip leads to the worst ending: {_choices(p.numbers)} -> "
            f"{ends(p)}; is the slip at decision {p.slips[0].step} that serious?"
        )
    say(
        "  result: "
        + ("BROKEN: a critical slip ends strong" if broken else "critical-slip rule kept")
    )
    return not broken


def _worst(scenario: Scenario) -> str:
    """The worst outcome among the scenario's endings (what "the worst ending" is)."""
    from sim.engine import OUTCOME_RANK as ranks

    return min((e.outcome for e in scenario.endings.values()), key=ranks.__getitem__)


JSON_FORMAT = 1
"""`"peer_sim_test_slips"` in `test --slips --format json`: raised only when a field
changes meaning or goes (new fields may appear without it)."""


def _slips_json(files: list[Path], n: int, entries: list[str]) -> int:
    """`test --slips N --format json`: one entry per file, as `check --format json`
    gives them (`path`, `ok`, `errors`, `warnings`, each problem with its file, line
    and key), with the best path and every path with `n` slips; the exit status as
    the text report's. Every string is data: `json_text` escapes controls."""
    from sim.loading import load_scenario
    from sim.problems import ScenarioError

    entries_out: list[dict[str, Any]] = []
    for file in files:
        try:
            scenario = load_scenario(file)
        except ScenarioError as exc:
            entries_out.append(_file_entry(file, n, list(exc.problems)))
            continue
        entries_out.append(_file_entry(file, n, [], scenario))
    return _write_json(("peer_sim_test_slips", JSON_FORMAT), entries_out, {"slips": n}, entries)


def _write_json(
    version: tuple[str, int],
    out: list[dict[str, Any]],
    more: dict[str, Any],
    entries: list[str],
) -> int:
    """One shape for both reports' JSON: the version key, the files, a summary (with the
    report's own `more` before the exit status), and the text report's exit status."""
    from sim.text import json_text

    failed = sum(not e["ok"] for e in out)
    status = 1 if failed or not out else 0
    payload = {
        version[0]: version[1],
        "files": out,
        "summary": {
            "files": len(out),
            "ok": len(out) - failed,
            "failed": failed,
            "errors": sum(len(e["errors"]) for e in out),
            "warnings": sum(len(e["warnings"]) for e in out),
            **more,
            "exit_status": status,
        },
    }
    sys.stdout.write(json_text(payload) + "\n")  # ASCII: every control escaped
    if not out:
        from sim.loading.files import no_scenarios_note

        print(no_scenarios_note(entries), file=sys.stderr)
    return status


def _file_entry(
    file: Path, n: int, problems: list[Problem], scenario: Scenario | None = None
) -> dict[str, Any]:
    """One file of `test --slips --format json`: a file that does not load has its
    errors (as `check` words them) and no paths."""
    entry: dict[str, Any] = {
        "path": str(file),
        "ok": False,
        "id": None,
        "title": None,
        "slips": n,
        "best": None,
        "paths": [],
        "complete": None,
        "search_stopped": None,
        "still_strong": None,
        "errors": [p.to_dict() for p in problems if p.severity == "error"],
        "warnings": [p.to_dict() for p in problems if p.severity == "warning"],
    }
    if scenario is None:
        return entry
    from sim.authoring.slips import slip_paths
    from sim.loading.where import Where

    rep = slip_paths(scenario, n)
    broken = set(rep.critical_strong())  # (paths differ by their numbers)
    harsh = set(rep.harmless_worst(_worst(scenario)))
    where = Where(scenario)
    kept = sum(p.outcome == "strong" for p in rep.paths)
    entry.update(
        id=scenario.id,
        title=scenario.title,
        best=_path_entry(rep.best, where),
        paths=[_path_entry(p, where, p in broken, p in harsh) for p in rep.paths],
        complete=not rep.truncated,
        search_stopped=rep.searched,
        still_strong=(
            {"paths": kept, "of": len(rep.paths), "percent": round(100 * kept / len(rep.paths))}
            if rep.paths and not rep.truncated
            else None
        ),
    )
    for p in rep.paths:
        if p in broken:
            slip = next(s for s in p.slips if s.critical)
            problem = where.problem(
                _slip_loc(slip),
                f"a critical slip ({slip.critical}) still ends strong: "
                f"{_choices(p.numbers)} -> {_ends(p)}",
                "add an ending with the outcome the slip's cap allows "
                "(peer-sim check: cap-no-ending)",
                severity="error",
                code="critical-strong",
            )
            entry["errors"].append({**problem.to_dict(), "choices": _numbers(p)})
    for p in rep.paths:
        if p in harsh:
            slip = p.slips[0]
            problem = where.problem(
                _slip_loc(slip),
                f"one harmless slip leads to the worst ending: {_choices(p.numbers)} -> {_ends(p)}",
                f"is the slip at decision {slip.step} that serious? if so, mark it a "
                "critical slip; if not, let it cost less, or let a later line win back "
                "what it costs",
                severity="warning",
                code="harmless-worst",
            )
            entry["warnings"].append({**problem.to_dict(), "choices": _numbers(p)})
    entry["ok"] = not entry["errors"]
    return entry


def _path_entry(
    p: SlipPath, where: Where, critical_strong: bool = False, harmless_worst: bool = False
) -> dict[str, Any]:
    """One path: its choices as `--choices` takes them (numbers as offered, and the same
    as choice ids), where it ends and its slips, each with the line it is written on."""
    from sim.loading.keypath import format_key

    return {
        "choices": _numbers(p),
        "choice_ids": list(p.ids),
        "ending": p.ending or None,
        "outcome": p.outcome or None,
        "stopped": p.stopped or None,
        "trust": p.trust,
        "empowerment": p.empowerment,
        "slips": [
            {
                "decision": s.step,
                "scene": s.scene,
                "choice_id": s.choice_id,
                "critical": bool(s.critical),
                "critical_kind": s.critical or None,
                "key": format_key(_slip_loc(s)),
                "line": where.line(_slip_loc(s))[0],
            }
            for s in p.slips
        ],
        "critical_strong": critical_strong,
        "harmless_worst": harmless_worst,
    }


def _slip_loc(slip: Slip) -> tuple[object, ...]:
    """Where a slip's line is written: `scenes.middle.choices[3]`."""
    return ("scenes", slip.scene, "choices", slip.index)


def _numbers(p: SlipPath) -> str:
    """A path as `--choices` takes it: `2,1,3`."""
    return ",".join(map(str, p.numbers))


def _ends(p: SlipPath) -> str:
    if not p.ending:
        return f"no ending ({'goes round a loop' if p.stopped == 'loops' else 'play stops'})"
    return f"{p.ending} ({p.outcome})"


@dataclass
class Walk:
    """Everything the coverage report says about one scenario, worked out once
    (`walk`): the text report (`report`) and the json (`_coverage_entry`) read it."""

    scenario: Scenario
    found: Exploration
    walked: Settled
    ranges: dict[str, tuple[tuple[int, int], tuple[int, int]]]
    loops: dict[str, list[str]]  # loops with no way out, by their first scene in the file
    # `uncovered:`'s problems, each with the choices that show it (dead ends, loops) or None
    uncovered: list[tuple[Problem, tuple[int, ...] | None]]
    fair: FairnessReport | None  # None: not judged (the walk stopped at its bound)
    punished: list[Problem]  # one per fair.punished, in its order (so too the two below)
    beaten: list[Problem]
    trailing: list[Problem]
    random: RandomReport | None  # None with --random 0
    covered: bool  # every scene, choice and ending reached; no dead end, no loop
    ok: bool  # what `test` exits 0 on
    verdict: str  # the `result:` line's words


def walk(
    scenario: Scenario,
    plays: int,
    seed: int,
    bound: int | None = None,
    name: str | None = None,
    max_nodes: int | None = None,
) -> Walk:
    """The coverage and random-play report for one scenario, as facts (see `report`)."""
    from sim.authoring.coverage import MAX_STATES, StateGraph, random_plays, settle
    from sim.authoring.exploration import MAX_NODES
    from sim.authoring.explore import explore
    from sim.authoring.fairness import problems as rule_problems
    from sim.authoring.fairness import unfair_lines
    from sim.authoring.lint import dead_end, no_way_out
    from sim.loading.where import Where

    # The exploration first: its peak is the larger, and what it keeps is small.
    # Paths and outcomes: texts shown change neither.
    found = explore(scenario, max_nodes or MAX_NODES, texts=False)
    graph = StateGraph()
    walked = settle(scenario, found, bound or MAX_STATES, graph)
    cov, gaps = walked.cov, walked.gaps
    ranges = found.ending_ranges()
    # Loops with no way out, named as `check` names them (by their first scene
    # in the file). The exploration also finds loops of choices that only go
    # round; the coverage walk gives a path into the `next` loops it met.
    loops = dict(found.stuck) if found.complete else {}
    for first, scenes in cov.loop_scenes.items():
        if not any(first in loop for loop in loops.values()):
            loops[first] = scenes
    where = Where(scenario)
    uncovered: list[tuple[Problem, tuple[int, ...] | None]] = []
    # Unsettled (both searches stopped): "never" would be a guess.
    settled = walked.settled
    missed = "never reached" if settled else "not reached before the search stopped"
    for sid in gaps["scenes"]:
        uncovered.append((where.problem(("scenes", sid), missed, code="uncovered"), None))
    for sid, i in gaps["choices"]:
        if sid in cov.scenes:
            problem = where.problem(
                ("scenes", sid, "choices", i),
                "never offered in any reachable state"
                if settled
                else "not offered in any state reached before the search stopped",
                code="uncovered",
            )
            uncovered.append((problem, None))
    for eid in gaps["endings"]:
        uncovered.append((where.problem(("endings", eid), missed, code="uncovered"), None))
    for sid, p in cov.stuck.items():
        branches = isinstance(scenario.scenes[sid].next, tuple)
        uncovered.append((dead_end(where, sid, f"after {_choices(p)}", branches=branches), p))
    for first, loop in loops.items():
        into = next((p for s, p in cov.loops.items() if s in loop), None)
        how = "" if into is None else f"; it goes round after {_choices(into)}"
        uncovered.append((no_way_out(where, first, loop, how), into))
    fair = unfair_lines(scenario, graph) if cov.complete else None
    del graph  # the largest thing here; the random plays below do not need it
    punished = rule_problems(scenario, fair.punished, where, name) if fair else []
    beaten = rule_problems(scenario, fair.beaten, where, name) if fair else []
    trailing = rule_problems(scenario, fair.trailing, where, name) if fair else []
    rnd = random_plays(scenario, plays, seed) if plays else None
    covered = not any(gaps.values()) and not cov.stuck and not loops
    ok = covered and cov.complete
    if ok:
        verdict = "every branch covered"
    elif covered and found.complete:
        verdict = (
            "every branch covered; NOT judged: safety moves, critical slips and best lines "
            f"({cov.too_many})"
        )
    else:
        verdict = "NOT fully covered: " + _gaps(gaps, cov, loops)
    if punished:
        verdict += f"; BROKEN: {len(punished)} safety move(s) can cost the outcome"
    if beaten:
        verdict += f"; BROKEN: {len(beaten)} critical slip(s) can end better than the best line"
    if trailing:
        verdict += f"; warning: {len(trailing)} best line(s) can end worse than a weaker one"
    return Walk(
        scenario,
        found,
        walked,
        ranges,
        loops,
        uncovered,
        fair,
        punished,
        beaten,
        trailing,
        rnd,
        covered,
        ok and not punished and not beaten,
        verdict,
    )


def report(
    scenario: Scenario,
    plays: int,
    seed: int,
    out: IO[str] | None = None,
    bound: int | None = None,
    name: str | None = None,
    head: str | None = None,
    max_nodes: int | None = None,
) -> bool:
    """Print the coverage and random-play report for one scenario; True when all covered.

    `bound` lowers the coverage search's state bound, so a test can see what an
    author sees on a scenario too large to walk state by state, and `max_nodes` the
    exact search's (sim.authoring.explore). `name` is the id the
    author typed, for the commands it prints (else the file's path); `head` the id
    typed, for the first line, even one only `--scenarios` knows.
    """
    from sim.authoring.lint import show_loop

    w = walk(scenario, plays, seed, bound, name, max_nodes)
    found, cov = w.found, w.walked.cov
    unproven, shortest, ranges = w.walked.unproven, w.walked.shortest, w.ranges
    out = out or sys.stdout
    say = lambda line="": print(line, file=out)  # noqa: E731
    n_choices = sum(len(s.choices) for s in scenario.scenes.values())
    path = scenario.path or scenario.id
    say(f"{shown(head or path)}: {scenario.title}")
    say(
        f"  covered: {len(cov.taken)}/{n_choices} choices, "
        f"{len(cov.endings)}/{len(scenario.endings)} endings, "
        f"{len(cov.scenes)}/{len(scenario.scenes)} scenes "
        f"({cov.states:,} states explored)"
    )
    if not found.complete:
        say(
            f"  the exploration of every state stopped at its bound, {found.bound:,} combinations of scene, "
            f"flags and visited scenes (it saw {found.meter_states:,} states with their meters, "
            f"in {len(found.reached & set(scenario.scenes))} of {len(scenario.scenes)} scenes): "
            "the meter ranges below are only those it saw"
        )
    for loop in w.loops.values():
        say(f"  but play can go round a loop it never leaves: {show_loop(loop)}")
    for sid in cov.stuck:
        say(f"  but play can stop at scene '{sid}' with no choice offered")
    if not cov.complete:
        say(
            f"  the scenario has {cov.too_many}, more than peer-sim walks one by one: "
            + (
                "what is reached was settled by the full exploration, and paths past the "
                "first ones were found by going deep first (not all shortest)"
                if found.complete
                else "the coverage below is partial"
            )
        )
    say("  endings (shortest path; replay it to see it):")
    for eid, ending in scenario.endings.items():
        label = f"    {eid} ({ending.outcome})"
        if eid not in cov.endings:
            say(
                f"{label}: reached, but no path found before the search stopped"
                if eid in unproven["endings"]
                else f"{label}: never reached"
            )
            continue
        if eid in ranges:
            (lo_t, hi_t), (lo_e, hi_e) = ranges[eid]
            seen = "" if found.complete else " (or wider: the exploration stopped early)"
            say(f"{label}: trust {lo_t}..{hi_t}, empowerment {lo_e}..{hi_e}{seen}")
        else:  # (the exploration stopped at its bound before it could say)
            say(f"{label}: meters not known (the exploration stopped early)")
        note = "" if eid in shortest else "  (a path, maybe not the shortest)"
        say(f"      {replay_command(name or path, cov.endings[eid])}{note}")
    if w.uncovered:
        say("  uncovered:")
        for p, _ in w.uncovered:
            say("    " + p.format())
    fair, punished, beaten, trailing = w.fair, w.punished, w.beaten, w.trailing
    if fair is None:
        say(
            "  safety moves, critical slips and best lines: not judged: they are compared in "
            f"every state, and this scenario has {cov.too_many} (a state is a scene with its "
            "trust, empowerment and the flags still to be tested; meter changes in steps of one "
            "size, all even say, and flags tested soon after they are set make fewer; so does "
            "splitting it into two scenarios)"
        )
    else:
        if fair.lines:
            say(
                f"  safety moves: {fair.lines} line(s) compared, in every state where one is "
                "offered, with the lines beside them: "
                + (
                    f"{len(punished)} can cost the outcome"
                    if punished
                    else "none costs the outcome"
                )
            )
        for p in punished:
            say("    " + p.format())
        if fair.slips:
            say(
                f"  critical slips: {fair.slips} line(s) compared, in every state where one is "
                "offered, with the best line beside them: "
                + (f"{len(beaten)} can end better" if beaten else "none ends better")
            )
        for p in beaten:
            say("    " + p.format())
        say(
            "  best lines: compared, in every state, with the weaker lines beside them: "
            + (f"{len(trailing)} can end worse" if trailing else "none ends worse")
        )
        for p in trailing:
            say("    " + p.format())
    rnd = w.random
    if rnd is not None:
        say(f"  random: {plays} plays, seed {seed}:")
        parts = [
            f"{eid} {rnd.endings[eid]} ({100 * rnd.endings[eid] / plays:.0f}%)"
            for eid in scenario.endings
        ]
        say("    endings: " + ", ".join(parts))
        if rnd.stuck:
            say("    stuck: " + ", ".join(f"{s} {n}" for s, n in rnd.stuck.most_common()))
        if rnd.unfinished:
            say(f"    still going after the step limit: {rnd.unfinished}")
        say(f"    principles ({rnd.decisions} decisions):")
        for pid, counts in sorted(rnd.principles.items(), key=lambda kv: -sum(kv[1].values())):
            detail = ", ".join(
                f"{v} {counts[v]}" for v in ("honours", "neutral", "undermines") if counts[v]
            )
            say(f"      {pid}: {sum(counts.values())} ({detail})")
        untouched = [p for p in scenario.trains if p not in rnd.principles]
        if untouched:
            say("    trained but never came up: " + ", ".join(untouched))
    say("  result: " + w.verdict)
    return w.ok


def _gaps(gaps: dict[str, list], cov: Coverage, loops: dict[str, list[str]]) -> str:
    """What is missing, in words: "1 loop with no way out, 2 choices never offered"."""
    parts = [
        (len(gaps["scenes"]), "scene", "never reached"),
        (len(gaps["choices"]), "choice", "never offered"),
        (len(gaps["endings"]), "ending", "never reached"),
        (len(cov.stuck), "dead end", "where play stops"),
        (len(loops), "loop", "with no way out"),
    ]
    words = [f"{n} {what}{'s' if n > 1 else ''} {tail}" for n, what, tail in parts if n]
    if not cov.complete:
        words.append("the exploration stopped early")
    return ", ".join(words)


def _choices(path: tuple[int, ...]) -> str:
    return choices_option(path) if path else "no choices"


COVERAGE_FORMAT = 1
"""`"peer_sim_test_coverage"` in `test --format json` (no `--slips`): raised only when a
field changes meaning or goes (new fields may appear without it)."""


def _coverage_json(
    files: list[Path],
    plays: int,
    seed: int,
    entries: list[str],
    typed: dict[str, str],
    heads: dict[str, str],
) -> int:
    """`test --format json`: the coverage report per file, shaped as `--slips --format
    json` gives its own (`path`, `ok`, `errors`, `warnings` as `check --format json`
    gives them, then a `summary`), with what the text says; the exit status is the
    text report's. Every string is data: `json_text` escapes controls."""
    from sim.loading import load_scenario
    from sim.problems import ScenarioError

    out: list[dict[str, Any]] = []
    for file in files:
        try:
            scenario = load_scenario(file)
        except ScenarioError as exc:
            out.append(_coverage_entry(file, list(exc.problems)))
            continue
        head = heads.get(str(file))
        with _patience(scenario, head):
            w = walk(scenario, plays, seed, name=typed.get(str(file)))
        out.append(_coverage_entry(file, [], w))
    more = {"random": plays, "seed": seed}
    return _write_json(("peer_sim_test_coverage", COVERAGE_FORMAT), out, more, entries)


RULES = (
    ("safety_moves", "safety-punished"),
    ("critical_slips", "slip-beats-best"),
    ("best_lines", "best-trails"),
)
"""The three comparisons (`sim.authoring.fairness`): their json key and their problems' code."""


def _coverage_entry(file: Path, problems: list[Problem], w: Walk | None = None) -> dict[str, Any]:
    """One file of `test --format json`: a file that does not load has its errors (as
    `check` words them), and null or empty where the report would be."""
    entry: dict[str, Any] = {
        "path": str(file),
        "ok": False,
        "id": None,
        "title": None,
        "covered": None,
        "states_explored": None,
        "complete": None,
        "stopped_by": None,
        "exploration_complete": None,
        "uncovered": None,
        "reached_without_path": None,
        "endings": [],
        **{key: None for key, _ in RULES},
        "random": None,
        "result": None,
        "errors": [p.to_dict() for p in problems if p.severity == "error"],
        "warnings": [p.to_dict() for p in problems if p.severity == "warning"],
    }
    if w is None:
        return entry
    from sim import engine
    from sim.loading.keypath import format_key
    from sim.loading.where import Where

    scenario, cov, found = w.scenario, w.walked.cov, w.found
    gaps, unproven = w.walked.gaps, w.walked.unproven
    where = Where(scenario)

    def at(loc: tuple[object, ...]) -> dict[str, Any]:
        return {"key": format_key(loc), "line": where.line(loc)[0]}

    def said(code: str) -> list[tuple[Problem, tuple[int, ...] | None]]:
        return [(p, path) for p, path in w.uncovered if p.code == code]

    def cid(sid: str, i: int) -> str:
        return engine.choice_id(sid, i, scenario.scenes[sid].choices[i])

    n_choices = sum(len(s.choices) for s in scenario.scenes.values())
    entry.update(
        id=scenario.id,
        title=scenario.title,
        covered={
            "choices": {"covered": len(cov.taken), "of": n_choices},
            "endings": {"covered": len(cov.endings), "of": len(scenario.endings)},
            "scenes": {"covered": len(cov.scenes), "of": len(scenario.scenes)},
        },
        states_explored=cov.states,
        complete=cov.complete,
        stopped_by=cov.too_many or None,
        exploration_complete=found.complete,
        uncovered={
            "scenes": [{"id": s, **at(("scenes", s))} for s in gaps["scenes"]],
            "choices": [
                {"scene": s, "choice_id": cid(s, i), **at(("scenes", s, "choices", i))}
                for s, i in gaps["choices"]
            ],
            "endings": [{"id": e, **at(("endings", e))} for e in gaps["endings"]],
            "dead_ends": [
                {"scene": s, "key": p.key, "line": p.line, "choices": _joined(path)}
                for s, (p, path) in zip(cov.stuck, said("dead-end"), strict=True)
            ],
            "loops": [
                {"scenes": loop, "key": p.key, "line": p.line, "choices": _joined(path)}
                for loop, (p, path) in zip(w.loops.values(), said("no-way-out"), strict=True)
            ],
        },
        reached_without_path={
            "scenes": list(unproven["scenes"]),
            "choices": [cid(s, i) for s, i in unproven["choices"]],
            "endings": list(unproven["endings"]),
        },
        endings=[_ending_entry(w, eid) for eid in scenario.endings],
        random=_random_entry(w),
        result=w.verdict,
    )
    found_problems: list[tuple[Problem, tuple[int, ...] | None]] = list(w.uncovered)
    if w.fair is None:
        found_problems.append(
            (
                where.problem(
                    ("start",),
                    "safety moves, critical slips and best lines not judged: they are compared "
                    f"in every state, and this scenario has {cov.too_many}",
                    "meter changes in steps of one size (all even, say) and flags tested soon "
                    "after they are set make fewer states; so does splitting it into two "
                    "scenarios",
                    code="not-judged",
                ),
                None,
            )
        )
        for key, code in RULES:
            entry[key] = {"judged": False, "lines": None, "problems": None, "code": code}
        del entry["best_lines"]["lines"]
    else:
        fair = w.fair
        judged = (
            (fair.lines, fair.punished, w.punished),
            (fair.slips, fair.beaten, w.beaten),
            (None, fair.trailing, w.trailing),  # (every line is measured: no count)
        )
        for (key, code), (lines, broken, said) in zip(RULES, judged, strict=True):
            entry[key] = {"judged": True, "lines": lines, "problems": len(said), "code": code}
            if lines is None:
                del entry[key]["lines"]
            for b, p in zip(broken, said, strict=True):
                found_problems.append((p, (*b.path, b.number)))
    for p, path in found_problems:
        item = p.to_dict() if path is None else {**p.to_dict(), "choices": _joined(path)}
        entry["errors" if p.severity == "error" else "warnings"].append(item)
    entry["ok"] = w.ok
    return entry


def _ending_entry(w: Walk, eid: str) -> dict[str, Any]:
    """One ending: its outcome, meter range and a shortest path to it (as `--choices` takes
    it, and as choice ids), or null where none was found."""
    scenario, cov = w.scenario, w.walked.cov
    path = cov.endings.get(eid)
    meters = w.ranges.get(eid)
    return {
        "id": eid,
        "outcome": scenario.endings[eid].outcome,
        "reached": path is not None or eid in w.walked.unproven["endings"],
        "choices": _joined(path),
        "choice_ids": None if path is None else _choice_ids(scenario, path),
        "shortest": path is not None and eid in w.walked.shortest,
        "trust": None if meters is None else {"min": meters[0][0], "max": meters[0][1]},
        "empowerment": None if meters is None else {"min": meters[1][0], "max": meters[1][1]},
        "meters_complete": meters is not None and w.found.complete,
    }


def _random_entry(w: Walk) -> dict[str, Any] | None:
    """The random plays: how many ended where, with the seed that plays them again."""
    rnd = w.random
    if rnd is None:
        return None
    scenario = w.scenario
    verdicts = ("honours", "neutral", "undermines")
    return {
        "plays": rnd.plays,
        "seed": rnd.seed,
        "endings": {eid: rnd.endings[eid] for eid in scenario.endings},
        "stuck": dict(rnd.stuck.most_common()),
        "unfinished": rnd.unfinished,
        "decisions": rnd.decisions,
        "principles": {
            pid: {v: counts[v] for v in verdicts}
            for pid, counts in sorted(rnd.principles.items(), key=lambda kv: -sum(kv[1].values()))
        },
        "trained_never_came_up": [p for p in scenario.trains if p not in rnd.principles],
    }


def _joined(path: tuple[int, ...] | None) -> str | None:
    """A path as `--choices` takes it (`2,1,3`), or None."""
    return None if path is None else ",".join(map(str, path))


def _choice_ids(scenario: Scenario, numbers: tuple[int, ...]) -> list[str]:
    """The same path as stable choice ids, played through the engine (numbers are as
    offered at each moment, so only a play says which line each one was)."""
    from sim import engine

    run = engine.Run.begin(scenario)
    ids = []
    for n in numbers:
        run.settle()
        offer = next(o for o in run.offers() if o.number == n)
        ids.append(engine.choice_id(run.state.scene, offer.index, offer.choice))
        run.choose(n)
    return ids
