"""The debrief as headed sections of sentences, the same for every text view.

The plain player wraps these lines for a terminal, the Markdown export keeps
that plain text (`sim.debrief.lines`), and the app shows the summary sections
as they are; so every view says the same thing in the same order: the summary
(ending, why, critical slips, turning points), the principle scorecard, then
the details, quoting each line once and referring to decisions by number.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sim.debrief.steps import curve_points
from sim.debrief.words import excerpt, slip_cap, slips_at, steps_list, upper_first
from sim.engine import OUTCOME_RANK
from sim.weakness import BROKEN_BY, weakness_key

if TYPE_CHECKING:
    from sim.debrief.data import Debrief, DecisionReview, PrincipleBlock, TurningPair, WordCounts

WHY_TITLE = "Why this ending"
SUMMARY, SCORECARD, DETAILS = "summary", "scorecard", "details"
NEUTRAL_WORDS = "Neutral: the line touched on the principle without honouring or undermining it."


@dataclass(frozen=True)
class Line:
    text: str
    level: int = 0  # 0: a paragraph or list item; 1 and 2: belong to the item above
    item: bool = False  # starts a list item
    bullet: bool = True  # an item shown with a bullet; False when its text is numbered


@dataclass(frozen=True)
class Section:
    title: str  # "" for the opening lines
    part: str  # summary | scorecard | details
    lines: tuple[Line, ...]


def signed(change: int) -> str:
    """`+8, up`: the direction in words as well as the number."""
    if change > 0:
        return f"+{change}, up"
    if change < 0:
        return f"{change}, down"
    return "no change"


def quote(text: str) -> str:
    return f"“{text}”"


def ending_line(d: Debrief) -> str:
    outcome = f" ({d.outcome} outcome)" if d.outcome else ""
    return f"Ending: {d.ending_title}{outcome}"


def meters_summary(d: Debrief) -> str:
    (t0, e0), (t1, e1) = d.start, d.final
    return f"Trust {t0} to {t1} ({signed(t1 - t0)}); empowerment {e0} to {e1} ({signed(e1 - e0)})"


def assumed_words(assumed: int, changed: int = 1) -> str:
    """What the replay took for granted after the changed line, or nothing.

    A run that ended after two decisions "would have ended strong" with one line
    changed only if a dozen later lines were the strongest too: a test-wise trainee
    read it as one line away from strong (trainee playtest 11).
    """
    if not assumed:
        return ""
    # "with the strongest line at 1 later decision your own lines do not reach" read as a
    # riddle (trainee playtest 26): say what the replay took for granted, in plain order
    # "at one later decision you never faced" read as a third change with no number to find
    # (trainee playtest 29b): say it is a moment on the new path, which has no number here
    # One long sentence with the quoted line, the ending and this clause read as a riddle
    # still (trainee playtest 31): the condition is a sentence of its own, after the ending.
    # "That counts the strongest line at one more moment along that path" still read as a
    # riddle (trainee33: "counts" what?): say what the replay assumed, of whom, and where.
    # "at the one moment after it, which this run never reached" lost a trainee whose run
    # did reach the moment after it (trainee35): it meant a moment on the other path. Say
    # that the changed line leads there.
    lead = "That line leads" if changed == 1 else "Those lines lead"
    where = "one moment" if assumed == 1 else f"{assumed} moments"
    there = "there" if assumed == 1 else "at each"
    return (
        f" {lead} to {where} this run did not reach; this assumes you pick the strongest "
        f"line {there}."
    )


def turning_sentence(d: Debrief, n: int) -> str:
    t = d.turning_points[n]
    would = "could" if t.assumed else "would"
    return (
        f"Had you said {quote(t.say)} at decision {t.step}, this {would} have ended "
        f"{quote(t.ending_title)} ({t.outcome}).{assumed_words(t.assumed)}"
    )


def pair_sentence(p: TurningPair) -> str:
    (a, b), (say_a, say_b) = p.steps, p.says
    would = "could" if p.assumed else "would"
    return (
        f"Changing two together {would} have done it: had you said {quote(say_a)} at "
        f"decision {a}, and {quote(say_b)} at decision {b}, this {would} have ended "
        f"{quote(p.ending_title)} ({p.outcome}).{assumed_words(p.assumed, 2)}"
    )


def below_caps(d: Debrief) -> bool:
    """The run ended under every critical slip's cap: the slips ruled out the endings above
    their cap, and something else (the meters, a condition) the ones between."""
    return bool(d.slips) and all(OUTCOME_RANK[d.outcome] < OUTCOME_RANK[s.cap] for s in d.slips)


def slip_lines(d: Debrief) -> list[Line]:
    """Each slip: the line, its kind, and what it ruled out, said here only when "Why this
    ending" does not say it already ("can end no better than mixed" stood under both)."""
    out = []
    named = set(d.capped_in_why)
    for s in d.slips:
        out.append(Line(f"Decision {s.step}: {quote(s.said)}", item=True))
        if s.step in named and below_caps(d):
            # the run ended under the cap, for other reasons too: "it ruled out a better
            # ending" read as the cause of a poor ending that the meters decided (trainee40)
            kind = upper_first(s.kind_words)
            out.append(
                Line(
                    f"{kind}: it ruled out any ending better than {s.cap}; {WHY_TITLE} says "
                    "what else this run missed.",
                    1,
                )
            )
        elif s.step in named:
            kind = upper_first(s.kind_words)
            out.append(Line(f"{kind}: it ruled out a better ending (see {WHY_TITLE}).", 1))
        else:
            out.append(Line(slip_cap(s.kind, s.cap), 1))
        if s.why:
            out.append(Line(s.why, 1))
    return out


