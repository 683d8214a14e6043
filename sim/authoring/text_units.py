"""Which flags and scenes only texts read, and the smallest explorations that judge the texts.

A scene's variants, an ending's variants, an `also` paragraph and a conditional
reflection choose what a run is shown, never where it goes. A flag (or a
visited scene) that only they read must still be remembered to say whether a
text ever shows, and remembered in one exploration it doubled the states for
every such flag: eight of them made `check` walk 80 times the states `test`
walks (benchmarks/README.md). Yet whether one text shows depends only on the
routing state and on the names *it* reads. So `check` explores the routing once,
without texts, then once per group of texts that read the same text-only names
(2^k states per group rather than 2^total), and joins what they found: the same
answers, exactly, at the cost of the largest group.

A *unit* is judged as a whole: a scene's variants together (the first that holds
shows, so each depends on those before it), likewise an ending's variants; each
`also` and each conditional reflection on its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sim.authoring.conditions import Test
from sim.authoring.exploration import MAX_NODES

if TYPE_CHECKING:
    from sim.model import Scenario

Name = tuple[str, str]  # ("flag", name) or ("visited", scene id)
Names = frozenset[Name]
Unit = tuple  # ("scene", sid) | ("ending", eid) | ("also", eid, i) | ("reflect", i)


def _names(test: Test | None) -> set[Name]:
    if test is None:
        return set()
    f, v = test.names
    return {("flag", x) for x in f} | {("visited", x) for x in v}


def unit_names(scenario: Scenario, tests: dict | None = None) -> dict[Unit, Names]:
    """Each text unit's names that no routing condition reads (choices, branches of
    `next`, endings); critical slips' caps are routing too, but use pseudo flags."""
    tests = {} if tests is None else tests
    routing: set[Name] = set()
    for e in scenario.endings.values():
        routing |= _names(Test.of(e.when, tests))
    for scene in scenario.scenes.values():
        for c in scene.choices:
            routing |= _names(Test.of(c.when, tests))
        if scene.next is not None:
            for step in scene.steps():
                routing |= _names(Test.of(step.when, tests))
    units: dict[Unit, Names] = {}

    def add(unit: Unit, whens: list) -> None:
        found: set[Name] = set()
        for when in whens:
            found |= _names(Test.of(when, tests))
        units[unit] = frozenset(found - routing)

    for sid, scene in scenario.scenes.items():
        if scene.variants:
            add(("scene", sid), [v.when for v in scene.variants])
    for eid, e in scenario.endings.items():
        if e.variants:
            add(("ending", eid), [v.when for v in e.variants])
        for i, extra in enumerate(e.also):
            add(("also", eid, i), [extra.when])
    for i, r in enumerate(scenario.debrief.reflect):
        if not isinstance(r, str) and r.when is not None:
            add(("reflect", i), [r.when])
    return units


def groups(units: dict[Unit, Names]) -> list[Names]:
    """The text-only name sets to explore with, one per exploration: the largest
    distinct sets (a unit whose names are within another's is judged with it).
    At least one group, so units that read no text-only name are judged too."""
    kept: list[Names] = []
    for names in sorted(set(units.values()), key=len, reverse=True):
        if not any(names <= k for k in kept):
            kept.append(names)
    return kept or [frozenset()]


def keys_of(unit: Unit, scenario: Scenario) -> list[tuple]:
    """The `Exploration.shown` keys a unit's texts are recorded under."""
    kind = unit[0]
    if kind == "scene":
        n = len(scenario.scenes[unit[1]].variants)
        return [("scene", unit[1], i) for i in range(-1, n)]
    if kind == "ending":
        n = len(scenario.endings[unit[1]].variants)
        return [("ending", unit[1], i) for i in range(-1, n)]
    return [unit]


# A batch of groups is first tried in one exploration, allowed this many times the
# nodes of the routing alone per group in it: what exploring them one by one costs at
# the least. Flags set on the same ways (as in most real scenarios) add few nodes
# together, and one exploration is cheapest; independent flags multiply, the attempt
# stops at its budget, and the batch is split in two (sim.authoring.explore's bound).
PER_GROUP = 4
# The nodes of explorations that stopped at their budget, for one file's texts in all:
# three times the state bound. With the routing near the bound, every group of
# independent text flags passes it alone, after a whole exploration, and the splits
# cost about two each: 31 s of CPU for four texts (hub 17, benchmarks/README.md),
# minutes for twenty. Past this the texts left are not judged, and said so.
WASTE_BOUND = 3 * MAX_NODES


def texts_shown(
    scenario: Scenario,
    max_nodes: int,
    todo: list[Names],
    units: dict[Unit, Names],
    routing_nodes: int,
) -> tuple[set[tuple], int, list[Unit], list[Unit]]:
    """`Exploration.shown` for the texts of these groups, the nodes explored for it, the
    units left unjudged as too big alone, and those left once WASTE_BOUND was spent.

    Every group is judged in an exploration that remembers its names, so the answers
    are those of one exploration of every flag; only how the groups are batched
    changes the cost. A group too big to explore even alone leaves its texts
    unjudged: they count as shown, so no text is called never-shown on a guess.
    """
    from sim.authoring.explore import explore

    shown: set[tuple] = set()
    spent = 0
    unjudged: list[Unit] = []
    skipped: list[Unit] = []
    wasted = 0  # nodes of the explorations that stopped at their budget
    batches = [todo]
    while batches:
        batch = batches.pop()
        names: Names = frozenset().union(*batch)
        if wasted >= WASTE_BOUND:
            for unit, unit_names_ in units.items():
                if unit_names_ <= names and unit_names_ and unit not in unjudged:
                    shown.update(keys_of(unit, scenario))
                    skipped.append(unit)
            continue
        alone = len(batch) == 1
        budget = max_nodes if alone else min(max_nodes, PER_GROUP * len(batch) * routing_nodes)
        part = explore(scenario, budget, texts=names)
        spent += part.nodes
        if part.complete:
            shown |= part.shown
            continue
        wasted += part.nodes
        if not alone:
            half = len(batch) // 2
            batches += [batch[:half], batch[half:]]
        else:
            for unit, unit_names_ in units.items():
                if unit_names_ <= names and unit_names_:
                    shown.update(keys_of(unit, scenario))
                    unjudged.append(unit)
    return shown, spent, unjudged, skipped


def when_key(unit: Unit) -> tuple:
    """The key path of a unit's (first) `when`, where a problem about it is shown."""
    kind = unit[0]
    if kind == "scene":
        return ("scenes", unit[1], "variants", 0, "when")
    if kind == "ending":
        return ("endings", unit[1], "variants", 0, "when")
    if kind == "also":
        return ("endings", unit[1], "also", unit[2], "when")
    return ("debrief", "reflect", unit[1], "when")


def names_of(scenario: Scenario, wanted: list[Unit]) -> frozenset:
    """The text-only names the `wanted` units read: an exploration to say why those
    texts never show needs them remembered, and no others."""
    units = unit_names(scenario)
    out: frozenset = frozenset()
    for unit in wanted:
        out |= units.get(unit, frozenset())
    return out
