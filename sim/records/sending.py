"""Which process is sending a store's runs (`peer-sim sync`), so that only one does at once.

A sync claims the store (a row in its `meta` table: 'owner-stamp time') before it
sends anything, keeps the time fresh as it marks each run sent, and drops the
claim when it ends. Another sync started meanwhile reads the claim and stops
before sending anything. A claim whose process has ended (a sync killed midway,
a power cut) is no claim: the owner stamp says whether that process still runs
(`sim.records.owner`). A claim made on another machine (a store in a shared
folder) cannot be asked about, so it holds only while its time is recent.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sim.records.owner import me, owner_alive, owner_host
from sim.records.stored import now

CLAIM_KEY = "sending"
# How long another machine's claim holds without being refreshed. A sync refreshes it
# with every run it marks sent, and a run takes at most a few bounded requests.
STALE = timedelta(hours=1)


def claim() -> str:
    """This process's claim, as stored: its owner stamp and the time."""
    return f"{me()} {now()}"


def still_sending(value: str) -> bool:
    """Whether the claim `value` belongs to a sync that may still be sending."""
    import socket

    stamp, _, when = value.partition(" ")
    if not stamp:
        return False
    if owner_host(stamp) != socket.gethostname():
        written = _time(when)
        return written is not None and datetime.now(written.tzinfo) - written < STALE
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
