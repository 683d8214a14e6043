"""The bundled library as a training programme would sign it off (issue 8).

Asserted from the scenario files themselves, so a new or edited scenario that
breaks a promise fails here: every branch can be reached, a safety move never
costs the outcome, a critical slip never ends well nor better than the best
line, the best line never ends worse than a weaker one, the best line is not given away by its length, most decision points
offer a real choice, every principle is practised both ways, crisis lines are
named as the US resources they are, the best line is not given away by being
the question, a name means one person, a slip that wins trust says
why it tempts (and no closing clause recurs in a file's whys), and an assurance of privacy a trainee is shown names its limits.
"""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from sim.authoring.explore import explore
from sim.authoring.items import items
from sim.engine import Run
from sim.engine.rules import choice_id
from sim.language import STIGMA
from sim.loading import bundled_dir, catalogue_for_scenario, load_library
from tests.searched import searched

LIBRARY = load_library([bundled_dir()])
SCENARIOS = LIBRARY.scenarios
IDS = [s.id for s in SCENARIOS]
STRONG = 2


def test_the_library_loads_whole_and_holds_twelve_scenarios():
    assert not LIBRARY.broken, [b.path for b in LIBRARY.broken]
    assert len(SCENARIOS) >= 12, IDS


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_every_branch_is_reached_and_no_line_breaks_a_rule_against_its_neighbours(scenario):
    """One state search for all: coverage, then every line compared state by state with
    the lines beside it (safety moves, critical slips, best lines)."""
    done = searched(scenario)  # the replay and records tests read the same search
    found, fair = done.coverage, done.fairness
    assert found.ok(scenario), found.uncovered(scenario)
    assert fair is not None and fair.complete
    assert not fair.broken, fair.broken[:3]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_no_run_with_a_critical_slip_reaches_a_strong_ending(scenario):
    found = explore(scenario)
    assert found.complete
    assert not found.cap_breaks
    strong = {eid for eid, e in scenario.endings.items() if e.outcome == "strong"}
    for cap, endings in found.capped_endings.items():
        reached = {eid for eid, bits in endings.items() if bits}
        assert not reached & strong, (cap, reached & strong)


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_random_runs_that_take_a_critical_slip_never_end_strong(scenario):
    """The same rule through the real engine, leaning toward the critical lines."""
    critical = [
        (sid, i)
        for sid, sc in scenario.scenes.items()
        for i, c in enumerate(sc.choices)
        if c.critical
    ]
    if not critical:
        pytest.skip("no critical slips in this scenario")
    rng = random.Random(8)
    capped = 0
    for _ in range(150):
        run = Run.begin(scenario)
        run.settle()
        slipped = False
        while not run.over:
            offers = run.offers()
            risky = [o for o in offers if o.choice.critical]
            pick = rng.choice(risky) if risky and rng.random() < 0.5 else rng.choice(offers)
            slipped = slipped or bool(pick.choice.critical)
            run.choose(pick.number)
            run.settle()
        if slipped:
            capped += 1
            assert run.ending is not None and run.ending.outcome != "strong", [
                d.choice_id for d in run.state.decisions
            ]
    assert capped > 0


def test_the_best_line_is_not_the_longest_line_across_the_library():
    points = longest = 0
    for scenario in SCENARIOS:
        found = items(scenario)
        points += found.points
        longest += len(found.best_longest)
    assert points and longest / points <= 0.40, f"{longest} of {points}"


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda s: s.id)
def test_the_best_line_is_not_always_in_one_place(scenario):
    # A trainee who always presses 1 must not win: at most 60% of a scenario's
    # decision points have the best line in any one place.
    found = items(scenario)
    place, count = found.commonest_position()
    assert count / found.points <= 0.60, f"choice {place} at {count} of {found.points}"


def test_most_decision_points_offer_three_or_more_lines():
    points = two = 0
    for scenario in SCENARIOS:
        found = items(scenario)
        points += found.points
        two += len(found.two_lines)
    assert points and (points - two) / points >= 0.70, f"{two} of {points} offer two"


def test_every_principle_is_honoured_and_undermined_in_two_scenarios():
    catalogue = catalogue_for_scenario(SCENARIOS[0])
    honoured: dict[str, set[str]] = {pid: set() for pid in catalogue.principles}
    undermined: dict[str, set[str]] = {pid: set() for pid in catalogue.principles}
    for scenario in SCENARIOS:
        for scene in scenario.scenes.values():
            for choice in scene.choices:
                for pid, verdict in choice.principles.items():
                    if verdict == "honours":
                        honoured[pid].add(scenario.id)
                    elif verdict == "undermines":
                        undermined[pid].add(scenario.id)
    thin = {
        pid: (sorted(honoured[pid]), sorted(undermined[pid]))
        for pid in catalogue.principles
        if len(honoured[pid]) < 2 or len(undermined[pid]) < 2
    }
    assert not thin, thin


def test_crisis_lines_are_named_as_us_resources():
    """988 and 911 are US numbers: a scenario naming either says it is set in the US where a
    trainee reads it before playing (its setting or summary). One test over the library, not
    one a scenario: most name neither, and seven skips a run read as checks not made. The
    rule is check's own (sim.authoring.crisis_lines), which warns an author too."""
    from sim.authoring.crisis_lines import CRISIS_LINE, crisis_texts, marked_us

    naming = [sc for sc in SCENARIOS if any(CRISIS_LINE.search(t) for _, t in crisis_texts(sc))]
    assert "crisis-moment" in {sc.id for sc in naming}  # the check has something to check
    unmarked = [sc.id for sc in naming if not marked_us(sc)]
    assert not unmarked, f"name 988 or 911 without saying they are in the US: {unmarked}"


