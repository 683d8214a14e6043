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
    """'2026-12-01 14:02' of a stored time: the minute (UTC), as every list and question
    shows when a run was played, in the app and on the command line alike."""
    return stamp[:16].replace("T", " ")


def local_minute(stamp: str) -> str:
    """`minute` in this computer's own time zone, as a trainee reads the clock: a run left
    at 09:28 in Chicago said "15:28 UTC" while the clock on the wall said 09:28 (trainee
    playtest 35). The records keep UTC; a stamp without a zone is taken as UTC, one that
    is not a time at all is shown as it is."""
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return minute(stamp)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return when.astimezone().strftime("%Y-%m-%d %H:%M")


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
