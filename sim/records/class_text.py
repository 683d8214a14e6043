"""The class summary as plain text: what `peer-sim report` prints and the app shows.

Figures in words and numbers, no colour: the same lines go to a terminal, a file
and the app's class summary screen. The counts come first and the slips one a line
last, so a class of twenty reads as a class before it reads as a list.
"""

from __future__ import annotations

import re
from collections import Counter

from sim.cells import cells, wrap
from sim.look_alike import hidden_letters
from sim.records.class_next import work_on_next
from sim.records.classroom import OWNER, ClassSummary, Slip, TraineeSummary
from sim.records.progress import ORDER_WORDS
from sim.records.record import minutes_words
from sim.records.stored import local_minute, zone_name
from sim.text import clip
from sim.weakness import FEW_LINES, share_words

# each trainee's weakest as `progress --trainee` names it: a principle a critical slip broke
# first (the rule changed, records37, and the report never said it), and how few lines a
# share rests on below FEW_LINES (progress40)
WEAKEST_WORDS = (
    "weakest principle, one a critical slip broke coming first as in `progress`; a share "
    f"from fewer than {FEW_LINES} lines says how few"
)
SLIPS_SHOWN = 10  # a trainee's critical slips listed in the text summary, the newest
# A trainee's name printed whole up to this length, as `runs` prints it (a typed name is
# 40 at most: classroom.MAX_NAME); longer, from a store written by another program or
# edited by hand, it is cut and its length said. A name of 10,000 characters was printed
# whole on each of its lines, 125 rows of a terminal each (adversarial-40).
NAME_SHOWN = 80


def _slip_lines(name: str, slips: list[Slip], s: ClassSummary) -> list[str]:
    """One line a slip, the newest SLIPS_SHOWN of them; how many more, when there are.

    A store of a class over years held 10,003 slips, listed one a line: 872 KB of
    text in `report` and the app's class summary, the trainees past the first
    never reached (adversarial-10). CSV and JSON keep every slip.
    """
    more = len(slips) - SLIPS_SHOWN
    out = [f"  {name}: {_slip_line(slip, s)}" for slip in slips[max(more, 0) :]]
    if more > 0:
        earlier = "earlier critical slip" if more == 1 else "earlier critical slips"
        out.insert(0, f"  {name}: {more:,} {earlier}, not listed here (`peer-sim runs` has them)")
    return out


def _slip_short(kind: str) -> str:
    """ "a safety slip" (`sim.debrief.words.slip_short`), imported when a summary is printed."""
    from sim.debrief.words import slip_short

    return slip_short(kind)


def _slip_line(slip: Slip, s: ClassSummary) -> str:
    return (
        f"{_slip_short(slip.kind)} at decision {slip.decision} of {slip.where()}, "
        f"{s.slip_label(slip)} ({slip.mode})"
    )


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _labels(s: ClassSummary) -> dict[str, str]:
    """Each trainee's name as the summary prints it: a name drawn like another's says which
    of its letters are of another script, or 'Ana' and 'Аna' print as the same line."""
    out = {t.name: _cut(t.name) for t in s.trainees}
    for name in (n for group in s.look_alike for n in group):
        if hidden := hidden_letters(name):
            out[name] = f"{out[name]} ({hidden})"
    return out


def _cut(name: str) -> str:
    if len(name) <= NAME_SHOWN:
        return name
    return f"{clip(name, NAME_SHOWN - 1)}… ({len(name):,} characters)"


NAMED = 4  # trainees named for a principle that is their weakest, then "and N more"


def _names(names: list[str], shown: int = NAMED) -> str:
    """ "Ana", "Ana and Bo", "Ana, Bo and Chidi", "Ana, Bo, Chidi, Dee and 3 more"."""
    if len(names) > shown:
        return f"{', '.join(names[:shown])} and {len(names) - shown} more"
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


SCENARIOS_NAMED = 3  # the scenarios a trainee finished named on their line, then "and N more"
# ... and no more of them than fit in these columns (one at least): three long titles ran
# the names alone to 190 columns, the rest of the line after them (progress40)
SCENARIO_NAMES_CELLS = 64


def finished_titles(s: ClassSummary, t: TraineeSummary) -> list[str]:
    """The scenarios `t` finished, as the summary names them, by title: the text line's
    names and the CSV's `scenario_titles`."""
    return sorted((s.scenario_label(sid) for sid in t.scenarios), key=str.casefold)