def test_the_best_line_is_not_given_away_by_being_the_question():
    # Open questions are good practice, so many best lines end in "?". A
    # test-wise trainee who always picks a line ending in "?" (any one, if
    # several do) must still be wrong about half the time: wrong lines ask
    # leading and closed questions too. Random picking scores about 32%.
    from .test_question_cue_per_scenario import question_picks

    counts = [question_picks(scenario) for scenario in SCENARIOS]
    found, points = sum(f for f, _ in counts), sum(p for _, p in counts)
    assert points and found / points <= 0.55, f"{found:.0f} of {points:.0f}"


def test_a_name_means_one_person_across_the_library():
    # A programme playing the whole library should not meet a supervisor, a
    # nurse and a cousin who share a name.
    seen: dict[str, str] = {}
    clashes = []
    for scenario in SCENARIOS:
        for character in scenario.characters.values():
            name = character.name
            if name in seen and seen[name] != scenario.id:
                clashes.append((name, seen[name], scenario.id))
            seen.setdefault(name, scenario.id)
    assert not clashes, clashes


KIND_PRINCIPLE = {
    "safety": "crisis-referral",
    "confidentiality": "confidentiality",
    "dual-relationship": "boundaries",
    "outside-role": "boundaries",
}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_a_critical_slip_undermines_the_principle_of_its_kind(scenario):
    # The same kind of slip is scored the same way in every scenario, so the
    # progress screen counts it under the same principle wherever it happens.
    odd = [
        (sid, i + 1, c.critical)
        for sid, scene in scenario.scenes.items()
        for i, c in enumerate(scene.choices)
        if c.critical and c.principles.get(KIND_PRINCIPLE[c.critical]) != "undermines"
    ]
    assert not odd, odd


# "is fine" too: "Medication is a valid pathway, and naming it is fine." was all practice mode
# showed after first-meeting `pushback#3`, a slip (review 40a).
RIGHT = re.compile(r"\b(is|are) (right|fine|a good one)\b", re.IGNORECASE)
WHAT_IS_NOT = re.compile(r"\bbut\b|;|\bnot\b|\bundoes\b|\bonly half\b", re.IGNORECASE)


def test_a_weaker_line_s_coach_note_does_not_stop_at_what_it_got_right():
    """The coach note is the why's first sentence unless `note` says otherwise. "Wanting
    fast help is right, and if he had taken something ... 911 would be the call." was all
    a trainee read after calling 911 over Sam's head, and they took it for praise
    (trainee playtest 11). A note that opens with what is right says what is not."""
    found = []
    for sc in SCENARIOS:
        for scene_id, scene in sc.scenes.items():
            for n, choice in enumerate(scene.choices, 1):
                undermines = "undermines" in (choice.principles or {}).values()
                note = choice.coach_note()
                first = re.split(r"(?<=[.!?])\s", note)[0]
                if undermines and RIGHT.search(first) and not WHAT_IS_NOT.search(first):
                    found.append(f"{sc.id} {scene_id}#{n}: {note}")
    assert not found, "\n".join(found)


# How a why says why a slip wins trust, in the trainee's terms: the rise itself ("trust rises"),
# what the person feels in the moment (relief, comfort, what they hoped or needed to hear, feeling
# cared for, chosen or less alone, gratitude) or how it draws them to you ("warms to you",
# "closer to you", "trusts you more"). One rule for every test below that asks a slip's why to say so.
SAYS_WHY_TRUST_RISES = re.compile(
    r"\btrust (?:rises|goes up)\b|\bbuys (?:a little )?trust\b|\breliev|\brelief\b|\bcomfort"
    r"|\bsoothes?\b|\b(?:hoped|wanted|needed|likes?) (?:to hear|hearing)\b|\bpleased\b"
    r"|\bfeels? (?:cared for|looked after|chosen|less alone)\b|\bgrateful\b"
    r"|\bwarms? (?:\w+ )?to you\b|\bcloser to you\b|\btrusts? you more\b",
    re.I,
)


def says_why_trust_rises(why: str | None) -> bool:
    return bool(SAYS_WHY_TRUST_RISES.search(why or ""))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_a_critical_slip_that_wins_trust_says_why(scenario):
    # The same move moved trust by +4 in one scenario and went unexplained in another
    # (a personal number, a couch for the night: library review 23). A trainee who sees
    # trust rise on a critical slip needs the debrief to say why, or learns the slip works.
    unexplained = [
        f"{sid}#{i + 1}"
        for sid, scene in scenario.scenes.items()
        for i, c in enumerate(scene.choices)
        if c.critical and c.trust >= 3 and not says_why_trust_rises(c.why)
    ]
    assert not unexplained, unexplained


