"""A scenario's digest is its own, also for copies of copies (the digest is cached)."""

from __future__ import annotations

import hashlib

from sim.engine import digest
from sim.loading import load_scenario


def fresh(scenario) -> str:
    return hashlib.sha256(scenario.model_dump_json().encode()).hexdigest()[:16]


def test_a_copy_of_a_copy_is_not_given_an_earlier_scenarios_digest(tmp_path):
    # The cache was keyed on id(): a copy carries its source's cache, and once that
    # source is freed a later copy can be made at the same address, so it was handed
    # the digest of a scenario whose text differed (a run recorded as unchanged).
    scenario = load_scenario("scenarios/check-in-call.toml")
    digest(scenario)
    wrong = []
    for n in range(200):
        # two copies, the digest asked of the second only: it carries the first one's
        # source's cache, and that source is gone
        scenario = scenario.model_copy(update={"title": f"Copy {n}"})
        scenario = scenario.model_copy(update={"summary": f"Copy {n}"})
        if digest(scenario) != fresh(scenario):
            wrong.append(n)
    assert wrong == []