def change_words(r: DecisionReview) -> str:
    """`trust -10, down; empowerment +4, up`, or `no change to either meter`."""
    if not (r.trust_change or r.empowerment_change):
        return "no change to either meter"
    return f"trust {signed(r.trust_change)}; empowerment {signed(r.empowerment_change)}"


def decision_lines(r: DecisionReview) -> list[Line]:
    """One decision: the moment, the line with how the meters moved, why, the stronger line."""
    who = r.speaker or "The moment"
    out = [Line(f"{r.step}. {who}: {quote(excerpt(r.prompt))}", item=True, bullet=False)]
    said = (
        f"the line quoted above under {upper_first(r.said_quoted_in)}"
        if r.said_quoted_in
        else quote(r.said)
    )
    if own_words(r):
        out.append(Line(f"You wrote: {written(r.words)}", 1))
        out += [Line(f"Cue: {c}", 1) for c in r.cues]
        out.append(Line(f"Closest line you picked: {said} ({change_words(r)})", 1))
    else:
        out.append(Line(f"You said: {said} ({change_words(r)})", 1))
    # A line that worked gets its short note; one that could have gone better, the whole why.
    worked = not (r.alternative or r.critical or any(m.verdict == "undermines" for m in r.marks))
    why = (r.note or r.why) if worked else r.why
    if why and not r.said_quoted_in:  # a critical slip's why is in the summary already
        out.append(Line(f"Why: {why}", 1))
    if r.alternative:
        if r.alternative_quoted_in:
            out.append(Line(f"Stronger here: the line in {r.alternative_quoted_in} above.", 1))
        else:
            out.append(Line(f"Stronger here: {quote(r.alternative.say)}", 1))
        because = r.alternative.note or r.alternative.why
        if because:
            out.append(Line(f"Why it is stronger: {because}", 1))
    return out


def own_words(r: DecisionReview) -> bool:
    """Whether this decision was made in own-words practice (an empty entry has its cue)."""
    return bool(r.words or r.cues)


def written(words: str) -> str:
    return quote(words) if words else "(nothing typed)"


OWN_WORDS_TITLE = "Your own words"
CUT_WORDS = (
    "This run was long, so turning points were looked for among its earlier decisions only; "
    "a later one may have mattered too."
)


def word_count_lines(w: WordCounts) -> list[Line]:
    """The run's MI counts of what the trainee typed, by the rules the cues name."""
    safety = [
        # asked about suicide, a plan or the means, or offered 988: the brief's safety
        # moves, so a trainee who asked them sees them named, not added to the closed count
        Line(
            f"Safety questions: {w.safety_questions} (asked directly, as crisis practice "
            "asks; not counted as closed questions, nor in the ratio)",
            item=True,
        )
    ]
    return [
        Line(f"Open questions: {w.open_questions}", item=True),
        Line(f"Closed questions: {w.closed_questions}", item=True),
        *(safety if w.safety_questions else []),
        Line(f"Reflections: {w.reflections}", item=True),
        Line(f"Directive phrases: {w.directive}", item=True),
        Line(f"Reflection-to-question ratio: {w.ratio_words()}", item=True),
        Line(
            # "entries" was a database's word to a trainee (trainee33)
            f"Counted over {w.entries} answer{'' if w.entries == 1 else 's'} in your own words"
            # "over 11 entries" when 8 were left empty overstated what was counted
            + (f" ({w.empty} with nothing typed)" if w.empty else "")
            + " by simple rules "
            "on the shape of the words (each decision below shows its cues); a rule sees "
            "how words start and which phrases they use, not what you meant."
        ),
    ]