def test_every_slip_that_wins_trust_says_why_it_tempts():
    # The rule above started at +3 on critical slips; ~60 weaker lines that undermine a
    # principle rose by +1 or +2 with no word of why (a yes to a sponsor, a verdict on a
    # medication, praise, an errand for someone in crisis: review 44c), so a trainee saw the
    # slip pay and was not told what it bought. The brief: rescuing tempts (relief, being taken
    # care of, being agreed with), and the debrief says why and what it costs.
    lines = [
        (f"{s.id} {sid}#{i}", c)
        for s in SCENARIOS
        for sid, scene in s.scenes.items()
        for i, c in enumerate(scene.choices, 1)
        if not c.best and "undermines" in c.principles.values() and c.trust > 0
    ]
    assert len(lines) >= 40  # the rule has its cases
    unexplained = [where for where, c in lines if not says_why_trust_rises(c.why)]
    assert not unexplained, f"{len(unexplained)} slips win trust with no word of why: {unexplained}"


# A clause ends where a sentence does, or at a semicolon or colon; words are compared lower-cased
# and without punctuation, and a trailing hedge ("a little", "so far") does not make it another.
CLAUSE_END = re.compile(r"(?<=[.!?;:])\s+")
HEDGE = re.compile(r"(?:\s+(?:a little|a bit|slightly|so far|too|again|for now|tonight|today))+$")


def closing_words(why: str, n: int = 4) -> list[str]:
    """The last `n` words of each clause of a why that has as many, normalised."""
    found = []
    for clause in CLAUSE_END.split(why.strip()):
        words = re.sub(r"[^a-z' ]+", " ", clause.lower().replace("\u2019", "'"))
        words = HEDGE.sub("", " ".join(words.split())).split()
        if len(words) >= n:
            found.append(" ".join(words[-n:]))
    return found


def test_closing_words_find_a_formula_however_it_is_hedged():
    whys = [
        "It spares him a text, which is why trust rises.",
        "Praise is nice; which is why trust rises a little.",
        "Backup feels good, which is why Trust rises so far!",
    ]
    assert {w for why in whys for w in closing_words(why)} == {"is why trust rises"}
    assert closing_words("Too short. Four words end here") == ["four words end here"]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_no_closing_clause_recurs_in_a_scenario_s_whys(scenario):
    # Every slip that wins trust was made to say why by ending its why the same way, "...,
    # which is why trust rises" (86 times, 15 in be-my-sponsor: review 44c), so a trainee who
    # took several slips read one clause again and again in a debrief, like a machine. Each
    # says now what the person feels at that moment; no closing clause of four words or more
    # recurs more than twice in a file. A why repeated word for word on the same move in
    # parallel scenes is one text, counted once.
    whys = {c.why for scene in scenario.scenes.values() for c in scene.choices if c.why}
    counts = Counter(words for why in whys for words in closing_words(why))
    repeated = {words: n for words, n in counts.items() if n > 2}
    assert not repeated, f"{scenario.id}: whys end the same way: {repeated}"


def test_a_model_line_never_sets_a_flag_that_keeps_a_run_from_ending_strong():
    # "Why this ending" names the line that set a flag a strong ending excludes. In
    # different-path the strong ending excluded `owned-lie`, set only by the best line at
    # `caught` (owning the lie), so a run that lied and then told the truth read: "What you
    # said at decision 7 ('I did, and it wasn't true…') ruled out a strong ending" (review
    # 35b). A repair keeps the slip's own flag, so the debrief names the slip.
    found = [
        f"{s.id} {sid}#{i + 1} sets {flag!r}, which {eid!r} excludes"
        for s in SCENARIOS
        for eid, e in s.endings.items()
        if e.outcome == "strong" and e.when is not None
        for flag in e.when.not_flags
        for sid, scene in s.scenes.items()
        for i, c in enumerate(scene.choices)
        if flag in c.sets and (c.best or "undermines" not in c.principles.values())
    ]
    assert not found, found


def test_a_flag_a_strong_ending_needs_is_first_set_by_a_line_that_could_take_a_run_there():
    # For a flag a strong ending needs, set at a moment the run never reached, "Why this
    # ending" quotes the first line in the file that sets it. In crisis-moment that was
    # means#1 ("...what that would do to your little brother?"), the guilt line the strong
    # ending rules out by `judged`; a run that never reached `means` was told the strong
    # ending needed it (review 43b). The first setter must not undermine a principle, be a
    # critical slip, or set a flag the ending excludes.
    found = []
    for s in SCENARIOS:
        for eid, e in s.endings.items():
            if e.outcome != "strong" or e.when is None:
                continue
            needed = set(e.when.flags).union(*(set(c.flags) for c in e.when.any))
            for flag in sorted(needed):
                setters = [
                    (sid, i, c)
                    for sid, scene in s.scenes.items()
                    for i, c in enumerate(scene.choices)
                    if flag in c.sets
                ]
                if not setters:
                    continue
                sid, i, c = setters[0]
                if (
                    set(c.sets) & set(e.when.not_flags)
                    or c.critical
                    or "undermines" in c.principles.values()
                ):
                    found.append(f"{s.id} {eid!r} needs {flag!r}, first set by {sid}#{i + 1}")
    assert not found, found


