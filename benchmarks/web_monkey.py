"""Random keys and clicks in the served app (`peer-sim serve`) in a real browser.

    python benchmarks/web_monkey.py [PRESSES] [SEED]     # 500 and 1 by default

Starts `peer-sim serve` on a free loopback port with a fresh records folder, opens
the page in the system's Chromium (Playwright, as tests/web does), gives a name, then
presses seeded random keys (arrows, Enter, Escape, Space, Tab, PageUp/Down, digits,
the app's letters, F1/F2, ctrl+p, ctrl+z, ctrl+c, a now-and-then ctrl+q), types short
words, clicks anywhere in the page and resizes the window (200x150 to 1600x1000). Then
it checks that the server is still up, that the tab still answers (Escape back towards
the library; the page's Restart button if a ctrl+q closed the app), that a second tab
gets a name prompt and the library, and that the server's log holds no traceback.
Prints what it saw; exit status 1 on any problem. Too slow for the test suite (tens
of seconds); tests/web holds the browser tests that assert on single steps.
"""

from __future__ import annotations

import os
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.web.test_browser import ARGS, CHROMIUM, Tab  # noqa: E402

KEYS = [
    "ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Enter", "Escape", "Space", "Tab",
    "Home", "End", "PageUp", "PageDown", "Backspace", "Delete", "1", "2", "3", "4", "9",
    "0", "u", "p", "q", "r", "g", "m", "w", "s", "y", "n", "l", "e", "?", "a", "z", "F1",
    "F2", "F3", "Control+p", "Control+z", "Control+c", "Shift+Tab",
]  # fmt: skip


def main(presses: int, seed: int) -> int:
    from playwright.sync_api import sync_playwright

    rng = random.Random(seed)
    root = Path(tempfile.mkdtemp(prefix="web-monkey-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "PEER_SIM_CONFIG_DIR": str(root / "config")}
    env.pop("PEER_SIM_DATA_DIR", None)
    log = open(root / "serve.log", "wb")  # noqa: SIM115 (open for the server's life)
    server = subprocess.Popen(
        [sys.executable, "-m", "sim", "serve", "--host", "127.0.0.1", "--port", str(port),
         "--data-dir", str(root / "data")],
        env=env, stdout=log, stderr=subprocess.STDOUT, cwd=ROOT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    problems: list[str] = []
    step = [-1]
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(url, timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            tab = Tab(browser, url)
            # textual-serve's own page script sends a resize while its socket is still
            # connecting and throws; the size is sent again when it opens (not peer-sim's)
            tab.page.on("pageerror", lambda e: problems.append(f"page error at {step[0]}: {e}"))
            tab.name("Monkey")
            tab.wait_for("Choose a scenario")
            start, quits = time.monotonic(), 0
            for i in range(presses):
                step[0] = i
                r = rng.random()
                try:
                    if r < 0.15:
                        tab.page.mouse.click(rng.randint(0, 1099), rng.randint(0, 699))
                    elif r < 0.18:
                        words = "".join(rng.choice("abc xyz123") for _ in range(rng.randint(1, 30)))
                        tab.page.keyboard.type(words)
                    elif r < 0.19:
                        size = {"width": rng.choice([200, 400, 800, 1100, 1600]),
                                "height": rng.choice([150, 300, 700, 1000])}  # fmt: skip
                        tab.page.set_viewport_size(size)
                    elif r < 0.195:
                        tab.page.keyboard.press("Control+q")
                        quits += 1
                    else:
                        tab.page.keyboard.press(rng.choice(KEYS))
                except Exception as exc:  # noqa: BLE001 - reported, not raised
                    problems.append(f"step {i}: {type(exc).__name__}: {exc}"[:300])
                if server.poll() is not None:
                    problems.append(f"the server exited at step {i}")
                    break
                if i % 50 == 0:
                    tab.page.wait_for_timeout(100)
            step[0] = presses
            took = time.monotonic() - start
            print(
                f"{presses} presses in {took:.1f} s ({quits} ctrl+q); server up: {server.poll() is None}"
            )
            tab.page.set_viewport_size({"width": 1100, "height": 700})
            tab.page.wait_for_timeout(1500)
            restart = tab.page.query_selector("text=Restart")
            if restart and restart.is_visible():
                print("the app had closed: Restart clicked")
                restart.click()
                tab.page.wait_for_timeout(3000)
            before = len(tab.text())
            tab.page.click("#terminal")
            for key in ("Escape", "Escape", "Escape", "y", "Escape"):
                tab.page.keyboard.press(key)
                tab.page.wait_for_timeout(300)
            tab.page.wait_for_timeout(2000)
            answered = len(tab.text()) - before
            print(f"the tab drew {answered} characters after the presses")
            if not answered:
                problems.append("the tab no longer answers")
            second = Tab(browser, url)
            try:
                second.name("Second")
                second.wait_for("Choose a scenario")
                print("a second tab opens the library")
            except AssertionError as exc:
                problems.append(f"second tab: {exc}"[:300])
            browser.close()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    text = (root / "serve.log").read_text(errors="replace")
    if "Traceback" in text:
        at = text.index("Traceback")
        problems.append("the server's log holds a traceback:\n" + text[at : at + 3000])
    page_errors = [p for p in problems if p.startswith("page error")]
    others = [p for p in problems if not p.startswith("page error")]
    kinds = sorted({p.split(": ", 1)[1] for p in page_errors})
    print(f"page errors (textual-serve's script): {len(page_errors)}: {kinds}")
    for problem in others:
        print("PROBLEM:", problem)
    return 1 if others else 0


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:3]]
    sys.exit(main(*(args + [500, 1][len(args) :])))