def _scenarios_words(s: ClassSummary, t: TraineeSummary) -> str:
    """ "2 scenarios (Be My Sponsor and First Meeting)", "0 scenarios".

    The count alone ("1 scenario") left a trainer running `runs --trainee` to learn which
    one each trainee had finished (report39)."""
    titles = finished_titles(s, t)
    shown = SCENARIOS_NAMED
    while titles and shown > 1 and cells(_names(titles, shown)) > SCENARIO_NAMES_CELLS:
        shown -= 1
    named = f" ({_names(titles, shown)})" if titles else ""
    return f"{_plural(len(titles), 'scenario')}{named}"


def _work_on_next(s: ClassSummary, label: dict[str, str]) -> list[str]:
    """What to set the class next (`sim.records.class_next`), one line a principle."""
    out: list[str] = []
    for w in work_on_next(s):
        done, named = w.finished, [label[n] for n in w.weakest_for]
        if len(named) == 1:
            finished = "who has finished it before" if done else "who has not finished it yet"
        elif named:
            finished = (
                f"{done} of them {'has' if done == 1 else 'have'} finished it"
                if done
                else "none of them has finished it yet"
            )
        else:
            finished = (
                f"finished by {done} of the {w.trainees} trainees"
                if done
                else "no trainee has finished it yet"
            )
        whose = f"the weakest for {_names(named)}, " if named else ""
        others = (
            f"; {_plural(w.others, 'other scenario')} train{'s' if w.others == 1 else ''} it"
            if w.others
            else ""
        )
        scenario = s.scenario_label(w.scenario_id, w.scenario)
        out.append(f"  {w.principle}: {scenario} ({whose}{finished}{others})")
    if out:
        heading = (
            "To work on next with the class (for each weakest principle, of the scenarios that "
            "train it, the one the fewest have finished):"
        )
        out = ["", heading, *out]
    return out


def assessment_words(s: ClassSummary, t: TraineeSummary) -> str:
    """One trainee's assessment runs, scenario by scenario ("First Meeting: 1 strong, 1 poor
    (latest poor); Be My Sponsor: 1 unfinished"); "" with none. The text report's line
    and the CSV's `assessment_results` cell."""
    parts = []
    for a in t.assessment_results():
        counts = [f"{a.outcomes[k]} {k}" for k in ("strong", "mixed", "poor") if a.outcomes[k]]
        if a.unfinished:
            counts.append(f"{a.unfinished} unfinished")
        # "2 poor (latest poor)" says nothing the counts do not
        latest = f" (latest {a.latest_outcome})" if len(+a.outcomes) > 1 else ""
        parts.append(f"{s.scenario_label(a.scenario_id, a.scenario)}: {', '.join(counts)}{latest}")
    return "; ".join(parts)


def _assessment_lines(s: ClassSummary, label: dict[str, str]) -> list[str]:
    """Each trainee's assessment runs, scenario by scenario: what a trainer grades by.

    The trainee's line counts assessment outcomes over every scenario, so "in assessment
    2 / 0 / 1" did not say which scenario went poorly, nor whether the latest attempt did
    (classroom29). One line a trainee; none when no one played in assessment.
    """
    out = [f"  {label[t.name]}: {words}" for t in s.trainees if (words := assessment_words(s, t))]
    if out:
        heading = (
            "Assessment results, per trainee and scenario (finished runs by outcome, and which "
            "came last when they differ):"
        )
        out = ["", heading, *out]
    return out


def _modes_words(modes: Counter[str]) -> str:
    """How an ending's runs split by mode: ": 2 practice, 1 assessment" when both occur,
    ", in assessment" when all were; "" when all were practice, the default.

    "A polite goodbye (poor): 3 runs" counted practice and assessment together without
    saying so, and a trainer read three failed assessments (report39)."""
    if modes["practice"] and modes["assessment"]:
        return f": {modes['practice']} practice, {modes['assessment']} assessment"
    return ", in assessment" if modes["assessment"] else ""


ENDINGS_HEADING = "Endings reached, per scenario"


def _only_mode(s: ClassSummary) -> str:
    """ "practice" or "assessment" when every finished run of the class was in that mode."""
    modes: Counter[str] = Counter()
    for per in s.ending_modes.values():
        for counts in per.values():
            modes += counts
    return next(iter(modes)) if len(modes) == 1 else ""


def _class_modes_words(s: ClassSummary) -> str:
    """What the endings' counts are of, said once under the heading: a class whose every run
    was practice (or assessment) was never told which the endings came from (report39)."""
    only = _only_mode(s)
    if only:
        return f" (every run in {only} mode)"
    return " (practice runs, unless a line says assessment)"


