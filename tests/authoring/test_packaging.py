"""What ships beside the code: the principles schema, the Taplo config, the sdist's contents.

The schemas are generated from the models; the shipped copies under schema/
must be what `peer-sim schema` prints today, and editors using Taplo must
find them through `.taplo.toml` without a `#:schema` line in any file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tomli

ROOT = Path(__file__).resolve().parents[2]


def test_shipped_principles_schema_is_in_sync(capsys):
    from sim.authoring.schema import PRINCIPLES_SCHEMA_FILE, schema_text
    from sim.cli import main

    assert PRINCIPLES_SCHEMA_FILE.read_text(encoding="utf-8") == schema_text("principles"), (
        "run: peer-sim schema --principles -o schema/principles.schema.json"
    )
    assert main(["schema", "--principles"]) == 0
    assert json.loads(capsys.readouterr().out)["$id"].endswith("principles.schema.json")


def test_principles_schema_accepts_the_bundled_catalogue_and_rejects_a_typo():
    jsonschema = pytest.importorskip("jsonschema")
    from sim.authoring.schema import principles_schema
    from sim.loading import CATALOGUE_NAME, bundled_dir

    schema = principles_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    data = tomli.loads((bundled_dir() / CATALOGUE_NAME).read_text(encoding="utf-8"))
    assert not list(validator.iter_errors(data))
    first = next(iter(data["principles"].values()))
    first["titel"] = first.pop("title")
    data["principles"]["Bad Id"] = first
    messages = " ".join(e.message for e in validator.iter_errors(data))
    assert "titel" in messages and "Bad Id" in messages


def test_taplo_config_names_both_shipped_schemas():
    config = tomli.loads((ROOT / ".taplo.toml").read_text(encoding="utf-8"))
    schemas = {rule["schema"]["path"]: rule for rule in config["rule"]}
    assert set(schemas) == {"./schema/scenario.schema.json", "./schema/principles.schema.json"}
    for path in schemas:
        assert (ROOT / path).is_file()
    assert "scenarios/**/principles.toml" in schemas["./schema/scenario.schema.json"]["exclude"]


def _taplo() -> str:
    found = shutil.which("taplo") or str(Path(sys.executable).with_name("taplo"))
    if not Path(found).exists():
        pytest.skip("taplo is not installed (it is in the test extra)")
    return found


def test_taplo_validates_scenarios_and_principles_through_the_config(tmp_path):
    """A copy of the layout with one broken scenario and one broken catalogue."""
    taplo = _taplo()
    shutil.copy(ROOT / ".taplo.toml", tmp_path)
    shutil.copytree(ROOT / "schema", tmp_path / "schema")
    folder = tmp_path / "scenarios"
    shutil.copytree(ROOT / "scenarios", folder)
    run = [taplo, "lint", "--colors", "never"]
    clean = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert clean.returncode == 0, clean.stderr
    scenario = next(p for p in sorted(folder.glob("*.toml")) if p.name != "principles.toml")
    scenario.write_text(scenario.read_text(encoding="utf-8") + "\ntrsut = 3\n", encoding="utf-8")
    catalogue = folder / "principles.toml"
    catalogue.write_text(
        catalogue.read_text(encoding="utf-8").replace("format = 1", "format = 1\nfoo = 2", 1),
        encoding="utf-8",
    )
    broken = subprocess.run(run, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert broken.returncode != 0
    assert "'trsut' was unexpected" in broken.stderr
    assert "'foo' was unexpected" in broken.stderr


def test_sdist_ships_what_its_tests_read():
    """The schema test reads schema/; LICENSE and .taplo.toml ship too."""
    config = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    include = config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]
    for needed in ("schema", "LICENSE", ".taplo.toml", "tests", "scenarios", "sim"):
        assert needed in include
    project = config["project"]
    assert "License :: OSI Approved :: MIT License" in project["classifiers"]
    assert project["license"] == {"text": "MIT"} and (ROOT / "LICENSE").read_text().startswith(
        "MIT License"
    )
    assert project["urls"]
