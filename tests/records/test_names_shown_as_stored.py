"""A trainee's name read back from the records is a name: a control character in it stays
visible, and the run stays apart from the trainee it imitates (records44).

Cleaned as it was read, a hand-edited 'Ana' + ESC came back as 'Ana': `report` and
`progress --trainee Ana` counted that run as hers, while `runs --trainee Ana` (which
compares the stored name) did not list it; every place that printed it printed 'Ana'.
As an id keeps its disguise visible (adv43), a name now does: the report lists
'Ana\\x1b[2J\\u202e' as a trainee of their own, in text, CSV and JSON alike.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from sim.text import markdown_line, shown
from tests.core.test_hostile_files import assert_safe, run_main

from .conftest import play

FAKE = "Ana\x1b[2J\u202e"


def test_a_disguised_trainee_name_stays_apart_and_visible_everywhere(records_dir):
    assert play("first-meeting", "strong", ("--trainee", "Ana")) == 0
    assert play("first-meeting", "poor", ("--trainee", "Ana")) == 0
    conn = sqlite3.connect(records_dir / "records.db")
    conn.execute("UPDATE runs SET trainee = ? WHERE id = 1", (FAKE,))
    conn.commit()
    conn.close()
    visible = shown(FAKE)
    assert visible == "Ana\\x1b[2J\\u202e"

    code, out = run_main(["report"])
    assert code == 0, out
    assert_safe(out)
    assert "\n  Ana: 1 finished (0 / 0 / 1" in out, out  # her own run only
    assert f"\n  {visible}: 1 finished (1 / 0 / 0" in out, out

    code, out = run_main(["report", "--format", "csv"])
    assert_safe(out)
    assert {r["trainee"]: r["finished"] for r in csv.DictReader(io.StringIO(out))} == {
        "Ana": "1",
        visible: "1",
    }
    code, out = run_main(["report", "--format", "json"])
    assert {t["name"] for t in json.loads(out)["trainees"]} == {"Ana", visible}

    for argv in (["progress", "--trainee", "Ana"], ["runs", "--trainee", "Ana"]):
        code, out = run_main(argv)
        assert code == 0, (argv, out)
        assert_safe(out)
    code, out = run_main(["runs", "--trainee", "Ana"])
    assert "\n   2  " in out and "\n   1  " not in out, out  # as before: her run alone
    code, out = run_main(["progress", "--trainee", "Ana"])
    assert "Trainee: Ana\n" in out and "Progress over 1 finished run " in out, out

    code, out = run_main(["runs"])
    assert_safe(out)
    assert visible in out, out
    code, out = run_main(["export", "1", "--format", "md"])
    assert_safe(out)
    assert f"| Trainee | {markdown_line(visible)} |" in out, out