def test_an_ending_after_the_overdose_risk_talk_without_a_kit_says_so():
    # first-days-out: Tom names his lost tolerance and Dez; a line that offers no naloxone
    # (tolerance#2 "not another Dez", #3 a demanded promise) leaves him at Ray's without a
    # kit. "Still standing" said so; "Ray's couch" (the run that decided his morning for
    # him) sent him to Ray's couch with no word about it (review 35b).
    scenario = next(s for s in SCENARIOS if s.id == "first-days-out")
    rng = random.Random(35)
    reached = set()
    for _ in range(200):
        run = Run.begin(scenario)
        run.settle()
        while not run.over:
            offers = run.offers()
            if run.state.scene == "tolerance":
                offers = [o for o in offers if not o.choice.best]
            run.choose(rng.choice(offers).number)
            run.settle()
        if "tolerance" in run.state.visited and "naloxone" not in run.state.flags:
            reached.add(run.state.ending)
            assert "naloxone" in run.ending_text, [d.choice_id for d in run.state.decisions]
    assert "rays-couch" in reached, reached  # the check has its case


def test_a_crisis_run_that_never_asked_whether_he_was_safe_right_now_is_told_so():
    # crisis-moment: after Sam says yes, counsel#2 (a list of reasons to live) and counsel#3
    # (a diagnosis) go on to `secret` without "are you safe right now?" or any question about
    # a plan or means. The endings named the counselling ("it delayed the connection") and
    # nothing of the questions skipped, which `skipped-plan` names on the `not-now` path
    # (review 43b). Every ending such a run reaches now says so.
    scenario = next(s for s in SCENARIOS if s.id == "crisis-moment")
    rng = random.Random(43)
    reached = set()
    for _ in range(300):
        run = Run.begin(scenario)
        run.settle()
        while not run.over:
            offers = run.offers()
            if run.state.scene == "yes":
                offers = [o for o in offers if o.index == 0]  # yes#1, the counselling line
            elif run.state.scene == "counsel":
                offers = [o for o in offers if not o.choice.best]
            run.choose(rng.choice(offers).number)
            run.settle()
        if "counsel" in run.state.visited and "asked-now" not in run.state.flags:
            reached.add(run.state.ending)
            assert "safe right now" in run.ending_text, [d.choice_id for d in run.state.decisions]
    assert {"safe-but-shaken", "left-alone", "carried-alone"} <= reached, reached


def _named_there_too(sid, named_in, ending, runs, lean=None):
    """Mistakes `named_in`'s `also`s name that a run ending at `ending` made and it doesn't
    name (each paragraph is about the first flag it reads), over seeded random runs;
    `lean(n, scene)` picks a line to force at a scene."""
    scenario = next(s for s in SCENARIOS if s.id == sid)

    def named(eid):
        return {a.when.flags[0] for a in scenario.endings[eid].also if a.when.flags}

    wanted, there = named(named_in), named(ending)
    rng = random.Random(35)
    missing, reached = set(), 0
    for n in range(runs):
        run = Run.begin(scenario)
        run.settle()
        while not run.over:
            offers = run.offers()
            forced = lean(n, run.state.scene) if lean else None
            if forced:
                offers = [o for o in offers if o.choice.say == forced.say]
            run.choose(rng.choice(offers).number)
            run.settle()
        if run.state.ending == ending:
            reached += 1
            missing |= (set(run.state.flags) & wanted) - there
    return missing, reached


def test_she_heard_it_from_her_mother_names_every_mistake_in_the_middle_names():
    # family-pressure: "In the middle" names each mistake of the day with an `also`; "She
    # heard it from her mother" (the desk breach, at-desk#2, or trust under 50 after Keisha
    # came in angry) named only some, so a run that said Keisha was "in good hands", backed
    # Denise's pressure, leaned toward residential or promised a loose call heard of none of
    # it there (review 35b).
    desk = next(s for s in SCENARIOS if s.id == "family-pressure").scenes["at-desk"]
    breach = next(c for c in desk.choices if c.cap == "poor")
    missing, reached = _named_there_too(
        "family-pressure",
        "in-the-middle",
        "heard-it-from-her-mother",
        600,
        lambda n, scene: breach if scene == "at-desk" and n % 3 == 0 else None,
    )
    assert reached > 150, reached
    assert not missing, missing


def test_another_program_names_every_mistake_polite_names():
    # different-path: asking Priya to text you when she got home (monday#1, `monitor`) was
    # named in "Polite" and not in "Another program that wasn't hers", where most runs
    # that asked it ended, nor were small slips beside a named one (review 35b).
    missing, reached = _named_there_too("different-path", "polite", "another-program", 800)
    assert reached > 200, reached
    assert not missing, missing


def _every_flag(cond) -> set[str]:
    if cond is None:
        return set()
    found = set(cond.flags or ())
    for clause in getattr(cond, "any", None) or ():
        found |= _every_flag(clause)
    return found


def _about(cond) -> set[str]:
    """The flag an `also` is about: its first flag (as `_named_there_too` reads it), or each
    flag of an `any` it offers in its place ("any = [judged, pushed-meds, opined]")."""
    if cond.flags:
        return {cond.flags[0]}
    return {f for clause in getattr(cond, "any", None) or () for f in clause.flags or ()}


