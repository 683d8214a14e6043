"""A name longer than 80 characters is refused for its length, and said in one short line
(adv44).

90 lowercase letters as a scene's name were "not a valid name" with the hint "names use
lowercase letters, digits, '-' and '_'", which they did; and a header of 5,000 letters
was quoted whole, twice, in a line of 10,000 characters.
"""

from __future__ import annotations

from pathlib import Path

from sim.cli import main

MINI = (Path(__file__).parent / "fixtures" / "mini.toml").read_text("utf-8")


def _checked(tmp_path, text: str, capsys, name: str = "long.toml") -> list[str]:
    path = tmp_path / name
    path.write_text(text, "utf-8")
    assert main(["check", str(tmp_path)]) == 1
    return [line for line in capsys.readouterr().out.splitlines() if ": error: " in line]


def test_a_scene_name_of_90_letters_is_refused_for_its_length(tmp_path, capsys):
    long = "b" * 90
    text = MINI.replace("[scenes.bridge]", f"[scenes.{long}]").replace(
        'goto = "bridge"', f'goto = "{long}"'
    )
    errors = _checked(tmp_path, text, capsys)
    assert errors and all("it is 90 characters long, and a name is at most 80" in e for e in errors)
    header = next(e for e in errors if "is not a valid name" in e)
    assert "shorten it to at most 80 characters" in header and "e.g. why-here" not in header


def test_a_header_of_5000_letters_is_said_in_a_short_line(tmp_path, capsys):
    text = MINI.replace("[scenes.bridge]", f"[scenes.{'b' * 5000}]")
    errors = _checked(tmp_path, text, capsys)
    assert any("it is 5,000 characters long" in e for e in errors), errors
    assert all(len(e) < 600 for e in errors), [len(e) for e in errors]


def test_a_principle_id_of_90_letters_in_a_folder_catalogue(tmp_path, capsys):
    assert main(["principles", "--toml"]) == 0
    catalogue = capsys.readouterr().out
    long = "p" * 90
    (tmp_path / "principles.toml").write_text(
        catalogue + f'\n[principles.{long}]\ntitle = "Long"\nsummary = "s"\nexplanation = "e"\n',
        "utf-8",
    )
    errors = _checked(tmp_path, MINI, capsys, "mini.toml")
    assert any(
        "principles.toml" in e and "it is 90 characters long" in e and "shorten it" in e
        for e in errors
    ), errors


def test_the_length_said_is_the_length_the_model_holds_to():
    from sim.model import types
    from sim.problems import NAME_MOST

    field = types.Id.__metadata__[-1]
    held = next(m.max_length for m in field.metadata if hasattr(m, "max_length"))
    assert held == NAME_MOST
