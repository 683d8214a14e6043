"""A run left before its ending counts its kept lines in `report` and `progress` (programme28).

A trainee who missed the warning signs twice in a crisis conversation and left it showed
"1 unfinished" in the class summary and nothing of the lines: the weakest principles came
from finished runs only, while a run left when it went badly is the one a trainer needs.
"""

from __future__ import annotations

import json

from sim.cli import main
from sim.loading import load_catalogue

from .conftest import load, path_to_ending

# crisis-moment: two lines that pass over Sam's warning signs (1 undermines being present and
# crisis referral; 2 crisis referral and emotional support), then the script stops: a run left
CRISIS = ("crisis-moment", "1,2")


def _crisis_title() -> str:
    return load_catalogue().principles["crisis-referral"].title


def test_a_left_run_s_missed_warning_signs_count_in_report_and_progress(capsys) -> None:
    name, numbers = CRISIS
    main(["play", name, "--choices", numbers, "--trainee", "Chidi Okafor"])
    capsys.readouterr()
    assert main(["runs"]) == 0
    assert "left unfinished after 2 choices" in capsys.readouterr().out
    title = _crisis_title()

    assert main(["report"]) == 0
    out = capsys.readouterr().out
    row = next(line for line in out.splitlines() if line.startswith("  Chidi Okafor: "))
    assert "1 unfinished" in row and f"weakest: {title} (0% from 2 lines)" in row, row
    assert "in every run, finished or not" in out
    assert f"  {title}: 0% (honoured 0, undermined 2); the weakest for 1 trainee" in out, out

    assert main(["report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    principles = {p["id"]: p for p in data["principles"]}
    assert principles["crisis-referral"]["undermined"] == 2, principles

    assert main(["progress", "--trainee", "chidi okafor"]) == 0
    out = capsys.readouterr().out
    assert "No finished runs yet for Chidi Okafor" in out
    # a left run has ended, and sync sends it: "xAPI waits until the run has ended" misled
    assert "xAPI waits" not in out and "`peer-sim sync` sends a run left unfinished" in out, out
    words = " ".join(out.split())
    assert "Progress over the lines kept in 1 unfinished run (none finished yet)" in words
    assert f"  {title}: 0%, honoured 0, undermined 2" in out, out
    assert f"Weakest so far: {title} (0% from 2 lines, too few lines to judge yet)." in words, out

    # finished later: the left run's lines still count, and the header says so
    whole = ",".join(map(str, path_to_ending(load("first-meeting"), "strong")))
    main(["play", "first-meeting", "--choices", whole, "--trainee", "Chidi Okafor"])
    capsys.readouterr()
    assert main(["progress", "--trainee", "chidi okafor"]) == 0
    words = " ".join(capsys.readouterr().out.split())
    head = "Progress over 1 finished run (1 scenario completed); the lines kept in 1 unfinished"
    assert f"{head} run count too" in words, words

    # "all" of Chidi's runs in Markdown names the one given up, which it does not hold
    assert main(["export", "all", "--trainee", "chidi okafor", "--format", "md"]) == 0
    md = capsys.readouterr().out
    contents = md.split("\n---\n", 1)[0]
    assert "Not in this file, as they have no ending" in contents, contents
    assert "- run 1, " in contents and (
        "Chidi Okafor, Crisis Moment, practice: left unfinished after 2 lines" in contents
    ), contents


def test_the_app_s_progress_screen_counts_the_left_run_as_the_command_does(capsys) -> None:
    """The progress screen reads the same runs the same way (`compute`), and says so."""
    from sim.records import Store
    from sim.records.progress import compute
    from sim.tui.screens.progress import progress_content

    name, numbers = CRISIS
    main(["play", name, "--choices", numbers])  # the owner's own run, left
    store = Store.open()
    progress = compute(list(store.listing()), [], {})
    text = progress_content(progress).plain
    assert "No finished runs yet · counting the choices in 1 unfinished run" in text
    crisis = next(p for p in progress.principles if p.id == "crisis-referral")
    assert (crisis.honoured, crisis.undermined) == (0, 2)
    assert progress.weakest is crisis