# A flag a sibling ending names that the ending a run reached may leave to its text, and why.
NAMED_BY_THE_TEXT = {
    # every text of "Help came, on a promise you couldn't keep" says the call to 911 came
    # before asking whether he was safe right now; only police#3, after yes#3 (911-early),
    # leads there (review 36)
    ("crisis-moment", "handed-over", "911-early"),
    # only hello#1, the intake questions, leads to shrug#3 and out of the door; the text says
    # the next person should listen "before asking her everything" (review 36)
    ("first-meeting", "walked-out", "small-slip"),
}


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_an_ending_names_every_mistake_a_sibling_ending_would_name(scenario):
    # Review 35b's check (one ending against one sibling) across the library: a run that ends
    # mixed or poor hears, in its ending's text, variants or `also`s, of every mistake it made
    # that another mixed or poor ending of the file names with an `also`. Before review 36
    # "A secret arrangement" (be-my-sponsor) named only the crossed lines, so a cold no,
    # "anytime" at the door or the offer to call her cousin went unsaid there; "Off the clock"
    # (check-in-call) named only the critical slips, not 'clean', Tasha or the next Thursday.
    # Flags that only gather others (`crossed`, `medical-advice`) are never an `also`'s first
    # flag, so they ask nothing here.
    weak = {eid: e for eid, e in scenario.endings.items() if e.outcome != "strong"}
    about = {eid: set().union(*(_about(a.when) for a in e.also)) for eid, e in weak.items()}
    said = {}
    for eid, e in weak.items():
        said[eid] = _every_flag(e.when).union(
            *(_every_flag(t.when) for t in [*e.variants, *e.also])
        ) | {f for s, end, f in NAMED_BY_THE_TEXT if (s, end) == (scenario.id, eid)}
    rng = random.Random(36)
    missing, reached = set(), set()
    for _ in range(600):
        run = Run.begin(scenario)
        run.settle()
        while not run.over:
            run.choose(rng.choice(run.offers()).number)
            run.settle()
        end = run.state.ending
        if end in weak:
            reached.add(end)
            others = set().union(*(about[e] for e in weak if e != end))
            missing |= {(end, f) for f in (set(run.state.flags) & others) - said[end]}
    assert len(reached) >= 2, reached  # the check has endings to compare
    assert not missing, sorted(missing)


def _off_the_list(state):
    return "voicemail" in state.visited and "kept-calling" not in state.flags


@pytest.mark.parametrize(
    ("sid", "ending", "force", "made", "words"),
    [
        # "Nobody at the program knows" told the consequence, never the "it was fine" to Tasha
        (
            "check-in-call",
            "off-the-clock",
            {"tonight#3", "coming-over#2", "goodbye#5"},
            lambda st: "kept-from-tasha" in st.flags,
            "anything she should know",
        ),
        # the next Thursday's hang-up, no flag of its own; "No answer" says it, this did not
        (
            "check-in-call",
            "off-the-clock",
            {"tonight#3", "coming-over#2", "goodbye#5"},
            _off_the_list,
            "took him off the list",
        ),
        # asking Dr. Okafor after the home-start advice, credited in "Some ground" only
        (
            "medication-in-the-ed",
            "another-room",
            {"asks-you#3", "restart#2"},
            lambda st: {"home-start", "asked-okafor"} <= set(st.flags),
            "sent them to Dr. Okafor",
        ),
    ],
    ids=["cic-kept-from-tasha", "cic-off-the-list", "med-asked-okafor"],
)
def test_an_ending_names_what_its_sibling_tells_by_a_variant(sid, ending, force, made, words):
    # Review 36: moves a sibling ending tells by a variant, not an `also`, so the check
    # above cannot see them; the ending a run reached said nothing of them.
    scenario = next(s for s in SCENARIOS if s.id == sid)
    rng = random.Random(36)
    seen = 0
    for _ in range(1500):
        run = Run.begin(scenario)
        run.settle()
        while not run.over:
            offers = run.offers()
            lean = [o for o in offers if choice_id(run.state.scene, o.index, o.choice) in force]
            run.choose(rng.choice(lean or offers).number)
            run.settle()
        if run.state.ending == ending and made(run.state):
            seen += 1
            assert words in run.ending_text, [d.choice_id for d in run.state.decisions]
        if seen >= 5:
            break
    assert seen, "no run made it there"  # the check has its case


SITUATION = re.compile(
    r"\b(mom|dad|mother|father|sister|brother|wife|husband|kids?|sponsor|faith|prayer|"
    r"meetings?|steps|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"exhausted|guilt|not going anywhere)\b",
    re.IGNORECASE,
)


def test_each_principle_s_first_example_fits_any_scenario():
    # "To practise next" falls back on the catalogue when the run has no unquoted line of
    # its own, and in some scenarios a principle has none at all (person-first in
    # check-in-call, connection in crisis-moment): the first example is shown to anyone.
    # "... not your sponsor. Can we look for a sponsor together?" reached Luis, who has a
    # sponsor, and "I'm not going anywhere" would reach Ana at her last session.
    catalogue = catalogue_for_scenario(SCENARIOS[0])
    named = {
        pid: p.sounds_like[0]
        for pid, p in catalogue.principles.items()
        if p.sounds_like and SITUATION.search(p.sounds_like[0])
    }
    assert not named, named


def test_each_principle_s_first_example_is_a_whole_line():
    # "It can sound like: “What we talk about stays with me and my supervisor, except
    # if...”" closed the debrief of a breach of confidentiality (trainee playtest 28): a
    # fragment, fine among the catalogue's examples, is no line to practise saying.
    catalogue = catalogue_for_scenario(SCENARIOS[0])
    cut = {
        pid: p.sounds_like[0]
        for pid, p in catalogue.principles.items()
        if p.sounds_like and p.sounds_like[0].rstrip().endswith(("...", "…"))
    }
    assert not cut, cut


