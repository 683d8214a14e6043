"""`export RUN --format xapi` writes one statement at a time, as `export all` does (adv44).

It made the whole array as one JSON text: a run of 100,000 decisions (a hand-edited
store) held 1.8 GB to write a 216 MB file, 0.6 GB one statement at a time, and the
bytes written are the same.
"""

from __future__ import annotations

import json

from sim.cli import main
from sim.text import json_text

from .conftest import play


def test_a_run_is_written_one_statement_at_a_time_and_reads_the_same(tmp_path, monkeypatch):
    import sim.commands.export as export

    assert play("first-meeting") == 0
    whole = tmp_path / "whole.json"
    assert main(["export", "last", "--format", "xapi", "-o", str(whole)]) == 0
    made = json.loads(whole.read_text("utf-8"))
    assert len(made) >= 3 and made[-1]["verb"]["id"].endswith("/completed")
    # the very bytes the whole list made in one JSON text
    assert whole.read_text("utf-8") == json_text(made) + "\n"

    given: list[object] = []
    real = export.json_text

    def seen(data, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        given.append(data)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(export, "json_text", seen)
    again = tmp_path / "again.json"
    assert main(["export", "last", "--format", "xapi", "-o", str(again)]) == 0
    assert again.read_bytes() == whole.read_bytes()
    assert given and all(isinstance(d, dict) for d in given), "the whole list in one text"
