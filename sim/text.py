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


# What in TOML *source* can put a control or bidi character into a parsed
# string. TOML itself rejects raw C0 controls and DEL, so only two things can:
# an escape (\b \f \r \e \x \u \U), or a raw C1 control or bidi override
# (legal in TOML). Checking the source costs microseconds, so the files that
# need no cleaning (nearly all) skip the walk over every string.
_ESCAPE = re.compile(r"\\[bfreuUx]")
_WIDE = [chr(c) for c in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))]


def may_need_cleaning(source: str) -> bool:
    if "\\" in source and _ESCAPE.search(source):
        return True
    return not source.isascii() and any(ch in source for ch in _WIDE)


def clean_tree(data: object) -> object:
    """`clean` every string (keys too) in parsed TOML data."""
    if isinstance(data, str):
        return clean(data)
    if isinstance(data, dict):
        return {clean(k): clean_tree(v) for k, v in data.items()}
    if isinstance(data, list):
        return [clean_tree(v) for v in data]
    return data


def clean(text: str) -> str:
    """Strip control characters and escape sequences; keep newlines and tabs."""
    if text.isprintable():  # the common case costs one C-level scan
        return text
    return _ESCAPES.sub("", text.replace("\r\n", "\n"))
