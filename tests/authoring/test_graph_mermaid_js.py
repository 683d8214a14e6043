"""The Mermaid that `peer-sim graph` writes, drawn by Mermaid itself in a real Chromium.

GitHub and mermaid.live draw an author's graph with the Mermaid library; a label our own
escaping lets through as syntax would show them an error box instead of their scenario, and
a `%%{init}%%` directive or a `click` line spelt in scenario text would change the drawing.
The library is the npm package `mermaid` (its one-file build, `dist/mermaid.min.js`), found
through PEER_SIM_MERMAID_JS; `.ci/run` installs it with npm. Skipped when either is missing.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sim.authoring.graph import mermaid
from sim.loading import load_scenario

from .conftest import FIXTURES

MERMAID_JS = os.environ.get("PEER_SIM_MERMAID_JS", "")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
REPO = FIXTURES.parents[2]
pytestmark = pytest.mark.skipif(
    not (MERMAID_JS and Path(MERMAID_JS).is_file() and Path(CHROMIUM).exists()),
    reason="needs Chromium and PEER_SIM_MERMAID_JS (npm's mermaid, dist/mermaid.min.js)",
)
RENDER = """async (text) => {
  try {
    const {svg} = await mermaid.render('g' + Math.random().toString(36).slice(2), text);
    const box = document.createElement('div');
    box.innerHTML = svg;
    document.body.replaceChildren(box);
    return {ok: true, words: box.innerText, svg};
  } catch (e) { return {ok: false, error: String(e)}; }
}"""


@pytest.fixture(scope="module")
def draw():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        page.set_content("<html><body></body></html>")
        page.add_script_tag(path=MERMAID_JS)
        page.evaluate("mermaid.initialize({startOnLoad: false})")
        yield lambda text: page.evaluate(RENDER, text)
        browser.close()


SCENARIOS = sorted(p for p in (REPO / "scenarios").glob("*.toml") if p.name != "principles.toml")


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_every_bundled_scenario_draws(draw, path):
    scenario = load_scenario(path)
    drawn = draw(mermaid(scenario))
    assert drawn["ok"], drawn["error"]
    assert "start" in drawn["words"] and "ending" in drawn["words"]


def test_directives_and_syntax_in_scenario_text_are_drawn_as_words(draw, make, good_text):
    # As written in the TOML file: \" is a quote, \n a line break.
    sly = (
        r"%%{init: {\"theme\":\"dark\"}}%% |x|\" --> end\nclick hello href \"javascript:alert(1)\" "
        r"<img src=x onerror=alert(1)> `md` #35; style hello fill:#f00"
    )
    text = good_text.replace('say = "Sounds like coming here wasn\'t your idea."', f'say = "{sly}"')
    text = text.replace("I'm not sure why I'm here.", sly)
    text = text.replace('title = "Good fixture"', "title = \"%%{init: {'theme':'dark'}}%% T\"")
    drawn = draw(mermaid(make(text)))
    assert drawn["ok"], drawn["error"]
    assert 'hello#1: %%{init: {"theme":"dark"}}%% |x|" -->' in drawn["words"]
    assert 'hello: Sam: %%{init: {"theme":"dark"}}%% |x|" --> end' in drawn["words"]
    plain = draw(mermaid(make(good_text)))
    # Same shapes, same colours: nothing in the text became a node, an edge or a setting.
    # (#ECECFF is the default theme's node fill; a dark theme would replace it.)
    for mark in ('class="node', 'class="edgeLabel', "#c8e6c9", "#ffcdd2", "#ECECFF", "clickable"):
        assert drawn["svg"].count(mark) == plain["svg"].count(mark), mark
    assert "onerror" not in drawn["svg"] and "javascript:" not in drawn["svg"]
