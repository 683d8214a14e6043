"""`export` and `report` never write over a scenario file (a .toml name is refused).

`export last -o first-meeting.toml`, with the scenario's name typed from habit, wrote
the run's Markdown over the scenario, as `graph -o` and `schema -o` did (author17).
No record peer-sim writes is TOML, so the name is refused with one to use instead,
and the file there is left exactly as it was.
"""

from __future__ import annotations

import pytest

from tests.core.test_hostile_files import run_main

from .conftest import play


@pytest.mark.parametrize(
    ("command", "offered"),
    [
        (["export", "last", "--format", "md"], "mine.md"),
        (["export", "last", "--format", "json"], "mine.json"),
        (["export", "all", "--format", "xapi"], "mine.json"),
        (["report"], "mine.txt"),
        (["report", "--format", "csv"], "mine.csv"),
    ],
)
def test_a_toml_name_is_refused_and_the_scenario_kept(records_dir, tmp_path, command, offered):
    assert play("first-meeting", "strong") == 0
    scenario = tmp_path / "mine.toml"
    scenario.write_text('title = "Mine"\n', encoding="utf-8")
    code, said = run_main([*command, "-o", str(scenario)])
    assert code == 1, said
    assert "would replace it" in said and f"such as {tmp_path / offered}" in said, said
    assert scenario.read_text(encoding="utf-8") == 'title = "Mine"\n'
    assert not (tmp_path / offered).exists()


def test_a_new_toml_name_is_refused_too(records_dir, tmp_path):
    """A record named .toml beside the scenarios would be read as a broken scenario."""
    assert play("first-meeting", "strong") == 0
    code, said = run_main(["export", "last", "-o", str(tmp_path / "run.TOML")])
    assert code == 1 and "read as one" in said, said
    assert not (tmp_path / "run.TOML").exists()


def test_other_names_are_written(records_dir, tmp_path):
    assert play("first-meeting", "strong") == 0
    code, said = run_main(["export", "last", "-o", str(tmp_path / "run.md")])
    assert code == 0, said
    assert (tmp_path / "run.md").read_text(encoding="utf-8").startswith("#")


def test_a_toml_name_with_a_slash_is_left_to_the_file_in_the_way_message(records_dir, tmp_path):
    """`-o notes.toml/` asks for a folder: the message says a file stands there, not that
    the record would replace a scenario (tests/core/test_a_file_in_the_way.py)."""
    (tmp_path / "notes.toml").write_text("kept\n", encoding="utf-8")
    code, said = run_main(["report", "-o", f"{tmp_path / 'notes.toml'}/"])
    assert code == 1 and "is a file, not a folder" in said and "would replace" not in said, said
