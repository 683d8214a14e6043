"""The file formats as pydantic models.

Importing this package costs pydantic's import and the model build (together
~200 ms), so only code that loads files imports it; the engine and debrief
only name these types for type checkers.
"""

from sim.model.catalogue import Catalogue, Principle
from sim.model.scenario import (
    Character,
    Choice,
    Clause,
    Condition,
    Debrief,
    Ending,
    EndingVariant,
    Meters,
    Reflection,
    Scenario,
    Scene,
    Step,
    Variant,
)

__all__ = [
    "Catalogue",
    "Character",
    "Choice",
    "Clause",
    "Condition",
    "Debrief",
    "Ending",
    "EndingVariant",
    "Meters",
    "Principle",
    "Reflection",
    "Scenario",
    "Scene",
    "Step",
    "Variant",
]
