"""The library in the app: listed from the index at once, then from the thread's full read.

`sim.tui.library_loading` reads the folders (no widgets); this is the app's side:
when the read starts (after the first paint), what it hands to the screens, the
records opened on the same thread, and opening one entry in full when it is chosen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

from sim.text import shown

if TYPE_CHECKING:
    from sim.loading import Library
    from sim.model import Scenario
    from sim.tui.library_loading import LoadedLibrary


class ListingMixin:
    """Mixed into `PeerSimApp`: `load_library` and what it calls (see module docstring)."""

    library: Library | None
    library_paths: list[str | Path] | None
    extra_dirs: list[str | Path]
    initial: Any
    initial_by_id = False  # named by its id: a bundled entry, not "the file you opened"

    def _scenario_paths(self) -> list[str | Path]:
        from sim.loading.folders import bundled_dir

        paths = self.library_paths
        return list(paths) if paths is not None else [bundled_dir(), *self.extra_dirs]

    def list_from_index(self, screen: Any) -> bool:
        """List the library on `screen` at once when the index knows every file.

        Called as the library screen mounts, before its first paint. The
        worker still runs after the paint, reads what changed, opens the
        records and lists again; `self.library` is set by it alone.
        """
        if isinstance(self.initial, str):
            return False  # a scenario named on the command line opens first
        from sim.tui.library_loading import listed_from_index

        loaded = listed_from_index(self._scenario_paths())
        if loaded is None:
            return False
        screen.show_library(loaded.library, loaded.titles)
        return True

    def full_scenario(self, item: Any) -> Scenario | None:
        """The validated scenario for a library entry (the index lists summaries).

        Opening validates the file in full; if it changed into a broken file
        since it was listed, say so and list the library again.
        """
        from sim.loading.folders import Library

        full = Library.full(item)
        if full is None:
            gone = not Path(item.path).exists()
            self.notify(
                f"{shown(item.path)} is not there any more (moved, renamed or deleted)."
                if gone
                else f"{shown(item.path)} has changed and no longer loads; the library lists why.",
                title="Can't open that scenario",
                severity="error",
                markup=False,
            )
            self.load_library()
            return None
        if full is not item:
            if self.library is not None:
                scenarios = self.library.scenarios
                for i, sc in enumerate(scenarios):
                    if sc is item:
                        scenarios[i] = full
            if self.initial is item:
                self.initial = full
        return full

    def scenario_by_id(self, scenario_id: str) -> Scenario | None:
        """The validated scenario the library lists under this id, for a stored run or a
        suggestion (resume, play again, play next); when there is none, say why.

        `Library.get` answered None alike for a scenario deleted and one broken since it
        was listed, and its callers then did nothing: Resume closed the question and
        the trainee was left at the library, not told (adversarial-10).
        """
        library = self.library
        item = (
            next((s for s in library.scenarios if s.id == scenario_id), None) if library else None
        )
        if item is None:
            self.notify(  # type: ignore[attr-defined]
                f"The scenario '{shown(scenario_id)}' is not in the library any more (its file "
                "was moved, renamed or deleted); its runs stay in your past runs (g).",
                title="Can't open that scenario",
                severity="error",
                markup=False,
            )
            return None
        return self.full_scenario(item)

    @work(thread=True, exclusive=True, group="library", exit_on_error=False)
    def load_library(self) -> None:
        from sim.tui.library_loading import read_library

        loaded = read_library(self._scenario_paths(), self.initial)
        self.open_records()
        self.call_from_thread(self._library_ready, loaded)

    def _library_ready(self, loaded: LoadedLibrary) -> None:
        self.library = library = loaded.library
        found, problem = loaded.found, loaded.problem
        for screen in self.screen_stack:
            if hasattr(screen, "show_library"):
                screen.show_library(library, loaded.titles)
        if problem:
            self.notify(problem, title="Can't open that scenario", severity="error", markup=False)
        if found is not None:
            self.initial = found
            self.initial_by_id = loaded.by_id
            self.start_scenario(found)
        self.records_ready()
        self.call_after_refresh(self.preload_styles)

    def preload_styles(self) -> None:
        """Read the other screens' stylesheets while the trainee reads the library.

        Start-up parses app.tcss alone (the first screen's styles); Textual reads a
        screen's own file when that screen is first pushed, re-styling every widget
        (~8 ms). Done here, once the library is listed, that cost falls in idle time
        rather than on the key that starts a scenario.
        """
        from sim.tui.screens import STYLES

        sheet = self.stylesheet
        new = [path for path in STYLES.values() if not sheet.has_source(str(path), "")]
        if not new:
            return
        for path in new:
            sheet.read(path)
        sheet.reparse()
        sheet.update(self)