def _not_in_library(s: ClassSummary) -> list[str]:
    """A note above the trainees' rows when the class played scenarios this library lacks."""
    if not s.not_in_library:
        return []
    names = ", ".join(f"{title} ({sid})" for sid, title in s.not_in_library.items())
    return [
        f"Played, but not in the library read: {names}. The scenarios suggested below come "
        "from this library only; if the class played from a --scenarios folder, give it to "
        "report too (peer-sim --scenarios DIR report).",
        "",
    ]


def lines(s: ClassSummary, top: int = 5, recordable: bool = True) -> list[str]:
    """The class summary as plain text: figures in words and numbers, no colour.

    `recordable=False`: the records folder cannot be written, so "when trainees play,
    their runs appear here" would contradict the read-only notice above it (adv30b).
    """
    label = _labels(s)
    if not s.trainees and not recordable:
        return ["No runs yet (and none can be recorded in this folder: said above)."]
    if not s.trainees:
        return [
            "No runs yet. When trainees play (peer-sim serve, or peer-sim play --trainee NAME), "
            "their runs appear here."
        ]
    named = [t for t in s.trainees if t.name != OWNER]
    # "0 trainees" above a "(your own runs)" row read as a contradiction (code-review-6)
    who = _plural(len(named), "trainee") if named else "your own runs only"
    if named and len(named) < len(s.trainees):
        # the finished runs counted after it include the owner's: "6 trainees, 7 finished
        # runs" hid that one of the seven was not a trainee's (programme19)
        who += " and your own runs"
    zone = zone_name()  # the times in this computer's zone, named once (stored.local_minute)
    out = [
        f"Class summary: {who}, {_plural(sum(t.finished for t in s.trainees), 'finished run')}",
        "",
        *_not_in_library(s),
        "Runs per trainee (finished: strong / mixed / poor; critical slips; time playing, last "
        f"active in {zone}; {WEAKEST_WORDS}; the scenario to play next):",
    ]
    for t in s.trainees:
        o = t.outcomes
        weakest = (
            # "0% from 1 line" (`share_words`): a single line's 0% read as a verdict
            f"{t.weakest.title} ({share_words(t.weakest.honoured, t.weakest.undermined)})"
            if t.weakest
            else ("none (nothing undermined yet)" if t.finished else "none judged yet")
        )
        unfinished = f", {t.unfinished} unfinished" if t.unfinished else ""
        which = [f"{t.given_up} given up"] if t.given_up else []
        which += [f"{t.assessed_unfinished} in assessment"] if t.assessed_unfinished else []
        if which:
            unfinished += f" ({', '.join(which)})"
        a = t.assessed
        assessed = (
            f"; in assessment {a['strong']} / {a['mixed']} / {a['poor']}" if a.total() else ""
        )
        where = f"; runs in {' and '.join(sorted(t.places))}" if t.places else ""
        slips = f"; {_plural(len(t.slips), 'critical slip')}" if t.slips else ""
        if t.unrecorded:  # a schema-2 store's runs: no count is not "none"
            slips += f"; critical slips not recorded in {_plural(len(t.unrecorded), 'run')}"
        # as `progress --trainee` suggests it: one that trains the weakest, or one not finished
        nxt = f"; next: {s.scenario_label(t.next.id, t.next.title)}" if t.next else ""
        out.append(
            f"  {label[t.name]}: {t.finished} finished ({o['strong']} / {o['mixed']} / {o['poor']}"
            f"{assessed}{slips}){unfinished}, {_scenarios_words(s, t)}; "
            f"{minutes_words(t.seconds)} playing, last {local_minute(t.last_active, zone)}; "
            f"weakest: {weakest}{nxt}{where}"
        )
    out += _assessment_lines(s, label)
    if s.look_alike:
        out += [
            "",
            "Names that look alike, each kept as a trainee of their own (if one person typed "
            "both, ask them to keep to one; their runs stay apart):",
        ]
        for group in s.look_alike:
            out.append("  " + " / ".join(label[n] for n in group))
    if s.endings:
        out += ["", f"{ENDINGS_HEADING}{_class_modes_words(s)}:"]
        only = _only_mode(s)
        for sid in s.by_title():
            # an edited scenario's endings side by side read as one scenario's (trainer-test-6)
            n_versions = s.versions.get(sid, 1)
            changed = (
                f" (played on {n_versions} versions of the scenario: it was edited between "
                "runs, so these endings may not compare)"
                if n_versions > 1
                else ""
            )
            out.append(f"  {s.scenario_label(sid)}{changed}:")
            for (ending, outcome), n in s.endings[sid].most_common():
                # all in one mode: the heading says it, once
                modes = "" if only else _modes_words(s.modes_of(sid, (ending, outcome)))
                out.append(f"      {ending} ({outcome}): {_plural(n, 'run')}{modes}")
    # only principles someone slipped on: a 100% principle is no one's weakness
    judged = [p for p in s.principles if p.mastery is not None and p.undermined]
    if not judged and any(p.mastery is not None for p in s.principles):
        out += ["", "No principle was undermined in any run."]
    if judged:
        out += [
            "",
            "Weakest principles across the class (share honoured of judged lines, in every run, "
            f"finished or not; {ORDER_WORDS}):",
        ]
        for p in judged[:top]:
            also = s.weakest_for.get(p.id, 0)
            who = f"; the weakest for {_plural(also, 'trainee')}" if also else ""
            out.append(
                f"  {p.title}: {round((p.mastery or 0) * 100)}% "
                f"(honoured {p.honoured}, undermined {p.undermined}){who}"
            )
    out += _work_on_next(s, label)
    # the slips one a line come last: a class of twenty listed up to 200 of them before
    # the endings and principles (trainer-test-7); each trainee's line above counts theirs
    if any(t.finished for t in s.trainees):
        slipped = [t for t in s.trainees if t.slips]
        unknown = [t for t in s.trainees if t.unrecorded]
        if not slipped:
            kept = " that kept them" if unknown else ""
            out += ["", f"No critical slip in any finished run{kept}."]
        else:
            out += ["", "Critical slips in finished runs (each caps its run's ending; follow up):"]
        for t in slipped:
            out += _slip_lines(label[t.name], t.slips, s)
        if unknown:
            out += [
                "",
                "Critical slips not recorded (runs kept by an older peer-sim, before runs kept "
                "their critical slips; any said there is not counted above; `export ID --format "
                "md` shows each line):",
            ]
            for t in unknown:
                named = ", ".join(
                    f"{run}" + (f" in {place}" if place else "") for run, place in t.unrecorded
                )
                runs = "run" if len(t.unrecorded) == 1 else "runs"
                out.append(f"  {label[t.name]}: {runs} {named}")
    for heading, kept in (
        ("in runs left unfinished (no ending or debrief yet; follow up)", "left"),
        # first instincts: gone from the transcript, and still worth a word
        ("said, then taken back (no part of the ending; worth a word)", "undone"),
    ):
        if any(getattr(t, kept) for t in s.trainees):
            out += ["", f"Critical slips {heading}:"]
            for t in s.trainees:
                out += _slip_lines(label[t.name], getattr(t, kept), s)
    return out


