"""`peer-sim export RUN|all`: a run (or every finished run) as Markdown, JSON or xAPI."""

from __future__ import annotations

import argparse
import itertools
import sys
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from sim.commands.common import UsageError, note_if_slow
from sim.commands.records_common import (
    finder,
    no_finished_run,
    open_store,
    pick,
    runs_word,
    trainee_name,
    write_out,
)
from sim.records.stored import local_minute, local_time, zone_name
from sim.text import json_text

if TYPE_CHECKING:
    from sim.records import Store, StoredRun


SLOW_EXPORT = 3.0  # seconds of silence before a person at a terminal is told it is working


def export(args: argparse.Namespace) -> int:
    from sim.records import export as ex
    from sim.records.xapi import MomentNames, sendable, statements

    if args.run_id == "all":
        return export_all(args)
    store = open_store(args, args.trainee, read=True)
    if args.trainee:
        trainee_name(store, args.trainee)
    run = pick(store, args.run_id)
    _say_damage(run, [])
    identity = store.actor(run.trainee)
    if args.format == "md":
        text = ex.to_markdown(run, identity, finder(args))
    elif args.format == "json":
        text = json_text(ex.to_json(run, identity, finder(args))) + "\n"
    else:
        if not sendable(run):
            raise UsageError(
                f"run {run.id} is unfinished and may still be resumed; xAPI statements are made "
                "once it ends: at its ending, or when it is left (not resumed when offered)"
            )
        find = finder(args)
        # one statement at a time, as `export all` writes them: the whole list at once held
        # 1.8 GB for a run of 100,000 decisions (a hand-edited store), 0.6 GB so (adv44)
        made = statements(run, identity, MomentNames(find), find)
        text = _json_list("[", (_nested(json_text(s), 1) for s in made), "\n]\n")
    return write_out(args, text, f"run {run.id}")


def export_all(args: argparse.Namespace) -> int:
    """`export all [--trainee NAME]`: every finished run in one file, for a supervisor or an LMS
    (xAPI: and every run left unfinished, as `sync` sends them).

    JSON is one object holding each run's own export (`peer_sim_exports`), xAPI one
    array of every run's statements, Markdown the runs one after another.
    """
    from sim.records import export as ex
    from sim.records.xapi import MomentNames, sendable, statements

    store = open_store(args, args.trainee, read=True)
    # the name as the store spells it ("Ana"), not as typed ("ana")
    name = trainee_name(store, args.trainee) if args.trainee else None
    # xAPI holds what `sync` sends: runs left unfinished too, as `responded` and `terminated`
    xapi = args.format == "xapi"
    ids = store.sendable_ids() if xapi else store.finished_ids()
    if not ids:
        raise no_finished_run(store, args.trainee)
    written = [0]
    damaged: list[int] = []

    def each_run() -> Iterator[StoredRun]:
        """Each finished run read whole as it is written, never all at once: 1,250 runs
        held 620 MB, a class's 10,000 several GB (adversarial-10)."""
        for run_id in ids:
            run = store.get(run_id)
            # a damaged one is said by the store
            if run is not None and (sendable(run) if xapi else run.finished):
                _say_damage(run, damaged)
                written[0] += 1
                yield run

    if args.format == "md":
        find = finder(args)
        runs_md = (ex.to_markdown(r, store.actor(r.trainee), find) for r in each_run())
        text: Iterable[str] = _joined(
            itertools.chain([_contents(store, name)], runs_md), "\n\n---\n\n"
        )
    elif args.format == "json":
        head = json_text({"peer_sim_exports": 1, "trainee": name, "runs": []})[: -len("]\n}")]
        runs = (_nested(json_text(ex.to_json(r, store.actor(r.trainee))), 2) for r in each_run())
        text = _json_list(head, runs, "\n  ]\n}\n")
    else:
        find = finder(args)
        moments = MomentNames(find)  # each decision point in its scenario's words
        batch = (
            _nested(json_text(s), 1)
            for r in each_run()
            for s in statements(r, store.actor(r.trainee), moments, find)
        )
        text = _json_list("[", batch, "\n]\n")
    # ~28 ms a run: a year's class is minutes of silence at a terminal (adversarial-10)
    slow = note_if_slow(
        lambda: f"(writing {runs_word(len(ids))}; a large class can take a few minutes)",
        SLOW_EXPORT,
    )
    with slow:
        code = write_out(args, text, lambda: runs_word(written[0]))
    more = damaged[DAMAGE_SAID:]
    if more:
        listed = ", ".join(map(str, more[:20])) + (", ..." if len(more) > 20 else "")
        print(
            f"The saved progress of {len(more)} more run{'s' if len(more) > 1 else ''} is "
            f"damaged too ({listed}); the rest of each is exported.",
            file=sys.stderr,
        )
    return code


DAMAGE_SAID = 4  # runs named one by one before the rest are counted in one line


