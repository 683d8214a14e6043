"""`peer-sim runs | progress | export | sync | identity | report`: reading the records back out.

`--trainee NAME` reads one trainee's runs of a shared store (see `peer-sim serve`).
"""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from typing import TYPE_CHECKING

from sim.commands.common import UsageError, opening_records
from sim.text import brief, json_text, name_key, shown, whole_number

MAX_IDENTITY = 200  # a name or email put on every exported statement

if TYPE_CHECKING:
    from sim.model import Scenario
    from sim.records import Store, StoredRun


def open_store(
    args: argparse.Namespace,
    trainee: str | None = "",
    read: bool = False,
    folder: str | None = None,
) -> Store:
    """The store, reading `trainee`'s runs ('' the owner's own, None everyone's).

    `read`: the command only reads, so a store that cannot be written (a trainer
    reading a classroom's store they may not write) is opened read-only.
    `folder`: another records folder than `--data-dir`'s (`report --also`).
    """
    from sim.records import RecordsUnavailable, Store

    directory = folder if folder is not None else getattr(args, "data_dir", None)
    if read and directory is not None:
        _holds_records(directory, "--also" if folder is not None else "--data-dir")
    try:
        with opening_records(directory):
            store = Store.open(directory, trainee)
    except RecordsUnavailable as exc:
        if not read:
            raise UsageError(exc.plainly()) from None
        try:
            store = Store.open_read_only(directory, trainee)
        except RecordsUnavailable as again:
            raise UsageError(again.plainly()) from None
        why = "is locked by another program" if exc.locked else "cannot be written"
        print(f"(Read only: {shown(store.path)} {why}.)", file=sys.stderr)
    for notice in store.notices:
        print(notice, file=sys.stderr)
    store.on_notice = lambda notice: print(notice, file=sys.stderr)
    return store


def finder(args: argparse.Namespace):  # -> Callable[[str], Scenario | None]
    """Look a scenario up by id in the library (bundled + --scenarios), loaded once."""
    cache: dict[str, object] = {}

    def find(scenario_id: str) -> Scenario | None:
        if "library" not in cache:
            from sim.commands.common import library_paths
            from sim.loading import load_library

            cache["library"] = load_library(library_paths(args.scenarios))
        return cache["library"].get(scenario_id)  # type: ignore[attr-defined]

    return find


def _alike(everyone: list[str], asked: str) -> list[str]:
    """The trainees whose names look like `asked` ('Zoë' for 'Zoe') but are not it."""
    from sim.records.names import skeleton

    shape, wanted = skeleton(asked), name_key(" ".join(asked.split()))
    return [n for n in everyone if shape and skeleton(n) == shape and name_key(n) != wanted]


def trainee_name(store: Store, asked: str) -> str:
    """The trainee's name as the store first spelt it; a name it has never seen is refused,
    with the names it has, so a trainer's typo is not read as 'no runs yet'.

    A trainer types 'Zoe' for 'Zoë' and 'Siobhan' for 'Siobhán': the names that look like
    the one asked are named first (refused, it was a list of up to 20 to search), and
    found, one that looks like another trainee's says so on stderr (trainer-test-3).
    """
    everyone = [n for n in store.trainees() if n]
    wanted = name_key(" ".join(asked.split()))
    alike = _alike(everyone, asked)
    for name in everyone:
        if name_key(name) == wanted:
            if alike:
                print(
                    f"Note: {', '.join(alike)} {'is another trainee' if len(alike) == 1 else 'are other trainees'} "
                    f"with a name like '{name}', and not included (see `peer-sim report`).",
                    file=sys.stderr,
                )
            return name
    if alike:
        raise UsageError(
            f"no runs for trainee '{asked}' in {shown(store.path)}; names that look alike: "
            f"{', '.join(alike)} (give one as the store spells it; names match whole, "
            "without regard to case)"
        )
    known = ", ".join(everyone[:20]) + (", ..." if len(everyone) > 20 else "")
    raise UsageError(
        f"no runs for trainee '{asked}' in {shown(store.path)}"
        + (f"; its trainees: {known}" if known else "; it holds no trainee's runs")
        + " (names match whole, without regard to case)"
    )


