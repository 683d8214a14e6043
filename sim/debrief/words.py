"""Conditions and slips said in a trainee's words, never in an author's ids.

A flag is named by what set it: the decision where the trainee said the line
("what you said at decision 3"), or the line that would have set it ("the
stronger line at decision 7", or the line quoted when it was never offered).
A scene is named by what was said there. Ids appear only when nothing else can.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sim.debrief.steps import steps_list

if TYPE_CHECKING:
    from collections.abc import Mapping

    from sim.engine import Decision
    from sim.model import Choice, Clause, Condition, Scenario

SLIP_WORDS = {
    "safety": "a safety slip (a missed risk cue, no crisis referral, or secrecy promised to a "
    "person at risk)",
    "confidentiality": "a breach of confidentiality (sharing information about someone without "
    "consent)",
    # what the bundled slips do, named: a trainee who offered a couch or took a gift card
    # read "sponsor, friend, money or a personal 24/7 line" and found neither (trainee40)
    "dual-relationship": "a dual relationship (a personal tie beside the coaching: sponsor, "
    "friend, host, money or gifts, or a personal 24/7 line)",
    "outside-role": "stepping outside the peer role (counselling, diagnosing, or medical or "
    "legal advice)",
}

SHORT = 90  # a quote longer than this is cut at a sentence or word boundary


def slip_words(kind: str) -> str:
    return SLIP_WORDS.get(kind, f"a critical slip ({kind})")


def slip_short(kind: str) -> str:
    """ "a safety slip": the kind without its gloss, for a one-line list of a run's slips."""
    return slip_words(kind).split(" (")[0]


def slips_at(slips: dict[int, str]) -> str:
    """ "a safety slip at decision 6; ...": where a run's critical slips were (runs, export).

    Slips of one kind share one phrase ("stepping outside the peer role at decisions
    6 and 10"), in the order of their first decision: said once per slip, the same
    long phrase filled a past-runs row twice over.
    """
    steps: dict[str, list[int]] = {}
    for step, kind in sorted(slips.items()):
        steps.setdefault(kind, []).append(step)
    return "; ".join(f"{slip_short(kind)} at {decisions(at)}" for kind, at in steps.items())


def decisions(steps: list[int]) -> str:
    """ "decision 6", "decisions 6 and 10", "decisions 2, 6 and 10": the steps of one kind
    of slip as a sentence says them, so `slips_at` names each kind once."""
    return steps_list(steps)


def slip_cap(kind: str, cap: str) -> str:
    """ "A dual relationship (...): a run with it can end no better than mixed." (debrief)"""
    words = slip_words(kind)
    return f"{words[0].upper()}{words[1:]}: a run with it can end no better than {cap}."


def slip_now(kind: str, cap: str) -> str:
    """The practice-mode note the moment a critical slip is said (app and plain player).

    Short, because it sits between the line and the reply: the meters may even
    rise (the person is pleased), so without it a trainee would not know the
    conversation can no longer end well until the debrief. The kind keeps its gloss: "a
    dual relationship" alone was jargon to a trainee who met it mid-conversation, with the
    gloss only in the debrief (trainee33).
    """
    return f"{slip_words(kind)}; this conversation can now end no better than {cap}."


def practice_note(choice: Choice, titles: Mapping[str, str]) -> str:
    """The practice-mode coach note, led by what the line undermined or honoured.

    The note is often the first sentence of the author's `why`, and for a line
    that tempts it can read as praise on its own ("Boundary questions are
    exactly what supervision is for." after skipping supervision), while the
    meters may even rise. Naming the verdict first says which way it points,
    in the debrief's own words. A line judged neutral throughout gets no lead.

    A line that honours all it touches and still lowers a meter (asking about suicide
    by name, taking back a promise) gets its whole `why`: its first sentence alone left
    "▼ -2 down" beside the safety move unexplained, and the sentences after it say why
    the dip is the honest cost. A line without a `why` still says what it honoured or
    undermined.
    """
    note = choice.coach_note()
    verdicts = set(choice.principles.values())
    dips = choice.trust < 0 or choice.empowerment < 0
    if not choice.note and choice.why and dips and verdicts == {"honours"}:
        note = choice.why

    def named(verdict: str) -> str:
        return either(
            [f"“{titles.get(pid, pid)}”" for pid, v in choice.principles.items() if v == verdict],
            "and",
        )

    undermined, honoured = named("undermines"), named("honours")
    lead = "; ".join(
        part
        for part in (
            f"undermines {undermined}" if undermined else "",
            f"honours {honoured}" if honoured else "",
        )
        if part
    )
    if not lead:
        return note
    return f"{lead[0].upper()}{lead[1:]}." + (f" {note}" if note else "")


