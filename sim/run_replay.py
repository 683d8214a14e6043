"""Reading a recorded run back: follow its choices in a scenario that may have been edited.

A record outlives the file it was played on: an author rewords a line, adds a
choice, reorders them. The replay follows each decision by its id, or by the
words the trainee chose when the id now names another line, and says plainly
what changed instead of failing or quietly playing a different conversation.
Apart from `sim.engine`, which holds the rules the replay drives, since this is
about records, not the game.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from sim.engine import ReplayError, choice_id, digest

if TYPE_CHECKING:
    from sim.engine import Offer, Run
    from sim.model import Scenario


def replay(
    cls: type[Run],
    scenario: Scenario,
    data: dict[str, Any],
    partial: bool = False,
    before: Scenario | None = None,
) -> Run:
    """Play a recorded run again; say so when the scenario has changed since.

    With `partial`, a choice that no longer fits stops the replay there
    instead of failing (live reload keeps the part of the path still valid),
    and `replay_note` says where it stopped. `before` is the version the run
    was played on, when the caller has it (a live reload): it tells a line
    deleted from a line moved into its place (`recorded_choice`).
    """
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        raise ReplayError("this is not a recorded run of peer-sim (no list of choices)")
    ids = [str(c) for c in data["choices"]]
    run = cls.begin_recorded(scenario, data.get("start"))
    changed = data.get("digest") != digest(scenario)
    # An entry that is not text (a hand edit, a damaged store) is read as not there, as
    # every other reader of a stored run reads it: str() made the trainee's words
    # "[['x']]" or "1" in a debrief and an export that said the field was damaged.
    said = data.get("said")
    said = [x if isinstance(x, str) else None for x in said] if isinstance(said, list) else []
    typed = data.get("words")
    typed = [x if isinstance(x, str) else "" for x in typed] if isinstance(typed, list) else []
    run.own_words = bool(data.get("own_words")) or any(typed)
    reworded: list[tuple[int, str, str]] = []
    for step, wanted in enumerate(ids, 1):
        run.settle()
        line = said[step - 1] if step <= len(said) else None
        match = recorded_choice(run, wanted, line, changed, before)
        if match is None:
            why = "the scenario has changed since this run was recorded: " if changed else ""
            message = f"{why}choice {step} ('{wanted}') is not offered at scene '{run.state.scene}'"
            if not partial:
                raise ReplayError(message)
            label = f"'{_short(line)}'" if line else f"'{wanted}'"
            run.replay_note = (
                f"Kept {step - 1} of {len(ids)} choices. Your choice {step} ({label} at "
                f"'{run.state.scene}') is not offered there any more, so play goes on from "
                "that moment."
            )
            return run
        if line is not None and match.choice.say != line:
            reworded.append((step, line, match.choice.say))
        run.choose(match.number, typed[step - 1] if step <= len(typed) else "")
    run.settle()
    if reworded and not run.replay_note:
        step, was, now = reworded[0]
        more = f" (and {len(reworded) - 1} more)" if len(reworded) > 1 else ""
        kept = f"all {len(ids)} choices" if len(ids) > 1 else "your one choice"
        run.replay_note = (
            f"Kept {kept}, but the line you chose at decision {step} now "
            f"reads '{_shown_change(was, now)}'{more}, so meters may differ from what you saw."
        )
    elif changed and not run.replay_note:
        run.replay_note = (
            "The scenario has changed since this run was recorded; the same choices "
            "still fit, but texts or meter changes may differ."
        )
    return run


def recorded_choice(
    run: Run, wanted: str, line: str | None, changed: bool = True, before: Scenario | None = None
) -> Offer | None:
    """The line offered now that is the one the trainee chose: recorded as id `wanted`,
    with the words `line` (None if the record has none); None if it is not offered.

    The same words under another id (choices reordered, or an id added) are the line the
    trainee chose; else the id's line, reworded. Every replay goes through here: by id
    alone, `peer-sim replay` of a scenario whose lines were reordered since showed the
    trainee saying a line they never chose, and an ending they never reached.

    With `before` (the version the run was played on), a line now at the recorded
    position whose words were another line of that scene there is that line moved up,
    not the trainee's reworded: the trainee's line was deleted, and is not offered.
    """
    offered = run.offers()
    by_id = next(
        (o for o in offered if choice_id(run.state.scene, o.index, o.choice) == wanted),
        None,
    )
    if line is None or (by_id is not None and by_id.choice.say == line):
        return by_id
    if not changed and by_id is not None:
        # the scenario is the one the run was played on (`changed` False: same content
        # hash), so nothing was reordered and the id is exact: words that differ were
        # edited into the file, and followed they made the replay show a line the
        # trainee never chose, silently (adv28)
        return by_id
    if by_id is not None and by_id.choice.id is None and _moved_here(before, run, by_id, line):
        # A live reload after the trainee's line was deleted: `hello#2` (a position) now
        # named the line below it, and the reload carried their place, meters and
        # verdicts onto a line they never chose, saying only that it "now reads" so.
        by_id = None
    match = next((o for o in offered if o.choice.say == line), None)
    if match is None and (by_id is None or by_id.choice.id is None):
        # No line has those words now. A default id is only a position, so a
        # line moved and reworded in one edit is found by its near words.
        match = _near(offered, line, by_id)
    return match or by_id


def _moved_here(before: Scenario | None, run: Run, by_id: Offer, line: str) -> bool:
    """Whether the line now at the recorded position was, in `before`, another line of the
    same scene (so it moved here, and the trainee's own line is gone or moved)."""
    old = before.scenes.get(run.state.scene) if before is not None else None
    if old is None:
        return False
    return any(c.say == by_id.choice.say for c in old.choices if c.say != line)


def _near(offered: list[Offer], line: str, by_id: Offer | None) -> Offer | None:
    """The offered line whose words are close to `line` (a few words changed), and closer
    than the line now at the recorded position; else None."""
    from difflib import SequenceMatcher

    def near(say: str) -> float:
        # The bound from the two lengths first (`real_quick_ratio`'s): a recorded line
        # from a file anyone can hand over (`peer-sim replay`) may be megabytes long, and
        # `ratio` took 3.7 s a comparison at 2 MB. Below 0.75 it is refused either way.
        if 2 * min(len(say), len(line)) < 0.75 * (len(say) + len(line)):
            return 0.0
        return SequenceMatcher(None, say, line).ratio()

    best = max(offered, key=lambda o: near(o.choice.say), default=None)
    if best is None or best is by_id or near(best.choice.say) < 0.75:
        return None
    if by_id is not None and near(by_id.choice.say) >= near(best.choice.say):
        return None
    return best


def _shown_change(was: str, now: str, limit: int = 60) -> str:
    """`now`, cut to `limit` around where it first differs from `was`: a line reworded at its
    end showed its unchanged first words, and the author could not see the edit (author
    test 11)."""
    same = len(os.path.commonprefix([was, now]))
    if len(now) <= limit or same < limit - 20:
        return _short(now, limit)
    start = now.rfind(" ", 0, max(same - 20, 0)) + 1
    return "..." + _short(now[start:], limit - 3)


def _short(text: str, limit: int = 60) -> str:
    """`text`, cut to `limit` at a space where one is near ("...rather be som..." read as a
    typo in the reload note of author test 9)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 3]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:") + "..."