def pick(store: Store, which: str) -> StoredRun:
    if which == "last":
        found = store.last_finished()
        if found is None:
            whose = f" for trainee '{store.trainee}'" if store.trainee else ""
            raise UsageError(f"no finished run yet{whose} (play one to its ending first)")
        return found
    number = whole_number(which)
    if number is None:
        raise UsageError(
            f"RUN is a run id from `peer-sim runs`, 'last' or 'all', not '{brief(which)}'"
        )
    found = store.get(number)
    if found is None and number in store.damaged:
        raise UsageError(f"run {which} is damaged in the records file and cannot be read")
    if found is None and store.trainee:  # it may well exist, as another trainee's run
        raise UsageError(
            f"trainee '{store.trainee}' has no run {which} "
            f"(see `peer-sim runs --trainee '{store.trainee}'`)"
        )
    if found is None:
        raise UsageError(f"there is no run {which} (see `peer-sim runs`)")
    return found


def _cells(text: str) -> int:
    """Terminal columns `text` takes: two for a wide character ('李'), none for a mark or a
    joiner (a vowel sign such as Hindi's 'ु' has combining class 0, a ZWNJ is a format
    character: counted as one, a name holding either shifted the columns after it)."""
    return sum(
        0
        if unicodedata.category(ch) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(ch) in "WF"
        else 1
        for ch in text
    )


def _column(text: str, width: int) -> str:
    """`text` padded (or cut, with '…') to `width` columns: '李雷' padded by its length
    shifted every column after it by two (trainer-test-3)."""
    if _cells(text) > width:
        while _cells(text) > width - 1:
            text = text[:-1]
        text += "…"
    return text + " " * (width - _cells(text))


def runs(args: argparse.Namespace) -> int:
    from sim.debrief.words import slips_at
    from sim.records.classroom import MAX_NAME
    from sim.records.names import hidden_letters, look_alike
    from sim.records.record import critical_slips
    from sim.records.stored import owner_alive

    store = open_store(args, args.trainee, read=True)
    found = store.runs()
    print(f"Records: {shown(store.path)}")
    if not found:
        if args.trainee:
            alike = _alike([n for n in store.trainees() if n], args.trainee)
            also = f"; names that look alike: {', '.join(alike)}" if alike else ""
            print(f"No runs for trainee '{args.trainee}'{also} (names: `peer-sim report`).")
            return 0
        if store.damaged:  # "No runs yet" under a notice that a run is damaged read wrong
            print(f"No run can be read: {len(store.damaged)} damaged (said above).")
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
    wide = max([7, *(min(MAX_NAME * 2, _cells(text)) for text in label.values())])
    who = f"{_column('trainee', wide)}  " if named else ""
    print(f"{'id':>4}  {'started (UTC)':16}  {who}{'scenario':22}  {'mode':10}  result")
    for r in found:
        if r.finished:
            result = f"{r.ending_title} ({r.outcome})"
            slips = slips_at(critical_slips(r) or {})
            if slips:  # what a trainer looks for first, on the run's own line
                result += f", {slips}"
            if r.sent_at:
                result += ", synced"
        elif r.status == "playing" and owner_alive(r.owner):
            result = f"being played now ({_choices(r.choices_made)} so far)"
        elif r.status == "playing":
            result = f"unfinished after {_choices(r.choices_made)} (resumable)"
        else:
            result = f"left unfinished after {_choices(r.choices_made)}"
        started = r.started_at[:16].replace("T", " ")
        who = f"{_column(label[r.trainee or '-'], wide)}  " if named else ""
        print(f"{r.id:>4}  {started:16}  {who}{r.scenario_id[:22]:22}  {r.mode:10}  {result}")
    return 0


def progress(args: argparse.Namespace) -> int:
    from sim.records.progress import compute, lines

    store = open_store(args, args.trainee or "", read=True)
    name = trainee_name(store, args.trainee) if args.trainee else ""
    library, titles = library_info(args)
    finished = store.finished_with_decisions()
    if name:
        print(f"Trainee: {name}")
    elif not finished and any(store.trainees()):
        print("Your own runs hold none finished; this store holds trainees' runs:")
        print("see `peer-sim report`, or `peer-sim progress --trainee NAME`.")
        print()
    for line in lines(compute(finished, library, titles)):
        print(line)
    return 0


