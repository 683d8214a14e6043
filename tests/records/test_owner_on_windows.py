"""Whether a run's owner still plays, as Windows is asked (no Windows machine runs these
tests: kernel32 is a stand-in that answers as Microsoft documents it).

Windows hands a freed process id on soon. A peer-sim closed by force left its run "being
played now" for as long as the program that got its pid ran, since only "does a process
with this id run" was asked; now also when it started (GetProcessTimes), and one that
started well after the run was last written is not its owner.
"""

from __future__ import annotations

import ctypes
import socket
from datetime import datetime

import pytest

from sim.records import owner

HOST = socket.gethostname()
WRITTEN = "2026-12-01T10:00:00.000+00:00"
AT = datetime.fromisoformat(WRITTEN).timestamp()


def _filetime(epoch_seconds: float) -> int:
    return int((epoch_seconds + 11_644_473_600) * 10_000_000)


class _Kernel32:
    """OpenProcess, GetExitCodeProcess, GetProcessTimes, CloseHandle, GetLastError."""

    def __init__(self, *, exists=True, denied=False, exit_code=259, created=None, times_ok=True):
        self.exists, self.denied, self.exit_code = exists, denied, exit_code
        self.created, self.times_ok, self.closed = created, times_ok, 0

    def OpenProcess(self, access, inherit, pid):  # noqa: N802, ANN001, ANN201
        assert access == 0x1000  # PROCESS_QUERY_LIMITED_INFORMATION: enough for both asks
        return 0 if (self.denied or not self.exists) else 77

    def GetLastError(self):  # noqa: N802, ANN201
        return 5 if self.denied else 87  # ERROR_ACCESS_DENIED, or ERROR_INVALID_PARAMETER

    def GetExitCodeProcess(self, handle, code):  # noqa: N802, ANN001, ANN201
        code._obj.value = self.exit_code
        return 1

    def GetProcessTimes(self, handle, creation, exit_, kernel, user):  # noqa: N802, ANN001, ANN201
        if not self.times_ok:
            return 0
        creation._obj.value = _filetime(self.created) if self.created is not None else 0
        return 1

    def CloseHandle(self, handle):  # noqa: N802, ANN001, ANN201
        self.closed += 1
        return 1


@pytest.fixture
def windows(monkeypatch):
    """This process as peer-sim sees Windows: os.name 'nt' and ctypes.windll.kernel32."""

    def use(kernel32: _Kernel32) -> _Kernel32:
        class _Windll:
            pass

        windll = _Windll()
        windll.kernel32 = kernel32  # type: ignore[attr-defined]
        monkeypatch.setattr(ctypes, "windll", windll, raising=False)
        return kernel32

    monkeypatch.setattr(owner.os, "name", "nt")
    return use


@pytest.mark.parametrize(
    ("kernel32", "written", "alive"),
    [
        # a program that got the ended owner's pid, started an hour after the run's last write
        (_Kernel32(created=AT + 3600), WRITTEN, False),
        # the owner itself: started before it last wrote the run
        (_Kernel32(created=AT - 600), WRITTEN, True),
        # within the margin a clock may step: never a second player
        (_Kernel32(created=AT + 60), WRITTEN, True),
        (_Kernel32(exit_code=0), WRITTEN, False),  # ended, its handle still held somewhere
        (_Kernel32(exists=False), WRITTEN, False),  # no such process
        (_Kernel32(denied=True), WRITTEN, True),  # another user's: it runs, start unknown
        (_Kernel32(times_ok=False, created=AT + 3600), WRITTEN, True),  # start not said
        (_Kernel32(created=AT + 3600), "", True),  # no time to compare with
    ],
    ids=["pid-reused", "owner", "margin", "ended", "gone", "denied", "no-times", "no-written"],
)
def test_a_process_that_started_after_the_run_was_written_is_not_its_owner(
    windows, kernel32, written, alive
):
    used = windows(kernel32)
    assert owner.owner_alive(f"{HOST}:4242", written) is alive
    assert used.closed == (0 if (kernel32.denied or not kernel32.exists) else 1)


def test_without_kernel32_a_run_is_never_taken_over(windows, monkeypatch):
    monkeypatch.delattr(ctypes, "windll", raising=False)
    monkeypatch.setattr(owner.os, "name", "nt")
    assert owner.owner_alive(f"{HOST}:4242", WRITTEN) is True
