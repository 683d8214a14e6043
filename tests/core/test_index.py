"""The library index: the same listing as loading every file, without pydantic when warm."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sim.loading import bundled_dir, catalogue_for_scenario, load_library
from sim.loading.index import INDEX_NAME, Summary, list_library

FIXTURES = Path(__file__).parent / "fixtures"
MINI = (FIXTURES / "mini.toml").read_text()


def shown(library):
    """What the app's list shows of a library: entries in order, broken files and why."""
    return (
        [(s.id, s.title, s.minutes, s.difficulty, tuple(s.trains)) for s in library.scenarios],
        [str(e) for e in library.broken],
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    here = tmp_path / "mine"
    here.mkdir()
    (here / "mini.toml").write_text(MINI)
    (here / "bad.toml").write_text(MINI.replace("trust = 10", 'trust = "10"'))
    (here / "sub").mkdir()
    (here / "sub" / "mini.toml").write_text(MINI)  # a duplicate id
    return here


def test_the_listing_is_what_loading_every_file_gives(folder):
    paths = [bundled_dir(), folder]
    expected = shown(load_library(paths))
    cold = list_library(paths)
    warm = list_library(paths)
    assert shown(cold.library) == expected == shown(warm.library)
    assert all(isinstance(s, Summary) for s in warm.library.scenarios)
    full = load_library(paths)
    expected_titles = {
        sc.id: {pid: p.title for pid, p in catalogue_for_scenario(sc).principles.items()}
        for sc in full.scenarios
    }
    assert warm.titles == cold.titles == expected_titles


def test_a_broken_catalogue_is_listed_once_as_loading_does(folder):
    (folder / "principles.toml").write_text('format = 1\n[principles.x]\ntitle = "X"\n')
    expected = shown(load_library([folder]))
    assert shown(list_library([folder]).library) == expected
    assert shown(list_library([folder]).library) == expected


def test_a_warm_listing_imports_no_pydantic(folder, tmp_path):
    code = (
        "import sys; from sim.loading.index import list_library;"
        f"listing = list_library([{str(folder)!r}]);"
        "print(len(listing.library.scenarios), 'pydantic' in sys.modules)"
    )
    env = {**os.environ}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert first.stdout.split() == ["1", "True"], first.stderr
    assert second.stdout.split() == ["1", "False"], second.stderr


def test_a_changed_file_is_read_again(folder):
    list_library([folder])
    path = folder / "mini.toml"
    before = path.stat()
    path.write_text(MINI.replace('title = "Mini"', 'title = "Mino"'))  # same size
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    (folder / "bad.toml").write_text(MINI.replace('title = "Mini"', 'title = "Fixed"'))
    listing = list_library([folder])
    titles = {s.path: s.title for s in listing.library.scenarios}
    assert titles[str(path)] == "Mino"
    # bad.toml now loads (its id 'bad' is new) and is listed as a scenario
    assert "Fixed" in titles.values()


def test_load_false_lists_only_what_the_index_knows(folder):
    cold = list_library([folder], load=False)
    assert not cold.library.scenarios and len(cold.pending) == 3
    list_library([folder])
    warm = list_library([folder], load=False)
    assert warm.pending == [] and [s.id for s in warm.library.scenarios] == ["mini"]


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\xff not json",
        b"[]",
        b'{"format": 1}',
        b"[" * 100_000,
        json.dumps({"format": 1, "code": "x", "files": {}, "catalogues": {}}).encode(),
    ],
)
def test_a_corrupt_index_is_ignored(folder, content):
    expected = shown(load_library([folder]))
    index = Path(os.environ["PEER_SIM_CACHE_DIR"]) / INDEX_NAME
    index.write_bytes(content)
    assert shown(list_library([folder]).library) == expected


