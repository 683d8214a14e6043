"""Typed bytes that are not UTF-8 keep a visible mark in the plain player, as in the app.

A terminal set to Latin-1 sends "été" as E9 74 E9. The app's decoder reads each
such byte as U+FFFD, which the box shows for the trainee to delete; the plain
player read them as lone surrogates and its cleaning dropped them, so "été café"
was echoed, cued and recorded as "t caf" with nothing said (adversarial-33).
"""

from __future__ import annotations

import pytest

from sim.cues import clean_words
from sim.tui.widgets.plain_input import plain_value
from tests.core.test_hostile_files import assert_safe, run_main

TYPED = [
    (b"\xe9t\xe9 caf\xe9", "\ufffdt\ufffd caf\ufffd"),  # Latin-1
    (b"caf\xc3\xa9", "caf\u00e9"),  # UTF-8 read byte by byte (an ASCII stdin): whole again
    (b"a \xed\xa0\x80 b", "a \ufffd\ufffd\ufffd b"),  # an encoded surrogate
    (b"\xff\xfe hi", "\ufffd\ufffd hi"),
]


@pytest.mark.parametrize(("typed", "kept"), TYPED)
def test_the_plain_player_and_the_app_keep_the_same_mark(typed, kept):
    plain = typed.decode("utf-8", "surrogateescape")  # how the plain player reads them
    app = typed.decode("utf-8", "replace")  # how the app's decoder reads them
    assert clean_words(plain) == kept
    assert clean_words(plain) == clean_words(app) == " ".join(plain_value(app).split())


def test_the_plain_player_echoes_and_records_the_mark(tmp_path):
    data = tmp_path / "data"
    typed = b"\xe9t\xe9 caf\xe9".decode("utf-8", "surrogateescape")
    code, out = run_main(
        ["--data-dir", str(data), "play", "first-meeting", "--plain", "--own-words"],
        stdin=f"\n{typed}\n1\n",
    )
    assert_safe(out)
    assert "You wrote: “\ufffdt\ufffd caf\ufffd”" in out, out[-1500:]
    code, out = run_main(["--data-dir", str(data), "export", "1", "--format", "md"])
    assert code == 0 and "\ufffdt\ufffd caf\ufffd" in out, out[-1500:]
