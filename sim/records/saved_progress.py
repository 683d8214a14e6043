"""Whether a stored run's progress reads as peer-sim wrote it, and if not, where it is damaged.

Each reader of the progress column (`taken_back_of`, `slips_so_far`, `away_of`, the
transcript of an unfinished run, the replay that rebuilds its debrief) drops what does
not read, so one damaged field costs nothing else. But an export handed to a supervisor
then lacked a slip or a whole transcript and said nothing (adversarial-13): an export
names what it could not read, here, and writes the rest.

The places named are keys and positions peer-sim itself writes, never text from the
field, so a damaged value is never quoted.
"""

from __future__ import annotations

from datetime import datetime

from sim.engine import ReplayError, recorded_start

MODES = ("practice", "assessment")


def damage(progress: object) -> str | None:
    """Where the first field of `progress` that does not read as written is, and why
    ("slips[2].step, which is not a decision number"); None when every field reads."""
    if not isinstance(progress, dict):
        return "the whole of it, which is not an object"
    try:
        recorded_start(progress.get("start"))
    except ReplayError as exc:
        place, _, why = str(exc).partition(" is ")
        return f"{place}, which is {why}" if why else f"start, which {exc}"
    for check in (_lines, _own_words, _mode, _slips, _verdicts, _taken_back, _away):
        found = check(progress)
        if found:
            return found
    return None


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 1


def _lines(progress: dict) -> str | None:
    """The lines said, typed and timed: each a list of text where it is there at all."""
    for key in ("said", "words", "times"):
        value = progress.get(key)
        if value is None:
            continue
        if not isinstance(value, list):
            return f"{key}, which is not a list"
        for n, item in enumerate(value):
            if not isinstance(item, str):
                return f"{key}[{n}], which is not text"
    return None


def _own_words(progress: dict) -> str | None:
    if not isinstance(progress.get("draft", ""), str):
        return "draft, which is not text"
    value = progress.get("own_words")
    if value is None or isinstance(value, bool):
        return None
    return "own_words, which is not true or false"


def _mode(progress: dict) -> str | None:
    value = progress.get("mode")
    if value is None or value in MODES:
        return None
    return "mode, which is not practice or assessment"


def _slips(progress: dict) -> str | None:
    """The critical slips among the lines kept: what a supervisor looks for first."""
    value = progress.get("slips")
    if value is None:
        return None
    if not isinstance(value, list):
        return "slips, which is not a list"
    for n, entry in enumerate(value):
        if not isinstance(entry, dict):
            return f"slips[{n}], which is not an object with step and kind"
        if not _whole(entry.get("step")):
            return f"slips[{n}].step, which is not a decision number"
        kind = entry.get("kind")
        if not isinstance(kind, str) or not kind:
            return f"slips[{n}].kind, which is not the name of a kind of slip"
    return None


def _verdicts(progress: dict) -> str | None:
    """Each kept line's principle verdicts: what `report` and `progress` count of a left run."""
    value = progress.get("verdicts")
    if value is None:
        return None
    if not isinstance(value, list):
        return "verdicts, which is not a list"
    for n, entry in enumerate(value):
        if not isinstance(entry, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in entry.items()
        ):
            return f"verdicts[{n}], which is not principles with their verdicts"
    return None


def _taken_back(progress: dict) -> str | None:
    """The lines said and taken back, with the slips among them."""
    value = progress.get("taken_back")
    if value is None:
        return None
    if not isinstance(value, list):
        return "taken_back, which is not a list"
    for n, entry in enumerate(value):
        if not isinstance(entry, dict):
            return f"taken_back[{n}], which is not an object"
        if not _whole(entry.get("step")):
            return f"taken_back[{n}].step, which is not a decision number"
        for key in ("scene", "choice", "said", "critical", "at"):
            if not isinstance(entry.get(key, ""), str):
                return f"taken_back[{n}].{key}, which is not text"
    return None


def _away(progress: dict) -> str | None:
    """The spans the run was left and resumed: two timestamps each."""
    value = progress.get("away")
    if value is None:
        return None
    if not isinstance(value, list):
        return "away, which is not a list"
    for n, span in enumerate(value):
        if not (isinstance(span, list) and len(span) == 2 and all(_stamp(t) for t in span)):
            return f"away[{n}], which is not two times (left, resumed)"
    return None


def _stamp(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        datetime.fromisoformat(value)
    except ValueError:
        return False
    return True