def upper_first(text: str) -> str:
    """The text with its first letter a capital and the rest as written: `str.capitalize`
    lower-cased a quoted line after it too ("what you said at decision 3 (“i'm not a
    counselor…”)")."""
    return text[:1].upper() + text[1:]


def either(items: list[str], word: str = "or") -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + f" {word} " + items[-1]


def excerpt(text: str) -> str:
    """A short excerpt that still reads: the last sentences that fit, when the text is long.

    As many whole sentences from the end as fit, not only the last: "…Gone."
    alone would lose the moment ("…I got a letter from the landlord this
    morning and I just... Seven weeks. Gone.").
    """
    text = " ".join(text.split())
    if len(text) <= SHORT:
        return text
    sentences = _SENTENCE_END.split(text)
    tail = ""
    for sentence in reversed(sentences[1:]):
        longer = f"{sentence} {tail}" if tail else sentence
        if len(longer) > SHORT:
            break
        tail = longer
    if tail:
        return "…" + tail
    cut = text[:SHORT].rsplit(" ", 1)[0]
    return cut + "…"


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")


@dataclass(frozen=True)
class Context:
    """What phrasing needs to know about the run."""

    scenario: Scenario
    decisions: tuple[Decision, ...]
    alternatives: dict[int, tuple[str, int]]  # step -> (scene, choice index) of the stronger line

    def set_by(self, flag: str) -> list[int]:
        """The decisions (numbers) whose line set this flag."""
        out = []
        for step, d in enumerate(self.decisions, 1):
            if flag in self.scenario.scenes[d.scene].choices[d.index].sets:
                out.append(step)
        return out

    def setter(self, flag: str) -> tuple[str, int, str]:
        """Where a line that would have set `flag` was: ("stronger", step, ""),
        ("offered", step, line), ("unreached", 0, line), or ("unknown", 0, "").

        Of several lines that set it, the one quoted is the one a trainee could take as
        advice: a best line before a plain one, and a critical slip or a line that
        undermines a principle last. Quoted in file order, a run that never reached the
        moment was told a strong ending needed a guilt line that ending rules out
        (review 43b, crisis-moment means#1)."""
        setters = sorted(
            (
                (sid, i)
                for sid, scene in self.scenario.scenes.items()
                for i, c in enumerate(scene.choices)
                if flag in c.sets
            ),
            key=lambda at: _advisable(self.scenario.scenes[at[0]].choices[at[1]]),
        )
        if not setters:
            return "unknown", 0, ""
        for step, d in enumerate(self.decisions, 1):
            if (d.scene, d.index) not in setters and self.alternatives.get(step) in setters:
                return "stronger", step, ""
        for step, d in enumerate(self.decisions, 1):
            for sid, i in setters:
                if sid == d.scene and i in d.offered and i != d.index:
                    return "offered", step, self.scenario.scenes[sid].choices[i].say
        sid, i = setters[0]
        return "unreached", 0, self.scenario.scenes[sid].choices[i].say

    def scene_words(self, scene_id: str) -> str:
        scene = self.scenario.scenes.get(scene_id)
        if scene is None:
            return f"the moment '{scene_id}'"
        who = self.scenario.characters.get(scene.speaker or "")
        said = f"“{excerpt(scene.text)}”"
        return f"the moment where {who.name} says {said}" if who else f"the moment {said}"


def _advisable(choice: Choice) -> tuple[bool, bool, bool]:
    """Sort key: lines fit to quote as what a run needed come first (False sorts first)."""
    return (
        choice.critical is not None,
        "undermines" in choice.principles.values(),
        not choice.best,
    )


