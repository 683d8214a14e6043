"""`check`'s shortcuts give the answers of the long way (benchmarks/check_library_bench.py).

- The exploration records which texts show (`sim.authoring.landing.record_takers`)
  without testing again a text already recorded: the keys are those `first_takers`
  gives, added to what was recorded before.
- `check`'s safety-worst warning asks `unfair_lines` for the safety rule alone
  (`safety_only`): its findings, with their paths and counts, are those of the whole
  comparison that `peer-sim test` runs.
"""

from __future__ import annotations

import random
from pathlib import Path

from sim.authoring import meters
from sim.authoring.conditions import Test as Cond
from sim.authoring.fairness import is_safety, unfair_lines
from sim.authoring.landing import first_takers, record_takers
from sim.loading import load_scenario

REPO = Path(__file__).resolve().parents[2]
# bundled files whose safety lines, made costly, are blamed, and that are quick to search
COSTLY = [
    REPO / "scenarios" / f"{name}.toml"
    for name in (
        "culture-and-ceremony",
        "different-path",
        "family-pressure",
        "house-rules",
        "medication-in-the-ed",
        "return-to-use",
    )
]
FLAGS = ("a", "b", "c")


def _cond(rng: random.Random) -> Cond:
    lo_t, lo_e = rng.randrange(0, 101), rng.randrange(0, 101)
    hi_t, hi_e = rng.randrange(lo_t, 101), rng.randrange(lo_e, 101)
    limited = rng.random() < 0.7
    alts = tuple(_cond(rng) for _ in range(rng.choice((0, 0, 0, 2))))
    return Cond(
        frozenset(f for f in FLAGS if rng.random() < 0.2),
        frozenset(f for f in FLAGS if rng.random() < 0.1),
        frozenset(),
        frozenset(),
        meters.rect(lo_t, hi_t, lo_e, hi_e) if limited else None,
        alts=alts,
    )


def test_record_takers_adds_what_first_takers_gives() -> None:
    rng = random.Random(7)
    head = ("ending", "e")
    kinds = {-1: 0, 0: 0}  # how often the plain text and the first text were added
    for _ in range(3000):
        texts = tuple(_cond(rng) for _ in range(rng.randrange(0, 5)))
        bits = 0
        for _ in range(rng.randrange(0, 6)):
            bits |= meters.point(rng.randrange(0, 101), rng.randrange(0, 101))
        flags = frozenset(f for f in FLAGS if rng.random() < 0.5)
        before = {(*head, i) for i in range(-1, len(texts)) if rng.random() < 0.5}
        before.add(("ending", "other", 0))
        expected = before | {(*head, i) for i in first_takers(texts, bits, flags, frozenset())}
        shown = set(before)
        record_takers(head, texts, bits, flags, frozenset(), shown)
        assert shown == expected
        for i in kinds:
            kinds[i] += (*head, i) in shown - before
    assert all(kinds.values())  # (the cases do add texts, the plain one too)


def _costly(path: Path):
    """The scenario with every safety line costing 20 trust: lines the comparison blames."""
    sc = load_scenario(path)
    scenes = {}
    for sid, scene in sc.scenes.items():
        choices = [
            c.model_copy(update={"trust": c.trust - 30, "empowerment": c.empowerment - 30})
            if is_safety(c)
            else c
            for c in scene.choices
        ]
        scenes[sid] = scene.model_copy(update={"choices": choices})
    return sc, sc.model_copy(update={"scenes": scenes})


def test_safety_only_finds_what_the_whole_comparison_finds() -> None:
    blamed = 0
    for path in COSTLY:
        for sc in _costly(path):
            whole = unfair_lines(sc)
            alone = unfair_lines(sc, safety_only=True)
            assert (alone.complete, alone.lines, alone.slips) == (
                whole.complete,
                whole.lines,
                whole.slips,
            ), path.name
            assert alone.broken == whole.punished, path.name
            blamed += len(alone.broken)
    assert blamed > 20  # (the costly copies have safety lines to blame: 29 when written)
