"""What `peer-sim report` tells a trainer to work on next with the class (programme26)."""

from __future__ import annotations

import json

from sim.cli import main

from .conftest import load, path_to_ending


def _section(out: str) -> list[str]:
    head = "To work on next with the class"
    assert head in out, out
    return out.split(head, 1)[1].split("\n\n", 1)[0].splitlines()[1:]


def test_the_report_names_a_scenario_for_the_weakest_principle_and_whose_it_is(capsys) -> None:
    """The report gave the class's weakest principles as shares and left the trainer to find
    in the library which scenario trains each, and for whom: now each of the weakest comes
    with whose weakest it is and a scenario that trains it that they have not finished."""
    from sim.commands.common import library_paths
    from sim.loading import load_catalogue, load_library

    numbers = ",".join(map(str, path_to_ending(load("first-meeting"), "mixed")))
    for name in ("Ana", "Ben"):  # the same lines: the same weakest principle
        assert main(["play", "first-meeting", "--choices", numbers, "--trainee", name]) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    weakest = out.split("Weakest principles across the class", 1)[1].splitlines()[1]
    title = weakest.strip().split(": ", 1)[0]
    pid = next(i for i, p in load_catalogue().principles.items() if p.title == title)
    first = _section(out)[0]
    assert first.startswith(f"  {title}: "), first
    training = [s for s in load_library(library_paths(None)).scenarios if pid in s.trains]
    named = first.split(": ", 1)[1].split(" (", 1)[0]
    pick = next(s for s in training if s.title == named)  # a scenario that trains it
    assert pick.id != "first-meeting" or len(training) == 1  # one they have not finished
    assert "(the weakest for Ana and Ben, none of them has finished it yet" in first, first
    others = len(training) - 1
    if others > 1:
        assert first.endswith(f"; {others} other scenarios train it)"), first
    # the same in the JSON, for a programme's scripts
    assert main(["report", "--format", "json"]) == 0
    work = json.loads(capsys.readouterr().out)["work_on_next"][0]
    assert (work["principle_id"], work["scenario_id"]) == (pid, pick.id)
    assert work["weakest_for"] == ["Ana", "Ben"] and work["finished"] == 0
    assert (work["of_trainees"], work["other_scenarios"]) == (2, others)