def test_every_bundled_scenario_has_its_own_place_in_its_level():
    # The README says the bundled library lists each level gentlest first, by `order` set
    # from the share of one-slip paths that still end strong (review 24b). A scenario
    # without one drops to the end of its level by title, unmeasured; two with the same
    # one fall back on their titles, which is how Be My Sponsor, the hardest
    # intermediate, came second.
    assert not [s.id for s in SCENARIOS if s.order is None]
    places: dict[tuple[str, int], list[str]] = {}
    for s in SCENARIOS:
        places.setdefault((s.difficulty, s.order), []).append(s.id)
    assert not {k: v for k, v in places.items() if len(v) > 1}


def test_each_kind_of_stigmatising_word_the_checker_knows_is_practised_as_a_slip():
    # The catalogue's person-first slips are a label for the person ("addict", "junkie"),
    # "clean" or "dirty", and "committed suicide". The checker flags each in a coach line
    # unless the line is marked as the slip; review 26b found the last practised nowhere
    # (now return-to-use answer#3), so a trainee met it only as a cue on their own words.
    kinds = {1: "a label for the person", 2: "clean/dirty", 3: "clean/dirty", 4: "suicide"}
    met = {
        kinds[group]
        for s in SCENARIOS
        for scene in s.scenes.values()
        for choice in scene.choices
        if choice.principles.get("person-first-language") == "undermines"
        for m in STIGMA.finditer(choice.say)
        for group in kinds
        if m.group(group)
    }
    assert met == set(kinds.values()), set(kinds.values()) - met


# A supervisor's scene where hiding a crossed line is not scored as hiding it (Review 29a).
# be-my-sponsor's `supervision-walked` (a yes walked back in the room, nothing pending once it
# is) scores keeping it from Renee as a small slip, as house-rules `dev#8` scores a past breach;
# check-in-call keeps a taken-back visit kept from Tasha critical because the night it was
# about, a night of using alone, is still to come when she asks (Review 30c decided the two).
WALKED_BACK = {("be-my-sponsor", "supervision-walked")}


def _supervisors(scenario) -> set[str]:
    return {
        cid
        for cid, person in scenario.characters.items()
        if "supervisor" in (person.about or "").lower()
    }


# the scenarios with a supervisor in the cast: a skip for each other one said "skipped"
# six times in every run for a rule with nothing to judge there
SUPERVISED = [s for s in SCENARIOS if _supervisors(s)]


def test_the_library_has_scenarios_with_a_supervisor_in_the_cast():
    assert len(SUPERVISED) >= 2, [s.id for s in SUPERVISED]


@pytest.mark.parametrize("scenario", SUPERVISED, ids=[s.id for s in SUPERVISED])
def test_a_partial_account_to_the_supervisor_still_counts_as_hiding_a_crossed_line(scenario):
    """After a dual-relationship slip (a personal cell, a home offered), the supervisor's
    scene offers the whole account or a critical slip, nothing between. First-meeting's
    "She came. Overdose two days ago ..." told Rosa the risk and left out the cell Dana
    now held, and was scored as honouring connection; check-in-call's "He's still using"
    left out the visit and was a lesser slip; hiding the same line by saying nothing was
    critical in both (Review 29a). Seeded random runs reach each supervisor scene."""
    from sim.engine import rules

    supervisors = _supervisors(scenario)
    rng = random.Random(scenario.id)
    odd = set()
    for _ in range(1200):
        state = rules.start(scenario)
        while not state.over:
            scene = scenario.scenes[state.scene]
            if scene.next is not None:
                state = rules.advance(scenario, state)
                continue
            offered = rules.offers(scenario, state)
            crossed = any(d.critical == "dual-relationship" for d in state.decisions)
            if (
                scene.speaker in supervisors
                and crossed
                and (scenario.id, state.scene) not in WALKED_BACK
            ):
                for offer in offered:
                    line = offer.choice
                    if not line.critical and line.principles.get("boundaries") != "honours":
                        odd.add(rules.choice_id(state.scene, offer.index, line))
            state = rules.choose(scenario, state, rng.randint(1, len(offered)))
    assert not odd, sorted(odd)


# A line a trainee is shown as the way to do it, or an ending that says what the coach
# told the person, assures privacy ("it stays between us", "stays with you and your
# supervisor") only with its limits in the same text. The brief: "confidential, with limits
# explained up front; never promise total secrecy". Review 33a found be-my-sponsor's endings
# telling Jess "what she tells you stays between you and your supervisor" and prescribing "a
# clear promise about what stays between you", with no limit named. Lines practised as the
# slip (marked as undermining confidentiality) are what the rule is about, so they are left.
PRIVACY_ASSURED = re.compile(
    r"\bstays (?:just |right here )?(?:between|with)\b|\bstay (?:just )?between\b", re.I
)
LIMITS_NAMED = re.compile(
    r"limit|except|unless|apart from|danger|the few times|could not keep|couldn't keep|can't keep"
    r"|should never|wrong to",
    re.I,
)


