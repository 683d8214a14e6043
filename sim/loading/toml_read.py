"""Read a TOML file into plain data, turning every way it can fail into a Problem.

Only regular files are read, within a size limit (`sim.loading.files`).
tomli (a compiled wheel, ~3x faster than the pure-Python stdlib parser) is
preferred; stdlib tomllib is the fallback when tomli cannot be imported.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sim.loading.files import read_limited
from sim.problems import Problem, ScenarioError

try:
    import tomli as _toml
except ImportError:  # pragma: no cover - exercised only where tomli is missing
    import tomllib as _toml  # type: ignore[no-redef]

MAX_BYTES = 1024 * 1024  # benchmarks raise it for their generated giants
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4000,}")
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
    return parse_toml(path, read_limited(path, MAX_BYTES))


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
            "save it as UTF-8; most editors offer this under 'Save with encoding'",
            line,
            column,
            code="encoding",
        ) from None
    if not text.strip():
        raise fail(path, "the file is empty", "start from `peer-sim new NAME`", 1, 1, code="empty")
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        raise _syntax_problem(path, exc, text) from None
    except RecursionError:
        raise too_deep(path) from None
    except ValueError:  # Python's limit on converting a very long number
        found = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        raise fail(
            path,
            "a number here has thousands of digits",
            "meters and changes are small whole numbers, e.g. trust = 8",
            line,
            code="syntax",
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


def too_deep(path: Path) -> ScenarioError:
    return fail(
        path,
        "lists or tables are nested too deeply",
        "scenario files never need more than a few levels of nesting",
        code="nesting",
    )


def _syntax_problem(path: Path, exc: Exception, text: str = "") -> ScenarioError:
    raw_msg = getattr(exc, "msg", None) or str(exc)
    line = getattr(exc, "lineno", None)
    column = getattr(exc, "colno", None)
    if line is None:  # stdlib tomllib before 3.14 puts the position in the text
        found = _AT.search(str(exc))
        if found:
            line, column = int(found.group(1)), int(found.group(2))
    raw_msg = _AT.sub("", raw_msg).strip()
    lines = text.splitlines()
    message, hint = _specific(raw_msg, lines, line) or _general(raw_msg)
    return fail(path, message, hint, line, column, code="syntax")


def _general(raw_msg: str) -> tuple[str, str]:
    for prefix, (friendly, friendly_hint) in _SYNTAX_HINTS.items():
        if raw_msg.startswith(prefix):
            return friendly, friendly_hint
    return f"this is not valid TOML ({raw_msg})", "check quotes, brackets and '=' signs here"


_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


def _header_name(line: str) -> tuple[str, str] | None:
    m = _HEADER.match(line)
    return (m.group(1), re.sub(r"\s*\.\s*", ".", m.group(2))) if m else None


def _specific(raw_msg: str, lines: list[str], line: int | None) -> tuple[str, str] | None:
    """Sentences for the mistakes authors actually make, read off the offending line."""
    if line is None or not 1 <= line <= len(lines):
        return None
    here = lines[line - 1]
    if any(q in here for q in "\u201c\u201d\u2018\u2019"):
        return (
            "curly (smart) quotes are not TOML quotes",
            'retype them as straight quotes ("like this"); word processors turn them curly',
        )
    if raw_msg.startswith("Illegal character '\\n'") or raw_msg.startswith("Unterminated string"):
        return (
            "a quote is not closed on this line",
            'add the closing " at the end of the text, or use """ for text over several lines',
        )
    if raw_msg.startswith("Cannot declare"):
        found = re.search(r"\((.*)\)", raw_msg)
        parts = re.findall(r"'([^']*)'", found.group(1)) if found else []
        name = ".".join(parts)
        first = next(
            (
                i
                for i, t in enumerate(lines[: line - 1], 1)
                if (_header_name(t) or ("", ""))[1] == name
            ),
            None,
        )
        where = f" (the first is on line {first})" if first else ""
        return (f"[{name}] appears twice{where}", "merge the two into one table")
    if raw_msg.startswith("Cannot overwrite a value"):
        header = _header_name(here)
        if header and header[0] == "[[":
            name = header[1]
            single = next(
                (i for i, t in enumerate(lines[: line - 1], 1) if _header_name(t) == ("[", name)),
                None,
            )
            if single:
                return (
                    f"[{name}] on line {single} has single brackets, but [[{name}]] here has double",
                    f"write every one of them as [[{name}]]: each [[...]] block is one entry in a list",
                )
            return (f"[[{name}]] clashes with a key of the same name above", "rename one of them")
        key = _KEY.match(here)
        if key:
            name = key.group(1).strip('"')
            first = None
            for i in range(line - 2, -1, -1):  # back to this table's header
                if _header_name(lines[i]):
                    break
                m = _KEY.match(lines[i])
                if m and m.group(1).strip('"') == name:
                    first = i + 1
            where = f" (first on line {first})" if first else ""
            return (f"'{name}' is set twice in the same table{where}", "keep only one of them")
    return None