def fitted(text_lines: list[str], width: int) -> list[str]:
    """`text_lines` wrapped at `width` for a terminal, an item's later parts indented two
    more than its first, as the app's class summary shows them (a heading's not at all).

    A trainee's line runs to 150 characters; a terminal of 100 columns broke it mid-word
    ("weakest: List" / "en actively") at its first column, where the next trainee's name
    is looked for. A file or a pipe keeps one line a trainee, for grep and scripts.
    Widths are terminal columns (`sim.cells`): '李雷' is four of them, not two.
    """
    out: list[str] = []
    for line in text_lines:
        if cells(line) <= width:
            out.append(line)
            continue
        indent = line[: len(line) - len(line.lstrip(" "))]
        # a time and its unit, a date and its time, stay on one line: "0" ended a row
        # and "s playing" began the next, "last 2026-12-02" ended one (classroom29)
        held = kept_whole(line.strip(" "))
        wrapped = wrap(
            held,
            max(width, 40),
            initial_indent=indent,
            subsequent_indent=indent + "  " if indent else "",  # a heading goes on as one
            break_long_words=False,
        )
        out += [piece.replace(_HOLD, " ") for piece in wrapped] or [line]
    return out


# what `fitted` keeps on one line: minutes_words' times ("1 h 0 min", "3 min 5 s", "45 s")
# and a minute's date and time ("2026-12-02 17:44")
_TOGETHER = re.compile(r"\b(?:\d+ h \d+ min|\d+ min \d+ s|\d+ s|\d{4}-\d\d-\d\d \d\d:\d\d)\b")
_HOLD = "\u00a0"  # no break here (sim.cells.wrap breaks at ASCII spaces only); a space again


def kept_whole(line: str) -> str:
    """`line` with a no-break space inside each time and each date and time, so a wrap
    keeps them whole: `fitted` for a terminal, and the app's class summary
    (`sim.tui.widgets.hanging` wraps a no-break space as one word and shows a space)."""
    return _TOGETHER.sub(lambda m: m.group().replace(" ", _HOLD), line)
