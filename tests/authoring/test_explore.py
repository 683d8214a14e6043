"""The exploration agrees with the engine, state for state."""

from __future__ import annotations

import sys
from collections import deque
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from sim import engine
from sim.authoring import meters
from sim.authoring.coverage import cover
from sim.authoring.explore import explore

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from gen_scenario import generate  # noqa: E402


def clamp(v: int) -> int:
    return max(0, min(100, v))


points = st.sets(st.tuples(st.integers(0, 100), st.integers(0, 100)), min_size=1, max_size=40)


@given(points, st.integers(-100, 100), st.integers(-100, 100))
@settings(max_examples=150, deadline=None)
def test_shift_clamps_like_the_engine(pts, dt, de):
    bits = 0
    for t, e in pts:
        bits |= meters.point(t, e)
    assert meters.pairs(meters.shift(bits, dt, de)) == {
        (clamp(t + dt), clamp(e + de)) for t, e in pts
    }


@given(points, st.integers(0, 100), st.integers(0, 100), st.integers(0, 100), st.integers(0, 100))
@settings(max_examples=100, deadline=None)
def test_rect_and_ranges(pts, a, b, c, d):
    bits = 0
    for t, e in pts:
        bits |= meters.point(t, e)
    inside = {(t, e) for t, e in pts if a <= t <= b and c <= e <= d}
    assert meters.pairs(bits & meters.rect(a, b, c, d)) == inside
    ts, es = [t for t, _ in pts], [e for _, e in pts]
    assert meters.ranges(bits) == ((min(ts), max(ts)), (min(es), max(es)))


def test_an_empty_set_has_no_range_and_the_hint_words_say_so():
    """`meters.ranges(0)` raised ValueError (a negative shift): every caller guarded, so
    only a new one would traceback (code-review-4). An empty set now has no range."""
    from sim.authoring.never import ranges_text

    assert meters.ranges(0) is None
    assert ranges_text(0) == "no meter values at all (no run gets there)"
    assert ranges_text(meters.point(3, 97)) == "trust 3..3 and empowerment 97..97"


def engine_truth(scenario, limit=200_000):
    """Brute force through the engine: states differ by scene, meters, every flag, and
    every visited scene that any condition mentions."""
    mentioned = set()
    conds = [e.when for e in scenario.endings.values()]
    conds += [c.when for s in scenario.scenes.values() for c in s.choices]
    for cond in conds:
        if cond is not None:
            mentioned |= set(cond.visited) | set(cond.not_visited)
    first = engine.start(scenario)
    seen, queue = set(), deque([first])
    reached, offered, endings = set(), set(), {}
    while queue:
        state = queue.popleft()
        try:
            while not state.over and scenario.scenes[state.scene].next is not None:
                reached.add(state.scene)
                state = engine.advance(scenario, state)
        except KeyError:
            pass
        key = (
            state.scene,
            state.trust,
            state.empowerment,
            state.flags,
            state.visited & mentioned,
            state.ending,
        )
        if key in seen:
            continue
        seen.add(key)
        assert len(seen) < limit
        if state.over:
            endings.setdefault(state.ending, set()).add((state.trust, state.empowerment))
            continue
        reached.add(state.scene)
        for offer in engine.offers(scenario, state):
            offered.add((state.scene, offer.index))
            queue.append(engine.choose(scenario, state, offer.number))
    return reached, offered, {e: (min(v)[0], max(v)[0]) for e, v in endings.items()}, endings


def test_explore_matches_engine_on_generated_scenarios(tmp_path):
    from sim.loading import load_scenario

    # Small enough for brute force through the engine (well under a second each).
    for n, seed in ((12, 0), (12, 2), (12, 5), (13, 0), (13, 2), (14, 2)):
        path = tmp_path / f"gen{n}-{seed}.toml"
        path.write_text(generate(n, seed))
        scenario = load_scenario(path)
        reached, offered, _, ends = engine_truth(scenario)
        found = explore(scenario)
        assert found.complete
        assert found.reached == reached
        assert found.offered == offered
        assert set(found.endings) == set(ends)
        for eid, pairs in ends.items():
            assert meters.pairs(found.endings[eid]) == pairs
        cov = cover(scenario)
        assert set(cov.scenes) == reached
        assert set(cov.taken) == offered
        assert set(cov.endings) == set(ends)


def test_visited_conditions_and_next_chains(good_text, make):
    scenario = make(good_text)
    found = explore(scenario)
    assert found.ending_ranges() == {
        "partnership": ((40, 40), (60, 60)),
        "maybe": ((25, 40), (30, 40)),
        "gone": ((25, 40), (10, 20)),
    }
    assert found.reached == {"hello", "open", "middle"}
