"""`peer-sim test --slips --format json`: the `--slips` report for an author's CI.

Shaped as `check --format json` (per file: path, ok, errors, warnings in check's problem
shape), with known answers on a fixture; every path it lists replays with
`play --plain --choices` to the ending it is listed under, by numbers and by choice ids;
a broken file is listed with its errors beside the good ones; the exit status is the
text report's.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from pathlib import Path

import pytest

from sim.cli import main
from sim.commands.play import parse_script
from sim.loading import load_scenario
from sim.plain.player import play

ROOT = Path(__file__).parents[2]
GOOD = ROOT / "tests" / "authoring" / "fixtures" / "good.toml"
REMEMBER = ROOT / "tests" / "core" / "fixtures" / "remember.toml"
README = ROOT / "README.md"

PATH_KEYS = {
    "choices",
    "choice_ids",
    "ending",
    "outcome",
    "stopped",
    "trust",
    "empowerment",
    "slips",
    "critical_strong",
    "harmless_worst",
}
SLIP_KEYS = {"decision", "scene", "choice_id", "critical", "critical_kind", "key", "line"}
PROBLEM_KEYS = {"path", "line", "column", "key", "severity", "code", "message", "hint"}
FILE_KEYS = {
    "path",
    "ok",
    "id",
    "title",
    "slips",
    "best",
    "paths",
    "complete",
    "search_stopped",
    "still_strong",
    "errors",
    "warnings",
}


def _json(argv: list[str], capsys) -> tuple[int, dict, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert captured.out.isascii(), "every non-ASCII and control character escaped"
    return code, json.loads(captured.out), captured.err


def _all_strong(tmp_path: Path) -> Path:
    """The remember fixture with every ending strong: its critical slips end strong."""
    text = (
        REMEMBER.read_text()
        .replace('outcome = "mixed"', 'outcome = "strong"')
        .replace('outcome = "poor"', 'outcome = "strong"')
    )
    path = tmp_path / "all-strong.toml"
    path.write_text(text)
    return path


def test_shape_and_known_answers_on_the_good_fixture(tmp_path, capsys, monkeypatch):
    shutil.copy(GOOD, tmp_path / "my.toml")
    monkeypatch.chdir(tmp_path)
    code, data, err = _json(["test", "my.toml", "--slips", "--format", "json"], capsys)
    assert code == 0 and err == ""
    assert data["peer_sim_test_slips"] == 1
    (entry,) = data["files"]
    assert set(entry) == FILE_KEYS
    assert (entry["path"], entry["ok"], entry["id"], entry["slips"]) == ("my.toml", True, "my", 1)
    best = entry["best"]
    assert set(best) == PATH_KEYS and best["slips"] == []
    assert (best["choices"], best["ending"], best["outcome"]) == ("1,1", "partnership", "strong")
    assert best["choice_ids"] == ["hello#1", "middle#1"]
    assert (best["trust"], best["empowerment"]) == (40, 60)
    by_choices = {p["choices"]: p for p in entry["paths"]}
    assert set(by_choices) == {"1,2", "1,3", "2,1"}
    for p in entry["paths"]:
        assert set(p) == PATH_KEYS and len(p["slips"]) == 1
        assert set(p["slips"][0]) == SLIP_KEYS
    # A slip at the first decision takes middle#1 off the offer: "2,1" is middle#2 by id.
    assert by_choices["2,1"]["choice_ids"] == ["hello#2", "middle#2"]
    assert by_choices["2,1"]["slips"] == [
        {
            "decision": 1,
            "scene": "hello",
            "choice_id": "hello#2",
            "critical": False,
            "critical_kind": None,
            "key": "scenes.hello.choices[2]",
            "line": _header_line(GOOD, "scenes.hello.choices", 2),
        }
    ]
    assert (by_choices["1,3"]["ending"], by_choices["1,3"]["harmless_worst"]) == ("gone", True)
    assert [p["choices"] for p in entry["paths"] if p["harmless_worst"]] == ["1,3"]
    assert entry["still_strong"] == {"paths": 0, "of": 3, "percent": 0}
    assert (entry["complete"], entry["search_stopped"]) == (True, False)
    assert entry["errors"] == []
    (warning,) = entry["warnings"]
    assert set(warning) == PROBLEM_KEYS | {"choices"}
    assert (warning["code"], warning["severity"], warning["choices"]) == (
        "harmless-worst",
        "warning",
        "1,3",
    )
    assert warning["key"] == "scenes.middle.choices[3]"
    assert warning["line"] == _header_line(GOOD, "scenes.middle.choices", 3)
    assert data["summary"] == {
        "files": 1,
        "ok": 1,
        "failed": 0,
        "errors": 0,
        "warnings": 1,
        "slips": 1,
        "exit_status": 0,
    }
    _readme_example_holds(data)


def _header_line(path: Path, table: str, n: int) -> int:
    """The line of the n-th `[[table]]` header in the file (from 1)."""
    lines = path.read_text().splitlines()
    found = [i + 1 for i, line in enumerate(lines) if line.strip() == f"[[{table}]]"]
    return found[n - 1]


def _readme_example_holds(
    real: dict, heading: str = "### Balance for CI: `peer-sim test", some: str = ".paths"
) -> None:
    """README's example under `heading` is this run, trimmed: each value it shows is the
    real one (the list named `some` shows some of its items; a string ending in "..." is
    a prefix). The coverage json's test reads its own example with this too."""
    text = README.read_text(encoding="utf-8")
    start = text.index(heading)
    block = re.search(r"```json\n(.*?)```", text[start:], re.S)
    assert block, f"README's example under {heading}"
    _within(json.loads(block.group(1)), real, "example", some)


