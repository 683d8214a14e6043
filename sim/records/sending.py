"""Which process is sending a store's runs (`peer-sim sync`), so that only one does at once.

A sync claims the store (a row in its `meta` table: 'owner-stamp time') before it
sends anything, keeps the time fresh before every request it makes to the record
store, and drops the claim when it ends. Another sync started meanwhile reads the
claim and stops before sending anything. A claim whose process has ended (a sync
killed midway, a power cut) is no claim: the owner stamp says whether that process
still runs (`sim.records.owner`).

A claim not refreshed for `STALE` holds nothing either, on any machine. Another
machine's process cannot be asked about (a store in a shared folder), and where the
system does not say when a process started (macOS, Windows: the stamp is 'host:pid'),
a pid handed on to a long-running process after a sync was killed would read as that
sync for as long as the process ran. Every request a live sync makes is bounded
(`sim.records.lrs_http.TIMEOUT`), and it refreshes its claim before each, so a claim
minutes old is one whose sync has stopped. Were a sync to lose its claim all the
same (its terminal paused, say), it stops before its next request
(`sim.records.lrs`), and a run sent twice costs nothing but the network: statement
ids are fixed, and a record store keeps one copy.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sim.records.owner import me, owner_alive, owner_host
from sim.records.stored import now

CLAIM_KEY = "sending"
# How long a claim holds without being refreshed. A live sync refreshes it before each
# request, and each request takes at most TIMEOUT (15 s): twenty times that and more.
# (It was an hour, refreshed once per run: a sync killed on another machine sharing
# the store held every other sync off for that long.)
STALE = timedelta(minutes=5)


def claim() -> str:
    """This process's claim, as stored: its owner stamp and the time."""
    return f"{me()} {now()}"


def still_sending(value: str) -> bool:
    """Whether the claim `value` belongs to a sync that may still be sending."""
    import socket

    stamp, _, when = value.partition(" ")
    written = _time(when)
    if not stamp or written is None or datetime.now(written.tzinfo) - written >= STALE:
        return False
    if owner_host(stamp) != socket.gethostname():
        return True  # another machine's process: its time alone can say
    return owner_alive(stamp, when)


def _time(text: str) -> datetime | None:
    try:
        written = datetime.fromisoformat(text)
    except ValueError:
        return None
    return written if written.tzinfo is not None else None


def sender(value: str) -> str:
    """The sync named by a claim, in words: 'process 123 on this machine' or '... on HOST'."""
    import socket

    from sim.text import shown

    stamp, _, _when = value.partition(" ")
    host, _, rest = stamp.rpartition(":")
    pid = rest.partition("/")[0]
    where = "this machine" if host == socket.gethostname() else f"the machine {shown(host)}"
    return f"process {shown(pid)} on {where}"


def lapses(value: str) -> str:
    """When the claim `value` holds no longer if its sync has stopped: '18:07 CST', in this
    computer's zone, named (`stored.local_time`); '' if its time cannot be read (such a
    claim holds nothing anyway)."""
    from sim.records.stored import zone_name

    written = _time(value.partition(" ")[2])
    if written is None:
        return ""
    until = (written + STALE).astimezone()
    return f"{until:%H:%M} {zone_name(until)}"
