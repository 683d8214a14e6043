"""`peer-sim test --format json` without `--slips`: the coverage report for an author's CI.

Shaped as `--slips --format json` and `check --format json` (per file: path, ok, errors,
warnings in check's problem shape; a summary with the exit status), with known answers on
a fixture; every ending's shortest path replays with `play --plain --choices` to that
ending, by numbers and by choice ids; each finding sits on its line with test's code; a
broken file is listed with its errors beside the good ones; the exit status and `ok` are
the text report's; the text report is unchanged.
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
from tests.authoring.test_fairness import WRAP_UP, scenario_text
from tests.authoring.test_test_json import _header_line, _readme_example_holds

ROOT = Path(__file__).parents[2]
FIXTURES = ROOT / "tests" / "authoring" / "fixtures"
GOOD = FIXTURES / "good.toml"
LOOP = FIXTURES / "next-loop.toml"
REMEMBER = ROOT / "tests" / "core" / "fixtures" / "remember.toml"
README = ROOT / "README.md"

FILE_KEYS = {
    "path",
    "ok",
    "id",
    "title",
    "covered",
    "states_explored",
    "complete",
    "stopped_by",
    "exploration_complete",
    "uncovered",
    "reached_without_path",
    "endings",
    "safety_moves",
    "critical_slips",
    "best_lines",
    "random",
    "result",
    "errors",
    "warnings",
}
ENDING_KEYS = {
    "id",
    "outcome",
    "reached",
    "choices",
    "choice_ids",
    "shortest",
    "trust",
    "empowerment",
    "meters_complete",
}
PROBLEM_KEYS = {"path", "line", "column", "key", "severity", "code", "message", "hint"}
SUMMARY_KEYS = {"files", "ok", "failed", "errors", "warnings", "random", "seed", "exit_status"}


def _json(argv: list[str], capsys) -> tuple[int, dict, str]:
    code = main(argv)
    captured = capsys.readouterr()
    assert captured.out.isascii(), "every non-ASCII and control character escaped"
    return code, json.loads(captured.out), captured.err


def _dead_end_text() -> str:
    """The good fixture with middle's last two lines also kept for after the reflection:
    after `--choices 2` scene middle offers nothing (README's example)."""
    text = GOOD.read_text().replace(
        'when = { visited = ["open"] }', 'when = { flags = ["reflected"] }'
    )
    plan = 'why = "A plan made for him is not his plan."'
    assert plan in text
    return text.replace(plan, plan + '\nwhen = { flags = ["reflected"] }')


def _cases(tmp_path: Path) -> dict[str, Path]:
    """Small files, one for each finding (the fairness ones as test_fairness builds them)."""
    slip = (
        scenario_text(critical='critical = "safety"\n')
        .replace(
            'why = "Asking directly is the safety move."',
            'best = true\nwhy = "Asking directly is the safety move."',
        )
        .replace("when = { min_trust = 50 }", "when = { min_trust = 53 }")
    )
    trails = (
        scenario_text(cost=0, more=WRAP_UP)
        .replace(
            'principles = { crisis-referral = "honours" }',
            'principles = { empowerment = "honours" }',
        )
        .replace("trust = 0\n", "trust = -4\nbest = true\n", 1)
        .replace(
            'principles = { confidentiality = "undermines" }',
            'principles = { empowerment = "neutral" }',
        )
    )
    out = {}
    for name, text in [
        ("dead-end", _dead_end_text()),
        ("safety", scenario_text()),
        ("slip", slip),
        ("trails", trails),
    ]:
        out[name] = tmp_path / f"{name}.toml"
        out[name].write_text(text)
    return out


def test_shape_and_known_answers_on_a_file_with_a_dead_end(tmp_path, capsys, monkeypatch):
    (tmp_path / "my.toml").write_text(_dead_end_text())
    monkeypatch.chdir(tmp_path)
    code, data, err = _json(["test", "my.toml", "--format", "json"], capsys)
    assert code == 1 and err == ""
    assert data["peer_sim_test_coverage"] == 1 and set(data) == {
        "peer_sim_test_coverage",
        "files",
        "summary",
    }
    (entry,) = data["files"]
    assert set(entry) == FILE_KEYS
    assert (entry["path"], entry["ok"], entry["id"], entry["title"]) == (
        "my.toml",
        False,
        "my",
        "Good fixture",
    )
    assert entry["covered"] == {
        "choices": {"covered": 5, "of": 5},
        "endings": {"covered": 3, "of": 3},
        "scenes": {"covered": 3, "of": 3},
    }
    assert entry["states_explored"] == 3
    assert (entry["complete"], entry["stopped_by"], entry["exploration_complete"]) == (
        True,
        None,
        True,
    )
    line = _header_line(tmp_path / "my.toml", "scenes.middle.choices", 1)
    assert entry["uncovered"] == {
        "scenes": [],
        "choices": [],
        "endings": [],
        "dead_ends": [
            {"scene": "middle", "key": "scenes.middle.choices", "line": line, "choices": "2"}
        ],
        "loops": [],
    }
    by_id = {e["id"]: e for e in entry["endings"]}
    assert list(by_id) == ["partnership", "maybe", "gone"]  # the file's order
    for e in entry["endings"]:
        assert set(e) == ENDING_KEYS and e["reached"] and e["shortest"] and e["meters_complete"]
    assert [(e["outcome"], e["choices"], e["choice_ids"]) for e in entry["endings"]] == [
        ("strong", "1,1", ["hello#1", "middle#1"]),
        ("mixed", "1,2", ["hello#1", "middle#2"]),
        ("poor", "1,3", ["hello#1", "middle#3"]),
    ]
    assert by_id["gone"]["trust"] == {"min": 40, "max": 40}
    assert by_id["gone"]["empowerment"] == {"min": 20, "max": 20}
    assert entry["safety_moves"] == {
        "judged": True,
        "lines": 0,
        "problems": 0,
        "code": "safety-punished",
    }
    assert entry["best_lines"] == {"judged": True, "problems": 0, "code": "best-trails"}
    rnd = entry["random"]
    assert (rnd["plays"], rnd["seed"]) == (100, 0)
    assert sum(rnd["endings"].values()) + sum(rnd["stuck"].values()) == 100
    assert rnd["stuck"] and set(rnd["stuck"]) == {"middle"}
    assert entry["result"] == "NOT fully covered: 1 dead end where play stops"
    (error,) = entry["errors"]
    assert set(error) == PROBLEM_KEYS | {"choices"}
    assert (error["code"], error["severity"], error["line"], error["choices"]) == (
        "dead-end",
        "error",
        line,
        "2",
    )
    assert entry["warnings"] == []
    assert data["summary"] == {
        "files": 1,
        "ok": 0,
        "failed": 1,
        "errors": 1,
        "warnings": 0,
        "random": 100,
        "seed": 0,
        "exit_status": 1,
    }
    _readme_example_holds(data, "### Coverage for CI: `peer-sim test", ".endings")


def test_the_random_plays_and_their_seed_are_the_text_s(capsys):
    """The counts are the ones the text prints for the same seed (and another seed, others)."""
    argv = ["test", str(GOOD), "--random", "30", "--seed", "5"]
    assert main(argv) == 0
    text = capsys.readouterr().out
    _, data, _ = _json([*argv, "--format", "json"], capsys)
    rnd = data["files"][0]["random"]
    assert (rnd["plays"], rnd["seed"]) == (30, 5)
    assert (data["summary"]["random"], data["summary"]["seed"]) == (30, 5)
    shown = ", ".join(f"{e} {n} ({100 * n / 30:.0f}%)" for e, n in rnd["endings"].items())
    assert f"    endings: {shown}\n" in text
    assert f"    principles ({rnd['decisions']} decisions):" in text
    for pid, counts in rnd["principles"].items():
        detail = ", ".join(f"{v} {n}" for v, n in counts.items() if n)
        assert f"      {pid}: {sum(counts.values())} ({detail})\n" in text
    _, other, _ = _json(
        ["test", str(GOOD), "--random", "30", "--seed", "6", "--format", "json"], capsys
    )
    assert other["files"][0]["random"]["endings"] != rnd["endings"]
    _, none, _ = _json(["test", str(GOOD), "--random", "0", "--format", "json"], capsys)
    assert none["files"][0]["random"] is None and none["summary"]["random"] == 0


def test_readme_links_to_the_section_resolve():
    """The anchors README gives for the json sections are those of its headings."""
    text = README.read_text(encoding="utf-8")
    slugs = set()
    for heading in re.findall(r"^#+ (.+)$", text, re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        slugs.add(slug)
    for anchor in ("coverage-for-ci-peer-sim-test-path---format-json",):
        assert anchor in slugs
        assert f"(#{anchor})" in text
    for anchor in re.findall(r"\]\(#(test-every-path[^)]*|coverage-for-ci[^)]*)\)", text):
        assert anchor in slugs, anchor


def _replay(path: Path, choices: str):
    """What `peer-sim play PATH --plain --choices CHOICES` plays (sim.commands.play)."""
    out = io.StringIO()
    return play(load_scenario(path), None, out, lambda _p: None, script=parse_script(choices))


@pytest.mark.parametrize(
    "name", ["good", "remember", "next-loop", "dead-end", "safety", "slip", "trails", "bundled"]
)
def test_every_shortest_path_replays_to_its_ending_by_numbers_and_by_ids(name, tmp_path, capsys):
    path = {
        "good": GOOD,
        "remember": REMEMBER,  # choices with an author's `id`, a branching `next`
        "next-loop": LOOP,
        "bundled": ROOT / "scenarios" / "first-meeting.toml",
        **_cases(tmp_path),
    }[name]
    _, data, _ = _json(["test", str(path), "--random", "0", "--format", "json"], capsys)
    (entry,) = data["files"]
    scenario = load_scenario(path)
    replayed = 0
    for e in entry["endings"]:
        assert e["outcome"] == scenario.endings[e["id"]].outcome
        if e["choices"] is None:
            assert not e["reached"] and e["choice_ids"] is None
            assert e["id"] in [u["id"] for u in entry["uncovered"]["endings"]]
            continue
        assert len(e["choice_ids"]) == len(e["choices"].split(","))
        for choices in (e["choices"], ",".join(e["choice_ids"])):
            state = _replay(path, choices).state
            assert state.ending == e["id"], (name, choices)
            assert e["trust"]["min"] <= state.trust <= e["trust"]["max"]
            assert e["empowerment"]["min"] <= state.empowerment <= e["empowerment"]["max"]
        replayed += 1
    assert replayed == entry["covered"]["endings"]["covered"] > 0


def test_the_cli_replays_an_ending_s_path_as_pasted(capsys):
    _, data, _ = _json(["test", str(REMEMBER), "--random", "0", "--format", "json"], capsys)
    ending = data["files"][0]["endings"][-1]
    for choices in (ending["choices"], ",".join(ending["choice_ids"])):
        argv = ["play", str(REMEMBER), "--plain", "--no-record", "--choices", choices]
        assert main(argv) == 0
        out = " ".join(capsys.readouterr().out.split())
        text = load_scenario(REMEMBER).endings[ending["id"]].text
        assert " ".join(text.split()[:6]) in out, choices


@pytest.mark.parametrize(
    "name, code, severity, key, choices",
    [
        ("safety", "safety-punished", "error", "scenes.ask.choices[1]", "1"),
        ("slip", "slip-beats-best", "error", "scenes.ask.choices[2]", "2"),
        ("trails", "best-trails", "warning", "scenes.ask.choices[1]", "1"),
        ("next-loop", "no-way-out", "error", "scenes.b", "1"),
    ],
)
def test_each_finding_is_a_problem_on_its_line_with_test_s_code(
    name, code, severity, key, choices, tmp_path, capsys
):
    path = LOOP if name == "next-loop" else _cases(tmp_path)[name]
    argv = ["test", str(path), "--random", "0"]
    text_status = main(argv)
    text = capsys.readouterr().out
    status, data, _ = _json([*argv, "--format", "json"], capsys)
    assert status == text_status
    (entry,) = data["files"]
    found = [p for p in entry["errors"] + entry["warnings"] if p["code"] == code]
    assert len(found) == 1, entry["errors"] + entry["warnings"]
    (p,) = found
    assert (p["severity"], p["key"], p["choices"]) == (severity, key, choices)
    assert p in entry["errors" if severity == "error" else "warnings"]
    # the line is the one the text gives, and so is the message
    assert f"{path}:{p['line']}:1: {severity}: {key}: {p['message']} ({p['hint']})" in text
    if code in ("safety-punished", "slip-beats-best", "best-trails"):
        rule = {"safety-punished": "safety_moves", "slip-beats-best": "critical_slips"}.get(
            code, "best_lines"
        )
        assert entry[rule]["problems"] == 1 and entry[rule]["code"] == code
        # the path given is the one the hint's command replays
        assert p["hint"].endswith(f"--choices {choices}")
    assert entry["result"] in text.splitlines()[-1]
    assert entry["ok"] == (not entry["errors"]) == (status == 0)


def test_a_walk_stopped_at_its_bound_is_not_judged_and_says_so(monkeypatch, capsys):
    """Past the bound (lowered here) the three comparisons are not made: an error, so a CI
    job reading `ok` is judged by the rule the exit status follows."""
    monkeypatch.setattr("sim.authoring.coverage.MAX_STATES", 2)
    argv = ["test", str(GOOD), "--random", "0"]
    assert main(argv) == 1
    text = capsys.readouterr().out
    status, data, _ = _json([*argv, "--format", "json"], capsys)
    assert status == 1
    (entry,) = data["files"]
    assert (entry["complete"], entry["stopped_by"]) == (False, "more than 2 states")
    for rule in ("safety_moves", "critical_slips", "best_lines"):
        assert entry[rule]["judged"] is False and entry[rule]["problems"] is None
    (error,) = entry["errors"]
    assert (error["code"], error["key"], error["line"]) == ("not-judged", "start", 9)
    assert f"  result: {entry['result']}\n" in text and "NOT judged" in entry["result"]
    assert not entry["ok"]
    reached = entry["reached_without_path"]["endings"]
    for e in entry["endings"]:
        assert e["reached"] and (e["choices"] is None) == (e["id"] in reached)


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
    argv = ["test", str(folder), "--random", "0"]
    text_status = main(argv)
    capsys.readouterr()
    code, data, err = _json([*argv, "--format", "json"], capsys)
    assert code == text_status == 1 and data["summary"]["exit_status"] == 1
    assert "Traceback" not in err and "\x1b" not in err
    by_name = {Path(e["path"]).name: e for e in data["files"]}
    assert escape in by_name  # the name as data, escaped in the JSON text
    good = by_name["good.toml"]
    assert good["ok"] and good["result"] == "every branch covered" and good["errors"] == []
    assert [e["choices"] for e in good["endings"]] == ["1,1", "1,2", "1,3"]
    broken = by_name["broken.toml"]
    assert set(broken) == FILE_KEYS and not broken["ok"]
    assert broken["endings"] == [] and broken["result"] is None and broken["random"] is None
    (syntax,) = broken["errors"]
    assert set(syntax) == PROBLEM_KEYS and syntax["line"] == 2
    wrong = by_name["wrong-key.toml"]
    assert any(e["key"] == "minuts" and e["line"] for e in wrong["errors"]), wrong["errors"]
    if hasattr(os, "mkfifo"):
        assert by_name["fifo.toml"]["errors"] and not by_name["fifo.toml"]["ok"]
    summary = data["summary"]
    assert set(summary) == SUMMARY_KEYS
    assert summary["files"] == len(data["files"]) == summary["ok"] + summary["failed"]
    assert summary["ok"] == sum(e["ok"] for e in data["files"])


def _exit_cases(tmp_path: Path) -> dict[str, list[str]]:
    cases = _cases(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    broken = tmp_path / "broken.toml"
    broken.write_text("[[[\n")
    return {
        "good": [str(GOOD)],
        "good, seed 3": [str(GOOD), "--random", "7", "--seed", "3"],
        "remember": [str(REMEMBER)],
        "dead end": [str(cases["dead-end"])],
        "loop": [str(LOOP)],
        "safety move punished": [str(cases["safety"])],
        "critical slip beats best": [str(cases["slip"])],
        "best line trails (a warning)": [str(cases["trails"])],
        "good and loop": [str(GOOD), str(LOOP)],
        "broken": [str(broken)],
        "broken and good": [str(broken), str(GOOD)],
        "no scenario files": [str(empty)],
        "no such file": [str(tmp_path / "nowhere.toml")],
        "bundled id": ["first-meeting"],
        "random -1": [str(GOOD), "--random", "-1"],
        "seed -1": [str(GOOD), "--seed", "-1"],
    }


EXPECTED = {
    "good": 0,
    "good, seed 3": 0,
    "remember": 0,
    "dead end": 1,
    "loop": 1,
    "safety move punished": 1,
    "critical slip beats best": 1,
    "best line trails (a warning)": 0,
    "good and loop": 1,
    "broken": 1,
    "broken and good": 1,
    "no scenario files": 1,
    "no such file": 1,
    "bundled id": 0,
    "random -1": 2,
    "seed -1": 2,
}


@pytest.mark.parametrize("case", list(EXPECTED))
def test_exit_status_and_ok_are_the_text_report_s(case, tmp_path, capsys):
    argv = ["test", *_exit_cases(tmp_path)[case]]
    text = main(argv)
    text_out = capsys.readouterr().out
    as_json = main([*argv, "--format", "json"])
    captured = capsys.readouterr()
    assert as_json == text == EXPECTED[case]
    assert "Traceback" not in captured.err
    if as_json == 2:  # (wrong usage says why on stderr, with no JSON)
        assert captured.out == ""
        return
    data = json.loads(captured.out)
    assert data["summary"]["exit_status"] == as_json
    for entry in data["files"]:
        # ok is the text's verdict for the file, and exactly "no errors"
        assert entry["ok"] == (not entry["errors"])
        if entry["result"] is not None:
            assert f"  result: {entry['result']}\n" in text_out
            result = entry["result"]
            kept = result.startswith("every branch covered") and "BROKEN" not in result
            assert entry["ok"] == (kept and "NOT" not in result)
    if case != "bundled id":  # (a second walk of a bundled scenario: a second or two)
        assert main([*argv, "--format", "text"]) == text
        assert capsys.readouterr().out == text_out  # text unchanged by the option


def test_text_is_the_default_and_unchanged(capsys):
    assert main(["test", str(GOOD), "--random", "10"]) == 0
    default = capsys.readouterr().out
    assert main(["test", str(GOOD), "--random", "10", "--format", "text"]) == 0
    assert capsys.readouterr().out == default
    assert default.startswith(f"{GOOD}: Good fixture\n  covered: 5/5 choices, 3/3 endings, ")
    assert default.endswith("  result: every branch covered\n")
