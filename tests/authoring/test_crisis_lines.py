"""`check` warns when a scenario names 988 or 911 without saying it is set in the US.

The project marks crisis resources as US resources; the bundled library was held to it
by a test of its own (tests/core/test_library_content.py), while an author's own
scenario naming 988 in a US-less setting checked clean, even with --strict.
"""

from __future__ import annotations

from pathlib import Path

from sim.cli import main

FIXTURE = Path(__file__).parent / "fixtures" / "monday-shift.toml"
SETTING = 'setting = "A recovery community centre in the US, Friday afternoon'


def _without_us(tmp_path: Path, text: str | None = None) -> Path:
    text = (text or FIXTURE.read_text()).replace(
        SETTING, 'setting = "A recovery community centre, Friday afternoon'
    )
    out = tmp_path / "monday-shift.toml"
    out.write_text(text)
    return out


def test_the_piece_as_written_checks_clean(capsys):
    assert main(["check", "--strict", str(FIXTURE)]) == 0
    assert "1 clean" in capsys.readouterr().err


def test_988_in_a_setting_with_no_country_is_named_where_it_is_said(tmp_path, capsys):
    path = _without_us(tmp_path)
    assert main(["check", str(path)]) == 0  # a warning: the scenario still works
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "US number" in line]
    assert len(lines) == 1, out  # once a scenario, at the first place it is named
    line = lines[0]
    said = next(i for i, t in enumerate(path.read_text().splitlines(), 1) if "988 answers" in t)
    assert line.startswith(f"{path}:{said}:1: warning: scenes.safety-net.choices[2].say:"), line
    assert "this names 988, a US number" in line
    assert "say where it happens in the setting" in line
    assert main(["check", "--strict", str(path)]) == 1


def test_911_in_an_ending_is_named_too(tmp_path, capsys):
    text = FIXTURE.read_text()
    for said, instead in [
        ("988 answers", "a helpline answers"),
        ("names 988 as", "names a helpline as"),
        ("shows you 988 saved", "says he knows to call 911"),
    ]:
        text = text.replace(said, instead)
    path = _without_us(tmp_path, text)
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "endings.own-terms.also[1].text: this names 911, a US number" in out


def test_the_us_named_in_the_summary_is_enough(tmp_path, capsys):
    text = FIXTURE.read_text().replace(
        'summary = "Dev starts', 'summary = "In the United States, Dev starts'
    )
    path = _without_us(tmp_path, text)
    assert main(["check", "--strict", str(path)]) == 0
    assert "US number" not in capsys.readouterr().out


def test_a_number_inside_a_longer_one_is_no_crisis_line(tmp_path, capsys):
    text = FIXTURE.read_text().replace(" 988 ", " 19880 ")
    path = _without_us(tmp_path, text)
    assert main(["check", "--strict", str(path)]) == 0
