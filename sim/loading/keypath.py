"""Key paths as an author reads them: `scenes.hello.choices[1].goto`.

Array positions are shown counted from 1, because the game numbers choices
from 1 and authors count that way; internally they stay 0-based.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sim.text import clip

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


# a key part past this is cut: a header of 5,000 letters made each message about it a
# line of 5,000 (adv44); every name is 80 at most, so no real key is cut
_LONGEST = 120


def format_key(path: Sequence[object]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            name = str(part)
            if len(name) > _LONGEST:  # no name is this long: its message stays one line
                name = clip(name, _LONGEST) + "…"
            if not _BARE.match(name):
                name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
            out += ("." if out else "") + name
    return out


def toml_name(path: Sequence[object]) -> str:
    """The dotted name a TOML header uses for `path`: list positions left out.

    TOML has no way to number an entry in a header (`[scenes.x.choices[2].when]`
    is not TOML); `[scenes.x.choices.when]` written after an entry's
    `[[scenes.x.choices]]` block belongs to that entry. Callers that drop a
    position say which block the header goes under.
    """
    return format_key([p for p in path if not isinstance(p, int)])


def entry_of(path: Sequence[object]) -> str:
    """ "the 2nd [[scenes.x.choices]] block" for the last list position in `path`, or ""."""
    for at in range(len(path) - 1, -1, -1):
        part = path[at]
        if isinstance(part, int):
            return f"the {ordinal(part + 1)} entry of [[{toml_name(path[:at])}]]"
    return ""


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
