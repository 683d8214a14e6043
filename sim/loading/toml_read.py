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
from sim.loading.syntax import syntax_problem
from sim.problems import Problem, ScenarioError

try:
    import tomli as _toml
except ImportError:  # pragma: no cover - exercised only where tomli is missing
    import tomllib as _toml  # type: ignore[no-redef]

MAX_BYTES = 1024 * 1024  # benchmarks raise it for their generated giants
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4000,}")


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
    return syntax_problem(path, exc, text)
