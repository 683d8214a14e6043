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
from sim.loading.folders import CATALOGUE_NAME
from sim.loading.syntax import syntax_problem
from sim.problems import Problem, ScenarioError

try:
    import tomli as _toml
except ImportError:  # pragma: no cover - exercised only where tomli is missing
    import tomllib as _toml  # type: ignore[no-redef]

MAX_BYTES = 1024 * 1024  # benchmarks raise it for their generated giants
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{4000,}")

# The same failures read differently in a principle catalogue: `peer-sim new`
# writes a scenario, and a catalogue holds no number but its format.
_HINTS = {
    "scenario": {
        "empty": "start from `peer-sim new NAME`",
        "large": "split it into several scenarios, or check it is the file you meant",
        "number": "meters and changes are small whole numbers, e.g. trust = 8",
        "deep": "scenario files never need more than a few levels of nesting",
    },
    "principle catalogue": {
        "empty": "start from the bundled one, which `peer-sim principles --toml` prints",
        "large": "check it is the file you meant",
        "number": "the only number in a catalogue is its format: format = 1",
        "deep": "a principle catalogue never needs more than a few levels of nesting",
    },
}


def kind_of(path: Path) -> str:
    """What the file at `path` is meant to be, as messages name it."""
    return "principle catalogue" if path.name == CATALOGUE_NAME else "scenario"


def fail(
    path: Path,
    message: str,
    hint: str = "",
    line: int | None = None,
    column: int | None = None,
    code: str = "invalid",
) -> ScenarioError:
    return ScenarioError([Problem(path, message, line=line, column=column, hint=hint, code=code)])


def read_toml(path: Path, what: str | None = None) -> tuple[dict[str, Any], str]:
    """Parsed data and the decoded source (kept for locating later problems).

    `what` the file is meant to be, for the hints: "scenario" or "principle
    catalogue" (by default, told by its name).
    """
    what = what or kind_of(path)
    return parse_toml(path, read_limited(path, MAX_BYTES, what), what)


def parse_toml(path: Path, raw: bytes, what: str | None = None) -> tuple[dict[str, Any], str]:
    """The data and the decoded text (kept for locating keys), or a ScenarioError.

    Every way raw bytes can fail (size, encoding, a BOM, syntax) becomes one
    Problem naming the file, so no caller sees a parser's exception.
    """
    what = what or kind_of(path)
    hints = _HINTS[what]
    if len(raw) > MAX_BYTES:
        raise fail(
            path,
            f"the file is larger than 1 MiB, far beyond any real {what}",
            hints["large"],
            code="too-large",
        )
    head = raw[:4096]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(b"\x00") * 4 > len(head):
        # with no byte-order mark, UTF-16 of plain letters decodes as UTF-8 with a NUL
        # beside each, and was called a NUL to replace with a space (adversarial-11)
        raise fail(
            path,
            "the file is UTF-16 or UTF-32 text, not UTF-8",
            "save it as UTF-8; most editors offer this under 'Save with encoding'",
            code="encoding",
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
        raise fail(path, "the file is empty", hints["empty"], 1, 1, code="empty")
    try:
        data = _toml.loads(text)
    except _toml.TOMLDecodeError as exc:
        raise _syntax_problem(path, exc, text) from None
    except RecursionError:
        raise too_deep(path, what) from None
    except ValueError:  # Python's limit on converting a very long number
        found = _LONG_NUMBER.search(text)
        line = text.count("\n", 0, found.start()) + 1 if found else None
        raise fail(
            path,
            "a number here has thousands of digits",
            hints["number"],
            line,
            code="syntax",
        ) from None
    if not data:
        raise fail(
            path,
            "the file has only comments in it",
            hints["empty"],
            1,
            1,
            code="empty",
        )
    return data, text


def too_deep(path: Path, what: str | None = None) -> ScenarioError:
    return fail(
        path,
        "lists or tables are nested too deeply",
        _HINTS[what or kind_of(path)]["deep"],
        code="nesting",
    )


def _syntax_problem(path: Path, exc: Exception, text: str = "") -> ScenarioError:
    return syntax_problem(path, exc, text)
