"""Turn a key path into a located Problem, reading the file only when needed.

Used by the loader's cross-reference errors and by every author lint, so a
problem is located and worded the same way whoever finds it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sim.loading.keypath import format_key
from sim.problems import Problem, Severity

if TYPE_CHECKING:
    from sim.loading.locate import Locator
    from sim.model import Scenario


class Where:
    """Lines and key paths for one scenario file (the Locator is built on first use)."""

    def __init__(self, scenario: Scenario | Path, source: str | None = None) -> None:
        if isinstance(scenario, Path):
            self.path = scenario
        else:
            self.path = Path(scenario.path or f"{scenario.id or 'scenario'}.toml")
        self._source = source
        self._locator: Locator | None = None

    @property
    def locator(self) -> Locator | None:
        if self._locator is None:
            from sim.loading.locate import Locator

            text = self._source
            if text is None:
                from sim.loading.files import read_text

                text = read_text(self.path)
            self._locator = Locator(text)
        return self._locator

    def line(self, loc: tuple[object, ...]) -> tuple[int | None, int | None]:
        found = self.locator.find(loc) if self.locator else None
        return found if found else (None, None)

    def problem(
        self,
        loc: tuple[object, ...],
        message: str,
        hint: str = "",
        severity: Severity = "error",
        code: str = "invalid",
    ) -> Problem:
        line, column = self.line(loc)
        return Problem(
            self.path,
            message,
            key=format_key(loc),
            line=line,
            column=column,
            hint=hint,
            severity=severity,
            code=code,
        )