def report(args: argparse.Namespace) -> int:
    from sim.records.classroom import lines, summarise

    stores = [open_store(args, None, read=True)]
    for folder in getattr(args, "also", None) or []:
        stores.append(open_store(args, None, read=True, folder=folder))
    if len({s.path.resolve() for s in stores}) < len(stores):
        raise UsageError("--also names a records folder the report already reads")
    runs, places = [], []
    for store in stores:
        theirs = store.class_runs()
        runs += theirs
        places += [shown(store.path.parent)] * len(theirs)
    library, titles = library_info(args)
    read = [shown(s.path.parent) for s in stores]
    summary = summarise(runs, library, titles, places, read)
    if args.format == "text":
        files = ", ".join(shown(s.path) for s in stores)
        text = "".join(f"{line}\n" for line in [f"Records: {files}", *lines(summary)])
        return write_out(args, text, "the class summary")
    from datetime import datetime, timezone

    from sim.records.class_export import to_csv, to_data

    if args.format == "csv":
        text = to_csv(summary)
    else:
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        text = json_text(to_data(summary, now)) + "\n"
    return write_out(args, text, "the class summary")


def _holds_records(folder: str, option: str = "--also") -> None:
    """Refuse a folder to read records from that does not exist (`--also`, or `--data-dir`
    of a command that only reads): a mistyped room was made as a new, empty store and
    read as if that room had played nothing ("No runs yet"). A folder that exists but
    holds no records yet (a room served where nobody has played) is read."""
    from sim.records import RecordsUnavailable
    from sim.records.location import data_dir

    try:
        found = data_dir(folder).is_dir()
    except RecordsUnavailable:
        return  # a folder that cannot be (a home nobody has): opening says why, better
    except OSError:
        found = False
    if not found:
        raise UsageError(
            f"{option} {shown(folder)}: no such folder; give the folder the records were "
            "kept in (the --data-dir they were played or served with)"
        )


def library_info(args: argparse.Namespace):  # -> (list[ScenarioInfo], dict[str, str])
    from sim.commands.common import library_paths
    from sim.loading import load_catalogue, load_library
    from sim.problems import ScenarioError
    from sim.records.progress import ScenarioInfo

    lib = load_library(library_paths(args.scenarios))
    infos = [ScenarioInfo(s.id, s.title, tuple(s.trains)) for s in lib.scenarios]
    try:
        titles = {pid: p.title for pid, p in load_catalogue().principles.items()}
    except ScenarioError:
        titles = {}
    return infos, titles


def export(args: argparse.Namespace) -> int:
    from sim.records import export as ex
    from sim.records.xapi import statements

    if args.run_id == "all":
        return export_all(args)
    store = open_store(args, args.trainee, read=True)
    if args.trainee:
        trainee_name(store, args.trainee)
    run = pick(store, args.run_id)
    identity = store.actor(run.trainee)
    if args.format == "md":
        text = ex.to_markdown(run, identity, finder(args))
    elif args.format == "json":
        text = json_text(ex.to_json(run, identity)) + "\n"
    else:
        if not run.finished:
            raise UsageError(f"run {run.id} is unfinished; xAPI statements are made at the ending")
        text = json_text(statements(run, identity)) + "\n"
    return write_out(args, text, f"run {run.id}")


def export_all(args: argparse.Namespace) -> int:
    """`export all [--trainee NAME]`: every finished run in one file, for a supervisor or an LMS.

    JSON is one object holding each run's own export (`peer_sim_exports`), xAPI one
    array of every run's statements, Markdown the runs one after another.
    """
    from sim.records import export as ex
    from sim.records.xapi import statements

    store = open_store(args, args.trainee, read=True)
    # the name as the store spells it ("Ana"), not as typed ("ana")
    name = trainee_name(store, args.trainee) if args.trainee else None
    found = store.finished_with_decisions()
    if not found:
        whose = f" for trainee '{args.trainee}'" if args.trainee else ""
        raise UsageError(f"no finished run yet{whose}")
    if args.format == "md":
        find = finder(args)
        text = "\n\n---\n\n".join(ex.to_markdown(r, store.actor(r.trainee), find) for r in found)
    elif args.format == "json":
        data = {
            "peer_sim_exports": 1,
            "trainee": name,
            "runs": [ex.to_json(r, store.actor(r.trainee)) for r in found],
        }
        text = json_text(data) + "\n"
    else:
        batch = [s for r in found for s in statements(r, store.actor(r.trainee))]
        text = json_text(batch) + "\n"
    return write_out(args, text, _runs(len(found)))


