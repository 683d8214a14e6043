"""Which process plays a run: the owner stamp a playing run carries, and whether it still runs.

A playing run names its owner process so that only abandoned runs are offered for
resume. A process id alone does not name a process for long: once the owner has
ended, the system hands its pid to the next process started, and a run whose pid
now belonged to a shell, a browser or a daemon read "being played now" for as long
as that process ran, never offered for resume (adversarial-24). So the stamp also
holds when the owner started ("host:pid/boot.start", Linux: the boot's id and the
start time in /proc), and a process with that pid that started at another time is
not the owner. Where the system does not say when a process started (no /proc),
the stamp is "host:pid", as every stamp was before; for such a stamp a process that
started well after the run was last written cannot be its owner, since the owner
writes the run while it plays. Without /proc (macOS, the BSDs) that start is asked
of `ps -o etime=` (POSIX: how long the process has run); before, such a system took
any process with the pid for the owner, and a killed peer-sim's run (or sync's
claim) whose pid went to a long-running program stayed "being played" for as long
as that program ran.

Kept apart from `sim.records.stored` (what a stored run is) because this is about
processes, not records, and holds the platform rules.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from datetime import datetime

from sim.text import whole_number

# A stamp without a start time: how long after the run's last write a process with
# its pid must have started to be surely another one. Generous, because a wrong
# "gone" lets two processes play one run; clocks that step (NTP) are within it.
LEGACY_MARGIN = 120.0

# A run in play on another machine sharing the store (whose process cannot be asked about)
# is taken as in play only this long after its last move. Before, such a run given up
# there (a tab left open over a weekend, a machine switched off) was "being played" for
# ever: never offered for resume, never sent. After it, the run is offered for resume as
# any other run left off, and its old process, should it still run, is refused its next
# line (`Store.save_progress`). A trainer need not wait: `peer-sim runs --release ID`.
LAPSE_HOURS = 12


def me() -> str:
    """The owner stamp of this process: 'host:pid/start' ('host:pid' where unknown)."""
    pid = os.getpid()
    started = _started(pid)
    return f"{socket.gethostname()}:{pid}/{started}" if started else f"{socket.gethostname()}:{pid}"


def owner_host(owner: str) -> str:
    """The machine an owner stamp names ('' for none)."""
    return owner.rpartition(":")[0]


def owner_alive(owner: str, written: str = "") -> bool:
    """Is the process that owns a playing run still running (on this machine)?

    `written` is when the run was last written (its `updated_at`), read for a stamp
    without a start time, and for another machine's run (it lapses, `LAPSE_HOURS`).
    """
    host, _, rest = owner.rpartition(":")
    pid, _, started = rest.partition("/")
    number = whole_number(pid, 9)
    if not owner or number is None:
        return False
    if host != socket.gethostname():
        # another machine's run on a shared folder: not ours to take, until it lapses
        return not lapsed(written)
    if number <= 0:
        return False  # no process: kill(0, 0) asks the caller's own group, and succeeds
    if os.name != "posix":
        # Windows: os.kill(pid, 0) is no question there; 0 is CTRL_C_EVENT, and any
        # other signal ends the process: never sent to a pid read from a file
        alive, started = _windows_alive(number)
        return alive and not _late(started, written)
    try:
        os.kill(number, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # another user's process holds the pid: alive, but is it the owner?
    stat = _stat(number)
    if stat is None:  # no /proc (macOS): when it started, as `ps` says
        return not _late(_ps_started(number), written)
    state, ticks = stat
    if state == b"Z":
        # ended but not waited for: kill still succeeds for one; a peer-sim killed (-9)
        # under a parent that never reaps, such as a container's first process, left its
        # run "being played now" for as long as the container ran (adversarial-19)
        return False
    if started:
        return started == _stamp(ticks)
    return not _late(_proc_started(ticks), written)


def lapsed(written: str) -> bool:
    """Has a run last written at `written` (an ISO time) sat for `LAPSE_HOURS`? False
    where the time cannot be read: a run that may be in play is taken for one."""
    try:
        at = datetime.fromisoformat(written)
    except ValueError:
        return False
    if at.tzinfo is None:
        return False
    return (time.time() - at.timestamp()) > LAPSE_HOURS * 3600


def _stat(pid: int) -> tuple[bytes, bytes] | None:
    """State and start time (clock ticks after boot) of a process, from /proc (Linux)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as stat:
            # "pid (command) S ppid ...": the fields follow the last ')' (a command may
            # hold one); the state is the first of them, the start time the 20th
            fields = stat.read().rpartition(b")")[2].split()
    except OSError:
        return None
    if len(fields) < 20:
        return None
    return fields[0], fields[19]


