"""`peer-sim sync`: send finished runs to a learning record store (xAPI `POST statements`).

Which runs go, in what batches, and which are marked sent: the requests themselves and
their time bound are `sim.records.lrs_http`'s, their failures in words
`sim.records.lrs_words`'s, the URL's check `sim.records.lrs_url`'s and the check made
with nothing to send `sim.records.lrs_check`'s. Each run
goes in one POST; statement ids are fixed per run
(see `sim.records.xapi`), so after a failure or a kill the same run is sent
again and the store keeps one copy. Every failure is turned into a sentence
that says what to check.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

from sim.records import lrs_http
from sim.records.lrs_check import check
from sim.records.lrs_http import auth, bounded, holds, post
from sim.records.lrs_url import check_url, statements_url
from sim.records.lrs_words import (
    HeldError,
    RefusedError,
    SyncError,
    SyncReport,
    UnreachableError,
    stopped,
)
from sim.records.opening import unavailable
from sim.records.sending import lapses, sender
from sim.records.store import Store
from sim.records.xapi import MomentNames, statements

if TYPE_CHECKING:
    from sim.model import Scenario

__all__ = ["HeldError", "RefusedError", "SyncError", "SyncReport", "statements_url", "sync"]


def sync(
    store: Store,
    lrs: str,
    user: str | None,
    password: str | None,
    progress: Callable[[str], None] = lambda _line: None,
    find: Callable[[str], Scenario | None] | None = None,
) -> SyncReport:
    """Send every run not yet sent that has ended, finished or left (`Store.unsent_ids`);
    each is marked sent as soon as the store accepts it.

    A run the store refuses is left unsent and named in the report, and the rest
    still go: one bad run must not hold back every run after it. A wrong URL or
    wrong credentials would fail for every run, so they stop the sync at once.
    """
    check_url(lrs)
    url = statements_url(lrs)
    headers = auth(user, password)
    # one look at what goes (and what of it went to another store before): a run another
    # sync marks sent meanwhile is read again as it is sent, and skipped (`unsent_run`)
    todo = store.to_send(lrs)
    if not todo[0]:  # nothing to send: no claim (a read-only store may check)
        return _send(store, lrs, url, headers, progress, find, todo)
    _claim(store)
    try:
        return _send(store, lrs, url, headers, progress, find, todo)
    finally:
        with contextlib.suppress(sqlite3.Error):
            store.release_sending()


def _sent_elsewhere(elsewhere: list[tuple[int, str]], sending: int) -> str:
    """Why runs marked sent go again: they went to another record store, not this one."""
    from sim.records.lrs_url import redacted
    from sim.text import brief

    where = sorted({sent_to for _, sent_to in elsewhere})
    named = f"'{brief(redacted(where[0]), 120)}'"
    if len(where) > 1:
        named += f" and {len(where) - 1} other address{'es' if len(where) > 2 else ''}"
    count = len(elsewhere)
    if count == sending:
        which = "It was" if count == 1 else f"All {count} were"
    else:
        which = f"{count} of them {'was' if count == 1 else 'were'}"
    goes = "it goes" if count == 1 else "they go"
    return (
        f"({which} sent before to {named}, not to this record store, so {goes} here too; "
        "a record store keeps one copy of each statement.)"
    )


def _claim(store: Store) -> None:
    """Be the one sync sending this store's runs, or stop before anything is sent."""
    try:
        other = store.claim_sending()
    except sqlite3.Error as exc:
        # a store that cannot be written cannot mark a run sent either: every run
        # would go again at the next sync, so none goes now
        cause = unavailable(store.path.parent, exc).plainly()
        raise SyncError(f"nothing was sent: {cause}") from None
    if other:
        # a sync killed on another machine sharing the store cannot be seen to end here:
        # the trainer is told how long its hold can last, not left to guess (an hour, once)
        until = lapses(other)
        stopped = (
            f" If it has stopped without finishing, its hold lapses by {until}." if until else ""
        )
        raise SyncError(
            f"another sync ({sender(other)}) is sending this store's runs now; nothing was "
            "sent by this one, so no run goes twice. Sync again once that one has finished."
            + stopped
        )


def _keep(store: Store) -> None:
    """Before each request: this sync's claim made fresh, or stop if another took it over.

    A claim lapses when not refreshed for a few minutes (`sim.records.sending.STALE`),
    so a sync killed on another machine holds the store no longer; `Store.claim_sending`
    refreshes this sync's own. A store that cannot be written here is said when the
    run is marked sent; a claim not refreshed merely lapses.
    """
    try:
        other = store.claim_sending()  # taken afresh: the same rule as at the start
    except sqlite3.Error:
        return
    if other:
        raise SyncError(
            f"another sync ({sender(other)}) took over sending this store's runs while this "
            "one waited; this one stops here, so no run goes twice. Sync again once that one "
            "has finished."
        )