def where_to_start(d: Debrief) -> str:
    """After "more than one would need to change": which ones (a trainee asked where to begin).

    A critical slip first, as it caps the ending whatever else changes; then the decisions
    whose box below shows a stronger line. With no pair to try, "To practise next" just
    below starts with the slip, and "Start with the critical slips at decisions 6 and 8"
    stood right above its "Play it again and try decisions 6 and 8 differently first"
    (debrief35): said there only.
    """
    stronger = [r.step for r in d.decisions if r.alternative]
    out = f"Under Your decisions below, a stronger line is shown at {steps_list(stronger)}."
    slips = sorted({s.step for s in d.slips})
    if slips and d.turning_pair is not None:
        which = "the critical slip" if len(slips) == 1 else "the critical slips"
        out = f"Start with {which} at {steps_list(slips)}. " + out
    return out


NEXT_TITLE = "To practise next"
CURVE_TITLE = "Over the conversation:"  # the meters' curve, under the ending's story


def practise_next(d: Debrief) -> list[Line]:
    """What to try next, said where a trainee who skims the summary reads it: which decision
    to play differently first (a turning point, or the pair), and one principle the run
    undermined, with how it can sound in the catalogue's own words. The principle is the
    run's weakest by the progress screen's rule, so the debrief and the progress screen's
    "Next" name the same one after a first run (they named two, trainee playtest 18).

    A trainee reading a mixed or poor debrief in under a minute found why it ended so, but
    "what to practise next" only at the very end ("g shows your progress"), two screens
    and a scorecard of ten principles later (trainee playtest 18).
    """
    out: list[Line] = []
    if d.outcome and d.outcome != "strong":
        if d.turning_points:
            # a sure one ("would have ended") before one that took later lines for granted,
            # then the earliest: a replay meets it first
            n, t = min(
                enumerate(d.turning_points, 1), key=lambda nt: (nt[1].assumed > 0, nt[1].step)
            )
            out.append(
                Line(
                    f"Play it again and try decision {t.step} differently first "
                    f"(turning point {n}).",
                    item=True,
                )
            )
        elif d.turning_pair is not None:
            a, b = d.turning_pair.steps
            out.append(
                Line(
                    f"Play it again and try decisions {a} and {b} differently (the two above).",
                    item=True,
                )
            )
        elif d.slips:
            # no one decision (nor two) changes it alone: the turning points say to start
            # with the critical slip, and so does this, where a trainee skimming the summary
            # found a principle to practise and no decision to try (trainee playtest 24)
            steps = sorted({s.step for s in d.slips})
            plural = "s" if len(steps) > 1 else ""
            if set(steps) <= set(d.capped_in_why):
                # "Why this ending" says what they ruled out: not a third time here
                why = f"the critical slip{plural} that ruled out a better ending"
                if below_caps(d):  # the run ended lower than they allowed: say how far
                    cap = max((s.cap for s in d.slips), key=OUTCOME_RANK.__getitem__)
                    why = f"the critical slip{plural}, which ruled out any ending better than {cap}"
            else:
                cap = max((s.cap for s in d.slips), key=OUTCOME_RANK.__getitem__)
                which = "it" if len(steps) == 1 else "any of them"
                why = f"the critical slip{plural}: a run with {which} can end no better than {cap}"
            out.append(
                Line(
                    f"Play it again and try {steps_list(steps)} differently first ({why}).",
                    item=True,
                )
            )
    undermined = [p for p in d.principles if p.undermined]
    if undermined:
        # the progress screen's rule for "your weakest principle": after one run both
        # name the same
        at_slips = {s.step for s in d.slips}

        def broke(p: PrincipleBlock) -> dict[int, str]:
            """The slips (step: kind) of the kind that breaks `p` among its undermines."""
            return {
                s.step: s.kind
                for s in d.slips
                if BROKEN_BY.get(s.kind) == p.id and s.step in p.undermined_at
            }

        p = min(
            undermined,
            key=lambda p: weakness_key(
                p.honoured,
                p.undermined,
                p.id,
                len(at_slips.intersection(p.undermined_at)),
                # only the principle a slip's kind breaks is placed first (`weakness_key`)
                broke_by=list(broke(p).values()),
            ),
        )
        # quoted as the coach notes quote it: "Empower, don't direct, undermined at..." ran
        # the title's own comma into the sentence
        text = f"A principle to practise: “{p.title}” (undermined at {steps_list(p.undermined_at)}"
        if broke(p):
            # placed first by the slip rule, not by its share: said, or a trainee reading
            # "Empower, don't direct" at 0 of 3 in the scorecard below wondered why boundaries
            # at 2 of 5 was named (as the progress screen says "a dual relationship
            # undermined it in run 1")
            slips = broke(p)
            which = "slips" if len(slips) > 1 else "slip"
            text += f"; named because of your critical {which}: {slips_at(slips)}"
        text += ")."
        # an example from the catalogue, unless it is a line of this run (each is quoted once)
        quoted_here = (
            {r.said for r in d.decisions}
            | {r.alternative.say for r in d.decisions if r.alternative}
            | {t.say for t in d.turning_points}
            | set(d.turning_pair.says if d.turning_pair else ())
        )
        at = next((n for n, s in enumerate(p.sounds_like) if s not in quoted_here), None)
        if at is not None and at < p.own_examples:
            text += f" It can sound like: {quote(p.sounds_like[at])}"
        elif at is not None:
            # the catalogue's line, written for no one in particular: said as such, since
            # beside a suicide crisis "What would you like to focus on?" read as advice for
            # that moment (reviews 33a and 34b)
            text += f" In general, it can sound like: {quote(p.sounds_like[at])}"
        out.append(Line(text, item=True))
        # the progress screen's "Next" often names another scenario, in time another
        # principle: a trainee shown two suggestions needs to know why (debrief35)
        out.append(Line(("Both come" if len(out) > 1 else "This comes") + SCOPE_WORDS))
    return out