def write_out(args: argparse.Namespace, text: str, what: str) -> int:
    """Print `text`, or write it to `-o FILE` (streams.write_file); the exit status."""
    if not args.output:
        sys.stdout.write(text)
        return 0
    from sim.commands.streams import write_file

    failed = write_file(args.output, text)
    if failed is not None:
        print(f"peer-sim: {failed}", file=sys.stderr)
        return 1
    print(f"Wrote {what} ({args.format}) to {args.output}", file=sys.stderr)
    return 0


def sync(args: argparse.Namespace) -> int:
    from sim.records.lrs import SyncError
    from sim.records.lrs import sync as send

    store = open_store(args)
    user = args.user or os.environ.get("PEER_SIM_LRS_USER")
    password = args.password or os.environ.get("PEER_SIM_LRS_PASSWORD")
    try:
        report = send(store, args.lrs, user, password, progress=print)
    except SyncError as exc:
        print(f"peer-sim sync: {exc}", file=sys.stderr)
        if exc.report.sent_runs:
            print(
                f"{_runs(len(exc.report.sent_runs))} sent before the problem "
                f"{'stays' if len(exc.report.sent_runs) == 1 else 'stay'} marked as sent; "
                "sync again once it is fixed to send the rest.",
                file=sys.stderr,
            )
        return 1
    if report.sent_runs:
        print(f"Sent {_runs(len(report.sent_runs))}, {report.statements} statements, to {args.lrs}")
    elif not report.refused:
        print("Nothing to send: every finished run is already in the record store.")
    if report.refused:
        ids = ", ".join(str(run_id) for run_id, _ in report.refused)
        print(
            f"peer-sim sync: the record store refused {_runs(len(report.refused))} ({ids}); "
            "they stay unsent, and the reason is above.",
            file=sys.stderr,
        )
        return 1
    return 0


def _choices(n: int) -> str:
    return f"{n} choice{'' if n == 1 else 's'}"


def _runs(n: int) -> str:
    return f"{n} run{'' if n == 1 else 's'}"


def identity(args: argparse.Namespace) -> int:
    store = open_store(args)
    if args.anonymous:
        store.set_identity(name="", email="")
    elif args.name is not None or args.email is not None or args.programme is not None:
        if args.email:
            from sim.records.xapi import email_problem

            why = (
                "no control or invisible characters, nor spaces"
                if not args.email.isprintable() or " " in args.email
                else f"at most {MAX_IDENTITY} characters"
                if len(args.email) > MAX_IDENTITY
                else email_problem(args.email)
            )
            if why:
                raise UsageError(
                    f"'{brief(args.email)}' does not look like an email address: {why}"
                )
        if args.name and (not args.name.isprintable() or len(args.name) > MAX_IDENTITY):
            raise UsageError(
                f"--name takes a name of at most {MAX_IDENTITY} characters: letters, digits, "
                "spaces and punctuation (no control or invisible characters)"
            )
        if args.programme and (
            not args.programme.isprintable() or len(args.programme) > MAX_IDENTITY
        ):
            raise UsageError(
                f"--programme takes a name of at most {MAX_IDENTITY} characters: letters, "
                "digits, spaces and punctuation (no control or invisible characters)"
            )
        store.set_identity(name=args.name, email=args.email, programme=args.programme)
    me = store.actor()
    print(f"Anonymous id: {me['actor_id']} (used when no email is given)")
    print(f"Name: {me.get('name') or 'not given'}")
    print(f"Email: {me.get('email') or 'not given'}")
    print(f"Programme: {shown(me.get('programme') or 'not given')}")
    return 0


def run(args: argparse.Namespace) -> int:
    return {
        "runs": runs,
        "progress": progress,
        "export": export,
        "sync": sync,
        "identity": identity,
        "report": report,
    }[args.command](args)
