"""A run begun and left before any line stood: the app's past runs hide it, and so do
`peer-sim runs`, the class summary's unfinished count and `export last`'s refusal; the
records keep it, and `runs` names it by id for whoever looks for it."""

from __future__ import annotations

import io

from sim.cli import main
from sim.records import Store

from .conftest import load, path_to_ending


def _play(monkeypatch, answers: list[str], trainee: str = "Ana") -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(answers) + "\n"))
    main(["play", "first-meeting", "--plain", "--trainee", trainee])


def _left_before_a_line(monkeypatch) -> None:
    """A first line said, taken back with u, then q: the run is kept with no line standing
    (as the app's restart leaves one; a run is first written at its first line)."""
    first = path_to_ending(load("first-meeting"), prefer="strong")[0]
    _play(monkeypatch, ["", str(first), "u", "q"])


def test_runs_leaves_out_a_run_without_a_line_and_names_it(monkeypatch, capsys) -> None:
    numbers = path_to_ending(load("first-meeting"), prefer="strong")
    _left_before_a_line(monkeypatch)
    capsys.readouterr()
    assert main(["runs", "--trainee", "Ana"]) == 0
    out = capsys.readouterr().out
    # before: "   1  ...  first-meeting  practice    left unfinished after 0 choices"
    assert "after 0 choices" not in out and "0 so far" not in out, out
    assert "No run with a line kept yet. Not listed: run 1, with no line kept" in out, out
    _play(monkeypatch, ["", "", *map(str, numbers[:1]), "q"])  # left after one line
    capsys.readouterr()
    assert main(["runs", "--trainee", "Ana"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if "first-meeting" in line]
    assert len(rows) == 1 and "after 1 choice" in rows[0], out
    assert "Not listed: run 1, with no line kept" in out, out
    assert len(Store.open(trainee="Ana").runs()) == 2  # the records keep both


def test_the_class_summary_counts_no_run_without_a_line_as_unfinished(monkeypatch, capsys):
    numbers = path_to_ending(load("first-meeting"), prefer="strong")
    _left_before_a_line(monkeypatch)
    _play(monkeypatch, ["", "", *map(str, numbers[:1]), "q"])
    capsys.readouterr()
    assert main(["report", "--format", "csv"]) == 0
    header, row = capsys.readouterr().out.splitlines()[:2]
    cells = dict(zip(header.split(","), row.split(","), strict=True))
    assert cells["trainee"] == "Ana" and cells["unfinished"] == "1", cells


def test_export_last_names_only_unfinished_runs_with_a_line(monkeypatch, capsys) -> None:
    numbers = path_to_ending(load("first-meeting"), prefer="strong")
    _left_before_a_line(monkeypatch)
    _play(monkeypatch, ["", "", *map(str, numbers[:1]), "q"])
    capsys.readouterr()
    assert main(["export", "last", "--trainee", "Ana"]) != 0
    err = capsys.readouterr().err
    # before: "unfinished: runs 1, 2 (`peer-sim export 2 ..."
    assert "unfinished: run 2 (" in err, err
