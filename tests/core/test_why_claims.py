"""What a line's coach note (`why`) claims agrees with what the debrief shows under it.

Crisis Moment's line that texts the supervisor first said it "is as sound as leading with
988; the order is a judgement call", and the debrief showed "Stronger here" right under it
(trainee playtest 35): the marked best line outranks it (`sim.engine.strength`), so the
debrief is right to. A note that calls its line as good as another may stand only on a line
nothing in its scene outranks. And a note names what a trainee knows: "the N.A.P.S. core
values" was an acronym no screen explains.
"""

from __future__ import annotations

import re

from sim.engine import strength
from sim.loading import bundled_dir, load_library

SCENARIOS = load_library([bundled_dir()]).scenarios

AS_GOOD = re.compile(
    r"\b(?:as (?:sound|good|strong) as|just as well|equally (?:sound|good|strong)|"
    r"judge?ment call|which to (?:give|say|pick) is your call)\b",
    re.IGNORECASE,
)


def test_a_note_that_calls_its_line_as_good_stands_on_a_line_nothing_outranks():
    found = []
    for sc in SCENARIOS:
        for sid, scene in sc.scenes.items():
            for i, choice in enumerate(scene.choices):
                m = AS_GOOD.search(choice.why or "")
                if m is None:
                    continue
                if any(strength(o) > strength(choice) for o in scene.choices if o is not choice):
                    found.append(f"{sc.id} {sid} choice {i + 1}: '{m.group(0)}'")
    assert not found, found


def test_a_note_spells_out_what_no_screen_explains():
    found = [
        f"{sc.id} {sid} choice {i + 1}"
        for sc in SCENARIOS
        for sid, scene in sc.scenes.items()
        for i, choice in enumerate(scene.choices)
        if "N.A.P.S." in (choice.why or "")
    ]
    assert not found, found


def test_a_principle_s_words_spell_out_the_guidelines_they_cite():
    """The principles' explanations and sources said "N.A.P.S." seven times and spelled it
    out nowhere; each text now names the National Practice Guidelines for peer supporters
    before the acronym, as the coach notes do."""
    from sim.loading import catalogue_for_scenario

    catalogue = catalogue_for_scenario(SCENARIOS[0])
    texts = [
        (pid, text)
        for pid, p in catalogue.principles.items()
        for text in (p.summary, p.explanation, *p.sounds_like, *p.slips, *p.sources)
    ]
    assert any("N.A.P.S." in text for _, text in texts)  # the guidelines are still cited
    unexplained = [
        f"{pid}: {text[:60]}"
        for pid, text in texts
        if "N.A.P.S." in text
        and "National Practice Guidelines for peer supporters (N.A.P.S." not in text
    ]
    assert not unexplained, unexplained


def test_a_text_citing_ccar_names_the_recovery_coach_academy():
    """trainee37: different-path's note said "CCAR's coach training" and only a note on
    another path spelled it out. Each text a trainee reads that cites CCAR names the CCAR
    Recovery Coach Academy, as the domain brief does (once per text, as N.A.P.S. is)."""
    from sim.loading import catalogue_for_scenario

    texts = [
        (f"{sc.id} {sid} choice {i + 1}", choice.why or "")
        for sc in SCENARIOS
        for sid, scene in sc.scenes.items()
        for i, choice in enumerate(scene.choices)
    ]
    catalogue = catalogue_for_scenario(SCENARIOS[0])
    texts += [
        (pid, text)
        for pid, p in catalogue.principles.items()
        for text in (p.summary, p.explanation, *p.sounds_like, *p.slips, *p.sources)
    ]
    assert any("CCAR" in text for _, text in texts)  # still cited
    unexplained = [
        f"{where}: {text[:60]}"
        for where, text in texts
        if "CCAR" in text and "CCAR Recovery Coach Academy" not in text
    ]
    assert not unexplained, unexplained
