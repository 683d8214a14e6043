"""`peer-sim runs | progress | report`: the records read back as lists and summaries.

`export` is in export.py, `sync` and `identity` in sync.py; what they share
(the store, the trainee, the run) in records_common.py.

`--trainee NAME` reads one trainee's runs of a shared store (see `peer-sim serve`).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from sim.cells import cells, fit
from sim.commands.common import UsageError, on_terminal
from sim.commands.records_common import (
    library_info,
    names_like,
    nothing_recordable,
    open_store,
    trainee_name,
    unfinished_words,
    write_out,
)
from sim.records.listing import SHARED_NUMBERS, numbers_skip
from sim.records.stored import local_minute, local_time, zone_name
from sim.text import brief, json_text, shown, shown_name

if TYPE_CHECKING:
    from sim.records import Store


def runs(args: argparse.Namespace) -> int:
    from sim.debrief.words import slips_at
    from sim.look_alike import hidden_letters, look_alike
    from sim.records.classroom import MAX_NAME
    from sim.records.owner import LAPSE_HOURS, owner_alive, owner_host
    from sim.records.record import run_slips, slips_unrecorded

    if getattr(args, "release", None):
        return release(args)
    store = open_store(args, args.trainee, read=True)
    every = list(store.listing(decisions=False))  # no debrief nor decision read
    # a run left before any line stood is noise in the list, as in the app's past runs;
    # its id is still named below, for a supervisor who looks for it (`StoredRun.listed`)
    found = [r for r in every if r.listed]
    unlisted = [r.id for r in every if not r.listed]
    print(f"Records: {shown(store.path)}")
    if not found and unlisted:
        print(f"No run with a line kept yet. {_unlisted(unlisted)}")
        return 0
    if not found:
        if args.trainee:
            alike = names_like([n for n in store.trainees() if n], args.trainee)
            also = f"; names that look alike: {', '.join(alike)}" if alike else ""
            print(f"No runs for trainee '{args.trainee}'{also} (names: `peer-sim report`).")
            return 0
        if store.damaged:  # "No runs yet" under a notice that a run is damaged read wrong
            print(f"No run can be read: {len(store.damaged)} damaged (said above).")
            return 0
        if not recordable(store):
            print("No runs yet (and none can be recorded in this folder: said above).")
            return 0
        print("No runs yet. Play a scenario (`peer-sim play first-meeting`) and it is recorded.")
        return 0
    named = any(r.trainee for r in found)  # a shared store: say whose each run is
    # as wide as the longest name (40 at most): cut at 16, 'Maria Fernanda Lopez' and
    # 'Maria Fernanda Luna' were one 'Maria Fernanda L'
    # a name drawn like another trainee's ('Аna' with a Cyrillic А beside 'Ana') says so
    label = {n: n for n in (r.trainee or "-" for r in found)}
    for name in (n for group in look_alike([n for n in store.trainees() if n]) for n in group):
        if name in label and (hidden := hidden_letters(name)):
            label[name] = f"{name} ({hidden})"
    wide = max([7, *(min(MAX_NAME * 2, cells(text)) for text in label.values())])
    who = f"{fit('trainee', wide)}  " if named else ""
    zone = zone_name()  # the times in this computer's zone, named once (stored.local_minute)
    head = f"started ({zone})"
    when_wide = max(16, len(head))
    print(f"{'id':>4}  {head:{when_wide}}  {who}{'scenario':22}  {'mode':10}  result")
    for r in found:
        if r.finished:
            result = f"{r.ending_title} ({r.outcome})"
        elif r.status == "playing" and owner_alive(r.owner, r.updated_at):
            where = _where(r.owner)
            # on another machine: when it last moved, so a run abandoned there weeks ago
            # (never sent until it ends) is told from one a trainee is at this minute
            last = "" if where == "now " else f", the last at {local_time(r.updated_at)}"
            result = f"being played {where}({_choices(r.choices_made)} so far{last})"
        elif r.status == "playing" and _where(r.owner) != "now ":
            # in play on another machine once, idle past the lapse: any machine may resume it
            host = brief(owner_host(r.owner), 40)
            result = (
                f"unfinished after {_choices(r.choices_made)} (resumable: its last move on "
                f"{host}, at {local_time(r.updated_at)}, is over {LAPSE_HOURS} hours old)"
            )
        elif r.status == "playing":
            result = f"unfinished after {_choices(r.choices_made)} (resumable)"
        else:
            result = f"left unfinished after {_choices(r.choices_made)}"
        slips = slips_at(run_slips(r))
        if slips:  # what a trainer looks for first, on the run's own line
            result += f", {slips}"
        elif slips_unrecorded(r):  # a schema-2 store's run: no slip listed is not "none"
            result += ", critical slips not recorded"
        if r.sent_at:  # a finished run, or one left unfinished (sync sends both)
            result += ", synced"
        started = local_minute(r.started_at, zone)
        who = f"{fit(label[r.trainee or '-'], wide)}  " if named else ""
        print(
            f"{r.id:>4}  {started:{when_wide}}  {who}{r.scenario_id[:22]:22}  {r.mode:10}  {result}"
        )
    if unlisted:
        print(_unlisted(unlisted))
    if args.trainee and numbers_skip([r.id for r in every]):
        whose = f"{shown_name(found[0].trainee or args.trainee)}'s"  # as the records spell it
        print(f"{SHARED_NUMBERS.format(whose=whose)}; `peer-sim export ID` takes them as listed.")
    return 0


def release(args: argparse.Namespace) -> int:
    """`runs --release ID`: a run still marked as in play, kept as left unfinished.

    A run in play on another machine sharing the store (a classroom's, or a copy) cannot
    be asked about; one given up there was never sent, and waited until it lapsed
    (`sim.records.owner.LAPSE_HOURS`). A supervisor releases it at once. A run this
    machine's process is playing is refused: the trainee is at it now.
    """
    from sim.records.owner import owner_alive, owner_host
    from sim.text import whole_number

    ids = []
    for given in args.release:
        number = whole_number(given.strip(), 9)
        if number is None:
            raise UsageError(
                f"--release takes a run's id, a number from `peer-sim runs`, not {shown(given)}"
            )
        ids.append(number)
    store = open_store(args, None, marks="which runs are released")
    print(f"Records: {shown(store.path)}")
    code = 0
    for run_id in dict.fromkeys(ids):
        run = store.get(run_id)
        if run is None:
            print(f"Run {run_id}: no such run here (`peer-sim runs` lists them).")
            code = 1
            continue
        what = f"Run {run_id} ({shown_name(run.trainee) if run.trainee else 'your own'}, "
        what += f"{shown(run.scenario_title)}, {_choices(run.choices_made)})"
        if run.status == "finished":
            print(f"{what} is finished: there is nothing to release.")
            code = 1
            continue
        if run.status == "left":
            print(f"{what} is already left unfinished; `peer-sim sync` sends it.")
            continue
        if owner_alive(run.owner, run.updated_at) and _where(run.owner) == "now ":
            pid = run.owner.rpartition(":")[2].partition("/")[0]
            print(
                f"{what} is being played now by process {shown(pid)} on this machine: it is "
                "released when its trainee leaves it (or the tab or window is closed)."
            )
            code = 1
            continue
        host = owner_host(run.owner)
        where = (
            f"in play on {brief(host, 40)}, last move {local_time(run.updated_at)}"
            if host and _where(run.owner) != "now "
            else "left off, not resumed"
        )
        if not store.give_up(run_id):
            print(f"{what} changed as it was being released; run `peer-sim runs` again.")
            code = 1
            continue
        print(
            f"{what}, {where}, is released: kept as left unfinished, never offered for resume, "
            "and the next `peer-sim sync` sends it. Should it still be open there, the lines "
            "said there from now on are not recorded, and its player is told so."
        )
    return code


def _unlisted(ids: list[int]) -> str:
    """The runs `runs` leaves out, by id: no line said in them (left, or just begun)."""
    from sim.records.listing import not_listed

    one = "it" if len(ids) == 1 else "one"
    return f"{not_listed(ids)}; `peer-sim export ID --format md` reads {one}."


def recordable(store: Store) -> bool:
    """Whether a run played with this store's folder is kept: False where `open_store`
    said "Read only: nothing can be recorded in", so no closing line says otherwise."""
    return not (nothing_recordable(store.path.parent) and not os.path.lexists(store.path))


def progress(args: argparse.Namespace) -> int:
    from sim.records.progress import compute, lines

    store = open_store(args, args.trainee or "", read=True)
    name = trainee_name(store, args.trainee) if args.trainee else ""
    library, titles = library_info(args)
    # every run with a line kept: a left run's lines count in the principles too
    listed = [r for r in store.listing() if r.listed]
    finished = [r for r in listed if r.finished]
    if name:
        print(f"Trainee: {name}")
    elif not finished and any(store.trainees()):
        print("Your own runs hold none finished; this store holds trainees' runs:")
        print("see `peer-sim report`, or `peer-sim progress --trainee NAME`.")
        print()
    if name and not finished:
        # "Play a scenario to its ending" said to the supervisor reading a trainee's progress,
        # with nothing of the runs they left (the class summary counts them)
        left = unfinished_words(store)
        print(f"No finished runs yet for {name}" + (f"; {left}." if left else "."))
        if not listed:
            return 0
        print()
    for line in lines(compute(listed, library, titles, name), recordable=recordable(store)):
        print(line)
    return 0


def report(args: argparse.Namespace) -> int:
    from sim.records.class_text import lines
    from sim.records.classroom import class_summary

    if getattr(args, "bom", False) and args.format != "csv":
        raise UsageError(
            "--bom is for --format csv (a spreadsheet's file); text and JSON need none"
        )
    stores = [open_store(args, None, read=True)]
    seen = {stores[0].path.resolve()}
    for folder in getattr(args, "also", None) or []:
        store = open_store(args, None, read=True, folder=folder)
        if store.path.resolve() in seen:
            # which one: with a dozen rooms given, "names a folder already read" left a
            # trainer to compare them by hand (a link, a trailing slash, the --data-dir)
            raise UsageError(
                f"--also {shown_name(folder)} names a records folder the report already reads "
                f"({shown(store.path.parent.resolve())}); give each folder once"
            )
        seen.add(store.path.resolve())
        stores.append(store)
    library, titles = library_info(args)
    read = [shown(s.path.parent) for s in stores]
    summary = class_summary(stores, library, titles, read)
    if args.format == "text":
        files = ", ".join(shown(s.path) for s in stores)
        said = lines(summary, recordable=any(recordable(s) for s in stores))
        text_lines = [f"Records: {files}", *said]
        if not args.output and on_terminal(sys.stdout):
            import shutil

            from sim.records.class_text import fitted

            text_lines = fitted(text_lines, shutil.get_terminal_size().columns - 1)
        text = "".join(f"{line}\n" for line in text_lines)
        return write_out(args, text, "the class summary")
    from datetime import datetime, timezone

    from sim.records.class_export import to_csv, to_data

    if args.format == "csv":
        # Excel reads a CSV opened by a double-click in the machine's legacy code page
        # unless it begins with a BOM ("Zoë" shown as "ZoÃ«"); a BOM is opt-in, since a
        # script reading the file as UTF-8 would find it glued to the first column's name
        text = to_csv(summary)
        if args.bom and args.output:
            text = "\ufeff" + text
        elif args.bom:
            from sim.commands.streams import write_mark

            write_mark("\ufeff")  # through the gate it would be the text `\ufeff`
    else:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        text = json_text(to_data(summary, now)) + "\n"
    return write_out(args, text, "the class summary")


def _where(owner: str) -> str:
    """'now ', or on which machine: a store copied from a classroom's machine while a tab
    played shows that run as in play there, and 'being played now' on the coordinator's
    machine read as someone at it this minute (trainer-test-6)."""
    import socket

    from sim.records.owner import owner_host

    host = owner_host(owner)
    if not host or host == socket.gethostname():
        return "now "
    return f"on another machine, {brief(host, 40)}, or was when this store was copied "


def _choices(n: int) -> str:
    return f"{n} choice{'' if n == 1 else 's'}"


def run(args: argparse.Namespace) -> int:
    return {"runs": runs, "progress": progress, "report": report}[args.command](args)