def test_an_assurance_of_privacy_a_trainee_is_shown_names_its_limits():
    texts = []
    for s in SCENARIOS:
        for sid, scene in s.scenes.items():
            for i, choice in enumerate(scene.choices, 1):
                if choice.principles.get("confidentiality") != "undermines":
                    texts.append((f"{s.id} {sid}#{i}", choice.say))
        for eid, ending in s.endings.items():
            texts.append((f"{s.id} ending {eid}", ending.text))
            for n, part in enumerate((*ending.variants, *ending.also), 1):
                texts.append((f"{s.id} ending {eid} part {n}", part.text))
    assured = [(where, t) for where, t in texts if PRIVACY_ASSURED.search(t)]
    assert assured  # the rule has something to check (first-meeting role-question#2)
    bare = [where for where, t in assured if not LIMITS_NAMED.search(t)]
    assert not bare, bare


def test_the_best_line_is_not_given_away_by_being_the_only_spoken_line():
    # Some lines are stage directions or thoughts: "(to yourself) Let it go", "(quietly
    # texting Lena under the table ...)", "(To Gary) That's discrimination". Where the other
    # lines of a decision were all of that shape and the best line alone was spoken (or the
    # other way round), a test-wise trainee could pick it by its shape (Review 33a:
    # crisis-moment `supervisor` and `supervisor-promised`, house-rules `curtis-look`).
    given_away = []
    for s in SCENARIOS:
        for sid, scene in s.scenes.items():
            lines = scene.choices
            if len(lines) < 2 or not any(c.best for c in lines):
                continue
            shape = [c.say.lstrip().startswith("(") for c in lines]
            for i, c in enumerate(lines):
                if c.best and shape.count(shape[i]) == 1:
                    given_away.append(f"{s.id} {sid}#{i + 1}")
    assert not given_away, given_away


def test_an_ending_s_title_holds_for_every_text_it_heads():
    # The title heads the debrief ("Ending: ...") over whichever variant the run reached.
    # house-rules' poor ending was "On the curb" over four variants in which Curtis sleeps
    # at Rivera House, so a trainee read that he was left without a bed (review 34b).
    ending = next(s for s in SCENARIOS if s.id == "house-rules").endings["on-the-curb"]
    texts = [ending.text, *(v.text for v in ending.variants)]
    assert any("sleeps at Rivera House" in t for t in texts)  # the check has its case
    assert "curb" not in ending.title.lower(), ending.title


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_a_crisis_model_line_is_never_shown_less_than_a_vaguer_line_beside_it(scenario):
    """Asking about plan and means, or taking back a secrecy promise, is never out-scored on a
    meter by the line that dodges it (review 40c). A critical slip may still win trust (its why
    says so, test above); a line that is not critical gets no more than the model line."""
    below = []
    for sid, scene in scenario.scenes.items():
        for n, model in enumerate(scene.choices):
            if not (model.best and model.principles.get("crisis-referral") == "honours"):
                continue
            for m, other in enumerate(scene.choices):
                if m == n or other.critical or other.principles.get("crisis-referral") == "honours":
                    continue
                if other.trust > model.trust or other.empowerment > model.empowerment:
                    below.append(f"{sid}#{n + 1} under {sid}#{m + 1}")
    assert not below, f"{scenario.id}: crisis model lines out-scored by a vaguer line: {below}"


COUNT = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}


def test_a_why_that_counts_the_words_of_its_line_counts_them_right():
    # first-days-out what-first#3's why opened "Four words that hand the list back." under
    # "What feels most urgent to you?", six words (review 44b). A trainee checks a count.
    wrong = []
    for scenario in SCENARIOS:
        for sid, scene in scenario.scenes.items():
            for n, choice in enumerate(scene.choices, 1):
                for m in re.finditer(
                    r"\b(two|three|four|five|six|seven|eight) words\b", choice.why or "", re.I
                ):
                    words = len(re.findall(r"[A-Za-z'’]+", choice.say))
                    if COUNT[m.group(1).lower()] != words:
                        wrong.append((scenario.id, f"{sid}#{n}", m.group(0), words))
    assert not wrong, wrong


def test_the_coach_s_own_junkie_and_clean_keep_curtis_from_the_strong_ending_by_its_flag():
    # house-rules lockbox#2 ("Curtis isn't some junkie ... He's clean") is the coach's own
    # stigmatising words; the library keeps such a line from the strong ending (first-days-out
    # `ex-offender`, review 21b), and here only the meters did, one empowerment point short on
    # the best run that says it (82/75 against 82/76; review 44b). Now the flag does.
    scenario = LIBRARY.get("house-rules")
    lockbox = scenario.scenes["lockbox"].choices[1]
    assert STIGMA.search(lockbox.say) and "junkie-clean" in lockbox.sets
    strong = [e for e in scenario.endings.values() if e.outcome == "strong"]
    assert strong and all("junkie-clean" in (e.when.not_flags or ()) for e in strong)


def test_another_program_names_small_slips_beside_the_friday_check_in():
    # different-path "Another program that wasn't hers" added "A few smaller moments as well"
    # beside a named slip, but its list of named slips left out the Friday check-in
    # (monday#1, `monitor`) and the breach to Walt, which "Polite" counts (review 44b): a run
    # with small slips and the check-in heard of the check-in alone.
    scenario = LIBRARY.get("different-path")
    rng = random.Random(44)
    seen = 0
    for _ in range(3000):
        run = Run.begin(scenario)
        run.settle()
        while not run.over:
            offers = run.offers()
            lean = [
                o for o in offers if choice_id(run.state.scene, o.index, o.choice) == "monday#1"
            ]
            run.choose(rng.choice(lean or offers).number)
            run.settle()
        flags = set(run.state.flags)
        named = {"lied", "owned-lie", "interpreted", "pushed-program"}
        if (
            run.state.ending == "another-program"
            and {"small-slip", "monitor"} <= flags
            and not flags & named
        ):
            seen += 1
            assert "A few smaller moments as well" in run.ending_text, [
                d.choice_id for d in run.state.decisions
            ]
        if seen >= 5:
            break
    assert seen, "no run made it there"