_BOOT: list[str] = []


def _boot() -> str:
    """This boot's id (Linux): a pid and start time repeat from one boot to the next."""
    if not _BOOT:
        try:
            with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as f:
                _BOOT.append(f.read().strip().replace("-", "")[:12])
        except (OSError, ValueError):
            _BOOT.append("")
    return _BOOT[0]


def _stamp(ticks: bytes) -> str:
    return f"{_boot()}.{ticks.decode('ascii', 'replace')}"


def _started(pid: int) -> str:
    """When process `pid` started, as the owner stamp holds it ('' where unknown)."""
    stat = _stat(pid)
    if stat is None or whole_number(stat[1].decode("ascii", "replace"), digits=30) is None:
        return ""
    return _stamp(stat[1])


def _proc_started(ticks: bytes) -> float | None:
    """When a process of start time `ticks` (from /proc) started, in seconds since the epoch."""
    if whole_number(ticks.decode("ascii", "replace"), digits=30) is None:
        return None
    try:
        with open("/proc/stat", "rb") as f:
            boot = next(int(line.split()[1]) for line in f if line.startswith(b"btime "))
        hertz = os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, StopIteration, IndexError):
        return None
    return boot + int(ticks) / hertz


# `ps -o etime=`: how long a process has run, as [[days-]hours:]minutes:seconds
_ETIME = re.compile(r"(?:(\d{1,9})-)?(?:(\d{1,2}):)?(\d{1,2}):(\d{1,2})")


def _ps_started(pid: int) -> float | None:
    """When process `pid` started, in seconds since the epoch, as `ps` says (None if it
    cannot say): POSIX asks every `ps` for `etime`, so macOS and the BSDs answer."""
    ps = shutil.which("ps")
    if ps is None:
        return None
    try:
        done = subprocess.run(
            [ps, "-o", "etime=", "-p", str(pid)],
            capture_output=True,
            text=True,
            timeout=5,
            env={**os.environ, "LC_ALL": "C"},
        )
    except (OSError, subprocess.SubprocessError):
        return None
    found = _ETIME.fullmatch(done.stdout.strip()) if done.returncode == 0 else None
    if found is None:
        return None
    days, hours, minutes, seconds = (int(part or 0) for part in found.groups())
    return time.time() - (((days * 24 + hours) * 60 + minutes) * 60 + seconds)


def _late(started: float | None, written: str) -> bool:
    """Did a process that started at `started` start well after `written` (an ISO time)?
    False where either is unknown: a process that may be the owner is taken for it."""
    if started is None or not written:
        return False
    try:
        at = datetime.fromisoformat(written).timestamp()
    except ValueError:
        return False
    return started > at + LEGACY_MARGIN


# Windows counts a FILETIME in 100 ns steps from 1601-01-01, this many seconds before 1970
_FILETIME_EPOCH = 11_644_473_600


def _windows_alive(pid: int) -> tuple[bool, float | None]:
    """Windows: does a process `pid` run, and when did it start (seconds since the epoch,
    None if not said)? OpenProcess, its exit code, then GetProcessTimes.

    Windows hands a freed pid on soon, so the start matters there most: a peer-sim
    closed by force left its run "being played now" for as long as whatever program
    got the pid ran. (Written to Microsoft's documentation and tested with a stand-in
    for kernel32; no Windows machine has run it.)
    """
    try:
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # QUERY_LIMITED_INFORMATION
        if not handle:
            # access denied: it runs, as another user
            return kernel32.GetLastError() == 5, None
        try:
            code = ctypes.c_ulong()
            if kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) and code.value != 259:
                return False, None  # it has ended (259 is STILL_ACTIVE)
            times = [ctypes.c_ulonglong() for _ in range(4)]  # creation, exit, kernel, user
            if not kernel32.GetProcessTimes(handle, *(ctypes.byref(t) for t in times)):
                return True, None
            created = times[0].value
            return True, (created / 10_000_000 - _FILETIME_EPOCH) if created else None
        finally:
            kernel32.CloseHandle(handle)
    except (ImportError, AttributeError, OSError):
        return True, None  # cannot ask: as before, never take over a run that may be in play