@dataclass(frozen=True)
class Misses:
    """What a condition needed that the run did not have, gathered for one sentence."""

    needs: tuple[str, ...] = ()  # "trust 60 or more (you finished at 52)", scenes
    stronger_at: tuple[int, ...] = ()  # the stronger line at these decisions was needed
    offered: tuple[tuple[int, str], ...] = ()  # another line offered at a decision was needed
    unreached: tuple[str, ...] = ()  # lines at moments the run never reached
    unknown: int = 0  # conditions no line sets (only a start can)
    ruled_out_by: tuple[int, ...] = ()  # decisions whose line ruled it out
    other: tuple[str, ...] = ()  # other things that ruled it out

    @property
    def empty(self) -> bool:
        return not (
            self.needs
            or self.stronger_at
            or self.offered
            or self.unreached
            or self.unknown
            or self.ruled_out_by
            or self.other
        )

    def need_words(self) -> list[str]:
        """The needs as phrases; lines named by decision, quoted only when few.

        A decision that already ruled the ending out is not named again as a
        need, and lines at moments the run never reached are left out when
        its own decisions explain the miss (they are where the path turned).
        """
        out = list(self.needs)
        steps = sorted(set(self.stronger_at) - set(self.ruled_out_by))
        by_decision = bool(self.stronger_at or self.offered or self.ruled_out_by)
        if len(steps) == 1:
            out.append(f"the stronger line at decision {steps[0]}")
        elif steps:
            out.append(f"the stronger lines at {steps_list(steps)}")
        few = len(out) + len(self.offered) + len(self.unreached) <= 2
        for step, say in self.offered:
            out.append(
                f"saying “{excerpt(say)}” at decision {step}"
                if few
                else f"another line at decision {step}"
            )
        if self.unreached and not by_decision:
            if len(self.unreached) == 1:
                out.append(
                    f"saying “{excerpt(self.unreached[0])}” (at a moment this run did not reach)"
                )
            elif len(self.unreached) <= 3:
                # Quoted, because "two lines at moments this run did not reach" left a
                # trainee nothing to look for on the next run.
                lines = [f"“{excerpt(say)}”" for say in dict.fromkeys(self.unreached)]
                out.append(f"saying {either(lines, 'and')} (at moments this run did not reach)")
            else:
                n = len(self.unreached)
                out.append(
                    (
                        "a line at a moment"
                        if n == 1
                        else f"{NUMBER.get(n, str(n))} lines at moments"
                    )
                    + " this run did not reach"
                )
        if self.unknown:
            out.append("a starting condition this run did not have")
        return out


NUMBER = {2: "two", 3: "three", 4: "four", 5: "five"}


def clause_misses(
    clause: Clause,
    ctx: Context,
    trust: int,
    empowerment: int,
    flags: frozenset[str],
    seen: frozenset[str],
) -> Misses:
    needs: list[str] = []
    ruled: list[int] = []
    other: list[str] = []
    for meter, value, low, high in (
        ("trust", trust, clause.min_trust, clause.max_trust),
        ("empowerment", empowerment, clause.min_empowerment, clause.max_empowerment),
    ):
        if low is not None and value < low:
            needs.append(f"{meter} {low} or more (you finished at {value})")
        if high is not None and value > high:
            needs.append(f"{meter} {high} or less (you finished at {value})")
    stronger: list[int] = []
    offered: list[tuple[int, str]] = []
    unreached: list[str] = []
    unknown = 0
    for flag in clause.flags:
        if flag not in flags:
            kind, step, say = ctx.setter(flag)
            if kind == "stronger":
                stronger.append(step)
            elif kind == "offered":
                offered.append((step, say))
            elif kind == "unreached":
                unreached.append(say)
            else:
                unknown += 1
    for flag in clause.not_flags:
        if flag in flags:
            by = ctx.set_by(flag)
            if by:
                ruled.extend(by)
            else:
                other.append("how the run started")
    for sid in clause.visited:
        if sid not in seen:
            needs.append("reaching " + ctx.scene_words(sid))
    for sid in clause.not_visited:
        if sid in seen:
            other.append("reaching " + ctx.scene_words(sid))
    return Misses(
        tuple(needs),
        tuple(stronger),
        tuple(offered),
        tuple(unreached),
        unknown,
        tuple(sorted(set(ruled))),
        tuple(other),
    )


def condition_misses(
    cond: Condition,
    ctx: Context,
    trust: int,
    empowerment: int,
    flags: frozenset[str],
    seen: frozenset[str],
) -> Misses:
    """What kept `cond` from holding; `any` becomes one "either ... or ..." need."""
    top = clause_misses(cond, ctx, trust, empowerment, flags, seen)
    if not cond.any or any(c.holds(trust, empowerment, flags, seen) for c in cond.any):
        return top
    options = []
    for c in cond.any:
        m = clause_misses(c, ctx, trust, empowerment, flags, seen)
        words = m.need_words()
        if m.ruled_out_by:
            words.append(f"a different line at {steps_list(m.ruled_out_by)}")
        words += [f"not {o}" for o in m.other]
        options.append(" and ".join(words))
    return replace(top, needs=top.needs + ("either " + either(options),))


def clause_met(clause: Clause, ctx: Context) -> list[str]:
    """What a holding condition asked for, in words (thresholds and the lines that set flags)."""
    out = []
    for meter, low, high in (
        ("trust", clause.min_trust, clause.max_trust),
        ("empowerment", clause.min_empowerment, clause.max_empowerment),
    ):
        if low is not None and high is not None:
            out.append(f"{meter} {low} to {high}")
        elif low is not None:
            out.append(f"{meter} {low} or more")
        elif high is not None:
            out.append(f"{meter} {high} or less")
    steps = sorted({s for flag in clause.flags for s in ctx.set_by(flag)})
    if steps:
        out.append(f"what you said at {steps_list(steps)}")
    return out
