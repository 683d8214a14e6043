"""The game itself: pure, small, and the same for every front end.

A run is a sequence of immutable `State`s; making a choice returns a new state
and undo is going back to an earlier one. Nothing here does I/O or imports
Textual or pydantic (scenario objects are only read), so the plain player, the
app, the checker and the tests all drive exactly these rules. The shape
follows ink's runtime: ask what is offered, choose by number, continue.

Two modules, imported from here as one surface: `rules` (states, what is
offered, choosing, the ending and its cap) and `run` (the `Run` every shell
drives, and the record it leaves: `to_json`, `recorded_start`, `digest`).
"""

from sim.engine.rules import (
    NO_CAP,
    OUTCOME,
    OUTCOME_RANK,
    Decision,
    EngineError,
    Offer,
    State,
    advance,
    cap_of,
    choice_id,
    choose,
    clamp,
    ending_text,
    first_holding,
    next_target,
    offers,
    pick_ending,
    reflections,
    scene_text,
    start,
    strength,
    within,
)
from sim.engine.run import RUN_FORMAT, ReplayError, Run, digest, recorded_start

__all__ = [
    "NO_CAP",
    "OUTCOME",
    "OUTCOME_RANK",
    "RUN_FORMAT",
    "Decision",
    "EngineError",
    "Offer",
    "ReplayError",
    "Run",
    "State",
    "advance",
    "cap_of",
    "choice_id",
    "choose",
    "clamp",
    "digest",
    "ending_text",
    "first_holding",
    "next_target",
    "offers",
    "pick_ending",
    "recorded_start",
    "reflections",
    "scene_text",
    "start",
    "strength",
    "within",
]
