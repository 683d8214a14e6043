"""crisis-moment's order to stay is scored as control, not as a lapse of attention (Review 35a).

After the coach gets up to fetch Lena (`call-988#1`) Sam reaches for his bag, and one line
answers "Sam, sit down. You're not leaving this room." Its why says it makes the coach "a
guard instead of a support", and the endings name it the same way. It was tagged
being-present, so the debrief listed "Be present" as undermined at that step and could send
the trainee to practise "Take your time" for a line whose fault is taking control. Getting
up was the lapse of presence, and `call-988#1` already carries it. The order undermines
connection (the brief's wrong pattern: the "expert" stance, not a mutual relationship) and
empowerment (voice and choice).
"""

from __future__ import annotations

from sim.debrief.build import build_debrief
from sim.engine import Run
from sim.loading import bundled_dir, load_library
from sim.loading.library import catalogue_for_scenario

LIBRARY = load_library([bundled_dir()])
SCENARIO = next(s for s in LIBRARY.scenarios if s.id == "crisis-moment")
ORDER = "Sam, sit down. You're not leaving this room."


def _order():
    return next(c for c in SCENARIO.scenes["stepped-out"].choices if c.say == ORDER)


def test_the_order_to_stay_undermines_connection_and_empowerment_not_presence():
    assert dict(_order().principles) == {"connection": "undermines", "empowerment": "undermines"}


def test_a_run_that_orders_him_to_stay_is_not_told_presence_failed_there():
    """The model lines, except for getting up to fetch Lena and then the order."""
    run = Run.begin(SCENARIO)
    said = []
    while True:
        run.settle()
        if run.over:
            break
        offers = run.offers()
        if run.state.scene == "call-988":
            pick = next(o for o in offers if o.choice.sets and "stepped-out" in o.choice.sets)
        elif run.state.scene == "stepped-out":
            pick = next(o for o in offers if o.choice is _order())
        else:
            pick = next(o for o in offers if o.choice.best)
        said.append(run.state.scene)
        run.choose(pick.number)
    got_up, order = said.index("call-988") + 1, said.index("stepped-out") + 1
    blocks = {b.id: b for b in build_debrief(run, catalogue_for_scenario(SCENARIO)).principles}
    assert got_up in blocks["being-present"].undermined_at
    assert order not in blocks["being-present"].undermined_at
    assert order in blocks["connection"].undermined_at
    assert order in blocks["empowerment"].undermined_at