def _within(shown: object, real: object, where: str, some: str) -> None:
    if isinstance(shown, dict):
        assert isinstance(real, dict) and set(shown) <= set(real), where
        for key, value in shown.items():
            _within(value, real[key], f"{where}.{key}", some)
    elif isinstance(shown, list) and where.endswith(some):
        for item in shown:
            assert item in real, f"{where}: {item} is not one test lists"
    elif isinstance(shown, list):
        assert isinstance(real, list) and len(shown) == len(real), where
        for i, (a, b) in enumerate(zip(shown, real, strict=True)):
            _within(a, b, f"{where}[{i}]", some)
    elif isinstance(shown, str) and shown.endswith("..."):
        assert isinstance(real, str) and real.startswith(shown[:-3]), where
    else:
        assert shown == real, where


def _replay(path: Path, choices: str):
    """What `peer-sim play PATH --plain --choices CHOICES` plays (sim.commands.play)."""
    out = io.StringIO()
    return play(load_scenario(path), None, out, lambda _p: None, script=parse_script(choices))


@pytest.mark.parametrize(
    "path, slips",
    [
        (GOOD, 1),
        (GOOD, 2),
        (REMEMBER, 1),  # choices with an author's `id`, critical slips of two kinds
        (ROOT / "scenarios" / "first-meeting.toml", 1),
    ],
    ids=lambda v: v.stem if isinstance(v, Path) else str(v),
)
def test_every_path_replays_to_its_ending_by_numbers_and_by_ids(path, slips, capsys):
    code, data, _ = _json(["test", str(path), "--slips", str(slips), "--format", "json"], capsys)
    assert code == 0
    (entry,) = data["files"]
    assert entry["complete"] and entry["paths"]
    scenario = load_scenario(path)
    for p in [entry["best"], *entry["paths"]]:
        assert len(p["slips"]) == (0 if p is entry["best"] else slips)
        for choices in (p["choices"], ",".join(p["choice_ids"])):
            run = _replay(path, choices)
            state = run.state
            assert (state.ending, state.trust, state.empowerment) == (
                p["ending"],
                p["trust"],
                p["empowerment"],
            ), (path.name, choices)
            assert scenario.endings[state.ending].outcome == p["outcome"]
            # each slip is the line said at that decision, by its scene and id
            for s in p["slips"]:
                said = state.decisions[s["decision"] - 1]
                assert said.scene == s["scene"]
                assert p["choice_ids"][s["decision"] - 1] == s["choice_id"]
                choice = scenario.scenes[said.scene].choices[said.index]
                assert s["critical"] == bool(choice.critical)
                assert s["critical_kind"] == (choice.critical or None)


def test_the_cli_replays_a_listed_path_as_pasted(capsys):
    """The same through `peer-sim play` itself, for one path: the listed ending's text shows."""
    _, data, _ = _json(["test", str(REMEMBER), "--slips", "--format", "json"], capsys)
    paths = data["files"][0]["paths"]
    path = next(p for p in paths if any(s["critical"] for s in p["slips"]))
    for choices in (path["choices"], ",".join(path["choice_ids"])):
        argv = ["play", str(REMEMBER), "--plain", "--no-record", "--choices", choices]
        assert main(argv) == 0
        out = " ".join(capsys.readouterr().out.split())
        ending = load_scenario(REMEMBER).endings[path["ending"]]
        assert " ".join(ending.text.split()[:6]) in out, choices


def test_a_critical_slip_that_ends_strong_is_an_error_on_its_line(tmp_path, capsys):
    path = _all_strong(tmp_path)
    code, data, _ = _json(["test", str(path), "--slips", "--format", "json"], capsys)
    assert code == 1 and data["summary"]["exit_status"] == 1
    (entry,) = data["files"]
    assert not entry["ok"]
    flagged = [p for p in entry["paths"] if p["critical_strong"]]
    assert flagged and all(p["outcome"] == "strong" for p in flagged)
    assert [e["choices"] for e in entry["errors"]] == [p["choices"] for p in flagged]
    for error, p in zip(entry["errors"], flagged, strict=True):
        assert (error["code"], error["severity"]) == ("critical-strong", "error")
        first = next(s for s in p["slips"] if s["critical"])
        assert (error["key"], error["line"]) == (first["key"], first["line"])
        assert error["line"] is not None and first["critical_kind"] in error["message"]