@pytest.mark.parametrize("kind", ["fifo", "link-stdin", "folder"])
def test_an_index_that_is_not_a_file_is_ignored_not_waited_on(folder, kind):
    """A FIFO where the index goes blocked the app's library forever (open + read)."""
    from tests.core.test_hostile_files import no_hang

    expected = shown(load_library([folder]))
    index = Path(os.environ["PEER_SIM_CACHE_DIR"]) / INDEX_NAME
    index.parent.mkdir(parents=True, exist_ok=True)
    {"fifo": os.mkfifo, "folder": os.mkdir}.get(kind, lambda p: p.symlink_to("/dev/stdin"))(index)
    with no_hang(20):
        assert shown(list_library([folder]).library) == expected


def test_corrupt_entries_are_read_again(folder):
    expected = shown(load_library([folder]))
    list_library([folder])
    index = Path(os.environ["PEER_SIM_CACHE_DIR"]) / INDEX_NAME
    data = json.loads(index.read_text())
    for entry in data["files"].values():
        if "scenario" in entry:
            entry["scenario"]["minutes"] = "2"
            entry["titles"] = ["x"]
        else:
            entry["problems"] = [{"message": 5}]
    index.write_text(json.dumps(data))
    assert shown(list_library([folder]).library) == expected


def test_an_unwritable_cache_is_ignored(folder, tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("PEER_SIM_CACHE_DIR", str(blocker / "cache"))
    expected = shown(load_library([folder]))
    assert shown(list_library([folder]).library) == expected
    assert shown(list_library([folder]).library) == expected


def test_the_apps_loading_worker_imports_no_pydantic_on_a_warm_index(folder):
    """read_library runs right after the first paint; pydantic's import there was
    ~250 ms of CPU competing with the screen for the interpreter."""
    code = (
        "import sys; from sim.tui.library_loading import read_library;"
        f"loaded = read_library([{str(folder)!r}], None);"
        "print(len(loaded.library.scenarios), 'pydantic' in sys.modules)"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert first.stdout.split() == ["1", "True"], first.stderr
    assert second.stdout.split() == ["1", "False"], second.stderr


def test_order_lists_a_scenario_first_within_its_level_from_files_and_from_the_index(tmp_path):
    here = tmp_path / "lib"
    here.mkdir()
    base = MINI.replace('title = "Mini"', 'title = "Zed"')
    (here / "zed.toml").write_text(base.replace("\nminutes", "\norder = 1\nminutes", 1))
    (here / "alpha.toml").write_text(MINI.replace('title = "Mini"', 'title = "Alpha"'))
    (here / "beta.toml").write_text(
        MINI.replace('title = "Mini"', 'title = "Beta"').replace(
            "\nminutes", "\norder = 2\nminutes", 1
        )
    )
    want = ["zed", "beta", "alpha"]  # ordered ones first (1, 2), then the rest by title
    assert [s.id for s in load_library([here]).scenarios] == want
    assert [s.id for s in list_library([here]).library.scenarios] == want  # cold
    warm = list_library([here])
    assert [s.id for s in warm.library.scenarios] == want and not warm.pending


def test_the_bundled_library_opens_on_its_gentlest_introduction():
    first = load_library([bundled_dir()]).scenarios[0]
    assert first.id == "first-meeting" and first.difficulty == "introductory"


@pytest.mark.parametrize(
    "field, value", [("line", -1), ("line", 10**30), ("column", 0), ("severity", "fatal")]
)
def test_an_entry_with_impossible_numbers_is_read_again(folder, field, value):
    """Well-typed but impossible: printed as 'bad.toml:-1:1' until the file changed."""
    expected = shown(load_library([folder]))
    list_library([folder])
    index = Path(os.environ["PEER_SIM_CACHE_DIR"]) / INDEX_NAME
    data = json.loads(index.read_text())
    for entry in data["files"].values():
        for problem in entry.get("problems", []):
            problem[field] = value
    index.write_text(json.dumps(data))
    assert shown(list_library([folder]).library) == expected
