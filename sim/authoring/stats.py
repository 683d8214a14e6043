"""`peer-sim check --stats`: the exploration's figures, for authors who tune the meters.

For each ending, the range of trust and empowerment it can be reached with
(exact: every reachable state counts), and how many states there are; then
the item-writing figures: decision points, how often the best line is also
the longest or the only question, and the decision points that offer only two lines.
"""

from __future__ import annotations

from pathlib import Path


def stats_lines(path: Path, head: str | None = None) -> list[str]:
    """The figures for one file, headed by `head` (the id typed) or else its path."""
    from sim.authoring.explore import explore
    from sim.authoring.items import items
    from sim.loading import load_scenario
    from sim.problems import ScenarioError

    try:
        scenario = load_scenario(path)
    except ScenarioError:
        return []
    # the routing alone: flags only texts read change no ending's range, and remembering
    # them multiplied the states counted here (sim.authoring.text_units)
    found = explore(scenario, texts=False)
    ranges = found.ending_ranges()
    n_choices = sum(len(s.choices) for s in scenario.scenes.values())
    head = (
        f"{head or path}: {len(scenario.scenes)} scenes, {n_choices} choices; "
        f"{found.meter_states:,} reachable states ({found.nodes:,} scene/flag combinations)"
    )
    if not found.complete:
        head += f"; stopped at the bound of {found.bound:,} combinations"
    lines = [head]
    for eid, ending in scenario.endings.items():
        if eid in ranges:
            (lo_t, hi_t), (lo_e, hi_e) = ranges[eid]
            lines.append(
                f"  ending {eid} ({ending.outcome}): trust {lo_t}..{hi_t}, "
                f"empowerment {lo_e}..{hi_e}"
            )
        else:
            lines.append(f"  ending {eid} ({ending.outcome}): not reached")
    found_items = items(scenario)
    if found_items.points:
        n = found_items.points
        lines.append(
            f"  decision points: {n}; the best line is the longest at "
            f"{len(found_items.best_longest)} ({found_items.longest_share:.0%})"
        )
        asking = len(found_items.only_question)
        lines.append(
            f"  the best line is the only line ending with a question mark at {asking} "
            f"({asking / n:.0%})"
        )
        place, count = found_items.commonest_position()
        lines.append(f"  the best line is choice {place} at {count} ({count / n:.0%})")
        two = found_items.two_lines
        if two:
            lines.append(
                f"  offering only two lines: {len(two)} of {n} ({len(two) / n:.0%}): "
                + ", ".join(two)
            )
    return lines
