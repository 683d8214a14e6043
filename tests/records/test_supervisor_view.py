"""What a supervisor and a training programme read of a trainee's run (trainer-test-1).

A tiny fixture with two critical slips of different kinds keeps these fast:
choosing 2 then 2 lends money (dual-relationship) then tells the new boss
(confidentiality).
"""

from __future__ import annotations

import json
from pathlib import Path

from sim.cli import main
from sim.records.xapi import IRI_BASE

TWO_SLIPS = str(Path(__file__).resolve().parents[1] / "core" / "fixtures" / "why-two-slips.toml")


def _xapi(capsys, run: str = "last") -> list[dict]:
    capsys.readouterr()
    assert main(["export", run, "--format", "xapi"]) == 0
    return json.loads(capsys.readouterr().out)


def test_critical_slips_reach_the_xapi_statements(capsys) -> None:
    assert main(["play", TWO_SLIPS, "--choices", "2,2", "--trainee", "Ben"]) == 0
    statements = _xapi(capsys)
    per_decision = [
        s["result"]["extensions"].get(IRI_BASE + "extensions/critical-slip")
        for s in statements[:-1]
    ]
    assert per_decision == ["dual-relationship", "confidentiality"]
    completed = statements[-1]["result"]["extensions"]
    assert completed[IRI_BASE + "extensions/critical-slips"] == [
        {"step": 1, "kind": "dual-relationship"},
        {"step": 2, "kind": "confidentiality"},
    ]


def test_a_run_without_slips_says_so_in_xapi(capsys) -> None:
    assert main(["play", TWO_SLIPS, "--choices", "1,1"]) == 0
    statements = _xapi(capsys)
    assert all(
        IRI_BASE + "extensions/critical-slip" not in s["result"]["extensions"] for s in statements
    )
    assert statements[-1]["result"]["extensions"][IRI_BASE + "extensions/critical-slips"] == []
