"""`export all --format md` names the runs opened and left before a line was said.

`runs` names them below its list and `sync` sends each as a `terminated` at step 0 (a
crisis scenario opened and closed unplayed is worth a word with a trainee), but a
supervisor's Markdown of a trainee's runs said nothing of them (records33).
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sim.cli import main

from .conftest import play

TWO_SLIPS = str(Path(__file__).resolve().parents[1] / "core" / "fixtures" / "why-two-slips.toml")


def test_export_all_markdown_names_a_run_opened_and_left_unplayed(records_dir, capsys):
    assert play("first-meeting", extra=("--trainee", "Una")) == 0
    assert main(["play", TWO_SLIPS, "--choices", "2", "--trainee", "Una"]) == 1  # left
    with sqlite3.connect(records_dir / "records.db") as db:  # ... before its first line
        progress = json.loads(
            db.execute("SELECT progress FROM runs WHERE status = 'left'").fetchone()[0]
        )
        progress.update(choices=[], said=[], times=[], slips=[])
        db.execute("UPDATE runs SET progress = ? WHERE status = 'left'", (json.dumps(progress),))
    capsys.readouterr()
    assert main(["runs", "--trainee", "Una"]) == 0
    assert "Not listed: run 2, with no line kept" in capsys.readouterr().out

    assert main(["export", "all", "--trainee", "Una", "--format", "md"]) == 0
    md = capsys.readouterr().out
    head = md.split("\n---\n", 1)[0]
    assert "Opened and left before a line was said" in head, head
    assert "- run 2, " in head and ", Una, " in head, head
