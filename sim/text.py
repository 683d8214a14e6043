"""Make text from scenario files safe to show in a terminal.

Scenario files are data written by people we do not control. A TOML string can
carry `\\u001b` escapes; sent raw, they would move the cursor, change colours
or retitle the window. Everything shown comes through `clean` at load time, so
no front end has to remember to do it.
"""

from __future__ import annotations

import re

# CSI and OSC sequences first (so their parameters go too), then any other
# C0/C1 control, DEL, and the bidirectional overrides that can disguise text.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI ... final byte
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC ... BEL or ST
    r"|\x1b[PX^_][^\x1b]*(?:\x1b\\)?"  # DCS, SOS, PM, APC strings
    r"|\x1b."  # any other two-byte escape
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)


def clean(text: str) -> str:
    """Strip control characters and escape sequences; keep newlines and tabs."""
    if text.isprintable():  # the common case costs one C-level scan
        return text
    return _ESCAPES.sub("", text.replace("\r\n", "\n"))