def test_a_store_of_the_owner_s_own_runs_sets_the_class_nothing(capsys) -> None:
    """The owner's own runs are no class: `progress` suggests their next scenario."""
    numbers = ",".join(map(str, path_to_ending(load("first-meeting"), "mixed")))
    assert main(["play", "first-meeting", "--choices", numbers]) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    assert "Weakest principles across the class" in out
    assert "To work on next" not in out
    assert main(["report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["work_on_next"] == []


def test_each_trainee_s_line_names_the_scenario_progress_suggests_to_them(capsys) -> None:
    """The class's "To work on next" covers the three weakest principles' groups only: a
    trainer grading a class looked each trainee up with `progress --trainee` to set their
    next scenario (classroom29). Each trainee's line now ends with it, and CSV and JSON
    carry it, the one `progress` names."""
    import csv
    import io

    from sim.loading import load_library

    fm = load("first-meeting")
    plays = {"Ana": path_to_ending(fm, "mixed"), "Ben": path_to_ending(fm, "poor")}
    for name, path in plays.items():
        assert main(["play", "first-meeting", "--choices", ",".join(map(str, path)),
                     "--trainee", name]) == 0  # fmt: skip
    titles = {s.id: s.title for s in load_library(None).scenarios}
    capsys.readouterr()
    suggested = {}
    for name in plays:
        assert main(["progress", "--trainee", name]) == 0
        out = " ".join(capsys.readouterr().out.split())
        suggested[name] = out.split("Next: ", 1)[1].split(" (", 1)[1].split(")", 1)[0]
        assert suggested[name] in titles
    assert main(["report"]) == 0
    rows = capsys.readouterr().out.splitlines()
    assert any(r.startswith("Runs per trainee") and r.endswith("the scenario to play next):")
               for r in rows)  # fmt: skip
    for name, sid in suggested.items():
        row = next(r for r in rows if r.startswith(f"  {name}: "))
        assert row.endswith(f"; next: {titles[sid]}"), row
    assert main(["report", "--format", "csv"]) == 0
    table = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert {r["trainee"]: r["next_scenario"] for r in table} == suggested
    assert main(["report", "--format", "json"]) == 0
    trainees = json.loads(capsys.readouterr().out)["trainees"]
    assert {t["name"]: t["next_scenario"]["id"] for t in trainees} == suggested
    assert {t["next_scenario"]["title"] for t in trainees} <= set(titles.values())


def test_a_class_folder_s_own_principle_is_named_by_its_title(tmp_path, capsys) -> None:
    """A trainer serving `--scenarios my-class/` with its own principles.toml read
    "weakest: warm-handoff (0%)" in `report` and `progress`, the id, where the app's
    summaries and the trainee's debrief named it "Make a warm handoff" (classroom29)."""
    from pathlib import Path

    folder = tmp_path / "my-class"
    folder.mkdir()
    assert main(["principles", "--toml"]) == 0
    with (folder / "principles.toml").open("w", encoding="utf-8") as f:
        f.write(capsys.readouterr().out)
        f.write(
            '\n[principles.warm-handoff]\ntitle = "Make a warm handoff"\n'
            'summary = "Introduce the person to the next helper yourself."\n'
            'explanation = """A handoff in person keeps trust across the change."""\n'
        )
    talk = Path(__file__).resolve().parents[1] / "tui" / "fixtures" / "library" / "talk.toml"
    text = talk.read_text(encoding="utf-8")
    for old, new in (
        ('active-listening = "honours"', 'warm-handoff = "honours"'),
        ('empowerment = "undermines"', 'warm-handoff = "undermines"'),
        ('trains = ["active-listening", "empowerment"]', 'trains = ["warm-handoff"]'),
    ):
        assert old in text
        text = text.replace(old, new)
    (folder / "talk.toml").write_text(text, encoding="utf-8")
    own = ["--scenarios", str(folder)]
    assert main([*own, "play", "talk", "--choices", "2,1", "--trainee", "Ana"]) == 0
    capsys.readouterr()
    assert main([*own, "report"]) == 0
    out = capsys.readouterr().out
    assert "weakest: Make a warm handoff (0% from 1 line); next: A Short Talk" in out, out
    assert "  Make a warm handoff: 0% (honoured 0, undermined 1)" in out, out
    assert "warm-handoff" not in out
    assert main([*own, "progress", "--trainee", "Ana"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert (
        "Weakest so far: Make a warm handoff (0% from 1 line, too few lines to judge yet)." in out
    ), out


def test_report_without_the_served_folder_says_which_scenarios_it_lacks(tmp_path, capsys):
    """A class served `--scenarios my-class/` and a trainer who ran plain `peer-sim report`
    read suggestions from the bundled library alone, with nothing to say so (classroom29)."""
    from pathlib import Path

    folder = tmp_path / "my-class"
    folder.mkdir()
    talk = Path(__file__).resolve().parents[1] / "tui" / "fixtures" / "library" / "talk.toml"
    (folder / "talk.toml").write_text(talk.read_text(encoding="utf-8"), encoding="utf-8")
    own = ["--scenarios", str(folder)]
    assert main([*own, "play", "talk", "--choices", "2,1", "--trainee", "Ana"]) == 0
    capsys.readouterr()
    assert main(["report"]) == 0
    out = capsys.readouterr().out
    note = "Played, but not in the library read: A Short Talk (talk)."
    assert note in out and "(peer-sim --scenarios DIR report)" in out
    assert out.index(note) < out.index("Runs per trainee")  # read before the suggestions
    assert main(["report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["not_in_library"] == [
        {"scenario_id": "talk", "scenario": "A Short Talk"}
    ]
    assert main([*own, "report"]) == 0
    assert "not in the library" not in capsys.readouterr().out
    assert main([*own, "report", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["not_in_library"] == []


def test_a_trainee_who_left_every_run_unfinished_is_named_with_the_rest(tmp_path, capsys):
    """trainer38: a served class's trainees who closed the tab mid-run were counted in
    "the weakest for 2 trainees" but left out of the names under "To work on next", so the
    trainer set the work for some of those it was weakest for and missed the others."""
    from pathlib import Path

    folder = tmp_path / "my-class"
    folder.mkdir()
    talk = Path(__file__).resolve().parents[1] / "tui" / "fixtures" / "library" / "talk.toml"
    (folder / "talk.toml").write_text(talk.read_text(encoding="utf-8"), encoding="utf-8")
    own = ["--scenarios", str(folder)]
    assert main([*own, "play", "talk", "--choices", "2,1", "--trainee", "Ana"]) == 0
    main([*own, "play", "talk", "--choices", "2", "--trainee", "Ben"])  # stops short
    capsys.readouterr()
    assert main([*own, "report"]) == 0
    out = capsys.readouterr().out
    assert "the weakest for 2 trainees" in out, out
    first = _section(out)[0]
    assert "(the weakest for Ana and Ben, none of them has finished it yet" in first, first
    assert main([*own, "report", "--format", "json"]) == 0
    work = json.loads(capsys.readouterr().out)["work_on_next"][0]
    assert work["weakest_for"] == ["Ana", "Ben"] and work["of_trainees"] == 2
