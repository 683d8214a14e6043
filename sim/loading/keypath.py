"""Key paths as an author reads them: `scenes.hello.choices[1].goto`.

Array positions are shown counted from 1, because the game numbers choices
from 1 and authors count that way; internally they stay 0-based.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def format_key(path: Sequence[object]) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            name = str(part)
            if not _BARE.match(name):
                name = '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'
            out += ("." if out else "") + name
    return out
