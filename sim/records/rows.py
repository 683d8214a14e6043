"""Rows of the records file read back as runs, checked: a damaged row is named, never a traceback.

The records file is ours, but not beyond reach: a disk error, a half-copied
file, another program or a hand edit (`sqlite3 records.db "UPDATE ..."`) can
leave a row whose JSON does not parse, whose time is not a time, whose meter
is text. SQLite's column types do not stop that. Every row is checked here as
it is read, its text passed through the untrusted-text gate (a name or title
in a shared store is someone else's typing), and a row that does not fit
raises `DamagedRow`, so the store leaves that one run out, says so once, and
every other run still lists, exports and syncs.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sim.text import clean, clean_line, shown

STATUSES = ("playing", "finished", "left")
MODES = ("practice", "assessment")
OUTCOMES = ("strong", "mixed", "poor")
MAX_TEXT = 1024 * 1024  # no line can be longer than the largest scenario file
MAX_JSON = 16 * 1024 * 1024  # a run's progress or debrief is a few hundred KB at most


class DamagedRow(ValueError):
    """One run's row (or one of its decisions) does not fit; the message says what."""


def _raw(value: object, what: str, nullable: bool) -> str | None:
    """The row's string as stored, once its type and length are checked."""
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise DamagedRow(f"its {what} is not text")
    if len(value) > MAX_TEXT:
        raise DamagedRow(f"its {what} is far too long")
    return value


def text(value: object, what: str, nullable: bool = False) -> str | None:
    found = _raw(value, what, nullable)
    return None if found is None else clean(found)


def line(value: object, what: str, nullable: bool = False) -> str | None:
    """`text` that is a name, id or title: one line, whatever the row holds."""
    found = text(value, what, nullable)
    return None if found is None else clean_line(found)


def name(value: object, what: str, nullable: bool = False) -> str | None:
    """An id (a scenario's, a scene's, a choice's, an ending's, a principle's) or a content
    hash: one line, every character a reader cannot see kept as a visible escape (`shown`).

    Cleaned like a title, a hand-edited 'first-meeting' + ESC came back as 'first-meeting'
    in `runs`, `report`, `progress` and every export, a run of a scenario that does not
    exist passed off as one of the real one (adv43); a name keeps its disguise visible.
    """
    found = _raw(value, what, nullable)
    return None if found is None else shown(found)


def uuid_text(value: object, what: str) -> str:
    """A run's registration: xAPI statement ids are made from it, so it must be a UUID."""
    checked = text(value, what)
    try:
        uuid.UUID(checked)  # type: ignore[arg-type]
    except ValueError:
        raise DamagedRow(f"its {what} is not a UUID") from None
    return checked  # type: ignore[return-value]


def whole(value: object, what: str, nullable: bool = False) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise DamagedRow(f"its {what} is not a whole number")
    return value


def when(value: object, what: str, nullable: bool = False) -> str | None:
    found = text(value, what, nullable)
    if found is None:
        return None
    try:
        datetime.fromisoformat(found)
    except ValueError:
        raise DamagedRow(f"its {what} is not a date and time") from None
    return found


def parsed(value: object, what: str, kind: type, nullable: bool = False) -> Any:
    """JSON text holding a `kind` (dict or list)."""
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        raise DamagedRow(f"its {what} is not JSON text")
    if len(value) > MAX_JSON:
        raise DamagedRow(f"its {what} is far too long")
    try:
        data = json.loads(value)
    except (ValueError, RecursionError):  # bad JSON, a huge number, absurd nesting
        raise DamagedRow(f"its {what} is not valid JSON") from None
    if not isinstance(data, kind):
        raise DamagedRow(f"its {what} is not a JSON {'object' if kind is dict else 'list'}")
    return data


def one_of(value: object, what: str, allowed: tuple[str, ...], nullable: bool = False) -> Any:
    if value is None and nullable:
        return None
    if value not in allowed:
        raise DamagedRow(f"its {what} is not one of {', '.join(allowed)}")
    return value


