"""What a stored run is, as every reader of the records sees it: no SQLite here.

Kept apart from `sim.records.store` (the file that holds runs) because most
readers never touch the file: exports, xAPI, progress and the class summary
take a `StoredRun` handed to them, and a newcomer looking for its fields should
not have to read past SQLite transactions to find them.
A playing run names its owner process (`me`, `owner_alive`: sim.records.owner).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

OUTCOME_RANK = {"strong": 3, "mixed": 2, "poor": 1}


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def minute(stamp: str) -> str:
    """'2026-12-01 14:02' of a stored time as it is kept (UTC): for a machine, or where
    the time cannot be read; a person is shown `local_minute` or `local_time`."""
    return stamp[:16].replace("T", " ")


# One rule for every time a person reads, in the app and on the command line alike: this
# computer's own time zone (for `peer-sim serve`, the server's), and the zone named, once
# in a list's heading or beside the time in a sentence. The app showed 08:23 where
# `peer-sim runs` said 14:23 "(UTC)" for the same run (records37); a trainee read "15:28
# UTC" against a wall clock saying 09:28 (trainee playtest 35). The records, JSON, CSV and
# xAPI keep ISO 8601 times in UTC, with their offset.


def _local(stamp: str) -> datetime | None:
    """A stored time in this computer's zone (a stamp without a zone is UTC); None if none."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone()


def zone_name(when: datetime | None = None) -> str:
    """This computer's time zone as a person reads it, at `when` (default now): 'CST',
    'CEST', 'UTC'; a zone with no short name (Windows says 'Central Standard Time', some
    systems '+0530') as its offset, 'UTC+05:30'."""
    local = (when or datetime.now(timezone.utc)).astimezone()
    name = local.tzname() or ""
    if name.isalpha() and name.isupper() and len(name) <= 5:
        return name
    offset = local.utcoffset()
    minutes = round(offset.total_seconds() / 60) if offset is not None else 0
    if not minutes:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02}:{abs(minutes) % 60:02}"


def local_minute(stamp: str, named: str | None = "", seconds: bool = False) -> str:
    """'2026-12-04 08:28': `stamp` in this computer's own time zone, for a list whose heading
    names the zone (`zone_name()`, passed as `named`): a time whose zone differs from the
    one named (a summer run under a winter heading) says its own. `named=None`: the zone
    always follows (`local_time`); "" (the default): never, where the screen names it.
    One that is not a time at all is shown as it is. `seconds`: to the second."""
    when = _local(stamp)
    if when is None:
        return stamp[:19].replace("T", " ") if seconds else minute(stamp)
    shown = when.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    zone = zone_name(when)
    if named is None or (named and zone != named):
        shown += f" {zone}"
    return shown


def local_time(stamp: str, seconds: bool = False) -> str:
    """'2026-12-04 08:28 CST': `stamp` in this computer's zone, named, for a sentence."""
    return local_minute(stamp, None, seconds)


@dataclass
class StoredDecision:
    step: int
    scene: str
    choice_id: str
    said: str
    trust_before: int
    empowerment_before: int
    trust_after: int
    empowerment_after: int
    verdicts: dict[str, str]
    decided_at: str
    words: str = ""  # own-words practice: what the trainee typed first
    # the fields whose stored text the gate changed as it read them, as stored (`rows.as_stored`)
    stored: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)


@dataclass
class StoredRun:
    id: int
    registration: str
    scenario_id: str
    scenario_title: str
    digest: str
    mode: str
    status: str  # playing | finished | left
    owner: str
    started_at: str
    updated_at: str
    ended_at: str | None
    progress: dict[str, Any]
    ending_id: str | None
    ending_title: str | None
    outcome: str | None
    final_trust: int | None
    final_empowerment: int | None
    debrief: dict[str, Any] | None
    sent_at: str | None = None
    sent_to: str | None = None
    trainee: str = ""
    decisions: list[StoredDecision] = field(default_factory=list)
    # Read for a listing (sim.records.listing): `decisions` left out and counted in `tally`
    # (principle id -> verdicts honouring, undermining, neutral, and undermining by a critical
    # slip), the debrief cut to its
    # slips, the progress to what listings read. `Store.get` reads a run whole.
    partial: bool = False
    tally: dict[str, list[int]] | None = None
    # the fields whose stored text the gate changed as it read them (an id shown with its
    # escapes, a title cleaned), as stored: what the JSON export writes (`rows.as_stored`)
    stored: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def finished(self) -> bool:
        return self.status == "finished"

    def whole(self) -> StoredRun:
        """This run, refused when read for a listing (`partial`).

        A listed run's debrief is its slips alone and its progress lacks the start
        and the words typed: exported, it would read as a debrief rebuilt from a
        replay that does not fit, and synced, as a run without its decisions, marked
        sent for good. A caller that has a listed run reads it with `Store.get`.
        """
        if self.partial:
            raise ValueError(
                f"run {self.id} was read for a listing; read it whole with Store.get first"
            )
        return self

    @property
    def choices_made(self) -> int:
        return len(self.progress.get("choices", ()))

    @property
    def listed(self) -> bool:
        """Finished, or left with a line standing: a run worth a row in a list of runs.

        A run begun and left (or restarted and left) before any line stood has nothing
        to read, resume or follow up: the app's past runs hid it while `peer-sim runs`
        listed it "left unfinished after 0 choices" and the class summary counted it
        unfinished. Every list of runs asks this one question; the records keep the run
        (its lines taken back count where those are counted, `export ID` reads it).
        """
        return self.finished or self.choices_made > 0


def why_not_resumable(stored: StoredRun, locked: str | None, records_on: bool) -> str:
    """Why an unfinished run a start would not offer cannot be resumed, in a trainee's words.

    The same conditions as `Store.unfinished` (in play by no process now, begun in the
    mode a locked session keeps to), said for the one run a trainee picked from past runs,
    so a shell only shows it (trainee playtest 35: the app said where to go instead).
    """
    if not records_on:
        return "records are off for this session, so it cannot be resumed here."
    if stored.status != "playing":
        return (
            "it was set aside (not picked up when offered, or released), so it cannot "
            "be resumed; it stays here as you left it. Start the scenario afresh from "
            "the library to play it again."
        )
    if locked is not None and stored.mode != locked:
        return (
            f"it began in {stored.mode} mode and this session keeps to {locked} mode, "
            "so it cannot be resumed here."
        )
    return "it is open in another window or tab now: go on with it there."