def _send(
    store: Store,
    lrs: str,
    url: str,
    headers: dict[str, str],
    progress: Callable[[str], None],
    find: Callable[[str], Scenario | None] | None,
    todo: tuple[list[int], list[tuple[int, str]]],
) -> SyncReport:
    """Every unsent run, one POST each (see `sync`), by the sync that holds the claim.

    `todo` is `Store.to_send`: the ids, each run read as it is sent (not all held at once),
    and those of them sent before to another record store."""
    report = SyncReport()
    moments = MomentNames(find)  # each decision point named in its scenario's words
    unsent, elsewhere = todo
    if unsent:
        runs = f"{len(unsent)} run" + ("s" if len(unsent) != 1 else "")
        progress(f"Sending {runs} to {url} (each waits at most {lrs_http.TIMEOUT} s for an answer)")
        if elsewhere:
            progress(_sent_elsewhere(elsewhere, len(unsent)))
    asked = False  # whether any request of this sync went to the store
    for run_id in unsent:
        run = store.unsent_run(run_id, lrs)
        if run is None:  # damaged (the store says so) or sent meanwhile by another sync
            if run_id in store.damaged:
                report.damaged.append(run_id)
            continue
        who = store.actor(run.trainee)
        batch = statements(run, who, moments, find)
        # whose run it is, in a class's store: a trainer reads which trainee's did not go
        name = f"{who['name']}, " if run.trainee and who.get("name") else ""
        left = "" if run.finished else ", left unfinished"
        label = f"run {run.id} ({name}{run.scenario_id}{left})"
        held = 0
        asked = True
        try:
            _keep(store)
            try:
                new = post(url, batch, headers)
            except HeldError:
                held, new = _one_by_one(url, batch, headers, lambda: _keep(store))
        except RefusedError as exc:
            report.refused.append((run.id, str(exc)))
            progress(f"{label}: not sent: {exc}")
            continue
        except SyncError as exc:
            if isinstance(exc, UnreachableError) and (report.sent_runs or report.refused):
                # it answered this sync before: not a wrong URL, a store gone quiet
                exc = SyncError(stopped(url, exc.reason))
            exc.report = report
            raise exc from None
        try:
            store.mark_sent(run.id, lrs)
        except sqlite3.Error as exc:
            # sent, but not marked (a full disk): said, not "unexpected error"; sending it
            # again is harmless, since statement ids are fixed and a store keeps each once
            cause = unavailable(store.path.parent, exc).plainly()
            failed = SyncError(
                f"{label} reached the record store, but it could not be marked as sent: "
                f"{cause} The next sync sends it again (the record store keeps each "
                "statement once)."
            )
            failed.report = report
            raise failed from None
        report.sent_runs.append(run.id)
        report.statements += new
        already = len(batch) - held - new
        report.already += already
        if held:
            report.held.append((run.id, held))
            whole = held == len(batch)
            progress(
                f"{label}: the record store already holds "
                + (
                    ("its statement" if held == 1 else f"all {held} of its statements")
                    if whole
                    else f"{held} of its {len(batch)} statements"
                )
                + " in an earlier form, sent before the run's details "
                "changed (a stored statement cannot be changed, so that copy stays); "
                + ("nothing else to send" if whole else f"the other {len(batch) - held} were sent")
                + "; marked as sent"
            )
        elif not new:
            progress(
                f"{label}: the record store already held "
                + ("its statement" if len(batch) == 1 else f"its {len(batch)} statements")
                + " (sent before); nothing new stored, marked as sent"
            )
        elif already:
            progress(
                f"{label}: {new} statements sent; the record store already held the other {already}"
            )
        else:
            # a run opened and left before its first line is one `terminated`
            progress(f"{label}: {len(batch)} statement{'' if len(batch) == 1 else 's'} sent")
    if not asked and not report.damaged:
        # nothing went, so nothing tried the URL or the credentials: a programme setting up
        # a nightly sync learnt they were wrong only once a run was played (programme19).
        # (Runs that could not be read are the news then, and are said; not a check's fault.)
        try:
            report.checked = check(url, headers)
        except SyncError as exc:
            exc.report, exc.checking = report, True
            raise
    return report


def _one_by_one(
    url: str, batch: list[dict], headers: dict[str, str], keep: Callable[[], None]
) -> tuple[int, int]:
    """After a 409 on the whole run, each statement on its own: those the store already
    holds in another form are counted and left as they are, any it lacks (one a newer
    peer-sim adds) still goes. A refusal of any other kind still leaves the run unsent.
    Returns (held in another form, stored now).

    A 409 is taken as "held" only once the store shows the statement when asked for it
    by id: a proxy or a misconfigured endpoint answering 409 to everything had every
    run marked as sent, and so never sent, with the store holding none of them.
    """
    held = new = 0
    for statement in batch:
        keep()  # up to two bounded requests a statement: the claim must not lapse meanwhile
        try:
            new += post(url, [statement], headers)
        except HeldError:
            sid = str(statement.get("id", ""))
            if not bounded(url, lambda sid=sid: holds(url, sid, headers)):
                raise RefusedError(
                    f"the record store answered HTTP 409 (it already holds statement {sid}), "
                    "but asked for that statement it does not show it; the run stays "
                    "unsent. Check the URL is the store's xAPI base URL."
                ) from None
            held += 1
    return held, new
