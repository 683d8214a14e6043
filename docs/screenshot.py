"""Make the README's screenshots: `python docs/screenshot.py` writes docs/*.png.

The app runs headless at 100x30 on a bundled scenario with animations off;
`App.save_screenshot()` writes an SVG and `rsvg-convert` (Debian's librsvg2-bin)
turns it into a PNG. Settings go to a throwaway folder, so your own are untouched.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


async def play_screen(out: Path) -> None:
    from sim.loading import bundled_dir, load_scenario
    from sim.tui.app import PeerSimApp
    from sim.tui.screens.play import PlayScreen

    app = PeerSimApp(load_scenario(bundled_dir() / "first-meeting.toml"), library_paths=[])
    app.animation_level = "none"
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        if not isinstance(app.screen, PlayScreen):  # content notes
            await pilot.press("enter")
            await pilot.pause()
        play = app.screen
        for _ in range(3):  # two lines said, then the third choice on offer
            if play.run.waits_for_choice and len(play.run.state.decisions) >= 2:
                break
            if play.run.waits_for_choice:
                best = next(
                    (o.number for o in play.run.offers() if o.choice.best), 1
                )  # the model answers, so the meters show a good run
                play.choose(best)
            else:
                play.action_go_on()
            await pilot.pause()
        await pilot.pause()
        svg = out.with_suffix(".svg")
        app.save_screenshot(filename=svg.name, path=str(svg.parent))
    subprocess.run(["rsvg-convert", str(svg), "-o", str(out)], check=True)
    svg.unlink()


def main() -> int:
    os.environ["PEER_SIM_CONFIG_DIR"] = tempfile.mkdtemp(prefix="peer-sim-shot-")
    os.environ["PEER_SIM_DATA_DIR"] = tempfile.mkdtemp(prefix="peer-sim-shot-")
    asyncio.run(play_screen(HERE / "play.png"))
    print(HERE / "play.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
