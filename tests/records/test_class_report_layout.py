"""The class summary's layout: counts first, the slips one a line last; scenarios by id.

A class of twenty listed up to 200 critical-slip lines before its endings and
principles; and endings were added up by title, so a scenario copied under a new
file name (same title, edited) had its endings counted as the original's.
"""

from __future__ import annotations

import json
import shutil

from sim.cli import main

from .conftest import BUNDLED, load, path_to_ending, play


def test_slips_come_after_endings_and_principles_and_each_row_counts_them(capsys):
    assert play("crisis-moment", "poor", ("--trainee", "Ana")) == 0
    assert play("first-meeting", "strong", ("--trainee", "Ben")) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    ana = next(line for line in text.splitlines() if line.startswith("  Ana: "))
    ben = next(line for line in text.splitlines() if line.startswith("  Ben: "))
    assert "critical slip" in ana and "critical slip" not in ben
    slips = text.index("Critical slips in finished runs")
    assert text.index("Endings reached, per scenario (every run in practice mode):") < slips
    assert text.index("Weakest principles across the class") < slips
    assert text.index("  Ana: ") < text.index("Endings reached")  # the row, before the list


def test_two_scenarios_sharing_a_title_keep_their_endings_apart(tmp_path, capsys):
    folder = tmp_path / "library"
    folder.mkdir()
    copy = folder / "crisis-copy.toml"
    shutil.copy(BUNDLED / "crisis-moment.toml", copy)  # the same title, "Crisis Moment"
    assert play("crisis-moment", "poor", ("--trainee", "Ana")) == 0
    strong = ",".join(map(str, path_to_ending(load("crisis-moment"), "strong")))
    assert main(["--trainee", "Ben", "play", str(copy), "--choices", strong]) == 0
    capsys.readouterr()
    assert main(["report", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    ids = {e["scenario_id"] for e in data["endings"]}
    assert ids == {"crisis-moment", "crisis-copy"}
    titles = {e["scenario_id"]: e["scenario"] for e in data["endings"]}
    assert titles["crisis-copy"] == titles["crisis-moment"] == "Crisis Moment"
    outcomes = {e["scenario_id"]: e["outcome"] for e in data["endings"]}
    assert outcomes == {"crisis-moment": "poor", "crisis-copy": "strong"}
    assert main(["report"]) == 0
    text = capsys.readouterr().out
    assert "  Crisis Moment (crisis-copy):" in text
    assert "  Crisis Moment (crisis-moment):" in text
    slips = [s for t in data["trainees"] for s in t["critical_slips"]]
    assert slips and all(s["scenario_id"] and s["scenario"] == "Crisis Moment" for s in slips)


def _report_on_a_terminal(columns: int) -> str:
    """`peer-sim report` with a pseudo-terminal for its output, `columns` wide."""
    import os
    import pty
    import subprocess
    import sys

    leader, follower = pty.openpty()
    env = {**os.environ, "COLUMNS": str(columns), "LINES": "40"}
    child = subprocess.Popen(
        [sys.executable, "-m", "sim", "report"],
        stdin=subprocess.DEVNULL, stdout=follower, stderr=follower, env=env,
    )  # fmt: skip
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child is gone and the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    child.wait(60)
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_on_a_terminal_each_trainee_s_line_wraps_under_its_name(capsys):
    """A trainee's line runs to 150 characters: a terminal of 100 columns broke it mid-word
    ("weakest: List" / "en actively") at its first column, where the next name is looked
    for. On a terminal it wraps, indented under the name; piped, it stays one line."""
    long_name = "Maria Fernanda Luna de la Cruz Rodriguez"
    assert play("crisis-moment", "poor", ("--trainee", long_name)) == 0
    assert play("first-meeting", "strong", ("--trainee", "Ben")) == 0
    shown = _report_on_a_terminal(80)
    rows = shown.splitlines()
    assert rows and max(len(row) for row in rows) < 80, shown
    first = next(i for i, row in enumerate(rows) if row.startswith(f"  {long_name}: "))
    assert rows[first + 1].startswith("    ") and rows[first + 1][4] != " ", shown
    heading = next(i for i, row in enumerate(rows) if row.startswith("Runs per trainee"))
    # after its heading, wrapped over rows of its own to its "):"
    end = next(i for i in range(heading, len(rows)) if rows[i].endswith("):"))
    trainees = rows[end + 1 : rows.index("", heading)]
    assert trainees and all(not row.startswith("Runs") for row in trainees), shown
    assert all(row.startswith("  ") for row in trainees), shown
    capsys.readouterr()
    assert main(["report"]) == 0  # not a terminal: a line a trainee, for grep and scripts
    piped = capsys.readouterr().out
    row = next(line for line in piped.splitlines() if line.startswith(f"  {long_name}: "))
    assert "weakest: " in row and len(row) > 100, row


def test_on_a_terminal_wide_names_wrap_by_the_columns_they_take(capsys):
    """'李雷韩梅梅王小明' is 8 characters and 16 columns: wrapped by characters, its row ran
    eight columns past the terminal's edge, and the terminal broke it again where it chose
    (adv26). Each line fits in columns as Rich, which draws the app, counts them."""
    from rich.cells import cell_len

    names = ["李雷韩梅梅王小明", "\U0001f468\u200d\U0001f469\u200d\U0001f467 family", "Ｊｏｓé"]
    for name in names:
        assert play("first-meeting", "poor", ("--trainee", name)) == 0
    for columns in (60, 80):
        shown = _report_on_a_terminal(columns)
        # the store's path is printed whole, to be copied; its length is the test folder's
        rows = [row for row in shown.splitlines() if not row.endswith("records.db")]
        assert all(cell_len(row) < columns for row in rows), shown
        for name in names:  # each row still begins with its name, under the heading
            assert f"\n  {name}: " in shown, shown


def test_a_wrapped_row_keeps_each_time_and_date_whole() -> None:
    """`report` on a terminal broke "0 s playing" after the 0 and "2026-12-02 17:44" after
    the date, so a trainer read "0" at one row's end and "s playing" under it (classroom29)."""
    import re

    from sim.records.class_text import fitted
    from tests.class_rows import finished_run, report_lines, trainee_row

    # the row as the report builds it (a row written by hand fell behind it: report39)
    dana = [finished_run(n, "Dana", mode="assessment", outcome="poor", seconds=38) for n in (1, 2)]
    row = trainee_row(report_lines(dana), "Dana")
    last = re.search(r"last (\d{4}-\d\d-\d\d \d\d:\d\d);", row)
    assert "1 min 16 s playing" in row and last, row
    for width in range(40, len(row)):
        shown = fitted([row], width)
        assert " ".join(" ".join(shown).split()) == " ".join(row.split())  # nothing lost
        assert "\u00a0" not in "".join(shown)
        for whole in ("1 min 16 s", last.group(1)):
            assert any(whole in line for line in shown), (width, shown)
        assert not any(re.match(r"\s*(s|min|16 s|17:44)\b", line) for line in shown)