def test_the_boundaries_principle_shows_a_boundary_for_advice_outside_the_role():
    # The brief lists medical or legal advice among the boundaries slips (and a coach is not a
    # medical professional or lawyer, CCAR), and the library's outside-role slips are mostly
    # medication and legal verdicts; the catalogue's examples were all about requests (a
    # sponsor, a personal number), so the debrief had no line showing how the boundary sounds
    # for a dose or a law question (reviews 43b, 44b).
    boundaries = catalogue_for_scenario(SCENARIOS[0]).principles["boundaries"]
    assert any(re.search(r"prescriber|legal aid|lawyer", s) for s in boundaries.sounds_like)
    assert "medical professional" in boundaries.explanation and "lawyer" in boundaries.explanation
    assert not re.search(r"\b(dose|taper)\b", boundaries.sounds_like[0])  # the first fits anyone


@pytest.mark.parametrize("scenario", SCENARIOS, ids=IDS)
def test_lines_at_two_moments_met_by_one_reaction_move_trust_the_same_way(scenario):
    """A reaction written for a move is the move's score in words. In be-my-sponsor,
    "Go ask her on Sunday, no excuses" (`what-she-wants#1`) and "Come on, be brave!"
    (`plan#3`) both set `cheered-on`, meet Jess's tight laugh and "Maybe. We'll see.", and
    the endings name them in one sentence; the first raised trust by 2, the second lowered
    it by 1, so the same cheerleading read as a win at one moment and a loss at the next
    (review 44a). Lines at different scenes whose every run meets the same variant reply
    may differ in size, never in direction (0 goes with either)."""
    rng = random.Random(44)
    replies: dict[str, set] = {}
    said: dict[str, tuple[str, int]] = {}
    for _ in range(600):
        run = Run.begin(scenario)
        run.settle()
        while not run.over:
            offer = rng.choice(run.offers())
            scene = run.state.scene
            cid = choice_id(scene, offer.index, offer.choice)
            said[cid] = (scene, offer.choice.trust)
            run.choose(offer.number)
            met = None if run.over else (run.state.scene, *run.text)
            replies.setdefault(cid, set()).add(met)
            run.settle()
    by_reply: dict[tuple, list[str]] = {}
    for cid, met in replies.items():
        if len(met) != 1 or None in met:
            continue
        (reply,) = met
        if reply[1] != scenario.scenes[reply[0]].text:  # a variant: a reaction to something
            by_reply.setdefault(reply, []).append(cid)
    opposed = []
    for reply, cids in by_reply.items():
        scenes = {said[c][0] for c in cids}
        rises = [c for c in cids if said[c][1] > 0]
        falls = [c for c in cids if said[c][1] < 0]
        if len(scenes) > 1 and rises and falls:
            opposed.append(f"{rises} up, {falls} down, both met by {reply[1][:50]!r}")
    assert not opposed, f"{scenario.id}: {opposed}"


# The brief's crisis practice puts safety first when risk is on the table (crisis-moment
# `counsel#1`: "Asking whether he is safe this minute comes before anything else"). A why that
# puts something else before safety as a rule taught the opposite: check-in-call `missed#3`
# said "Grief comes before any safety planning", true of that moment (no risk named yet),
# read as a rule by a trainee who next meets Sam (review 44a).
BEFORE_SAFETY = re.compile(
    r"\bbefore (?:any|all|every) (?:safety|crisis|risk)\b|\bsafety (?:can|will) wait\b", re.I
)


def test_no_why_puts_anything_before_safety_as_a_rule():
    found = [
        f"{s.id} {sid}#{i}: {text}"
        for s in SCENARIOS
        for sid, scene in s.scenes.items()
        for i, c in enumerate(scene.choices, 1)
        for text in (c.why or "", c.note or "")
        if BEFORE_SAFETY.search(text)
    ]
    assert not found, found


# "Call me anytime", "text me when you wake up": the coach's own time offered outside the
# role. Every critical one says why trust rises (test above); two that were not critical
# rose with no word of why (be-my-sponsor `wrap#3` +3, check-in-call `goodbye#1` +1), so a
# trainee saw the offer pay (review 44a; the brief: rescuing tempts, and the debrief says
# why, as different-path `monday#1` does).
OWN_TIME = re.compile(
    r"\bany ?time\b|\btext me\b|\bcall me\b|\bday or night\b|\bmy (?:own|personal) (?:cell|number)\b",
    re.I,
)


def test_an_offer_of_the_coach_s_own_time_that_wins_trust_says_why():
    offers = [
        (f"{s.id} {sid}#{i}", c)
        for s in SCENARIOS
        for sid, scene in s.scenes.items()
        for i, c in enumerate(scene.choices, 1)
        if OWN_TIME.search(c.say) and c.principles.get("boundaries") == "undermines"
    ]
    assert len(offers) >= 5  # the rule has its cases (personal cells, "text me")
    unexplained = [where for where, c in offers if c.trust > 0 and not says_why_trust_rises(c.why)]
    assert not unexplained, unexplained
