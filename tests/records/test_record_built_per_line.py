"""The record of a run is built again only when a line changes it (adv44).

The recorder is told of every move, and a scene that goes on by itself (`next`) is
one. It built the whole record (a pass over every decision) at each, to find it
unchanged: a scenario of 10,000 scenes joined by `next` with 1,000 decisions spent
14 of its 17 s of `play --plain` there (benchmarks: the same file, 9 s after).
"""

from __future__ import annotations

from pathlib import Path

from sim.cli import main

MINI = Path(__file__).resolve().parents[1] / "core" / "fixtures" / "mini.toml"


def _chain(folder: Path, links: int) -> Path:
    """mini.toml with `links` scenes that go on by themselves before its middle scene."""
    text = MINI.read_text("utf-8").replace('goto = "middle"', 'goto = "c0"')
    chain = [
        f'[scenes.c{n}]\ntext = "Step {n}."\nnext = "{f"c{n + 1}" if n + 1 < links else "middle"}"\n'
        for n in range(links)
    ]
    path = folder / "chain.toml"
    path.write_text(text + "\n" + "\n".join(chain), "utf-8")
    return path


def test_scenes_that_go_on_by_themselves_build_no_record(tmp_path, monkeypatch, capsys):
    import sim.records.recorder as recorder

    built: list[int] = []
    build = recorder.progress_of

    def counted(run, *args, **kwargs):  # noqa: ANN001, ANN002, ANN003, ANN202
        built.append(len(run.state.decisions))
        return build(run, *args, **kwargs)

    monkeypatch.setattr(recorder, "progress_of", counted)
    path = _chain(tmp_path, 40)
    assert main(["play", str(path), "--plain", "--choices", "1,1,1"]) == 0
    assert "Debrief" in capsys.readouterr().out
    # once per line said (and the ending), never once per scene passed through
    assert len(built) <= 4 + 1, built
    assert main(["runs"]) == 0
    assert "chain" in capsys.readouterr().out
