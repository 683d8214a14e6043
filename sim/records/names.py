"""Trainee and programme names: what two are compared by, and which look alike.

Names are matched by `name_key` (case and how 'ë' was composed), which is safe: two
people never merge. But a classroom also produces 'Zoe Ng' beside 'Zoë Ng', "O'Brien"
beside a phone's 'O’Brien', and 'Ana' beside 'Аna' with a Cyrillic А from a second
keyboard layout: each became a trainee of their own, and the last pair print exactly
alike, so a trainer read two lines for one person and could not tell why
(trainer-test-3). Merging them silently could join two people's records; the class
summary names such groups instead, and the trainer (who knows the room) decides.
The rule itself is in `sim.look_alike`, shared with `peer-sim check` (characters).
"""

from __future__ import annotations

from sim.text import name_key


def programme_key(programme: str) -> str:
    """What two programme names are compared by: 'Spring 2026' typed in one room and
    'spring  2026 ' in another are one programme, so one xAPI account per trainee and
    one grouping activity (code-review-4: keyed as typed, they were two again)."""
    return " ".join(name_key(programme).split())
