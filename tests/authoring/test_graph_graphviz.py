"""The DOT that `peer-sim graph --format dot` writes, drawn by Graphviz itself.

The other graph tests read the DOT with a small parser of our own; an author pipes it to
Graphviz's `dot` (README: `... | dot -Tsvg > first-meeting.svg`), so the real program must
take every bundled scenario without a warning, and a label written to break out of its
quotes must come out of the drawing as the words the author wrote.
"""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest

from sim.authoring.graph import dot
from sim.loading import load_scenario

from .conftest import FIXTURES

DOT = shutil.which("dot")
REPO = FIXTURES.parents[2]
pytestmark = pytest.mark.skipif(
    DOT is None, reason="Graphviz is not installed (apt-get install graphviz)"
)
SVG = "{http://www.w3.org/2000/svg}"


def draw(text: str) -> tuple[ET.Element, str]:
    done = subprocess.run(
        [DOT, "-Tsvg"], input=text, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return ET.fromstring(done.stdout), done.stderr


def drawn_words(svg: ET.Element) -> str:
    return " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG}text"))


@pytest.mark.parametrize(
    "path",
    sorted(p for p in (REPO / "scenarios").glob("*.toml") if p.name != "principles.toml"),
    ids=lambda p: p.stem,
)
def test_every_bundled_scenario_draws_without_a_warning(path):
    scenario = load_scenario(path)
    svg, warnings = draw(dot(scenario))
    assert warnings == ""
    words = drawn_words(svg)
    assert scenario.title in words
    assert "start" in words and "ending" in words


def test_a_label_that_tries_to_leave_its_quotes_is_drawn_as_written(make, good_text):
    sly = '\\"]; \\"e\\" -> \\"hello\\" [color=red]; } \\\\l <b>{a|b}'
    text = good_text.replace('say = "Sounds like coming here wasn\'t your idea."', f'say = "{sly}"')
    text = text.replace("I'm not sure why I'm here.", sly)
    svg, warnings = draw(dot(make(text)))
    assert warnings == ""
    words = drawn_words(svg)
    assert 'hello#1: "]; "e" -> "hello" [color=red]' in words
    assert 'hello: Sam: "]; "e" -> "hello" [color=red]; } \\l' in words  # as written, cut short
    # No node or edge was made from the text: the drawing has the same shapes as the plain one.
    plain, _ = draw(dot(make(good_text)))
    count = lambda s, kind: sum(1 for g in s.iter(f"{SVG}g") if g.get("class") == kind)  # noqa: E731
    assert count(svg, "node") == count(plain, "node")
    assert count(svg, "edge") == count(plain, "edge")
