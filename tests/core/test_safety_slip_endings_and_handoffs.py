"""Two promises of the bundled library, from Review 33b.

An ending text written for a safety slip (a missed risk cue, secrecy promised to a person
at risk) sends the trainee to the supervisor: the catalogue's crisis-referral says the
coach tells the supervisor whenever there is a risk of harm, and return-to-use's mixed
"Carrying it" told the run only to ask plainly next week, where its poor "Alone with it"
already said "take it to your supervisor whatever he says".

A model line does not hand a person's information to another organisation on a spoken
yes: the brief's default is written consent (42 CFR Part 2), as first-meeting's "signed
okay" and family-pressure's release teach. culture-and-ceremony's letter for the county
caseworker went "to her only if you say so", and ending-well's hand-off to Gloria asked
"if it's okay to tell her your name"; now the letter is Joseph's to give and Gloria meets
Ana without hearing about her from the coach.
"""

from __future__ import annotations

import pytest

from sim.loading import bundled_dir, load_library

LIBRARY = load_library([bundled_dir()])
SCENARIOS = LIBRARY.scenarios


def _safety_flags(scenario) -> set[str]:
    """Flags set by a line that is a critical safety slip and by no other line."""
    by_safety: set[str] = set()
    by_other: set[str] = set()
    for scene in scenario.scenes.values():
        for choice in scene.choices:
            (by_safety if choice.critical == "safety" else by_other).update(choice.sets)
    return by_safety - by_other


# only the scenarios with a flag of a safety slip's own: a skip for each other one said
# "skipped" eight times in every run for a rule with nothing to judge there
FLAGGED = [s for s in SCENARIOS if _safety_flags(s)]


def test_some_bundled_scenarios_key_endings_to_a_safety_slip():
    assert len(FLAGGED) >= 2, [s.id for s in FLAGGED]


@pytest.mark.parametrize("scenario", FLAGGED, ids=[s.id for s in FLAGGED])
def test_an_ending_text_written_for_a_safety_slip_names_the_supervisor(scenario):
    flags = _safety_flags(scenario)
    # the supervisor by role, or by name (crisis-moment's Lena is in the room)
    names = {"supervisor"} | {
        person.name.lower()
        for person in scenario.characters.values()
        if "supervisor" in (person.about or "").lower()
    }
    missing = []
    for eid, ending in scenario.endings.items():
        for n, variant in enumerate(ending.variants, 1):
            keyed = {f for clause in variant.when.clauses() for f in clause.flags}
            if keyed & flags and not any(n in variant.text.lower() for n in names):
                missing.append(f"{eid} variant {n} ({', '.join(sorted(keyed & flags))})")
    assert not missing, missing


def _best(scenario_id: str, scene: str):
    sc = next(s for s in SCENARIOS if s.id == scenario_id)
    return next(c for c in sc.scenes[scene].choices if c.best)


@pytest.mark.parametrize(
    ("scenario_id", "scene", "spoken_yes"),
    [
        ("culture-and-ceremony", "advocacy", "only if you say so"),
        ("ending-well", "supports", "okay to tell her your name"),
    ],
)
def test_a_model_hand_off_passes_nothing_on_a_spoken_yes(scenario_id, scene, spoken_yes):
    line = _best(scenario_id, scene)
    assert spoken_yes not in line.say
    assert "written consent" in (line.why or "")


def test_family_pressure_s_naloxone_facts_say_first_that_they_are_about_no_one():
    """The debrief's "To practise next" quotes a line of the run that honours a principle
    as what it "can sound like". In family-pressure, the naloxone facts at `sit-down` were
    that example for "Protect privacy, and be honest about its limits" in 163 of 400 seeded
    random runs (Review 33b), so a trainee who had just told Denise her daughter was doing
    well was shown a fire extinguisher. The line now shows the move it is scored for."""
    sc = next(s for s in SCENARIOS if s.id == "family-pressure")
    line = next(c for c in sc.scenes["sit-down"].choices if "naloxone" in c.say)
    assert line.principles.get("confidentiality") == "honours"
    assert line.say.startswith("I can't speak about anyone in particular.")
