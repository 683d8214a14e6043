"""`[[scenes.ID.also]]`: an ending's added paragraphs, tried on a scene.

It was told only the keys a scene allows; the hint now says what `also` is for and
which block changes a scene's words. The test follows it and loads the result.
"""

from __future__ import annotations

import re

from tests.core.test_author_messages import MINI, loads, only

ALSO = '[[scenes.bridge.also]]\nwhen = { flags = ["reflected"] }\ntext = "A longer pause."\n\n'


def test_also_on_a_scene_points_to_its_variants(tmp_path):
    text = MINI.replace("[scenes.last]", ALSO + "[scenes.last]")
    p = only(tmp_path, text)
    assert p.key == "scenes.bridge.also"
    assert "ending's text" in p.hint
    header = re.search(r"add (\[\[scenes\.bridge\.variants\]\])", p.hint).group(1)
    fixed = loads(tmp_path, text.replace("[[scenes.bridge.also]]", header))
    assert fixed.scenes["bridge"].variants[0].text == "A longer pause."