# after "Both come" or "This comes"
SCOPE_WORDS = (
    " from this run alone; your progress, across all your runs, may name another principle "
    "and suggests a scenario to play next."
)


def outline(d: Debrief, mode: str = "practice") -> list[Section]:
    """The debrief as sections, one source for the plain player, Markdown and the app."""
    top = [Line(ending_line(d)), Line(meters_summary(d))]
    if mode == "assessment":
        top.append(Line("The meters were hidden while you played; this is how they moved."))
    if d.replay_note:
        top.append(Line(d.replay_note))
    sections = [Section("", SUMMARY, tuple(top))]
    if d.why:  # empty only in a debrief stored before it was explained
        sections.append(Section(WHY_TITLE, SUMMARY, tuple(Line(s) for s in d.why)))
    if d.slips:
        sections.append(Section("Critical slips", SUMMARY, tuple(slip_lines(d))))
    turns = [Line(turning_sentence(d, n), item=True) for n in range(len(d.turning_points))]
    if d.turning_cut and d.outcome != "strong":
        # a 400-decision run: the replays stop after a few thousand moves (adversarial-10),
        # so "no one line would have changed it" would claim more than was tried
        turns.append(Line(CUT_WORDS))
    elif (
        not turns
        and d.outcome
        and d.outcome != "strong"
        and any(r.alternative for r in d.decisions)
    ):
        turns.append(
            Line(
                "Taking the stronger line at any one decision alone would not have changed "
                "this ending: it came from several of your decisions together, so more than "
                "one would need to change."
            )
        )
        if d.turning_pair is not None:
            turns.append(Line(pair_sentence(d.turning_pair), item=True))
        turns.append(Line(where_to_start(d)))
    if turns:
        sections.append(Section("Turning points", SUMMARY, tuple(turns)))
    practise = practise_next(d)
    if practise:
        sections.append(Section(NEXT_TITLE, SUMMARY, tuple(practise)))
    if d.words is not None:
        sections.append(Section(OWN_WORDS_TITLE, SUMMARY, tuple(word_count_lines(d.words))))
    if d.principles:
        card = [Line(f"{p.title}: {p.scoreline()}", item=True) for p in d.principles]
        if any(p.neutral for p in d.principles):  # a trainee asked: is neutral good or bad?
            card.append(Line(NEUTRAL_WORDS))
        sections.append(Section("Principles", SCORECARD, tuple(card)))
    story = []
    if d.ending_text:
        story.append(Line(d.ending_text))
    story.append(Line(CURVE_TITLE))
    for label, values in (
        ("  Trust:       ", [t for t, _ in d.curve]),
        ("  Empowerment: ", [e for _, e in d.curve]),
    ):
        points, note = curve_points(values)
        story.append(
            Line(label + " ".join(f"{v:>3}" for v in points) + (f" {note}" if note else ""))
        )
    sections.append(Section("How it ended", DETAILS, tuple(story)))
    if d.decisions:
        lines: list[Line] = []
        for r in d.decisions:
            lines += decision_lines(r)
        sections.append(Section("Your decisions", DETAILS, tuple(lines)))
    if d.reflect:
        sections.append(
            Section("To reflect on", DETAILS, tuple(Line(p, item=True) for p in d.reflect))
        )
    return sections
