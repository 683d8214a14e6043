"""Own words in the records: stored with each decision, exported, and the xAPI response."""

from __future__ import annotations

import io
import json
import sqlite3

from sim.cli import main
from sim.records import Store
from sim.records.schema import VERSION, migrate
from sim.records.xapi import IRI_BASE
from tests.tui.helpers import until_screen

from .conftest import load, path_to_ending

WORDS = "you should just go to a meeting"


def play_own_words(monkeypatch) -> list[int]:
    from sim.engine import Run

    scenario = load("first-meeting")
    numbers = path_to_ending(scenario)
    run = Run.begin(scenario)
    lines: list[str] = []
    for i, n in enumerate(numbers):
        while not run.waits_for_choice:
            lines.append("")
            run.advance()
        lines += [WORDS if i == 0 else "[b]so you're saying[/b]\x1b[0m", str(n)]
        run.choose(n)
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n" * 20))
    assert main(["play", "first-meeting", "--plain", "--own-words"]) == 0
    return numbers


def test_words_round_trip_through_the_store_and_exports(monkeypatch, capsys):
    numbers = play_own_words(monkeypatch)
    capsys.readouterr()
    run = Store.open().last_finished()
    assert [d.words for d in run.decisions] == [WORDS] + ["[b]so you're saying[/b]"] * (
        len(numbers) - 1
    )
    assert run.progress["own_words"] is True
    # JSON: the words with each decision and in the engine's record
    assert main(["export", "last", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)["run"]
    assert data["decisions"][0]["words"] == WORDS and data["progress"]["words"][0] == WORDS
    assert data["debrief"]["words"]["directive"] == 1  # "you should just go": one phrase
    # Markdown: the words in the transcript and the debrief, markup characters escaped
    assert main(["export", "last", "--format", "md"]) == 0
    md = capsys.readouterr().out
    assert f"**In their own words:** {WORDS}" in md
    assert "**The trainee (the line picked):**" in md and "**The trainee:**" not in md
    assert "Coach:" not in md and "Coach (" not in md
    assert "\\[b\\]so you're saying\\[/b\\]" in md and "\x1b" not in md
    assert "\nYour own words\n" in md and "Directive phrases:" in md
    # xAPI: the typed words are the response; the line picked stays as an extension
    assert main(["export", "last", "--format", "xapi"]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert first["result"]["response"] == WORDS
    assert first["result"]["extensions"][IRI_BASE + "extensions/line"] == run.decisions[0].said
    assert first["context"]["extensions"][IRI_BASE + "extensions/own-words"] is True
    # the cues the debrief gave on the typed words go with them: `success` judges the line
    # picked, and read beside "you should just go to a meeting" it told of the words too
    cues = first["result"]["extensions"][IRI_BASE + "extensions/cues"]
    kept = data["debrief"]["decisions"][0]["cues"]
    assert cues == kept and any("'you should just go' is directive wording" in c for c in cues), (
        cues
    )


def test_a_run_without_own_words_keeps_the_line_as_response(capsys):
    from .conftest import play

    play("first-meeting")
    capsys.readouterr()
    assert main(["export", "last", "--format", "xapi"]) == 0
    first = json.loads(capsys.readouterr().out)[0]
    run = Store.open().last_finished()
    assert run.decisions[0].words == ""
    assert first["result"]["response"] == run.decisions[0].said
    assert IRI_BASE + "extensions/cues" not in first["result"]["extensions"]


def test_migration_three_adds_words_to_stored_decisions(tmp_path):
    conn = sqlite3.connect(tmp_path / "old.sqlite", isolation_level=None)
    migrate(conn, upto=2)
    conn.execute(
        "INSERT INTO runs (registration, scenario_id, scenario_title, digest, mode, status, "
        "started_at, updated_at, progress) VALUES ('r', 's', 'S', 'd', 'practice', 'finished', "
        "'t', 't', '{}')"
    )
    conn.execute(
        "INSERT INTO decisions VALUES (1, 1, 'hello', 'hello#1', 'Hi', 1, 2, 3, 4, '{}', 't')"
    )
    assert migrate(conn) == 2
    assert conn.execute("PRAGMA user_version").fetchone()[0] == VERSION >= 3
    assert conn.execute("SELECT said, words FROM decisions").fetchall() == [("Hi", "")]


def _export_own_words(monkeypatch, capsys, tmp_path) -> tuple:
    numbers = play_own_words(monkeypatch)
    out = tmp_path / "run.json"
    assert main(["export", "last", "--format", "json", "-o", str(out)]) == 0
    capsys.readouterr()
    return out, numbers


def test_plain_replay_shows_the_words_before_each_line(monkeypatch, capsys, tmp_path):
    path, numbers = _export_own_words(monkeypatch, capsys, tmp_path)
    assert main(["replay", str(path), "--plain"]) == 0  # the trainee's own, from their records
    out = capsys.readouterr().out
    assert f"In your own words: “{WORDS}”" in out
    assert out.count("In your own words:") == len(numbers)
    # literal and clean: markup characters as typed, no escape byte
    assert "“[b]so you're saying[/b]”" in out and "\x1b" not in out
    assert out.index(f"In your own words: “{WORDS}”") < out.index("Step 1 of")
    # practice mode: the cue rules' notes, as the player showed them
    assert "'you should just go' is directive wording" in out
    assert out.count("Cue on your words:") == len(numbers)  # one cue each: "Cue", not "Cues"
    assert "Your own words" in out  # the debrief's counts: the words reached the run
    # each step prints the line the trainee picked, whole: the words typed at one step
    # never stand in for the lines said at the next (they printed one letter each, "W",
    # "o", ..., with "Reworded since" under a line nobody reworded)
    said = json.loads(path.read_text())["run"]["progress"]["said"]
    for step, line in enumerate(said, 1):
        shown = out.split(f"Step {step} of {len(said)}: you chose ")[1]
        assert shown.split("\n", 2)[2].startswith("  " + line.split()[0] + " ")
    assert "Reworded since" not in out


async def test_app_replay_shows_the_words_in_the_transcript(monkeypatch, capsys, tmp_path):
    from sim.records.replay import read_export
    from sim.tui.app import PeerSimApp
    from sim.tui.screens.debrief import DebriefScreen
    from sim.tui.screens.replay import ReplayScreen
    from sim.tui.widgets.transcript import Transcript

    from .conftest import BUNDLED

    path, numbers = _export_own_words(monkeypatch, capsys, tmp_path)
    exported = read_export(path)
    app = PeerSimApp(None, library_paths=[BUNDLED])
    app.animation_level = "none"
    app.records_enabled = False
    app.pending_replay = (load("first-meeting"), exported)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await until_screen(app, pilot, ReplayScreen)
        assert not screen.query_one("#own-words-input").display  # nothing to type
        badge = str(screen.query_one("#mode-badge").render())
        assert "space takes the next step" in badge and "undo" not in badge
        titles = set()
        for _ in range(100):
            if screen.run.over:
                break
            titles.add(screen.query_one("#choices").border_title)
            await pilot.press("space")
        assert screen.run.over
        # the numbers do nothing in a replay: the list says what space does
        assert "The lines offered · space: the one the trainee picked" in titles
        assert not any(t and "1-" in t for t in titles)
        transcript = screen.query_one(Transcript)
        words = [e.text for e in transcript.entries() if e.kind == "words"]
        assert words == [WORDS] + ["[b]so you're saying[/b]"] * (len(numbers) - 1)
        kinds = transcript.kinds()
        assert kinds[kinds.index("words") + 1] == "cue"  # practice: the cue follows
        await pilot.press("space")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert app.screen.debrief.words is not None


async def test_a_replay_names_whose_own_words_they_were(monkeypatch, capsys, tmp_path):
    """ "You, in your own words" and "Cues on your words" over a trainee's typed words told
    a supervisor replaying them that the words were theirs (programme19)."""
    from sim.records.replay import read_export
    from sim.tui.app import PeerSimApp
    from sim.tui.screens.replay import ReplayScreen
    from sim.tui.widgets.transcript import Transcript

    from .conftest import BUNDLED

    path, numbers = _export_own_words(monkeypatch, capsys, tmp_path)
    data = json.loads(path.read_text())
    data["run"]["trainee"] = "Una"  # as a class store's export names its trainee
    path.write_text(json.dumps(data))
    # read on a supervisor's machine: records that do not hold the run
    assert main(["replay", str(path), "--plain", "--data-dir", str(tmp_path / "sup")]) == 0
    out = capsys.readouterr().out
    assert "on your words" not in out
    assert out.count("Cue on Una's words:") == len(numbers), out
    app = PeerSimApp(None, library_paths=[BUNDLED])
    app.animation_level = "none"
    app.records_enabled = False
    app.pending_replay = (load("first-meeting"), read_export(path))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await until_screen(app, pilot, ReplayScreen)
        await pilot.press("space")
        await pilot.pause()
        for _ in range(20):
            if screen.run.state.decisions:
                break
            await pilot.press("space")
        shown = {(e.kind, e.who) for e in screen.query_one(Transcript).entries()}
        assert ("words", "Una, in their own words") in shown, shown
        assert ("you", "The line Una picked") in shown
        assert ("cue", "Cue on Una's words: ") in shown
        assert not any("you" in who.lower().split() for _, who in shown if who), shown
