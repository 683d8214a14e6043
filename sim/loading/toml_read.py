"""Read a TOML file into plain data, turning every way it can fail into a Problem.

tomli (a compiled wheel, ~3x faster than the pure-Python stdlib parser) is
preferred; stdlib tomllib is the fallback when tomli cannot be imported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sim.problems import Problem, ScenarioError

try:
    import tomli as _toml
except ImportError:  # pragma: no cover - exercised only where tomli is missing
    import tomllib as _toml  # type: ignore[no-redef]

MAX_BYTES = 1024 * 1024
_AT = re.compile(r"\(at line (\d+), column (\d+)\)")

# tomli's messages are terse and written for programmers; say what to do instead.
_SYNTAX_HINTS = {
    "Cannot overwrite a value": (
        "a key or table is written twice",
        "each key can appear once per table; each [table] header once per file",
    ),
    "Cannot declare": ("a table is declared twice", "merge the two [table] sections into one"),
    "Invalid value": (
        "this value is not valid TOML",
        'put text in double quotes ("like this"), numbers bare (8, -6), true/false bare',
    ),
    "Invalid statement": (
        "this line is not a `key = value` pair or a [table] header",
        "check for a missing '=' or an unquoted value",
    ),
    "Unclosed array": ("a list is not closed", "add the closing ']'"),
    "Unclosed inline table": ("an inline table is not closed", "add the closing '}'"),
    "Unterminated string": (
        "text is not closed",
        'add the closing quote ("), or """ for long text',
    ),
    "Expected '=' after a key in a key/value pair": (
        "a key has no '=' after it",
        'write key = value, e.g. goto = "next-scene"',
    ),
    "Found invalid character in a string": (
        "text contains a character TOML does not allow raw",
        'use """triple quotes""" for text over several lines',
    ),
}


def fail(
    path: Path,
    message: str,
    hint: str = "",
    line: int | None = None,
    column: int | None = None,
    code: str = "invalid",
) -> ScenarioError:
    return ScenarioError([Problem(path, message, line=line, column=column, hint=hint, code=code)])


def read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """Parsed data and the decoded source (kept for locating later problems)."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except IsADirectoryError:
        raise fail(path, "this is a folder, not a scenario file", code="unreadable") from None
    except OSError as exc:
        raise fail(path, f"cannot be read: {exc.strerror or exc}", code="unreadable") from None
    return parse_toml(path, raw)


def parse_toml(path: Path, raw: bytes) -> tuple[dict[str, Any], str]:
    if len(raw) > MAX_BYTES:
        raise fail(
            path,
            "the file is larger than 1 MiB, far beyond any real scenario",
            "split it into several scenarios, or check it is the file you meant",
            code="too-large",
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise fail(
            path,
            "the file is not UTF-8 text",
            "save it as UTF-8 (most editors offer this under 'Save with encoding')",
            line,
            column,
            code="encoding",
        ) from None
    if not text.strip():
        raise fail(path, "the file is empty", "start from `peer-sim new NAME`", 1, 1, code="empty")
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        raise _syntax_problem(path, exc) from None
    except RecursionError:
        raise fail(
            path,
            "lists or tables are nested too deeply",
            "scenario files never need more than a few levels of nesting",
            code="nesting",
        ) from None
    if not data:
        raise fail(
            path,
            "the file has only comments in it",
            "start from `peer-sim new NAME`",
            1,
            1,
            code="empty",
        )
    return data, text


def _syntax_problem(path: Path, exc: Exception) -> ScenarioError:
    raw_msg = getattr(exc, "msg", None) or str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if line is None:  # stdlib tomllib before 3.14 puts the position in the text
        found = _AT.search(str(exc))
        if found:
            line, column = int(found.group(1)), int(found.group(2))
    raw_msg = _AT.sub("", raw_msg).strip()
    message, hint = (
        f"this is not valid TOML: {raw_msg}",
        "check quotes, brackets and '=' signs here",
    )
    for prefix, (friendly, friendly_hint) in _SYNTAX_HINTS.items():
        if raw_msg.startswith(prefix):
            message, hint = f"{friendly} ({raw_msg})", friendly_hint
            break
    return fail(path, message, hint, line, column, code="syntax")
