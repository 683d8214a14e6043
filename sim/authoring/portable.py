"""TOML that peer-sim reads but other tools do not: a warning from `peer-sim check`.

peer-sim parses with tomli, which reads TOML 1.1 (a comma after the last entry of
`{ ... }`, line breaks inside it, `\\e` and `\\x` escapes). Taplo, the editors the
README recommends and Python's own tomllib read TOML 1.0, so such a file passes
`check` yet is underlined as invalid in the editor, and fails anywhere tomli is
missing. Only `check` asks, and only of a file that already loaded.
"""

from __future__ import annotations

import re
from pathlib import Path

from sim.problems import Problem

_AT = re.compile(r"\(at line (\d+), column (\d+)\)")
# What TOML 1.1 adds that a 1.0 reader rejects: an inline table over several lines or
# with a comma after its last entry, a \e or \xHH escape, a time without seconds. A
# file with none of them reads the same in both, and its second parse (by the standard
# library's pure-Python tomllib, a sixth of `check`'s time per file) is skipped (adv28).
_ESCAPE_11 = re.compile(r"\\[ex]")
_TIME_11 = re.compile(r"\d:\d\d(?!:\d)")
_NOT_CODE = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'[^'\n]*'|#.*")  # one-line strings, comments
_LAST_COMMA = re.compile(r",\s*}")

_HINTS = {
    "Invalid initial character for a key part": (
        "write the { ... } table on one line, with no comma after its last entry"
    ),
    "Unescaped '\\' in a string": "write the character itself, or a \\uXXXX escape",
}
# What each TOML 1.0 complaint means in the file, in place of the parser's words.
_WHAT = {
    "Invalid initial character for a key part": "a comma after the last entry of { ... }",
    "Unescaped '\\' in a string": "an escape (\\e or \\xHH) that TOML 1.0 lacks",
}


def toml10_problems(path: Path, text: str) -> list[Problem]:
    """One warning at the first TOML 1.1-only spot, or none (also where tomllib is absent)."""
    try:
        import tomllib
    except ImportError:  # Python 3.10: no TOML 1.0 reader to compare with
        return []
    if not maybe_toml11(text):
        return []
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _AT.search(str(exc))
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        reason = _AT.sub("", str(exc)).strip()
        hint = next((h for k, h in _HINTS.items() if reason.startswith(k)), "")
        what = next((w for k, w in _WHAT.items() if reason.startswith(k)), reason)
        if what.startswith("a comma") and _line_ends_at(text, line, column):
            what = "a line break inside { ... }"
            hint = "write the { ... } table on one line, with no comma after its last entry"
        elif what.startswith("a comma"):
            # already on one line: "write it on one line" sent an author looking for a
            # line break that was not there (author44)
            hint = "delete the comma before the closing }"
        return [
            Problem(
                path,
                "peer-sim reads this, but it is TOML 1.1 syntax that Taplo, editors and other "
                f"TOML 1.0 readers reject ({what})",
                key=_key_at(text, line, column),
                line=line,
                column=column,
                hint=hint or "write it as TOML 1.0 so every tool reads the file",
                severity="warning",
                code="toml-1.1",
            )
        ]
    return []


def maybe_toml11(text: str) -> bool:
    """Whether `text` may hold TOML 1.1-only syntax (False: surely none). Errs towards True:
    braces or a time in prose only cost the full parse."""
    if _ESCAPE_11.search(text) or _TIME_11.search(text):
        return True
    if "{" not in text and "}" not in text:
        return False
    for line in text.splitlines():
        if "{" in line or "}" in line:
            # an inline table left open at the line's end goes on below (1.1); strings
            # and comments are dropped first, since their braces are no table's
            code = _NOT_CODE.sub("", line)
            if code.count("{") != code.count("}") or _LAST_COMMA.search(code):
                return True
    return False


def _line_ends_at(text: str, line: int | None, column: int | None) -> bool:
    """Whether nothing but a comment follows `column` on `line`: the { ... } goes on below."""
    if line is None or column is None:
        return False
    rest = text.split("\n")[line - 1][column - 1 :] if line <= text.count("\n") + 1 else ""
    return rest.split("#", 1)[0].strip() == ""


def _key_at(text: str, line: int | None, column: int | None) -> str:
    """The key path of the `key = ...` line the spot belongs to (`scenes.a.variants[1].when`),
    as every other problem names its key; "" when none is found."""
    if line is None or column is None:
        return ""
    from sim.loading.keypath import format_key
    from sim.loading.locate import Locator

    lines = text.split("\n")
    spot = sum(len(t) + 1 for t in lines[: line - 1]) + column - 1
    found = Locator(text)
    starts = [  # keys written first on their line, at or before the spot: the last is ours
        (offset, key)
        for key, offset in found.positions.items()
        if offset <= spot and not text[text.rfind("\n", 0, offset) + 1 : offset].strip()
    ]
    return format_key(max(starts, key=lambda s: (s[0], len(s[1])))[1]) if starts else ""
