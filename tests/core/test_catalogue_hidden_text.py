"""`check` names a character play removes from a folder catalogue's texts, as it does from
a scenario's (adv44): a principle's title holding an ESC sequence and a direction override
was checked "clean", and the trainee read another title than the one written."""

from __future__ import annotations

from pathlib import Path

from sim.cli import main

MINI = (Path(__file__).parent / "fixtures" / "mini.toml").read_text("utf-8")


def test_a_principle_title_with_an_escape_is_a_warning(tmp_path, capsys):
    assert main(["principles", "--toml"]) == 0
    catalogue = capsys.readouterr().out
    written = 'title = "Listen\\u001b]0;pwned\\u0007 \\u202eyllevitca\\u202c"'
    assert 'title = "Listen actively"' in catalogue
    (tmp_path / "principles.toml").write_text(
        catalogue.replace('title = "Listen actively"', written, 1), "utf-8"
    )
    (tmp_path / "mini.toml").write_text(MINI, "utf-8")
    assert main(["check", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "principles.toml:" in out and "principles.active-listening.title:" in out, out
    assert "holds an ESC character (U+001B) after 'Listen'" in out and "hidden-in-text" not in out
    assert "\x1b" not in out and "\u202e" not in out