def test_a_broken_file_is_listed_with_its_errors_and_hides_no_good_one(tmp_path, capsys):
    folder = tmp_path / "mine"
    folder.mkdir()
    shutil.copy(GOOD, folder / "good.toml")
    (folder / "broken.toml").write_text('title = "Broken"\nstart = \n')
    (folder / "wrong-key.toml").write_text(GOOD.read_text().replace("minutes = 5", "minuts = 5"))
    escape = "esc\x1b[31mape.toml"
    shutil.copy(GOOD, folder / escape)
    if hasattr(os, "mkfifo"):
        os.mkfifo(folder / "fifo.toml")  # never waited on
    code, data, err = _json(["test", str(folder), "--slips", "--format", "json"], capsys)
    assert code == 1 and data["summary"]["exit_status"] == 1
    assert "Traceback" not in err and "\x1b" not in err
    by_name = {Path(e["path"]).name: e for e in data["files"]}
    assert escape in by_name  # the name as data, escaped in the JSON text
    good = by_name["good.toml"]
    assert good["ok"] and good["paths"] and good["best"]["ending"] == "partnership"
    broken = by_name["broken.toml"]
    assert not broken["ok"] and broken["paths"] == [] and broken["best"] is None
    assert set(broken) == FILE_KEYS
    (syntax,) = broken["errors"]
    assert set(syntax) == PROBLEM_KEYS and syntax["line"] == 2
    wrong = by_name["wrong-key.toml"]
    assert any(e["key"] == "minuts" and e["line"] for e in wrong["errors"]), wrong["errors"]
    if hasattr(os, "mkfifo"):
        assert by_name["fifo.toml"]["errors"] and not by_name["fifo.toml"]["ok"]
    summary = data["summary"]
    assert summary["files"] == len(data["files"]) == summary["ok"] + summary["failed"]
    assert summary["ok"] == sum(e["ok"] for e in data["files"])


def _cases(tmp_path: Path) -> dict[str, list[str]]:
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = tmp_path / "broken.toml"
    broken.write_text("[[[\n")
    return {
        "good": [str(GOOD), "--slips"],
        "good, 2 slips": [str(GOOD), "--slips", "2"],
        "remember": [str(REMEMBER), "--slips"],
        "critical ends strong": [str(_all_strong(tmp_path)), "--slips"],
        "broken": [str(broken), "--slips"],
        "broken and good": [str(broken), str(GOOD), "--slips"],
        "no scenario files": [str(empty), "--slips"],
        "no such file": [str(tmp_path / "nowhere.toml"), "--slips"],
        "bundled id": ["first-meeting", "--slips"],
        "slips 0": [str(GOOD), "--slips", "0"],
    }


CASES = [
    "good",
    "good, 2 slips",
    "remember",
    "critical ends strong",
    "broken",
    "broken and good",
    "no scenario files",
    "no such file",
    "bundled id",
    "slips 0",
]


@pytest.mark.parametrize("case", CASES)
def test_exit_status_is_the_text_report_s(case, tmp_path, capsys):
    argv = ["test", *_cases(tmp_path)[case]]
    text = main(argv)
    capsys.readouterr()
    as_json = main([*argv, "--format", "json"])
    captured = capsys.readouterr()
    assert as_json == text
    assert "Traceback" not in captured.err
    if as_json != 2:  # (wrong usage says why on stderr, with no JSON)
        assert json.loads(captured.out)["summary"]["exit_status"] == as_json
    assert main([*argv, "--format", "text"]) == text
    capsys.readouterr()


def test_expected_exit_statuses(tmp_path, capsys):
    """The cases above mean something: 0 for a clean file, 1 for each failure, 2 usage."""
    cases = _cases(tmp_path)
    want = {
        "good": 0,
        "good, 2 slips": 0,
        "remember": 0,
        "critical ends strong": 1,
        "broken": 1,
        "broken and good": 1,
        "no scenario files": 1,
        "bundled id": 0,
        "slips 0": 2,
    }
    for case, status in want.items():
        assert main(["test", *cases[case], "--format", "json"]) == status, case
        capsys.readouterr()


def test_json_without_slips_is_the_coverage_report_not_this_one(capsys):
    """(Refused until covjson44: tests/authoring/test_test_json_coverage.py holds it.)"""
    assert main(["test", str(GOOD), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "peer_sim_test_slips" not in data and data["peer_sim_test_coverage"] == 1


def test_text_is_the_default_and_unchanged_by_the_option(capsys):
    assert main(["test", str(GOOD), "--slips"]) == 0
    default = capsys.readouterr().out
    assert main(["test", str(GOOD), "--slips", "--format", "text"]) == 0
    assert capsys.readouterr().out == default
    assert default.startswith(f"{GOOD}: Good fixture\n  best path: --choices 1,1 -> ")
