"""One rule for a stored text in every output (records44).

The JSON export is data: every text in it is the value the records file holds, which JSON
escapes (ASCII, each control as \\u....), so a script reads what was stored and can match
one field with another. Text, Markdown and CSV are read by a person: a name (an id, a
content hash) keeps each control, bidi control or line break as a visible escape, prose
(a title, a line said) is cleaned, and no line can be forged. The export wrote
`progress.scenario` as stored beside `scenario.id` with visible escapes
('first-meeting\\u001b' beside 'first-meeting\\\\x1b'): the same id, two spellings.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3

from sim.text import shown
from tests.core.test_hostile_files import assert_safe, run_main

from .conftest import play

# an escape sequence, a right-to-left override, a line break that would forge a line, a bell
# and a zero-width space: what a hand edit or another program can leave in a records file
HOSTILE = "\x1b[2J\u202e\nForged: line\x07\u200b"


def _stored(tag: str) -> str:
    return f"{tag}{HOSTILE}"


def _no_forged_line(out: str) -> None:
    assert not any(line.lstrip().startswith("Forged") for line in out.splitlines()), out


def _spoil_every_text(db) -> dict[str, str]:  # noqa: ANN001
    """Every text field of run 1 and its decisions given HOSTILE; the values stored."""
    texts = {
        name: _stored(name)
        for name in ("scenario_id", "scenario_title", "digest", "ending_id", "ending_title")
    }
    conn = sqlite3.connect(db)
    conn.execute(
        "UPDATE runs SET scenario_id = ?, scenario_title = ?, digest = ?, ending_id = ?, "
        "ending_title = ?, sent_to = ?, trainee = ? WHERE id = 1",
        (*texts.values(), _stored("https://lrs.example.org/"), _stored("Ana")),
    )
    (progress,) = conn.execute("SELECT progress FROM runs WHERE id = 1").fetchone()
    progress = json.loads(progress)
    progress["scenario"] = texts["scenario_id"]  # the same id, as the run's progress keeps it
    progress["said"] = [_stored(str(line)) for line in progress.get("said", [])]
    conn.execute("UPDATE runs SET progress = ? WHERE id = 1", (json.dumps(progress),))
    conn.execute(
        "UPDATE decisions SET scene = scene || ?, choice_id = choice_id || ?, said = said || ?, "
        "words = ?, verdicts = ? WHERE run_id = 1",
        (HOSTILE, HOSTILE, HOSTILE, _stored("words"), json.dumps({_stored("p"): _stored("v")})),
    )
    conn.commit()
    conn.close()
    return texts


def test_every_stored_text_is_data_in_json_and_shown_in_text_md_and_csv(records_dir):
    assert play("first-meeting", "poor") == 0
    texts = _spoil_every_text(records_dir / "records.db")

    # JSON: the values stored, escaped by JSON alone
    code, out = run_main(["export", "1", "--format", "json"])
    assert code == 0 and out.isascii(), out
    assert_safe(out)
    run = json.loads(out)["run"]
    assert run["scenario"] == {
        "id": texts["scenario_id"],
        "title": texts["scenario_title"],
        "digest": texts["digest"],
    }
    assert run["trainee"] == _stored("Ana")
    assert run["ending"]["id"] == texts["ending_id"]
    assert run["ending"]["title"] == texts["ending_title"]
    assert run["progress"]["scenario"] == run["scenario"]["id"]  # one id, one spelling
    assert run["decisions"]
    for d in run["decisions"]:
        assert d["scene"].endswith(HOSTILE) and d["choice_id"].endswith(HOSTILE), d
        assert d["said"].endswith(HOSTILE) and d["words"] == _stored("words"), d
        assert d["verdicts"] == {_stored("p"): _stored("v")}, d

    # Markdown: the id and hash with visible escapes, the prose cleaned, no line forged
    code, out = run_main(["export", "1", "--format", "md"])
    assert code == 0, out
    assert_safe(out)
    _no_forged_line(out)
    assert "id\\\\x1b\\[2J\\\\u202e\\\\nForged" in out, out  # `\x1b`, Markdown-escaped

    # text: runs, progress, the report; every one safe and none forging a line
    for argv in (["runs"], ["progress"], ["report"]):
        code, out = run_main(argv)
        assert code == 0, (argv, out)
        assert_safe(out)
        _no_forged_line(out)
    code, out = run_main(["report"])
    assert shown(texts["scenario_id"]) in out, out  # "Played, but not in the library read"

    # CSV: one row for the one trainee, every cell one line with visible escapes
    code, out = run_main(["report", "--format", "csv"])
    assert code == 0, out
    assert_safe(out)
    rows = list(csv.reader(io.StringIO(out)))
    assert len(rows) == 2 and all("\n" not in cell for cell in rows[1]), rows

    for argv in (["report", "--format", "json"], ["export", "1", "--format", "xapi"]):
        code, out = run_main(argv)
        assert code == 0 and out.isascii(), (argv, out)
        assert_safe(out)
        json.loads(out)
