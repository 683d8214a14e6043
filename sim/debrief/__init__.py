"""What a finished run teaches: the data behind every debrief view.

Where to look:
- `data`: the `Debrief` and its parts (plain frozen data, what every view reads);
- `build`: `build_debrief(run, catalogue)`, the details and principle scorecard;
- `why`: "Why this ending" (the decisions and thresholds that decided it);
- `turning`: turning points, found by playing counterfactuals in the engine;
- `stronger`: which line was the stronger one at a decision;
- `words`: conditions, flags and slips said in a trainee's words;
- `outline`: the debrief as headed sections of text, for plain text and Markdown.
"""

from __future__ import annotations

from sim.debrief.build import build_debrief
from sim.debrief.data import (
    Alternative,
    Debrief,
    DecisionReview,
    Mark,
    PrincipleBlock,
    Slip,
    TurningPoint,
    WordCounts,
)
from sim.debrief.stronger import strength

__all__ = [
    "Alternative",
    "Debrief",
    "DecisionReview",
    "Mark",
    "PrincipleBlock",
    "Slip",
    "TurningPoint",
    "WordCounts",
    "build_debrief",
    "strength",
]
