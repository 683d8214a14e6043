"""`peer-sim sync | identity`: sending finished runs to a learning record store, and as whom.

`identity` sets the name, email and programme every statement carries (the
actor, `sim.records.identity`); `sync` sends what is not sent yet.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

from sim.commands.common import UsageError
from sim.commands.records_common import finder, open_store, runs_word
from sim.text import brief, first_hidden, shown

if TYPE_CHECKING:
    from sim.records import Store

MAX_IDENTITY = 200  # a name or email put on every exported statement


# Said when the records cannot be written: another folder would hold none of these runs.
_MARKS = (
    "nothing was sent: sync marks each run it sends in these records, so that no run goes "
    "twice, and sends nothing where it cannot. Sync as someone who may write that folder "
    "(with room on its disk); the runs there wait unsent till then."
)


def sync(args: argparse.Namespace) -> int:
    from sim.records.lrs import SyncError
    from sim.records.lrs import sync as send

    store = open_store(args, None, create=False, marks=_MARKS)  # everyone's runs, as sync sends
    user = args.user or os.environ.get("PEER_SIM_LRS_USER")
    password = args.password or os.environ.get("PEER_SIM_LRS_PASSWORD")
    try:
        report = send(store, args.lrs, user, password, progress=print, find=finder(args))
    except SyncError as exc:
        if exc.checking:  # nothing was pending: the store was asked, and said no
            print(_nothing_to_send(store))
        checked = " (asked with nothing to send; nothing was stored)" if exc.checking else ""
        print(f"peer-sim sync: {exc}{checked}", file=sys.stderr)
        if exc.report.sent_runs:
            print(
                f"{runs_word(len(exc.report.sent_runs))} sent before the problem "
                f"{'stays' if len(exc.report.sent_runs) == 1 else 'stay'} marked as sent; "
                "sync again once it is fixed to send the rest.",
                file=sys.stderr,
            )
        return 1
    if report.sent_runs:
        # statements the store held already are not "sent" (a copied store synced again)
        runs = runs_word(len(report.sent_runs))
        if not report.statements:  # a copy of a store synced before: nothing was new
            # those held in an earlier form count too: a run whose every statement was
            # held so was summed up as 'already held all 0 of their statements'
            earlier = sum(n for _, n in report.held)
            held = report.already + earlier
            if held == 1:  # 'already held all 1 of their statements' (records33)
                form = " (in an earlier form)" if earlier else ""
                whole = f"its one statement{form}"
            else:
                form = f" ({earlier} in an earlier form)" if earlier else ""
                whole = f"all {held} of their statements{form}"
            print(f"{runs} marked as sent: the record store at {args.lrs} already held {whole}")
        elif report.already:
            print(
                f"Sent {runs}, {_statements(report.statements, 'new ')} (the record store "
                f"already held {report.already} more), to {args.lrs}"
            )
        else:
            print(f"Sent {runs}, {_statements(report.statements)}, to {args.lrs}")
        waiting = _waiting(store)
        if waiting:
            print(waiting)
    elif not report.refused and not report.damaged:
        print(_nothing_to_send(store))
    if report.checked:  # nothing went, so the store was asked: a wrong password shows now
        print(f"The record store at {args.lrs} {report.checked}.")
    if report.damaged:
        # "Sending 3 runs" then nothing about the one that never went (adversarial-10)
        ids = ", ".join(str(run_id) for run_id in report.damaged)
        print(
            f"peer-sim sync: {runs_word(len(report.damaged))} ({ids}) could not be read and "
            f"{'stays' if len(report.damaged) == 1 else 'stay'} unsent (the notice above says "
            "why); the other runs are not affected.",
            file=sys.stderr,
        )
    if report.refused:
        ids = ", ".join(str(run_id) for run_id, _ in report.refused)
        print(
            f"peer-sim sync: the record store refused {runs_word(len(report.refused))} ({ids}); "
            f"{'it stays' if len(report.refused) == 1 else 'they stay'} unsent, and the reason "
            f"{'is' if len(report.refused) == 1 else 'for each is'} above.",
            file=sys.stderr,
        )
        return 1
    return 0


def _nothing_to_send(store: Store) -> str:
    if store.last_finished() is None:
        # "every finished run is already in the record store" of a store with none
        said = "Nothing to send: no run has been played to its ending yet."
    else:
        said = "Nothing to send: every run finished or left is already in the record store."
    waiting = _waiting(store)
    return f"{said} {waiting}" if waiting else said


def _waiting(store: Store) -> str:
    """The runs played and not sent, said with why, so no one looks for them in the store."""
    waiting = store.still_open()
    if not waiting:
        return ""
    said = (
        f"{runs_word(waiting)} may still be resumed or {'is' if waiting == 1 else 'are'} being "
        f"played; {'it goes' if waiting == 1 else 'each goes'} once it ends (finished, or left)."
    )
    away = store.elsewhere()
    if away:
        # a run given up on a classroom's machine waits there for ever: named, with its age
        from sim.records.owner import LAPSE_HOURS
        from sim.records.stored import local_time
        from sim.text import brief

        host, last = away[0]
        more = f" and {len(away) - 1} more" if len(away) > 1 else ""
        said += (
            f" Of them, {len(away)} {'is' if len(away) == 1 else 'are'} in play on another "
            f"machine ({brief(host, 40)}, last move {local_time(last)}{more}), and "
            f"{'goes' if len(away) == 1 else 'go'} only once ended there, or released: "
            f"`peer-sim runs` lists them, `peer-sim runs --release ID` keeps one as left "
            f"unfinished so the next sync sends it, and each lapses {LAPSE_HOURS} hours after "
            "its last move (then it may be resumed anywhere)."
        )
    return said


def _set_identity(store: Store, **values: str | None) -> None:
    """Save the identity, or say why it could not be (a full disk was "unexpected error")."""
    import sqlite3

    from sim.records.opening import unavailable

    try:
        store.set_identity(**values)
    except sqlite3.Error as exc:
        raise UsageError(unavailable(store.path.parent, exc).plainly()) from None


def identity(args: argparse.Namespace) -> int:
    setting = args.anonymous or any(v is not None for v in (args.name, args.email, args.programme))
    if args.trainee:
        if setting:
            raise UsageError(
                "--trainee shows a trainee's xAPI account; --name, --email, --programme and "
                "--anonymous set this store's own: give them without --trainee"
            )
        return _trainee_identity(args)
    if setting and not args.anonymous:
        _check_identity(args)  # refused before the store is opened (or made) for writing
    store = open_store(args, read=not setting and _records_exist(args))
    if args.anonymous:
        _set_identity(store, name="", email="")
    elif setting:
        _set_identity(store, name=args.name, email=args.email, programme=args.programme)
    me = store.actor()
    print(f"Anonymous id: {me['actor_id']} (used when no email is given)")
    print(f"Name: {me.get('name') or 'not given'}")
    print(f"Email: {me.get('email') or 'not given'}")
    print(f"Programme: {shown(me.get('programme') or 'not given')}")
    return 0


def _trainee_identity(args: argparse.Namespace) -> int:
    """`identity --trainee NAME`: the xAPI account a trainee's runs are sent as, and the query
    that finds their statements in a record store.

    A record store finds one person's statements by their account (`GET statements?agent=`),
    never by the name beside it, and a trainee's account id is made from the store's (or the
    programme's) and their name: a trainer who knew only the name had to read it out of an
    exported statement (programme26).
    """
    import json
    from urllib.parse import quote

    from sim.commands.records_common import trainee_name
    from sim.records.xapi import actor

    store = open_store(args, args.trainee, read=True)
    name = trainee_name(store, args.trainee)
    who = store.actor(name)
    account = actor(who)["account"]
    agent = json.dumps({"account": account}, separators=(",", ":"))
    print(f"Trainee: {name}")
    print(f"xAPI account: {account['name']} (homePage {account['homePage']})")
    print(f"Programme: {shown(who.get('programme') or 'not given')}")
    print("Their statements in a record store:")
    print(f"  GET statements?agent={quote(agent, safe='')}")
    return 0


def _check_identity(args: argparse.Namespace) -> None:
    """Refuse an email that is none, and a name or programme that would draw over the lines
    `runs` and `report` print around it."""
    if args.email:
        from sim.records.xapi import email_problem

        hidden = first_hidden(args.email, blanks=True)
        why = (
            f"it holds {hidden} (an address has no spaces, control or invisible characters)"
            if hidden
            else f"at most {MAX_IDENTITY} characters"
            if len(args.email) > MAX_IDENTITY
            else email_problem(args.email)
        )
        if why:
            raise UsageError(f"'{brief(args.email)}' does not look like an email address: {why}")
    from sim.records.classroom import name_problem, tidy_name

    for option, value in (("--name", args.name), ("--programme", args.programme)):
        # the trainee names' rule (one rule: programme28), on the name as it is kept;
        # spaces alone are no name: they forget the name (adversarial-13)
        problem = name_problem(tidy_name(value), MAX_IDENTITY) if value and value.split() else ""
        if problem:
            raise UsageError(f"{option}: {problem}")  # as --trainee says it; not echoed


def _records_exist(args: argparse.Namespace) -> bool:
    """Whether a records file is there to show: then showing reads it, and a store the user
    may not write (a read-only mount, a trainer's copy) is shown rather than refused. With
    none yet, showing makes the store: its anonymous id is kept from then on, and one made
    up in memory would be another id at every look (adversarial-12)."""
    from sim.records import RecordsUnavailable, Store

    try:
        empty = Store.nothing_yet(getattr(args, "data_dir", None))
    except (RecordsUnavailable, OSError):  # a folder that cannot be one: open_store says so
        return False
    if empty is None:
        return True
    empty.conn.close()  # the empty store in memory it made to say so
    return False


def run(args: argparse.Namespace) -> int:
    return {"sync": sync, "identity": identity}[args.command](args)


def _statements(n: int, kind: str = "") -> str:
    """'1 new statement', '3 statements': a run left before a line sends one."""
    return f"{n} {kind}statement" + ("" if n == 1 else "s")
