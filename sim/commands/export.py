"""`peer-sim export RUN|all`: a run (or every finished run) as Markdown, JSON or xAPI."""

from __future__ import annotations

import argparse

from sim.commands.common import UsageError
from sim.commands.records_common import finder, open_store, pick, runs_word, trainee_name, write_out
from sim.text import json_text


def export(args: argparse.Namespace) -> int:
    from sim.records import export as ex
    from sim.records.xapi import MomentNames, statements

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
        text = json_text(statements(run, identity, MomentNames(finder(args)))) + "\n"
    return write_out(args, text, f"run {run.id}")


def export_all(args: argparse.Namespace) -> int:
    """`export all [--trainee NAME]`: every finished run in one file, for a supervisor or an LMS.

    JSON is one object holding each run's own export (`peer_sim_exports`), xAPI one
    array of every run's statements, Markdown the runs one after another.
    """
    from sim.records import export as ex
    from sim.records.xapi import MomentNames, statements

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
        moments = MomentNames(finder(args))  # each decision point in its scenario's words
        batch = [s for r in found for s in statements(r, store.actor(r.trainee), moments)]
        text = json_text(batch) + "\n"
    return write_out(args, text, runs_word(len(found)))


def run(args: argparse.Namespace) -> int:
    return export(args)