# The text columns the gate may change as it reads them, by their place in a row (as
# `run_values` and `decision_values` take it) and their field's name.
RUN_TEXTS = {
    2: "scenario_id",
    3: "scenario_title",
    4: "digest",
    12: "ending_id",
    13: "ending_title",
    19: "sent_to",
    20: "trainee",
}
DECISION_TEXTS = {1: "scene", 2: "choice_id", 3: "said", 10: "words"}


def as_stored(row: tuple, values: list[Any], texts: dict[int, str]) -> dict[str, Any]:
    """The fields of `row` whose stored text the gate changed (`values`, as read), as stored.

    What each output does with a stored text, one rule (records44): text, Markdown and
    CSV show what the gate made of it, a name with visible escapes (`shown`), prose
    cleaned; the JSON export is data, and writes the stored value, which JSON escapes
    (`json_text`: ASCII, every control as \\u....). The export wrote `progress.scenario` as
    stored beside `scenario.id` shown ('first-meeting\\x1b' beside 'first-meeting\\u001b'),
    so a script could not match the two, nor tell a real backslash from a control.
    """
    out = {
        name: row[i] for i, name in texts.items() if isinstance(row[i], str) and row[i] != values[i]
    }
    if texts is DECISION_TEXTS:  # the verdicts' principle ids and verdicts, as stored
        verdicts = json.loads(row[8])
        if verdicts != values[8]:
            out["verdicts"] = verdicts
    return out


def run_values(row: tuple) -> list[Any]:
    """The columns of `_RUN_COLUMNS`, checked and cleaned, in the same order."""
    (
        run_id,
        registration,
        scenario_id,
        title,
        digest,
        mode,
        status,
        owner,
        started,
        updated,
        ended,
        progress,
        ending_id,
        ending_title,
        outcome,
        final_trust,
        final_empowerment,
        debrief,
        sent_at,
        sent_to,
        trainee,
    ) = row
    status = one_of(status, "status", STATUSES)
    finished = status == "finished"
    progress = parsed(progress, "progress", dict)
    choices = progress.get("choices", [])
    if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
        raise DamagedRow("its progress holds choices that are not a list of choice ids")
    return [
        whole(run_id, "id"),
        uuid_text(registration, "registration"),
        name(scenario_id, "scenario id"),
        line(title, "scenario title"),
        name(digest, "content hash"),
        one_of(mode, "mode", MODES),
        status,
        text(owner, "owner"),
        when(started, "start time"),
        when(updated, "last update time"),
        when(ended, "end time", nullable=not finished),
        progress,
        name(ending_id, "ending id", nullable=not finished),
        line(ending_title, "ending title", nullable=not finished),
        one_of(outcome, "outcome", OUTCOMES, nullable=not finished),
        whole(final_trust, "final trust", nullable=not finished),
        whole(final_empowerment, "final empowerment", nullable=not finished),
        parsed(debrief, "debrief", dict, nullable=True),
        when(sent_at, "time sent", nullable=True),
        # names (records44): cleaned, 'Ana' + ESC read as 'Ana' and the report counted that
        # run as hers, where `runs --trainee Ana` (which compares the stored name) did not
        name(sent_to, "record store address", nullable=True),
        name(trainee, "trainee name"),
    ]


def decision_values(row: tuple) -> list[Any]:
    """The columns the store reads for a decision, checked and cleaned, in the same order."""
    step, scene, choice_id, said, t0, e0, t1, e1, verdicts, decided, words = row
    verdicts = parsed(verdicts, "list of verdicts", dict)
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in verdicts.items()):
        raise DamagedRow("its verdicts are not principle ids with verdicts")
    return [
        whole(step, "decision number"),
        name(scene, "scene"),
        name(choice_id, "choice id"),
        text(said, "line said"),
        whole(t0, "trust before"),
        whole(e0, "empowerment before"),
        whole(t1, "trust after"),
        whole(e1, "empowerment after"),
        {shown(k): shown(v) for k, v in verdicts.items()},
        when(decided, "decision time") if decided != "" else "",
        line(words, "own words"),
    ]
