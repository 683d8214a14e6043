"""The exact search holds little per node, so a wide scenario fits in memory.

Counted, not timed: the bytes the search allocates at its peak (tracemalloc),
per node, on a hub of once-only topics (benchmarks/gen_hub.py), the pattern
that took `peer-sim check` to 1.68 GB (adv19). Each move used to keep its own
key tuple and flag set in the loop's edges (about 6 KB a node at 12 topics);
edges now hold node numbers (1,953 bytes), and keys hold flags as bits (1,321).
"""

from __future__ import annotations

import sys
import tracemalloc
from pathlib import Path

from sim.authoring.explore import explore

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_hub import carrying, hub, shadowed, text_flags  # noqa: E402


def _explored(scenario):
    """The search's answer and the peak bytes it allocated getting there."""
    tracemalloc.start()
    try:
        found = explore(scenario, texts=False)
        return found, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_hub_of_twelve_topics_costs_under_1700_bytes_a_node(make):
    scenario = make(hub(12), name="hub")
    found, peak = _explored(scenario)
    assert found.complete
    assert found.nodes == 2**12  # every subset of the topics, once
    assert peak / found.nodes < 1700, f"{peak / found.nodes:.0f} bytes a node"
    # The answers themselves: the good ending needs trust 52, reachable only
    # after enough topics; the way out is always open, so no loop traps a run.
    assert set(found.endings) == {"good", "meh"}
    assert found.stuck == {}


def test_flags_every_node_carries_cost_bits_not_a_table(make):
    """A run that carries 60 flags from its first line held them in each node's key as
    a frozenset: 3,556 bytes a node on hub 12, so the node bound no longer bounded
    memory (hub 18: 730 MB). As bits of an int they cost what no flags cost."""
    scenario = make(carrying(12, 60), name="carrying")
    found, peak = _explored(scenario)
    assert found.complete and found.nodes == 2**12 + 1  # (the first scene, then the hub)
    assert peak / found.nodes < 2000, f"{peak / found.nodes:.0f} bytes a node"
    assert set(found.endings) == {"good", "meh"}


def test_test_says_when_the_exact_search_stopped_and_its_ranges_are_partial(make):
    """`peer-sim test` printed each ending's meter range from an exact search that had
    stopped at its bound, as if complete (hub 18: 'good (strong): trust 60..64', where
    runs reach 76), and said nothing of the stop."""
    import io

    from sim.commands.test import report

    scenario = make(hub(10), name="hub")
    out = io.StringIO()
    report(scenario, 0, 0, out=out, max_nodes=100)
    text = out.getvalue()
    assert (
        "the exploration of every state stopped at its bound, 100 combinations of scene, "
        "flags and visited scenes (it saw 105 states with their meters, in 1 of 1 scenes): "
        "the meter ranges below are only those it saw"
    ) in text
    assert "    meh (poor): trust 40..45, empowerment 30..32 (or wider: the exploration" in text
    whole = io.StringIO()
    assert report(scenario, 0, 0, out=whole) is True
    assert "stopped" not in whole.getvalue() and "or wider" not in whole.getvalue()
    assert "    meh (poor): trust 40..49, empowerment 30..35\n" in whole.getvalue()


def test_check_names_the_file_and_how_much_it_saw_past_the_bound(make):
    from sim.authoring.lint import analyse

    scenario = make(hub(10), name="hub")
    result = analyse(scenario, max_nodes=100)
    assert not result.exploration.complete
    (line,) = [p.format() for p in result.problems if p.code == "state-bound"]
    assert "hub.toml:" in line and ": warning: start: this scenario has more than 100 " in line
    assert "(the search stopped having seen 105 states with their meters, in 1 of 1 scenes)" in line


def test_endings_taken_first_cost_one_search_not_one_per_order(make, monkeypatch):
    """Each ending no path reaches searched the file again, and again for each ending
    above it, in turn (to find the one that takes its runs first): 10 such endings
    behind 'good' took 66 searches of the whole file, 7 s on 12 topics, minutes on
    17. Counted: the nodes of every search `check` makes."""
    import sim.authoring.explore as ex
    from sim.authoring.lint import lint

    searched = []
    real = ex._explore

    def counting(*args, **kwargs):
        found = real(*args, **kwargs)
        searched.append(found.nodes)
        return found

    monkeypatch.setattr(ex, "_explore", counting)
    problems = lint(make(shadowed(8, 10), name="shadowed"))
    hints = [p.hint for p in problems if p.key.startswith("endings.shadow")]
    assert len(hints) == 10
    assert all("ending 'good', written before it, always takes them first" in h for h in hints)
    assert sum(searched) <= 3 * 2**8, searched


def test_check_says_once_at_a_terminal_that_a_large_file_is_still_being_checked(
    make, monkeypatch, capsys
):
    """hub 18 is checked for 6 s of CPU (20 s on a busy machine) with nothing printed:
    at a terminal a note goes to stderr once; through a pipe nothing is added."""
    from sim.commands import check as command

    scenario = make(hub(14), name="hub")
    monkeypatch.setattr(command, "PATIENCE", 0.0)
    command.check_paths([str(scenario.path)])
    assert capsys.readouterr().err == ""  # capsys's stderr is no terminal
    monkeypatch.setattr("sim.commands.common.on_terminal", lambda stream: True)
    results = command.check_paths([str(scenario.path)])
    err = capsys.readouterr().err
    assert err.count("(still checking every state of ") == 1 and "hub.toml" in err
    assert results[0]["problems"] == []


def test_judging_texts_stops_at_three_bounds_in_all_and_says_which_it_left(make, monkeypatch):
    """With the routing near the bound, each text reading its own flag passes the bound
    alone, after a whole search, and the splits made about two searches a text (hub 17
    with four such texts: 31 s of CPU). Past three bounds in all the texts left are
    not judged, each said so (and none called never shown)."""
    from sim.authoring import text_units
    from sim.authoring.lint import analyse

    scenario = make(text_flags(8, 4), name="texts")
    whole = analyse(scenario)
    assert [p for p in whole.problems if p.code == "state-bound"] == []
    monkeypatch.setattr(text_units, "WASTE_BOUND", 3 * 400)  # (3 x MAX_NODES, as analyse's)
    result = analyse(scenario, max_nodes=400)  # the routing: 257 nodes; a text alone: 513
    assert result.exploration.complete
    assert result.text_nodes < 4 * 400 + 4
    said = [p.message for p in result.problems if p.code == "state-bound"]
    assert len(said) == 4, said
    spent = [m for m in said if m.startswith("peer-sim stopped judging this file's texts after")]
    assert len(spent) == 3
    assert "so whether this text ever shows was not judged" in spent[0]
    assert not any("never" in p.message for p in result.problems)