def _say_damage(run: StoredRun, damaged: list[int]) -> None:
    """On stderr, where `run`'s saved progress does not read (`saved_progress.damage`):
    the export holds the rest, and a supervisor must know what it may lack. `damaged`:
    the runs named so far, so a store damaged throughout does not bury the screen."""
    from sim.records.saved_progress import damage

    where = damage(run.progress)
    if where is None:
        return
    damaged.append(run.id)
    if len(damaged) > DAMAGE_SAID:
        return
    notice = (
        f"Run {run.id}: its saved progress is damaged at {where}, so what it held there "
        "may be missing; the rest of the run is exported."
    )
    print(notice, file=sys.stderr)


def _contents(store: Store, name: str | None) -> str:
    """The runs in the file, one line each, before them: a supervisor opening a trainee's
    fifteen runs (2,000 lines) had no list of what is in it nor where the slips were
    (trainer-test-6). From the listing: no debrief or decision is read for it."""
    from sim.debrief.words import slips_at
    from sim.records.record import critical_slips, slips_unrecorded
    from sim.text import markdown_line

    found = list(store.listing(finished_only=True, decisions=False))
    # a run without a trainee is the store owner's, named as its section below names it
    owner = store.actor().get("name") or "not given"
    whose = f" of {markdown_line(name)}" if name else ""
    zone = zone_name()  # this computer's, named once (stored.local_minute)
    lines = [
        f"# Finished runs{whose}: {runs_word(len(found))}",
        "",
        "Oldest first; each follows in full below.",
        "",
        f"| run | started ({zone}) | trainee | scenario | mode | ending | critical slips |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in found:
        cells = [
            str(r.id),
            local_minute(r.started_at, zone),
            r.trainee or owner,
            r.scenario_title,
            r.mode,
            f"{r.ending_title} ({r.outcome})",
            "not recorded"  # a schema-2 store's run: its debrief kept none
            if slips_unrecorded(r)
            else slips_at(critical_slips(r) or {}) or "none",
        ]
        lines.append("| " + " | ".join(markdown_line(c) for c in cells) + " |")
    lines += _not_here(store, owner)
    return "\n".join(lines)


def _not_here(store: Store, owner: str) -> list[str]:
    """The runs with lines said and no ending, named below the table: "all" of a trainee's
    runs left out the crisis conversation they missed the warning signs in and gave up,
    and said nothing of it (programme28). Each still exports alone."""
    from sim.debrief.words import slips_at
    from sim.records.record import run_slips
    from sim.text import markdown_line

    every = list(store.listing(decisions=False))
    runs = [r for r in every if r.listed and not r.finished]
    # opened and left before a line: named, as `runs` names them below its list, since sync
    # sends each (a crisis scenario opened and closed unplayed is worth a word) (records33)
    unplayed = _unplayed([r for r in every if not r.listed and r.status == "left"], owner)
    if not runs:
        return unplayed
    out = [
        "",
        "Not in this file, as they have no ending (each exports alone, with its lines so far):",
        "",
    ]
    for r in runs:
        said = f"{r.choices_made} line{'' if r.choices_made == 1 else 's'}"
        state = f"left unfinished after {said}"
        if r.status != "left":
            state = f"unfinished after {said}, may be resumed"
        slips = slips_at(run_slips(r))
        out.append(
            f"- run {r.id}, {local_time(r.started_at)}, "
            + markdown_line(f"{r.trainee or owner}, {r.scenario_title}, {r.mode}: {state}")
            + (f"; {markdown_line(slips)}" if slips else "")
            + f" (`peer-sim export {r.id} --format md`)"
        )
    return out + unplayed


def _unplayed(runs: list[StoredRun], owner: str) -> list[str]:
    """The runs opened and left before any line was said, one a line, after a blank line."""
    from sim.text import markdown_line

    if not runs:
        return []
    out = ["", "Opened and left before a line was said (nothing to read; sent by `sync`):", ""]
    for r in runs:
        out.append(
            f"- run {r.id}, {local_time(r.started_at)}, "
            + markdown_line(f"{r.trainee or owner}, {r.scenario_title}, {r.mode}")
        )
    return out


def _joined(pieces: Iterable[str], between: str) -> Iterator[str]:
    for n, piece in enumerate(pieces):
        yield (between + piece) if n else piece


def _nested(text: str, depth: int) -> str:
    """JSON text indented as `json_text` nests it `depth` levels down (2 spaces a level)."""
    return ("  " * depth) + text.replace("\n", "\n" + "  " * depth)


def _json_list(head: str, items: Iterable[str], tail: str) -> Iterator[str]:
    """`head`, the items of a JSON list one a line, `tail`: what `json_text` writes of the
    whole, written as the items come ("[]" when there are none)."""
    empty = True
    yield head
    for item in items:
        yield ("\n" if empty else ",\n") + item
        empty = False
    yield "]" + tail[tail.index("]") + 1 :] if empty else tail


def run(args: argparse.Namespace) -> int:
    return export(args)
