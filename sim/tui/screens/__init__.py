"""Screens of the app, one a module, imported when first shown."""

from pathlib import Path

STYLES = {name: Path(__file__).with_name(f"{name}.tcss") for name in ("play", "debrief", "dialogs")}
"""Each screen's own stylesheet (absolute, so subclasses in other modules find it).

Only app.tcss is parsed at start-up; these are read by Textual when their screen
is first shown, or earlier by `PeerSimApp.preload_styles` once the library is up.
"""
